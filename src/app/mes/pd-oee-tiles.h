/* pd-oee-tiles.h — the Overview's row of tiles: each work center's OEE
 * of its current shift, with A × P × Q
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_OEE_TILES (pd_oee_tiles_get_type ())

G_DECLARE_FINAL_TYPE (PdOeeTiles, pd_oee_tiles, PD, OEE_TILES, GtkBox)

/* Reads in a worker of STORE, again after "work-orders-changed" and
 * "mes-master-changed" (coalesced) and every minute while shown. Hidden
 * while there are no work centers. A work center with no shift on shows
 * "—". */
GtkWidget  *pd_oee_tiles_new             (PdStore    *store);

/* For tests. */
gboolean    _pd_oee_tiles_is_busy         (PdOeeTiles *self);
/* Pins "now" (µs since the epoch; 0: the clock) and reloads. */
void        _pd_oee_tiles_set_now         (PdOeeTiles *self,
                                           gint64      now);
guint       _pd_oee_tiles_get_n_tiles     (PdOeeTiles *self);
/* Tile I's work center code, OEE text and A × P × Q text. */
const char *_pd_oee_tiles_get_code        (PdOeeTiles *self,
                                           guint       i);
const char *_pd_oee_tiles_get_oee         (PdOeeTiles *self,
                                           guint       i);
const char *_pd_oee_tiles_get_parts       (PdOeeTiles *self,
                                           guint       i);

G_END_DECLS
