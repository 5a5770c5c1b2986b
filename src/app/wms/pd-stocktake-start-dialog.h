/* pd-stocktake-start-dialog.h — the scope of a new stocktake
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_STOCKTAKE_START_DIALOG (pd_stocktake_start_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdStocktakeStartDialog, pd_stocktake_start_dialog, PD, STOCKTAKE_START_DIALOG, AdwMessageDialog)

/* Asks for a location of the tree (read by WORKER: none chosen means
 * every location), SKUs and the blind switch; responds "start" or
 * "cancel". LOCATION_ID, SKUS, BLIND and ERROR (shown in red; may be
 * NULL) fill it again after a refusal. */
GtkWidget  *pd_stocktake_start_dialog_new             (GtkWindow              *parent,
                                                       PdStoreWorker          *worker,
                                                       gint64                  location_id,
                                                       const char             *skus,
                                                       gboolean                blind,
                                                       const char             *error);

gint64      pd_stocktake_start_dialog_get_location_id (PdStocktakeStartDialog *self);
const char *pd_stocktake_start_dialog_get_skus        (PdStocktakeStartDialog *self);
gboolean    pd_stocktake_start_dialog_get_blind       (PdStocktakeStartDialog *self);

/* For tests. */
gboolean    _pd_stocktake_start_dialog_is_loading       (PdStocktakeStartDialog *self);
gboolean    _pd_stocktake_start_dialog_select_location  (PdStocktakeStartDialog *self,
                                                         gint64                  location_id);
void        _pd_stocktake_start_dialog_set_skus         (PdStocktakeStartDialog *self,
                                                         const char             *skus);
const char *_pd_stocktake_start_dialog_get_error        (PdStocktakeStartDialog *self);

G_END_DECLS
