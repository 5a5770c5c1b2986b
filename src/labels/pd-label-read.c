/* pd-label-read.c — what can be labelled, read for views off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-label-read"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pd-label-read.h"
#include "pd-read-conn.h"
#include "pd-store.h"

/* An item's first barcode is its oldest, as pd_store_get_item lists them. */
#define ITEMS_SQL \
  "SELECT i.id, i.sku, i.name, i.unit, " \
  " (SELECT b.code FROM barcodes b WHERE b.item_id = i.id ORDER BY b.rowid LIMIT 1) " \
  "FROM items i ORDER BY i.sku, i.id"

#define LOCATIONS_SQL \
  "SELECT l.id, l.code, l.name, COALESCE (l.parent_id, 0), " \
  " (SELECT b.code FROM barcodes b WHERE b.location_id = l.id LIMIT 1) " \
  "FROM locations l ORDER BY l.code"

#define LOTS_SQL \
  "SELECT lot.id, lot.code, lot.expiry, i.id, i.sku, i.name " \
  "FROM lots lot JOIN items i ON i.id = lot.item_id ORDER BY i.sku, lot.code"

char *
pd_label_location_path (GPtrArray        *locations,
                        const PdLocation *location)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  gint64 parent_id;

  g_return_val_if_fail (locations != NULL, NULL);
  g_return_val_if_fail (location != NULL, NULL);

  g_ptr_array_add (codes, location->code);
  parent_id = location->parent_id;
  /* The tree is at most as deep as there are locations: a loop in bad
   * data ends there. */
  for (guint depth = 0; parent_id != 0 && depth < locations->len; depth++)
    {
      const PdLocation *parent = NULL;

      for (guint i = 0; i < locations->len && parent == NULL; i++)
        if (((PdLocation *) g_ptr_array_index (locations, i))->id == parent_id)
          parent = g_ptr_array_index (locations, i);
      if (parent == NULL)
        break;
      g_ptr_array_insert (codes, 0, parent->code);
      parent_id = parent->parent_id;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, g_ptr_array_index (codes, i));
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Runs SQL and hands each row to READ_ROW. */
static gboolean
read_rows (sqlite3      *db,
           const char   *sql,
           void        (*read_row) (sqlite3_stmt *stmt, gpointer data),
           gpointer      data,
           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = pd_read_conn_prepare (db, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (stmt, data);
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

static void
read_item (sqlite3_stmt *stmt,
           gpointer      data)
{
  g_autoptr(PdItem) item = pd_item_new ();
  char *barcode;

  item->id = sqlite3_column_int64 (stmt, 0);
  item->sku = pd_read_conn_dup_text (stmt, 1);
  item->name = pd_read_conn_dup_text (stmt, 2);
  item->unit = pd_read_conn_dup_text (stmt, 3);
  if ((barcode = pd_read_conn_dup_text (stmt, 4)) != NULL)
    g_ptr_array_add (item->barcodes, barcode);
  g_ptr_array_add (data, pd_label_new_for_item (item));
}

static void
read_location (sqlite3_stmt *stmt,
               gpointer      data)
{
  PdLocation *location = pd_location_new (PD_LOCATION_BIN);

  location->id = sqlite3_column_int64 (stmt, 0);
  location->code = pd_read_conn_dup_text (stmt, 1);
  location->name = pd_read_conn_dup_text (stmt, 2);
  location->parent_id = sqlite3_column_int64 (stmt, 3);
  location->barcode = pd_read_conn_dup_text (stmt, 4);
  g_ptr_array_add (data, location);
}

static void
read_lot (sqlite3_stmt *stmt,
          gpointer      data)
{
  g_autoptr(PdItem) item = pd_item_new ();
  PdLot lot = { 0 };

  lot.id = sqlite3_column_int64 (stmt, 0);
  lot.code = (char *) sqlite3_column_text (stmt, 1);
  lot.expiry = (char *) sqlite3_column_text (stmt, 2);
  lot.item_id = item->id = sqlite3_column_int64 (stmt, 3);
  item->sku = pd_read_conn_dup_text (stmt, 4);
  item->name = pd_read_conn_dup_text (stmt, 5);
  g_ptr_array_add (data, pd_label_new_for_lot (&lot, item));
}

/* Children after their parent, siblings by code (LOCATIONS is by code). */
static void
add_subtree (GPtrArray *labels,
             GPtrArray *locations,
             gint64     parent_id,
             guint      depth)
{
  if (depth > locations->len)
    return;

  for (guint i = 0; i < locations->len; i++)
    {
      const PdLocation *location = g_ptr_array_index (locations, i);
      g_autofree char *path = NULL;

      if (location->parent_id != parent_id)
        continue;
      path = pd_label_location_path (locations, location);
      g_ptr_array_add (labels, pd_label_new_for_location (location, path));
      add_subtree (labels, locations, location->id, depth + 1);
    }
}

static gpointer
read_all (sqlite3       *db,
          gpointer       job,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_location_free);
  gboolean ok;

  /* One read transaction: the three lists agree with each other. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = read_rows (db, ITEMS_SQL, read_item, labels, error) &&
       read_rows (db, LOCATIONS_SQL, read_location, locations, error);
  if (ok)
    {
      add_subtree (labels, locations, 0, 0);
      ok = read_rows (db, LOTS_SQL, read_lot, labels, error);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  return ok ? g_steal_pointer (&labels) : NULL;
}

void
pd_label_read_all_async (const char          *db_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);

  pd_read_conn_run_async (db_path, read_all, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          pd_label_read_all_async, cancellable, callback, user_data);
}

GPtrArray *
pd_label_read_all_finish (GAsyncResult  *result,
                          GError       **error)
{
  return pd_read_conn_run_finish (result, pd_label_read_all_async, error);
}
