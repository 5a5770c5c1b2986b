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
#include "pd-read-conn.h"
#include "pd-store.h"
#include "pd-wms-private.h"
#include "pd-wms-read.h"

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

/* --- Rows ---------------------------------------------------------------- */

static PdWmsLevelRow *
read_level_row (sqlite3_stmt *stmt)
{
  PdWmsLevelRow *row = g_new0 (PdWmsLevelRow, 1);

  row->item_id = sqlite3_column_int64 (stmt, 0);
  row->location_id = sqlite3_column_int64 (stmt, 1);
  row->lot_id = sqlite3_column_int64 (stmt, 2);
  row->qty = sqlite3_column_int64 (stmt, 3);
  row->sku = pd_read_conn_dup_text (stmt, 4);
  row->name = pd_read_conn_dup_text (stmt, 5);
  row->unit = pd_read_conn_dup_text (stmt, 6);
  row->location_code = pd_read_conn_dup_text (stmt, 7);
  row->lot_code = pd_read_conn_dup_text (stmt, 8);
  row->barcodes = pd_read_conn_dup_text (stmt, 9);
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
  move->uuid = pd_read_conn_dup_text (stmt, 1);
  move->item_id = sqlite3_column_int64 (stmt, 2);
  move->lot_id = sqlite3_column_int64 (stmt, 3);
  move->from_location = sqlite3_column_int64 (stmt, 4);
  move->to_location = sqlite3_column_int64 (stmt, 5);
  move->qty = sqlite3_column_int64 (stmt, 6);
  reason = (const char *) sqlite3_column_text (stmt, 7);
  /* The schema's CHECK keeps the reason valid. */
  if (reason == NULL || !pd_move_reason_from_string (reason, &move->reason))
    move->reason = PD_MOVE_ADJUSTMENT;
  move->ref = pd_read_conn_dup_text (stmt, 8);
  move->reverses = sqlite3_column_int64 (stmt, 9);
  move->user_name = pd_read_conn_dup_text (stmt, 10);
  move->station_id = pd_read_conn_dup_text (stmt, 11);
  move->ts = sqlite3_column_int64 (stmt, 12);
  move->sku = pd_read_conn_dup_text (stmt, 13);
  move->lot_code = pd_read_conn_dup_text (stmt, 14);
  move->from_code = pd_read_conn_dup_text (stmt, 15);
  move->to_code = pd_read_conn_dup_text (stmt, 16);
  return move;
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

  if ((stmt = pd_read_conn_prepare (db, MOVES_SQL, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id > 0 ? before_id : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (moves, read_move (stmt));
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&moves);
}

/* --- Jobs ---------------------------------------------------------------- */

typedef struct
{
  gint64       before_id;
  gint64       after_id;
  guint        limit;
  PdWmsExport  what;
  GFile       *file;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_free (job);
}

static gpointer
read_levels (sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_wms_level_row_free);
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = pd_read_conn_prepare (db, LEVELS_SQL, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_level_row (stmt));
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
pd_wms_read_levels_async (const char          *db_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);

  pd_read_conn_run_async (db_path, read_levels, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          pd_wms_read_levels_async, cancellable, callback, user_data);
}

GPtrArray *
pd_wms_read_levels_finish (GAsyncResult  *result,
                           GError       **error)
{
  return pd_read_conn_run_finish (result, pd_wms_read_levels_async, error);
}

static gpointer
read_moves_page (sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;

  return read_moves (db, job->before_id, job->after_id, job->limit, error);
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
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (limit > 0);

  job = g_new0 (Job, 1);
  job->before_id = before_id;
  job->after_id = after_id;
  job->limit = limit;
  pd_read_conn_run_async (db_path, read_moves_page, job, (GDestroyNotify) job_free,
                          (GDestroyNotify) g_ptr_array_unref, pd_wms_read_moves_async,
                          cancellable, callback, user_data);
}

GPtrArray *
pd_wms_read_moves_finish (GAsyncResult  *result,
                          GError       **error)
{
  return pd_read_conn_run_finish (result, pd_wms_read_moves_async, error);
}

/* --- CSV ----------------------------------------------------------------- */

void
_pd_wms_csv_append_qty (GString  *line,
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
  if ((stmt = pd_read_conn_prepare (db, LEVELS_SQL, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PdWmsLevelRow) row = read_level_row (stmt);

      pd_csv_append_field (buffer, row->sku, FALSE);
      pd_csv_append_field (buffer, row->name, FALSE);
      pd_csv_append_field (buffer, row->location_code, FALSE);
      pd_csv_append_field (buffer, row->lot_code, FALSE);
      _pd_wms_csv_append_qty (buffer, TRUE, row->qty, FALSE);
      pd_csv_append_field (buffer, row->unit, FALSE);
      _pd_wms_csv_append_qty (buffer, row->has_min, row->min_qty, FALSE);
      _pd_wms_csv_append_qty (buffer, row->has_max, row->max_qty, FALSE);
      _pd_wms_csv_append_qty (buffer, TRUE, row->warehouse_qty, FALSE);
      pd_csv_append_field (buffer, level_status_string (pd_wms_level_row_get_status (row)), TRUE);
      (*n_rows)++;
      if (!flush (out, buffer, FALSE, cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
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
          _pd_wms_csv_append_qty (buffer, TRUE, move->qty, FALSE);
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

/* The number of rows written, as a guint64 of its own. */
static gpointer
export (sqlite3       *db,
        gpointer       data,
        GCancellable  *cancellable,
        GError       **error)
{
  Job *job = data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (CSV_FLUSH_BYTES + 4096);
  g_autofree guint64 *n_rows = g_new0 (guint64, 1);
  gboolean ok;

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (out == NULL)
    return NULL;

  if (job->what == PD_WMS_EXPORT_LEVELS)
    ok = export_levels (db, G_OUTPUT_STREAM (out), buffer, n_rows, cancellable, error);
  else
    ok = export_ledger (db, G_OUTPUT_STREAM (out), buffer, n_rows, cancellable, error);

  ok = ok && flush (G_OUTPUT_STREAM (out), buffer, TRUE, cancellable, error);
  ok = ok && g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
  if (!ok)
    return NULL;
  return g_steal_pointer (&n_rows);
}

void
pd_wms_export_csv_async (const char          *db_path,
                         PdWmsExport          what,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (Job, 1);
  job->what = what;
  job->file = g_object_ref (file);
  pd_read_conn_run_async (db_path, export, job, (GDestroyNotify) job_free, g_free,
                          pd_wms_export_csv_async, cancellable, callback, user_data);
}

gboolean
pd_wms_export_csv_finish (GAsyncResult  *result,
                          guint64       *n_rows,
                          GError       **error)
{
  g_autofree guint64 *count = pd_read_conn_run_finish (result, pd_wms_export_csv_async, error);

  if (count == NULL)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = *count;
  return TRUE;
}
