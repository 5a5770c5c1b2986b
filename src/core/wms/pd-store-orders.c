/* pd-store-orders.c — stock orders: create, release, cancel, close, and
 * their execution by scanning
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-orders"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-orders.h"
#include "pd-store-private.h"
#include "pd-store-wms.h"
#include "pd-wms-private.h"

#define ORDER_COLUMNS PD_ORDER_COLUMNS (PD_ORDER_DEST)
#define ORDER_FROM    PD_ORDER_FROM (PD_ORDER_DEST_JOIN)

#define LINES_SQL \
  "SELECT ol.id, ol.line_no, ol.item_id, i.sku, i.unit, ol.lot_code, ol.qty, ol.done_qty, ol.short " \
  "FROM stock_order_lines ol JOIN items i ON i.id = ol.item_id " \
  "WHERE ol.order_id = ?1 ORDER BY ol.line_no"

PdStockOrder *
_pd_order_from_row (sqlite3_stmt *stmt)
{
  PdStockOrder *order = pd_stock_order_new (PD_ORDER_INBOUND);
  PdOrderKind kind = PD_ORDER_INBOUND;
  PdOrderStatus status = PD_ORDER_DRAFT;

  order->id = sqlite3_column_int64 (stmt, 0);
  order->uuid = pd_read_conn_dup_text (stmt, 1);
  order->ref = pd_read_conn_dup_text (stmt, 2);
  /* The schema's CHECKs keep kind and status valid. */
  pd_order_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  pd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
  order->kind = kind;
  order->status = status;
  order->location_id = sqlite3_column_int64 (stmt, 5);
  order->location_code = pd_read_conn_dup_text (stmt, 6);
  order->partner = pd_read_conn_dup_text (stmt, 7);
  order->notes = pd_read_conn_dup_text (stmt, 8);
  order->tolerance = sqlite3_column_int (stmt, 9);
  order->closed_short = sqlite3_column_int (stmt, 10) != 0;
  order->created_at = pd_read_conn_dup_text (stmt, 11);
  order->updated_at = pd_read_conn_dup_text (stmt, 12);
  order->dest_location_id = sqlite3_column_int64 (stmt, 13);
  order->dest_location_code = pd_read_conn_dup_text (stmt, 14);

  return order;
}

