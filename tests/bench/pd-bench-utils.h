/* pd-bench-utils.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* Without a display, runs this benchmark again under XVFB_RUN (which may
 * be empty: then the benchmark is skipped with exit status 77). Returns
 * only when a display is there. */
void      pd_bench_ensure_display  (int          argc,
                                    char       **argv,
                                    const char  *xvfb_run);
/* A new temporary data dir with an initialised station ("Bench station",
 * user "admin") and N_AUDIT_ROWS extra rows in the audit log, written in
 * one SQLite transaction. */
char     *pd_bench_make_data_dir   (guint        n_audit_rows);
void      pd_bench_remove_data_dir (const char  *dir);
/* A launcher for the app: the environment of this process plus EXTRA
 * (NULL-terminated "NAME=VALUE" strings). */
GSubprocessLauncher *pd_bench_launcher_new (const char * const *extra);

G_END_DECLS
