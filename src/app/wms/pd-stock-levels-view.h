/* pd-stock-levels-view.h — on-hand stock with thresholds, search, CSV
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_STOCK_LEVELS_VIEW (pd_stock_levels_view_get_type ())

G_DECLARE_FINAL_TYPE (PdStockLevelsView, pd_stock_levels_view, PD, STOCK_LEVELS_VIEW, GtkBox)

typedef enum
{
  PD_STOCK_FILTER_ALL,
  PD_STOCK_FILTER_BELOW_MIN,
  PD_STOCK_FILTER_ABOVE_MAX,
} PdStockFilter;

/* Reads the levels in a worker now and again after "stock-changed" (a
 * burst of changes read once), keeping the scroll position and the
 * selection. */
GtkWidget *pd_stock_levels_view_new (PdStore *store);

/* For tests and the benchmark. */
gboolean   _pd_stock_levels_view_is_loading (PdStockLevelsView *self);
guint      _pd_stock_levels_view_get_n_read  (PdStockLevelsView *self);
/* Reads finished so far; whether another is waiting to start. */
guint      _pd_stock_levels_view_get_n_reads (PdStockLevelsView *self);
gboolean   _pd_stock_levels_view_is_reload_queued (PdStockLevelsView *self);
guint      _pd_stock_levels_view_get_n_shown (PdStockLevelsView *self);
/* The SKU and status class ("error", "warning" or NULL) of shown row I. */
const char *_pd_stock_levels_view_get_sku    (PdStockLevelsView *self,
                                              guint              i,
                                              const char       **css_class);
/* The on-hand quantity of shown row I. */
gint64     _pd_stock_levels_view_get_qty     (PdStockLevelsView *self,
                                              guint              i);
void       _pd_stock_levels_view_set_search (PdStockLevelsView *self,
                                             const char        *text);
void       _pd_stock_levels_view_set_filter (PdStockLevelsView *self,
                                             PdStockFilter      filter);
GtkColumnView *_pd_stock_levels_view_get_column_view (PdStockLevelsView *self);

G_END_DECLS
