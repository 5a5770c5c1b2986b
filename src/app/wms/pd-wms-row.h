/* pd-wms-row.h — one row of a warehouse list (a level or a move)
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_WMS_ROW (pd_wms_row_get_type ())

G_DECLARE_FINAL_TYPE (PdWmsRow, pd_wms_row, PD, WMS_ROW, GObject)

/* Takes DATA, freed with FREE_FUNC when the row goes. Rows never change:
 * a new read makes new rows, so that a list of a hundred thousand costs
 * one small object each and no signal handlers. */
PdWmsRow *pd_wms_row_new      (gpointer        data,
                               GDestroyNotify  free_func);
gpointer  pd_wms_row_get_data (PdWmsRow       *self);

G_END_DECLS
