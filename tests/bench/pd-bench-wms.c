/* pd-bench-wms.c — the warehouse benchmarks' SQL helpers and stock ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-bench-wms"

#include "config.h"

#include <stdlib.h>

#include "pd-bench-wms.h"
#include "pd-store-wms.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
pd_bench_percentile (double *values,
                     guint   n,
                     double  p)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[MIN ((guint) (p * n), n - 1)];
}

void
pd_bench_sql_exec (sqlite3    *db,
                   const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

sqlite3_stmt *
pd_bench_sql_prepare (sqlite3    *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

void
pd_bench_sql_step (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

#define N_ITEMS PD_BENCH_WMS_N_ITEMS
#define N_MOVES PD_BENCH_WMS_N_MOVES
#define N_ZONES PD_BENCH_WMS_N_ZONES
#define N_BINS  PD_BENCH_WMS_N_BINS

gint64
pd_bench_wms_fill_ledger (sqlite3  *db,
                          gboolean  with_barcodes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree gint64 *home = g_new0 (gint64, N_ITEMS + 1);
  g_autofree PdQty *held = g_new0 (PdQty, N_ITEMS + 1);
  const char *now = "2026-11-24T00:00:00Z";
  sqlite3_stmt *stmt;
  gint64 ts = g_get_real_time () - (gint64) N_MOVES * 1000;

  pd_bench_sql_exec (db, "BEGIN");

  stmt = pd_bench_sql_prepare (db, "INSERT INTO locations (id, uuid, code, kind, parent_id, warehouse_id, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, 1, ?, ?)");
  for (gint64 id = 1; id <= 1 + N_ZONES + N_BINS; id++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *code = NULL;

      if (id == 1)
        code = g_strdup ("WH1");
      else if (id <= 1 + N_ZONES)
        code = g_strdup_printf ("Z%02" G_GINT64_FORMAT, id - 1);
      else
        code = g_strdup_printf ("B-%04" G_GINT64_FORMAT, id - 1 - N_ZONES);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, id == 1 ? "warehouse" : id <= 1 + N_ZONES ? "zone" : "bin", -1, SQLITE_STATIC);
      if (id == 1)
        sqlite3_bind_null (stmt, 5);
      else if (id <= 1 + N_ZONES)
        sqlite3_bind_int64 (stmt, 5, 1);
      else
        sqlite3_bind_int64 (stmt, 5, 2 + (id - 2 - N_ZONES) % N_ZONES);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
      pd_bench_sql_step (stmt);
    }
  sqlite3_finalize (stmt);

  stmt = pd_bench_sql_prepare (db, "INSERT INTO items (id, uuid, sku, name, unit, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, 'pcs', ?, ?)");
  for (gint64 id = 1; id <= N_ITEMS; id++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *sku = g_strdup_printf ("SKU-%06" G_GINT64_FORMAT, id);
      g_autofree char *name = g_strdup_printf ("Item %" G_GINT64_FORMAT, id);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      pd_bench_sql_step (stmt);
      home[id] = 2 + N_ZONES + g_rand_int_range (rand, 0, N_BINS);
    }
  sqlite3_finalize (stmt);

  stmt = pd_bench_sql_prepare (db, "INSERT INTO stock_moves (uuid, item_id, from_location, to_location, qty, reason, user_name, ts) "
                                   "VALUES (?, ?, ?, ?, ?, ?, 'admin', ?)");
  for (guint n = 0; n < N_MOVES; n++)
    {
      char uuid[40];
      gint64 item = g_rand_int_range (rand, 0, 10) == 0 ? 1 : g_rand_int_range (rand, 1, N_ITEMS + 1);
      int kind = g_rand_int_range (rand, 0, 4);
      gint64 from = 0, to = 0;
      PdQty qty;
      const char *reason;

      if (held[item] < PD_QTY_ONE || kind < 2)
        {
          reason = "receipt";
          to = home[item];
          qty = 5 * PD_QTY_ONE + g_rand_int_range (rand, 0, 1000) * 1000;
          held[item] += qty;
        }
      else if (kind == 2)
        {
          reason = "issue";
          from = home[item];
          qty = PD_QTY_ONE;
          held[item] -= qty;
        }
      else
        {
          reason = "transfer";
          from = home[item];
          to = 2 + N_ZONES + g_rand_int_range (rand, 0, N_BINS);
          if (to == from)
            to = to == 2 + N_ZONES ? to + 1 : to - 1;
          qty = PD_QTY_ONE / 2;
          held[item] -= qty;
        }

      /* A cheap unique id: the fixture need not be random, only unique. */
      g_snprintf (uuid, sizeof uuid, "00000000-0000-4000-8000-%012u", n);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, item);
      if (from != 0)
        sqlite3_bind_int64 (stmt, 3, from);
      else
        sqlite3_bind_null (stmt, 3);
      if (to != 0)
        sqlite3_bind_int64 (stmt, 4, to);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int64 (stmt, 5, qty);
      sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, ts + n * 1000);
      pd_bench_sql_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (with_barcodes)
    {
      pd_bench_sql_exec (db, "INSERT INTO barcodes (code, item_id) SELECT 'EAN-' || id, id FROM items");
      pd_bench_sql_exec (db, "INSERT INTO barcodes (code, location_id) SELECT 'LOC-' || code, id FROM locations WHERE kind = 'bin'");
    }

  pd_bench_sql_exec (db,
                     "INSERT INTO stock_levels (item_id, location_id, lot_id, qty) "
                     "SELECT item_id, location_id, 0, SUM (q) FROM ("
                     " SELECT item_id, to_location AS location_id, qty AS q FROM stock_moves WHERE to_location IS NOT NULL"
                     " UNION ALL SELECT item_id, from_location, -qty FROM stock_moves WHERE from_location IS NOT NULL)"
                     " GROUP BY item_id, location_id");
  pd_bench_sql_exec (db, "COMMIT");
  pd_bench_sql_exec (db, "ANALYZE");

  return home[1];
}

