/* test-kpi.c — KPIs and OEE against a shift computed by hand: events at
 * chosen times, the ISO 22400 figures, the downtime Pareto, the on-time
 * rate, the edge cases and the CSV
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-kpi-test-utils.h"
#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  pd_kpi_test_populate (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

static PdKpiReport *
compute (Fixture    *f,
         const char *wc,
         const char *from,
         const char *to,
         PdKpiBy     by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  PdKpiReport *r;

  r = pd_kpi_compute (pd_store_get_db (f->store), wc, pd_kpi_test_time (from), pd_kpi_test_time (to), by, utc,
                      pd_kpi_test_time ("2026-11-30T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* The hand computation of the Monday shift 2026-11-23 06:00–14:00 with a
 * break 10:00–10:30 on PRESS (capacity 1); the events are listed in
 * pd-kpi-test-utils.c.
 *
 *   PPT         = 8 h − 30 min                        = 450 min = 27000 s
 *   run, order 1: 06:00–07:00 (60) + 07:45–11:00 less the break (195 − 30
 *               = 165) + 11:20–12:00 (40)             = 265 min
 *   run, order 2: 12:15–13:40                          =  85 min
 *   run time    = 350 min = 21000 s
 *   downtime    = 450 − 350 = 100 min: breakdown 07:00–07:45 = 45,
 *               material 11:00–11:20 = 20, and neither running nor paused
 *               12:00–12:15 + 13:40–14:00 = 35 (no work)
 *   Pareto      = breakdown 45 (45 %), no work 35 (80 %), material 20 (100 %)
 *   counts      = order 1: 150 good + 10 scrap, 90 good; order 2: 160 good
 *               + 10 scrap → good 400, scrap 20, total 420
 *   ideal time  = 60 s × 250 + 30 s × 170 = 15000 + 5100 = 20100 s
 *   A = 21000 / 27000 = 7/9 = 0.777…
 *   P = 20100 / 21000 = 67/70 = 0.957142857…
 *   Q = 400 / 420 = 20/21 = 0.952380952…
 *   OEE = 7/9 × 67/70 × 20/21 = 134000 / 189000 = 0.708994709…
 *   scrap rate = 20 / 420 = 1/21
 *   on time: order 1 completed 12:00, due 12:00 (on time, "at or before");
 *   order 2 completed 13:40, due 12:30 (late) → 1 / 2 = 0.5 */
