/* pd-store-devices.c — devices and tags in plantdesk.db
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-devices"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-device-private.h"
#include "pd-error.h"
#include "pd-store-devices-private.h"
#include "pd-store-private.h"

#define DEVICE_COLUMNS \
  "id, name, description, transport, host, port, serial_path, baud, parity, data_bits, " \
  "stop_bits, unit_id, timeout_ms, poll_ms, enabled, max_gap, max_block_registers, "   \
  "max_block_bits, coalesce_reads, lifecycle, inspection_interval_days, uuid"

#define TAG_COLUMNS \
  "id, device_id, name, description, area, address, type, byte_order, word_order, " \
  "scale, value_offset, unit, deadband, poll_ms, writable, history, uuid"

/* --- Helpers shared with the inspection and CSV parts --------------------- */

gint64
_pd_devices_parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return 0;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static PdDevice *
device_from_row (sqlite3_stmt *stmt)
{
  PdDevice *device = pd_device_new ();
  const char *parity = (const char *) sqlite3_column_text (stmt, 8);

  device->id = sqlite3_column_int64 (stmt, 0);
  device->name = column_dup (stmt, 1);
  device->description = column_dup (stmt, 2);
  pd_transport_from_string ((const char *) sqlite3_column_text (stmt, 3), &device->transport);
  device->host = column_dup (stmt, 4);
  device->port = sqlite3_column_int (stmt, 5);
  device->serial_path = column_dup (stmt, 6);
  device->baud = sqlite3_column_int (stmt, 7);
  device->parity = parity != NULL ? parity[0] : 'N';
  device->data_bits = sqlite3_column_int (stmt, 9);
  device->stop_bits = sqlite3_column_int (stmt, 10);
  device->unit_id = sqlite3_column_int (stmt, 11);
  device->timeout_ms = sqlite3_column_int (stmt, 12);
  device->poll_ms = sqlite3_column_int (stmt, 13);
  device->enabled = sqlite3_column_int (stmt, 14) != 0;
  device->max_gap = sqlite3_column_int (stmt, 15);
  device->max_block_registers = sqlite3_column_int (stmt, 16);
  device->max_block_bits = sqlite3_column_int (stmt, 17);
  device->coalesce = sqlite3_column_int (stmt, 18) != 0;
  pd_lifecycle_from_string ((const char *) sqlite3_column_text (stmt, 19), &device->lifecycle);
  device->inspection_interval_days = sqlite3_column_int (stmt, 20);

  return device;
}

static PdTag *
tag_from_row (sqlite3_stmt *stmt)
{
  PdTag *tag = pd_tag_new ();

  tag->id = sqlite3_column_int64 (stmt, 0);
  tag->device_id = sqlite3_column_int64 (stmt, 1);
  tag->name = column_dup (stmt, 2);
  tag->description = column_dup (stmt, 3);
  pd_area_from_string ((const char *) sqlite3_column_text (stmt, 4), &tag->area);
  tag->address = sqlite3_column_int (stmt, 5);
  pd_tag_type_from_string ((const char *) sqlite3_column_text (stmt, 6), &tag->type);
  pd_order_from_string ((const char *) sqlite3_column_text (stmt, 7), &tag->byte_order);
  pd_order_from_string ((const char *) sqlite3_column_text (stmt, 8), &tag->word_order);
  tag->scale = sqlite3_column_double (stmt, 9);
  tag->offset = sqlite3_column_double (stmt, 10);
  tag->unit = column_dup (stmt, 11);
  tag->deadband = sqlite3_column_double (stmt, 12);
  tag->poll_ms = sqlite3_column_int (stmt, 13);
  tag->writable = sqlite3_column_int (stmt, 14) != 0;
  tag->history = sqlite3_column_int (stmt, 15) != 0;

  return tag;
}

PdDevice *
_pd_devices_load (sqlite3     *db,
                  gint64       device_id,
                  char       **uuid,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  PdDevice *device = NULL;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT " DEVICE_COLUMNS " FROM devices WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      device = device_from_row (stmt);
      if (uuid != NULL)
        *uuid = column_dup (stmt, 21);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no device with the id %" PRId64 "."), device_id);
  else
    pd_store_set_sqlite_error (db, rc, error);

  sqlite3_finalize (stmt);
  return device;
}

