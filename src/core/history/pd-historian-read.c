/* pd-historian-read.c — reading history.db: raw samples and buckets
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-historian"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-historian-private.h"
#include "pd-store.h"

/* --- Chunks ---------------------------------------------------------------- */

/* The reverse of encode_entry() in pd-historian.c. */
static inline void
decode_entry (const guint8 *in,
              guint32      *delta,
              double       *value)
{
  guint32 d;
  guint64 v;

  memcpy (&d, in, 4);
  memcpy (&v, in + 4, 8);
  *delta = GUINT32_FROM_LE (d);
  v = GUINT64_FROM_LE (v);
  memcpy (value, &v, sizeof v);
}

typedef void (*ChunkSampleFunc) (gint64   ts,
                                 double   value,
                                 gpointer user_data);

/* Calls FUNC for each stored sample of TAG_ID in [FROM, TO), gap markers
 * included (value NaN), chunk by chunk in the order of their t0. */
static gboolean
scan_chunks (sqlite3          *db,
             sqlite3_stmt     *stmt,
             gint64            tag_id,
             gint64            from,
             gint64            to,
             ChunkSampleFunc   func,
             gpointer          user_data,
             GError          **error)
{
  int rc;

  /* A chunk spans less than PD_HISTORY_CHUNK_SPAN, so no chunk starting
   * earlier than that before FROM can hold a sample at or after FROM. */
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, tag_id);
  sqlite3_bind_int64 (stmt, 2, from - PD_HISTORY_CHUNK_SPAN);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 t0 = sqlite3_column_int64 (stmt, 0);
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      gsize size = sqlite3_column_bytes (stmt, 1);

      for (gsize off = 0; off + PD_HISTORY_ENTRY_SIZE <= size; off += PD_HISTORY_ENTRY_SIZE)
        {
          guint32 delta;
          double value;
          gint64 ts;

          decode_entry (data + off, &delta, &value);
          ts = t0 + delta;
          if (ts >= from && ts < to)
            func (ts, value, user_data);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static const char scan_chunks_sql[] =
  "SELECT t0, data FROM chunks"
  " WHERE tag_id = ?1 AND t0 >= ?2 AND t0 < ?4 AND t1 >= ?3"
  " ORDER BY t0";

/* --- Reads ----------------------------------------------------------------- */

static gboolean
check_range (gint64    from,
             gint64    to,
             GError  **error)
{
  if (from >= to)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The start of a history range must come before its end."));
      return FALSE;
    }

  return TRUE;
}

static void
collect_raw_cb (gint64   ts,
                double   value,
                gpointer user_data)
{
  GArray *samples = user_data;
  PdSample s = { 0, ts, isnan (value) ? 0.0 : value,
                 isnan (value) ? PD_QUALITY_BAD : PD_QUALITY_GOOD };

  g_array_append_val (samples, s);
}

static int
compare_ts (gconstpointer a,
            gconstpointer b)
{
  const PdSample *x = a;
  const PdSample *y = b;

  return x->ts < y->ts ? -1 : x->ts > y->ts ? 1 : 0;
}

GArray *
pd_historian_read_raw (PdHistorian  *self,
                       gint64        tag_id,
                       gint64        from,
                       gint64        to,
                       GError      **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (PdSample));
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_range (from, to, error))
    return NULL;

  if (!(db = _pd_historian_borrow_reader (self, error)))
    return NULL;

  rc = sqlite3_prepare_v2 (db, scan_chunks_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    ok = pd_store_set_sqlite_error (db, rc, error);
  else
    ok = scan_chunks (db, stmt, tag_id, from, to, collect_raw_cb, samples, error);
  sqlite3_finalize (stmt);
  _pd_historian_return_reader (self, db);

  if (!ok)
    return NULL;

  for (guint i = 0; i < samples->len; i++)
    g_array_index (samples, PdSample, i).tag_id = tag_id;

  /* Chunks overlap only when samples arrived late; keep time order. */
  for (guint i = 1; i < samples->len; i++)
    {
      if (g_array_index (samples, PdSample, i).ts < g_array_index (samples, PdSample, i - 1).ts)
        {
          g_array_sort (samples, compare_ts);
          break;
        }
    }

  return g_steal_pointer (&samples);
}

typedef struct
{
  double  min;
  double  max;
  double  sum;
  guint64 count;
} Acc;

