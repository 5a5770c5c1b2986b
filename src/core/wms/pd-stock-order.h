/* pd-stock-order.h — inbound and outbound stock orders and their lines
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-qty.h"

G_BEGIN_DECLS

/* Stable strings: "inbound", "outbound", "transfer". */
typedef enum
{
  PD_ORDER_INBOUND,    /* a receipt: stock comes in */
  PD_ORDER_OUTBOUND,   /* an issue or shipment: stock goes out */
  PD_ORDER_TRANSFER,   /* a move between locations: from location_id's subtree
                        * to dest_location_id's */
} PdOrderKind;

/* draft → released → in-progress → done, or cancelled before any
 * execution. Stable strings: "draft", "released", "in-progress", "done",
 * "cancelled". */
typedef enum
{
  PD_ORDER_DRAFT,
  PD_ORDER_RELEASED,
  PD_ORDER_IN_PROGRESS,
  PD_ORDER_DONE,
  PD_ORDER_CANCELLED,
} PdOrderStatus;

#define PD_ORDER_REF_MAX_LENGTH   64
#define PD_ORDER_TOLERANCE_MAX    1000   /* percent */

/**
 * PdStockOrderLine:
 *
 * One line of an order. In a request (pd_store_create_order) only
 * item_id or sku, lot_code and qty are read.
 */
typedef struct
{
  gint64    id;
  guint     line_no;     /* 1, 2 … in the order given */
  gint64    item_id;
  char     *sku;
  char     *unit;        /* filled by reads */
  char     *lot_code;    /* or NULL: any lot (or none) */
  PdQty     qty;         /* > 0 */
  PdQty     done_qty;    /* received or picked so far */
  gboolean  short_closed;  /* the order was closed before the line was complete */
} PdStockOrderLine;

/**
 * PdStockOrder:
 */
typedef struct
{
  gint64         id;
  char          *uuid;
  char          *ref;            /* unique regardless of case */
  PdOrderKind    kind;
  PdOrderStatus  status;
  gint64         location_id;    /* 0: any location; a transfer's source */
  char          *location_code;
  gint64         dest_location_id;    /* a transfer's destination (required); 0 otherwise */
  char          *dest_location_code;
  char          *partner;        /* or NULL */
  char          *notes;          /* or NULL */
  guint          tolerance;      /* percent over a line's quantity allowed */
  gboolean       closed_short;
  char          *created_at;
  char          *updated_at;
  GPtrArray     *lines;          /* PdStockOrderLine */
} PdStockOrder;

PdStockOrder     *pd_stock_order_new             (PdOrderKind kind);
void              pd_stock_order_free            (PdStockOrder *order);
/* Appends a line (its line_no is set) and returns it, owned by ORDER. */
PdStockOrderLine *pd_stock_order_add_line        (PdStockOrder *order,
                                                  const char   *sku,
                                                  const char   *lot_code,
                                                  PdQty         qty);
void              pd_stock_order_line_free       (PdStockOrderLine *line);
/* qty − done_qty, never below 0. */
PdQty             pd_stock_order_line_remaining  (const PdStockOrderLine *line);
/* The most a line may reach with the order's tolerance: qty × (100 +
 * TOLERANCE) / 100, exact, rounded down to a millionth. */
PdQty             pd_stock_order_line_limit      (const PdStockOrderLine *line,
                                                  guint                   tolerance);

const char   *pd_order_kind_to_string      (PdOrderKind    kind);
gboolean      pd_order_kind_from_string    (const char    *str,
                                            PdOrderKind   *kind);
const char   *pd_order_kind_get_label      (PdOrderKind    kind);     /* translated */
const char   *pd_order_status_to_string    (PdOrderStatus  status);
gboolean      pd_order_status_from_string  (const char    *str,
                                            PdOrderStatus *status);
const char   *pd_order_status_get_label    (PdOrderStatus  status);   /* translated */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStockOrder, pd_stock_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStockOrderLine, pd_stock_order_line_free)

G_END_DECLS
