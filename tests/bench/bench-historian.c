/* bench-historian.c — ingest rate and trend-read time of the historian, and
 * the table layouts it was chosen from
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-historian"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pd-core.h"
#include "pd-historian-private.h"

/* The case: 100 tags, sampled every 100 ms for ingest; one tag's
 * day at 1 Hz among 100 tags, read as 1,000 buckets. */
#define N_TAGS          100
#define INGEST_SAMPLES  (2 * 1000 * 1000)
#define INGEST_STEP     (G_USEC_PER_SEC / 10)
#define INGEST_RUNS     5
#define DAY_SECONDS     86400
#define READ_BUCKETS    1000
#define READ_RUNS       21
#define READ_TAG        50
#define LAYOUT_BATCH    20000

static gint64 base_ts;

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

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plantdesk-bench-history-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  const char *names[] = { "history.db", "history.db-wal", "history.db-shm", "layout.db",
                          "layout.db-wal", "layout.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A plausible process value: a slow wave plus noise, per tag. */
static inline double
value_of (guint tag,
          guint64 i)
{
  return 20.0 + tag + 5.0 * sin (i * 0.001 + tag) + (double) ((i * 2654435761u + tag) % 1000) / 1000.0;
}

/* Sample K of an ingest run: tags in turn, each cycle STEP later, each tag
 * a little jittered inside the cycle as a real poll would be. */
static inline PdSample
ingest_sample (guint64 k,
               gint64  step)
{
  guint tag = k % N_TAGS;
  guint64 cycle = k / N_TAGS;
  PdSample s = { tag + 1, base_ts + cycle * step + tag * 37, value_of (tag, cycle), PD_QUALITY_GOOD };

  return s;
}

/* --- The product's layout (chunks + rollups), through PdHistorian --------- */

static double
ingest_historian_once (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PdHistorian) historian = pd_historian_open (dir, &error);
  PdSample block[N_TAGS];
  gint64 start, end;

  g_assert_no_error (error);

  /* The appending side only copies into the queue; what is timed is how
   * fast the writer thread drains it into history.db. */
  start = g_get_monotonic_time ();
  for (guint64 k = 0; k < INGEST_SAMPLES; k += N_TAGS)
    {
      for (guint t = 0; t < N_TAGS; t++)
        block[t] = ingest_sample (k + t, INGEST_STEP);
      pd_historian_append (historian, block, N_TAGS);
    }
  g_assert_true (pd_historian_flush (historian, &error));
  end = g_get_monotonic_time ();
  g_assert_cmpuint (_pd_historian_get_dropped (historian), ==, 0);

  g_clear_object (&historian);
  remove_dir (dir);

  return INGEST_SAMPLES / ((end - start) / 1e6);
}

static void
fill_day (PdHistorian *historian)
{
  g_autoptr(GError) error = NULL;
  PdSample block[N_TAGS];

  for (guint64 k = 0; k < (guint64) DAY_SECONDS * N_TAGS; k += N_TAGS)
    {
      for (guint t = 0; t < N_TAGS; t++)
        block[t] = ingest_sample (k + t, G_USEC_PER_SEC);
      pd_historian_append (historian, block, N_TAGS);
    }
  g_assert_true (pd_historian_flush (historian, &error));
}

static double
read_historian_ms (PdHistorian       *historian,
                   PdHistoryReadMode  mode,
                   guint64           *count)
{
  double times[READ_RUNS];

  for (guint r = 0; r < READ_RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) buckets = NULL;
      gint64 start = g_get_monotonic_time ();

      buckets = _pd_historian_read_buckets_mode (historian, READ_TAG, base_ts,
                                                 base_ts + (gint64) DAY_SECONDS * G_USEC_PER_SEC,
                                                 READ_BUCKETS, mode, &error);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);

      *count = 0;
      for (guint i = 0; i < buckets->len; i++)
        *count += g_array_index (buckets, PdHistoryBucket, i).count;
    }

  return median (times, READ_RUNS);
}

/* --- Plain row layouts, for the comparison --------------------------------- */

typedef struct
{
  const char *name;
  const char *schema;
} Layout;