static PdTag *
load_tag (sqlite3     *db,
          gint64       tag_id,
          char       **uuid,
          GError     **error)
{
  sqlite3_stmt *stmt;
  PdTag *tag = NULL;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT " TAG_COLUMNS " FROM tags WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tag_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tag = tag_from_row (stmt);
      if (uuid != NULL)
        *uuid = column_dup (stmt, 16);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no tag with the id %" PRId64 "."), tag_id);
  else
    pd_store_set_sqlite_error (db, rc, error);

  sqlite3_finalize (stmt);
  return tag;
}

/* The id of DEVICE_ID's tag named NAME (case-insensitively), 0 if none,
 * -1 on a database error. */
static gint64
find_tag_id (sqlite3     *db,
             gint64       device_id,
             const char  *name,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT id FROM tags WHERE device_id = ? AND name = ?", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, device_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    id = pd_store_set_sqlite_error (db, rc, error) ? 0 : -1;
  sqlite3_finalize (stmt);

  return id;
}

static gint64
find_device_id (sqlite3     *db,
                const char  *name,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT id FROM devices WHERE name = ?", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    id = pd_store_set_sqlite_error (db, rc, error) ? 0 : -1;
  sqlite3_finalize (stmt);

  return id;
}

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

JsonObject *
_pd_device_to_json (const PdDevice *device,
                    const char     *uuid)
{
  JsonObject *object = json_object_new ();
  char parity[2] = { device->parity, '\0' };

  json_object_set_string_member (object, "uuid", uuid);
  json_object_set_string_member (object, "name", device->name);
  if (device->description != NULL)
    json_object_set_string_member (object, "description", device->description);
  else
    json_object_set_null_member (object, "description");
  json_object_set_string_member (object, "transport", pd_transport_to_string (device->transport));
  if (device->transport == PD_TRANSPORT_TCP)
    {
      json_object_set_string_member (object, "host", device->host);
      json_object_set_int_member (object, "port", device->port);
    }
  else
    {
      json_object_set_string_member (object, "serial_path", device->serial_path);
      json_object_set_int_member (object, "baud", device->baud);
      json_object_set_string_member (object, "parity", parity);
      json_object_set_int_member (object, "data_bits", device->data_bits);
      json_object_set_int_member (object, "stop_bits", device->stop_bits);
    }
  json_object_set_int_member (object, "unit_id", device->unit_id);
  json_object_set_int_member (object, "timeout_ms", device->timeout_ms);
  json_object_set_int_member (object, "poll_ms", device->poll_ms);
  json_object_set_boolean_member (object, "enabled", device->enabled);
  json_object_set_int_member (object, "max_gap", device->max_gap);
  json_object_set_int_member (object, "max_block_registers", device->max_block_registers);
  json_object_set_int_member (object, "max_block_bits", device->max_block_bits);
  json_object_set_boolean_member (object, "coalesce", device->coalesce);
  json_object_set_string_member (object, "lifecycle", pd_lifecycle_to_string (device->lifecycle));
  json_object_set_int_member (object, "inspection_interval_days", device->inspection_interval_days);

  return object;
}

static JsonObject *
tag_to_json (const PdTag *tag,
             const char  *uuid,
             const char  *device_uuid)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uuid", uuid);
  json_object_set_string_member (object, "device_uuid", device_uuid);
  json_object_set_string_member (object, "name", tag->name);
  if (tag->description != NULL)
    json_object_set_string_member (object, "description", tag->description);
  else
    json_object_set_null_member (object, "description");
  json_object_set_string_member (object, "area", pd_area_to_string (tag->area));
  json_object_set_int_member (object, "address", tag->address);
  json_object_set_string_member (object, "type", pd_tag_type_to_string (tag->type));
  json_object_set_string_member (object, "byte_order", pd_order_to_string (tag->byte_order));
  json_object_set_string_member (object, "word_order", pd_order_to_string (tag->word_order));
  json_object_set_double_member (object, "scale", tag->scale);
  json_object_set_double_member (object, "offset", tag->offset);
  if (tag->unit != NULL)
    json_object_set_string_member (object, "unit", tag->unit);
  else
    json_object_set_null_member (object, "unit");
  json_object_set_double_member (object, "deadband", tag->deadband);
  json_object_set_int_member (object, "poll_ms", tag->poll_ms);
  json_object_set_boolean_member (object, "writable", tag->writable);
  json_object_set_boolean_member (object, "history", tag->history);

  return object;
}

