/* pd-store-items.c — items and their barcodes in plantdesk.db
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-items"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-private.h"
#include "pd-store-wms.h"
#include "pd-wms-private.h"

#define ITEM_COLUMNS "id, uuid, sku, name, unit, category, lot_tracked, min_qty, max_qty"

/* --- Helpers shared with the locations and the CSV import ----------------- */

sqlite3_stmt *
_pd_wms_prepare (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  return pd_read_conn_prepare (db, sql, error);
}

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* BARCODE_STMT: "SELECT b.item_id, b.location_id, i.sku, l.code FROM
 * barcodes … WHERE b.code = ?"; CODE_STMT: "SELECT id, code FROM locations
 * WHERE code = ?". Both are reset before returning. */
static gboolean
check_code_with (sqlite3       *db,
                 sqlite3_stmt  *barcode_stmt,
                 sqlite3_stmt  *code_stmt,
                 const char    *code,
                 gint64         own_item_id,
                 gint64         own_location_id,
                 GError       **error)
{
  gboolean ok = TRUE;
  int rc;

  sqlite3_bind_text (barcode_stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (barcode_stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (barcode_stmt, 0);
      gint64 location_id = sqlite3_column_int64 (barcode_stmt, 1);

      if (item_id != 0 && item_id != own_item_id)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("Barcode “%s” already belongs to the item “%s”."),
                       code, (const char *) sqlite3_column_text (barcode_stmt, 2));
          ok = FALSE;
        }
      else if (location_id != 0 && location_id != own_location_id)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("Barcode “%s” already belongs to the location “%s”."),
                       code, (const char *) sqlite3_column_text (barcode_stmt, 3));
          ok = FALSE;
        }
    }
  else if (rc != SQLITE_DONE)
    ok = pd_store_set_sqlite_error (db, rc, error);
  sqlite3_reset (barcode_stmt);

  if (!ok)
    return FALSE;

  sqlite3_bind_text (code_stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (code_stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (code_stmt, 0) != own_location_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Barcode “%s” is already the code of the location “%s”."),
                   code, (const char *) sqlite3_column_text (code_stmt, 1));
      ok = FALSE;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = pd_store_set_sqlite_error (db, rc, error);
  sqlite3_reset (code_stmt);

  return ok;
}

#define BARCODE_OWNER_SQL \
  "SELECT b.item_id, b.location_id, i.sku, l.code FROM barcodes b " \
  "LEFT JOIN items i ON i.id = b.item_id LEFT JOIN locations l ON l.id = b.location_id " \
  "WHERE b.code = ?"
#define LOCATION_CODE_SQL "SELECT id, code FROM locations WHERE code = ?"

gboolean
_pd_wms_check_code_free (sqlite3     *db,
                         const char  *code,
                         gint64       own_item_id,
                         gint64       own_location_id,
                         GError     **error)
{
  sqlite3_stmt *barcode_stmt;
  sqlite3_stmt *code_stmt;
  gboolean ok;

  if ((barcode_stmt = _pd_wms_prepare (db, BARCODE_OWNER_SQL, error)) == NULL)
    return FALSE;
  if ((code_stmt = _pd_wms_prepare (db, LOCATION_CODE_SQL, error)) == NULL)
    {
      sqlite3_finalize (barcode_stmt);
      return FALSE;
    }

  ok = check_code_with (db, barcode_stmt, code_stmt, code, own_item_id, own_location_id, error);
  sqlite3_finalize (barcode_stmt);
  sqlite3_finalize (code_stmt);

  return ok;
}

static void
set_qty_member (JsonObject *object,
                const char *member,
                gboolean    has,
                PdQty       qty)
{
  if (has)
    {
      g_autofree char *text = pd_qty_to_string (qty);

      json_object_set_string_member (object, member, text);
    }
  else
    json_object_set_null_member (object, member);
}

