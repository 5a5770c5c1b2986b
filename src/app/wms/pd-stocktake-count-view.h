/* pd-stocktake-count-view.h — counting a stocktake by scanning
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_STOCKTAKE_COUNT_VIEW (pd_stocktake_count_view_get_type ())

G_DECLARE_FINAL_TYPE (PdStocktakeCountView, pd_stocktake_count_view, PD, STOCKTAKE_COUNT_VIEW, GtkBox)

/* One scan entry keeps the focus: a location code sets where people
 * count, an item code what (then the next scan is its lot when it is
 * lot-tracked), and Enter on an empty entry (or in the quantity) records
 * the count of the quantity entered. Each count is a job of WORKER, given
 * in the order typed: the UI never waits and no scan is lost. Below, the
 * counts of this session with the core's answer, and the lines counted
 * so far (with the book quantities when USER may see them). */
GtkWidget  *pd_stocktake_count_view_new              (PdStore              *store,
                                                      PdStoreWorker        *worker,
                                                      PdUser               *user,
                                                      const PdStocktake    *stocktake);

/* For tests. */
GtkEntry   *_pd_stocktake_count_view_get_entry       (PdStocktakeCountView *self);
GtkEntry   *_pd_stocktake_count_view_get_qty_entry   (PdStocktakeCountView *self);
/* The last answer, and whether it was a success. */
const char *_pd_stocktake_count_view_get_message     (PdStocktakeCountView *self,
                                                      gboolean             *ok);
/* Counts given to the worker and not answered; answered and recorded;
 * answered and refused. */
guint       _pd_stocktake_count_view_get_n_pending   (PdStocktakeCountView *self);
guint       _pd_stocktake_count_view_get_n_recorded  (PdStocktakeCountView *self);
guint       _pd_stocktake_count_view_get_n_refused   (PdStocktakeCountView *self);
/* The lines read last (GPtrArray of PdStocktakeLine), and whether a read
 * is under way. */
GPtrArray  *_pd_stocktake_count_view_get_lines       (PdStocktakeCountView *self);
gboolean    _pd_stocktake_count_view_is_loading      (PdStocktakeCountView *self);
gboolean    _pd_stocktake_count_view_shows_expected  (PdStocktakeCountView *self);

G_END_DECLS