char *
_pd_device_audit_detail (const PdDevice *device)
{
  g_autofree char *address = pd_device_dup_address (device);

  return g_strdup_printf ("%s %s", device->name, address);
}

static void
emit_devices_changed (PdStore *self)
{
  _pd_store_emit (self, PD_STORE_SIGNAL_DEVICES_CHANGED);
}

/* --- Reading devices ----------------------------------------------------------- */

GPtrArray *
pd_store_list_devices (PdStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_device_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db, "SELECT " DEVICE_COLUMNS " FROM devices ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (devices, device_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&devices);
}

PdDevice *
pd_store_find_device (PdStore     *self,
                      const char  *name,
                      GError     **error)
{
  gint64 id;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The device name must not be empty."));
      return NULL;
    }

  id = find_device_id (pd_store_get_db (self), name, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no device “%s”."), name);
      return NULL;
    }

  return _pd_devices_load (pd_store_get_db (self), id, NULL, error);
}

PdDevice *
pd_store_get_device (PdStore  *self,
                     gint64    device_id,
                     GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return _pd_devices_load (pd_store_get_db (self), device_id, NULL, error);
}

/* --- Writing devices ------------------------------------------------------------ */

typedef struct
{
  const PdDevice *device;   /* the input */
  gint64          device_id;
  PdLifecycle     lifecycle;
  PdDevice       *result;
} DeviceWrite;

static void
bind_device_config (sqlite3_stmt   *stmt,
                    const PdDevice *device)
{
  char parity[2] = { device->parity, '\0' };

  /* The order of the columns in the INSERT and UPDATE below. */
  sqlite3_bind_text (stmt, 1, device->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, device->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pd_transport_to_string (device->transport), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, device->host, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, device->port);
  sqlite3_bind_text (stmt, 6, device->serial_path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, device->baud);
  sqlite3_bind_text (stmt, 8, parity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, device->data_bits);
  sqlite3_bind_int (stmt, 10, device->stop_bits);
  sqlite3_bind_int (stmt, 11, device->unit_id);
  sqlite3_bind_int (stmt, 12, device->timeout_ms);
  sqlite3_bind_int (stmt, 13, device->poll_ms);
  sqlite3_bind_int (stmt, 14, device->enabled ? 1 : 0);
  sqlite3_bind_int (stmt, 15, device->max_gap);
  sqlite3_bind_int (stmt, 16, device->max_block_registers);
  sqlite3_bind_int (stmt, 17, device->max_block_bits);
  sqlite3_bind_int (stmt, 18, device->coalesce ? 1 : 0);
}