sqlite3_stmt *
_pd_order_prepare (sqlite3     *db,
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

static gboolean
load_lines (sqlite3       *db,
            PdStockOrder  *order,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = _pd_wms_prepare (db, LINES_SQL, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  g_ptr_array_set_size (order->lines, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStockOrderLine *line = g_new0 (PdStockOrderLine, 1);

      line->id = sqlite3_column_int64 (stmt, 0);
      line->line_no = sqlite3_column_int (stmt, 1);
      line->item_id = sqlite3_column_int64 (stmt, 2);
      line->sku = pd_read_conn_dup_text (stmt, 3);
      line->unit = pd_read_conn_dup_text (stmt, 4);
      line->lot_code = pd_read_conn_dup_text (stmt, 5);
      line->qty = sqlite3_column_int64 (stmt, 6);
      line->done_qty = sqlite3_column_int64 (stmt, 7);
      line->short_closed = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (order->lines, line);
    }

  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

PdStockOrder *
_pd_order_load (sqlite3     *db,
                const char  *ref,
                GError     **error)
{
  g_autoptr(PdStockOrder) order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (ref == NULL)
    ref = "";
  stmt = _pd_order_prepare (db,
                            "SELECT " PD_ORDER_COLUMNS (PD_ORDER_DEST) PD_ORDER_FROM (PD_ORDER_DEST_JOIN) "WHERE o.ref = ?1",
                            "SELECT " PD_ORDER_COLUMNS (PD_ORDER_NO_DEST) PD_ORDER_FROM ("") "WHERE o.ref = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = _pd_order_from_row (stmt);
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

  if (!load_lines (db, order, error))
    return NULL;

  return g_steal_pointer (&order);
}

static gboolean
set_status (sqlite3        *db,
            PdStockOrder   *order,
            PdOrderStatus   status,
            GError        **error)
{
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db,
                          "UPDATE stock_orders SET status = ?, closed_short = ?, updated_at = ? WHERE id = ?",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pd_order_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, order->closed_short ? 1 : 0);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, order->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  order->status = status;
  g_free (order->updated_at);
  order->updated_at = g_steal_pointer (&now);
  return TRUE;
}

static JsonObject *
order_to_json (const PdStockOrder *order)
{
  JsonObject *o = json_object_new ();
  JsonArray *lines = json_array_new ();

  json_object_set_string_member (o, "uuid", order->uuid);
  json_object_set_string_member (o, "ref", order->ref);
  json_object_set_string_member (o, "kind", pd_order_kind_to_string (order->kind));
  json_object_set_string_member (o, "status", pd_order_status_to_string (order->status));
  if (order->location_code != NULL)
    json_object_set_string_member (o, "location", order->location_code);
  else
    json_object_set_null_member (o, "location");
  if (order->kind == PD_ORDER_TRANSFER)
    json_object_set_string_member (o, "to", order->dest_location_code);
  json_object_set_int_member (o, "tolerance", order->tolerance);
  for (guint i = 0; i < order->lines->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
      JsonObject *l = json_object_new ();
      g_autofree char *qty = pd_qty_to_string (line->qty);
      g_autofree char *done = pd_qty_to_string (line->done_qty);

      json_object_set_int_member (l, "line", line->line_no);
      json_object_set_string_member (l, "sku", line->sku);
      if (line->lot_code != NULL)
        json_object_set_string_member (l, "lot", line->lot_code);
      else
        json_object_set_null_member (l, "lot");
      json_object_set_string_member (l, "qty", qty);
      json_object_set_string_member (l, "done", done);
      json_object_set_boolean_member (l, "short", line->short_closed);
      json_array_add_object_element (lines, l);
    }
  json_object_set_array_member (o, "lines", lines);

  return o;
}

/* --- Create ------------------------------------------------------------------ */

static gboolean
check_ref (const char  *ref,
           GError     **error)
{
  if (ref == NULL || *ref == '\0' || !g_utf8_validate (ref, -1, NULL) ||
      g_utf8_strlen (ref, -1) > PD_ORDER_REF_MAX_LENGTH ||
      g_unichar_isspace (g_utf8_get_char (ref)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (ref, ref + strlen (ref)))))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order reference “%s” is not valid: 1 to %d characters without spaces at the ends."),
                   ref != NULL ? ref : "", PD_ORDER_REF_MAX_LENGTH);
      return FALSE;
    }

  for (const char *p = ref; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      {
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Order reference “%s” is not valid: 1 to %d characters without spaces at the ends."),
                     ref, PD_ORDER_REF_MAX_LENGTH);
        return FALSE;
      }

  return TRUE;
}

typedef struct
{
  PdStockOrder *order;
  gboolean      release;
} CreateJob;

