/* pd-ledger-view.h — the stock ledger, newest first, read as it scrolls
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "wms/pd-ledger-model.h"

G_BEGIN_DECLS

#define PD_TYPE_LEDGER_VIEW (pd_ledger_view_get_type ())

G_DECLARE_FINAL_TYPE (PdLedgerView, pd_ledger_view, PD, LEDGER_VIEW, GtkBox)

GtkWidget     *pd_ledger_view_new                  (PdStore      *store);

/* For tests. */
PdLedgerModel *_pd_ledger_view_get_model           (PdLedgerView *self);
GtkColumnView *_pd_ledger_view_get_column_view     (PdLedgerView *self);

G_END_DECLS
