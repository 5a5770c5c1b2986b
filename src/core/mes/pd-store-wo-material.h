/* pd-store-wo-material.h — material and finished goods of work orders
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pd-store.h"
#include "pd-work-order.h"

G_BEGIN_DECLS

/* How work orders move stock (pd-store-wo-material.c). Everything goes
 * through the warehouse's ledger inside the work order's own write, so
 * that on-hand, the stock alarms and "stock-changed" follow and
 * pd_store_check_stock() agrees; each move has reason issue or receipt and
 * the work order's number as its ref, and the event's payload lists the
 * moves it made ("moves").
 *
 * - Need. A component of the order's BOM version (frozen at release) is
 *   needed per unit × units × (1 + scrap % / 100), rounded up to the
 *   millionth: for the whole order at release and at start, for the parts
 *   reported at a backflush.
 * - Where. Components come from the source location (from_location) of
 *   the work center of the order's FIRST operation, counting that location
 *   and every location below it, as the warehouse counts them; finished
 *   goods go to the target location (to_location) of the LAST operation's
 *   work center. A planned move to another work center counts.
 * - Release. With a BOM, the first work center needs a source location and
 *   the last a target location, or the release is refused naming the work
 *   center. Then every component's need for the whole order is checked
 *   against on hand: when any is short the release is refused
 *   (PD_ERROR_INSUFFICIENT) with a translated list of each missing
 *   component (SKU, needed, on hand, missing) and nothing changes. Stock is
 *   not reserved: another order may use it before this one starts.
 *   Without a BOM there is nothing to check; the goods are received when
 *   the last work center has a target location.
 * - Pick at start. Starting the first operation issues the full need of
 *   every component that is not backflushed; a shortage refuses the start
 *   with the same list.
 * - Backflush. Each report on the first operation (by hand or by the
 *   machine) issues the backflushed components for good + scrap; a
 *   shortage refuses the report.
 * - Finished goods. Each report on the last operation with good > 0
 *   receives the good quantity of the product into the target location
 *   (also a machine report, a system write).
 * - Lots. A lot-tracked component is taken oldest lot first (by when the
 *   lot was made), then by location code; an item without lots by location
 *   code. A lot-tracked product is received into the lot named after the
 *   work order's number. Only positive on-hand is taken: stock is never
 *   issued below zero by a work order, even where a warehouse allows it.
 * - Rebuilding the work orders' state (pd_store_rebuild_work_orders())
 *   replays the events only, never the moves: nothing is issued twice. */

/* One component short for a work order. */
typedef struct
{
  gint64    component_id;
  char     *sku;
  char     *unit;
  char     *location;    /* code of the source location */
  gboolean  backflush;
  PdQty     needed;      /* for the whole order */
  PdQty     on_hand;     /* at the source location and below it */
  PdQty     missing;     /* needed - on_hand, > 0 */
} PdWoShortage;

void          pd_wo_shortage_free          (PdWoShortage *shortage);
JsonObject   *pd_wo_shortage_to_json       (const PdWoShortage *shortage);

/* The components short for the whole of work order NUMBER (any state; a
 * draft is checked against the active BOM and routing) into *SHORTAGES
 * (GPtrArray of PdWoShortage, empty when nothing is short or there is no
 * BOM). FALSE with an error for an unknown order, or a BOM without a
 * source location (the message names the work center). */
gboolean      pd_store_list_work_order_shortages (PdStore     *self,
                                            const char    *number,
                                            GPtrArray    **shortages,
                                            GError       **error);

/* The ledger's moves with the work order NUMBER as their ref (of its
 * product or of a component of any of its BOM versions), oldest first.
 * GPtrArray of PdStockMove with sku, lot and location codes. */
GPtrArray    *pd_store_list_work_order_moves (PdStore     *self,
                                            const char    *number,
                                            GError       **error);

/* Internal: called by pd-store-work-orders.c inside the write of ACTION
 * on WO (as loaded before the action, its checks passed) before the event
 * is stored. PAYLOAD is the event's payload (for a release it holds the
 * frozen "bom_version" and the "operations"); the moves made are added to
 * it as "moves". */
gboolean      _pd_wo_material_in_write     (PdWrite            *write,
                                            const PdWorkOrder  *wo,
                                            PdWoAction          action,
                                            guint               seq,
                                            PdQty               good,
                                            PdQty               scrap,
                                            JsonObject         *payload,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWoShortage, pd_wo_shortage_free)

G_END_DECLS
