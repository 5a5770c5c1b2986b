/* pd-overview-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "overview/pd-overview-page.h"

G_BEGIN_DECLS

typedef enum
{
  PD_OVERVIEW_TILE_ONLINE,
  PD_OVERVIEW_TILE_DEGRADED,
  PD_OVERVIEW_TILE_OFFLINE,
  PD_OVERVIEW_TILE_NOT_POLLED,
  PD_OVERVIEW_TILE_INSPECTIONS,
  PD_OVERVIEW_TILE_ALARMS,      /* alarms that need a person */
  PD_OVERVIEW_TILE_STOCK,       /* active low and high stock alarms */
} PdOverviewTile;

/* For the GUI tests. The count a tile shows (inspections: overdue). */
guint        _pd_overview_page_get_tile_count     (PdOverviewPage *self,
                                                   PdOverviewTile  tile);
/* Inspections due within a day, not yet overdue. */
guint        _pd_overview_page_get_n_due_soon     (PdOverviewPage *self);
/* Whether the tile is drawn as abnormal (in colour). */
gboolean     _pd_overview_page_get_tile_abnormal  (PdOverviewPage *self,
                                                   PdOverviewTile  tile);
guint        _pd_overview_page_get_n_devices      (PdOverviewPage *self);
/* The tag ids of the key values, in order. */
GArray      *_pd_overview_page_dup_key_tags       (PdOverviewPage *self);
/* The value text a key value shows, or NULL when TAG_ID is not one. */
const char  *_pd_overview_page_get_value_text     (PdOverviewPage *self,
                                                   gint64          tag_id);
/* Activates a tile, as a click does. */
void         _pd_overview_page_activate_tile      (PdOverviewPage *self,
                                                   PdOverviewTile  tile);
/* Counts again now instead of at the next refresh. */
void         _pd_overview_page_refresh            (PdOverviewPage *self);
/* Activates the device row of DEVICE_ID, as a click does. */
gboolean     _pd_overview_page_activate_device    (PdOverviewPage *self,
                                                   gint64          device_id);

G_END_DECLS
