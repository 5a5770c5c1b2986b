/* pd-order-dialog.h — a new stock order, and closing one short
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "pd-store-worker.h"

G_BEGIN_DECLS

#define PD_TYPE_ORDER_DIALOG (pd_order_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdOrderDialog, pd_order_dialog, PD, ORDER_DIALOG, AdwWindow)

/* Kind, reference, partner, location (and a transfer's destination),
 * lines of SKU, quantity and lot added and removed here, tolerance and
 * "release at once". "Create" sends the order to WORKER, which creates
 * it through the core: a refusal shows the core's message in the dialog
 * and keeps everything typed; success closes the dialog. */
PdOrderDialog *pd_order_dialog_new           (GtkWindow      *parent,
                                              PdStore        *store,
                                              PdUser         *user,
                                              PdStoreWorker  *worker);

/* For tests: fields by name ("ref", "partner", "location", "dest",
 * "tolerance"), the kind, lines, and the create button. */
void           _pd_order_dialog_set_field    (PdOrderDialog  *self,
                                              const char     *name,
                                              const char     *text);
void           _pd_order_dialog_set_kind     (PdOrderDialog  *self,
                                              PdOrderKind     kind);
void           _pd_order_dialog_add_line     (PdOrderDialog  *self,
                                              const char     *sku,
                                              const char     *qty,
                                              const char     *lot);
void           _pd_order_dialog_set_release  (PdOrderDialog  *self,
                                              gboolean        release);
void           _pd_order_dialog_create       (PdOrderDialog  *self);
/* The message shown, or NULL. */
const char    *_pd_order_dialog_get_error    (PdOrderDialog  *self);
gboolean       _pd_order_dialog_is_busy      (PdOrderDialog  *self);

/* Asks to close ORDER (read with its lines) short, listing the lines not
 * complete with what remains of each; on "Close Short", closes it through
 * WORKER and shows the outcome as a toast on PARENT's window. Returns the
 * dialog (owned by GTK). */
GtkWidget     *pd_order_confirm_close_short  (GtkWidget          *parent,
                                              PdStoreWorker      *worker,
                                              PdUser             *user,
                                              const PdStockOrder *order);

G_END_DECLS
