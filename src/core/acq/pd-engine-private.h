/* pd-engine-private.h — engine knobs for tests and benchmarks
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-engine.h"

G_BEGIN_DECLS

/* The reconnect backoff range (default 1 s … 60 s), applied to
 * connections started afterwards: tests that reconnect a thousand times
 * cannot wait a second each time. */
void   pd_engine_set_backoff      (PdEngine *self,
                                   guint     min_ms,
                                   guint     max_ms);
/* The number of worker threads running now. */
guint  pd_engine_get_n_workers    (PdEngine *self);

G_END_DECLS
