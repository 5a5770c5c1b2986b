/* pd-store-inspections.c — inspection plans and append-only inspection records
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-inspections"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-device-private.h"
#include "pd-error.h"
#include "pd-store-devices-private.h"
#include "pd-store-private.h"

#define LABEL_MAX_CHARS  128
#define NOTES_MAX_CHARS  4000
#define CHECKLIST_MAX    100
#define USEC_PER_DAY     (G_USEC_PER_SEC * (gint64) 86400)

static void
inspection_item_free (PdInspectionItem *item)
{
  g_free (item->label);
  g_free (item);
}

void
pd_inspection_free (PdInspection *inspection)
{
  if (inspection == NULL)
    return;

  g_free (inspection->uuid);
  g_free (inspection->user_name);
  g_free (inspection->notes);
  g_clear_pointer (&inspection->items, g_ptr_array_unref);
  g_free (inspection);
}

static gboolean
check_label (const char  *label,
             GError     **error)
{
  g_autofree char *trimmed = label != NULL ? g_strstrip (g_strdup (label)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A checklist item must not be empty."));
      return FALSE;
    }

  if (!g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A checklist item is not valid text."));
      return FALSE;
    }

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The checklist item “%s” contains a control character."), label);
          return FALSE;
        }
    }

  if (g_utf8_strlen (label, -1) > LABEL_MAX_CHARS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The checklist item “%s” is longer than %d characters."),
                   label, LABEL_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

static char **
load_checklist (sqlite3     *db,
                gint64       device_id,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT label FROM inspection_plan_items WHERE device_id = ? ORDER BY position",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
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

/* --- Plans ---------------------------------------------------------------------- */

typedef struct
{
  gint64              device_id;
  guint               interval_days;
  const char * const *checklist;
} PlanWrite;

static gboolean
write_inspection_plan (PdWrite   *write,
                       gpointer   user_data,
                       GError   **error)
{
  PlanWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  JsonArray *items;
  sqlite3_stmt *stmt;
  PdUser *actor = pd_write_get_actor (write);
  guint n_items = job->checklist != NULL ? g_strv_length ((char **) job->checklist) : 0;

  if ((device = _pd_devices_load (db, job->device_id, &uuid, error)) == NULL)
    return FALSE;

  if (device->lifecycle == PD_LIFECYCLE_RETIRED)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The device “%s” is retired: it is no longer inspected."), device->name);
      return FALSE;
    }

  stmt = pd_read_conn_prepare (db, "UPDATE devices SET inspection_interval_days = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, job->interval_days);
  sqlite3_bind_int64 (stmt, 2, device->id);
  if (!exec_bound (db, stmt, error))
    return FALSE;

  /* Replacing the plan starts its due date afresh, and the old items go
   * with it (recorded inspections keep their own copy of the labels). */
  stmt = pd_read_conn_prepare (db, "DELETE FROM inspection_plans WHERE device_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device->id);
  if (!exec_bound (db, stmt, error))
    return FALSE;

  stmt = pd_read_conn_prepare (db, "INSERT INTO inspection_plans (device_id, set_at, set_by) VALUES (?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device->id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_text (stmt, 3, actor != NULL ? pd_user_get_name (actor) : NULL, -1, SQLITE_TRANSIENT);
  if (!exec_bound (db, stmt, error))
    return FALSE;

  items = json_array_sized_new (n_items);
  for (guint i = 0; i < n_items; i++)
    {
      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO inspection_plan_items (device_id, position, label) VALUES (?, ?, ?)",
                                   error);
      if (stmt == NULL)
        {
          json_array_unref (items);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, device->id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, job->checklist[i], -1, SQLITE_TRANSIENT);
      if (!exec_bound (db, stmt, error))
        {
          json_array_unref (items);
          return FALSE;
        }
      json_array_add_string_element (items, job->checklist[i]);
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "device_uuid", uuid);
  json_object_set_string_member (payload, "device", device->name);
  json_object_set_int_member (payload, "interval_days", job->interval_days);
  json_object_set_array_member (payload, "checklist", items);

  detail = g_strdup_printf ("%s every %u days, %u items", device->name, job->interval_days, n_items);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);

  return TRUE;
}

gboolean
pd_store_set_inspection_plan (PdStore             *self,
                              PdUser              *actor,
                              gint64               device_id,
                              guint                interval_days,
                              const char * const  *checklist,
                              GError             **error)
{
  PlanWrite job = { device_id, interval_days, checklist };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items = 0;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (interval_days > PD_INSPECTION_INTERVAL_MAX_DAYS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The inspection interval of %u days is out of range: it must be at most %u days."),
                   interval_days, PD_INSPECTION_INTERVAL_MAX_DAYS);
      return FALSE;
    }

  for (; checklist != NULL && checklist[n_items] != NULL; n_items++)
    {
      if (!check_label (checklist[n_items], error))
        return FALSE;
      if (!g_hash_table_add (seen, g_utf8_casefold (checklist[n_items], -1)))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The checklist item “%s” appears more than once."), checklist[n_items]);
          return FALSE;
        }
    }

  if (n_items > CHECKLIST_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A checklist may have at most %d items."), CHECKLIST_MAX);
      return FALSE;
    }

  if (interval_days > 0 && n_items == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A periodic inspection needs at least one checklist item."));
      return FALSE;
    }

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_MAINTAIN, "inspection.plan", "inspection_plan",
                       write_inspection_plan, &job, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_DEVICES_CHANGED);
  _pd_store_emit (self, PD_STORE_SIGNAL_INSPECTIONS_CHANGED);
  return TRUE;
}

