/* pd-store-work-orders-read.c — reading work orders and their events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-work-orders.h"
#include "pd-store-work-orders-private.h"

#define WO_COLUMNS \
  "w.id, w.uuid, w.number, w.product_id, i.sku, i.name, w.qty, w.due, w.priority, w.ref, " \
  "w.status, w.routing_version, w.bom_version, w.planned_start, w.planned_end, " \
  "w.created_at, w.updated_at FROM work_orders w JOIN items i ON i.id = w.product_id "

static PdWorkOrder *
wo_from_row (sqlite3_stmt *stmt)
{
  PdWorkOrder *wo = pd_work_order_new ();
  PdWoStatus status = PD_WO_DRAFT;

  wo->id = sqlite3_column_int64 (stmt, 0);
  wo->uuid = pd_read_conn_dup_text (stmt, 1);
  wo->number = pd_read_conn_dup_text (stmt, 2);
  wo->product_id = sqlite3_column_int64 (stmt, 3);
  wo->product_sku = pd_read_conn_dup_text (stmt, 4);
  wo->product_name = pd_read_conn_dup_text (stmt, 5);
  wo->qty = sqlite3_column_int64 (stmt, 6);
  wo->due = pd_read_conn_dup_text (stmt, 7);
  wo->priority = sqlite3_column_int (stmt, 8);
  wo->ref = pd_read_conn_dup_text (stmt, 9);
  pd_wo_status_from_string ((const char *) sqlite3_column_text (stmt, 10), &status);
  wo->status = status;
  wo->routing_version = sqlite3_column_int (stmt, 11);
  wo->bom_version = sqlite3_column_int (stmt, 12);
  wo->planned_start = pd_read_conn_dup_text (stmt, 13);
  wo->planned_end = pd_read_conn_dup_text (stmt, 14);
  wo->created_at = pd_read_conn_dup_text (stmt, 15);
  wo->updated_at = pd_read_conn_dup_text (stmt, 16);
  return wo;
}

static gboolean
load_ops (sqlite3      *db,
          PdWorkOrder  *wo,
          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT o.id, o.seq, o.work_center_id, c.code, o.setup_us, o.run_us, o.overlap, "
                               "o.status, o.planned_start, o.planned_end, o.locked, o.good, o.scrap "
                               "FROM wo_operations o JOIN work_centers c ON c.id = o.work_center_id "
                               "WHERE o.work_order_id = ? ORDER BY o.seq",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wo->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdWoOperation *op = pd_wo_operation_new ();
      PdWoOpStatus status = PD_WO_OP_PENDING;

      op->id = sqlite3_column_int64 (stmt, 0);
      op->seq = sqlite3_column_int (stmt, 1);
      op->work_center_id = sqlite3_column_int64 (stmt, 2);
      op->work_center_code = pd_read_conn_dup_text (stmt, 3);
      op->setup_us = sqlite3_column_int64 (stmt, 4);
      op->run_us = sqlite3_column_int64 (stmt, 5);
      op->overlap = sqlite3_column_int (stmt, 6) != 0;
      pd_wo_op_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &status);
      op->status = status;
      op->planned_start = pd_read_conn_dup_text (stmt, 8);
      op->planned_end = pd_read_conn_dup_text (stmt, 9);
      op->locked = sqlite3_column_int (stmt, 10) != 0;
      op->good = sqlite3_column_int64 (stmt, 11);
      op->scrap = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (wo->ops, op);
    }
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

PdWorkOrder *
_pd_work_order_load (sqlite3     *db,
                     gint64       id,
                     const char  *number,
                     GError     **error)
{
  g_autoptr(PdWorkOrder) wo = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               id > 0
                               ? "SELECT " WO_COLUMNS "WHERE w.id = ?"
                               : "SELECT " WO_COLUMNS "WHERE w.number = ? COLLATE NOCASE",
                               error);
  if (stmt == NULL)
    return NULL;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    wo = wo_from_row (stmt);
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return NULL;
  if (wo == NULL)
    {
      if (id > 0)
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                     _("No work order with id %" PRId64 "."), id);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                     _("No work order “%s”."), number);
      return NULL;
    }
  if (!load_ops (db, wo, error))
    return NULL;
  return g_steal_pointer (&wo);
}

PdWorkOrder *
pd_store_find_work_order (PdStore     *self,
                          const char  *number,
                          GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return _pd_work_order_load (pd_store_get_db (self), 0, number, error);
}

GPtrArray *
pd_store_list_work_orders (PdStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_work_order_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db, "SELECT " WO_COLUMNS "ORDER BY w.due, w.number", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, wo_from_row (stmt));
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  for (guint i = 0; i < result->len; i++)
    if (!load_ops (db, g_ptr_array_index (result, i), error))
      return NULL;
  return g_steal_pointer (&result);
}

GPtrArray *
pd_store_list_work_order_events (PdStore     *self,
                                 const char  *number,
                                 GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_wo_event_free);
  g_autoptr(PdWorkOrder) wo = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  wo = _pd_work_order_load (db, 0, number, error);
  if (wo == NULL)
    return NULL;
  stmt = pd_read_conn_prepare (db,
                               "SELECT e.id, e.uuid, e.kind, e.seq, e.reason, e.good, e.scrap, e.source, "
                               "u.name, e.at, e.payload FROM wo_events e "
                               "LEFT JOIN users u ON u.id = e.user_id "
                               "WHERE e.work_order_id = ? ORDER BY e.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, wo->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdWoEvent *e = g_new0 (PdWoEvent, 1);
      PdWoAction kind = PD_WO_ACTION_CREATE;

      e->id = sqlite3_column_int64 (stmt, 0);
      e->uuid = pd_read_conn_dup_text (stmt, 1);
      pd_wo_action_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      e->kind = kind;
      e->seq = sqlite3_column_int (stmt, 3);
      e->reason = pd_read_conn_dup_text (stmt, 4);
      e->good = sqlite3_column_int64 (stmt, 5);
      e->scrap = sqlite3_column_int64 (stmt, 6);
      e->source = pd_read_conn_dup_text (stmt, 7);
      e->user = pd_read_conn_dup_text (stmt, 8);
      e->at = pd_read_conn_dup_text (stmt, 9);
      e->payload = pd_read_conn_dup_text (stmt, 10);
      g_ptr_array_add (result, e);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&result);
}
