/* pd-reorder.c — reorder suggestions: what to order to bring stock back
 * to its maximum
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reorder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-reorder.h"
#include "pd-wms-private.h"

/* ?1: one warehouse, 0 for all; ?2: 1 when the plant has one warehouse
 * only, so that inbound orders without a location count in it.
 *
 * The thresholds of a pair: the warehouse's own row when there is one
 * (even with NULLs: it overrides), else the item's defaults — as the
 * stock alarms and the levels view read them. The sums are NULL when
 * there is no row at all: "never stocked here", "nothing on order". */
#define REORDER_SQL \
  "WITH wh AS (SELECT id, code FROM locations WHERE kind = 'warehouse' AND (?1 = 0 OR id = ?1)), " \
  "open_lines AS (SELECT ol.item_id, o.location_id, MAX (ol.qty - ol.done_qty, 0) AS remaining " \
  "  FROM stock_order_lines ol JOIN stock_orders o ON o.id = ol.order_id " \
  "  WHERE o.kind = 'inbound' AND o.status IN ('draft', 'released', 'in-progress')), " \
  "pairs AS (SELECT i.id AS item_id, w.id AS wh_id, w.code AS wh_code, i.sku, i.name, i.unit, " \
  "  t.item_id IS NOT NULL AS own, " \
  "  CASE WHEN t.item_id IS NOT NULL THEN t.min_qty ELSE i.min_qty END AS mn, " \
  "  CASE WHEN t.item_id IS NOT NULL THEN t.max_qty ELSE i.max_qty END AS mx " \
  "  FROM items i CROSS JOIN wh w " \
  "  LEFT JOIN item_thresholds t ON t.item_id = i.id AND t.warehouse_id = w.id) " \
  "SELECT p.item_id, p.wh_id, p.sku, p.name, p.unit, p.wh_code, p.own, p.mn, p.mx, " \
  " (SELECT SUM (s.qty) FROM stock_levels s JOIN locations l ON l.id = s.location_id " \
  "  WHERE s.item_id = p.item_id AND l.warehouse_id = p.wh_id), " \
  " (SELECT SUM (ol.remaining) FROM open_lines ol LEFT JOIN locations l ON l.id = ol.location_id " \
  "  WHERE ol.item_id = p.item_id AND (l.warehouse_id = p.wh_id OR (ol.location_id IS NULL AND ?2))), " \
  " (SELECT SUM (ol.remaining) FROM open_lines ol " \
  "  WHERE ol.item_id = p.item_id AND ol.location_id IS NULL AND NOT ?2) " \
  "FROM pairs p WHERE p.mn IS NOT NULL OR p.mx IS NOT NULL " \
  "ORDER BY p.sku, p.wh_code"

void
pd_reorder_row_free (PdReorderRow *row)
{
  if (row == NULL)
    return;

  g_free (row->sku);
  g_free (row->name);
  g_free (row->unit);
  g_free (row->warehouse_code);
  g_free (row);
}

PdReorderRow *
pd_reorder_row_copy (const PdReorderRow *row)
{
  PdReorderRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->sku = g_strdup (row->sku);
  copy->name = g_strdup (row->name);
  copy->unit = g_strdup (row->unit);
  copy->warehouse_code = g_strdup (row->warehouse_code);
  return copy;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The quantities are too large to add up."));
  return FALSE;
}

gboolean
pd_reorder_compute (gboolean   has_min,
                    PdQty      min_qty,
                    gboolean   has_max,
                    PdQty      max_qty,
                    PdQty      on_hand,
                    PdQty      on_order,
                    gboolean  *listed,
                    PdQty     *suggested,
                    GError   **error)
{
  PdQty projected;
  PdQty target;
  gboolean order;

  g_return_val_if_fail (listed != NULL, FALSE);
  g_return_val_if_fail (suggested != NULL, FALSE);

  *listed = FALSE;
  *suggested = 0;
  if (!pd_qty_add (on_hand, on_order, &projected))
    return set_overflow (error);

  if (has_min)
    {
      *listed = on_hand < min_qty;
      order = projected < min_qty;
      target = has_max ? max_qty : min_qty;
    }
  else if (has_max)
    {
      /* Without a minimum the reorder point is a stock-out: topping up
       * whatever is below the maximum would order a little of everything
       * after every issue. */
      *listed = on_hand <= 0;
      order = projected <= 0;
      target = max_qty;
    }
  else
    return TRUE;

  if (order && !pd_qty_sub (target, projected, suggested))
    return set_overflow (error);
  return TRUE;
}