char **
pd_store_dup_inspection_checklist (PdStore  *self,
                                   gint64    device_id,
                                   GError  **error)
{
  g_autoptr(PdDevice) device = NULL;
  sqlite3 *db;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  if ((device = _pd_devices_load (db, device_id, NULL, error)) == NULL)
    return NULL;

  return load_checklist (db, device_id, error);
}

/* --- Records ----------------------------------------------------------------------- */

typedef struct
{
  gint64        device_id;
  GPtrArray    *items;
  const char   *notes;
  PdInspection *result;
} RecordWrite;

static gboolean
write_record_inspection (PdWrite   *write,
                         gpointer   user_data,
                         GError   **error)
{
  RecordWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdInspection) inspection = NULL;
  g_autofree char *device_uuid = NULL;
  g_autofree char *detail = NULL;
  g_auto(GStrv) checklist = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *time_text = NULL;
  JsonObject *payload;
  JsonArray *items;
  sqlite3_stmt *stmt;
  guint n_checklist;
  guint n_bad = 0;

  if ((device = _pd_devices_load (db, job->device_id, &device_uuid, error)) == NULL)
    return FALSE;

  if (device->lifecycle == PD_LIFECYCLE_RETIRED)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The device “%s” is retired: it is no longer inspected."), device->name);
      return FALSE;
    }

  if ((checklist = load_checklist (db, device->id, error)) == NULL)
    return FALSE;
  n_checklist = g_strv_length (checklist);

  if (n_checklist == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The device “%s” has no inspection checklist yet: set its inspection plan first."),
                   device->name);
      return FALSE;
    }

  /* One answer per checklist item, no more, no less, so that a record
   * always says what was checked. */
  for (guint i = 0; i < job->items->len; i++)
    {
      PdInspectionItem *item = g_ptr_array_index (job->items, i);

      if (item->label == NULL || !g_strv_contains ((const char * const *) checklist, item->label))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is not an item of the checklist of “%s”."),
                       item->label != NULL ? item->label : "", device->name);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          PdInspectionItem *other = g_ptr_array_index (job->items, j);

          if (g_strcmp0 (other->label, item->label) == 0)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("The checklist item “%s” is answered more than once."), item->label);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < n_checklist; i++)
    {
      gboolean answered = FALSE;

      for (guint j = 0; j < job->items->len && !answered; j++)
        answered = g_strcmp0 (((PdInspectionItem *) g_ptr_array_index (job->items, j))->label,
                              checklist[i]) == 0;
      if (!answered)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The checklist item “%s” has no answer: mark it OK or not OK."), checklist[i]);
          return FALSE;
        }
    }

  inspection = g_new0 (PdInspection, 1);
  inspection->device_id = device->id;
  inspection->uuid = g_uuid_string_random ();
  inspection->user_name = g_strdup (actor != NULL ? pd_user_get_name (actor) : "");
  inspection->performed_at = g_get_real_time ();
  inspection->notes = job->notes != NULL && *job->notes != '\0' ? g_strdup (job->notes) : NULL;
  inspection->items = g_ptr_array_new_with_free_func ((GDestroyNotify) inspection_item_free);
  inspection->ok = TRUE;

  /* Items are stored in the checklist's order, whatever order they came in. */
  for (guint i = 0; i < n_checklist; i++)
    for (guint j = 0; j < job->items->len; j++)
      {
        PdInspectionItem *item = g_ptr_array_index (job->items, j);

        if (g_strcmp0 (item->label, checklist[i]) == 0)
          {
            PdInspectionItem *copy = g_new0 (PdInspectionItem, 1);

            copy->label = g_strdup (item->label);
            copy->ok = item->ok;
            g_ptr_array_add (inspection->items, copy);
            if (!item->ok)
              {
                inspection->ok = FALSE;
                n_bad++;
              }
          }
      }

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO inspections (uuid, device_id, user_name, performed_at, ok, notes) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, device->id);
  sqlite3_bind_text (stmt, 3, inspection->user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, inspection->performed_at);
  sqlite3_bind_int (stmt, 5, inspection->ok ? 1 : 0);
  sqlite3_bind_text (stmt, 6, inspection->notes, -1, SQLITE_TRANSIENT);
  if (!exec_bound (db, stmt, error))
    return FALSE;
  inspection->id = sqlite3_last_insert_rowid (db);

  items = json_array_sized_new (inspection->items->len);
  for (guint i = 0; i < inspection->items->len; i++)
    {
      PdInspectionItem *item = g_ptr_array_index (inspection->items, i);
      JsonObject *object;

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO inspection_items (inspection_id, position, label, ok) VALUES (?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        {
          json_array_unref (items);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, inspection->id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, item->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, item->ok ? 1 : 0);
      if (!exec_bound (db, stmt, error))
        {
          json_array_unref (items);
          return FALSE;
        }

      object = json_object_new ();
      json_object_set_string_member (object, "label", item->label);
      json_object_set_boolean_member (object, "ok", item->ok);
      json_array_add_object_element (items, object);
    }

  {
    g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (inspection->performed_at / G_USEC_PER_SEC);

    time = g_date_time_add (seconds, inspection->performed_at % G_USEC_PER_SEC);
  }
  time_text = _pd_store_format_time (time);

  payload = json_object_new ();
  json_object_set_string_member (payload, "uuid", inspection->uuid);
  json_object_set_string_member (payload, "device_uuid", device_uuid);
  json_object_set_string_member (payload, "device", device->name);
  json_object_set_string_member (payload, "user", inspection->user_name);
  json_object_set_string_member (payload, "performed_at", time_text);
  json_object_set_boolean_member (payload, "ok", inspection->ok);
  if (inspection->notes != NULL)
    json_object_set_string_member (payload, "notes", inspection->notes);
  else
    json_object_set_null_member (payload, "notes");
  json_object_set_array_member (payload, "items", items);

  detail = g_strdup_printf ("%s: %u of %u items OK", device->name,
                            inspection->items->len - n_bad, inspection->items->len);
  pd_write_set_entity_id (write, inspection->uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);

  job->result = g_steal_pointer (&inspection);
  return TRUE;
}