JsonObject *
_pd_item_to_json (const PdItem *item)
{
  JsonObject *object = json_object_new ();
  JsonArray *barcodes = json_array_new ();

  json_object_set_string_member (object, "uuid", item->uuid);
  json_object_set_string_member (object, "sku", item->sku);
  json_object_set_string_member (object, "name", item->name);
  json_object_set_string_member (object, "unit", item->unit);
  if (item->category != NULL)
    json_object_set_string_member (object, "category", item->category);
  else
    json_object_set_null_member (object, "category");
  json_object_set_boolean_member (object, "lot_tracked", item->lot_tracked);
  for (guint i = 0; item->barcodes != NULL && i < item->barcodes->len; i++)
    json_array_add_string_element (barcodes, g_ptr_array_index (item->barcodes, i));
  json_object_set_array_member (object, "barcodes", barcodes);
  set_qty_member (object, "min", item->has_min, item->min_qty);
  set_qty_member (object, "max", item->has_max, item->max_qty);

  return object;
}

/* --- Writing items with statements reused across rows ---------------------- */

struct _PdItemWriter
{
  sqlite3      *db;
  char         *now;
  sqlite3_stmt *find_sku;
  sqlite3_stmt *insert_item;
  sqlite3_stmt *update_item;
  sqlite3_stmt *has_moves;
  sqlite3_stmt *clear_barcodes;
  sqlite3_stmt *barcode_owner;
  sqlite3_stmt *location_code;
  sqlite3_stmt *insert_barcode;
};

void
_pd_item_writer_free (PdItemWriter *writer)
{
  if (writer == NULL)
    return;

  sqlite3_finalize (writer->find_sku);
  sqlite3_finalize (writer->insert_item);
  sqlite3_finalize (writer->update_item);
  sqlite3_finalize (writer->has_moves);
  sqlite3_finalize (writer->clear_barcodes);
  sqlite3_finalize (writer->barcode_owner);
  sqlite3_finalize (writer->location_code);
  sqlite3_finalize (writer->insert_barcode);
  g_free (writer->now);
  g_free (writer);
}

