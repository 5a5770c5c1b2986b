/* pd-trend-view-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-trend-chart.h"
#include "devices/pd-trend-view.h"

G_BEGIN_DECLS

typedef enum
{
  PD_TREND_RANGE_10_MIN,
  PD_TREND_RANGE_1_H,
  PD_TREND_RANGE_8_H,
  PD_TREND_RANGE_24_H,
  PD_TREND_RANGE_CUSTOM,
} PdTrendRange;

/* For the GUI tests. */
PdTrendChart *_pd_trend_view_get_chart         (PdTrendView  *self);
/* Reads of the historian completed since the view was made: one per tag
 * and request. */
guint         _pd_trend_view_get_n_reads       (PdTrendView  *self);
/* Requests started, cancelled ones included. */
guint         _pd_trend_view_get_n_requests    (PdTrendView  *self);
gboolean      _pd_trend_view_get_loading       (PdTrendView  *self);
/* The bucket count of the last request. */
guint         _pd_trend_view_get_n_buckets     (PdTrendView  *self);
/* "chart", "empty" (no history in the range) or "no-tags". */
const char   *_pd_trend_view_get_visible_state (PdTrendView  *self);
void          _pd_trend_view_select_range      (PdTrendView  *self,
                                                PdTrendRange  range);
/* Applies a custom range typed as "YYYY-MM-DD HH:MM[:SS]", local time, as
 * the Custom popover does; FALSE with a translated reason when refused
 * (the range is then unchanged). */
gboolean      _pd_trend_view_apply_custom      (PdTrendView  *self,
                                                const char   *from_text,
                                                const char   *to_text,
                                                GError      **error);
/* The tags shown, in order. */
GArray       *_pd_trend_view_dup_tag_ids       (PdTrendView  *self);

/* For the GUI tests, in pd-trend-chart.c: the legend's text for series
 * INDEX, its name and unit. */
char         *_pd_trend_chart_dup_legend_text  (PdTrendChart *self,
                                                guint         index);

G_END_DECLS
