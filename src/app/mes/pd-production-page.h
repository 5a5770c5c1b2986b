/* pd-production-page.h — the Production section: the operator terminal,
 * work orders, the schedule, KPIs and the master data of production
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_PRODUCTION_PAGE (pd_production_page_get_type ())

G_DECLARE_FINAL_TYPE (PdProductionPage, pd_production_page, PD, PRODUCTION_PAGE, PdSectionPage)

/* Shows one of "terminal", "work-orders", "dispatch", "schedule", "kpi",
 * "work-centers" or "products", when the user may see it. */
void        pd_production_page_show_view (PdProductionPage *self,
                                          const char       *name);
/* The view NAME, or NULL when the user does not see it. */
GtkWidget  *pd_production_page_get_view  (PdProductionPage *self,
                                          const char       *name);

G_END_DECLS
