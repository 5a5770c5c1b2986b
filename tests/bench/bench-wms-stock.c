/* bench-wms-stock.c — the stock ledger with 100,000 items and a million
 * moves: reading one item's on-hand, posting one move (the write part of
 * scan-to-feedback) and checking stock_levels against the ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-wms-stock"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pd-bench-utils.h"
#include "pd-store-wms.h"

#define N_ITEMS  100000
#define N_MOVES  (1000 * 1000)
#define N_ZONES  10
#define N_BINS   1000          /* 100 a zone */
#define READS    1000
#define POSTS    1000

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts VALUES. */
static double
percentile (double *values,
            guint   n,
            double  p)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[MIN ((guint) (p * n), n - 1)];
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

static void
step (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

/* Items 1…N_ITEMS, warehouse 1 with zones 2…11 and bins after them, and
 * N_MOVES moves written directly in one transaction: every item has a
 * home bin it is received into, issued from and transferred out of, never
 * below zero; item 1 has a tenth of all moves. stock_levels is then
 * derived from the moves in SQL, and pd_store_check_stock() confirms it. */
static void
fill (sqlite3 *db,
      gint64  *home_bin_of_item_1)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree gint64 *home = g_new0 (gint64, N_ITEMS + 1);
  g_autofree PdQty *held = g_new0 (PdQty, N_ITEMS + 1);
  const char *now = "2026-11-24T00:00:00Z";
  sqlite3_stmt *stmt;
  gint64 ts = g_get_real_time () - (gint64) N_MOVES * 1000;

  exec (db, "BEGIN");

  stmt = prepare (db, "INSERT INTO locations (id, uuid, code, kind, parent_id, warehouse_id, created_at, updated_at) "
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
      step (stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO items (id, uuid, sku, name, unit, created_at, updated_at) "
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
      step (stmt);
      home[id] = 2 + N_ZONES + g_rand_int_range (rand, 0, N_BINS);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO stock_moves (uuid, item_id, from_location, to_location, qty, reason, user_name, ts) "
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
      step (stmt);
    }
  sqlite3_finalize (stmt);

  exec (db,
        "INSERT INTO stock_levels (item_id, location_id, lot_id, qty) "
        "SELECT item_id, location_id, 0, SUM (q) FROM ("
        " SELECT item_id, to_location AS location_id, qty AS q FROM stock_moves WHERE to_location IS NOT NULL"
        " UNION ALL SELECT item_id, from_location, -qty FROM stock_moves WHERE from_location IS NOT NULL)"
        " GROUP BY item_id, location_id");
  exec (db, "COMMIT");
  exec (db, "ANALYZE");

  *home_bin_of_item_1 = home[1];
}

static void
time_on_hand (PdStore    *store,
              gint64      location_id,
              const char *what)
{
  double times[READS];
  PdQty qty = 0;

  for (guint r = 0; r < READS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = g_get_monotonic_time ();

      qty = pd_store_get_on_hand (store, 1, location_id, &error);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
      g_assert_no_error (error);
    }

  {
    g_autofree char *text = pd_qty_to_string (qty);
    double median = percentile (times, READS, 0.5);
    double p99 = percentile (times, READS, 0.99);

    printf ("  on-hand of SKU-000001 %s (%s pcs): median %.3f ms, p99 %.3f ms (%d reads; goal < 1 ms)\n",
            what, text, median, p99, READS);
  }
}

/* Receipt and issue in turn, each its own write as at a scanner. */
static void
time_posts (PdStore    *store,
            PdUser     *admin,
            gint64      home,
            const char *what)
{
  double times[POSTS];
  gint64 t;

  for (guint r = 0; r < POSTS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
      PdStockMove *move = pd_stock_move_new ();

      move->item_id = 1;
      move->qty = PD_QTY_ONE;
      if (r % 2 == 0)
        {
          move->reason = PD_MOVE_RECEIPT;
          move->to_location = home;
        }
      else
        {
          move->reason = PD_MOVE_ISSUE;
          move->from_location = home;
        }
      g_ptr_array_add (moves, move);

      t = g_get_monotonic_time ();
      if (!pd_store_post_moves (store, admin, moves, &error))
        g_error ("%s", error->message);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
    }
  {
    double median = percentile (times, POSTS, 0.5);
    double p99 = percentile (times, POSTS, 0.99);

    printf ("  posting one move (receipt or issue), %s: median %.2f ms, p99 %.2f ms (%d posts; goal < 5 ms, < 50 ms)\n",
            what, median, p99, POSTS);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = pd_bench_make_data_dir (0);
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 home = 0;
  gint64 t;

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);
  admin = pd_store_login (store, "admin", "bench-password-1", &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  fill (pd_store_get_db (store), &home);
  printf ("Stock ledger (%d items, %d moves, %d bins)\n", N_ITEMS, N_MOVES, N_BINS);
  printf ("  filling: %.1f s\n", (g_get_monotonic_time () - t) / 1e6);

  t = g_get_monotonic_time ();
  lines = pd_store_check_stock (store, &error);
  g_assert_no_error (error);
  printf ("  check of stock_levels against the ledger: %.2f s (%u differences)\n",
          (g_get_monotonic_time () - t) / 1e6, lines->len);
  g_assert_cmpuint (lines->len, ==, 0);

  time_on_hand (store, 0, "everywhere");
  time_on_hand (store, 1, "in the warehouse");
  time_on_hand (store, 2 + (home - 2 - N_ZONES) % N_ZONES, "in its home zone");
  time_on_hand (store, home, "in its home bin");

  time_posts (store, admin, home, "no thresholds");
  /* A maximum far below the on-hand: each post also rewrites the raised
   * high-stock alarm's message with the new quantity. */
  exec (pd_store_get_db (store), "UPDATE items SET min_qty = 1000000, max_qty = 1000000 WHERE id = 1");
  time_posts (store, admin, home, "high-stock alarm raised");

  g_clear_pointer (&lines, g_ptr_array_unref);
  t = g_get_monotonic_time ();
  lines = pd_store_check_stock (store, &error);
  g_assert_no_error (error);
  printf ("  check after the posts: %.2f s (%u differences)\n",
          (g_get_monotonic_time () - t) / 1e6, lines->len);
  g_assert_cmpuint (lines->len, ==, 0);

  g_clear_object (&admin);
  g_clear_object (&store);
  pd_bench_remove_data_dir (dir);

  return 0;
}
