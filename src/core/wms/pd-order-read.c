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
#include "pd-store.h"

#define BUSY_TIMEOUT_MS 5000
#define PROGRESS_STEPS  10000

/* A transfer's destination; a database from before transfers has no such
 * column, and reads it as none. */
#define DEST_COLUMNS     "COALESCE (o.dest_location_id, 0), d.code, "
#define NO_DEST_COLUMNS  "0, NULL, "
#define DEST_JOIN        "LEFT JOIN locations d ON d.id = o.dest_location_id "

#define ORDER_COLUMNS(dest) \
  "o.id, o.uuid, o.ref, o.kind, o.status, COALESCE (o.location_id, 0), l.code, " dest \
  "o.partner, o.notes, o.tolerance, o.closed_short, o.created_at, o.updated_at "
#define N_ORDER_COLUMNS 15

/* Each line counts at most its own quantity towards the order's. */
#define SUMMARY_COLUMNS \
  ", (SELECT COUNT (*) FROM stock_order_lines ol WHERE ol.order_id = o.id)" \
  ", (SELECT COUNT (*) FROM stock_order_lines ol WHERE ol.order_id = o.id AND ol.done_qty >= ol.qty)" \
  ", (SELECT COALESCE (SUM (ol.qty), 0) FROM stock_order_lines ol WHERE ol.order_id = o.id)" \
  ", (SELECT COALESCE (SUM (MIN (ol.done_qty, ol.qty)), 0) FROM stock_order_lines ol WHERE ol.order_id = o.id) "

#define LIST_SQL(dest, join) \
  "SELECT " ORDER_COLUMNS (dest) SUMMARY_COLUMNS \
  "FROM stock_orders o LEFT JOIN locations l ON l.id = o.location_id " join \
  "WHERE ?1 IS NULL OR o.status = ?1 ORDER BY o.ref"

#define ONE_SQL(dest, join) \
  "SELECT " ORDER_COLUMNS (dest) \
  "FROM stock_orders o LEFT JOIN locations l ON l.id = o.location_id " join \
  "WHERE o.ref = ?1"

#define LINES_SQL \
  "SELECT ol.id, ol.line_no, ol.item_id, i.sku, i.unit, ol.lot_code, ol.qty, ol.done_qty, ol.short " \
  "FROM stock_order_lines ol JOIN items i ON i.id = ol.item_id " \
  "WHERE ol.order_id = ?1 ORDER BY ol.line_no"

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

/* --- Connections --------------------------------------------------------- */

static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static sqlite3 *
open_db (const char    *db_path,
         GCancellable  *cancellable,
         GError       **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);
  return db;
}

/* Prepares SQL, or FALLBACK_SQL when the database has no transfers yet. */
static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *fallback_sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK && fallback_sql != NULL)
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
      rc = sqlite3_prepare_v2 (db, fallback_sql, -1, &stmt, NULL);
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return stmt;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static PdStockOrder *
read_order (sqlite3_stmt *stmt)
{
  PdStockOrder *order = pd_stock_order_new (PD_ORDER_INBOUND);
  PdOrderKind kind = PD_ORDER_INBOUND;
  PdOrderStatus status = PD_ORDER_DRAFT;

  order->id = sqlite3_column_int64 (stmt, 0);
  order->uuid = dup_column (stmt, 1);
  order->ref = dup_column (stmt, 2);
  /* The schema's CHECKs keep kind and status valid. */
  pd_order_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  pd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
  order->kind = kind;
  order->status = status;
  order->location_id = sqlite3_column_int64 (stmt, 5);
  order->location_code = dup_column (stmt, 6);
  order->dest_location_id = sqlite3_column_int64 (stmt, 7);
  order->dest_location_code = dup_column (stmt, 8);
  order->partner = dup_column (stmt, 9);
  order->notes = dup_column (stmt, 10);
  order->tolerance = sqlite3_column_int (stmt, 11);
  order->closed_short = sqlite3_column_int (stmt, 12) != 0;
  order->created_at = dup_column (stmt, 13);
  order->updated_at = dup_column (stmt, 14);
  return order;
}

static GPtrArray *
read_list (sqlite3  *db,
           int       status,
           GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_order_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, LIST_SQL (DEST_COLUMNS, DEST_JOIN), LIST_SQL (NO_DEST_COLUMNS, ""), error);
  if (stmt == NULL)
    return NULL;
  if (status >= 0)
    sqlite3_bind_text (stmt, 1, pd_order_status_to_string (status), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdOrderSummary *summary = g_new0 (PdOrderSummary, 1);

      summary->order = read_order (stmt);
      summary->n_lines = sqlite3_column_int (stmt, N_ORDER_COLUMNS);
      summary->n_lines_done = sqlite3_column_int (stmt, N_ORDER_COLUMNS + 1);
      summary->qty = sqlite3_column_int64 (stmt, N_ORDER_COLUMNS + 2);
      summary->done_qty = sqlite3_column_int64 (stmt, N_ORDER_COLUMNS + 3);
      g_ptr_array_add (rows, summary);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static PdStockOrder *
read_one (sqlite3     *db,
          const char  *ref,
          GError     **error)
{
  g_autoptr(PdStockOrder) order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, ONE_SQL (DEST_COLUMNS, DEST_JOIN), ONE_SQL (NO_DEST_COLUMNS, ""), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = read_order (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No order “%s”."), ref);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  stmt = prepare (db, LINES_SQL, NULL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStockOrderLine *line = g_new0 (PdStockOrderLine, 1);

      line->id = sqlite3_column_int64 (stmt, 0);
      line->line_no = sqlite3_column_int (stmt, 1);
      line->item_id = sqlite3_column_int64 (stmt, 2);
      line->sku = dup_column (stmt, 3);
      line->unit = dup_column (stmt, 4);
      line->lot_code = dup_column (stmt, 5);
      line->qty = sqlite3_column_int64 (stmt, 6);
      line->done_qty = sqlite3_column_int64 (stmt, 7);
      line->short_closed = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (order->lines, line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&order);
}

/* --- Jobs ---------------------------------------------------------------- */

typedef struct
{
  char *db_path;
  char *ref;
  int   status;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->ref);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result;
  GDestroyNotify result_free;
  sqlite3 *db;

  if ((db = open_db (job->db_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->ref != NULL)
    {
      result = read_one (db, job->ref, &error);
      result_free = (GDestroyNotify) pd_stock_order_free;
    }
  else
    {
      result = read_list (db, job->status, &error);
      result_free = (GDestroyNotify) g_ptr_array_unref;
    }
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      g_clear_pointer (&result, result_free);
    }
  else if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

static void
start (const char          *db_path,
       const char          *ref,
       int                  status,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (db_path);
  job->ref = g_strdup (ref);
  job->status = status;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_thread);
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

  start (db_path, NULL, status, pd_order_read_list_async, cancellable, callback, user_data);
}

GPtrArray *
pd_order_read_list_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_order_read_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  start (db_path, ref, -1, pd_order_read_one_async, cancellable, callback, user_data);
}

PdStockOrder *
pd_order_read_one_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_order_read_one_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