static gboolean
check_device_name_free (sqlite3     *db,
                        const char  *name,
                        gint64       own_id,
                        GError     **error)
{
  gint64 id = find_device_id (db, name, error);

  if (id < 0)
    return FALSE;

  if (id != 0 && id != own_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("A device named “%s” already exists."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_add_device (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  DeviceWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!check_device_name_free (db, job->device->name, 0, error))
    return FALSE;

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO devices (name, description, transport, host, port, serial_path, baud, "
                               "parity, data_bits, stop_bits, unit_id, timeout_ms, poll_ms, enabled, max_gap, "
                               "max_block_registers, max_block_bits, coalesce_reads, lifecycle, "
                               "inspection_interval_days, uuid, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_device_config (stmt, job->device);
  sqlite3_bind_text (stmt, 19, pd_lifecycle_to_string (job->device->lifecycle), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 20, job->device->inspection_interval_days);
  sqlite3_bind_text (stmt, 21, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 22, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 23, now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return FALSE;

  job->result = pd_device_copy (job->device);
  job->result->id = sqlite3_last_insert_rowid (db);

  detail = _pd_device_audit_detail (job->result);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, _pd_device_to_json (job->result, uuid));

  return TRUE;
}

PdDevice *
pd_store_add_device (PdStore         *self,
                     PdUser          *actor,
                     const PdDevice  *device,
                     GError         **error)
{
  DeviceWrite job = { device };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (device != NULL, NULL);

  if (!pd_device_validate (device, error))
    return NULL;

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "device.add", "device",
                       write_add_device, &job, error))
    return NULL;

  emit_devices_changed (self);
  return job.result;
}

static gboolean
write_update_device (PdWrite   *write,
                     gpointer   user_data,
                     GError   **error)
{
  DeviceWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if ((stored = _pd_devices_load (db, job->device->id, &uuid, error)) == NULL)
    return FALSE;

  if (!check_device_name_free (db, job->device->name, stored->id, error))
    return FALSE;

  stmt = pd_read_conn_prepare (db,
                               "UPDATE devices SET name = ?, description = ?, transport = ?, host = ?, port = ?, "
                               "serial_path = ?, baud = ?, parity = ?, data_bits = ?, stop_bits = ?, unit_id = ?, "
                               "timeout_ms = ?, poll_ms = ?, enabled = ?, max_gap = ?, max_block_registers = ?, "
                               "max_block_bits = ?, coalesce_reads = ?, updated_at = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_device_config (stmt, job->device);
  sqlite3_bind_text (stmt, 19, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 20, stored->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  /* The lifecycle and the inspection interval are maintenance data with a
   * permission of their own: a configuration edit leaves them alone. */
  job->result = pd_device_copy (job->device);
  job->result->lifecycle = stored->lifecycle;
  job->result->inspection_interval_days = stored->inspection_interval_days;

  detail = _pd_device_audit_detail (job->result);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, _pd_device_to_json (job->result, uuid));

  return TRUE;
}

gboolean
pd_store_update_device (PdStore         *self,
                        PdUser          *actor,
                        const PdDevice  *device,
                        GError         **error)
{
  DeviceWrite job = { device };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);

  if (!pd_device_validate (device, error))
    return FALSE;

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "device.update", "device",
                       write_update_device, &job, error))
    return FALSE;

  pd_device_free (job.result);
  emit_devices_changed (self);
  return TRUE;
}

static gint64
count_inspections (sqlite3     *db,
                   gint64       device_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT count(*) FROM inspections WHERE device_id = ?", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, device_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return count;
}

static gboolean
write_remove_device (PdWrite   *write,
                     gpointer   user_data,
                     GError   **error)
{
  DeviceWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  sqlite3_stmt *stmt;
  gint64 n_inspections;

  if ((stored = _pd_devices_load (db, job->device_id, &uuid, error)) == NULL)
    return FALSE;

  /* Inspection records are evidence a plant keeps; they are append-only
   * and name their device, so a device that has them is retired instead. */
  n_inspections = count_inspections (db, stored->id, error);
  if (n_inspections < 0)
    return FALSE;
  if (n_inspections > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The device “%s” has %" PRId64 " inspection record, which must be kept: retire the device instead of removing it.",
                                "The device “%s” has %" PRId64 " inspection records, which must be kept: retire the device instead of removing it.",
                                n_inspections),
                   stored->name, n_inspections);
      return FALSE;
    }

  stmt = pd_read_conn_prepare (db, "DELETE FROM devices WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stored->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "uuid", uuid);
  json_object_set_string_member (payload, "name", stored->name);

  detail = _pd_device_audit_detail (stored);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "delete");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);

  return TRUE;
}

gboolean
pd_store_remove_device (PdStore  *self,
                        PdUser   *actor,
                        gint64    device_id,
                        GError  **error)
{
  DeviceWrite job = { NULL, device_id };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "device.remove", "device",
                       write_remove_device, &job, error))
    return FALSE;

  emit_devices_changed (self);
  return TRUE;
}

static gboolean
write_device_lifecycle (PdWrite   *write,
                        gpointer   user_data,
                        GError   **error)
{
  DeviceWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  PdLifecycle from;

  if ((stored = _pd_devices_load (db, job->device_id, &uuid, error)) == NULL)
    return FALSE;

  from = stored->lifecycle;
  if (from == job->lifecycle)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The device “%s” is already in the state “%s”."),
                   stored->name, pd_lifecycle_get_label (from));
      return FALSE;
    }

  if (!pd_lifecycle_can_change (from, job->lifecycle))
    {
      if (from == PD_LIFECYCLE_RETIRED)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("The device “%s” is retired: that is final, its state cannot change any more."),
                     stored->name);
      else
        /* TRANSLATORS: the device name, then two lifecycle states such as "Planned" and "In service". */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("The device “%s” cannot go from “%s” to “%s”."),
                     stored->name, pd_lifecycle_get_label (from),
                     pd_lifecycle_get_label (job->lifecycle));
      return FALSE;
    }

  stmt = pd_read_conn_prepare (db, "UPDATE devices SET lifecycle = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pd_lifecycle_to_string (job->lifecycle), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, stored->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  stored->lifecycle = job->lifecycle;
  detail = g_strdup_printf ("%s %s → %s", stored->name, pd_lifecycle_to_string (from),
                            pd_lifecycle_to_string (job->lifecycle));
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, _pd_device_to_json (stored, uuid));

  return TRUE;
}

