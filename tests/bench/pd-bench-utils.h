/* pd-bench-utils.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* From pd-sim-test-utils.h, which only the benchmarks with a simulator see. */
typedef struct _PdSim PdSim;

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

/* The median of the N (at least one) VALUES, which stay as they are. */
double    pd_bench_median          (const double *values,
                                    guint         n);
/* User and system CPU seconds this process has used. */
double    pd_bench_process_cpu_seconds (void);
/* Starts plantdesk-sim with N_DEVICES devices (ports), each answering
 * units 1 to N_UNITS, or the simulator's default units when N_UNITS is 0.
 * Exits with status 1 when it cannot start. */
PdSim    *pd_bench_sim_start       (guint        n_devices,
                                    guint        n_units);

G_END_DECLS
