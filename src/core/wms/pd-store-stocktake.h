/* pd-store-stocktake.h — stocktakes in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"
#include "pd-stocktake.h"

G_BEGIN_DECLS

/* A stocktake snapshots the on-hand of its scope at the start and the
 * newest ledger move then. People count (item, location, lot) while stock
 * keeps moving; the review compares each count with the expected quantity
 * plus the ledger's moves since the start, so that a move made during the
 * count is accounted for and not overwritten:
 *   difference = counted − (expected + moved since the start),
 * where "moved" stops at the line's last count: each count remembers the
 * newest ledger move when it was taken, and a move made after a line was
 * counted is not in the count, so posting leaves it standing.
 * Posting writes one adjustment move (ref "stocktake <id>") per non-zero
 * difference in one write.
 *
 * Permissions: start, post and cancel need PD_PERMISSION_STOCKTAKE
 * (supervisor, admin); counting needs PD_PERMISSION_STOCK_MOVE. Audit
 * actions "stocktake.start", "stocktake.count", "stocktake.post",
 * "stocktake.cancel"; every write emits "stock-changed".
 *
 * Blind counts: the review given to an actor without
 * PD_PERMISSION_STOCKTAKE hides the expected quantities, the moves since
 * the start and the differences of a blind stocktake (has_expected FALSE,
 * the numbers 0), so that counters cannot copy the book figures; people
 * with the permission see everything. */

/* Starts a stocktake of LOCATION_ID's subtree (0: everywhere) and of
 * ITEM_IDS (gint64, NULL or empty: every item). Returns its id, or 0. */
gint64        pd_store_start_stocktake     (PdStore     *self,
                                            PdUser      *actor,
                                            gint64       location_id,
                                            GArray      *item_ids,
                                            gboolean     blind,
                                            GError     **error);
/* Records a count of QTY (≥ 0) of ITEM_ID at LOCATION_ID, lot LOT_CODE
 * (NULL for items without lots; an existing lot of the item otherwise).
 * The location must be in the scope, the item too. A count of stock not
 * in the snapshot adds a line expecting 0; a recount adds a count and the
 * last one counts. Only while the stocktake is open. */
gboolean      pd_store_count_stocktake     (PdStore     *self,
                                            PdUser      *actor,
                                            gint64       stocktake_id,
                                            gint64       item_id,
                                            gint64       location_id,
                                            const char  *lot_code,
                                            PdQty        qty,
                                            GError     **error);
PdStocktake  *pd_store_get_stocktake       (PdStore     *self,
                                            gint64       stocktake_id,
                                            GError     **error);
/* Newest first. GPtrArray of PdStocktake. */
GPtrArray    *pd_store_list_stocktakes     (PdStore     *self,
                                            GError     **error);
/* The lines by SKU, location code, lot code (GPtrArray of
 * PdStocktakeLine). Lines not counted have counted FALSE and no
 * difference, unless UNCOUNTED_AS_ZERO: then they count as 0. ACTOR
 * decides what a blind stocktake shows (see above). */
GPtrArray    *pd_store_review_stocktake    (PdStore     *self,
                                            PdUser      *actor,
                                            gint64       stocktake_id,
                                            gboolean     uncounted_as_zero,
                                            GError     **error);
/* Posts an adjustment for every non-zero difference of the review (lines
 * not counted only when UNCOUNTED_AS_ZERO) and marks the stocktake
 * posted, in one write. *N_ADJUSTMENTS (may be NULL) is set to the
 * number of moves. Posting twice is refused (PD_ERROR_INVALID). */
gboolean      pd_store_post_stocktake      (PdStore     *self,
                                            PdUser      *actor,
                                            gint64       stocktake_id,
                                            gboolean     uncounted_as_zero,
                                            guint       *n_adjustments,
                                            GError     **error);
/* Closes an open stocktake without adjusting anything. */
gboolean      pd_store_cancel_stocktake    (PdStore     *self,
                                            PdUser      *actor,
                                            gint64       stocktake_id,
                                            GError     **error);

G_END_DECLS