gboolean
pd_store_set_device_lifecycle (PdStore      *self,
                               PdUser       *actor,
                               gint64        device_id,
                               PdLifecycle   lifecycle,
                               GError      **error)
{
  DeviceWrite job = { NULL, device_id, lifecycle };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if ((guint) lifecycle >= PD_N_LIFECYCLES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown lifecycle state."));
      return FALSE;
    }

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_MAINTAIN, "device.lifecycle", "device",
                       write_device_lifecycle, &job, error))
    return FALSE;

  emit_devices_changed (self);
  return TRUE;
}

/* --- Reading tags ---------------------------------------------------------------- */

GPtrArray *
pd_store_list_tags (PdStore  *self,
                    gint64    device_id,
                    GError  **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db,
                               "SELECT " TAG_COLUMNS " FROM tags WHERE ?1 = 0 OR device_id = ?1 "
                               "ORDER BY device_id, CASE area WHEN 'coil' THEN 0 WHEN 'discrete' THEN 1 "
                               "WHEN 'input' THEN 2 ELSE 3 END, address, name",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, tag_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

PdTag *
pd_store_find_tag (PdStore     *self,
                   gint64       device_id,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(PdDevice) device = NULL;
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  if ((device = _pd_devices_load (db, device_id, NULL, error)) == NULL)
    return NULL;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The tag name must not be empty."));
      return NULL;
    }

  id = find_tag_id (db, device_id, name, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("The device “%s” has no tag “%s”."), device->name, name);
      return NULL;
    }

  return load_tag (db, id, NULL, error);
}

PdTag *
pd_store_get_tag (PdStore  *self,
                  gint64    tag_id,
                  GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return load_tag (pd_store_get_db (self), tag_id, NULL, error);
}

/* --- Writing tags ------------------------------------------------------------------ */

