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

/* The columns def_from_row() reads, in this order. The device is the tag's
 * while the tag exists, else the stored one. */
#define DEF_COLUMNS \
  "d.id, d.uuid, d.condition, d.tag_id, COALESCE (t.device_id, d.device_id), d.source, " \
  "(CASE d.condition" \
  " WHEN 'source' THEN d.source_name" \
  " WHEN 'comm' THEN COALESCE (dev.name, d.source_name)" \
  " ELSE COALESCE (dev.name || ' / ' || t.name, d.source_name) END), " \
  "d.limit_value, d.deadband, d.on_delay_ms, d.off_delay_ms, d.digital_when, d.priority, " \
  "d.message, d.latching, d.enabled, d.max_shelve_min, t.unit"
#define N_DEF_COLUMNS 18

#define DEF_JOINS \
  " FROM alarm_defs d" \
  " LEFT JOIN tags t ON t.id = d.tag_id" \
  " LEFT JOIN devices dev ON dev.id = COALESCE (t.device_id, d.device_id)"

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

sqlite3_stmt *
_pd_alarm_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return stmt;
}

static gboolean
exec_bound (sqlite3      *db,
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

static PdAlarmDef *
def_from_row (sqlite3_stmt *stmt)
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

static PdAlarmDef *
load_one_def (sqlite3     *db,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  sqlite3_stmt *stmt;
  PdAlarmDef *def = NULL;
  int rc;

  stmt = _pd_alarm_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    def = def_from_row (stmt);
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

  def = load_one_def (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.id = ?", alarm_id, NULL, &local_error);
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
  return load_one_def (db,
                       "SELECT " DEF_COLUMNS DEF_JOINS
                       " WHERE d.source = ? AND d.removed = 0 AND d.condition = 'source'",
                       0, source, error);
}

static gboolean
def_is_removed (sqlite3     *db,
                gint64       alarm_id,
                gboolean    *removed,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_alarm_prepare (db, "SELECT removed FROM alarm_defs WHERE id = ?", error);
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

  stmt = _pd_alarm_prepare (db, "SELECT " STATE_COLUMNS " FROM alarm_state s WHERE s.alarm_id = ?", error);
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

  stmt = _pd_alarm_prepare (db,
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

  return exec_bound (db, stmt, error);
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

  stmt = _pd_alarm_prepare (db,
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

  if (!exec_bound (db, stmt, error))
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

  stmt = _pd_alarm_prepare (db,
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
  json_object_set_boolean_member (object, "latching", def->latching);
  json_object_set_boolean_member (object, "enabled", def->enabled);
  json_object_set_int_member (object, "max_shelve_min", def->max_shelve_min);

  return object;
}

/* --- Definitions ------------------------------------------------------------ */

static int
compare_defs (gconstpointer a,
              gconstpointer b)
{
  const PdAlarmDef *da = *(const PdAlarmDef * const *) a;
  const PdAlarmDef *db = *(const PdAlarmDef * const *) b;
  int cmp = g_utf8_collate (da->source_name != NULL ? da->source_name : "",
                            db->source_name != NULL ? db->source_name : "");

  if (cmp != 0)
    return cmp;
  if (da->condition != db->condition)
    return da->condition < db->condition ? -1 : 1;
  return da->id < db->id ? -1 : da->id > db->id;
}

static GPtrArray *
list_live_defs (sqlite3     *db,
                gint64       tag_id,
                GError     **error)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  sqlite3_stmt *stmt;
  int rc;

  if (tag_id > 0)
    stmt = _pd_alarm_prepare (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.removed = 0 AND d.tag_id = ?", error);
  else
    stmt = _pd_alarm_prepare (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.removed = 0", error);
  if (stmt == NULL)
    return NULL;
  if (tag_id > 0)
    sqlite3_bind_int64 (stmt, 1, tag_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (defs, def_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  g_ptr_array_sort (defs, compare_defs);
  return g_steal_pointer (&defs);
}

GPtrArray *
pd_store_list_alarm_defs (PdStore  *self,
                          gint64    tag_id,
                          GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return list_live_defs (pd_store_get_db (self), tag_id, error);
}

PdAlarmDef *
pd_store_get_alarm_def (PdStore  *self,
                        gint64    alarm_id,
                        GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return _pd_alarm_load_def (pd_store_get_db (self), alarm_id, error);
}

typedef struct
{
  gint64     tag_id;
  GPtrArray *defs;
} TagAlarmsWrite;

static gboolean
bind_def_fields (sqlite3_stmt     *stmt,
                 const PdAlarmDef *def)
{
  /* Columns 1 … 11 of both the INSERT and the UPDATE below. */
  if (pd_alarm_condition_is_limit (def->condition))
    sqlite3_bind_double (stmt, 1, def->limit);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_double (stmt, 2, def->deadband);
  sqlite3_bind_int64 (stmt, 3, def->on_delay_ms);
  sqlite3_bind_int64 (stmt, 4, def->off_delay_ms);
  sqlite3_bind_int (stmt, 5, def->digital_when ? 1 : 0);
  sqlite3_bind_text (stmt, 6, pd_alarm_priority_to_string (def->priority), -1, SQLITE_STATIC);
  if (def->message != NULL && *def->message != '\0')
    sqlite3_bind_text (stmt, 7, def->message, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, def->latching ? 1 : 0);
  sqlite3_bind_int (stmt, 9, def->enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, def->max_shelve_min);
  return TRUE;
}

/* Inserts DEF as a new live definition, or updates the live one with id
 * EXISTING_ID; sets DEF's id and uuid. */
static gboolean
store_def (sqlite3     *db,
           PdAlarmDef  *def,
           gint64       existing_id,
           const char  *existing_uuid,
           GError     **error)
{
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;

  if (existing_id > 0)
    {
      stmt = _pd_alarm_prepare (db,
                                "UPDATE alarm_defs SET limit_value = ?, deadband = ?, on_delay_ms = ?, off_delay_ms = ?, "
                                "digital_when = ?, priority = ?, message = ?, latching = ?, enabled = ?, "
                                "max_shelve_min = ?, source_name = ?, updated_at = ? WHERE id = ?",
                                error);
      if (stmt == NULL)
        return FALSE;
      bind_def_fields (stmt, def);
      sqlite3_bind_text (stmt, 11, def->source_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 13, existing_id);
      if (!exec_bound (db, stmt, error))
        return FALSE;

      def->id = existing_id;
      g_free (def->uuid);
      def->uuid = g_strdup (existing_uuid);
      return TRUE;
    }

  g_free (def->uuid);
  def->uuid = g_uuid_string_random ();

  stmt = _pd_alarm_prepare (db,
                            "INSERT INTO alarm_defs (limit_value, deadband, on_delay_ms, off_delay_ms, digital_when, "
                            "priority, message, latching, enabled, max_shelve_min, source_name, uuid, condition, "
                            "tag_id, device_id, source, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_def_fields (stmt, def);
  sqlite3_bind_text (stmt, 11, def->source_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, def->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, pd_alarm_condition_to_string (def->condition), -1, SQLITE_STATIC);
  if (def->tag_id > 0)
    sqlite3_bind_int64 (stmt, 14, def->tag_id);
  else
    sqlite3_bind_null (stmt, 14);
  if (def->device_id > 0)
    sqlite3_bind_int64 (stmt, 15, def->device_id);
  else
    sqlite3_bind_null (stmt, 15);
  sqlite3_bind_text (stmt, 16, def->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, now, -1, SQLITE_TRANSIENT);
  if (!exec_bound (db, stmt, error))
    return FALSE;

  def->id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

static gboolean
write_tag_alarms (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  TagAlarmsWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  g_autofree char *tag_uuid = NULL;
  g_autofree char *tag_type = NULL;
  g_autofree char *full_name = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  gint64 device_id = 0;
  gboolean is_bool;
  JsonObject *payload;
  JsonArray *alarms;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_alarm_prepare (db,
                            "SELECT t.uuid, t.type, t.device_id, dev.name || ' / ' || t.name "
                            "FROM tags t JOIN devices dev ON dev.id = t.device_id WHERE t.id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->tag_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tag_uuid = dup_column_text (stmt, 0);
      tag_type = dup_column_text (stmt, 1);
      device_id = sqlite3_column_int64 (stmt, 2);
      full_name = dup_column_text (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No tag with id %" PRId64 "."), job->tag_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  is_bool = g_strcmp0 (tag_type, "bool") == 0;

  for (guint i = 0; i < job->defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (job->defs, i);

      if (pd_alarm_condition_is_limit (def->condition) && is_bool)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The tag “%s” is on or off: a %s limit needs a tag with a number type."),
                       full_name, pd_alarm_condition_get_label (def->condition));
          return FALSE;
        }
      if (def->condition == PD_ALARM_CONDITION_DIGITAL && !is_bool)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The tag “%s” is of type %s: a digital alarm needs a bool tag."),
                       full_name, tag_type);
          return FALSE;
        }

      def->device_id = device_id;
      g_free (def->source_name);
      def->source_name = g_strdup (full_name);
    }

  if ((existing = list_live_defs (db, job->tag_id, error)) == NULL)
    return FALSE;

  /* The result: the new definitions, and the existing ones they do not
   * replace. */
  for (guint i = 0; i < job->defs->len; i++)
    g_ptr_array_add (merged, g_ptr_array_index (job->defs, i));
  for (guint i = 0; i < existing->len; i++)
    {
      PdAlarmDef *old = g_ptr_array_index (existing, i);
      gboolean replaced = FALSE;

      for (guint j = 0; j < job->defs->len && !replaced; j++)
        replaced = ((PdAlarmDef *) g_ptr_array_index (job->defs, j))->condition == old->condition;
      if (!replaced)
        g_ptr_array_add (merged, old);
    }

  if (!pd_alarm_defs_check_limits ((PdAlarmDef * const *) merged->pdata, merged->len, error))
    return FALSE;

  alarms = json_array_new ();
  for (guint i = 0; i < job->defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (job->defs, i);
      PdAlarmDef *old = NULL;
      JsonObject *object;

      for (guint j = 0; j < existing->len && old == NULL; j++)
        if (((PdAlarmDef *) g_ptr_array_index (existing, j))->condition == def->condition)
          old = g_ptr_array_index (existing, j);

      if (!store_def (db, def, old != NULL ? old->id : 0, old != NULL ? old->uuid : NULL, error) ||
          (object = _pd_alarm_def_to_json (db, def->id, error)) == NULL)
        {
          json_array_unref (alarms);
          return FALSE;
        }
      json_array_add_object_element (alarms, object);

      if (pd_alarm_condition_is_limit (def->condition))
        g_string_append_printf (detail, "%s%s %g", detail->len > 0 ? ", " : "",
                                pd_alarm_condition_to_string (def->condition), def->limit);
      else
        g_string_append_printf (detail, "%s%s", detail->len > 0 ? ", " : "",
                                pd_alarm_condition_to_string (def->condition));
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "tag_uuid", tag_uuid);
  json_object_set_int_member (payload, "tag_id", job->tag_id);
  json_object_set_array_member (payload, "alarms", alarms);
  pd_write_take_payload (write, payload);

  g_string_prepend (detail, ": ");
  g_string_prepend (detail, full_name);
  pd_write_set_entity_id (write, job->defs->len == 1
                                 ? ((PdAlarmDef *) g_ptr_array_index (job->defs, 0))->uuid
                                 : tag_uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail->str);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;
}

gboolean
pd_store_save_tag_alarms (PdStore    *self,
                          PdUser     *actor,
                          gint64      tag_id,
                          GPtrArray  *defs,
                          GError    **error)
{
  TagAlarmsWrite job = { tag_id, NULL };
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (defs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Work on copies so that a refused write leaves the caller's defs as
   * they were; ids and uuids are copied back on success. */
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = pd_alarm_def_copy (g_ptr_array_index (defs, i));

      g_ptr_array_add (copies, def);
      def->tag_id = tag_id;

      if (!pd_alarm_condition_is_limit (def->condition) && def->condition != PD_ALARM_CONDITION_DIGITAL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("A tag can have limit and digital alarms, not a %s alarm."),
                       pd_alarm_condition_get_label (def->condition));
          return FALSE;
        }

      if (!pd_alarm_def_validate (def, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          if (((PdAlarmDef *) g_ptr_array_index (copies, j))->condition == def->condition)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("The %s alarm is given twice."),
                           pd_alarm_condition_get_label (def->condition));
              return FALSE;
            }
        }
    }

  job.defs = copies;
  if (!pd_store_write (self, actor, PD_PERMISSION_ALARMS_CONFIGURE, "alarm.define", "alarm_def",
                       write_tag_alarms, &job, error))
    return FALSE;

  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (defs, i);
      PdAlarmDef *copy = g_ptr_array_index (copies, i);

      def->id = copy->id;
      def->tag_id = copy->tag_id;
      def->device_id = copy->device_id;
      g_free (def->uuid);
      def->uuid = g_strdup (copy->uuid);
    }

  return TRUE;
}

static gboolean
load_device_name (sqlite3      *db,
                  gint64        device_id,
                  char        **name,
                  char        **lifecycle,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_alarm_prepare (db, "SELECT name, lifecycle FROM devices WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = dup_column_text (stmt, 0);
      if (lifecycle != NULL)
        *lifecycle = dup_column_text (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No device with id %" PRId64 "."), device_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static PdAlarmDef *
load_comm_def (sqlite3     *db,
               gint64       device_id,
               GError     **error)
{
  return load_one_def (db,
                       "SELECT " DEF_COLUMNS DEF_JOINS
                       " WHERE d.device_id = ? AND d.condition = 'comm' AND d.removed = 0",
                       device_id, NULL, error);
}

static gboolean
write_comm_alarm (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  PdAlarmDef *def = user_data;
  sqlite3 *db = pd_write_get_db (write);
  GError *local_error = NULL;
  g_autoptr(PdAlarmDef) old = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;

  if (!load_device_name (db, def->device_id, &name, NULL, error))
    return FALSE;

  old = load_comm_def (db, def->device_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_free (def->source_name);
  def->source_name = g_strdup (name);
  if (old != NULL)
    {
      /* Only what the contract lets people change of a comm alarm. */
      old->priority = def->priority;
      old->on_delay_ms = def->on_delay_ms;
      old->off_delay_ms = def->off_delay_ms;
      old->enabled = def->enabled;
      g_free (old->source_name);
      old->source_name = g_strdup (name);
      if (!store_def (db, old, old->id, old->uuid, error))
        return FALSE;
      def->id = old->id;
      g_free (def->uuid);
      def->uuid = g_strdup (old->uuid);
    }
  else if (!store_def (db, def, 0, NULL, error))
    return FALSE;

  if ((payload = _pd_alarm_def_to_json (db, def->id, error)) == NULL)
    return FALSE;
  pd_write_take_payload (write, payload);

  detail = g_strdup_printf ("%s: comm, %s", name, pd_alarm_priority_to_string (def->priority));
  pd_write_set_entity_id (write, def->uuid);
  pd_write_set_operation (write, old != NULL ? "update" : "insert");
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;
}

gboolean
pd_store_save_comm_alarm (PdStore           *self,
                          PdUser            *actor,
                          const PdAlarmDef  *def,
                          GError           **error)
{
  g_autoptr(PdAlarmDef) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (def->condition != PD_ALARM_CONDITION_COMM)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A %s alarm is not a communication alarm."),
                   pd_alarm_condition_get_label (def->condition));
      return FALSE;
    }

  copy = pd_alarm_def_copy (def);
  copy->tag_id = 0;
  g_clear_pointer (&copy->source, g_free);
  if (!pd_alarm_def_validate (copy, error))
    return FALSE;

  return pd_store_write (self, actor, PD_PERMISSION_ALARMS_CONFIGURE, "alarm.define", "alarm_def",
                         write_comm_alarm, copy, error);
}

static gboolean
write_remove_def (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  gint64 alarm_id = *(gint64 *) user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdAlarmDef) def = NULL;
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  gboolean removed;
  sqlite3_stmt *stmt;
  JsonObject *payload;

  if ((def = _pd_alarm_load_def (db, alarm_id, error)) == NULL)
    return FALSE;
  if (!def_is_removed (db, alarm_id, &removed, error))
    return FALSE;
  if (removed)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No alarm with id %" PRId64 "."), alarm_id);
      return FALSE;
    }

  /* Keep the name it has now for the history. */
  stmt = _pd_alarm_prepare (db, "UPDATE alarm_defs SET removed = 1, source_name = ?, updated_at = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, def->source_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, alarm_id);
  if (!exec_bound (db, stmt, error))
    return FALSE;

  if ((payload = _pd_alarm_def_to_json (db, alarm_id, error)) == NULL)
    return FALSE;
  pd_write_take_payload (write, payload);

  detail = g_strdup_printf ("%s: %s", def->source_name, pd_alarm_condition_to_string (def->condition));
  pd_write_set_entity_id (write, def->uuid);
  pd_write_set_operation (write, "delete");
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;
}

gboolean
pd_store_remove_alarm_def (PdStore  *self,
                           PdUser   *actor,
                           gint64    alarm_id,
                           GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return pd_store_write (self, actor, PD_PERMISSION_ALARMS_CONFIGURE, "alarm.remove", "alarm_def",
                         write_remove_def, &alarm_id, error);
}

#define MISSING_COMM_SQL \
  "SELECT dev.id, dev.name FROM devices dev WHERE dev.lifecycle != 'retired' AND NOT EXISTS " \
  "(SELECT 1 FROM alarm_defs d WHERE d.device_id = dev.id AND d.condition = 'comm' AND d.removed = 0) " \
  "ORDER BY dev.id"

static gboolean
write_comm_alarms (PdWrite   *write,
                   gpointer   user_data,
                   GError   **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  JsonArray *alarms;
  JsonObject *payload;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_alarm_prepare (db, MISSING_COMM_SQL, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdAlarmDef *def = pd_alarm_def_new (PD_ALARM_CONDITION_COMM);

      def->device_id = sqlite3_column_int64 (stmt, 0);
      def->source_name = dup_column_text (stmt, 1);
      def->priority = PD_ALARM_PRIORITY_HIGH;
      g_ptr_array_add (defs, def);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  /* Another connection was quicker. */
  if (defs->len == 0)
    return _pd_alarm_set_nothing (error);

  alarms = json_array_new ();
  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (defs, i);
      JsonObject *object;

      if (!store_def (db, def, 0, NULL, error) ||
          (object = _pd_alarm_def_to_json (db, def->id, error)) == NULL)
        {
          json_array_unref (alarms);
          return FALSE;
        }
      json_array_add_object_element (alarms, object);
    }

  payload = json_object_new ();
  json_object_set_array_member (payload, "alarms", alarms);
  pd_write_take_payload (write, payload);
  pd_write_set_entity_id (write, defs->len == 1 ? ((PdAlarmDef *) g_ptr_array_index (defs, 0))->uuid : NULL);
  pd_write_set_operation (write, "insert");
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;
}

gboolean
pd_store_ensure_comm_alarms (PdStore  *self,
                             GError  **error)
{
  GError *local_error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean missing;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  /* A read first: the common case, nothing missing, writes nothing. */
  db = pd_store_get_db (self);
  stmt = _pd_alarm_prepare (db, MISSING_COMM_SQL, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  missing = rc == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  if (!missing)
    return TRUE;

  if (!pd_store_write_system (self, "alarm.define", "alarm_def", write_comm_alarms, NULL, &local_error))
    {
      if (g_error_matches (local_error, PD_ALARM_NOTHING_TO_DO, 0))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
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
    stmt = _pd_alarm_prepare (db,
                              "SELECT " DEF_COLUMNS ", s.alarm_id IS NOT NULL, " STATE_COLUMNS DEF_JOINS
                              " LEFT JOIN alarm_state s ON s.alarm_id = d.id WHERE d.id = ?",
                              error);
  else
    stmt = _pd_alarm_prepare (db,
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

      alarm->def = def_from_row (stmt);
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
  stmt = _pd_alarm_prepare (db,
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

  stmt = _pd_alarm_prepare (db,
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

  stmt = _pd_alarm_prepare (db, "SELECT " STATE_COLUMNS " FROM alarm_state s", error);
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

          stmt = _pd_alarm_prepare (db, "DELETE FROM alarm_state WHERE alarm_id = ?", error);
          if (stmt == NULL)
            return -1;
          sqlite3_bind_int64 (stmt, 1, row->alarm_id);
          if (!exec_bound (db, stmt, error))
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

      if (!def_is_removed (db, event->alarm_id, &removed, error))
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
