/* bench-alarms.c — the alarm engine: the CPU its evaluation takes at
 * 10,000 tags a second beside the acquisition's own, the latency from a
 * crossing to the UI's summary, and a flood of 1,000 alarms
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-alarms"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pd-bench-utils.h"
#include "pd-core.h"
#include "pd-alarm-engine.h"
#include "pd-sim-test-utils.h"
#include "pd-store-alarms.h"
#include "pd-store-devices.h"
#include "pd-test-utils.h"

/* The simulator's bulk region: input register a holds (a + t) mod 65536. */
#define BULK_START 1000

#define DEFAULT_DEVICES  100   /* PD_BENCH_ALARMS_DEVICES */
#define DEFAULT_TAGS     100   /* PD_BENCH_ALARMS_TAGS: per device */
#define DEFAULT_RUNS     5     /* PD_BENCH_ALARMS_RUNS */
#define DEFAULT_FEED_S   5     /* PD_BENCH_ALARMS_FEED_S: seconds fed per run */
#define DEFAULT_ACQ_S    10    /* PD_BENCH_ALARMS_ACQ_S: seconds of polling per run */
#define CROSSINGS        50
#define FLOOD            1000

#define GOAL_EVAL_PERCENT 5.0

static guint
env_uint (const char *name,
          guint       fallback,
          guint       min,
          guint       max)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fallback;
  return (guint) value;
}

static double
max_of (const double *values,
        guint         n)
{
  double m = values[0];

  for (guint i = 1; i < n; i++)
    m = MAX (m, values[i]);
  return m;
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of this process's threads named NAME, from schedstat (ns). */
static double
named_threads_cpu (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;
  double seconds = 0;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", task);
      g_autofree char *sched_path = g_strdup_printf ("/proc/self/task/%s/schedstat", task);
      g_autofree char *comm = NULL;
      g_autofree char *sched = NULL;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL)
          || !g_file_get_contents (sched_path, &sched, NULL, NULL))
        continue;
      g_strstrip (comm);
      if (g_str_equal (comm, name))
        seconds += g_ascii_strtod (sched, NULL) / 1e9;
    }
  return seconds;
}

