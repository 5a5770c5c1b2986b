/* bench-alarm-read.c — reading the alarm history and the alarm-performance
 * figures from a store with a million alarm events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-alarm-read"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pd-alarm-read.h"
#include "pd-bench-utils.h"

#define N_ALARMS   200
#define N_EVENTS   (1000 * 1000)
#define SPAN_DAYS  30
#define PAGE_ROWS  10000
#define RUNS       11
#define SEC        G_GINT64_CONSTANT (1000000)
#define DAY        (86400 * SEC)

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* N_ALARMS source alarms named "Line L / Unit U"; N_EVENTS events over
 * SPAN_DAYS ending at END: raises, clears and acknowledgements with a
 * comment, in one transaction. */
static void
fill (sqlite3 *db,
      gint64   end)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3_stmt *def = NULL;
  sqlite3_stmt *event = NULL;
  static const char *priorities[] = { "urgent", "high", "medium", "low" };
  static const char *kinds[] = { "raise", "clear", "ack" };
  gint64 start = end - SPAN_DAYS * DAY;

  exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO alarm_defs (uuid, condition, source, source_name, priority,"
                                       " created_at, updated_at)"
                                       " VALUES (?, 'source', ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                       -1, &def, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= N_ALARMS; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *key = g_strdup_printf ("bench:%u", i);
      g_autofree char *name = g_strdup_printf ("Line %u / Unit %u", i % 20, i);

      sqlite3_bind_text (def, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (def, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (def, 3, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (def, 4, priorities[i % 4], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (def), ==, SQLITE_DONE);
      sqlite3_reset (def);
    }
  sqlite3_finalize (def);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO alarm_events (uuid, alarm_id, ts, kind, value, user_name, comment)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       -1, &event, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      const char *kind = kinds[i % 3];
      gint64 ts = start + (gint64) i * (SPAN_DAYS * DAY / N_EVENTS);

      sqlite3_bind_text (event, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (event, 2, g_rand_int_range (rand, 1, N_ALARMS + 1));
      sqlite3_bind_int64 (event, 3, ts);
      sqlite3_bind_text (event, 4, kind, -1, SQLITE_STATIC);
      sqlite3_bind_double (event, 5, g_rand_double_range (rand, 0, 100));
      if (i % 3 == 2)
        {
          sqlite3_bind_text (event, 6, "operator", -1, SQLITE_STATIC);
          sqlite3_bind_text (event, 7, "checked on the line", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (event, 6);
          sqlite3_bind_null (event, 7);
        }
      g_assert_cmpint (sqlite3_step (event), ==, SQLITE_DONE);
      sqlite3_reset (event);
    }
  sqlite3_finalize (event);
  exec (db, "COMMIT");
  exec (db, "ANALYZE");
}

static double
time_history (PdStore    *store,
              const char *text,
              guint      *n_rows)
{
  PdAlarmHistoryFilter filter = { .text = (char *) text, .limit = PAGE_ROWS };
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = NULL;
      gint64 t = g_get_monotonic_time ();

      events = pd_store_list_alarm_events (store, &filter, &error);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
      g_assert_no_error (error);
      *n_rows = events->len;
    }

  return median (times, RUNS);
}

static double
time_performance (PdStore *store,
                  gint64   since,
                  gint64   until,
                  guint   *total)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdAlarmPerformance) perf = NULL;
      gint64 t = g_get_monotonic_time ();

      perf = pd_store_get_alarm_performance (store, since, until, &error);
      times[r] = (g_get_monotonic_time () - t) / 1000.0;
      g_assert_no_error (error);
      *total = perf->total_raised;
    }

  return median (times, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = pd_bench_make_data_dir (0);
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_real_time ();
  gint64 t;
  guint rows = 0;
  guint total = 0;
  double ms;

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  fill (pd_store_get_db (store), end);
  printf ("Alarm reads (%d events of %d alarms over %d days)\n", N_EVENTS, N_ALARMS, SPAN_DAYS);
  printf ("  filling: %.1f s\n", (g_get_monotonic_time () - t) / 1e6);

  ms = time_history (store, NULL, &rows);
  printf ("  history page, newest %u rows, no filter: %.1f ms (median of %d)\n", rows, ms, RUNS);
  ms = time_history (store, "line 7 /", &rows);
  printf ("  history page, newest %u rows, text \"line 7 /\": %.1f ms (median of %d)\n", rows, ms, RUNS);
  ms = time_history (store, "no such text", &rows);
  printf ("  history, text matching nothing (full scan): %.1f ms (median of %d)\n", ms, RUNS);

  ms = time_performance (store, end - DAY, end, &total);
  printf ("  performance, 24 h (%u raises): %.1f ms (median of %d)\n", total, ms, RUNS);
  ms = time_performance (store, end - SPAN_DAYS * DAY, end, &total);
  printf ("  performance, %d days (%u raises): %.1f ms (median of %d)\n", SPAN_DAYS, total, ms, RUNS);

  g_clear_object (&store);
  pd_bench_remove_data_dir (dir);

  return 0;
}
