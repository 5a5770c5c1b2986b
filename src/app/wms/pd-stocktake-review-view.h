/* pd-stocktake-review-view.h — a stocktake's differences, posted or cancelled
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_STOCKTAKE_REVIEW_VIEW (pd_stocktake_review_view_get_type ())

G_DECLARE_FINAL_TYPE (PdStocktakeReviewView, pd_stocktake_review_view, PD, STOCKTAKE_REVIEW_VIEW, GtkBox)

/* Every line with expected, moved since the start, counted, the number
 * of counts and the difference (coloured when not zero), as the core
 * lets USER see it; "differences only" and "uncounted as zero"; a
 * summary; Post (with PD_PERMISSION_STOCKTAKE, confirmed with the
 * number of adjustments), Cancel and CSV export. Reads and writes are
 * jobs of WORKER. Emits "closed" once the stocktake is posted or
 * cancelled. */
GtkWidget        *pd_stocktake_review_view_new       (PdStore               *store,
                                                      PdStoreWorker         *worker,
                                                      PdUser                *user,
                                                      const PdStocktake     *stocktake);

/* For tests. */
void              _pd_stocktake_review_view_set_differences_only (PdStocktakeReviewView *self,
                                                                  gboolean               only);
void              _pd_stocktake_review_view_set_uncounted_as_zero (PdStocktakeReviewView *self,
                                                                   gboolean               as_zero);
gboolean          _pd_stocktake_review_view_is_loading  (PdStocktakeReviewView *self);
/* The lines shown, PdStocktakeLine, in order. */
guint             _pd_stocktake_review_view_get_n_shown (PdStocktakeReviewView *self);
PdStocktakeLine  *_pd_stocktake_review_view_get_line    (PdStocktakeReviewView *self,
                                                         guint                  i);
const char       *_pd_stocktake_review_view_get_summary (PdStocktakeReviewView *self);
gboolean          _pd_stocktake_review_view_can_post    (PdStocktakeReviewView *self);
gboolean          _pd_stocktake_review_view_shows_book  (PdStocktakeReviewView *self);
/* Clicks Post and returns the confirmation dialog shown. */
AdwMessageDialog *_pd_stocktake_review_view_post        (PdStocktakeReviewView *self);
/* Clicks Cancel Stocktake and returns the confirmation dialog shown. */
AdwMessageDialog *_pd_stocktake_review_view_cancel      (PdStocktakeReviewView *self);
/* Writes the CSV as Export does once a file is chosen. */
void              _pd_stocktake_review_view_export      (PdStocktakeReviewView *self,
                                                         GFile                 *file);
gboolean          _pd_stocktake_review_view_is_busy     (PdStocktakeReviewView *self);

G_END_DECLS