static gboolean
count_warehouses (sqlite3  *db,
                  gint64   *n,
                  GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT COUNT (*) FROM locations WHERE kind = 'warehouse'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

GPtrArray *
pd_reorder_read (sqlite3  *db,
                 gint64    warehouse_id,
                 GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reorder_row_free);
  sqlite3_stmt *stmt = NULL;
  gint64 n_warehouses = 0;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!count_warehouses (db, &n_warehouses, error))
    return NULL;

  if ((stmt = pd_read_conn_prepare (db, REORDER_SQL, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, warehouse_id);
  sqlite3_bind_int (stmt, 2, n_warehouses == 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PdReorderRow) row = NULL;
      gboolean own = sqlite3_column_int (stmt, 6);
      gboolean stocked = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      gboolean ordered = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
      gboolean listed = FALSE;

      /* An item's default thresholds apply where it is kept. */
      if (!own && !stocked && !ordered && n_warehouses != 1)
        continue;

      row = g_new0 (PdReorderRow, 1);
      row->item_id = sqlite3_column_int64 (stmt, 0);
      row->warehouse_id = sqlite3_column_int64 (stmt, 1);
      row->has_min = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      row->min_qty = sqlite3_column_int64 (stmt, 7);
      row->has_max = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      row->max_qty = sqlite3_column_int64 (stmt, 8);
      row->on_hand = sqlite3_column_int64 (stmt, 9);
      row->on_order = sqlite3_column_int64 (stmt, 10);
      row->on_order_unplaced = sqlite3_column_int64 (stmt, 11);

      if (!pd_reorder_compute (row->has_min, row->min_qty, row->has_max, row->max_qty,
                               row->on_hand, row->on_order, &listed, &row->suggested, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      if (!listed)
        continue;

      row->sku = pd_read_conn_dup_text (stmt, 2);
      row->name = pd_read_conn_dup_text (stmt, 3);
      row->unit = pd_read_conn_dup_text (stmt, 4);
      row->warehouse_code = pd_read_conn_dup_text (stmt, 5);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&rows);
}

GPtrArray *
pd_store_list_reorder (PdStore  *self,
                       gint64    warehouse_id,
                       GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return pd_reorder_read (pd_store_get_db (self), warehouse_id, error);
}

/* --- In a worker --------------------------------------------------------- */

static gpointer
read_job (sqlite3       *db,
          gpointer       job,
          GCancellable  *cancellable,
          GError       **error)
{
  return pd_reorder_read (db, *(gint64 *) job, error);
}

void
pd_reorder_read_async (const char          *db_path,
                       gint64               warehouse_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);

  pd_read_conn_run_async (db_path, read_job, g_memdup2 (&warehouse_id, sizeof warehouse_id), g_free,
                          (GDestroyNotify) g_ptr_array_unref, pd_reorder_read_async,
                          cancellable, callback, user_data);
}

GPtrArray *
pd_reorder_read_finish (GAsyncResult  *result,
                        GError       **error)
{
  return pd_read_conn_run_finish (result, pd_reorder_read_async, error);
}

/* --- CSV and orders ------------------------------------------------------ */

char *
pd_reorder_to_csv (GPtrArray *rows)
{
  GString *csv;

  g_return_val_if_fail (rows != NULL, NULL);

  csv = g_string_new ("sku,name,warehouse,on_hand,on_order,on_order_unplaced,min,max,suggested,unit\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);

      pd_csv_append_field (csv, row->sku, FALSE);
      pd_csv_append_field (csv, row->name, FALSE);
      pd_csv_append_field (csv, row->warehouse_code, FALSE);
      _pd_wms_csv_append_qty (csv, TRUE, row->on_hand, FALSE);
      _pd_wms_csv_append_qty (csv, TRUE, row->on_order, FALSE);
      _pd_wms_csv_append_qty (csv, TRUE, row->on_order_unplaced, FALSE);
      _pd_wms_csv_append_qty (csv, row->has_min, row->min_qty, FALSE);
      _pd_wms_csv_append_qty (csv, row->has_max, row->max_qty, FALSE);
      _pd_wms_csv_append_qty (csv, TRUE, row->suggested, FALSE);
      pd_csv_append_field (csv, row->unit, TRUE);
    }

  return g_string_free (csv, FALSE);
}

GPtrArray *
pd_reorder_build_orders (GPtrArray  *rows,
                         const char *ref,
                         const char *partner)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_order_free);
  g_autoptr(GHashTable) by_warehouse = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_warehouses = 0;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);

      if (row->suggested > 0 && !g_hash_table_contains (by_warehouse, &row->warehouse_id))
        {
          g_hash_table_add (by_warehouse, (gpointer) &row->warehouse_id);
          n_warehouses++;
        }
    }
  g_hash_table_remove_all (by_warehouse);

  for (guint i = 0; i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);
      PdStockOrder *order;
      PdStockOrderLine *line;

      if (row->suggested <= 0)
        continue;

      order = g_hash_table_lookup (by_warehouse, &row->warehouse_id);
      if (order == NULL)
        {
          order = pd_stock_order_new (PD_ORDER_INBOUND);
          order->ref = n_warehouses > 1 ? g_strdup_printf ("%s-%s", ref, row->warehouse_code) : g_strdup (ref);
          order->location_id = row->warehouse_id;
          order->location_code = g_strdup (row->warehouse_code);
          order->partner = partner != NULL && partner[0] != '\0' ? g_strdup (partner) : NULL;
          g_hash_table_insert (by_warehouse, &order->location_id, order);
          g_ptr_array_add (orders, order);
        }
      line = pd_stock_order_add_line (order, row->sku, NULL, row->suggested);
      line->item_id = row->item_id;
    }

  return g_steal_pointer (&orders);
}
