/* pd-stocktake-columns.h — the columns of a stocktake's lines
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

typedef enum
{
  PD_STOCKTAKE_COLUMN_SKU,
  PD_STOCKTAKE_COLUMN_LOCATION,
  PD_STOCKTAKE_COLUMN_LOT,
  PD_STOCKTAKE_COLUMN_EXPECTED,
  PD_STOCKTAKE_COLUMN_MOVED,
  PD_STOCKTAKE_COLUMN_COUNTED,
  PD_STOCKTAKE_COLUMN_N_COUNTS,
  PD_STOCKTAKE_COLUMN_DIFFERENCE,
} PdStocktakeColumn;

/* Appends the column of PdWmsRow rows holding PdStocktakeLine data. */
GtkColumnViewColumn *pd_stocktake_add_column  (GtkColumnView     *view,
                                               PdStocktakeColumn  column);

/* Replaces the rows of STORE (PdWmsRow) with LINES, which the rows point
 * into: keep LINES as long as the rows. */
void                 pd_stocktake_set_rows    (GListStore        *store,
                                               GPtrArray         *lines);

G_END_DECLS