static gboolean
create_write (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  CreateJob *job = user_data;
  PdStockOrder *order = job->order;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The ref is free, regardless of case. */
  stmt = _pd_wms_prepare (db, "SELECT ref FROM stock_orders WHERE ref = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, order->ref, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS, _("An order “%s” exists already."), order->ref);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (order->location_id != 0)
    {
      stmt = _pd_wms_prepare (db, "SELECT code FROM locations WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order->location_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_free (order->location_code);
          order->location_code = pd_read_conn_dup_text (stmt, 0);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("No location with id %" PRId64 "."), order->location_id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return pd_store_set_sqlite_error (db, rc, error);
    }

  if (order->dest_location_id != 0)
    {
      stmt = _pd_wms_prepare (db, "SELECT code FROM locations WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order->dest_location_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_free (order->dest_location_code);
          order->dest_location_code = pd_read_conn_dup_text (stmt, 0);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("No location with id %" PRId64 "."), order->dest_location_id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return pd_store_set_sqlite_error (db, rc, error);
    }

  order->status = job->release ? PD_ORDER_RELEASED : PD_ORDER_DRAFT;
  stmt = _pd_wms_prepare (db,
                          "INSERT INTO stock_orders (uuid, ref, kind, status, location_id, partner, notes, "
                          "tolerance, created_at, updated_at, dest_location_id) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order->ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pd_order_kind_to_string (order->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pd_order_status_to_string (order->status), -1, SQLITE_STATIC);
  if (order->location_id != 0)
    sqlite3_bind_int64 (stmt, 5, order->location_id);
  if (order->partner != NULL && *order->partner != '\0')
    sqlite3_bind_text (stmt, 6, order->partner, -1, SQLITE_STATIC);
  if (order->notes != NULL && *order->notes != '\0')
    sqlite3_bind_text (stmt, 7, order->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, order->tolerance);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  if (order->dest_location_id != 0)
    sqlite3_bind_int64 (stmt, 11, order->dest_location_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  order->id = sqlite3_last_insert_rowid (db);
  g_free (order->uuid);
  order->uuid = g_steal_pointer (&uuid);
  g_free (order->created_at);
  order->created_at = g_strdup (now);
  g_free (order->updated_at);
  order->updated_at = g_strdup (now);

  for (guint i = 0; i < order->lines->len; i++)
    {
      PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autoptr(PdItem) item = NULL;
      g_autoptr(GError) local_error = NULL;
      sqlite3_stmt *insert;

      line->line_no = i + 1;
      if (line->item_id != 0)
        item = _pd_item_load (db, line->item_id, &local_error);
      else
        {
          gint64 item_id = 0;

          stmt = _pd_wms_prepare (db, "SELECT id FROM items WHERE sku = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, line->sku != NULL ? line->sku : "", -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            item_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return pd_store_set_sqlite_error (db, rc, error);
          if (item_id != 0)
            item = _pd_item_load (db, item_id, &local_error);
        }
      if (item == NULL)
        {
          /* TRANSLATORS: "Line 2: no item “SKU-9”." */
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("Line %u: no item “%s”."),
                       line->line_no, line->sku != NULL ? line->sku : "");
          return FALSE;
        }
      if (line->lot_code != NULL && !item->lot_tracked)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Line %u: item %s is not tracked by lot; the line names lot “%s”."),
                       line->line_no, item->sku, line->lot_code);
          return FALSE;
        }

      line->item_id = item->id;
      g_free (line->sku);
      line->sku = g_strdup (item->sku);
      g_free (line->unit);
      line->unit = g_strdup (item->unit);
      line->done_qty = 0;
      line->short_closed = FALSE;

      insert = _pd_wms_prepare (db,
                                "INSERT INTO stock_order_lines (order_id, line_no, item_id, lot_code, qty) "
                                "VALUES (?, ?, ?, ?, ?)",
                                error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, order->id);
      sqlite3_bind_int (insert, 2, line->line_no);
      sqlite3_bind_int64 (insert, 3, line->item_id);
      if (line->lot_code != NULL)
        sqlite3_bind_text (insert, 4, line->lot_code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 5, line->qty);
      rc = sqlite3_step (insert);
      sqlite3_finalize (insert);
      if (rc != SQLITE_DONE)
        return pd_store_set_sqlite_error (db, rc, error);
      line->id = sqlite3_last_insert_rowid (db);
    }

  pd_write_set_operation (write, "insert");
  pd_write_set_entity_id (write, order->uuid);
  pd_write_take_payload (write, order_to_json (order));
  if (order->kind == PD_ORDER_TRANSFER)
    detail = g_strdup_printf ("%s %s, %s → %s, %u lines, %s", pd_order_kind_to_string (order->kind),
                              order->ref, order->location_code, order->dest_location_code,
                              order->lines->len, pd_order_status_to_string (order->status));
  else
    detail = g_strdup_printf ("%s %s, %u lines, %s", pd_order_kind_to_string (order->kind),
                              order->ref, order->lines->len, pd_order_status_to_string (order->status));
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

gboolean
pd_store_create_order (PdStore       *self,
                       PdUser        *actor,
                       PdStockOrder  *order,
                       gboolean       release,
                       GError       **error)
{
  CreateJob job = { order, release };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_ref (order->ref, error))
    return FALSE;
  if ((guint) order->kind > PD_ORDER_TRANSFER)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown kind of order (%d)."), (int) order->kind);
      return FALSE;
    }
  /* A transfer goes from one subtree to another; they may nest (from a
   * warehouse into a pick zone of it, say) but not be the same. */
  if (order->kind == PD_ORDER_TRANSFER)
    {
      if (order->location_id == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Transfer %s needs a location to take the stock from."), order->ref);
          return FALSE;
        }
      if (order->dest_location_id == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Transfer %s needs a destination location."), order->ref);
          return FALSE;
        }
      if (order->location_id == order->dest_location_id)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Transfer %s would move stock to the location it comes from; choose another destination."),
                       order->ref);
          return FALSE;
        }
    }
  else if (order->dest_location_id != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order %s is not a transfer: only a transfer has a destination."),
                   order->ref);
      return FALSE;
    }
  if (order->tolerance > PD_ORDER_TOLERANCE_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Tolerance %u %% is out of range: it must be from 0 to %d %%."),
                   order->tolerance, PD_ORDER_TOLERANCE_MAX);
      return FALSE;
    }
  if (order->lines == NULL || order->lines->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Order %s has no lines."), order->ref);
      return FALSE;
    }
  for (guint i = 0; i < order->lines->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);

      if (line->qty <= 0 || line->qty > PD_QTY_MAX)
        {
          g_autofree char *qty = pd_qty_format (line->qty);
          g_autofree char *max = pd_qty_format (PD_QTY_MAX);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Line %u: quantity %s is out of range: it must be more than 0 and at most %s."),
                       i + 1, qty, max);
          return FALSE;
        }
      if (line->lot_code != NULL &&
          (!g_utf8_validate (line->lot_code, -1, NULL) ||
           g_utf8_strlen (line->lot_code, -1) > PD_CODE_MAX_LENGTH))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Line %u: lot “%s” is not a valid lot code (1 to %d characters)."),
                       i + 1, line->lot_code, PD_CODE_MAX_LENGTH);
          return FALSE;
        }
    }

  return pd_store_write (self, actor, PD_PERMISSION_STOCK_ORDERS, "order.create", "stock_order",
                         create_write, &job, error);
}

