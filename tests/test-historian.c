/* test-historian.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-historian-private.h"
#include "pd-test-utils.h"

#define SECOND G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SECOND)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

static const char *self_path;

typedef struct
{
  char        *dir;
  PdHistorian *historian;
  gint64       base;   /* a recent whole minute */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pd_test_data_dir_new ();
  fixture->historian = pd_historian_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->historian);
  fixture->base = (g_get_real_time () / MINUTE) * MINUTE - 6 * HOUR;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->historian != NULL)
    g_assert_finalize_object (fixture->historian);
  pd_test_data_dir_free (fixture->dir);
}

static double
value_at (gint64 tag_id,
          guint  i)
{
  return sin (i * 0.01 * tag_id) * 100.0 + (i % 7) - 3.5 * tag_id;
}

static PdSample
good (gint64 tag_id,
      gint64 ts,
      double value)
{
  PdSample s = { tag_id, ts, value, PD_QUALITY_GOOD };

  return s;
}

/* N samples of TAG_ID from START every STEP µs, appended in blocks. */
static void
append_series (PdHistorian *historian,
               gint64       tag_id,
               gint64       start,
               gint64       step,
               guint        n)
{
  g_autoptr(GArray) block = g_array_new (FALSE, FALSE, sizeof (PdSample));

  for (guint i = 0; i < n; i++)
    {
      PdSample s = good (tag_id, start + i * step, value_at (tag_id, i));

      g_array_append_val (block, s);
      if (block->len == 500)
        {
          pd_historian_append (historian, (PdSample *) block->data, block->len);
          g_array_set_size (block, 0);
        }
    }
  pd_historian_append (historian, (PdSample *) block->data, block->len);
}

static void
flush (PdHistorian *historian)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_historian_flush (historian, &error));
  g_assert_no_error (error);
}

static GArray *
read_raw (PdHistorian *historian,
          gint64       tag_id,
          gint64       from,
          gint64       to)
{
  g_autoptr(GError) error = NULL;
  GArray *samples = pd_historian_read_raw (historian, tag_id, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (samples);
  return samples;
}

static void
test_append_read_raw (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "history.db", NULL);
  g_autoptr(GArray) samples = NULL;
  gint64 base = fixture->base;

  g_assert_cmpstr (pd_historian_get_path (fixture->historian), ==, path);

  /* Three tags, interleaved the way the engine hands them on. */
  for (guint i = 0; i < 1000; i++)
    {
      PdSample row[3];

      for (guint t = 0; t < 3; t++)
        row[t] = good (t + 1, base + i * SECOND, value_at (t + 1, i));
      pd_historian_append (fixture->historian, row, 3);
    }
  flush (fixture->historian);

  samples = read_raw (fixture->historian, 2, base, base + 1000 * SECOND);
  g_assert_cmpuint (samples->len, ==, 1000);
  for (guint i = 0; i < samples->len; i++)
    {
      PdSample *s = &g_array_index (samples, PdSample, i);

      g_assert_cmpint (s->tag_id, ==, 2);
      g_assert_cmpint (s->ts, ==, base + i * SECOND);
      g_assert_cmpfloat (s->value, ==, value_at (2, i));
      g_assert_cmpint (s->quality, ==, PD_QUALITY_GOOD);
    }
  g_clear_pointer (&samples, g_array_unref);

  /* [from, to): the end is left out. */
  samples = read_raw (fixture->historian, 3, base + 10 * SECOND, base + 20 * SECOND);
  g_assert_cmpuint (samples->len, ==, 10);
  g_assert_cmpint (g_array_index (samples, PdSample, 0).ts, ==, base + 10 * SECOND);
  g_assert_cmpint (g_array_index (samples, PdSample, 9).ts, ==, base + 19 * SECOND);
  g_clear_pointer (&samples, g_array_unref);

  /* A tag never written reads empty. */
  samples = read_raw (fixture->historian, 42, base, base + DAY);
  g_assert_cmpuint (samples->len, ==, 0);
  g_clear_pointer (&samples, g_array_unref);

  /* Late samples (older than what is stored) are kept and read in order. */
  {
    PdSample late = good (1, base - 5 * SECOND, 7.0);

    pd_historian_append (fixture->historian, &late, 1);
    flush (fixture->historian);
    samples = read_raw (fixture->historian, 1, base - MINUTE, base + 2 * SECOND);
    g_assert_cmpuint (samples->len, ==, 3);
    g_assert_cmpint (g_array_index (samples, PdSample, 0).ts, ==, base - 5 * SECOND);
    g_assert_cmpfloat (g_array_index (samples, PdSample, 0).value, ==, 7.0);
    g_assert_cmpint (g_array_index (samples, PdSample, 1).ts, ==, base);
  }

  /* Everything survives a reopen, and appending goes on after it. */
  g_assert_finalize_object (g_steal_pointer (&fixture->historian));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) again = NULL;
    PdSample next = good (2, base + 1000 * SECOND, 1.5);

    fixture->historian = pd_historian_open (fixture->dir, &error);
    g_assert_no_error (error);
    pd_historian_append (fixture->historian, &next, 1);
    flush (fixture->historian);
    again = read_raw (fixture->historian, 2, base, base + 2000 * SECOND);
    g_assert_cmpuint (again->len, ==, 1001);
    g_assert_cmpfloat (g_array_index (again, PdSample, 1000).value, ==, 1.5);
  }
}

