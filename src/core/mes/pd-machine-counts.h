/* pd-machine-counts.h — work centers' part counters reported to their
 * running operations
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-engine.h"
#include "pd-qty.h"

G_BEGIN_DECLS

#define PD_TYPE_MACHINE_COUNTS (pd_machine_counts_get_type ())

G_DECLARE_FINAL_TYPE (PdMachineCounts, pd_machine_counts, PD, MACHINE_COUNTS, GObject)

/**
 * PdMachineCountsStatus:
 *
 * What the machine counted for one work center since the counting started,
 * for the terminal. Quantities are PdQty (millionths of a part).
 */
typedef struct
{
  gint64   work_center_id;
  char    *work_center_code;
  gint64   good_tag_id;        /* 0: no good counter */
  gint64   scrap_tag_id;       /* 0: no scrap counter */
  gboolean counting;           /* every counter has its baseline */
  PdQty    reported_good;      /* written to running operations */
  PdQty    reported_scrap;
  PdQty    unassigned_good;    /* counted with no operation running */
  PdQty    unassigned_scrap;
  PdQty    refused_good;       /* reports the store refused */
  PdQty    refused_scrap;
  guint    wraps;              /* counter overflows seen */
  guint    resets;             /* counter restarts seen */
  char    *last_number;        /* the order last reported to, or NULL */
  guint    last_seq;
  char    *last_error;         /* translated: the last refused report, or NULL */
  gint64   last_error_time;    /* µs since the epoch */
} PdMachineCountsStatus;

void     pd_machine_counts_status_free (PdMachineCountsStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdMachineCountsStatus, pd_machine_counts_status_free)

/* How it works: the counter follows the good and scrap counter tags of
 * every work center (PdWorkCenter.good_tag_id, scrap_tag_id) through the
 * acquisition engine's direct values (pd_engine_subscribe_direct). The
 * work centers are loaded by a thread of its own with its own connection
 * to the store in DATA_DIR, and loaded again when
 * pd_machine_counts_reload() is called or another connection wrote
 * (PRAGMA data_version, checked every second).
 *
 * The rule, per counter tag, in raw counts ((value − offset) / scale):
 *   - a value of bad or stale quality is skipped and moves nothing;
 *   - the first good value after the start (or after the tag began to be
 *     followed) is the baseline: nothing is counted;
 *   - an increase is an increment;
 *   - a decrease is a wrap when the tag's data type has a range
 *     (uint16, int16: 2¹⁶; uint32, int32: 2³²) and the value went from
 *     the top quarter of that range to the bottom quarter: the increment
 *     is new + range − old;
 *   - any other decrease is a reset (the counter restarted from zero): the
 *     new value itself is the increment.
 * An increment of N counts is N × |scale| parts.
 *
 * Increments are added up per work center and, at most once a second
 * (and at stop or pd_machine_counts_flush()), reported on the writer
 * thread to the work center's running operation (status running; with
 * several, the one started first) as pd_store_report_operation (store,
 * NULL, number, seq, good, scrap, PD_SCRAP_MACHINE, "machine"): a system
 * write. The operation is looked up when the report is written, so parts
 * counted while it was paused are not assigned. With no running operation
 * the parts are dropped and added to the status's unassigned counts. A
 * report the store refuses (beyond the quantity, an overlap limit) is
 * dropped, counted as refused and kept as the work center's last error;
 * a report that failed for another cause (the database busy) is tried
 * again at the next flush, at most five times.
 *
 * Operators' manual reports go through the store as usual and add to the
 * same operation's totals.
 *
 * Signals (on the main context of the thread that created the counter):
 *   "changed" ()   a status changed (at most once a second)
 */
PdMachineCounts       *pd_machine_counts_new        (const char      *data_dir);
/* Starts the writer thread, which opens the store and loads the work
 * centers; values that arrive before are not counted. */
void                   pd_machine_counts_start      (PdMachineCounts *self);
/* Reports what is pending and stops the writer. */
void                   pd_machine_counts_stop       (PdMachineCounts *self);

void                   pd_machine_counts_attach     (PdMachineCounts *self,
                                                     PdEngine        *engine);
void                   pd_machine_counts_detach     (PdMachineCounts *self);

/* Feeds samples as the acquisition engine would (any thread): for tests
 * and sources that are not Modbus. */
void                   pd_machine_counts_feed       (PdMachineCounts *self,
                                                     const PdSample  *samples,
                                                     guint            n_samples);

/* Loads the work centers and their tags again (after "mes-master-changed"
 * or "devices-changed"); counters that stay keep their baseline. */
void                   pd_machine_counts_reload     (PdMachineCounts *self);
/* Blocks until the work centers are loaded and everything counted before
 * the call is reported: for tests, plantdesk-ctl and shutdown. */
void                   pd_machine_counts_flush      (PdMachineCounts *self);

/* Snapshots, cheap (no database). NULL for a work center without counter
 * tags or before the first load. */
PdMachineCountsStatus *pd_machine_counts_dup_status (PdMachineCounts *self,
                                                     gint64           work_center_id);
/* Every followed work center, by code: a GPtrArray of
 * PdMachineCountsStatus. */
GPtrArray             *pd_machine_counts_dup_statuses (PdMachineCounts *self);
/* The parts counted with no operation running, summed over every work
 * center (or only WORK_CENTER_ID when > 0). */
PdQty                  pd_machine_counts_get_unassigned (PdMachineCounts *self,
                                                     gint64           work_center_id);

G_END_DECLS