/* An empty unit or description is no unit or description. */
static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
bind_tag_config (sqlite3_stmt *stmt,
                 const PdTag  *tag)
{
  /* The order of the columns in the INSERT and UPDATE below. */
  sqlite3_bind_text (stmt, 1, tag->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, nonempty (tag->description), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pd_area_to_string (tag->area), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, tag->address);
  sqlite3_bind_text (stmt, 5, pd_tag_type_to_string (tag->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, pd_order_to_string (tag->byte_order), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pd_order_to_string (tag->word_order), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 8, tag->scale);
  sqlite3_bind_double (stmt, 9, tag->offset);
  sqlite3_bind_text (stmt, 10, nonempty (tag->unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 11, tag->deadband);
  sqlite3_bind_int (stmt, 12, tag->poll_ms);
  sqlite3_bind_int (stmt, 13, tag->writable ? 1 : 0);
  sqlite3_bind_int (stmt, 14, tag->history ? 1 : 0);
}

/* Inserts TAG on DEVICE_ID; returns its id, 0 on failure. */
static gint64
insert_tag (sqlite3      *db,
            gint64        device_id,
            const PdTag  *tag,
            const char   *uuid,
            GError      **error)
{
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO tags (name, description, area, address, type, byte_order, word_order, "
                               "scale, value_offset, unit, deadband, poll_ms, writable, history, device_id, uuid, "
                               "created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  bind_tag_config (stmt, tag);
  sqlite3_bind_int64 (stmt, 15, device_id);
  sqlite3_bind_text (stmt, 16, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return 0;

  return sqlite3_last_insert_rowid (db);
}

static gboolean
update_tag_row (sqlite3      *db,
                gint64        tag_id,
                const PdTag  *tag,
                GError      **error)
{
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;

  stmt = pd_read_conn_prepare (db,
                               "UPDATE tags SET name = ?, description = ?, area = ?, address = ?, type = ?, "
                               "byte_order = ?, word_order = ?, scale = ?, value_offset = ?, unit = ?, "
                               "deadband = ?, poll_ms = ?, writable = ?, history = ?, updated_at = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_tag_config (stmt, tag);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, tag_id);

  return step_done (stmt, db, error);
}

static gboolean
check_tag_name_free (sqlite3         *db,
                     const PdDevice  *device,
                     const char      *name,
                     gint64           own_id,
                     GError         **error)
{
  gint64 id = find_tag_id (db, device->id, name, error);

  if (id < 0)
    return FALSE;

  if (id != 0 && id != own_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("The device “%s” already has a tag named “%s”."), device->name, name);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const PdTag *tag;
  gint64       tag_id;
  PdTag       *result;
} TagWrite;

static char *
tag_audit_detail (const PdDevice *device,
                  const PdTag    *tag)
{
  return g_strdup_printf ("%s/%s %s %u %s", device->name, tag->name,
                          pd_area_to_string (tag->area), tag->address,
                          pd_tag_type_to_string (tag->type));
}

static gboolean
write_add_tag (PdWrite   *write,
               gpointer   user_data,
               GError   **error)
{
  TagWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *device_uuid = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *detail = NULL;
  gint64 id;

  if ((device = _pd_devices_load (db, job->tag->device_id, &device_uuid, error)) == NULL)
    return FALSE;

  if (!check_tag_name_free (db, device, job->tag->name, 0, error))
    return FALSE;

  if ((id = insert_tag (db, device->id, job->tag, uuid, error)) == 0)
    return FALSE;

  job->result = pd_tag_copy (job->tag);
  job->result->id = id;

  detail = tag_audit_detail (device, job->result);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, tag_to_json (job->result, uuid, device_uuid));

  return TRUE;
}

PdTag *
pd_store_add_tag (PdStore      *self,
                  PdUser       *actor,
                  const PdTag  *tag,
                  GError      **error)
{
  TagWrite job = { tag };

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  if (!pd_tag_validate (tag, error))
    return NULL;

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "tag.add", "tag",
                       write_add_tag, &job, error))
    return NULL;

  emit_devices_changed (self);
  return job.result;
}

static gboolean
write_update_tag (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  TagWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdTag) stored = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *device_uuid = NULL;
  g_autofree char *detail = NULL;

  if ((stored = load_tag (db, job->tag->id, &uuid, error)) == NULL)
    return FALSE;

  /* A tag stays on its device: its history is the device's. */
  if (job->tag->device_id != 0 && job->tag->device_id != stored->device_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” cannot move to another device: add a new tag there instead."),
                   stored->name);
      return FALSE;
    }

  if ((device = _pd_devices_load (db, stored->device_id, &device_uuid, error)) == NULL)
    return FALSE;

  if (!check_tag_name_free (db, device, job->tag->name, stored->id, error))
    return FALSE;

  if (!update_tag_row (db, stored->id, job->tag, error))
    return FALSE;

  job->result = pd_tag_copy (job->tag);
  job->result->id = stored->id;
  job->result->device_id = stored->device_id;

  detail = tag_audit_detail (device, job->result);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, tag_to_json (job->result, uuid, device_uuid));

  return TRUE;
}

gboolean
pd_store_update_tag (PdStore      *self,
                     PdUser       *actor,
                     const PdTag  *tag,
                     GError      **error)
{
  TagWrite job = { tag };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (!pd_tag_validate (tag, error))
    return FALSE;

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "tag.update", "tag",
                       write_update_tag, &job, error))
    return FALSE;

  pd_tag_free (job.result);
  emit_devices_changed (self);
  return TRUE;
}

static gboolean
write_remove_tag (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  TagWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdTag) stored = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *device_uuid = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  sqlite3_stmt *stmt;

  if ((stored = load_tag (db, job->tag_id, &uuid, error)) == NULL)
    return FALSE;
  if ((device = _pd_devices_load (db, stored->device_id, &device_uuid, error)) == NULL)
    return FALSE;

  stmt = pd_read_conn_prepare (db, "DELETE FROM tags WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stored->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "uuid", uuid);
  json_object_set_string_member (payload, "device_uuid", device_uuid);
  json_object_set_string_member (payload, "name", stored->name);

  detail = tag_audit_detail (device, stored);
  pd_write_set_entity_id (write, uuid);
  pd_write_set_operation (write, "delete");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);

  return TRUE;
}

