/* pd-alarm-engine-private.h — the alarm engine's state, shared by its
 * evaluation (pd-alarm-eval.c), its writer thread (pd-alarm-writer.c) and
 * its public face (pd-alarm-engine.c)
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-alarm-engine.h"

G_BEGIN_DECLS

/* Values that arrive before the engine has loaded its definitions. */
#define MAX_EARLY_SAMPLES 100000
/* "changed" is emitted at most this often. */
#define CHANGED_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)
/* How often the writer looks for what other connections wrote. */
#define DATA_VERSION_INTERVAL_US G_TIME_SPAN_SECOND

/* One definition being evaluated. Fields after DEF are guarded by the
 * engine's lock. */
typedef struct
{
  PdAlarmDef *def;
  gboolean    condition_active;  /* as last recorded or queued */
  gboolean    active;
  gboolean    acknowledged;
  guint       n_queued;          /* events queued and not written yet */
  gboolean    pending;           /* a delay runs */
  gboolean    pending_target;    /* TRUE: towards a raise */
  gint64      deadline;          /* µs since the epoch */
  double      last_value;
} Evaluator;

typedef enum
{
  CMD_ACK,
  CMD_SHELVE,
  CMD_SUPPRESS,
  CMD_SET_SOURCE,
  CMD_RELOAD,
  CMD_REFRESH,
  CMD_FLUSH,
} CmdKind;

typedef struct
{
  CmdKind          kind;
  GTask           *task;         /* actions */
  PdUser          *actor;
  GArray          *ids;          /* gint64 */
  guint            minutes;
  char            *text;         /* comment, reason, source */
  char            *name;
  char            *message;
  PdAlarmPriority  priority;
  gboolean         active;
  double           value;
  gboolean        *done;         /* flush */
} Cmd;

struct _PdAlarmEngine
{
  GObject       parent_instance;

  char         *data_dir;
  GMainContext *main_context;

  /* Guards everything below up to the snapshot. */
  GMutex        lock;
  GCond         cond;
  GThread      *writer;
  gboolean      quit;
  gboolean      loaded;
  GError       *start_error;
  gboolean      start_done;
  GTask        *start_task;
  GArray       *early;           /* PdSample, before loading */
  GArray       *early_devices;   /* gint64, device ids, before loading */
  GArray       *device_states;   /* DeviceState fed directly */
  GArray       *changed_devices; /* gint64: states to look up in ENGINE */
  GPtrArray    *events;          /* PdAlarmEvent queued for the writer */
  GQueue        commands;        /* Cmd */
  gint64        wait_until;      /* µs since the epoch the writer sleeps to */
  GHashTable   *by_id;           /* alarm id → Evaluator (owned) */
  GHashTable   *by_tag;          /* tag id → GPtrArray of Evaluator */
  GHashTable   *by_device;       /* device id → Evaluator (COMM) */
  GHashTable   *pending;         /* set of Evaluator with a delay running */
  PdAlarmEngineStats stats;

  PdEngine     *engine;
  guint         subscription;

  /* The snapshot, for the UI thread. */
  GMutex        snap_lock;
  GHashTable   *snapshot;        /* alarm id → PdAlarm */
  GArray       *raised;          /* gint64, not emitted yet */
  GSource      *changed_source;
  gint64        last_changed;    /* monotonic µs */
  /* When shelving runs out next (µs since the epoch), known again only
   * after the snapshot changed: a scan of every alarm is not for each
   * turn of the writer. */
  gint64        next_shelve;
  gboolean      shelve_dirty;
};

typedef struct
{
  gint64        device_id;
  PdDeviceState state;
} DeviceState;

/* pd-alarm-eval.c: under the engine's lock, any thread. */
void      _pd_alarm_evaluator_free          (Evaluator           *e);
void      _pd_alarm_eval_samples            (PdAlarmEngine       *self,
                                             const PdSample      *samples,
                                             guint                n_samples);
void      _pd_alarm_eval_device             (PdAlarmEngine       *self,
                                             gint64               device_id,
                                             PdDeviceState        state,
                                             gint64               ts);
/* Delays that passed: their transitions are queued. Returns the next
 * deadline, or G_MAXINT64. */
gint64    _pd_alarm_eval_fire_deadlines     (PdAlarmEngine       *self,
                                             gint64               now);
/* Brings an evaluator in line with what the store holds. */
void      _pd_alarm_eval_sync               (PdAlarmEngine       *self,
                                             const PdAlarmStatus *status);

/* pd-alarm-engine.c */
/* Under the snapshot lock: "changed" is due. */
void      _pd_alarm_engine_schedule_changed (PdAlarmEngine       *self);
void      _pd_alarm_cmd_free                (Cmd                 *cmd);

/* pd-alarm-writer.c: the thread's function. */
gpointer  _pd_alarm_writer_thread           (gpointer             data);

G_END_DECLS