/* --- Reads ------------------------------------------------------------------- */

PdStockOrder *
pd_store_get_order (PdStore     *self,
                    const char  *ref,
                    GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _pd_order_load (pd_store_get_db (self), ref, error);
}

GPtrArray *
pd_store_list_orders (PdStore  *self,
                      int       status,
                      GError  **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  stmt = _pd_wms_prepare (db,
                          status >= 0
                          ? "SELECT " ORDER_COLUMNS ORDER_FROM "WHERE o.status = ? ORDER BY o.ref"
                          : "SELECT " ORDER_COLUMNS ORDER_FROM "ORDER BY o.ref",
                          error);
  if (stmt == NULL)
    return NULL;
  if (status >= 0)
    sqlite3_bind_text (stmt, 1, pd_order_status_to_string (status), -1, SQLITE_STATIC);

  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_order_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, _pd_order_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&orders);
}

/* --- Status changes ---------------------------------------------------------- */

typedef enum
{
  CHANGE_RELEASE,
  CHANGE_CANCEL,
  CHANGE_CLOSE,
} Change;

typedef struct
{
  const char *ref;
  Change      change;
  GPtrArray  *short_lines;   /* CLOSE: PdStockOrderLine copies */
} ChangeJob;

static gboolean
change_write (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  ChangeJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdStockOrder) order = NULL;
  g_autofree char *detail = NULL;
  PdOrderStatus to;

  if ((order = _pd_order_load (db, job->ref, error)) == NULL)
    return FALSE;

  switch (job->change)
    {
    case CHANGE_RELEASE:
      if (order->status != PD_ORDER_DRAFT)
        {
          /* TRANSLATORS: "Order PO-1 is released; only a draft is released." */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s is %s; only a draft is released."),
                       order->ref, pd_order_status_get_label (order->status));
          return FALSE;
        }
      to = PD_ORDER_RELEASED;
      break;

    case CHANGE_CANCEL:
      if (order->status == PD_ORDER_IN_PROGRESS)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s is in progress: stock has moved for it. Close it instead."),
                       order->ref);
          return FALSE;
        }
      if (order->status != PD_ORDER_DRAFT && order->status != PD_ORDER_RELEASED)
        {
          /* TRANSLATORS: "Order PO-1 is done; only a draft or released order is cancelled." */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s is %s; only a draft or released order is cancelled."),
                       order->ref, pd_order_status_get_label (order->status));
          return FALSE;
        }
      to = PD_ORDER_CANCELLED;
      break;

    case CHANGE_CLOSE:
      if (order->status == PD_ORDER_DRAFT || order->status == PD_ORDER_RELEASED)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Nothing was executed on order %s; cancel it instead."), order->ref);
          return FALSE;
        }
      if (order->status != PD_ORDER_IN_PROGRESS)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s is %s already."),
                       order->ref, pd_order_status_get_label (order->status));
          return FALSE;
        }
      to = PD_ORDER_DONE;
      {
        sqlite3_stmt *stmt = _pd_wms_prepare (db, "UPDATE stock_order_lines SET short = 1 WHERE id = ?", error);

        if (stmt == NULL)
          return FALSE;
        for (guint i = 0; i < order->lines->len; i++)
          {
            PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
            PdStockOrderLine *copy;
            int rc;

            if (line->done_qty >= line->qty)
              continue;
            line->short_closed = TRUE;
            order->closed_short = TRUE;
            sqlite3_bind_int64 (stmt, 1, line->id);
            rc = sqlite3_step (stmt);
            sqlite3_reset (stmt);
            if (rc != SQLITE_DONE)
              {
                sqlite3_finalize (stmt);
                return pd_store_set_sqlite_error (db, rc, error);
              }
            copy = g_new0 (PdStockOrderLine, 1);
            *copy = *line;
            copy->sku = g_strdup (line->sku);
            copy->unit = g_strdup (line->unit);
            copy->lot_code = g_strdup (line->lot_code);
            g_ptr_array_add (job->short_lines, copy);
          }
        sqlite3_finalize (stmt);
      }
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (!set_status (db, order, to, error))
    return FALSE;

  pd_write_set_entity_id (write, order->uuid);
  pd_write_take_payload (write, order_to_json (order));
  if (job->change == CHANGE_CLOSE && job->short_lines->len > 0)
    detail = g_strdup_printf ("%s %s, %u lines short", order->ref,
                              pd_order_status_to_string (to), job->short_lines->len);
  else
    detail = g_strdup_printf ("%s %s", order->ref, pd_order_status_to_string (to));
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

