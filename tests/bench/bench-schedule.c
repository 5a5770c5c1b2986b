/* bench-schedule.c — the scheduler at the size: 1,000 work
 * orders × 5 operations on 20 work centers over a 30-day two-shift
 * calendar; the full run and the incremental reschedule after one change
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-schedule"

#include "config.h"

#include <stdio.h>

#include "pd-bench-utils.h"
#include "pd-schedule.h"

#define SEC     G_GINT64_CONSTANT (1000000)
#define MINUTE  (60 * SEC)
#define HOUR    (60 * MINUTE)
#define DAY     (24 * HOUR)
#define N_RUNS  11

static PdSchedule *
build (PdWorkCalendar *cal,
       gint64          now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  PdSchedule *schedule = pd_schedule_new ();

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *code = g_strdup_printf ("WC-%02u", i);

      pd_schedule_add_work_center (schedule, i + 1, code, NULL, i % 4 == 0 ? 2 : 1, cal);
    }
  for (guint o = 0; o < 1000; o++)
    {
      g_autofree char *number = g_strdup_printf ("WO-%06u", o + 1);

      pd_schedule_add_order (schedule, o + 1, number, "P", g_rand_int_range (rand, 1, 6),
                             now + g_rand_int_range (rand, 1, 30) * DAY, now - DAY);
      for (guint k = 0; k < 5; k++)
        {
          gint64 unit = g_rand_int_range (rand, 1, 10) * 3 * SEC;

          pd_schedule_add_operation (schedule, (k + 1) * 10, g_rand_int_range (rand, 0, 20),
                                     g_rand_int_range (rand, 0, 4) * 5 * MINUTE, unit,
                                     unit * g_rand_int_range (rand, 10, 200), k % 3 == 0,
                                     PD_SCHED_FREE, 0.0, 0, 0);
        }
    }
  return schedule;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  PdShift shifts[2] = { { 0, }, { 0, } };
  g_autoptr(PdWorkCalendar) cal = NULL;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 3, 2, 6, 0, 0);
  gint64 now = g_date_time_to_unix (monday) * SEC;
  double full[N_RUNS], incremental[N_RUNS];
  guint late = 0;
  gint64 last_end = 0;

  if (!pd_shift_parse ("mon-fri:06:00-14:00/10:00-10:15", &shifts[0], &error) ||
      !pd_shift_parse ("mon-fri:14:00-22:00/18:00-18:30", &shifts[1], &error))
    g_error ("%s", error->message);
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  if (cal == NULL)
    g_error ("%s", error->message);
  pd_shift_clear (&shifts[0]);
  pd_shift_clear (&shifts[1]);

  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 t0;

      g_clear_pointer (&schedule, pd_schedule_free);
      schedule = build (cal, now);
      t0 = g_get_monotonic_time ();
      if (!pd_schedule_run (schedule, now, 365 * DAY, &error))
        g_error ("%s", error->message);
      full[r] = (g_get_monotonic_time () - t0) / 1000.0;

      /* One order becomes the most urgent and doubles its quantity. */
      {
        PdSchedOrder *order = pd_schedule_get_order (schedule, 500 + r);

        order->priority = 1;
        for (guint i = order->first_op; i < order->first_op + order->n_ops; i++)
          pd_schedule_get_operation (schedule, i)->run_us *= 2;
        t0 = g_get_monotonic_time ();
        if (!pd_schedule_reschedule_order (schedule, 500 + r, now, 365 * DAY, &error))
          g_error ("%s", error->message);
        incremental[r] = (g_get_monotonic_time () - t0) / 1000.0;
      }
    }
  for (guint o = 0; o < pd_schedule_get_n_orders (schedule); o++)
    {
      late += pd_schedule_get_order (schedule, o)->late;
      last_end = MAX (last_end, pd_schedule_get_order (schedule, o)->end);
    }

  printf ("schedule 1,000 orders × 5 operations, 20 work centers, two shifts: median %.1f ms of %d runs "
          "(goal < 200 ms)\n", pd_bench_median (full, N_RUNS), N_RUNS);
  printf ("reschedule one order after a change: median %.2f ms (goal < 20 ms)\n",
          pd_bench_median (incremental, N_RUNS));
  printf ("(%u late orders; the plan ends %.1f days after now)\n", late, (last_end - now) / (double) DAY);
  return 0;
}