PdInspection *
pd_store_record_inspection (PdStore     *self,
                            PdUser      *actor,
                            gint64       device_id,
                            GPtrArray   *items,
                            const char  *notes,
                            GError     **error)
{
  RecordWrite job = { device_id, items, notes };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  if (notes != NULL &&
      (!g_utf8_validate (notes, -1, NULL) || g_utf8_strlen (notes, -1) > NOTES_MAX_CHARS))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The notes must be text of at most %d characters."), NOTES_MAX_CHARS);
      return NULL;
    }

  if (!pd_store_write (self, actor, PD_PERMISSION_INSPECTIONS_RECORD, "inspection.record", "inspection",
                       write_record_inspection, &job, error))
    return NULL;

  _pd_store_emit (self, PD_STORE_SIGNAL_INSPECTIONS_CHANGED);
  return job.result;
}

GPtrArray *
pd_store_list_inspections (PdStore  *self,
                           gint64    device_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) inspections = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_inspection_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(PdDevice) device = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  if ((device = _pd_devices_load (db, device_id, NULL, error)) == NULL)
    return NULL;

  stmt = pd_read_conn_prepare (db,
                               "SELECT id, uuid, user_name, performed_at, ok, notes FROM inspections "
                               "WHERE device_id = ? ORDER BY performed_at DESC, id DESC",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdInspection *inspection = g_new0 (PdInspection, 1);

      inspection->id = sqlite3_column_int64 (stmt, 0);
      inspection->device_id = device_id;
      inspection->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      inspection->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      inspection->performed_at = sqlite3_column_int64 (stmt, 3);
      inspection->ok = sqlite3_column_int (stmt, 4) != 0;
      inspection->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      inspection->items = g_ptr_array_new_with_free_func ((GDestroyNotify) inspection_item_free);
      g_ptr_array_add (inspections, inspection);
      g_hash_table_insert (by_id, &inspection->id, inspection);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  stmt = pd_read_conn_prepare (db,
                               "SELECT i.inspection_id, i.label, i.ok FROM inspection_items i "
                               "JOIN inspections n ON n.id = i.inspection_id "
                               "WHERE n.device_id = ? ORDER BY i.inspection_id, i.position",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PdInspection *inspection = g_hash_table_lookup (by_id, &id);
      PdInspectionItem *item;

      if (inspection == NULL)
        continue;

      item = g_new0 (PdInspectionItem, 1);
      item->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->ok = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (inspection->items, item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&inspections);
}

gint64
pd_store_get_inspection_due (PdStore *self,
                             gint64   device_id)
{
  g_autoptr(PdDevice) device = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 since = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  db = pd_store_get_db (self);
  device = _pd_devices_load (db, device_id, NULL, NULL);
  if (device == NULL || device->inspection_interval_days == 0 ||
      device->lifecycle == PD_LIFECYCLE_RETIRED)
    return 0;

  /* From the last inspection; else from when the plan was set; else (an
   * interval set with the device itself) from when the device was added. */
  stmt = pd_read_conn_prepare (db,
                               "SELECT coalesce ((SELECT max (performed_at) FROM inspections WHERE device_id = ?1), "
                               "                 (SELECT set_at FROM inspection_plans WHERE device_id = ?1)), "
                               "       (SELECT created_at FROM devices WHERE id = ?1)",
                               NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, device_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        since = sqlite3_column_int64 (stmt, 0);
      else
        since = _pd_devices_parse_time ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);

  if (since == 0)
    return 0;

  return since + device->inspection_interval_days * USEC_PER_DAY;
}