typedef struct
{
  double  min;
  double  max;
  double  sum;
  guint64 count;
} Expected;

/* Checks read_buckets in every mode against buckets computed here from
 * the samples the test wrote (value_at (tag, i) at start + i × step). */
static void
check_buckets (PdHistorian *historian,
               gint64       tag_id,
               gint64       start,
               gint64       step,
               guint        n_samples,
               gint64       from,
               gint64       to,
               guint        n_buckets)
{
  g_autofree Expected *expected = g_new0 (Expected, n_buckets);
  guint n_expected = 0;
  PdHistoryReadMode modes[] = { PD_HISTORY_READ_AUTO, PD_HISTORY_READ_RAW, PD_HISTORY_READ_ROLLUPS };

  for (guint i = 0; i < n_samples; i++)
    {
      gint64 ts = start + i * step;
      double v = value_at (tag_id, i);
      Expected *e;

      if (ts < from || ts >= to)
        continue;

      /* Bucket k covers [from + k × range / n, from + (k + 1) × range / n). */
      e = &expected[(guint) ((ts - from) * (gint64) n_buckets / (to - from))];
      if (e->count == 0)
        {
          e->min = e->max = v;
          n_expected++;
        }
      e->min = MIN (e->min, v);
      e->max = MAX (e->max, v);
      e->sum += v;
      e->count++;
    }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) buckets = _pd_historian_read_buckets_mode (historian, tag_id, from, to,
                                                                    n_buckets, modes[m], &error);
      guint k = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (buckets->len, ==, n_expected);

      for (guint i = 0; i < n_buckets; i++)
        {
          PdHistoryBucket *b;

          if (expected[i].count == 0)
            continue;

          b = &g_array_index (buckets, PdHistoryBucket, k++);
          g_assert_cmpint (b->ts, ==, from + (gint64) i * (to - from) / n_buckets);
          g_assert_cmpuint (b->count, ==, expected[i].count);
          g_assert_cmpfloat (b->min, ==, expected[i].min);
          g_assert_cmpfloat (b->max, ==, expected[i].max);
          g_assert_cmpfloat_with_epsilon (b->avg, expected[i].sum / expected[i].count, 1e-9);
        }
    }
}

