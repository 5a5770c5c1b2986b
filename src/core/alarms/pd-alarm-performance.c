/* pd-alarm-performance.c — alarm-performance figures after EEMUA 191
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-read"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-alarm-read-private.h"
#include "pd-error.h"

#define BUCKET_USEC      (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
#define CHATTER_USEC     (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define STANDING_USEC    ((gint64) PD_ALARM_STANDING_HOURS * 3600 * G_USEC_PER_SEC)
#define MAX_PERIOD_DAYS  90
#define MAX_PERIOD_USEC  ((gint64) MAX_PERIOD_DAYS * 86400 * G_USEC_PER_SEC)
#define TOP_N            10

static void
ranked_free (PdAlarmRanked *ranked)
{
  g_free (ranked->source_name);
  g_free (ranked->message);
  g_free (ranked);
}

void
pd_alarm_performance_free (PdAlarmPerformance *performance)
{
  if (performance == NULL)
    return;

  g_clear_pointer (&performance->buckets, g_array_unref);
  g_clear_pointer (&performance->top, g_ptr_array_unref);
  g_clear_pointer (&performance->chattering, g_ptr_array_unref);
  g_clear_pointer (&performance->standing, g_ptr_array_unref);
  g_free (performance);
}

static gint64
floor_bucket (gint64 ts)
{
  gint64 q = ts / BUCKET_USEC;

  if (ts % BUCKET_USEC < 0)
    q--;
  return q * BUCKET_USEC;
}

static gboolean
check_period (gint64   since,
              gint64   until,
              GError **error)
{
  if (since >= until)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The start of the alarm-performance period must come before its end."));
      return FALSE;
    }
  if (until - since > MAX_PERIOD_USEC)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   /* TRANSLATORS: %d is a number of days */
                   ngettext ("The alarm-performance period may be at most %d day long.",
                             "The alarm-performance period may be at most %d days long.",
                             MAX_PERIOD_DAYS),
                   MAX_PERIOD_DAYS);
      return FALSE;
    }

  return TRUE;
}

/* Prepares SQL, whose ?1 and ?2 are bound to the period of PERF. */
static gboolean
prepare_period (sqlite3                  *db,
                const char               *sql,
                const PdAlarmPerformance *perf,
                sqlite3_stmt            **stmt,
                GError                  **error)
{
  if (!_pd_alarm_read_prepare (db, sql, stmt, error))
    return FALSE;

  sqlite3_bind_int64 (*stmt, 1, perf->since);
  sqlite3_bind_int64 (*stmt, 2, perf->until);
  return TRUE;
}

