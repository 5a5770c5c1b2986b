/* pd-store-locations.c — the location tree, thresholds and lots in plantdesk.db
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-locations"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-store-private.h"
#include "pd-store-wms.h"
#include "pd-wms-private.h"

#define LOCATION_COLUMNS \
  "l.id, l.uuid, l.code, l.name, l.kind, l.parent_id, l.warehouse_id, l.allow_negative, " \
  "(SELECT b.code FROM barcodes b WHERE b.location_id = l.id LIMIT 1)"

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

static PdLocation *
location_from_row (sqlite3_stmt *stmt)
{
  PdLocationKind kind = PD_LOCATION_BIN;
  PdLocation *location;

  pd_location_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &kind);
  location = pd_location_new (kind);
  location->id = sqlite3_column_int64 (stmt, 0);
  location->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  location->code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  location->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  location->parent_id = sqlite3_column_int64 (stmt, 5);
  location->warehouse_id = sqlite3_column_int64 (stmt, 6);
  location->allow_negative = sqlite3_column_int (stmt, 7) != 0;
  location->barcode = g_strdup ((const char *) sqlite3_column_text (stmt, 8));

  return location;
}

/* NULL and PD_ERROR_NOT_FOUND when there is no location ID. */
static PdLocation *
load_location (sqlite3     *db,
               gint64       location_id,
               GError     **error)
{
  PdLocation *location = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db, "SELECT " LOCATION_COLUMNS " FROM locations l WHERE l.id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, location_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    location = location_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no location with the id %" PRId64 "."), location_id);
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return location;
}

static char *
dup_uuid (sqlite3 *db,
          gint64   location_id)
{
  sqlite3_stmt *stmt = NULL;
  char *uuid = NULL;

  if (location_id == 0 ||
      sqlite3_prepare_v2 (db, "SELECT uuid FROM locations WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, location_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return uuid;
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
location_to_json (sqlite3          *db,
                  const PdLocation *location)
{
  JsonObject *object = json_object_new ();
  g_autofree char *parent_uuid = dup_uuid (db, location->parent_id);
  g_autofree char *warehouse_uuid = dup_uuid (db, location->warehouse_id);

  json_object_set_string_member (object, "uuid", location->uuid);
  json_object_set_string_member (object, "code", location->code);
  set_string_or_null (object, "name", location->name);
  json_object_set_string_member (object, "kind", pd_location_kind_to_string (location->kind));
  set_string_or_null (object, "parent_uuid", parent_uuid);
  set_string_or_null (object, "warehouse_uuid", warehouse_uuid);
  set_string_or_null (object, "barcode", location->barcode);
  json_object_set_boolean_member (object, "allow_negative", location->allow_negative);

  return object;
}

/* CODE is free as a location code: no other location has it (any case),
 * and it is no barcode of anything else. */
static gboolean
check_location_code_free (sqlite3     *db,
                          const char  *code,
                          gint64       own_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = _pd_wms_prepare (db, "SELECT id, code FROM locations WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != own_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Location code “%s” is already used by the location “%s”."),
                   code, (const char *) sqlite3_column_text (stmt, 1));
      ok = FALSE;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  stmt = _pd_wms_prepare (db,
                          "SELECT b.item_id, b.location_id, i.sku, l.code FROM barcodes b "
                          "LEFT JOIN items i ON i.id = b.item_id LEFT JOIN locations l ON l.id = b.location_id "
                          "WHERE b.code = ?",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Location code “%s” is already a barcode of the item “%s”."),
                   code, (const char *) sqlite3_column_text (stmt, 2));
      ok = FALSE;
    }
  else if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 1) != own_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Location code “%s” is already the barcode of the location “%s”."),
                   code, (const char *) sqlite3_column_text (stmt, 3));
      ok = FALSE;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return ok;
}

/* The parent of LOCATION (a warehouse or a zone, and for an update not
 * LOCATION itself nor below it); sets *WAREHOUSE_ID to the parent's root. */
