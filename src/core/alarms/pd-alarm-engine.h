/* pd-alarm-engine.h — evaluates alarms on every acquired value
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-alarm.h"
#include "pd-engine.h"
#include "pd-user.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_ENGINE (pd_alarm_engine_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmEngine, pd_alarm_engine, PD, ALARM_ENGINE, GObject)

/**
 * PdAlarmSummary:
 *
 * What the alarm banner shows.
 */
typedef struct
{
  /* Alarms that need a person (pd_alarm_status_needs_ack), by priority. */
  guint    unacknowledged[PD_N_ALARM_PRIORITIES];
  /* Active alarms, acknowledged or not, that are neither shelved nor
   * suppressed, by priority. */
  guint    active[PD_N_ALARM_PRIORITIES];
  guint    shelved;
  guint    suppressed;
  /* The most important alarm that needs a person (pd_alarm_compare), or
   * NULL. Owned by the summary. */
  PdAlarm *first;
} PdAlarmSummary;

void            pd_alarm_summary_clear            (PdAlarmSummary *summary);

/* How it works: the engine opens a connection of its own to the store in
 * DATA_DIR, in a writer thread. It loads the live definitions (after
 * pd_store_ensure_comm_alarms) and every alarm's status from alarm_state,
 * so that a restart neither raises an active alarm again nor forgets an
 * acknowledgement.
 *
 * pd_alarm_engine_attach() subscribes it to an acquisition engine's direct
 * values (pd_engine_subscribe_direct): each cycle is evaluated on the
 * worker thread that read it, under the engine's lock, and never blocks.
 *   - limits: value ≥ limit raises HIHI/HI, ≤ limit raises LO/LOLO;
 *     clearing needs the value back past the limit by the deadband;
 *   - on-delay: the condition must hold for on_delay_ms (measured from the
 *     first sample in the condition) and off-delay likewise before a clear;
 *     a deadline passes on the writer thread's own clock, not only when
 *     the next sample arrives;
 *   - a value of bad or stale quality neither raises nor clears a limit or
 *     digital alarm and cancels a pending delay; the device's COMM alarm is
 *     raised while the device is offline or degraded, and cleared when it is
 *     online again;
 *   - latching: a latching alarm that returns to normal unacknowledged is
 *     recorded as LATCH and stays active until acknowledged;
 *   - shelved and suppressed alarms are evaluated and recorded as any other;
 *     shelving that has run out is recorded as SHELVE_EXPIRED.
 * Transitions are queued to the writer thread, which appends them in
 * batches (pd_store_append_alarm_events), at least every 100 ms while
 * some wait. What the store accepted updates the engine's snapshot, and
 * "changed" is emitted on the main context at most every 100 ms.
 *
 * What other connections write (an acknowledgement in plantdesk-ctl, a
 * stock alarm from a warehouse move, definitions changed in the app) is
 * picked up within a second (PRAGMA data_version), or at once after
 * pd_alarm_engine_reload() / pd_alarm_engine_refresh().
 *
 * Signals (on the main context of the thread that created the engine):
 *   "changed" ()                          the snapshot changed
 *   "raised"  (gpointer alarm_ids, guint n)  const gint64 *: alarms newly
 *                                         raised in this batch, for
 *                                         notifications
 */
PdAlarmEngine  *pd_alarm_engine_new               (const char     *data_dir);
/* Opens the writer's connection and loads, in the writer thread. Until it
 * completes, values are queued (bounded), not lost. */
void            pd_alarm_engine_start_async       (PdAlarmEngine  *self,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
gboolean        pd_alarm_engine_start_finish      (PdAlarmEngine  *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);
/* The same, blocking: for plantdesk-ctl and tests. */
gboolean        pd_alarm_engine_start             (PdAlarmEngine  *self,
                                                   GError        **error);
/* Writes what is queued and stops the writer. */
void            pd_alarm_engine_stop              (PdAlarmEngine  *self);

void            pd_alarm_engine_attach            (PdAlarmEngine  *self,
                                                   PdEngine       *engine);
void            pd_alarm_engine_detach            (PdAlarmEngine  *self);

/* Feeds samples as the acquisition engine would (any thread): for tests,
 * benchmarks and sources that are not Modbus. CHANGED_DEVICES with their
 * new state. */
void            pd_alarm_engine_feed              (PdAlarmEngine  *self,
                                                   const PdSample *samples,
                                                   guint           n_samples);
void            pd_alarm_engine_feed_device_state (PdAlarmEngine  *self,
                                                   gint64          device_id,
                                                   PdDeviceState   state);

/* Raises or clears a SOURCE alarm from code running in this process (as
 * pd_write_set_alarm_source does inside a store write). Any thread. */
void            pd_alarm_engine_set_source        (PdAlarmEngine  *self,
                                                   const char     *source,
                                                   const char     *name,
                                                   PdAlarmPriority priority,
                                                   const char     *message,
                                                   gboolean        active,
                                                   double          value);

/* Reloads definitions (after they changed) / re-reads states changed by
 * other connections, on the writer thread. */
void            pd_alarm_engine_reload            (PdAlarmEngine  *self);
void            pd_alarm_engine_refresh           (PdAlarmEngine  *self);
/* Blocks until everything queued before the call is written and the
 * snapshot updated: for tests, plantdesk-ctl and shutdown. */
void            pd_alarm_engine_flush             (PdAlarmEngine  *self);

/* People's actions, run on the writer thread through the store functions of
 * the same name (so that they follow the raises queued before them), with
 * ACTOR's permission checked there. The result is TRUE when the alarm is
 * in the asked state. */
void            pd_alarm_engine_acknowledge_async (PdAlarmEngine  *self,
                                                   PdUser         *actor,
                                                   const gint64   *alarm_ids,
                                                   guint           n_alarm_ids,
                                                   const char     *comment,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
/* MINUTES 0 unshelves. */
void            pd_alarm_engine_shelve_async      (PdAlarmEngine  *self,
                                                   PdUser         *actor,
                                                   gint64          alarm_id,
                                                   guint           minutes,
                                                   const char     *comment,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
/* REASON NULL unsuppresses. */
void            pd_alarm_engine_suppress_async    (PdAlarmEngine  *self,
                                                   PdUser         *actor,
                                                   gint64          alarm_id,
                                                   const char     *reason,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
/* For all three: *N_CHANGED (may be NULL) is how many alarms got an event. */
gboolean        pd_alarm_engine_action_finish     (PdAlarmEngine  *self,
                                                   GAsyncResult   *result,
                                                   guint          *n_changed,
                                                   GError        **error);

/* Snapshots, for the UI thread; cheap (no database). */
void            pd_alarm_engine_get_summary       (PdAlarmEngine  *self,
                                                   PdAlarmSummary *summary);
/* Every live alarm that is not NORMAL (ALL: every live alarm), most
 * important first; a GPtrArray of PdAlarm. */
GPtrArray      *pd_alarm_engine_dup_alarms        (PdAlarmEngine  *self,
                                                   gboolean        all);
PdAlarm        *pd_alarm_engine_dup_alarm         (PdAlarmEngine  *self,
                                                   gint64          alarm_id);

/* Counters for benchmarks and diagnostics. */
typedef struct
{
  guint64 samples;        /* values evaluated */
  guint64 transitions;    /* events queued */
  guint64 written;        /* events the store accepted */
  guint64 batches;        /* write transactions */
  guint64 dropped;        /* values dropped while starting (queue full) */
} PdAlarmEngineStats;

void            pd_alarm_engine_get_stats         (PdAlarmEngine      *self,
                                                   PdAlarmEngineStats *stats);

G_END_DECLS
