/* pd-alarm-read.c — the alarm history: filtered reads and CSV export
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-read"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-alarm-read-private.h"
#include "pd-csv.h"
#include "pd-error.h"
#include "pd-read-conn.h"

#define DEFAULT_LIMIT   10000
#define CSV_FLUSH_BYTES (64 * 1024)

/* --- Shared with pd-alarm-performance.c ----------------------------------- */

void
_pd_alarm_read_def_columns (sqlite3_stmt      *stmt,
                            int                first,
                            PdAlarmCondition  *condition,
                            PdAlarmPriority   *priority,
                            char             **source_name,
                            char             **message)
{
  PdAlarmDef def = { 0 };
  const char *s;

  /* The schema's CHECKs keep these strings valid; the defaults only
   * guard against a file edited by hand. */
  s = (const char *) sqlite3_column_text (stmt, first);
  if (s == NULL || !pd_alarm_condition_from_string (s, &def.condition))
    def.condition = PD_ALARM_CONDITION_SOURCE;
  s = (const char *) sqlite3_column_text (stmt, first + 1);
  if (s == NULL || !pd_alarm_priority_from_string (s, &def.priority))
    def.priority = PD_ALARM_PRIORITY_LOW;
  def.message = (char *) sqlite3_column_text (stmt, first + 2);
  def.limit = sqlite3_column_type (stmt, first + 3) == SQLITE_NULL
                ? NAN : sqlite3_column_double (stmt, first + 3);
  def.digital_when = sqlite3_column_int (stmt, first + 4) != 0;
  def.unit = (char *) sqlite3_column_text (stmt, first + 5);
  def.source_name = (char *) sqlite3_column_text (stmt, first + 6);
  def.message_key = (char *) sqlite3_column_text (stmt, first + 7);
  def.message_args = (char *) sqlite3_column_text (stmt, first + 8);
  def.enabled = TRUE;
  def.max_shelve_min = PD_ALARM_DEFAULT_SHELVE_MAX_MIN;

  *condition = def.condition;
  *priority = def.priority;
  *source_name = g_strdup (def.source_name);
  /* The def only borrows the row's strings: dup_message copies what it
   * keeps. */
  *message = pd_alarm_def_dup_message (&def);
}

/* The reads of the alarm history share the warehouse's read-only
 * connections (pd-read-conn.h); these names stay for pd-alarm-performance.c. */

sqlite3 *
_pd_alarm_read_open (const char    *db_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return pd_read_conn_open (db_path, cancellable, error);
}

gboolean
_pd_alarm_read_prepare (sqlite3       *db,
                        const char    *sql,
                        sqlite3_stmt **stmt,
                        GError       **error)
{
  *stmt = pd_read_conn_prepare (db, sql, error);
  return *stmt != NULL;
}

gboolean
_pd_alarm_read_finish_stmt (sqlite3       *db,
                            sqlite3_stmt  *stmt,
                            int            rc,
                            GError       **error)
{
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

void
_pd_alarm_read_in_worker (GTask           *task,
                          const char      *db_path,
                          PdAlarmReadFunc  read,
                          gpointer         job,
                          GCancellable    *cancellable,
                          GDestroyNotify   result_free)
{
  pd_read_conn_run_in_task (task, db_path, read, job, cancellable, result_free);
}

/* --- Filter ---------------------------------------------------------------- */

static PdAlarmHistoryFilter *
filter_copy (const PdAlarmHistoryFilter *filter)
{
  PdAlarmHistoryFilter *copy = g_new0 (PdAlarmHistoryFilter, 1);

  if (filter != NULL)
    {
      *copy = *filter;
      copy->text = g_strdup (filter->text);
    }

  return copy;
}

static void
filter_free (PdAlarmHistoryFilter *filter)
{
  g_free (filter->text);
  g_free (filter);
}

/* "50%_off" → "%50\%\_off%" for LIKE ... ESCAPE '\'. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Appends to IDS ("1,5,9") the definitions whose source name or message,
 * as people read them, hold TEXT. They are matched here rather than in
 * SQL for two reasons: a definition without a message of its own shows a
 * translated default the database does not hold, and LIKE folds the case
 * of ASCII letters only. There are hundreds of definitions, not millions. */
static gboolean
append_matching_alarm_ids (sqlite3     *db,
                           const char  *text,
                           GString     *ids,
                           GError     **error)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_pd_alarm_read_prepare (db,
                               "SELECT d.id, " PD_ALARM_DEF_COLUMNS " FROM alarm_defs d" PD_ALARM_DEF_JOINS,
                               &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *source_name = NULL;
      g_autofree char *message = NULL;
      g_autofree char *folded_name = NULL;
      g_autofree char *folded_message = NULL;
      PdAlarmCondition condition;
      PdAlarmPriority priority;

      _pd_alarm_read_def_columns (stmt, 1, &condition, &priority, &source_name, &message);
      folded_name = g_utf8_casefold (source_name != NULL ? source_name : "", -1);
      folded_message = g_utf8_casefold (message != NULL ? message : "", -1);
      if (strstr (folded_name, needle) != NULL || strstr (folded_message, needle) != NULL)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "",
                                (gint64) sqlite3_column_int64 (stmt, 0));
    }

  return _pd_alarm_read_finish_stmt (db, stmt, rc, error);
}

