/* bench-work-calendar.c — work calendar queries at scheduling rates:
 * 100,000 add_working calls of random durations over a 30-day two-shift
 * calendar, and a scheduler's chain of 1,000 work orders × 5 operations
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-work-calendar"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pd-bench-utils.h"
#include "pd-work-calendar.h"

#define N_CALLS    100000
#define N_ORDERS   1000
#define N_OPS      5
#define RUNS       11
#define SEC        G_GINT64_CONSTANT (1000000)
#define MINUTE     (60 * SEC)
#define HOUR       (60 * MINUTE)
#define DAY        (24 * HOUR)
#define SPAN       (30 * DAY)

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static PdWorkCalendar *
two_shift_calendar (void)
{
  const char *texts[] = {
    "mon-fri:06:00-14:00/09:00-09:15/12:00-12:30",
    "mon-fri:14:00-22:00/17:00-17:15/19:00-19:30",
  };
  PdShift shifts[2] = { 0, };
  PdCalendarException holiday = { PD_EXCEPTION_CLOSED, { 0, }, 0, 1440, NULL };
  PdCalendarException overtime = { PD_EXCEPTION_OVERTIME, { 0, }, 480, 720, NULL };
  PdCalendarException exc[2];
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GError) error = NULL;
  PdWorkCalendar *cal;

  for (guint i = 0; i < 2; i++)
    if (!pd_shift_parse (texts[i], &shifts[i], &error))
      g_error ("%s", error->message);
  g_date_clear (&holiday.date, 1);
  g_date_set_dmy (&holiday.date, 1, 4, 2026);
  g_date_clear (&overtime.date, 1);
  g_date_set_dmy (&overtime.date, 4, 4, 2026);
  exc[0] = holiday;
  exc[1] = overtime;
  cal = pd_work_calendar_new (shifts, 2, exc, 2, tz, &error);
  if (cal == NULL)
    g_error ("%s", error->message);
  pd_shift_clear (&shifts[0]);
  pd_shift_clear (&shifts[1]);
  return cal;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdWorkCalendar) cal = two_shift_calendar ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autoptr(GDateTime) start_dt = NULL;
  g_autofree gint64 *starts = g_new (gint64, N_CALLS);
  g_autofree gint64 *durations = g_new (gint64, N_CALLS);
  g_autofree double *per_call = g_new (double, N_CALLS);
  double totals[RUNS], chains[RUNS];
  gint64 start, sink = 0;
  guint beyond = 0;

  /* 30 days from Monday 16 March 2026: the change to summer time, a
   * holiday and an overtime Saturday inside. */
  start_dt = g_date_time_new_utc (2026, 3, 16, 0, 0, 0);
  start = g_date_time_to_unix (start_dt) * SEC;
  for (guint i = 0; i < N_CALLS; i++)
    {
      starts[i] = start + (gint64) (g_rand_double (rand) * 20 * DAY);
      durations[i] = g_rand_int_range (rand, 1, 16 * 60) * MINUTE
                     + g_rand_int_range (rand, 0, 60) * SEC;
    }

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = now_ns ();

      for (guint i = 0; i < N_CALLS; i++)
        {
          gint64 c0 = r == RUNS - 1 ? now_ns () : 0;
          gint64 done = pd_work_calendar_add_working (cal, starts[i], durations[i],
                                                      start + SPAN - starts[i]);

          if (r == RUNS - 1)
            per_call[i] = (double) (now_ns () - c0);
          if (done == G_MAXINT64)
            beyond++;
          sink ^= done;
        }
      totals[r] = (now_ns () - t0) / 1e6;
    }

  /* A scheduler's forward pass: each operation starts where the last one
   * ended (next_working, then add_working). */
  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = now_ns ();

      for (guint o = 0; o < N_ORDERS; o++)
        {
          gint64 t = start + (o % 50) * 6 * HOUR;

          for (guint k = 0; k < N_OPS; k++)
            {
              t = pd_work_calendar_next_working (cal, t, 365 * DAY);
              t = pd_work_calendar_add_working (cal, t, (30 + 37 * ((o + k) % 17)) * MINUTE,
                                                365 * DAY);
            }
          sink ^= t;
        }
      chains[r] = (now_ns () - t0) / 1e6;
    }

  printf ("Work calendar (two shifts Mon–Fri with breaks, Europe/Berlin, 30 days)\n");
  printf ("  %d add_working calls of 1 min–16 h: %.1f ms total (median of %d runs), %.0f ns median per call, %u beyond the horizon\n",
          N_CALLS, pd_bench_median (totals, RUNS), RUNS,
          pd_bench_median (per_call, N_CALLS), beyond / RUNS);
  printf ("  %d work orders × %d operations (next_working + add_working): %.2f ms (median of %d runs)\n",
          N_ORDERS, N_OPS, pd_bench_median (chains, RUNS), RUNS);
  if (sink == 42)
    printf ("\n");
  return 0;
}
