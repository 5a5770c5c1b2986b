/* pd-terminal-view.h — the operator terminal: one work center's dispatch
 * list and the operation at hand, with large touch targets
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_TERMINAL_VIEW (pd_terminal_view_get_type ())

G_DECLARE_FINAL_TYPE (PdTerminalView, pd_terminal_view, PD, TERMINAL_VIEW, GtkBox)

/* The work center is the "terminal-work-center" setting, else one chosen
 * on the view (which then becomes the setting). Reads and writes run on a
 * PdStoreWorker; the view reloads on the store's "work-orders-changed".
 * ACQUISITION (may be NULL) gives the live value of the work center's
 * counter tags. */
PdTerminalView *pd_terminal_view_new               (PdStore        *store,
                                                    PdUser         *user,
                                                    PdAcquisition  *acquisition);

/* Shows the terminal of the work center CODE (NULL or "": the chooser). */
void            pd_terminal_view_set_work_center   (PdTerminalView *self,
                                                    const char     *code);
const char     *pd_terminal_view_get_work_center   (PdTerminalView *self);

G_END_DECLS