typedef enum
{
  BIND_INT64,
  BIND_TEXT,
} BindType;

typedef struct
{
  BindType    type;
  gint64      i;
  const char *s;
} Bind;

static void
append_in_list (GString    *sql,
                GArray     *binds,
                const char *column,
                guint       mask,
                guint       n,
                const char *(*to_string) (int))
{
  gboolean first = TRUE;

  g_string_append_printf (sql, " AND %s IN (", column);
  for (guint i = 0; i < n; i++)
    {
      Bind b = { BIND_TEXT, 0, NULL };

      if ((mask & (1u << i)) == 0)
        continue;
      b.s = to_string (i);
      g_array_append_val (binds, b);
      g_string_append (sql, first ? "?" : ", ?");
      first = FALSE;
    }
  g_string_append (sql, ")");
}

static const char *
priority_string (int priority)
{
  return pd_alarm_priority_to_string (priority);
}

static const char *
kind_string (int kind)
{
  return pd_alarm_event_kind_to_string (kind);
}

static GPtrArray *
query_events (sqlite3                    *db,
              const PdAlarmHistoryFilter *filter,
              GCancellable               *cancellable,
              GError                    **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autofree char *pattern = NULL;
  guint all_priorities = (1u << PD_N_ALARM_PRIORITIES) - 1;
  guint all_kinds = (1u << PD_N_ALARM_EVENT_KINDS) - 1;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  g_string_append (sql,
                   "SELECT e.id, e.uuid, e.alarm_id, e.ts, e.kind, e.value, e.user_name,"
                   " e.comment, e.until_ts, " PD_ALARM_DEF_COLUMNS
                   " FROM alarm_events e JOIN alarm_defs d ON d.id = e.alarm_id"
                   PD_ALARM_DEF_JOINS
                   " WHERE 1");

  if (filter->since != 0)
    {
      Bind b = { BIND_INT64, filter->since, NULL };
      g_array_append_val (binds, b);
      g_string_append (sql, " AND e.ts >= ?");
    }
  if (filter->until != 0)
    {
      Bind b = { BIND_INT64, filter->until, NULL };
      g_array_append_val (binds, b);
      g_string_append (sql, " AND e.ts < ?");
    }
  if (filter->alarm_id != 0)
    {
      Bind b = { BIND_INT64, filter->alarm_id, NULL };
      g_array_append_val (binds, b);
      g_string_append (sql, " AND e.alarm_id = ?");
    }
  if (filter->priorities != 0 && (filter->priorities & all_priorities) != all_priorities)
    append_in_list (sql, binds, "d.priority", filter->priorities & all_priorities,
                    PD_N_ALARM_PRIORITIES, priority_string);
  if (filter->kinds != 0 && (filter->kinds & all_kinds) != all_kinds)
    append_in_list (sql, binds, "e.kind", filter->kinds & all_kinds,
                    PD_N_ALARM_EVENT_KINDS, kind_string);
  if (filter->text != NULL && filter->text[0] != '\0')
    {
      g_autoptr(GString) ids = g_string_new (NULL);
      Bind b = { BIND_TEXT, 0, NULL };

      if (!append_matching_alarm_ids (db, filter->text, ids, error))
        return NULL;

      pattern = like_pattern (filter->text);
      b.s = pattern;
      g_array_append_val (binds, b);
      g_array_append_val (binds, b);
      /* SQLite takes an empty IN () as matching nothing. */
      g_string_append_printf (sql,
                              " AND (e.alarm_id IN (%s)"
                              " OR e.user_name LIKE ? ESCAPE '\\'"
                              " OR e.comment LIKE ? ESCAPE '\\')",
                              ids->str);
    }

  g_string_append (sql, filter->oldest_first
                          ? " ORDER BY e.ts, e.id LIMIT ?"
                          : " ORDER BY e.ts DESC, e.id DESC LIMIT ?");

  if (!_pd_alarm_read_prepare (db, sql->str, &stmt, error))
    return NULL;

  for (guint i = 0; i < binds->len; i++)
    {
      const Bind *b = &g_array_index (binds, Bind, i);

      if (b->type == BIND_INT64)
        sqlite3_bind_int64 (stmt, i + 1, b->i);
      else
        sqlite3_bind_text (stmt, i + 1, b->s, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, binds->len + 1, filter->limit != 0 ? filter->limit : DEFAULT_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmEvent *event;
      PdAlarmEventKind kind;
      const char *s = (const char *) sqlite3_column_text (stmt, 4);

      if (s == NULL || !pd_alarm_event_kind_from_string (s, &kind))
        kind = PD_ALARM_EVENT_RAISE;

      event = pd_alarm_event_new (sqlite3_column_int64 (stmt, 2), kind,
                                  sqlite3_column_int64 (stmt, 3));
      event->id = sqlite3_column_int64 (stmt, 0);
      g_free (event->uuid);
      event->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->value = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                       ? NAN : sqlite3_column_double (stmt, 5);
      event->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      event->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      event->until = sqlite3_column_int64 (stmt, 8);
      _pd_alarm_read_def_columns (stmt, 9, &event->condition, &event->priority,
                                  &event->source_name, &event->message);
      g_ptr_array_add (events, event);

      /* Checked now and then: a page is up to 10,000 rows. */
      if ((++n & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          rc = SQLITE_INTERRUPT;
          break;
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_INTERRUPT && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

GPtrArray *
pd_store_list_alarm_events (PdStore                    *self,
                            const PdAlarmHistoryFilter *filter,
                            GError                    **error)
{
  PdAlarmHistoryFilter all = { 0 };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_events (pd_store_get_db (self), filter != NULL ? filter : &all, NULL, error);
}

/* --- Async ----------------------------------------------------------------- */

typedef struct
{
  char                 *db_path;
  PdAlarmHistoryFilter *filter;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->db_path);
  filter_free (job->filter);
  g_free (job);
}

static gpointer
read_events (sqlite3       *db,
             gpointer       job,
             GCancellable  *cancellable,
             GError       **error)
{
  return query_events (db, ((ReadJob *) job)->filter, cancellable, error);
}

/* Runs in a worker with a connection of its own. */
static void
read_events_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ReadJob *job = task_data;

  _pd_alarm_read_in_worker (task, job->db_path, read_events, job, cancellable,
                            (GDestroyNotify) g_ptr_array_unref);
}

void
pd_alarm_events_read_async (const char                 *db_path,
                            const PdAlarmHistoryFilter *filter,
                            GCancellable               *cancellable,
                            GAsyncReadyCallback         callback,
                            gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ReadJob, 1);
  job->db_path = g_strdup (db_path);
  job->filter = filter_copy (filter);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_alarm_events_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, read_events_thread);
}

GPtrArray *
pd_alarm_events_read_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_alarm_events_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- CSV ------------------------------------------------------------------- */

/* The shortest of %.15g and %.17g that reads back as the same double. */
static void
format_value (char   *buf,
              gsize   size,
              double  value)
{
  g_ascii_formatd (buf, size, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, size, "%.17g", value);
}

static gboolean
flush (GOutputStream  *out,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  if (buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
pd_alarm_events_write_csv (GPtrArray      *events,
                           GOutputStream  *out,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (CSV_FLUSH_BYTES + 1024);

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Stable keys, not translated: scripts read this header. */
  g_string_append (buffer, "time,source,condition,priority,event,value,user,comment,message\r\n");

  for (guint i = 0; i < events->len; i++)
    {
      const PdAlarmEvent *event = g_ptr_array_index (events, i);
      g_autofree char *time = pd_csv_format_time (event->ts, 3);
      char value[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (!isnan (event->value))
        format_value (value, sizeof value, event->value);

      pd_csv_append_field (buffer, time, FALSE);
      pd_csv_append_field (buffer, event->source_name, FALSE);
      pd_csv_append_field (buffer, pd_alarm_condition_to_string (event->condition), FALSE);
      pd_csv_append_field (buffer, pd_alarm_priority_to_string (event->priority), FALSE);
      pd_csv_append_field (buffer, pd_alarm_event_kind_to_string (event->kind), FALSE);
      pd_csv_append_field (buffer, value, FALSE);
      pd_csv_append_field (buffer, event->user_name, FALSE);
      pd_csv_append_field (buffer, event->comment, FALSE);
      pd_csv_append_field (buffer, event->message, TRUE);

      if (buffer->len >= CSV_FLUSH_BYTES && !flush (out, buffer, cancellable, error))
        return FALSE;
    }

  return flush (out, buffer, cancellable, error);
}
