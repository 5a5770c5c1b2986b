/* pd-reorder-view.h — reorder suggestions, their CSV and inbound orders
 * made from them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "pd-reorder.h"

G_BEGIN_DECLS

#define PD_TYPE_REORDER_VIEW (pd_reorder_view_get_type ())

G_DECLARE_FINAL_TYPE (PdReorderView, pd_reorder_view, PD, REORDER_VIEW, GtkBox)

/* Reads the suggestions in a worker while the view is shown, again after
 * "stock-changed" and any write of this station (thresholds, orders),
 * coalesced. USER creates inbound orders when a role allows it
 * (PD_PERMISSION_STOCK_ORDERS), through a PdStoreWorker of the view. */
GtkWidget *pd_reorder_view_new (PdStore *store,
                                PdUser  *user);

/* For tests. */
gboolean            _pd_reorder_view_is_busy         (PdReorderView *self);
guint               _pd_reorder_view_get_n_rows      (PdReorderView *self);
const PdReorderRow *_pd_reorder_view_get_row         (PdReorderView *self,
                                                      guint          i);
/* The class of the On Hand cell of row I: "error", "warning" or NULL. */
const char         *_pd_reorder_view_get_css_class   (PdReorderView *self,
                                                      guint          i);
void                _pd_reorder_view_select          (PdReorderView *self,
                                                      guint          i,
                                                      gboolean       unselect_rest);
gboolean            _pd_reorder_view_can_create      (PdReorderView *self);
/* Opens the dialog ("Create Inbound Order…"); the returned dialog is
 * owned by GTK. */
GtkWidget          *_pd_reorder_view_open_dialog     (PdReorderView *self);
void                _pd_reorder_view_create_orders   (PdReorderView *self,
                                                      const char    *ref,
                                                      const char    *partner);
void                _pd_reorder_view_export          (PdReorderView *self,
                                                      GFile         *file);

G_END_DECLS
