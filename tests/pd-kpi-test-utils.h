/* pd-kpi-test-utils.h — the hand-computed shift shared by the KPI tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* µs since the epoch of the ISO 8601 time TEXT (asserts it parses). */
gint64 pd_kpi_test_time     (const char *text);

/* Adds to STORE (populated: users "supervisor" and "admin") the work
 * centers PRESS (mon-fri 06:00–14:00, break 10:00–10:30, capacity 1) and
 * ASSEMBLY (mon-fri 06:00–14:00, capacity 2), products P (op 10 on PRESS,
 * 60 s a unit) and Q (op 10 on PRESS, 30 s a unit), and two work orders
 * run on Monday 2026-11-23 by events at chosen times (test-kpi.c has the
 * hand computation):
 *   WO 1 (P × 300, due 12:00): start 06:00, pause breakdown 07:00, resume
 *     07:45, report 150 good + 10 scrap 09:00, pause material 11:00,
 *     resume 11:20, report 90 good 11:50, complete 12:00;
 *   WO 2 (Q × 200, due 12:30): start 12:15, report 160 good + 10 scrap
 *     13:30, complete 13:40.
 * The execution events are inserted with their times into wo_events and
 * the derived state rebuilt from them. */
void   pd_kpi_test_populate (PdStore    *store);

G_END_DECLS
