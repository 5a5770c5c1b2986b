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
#include "pd-store.h"

#define BUSY_TIMEOUT_MS 5000
#define PROGRESS_STEPS  10000

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

static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Runs SQL and hands each row to READ_ROW. */
static gboolean
read_rows (sqlite3      *db,
           const char   *sql,
           void        (*read_row) (sqlite3_stmt *stmt, gpointer data),
           gpointer      data,
           GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return pd_store_set_sqlite_error (db, rc, error);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (stmt, data);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

static void
read_item (sqlite3_stmt *stmt,
           gpointer      data)
{
  g_autoptr(PdItem) item = pd_item_new ();
  char *barcode;

  item->id = sqlite3_column_int64 (stmt, 0);
  item->sku = dup_column (stmt, 1);
  item->name = dup_column (stmt, 2);
  item->unit = dup_column (stmt, 3);
  if ((barcode = dup_column (stmt, 4)) != NULL)
    g_ptr_array_add (item->barcodes, barcode);
  g_ptr_array_add (data, pd_label_new_for_item (item));
}

static void
read_location (sqlite3_stmt *stmt,
               gpointer      data)
{
  PdLocation *location = pd_location_new (PD_LOCATION_BIN);

  location->id = sqlite3_column_int64 (stmt, 0);
  location->code = dup_column (stmt, 1);
  location->name = dup_column (stmt, 2);
  location->parent_id = sqlite3_column_int64 (stmt, 3);
  location->barcode = dup_column (stmt, 4);
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
  item->sku = dup_column (stmt, 4);
  item->name = dup_column (stmt, 5);
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

static void
read_all_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_location_free);
  GError *error = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, &error);
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);

  /* One read transaction: the three lists agree with each other. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (read_rows (db, ITEMS_SQL, read_item, labels, &error) &&
      read_rows (db, LOCATIONS_SQL, read_location, locations, &error))
    {
      add_subtree (labels, locations, 0, 0);
      read_rows (db, LOTS_SQL, read_lot, labels, &error);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    g_clear_error (&error);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&labels), (GDestroyNotify) g_ptr_array_unref);
}

void
pd_label_read_all_async (const char          *db_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_label_read_all_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, read_all_thread);
}

GPtrArray *
pd_label_read_all_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
