/* pd-stock-order.c — stock orders and their lines: the plain types
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stock-order"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-stock-order.h"

static const char * const kind_names[] = { "inbound", "outbound", "transfer" };
static const char * const status_names[] = {
  "draft", "released", "in-progress", "done", "cancelled",
};

PdStockOrder *
pd_stock_order_new (PdOrderKind kind)
{
  PdStockOrder *order = g_new0 (PdStockOrder, 1);

  order->kind = kind;
  order->status = PD_ORDER_DRAFT;
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_order_line_free);

  return order;
}

void
pd_stock_order_free (PdStockOrder *order)
{
  if (order == NULL)
    return;

  g_free (order->uuid);
  g_free (order->ref);
  g_free (order->location_code);
  g_free (order->dest_location_code);
  g_free (order->partner);
  g_free (order->notes);
  g_free (order->created_at);
  g_free (order->updated_at);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order);
}

PdStockOrderLine *
pd_stock_order_add_line (PdStockOrder *order,
                         const char   *sku,
                         const char   *lot_code,
                         PdQty         qty)
{
  PdStockOrderLine *line;

  g_return_val_if_fail (order != NULL, NULL);

  line = g_new0 (PdStockOrderLine, 1);
  line->line_no = order->lines->len + 1;
  line->sku = g_strdup (sku);
  line->lot_code = lot_code != NULL && *lot_code != '\0' ? g_strdup (lot_code) : NULL;
  line->qty = qty;
  g_ptr_array_add (order->lines, line);

  return line;
}

void
pd_stock_order_line_free (PdStockOrderLine *line)
{
  if (line == NULL)
    return;

  g_free (line->sku);
  g_free (line->unit);
  g_free (line->lot_code);
  g_free (line);
}

PdQty
pd_stock_order_line_remaining (const PdStockOrderLine *line)
{
  g_return_val_if_fail (line != NULL, 0);

  return line->done_qty < line->qty ? line->qty - line->done_qty : 0;
}

PdQty
pd_stock_order_line_limit (const PdStockOrderLine *line,
                           guint                   tolerance)
{
  gint64 factor = 100 + (gint64) MIN (tolerance, PD_ORDER_TOLERANCE_MAX);
  gint64 whole, part;

  g_return_val_if_fail (line != NULL, 0);

  if (line->qty <= 0)
    return 0;

  /* qty × factor / 100 without overflow: its hundreds, then the rest. */
  whole = line->qty / 100;
  part = line->qty % 100;
  if (whole > G_MAXINT64 / factor)
    return G_MAXINT64;

  return whole * factor + part * factor / 100;
}

const char *
pd_order_kind_to_string (PdOrderKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
pd_order_kind_from_string (const char  *str,
                           PdOrderKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
pd_order_kind_get_label (PdOrderKind kind)
{
  switch (kind)
    {
    /* TRANSLATORS: a kind of stock order: goods received */
    case PD_ORDER_INBOUND: return _("Inbound");
    /* TRANSLATORS: a kind of stock order: goods issued or shipped */
    case PD_ORDER_OUTBOUND: return _("Outbound");
    /* TRANSLATORS: a kind of stock order: goods moved from one location to another */
    case PD_ORDER_TRANSFER: return _("Transfer");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_order_status_to_string (PdOrderStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
pd_order_status_from_string (const char    *str,
                             PdOrderStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }

  return FALSE;
}

const char *
pd_order_status_get_label (PdOrderStatus status)
{
  switch (status)
    {
    /* TRANSLATORS: the status of a stock order, e.g. "Order PO-1 is a draft." */
    case PD_ORDER_DRAFT: return _("draft");
    /* TRANSLATORS: the status of a stock order: ready to be executed */
    case PD_ORDER_RELEASED: return _("released");
    /* TRANSLATORS: the status of a stock order: partly executed */
    case PD_ORDER_IN_PROGRESS: return _("in progress");
    /* TRANSLATORS: the status of a stock order: complete or closed */
    case PD_ORDER_DONE: return _("done");
    /* TRANSLATORS: the status of a stock order */
    case PD_ORDER_CANCELLED: return _("cancelled");
    default: g_return_val_if_reached (NULL);
    }
}