static void
test_buckets (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 base = fixture->base;
  guint n = 3 * 3600;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) buckets = NULL;

  /* Three hours at 1 Hz, starting 7.3 s into a minute. */
  append_series (fixture->historian, 5, base + 7300000, SECOND, n);
  /* A neighbour tag that must not leak into tag 5's buckets. */
  append_series (fixture->historian, 6, base, SECOND / 2, 2 * n);
  flush (fixture->historian);

  /* Buckets that cross minute boundaries and do not start on one. */
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base + 13 * SECOND + 250000, base + 2 * HOUR + 17 * SECOND, 7);
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base - HOUR, base + 4 * HOUR, 1000);
  /* Minute-aligned buckets (rollups alone) and buckets of a few minutes
   * with ragged edges (rollups plus raw edges) give what raw samples give. */
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base, base + 3 * HOUR, 36);
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base + 20 * SECOND, base + 3 * HOUR - 10 * SECOND, 17);
  /* Buckets narrower than a sample interval: many are empty. */
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base, base + 10 * MINUTE, 100000);
  /* One bucket. */
  check_buckets (fixture->historian, 5, base + 7300000, SECOND, n,
                 base - DAY, base + DAY, 1);

  /* Aligned buckets use rollups: the result is the same as raw. */
  buckets = pd_historian_read_buckets (fixture->historian, 5, base, base + 3 * HOUR, 180, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, ==, 180);
  g_assert_cmpuint (g_array_index (buckets, PdHistoryBucket, 1).count, ==, 60);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GArray *result;

  result = pd_historian_read_raw (fixture->historian, 1, 100, 100, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  result = pd_historian_read_buckets (fixture->historian, 1, 200, 100, 10, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  result = pd_historian_read_buckets (fixture->historian, 1, 0, HOUR, 0, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  result = pd_historian_read_buckets (fixture->historian, 1, 0, HOUR, PD_HISTORY_MAX_BUCKETS + 1, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  /* Appending nothing is fine and flushes at once. */
  pd_historian_append (fixture->historian, NULL, 0);
  flush (fixture->historian);
}

static void
test_gaps (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GError) error = NULL;
  gint64 base = fixture->base;

  /* Good for 10 minutes, bad for 10 (one stale then bad), good for 10. */
  for (guint i = 0; i < 1800; i++)
    {
      PdSample s = good (9, base + i * SECOND, 50.0 + i % 10);

      if (i >= 600 && i < 1200)
        {
          s.quality = i == 600 ? PD_QUALITY_STALE : PD_QUALITY_BAD;
          s.value = 1e9;  /* never stored */
        }
      pd_historian_append (fixture->historian, &s, 1);
    }
  flush (fixture->historian);

  /* The gap is one marker where it begins; its values are not stored. */
  samples = read_raw (fixture->historian, 9, base, base + 30 * MINUTE);
  g_assert_cmpuint (samples->len, ==, 1201);
  g_assert_cmpint (g_array_index (samples, PdSample, 600).ts, ==, base + 600 * SECOND);
  g_assert_cmpint (g_array_index (samples, PdSample, 600).quality, ==, PD_QUALITY_BAD);
  g_assert_cmpint (g_array_index (samples, PdSample, 601).ts, ==, base + 1200 * SECOND);
  g_assert_cmpint (g_array_index (samples, PdSample, 601).quality, ==, PD_QUALITY_GOOD);
  for (guint i = 0; i < samples->len; i++)
    g_assert_cmpfloat (g_array_index (samples, PdSample, i).value, <, 100.0);

  /* A trend over it: the gap's buckets are left out, in every mode. */
  for (PdHistoryReadMode m = PD_HISTORY_READ_AUTO; m <= PD_HISTORY_READ_ROLLUPS; m++)
    {
      g_autoptr(GArray) b = _pd_historian_read_buckets_mode (fixture->historian, 9, base,
                                                              base + 30 * MINUTE, 30, m, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (b->len, ==, 20);
      g_assert_cmpint (g_array_index (b, PdHistoryBucket, 9).ts, ==, base + 9 * MINUTE);
      g_assert_cmpint (g_array_index (b, PdHistoryBucket, 10).ts, ==, base + 20 * MINUTE);
      g_assert_cmpfloat (g_array_index (b, PdHistoryBucket, 10).max, ==, 59.0);
    }

  /* A gap that continues in the next batch is not marked twice. */
  {
    PdSample bad1 = { 9, base + 1800 * SECOND, 0, PD_QUALITY_BAD };
    PdSample bad2 = { 9, base + 1801 * SECOND, 0, PD_QUALITY_BAD };

    pd_historian_append (fixture->historian, &bad1, 1);
    flush (fixture->historian);
    pd_historian_append (fixture->historian, &bad2, 1);
    flush (fixture->historian);
    g_clear_pointer (&samples, g_array_unref);
    samples = read_raw (fixture->historian, 9, base, base + HOUR);
    g_assert_cmpuint (samples->len, ==, 1202);
  }
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) buckets = NULL;
  gint64 now = fixture->base;
  gint64 old = now - 40 * DAY;
  gint64 older = now - 60 * DAY;

  /* Old raw data of tag 1: 200,000 samples at 10 Hz, about 800 chunks,
   * more than one pruning step. Tag 2: one sample every 30 s over 8 days,
   * more minutes than one step of rollup pruning. */
  append_series (fixture->historian, 1, old, SECOND / 10, 200000);
  append_series (fixture->historian, 2, older, 30 * SECOND, 8 * 2880);
  append_series (fixture->historian, 1, now - DAY, SECOND, 600);
  flush (fixture->historian);

  /* Defaults: 30 days of raw samples, 2 years of rollups. */
  g_assert_true (pd_historian_prune (fixture->historian, now, &error));
  g_assert_no_error (error);

  samples = read_raw (fixture->historian, 1, old - DAY, old + DAY);
  g_assert_cmpuint (samples->len, ==, 0);
  g_clear_pointer (&samples, g_array_unref);
  samples = read_raw (fixture->historian, 2, older - DAY, older + 9 * DAY);
  g_assert_cmpuint (samples->len, ==, 0);
  g_clear_pointer (&samples, g_array_unref);
  samples = read_raw (fixture->historian, 1, now - 2 * DAY, now);
  g_assert_cmpuint (samples->len, ==, 600);
  g_clear_pointer (&samples, g_array_unref);

  /* The rollups of the pruned samples are still there. */
  buckets = pd_historian_read_buckets (fixture->historian, 1, old, old + 334 * MINUTE, 334, &error);
  g_assert_no_error (error);
  {
    guint64 total = 0;

    /* Minute-aligned buckets come from rollups alone. */
    for (guint i = 0; i < buckets->len; i++)
      total += g_array_index (buckets, PdHistoryBucket, i).count;
    g_assert_cmpuint (buckets->len, ==, 334);
    g_assert_cmpuint (total, ==, 200000);
  }
  g_clear_pointer (&buckets, g_array_unref);

  buckets = _pd_historian_read_buckets_mode (fixture->historian, 2, older, older + 8 * DAY, 8 * 24,
                                             PD_HISTORY_READ_ROLLUPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, ==, 8 * 24);
  g_clear_pointer (&buckets, g_array_unref);

  /* Shorter rollup retention removes them too, in several steps. */
  pd_historian_set_retention (fixture->historian, 30, 45);
  g_assert_true (pd_historian_prune (fixture->historian, now, &error));
  g_assert_no_error (error);
  buckets = _pd_historian_read_buckets_mode (fixture->historian, 2, older, older + 8 * DAY, 8 * 24,
                                             PD_HISTORY_READ_ROLLUPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, ==, 0);
  g_clear_pointer (&buckets, g_array_unref);
  buckets = pd_historian_read_buckets (fixture->historian, 1, old, old + 20000 * SECOND, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, >, 0);
  g_clear_pointer (&buckets, g_array_unref);

  /* A tag whose open chunk was pruned keeps being written. */
  append_series (fixture->historian, 2, older + 8 * DAY, 30 * SECOND, 10);
  flush (fixture->historian);
  samples = read_raw (fixture->historian, 2, older, now);
  g_assert_cmpuint (samples->len, ==, 10);
}

typedef struct
{
  PdHistorian *historian;
  gint64       tag_id;
  gint64       base;
  guint        n;
} AppendJob;

static gpointer
append_thread (gpointer data)
{
  AppendJob *job = data;

  for (guint i = 0; i < job->n; i += 100)
    {
      PdSample block[100];

      for (guint k = 0; k < 100; k++)
        {
          /* Every thread's own tag, and one tag all of them share. */
          block[k] = good (k % 2 ? job->tag_id : 1000, job->base + (i + k) * SECOND, job->tag_id);
        }
      pd_historian_append (job->historian, block, 100);
    }

  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  AppendJob jobs[8];
  GThread *threads[8];
  g_autoptr(GArray) shared = NULL;

  for (guint t = 0; t < 8; t++)
    {
      jobs[t] = (AppendJob) { fixture->historian, t + 1, fixture->base + t * 100000 * SECOND, 20000 };
      threads[t] = g_thread_new ("append", append_thread, &jobs[t]);
    }
  for (guint t = 0; t < 8; t++)
    g_thread_join (threads[t]);
  flush (fixture->historian);

  for (guint t = 0; t < 8; t++)
    {
      g_autoptr(GArray) own = read_raw (fixture->historian, t + 1, 0, G_MAXINT64);

      g_assert_cmpuint (own->len, ==, 10000);
      for (guint i = 0; i < own->len; i++)
        g_assert_cmpfloat (g_array_index (own, PdSample, i).value, ==, t + 1);
    }

  shared = read_raw (fixture->historian, 1000, 0, G_MAXINT64);
  g_assert_cmpuint (shared->len, ==, 80000);
  for (guint i = 1; i < shared->len; i++)
    g_assert_cmpint (g_array_index (shared, PdSample, i - 1).ts, <, g_array_index (shared, PdSample, i).ts);
}

typedef struct
{
  PdHistorian *historian;
  gint64       base;
  gint         stop;
  guint        flushed;  /* atomic: samples of tag 1 flushed so far */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  guint i = 0;

  while (!g_atomic_int_get (&w->stop))
    {
      PdSample block[200];

      for (guint k = 0; k < 200; k++, i++)
        block[k] = good (1, w->base + i * (SECOND / 10), i);
      pd_historian_append (w->historian, block, 200);
      if (i % 2000 == 0)
        {
          g_assert_true (pd_historian_flush (w->historian, NULL));
          g_atomic_int_set (&w->flushed, i);
        }
    }

  return NULL;
}

static void
test_reader_during_writes (Fixture       *fixture,
                           gconstpointer  data)
{
  Writer w = { fixture->historian, fixture->base, 0, 0 };
  GThread *thread = g_thread_new ("writer", writer_thread, &w);
  gint64 deadline = g_get_monotonic_time () + 30 * SECOND;
  guint reads = 0;
  guint last = 0;

  /* Reads keep succeeding, never see less than was flushed before they
   * started, and see more and more while the writer goes on. */
  while (g_atomic_int_get (&w.flushed) < 100000 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) raw = NULL;
      g_autoptr(GArray) buckets = NULL;
      guint flushed = g_atomic_int_get (&w.flushed);
      guint64 total = 0;

      raw = pd_historian_read_raw (fixture->historian, 1, 0, G_MAXINT64, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (raw->len, >=, flushed);
      g_assert_cmpuint (raw->len, >=, last);
      last = raw->len;

      buckets = pd_historian_read_buckets (fixture->historian, 1, fixture->base,
                                           fixture->base + 4 * HOUR, 240, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < buckets->len; i++)
        total += g_array_index (buckets, PdHistoryBucket, i).count;
      g_assert_cmpuint (total, >=, flushed);
      reads++;
    }

  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (g_atomic_int_get (&w.flushed), >=, 100000);
  g_assert_cmpuint (reads, >, 1);
}

static void
read_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pd_historian_read_buckets_finish (PD_HISTORIAN (object), result, &error);
  g_assert_no_error (error);
}

static void
bad_async_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **out = user_data;

  g_assert_null (pd_historian_read_buckets_finish (PD_HISTORIAN (object), result, out));
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GError) error = NULL;

  append_series (fixture->historian, 3, fixture->base, SECOND, 3600);
  flush (fixture->historian);

  pd_historian_read_buckets_async (fixture->historian, 3, fixture->base, fixture->base + HOUR,
                                   60, NULL, read_async_cb, &buckets);
  while (buckets == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (buckets->len, ==, 60);
  g_assert_cmpuint (g_array_index (buckets, PdHistoryBucket, 59).count, ==, 60);

  pd_historian_read_buckets_async (fixture->historian, 3, fixture->base, fixture->base,
                                   60, NULL, bad_async_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

  /* The worker thread lets go of its task (and the task of the historian)
   * just after the result is handed over: wait for that, with a deadline,
   * before the fixture checks that nothing else holds the historian. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * SECOND;

    while (g_atomic_int_get (&G_OBJECT (fixture->historian)->ref_count) > 1 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
}

static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  g_autoptr(GError) error = NULL;
  PdHistorian *historian;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));

  historian = pd_historian_open (dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_NEWER);
  g_assert_null (historian);
  g_assert_nonnull (strstr (error->message, "99"));

  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static void
test_corrupt_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GError) error = NULL;
  PdHistorian *historian;

  g_assert_true (g_file_set_contents (path, "this is not a database, just some text.....", -1, NULL));
  historian = pd_historian_open (dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT);
  g_assert_null (historian);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

/* --- SIGKILL ------------------------------------------------------------- */

#define CRASH_TAG   77
#define CRASH_BASE  G_GINT64_CONSTANT (1767225600000000)  /* 2026-01-01 */
#define CRASH_BLOCK 1000

/* The child: appends without pause, flushes every 20 blocks and reports
 * each acknowledged flush on stdout, until it is killed (or a minute
 * passes, should the parent be gone). */
static int
run_crash_child (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdHistorian) historian = pd_historian_open (dir, &error);
  gint64 end = g_get_monotonic_time () + 60 * SECOND;
  guint64 i = 0;

  if (historian == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (guint block = 1; g_get_monotonic_time () < end; block++)
    {
      PdSample samples[CRASH_BLOCK];

      for (guint k = 0; k < CRASH_BLOCK; k++, i++)
        samples[k] = good (CRASH_TAG, CRASH_BASE + (gint64) i * 1000, (double) i);
      pd_historian_append (historian, samples, CRASH_BLOCK);

      if (block % 20 == 0)
        {
          if (!pd_historian_flush (historian, &error))
            return 1;
          printf ("acked %" G_GUINT64_FORMAT "\n", i);
          fflush (stdout);
        }
    }

  return 0;
}

static void
test_sigkill (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(PdHistorian) historian = NULL;
  g_autoptr(GArray) samples = NULL;
  guint64 acked = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--crash-child", dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  /* Kill it after a few acknowledged flushes, while it is appending. */
  for (guint n = 0; n < 10; n++)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "acked "));
      acked = g_ascii_strtoull (line + 6, NULL, 10);
    }
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_assert_cmpuint (acked, >=, 10 * 20 * CRASH_BLOCK);

  /* The file is sound. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Everything acknowledged is there, with no hole: what is lost is the
   * tail that was still in flight. */
  historian = pd_historian_open (dir, &error);
  g_assert_no_error (error);
  samples = read_raw (historian, CRASH_TAG, CRASH_BASE, G_MAXINT64);
  g_assert_cmpuint (samples->len, >=, acked);
  for (guint i = 0; i < samples->len; i++)
    {
      g_assert_cmpint (g_array_index (samples, PdSample, i).ts, ==, CRASH_BASE + (gint64) i * 1000);
      g_assert_cmpfloat (g_array_index (samples, PdSample, i).value, ==, i);
    }
  g_test_message ("acknowledged %" G_GUINT64_FORMAT ", found %u after SIGKILL", acked, samples->len);

  g_assert_finalize_object (g_steal_pointer (&historian));
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

