/* pd-order-read.c — stock orders read for views, off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-order-read"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pd-error.h"
#include "pd-order-read.h"
#include "pd-read-conn.h"
#include "pd-store.h"
#include "pd-wms-private.h"

/* Each line counts at most its own quantity towards the order's. */
#define SUMMARY_COLUMNS \
  ", (SELECT COUNT (*) FROM stock_order_lines ol WHERE ol.order_id = o.id)" \
  ", (SELECT COUNT (*) FROM stock_order_lines ol WHERE ol.order_id = o.id AND ol.done_qty >= ol.qty)" \
  ", (SELECT COALESCE (SUM (ol.qty), 0) FROM stock_order_lines ol WHERE ol.order_id = o.id)" \
  ", (SELECT COALESCE (SUM (MIN (ol.done_qty, ol.qty)), 0) FROM stock_order_lines ol WHERE ol.order_id = o.id) "

/* A database from before transfers reads as having no destinations. */
#define LIST_SQL(dest, join) \
  "SELECT " PD_ORDER_COLUMNS (dest) SUMMARY_COLUMNS PD_ORDER_FROM (join) \
  "WHERE ?1 IS NULL OR o.status = ?1 ORDER BY o.ref"

void
pd_order_summary_free (PdOrderSummary *summary)
{
  if (summary == NULL)
    return;

  pd_stock_order_free (summary->order);
  g_free (summary);
}

double
pd_order_summary_get_fraction (const PdOrderSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0.0);

  if (summary->qty <= 0)
    return 1.0;
  return CLAMP ((double) summary->done_qty / (double) summary->qty, 0.0, 1.0);
}

static gpointer
read_list (sqlite3       *db,
           gpointer       job,
           GCancellable  *cancellable,
           GError       **error)
{
  int status = GPOINTER_TO_INT (job);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_order_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_order_prepare (db, LIST_SQL (PD_ORDER_DEST, PD_ORDER_DEST_JOIN), LIST_SQL (PD_ORDER_NO_DEST, ""), error);
  if (stmt == NULL)
    return NULL;
  if (status >= 0)
    sqlite3_bind_text (stmt, 1, pd_order_status_to_string (status), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdOrderSummary *summary = g_new0 (PdOrderSummary, 1);

      summary->order = _pd_order_from_row (stmt);
      summary->n_lines = sqlite3_column_int (stmt, PD_ORDER_N_COLUMNS);
      summary->n_lines_done = sqlite3_column_int (stmt, PD_ORDER_N_COLUMNS + 1);
      summary->qty = sqlite3_column_int64 (stmt, PD_ORDER_N_COLUMNS + 2);
      summary->done_qty = sqlite3_column_int64 (stmt, PD_ORDER_N_COLUMNS + 3);
      g_ptr_array_add (rows, summary);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gpointer
read_one (sqlite3       *db,
          gpointer       job,
          GCancellable  *cancellable,
          GError       **error)
{
  return _pd_order_load (db, job, error);
}

void
pd_order_read_list_async (const char          *db_path,
                          int                  status,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (status <= PD_ORDER_CANCELLED);

  pd_read_conn_run_async (db_path, read_list, GINT_TO_POINTER (status), NULL,
                          (GDestroyNotify) g_ptr_array_unref, pd_order_read_list_async,
                          cancellable, callback, user_data);
}

GPtrArray *
pd_order_read_list_finish (GAsyncResult  *result,
                           GError       **error)
{
  return pd_read_conn_run_finish (result, pd_order_read_list_async, error);
}

void
pd_order_read_one_async (const char          *db_path,
                         const char          *ref,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (ref != NULL);

  pd_read_conn_run_async (db_path, read_one, g_strdup (ref), g_free,
                          (GDestroyNotify) pd_stock_order_free, pd_order_read_one_async,
                          cancellable, callback, user_data);
}

PdStockOrder *
pd_order_read_one_finish (GAsyncResult  *result,
                          GError       **error)
{
  return pd_read_conn_run_finish (result, pd_order_read_one_async, error);
}
