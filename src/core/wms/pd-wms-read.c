/* pd-wms-read.c — warehouse reads for views: levels, ledger pages, CSV
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-wms-read"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-store.h"
#include "pd-wms-read.h"

#define BUSY_TIMEOUT_MS 5000
#define PROGRESS_STEPS  10000
#define CSV_FLUSH_BYTES (64 * 1024)
#define EXPORT_PAGE     5000

/* The thresholds of the row's warehouse: its own row in item_thresholds
 * when there is one (even with NULLs), else the item's defaults. */
#define LEVELS_SQL \
  "SELECT s.item_id, s.location_id, s.lot_id, s.qty, i.sku, i.name, i.unit, l.code, lot.code, " \
  " (SELECT group_concat (b.code, ' ') FROM barcodes b WHERE b.item_id = i.id), " \
  " CASE WHEN t.item_id IS NOT NULL THEN t.min_qty ELSE i.min_qty END, " \
  " CASE WHEN t.item_id IS NOT NULL THEN t.max_qty ELSE i.max_qty END, " \
  " (SELECT SUM (s2.qty) FROM stock_levels s2 JOIN locations l2 ON l2.id = s2.location_id " \
  "  WHERE s2.item_id = s.item_id AND l2.warehouse_id = l.warehouse_id) " \
  "FROM stock_levels s JOIN items i ON i.id = s.item_id " \
  "JOIN locations l ON l.id = s.location_id " \
  "LEFT JOIN lots lot ON lot.id = s.lot_id " \
  "LEFT JOIN item_thresholds t ON t.item_id = s.item_id AND t.warehouse_id = l.warehouse_id " \
  "WHERE s.qty != 0 " \
  "ORDER BY i.sku, l.code, lot.code"

#define MOVES_SQL \
  "SELECT m.id, m.uuid, m.item_id, COALESCE (m.lot_id, 0), COALESCE (m.from_location, 0), " \
  "COALESCE (m.to_location, 0), m.qty, m.reason, m.ref, COALESCE (m.reverses, 0), " \
  "m.user_name, m.station_id, m.ts, i.sku, lot.code, f.code, t.code " \
  "FROM stock_moves m JOIN items i ON i.id = m.item_id " \
  "LEFT JOIN lots lot ON lot.id = m.lot_id " \
  "LEFT JOIN locations f ON f.id = m.from_location " \
  "LEFT JOIN locations t ON t.id = m.to_location " \
  "WHERE m.id < ?1 AND m.id > ?2 ORDER BY m.id DESC LIMIT ?3"

void
pd_wms_level_row_free (PdWmsLevelRow *row)
{
  if (row == NULL)
    return;

  g_free (row->sku);
  g_free (row->name);
  g_free (row->unit);
  g_free (row->location_code);
  g_free (row->lot_code);
  g_free (row->barcodes);
  g_free (row);
}

PdWmsLevelStatus
pd_wms_level_row_get_status (const PdWmsLevelRow *row)
{
  g_return_val_if_fail (row != NULL, PD_WMS_LEVEL_NORMAL);

  if (row->has_min && row->warehouse_qty < row->min_qty)
    return PD_WMS_LEVEL_BELOW_MIN;
  if (row->has_max && row->warehouse_qty > row->max_qty)
    return PD_WMS_LEVEL_ABOVE_MAX;
  return PD_WMS_LEVEL_NORMAL;
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
  /* A read whose answer nobody waits for any more stops early. */
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);
  return db;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static PdWmsLevelRow *
read_level_row (sqlite3_stmt *stmt)
{
  PdWmsLevelRow *row = g_new0 (PdWmsLevelRow, 1);

  row->item_id = sqlite3_column_int64 (stmt, 0);
  row->location_id = sqlite3_column_int64 (stmt, 1);
  row->lot_id = sqlite3_column_int64 (stmt, 2);
  row->qty = sqlite3_column_int64 (stmt, 3);
  row->sku = dup_column (stmt, 4);
  row->name = dup_column (stmt, 5);
  row->unit = dup_column (stmt, 6);
  row->location_code = dup_column (stmt, 7);
  row->lot_code = dup_column (stmt, 8);
  row->barcodes = dup_column (stmt, 9);
  row->has_min = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  row->min_qty = sqlite3_column_int64 (stmt, 10);
  row->has_max = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  row->max_qty = sqlite3_column_int64 (stmt, 11);
  row->warehouse_qty = sqlite3_column_int64 (stmt, 12);
  return row;
}