/* --- plantdesk-ctl history ----------------------------------------------- */

#define CTL(dir, ...) pd_ctl_test_run ((dir), NULL, (const char * const []) { __VA_ARGS__, NULL })

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_ctl_history (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(PdDevice) stored_device = NULL;
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) stored_tag = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *from_arg = NULL;
  g_autofree char *to_arg = NULL;
  JsonArray *array;
  gint64 start = (g_get_real_time () / SECOND) * SECOND - 30 * MINUTE;
  gint64 total = 0;

  if (g_getenv ("PLANTDESK_CTL") == NULL)
    {
      g_test_skip ("PLANTDESK_CTL is not set");
      return;
    }

  store = pd_test_store_new_populated (fixture->dir);
  admin = pd_test_login (store, "admin");
  g_free (device->name);
  device->name = g_strdup ("press-1");
  device->transport = PD_TRANSPORT_TCP;
  g_free (device->host);
  device->host = g_strdup ("127.0.0.1");
  device->port = 1502;
  stored_device = pd_store_add_device (store, admin, device, &error);
  g_assert_no_error (error);

  g_free (tag->name);
  tag->name = g_strdup ("temperature");
  tag->device_id = stored_device->id;
  tag->area = PD_AREA_HOLDING;
  tag->type = PD_TAG_TYPE_INT16;
  stored_tag = pd_store_add_tag (store, admin, tag, &error);
  g_assert_no_error (error);

  /* 180 samples every 10 s, starting half an hour ago, then a gap. */
  append_series (fixture->historian, stored_tag->id, start, 10 * SECOND, 180);
  {
    PdSample bad = { stored_tag->id, start + 1800 * SECOND - 1, 0, PD_QUALITY_BAD };

    pd_historian_append (fixture->historian, &bad, 1);
  }
  flush (fixture->historian);

  /* Raw points of the last hour. */
  {
    g_autoptr(PdCtlRun) run = CTL (fixture->dir, "--json", "history", "press-1/temperature");
    JsonObject *first;

    g_assert_cmpint (run->status, ==, 0);
    array = parse_array (run->out, parser);
    g_assert_cmpuint (json_array_get_length (array), ==, 181);
    first = json_array_get_object_element (array, 0);
    g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "ts"), ".000Z"));
    g_assert_cmpfloat (json_object_get_double_member (first, "value"), ==,
                       value_at (stored_tag->id, 0));
    g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 180), "value"));
  }

  /* Buckets. */
  {
    g_autoptr(PdCtlRun) run = CTL (fixture->dir, "--json", "history", "press-1/temperature", "--buckets", "6");

    g_assert_cmpint (run->status, ==, 0);
    array = parse_array (run->out, parser);
    g_assert_cmpuint (json_array_get_length (array), >=, 3);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *b = json_array_get_object_element (array, i);

        g_assert_true (json_object_has_member (b, "ts"));
        g_assert_cmpfloat (json_object_get_double_member (b, "min"), <=,
                           json_object_get_double_member (b, "avg"));
        g_assert_cmpfloat (json_object_get_double_member (b, "avg"), <=,
                           json_object_get_double_member (b, "max"));
        total += json_object_get_int_member (b, "count");
      }
    g_assert_cmpint (total, ==, 180);
  }

  /* An explicit range, for people. */
  {
    g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (start / SECOND);
    g_autoptr(GDateTime) to = g_date_time_add_seconds (from, 100);
    g_autoptr(PdCtlRun) run = NULL;
    g_auto(GStrv) lines = NULL;

    from_arg = g_date_time_format_iso8601 (from);
    to_arg = g_date_time_format_iso8601 (to);
    run = CTL (fixture->dir, "history", "press-1/temperature", "--from", from_arg, "--to", to_arg);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "TIME"));
    lines = g_strsplit (run->out, "\n", -1);
    /* A header and samples 0 … 10 (the end is left out). */
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 10 + 1);
  }

  /* Bad input: a clear message, the right status. */
  {
    const struct {
      const char *args[7];
      int         status;
      const char *message;
    } cases[] = {
      { { "history", "press-1/nothing" }, 1, "has no tag" },
      { { "history", "press-9/temperature" }, 1, "no device" },
      { { "history", "press-1" }, 2, "DEVICE/TAG" },
      { { "history", "press-1/temperature", "--buckets", "0" }, 2, "number of buckets" },
      { { "history", "press-1/temperature", "--buckets", "100001" }, 2, "number of buckets" },
      { { "history", "press-1/temperature", "--buckets", "many" }, 2, "number of buckets" },
      { { "history", "press-1/temperature", "--from", "yesterday" }, 2, "ISO 8601" },
      { { "history", "press-1/temperature", "--from", "2026-01-02", "--to", "2026-01-01" }, 2, "must come before" },
      { { "history", "press-1/temperature", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-01T00:00:00Z" }, 2, "must come before" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(PdCtlRun) run = pd_ctl_test_run (fixture->dir, NULL, cases[i].args);

        g_assert_cmpint (run->status, ==, cases[i].status);
        g_assert_cmpstr (run->out, ==, "");
        if (strstr (run->err, cases[i].message) == NULL)
          g_error ("“%s” not in: %s", cases[i].message, run->err);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];

  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    {
      pd_core_init ();
      return run_crash_child (argv[2]);
    }

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/history/append-read-raw", test_append_read_raw);
  ADD ("/core/history/buckets", test_buckets);
  ADD ("/core/history/bad-input", test_bad_input);
  ADD ("/core/history/gaps", test_gaps);
  ADD ("/core/history/retention", test_retention);
  ADD ("/core/history/threads", test_threads);
  ADD ("/core/history/reader-during-writes", test_reader_during_writes);
  ADD ("/core/history/async", test_async);
  ADD ("/core/history/newer-refused", test_newer_refused);
  ADD ("/core/history/corrupt-refused", test_corrupt_refused);
  ADD ("/core/history/sigkill", test_sigkill);
  ADD ("/ctl/history", test_ctl_history);
#undef ADD

  return g_test_run ();
}