static gboolean
check_parent (sqlite3           *db,
              const PdLocation  *location,
              gint64            *warehouse_id,
              GError           **error)
{
  g_autoptr(PdLocation) parent = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id;

  if (location->kind == PD_LOCATION_WAREHOUSE)
    {
      *warehouse_id = location->id;
      return TRUE;
    }

  if ((parent = load_location (db, location->parent_id, &local)) == NULL)
    {
      if (g_error_matches (local, PD_ERROR, PD_ERROR_NOT_FOUND))
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("The parent location (id %" PRId64 ") of “%s” does not exist."),
                     location->parent_id, location->code);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (parent->kind == PD_LOCATION_BIN)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” cannot be placed in “%s”: a bin holds no other locations."),
                   location->code, parent->code);
      return FALSE;
    }

  /* Walk up from the parent: meeting LOCATION means a cycle. */
  id = parent->id;
  while (location->id != 0 && id != 0)
    {
      g_autoptr(PdLocation) step = NULL;

      if (id == location->id)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” cannot be placed in “%s”: that location is inside it."),
                       location->code, parent->code);
          return FALSE;
        }
      if ((step = load_location (db, id, error)) == NULL)
        return FALSE;
      id = step->parent_id;
    }

  *warehouse_id = parent->warehouse_id;
  return TRUE;
}

static gboolean
set_location_barcode (sqlite3     *db,
                      gint64       location_id,
                      const char  *barcode,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _pd_wms_prepare (db, "DELETE FROM barcodes WHERE location_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location_id);
  if (!step_done (stmt, db, error))
    return FALSE;

  if (barcode == NULL)
    return TRUE;

  if (!_pd_wms_check_code_free (db, barcode, 0, location_id, error))
    return FALSE;

  stmt = _pd_wms_prepare (db, "INSERT INTO barcodes (code, location_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, barcode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, location_id);

  return step_done (stmt, db, error);
}

static char *
location_detail (const PdLocation *location)
{
  return g_strdup_printf ("%s %s", pd_location_kind_to_string (location->kind), location->code);
}

static void
describe_location_write (PdWrite          *write,
                         const PdLocation *location,
                         const char       *operation)
{
  g_autofree char *detail = location_detail (location);

  pd_write_set_entity_id (write, location->uuid);
  pd_write_set_operation (write, operation);
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, location_to_json (pd_write_get_db (write), location));
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
}

/* --- Adding and updating locations ------------------------------------------- */

static gboolean
write_add_location (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  PdLocation *location = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  gint64 warehouse_id = 0;
  sqlite3_stmt *stmt;

  if (!check_location_code_free (db, location->code, 0, error) ||
      !check_parent (db, location, &warehouse_id, error))
    return FALSE;

  g_free (location->uuid);
  location->uuid = g_uuid_string_random ();

  stmt = _pd_wms_prepare (db,
                          "INSERT INTO locations (uuid, code, name, kind, parent_id, warehouse_id, "
                          "allow_negative, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, location->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, location->code, -1, SQLITE_TRANSIENT);
  if (location->name != NULL)
    sqlite3_bind_text (stmt, 3, location->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pd_location_kind_to_string (location->kind), -1, SQLITE_STATIC);
  if (location->parent_id != 0)
    sqlite3_bind_int64 (stmt, 5, location->parent_id);
  if (warehouse_id != 0)
    sqlite3_bind_int64 (stmt, 6, warehouse_id);
  sqlite3_bind_int (stmt, 7, location->allow_negative ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return FALSE;

  location->id = sqlite3_last_insert_rowid (db);
  location->warehouse_id = warehouse_id != 0 ? warehouse_id : location->id;

  /* A warehouse is its own root: known only now. */
  if (location->kind == PD_LOCATION_WAREHOUSE)
    {
      stmt = _pd_wms_prepare (db, "UPDATE locations SET warehouse_id = id WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, location->id);
      if (!step_done (stmt, db, error))
        return FALSE;
    }

  if (!set_location_barcode (db, location->id, location->barcode, error))
    return FALSE;

  describe_location_write (write, location, "insert");
  return TRUE;
}

gboolean
pd_store_add_location (PdStore     *self,
                       PdUser      *actor,
                       PdLocation  *location,
                       GError     **error)
{
  g_autoptr(PdLocation) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (location != NULL, FALSE);

  if (!pd_location_validate (location, error))
    return FALSE;

  copy = pd_location_copy (location);
  copy->id = 0;
  if (!pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "location.add", "location",
                       write_add_location, copy, error))
    return FALSE;

  location->id = copy->id;
  location->warehouse_id = copy->warehouse_id;
  g_free (location->uuid);
  location->uuid = g_strdup (copy->uuid);

  return TRUE;
}

static gboolean
write_update_location (PdWrite   *write,
                       gpointer   user_data,
                       GError   **error)
{
  PdLocation *location = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdLocation) stored = NULL;
  g_autofree char *now = _pd_store_now ();
  gint64 warehouse_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  if ((stored = load_location (db, location->id, error)) == NULL)
    return FALSE;

  if (!check_location_code_free (db, location->code, location->id, error) ||
      !check_parent (db, location, &warehouse_id, error))
    return FALSE;

  /* Stock, thresholds and stock alarms are kept per warehouse: which
   * locations are warehouses is fixed when they are made. */
  if ((location->kind == PD_LOCATION_WAREHOUSE) != (stored->kind == PD_LOCATION_WAREHOUSE))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   stored->kind == PD_LOCATION_WAREHOUSE
                   ? _("The warehouse “%s” cannot become a zone or a bin.")
                   : _("“%s” cannot become a warehouse: add a new warehouse instead."),
                   stored->code);
      return FALSE;
    }

  if (location->kind == PD_LOCATION_BIN && stored->kind != PD_LOCATION_BIN)
    {
      stmt = _pd_wms_prepare (db, "SELECT 1 FROM locations WHERE parent_id = ? LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, location->id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” holds other locations: it cannot become a bin."), location->code);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        return pd_store_set_sqlite_error (db, rc, error);
    }

  g_free (location->uuid);
  location->uuid = g_strdup (stored->uuid);
  location->warehouse_id = warehouse_id;

  stmt = _pd_wms_prepare (db,
                          "UPDATE locations SET code = ?, name = ?, kind = ?, parent_id = ?, "
                          "allow_negative = ?, updated_at = ? WHERE id = ?",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, location->code, -1, SQLITE_TRANSIENT);
  if (location->name != NULL)
    sqlite3_bind_text (stmt, 2, location->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pd_location_kind_to_string (location->kind), -1, SQLITE_STATIC);
  if (location->parent_id != 0)
    sqlite3_bind_int64 (stmt, 4, location->parent_id);
  sqlite3_bind_int (stmt, 5, location->allow_negative ? 1 : 0);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, location->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  /* A move to another tree carries the whole subtree with it. */
  stmt = _pd_wms_prepare (db,
                          "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL "
                          "SELECT l.id FROM locations l JOIN sub ON l.parent_id = sub.id) "
                          "UPDATE locations SET warehouse_id = ?2 WHERE id IN (SELECT id FROM sub)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location->id);
  sqlite3_bind_int64 (stmt, 2, warehouse_id);
  if (!step_done (stmt, db, error))
    return FALSE;

  if (g_strcmp0 (location->barcode, stored->barcode) != 0 &&
      !set_location_barcode (db, location->id, location->barcode, error))
    return FALSE;

  describe_location_write (write, location, "update");
  return TRUE;
}

