/* pd-products-view.h — a product's bill of materials and routing, shown
 * and stored as new versions, with their version history
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "mes/pd-bom-editor.h"
#include "mes/pd-routing-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_PRODUCTS_VIEW (pd_products_view_get_type ())

G_DECLARE_FINAL_TYPE (PdProductsView, pd_products_view, PD, PRODUCTS_VIEW, GtkBox)

/* The items to choose from and the chosen one's active BOM and routing,
 * read in a worker, again after "mes-master-changed" unless something is
 * being typed. USER edits and saves them as new versions when a role
 * allows it (PD_PERMISSION_MES_MASTER), through a PdStoreWorker of the
 * view; a refusal (a cycle, an unknown component) shows the core's
 * message under the editor. */
GtkWidget *pd_products_view_new (PdStore *store,
                                 PdUser  *user);

/* For tests. */
gboolean         _pd_products_view_is_busy        (PdProductsView *self);
/* Chooses the product SKU; FALSE when it is not offered. */
gboolean         _pd_products_view_choose         (PdProductsView *self,
                                                   const char     *sku);
PdBomEditor     *_pd_products_view_get_bom_editor (PdProductsView *self);
PdRoutingEditor *_pd_products_view_get_routing_editor (PdProductsView *self);
void             _pd_products_view_save_bom       (PdProductsView *self);
void             _pd_products_view_save_routing   (PdProductsView *self);
/* The active versions shown (0: none). */
guint            _pd_products_view_get_bom_version (PdProductsView *self);
guint            _pd_products_view_get_routing_version (PdProductsView *self);
/* The version history, a line each, newest first. */
const char      *_pd_products_view_get_history    (PdProductsView *self);
gboolean         _pd_products_view_can_edit       (PdProductsView *self);

G_END_DECLS