static const Layout layouts[] = {
  { "(a) samples WITHOUT ROWID, PRIMARY KEY (tag_id, ts)",
    "CREATE TABLE samples (tag_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL,"
    " PRIMARY KEY (tag_id, ts)) WITHOUT ROWID" },
  { "(b) samples rowid table + INDEX (tag_id, ts)",
    "CREATE TABLE samples (tag_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL);"
    "CREATE INDEX samples_tag_ts ON samples (tag_id, ts)" },
};

static sqlite3 *
layout_open (const char *dir,
             const Layout *layout)
{
  g_autofree char *path = g_build_filename (dir, "layout.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  if (layout != NULL)
    g_assert_cmpint (sqlite3_exec (db, layout->schema, NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* Raw rows only, one transaction per LAYOUT_BATCH samples through one
 * prepared statement: less work than the historian does (no rollups), so
 * the comparison leans in these layouts' favour. */
static void
layout_insert (sqlite3 *db,
               guint64  n,
               gint64   step)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO samples VALUES (?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint64 k = 0; k < n; k++)
    {
      PdSample s = ingest_sample (k, step);

      if (k % LAYOUT_BATCH == 0)
        sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      sqlite3_bind_int64 (stmt, 1, s.tag_id);
      sqlite3_bind_int64 (stmt, 2, s.ts);
      sqlite3_bind_double (stmt, 3, s.value);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      if (k % LAYOUT_BATCH == LAYOUT_BATCH - 1 || k == n - 1)
        g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_finalize (stmt);
}

static double
layout_ingest_once (const Layout *layout)
{
  g_autofree char *dir = make_dir ();
  sqlite3 *db = layout_open (dir, layout);
  gint64 start = g_get_monotonic_time ();

  layout_insert (db, INGEST_SAMPLES, INGEST_STEP);
  start = g_get_monotonic_time () - start;
  sqlite3_close (db);
  remove_dir (dir);

  return INGEST_SAMPLES / (start / 1e6);
}

static double
layout_read_ms (sqlite3 *db,
                guint64 *count)
{
  double times[READ_RUNS];
  sqlite3_stmt *stmt = NULL;
  gint64 from = base_ts;
  gint64 range = (gint64) DAY_SECONDS * G_USEC_PER_SEC;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ts, value FROM samples"
                                       " WHERE tag_id = ? AND ts >= ? AND ts < ? ORDER BY ts",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint r = 0; r < READ_RUNS; r++)
    {
      g_autofree double *mins = g_new (double, READ_BUCKETS);
      g_autofree double *maxs = g_new (double, READ_BUCKETS);
      g_autofree double *sums = g_new0 (double, READ_BUCKETS);
      g_autofree guint64 *counts = g_new0 (guint64, READ_BUCKETS);
      gint64 start = g_get_monotonic_time ();

      sqlite3_bind_int64 (stmt, 1, READ_TAG);
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, from + range);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 ts = sqlite3_column_int64 (stmt, 0);
          double v = sqlite3_column_double (stmt, 1);
          guint b = (guint) ((ts - from) * READ_BUCKETS / range);

          if (counts[b]++ == 0)
            mins[b] = maxs[b] = v;
          mins[b] = MIN (mins[b], v);
          maxs[b] = MAX (maxs[b], v);
          sums[b] += v;
        }
      sqlite3_reset (stmt);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;

      *count = 0;
      for (guint i = 0; i < READ_BUCKETS; i++)
        *count += counts[i];
    }
  sqlite3_finalize (stmt);

  return median (times, READ_RUNS);
}

static void
report_layout (const Layout *layout)
{
  double rates[INGEST_RUNS];
  g_autofree char *dir = make_dir ();
  sqlite3 *db;
  guint64 count = 0;
  double read_ms;
  gint64 fill;

  for (guint r = 0; r < INGEST_RUNS; r++)
    rates[r] = layout_ingest_once (layout);

  db = layout_open (dir, layout);
  fill = g_get_monotonic_time ();
  layout_insert (db, (guint64) DAY_SECONDS * N_TAGS, G_USEC_PER_SEC);
  fill = g_get_monotonic_time () - fill;
  read_ms = layout_read_ms (db, &count);
  g_assert_cmpuint (count, ==, DAY_SECONDS);
  sqlite3_close (db);
  remove_dir (dir);

  printf ("  %s\n", layout->name);
  printf ("    ingest: %.0f samples/s (median of %d runs of %d samples)\n",
          median (rates, INGEST_RUNS), INGEST_RUNS, INGEST_SAMPLES);
  printf ("    filling a day of %d tags at 1 Hz: %.1f s\n", N_TAGS, fill / 1e6);
  printf ("    trend read (1 tag, 1 day, %d buckets, raw rows): %.2f ms (median of %d)\n",
          READ_BUCKETS, read_ms, READ_RUNS);
}

int
main (int   argc,
      char *argv[])
{
  double rates[INGEST_RUNS];
  g_autofree char *dir = NULL;
  g_autoptr(PdHistorian) historian = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count_auto = 0, count_raw = 0, count_rollups = 0;
  double auto_ms, raw_ms, rollups_ms, hour_ms;
  gboolean compare = argc < 2 || !g_str_equal (argv[1], "--product-only");
  gint64 fill;

  pd_core_init ();
  /* A whole day, so that minute boundaries fall where they would. */
  base_ts = (g_get_real_time () / PD_HISTORY_DAY - 2) * PD_HISTORY_DAY;

  printf ("Historian (product layout: chunks of %d samples + per-minute rollups)\n",
          PD_HISTORY_CHUNK_MAX);

  for (guint r = 0; r < INGEST_RUNS; r++)
    rates[r] = ingest_historian_once ();
  printf ("  sustained ingest: %.0f samples/s (median of %d runs of %d samples, %d tags, goal >= 500000)\n",
          median (rates, INGEST_RUNS), INGEST_RUNS, INGEST_SAMPLES, N_TAGS);

  dir = make_dir ();
  historian = pd_historian_open (dir, &error);
  g_assert_no_error (error);
  fill = g_get_monotonic_time ();
  fill_day (historian);
  fill = g_get_monotonic_time () - fill;
  printf ("  filling a day of %d tags at 1 Hz (%d samples): %.1f s\n",
          N_TAGS, DAY_SECONDS * N_TAGS, fill / 1e6);

  auto_ms = read_historian_ms (historian, PD_HISTORY_READ_AUTO, &count_auto);
  raw_ms = read_historian_ms (historian, PD_HISTORY_READ_RAW, &count_raw);
  rollups_ms = read_historian_ms (historian, PD_HISTORY_READ_ROLLUPS, &count_rollups);
  g_assert_cmpuint (count_auto, ==, DAY_SECONDS);
  g_assert_cmpuint (count_raw, ==, DAY_SECONDS);
  g_assert_cmpuint (count_rollups, ==, DAY_SECONDS);
  printf ("  trend read, 1 tag's day at 1 Hz among %d tags, %d buckets (goal < 20 ms):\n",
          N_TAGS, READ_BUCKETS);
  printf ("    as the product reads it: %.2f ms (median of %d)\n", auto_ms, READ_RUNS);
  printf ("    raw chunks only:         %.2f ms\n", raw_ms);
  printf ("    rollups + raw edges:     %.2f ms\n", rollups_ms);

  /* Where rollups pay: minute-aligned buckets (a day as 24 × 60 minutes). */
  {
    double times[READ_RUNS];

    for (guint m = 0; m < 2; m++)
      {
        for (guint r = 0; r < READ_RUNS; r++)
          {
            g_autoptr(GArray) buckets = NULL;
            gint64 start = g_get_monotonic_time ();

            buckets = _pd_historian_read_buckets_mode (historian, READ_TAG, base_ts,
                                                       base_ts + (gint64) DAY_SECONDS * G_USEC_PER_SEC,
                                                       1440, m == 0 ? PD_HISTORY_READ_RAW : PD_HISTORY_READ_ROLLUPS,
                                                       &error);
            g_assert_no_error (error);
            times[r] = (g_get_monotonic_time () - start) / 1000.0;
          }
        hour_ms = median (times, READ_RUNS);
        printf ("    1,440 minute buckets, %s: %.2f ms\n",
                m == 0 ? "raw chunks only" : "rollups only   ", hour_ms);
      }
  }

  g_clear_object (&historian);
  remove_dir (dir);

  if (compare)
    {
      printf ("Layout comparison (plain rows, raw samples only, %d samples a transaction)\n",
              LAYOUT_BATCH);
      for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
        report_layout (&layouts[i]);
    }

  return 0;
}
