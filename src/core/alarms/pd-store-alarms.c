/* pd-store-alarms.c — alarm definitions, events and states in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-alarms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-store-alarms-private.h"
#include "pd-store-private.h"

#define STATE_COLUMNS \
  "s.alarm_id, s.active, s.condition_active, s.acknowledged, s.shelved_until, s.suppressed, " \
  "s.value, s.raised_ts, s.changed_ts, s.last_event_id, s.ack_user, s.comment, s.suppress_reason"

/* --- Shared helpers --------------------------------------------------------- */

GQuark
_pd_alarm_nothing_quark (void)
{
  return g_quark_from_static_string ("pd-alarm-nothing-to-do");
}

gboolean
_pd_alarm_set_nothing (GError **error)
{
  g_set_error_literal (error, PD_ALARM_NOTHING_TO_DO, 0, "nothing to do");
  return FALSE;
}

gboolean
_pd_alarm_exec (sqlite3      *db,
            sqlite3_stmt *stmt,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           column,
                     double        value)
{
  if (isfinite (value))
    sqlite3_bind_double (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

PdAlarmDef *
_pd_alarm_def_from_row (sqlite3_stmt *stmt)
{
  PdAlarmCondition condition = PD_ALARM_CONDITION_SOURCE;
  PdAlarmPriority priority = PD_ALARM_PRIORITY_MEDIUM;
  PdAlarmDef *def;

  pd_alarm_condition_from_string ((const char *) sqlite3_column_text (stmt, 2), &condition);
  def = pd_alarm_def_new (condition);
  def->id = sqlite3_column_int64 (stmt, 0);
  def->uuid = dup_column_text (stmt, 1);
  def->tag_id = sqlite3_column_int64 (stmt, 3);
  def->device_id = sqlite3_column_int64 (stmt, 4);
  def->source = dup_column_text (stmt, 5);
  def->source_name = dup_column_text (stmt, 6);
  def->limit = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? 0 : sqlite3_column_double (stmt, 7);
  def->deadband = sqlite3_column_double (stmt, 8);
  def->on_delay_ms = (guint) sqlite3_column_int64 (stmt, 9);
  def->off_delay_ms = (guint) sqlite3_column_int64 (stmt, 10);
  def->digital_when = sqlite3_column_int (stmt, 11) != 0;
  pd_alarm_priority_from_string ((const char *) sqlite3_column_text (stmt, 12), &priority);
  def->priority = priority;
  def->message = dup_column_text (stmt, 13);
  def->latching = sqlite3_column_int (stmt, 14) != 0;
  def->enabled = sqlite3_column_int (stmt, 15) != 0;
  def->max_shelve_min = (guint) sqlite3_column_int64 (stmt, 16);
  def->unit = dup_column_text (stmt, 17);
  def->message_key = dup_column_text (stmt, 18);
  def->message_args = dup_column_text (stmt, 19);

  return def;
}

static void
status_from_row (sqlite3_stmt  *stmt,
                 int            first,
                 PdAlarmStatus *status)
{
  status->alarm_id = sqlite3_column_int64 (stmt, first + 0);
  status->active = sqlite3_column_int (stmt, first + 1) != 0;
  status->condition_active = sqlite3_column_int (stmt, first + 2) != 0;
  status->acknowledged = sqlite3_column_int (stmt, first + 3) != 0;
  status->shelved_until = sqlite3_column_int64 (stmt, first + 4);
  status->suppressed = sqlite3_column_int (stmt, first + 5) != 0;
  status->value = column_double_or_nan (stmt, first + 6);
  status->raised_ts = sqlite3_column_int64 (stmt, first + 7);
  status->changed_ts = sqlite3_column_int64 (stmt, first + 8);
  status->last_event_id = sqlite3_column_int64 (stmt, first + 9);
  status->ack_user = dup_column_text (stmt, first + 10);
  status->comment = dup_column_text (stmt, first + 11);
  status->suppress_reason = dup_column_text (stmt, first + 12);
}

PdAlarmDef *
_pd_alarm_load_one_def (sqlite3     *db,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  sqlite3_stmt *stmt;
  PdAlarmDef *def = NULL;
  int rc;

  stmt = pd_read_conn_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    def = _pd_alarm_def_from_row (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pd_store_set_sqlite_error (db, rc, error);

  return def;
}

PdAlarmDef *
_pd_alarm_load_def (sqlite3     *db,
                    gint64       alarm_id,
                    GError     **error)
{
  GError *local_error = NULL;
  PdAlarmDef *def;

  def = _pd_alarm_load_one_def (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.id = ?", alarm_id, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (def == NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No alarm with id %" PRId64 "."), alarm_id);

  return def;
}

PdAlarmDef *
_pd_alarm_load_source_def (sqlite3     *db,
                           const char  *source,
                           GError     **error)
{
  return _pd_alarm_load_one_def (db,
                       "SELECT " DEF_COLUMNS DEF_JOINS
                       " WHERE d.source = ? AND d.removed = 0 AND d.condition = 'source'",
                       0, source, error);
}

gboolean
_pd_alarm_def_is_removed (sqlite3     *db,
                gint64       alarm_id,
                gboolean    *removed,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT removed FROM alarm_defs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alarm_id);
  rc = sqlite3_step (stmt);
  /* Unknown counts as removed: there is nothing to raise. */
  *removed = rc != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

gboolean
_pd_alarm_load_status (sqlite3        *db,
                       gint64          alarm_id,
                       PdAlarmStatus  *status,
                       GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  pd_alarm_status_init (status, alarm_id);

  stmt = pd_read_conn_prepare (db, "SELECT " STATE_COLUMNS " FROM alarm_state s WHERE s.alarm_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alarm_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    status_from_row (stmt, 0, status);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static gboolean
save_status (sqlite3             *db,
             const PdAlarmStatus *status,
             GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = pd_read_conn_prepare (db,
                               "INSERT OR REPLACE INTO alarm_state (alarm_id, active, condition_active, acknowledged, "
                               "shelved_until, suppressed, value, raised_ts, changed_ts, last_event_id, ack_user, "
                               "comment, suppress_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, status->alarm_id);
  sqlite3_bind_int (stmt, 2, status->active ? 1 : 0);
  sqlite3_bind_int (stmt, 3, status->condition_active ? 1 : 0);
  sqlite3_bind_int (stmt, 4, status->acknowledged ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, status->shelved_until);
  sqlite3_bind_int (stmt, 6, status->suppressed ? 1 : 0);
  bind_double_or_null (stmt, 7, status->value);
  sqlite3_bind_int64 (stmt, 8, status->raised_ts);
  sqlite3_bind_int64 (stmt, 9, status->changed_ts);
  sqlite3_bind_int64 (stmt, 10, status->last_event_id);
  sqlite3_bind_text (stmt, 11, status->ack_user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, status->comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, status->suppress_reason, -1, SQLITE_TRANSIENT);

  return _pd_alarm_exec (db, stmt, error);
}

gboolean
_pd_alarm_append_event (sqlite3        *db,
                        PdAlarmStatus  *status,
                        PdAlarmEvent   *event,
                        gboolean       *accepted,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  *accepted = FALSE;
  if (!pd_alarm_status_accepts (status, event))
    return TRUE;

  if (event->uuid == NULL)
    event->uuid = g_uuid_string_random ();

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO alarm_events (uuid, alarm_id, ts, kind, value, user_name, comment, until_ts) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, event->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, event->alarm_id);
  sqlite3_bind_int64 (stmt, 3, event->ts);
  sqlite3_bind_text (stmt, 4, pd_alarm_event_kind_to_string (event->kind), -1, SQLITE_STATIC);
  bind_double_or_null (stmt, 5, event->value);
  sqlite3_bind_text (stmt, 6, event->user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, event->comment, -1, SQLITE_TRANSIENT);
  if (event->kind == PD_ALARM_EVENT_SHELVE)
    sqlite3_bind_int64 (stmt, 8, event->until);
  else
    sqlite3_bind_null (stmt, 8);

  if (!_pd_alarm_exec (db, stmt, error))
    return FALSE;

  event->id = sqlite3_last_insert_rowid (db);
  pd_alarm_status_apply (status, event);

  if (!save_status (db, status, error))
    return FALSE;

  *accepted = TRUE;
  return TRUE;
}

JsonObject *
_pd_alarm_event_to_json (const PdAlarmEvent *event,
                         const char         *alarm_uuid)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uuid", event->uuid);
  json_object_set_string_member (object, "alarm_uuid", alarm_uuid);
  json_object_set_int_member (object, "alarm_id", event->alarm_id);
  json_object_set_int_member (object, "ts", event->ts);
  json_object_set_string_member (object, "kind", pd_alarm_event_kind_to_string (event->kind));
  if (isfinite (event->value))
    json_object_set_double_member (object, "value", event->value);
  else
    json_object_set_null_member (object, "value");
  json_object_set_string_member (object, "user", event->user_name);
  json_object_set_string_member (object, "comment", event->comment);
  if (event->kind == PD_ALARM_EVENT_SHELVE)
    json_object_set_int_member (object, "until", event->until);
  else
    json_object_set_null_member (object, "until");

  return object;
}

JsonObject *
_pd_alarm_def_to_json (sqlite3     *db,
                       gint64       alarm_id,
                       GError     **error)
{
  g_autoptr(PdAlarmDef) def = NULL;
  sqlite3_stmt *stmt;
  JsonObject *object;
  int rc;

  if ((def = _pd_alarm_load_def (db, alarm_id, error)) == NULL)
    return NULL;

  object = json_object_new ();
  json_object_set_int_member (object, "id", def->id);
  json_object_set_string_member (object, "uuid", def->uuid);
  json_object_set_string_member (object, "condition", pd_alarm_condition_to_string (def->condition));

  stmt = pd_read_conn_prepare (db,
                               "SELECT t.uuid, dev.uuid, d.removed" DEF_JOINS " WHERE d.id = ?",
                               error);
  if (stmt == NULL)
    {
      json_object_unref (object);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, alarm_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_object_set_string_member (object, "tag_uuid", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (object, "device_uuid", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_boolean_member (object, "removed", sqlite3_column_int (stmt, 2) != 0);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      json_object_unref (object);
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  json_object_set_int_member (object, "tag_id", def->tag_id);
  json_object_set_int_member (object, "device_id", def->device_id);
  json_object_set_string_member (object, "source", def->source);
  json_object_set_string_member (object, "source_name", def->source_name);
  json_object_set_double_member (object, "limit", def->limit);
  json_object_set_double_member (object, "deadband", def->deadband);
  json_object_set_int_member (object, "on_delay_ms", def->on_delay_ms);
  json_object_set_int_member (object, "off_delay_ms", def->off_delay_ms);
  json_object_set_boolean_member (object, "digital_when", def->digital_when);
  json_object_set_string_member (object, "priority", pd_alarm_priority_to_string (def->priority));
  json_object_set_string_member (object, "message", def->message);
  json_object_set_string_member (object, "message_key", def->message_key);
  json_object_set_string_member (object, "message_args", def->message_args);
  json_object_set_boolean_member (object, "latching", def->latching);
  json_object_set_boolean_member (object, "enabled", def->enabled);
  json_object_set_int_member (object, "max_shelve_min", def->max_shelve_min);

  return object;
}

/* --- States ----------------------------------------------------------------- */

typedef struct
{
  gint64 now;
} SortData;

static int
compare_alarms (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SortData *data = user_data;

  return pd_alarm_compare (*(const PdAlarm * const *) a, *(const PdAlarm * const *) b, data->now);
}

static GPtrArray *
list_alarms (sqlite3     *db,
             gint64       alarm_id,
             gboolean     active_only,
             gint64       now,
             GError     **error)
{
  g_autoptr(GPtrArray) alarms = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_free);
  SortData data = { now };
  sqlite3_stmt *stmt;
  int rc;

  if (alarm_id > 0)
    stmt = pd_read_conn_prepare (db,
                                 "SELECT " DEF_COLUMNS ", s.alarm_id IS NOT NULL, " STATE_COLUMNS DEF_JOINS
                                 " LEFT JOIN alarm_state s ON s.alarm_id = d.id WHERE d.id = ?",
                                 error);
  else
    stmt = pd_read_conn_prepare (db,
                                 "SELECT " DEF_COLUMNS ", s.alarm_id IS NOT NULL, " STATE_COLUMNS DEF_JOINS
                                 " LEFT JOIN alarm_state s ON s.alarm_id = d.id WHERE d.removed = 0",
                                 error);
  if (stmt == NULL)
    return NULL;
  if (alarm_id > 0)
    sqlite3_bind_int64 (stmt, 1, alarm_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarm *alarm = g_new0 (PdAlarm, 1);

      alarm->def = _pd_alarm_def_from_row (stmt);
      pd_alarm_status_init (&alarm->status, alarm->def->id);
      if (sqlite3_column_int (stmt, N_DEF_COLUMNS) != 0)
        status_from_row (stmt, N_DEF_COLUMNS + 1, &alarm->status);

      if (active_only && pd_alarm_status_get_state (&alarm->status, now) == PD_ALARM_STATE_NORMAL)
        pd_alarm_free (alarm);
      else
        g_ptr_array_add (alarms, alarm);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  g_ptr_array_sort_with_data (alarms, compare_alarms, &data);
  return g_steal_pointer (&alarms);
}

GPtrArray *
pd_store_list_alarms (PdStore   *self,
                      gboolean   active_only,
                      gint64     now,
                      GError   **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (now == 0)
    now = g_get_real_time ();

  return list_alarms (pd_store_get_db (self), 0, active_only, now, error);
}

PdAlarm *
pd_store_get_alarm (PdStore  *self,
                    gint64    alarm_id,
                    GError  **error)
{
  g_autoptr(GPtrArray) alarms = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (alarm_id <= 0 ||
      (alarms = list_alarms (pd_store_get_db (self), alarm_id, FALSE, g_get_real_time (), error)) == NULL ||
      alarms->len == 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                     _("No alarm with id %" PRId64 "."), alarm_id);
      return NULL;
    }

  return g_ptr_array_steal_index (alarms, 0);
}

static void
status_array_clear (gpointer data)
{
  pd_alarm_status_clear (data);
}

GArray *
pd_store_list_alarm_states_since (PdStore  *self,
                                  gint64    after_event_id,
                                  GError  **error)
{
  g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (PdAlarmStatus));
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  g_array_set_clear_func (states, status_array_clear);
  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db,
                               "SELECT " STATE_COLUMNS " FROM alarm_state s WHERE s.last_event_id > ? "
                               "ORDER BY s.last_event_id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_event_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmStatus status;

      pd_alarm_status_init (&status, 0);
      status_from_row (stmt, 0, &status);
      g_array_append_val (states, status);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  /* The caller clears each one, as the header says. */
  g_array_set_clear_func (states, NULL);
  return g_steal_pointer (&states);
}

static void
status_free (PdAlarmStatus *status)
{
  pd_alarm_status_clear (status);
  g_free (status);
}

static gboolean
status_equal (const PdAlarmStatus *a,
              const PdAlarmStatus *b)
{
  return a->active == b->active &&
         a->condition_active == b->condition_active &&
         a->acknowledged == b->acknowledged &&
         a->shelved_until == b->shelved_until &&
         a->suppressed == b->suppressed &&
         a->raised_ts == b->raised_ts &&
         a->last_event_id == b->last_event_id;
}

/* Folds every event into a table of alarm id → PdAlarmStatus. */
static GHashTable *
fold_all_events (sqlite3     *db,
                 GError     **error)
{
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) status_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT id, alarm_id, ts, kind, value, user_name, comment, until_ts "
                               "FROM alarm_events ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmEvent event = { 0, };
      PdAlarmEventKind kind;
      PdAlarmStatus *status;
      gint64 alarm_id = sqlite3_column_int64 (stmt, 1);

      if (!pd_alarm_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind))
        continue;

      status = g_hash_table_lookup (folded, &alarm_id);
      if (status == NULL)
        {
          status = g_new0 (PdAlarmStatus, 1);
          pd_alarm_status_init (status, alarm_id);
          g_hash_table_insert (folded, &status->alarm_id, status);
        }

      event.id = sqlite3_column_int64 (stmt, 0);
      event.alarm_id = alarm_id;
      event.ts = sqlite3_column_int64 (stmt, 2);
      event.kind = kind;
      event.value = column_double_or_nan (stmt, 4);
      event.user_name = (char *) sqlite3_column_text (stmt, 5);
      event.comment = (char *) sqlite3_column_text (stmt, 6);
      event.until = sqlite3_column_int64 (stmt, 7);

      /* Only accepted events were ever written: the same check keeps the
       * fold the same as the writer's. */
      if (pd_alarm_status_accepts (status, &event))
        pd_alarm_status_apply (status, &event);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&folded);
}

static int
rebuild_in_transaction (sqlite3     *db,
                        gboolean     repair,
                        GError     **error)
{
  g_autoptr(GHashTable) folded = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) status_free);
  g_autoptr(GPtrArray) differ = g_ptr_array_new ();
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  if ((folded = fold_all_events (db, error)) == NULL)
    return -1;

  stmt = pd_read_conn_prepare (db, "SELECT " STATE_COLUMNS " FROM alarm_state s", error);
  if (stmt == NULL)
    return -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmStatus *status = g_new0 (PdAlarmStatus, 1);

      status_from_row (stmt, 0, status);
      g_hash_table_insert (stored, &status->alarm_id, status);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return -1;
    }

  g_hash_table_iter_init (&iter, folded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PdAlarmStatus *fold = value;
      PdAlarmStatus *row = g_hash_table_lookup (stored, &fold->alarm_id);

      if (row == NULL || !status_equal (fold, row))
        g_ptr_array_add (differ, fold);
    }

  /* A state row without events is no fold of anything. */
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PdAlarmStatus *row = value;

      if (!g_hash_table_contains (folded, &row->alarm_id))
        g_ptr_array_add (orphans, row);
    }

  if (repair)
    {
      for (guint i = 0; i < differ->len; i++)
        if (!save_status (db, g_ptr_array_index (differ, i), error))
          return -1;

      for (guint i = 0; i < orphans->len; i++)
        {
          PdAlarmStatus *row = g_ptr_array_index (orphans, i);

          stmt = pd_read_conn_prepare (db, "DELETE FROM alarm_state WHERE alarm_id = ?", error);
          if (stmt == NULL)
            return -1;
          sqlite3_bind_int64 (stmt, 1, row->alarm_id);
          if (!_pd_alarm_exec (db, stmt, error))
            return -1;
        }
    }

  return (int) (differ->len + orphans->len);
}