static PdStockMove *
read_move (sqlite3_stmt *stmt)
{
  PdStockMove *move = pd_stock_move_new ();
  const char *reason;

  move->id = sqlite3_column_int64 (stmt, 0);
  move->uuid = dup_column (stmt, 1);
  move->item_id = sqlite3_column_int64 (stmt, 2);
  move->lot_id = sqlite3_column_int64 (stmt, 3);
  move->from_location = sqlite3_column_int64 (stmt, 4);
  move->to_location = sqlite3_column_int64 (stmt, 5);
  move->qty = sqlite3_column_int64 (stmt, 6);
  reason = (const char *) sqlite3_column_text (stmt, 7);
  /* The schema's CHECK keeps the reason valid. */
  if (reason == NULL || !pd_move_reason_from_string (reason, &move->reason))
    move->reason = PD_MOVE_ADJUSTMENT;
  move->ref = dup_column (stmt, 8);
  move->reverses = sqlite3_column_int64 (stmt, 9);
  move->user_name = dup_column (stmt, 10);
  move->station_id = dup_column (stmt, 11);
  move->ts = sqlite3_column_int64 (stmt, 12);
  move->sku = dup_column (stmt, 13);
  move->lot_code = dup_column (stmt, 14);
  move->from_code = dup_column (stmt, 15);
  move->to_code = dup_column (stmt, 16);
  return move;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (*stmt);
      *stmt = NULL;
      return pd_store_set_sqlite_error (db, rc, error);
    }
  return TRUE;
}

