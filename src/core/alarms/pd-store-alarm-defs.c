/* pd-store-alarm-defs.c — alarm definitions in the store
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

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
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
    stmt = pd_read_conn_prepare (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.removed = 0 AND d.tag_id = ?", error);
  else
    stmt = pd_read_conn_prepare (db, "SELECT " DEF_COLUMNS DEF_JOINS " WHERE d.removed = 0", error);
  if (stmt == NULL)
    return NULL;
  if (tag_id > 0)
    sqlite3_bind_int64 (stmt, 1, tag_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (defs, _pd_alarm_def_from_row (stmt));
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
      stmt = pd_read_conn_prepare (db,
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
      if (!_pd_alarm_exec (db, stmt, error))
        return FALSE;

      def->id = existing_id;
      if (def->uuid != existing_uuid)
        {
          g_free (def->uuid);
          def->uuid = g_strdup (existing_uuid);
        }
      return TRUE;
    }

  g_free (def->uuid);
  def->uuid = g_uuid_string_random ();

  stmt = pd_read_conn_prepare (db,
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
  if (!_pd_alarm_exec (db, stmt, error))
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

  stmt = pd_read_conn_prepare (db,
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

  stmt = pd_read_conn_prepare (db, "SELECT name, lifecycle FROM devices WHERE id = ?", error);
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
  return _pd_alarm_load_one_def (db,
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
  if (!_pd_alarm_def_is_removed (db, alarm_id, &removed, error))
    return FALSE;
  if (removed)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No alarm with id %" PRId64 "."), alarm_id);
      return FALSE;
    }

  /* Keep the name it has now for the history. */
  stmt = pd_read_conn_prepare (db, "UPDATE alarm_defs SET removed = 1, source_name = ?, updated_at = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, def->source_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, alarm_id);
  if (!_pd_alarm_exec (db, stmt, error))
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

  stmt = pd_read_conn_prepare (db, MISSING_COMM_SQL, error);
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
  stmt = pd_read_conn_prepare (db, MISSING_COMM_SQL, error);
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
