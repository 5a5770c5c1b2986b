/* pd-warehouse-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-warehouse-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wms/pd-warehouse-page-private.h"

struct _PdWarehousePage
{
  PdSectionPage  parent_instance;

  AdwViewStack  *view_stack;
  AdwBin        *scan_bin;
  AdwBin        *orders_bin;
  AdwBin        *levels_bin;
  AdwBin        *reorder_bin;
  AdwBin        *ledger_bin;
  AdwBin        *stocktakes_bin;
  AdwBin        *labels_bin;
};

G_DEFINE_FINAL_TYPE (PdWarehousePage, pd_warehouse_page, PD_TYPE_SECTION_PAGE)

static void
pd_warehouse_page_constructed (GObject *object)
{
  PdWarehousePage *self = PD_WAREHOUSE_PAGE (object);
  PdStore *store;
  PdUser *user;

  G_OBJECT_CLASS (pd_warehouse_page_parent_class)->constructed (object);

  store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  user = pd_section_page_get_user (PD_SECTION_PAGE (self));

  adw_bin_set_child (self->scan_bin, pd_scan_view_new (store, user));
  adw_bin_set_child (self->orders_bin, pd_orders_view_new (store, user));
  adw_bin_set_child (self->levels_bin, pd_stock_levels_view_new (store));
  adw_bin_set_child (self->reorder_bin, pd_reorder_view_new (store, user));
  adw_bin_set_child (self->ledger_bin, pd_ledger_view_new (store));
  adw_bin_set_child (self->stocktakes_bin, pd_stocktakes_view_new (store, user));
  adw_bin_set_child (self->labels_bin, pd_labels_view_new (store));

  /* Those who only move stock start where they scan; the others where
   * they see it. */
  if (pd_user_get_role (user) == PD_ROLE_WAREHOUSE)
    adw_view_stack_set_visible_child_name (self->view_stack, "scan");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "levels");
}

static void
pd_warehouse_page_class_init (PdWarehousePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_warehouse_page_constructed;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-warehouse-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, scan_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, orders_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, levels_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, reorder_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, ledger_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, stocktakes_bin);
  gtk_widget_class_bind_template_child (widget_class, PdWarehousePage, labels_bin);
}

static void
pd_warehouse_page_init (PdWarehousePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
pd_warehouse_page_show_view (PdWarehousePage *self,
                             const char      *name)
{
  g_return_if_fail (PD_IS_WAREHOUSE_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

PdScanView *
_pd_warehouse_page_get_scan_view (PdWarehousePage *self)
{
  return PD_SCAN_VIEW (adw_bin_get_child (self->scan_bin));
}

PdStockLevelsView *
_pd_warehouse_page_get_levels_view (PdWarehousePage *self)
{
  return PD_STOCK_LEVELS_VIEW (adw_bin_get_child (self->levels_bin));
}

PdReorderView *
_pd_warehouse_page_get_reorder_view (PdWarehousePage *self)
{
  return PD_REORDER_VIEW (adw_bin_get_child (self->reorder_bin));
}

PdLedgerView *
_pd_warehouse_page_get_ledger_view (PdWarehousePage *self)
{
  return PD_LEDGER_VIEW (adw_bin_get_child (self->ledger_bin));
}

PdLabelsView *
_pd_warehouse_page_get_labels_view (PdWarehousePage *self)
{
  return PD_LABELS_VIEW (adw_bin_get_child (self->labels_bin));
}

PdOrdersView *
_pd_warehouse_page_get_orders_view (PdWarehousePage *self)
{
  return PD_ORDERS_VIEW (adw_bin_get_child (self->orders_bin));
}

PdStocktakesView *
_pd_warehouse_page_get_stocktakes_view (PdWarehousePage *self)
{
  return PD_STOCKTAKES_VIEW (adw_bin_get_child (self->stocktakes_bin));
}
