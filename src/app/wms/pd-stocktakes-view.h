/* pd-stocktakes-view.h — the stocktakes: list, start, count, review
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "wms/pd-stocktake-count-view.h"
#include "wms/pd-stocktake-review-view.h"
#include "wms/pd-stocktake-start-dialog.h"

G_BEGIN_DECLS

#define PD_TYPE_STOCKTAKES_VIEW (pd_stocktakes_view_get_type ())

G_DECLARE_FINAL_TYPE (PdStocktakesView, pd_stocktakes_view, PD, STOCKTAKES_VIEW, GtkBox)

/* The list of stocktakes (read again at every "stock-changed"); "Start
 * Stocktake" for those with PD_PERMISSION_STOCKTAKE; a stocktake opens
 * in its count and review views. Its reads and writes are jobs of a
 * PdStoreWorker of its own, so that the UI never waits on them and the
 * counts are written in the order scanned. */
GtkWidget              *pd_stocktakes_view_new                (PdStore          *store,
                                                               PdUser           *user);

/* For tests. */
gboolean                _pd_stocktakes_view_is_loading        (PdStocktakesView *self);
guint                   _pd_stocktakes_view_get_n_stocktakes  (PdStocktakesView *self);
const PdStocktake      *_pd_stocktakes_view_get_stocktake     (PdStocktakesView *self,
                                                               guint             i);
gboolean                _pd_stocktakes_view_can_start         (PdStocktakesView *self);
/* Clicks Start and returns the dialog shown. */
PdStocktakeStartDialog *_pd_stocktakes_view_start             (PdStocktakesView *self);
/* Opens stocktake ID (read in the worker); 0 until it is shown. */
void                    _pd_stocktakes_view_open              (PdStocktakesView *self,
                                                               gint64            id);
gint64                  _pd_stocktakes_view_get_open_id       (PdStocktakesView *self);
void                    _pd_stocktakes_view_show              (PdStocktakesView *self,
                                                               const char       *name);
PdStocktakeCountView   *_pd_stocktakes_view_get_count_view    (PdStocktakesView *self);
PdStocktakeReviewView  *_pd_stocktakes_view_get_review_view   (PdStocktakesView *self);
PdStoreWorker          *_pd_stocktakes_view_get_worker        (PdStocktakesView *self);

G_END_DECLS