gboolean
pd_store_update_location (PdStore           *self,
                          PdUser            *actor,
                          const PdLocation  *location,
                          GError           **error)
{
  g_autoptr(PdLocation) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (location != NULL, FALSE);

  if (!pd_location_validate (location, error))
    return FALSE;

  copy = pd_location_copy (location);
  return pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "location.update", "location",
                         write_update_location, copy, error);
}

/* --- Reading locations ----------------------------------------------------------- */

PdLocation *
pd_store_get_location (PdStore  *self,
                       gint64    location_id,
                       GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return load_location (pd_store_get_db (self), location_id, error);
}

PdLocation *
pd_store_find_location (PdStore     *self,
                        const char  *code,
                        GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  PdLocation *location = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db, "SELECT " LOCATION_COLUMNS " FROM locations l WHERE l.code = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, code != NULL ? code : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    location = location_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No location “%s”."), code != NULL ? code : "");
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return location;
}

static void
append_subtree (GPtrArray   *out,
                GHashTable  *children,   /* parent id → GPtrArray of PdLocation, by code */
                PdLocation  *location,
                guint        depth)
{
  GPtrArray *kids;

  g_ptr_array_add (out, location);

  /* A tree is shallow; the guard only stops a corrupt cycle. */
  if (depth > 64 || (kids = g_hash_table_lookup (children, &location->id)) == NULL)
    return;

  for (guint i = 0; i < kids->len; i++)
    append_subtree (out, children, g_ptr_array_index (kids, i), depth + 1);
}

GPtrArray *
pd_store_list_locations (PdStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_location_free);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *ordered;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db, "SELECT " LOCATION_COLUMNS " FROM locations l ORDER BY l.code COLLATE NOCASE, l.id",
                          error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (all, location_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < all->len; i++)
    {
      PdLocation *location = g_ptr_array_index (all, i);
      GPtrArray *kids;

      if (location->parent_id == 0)
        {
          g_ptr_array_add (roots, location);
          continue;
        }

      kids = g_hash_table_lookup (children, &location->parent_id);
      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, &location->parent_id, kids);
        }
      g_ptr_array_add (kids, location);
    }

  ordered = g_ptr_array_new_full (all->len, (GDestroyNotify) pd_location_free);
  for (guint i = 0; i < roots->len; i++)
    append_subtree (ordered, children, g_ptr_array_index (roots, i), 0);

  /* The locations now belong to ORDERED. */
  g_ptr_array_set_free_func (all, NULL);

  return ordered;
}

