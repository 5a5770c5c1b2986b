/* pd-dispatch-view.h — every work center's dispatch list, read only, for
 * supervisors; and the dispatch list's row, shared with the terminal
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "mes/pd-terminal-data.h"

G_BEGIN_DECLS

#define PD_TYPE_DISPATCH_VIEW (pd_dispatch_view_get_type ())

G_DECLARE_FINAL_TYPE (PdDispatchView, pd_dispatch_view, PD, DISPATCH_VIEW, GtkBox)

/* The operations waiting at each work center, in dispatch order, under a
 * heading per work center; a drop-down narrows it to one. Read on a
 * PdStoreWorker, again on "work-orders-changed" and "mes-master-changed". */
PdDispatchView *pd_dispatch_view_new              (PdStore        *store,
                                                   PdUser         *user);

/* A row of a dispatch list: order and operation, state, product, good and
 * scrap of the ordered quantity, planned times and a late mark. */
GtkWidget      *pd_dispatch_row_new               (const PdTerminalEntry *entry);

/* For tests. */
gboolean        _pd_dispatch_view_is_busy         (PdDispatchView *self);
/* The entries shown (after the work center filter). */
guint           _pd_dispatch_view_get_n_shown     (PdDispatchView *self);
const PdTerminalEntry *_pd_dispatch_view_get_shown (PdDispatchView *self,
                                                   guint           i);
/* Shows only CODE's list (NULL: every work center); FALSE when unknown. */
gboolean        _pd_dispatch_view_set_filter      (PdDispatchView *self,
                                                   const char     *code);

G_END_DECLS