int
pd_store_rebuild_alarm_states (PdStore   *self,
                               gboolean   repair,
                               GError   **error)
{
  int n;

  g_return_val_if_fail (PD_IS_STORE (self), -1);

  /* alarm_state is derived data of this station alone: the repair needs
   * neither an audit record nor an outbox entry, only one transaction so
   * that no event slips in between the fold and the fix. */
  if (!_pd_store_begin_immediate (self, error))
    return -1;

  n = rebuild_in_transaction (pd_store_get_db (self), repair, error);
  if (n < 0 || !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      return -1;
    }

  if (repair && n > 0)
    _pd_store_emit (self, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return n;
}

/* --- Events the station makes ----------------------------------------------- */

typedef struct
{
  GPtrArray *events;   /* in */
  GPtrArray *written;  /* out */
} EventsWrite;

static gboolean
write_events (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  EventsWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  JsonArray *array = json_array_new ();
  JsonObject *payload;

  for (guint i = 0; i < job->events->len; i++)
    {
      g_autoptr(PdAlarmEvent) event = pd_alarm_event_copy (g_ptr_array_index (job->events, i));
      PdAlarmStatus status;
      const char *alarm_uuid;
      gboolean removed;
      gboolean accepted;

      g_clear_pointer (&event->uuid, g_free);
      event->id = 0;

      if (!_pd_alarm_def_is_removed (db, event->alarm_id, &removed, error))
        goto fail;
      if (removed)
        continue;

      if (!_pd_alarm_load_status (db, event->alarm_id, &status, error))
        goto fail;
      if (!_pd_alarm_append_event (db, &status, event, &accepted, error))
        {
          pd_alarm_status_clear (&status);
          goto fail;
        }
      pd_alarm_status_clear (&status);
      if (!accepted)
        continue;

      alarm_uuid = g_hash_table_lookup (uuids, &event->alarm_id);
      if (alarm_uuid == NULL)
        {
          g_autoptr(PdAlarmDef) def = _pd_alarm_load_def (db, event->alarm_id, error);

          if (def == NULL)
            goto fail;
          alarm_uuid = def->uuid;
          g_hash_table_insert (uuids, g_memdup2 (&event->alarm_id, sizeof (gint64)), g_steal_pointer (&def->uuid));
        }

      json_array_add_object_element (array, _pd_alarm_event_to_json (event, alarm_uuid));
      g_ptr_array_add (job->written, g_steal_pointer (&event));
    }

  if (job->written->len == 0)
    {
      json_array_unref (array);
      return _pd_alarm_set_nothing (error);
    }

  payload = json_object_new ();
  json_object_set_array_member (payload, "events", array);
  pd_write_take_payload (write, payload);
  pd_write_set_operation (write, "insert");
  if (job->written->len == 1)
    pd_write_set_entity_id (write, ((PdAlarmEvent *) g_ptr_array_index (job->written, 0))->uuid);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;

fail:
  json_array_unref (array);
  return FALSE;
}

GPtrArray *
pd_store_append_alarm_events (PdStore    *self,
                              GPtrArray  *events,
                              GError    **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  EventsWrite job = { events, written };
  GError *local_error = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (events != NULL, NULL);

  if (events->len == 0)
    return g_steal_pointer (&written);

  if (!pd_store_write_system (self, "alarm.events", "alarm_event", write_events, &job, &local_error))
    {
      g_ptr_array_set_size (written, 0);
      if (g_error_matches (local_error, PD_ALARM_NOTHING_TO_DO, 0))
        {
          g_clear_error (&local_error);
          return g_steal_pointer (&written);
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&written);
}
