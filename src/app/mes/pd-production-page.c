/* pd-production-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-production-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mes/pd-production-page.h"
#include "mes/pd-dispatch-view.h"
#include "mes/pd-gantt-view.h"
#include "mes/pd-kpi-view.h"
#include "mes/pd-products-view.h"
#include "mes/pd-terminal-view.h"
#include "mes/pd-work-centers-view.h"
#include "mes/pd-work-orders-view.h"

struct _PdProductionPage
{
  PdSectionPage  parent_instance;

  AdwViewStack  *view_stack;
};

G_DEFINE_FINAL_TYPE (PdProductionPage, pd_production_page, PD_TYPE_SECTION_PAGE)

typedef GtkWidget *(*ViewNew) (PdStore       *store,
                               PdUser        *user,
                               PdAcquisition *acquisition);

typedef struct
{
  const char   *name;
  const char   *title;
  const char   *icon_name;
  PdPermission  permission;
  ViewNew       create;
} ProductionView;

static GtkWidget *
terminal_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_terminal_view_new (store, user, acquisition));
}

static GtkWidget *
work_orders_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_work_orders_view_new (store, user));
}

static GtkWidget *
dispatch_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_dispatch_view_new (store, user));
}

static GtkWidget *
schedule_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_gantt_view_new (store, user));
}

static GtkWidget *
kpi_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_kpi_view_new (store, user));
}

static GtkWidget *
work_centers_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_work_centers_view_new (store, user));
}

static GtkWidget *
products_new (PdStore *store, PdUser *user, PdAcquisition *acquisition)
{
  return GTK_WIDGET (pd_products_view_new (store, user));
}

/* In switcher order. Operators work at the terminal and look at the
 * orders, the schedule and the figures; planners change them; the master
 * data belongs to those who define it. */
static const ProductionView views[] = {
  { "terminal", N_("Terminal"), "input-touchpad-symbolic", PD_PERMISSION_MES_EXECUTE, terminal_new },
  { "work-orders", N_("Work Orders"), "view-list-bullet-symbolic", PD_PERMISSION_MES_EXECUTE, work_orders_new },
  { "dispatch", N_("Dispatch"), "view-list-ordered-symbolic", PD_PERMISSION_MES_PLAN, dispatch_new },
  { "schedule", N_("Schedule"), "x-office-calendar-symbolic", PD_PERMISSION_MES_EXECUTE, schedule_new },
  { "kpi", N_("KPIs"), "power-profile-performance-symbolic", PD_PERMISSION_MES_EXECUTE, kpi_new },
  { "work-centers", N_("Work Centers"), "applications-engineering-symbolic", PD_PERMISSION_MES_MASTER, work_centers_new },
  { "products", N_("Products"), "package-x-generic-symbolic", PD_PERMISSION_MES_MASTER, products_new },
};

static void
pd_production_page_constructed (GObject *object)
{
  PdProductionPage *self = PD_PRODUCTION_PAGE (object);
  PdStore *store;
  PdUser *user;
  PdAcquisition *acquisition;

  G_OBJECT_CLASS (pd_production_page_parent_class)->constructed (object);

  store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  user = pd_section_page_get_user (PD_SECTION_PAGE (self));
  acquisition = pd_section_page_get_acquisition (PD_SECTION_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      AdwViewStackPage *page;

      if (!pd_user_can (user, views[i].permission))
        continue;
      page = adw_view_stack_add_titled (self->view_stack,
                                        views[i].create (store, user, acquisition),
                                        views[i].name, _(views[i].title));
      adw_view_stack_page_set_icon_name (page, views[i].icon_name);
    }

  /* Operators start at their terminal, the others where they plan. */
  if (pd_user_get_role (user) == PD_ROLE_OPERATOR)
    adw_view_stack_set_visible_child_name (self->view_stack, "terminal");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "work-orders");
}

static void
pd_production_page_class_init (PdProductionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_production_page_constructed;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-production-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdProductionPage, view_stack);
}

static void
pd_production_page_init (PdProductionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
pd_production_page_show_view (PdProductionPage *self,
                              const char       *name)
{
  g_return_if_fail (PD_IS_PRODUCTION_PAGE (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
pd_production_page_get_view (PdProductionPage *self,
                             const char       *name)
{
  g_return_val_if_fail (PD_IS_PRODUCTION_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}