PdItemWriter *
_pd_item_writer_new (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(PdItemWriter) writer = g_new0 (PdItemWriter, 1);

  writer->db = db;
  writer->now = _pd_store_now ();

  if ((writer->find_sku = _pd_wms_prepare (db, "SELECT id, sku, uuid, lot_tracked FROM items WHERE sku = ?", error)) == NULL ||
      (writer->insert_item = _pd_wms_prepare (db,
                                              "INSERT INTO items (uuid, sku, name, unit, category, lot_tracked, "
                                              "min_qty, max_qty, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                              error)) == NULL ||
      (writer->update_item = _pd_wms_prepare (db,
                                              "UPDATE items SET name = ?, unit = ?, category = ?, lot_tracked = ?, "
                                              "min_qty = ?, max_qty = ?, updated_at = ? WHERE id = ?",
                                              error)) == NULL ||
      (writer->has_moves = _pd_wms_prepare (db, "SELECT 1 FROM stock_moves WHERE item_id = ? LIMIT 1", error)) == NULL ||
      (writer->clear_barcodes = _pd_wms_prepare (db, "DELETE FROM barcodes WHERE item_id = ?", error)) == NULL ||
      (writer->barcode_owner = _pd_wms_prepare (db, BARCODE_OWNER_SQL, error)) == NULL ||
      (writer->location_code = _pd_wms_prepare (db, LOCATION_CODE_SQL, error)) == NULL ||
      (writer->insert_barcode = _pd_wms_prepare (db, "INSERT INTO barcodes (code, item_id) VALUES (?, ?)", error)) == NULL)
    return NULL;

  return g_steal_pointer (&writer);
}

gint64
_pd_item_writer_find_sku (PdItemWriter  *writer,
                          const char    *sku,
                          char         **stored_sku,
                          char         **uuid,
                          gboolean      *lot_tracked,
                          GError       **error)
{
  gint64 id = 0;
  int rc;

  sqlite3_bind_text (writer->find_sku, 1, sku, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (writer->find_sku);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (writer->find_sku, 0);
      if (stored_sku != NULL)
        *stored_sku = g_strdup ((const char *) sqlite3_column_text (writer->find_sku, 1));
      if (uuid != NULL)
        *uuid = g_strdup ((const char *) sqlite3_column_text (writer->find_sku, 2));
      if (lot_tracked != NULL)
        *lot_tracked = sqlite3_column_int (writer->find_sku, 3) != 0;
    }
  else if (rc != SQLITE_DONE)
    id = pd_store_set_sqlite_error (writer->db, rc, error) ? 0 : -1;
  sqlite3_reset (writer->find_sku);

  return id;
}

static void
bind_qty (sqlite3_stmt *stmt,
          int           index,
          gboolean      has,
          PdQty         qty)
{
  if (has)
    sqlite3_bind_int64 (stmt, index, qty);
  else
    sqlite3_bind_null (stmt, index);
}

/* Adds ITEM's barcodes after checking that each one is free. */
static gboolean
writer_add_barcodes (PdItemWriter  *writer,
                     const PdItem  *item,
                     GError       **error)
{
  for (guint i = 0; item->barcodes != NULL && i < item->barcodes->len; i++)
    {
      const char *code = g_ptr_array_index (item->barcodes, i);

      if (!check_code_with (writer->db, writer->barcode_owner, writer->location_code,
                            code, item->id, 0, error))
        return FALSE;

      sqlite3_bind_text (writer->insert_barcode, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (writer->insert_barcode, 2, item->id);
      if (!step_done (writer->insert_barcode, writer->db, error))
        return FALSE;
    }

  return TRUE;
}

/* Inserts ITEM (validated; its SKU known to be free); sets id and uuid. */
gboolean
_pd_item_writer_insert (PdItemWriter  *writer,
                        PdItem        *item,
                        GError       **error)
{
  sqlite3_stmt *stmt = writer->insert_item;

  g_free (item->uuid);
  item->uuid = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, item->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item->sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, item->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, item->unit, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, item->category);
  sqlite3_bind_int (stmt, 6, item->lot_tracked ? 1 : 0);
  bind_qty (stmt, 7, item->has_min, item->min_qty);
  bind_qty (stmt, 8, item->has_max, item->max_qty);
  sqlite3_bind_text (stmt, 9, writer->now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, writer->now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, writer->db, error))
    return FALSE;

  item->id = sqlite3_last_insert_rowid (writer->db);

  return writer_add_barcodes (writer, item, error);
}

/* Updates the stored item ITEM->id (whose stored lot_tracked is
 * WAS_LOT_TRACKED) from ITEM, barcodes replaced. */
gboolean
_pd_item_writer_update (PdItemWriter  *writer,
                        const PdItem  *item,
                        gboolean       was_lot_tracked,
                        GError       **error)
{
  sqlite3_stmt *stmt = writer->update_item;
  int rc;

  if (item->lot_tracked != was_lot_tracked)
    {
      sqlite3_bind_int64 (writer->has_moves, 1, item->id);
      rc = sqlite3_step (writer->has_moves);
      sqlite3_reset (writer->has_moves);
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       item->lot_tracked
                       ? _("The item “%s” has stock moves already: it cannot become lot-tracked.")
                       : _("The item “%s” has stock moves already: it must stay lot-tracked."),
                       item->sku);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        return pd_store_set_sqlite_error (writer->db, rc, error);
    }

  sqlite3_bind_text (stmt, 1, item->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item->unit, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, item->category);
  sqlite3_bind_int (stmt, 4, item->lot_tracked ? 1 : 0);
  bind_qty (stmt, 5, item->has_min, item->min_qty);
  bind_qty (stmt, 6, item->has_max, item->max_qty);
  sqlite3_bind_text (stmt, 7, writer->now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, item->id);
  if (!step_done (stmt, writer->db, error))
    return FALSE;

  sqlite3_bind_int64 (writer->clear_barcodes, 1, item->id);
  if (!step_done (writer->clear_barcodes, writer->db, error))
    return FALSE;

  return writer_add_barcodes (writer, item, error);
}

/* --- Reading items ------------------------------------------------------------ */

static PdItem *
item_from_row (sqlite3_stmt *stmt)
{
  PdItem *item = pd_item_new ();

  item->id = sqlite3_column_int64 (stmt, 0);
  item->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  item->sku = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  item->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  item->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  item->category = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  item->lot_tracked = sqlite3_column_int (stmt, 6) != 0;
  item->has_min = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  item->min_qty = sqlite3_column_int64 (stmt, 7);
  item->has_max = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  item->max_qty = sqlite3_column_int64 (stmt, 8);

  return item;
}