/* --- Thresholds -------------------------------------------------------------- */

typedef struct
{
  gint64   item_id;
  gint64   warehouse_id;
  gboolean has_min;
  PdQty    min_qty;
  gboolean has_max;
  PdQty    max_qty;
} ThresholdWrite;

static void
set_qty_member (JsonObject *object,
                const char *member,
                gboolean    has,
                PdQty       qty)
{
  g_autofree char *text = has ? pd_qty_to_string (qty) : NULL;

  set_string_or_null (object, member, text);
}

static gboolean
write_threshold (PdWrite   *write,
                 gpointer   user_data,
                 GError   **error)
{
  ThresholdWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) warehouse = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  JsonObject *payload;
  sqlite3_stmt *stmt;

  if ((item = _pd_item_load (db, job->item_id, error)) == NULL ||
      (warehouse = load_location (db, job->warehouse_id, error)) == NULL)
    return FALSE;

  if (warehouse->kind != PD_LOCATION_WAREHOUSE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Thresholds are set per warehouse, and “%s” is not a warehouse."), warehouse->code);
      return FALSE;
    }

  if (!job->has_min && !job->has_max)
    {
      stmt = _pd_wms_prepare (db, "DELETE FROM item_thresholds WHERE item_id = ? AND warehouse_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, job->item_id);
      sqlite3_bind_int64 (stmt, 2, job->warehouse_id);
    }
  else
    {
      stmt = _pd_wms_prepare (db,
                              "INSERT INTO item_thresholds (item_id, warehouse_id, min_qty, max_qty) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (item_id, warehouse_id) "
                              "DO UPDATE SET min_qty = ?3, max_qty = ?4",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, job->item_id);
      sqlite3_bind_int64 (stmt, 2, job->warehouse_id);
      if (job->has_min)
        sqlite3_bind_int64 (stmt, 3, job->min_qty);
      if (job->has_max)
        sqlite3_bind_int64 (stmt, 4, job->max_qty);
    }
  if (!step_done (stmt, db, error))
    return FALSE;

  /* The alarms follow the new band at once, not at the next move. */
  if (!_pd_stock_update_alarms (write, job->item_id, job->warehouse_id, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "item_uuid", item->uuid);
  json_object_set_string_member (payload, "warehouse_uuid", warehouse->uuid);
  set_qty_member (payload, "min", job->has_min, job->min_qty);
  set_qty_member (payload, "max", job->has_max, job->max_qty);

  min_text = job->has_min ? pd_qty_to_string (job->min_qty) : g_strdup ("-");
  max_text = job->has_max ? pd_qty_to_string (job->max_qty) : g_strdup ("-");
  detail = g_strdup_printf ("%s at %s: min %s, max %s", item->sku, warehouse->code, min_text, max_text);

  pd_write_set_entity_id (write, item->uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

gboolean
pd_store_set_item_threshold (PdStore   *self,
                             PdUser    *actor,
                             gint64     item_id,
                             gint64     warehouse_id,
                             gboolean   has_min,
                             PdQty      min_qty,
                             gboolean   has_max,
                             PdQty      max_qty,
                             GError   **error)
{
  ThresholdWrite job = { item_id, warehouse_id, has_min, min_qty, has_max, max_qty };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (!_pd_wms_check_thresholds (has_min, min_qty, has_max, max_qty, error))
    return FALSE;

  return pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "stock.threshold", "item",
                         write_threshold, &job, error);
}

/* --- Lots ------------------------------------------------------------------------ */

GPtrArray *
pd_store_list_lots (PdStore  *self,
                    gint64    item_id,
                    GError  **error)
{
  g_autoptr(GPtrArray) lots = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_lot_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db,
                          "SELECT id, uuid, item_id, code, expiry FROM lots "
                          "WHERE ?1 = 0 OR item_id = ?1 ORDER BY item_id, code, id",
                          error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdLot *lot = g_new0 (PdLot, 1);

      lot->id = sqlite3_column_int64 (stmt, 0);
      lot->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      lot->item_id = sqlite3_column_int64 (stmt, 2);
      lot->code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      lot->expiry = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (lots, lot);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&lots);
}
