/* pd-schedule-load.c — a schedule of the open work orders, read from the
 * store's database
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-mes-private.h"
#include "pd-qty.h"
#include "pd-read-conn.h"
#include "pd-schedule-private.h"

static gint64
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static gboolean
load_work_centers (PdSchedule  *self,
                   sqlite3     *db,
                   GTimeZone   *tz,
                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT id FROM work_centers ORDER BY code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PdWorkCenter) wc = _pd_work_center_load (db, g_array_index (ids, gint64, i), error);
      g_autoptr(PdWorkCalendar) calendar = NULL;

      if (wc == NULL)
        return FALSE;
      calendar = pd_work_center_build_calendar (wc, tz, error);
      if (calendar == NULL)
        return FALSE;
      pd_schedule_add_work_center (self, wc->id, wc->code, wc->kind, wc->capacity, calendar);
    }
  return TRUE;
}

/* unit_us × remaining quantity (a PdQty) without overflowing. */
static gint64
run_time (gint64 unit_us,
          PdQty  remaining)
{
  if (remaining <= 0 || unit_us <= 0)
    return 0;
  return remaining / PD_QTY_ONE * unit_us + (gint64) ((double) (remaining % PD_QTY_ONE) * unit_us / PD_QTY_ONE);
}

PdSchedule *
pd_schedule_load (sqlite3    *db,
                  GTimeZone  *tz,
                  GError    **error)
{
  g_autoptr(PdSchedule) self = pd_schedule_new ();
  sqlite3_stmt *stmt;
  gint64 last_order = 0;
  gboolean executing = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!load_work_centers (self, db, tz, error))
    return NULL;

  stmt = pd_read_conn_prepare (db,
                               "SELECT w.id, w.number, i.sku, w.priority, w.due, w.created_at, w.qty, w.status, "
                               "o.seq, o.work_center_id, o.setup_us, o.run_us, o.overlap, o.status, "
                               "o.planned_start, o.planned_end, o.locked, o.good, o.scrap "
                               "FROM work_orders w JOIN items i ON i.id = w.product_id "
                               "JOIN wo_operations o ON o.work_order_id = w.id "
                               "WHERE w.status IN ('released', 'scheduled', 'issued', 'in-progress', 'paused') "
                               "ORDER BY w.id, o.seq",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PdQty qty = sqlite3_column_int64 (stmt, 6);
      const char *op_status = (const char *) sqlite3_column_text (stmt, 13);
      gint64 start = parse_time ((const char *) sqlite3_column_text (stmt, 14));
      gint64 end = parse_time ((const char *) sqlite3_column_text (stmt, 15));
      gboolean locked = sqlite3_column_int (stmt, 16) != 0;
      PdQty done = sqlite3_column_int64 (stmt, 17) + sqlite3_column_int64 (stmt, 18);
      gint64 unit_us = sqlite3_column_int64 (stmt, 11);
      int wc = pd_schedule_find_work_center (self, sqlite3_column_int64 (stmt, 9));
      gboolean planned = start > 0 && end >= start;
      PdSchedState state = PD_SCHED_FREE;

      if (id != last_order)
        {
          const char *status = (const char *) sqlite3_column_text (stmt, 7);

          pd_schedule_add_order (self, id,
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 sqlite3_column_int (stmt, 3),
                                 parse_time ((const char *) sqlite3_column_text (stmt, 4)),
                                 parse_time ((const char *) sqlite3_column_text (stmt, 5)));
          executing = g_strcmp0 (status, "released") != 0 && g_strcmp0 (status, "scheduled") != 0;
          last_order = id;
        }
      if (wc < 0)
        continue;

      if (!executing)
        state = locked && planned ? PD_SCHED_LOCKED : PD_SCHED_FREE;
      else if (g_strcmp0 (op_status, "running") == 0 || g_strcmp0 (op_status, "paused") == 0)
        state = PD_SCHED_RUNNING;
      else if (g_strcmp0 (op_status, "done") == 0)
        state = PD_SCHED_DONE;
      else
        state = planned ? PD_SCHED_LOCKED : PD_SCHED_FREE;
      if (!planned)
        start = end = 0;

      pd_schedule_add_operation (self, sqlite3_column_int (stmt, 8), wc,
                                 sqlite3_column_int64 (stmt, 10), unit_us,
                                 run_time (unit_us, qty - done),
                                 sqlite3_column_int (stmt, 12) != 0, state,
                                 qty > 0 ? (double) done / qty : 0.0,
                                 start, end);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&self);
}
