/* pd-work-order-dialog.h — creating a work order
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-store-worker.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_WORK_ORDER_DIALOG (pd_work_order_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdWorkOrderDialog, pd_work_order_dialog, PD, WORK_ORDER_DIALOG, AdwWindow)

/* A modal window for product, quantity, due, priority and reference. The
 * core's refusal is shown in place and nothing is created; once created
 * it emits "created" (the number, and the core's warning or NULL, e.g. for
 * a due time in the past) and closes. */
PdWorkOrderDialog *pd_work_order_dialog_new (GtkWindow     *parent,
                                             PdStore       *store,
                                             PdUser        *user,
                                             PdStoreWorker *worker);

/* For tests. NAME: "product", "qty", "due", "priority" or "ref". */
void        _pd_work_order_dialog_set_field   (PdWorkOrderDialog *self,
                                               const char        *name,
                                               const char        *text);
void        _pd_work_order_dialog_create      (PdWorkOrderDialog *self);
gboolean    _pd_work_order_dialog_is_busy     (PdWorkOrderDialog *self);
const char *_pd_work_order_dialog_get_error   (PdWorkOrderDialog *self);
const char *_pd_work_order_dialog_get_number  (PdWorkOrderDialog *self);
const char *_pd_work_order_dialog_get_warning (PdWorkOrderDialog *self);
/* The products offered for what is typed in the product field. */
guint       _pd_work_order_dialog_get_n_suggestions (PdWorkOrderDialog *self);
void        _pd_work_order_dialog_pick_suggestion   (PdWorkOrderDialog *self,
                                                     guint              index);

G_END_DECLS