static gboolean
load_barcodes (sqlite3  *db,
               PdItem   *item,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db, "SELECT code FROM barcodes WHERE item_id = ? ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (item->barcodes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

/* The item with ID, or NULL and PD_ERROR_NOT_FOUND. */
PdItem *
_pd_item_load (sqlite3     *db,
               gint64       item_id,
               GError     **error)
{
  g_autoptr(PdItem) item = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db, "SELECT " ITEM_COLUMNS " FROM items WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no item with the id %" PRId64 "."), item_id);
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  if (item == NULL || !load_barcodes (db, item, error))
    return NULL;

  return g_steal_pointer (&item);
}

PdItem *
pd_store_get_item (PdStore  *self,
                   gint64    item_id,
                   GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return _pd_item_load (pd_store_get_db (self), item_id, error);
}

PdItem *
pd_store_find_item (PdStore     *self,
                    const char  *sku,
                    GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db, "SELECT id FROM items WHERE sku = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sku != NULL ? sku : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  if (id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No item “%s”."), sku != NULL ? sku : "");
      return NULL;
    }

  return _pd_item_load (db, id, error);
}

/* "%" and "_" are literal in what people search for. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

static gboolean
text_matches (const char *text,
              const char *folded_search)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_search) != NULL;
}

static gboolean
item_matches (const PdItem *item,
              const char   *folded_search)
{
  if (text_matches (item->sku, folded_search) || text_matches (item->name, folded_search) ||
      text_matches (item->category, folded_search))
    return TRUE;

  for (guint i = 0; i < item->barcodes->len; i++)
    if (text_matches (g_ptr_array_index (item->barcodes, i), folded_search))
      return TRUE;

  return FALSE;
}

GPtrArray *
pd_store_list_items (PdStore     *self,
                     const char  *search,
                     GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_item_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *pattern = NULL;
  g_autofree char *folded = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean searching;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  searching = search != NULL && *search != '\0';

  /* LIKE folds the case of ASCII letters only: other text ("Äpfel",
   * "ШАЙБА") is matched here after Unicode case folding. */
  if (searching && !is_ascii (search))
    {
      folded = g_utf8_casefold (search, -1);
      searching = FALSE;
    }

  if (searching)
    {
      pattern = like_pattern (search);
      stmt = _pd_wms_prepare (db,
                              "SELECT " ITEM_COLUMNS " FROM items WHERE sku LIKE ?1 ESCAPE '\\' "
                              "OR name LIKE ?1 ESCAPE '\\' OR category LIKE ?1 ESCAPE '\\' "
                              "OR id IN (SELECT item_id FROM barcodes WHERE item_id IS NOT NULL "
                              "AND code LIKE ?1 ESCAPE '\\') ORDER BY sku, id",
                              error);
    }
  else
    stmt = _pd_wms_prepare (db, "SELECT " ITEM_COLUMNS " FROM items ORDER BY sku, id", error);

  if (stmt == NULL)
    return NULL;

  if (searching)
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdItem *item = item_from_row (stmt);

      g_ptr_array_add (items, item);
      g_hash_table_insert (by_id, &item->id, item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  if (items->len == 0)
    return g_steal_pointer (&items);

  /* One pass over the barcodes rather than one query per item. */
  stmt = _pd_wms_prepare (db,
                          "SELECT item_id, code FROM barcodes WHERE item_id IS NOT NULL ORDER BY rowid",
                          error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt, 0);
      PdItem *item = g_hash_table_lookup (by_id, &item_id);

      if (item != NULL)
        g_ptr_array_add (item->barcodes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  if (folded != NULL)
    {
      GPtrArray *matching = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_item_free);

      for (guint i = 0; i < items->len; i++)
        {
          PdItem *item = g_ptr_array_index (items, i);

          if (item_matches (item, folded))
            g_ptr_array_add (matching, g_steal_pointer (&items->pdata[i]));
        }
      return matching;
    }

  return g_steal_pointer (&items);
}

