/* pd-kpi-view-private.h — PdKpiView's accessors for tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mes/pd-kpi-chart.h"
#include "mes/pd-kpi-view.h"

G_BEGIN_DECLS

typedef enum
{
  PD_KPI_TILE_AVAILABILITY,
  PD_KPI_TILE_PERFORMANCE,
  PD_KPI_TILE_QUALITY,
  PD_KPI_TILE_OEE,
  PD_KPI_TILE_OUTPUT,
  PD_KPI_TILE_SCRAP_RATE,
  PD_KPI_TILE_ON_TIME,
  PD_KPI_N_TILES,
} PdKpiTile;

/* The range choices of the view's range drop-down. */
typedef enum
{
  PD_KPI_RANGE_SHIFT,
  PD_KPI_RANGE_TODAY,
  PD_KPI_RANGE_WEEK,
  PD_KPI_RANGE_CUSTOM,
} PdKpiRange;

gboolean           _pd_kpi_view_is_busy          (PdKpiView   *self);
/* Chooses WORK_CENTER (NULL: all; it must be in the list already), the
 * custom range FROM_DAY … TO_DAY (local days "2026-11-23", both
 * included) and BY, as a user would, and reloads. */
void               _pd_kpi_view_set_custom_range (PdKpiView   *self,
                                                  const char  *work_center,
                                                  const char  *from_day,
                                                  const char  *to_day,
                                                  PdKpiBy      by);
void               _pd_kpi_view_set_range        (PdKpiView   *self,
                                                  PdKpiRange   range);
guint              _pd_kpi_view_get_n_work_centers (PdKpiView *self);
const char        *_pd_kpi_view_get_tile_value   (PdKpiView   *self,
                                                  PdKpiTile    tile);
const char        *_pd_kpi_view_get_status       (PdKpiView   *self);
const PdKpiReport *_pd_kpi_view_get_report       (PdKpiView   *self);
PdKpiChart        *_pd_kpi_view_get_oee_chart    (PdKpiView   *self);
PdKpiChart        *_pd_kpi_view_get_pareto_chart (PdKpiView   *self);
/* Writes the CSV to FILE as Export does after its file chooser. */
void               _pd_kpi_view_export_to        (PdKpiView   *self,
                                                  GFile       *file);
gboolean           _pd_kpi_view_is_exporting     (PdKpiView   *self);

G_END_DECLS
