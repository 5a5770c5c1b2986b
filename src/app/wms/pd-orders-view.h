/* pd-orders-view.h — stock orders: the list, new orders, their actions
 * and their execution screen
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "wms/pd-order-exec-view.h"

G_BEGIN_DECLS

#define PD_TYPE_ORDERS_VIEW (pd_orders_view_get_type ())

G_DECLARE_FINAL_TYPE (PdOrdersView, pd_orders_view, PD, ORDERS_VIEW, GtkBox)

/* Every order with its progress, searched by ref, partner or location
 * and filtered by status and kind, read again on "stock-changed". Those
 * with PD_PERMISSION_STOCK_ORDERS create, release, cancel and close
 * orders; those with PD_PERMISSION_STOCK_MOVE execute them by scanning
 * (the Execute button or activating a row opens the execution screen in
 * place of the list). Writes go through a PdStoreWorker of the view's. */
GtkWidget       *pd_orders_view_new                  (PdStore      *store,
                                                      PdUser       *user);
/* Opens the execution screen of order REF. */
PdOrderExecView *pd_orders_view_open_order           (PdOrdersView *self,
                                                      const char   *ref);

/* For tests. */
gboolean         _pd_orders_view_is_loading          (PdOrdersView *self);
guint            _pd_orders_view_get_n_shown         (PdOrdersView *self);
/* Of the I-th order shown: its ref, and its progress text ("1 of 2 lines"). */
const char      *_pd_orders_view_get_ref             (PdOrdersView *self,
                                                      guint         i);
char            *_pd_orders_view_dup_progress        (PdOrdersView *self,
                                                      guint         i);
void             _pd_orders_view_set_search          (PdOrdersView *self,
                                                      const char   *text);
/* -1: all; else a PdOrderStatus / PdOrderKind. */
void             _pd_orders_view_set_status_filter   (PdOrdersView *self,
                                                      int           status);
void             _pd_orders_view_set_kind_filter     (PdOrdersView *self,
                                                      int           kind);
gboolean         _pd_orders_view_select              (PdOrdersView *self,
                                                      const char   *ref);
/* "new", "execute", "release", "cancel" or "close". */
GtkWidget       *_pd_orders_view_get_button          (PdOrdersView *self,
                                                      const char   *name);
PdOrderExecView *_pd_orders_view_get_exec_view       (PdOrdersView *self);
GtkWidget       *_pd_orders_view_get_dialog          (PdOrdersView *self);
guint            _pd_orders_view_get_n_pending       (PdOrdersView *self);

G_END_DECLS