static void
assert_monday (const PdKpiBucket *b)
{
  g_assert_cmpint (b->ppt_us, ==, G_GINT64_CONSTANT (27000) * G_USEC_PER_SEC);
  g_assert_cmpint (b->run_us, ==, G_GINT64_CONSTANT (21000) * G_USEC_PER_SEC);
  g_assert_cmpint (b->downtime_us, ==, G_GINT64_CONSTANT (6000) * G_USEC_PER_SEC);
  g_assert_cmpint (b->ideal_us, ==, G_GINT64_CONSTANT (20100) * G_USEC_PER_SEC);
  g_assert_cmpint (b->good, ==, 400 * PD_QTY_ONE);
  g_assert_cmpint (b->scrap, ==, 20 * PD_QTY_ONE);
  g_assert_cmpint (b->total, ==, 420 * PD_QTY_ONE);
  g_assert_cmpfloat_with_epsilon (b->availability, 7.0 / 9.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->performance, 67.0 / 70.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->quality, 20.0 / 21.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->oee, 134000.0 / 189000.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->scrap_rate, 1.0 / 21.0, 1e-12);
  g_assert_cmpuint (b->orders_completed, ==, 2);
  g_assert_cmpuint (b->orders_on_time, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->on_time_rate, 0.5, 1e-12);

  g_assert_cmpuint (b->downtime->len, ==, 3);
  g_assert_cmpstr (g_array_index (b->downtime, PdKpiDowntime, 0).reason, ==, "breakdown");
  g_assert_cmpint (g_array_index (b->downtime, PdKpiDowntime, 0).us, ==, G_GINT64_CONSTANT (45) * 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (g_array_index (b->downtime, PdKpiDowntime, 0).cumulative, 0.45, 1e-12);
  g_assert_cmpstr (g_array_index (b->downtime, PdKpiDowntime, 1).reason, ==, PD_KPI_REASON_NO_WORK);
  g_assert_cmpint (g_array_index (b->downtime, PdKpiDowntime, 1).us, ==, G_GINT64_CONSTANT (35) * 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (g_array_index (b->downtime, PdKpiDowntime, 1).share, 0.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (b->downtime, PdKpiDowntime, 1).cumulative, 0.80, 1e-12);
  g_assert_cmpstr (g_array_index (b->downtime, PdKpiDowntime, 2).reason, ==, "material");
  g_assert_cmpint (g_array_index (b->downtime, PdKpiDowntime, 2).us, ==, G_GINT64_CONSTANT (20) * 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (g_array_index (b->downtime, PdKpiDowntime, 2).cumulative, 1.0, 1e-12);
}

static void
test_hand_computed_shift (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdKpiReport) shift = NULL;
  g_autoptr(PdKpiReport) day = NULL;
  g_autoptr(PdKpiReport) range = NULL;

  /* The shift as its own range. */
  range = compute (f, "press", "2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", PD_KPI_BY_RANGE);
  g_assert_cmpuint (range->rows->len, ==, 1);
  g_assert_cmpstr (((PdKpiBucket *) range->rows->pdata[0])->work_center, ==, "PRESS");
  assert_monday (range->rows->pdata[0]);
  assert_monday (range->total);

  /* Cut by shift over the whole day: one bucket, the shift. */
  shift = compute (f, "PRESS", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", PD_KPI_BY_SHIFT);
  g_assert_cmpuint (shift->rows->len, ==, 1);
  g_assert_cmpint (((PdKpiBucket *) shift->rows->pdata[0])->start, ==, pd_kpi_test_time ("2026-11-23T06:00:00Z"));
  g_assert_cmpint (((PdKpiBucket *) shift->rows->pdata[0])->end, ==, pd_kpi_test_time ("2026-11-23T14:00:00Z"));
  assert_monday (shift->rows->pdata[0]);

  /* By day over Monday and Tuesday: Monday as above; on Tuesday the
   * shift was planned and nothing ran: A = 0 and so OEE = 0, while P and
   * Q have no divisor. */
  day = compute (f, "PRESS", "2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z", PD_KPI_BY_DAY);
  g_assert_cmpuint (day->rows->len, ==, 2);
  assert_monday (day->rows->pdata[0]);
  {
    PdKpiBucket *tue = day->rows->pdata[1];

    g_assert_cmpint (tue->ppt_us, ==, G_GINT64_CONSTANT (27000) * G_USEC_PER_SEC);
    g_assert_cmpint (tue->run_us, ==, 0);
    g_assert_cmpfloat (tue->availability, ==, 0.0);
    g_assert_true (isnan (tue->performance));
    g_assert_true (isnan (tue->quality));
    g_assert_true (isnan (tue->scrap_rate));
    g_assert_true (isnan (tue->on_time_rate));
    g_assert_cmpfloat (tue->oee, ==, 0.0);
    g_assert_cmpuint (tue->downtime->len, ==, 1);
    g_assert_cmpstr (g_array_index (tue->downtime, PdKpiDowntime, 0).reason, ==, PD_KPI_REASON_NO_WORK);
  }
  /* The two days together: PPT doubles, the rest is Monday's. */
  g_assert_cmpint (day->total->ppt_us, ==, G_GINT64_CONSTANT (54000) * G_USEC_PER_SEC);
  g_assert_cmpint (day->total->run_us, ==, G_GINT64_CONSTANT (21000) * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (day->total->availability, 21000.0 / 54000.0, 1e-12);
}

/* Half a shift: the clipping of running and paused spans to the range,
 * and the reports by their time. 06:00–09:00: PPT 180 min; run 06:00–07:00
 * and 07:45–09:00 = 135 min; breakdown 45 min; the report at 09:00 is not
 * inside [06:00, 09:00): no count, so P = 0 / 135 min = 0, Q undefined
 * and OEE 0 (nothing produced in planned time). */
static void
test_clipped_range (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = compute (f, "PRESS", "2026-11-23T06:00:00Z", "2026-11-23T09:00:00Z", PD_KPI_BY_RANGE);
  PdKpiBucket *b = r->rows->pdata[0];

  g_assert_cmpint (b->ppt_us, ==, G_GINT64_CONSTANT (180) * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (b->run_us, ==, G_GINT64_CONSTANT (135) * 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (b->availability, 0.75, 1e-12);
  g_assert_cmpint (b->total, ==, 0);
  g_assert_cmpfloat (b->performance, ==, 0.0);
  g_assert_true (isnan (b->quality));
  g_assert_cmpfloat (b->oee, ==, 0.0);
  g_assert_cmpuint (b->downtime->len, ==, 1);
  g_assert_cmpstr (g_array_index (b->downtime, PdKpiDowntime, 0).reason, ==, "breakdown");
}

/* No planned production time (a Saturday): every ratio undefined, no
 * division by zero; and the edge of the other work center, which has no
 * operations at all. */
static void
test_no_planned_time (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = compute (f, NULL, "2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z", PD_KPI_BY_RANGE);

  g_assert_cmpuint (r->work_centers->len, ==, 2);
  for (guint i = 0; i < r->rows->len; i++)
    {
      PdKpiBucket *b = r->rows->pdata[i];

      g_assert_cmpint (b->ppt_us, ==, 0);
      g_assert_true (isnan (b->availability));
      g_assert_true (isnan (b->performance));
      g_assert_true (isnan (b->quality));
      g_assert_true (isnan (b->oee));
      g_assert_cmpuint (b->downtime->len, ==, 0);
    }
}

/* Both work centers together on Monday: ASSEMBLY (capacity 2, 06:00–14:00
 * without a break) adds 2 × 480 min of PPT and nothing else. */
static void
test_all_work_centers (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = compute (f, NULL, "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", PD_KPI_BY_DAY);
  PdKpiBucket *t;

  g_assert_cmpuint (r->rows->len, ==, 2);
  g_assert_cmpstr (((PdKpiBucket *) r->rows->pdata[0])->work_center, ==, "ASSEMBLY");
  g_assert_cmpint (((PdKpiBucket *) r->rows->pdata[0])->ppt_us, ==, G_GINT64_CONSTANT (960) * 60 * G_USEC_PER_SEC);
  assert_monday (r->rows->pdata[1]);
  g_assert_cmpuint (r->totals->len, ==, 1);
  t = r->totals->pdata[0];
  g_assert_null (t->work_center);
  g_assert_cmpint (t->ppt_us, ==, G_GINT64_CONSTANT (27000 + 57600) * G_USEC_PER_SEC);
  g_assert_cmpint (t->run_us, ==, G_GINT64_CONSTANT (21000) * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (t->availability, 21000.0 / 84600.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t->quality, 20.0 / 21.0, 1e-12);
  g_assert_cmpuint (t->orders_completed, ==, 2);
  /* No work: PRESS's 35 min and ASSEMBLY's 960. */
  g_assert_cmpstr (g_array_index (t->downtime, PdKpiDowntime, 0).reason, ==, PD_KPI_REASON_NO_WORK);
  g_assert_cmpint (g_array_index (t->downtime, PdKpiDowntime, 0).us, ==, G_GINT64_CONSTANT (995) * 60 * G_USEC_PER_SEC);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = compute (f, "PRESS", "2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z", PD_KPI_BY_DAY);
  g_autofree char *csv = pd_kpi_report_to_csv (r);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, 2 days, "" */
  g_assert_cmpstr (lines[0], ==,
                   "work_center,start,end,ppt_s,run_s,downtime_s,good,scrap,total,scrap_rate,availability,"
                   "performance,quality,oee,orders_completed,orders_on_time,on_time_rate,downtime_by_reason");
  g_assert_cmpstr (lines[1], ==,
                   "PRESS,2026-11-23T00:00:00.000+00:00,2026-11-24T00:00:00.000+00:00,27000,21000,6000,400,20,420,"
                   "0.0476,0.7778,0.9571,0.9524,0.7090,2,1,0.5000,breakdown=2700;no-work=2100;material=1200");
  g_assert_cmpstr (lines[2], ==,
                   "PRESS,2026-11-24T00:00:00.000+00:00,2026-11-25T00:00:00.000+00:00,27000,0,27000,0,0,0,"
                   ",0.0000,,,0.0000,0,0,,no-work=27000");
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  sqlite3 *db = pd_store_get_db (f->store);
  gint64 t = pd_kpi_test_time ("2026-11-23T06:00:00Z");
  PdKpiReport *r;

  r = pd_kpi_compute (db, "NOPE", t, t + 1, PD_KPI_BY_RANGE, utc, t, &error);
  g_assert_null (r);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NOPE"));
  g_clear_error (&error);

  r = pd_kpi_compute (db, "PRESS", t, t, PD_KPI_BY_RANGE, utc, t, &error);
  g_assert_null (r);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

/* The default range: the current shift so far, else today so far; an
 * operation still running is counted until now. */
static void
test_default_range (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  sqlite3 *db = pd_store_get_db (f->store);
  gint64 from = 0, to = 0;

  g_assert_true (pd_kpi_default_range (db, "PRESS", pd_kpi_test_time ("2026-11-23T09:15:00Z"), utc, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, pd_kpi_test_time ("2026-11-23T06:00:00Z"));
  g_assert_cmpint (to, ==, pd_kpi_test_time ("2026-11-23T09:15:00Z"));

  g_assert_true (pd_kpi_default_range (db, "PRESS", pd_kpi_test_time ("2026-11-23T16:00:00Z"), utc, &from, &to, &error));
  g_assert_cmpint (from, ==, pd_kpi_test_time ("2026-11-23T00:00:00Z"));
  g_assert_cmpint (to, ==, pd_kpi_test_time ("2026-11-23T16:00:00Z"));

  /* At 09:15, order 1 has been running since 07:45: 60 + 90 min. */
  {
    g_autoptr(PdKpiReport) r = NULL;

    r = pd_kpi_compute (db, "PRESS", from, pd_kpi_test_time ("2026-11-23T14:00:00Z"), PD_KPI_BY_RANGE, utc,
                        pd_kpi_test_time ("2026-11-23T09:15:00Z"), &error);
    g_assert_no_error (error);
    g_assert_cmpint (((PdKpiBucket *) r->rows->pdata[0])->run_us, ==, G_GINT64_CONSTANT (150) * 60 * G_USEC_PER_SEC);
  }
}

/* Performance is not capped: 13:00–13:35 holds 35 min of order 2's run
 * but its whole report at 13:30 (170 × 30 s = 5100 s of ideal time):
 * P = 5100 / 2100 > 1, shown as it is. */
static void
test_performance_not_capped (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = compute (f, "PRESS", "2026-11-23T13:00:00Z", "2026-11-23T13:35:00Z", PD_KPI_BY_RANGE);
  PdKpiBucket *b = r->rows->pdata[0];

  g_assert_cmpint (b->run_us, ==, G_GINT64_CONSTANT (2100) * G_USEC_PER_SEC);
  g_assert_cmpint (b->ideal_us, ==, G_GINT64_CONSTANT (5100) * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (b->performance, 5100.0 / 2100.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->oee, 1.0 * (5100.0 / 2100.0) * (160.0 / 170.0), 1e-12);
}

/* A night shift belongs to the day it starts: mon-fri 22:00–06:00 cut by
 * shift over Monday and Tuesday gives Monday 22:00 – Tuesday 06:00 (8 h
 * planned) and Tuesday 22:00 – the range's end at Wednesday 00:00 (2 h);
 * nothing ran, so OEE is 0 in both. */
static void
test_night_shift (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) supervisor = pd_test_login (f->store, "supervisor");
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_autoptr(PdKpiReport) r = NULL;
  PdShift shift = { 0, };
  PdKpiBucket *b;

  wc->code = g_strdup ("NIGHT");
  wc->name = g_strdup ("Night shift");
  g_assert_true (pd_shift_parse ("mon-fri:22:00-06:00", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->store, supervisor, wc, &error));
  g_assert_no_error (error);

  r = compute (f, "NIGHT", "2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z", PD_KPI_BY_SHIFT);
  g_assert_cmpuint (r->rows->len, ==, 2);
  b = r->rows->pdata[0];
  g_assert_cmpint (b->start, ==, pd_kpi_test_time ("2026-11-23T22:00:00Z"));
  g_assert_cmpint (b->end, ==, pd_kpi_test_time ("2026-11-24T06:00:00Z"));
  g_assert_cmpint (b->ppt_us, ==, G_GINT64_CONSTANT (8) * 3600 * G_USEC_PER_SEC);
  g_assert_cmpfloat (b->oee, ==, 0.0);
  b = r->rows->pdata[1];
  g_assert_cmpint (b->start, ==, pd_kpi_test_time ("2026-11-24T22:00:00Z"));
  g_assert_cmpint (b->end, ==, pd_kpi_test_time ("2026-11-25T00:00:00Z"));
  g_assert_cmpint (b->ppt_us, ==, G_GINT64_CONSTANT (2) * 3600 * G_USEC_PER_SEC);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PdKpiReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pd_kpi_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* The same figures from a worker thread on a connection of its own. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdKpiReport) r = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  pd_kpi_compute_async (pd_store_get_path (f->store), "PRESS", pd_kpi_test_time ("2026-11-23T06:00:00Z"),
                        pd_kpi_test_time ("2026-11-23T14:00:00Z"), PD_KPI_BY_RANGE, NULL, compute_done_cb, &r);
  while (r == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (r);
  assert_monday (r->total);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  /* Days and shifts in UTC, and the CSV's local times too. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/mes/kpi/hand-computed-shift", test_hand_computed_shift);
  ADD ("/core/mes/kpi/clipped-range", test_clipped_range);
  ADD ("/core/mes/kpi/no-planned-time", test_no_planned_time);
  ADD ("/core/mes/kpi/all-work-centers", test_all_work_centers);
  ADD ("/core/mes/kpi/csv", test_csv);
  ADD ("/core/mes/kpi/bad-input", test_bad_input);
  ADD ("/core/mes/kpi/default-range", test_default_range);
  ADD ("/core/mes/kpi/performance-not-capped", test_performance_not_capped);
  ADD ("/core/mes/kpi/night-shift", test_night_shift);
  ADD ("/core/mes/kpi/async", test_async);
#undef ADD

  ret = g_test_run ();
  pd_test_populated_template_free ();
  return ret;
}