static gboolean
change_order (PdStore     *self,
              PdUser      *actor,
              const char  *ref,
              Change       change,
              const char  *action,
              GPtrArray  **short_lines,
              GError     **error)
{
  ChangeJob job = { ref, change, NULL };
  gboolean ok;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job.short_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_order_line_free);
  ok = pd_store_write (self, actor, PD_PERMISSION_STOCK_ORDERS, action, "stock_order",
                       change_write, &job, error);
  if (ok && short_lines != NULL)
    *short_lines = g_steal_pointer (&job.short_lines);
  g_clear_pointer (&job.short_lines, g_ptr_array_unref);

  return ok;
}

gboolean
pd_store_release_order (PdStore     *self,
                        PdUser      *actor,
                        const char  *ref,
                        GError     **error)
{
  return change_order (self, actor, ref, CHANGE_RELEASE, "order.release", NULL, error);
}

gboolean
pd_store_cancel_order (PdStore     *self,
                       PdUser      *actor,
                       const char  *ref,
                       GError     **error)
{
  return change_order (self, actor, ref, CHANGE_CANCEL, "order.cancel", NULL, error);
}

gboolean
pd_store_close_order (PdStore     *self,
                      PdUser      *actor,
                      const char  *ref,
                      GPtrArray  **short_lines,
                      GError     **error)
{
  return change_order (self, actor, ref, CHANGE_CLOSE, "order.close", short_lines, error);
}

/* --- Execution ------------------------------------------------------------- */

typedef struct
{
  const char  *ref;
  const char  *location_code;   /* a transfer's source */
  const char  *dest_code;       /* a transfer's destination; NULL otherwise */
  gboolean     transfer;        /* pd_store_order_execute_transfer() */
  const char  *item_code;
  const char  *lot_code;
  PdQty        qty;
  PdStockMove *move;   /* out */
} ExecuteJob;

/* Whether LOCATION_ID is ROOT_ID or lies inside it: up the parents, a
 * handful of primary-key reads. */
