/* bench-wms-import.c — the item CSV import (10,000 items, median of 5) and
 * resolving a scanned code among 100,000 items (median and p99 of 10,000
 * lookups)
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-wms-import"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pd-bench-utils.h"
#include "pd-bench-wms.h"
#include "pd-store-wms.h"

#define N_IMPORT   10000
#define RUNS       5
#define N_RESOLVE  100000
#define N_BINS     1000
#define LOOKUPS    10000

/* N items with every column: two barcodes, a category, thresholds; every
 * tenth name quoted with a comma, every seventh in Chinese. NAME_SUFFIX
 * makes a second file that updates the same SKUs. */
static GString *
make_csv (guint       n,
          const char *name_suffix)
{
  GString *csv = g_string_new ("sku,name,unit,category,barcodes,min,max,lot_tracked\n");

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (csv, "SKU-%06u,", i);
      if (i % 10 == 0)
        g_string_append_printf (csv, "\"Bolt, M%u × 40%s\"", i % 30, name_suffix);
      else if (i % 7 == 0)
        g_string_append_printf (csv, "六角螺栓 M%u%s", i % 30, name_suffix);
      else
        g_string_append_printf (csv, "Item %u%s", i, name_suffix);
      g_string_append_printf (csv, ",pcs,Group %u,40%010u|BC%07u,%u.5,%u,%s\n",
                              i % 50, i, i, i % 20, 100 + i % 20, i % 3 == 0 ? "true" : "false");
    }

  return csv;
}

static void
bench_import (void)
{
  g_autoptr(GString) csv = make_csv (N_IMPORT, "");
  g_autoptr(GString) again = make_csv (N_IMPORT, " (2)");
  double add_times[RUNS];
  double update_times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autofree char *dir = pd_bench_make_data_dir (0);
      g_autoptr(PdStore) store = NULL;
      g_autoptr(PdUser) admin = NULL;
      g_autoptr(GError) error = NULL;
      guint added = 0, updated = 0;
      gint64 t;

      store = pd_store_open (dir, &error);
      g_assert_no_error (error);
      admin = pd_store_login (store, "admin", "bench-password-1", &error);
      g_assert_no_error (error);

      t = g_get_monotonic_time ();
      if (!pd_store_import_items (store, admin, csv->str, csv->len, &added, &updated, &error))
        g_error ("%s", error->message);
      add_times[r] = (g_get_monotonic_time () - t) / 1e6;
      g_assert_cmpuint (added, ==, N_IMPORT);

      t = g_get_monotonic_time ();
      if (!pd_store_import_items (store, admin, again->str, again->len, &added, &updated, &error))
        g_error ("%s", error->message);
      update_times[r] = (g_get_monotonic_time () - t) / 1e6;
      g_assert_cmpuint (updated, ==, N_IMPORT);

      g_clear_object (&admin);
      g_clear_object (&store);
      pd_bench_remove_data_dir (dir);
    }

  printf ("Item CSV import (%d items, %.1f MB, every column)\n", N_IMPORT, csv->len / 1e6);
  printf ("  new items: median %.3f s of %d runs (goal < 2 s)\n",
          pd_bench_median (add_times, RUNS), RUNS);
  printf ("  the same SKUs again (all updated): median %.3f s of %d runs\n",
          pd_bench_median (update_times, RUNS), RUNS);
}

static void
bench_resolve (void)
{
  g_autofree char *dir = pd_bench_make_data_dir (0);
  g_autoptr(GString) csv = make_csv (N_RESOLVE, "");
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree double *times = g_new (double, LOOKUPS);
  g_autoptr(PdLocation) warehouse = pd_location_new (PD_LOCATION_WAREHOUSE);
  guint found = 0;
  gint64 t;

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);
  admin = pd_store_login (store, "admin", "bench-password-1", &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  if (!pd_store_import_items (store, admin, csv->str, csv->len, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("Resolving a scanned code (%d items, %d barcodes, %d bins with barcodes)\n",
          N_RESOLVE, 2 * N_RESOLVE, N_BINS);
  printf ("  importing the %d items: %.2f s\n", N_RESOLVE, (g_get_monotonic_time () - t) / 1e6);

  warehouse->code = g_strdup ("WH1");
  if (!pd_store_add_location (store, admin, warehouse, &error))
    g_error ("%s", error->message);
  for (guint i = 1; i <= N_BINS; i++)
    {
      g_autoptr(PdLocation) bin = pd_location_new (PD_LOCATION_BIN);

      bin->code = g_strdup_printf ("A-%04u", i);
      bin->barcode = g_strdup_printf ("LOC%06u", i);
      bin->parent_id = warehouse->id;
      if (!pd_store_add_location (store, admin, bin, &error))
        g_error ("%s", error->message);
    }

  /* A mix as at a scanner: item barcodes, SKUs in other case, bin
   * barcodes, bin codes, and codes nobody knows. */
  for (guint i = 0; i < LOOKUPS; i++)
    {
      g_autofree char *code = NULL;
      guint n = g_rand_int_range (rand, 1, N_RESOLVE + 1);
      guint b = g_rand_int_range (rand, 1, N_BINS + 1);
      gint64 item_id = 0, location_id = 0;

      switch (i % 5)
        {
        case 0: code = g_strdup_printf ("40%010u", n); break;
        case 1: code = g_strdup_printf ("sku-%06u", n); break;
        case 2: code = g_strdup_printf ("LOC%06u", b); break;
        case 3: code = g_strdup_printf ("a-%04u", b); break;
        default: code = g_strdup_printf ("NOPE%08u", n); break;
        }

      t = g_get_monotonic_time ();
      if (pd_store_resolve_code (store, code, &item_id, &location_id, NULL))
        found++;
      times[i] = (g_get_monotonic_time () - t) / 1e3;
    }
  g_assert_cmpuint (found, ==, LOOKUPS / 5 * 4);

  {
    double median = pd_bench_percentile (times, LOOKUPS, 0.5);
    double p99 = pd_bench_percentile (times, LOOKUPS, 0.99);

    printf ("  pd_store_resolve_code: median %.3f ms, p99 %.3f ms (%d lookups, a fifth unknown)\n",
            median, p99, LOOKUPS);
  }

  g_clear_object (&admin);
  g_clear_object (&store);
  pd_bench_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  bench_import ();
  bench_resolve ();

  return 0;
}