gboolean
pd_store_resolve_code (PdStore     *self,
                       const char  *code,
                       gint64      *item_id,
                       gint64      *location_id,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 item = 0;
  gint64 location = 0;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (item_id != NULL)
    *item_id = 0;
  if (location_id != NULL)
    *location_id = 0;

  /* Scanners end a code with a return or a tab. */
  trimmed = g_strstrip (g_strdup (code != NULL ? code : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("Unknown code “%s”."), trimmed);
      return FALSE;
    }

  /* Each branch is one index lookup: the barcodes' primary key, the
   * items' SKU and the locations' code (both unique, without case). */
  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db,
                          "SELECT item_id, location_id FROM barcodes WHERE code = ?1 "
                          "UNION ALL SELECT id, NULL FROM items WHERE sku = ?1 "
                          "UNION ALL SELECT NULL, id FROM locations WHERE code = ?1 "
                          "LIMIT 1",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      item = sqlite3_column_int64 (stmt, 0);
      location = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (item == 0 && location == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("Unknown code “%s”."), trimmed);
      return FALSE;
    }

  if (item_id != NULL)
    *item_id = item;
  if (location_id != NULL)
    *location_id = location;

  return TRUE;
}

/* --- Adding and updating one item ------------------------------------------- */

typedef struct
{
  PdItem       *item;      /* add: filled in; update: the request */
  PdItem       *result;    /* update: what was stored */
} ItemWrite;

static char *
item_detail (const PdItem *item)
{
  return g_strdup_printf ("%s %s", item->sku, item->name);
}

static gboolean
write_add_item (PdWrite   *write,
                gpointer   user_data,
                GError   **error)
{
  ItemWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdItemWriter) writer = NULL;
  g_autofree char *stored_sku = NULL;
  g_autofree char *detail = NULL;
  gint64 existing;

  if ((writer = _pd_item_writer_new (db, error)) == NULL)
    return FALSE;

  existing = _pd_item_writer_find_sku (writer, job->item->sku, &stored_sku, NULL, NULL, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("SKU “%s” is already used by the item “%s”."), job->item->sku, stored_sku);
      return FALSE;
    }

  if (!_pd_item_writer_insert (writer, job->item, error))
    return FALSE;

  detail = item_detail (job->item);
  pd_write_set_entity_id (write, job->item->uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, _pd_item_to_json (job->item));
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

gboolean
pd_store_add_item (PdStore  *self,
                   PdUser   *actor,
                   PdItem   *item,
                   GError  **error)
{
  g_autoptr(PdItem) copy = NULL;
  ItemWrite job = { NULL };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (!pd_item_validate (item, error))
    return FALSE;

  /* The caller's item changes only once the write has committed. */
  job.item = copy = pd_item_copy (item);
  if (!pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "item.add", "item",
                       write_add_item, &job, error))
    return FALSE;

  item->id = copy->id;
  g_free (item->uuid);
  item->uuid = g_strdup (copy->uuid);

  return TRUE;
}

static gboolean
write_update_item (PdWrite   *write,
                   gpointer   user_data,
                   GError   **error)
{
  ItemWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdItemWriter) writer = NULL;
  g_autoptr(PdItem) stored = NULL;
  g_autofree char *detail = NULL;

  if ((stored = _pd_item_load (db, job->item->id, error)) == NULL)
    return FALSE;

  if ((writer = _pd_item_writer_new (db, error)) == NULL)
    return FALSE;

  /* The SKU names the item everywhere (labels, documents): it stays. */
  job->result = pd_item_copy (job->item);
  g_free (job->result->sku);
  job->result->sku = g_strdup (stored->sku);
  g_free (job->result->uuid);
  job->result->uuid = g_strdup (stored->uuid);

  if (!_pd_item_writer_update (writer, job->result, stored->lot_tracked, error))
    return FALSE;

  /* New default thresholds count at once in every warehouse. */
  if (!_pd_stock_update_alarms (write, stored->id, 0, error))
    return FALSE;

  detail = item_detail (job->result);
  pd_write_set_entity_id (write, job->result->uuid);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, _pd_item_to_json (job->result));
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

gboolean
pd_store_update_item (PdStore       *self,
                      PdUser        *actor,
                      const PdItem  *item,
                      GError       **error)
{
  g_autoptr(PdItem) checked = NULL;
  ItemWrite job = { NULL };
  gboolean ok;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  /* The SKU is not changed: a request without one is checked as if it
   * had a valid one. */
  checked = pd_item_copy (item);
  if (checked->sku == NULL || *checked->sku == '\0')
    {
      g_free (checked->sku);
      checked->sku = g_strdup ("-");
    }
  if (!pd_item_validate (checked, error))
    return FALSE;

  job.item = checked;
  ok = pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "item.update", "item",
                       write_update_item, &job, error);
  g_clear_pointer (&job.result, pd_item_free);

  return ok;
}