static gboolean
location_inside (sqlite3   *db,
                 gint64     location_id,
                 gint64     root_id,
                 gboolean  *inside,
                 GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db,
                          "WITH RECURSIVE up (id, parent_id) AS ("
                          " SELECT id, parent_id FROM locations WHERE id = ?1"
                          " UNION ALL SELECT l.id, l.parent_id FROM locations l JOIN up ON l.id = up.parent_id)"
                          "SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location_id);
  sqlite3_bind_int64 (stmt, 2, root_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *inside = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static char *
location_code_of (sqlite3 *db,
                  gint64   location_id)
{
  sqlite3_stmt *stmt = _pd_wms_prepare (db, "SELECT code FROM locations WHERE id = ?", NULL);
  char *code = NULL;

  if (stmt == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, location_id);
  sqlite3_bind_int64 (stmt, 1, location_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = pd_read_conn_dup_text (stmt, 0);
  sqlite3_finalize (stmt);

  return code != NULL ? code : g_strdup_printf ("#%" G_GINT64_FORMAT, location_id);
}

static gboolean
execute_write (PdWrite   *write,
               gpointer   user_data,
               GError   **error)
{
  ExecuteJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  PdStore *store = pd_write_get_store (write);
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *item_detail = NULL;
  g_autofree char *detail = NULL;
  PdStockOrderLine *line = NULL;
  PdStockMove *move;
  JsonObject *payload;
  JsonArray *array;
  gint64 item_id = 0, location_id = 0, dest_id = 0, other = 0;
  const char *lot;
  gboolean item_found = FALSE;
  gboolean complete = TRUE;
  PdQty qty, limit, after;
  sqlite3_stmt *stmt;
  int rc;

  if ((order = _pd_order_load (db, job->ref, error)) == NULL)
    return FALSE;
  if (order->status == PD_ORDER_DRAFT)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order %s is a draft; release it first."), order->ref);
      return FALSE;
    }
  if (order->status != PD_ORDER_RELEASED && order->status != PD_ORDER_IN_PROGRESS)
    {
      /* TRANSLATORS: "Order PO-1 is done; nothing more is executed on it." */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order %s is %s; nothing more is executed on it."),
                   order->ref, pd_order_status_get_label (order->status));
      return FALSE;
    }
  if (order->kind == PD_ORDER_TRANSFER && !job->transfer)
    {
      /* TRANSLATORS: "Order TR-1 is a transfer from WH-1 to B-01: scan where the stock comes from and where it goes." */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order %s is a transfer from %s to %s: scan where the stock comes from and where it goes."),
                   order->ref, order->location_code, order->dest_location_code);
      return FALSE;
    }
  if (order->kind != PD_ORDER_TRANSFER && job->transfer)
    {
      if (order->kind == PD_ORDER_INBOUND)
        /* TRANSLATORS: "Order PO-1 is a receipt, not a transfer: scan only the location it goes into." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Order %s is a receipt, not a transfer: scan only the location it goes into."),
                     order->ref);
      else
        /* TRANSLATORS: "Order SO-1 is an issue, not a transfer: scan only the location it comes from." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Order %s is an issue, not a transfer: scan only the location it comes from."),
                     order->ref);
      return FALSE;
    }

  /* The codes, as scanned. */
  if (!pd_store_resolve_code (store, job->location_code, &other, &location_id, error))
    return FALSE;
  if (location_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is an item, not a location."), job->location_code);
      return FALSE;
    }
  if (!pd_store_resolve_code (store, job->item_code, &item_id, &other, error))
    return FALSE;
  if (item_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is a location, not an item."), job->item_code);
      return FALSE;
    }

  if (order->location_id != 0)
    {
      gboolean inside = FALSE;

      if (!location_inside (db, location_id, order->location_id, &inside, error))
        return FALSE;
      if (!inside)
        {
          g_autofree char *code = location_code_of (db, location_id);

          if (order->kind == PD_ORDER_TRANSFER)
            /* TRANSLATORS: "Order TR-1 takes from WH-1; B-07 is not inside it." */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Order %s takes from %s; %s is not inside it."),
                         order->ref, order->location_code, code);
          else if (order->kind == PD_ORDER_INBOUND)
            /* TRANSLATORS: "Order PO-1 receives into WH-1; B-07 is not inside it." */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Order %s receives into %s; %s is not inside it."),
                         order->ref, order->location_code, code);
          else
            /* TRANSLATORS: "Order SO-1 issues from WH-1; B-07 is not inside it." */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Order %s issues from %s; %s is not inside it."),
                         order->ref, order->location_code, code);
          return FALSE;
        }
    }

  /* A transfer's destination, inside the order's, not the source. */
  if (order->kind == PD_ORDER_TRANSFER)
    {
      gboolean inside = FALSE;

      if (job->dest_code == NULL || *job->dest_code == '\0')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s is a transfer: scan the location the stock goes to."), order->ref);
          return FALSE;
        }
      if (!pd_store_resolve_code (store, job->dest_code, &other, &dest_id, error))
        return FALSE;
      if (dest_id == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is an item, not a location."), job->dest_code);
          return FALSE;
        }
      if (!location_inside (db, dest_id, order->dest_location_id, &inside, error))
        return FALSE;
      if (!inside)
        {
          g_autofree char *code = location_code_of (db, dest_id);

          /* TRANSLATORS: "Order TR-1 puts into WH-2; A-01 is not inside it." */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Order %s puts into %s; %s is not inside it."),
                       order->ref, order->dest_location_code, code);
          return FALSE;
        }
      if (dest_id == location_id)
        {
          g_autofree char *code = location_code_of (db, dest_id);

          /* TRANSLATORS: "The stock would stay at A-01: scan another destination." */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The stock would stay at %s: scan another destination."), code);
          return FALSE;
        }
    }

  /* The line: the first of the item not complete that fits the lot, else
   * the first that fits the lot. */
  for (guint pass = 0; pass < 2 && line == NULL; pass++)
    for (guint i = 0; i < order->lines->len && line == NULL; i++)
      {
        PdStockOrderLine *l = g_ptr_array_index (order->lines, i);

        if (l->item_id != item_id)
          continue;
        item_found = TRUE;
        if (l->lot_code != NULL && job->lot_code != NULL && *job->lot_code != '\0' &&
            strcmp (l->lot_code, job->lot_code) != 0)
          continue;
        if (pass == 0 && l->done_qty >= l->qty)
          continue;
        line = l;
      }
  if (line == NULL)
    {
      g_autoptr(PdItem) item = _pd_item_load (db, item_id, NULL);
      const char *sku = item != NULL ? item->sku : job->item_code;

      if (!item_found)
        /* TRANSLATORS: "SKU-9 is not on order PO-1." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("%s is not on order %s."), sku, order->ref);
      else
        /* TRANSLATORS: "Lot L2 of SKU-1 is not on order PO-1." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Lot %s of %s is not on order %s."), job->lot_code, sku, order->ref);
      return FALSE;
    }

  lot = job->lot_code != NULL && *job->lot_code != '\0' ? job->lot_code : line->lot_code;

  /* The quantity: the line's remaining one by default. */
  qty = job->qty != 0 ? job->qty : pd_stock_order_line_remaining (line);
  limit = pd_stock_order_line_limit (line, order->tolerance);
  if (qty <= 0 || !pd_qty_add (line->done_qty, qty, &after) || after > limit)
    {
      g_autofree char *asked = pd_qty_format (qty);
      g_autofree char *remaining = pd_qty_format (pd_stock_order_line_remaining (line));
      g_autofree char *allowed = pd_qty_format (limit > line->done_qty ? limit - line->done_qty : 0);

      if (job->qty == 0 && qty == 0)
        /* TRANSLATORS: "SKU-1 on order PO-1 is complete: 10 pcs." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("%s on order %s is complete; nothing remains."), line->sku, order->ref);
      else if (qty <= 0)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Quantity %s is out of range: it must be more than 0."), asked);
      else if (order->kind == PD_ORDER_TRANSFER)
        /* TRANSLATORS: "Over-transfer: 12 pcs of SKU-1 asked; 10 pcs remain on order TR-1 (at most 10 with the tolerance)." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Over-transfer: %s %s of %s asked; %s %s remain on order %s (at most %s with the tolerance)."),
                     asked, line->unit, line->sku, remaining, line->unit, order->ref, allowed);
      else if (order->kind == PD_ORDER_INBOUND)
        /* TRANSLATORS: "Over-receipt: 12 pcs of SKU-1 asked; 10 pcs remain on order PO-1 (at most 10 with the tolerance)." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Over-receipt: %s %s of %s asked; %s %s remain on order %s (at most %s with the tolerance)."),
                     asked, line->unit, line->sku, remaining, line->unit, order->ref, allowed);
      else
        /* TRANSLATORS: "Over-pick: 12 pcs of SKU-1 asked; 10 pcs remain on order SO-1 (at most 10 with the tolerance)." */
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Over-pick: %s %s of %s asked; %s %s remain on order %s (at most %s with the tolerance)."),
                     asked, line->unit, line->sku, remaining, line->unit, order->ref, allowed);
      return FALSE;
    }

  /* The move, through the ledger's own path. */
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  move = pd_stock_move_new ();
  move->item_id = item_id;
  move->lot_code = g_strdup (lot);
  move->qty = qty;
  move->ref = g_strdup (order->ref);
  if (order->kind == PD_ORDER_TRANSFER)
    {
      move->reason = PD_MOVE_TRANSFER;
      move->from_location = location_id;
      move->to_location = dest_id;
    }
  else if (order->kind == PD_ORDER_INBOUND)
    {
      move->reason = PD_MOVE_RECEIPT;
      move->to_location = location_id;
    }
  else
    {
      move->reason = PD_MOVE_ISSUE;
      move->from_location = location_id;
    }
  g_ptr_array_add (moves, move);

  array = json_array_new ();
  payload = order_to_json (order);   /* the lines before, corrected below */
  json_object_set_array_member (payload, "moves", array);
  pd_write_take_payload (write, payload);
  if (!_pd_stock_post_in_write (write, moves, array, &item_detail, error))
    return FALSE;

  stmt = _pd_wms_prepare (db, "INSERT INTO stock_order_moves (move_id, line_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->id);
  sqlite3_bind_int64 (stmt, 2, line->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  stmt = _pd_wms_prepare (db, "UPDATE stock_order_lines SET done_qty = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, line->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  line->done_qty = after;

  for (guint i = 0; i < order->lines->len; i++)
    {
      const PdStockOrderLine *l = g_ptr_array_index (order->lines, i);

      if (l->done_qty < l->qty)
        complete = FALSE;
    }
  if (!set_status (db, order, complete ? PD_ORDER_DONE : PD_ORDER_IN_PROGRESS, error))
    return FALSE;

  /* The payload says what the order is now. */
  {
    JsonObject *now = order_to_json (order);

    json_object_set_array_member (now, "moves", json_array_ref (array));
    json_object_set_int_member (now, "line", line->line_no);
    pd_write_take_payload (write, now);
  }
  pd_write_set_entity_id (write, order->uuid);
  detail = g_strdup_printf ("%s line %u: %s", order->ref, line->line_no,
                            item_detail != NULL ? item_detail : "");
  pd_write_set_detail (write, detail);

  job->move = pd_stock_move_copy (move);
  return TRUE;
}

/* The scan of JOB: the quantity checked, then executed in one write. */
static gboolean
execute (PdStore      *self,
         PdUser       *actor,
         ExecuteJob   *job,
         PdStockMove **move_out,
         GError      **error)
{
  gboolean ok;

  if (job->qty < 0 || job->qty > PD_QTY_MAX)
    {
      g_autofree char *text = pd_qty_format (job->qty);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Quantity %s is out of range: it must be more than 0."), text);
      return FALSE;
    }

  ok = pd_store_write (self, actor, PD_PERMISSION_STOCK_MOVE, "order.execute", "stock_order",
                       execute_write, job, error);
  if (ok && move_out != NULL)
    *move_out = g_steal_pointer (&job->move);
  g_clear_pointer (&job->move, pd_stock_move_free);

  return ok;
}

gboolean
pd_store_order_execute (PdStore       *self,
                        PdUser        *actor,
                        const char    *order_ref,
                        const char    *location_code,
                        const char    *item_code,
                        const char    *lot_code,
                        PdQty          qty,
                        PdStockMove  **move_out,
                        GError       **error)
{
  ExecuteJob job = { order_ref, location_code, NULL, FALSE, item_code, lot_code, qty, NULL };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return execute (self, actor, &job, move_out, error);
}

gboolean
pd_store_order_execute_transfer (PdStore       *self,
                                 PdUser        *actor,
                                 const char    *order_ref,
                                 const char    *from_code,
                                 const char    *to_code,
                                 const char    *item_code,
                                 const char    *lot_code,
                                 PdQty          qty,
                                 PdStockMove  **move_out,
                                 GError       **error)
{
  ExecuteJob job = { order_ref, from_code, to_code, TRUE, item_code, lot_code, qty, NULL };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return execute (self, actor, &job, move_out, error);
}
