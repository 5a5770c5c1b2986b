/* pd-kpi-view.h — the KPI page: OEE and its parts, output, scrap and
 * on-time rate per work center and shift, day or range, with charts and
 * a CSV export
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_KPI_VIEW (pd_kpi_view_get_type ())

G_DECLARE_FINAL_TYPE (PdKpiView, pd_kpi_view, PD, KPI_VIEW, GtkBox)

/* Computes the KPIs (pd_kpi_compute) in a worker of STORE, again after
 * "work-orders-changed" and "mes-master-changed" (coalesced) and every
 * minute while the range ends now. Reading needs no permission beyond
 * being signed in as USER. */
GtkWidget *pd_kpi_view_new (PdStore *store,
                            PdUser  *user);

G_END_DECLS