typedef struct
{
  Acc    *acc;
  gint64  from;
  gint64  range;
  guint   n;
} Buckets;

static inline guint
bucket_of (const Buckets *b,
           gint64         ts)
{
  /* Bucket i starts at from + floor (i × range / n): 128 bits, as years
   * of microseconds times 100,000 buckets overflow 64. */
  return (guint) (((unsigned __int128) (ts - b->from) * b->n) / (guint64) b->range);
}

static inline gint64
bucket_start (const Buckets *b,
              guint          i)
{
  return b->from + (gint64) (((unsigned __int128) i * (guint64) b->range) / b->n);
}

static inline void
acc_add (Acc     *a,
         double   min,
         double   max,
         double   sum,
         guint64  count)
{
  if (a->count == 0)
    {
      a->min = min;
      a->max = max;
      a->sum = sum;
    }
  else
    {
      a->min = MIN (a->min, min);
      a->max = MAX (a->max, max);
      a->sum += sum;
    }
  a->count += count;
}

static void
bucket_raw_cb (gint64   ts,
               double   value,
               gpointer user_data)
{
  Buckets *b = user_data;

  if (!isnan (value))
    acc_add (&b->acc[bucket_of (b, ts)], value, value, value, 1);
}

/* A minute is read from its rollup when it lies inside [FROM, TO) and no
 * bucket boundary cuts it. */
static inline gboolean
minute_is_whole (const Buckets *b,
                 gint64         minute)
{
  return minute >= b->from &&
         minute + PD_HISTORY_MINUTE <= b->from + b->range &&
         bucket_of (b, minute) == bucket_of (b, minute + PD_HISTORY_MINUTE - 1);
}

/* The minutes that raw samples must fill: those cut by a bucket boundary
 * or by the ends of the range, merged into intervals. */
static GArray *
raw_intervals (const Buckets *b)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gint64 to = b->from + b->range;

  for (guint i = 0; i <= b->n; i++)
    {
      gint64 edge = i < b->n ? bucket_start (b, i) : to;
      gint64 m = _pd_historian_floor_minute (edge);
      gint64 iv[2];

      if (m == edge)
        continue;

      iv[0] = MAX (m, b->from);
      iv[1] = MIN (m + PD_HISTORY_MINUTE, to);

      if (intervals->len > 0)
        {
          gint64 *last = &g_array_index (intervals, gint64, (intervals->len - 1) * 2);

          if (iv[0] <= last[1])
            {
              last[1] = MAX (last[1], iv[1]);
              continue;
            }
        }
      g_array_append_val (intervals, iv);
    }

  return intervals;
}

static gboolean
read_rollups (sqlite3  *db,
              Buckets  *b,
              gint64    tag_id,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT minute, vmin, vmax, vsum, n FROM rollups"
                           " WHERE tag_id = ? AND minute >= ? AND minute < ?",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, tag_id);
  sqlite3_bind_int64 (stmt, 2, b->from);
  sqlite3_bind_int64 (stmt, 3, b->from + b->range);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 minute = sqlite3_column_int64 (stmt, 0);

      if (!minute_is_whole (b, minute))
        continue;

      acc_add (&b->acc[bucket_of (b, minute)],
               sqlite3_column_double (stmt, 1),
               sqlite3_column_double (stmt, 2),
               sqlite3_column_double (stmt, 3),
               sqlite3_column_int64 (stmt, 4));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static GArray *
