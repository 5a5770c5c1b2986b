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
#include "pd-bench-wms.h"
#include "pd-store-wms.h"

#define N_ITEMS  PD_BENCH_WMS_N_ITEMS
#define N_MOVES  PD_BENCH_WMS_N_MOVES
#define N_ZONES  PD_BENCH_WMS_N_ZONES
#define N_BINS   PD_BENCH_WMS_N_BINS
#define READS    1000
#define POSTS    1000

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
    double median = pd_bench_percentile (times, READS, 0.5);
    double p99 = pd_bench_percentile (times, READS, 0.99);

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
    double median = pd_bench_percentile (times, POSTS, 0.5);
    double p99 = pd_bench_percentile (times, POSTS, 0.99);

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
  home = pd_bench_wms_fill_ledger (pd_store_get_db (store), FALSE);
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
  pd_bench_sql_exec (pd_store_get_db (store), "UPDATE items SET min_qty = 1000000, max_qty = 1000000 WHERE id = 1");
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