static gboolean
read_buckets (sqlite3            *db,
              PdAlarmPerformance *perf,
              GError            **error)
{
  guint n = (guint) ((perf->until - perf->since) / BUCKET_USEC);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_size (perf->buckets, n);
  for (guint i = 0; i < n; i++)
    {
      PdAlarmRateBucket *b = &g_array_index (perf->buckets, PdAlarmRateBucket, i);

      b->start = perf->since + i * BUCKET_USEC;
      b->raised = 0;
    }

  /* Counted from the period's start, which is aligned to the epoch: the
   * same buckets as ts / 600000000, without the rounding towards zero of
   * SQLite's division for times before 1970. */
  if (!prepare_period (db,
                       "SELECT (ts - ?1) / 600000000, COUNT (*) FROM alarm_events"
                       " WHERE kind = 'raise' AND ts >= ?1 AND ts < ?2"
                       " GROUP BY 1",
                       perf, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 i = sqlite3_column_int64 (stmt, 0);
      guint count = sqlite3_column_int (stmt, 1);

      if (i < 0 || i >= n)
        continue;
      g_array_index (perf->buckets, PdAlarmRateBucket, i).raised = count;
    }
  if (!_pd_alarm_read_finish_stmt (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      guint raised = g_array_index (perf->buckets, PdAlarmRateBucket, i).raised;

      perf->total_raised += raised;
      perf->peak_per_10_min = MAX (perf->peak_per_10_min, raised);
      if (raised > PD_ALARM_FLOOD_PER_10_MIN)
        perf->flood_buckets++;
    }
  if (n > 0)
    {
      perf->average_per_10_min = (double) perf->total_raised / n;
      perf->flood_fraction = (double) perf->flood_buckets / n;
    }

  return TRUE;
}

static gboolean
read_by_priority (sqlite3            *db,
                  PdAlarmPerformance *perf,
                  GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare_period (db,
                       "SELECT d.priority, COUNT (*) FROM alarm_events e"
                       " JOIN alarm_defs d ON d.id = e.alarm_id"
                       " WHERE e.kind = 'raise' AND e.ts >= ?1 AND e.ts < ?2"
                       " GROUP BY d.priority",
                       perf, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *s = (const char *) sqlite3_column_text (stmt, 0);
      PdAlarmPriority priority;

      if (s != NULL && pd_alarm_priority_from_string (s, &priority))
        perf->raised_by_priority[priority] += sqlite3_column_int (stmt, 1);
    }

  return _pd_alarm_read_finish_stmt (db, stmt, rc, error);
}

static PdAlarmRanked *
ranked_from_row (sqlite3_stmt *stmt,
                 int           first_def_column)
{
  PdAlarmRanked *ranked = g_new0 (PdAlarmRanked, 1);

  ranked->alarm_id = sqlite3_column_int64 (stmt, 0);
  _pd_alarm_read_def_columns (stmt, first_def_column, &ranked->condition, &ranked->priority,
                              &ranked->source_name, &ranked->message);
  return ranked;
}

static gboolean
read_top (sqlite3            *db,
          PdAlarmPerformance *perf,
          GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare_period (db,
                       "SELECT r.alarm_id, r.n, r.last, " PD_ALARM_DEF_COLUMNS
                       " FROM (SELECT alarm_id, COUNT (*) AS n, MAX (ts) AS last FROM alarm_events"
                       "       WHERE kind = 'raise' AND ts >= ?1 AND ts < ?2 GROUP BY alarm_id) r"
                       " JOIN alarm_defs d ON d.id = r.alarm_id"
                       PD_ALARM_DEF_JOINS
                       " ORDER BY r.n DESC, r.last DESC, r.alarm_id LIMIT " G_STRINGIFY (TOP_N),
                       perf, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmRanked *ranked = ranked_from_row (stmt, 3);

      ranked->count = sqlite3_column_int (stmt, 1);
      ranked->since = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (perf->top, ranked);
    }

  return _pd_alarm_read_finish_stmt (db, stmt, rc, error);
}

/* Fills the definition's fields of RANKED. */
static gboolean
read_def (sqlite3        *db,
          sqlite3_stmt   *stmt,
          PdAlarmRanked  *ranked,
          GError        **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, ranked->alarm_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      _pd_alarm_read_def_columns (stmt, 1, &ranked->condition, &ranked->priority,
                                  &ranked->source_name, &ranked->message);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

static int
compare_chattering (gconstpointer a,
                    gconstpointer b)
{
  const PdAlarmRanked *x = *(PdAlarmRanked * const *) a;
  const PdAlarmRanked *y = *(PdAlarmRanked * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->since != y->since)
    return x->since > y->since ? -1 : 1;
  return x->alarm_id < y->alarm_id ? -1 : x->alarm_id > y->alarm_id;
}

/* The most raises of one alarm within any 60 s, by a window sliding over
 * its raise times; TIMES is sorted. */
static guint
worst_minute (const GArray *times,
              gint64       *window_start)
{
  guint best = 0;
  guint lo = 0;

  for (guint hi = 0; hi < times->len; hi++)
    {
      gint64 t = g_array_index (times, gint64, hi);

      while (t - g_array_index (times, gint64, lo) >= CHATTER_USEC)
        lo++;
      if (hi - lo + 1 > best)
        {
          best = hi - lo + 1;
          *window_start = g_array_index (times, gint64, lo);
        }
    }

  return best;
}

static gboolean
read_chattering (sqlite3            *db,
                 PdAlarmPerformance *perf,
                 GError            **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *def_stmt = NULL;
  gint64 current = 0;
  gboolean ok = TRUE;
  int rc;

  if (!prepare_period (db,
                       "SELECT alarm_id, ts FROM alarm_events"
                       " WHERE kind = 'raise' AND ts >= ?1 AND ts < ?2"
                       " ORDER BY alarm_id, ts",
                       perf, &stmt, error))
    return FALSE;

  /* One more round after the last row closes the last alarm. */
  do
    {
      gint64 alarm_id = 0;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        alarm_id = sqlite3_column_int64 (stmt, 0);

      if (times->len > 0 && (rc != SQLITE_ROW || alarm_id != current))
        {
          gint64 start = 0;
          guint count = worst_minute (times, &start);

          if (count >= PD_ALARM_CHATTER_PER_MIN)
            {
              PdAlarmRanked *ranked = g_new0 (PdAlarmRanked, 1);

              ranked->alarm_id = current;
              ranked->count = count;
              ranked->since = start;
              g_ptr_array_add (perf->chattering, ranked);
            }
          g_array_set_size (times, 0);
        }

      if (rc == SQLITE_ROW)
        {
          gint64 ts = sqlite3_column_int64 (stmt, 1);

          current = alarm_id;
          g_array_append_val (times, ts);
        }
    }
  while (rc == SQLITE_ROW);

  if (!_pd_alarm_read_finish_stmt (db, stmt, rc, error))
    return FALSE;

  if (perf->chattering->len == 0)
    return TRUE;

  if (!_pd_alarm_read_prepare (db,
                               "SELECT d.id, " PD_ALARM_DEF_COLUMNS " FROM alarm_defs d"
                               PD_ALARM_DEF_JOINS " WHERE d.id = ?1",
                               &def_stmt, error))
    return FALSE;
  for (guint i = 0; ok && i < perf->chattering->len; i++)
    ok = read_def (db, def_stmt, g_ptr_array_index (perf->chattering, i), error);
  sqlite3_finalize (def_stmt);

  g_ptr_array_sort (perf->chattering, compare_chattering);
  return ok;
}

static gboolean
read_standing (sqlite3            *db,
               PdAlarmPerformance *perf,
               gint64              now,
               GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_pd_alarm_read_prepare (db,
                               "SELECT s.alarm_id, s.raised_ts, " PD_ALARM_DEF_COLUMNS
                               " FROM alarm_state s JOIN alarm_defs d ON d.id = s.alarm_id"
                               PD_ALARM_DEF_JOINS
                               " WHERE s.active = 1 AND d.removed = 0 AND s.raised_ts > 0 AND s.raised_ts < ?1"
                               " ORDER BY s.raised_ts, s.alarm_id",
                               &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now - STANDING_USEC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmRanked *ranked = ranked_from_row (stmt, 2);

      ranked->since = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (perf->standing, ranked);
    }

  return _pd_alarm_read_finish_stmt (db, stmt, rc, error);
}

static PdAlarmPerformance *
query_performance (sqlite3  *db,
                   gint64    since,
                   gint64    until,
                   GError  **error)
{
  g_autoptr(PdAlarmPerformance) perf = NULL;
  gint64 aligned_until;

  if (!check_period (since, until, error))
    return NULL;

  perf = g_new0 (PdAlarmPerformance, 1);
  /* Whole buckets that cover the period: the one holding UNTIL (often
   * "now") is the one people watch, so it is kept. */
  perf->since = floor_bucket (since);
  aligned_until = floor_bucket (until);
  perf->until = aligned_until == until ? until : aligned_until + BUCKET_USEC;
  perf->buckets = g_array_new (FALSE, TRUE, sizeof (PdAlarmRateBucket));
  perf->top = g_ptr_array_new_with_free_func ((GDestroyNotify) ranked_free);
  perf->chattering = g_ptr_array_new_with_free_func ((GDestroyNotify) ranked_free);
  perf->standing = g_ptr_array_new_with_free_func ((GDestroyNotify) ranked_free);

  if (!read_buckets (db, perf, error) ||
      !read_by_priority (db, perf, error) ||
      !read_top (db, perf, error) ||
      !read_chattering (db, perf, error) ||
      !read_standing (db, perf, until, error))
    return NULL;

  return g_steal_pointer (&perf);
}

PdAlarmPerformance *
pd_store_get_alarm_performance (PdStore  *self,
                                gint64    since,
                                gint64    until,
                                GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_performance (pd_store_get_db (self), since,
                            until != 0 ? until : g_get_real_time (), error);
}

typedef struct
{
  char   *db_path;
  gint64  since;
  gint64  until;
} PerformanceJob;

static void
performance_job_free (PerformanceJob *job)
{
  g_free (job->db_path);
  g_free (job);
}

static gpointer
read_performance (sqlite3       *db,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PerformanceJob *job = user_data;

  return query_performance (db, job->since, job->until, error);
}

/* Runs in a worker with a connection of its own. */
static void
read_performance_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  PerformanceJob *job = task_data;
  GError *error = NULL;

  if (!check_period (job->since, job->until, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _pd_alarm_read_in_worker (task, job->db_path, read_performance, job, cancellable,
                            (GDestroyNotify) pd_alarm_performance_free);
}

void
pd_alarm_performance_read_async (const char          *db_path,
                                 gint64               since,
                                 gint64               until,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PerformanceJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PerformanceJob, 1);
  job->db_path = g_strdup (db_path);
  job->since = since;
  /* "Now" is when it was asked for, not when the worker gets to it. */
  job->until = until != 0 ? until : g_get_real_time ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_alarm_performance_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) performance_job_free);
  g_task_run_in_thread (task, read_performance_thread);
}

PdAlarmPerformance *
pd_alarm_performance_read_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_alarm_performance_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