gboolean
pd_store_remove_tag (PdStore  *self,
                     PdUser   *actor,
                     gint64    tag_id,
                     GError  **error)
{
  TagWrite job = { NULL, tag_id };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "tag.remove", "tag",
                       write_remove_tag, &job, error))
    return FALSE;

  emit_devices_changed (self);
  return TRUE;
}

/* --- Importing tags ------------------------------------------------------------------ */

typedef struct
{
  gint64     device_id;
  GPtrArray *tags;
  guint      n_added;
  guint      n_updated;
} ImportWrite;

static gboolean
same_config (const PdTag *a,
             const PdTag *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (nonempty (a->description), nonempty (b->description)) == 0 &&
         a->area == b->area &&
         a->address == b->address &&
         a->type == b->type &&
         a->byte_order == b->byte_order &&
         a->word_order == b->word_order &&
         a->scale == b->scale &&
         a->offset == b->offset &&
         g_strcmp0 (nonempty (a->unit), nonempty (b->unit)) == 0 &&
         a->deadband == b->deadband &&
         a->poll_ms == b->poll_ms &&
         a->writable == b->writable &&
         a->history == b->history;
}

static gboolean
write_import_tags (PdWrite   *write,
                   gpointer   user_data,
                   GError   **error)
{
  ImportWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *device_uuid = NULL;
  g_autofree char *detail = NULL;
  JsonArray *array = json_array_sized_new (job->tags->len);
  JsonObject *payload = json_object_new ();

  /* The payload owns the array from here on, whatever happens below. */
  json_object_set_array_member (payload, "tags", array);
  pd_write_take_payload (write, payload);

  if ((device = _pd_devices_load (db, job->device_id, &device_uuid, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < job->tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (job->tags, i);
      g_autofree char *uuid = NULL;
      g_autoptr(PdTag) stored = NULL;
      gint64 id = find_tag_id (db, device->id, tag->name, error);

      if (id < 0)
        return FALSE;

      if (id == 0)
        {
          uuid = g_uuid_string_random ();
          if ((id = insert_tag (db, device->id, tag, uuid, error)) == 0)
            return FALSE;
          job->n_added++;
        }
      else
        {
          if ((stored = load_tag (db, id, &uuid, error)) == NULL)
            return FALSE;
          /* Unchanged tags are left as they are, so that importing a file
           * exported earlier changes nothing. */
          if (!same_config (stored, tag))
            {
              if (!update_tag_row (db, id, tag, error))
                return FALSE;
              job->n_updated++;
            }
        }

      json_array_add_object_element (array, tag_to_json (tag, uuid, device_uuid));
    }

  json_object_set_string_member (payload, "device_uuid", device_uuid);
  json_object_set_string_member (payload, "device", device->name);

  detail = g_strdup_printf ("%s: %u added, %u updated, %u unchanged", device->name,
                            job->n_added, job->n_updated,
                            job->tags->len - job->n_added - job->n_updated);
  pd_write_set_entity_id (write, device_uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);

  return TRUE;
}

gboolean
pd_store_import_tags (PdStore    *self,
                      PdUser     *actor,
                      gint64      device_id,
                      GPtrArray  *tags,
                      guint      *n_added,
                      guint      *n_updated,
                      GError    **error)
{
  ImportWrite job = { device_id, tags };
  g_autoptr(GHashTable) names = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (tags != NULL, FALSE);

  /* Names are unique regardless of case, as in the database. */
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      char *key;

      if (!pd_tag_validate (tag, error))
        return FALSE;

      key = g_utf8_casefold (tag->name, -1);
      if (!g_hash_table_add (names, key))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("The tag name “%s” appears more than once."), tag->name);
          return FALSE;
        }
    }

  if (!pd_store_write (self, actor, PD_PERMISSION_DEVICES_CONFIGURE, "tag.import", "tag",
                       write_import_tags, &job, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = job.n_added;
  if (n_updated != NULL)
    *n_updated = job.n_updated;

  emit_devices_changed (self);
  return TRUE;
}
