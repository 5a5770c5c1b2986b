/* pd-diagnostics-view-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-diagnostics-view.h"

G_BEGIN_DECLS

/* What the communication statistics say about where a fault is, in a
 * translated sentence. PREVIOUS is an earlier snapshot (or NULL), taken
 * before the latest errors: counters that grew since then tell the
 * current fault from an old one. STATUS NULL: the device is not polled. */
char        *_pd_diagnostics_explain               (const PdDeviceStatus *status,
                                                    const PdDeviceStatus *previous,
                                                    guint                 timeout_ms,
                                                    gint64                now);
/* The same for a failed connection test. */
char        *_pd_diagnostics_explain_test_error    (const GError         *error);

/* For the GUI tests. */
const char  *_pd_diagnostics_view_get_state_text   (PdDiagnosticsView *self);
const char  *_pd_diagnostics_view_get_hint         (PdDiagnosticsView *self);
/* The value shown in the row of NAME: "requests", "errors", "timeouts",
 * "error-rate", "latency", "reconnects", "requests-per-cycle", "cycles",
 * "last-good", "last-error", "bad-addresses". */
const char  *_pd_diagnostics_view_get_value        (PdDiagnosticsView *self,
                                                    const char        *name);
void         _pd_diagnostics_view_refresh          (PdDiagnosticsView *self);
void         _pd_diagnostics_view_test_connection  (PdDiagnosticsView *self);
gboolean     _pd_diagnostics_view_get_testing      (PdDiagnosticsView *self);
const char  *_pd_diagnostics_view_get_test_result  (PdDiagnosticsView *self);

G_END_DECLS