static gint64
count_raises (PdStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (pd_store_get_db (store),
                          "SELECT count(*) FROM alarm_events WHERE kind = 'raise'", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static guint
summary_unacknowledged (PdAlarmEngine *engine)
{
  PdAlarmSummary summary;
  guint n = 0;

  pd_alarm_engine_get_summary (engine, &summary);
  for (guint p = 0; p < PD_N_ALARM_PRIORITIES; p++)
    n += summary.unacknowledged[p];
  pd_alarm_summary_clear (&summary);
  return n;
}

static guint
summary_active (PdAlarmEngine *engine)
{
  PdAlarmSummary summary;
  guint n = 0;

  pd_alarm_engine_get_summary (engine, &summary);
  for (guint p = 0; p < PD_N_ALARM_PRIORITIES; p++)
    n += summary.active[p];
  pd_alarm_summary_clear (&summary);
  return n;
}

static PdAlarmEngine *
start_engine (const char *dir)
{
  g_autoptr(GError) error = NULL;
  PdAlarmEngine *engine = pd_alarm_engine_new (dir);

  if (!pd_alarm_engine_start (engine, &error))
    {
      g_printerr ("Cannot start the alarm engine: %s\n", error->message);
      exit (1);
    }
  return engine;
}

/* --- The station ---------------------------------------------------------- */

typedef struct
{
  char      *dir;
  PdStore   *store;
  GPtrArray *devices;   /* PdDevice, as stored */
  GPtrArray *tags;      /* PdTag, as stored */
} Station;

/* N_DEVICES devices on the simulator's ports with N_TAGS uint16 tags each
 * on the bulk region, each tag with a HI (60000) and a LO (10) alarm. */
static void
station_init (Station *station,
              PdSim   *sim,
              guint    n_devices,
              guint    n_tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = NULL;
  gint64 t0 = g_get_monotonic_time ();
  char *errmsg = NULL;

  station->dir = pd_test_data_dir_new ();
  station->store = pd_test_store_new_populated (station->dir);
  admin = pd_test_login (station->store, "admin");

  for (guint d = 0; d < n_devices; d++)
    {
      g_autofree char *name = g_strdup_printf ("bench%u", d + 1);
      g_autoptr(PdDevice) template = pd_test_tcp_device_new (0, name, pd_sim_get_port (sim, d), 1000, 1000);
      g_autoptr(PdDevice) device = pd_store_add_device (station->store, admin, template, &error);
      g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);

      g_assert_no_error (error);
      for (guint k = 0; k < n_tags; k++)
        {
          g_autofree char *tag_name = g_strdup_printf ("t%u", k);

          g_ptr_array_add (tags, pd_test_tag_new (0, device->id, tag_name, PD_AREA_INPUT,
                                                  BULK_START + k, PD_TAG_TYPE_UINT16,
                                                  PD_ORDER_BIG, PD_ORDER_BIG));
        }
      g_assert_true (pd_store_import_tags (station->store, admin, device->id, tags, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* The definitions in one statement: 20,000 saves through the write path
   * would only time the setup. */
  if (sqlite3_exec (pd_store_get_db (station->store),
                    "INSERT INTO alarm_defs (uuid, condition, tag_id, device_id, limit_value, priority, "
                    "                        created_at, updated_at) "
                    "SELECT lower (hex (randomblob (16))), c.condition, t.id, t.device_id, c.limit_value, "
                    "       'high', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' "
                    "  FROM tags t, (SELECT 'hi' AS condition, 60000.0 AS limit_value "
                    "                UNION ALL SELECT 'lo', 10.0) c",
                    NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_printerr ("Cannot add the alarm definitions: %s\n", errmsg);
      exit (1);
    }

  station->devices = pd_store_list_devices (station->store, &error);
  g_assert_no_error (error);
  station->tags = pd_store_list_tags (station->store, 0, &error);
  g_assert_no_error (error);
  printf ("setup: %u devices, %u tags, %u alarm definitions (HI, LO) in %.1f s\n",
          station->devices->len, station->tags->len, 2 * station->tags->len,
          (g_get_monotonic_time () - t0) / 1e6);
}

static void
station_clear (Station *station)
{
  g_clear_pointer (&station->devices, g_ptr_array_unref);
  g_clear_pointer (&station->tags, g_ptr_array_unref);
  g_clear_object (&station->store);
  pd_test_data_dir_free (g_steal_pointer (&station->dir));
}

/* --- (1a) Evaluation at 10,000 tags a second ----------------------------- */

/* Feeds every tag once a second for SECONDS, in 100 slices of a second as
 * 100 devices would deliver them; returns the CPU seconds spent, per
 * second fed, in the feed calls and in the writer. */
static double
run_feed (Station *station,
          guint    seconds,
          double  *writer_share)
{
  g_autoptr(PdAlarmEngine) engine = start_engine (station->dir);
  guint n = station->tags->len;
  g_autofree PdSample *samples = g_new (PdSample, n);
  double feed_cpu = 0, writer0, writer1;
  gint64 start = g_get_monotonic_time ();
  PdAlarmEngineStats stats;

  writer0 = named_threads_cpu ("pd-alarm-writer");
  for (guint s = 0; s < seconds; s++)
    for (guint slice = 0; slice < 100; slice++)
      {
        guint from = n * slice / 100;
        guint to = n * (slice + 1) / 100;
        gint64 now = g_get_real_time ();
        gint64 wake = start + (gint64) (s * 100 + slice + 1) * 10 * G_TIME_SPAN_MILLISECOND;
        double c0, c1;

        for (guint i = from; i < to; i++)
          {
            PdTag *tag = g_ptr_array_index (station->tags, i);

            /* Within the limits, moving: every value is evaluated. */
            samples[i] = (PdSample) { tag->id, now, 1000 + (i + s) % 1000, PD_QUALITY_GOOD };
          }
        c0 = thread_cpu_seconds ();
        pd_alarm_engine_feed (engine, samples + from, to - from);
        c1 = thread_cpu_seconds ();
        feed_cpu += c1 - c0;

        if (wake > g_get_monotonic_time ())
          g_usleep (wake - g_get_monotonic_time ());
      }
  pd_alarm_engine_flush (engine);
  writer1 = named_threads_cpu ("pd-alarm-writer");
  pd_alarm_engine_get_stats (engine, &stats);
  g_assert_cmpuint (stats.samples, ==, (guint64) n * seconds);
  pd_alarm_engine_stop (engine);

  *writer_share = feed_cpu + (writer1 - writer0) > 0
                  ? (writer1 - writer0) / (feed_cpu + (writer1 - writer0)) : 0;
  return (feed_cpu + (writer1 - writer0)) / seconds;
}

/* --- (1b) The acquisition engine polling the same tags --------------------- */

typedef struct
{
  GMutex  lock;
  guint64 values;
} Count;

static void
count_cb (PdEngine       *engine,
          const PdSample *samples,
          guint           n_samples,
          const gint64   *changed,
          guint           n_changed,
          gpointer        user_data)
{
  Count *count = user_data;

  g_mutex_lock (&count->lock);
  count->values += n_samples;
  g_mutex_unlock (&count->lock);
}

/* Process CPU seconds per second while the engine polls every tag at 1 s,
 * with the alarm engine attached or not. */
static double
run_acquisition (Station  *station,
                 gboolean  with_alarms,
                 guint     seconds,
                 double   *values_per_s)
{
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(PdAlarmEngine) alarms = NULL;
  Count count = { 0, };
  guint sub;
  gint64 deadline;
  double cpu0, cpu1;
  guint64 values0, values1;
  gint64 t0, t1;

  g_mutex_init (&count.lock);
  pd_engine_configure (engine, station->devices, station->tags);
  sub = pd_engine_subscribe_direct (engine, count_cb, &count, NULL);
  if (with_alarms)
    {
      alarms = start_engine (station->dir);
      pd_alarm_engine_attach (alarms, engine);
    }
  pd_engine_start (engine);

  /* Measured once every tag has been read twice. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      guint64 v;

      g_mutex_lock (&count.lock);
      v = count.values;
      g_mutex_unlock (&count.lock);
      if (v >= 2 * (guint64) station->tags->len)
        break;
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("The simulator's tags were not all read within 30 s\n");
          exit (1);
        }
      g_usleep (50 * 1000);
    }

  g_mutex_lock (&count.lock);
  values0 = count.values;
  g_mutex_unlock (&count.lock);
  cpu0 = pd_bench_process_cpu_seconds ();
  t0 = g_get_monotonic_time ();
  g_usleep ((gulong) seconds * G_USEC_PER_SEC);
  t1 = g_get_monotonic_time ();
  cpu1 = pd_bench_process_cpu_seconds ();
  g_mutex_lock (&count.lock);
  values1 = count.values;
  g_mutex_unlock (&count.lock);

  if (alarms != NULL)
    {
      PdAlarmEngineStats stats;

      pd_alarm_engine_get_stats (alarms, &stats);
      g_assert_cmpuint (stats.samples, >=, values1 - values0);
      pd_alarm_engine_detach (alarms);
      pd_alarm_engine_stop (alarms);
    }
  pd_engine_unsubscribe (engine, sub);
  pd_engine_stop (engine);
  g_mutex_clear (&count.lock);

  *values_per_s = (values1 - values0) / ((t1 - t0) / 1e6);
  return (cpu1 - cpu0) / ((t1 - t0) / 1e6);
}

static void
bench_cpu (Station *station,
           guint    runs)
{
  guint feed_s = env_uint ("PD_BENCH_ALARMS_FEED_S", DEFAULT_FEED_S, 1, 600);
  guint acq_s = env_uint ("PD_BENCH_ALARMS_ACQ_S", DEFAULT_ACQ_S, 1, 600);
  g_autofree double *eval = g_new (double, runs);
  g_autofree double *without = g_new (double, runs);
  g_autofree double *with = g_new (double, runs);
  g_autofree double *rate = g_new (double, runs);
  double eval_pct, without_pct, with_pct;

  printf ("(1) %u tags at 1 Hz, each with a HI and a LO alarm (%u evaluations/s)\n",
          station->tags->len, 2 * station->tags->len);
  for (guint r = 0; r < runs; r++)
    {
      double rate_with, writer_share;

      eval[r] = run_feed (station, feed_s, &writer_share);
      without[r] = run_acquisition (station, FALSE, acq_s, &rate[r]);
      with[r] = run_acquisition (station, TRUE, acq_s, &rate_with);
      printf ("    run %u: evaluation %.3f %% of a core (feed calls + writer, %u s fed; %.0f %% of it the writer); "
              "acquisition %.2f %% without alarms, %.2f %% with (%.0f and %.0f values/s)\n",
              r + 1, 100 * eval[r], feed_s, 100 * writer_share, 100 * without[r], 100 * with[r],
              rate[r], rate_with);
      fflush (stdout);
    }

  eval_pct = 100 * pd_bench_median (eval, runs);
  without_pct = 100 * pd_bench_median (without, runs);
  with_pct = 100 * pd_bench_median (with, runs);
  printf ("    median of %u runs: evaluation %.3f %% of one core (goal < %.0f %%: %s)\n",
          runs, eval_pct, GOAL_EVAL_PERCENT, eval_pct < GOAL_EVAL_PERCENT ? "met" : "NOT met");
  printf ("    the acquisition engine polling them from plantdesk-sim at 1 s: %.2f %% of a core;\n"
          "    evaluation / acquisition = %.3f; the process with the alarm engine attached: %.2f %% (+%.2f)\n",
          without_pct, without_pct > 0 ? eval_pct / without_pct : 0, with_pct, with_pct - without_pct);
}

/* --- (2) Latency to the summary ------------------------------------------- */

typedef struct
{
  PdAlarmEngine *engine;
  gboolean       want_active;
  gboolean       seen;
  gint64         seen_at;
} LatencyWait;

static void
latency_changed_cb (PdAlarmEngine *engine,
                    LatencyWait   *wait)
{
  if (!wait->seen && (summary_active (engine) > 0) == wait->want_active)
    {
      wait->seen = TRUE;
      wait->seen_at = g_get_monotonic_time ();
    }
}

static void
bench_latency (Station *station)
{
  g_autoptr(PdAlarmEngine) engine = start_engine (station->dir);
  PdTag *tag = g_ptr_array_index (station->tags, 0);
  double latency_ms[CROSSINGS];
  LatencyWait wait = { engine, FALSE, FALSE, 0 };
  gulong handler = g_signal_connect (engine, "changed", G_CALLBACK (latency_changed_cb), &wait);

  for (guint i = 0; i < CROSSINGS; i++)
    {
      PdSample sample = { tag->id, g_get_real_time (), i % 2 == 0 ? 65000 : 1000, PD_QUALITY_GOOD };
      gint64 t0;
      gboolean idle = FALSE;

      /* Apart by more than the 100 ms coalescing, as crossings are. */
      pd_test_wait_for (&idle, 0.15);

      wait.want_active = i % 2 == 0;
      wait.seen = FALSE;
      t0 = g_get_monotonic_time ();
      pd_alarm_engine_feed (engine, &sample, 1);
      if (!pd_test_wait_for (&wait.seen, 10))
        {
          g_printerr ("Crossing %u did not reach the summary within 10 s\n", i + 1);
          exit (1);
        }
      latency_ms[i] = (wait.seen_at - t0) / 1000.0;
    }
  g_signal_handler_disconnect (engine, handler);
  pd_alarm_engine_stop (engine);

  printf ("(2) latency from a fed value crossing a limit (no delay) to \"changed\" on the main loop\n"
          "    with the summary showing it, over %u crossings: median %.2f ms, max %.2f ms\n",
          CROSSINGS, pd_bench_median (latency_ms, CROSSINGS), max_of (latency_ms, CROSSINGS));
}

/* --- (3) A flood ----------------------------------------------------------- */

static void
bench_flood (Station *station)
{
  g_autoptr(PdAlarmEngine) engine = start_engine (station->dir);
  gint64 before = count_raises (station->store);
  gint64 t0, stored_at = 0, summary_at = 0;
  gint64 deadline;
  guint n = MIN (FLOOD, station->tags->len);

  t0 = g_get_monotonic_time ();
  for (guint burst = 0; burst < 10; burst++)
    {
      PdSample samples[FLOOD / 10];
      guint from = n * burst / 10;
      guint to = n * (burst + 1) / 10;
      gboolean idle = FALSE;

      for (guint i = from; i < to; i++)
        samples[i - from] = (PdSample) { ((PdTag *) g_ptr_array_index (station->tags, i))->id,
                                         g_get_real_time (), 65000, PD_QUALITY_GOOD };
      pd_alarm_engine_feed (engine, samples, to - from);
      if (burst < 9)
        pd_test_wait_for (&idle, 0.1);
    }

  deadline = t0 + 60 * G_USEC_PER_SEC;
  while ((stored_at == 0 || summary_at == 0) && g_get_monotonic_time () < deadline)
    {
      gboolean idle = FALSE;

      if (stored_at == 0 && count_raises (station->store) - before >= n)
        stored_at = g_get_monotonic_time ();
      if (summary_at == 0 && summary_unacknowledged (engine) >= n)
        summary_at = g_get_monotonic_time ();
      pd_test_wait_for (&idle, 0.005);
    }
  pd_alarm_engine_stop (engine);

  if (stored_at == 0 || summary_at == 0)
    {
      g_printerr ("The flood did not land within 60 s\n");
      exit (1);
    }
  printf ("(3) flood: %u alarms raised within one second (10 bursts, 100 ms apart):\n"
          "    all %u RAISE events in alarm_events %.0f ms after the first value,\n"
          "    the summary showing %u %.0f ms after it\n",
          n, n, (stored_at - t0) / 1000.0, n, (summary_at - t0) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  guint n_devices = env_uint ("PD_BENCH_ALARMS_DEVICES", DEFAULT_DEVICES, 1, 500);
  guint n_tags = env_uint ("PD_BENCH_ALARMS_TAGS", DEFAULT_TAGS, 1, 1000);
  guint runs = env_uint ("PD_BENCH_ALARMS_RUNS", DEFAULT_RUNS, 1, 100);
  g_autoptr(PdSim) sim = NULL;
  Station station = { 0, };

  pd_core_init ();
  sim = pd_bench_sim_start (n_devices, 0);

  station_init (&station, sim, n_devices, n_tags);
  bench_cpu (&station, runs);
  bench_latency (&station);
  bench_flood (&station);
  station_clear (&station);

  pd_sim_stop (g_steal_pointer (&sim));
  return 0;
}