static GPtrArray *
read_moves (sqlite3       *db,
            gint64         before_id,
            gint64         after_id,
            guint          limit,
            GError       **error)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare (db, MOVES_SQL, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id > 0 ? before_id : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (moves, read_move (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&moves);
}

/* --- Jobs ---------------------------------------------------------------- */

typedef struct
{
  char        *db_path;
  gint64       before_id;
  gint64       after_id;
  guint        limit;
  PdWmsExport  what;
  GFile       *file;
  guint64      n_rows;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_object (&job->file);
  g_free (job);
}

static void
levels_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_wms_level_row_free);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  if ((db = open_db (job->db_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!prepare (db, LEVELS_SQL, &stmt, &error))
    {
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_level_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    pd_store_set_sqlite_error (db, rc, &error);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    g_clear_error (&error);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
pd_wms_read_levels_async (const char          *db_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_wms_read_levels_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, levels_thread);
}

GPtrArray *
pd_wms_read_levels_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
moves_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *moves;
  sqlite3 *db;

  if ((db = open_db (job->db_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  moves = read_moves (db, job->before_id, job->after_id, job->limit, &error);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      g_clear_pointer (&moves, g_ptr_array_unref);
    }
  else if (moves == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, moves, (GDestroyNotify) g_ptr_array_unref);
}

void
pd_wms_read_moves_async (const char          *db_path,
                         gint64               before_id,
                         gint64               after_id,
                         guint                limit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (limit > 0);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  job->before_id = before_id;
  job->after_id = after_id;
  job->limit = limit;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_wms_read_moves_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, moves_thread);
}

GPtrArray *
pd_wms_read_moves_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- CSV ----------------------------------------------------------------- */

static void
append_qty (GString  *line,
            gboolean  has,
            PdQty     qty,
            gboolean  last)
{
  g_autofree char *text = has ? pd_qty_to_string (qty) : NULL;

  pd_csv_append_field (line, text, last);
}

static gboolean
flush (GOutputStream  *out,
       GString        *buffer,
       gboolean        force,
       GCancellable   *cancellable,
       GError        **error)
{
  if (buffer->len == 0 || (!force && buffer->len < CSV_FLUSH_BYTES))
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static const char *
level_status_string (PdWmsLevelStatus status)
{
  switch (status)
    {
    case PD_WMS_LEVEL_BELOW_MIN:
      return "below-min";
    case PD_WMS_LEVEL_ABOVE_MAX:
      return "above-max";
    case PD_WMS_LEVEL_NORMAL:
    default:
      return "normal";
    }
}

static gboolean
export_levels (sqlite3        *db,
               GOutputStream  *out,
               GString        *buffer,
               guint64        *n_rows,
               GCancellable   *cancellable,
               GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_string_append (buffer, "sku,name,location,lot,qty,unit,min,max,warehouse_qty,status\r\n");
  if (!prepare (db, LEVELS_SQL, &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PdWmsLevelRow) row = read_level_row (stmt);

      pd_csv_append_field (buffer, row->sku, FALSE);
      pd_csv_append_field (buffer, row->name, FALSE);
      pd_csv_append_field (buffer, row->location_code, FALSE);
      pd_csv_append_field (buffer, row->lot_code, FALSE);
      append_qty (buffer, TRUE, row->qty, FALSE);
      pd_csv_append_field (buffer, row->unit, FALSE);
      append_qty (buffer, row->has_min, row->min_qty, FALSE);
      append_qty (buffer, row->has_max, row->max_qty, FALSE);
      append_qty (buffer, TRUE, row->warehouse_qty, FALSE);
      pd_csv_append_field (buffer, level_status_string (pd_wms_level_row_get_status (row)), TRUE);
      (*n_rows)++;
      if (!flush (out, buffer, FALSE, cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

/* Page by page by keyset, so that a million moves never sit in memory
 * at once and no statement holds a read transaction for the whole file. */
static gboolean
export_ledger (sqlite3        *db,
               GOutputStream  *out,
               GString        *buffer,
               guint64        *n_rows,
               GCancellable   *cancellable,
               GError        **error)
{
  gint64 before_id = 0;

  g_string_append (buffer, "id,time,sku,lot,from,to,qty,reason,user,station,ref,uuid\r\n");
  for (;;)
    {
      g_autoptr(GPtrArray) moves = read_moves (db, before_id, 0, EXPORT_PAGE, error);

      if (moves == NULL)
        return FALSE;
      for (guint i = 0; i < moves->len; i++)
        {
          PdStockMove *move = g_ptr_array_index (moves, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, move->id);
          g_autofree char *time = pd_csv_format_time (move->ts, 6);

          pd_csv_append_field (buffer, id, FALSE);
          pd_csv_append_field (buffer, time, FALSE);
          pd_csv_append_field (buffer, move->sku, FALSE);
          pd_csv_append_field (buffer, move->lot_code, FALSE);
          pd_csv_append_field (buffer, move->from_code, FALSE);
          pd_csv_append_field (buffer, move->to_code, FALSE);
          append_qty (buffer, TRUE, move->qty, FALSE);
          pd_csv_append_field (buffer, pd_move_reason_to_string (move->reason), FALSE);
          pd_csv_append_field (buffer, move->user_name, FALSE);
          pd_csv_append_field (buffer, move->station_id, FALSE);
          pd_csv_append_field (buffer, move->ref, FALSE);
          pd_csv_append_field (buffer, move->uuid, TRUE);
          before_id = move->id;
          (*n_rows)++;
        }
      if (!flush (out, buffer, FALSE, cancellable, error))
        return FALSE;
      if (moves->len < EXPORT_PAGE)
        return TRUE;
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (CSV_FLUSH_BYTES + 4096);
  GError *error = NULL;
  gboolean ok;
  sqlite3 *db;

  if ((db = open_db (job->db_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (out == NULL)
    {
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }

  if (job->what == PD_WMS_EXPORT_LEVELS)
    ok = export_levels (db, G_OUTPUT_STREAM (out), buffer, &job->n_rows, cancellable, &error);
  else
    ok = export_ledger (db, G_OUTPUT_STREAM (out), buffer, &job->n_rows, cancellable, &error);
  sqlite3_close (db);

  ok = ok && flush (G_OUTPUT_STREAM (out), buffer, TRUE, cancellable, &error);
  ok = ok && g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pd_wms_export_csv_async (const char          *db_path,
                         PdWmsExport          what,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  job->what = what;
  job->file = g_object_ref (file);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_wms_export_csv_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pd_wms_export_csv_finish (GAsyncResult  *result,
                          guint64       *n_rows,
                          GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = job->n_rows;
  return TRUE;
}
