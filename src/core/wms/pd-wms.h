/* pd-wms.h — the warehouse: items, locations, lots, stock moves
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pd-qty.h"

G_BEGIN_DECLS

typedef enum
{
  PD_LOCATION_WAREHOUSE,
  PD_LOCATION_ZONE,
  PD_LOCATION_BIN,
} PdLocationKind;

/* Why stock moved. Stable strings: "receipt", "issue", "transfer",
 * "adjustment", "reversal". */
typedef enum
{
  PD_MOVE_RECEIPT,     /* from outside into a location */
  PD_MOVE_ISSUE,       /* from a location to outside */
  PD_MOVE_TRANSFER,    /* between two locations */
  PD_MOVE_ADJUSTMENT,  /* a stocktake difference, in or out */
  PD_MOVE_REVERSAL,    /* undoes one earlier move, in the opposite direction */
} PdMoveReason;

#define PD_SKU_MAX_LENGTH      64
#define PD_CODE_MAX_LENGTH     64   /* location codes, barcodes, lot codes */
#define PD_ITEM_NAME_MAX       200

/**
 * PdItem:
 *
 * An item that is kept in stock. Boxed.
 */
typedef struct
{
  gint64     id;           /* 0 before it is stored */
  char      *uuid;
  char      *sku;          /* unique regardless of case */
  char      *name;
  char      *unit;         /* "pcs", "kg", "m" … */
  char      *category;     /* or NULL */
  gboolean   lot_tracked;  /* every move names a lot */
  GPtrArray *barcodes;     /* char *, unique among items and locations */
  /* The default threshold, applied to every warehouse that has none of
   * its own (pd_store_set_item_threshold for one warehouse). */
  gboolean   has_min;
  PdQty      min_qty;
  gboolean   has_max;
  PdQty      max_qty;
} PdItem;

/**
 * PdLocation:
 *
 * A node of the location tree. Boxed.
 */
typedef struct
{
  gint64          id;
  char           *uuid;
  char           *code;          /* unique regardless of case */
  char           *name;          /* or NULL */
  PdLocationKind  kind;          /* a warehouse has no parent; a zone's parent is a warehouse or zone; a bin's a warehouse or zone */
  gint64          parent_id;     /* 0 for a warehouse */
  gint64          warehouse_id;  /* the root of the tree; its own id for a warehouse */
  char           *barcode;       /* or NULL */
  gboolean        allow_negative;  /* warehouses only: stock may go below zero, visibly */
} PdLocation;

/**
 * PdLot:
 */
typedef struct
{
  gint64  id;
  char   *uuid;
  gint64  item_id;
  char   *code;
  char   *expiry;   /* "YYYY-MM-DD" or NULL */
} PdLot;

/**
 * PdStockMove:
 *
 * One row of the ledger. In a request (pd_store_post_moves) only item_id,
 * lot_code or lot_id, from/to, qty, reason, ref and reverses are read.
 */
typedef struct
{
  gint64        id;
  char         *uuid;
  gint64        item_id;
  gint64        lot_id;        /* 0: none */
  gint64        from_location; /* 0: from outside */
  gint64        to_location;   /* 0: to outside */
  PdQty         qty;           /* > 0 */
  PdMoveReason  reason;
  char         *ref;           /* document reference, or NULL */
  gint64        reverses;      /* REVERSAL: the move it undoes */
  char         *user_name;
  char         *station_id;
  gint64        ts;            /* µs since the epoch */

  /* Filled by reads, for display: */
  char         *sku;
  char         *lot_code;      /* also read by pd_store_post_moves when lot_id is 0 */
  char         *from_code;
  char         *to_code;
} PdStockMove;

/**
 * PdStockLevel:
 *
 * On-hand of one item at one location and lot.
 */
typedef struct
{
  gint64  item_id;
  gint64  location_id;
  gint64  lot_id;
  PdQty   qty;
  char   *sku;
  char   *location_code;
  char   *lot_code;   /* or NULL */
} PdStockLevel;

GType         pd_item_get_type          (void) G_GNUC_CONST;
PdItem       *pd_item_new               (void);
PdItem       *pd_item_copy              (const PdItem *item);
void          pd_item_free              (PdItem       *item);
/* SKU 1…64 printable characters without spaces at the ends, name, unit
 * required, barcodes 1…64 printable, no duplicates, min ≥ 0, max ≥ min. */
gboolean      pd_item_validate          (const PdItem *item,
                                         GError      **error);

GType         pd_location_get_type      (void) G_GNUC_CONST;
PdLocation   *pd_location_new           (PdLocationKind kind);
PdLocation   *pd_location_copy          (const PdLocation *location);
void          pd_location_free          (PdLocation       *location);
gboolean      pd_location_validate      (const PdLocation *location,
                                         GError          **error);

PdLot        *pd_lot_copy               (const PdLot *lot);
void          pd_lot_free               (PdLot       *lot);

PdStockMove  *pd_stock_move_new         (void);
PdStockMove  *pd_stock_move_copy        (const PdStockMove *move);
void          pd_stock_move_free        (PdStockMove       *move);

void          pd_stock_level_free       (PdStockLevel *level);

const char   *pd_location_kind_to_string   (PdLocationKind kind);
gboolean      pd_location_kind_from_string (const char     *str,
                                            PdLocationKind *kind);
const char   *pd_location_kind_get_label   (PdLocationKind kind);   /* translated */
const char   *pd_move_reason_to_string     (PdMoveReason   reason);
gboolean      pd_move_reason_from_string   (const char     *str,
                                            PdMoveReason   *reason);
const char   *pd_move_reason_get_label     (PdMoveReason   reason);  /* translated */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdItem, pd_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdLocation, pd_location_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdLot, pd_lot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStockMove, pd_stock_move_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStockLevel, pd_stock_level_free)

G_END_DECLS