read_buckets_on (sqlite3            *db,
                 gint64              tag_id,
                 gint64              from,
                 gint64              to,
                 guint               n_buckets,
                 PdHistoryReadMode   mode,
                 GError            **error)
{
  g_autofree Acc *acc = g_new0 (Acc, n_buckets);
  Buckets b = { acc, from, to - from, n_buckets };
  g_autoptr(GArray) intervals = NULL;
  g_autoptr(GArray) result = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (mode == PD_HISTORY_READ_AUTO)
    {
      /* Rollups pay off once whole minutes make up most of the range:
       * buckets of a minute or more, most minutes not cut by a boundary. */
      mode = PD_HISTORY_READ_RAW;
      if ((to - from) / n_buckets >= PD_HISTORY_MINUTE)
        {
          gint64 raw_span = 0;

          intervals = raw_intervals (&b);
          for (guint i = 0; i < intervals->len; i++)
            raw_span += g_array_index (intervals, gint64, 2 * i + 1) - g_array_index (intervals, gint64, 2 * i);

          if (raw_span <= (to - from) / 4)
            mode = PD_HISTORY_READ_ROLLUPS;
        }
    }

  rc = sqlite3_prepare_v2 (db, scan_chunks_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return (pd_store_set_sqlite_error (db, rc, error), NULL);

  if (mode == PD_HISTORY_READ_RAW)
    {
      ok = scan_chunks (db, stmt, tag_id, from, to, bucket_raw_cb, &b, error);
    }
  else
    {
      if (intervals == NULL)
        intervals = raw_intervals (&b);

      ok = read_rollups (db, &b, tag_id, error);
      for (guint i = 0; ok && i < intervals->len; i++)
        ok = scan_chunks (db, stmt, tag_id,
                          g_array_index (intervals, gint64, 2 * i),
                          g_array_index (intervals, gint64, 2 * i + 1),
                          bucket_raw_cb, &b, error);
    }
  sqlite3_finalize (stmt);

  if (!ok)
    return NULL;

  result = g_array_new (FALSE, FALSE, sizeof (PdHistoryBucket));
  for (guint i = 0; i < n_buckets; i++)
    {
      PdHistoryBucket bucket;

      if (acc[i].count == 0)
        continue;

      bucket.ts = bucket_start (&b, i);
      bucket.min = acc[i].min;
      bucket.max = acc[i].max;
      bucket.avg = acc[i].sum / acc[i].count;
      bucket.count = acc[i].count;
      g_array_append_val (result, bucket);
    }

  return g_steal_pointer (&result);
}

static gboolean
check_buckets (gint64    from,
               gint64    to,
               guint     n_buckets,
               GError  **error)
{
  if (!check_range (from, to, error))
    return FALSE;

  if (n_buckets == 0 || n_buckets > PD_HISTORY_MAX_BUCKETS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The number of buckets must be between 1 and %d."),
                   PD_HISTORY_MAX_BUCKETS);
      return FALSE;
    }

  return TRUE;
}

GArray *
_pd_historian_read_buckets_mode (PdHistorian        *self,
                                 gint64              tag_id,
                                 gint64              from,
                                 gint64              to,
                                 guint               n_buckets,
                                 PdHistoryReadMode   mode,
                                 GError            **error)
{
  GArray *result;
  sqlite3 *db;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_buckets (from, to, n_buckets, error))
    return NULL;

  if (!(db = _pd_historian_borrow_reader (self, error)))
    return NULL;

  /* One read transaction, so that rollups and raw samples agree. */
  if (_pd_historian_exec_sql (db, "BEGIN", error))
    result = read_buckets_on (db, tag_id, from, to, n_buckets, mode, error);
  else
    result = NULL;
  _pd_historian_return_reader (self, db);

  return result;
}

GArray *
pd_historian_read_buckets (PdHistorian  *self,
                           gint64        tag_id,
                           gint64        from,
                           gint64        to,
                           guint         n_buckets,
                           GError      **error)
{
  return _pd_historian_read_buckets_mode (self, tag_id, from, to, n_buckets,
                                          PD_HISTORY_READ_AUTO, error);
}

typedef struct
{
  gint64 tag_id;
  gint64 from;
  gint64 to;
  guint  n_buckets;
} ReadBuckets;

static void
read_buckets_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PdHistorian *self = source_object;
  ReadBuckets *r = task_data;
  GError *error = NULL;
  GArray *result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = pd_historian_read_buckets (self, r->tag_id, r->from, r->to, r->n_buckets, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_array_unref);
}

void
pd_historian_read_buckets_async (PdHistorian         *self,
                                 gint64               tag_id,
                                 gint64               from,
                                 gint64               to,
                                 guint                n_buckets,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadBuckets *r;

  g_return_if_fail (PD_IS_HISTORIAN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_historian_read_buckets_async);

  r = g_new0 (ReadBuckets, 1);
  r->tag_id = tag_id;
  r->from = from;
  r->to = to;
  r->n_buckets = n_buckets;
  g_task_set_task_data (task, r, g_free);
  g_task_run_in_thread (task, read_buckets_thread);
}

GArray *
pd_historian_read_buckets_finish (PdHistorian   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
