/* pd-kpi-test-utils.c — the hand-computed shift shared by the KPI tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pd-kpi-test-utils.h"
#include "pd-test-utils.h"

gint64
pd_kpi_test_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static void
add_work_center (PdStore    *store,
                 PdUser     *user,
                 const char *code,
                 const char *shift_text,
                 guint       capacity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Work center %s", code);
  wc->capacity = capacity;
  g_assert_true (pd_shift_parse (shift_text, &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (store, user, wc, &error));
  g_assert_no_error (error);
}

static void
set_routing (PdStore    *store,
             PdUser     *user,
             const char *product,
             gint64      run_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();

  routing->product_sku = g_strdup (product);
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "PRESS", 0, run_s * G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (store, user, routing, &error));
  g_assert_no_error (error);
}

/* Creates, releases, schedules and issues an order; returns its id. */
static gint64
issued_order (PdStore    *store,
              PdUser     *user,
              const char *product,
              const char *qty,
              const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autofree char *warning = NULL;

  wo->product_sku = g_strdup (product);
  wo->qty = pd_test_qty (qty);
  wo->due = g_strdup (due);
  g_assert_true (pd_store_create_work_order (store, user, wo, &warning, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_release_work_order (store, user, wo->number, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_work_order_action (store, user, wo->number, PD_WO_ACTION_SCHEDULE, 0, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_issue_work_order (store, user, wo->number, &error));
  g_assert_no_error (error);
  return wo->id;
}

static void
event (sqlite3    *db,
       gint64      wo_id,
       const char *kind,
       const char *reason,
       int         good,
       int         scrap,
       const char *at)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO wo_events (uuid, work_order_id, seq, kind, reason, good, scrap, "
                                       "source, at) VALUES (?, ?, 10, ?, ?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, wo_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, (gint64) good * PD_QTY_ONE);
  sqlite3_bind_int64 (stmt, 6, (gint64) scrap * PD_QTY_ONE);
  if (g_str_equal (kind, "report"))
    sqlite3_bind_text (stmt, 7, "manual", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, at, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

void
pd_kpi_test_populate (PdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdUser) supervisor = pd_test_login (store, "supervisor");
  sqlite3 *db = pd_store_get_db (store);
  gint64 wo1, wo2;

  pd_test_add_item (store, admin, "P", "pcs", NULL, FALSE);
  pd_test_add_item (store, admin, "Q", "pcs", NULL, FALSE);
  add_work_center (store, supervisor, "PRESS", "mon-fri:06:00-14:00/10:00-10:30", 1);
  add_work_center (store, supervisor, "ASSEMBLY", "mon-fri:06:00-14:00", 2);
  set_routing (store, supervisor, "P", 60);
  set_routing (store, supervisor, "Q", 30);
  wo1 = issued_order (store, supervisor, "P", "300", "2026-11-23T12:00:00Z");
  wo2 = issued_order (store, supervisor, "Q", "200", "2026-11-23T12:30:00Z");

  event (db, wo1, "start", NULL, 0, 0, "2026-11-23T06:00:00.000000Z");
  event (db, wo1, "pause", "breakdown", 0, 0, "2026-11-23T07:00:00.000000Z");
  event (db, wo1, "resume", NULL, 0, 0, "2026-11-23T07:45:00.000000Z");
  event (db, wo1, "report", "material", 150, 10, "2026-11-23T09:00:00.000000Z");
  event (db, wo1, "pause", "material", 0, 0, "2026-11-23T11:00:00.000000Z");
  event (db, wo1, "resume", NULL, 0, 0, "2026-11-23T11:20:00.000000Z");
  event (db, wo1, "report", NULL, 90, 0, "2026-11-23T11:50:00.000000Z");
  event (db, wo1, "complete", NULL, 0, 0, "2026-11-23T12:00:00.000000Z");
  event (db, wo2, "start", NULL, 0, 0, "2026-11-23T12:15:00.000000Z");
  event (db, wo2, "report", "setup", 160, 10, "2026-11-23T13:30:00.000000Z");
  event (db, wo2, "complete", NULL, 0, 0, "2026-11-23T13:40:00.000000Z");

  g_assert_true (pd_store_rebuild_work_orders (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_query_int (store, "SELECT count (*) FROM work_orders WHERE status = 'completed'"), ==, 2);
}
