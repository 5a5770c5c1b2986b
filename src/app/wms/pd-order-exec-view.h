/* pd-order-exec-view.h — one order executed by barcode scanner
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "pd-store-worker.h"

G_BEGIN_DECLS

#define PD_TYPE_ORDER_EXEC_VIEW (pd_order_exec_view_get_type ())

G_DECLARE_FINAL_TYPE (PdOrderExecView, pd_order_exec_view, PD, ORDER_EXEC_VIEW, GtkBox)

/* The lines of order REF with what remains of each, and one scan entry
 * that keeps the focus: a location (for a transfer, where from and then
 * where to), an item (then its lot when it is tracked by lot and its line
 * names none), Enter confirms with the quantity shown (the line's
 * remaining unless changed, or 1 a scan when counting piece by piece).
 * Every Enter is queued at once and executed by WORKER in the order
 * typed; each answer, green or red, comes with the core's words, and a
 * refused scan records nothing. "back" is emitted by "Back to Orders". */
GtkWidget    *pd_order_exec_view_new                (PdStore         *store,
                                                     PdUser          *user,
                                                     PdStoreWorker   *worker,
                                                     const char      *ref);
const char   *pd_order_exec_view_get_ref            (PdOrderExecView *self);

/* For tests. */
GtkEntry     *_pd_order_exec_view_get_entry         (PdOrderExecView *self);
GtkEntry     *_pd_order_exec_view_get_qty_entry     (PdOrderExecView *self);
GtkCheckButton *_pd_order_exec_view_get_piece_check (PdOrderExecView *self);
GtkButton    *_pd_order_exec_view_get_close_button  (PdOrderExecView *self);
const char   *_pd_order_exec_view_get_message       (PdOrderExecView *self,
                                                     gboolean        *ok);
/* TRUE while scans are being executed or the order read. */
gboolean      _pd_order_exec_view_is_busy           (PdOrderExecView *self);
/* The order as last read, with its lines, or NULL. */
const PdStockOrder *_pd_order_exec_view_get_order   (PdOrderExecView *self);
/* The close-short confirmation shown, or NULL. */
GtkWidget    *_pd_order_exec_view_get_dialog        (PdOrderExecView *self);

G_END_DECLS
