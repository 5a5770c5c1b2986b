/* pd-trend-chart.h — min/max envelopes and averages of tags over time
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_TREND_CHART (pd_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (PdTrendChart, pd_trend_chart, PD, TREND_CHART, GtkWidget)

/* A chart of several series over one visible time range [from, to)
 * (µs since the epoch). Each series is a GArray of PdHistoryBucket: the
 * min/max of each bucket is drawn as a band, the average as a line, and
 * missing buckets leave a gap. Series of the same unit share a value axis.
 *
 * Dragging pans and scrolling or pinching zooms; both change the visible
 * range and emit "range-changed" (gint64 from, gint64 to), so that the
 * owner reads new data. Setting the range or the data never emits it. */
GtkWidget *pd_trend_chart_new              (void);

void       pd_trend_chart_set_range        (PdTrendChart *self,
                                            gint64        from,
                                            gint64        to);
void       pd_trend_chart_get_range        (PdTrendChart *self,
                                            gint64       *from,
                                            gint64       *to);

void       pd_trend_chart_clear            (PdTrendChart *self);
/* Returns the index of the new series. */
guint      pd_trend_chart_add_series       (PdTrendChart *self,
                                            gint64        tag_id,
                                            const char   *label,
                                            const char   *unit);
guint      pd_trend_chart_get_n_series     (PdTrendChart *self);
gint64     pd_trend_chart_get_series_tag   (PdTrendChart *self,
                                            guint         index);
/* BUCKETS: PdHistoryBucket, each BUCKET_US long; the chart keeps a
 * reference. */
void       pd_trend_chart_set_series_data  (PdTrendChart *self,
                                            guint         index,
                                            GArray       *buckets,
                                            gint64        bucket_us);
GArray    *pd_trend_chart_get_series_data  (PdTrendChart *self,
                                            guint         index);

/* FACTOR < 1 zooms in, > 1 out, keeping the moment at ANCHOR (0 … 1 of
 * the width) where it is; emits "range-changed". */
void       pd_trend_chart_zoom             (PdTrendChart *self,
                                            double        factor,
                                            double        anchor);
/* Moves the range by FRACTION of its span (negative: back in time);
 * emits "range-changed". */
void       pd_trend_chart_pan              (PdTrendChart *self,
                                            double        fraction);

/* The width of the plot area in pixels, for choosing a bucket count. */
int        pd_trend_chart_get_plot_width   (PdTrendChart *self);

G_END_DECLS
