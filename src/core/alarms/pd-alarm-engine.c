/* pd-alarm-engine.c — evaluates alarms on every acquired value, writes
 * their transitions from a thread of its own and keeps a snapshot for the UI
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-alarm-engine.h"
#include "pd-error.h"
#include "pd-store-alarms.h"

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

G_DEFINE_FINAL_TYPE (PdAlarmEngine, pd_alarm_engine, G_TYPE_OBJECT)

enum {
  CHANGED,
  RAISED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
evaluator_free (Evaluator *e)
{
  pd_alarm_def_free (e->def);
  g_free (e);
}

static void
cmd_free (Cmd *cmd)
{
  g_clear_object (&cmd->task);
  g_clear_object (&cmd->actor);
  g_clear_pointer (&cmd->ids, g_array_unref);
  g_free (cmd->text);
  g_free (cmd->name);
  g_free (cmd->message);
  g_free (cmd);
}

void
pd_alarm_summary_clear (PdAlarmSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->first, pd_alarm_free);
  memset (summary, 0, sizeof *summary);
}

/* --- Evaluation (any thread, under the lock) ----------------------------- */

static void
queue_event (PdAlarmEngine    *self,
             Evaluator        *e,
             PdAlarmEventKind  kind,
             gint64            ts,
             double            value)
{
  PdAlarmEvent *event = pd_alarm_event_new (e->def->id, kind, ts);

  event->value = value;
  g_ptr_array_add (self->events, event);
  e->n_queued++;
  self->stats.transitions++;
  g_cond_signal (&self->cond);
}

/* The condition of E is now IN for good, at TS. */
static void
transition (PdAlarmEngine *self,
            Evaluator     *e,
            gboolean       in,
            gint64         ts,
            double         value)
{
  e->pending = FALSE;
  g_hash_table_remove (self->pending, e);

  if (in)
    {
      queue_event (self, e, PD_ALARM_EVENT_RAISE, ts, value);
      e->condition_active = TRUE;
      e->active = TRUE;
      e->acknowledged = FALSE;
    }
  else if (e->def->latching && e->active && !e->acknowledged)
    {
      queue_event (self, e, PD_ALARM_EVENT_LATCH, ts, value);
      e->condition_active = FALSE;
    }
  else
    {
      queue_event (self, e, PD_ALARM_EVENT_CLEAR, ts, value);
      e->condition_active = FALSE;
      e->active = FALSE;
    }
}

static void
cancel_pending (PdAlarmEngine *self,
                Evaluator     *e)
{
  if (e->pending)
    {
      e->pending = FALSE;
      g_hash_table_remove (self->pending, e);
    }
}

/* The condition of E, judged from a good value or a device state, is IN at
 * TS. */
static void
evaluate (PdAlarmEngine *self,
          Evaluator     *e,
          gboolean       in,
          gint64         ts,
          double         value)
{
  guint delay;

  e->last_value = value;
  if (in == e->condition_active)
    {
      cancel_pending (self, e);
      return;
    }

  delay = in ? e->def->on_delay_ms : e->def->off_delay_ms;
  if (delay == 0)
    {
      transition (self, e, in, ts, value);
      return;
    }

  if (!e->pending || e->pending_target != in)
    {
      e->pending = TRUE;
      e->pending_target = in;
      e->deadline = ts + (gint64) delay * G_TIME_SPAN_MILLISECOND;
      g_hash_table_add (self->pending, e);
      if (e->deadline < self->wait_until)
        g_cond_signal (&self->cond);
    }

  /* A sample late enough proves the condition held through the delay. */
  if (ts >= e->deadline)
    transition (self, e, in, e->deadline, value);
}

static void
evaluate_samples (PdAlarmEngine  *self,
                  const PdSample *samples,
                  guint           n_samples)
{
  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *sample = &samples[i];
      GPtrArray *evaluators = g_hash_table_lookup (self->by_tag, &sample->tag_id);

      self->stats.samples++;
      if (evaluators == NULL)
        continue;

      for (guint j = 0; j < evaluators->len; j++)
        {
          Evaluator *e = g_ptr_array_index (evaluators, j);

          /* Bad or stale: nothing is known about the process. */
          if (sample->quality != PD_QUALITY_GOOD || !isfinite (sample->value))
            {
              cancel_pending (self, e);
              continue;
            }
          evaluate (self, e,
                    pd_alarm_def_test_value (e->def, sample->value, e->condition_active),
                    sample->ts, sample->value);
        }
    }
}

static void
evaluate_device (PdAlarmEngine *self,
                 gint64         device_id,
                 PdDeviceState  state,
                 gint64         ts)
{
  Evaluator *e = g_hash_table_lookup (self->by_device, &device_id);

  if (e == NULL || state == PD_DEVICE_STATE_UNKNOWN)
    return;

  evaluate (self, e, state != PD_DEVICE_STATE_ONLINE, ts, (double) state);
}

void
pd_alarm_engine_feed (PdAlarmEngine  *self,
                      const PdSample *samples,
                      guint           n_samples)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  g_mutex_lock (&self->lock);
  if (self->loaded)
    evaluate_samples (self, samples, n_samples);
  else
    {
      guint room = MAX_EARLY_SAMPLES - MIN (self->early->len, MAX_EARLY_SAMPLES);
      guint n = MIN (room, n_samples);

      g_array_append_vals (self->early, samples, n);
      self->stats.dropped += n_samples - n;
    }
  g_mutex_unlock (&self->lock);
}

void
pd_alarm_engine_feed_device_state (PdAlarmEngine *self,
                                   gint64         device_id,
                                   PdDeviceState  state)
{
  DeviceState ds = { device_id, state };

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));

  g_mutex_lock (&self->lock);
  if (self->loaded)
    evaluate_device (self, device_id, state, g_get_real_time ());
  else
    g_array_append_val (self->device_states, ds);
  g_mutex_unlock (&self->lock);
}

/* On an acquisition worker: never blocks beyond the lock. Device states
 * are looked up by the writer, since the engine's own lock may be held
 * while this runs. */
static void
direct_cb (PdEngine       *engine,
           const PdSample *samples,
           guint           n_samples,
           const gint64   *changed,
           guint           n_changed,
           gpointer        user_data)
{
  PdAlarmEngine *self = user_data;

  if (n_samples > 0)
    pd_alarm_engine_feed (self, samples, n_samples);

  if (n_changed > 0)
    {
      g_mutex_lock (&self->lock);
      g_array_append_vals (self->changed_devices, changed, n_changed);
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
    }
}

/* --- The snapshot -------------------------------------------------------- */

static gboolean
emit_changed_cb (gpointer user_data)
{
  PdAlarmEngine *self = user_data;
  g_autoptr(GArray) raised = NULL;

  g_mutex_lock (&self->snap_lock);
  g_clear_pointer (&self->changed_source, g_source_unref);
  self->last_changed = g_get_monotonic_time ();
  if (self->raised->len > 0)
    {
      raised = self->raised;
      self->raised = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  g_mutex_unlock (&self->snap_lock);

  g_signal_emit (self, signals[CHANGED], 0);
  if (raised != NULL)
    g_signal_emit (self, signals[RAISED], 0, raised->data, raised->len);

  return G_SOURCE_REMOVE;
}

/* Under the snapshot lock. */
static void
schedule_changed (PdAlarmEngine *self)
{
  gint64 wait;

  self->shelve_dirty = TRUE;
  if (self->changed_source != NULL)
    return;

  wait = self->last_changed + CHANGED_INTERVAL_US - g_get_monotonic_time ();
  self->changed_source = g_timeout_source_new (wait > 0 ? (guint) (wait / 1000) + 1 : 0);
  g_source_set_priority (self->changed_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->changed_source, emit_changed_cb, self, NULL);
  g_source_attach (self->changed_source, self->main_context);
}

/* Replaces the snapshot's entry for ALARM (taken). */
static void
snapshot_put (PdAlarmEngine *self,
              PdAlarm       *alarm)
{
  g_hash_table_replace (self->snapshot, g_memdup2 (&alarm->def->id, sizeof (gint64)), alarm);
}

/* Brings an evaluator in line with what the store holds, unless it has
 * events of its own on the way. Under the lock. */
static void
sync_evaluator (PdAlarmEngine       *self,
                const PdAlarmStatus *status)
{
  Evaluator *e = g_hash_table_lookup (self->by_id, &status->alarm_id);

  if (e == NULL || e->n_queued > 0)
    return;

  if (e->condition_active != status->condition_active)
    cancel_pending (self, e);
  e->condition_active = status->condition_active;
  e->active = status->active;
  e->acknowledged = status->acknowledged;
}

/* --- The writer thread --------------------------------------------------- */

typedef struct
{
  PdStore *store;
  gint64   last_event_id;
  gint64   data_version;
  gint64   defs_count;
  char    *defs_updated;
  gint64   next_version_check;   /* monotonic */
} Writer;

static gint64
query_int (sqlite3    *db,
           const char *sql,
           char      **text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
defs_signature_changed (Writer *w)
{
  g_autofree char *updated = NULL;
  gint64 count = query_int (pd_store_get_db (w->store),
                            "SELECT count(*), max(updated_at) FROM alarm_defs WHERE removed = 0",
                            &updated);
  gboolean changed = count != w->defs_count || g_strcmp0 (updated, w->defs_updated) != 0;

  w->defs_count = count;
  g_free (w->defs_updated);
  w->defs_updated = g_steal_pointer (&updated);
  return changed;
}

/* Reads every definition and state and rebuilds the evaluation table,
 * keeping the delays that run for definitions that stay. */
static gboolean
writer_load (PdAlarmEngine *self,
             Writer        *w,
             GError       **error)
{
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTable *by_id;
  GHashTable *by_tag;
  GHashTable *by_device;
  GHashTable *snapshot;
  gint64 now = g_get_real_time ();

  if (!pd_store_ensure_comm_alarms (w->store, &local_error))
    {
      /* Comm alarms are missing until the next reload; the rest works. */
      g_debug ("Cannot add communication alarms: %s", local_error->message);
      g_clear_error (&local_error);
    }

  defs_signature_changed (w);
  alarms = pd_store_list_alarms (w->store, FALSE, now, error);
  if (alarms == NULL)
    return FALSE;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) evaluator_free);
  by_tag = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  by_device = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  snapshot = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) pd_alarm_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < alarms->len; i++)
    {
      PdAlarm *alarm = g_ptr_array_index (alarms, i);
      Evaluator *old = g_hash_table_lookup (self->by_id, &alarm->def->id);
      Evaluator *e;

      w->last_event_id = MAX (w->last_event_id, alarm->status.last_event_id);
      g_hash_table_insert (snapshot, g_memdup2 (&alarm->def->id, sizeof (gint64)), pd_alarm_copy (alarm));

      if (!alarm->def->enabled || alarm->def->condition == PD_ALARM_CONDITION_SOURCE)
        continue;

      e = g_new0 (Evaluator, 1);
      e->def = pd_alarm_def_copy (alarm->def);
      e->last_value = NAN;
      if (old != NULL && old->n_queued > 0)
        {
          e->condition_active = old->condition_active;
          e->active = old->active;
          e->acknowledged = old->acknowledged;
          e->n_queued = old->n_queued;
        }
      else
        {
          e->condition_active = alarm->status.condition_active;
          e->active = alarm->status.active;
          e->acknowledged = alarm->status.acknowledged;
        }
      if (old != NULL && old->pending
          && old->def->on_delay_ms == e->def->on_delay_ms
          && old->def->off_delay_ms == e->def->off_delay_ms)
        {
          e->pending = TRUE;
          e->pending_target = old->pending_target;
          e->deadline = old->deadline;
        }
      g_hash_table_insert (by_id, &e->def->id, e);

      if (e->def->condition == PD_ALARM_CONDITION_COMM)
        g_hash_table_insert (by_device, g_memdup2 (&e->def->device_id, sizeof (gint64)), e);
      else if (e->def->tag_id != 0)
        {
          GPtrArray *list = g_hash_table_lookup (by_tag, &e->def->tag_id);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_tag, g_memdup2 (&e->def->tag_id, sizeof (gint64)), list);
            }
          g_ptr_array_add (list, e);
        }
    }

  g_hash_table_remove_all (self->pending);
  {
    GHashTableIter iter;
    Evaluator *e;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
      if (e->pending)
        g_hash_table_add (self->pending, e);
  }

  g_hash_table_unref (self->by_tag);
  g_hash_table_unref (self->by_device);
  g_hash_table_unref (self->by_id);
  self->by_id = by_id;
  self->by_tag = by_tag;
  self->by_device = by_device;
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->snap_lock);
  g_hash_table_unref (self->snapshot);
  self->snapshot = snapshot;
  schedule_changed (self);
  g_mutex_unlock (&self->snap_lock);

  return TRUE;
}

/* Picks up states written by other connections (and by the source API
 * and people's actions on this one). */
static void
writer_refresh (PdAlarmEngine *self,
                Writer        *w,
                gboolean       force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) states = NULL;
  gint64 version;
  gboolean reload = FALSE;

  version = query_int (pd_store_get_db (w->store), "PRAGMA data_version", NULL);
  if (!force && version == w->data_version)
    return;
  w->data_version = version;

  if (defs_signature_changed (w))
    {
      if (!writer_load (self, w, &error))
        g_debug ("Cannot reload alarm definitions: %s", error->message);
      return;
    }

  states = pd_store_list_alarm_states_since (w->store, w->last_event_id, &error);
  if (states == NULL)
    {
      g_debug ("Cannot read alarm states: %s", error->message);
      return;
    }
  g_array_set_clear_func (states, (GDestroyNotify) pd_alarm_status_clear);
  if (states->len == 0)
    return;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < states->len; i++)
    sync_evaluator (self, &g_array_index (states, PdAlarmStatus, i));
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->snap_lock);
  for (guint i = 0; i < states->len; i++)
    {
      const PdAlarmStatus *status = &g_array_index (states, PdAlarmStatus, i);
      PdAlarm *alarm = g_hash_table_lookup (self->snapshot, &status->alarm_id);

      w->last_event_id = MAX (w->last_event_id, status->last_event_id);
      if (alarm == NULL)
        {
          /* A definition this engine does not know yet. */
          reload = TRUE;
          continue;
        }
      pd_alarm_status_clear (&alarm->status);
      pd_alarm_status_copy (&alarm->status, status);
    }
  schedule_changed (self);
  g_mutex_unlock (&self->snap_lock);

  if (reload && !writer_load (self, w, &error))
    g_debug ("Cannot reload alarm definitions: %s", error->message);
}

/* Appends EVENTS and applies what the store accepted. */
static void
writer_append (PdAlarmEngine *self,
               Writer        *w,
               GPtrArray     *events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (events->len == 0)
    return;

  written = pd_store_append_alarm_events (w->store, events, &error);
  if (written == NULL)
    g_warning ("Cannot record %u alarm events: %s", events->len, error->message);

  /* The lock before the snapshot's, as everywhere. */
  g_mutex_lock (&self->lock);
  g_mutex_lock (&self->snap_lock);
  for (guint i = 0; written != NULL && i < written->len; i++)
    {
      PdAlarmEvent *event = g_ptr_array_index (written, i);
      PdAlarm *alarm = g_hash_table_lookup (self->snapshot, &event->alarm_id);

      w->last_event_id = MAX (w->last_event_id, event->id);
      if (alarm != NULL)
        pd_alarm_status_apply (&alarm->status, event);
      if (event->kind == PD_ALARM_EVENT_RAISE)
        g_array_append_val (self->raised, event->alarm_id);
    }
  if (written != NULL && written->len > 0)
    schedule_changed (self);

  self->shelve_dirty = TRUE;

  /* Expiries the store refused are not asked again at every turn. */
  for (guint i = 0; i < events->len; i++)
    {
      PdAlarmEvent *event = g_ptr_array_index (events, i);
      PdAlarm *alarm = g_hash_table_lookup (self->snapshot, &event->alarm_id);

      if (event->kind == PD_ALARM_EVENT_SHELVE_EXPIRED && alarm != NULL
          && alarm->status.shelved_until != 0 && alarm->status.shelved_until <= event->ts)
        alarm->status.shelved_until = 0;
    }

  /* The evaluators follow what the store holds now, accepted or not. */
  self->stats.batches++;
  self->stats.written += written != NULL ? written->len : 0;
  for (guint i = 0; i < events->len; i++)
    {
      PdAlarmEvent *event = g_ptr_array_index (events, i);
      Evaluator *e = g_hash_table_lookup (self->by_id, &event->alarm_id);
      PdAlarm *alarm = g_hash_table_lookup (self->snapshot, &event->alarm_id);

      if (e == NULL || e->n_queued == 0)
        continue;
      if (--e->n_queued == 0 && alarm != NULL)
        sync_evaluator (self, &alarm->status);
    }
  g_mutex_unlock (&self->snap_lock);
  g_mutex_unlock (&self->lock);
}

/* Re-reads one alarm after a person's action on it. */
static void
writer_reread (PdAlarmEngine *self,
               Writer        *w,
               gint64         alarm_id)
{
  g_autoptr(GError) error = NULL;
  PdAlarm *alarm = pd_store_get_alarm (w->store, alarm_id, &error);

  if (alarm == NULL)
    return;

  w->last_event_id = MAX (w->last_event_id, alarm->status.last_event_id);
  g_mutex_lock (&self->lock);
  sync_evaluator (self, &alarm->status);
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->snap_lock);
  snapshot_put (self, alarm);
  schedule_changed (self);
  g_mutex_unlock (&self->snap_lock);
}

static gboolean
set_source_func (PdWrite  *write,
                 gpointer  user_data,
                 GError  **error)
{
  const Cmd *cmd = user_data;

  return pd_write_set_alarm_source (write, cmd->text, cmd->name, cmd->priority, cmd->message,
                                    cmd->active, cmd->value, error);
}

static void
writer_command (PdAlarmEngine *self,
                Writer        *w,
                Cmd           *cmd)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;
  gboolean ok = TRUE;

  if (cmd->task != NULL && g_task_return_error_if_cancelled (cmd->task))
    return;

  switch (cmd->kind)
    {
    case CMD_ACK:
      for (guint i = 0; ok && i < cmd->ids->len; i++)
        {
          gint64 id = g_array_index (cmd->ids, gint64, i);
          gboolean changed = FALSE;

          ok = pd_store_acknowledge_alarm (w->store, cmd->actor, id, cmd->text, &changed, &error);
          n_changed += changed ? 1 : 0;
          writer_reread (self, w, id);
        }
      break;

    case CMD_SHELVE:
      {
        gint64 id = g_array_index (cmd->ids, gint64, 0);
        gboolean changed = FALSE;

        if (cmd->minutes == 0)
          ok = pd_store_unshelve_alarm (w->store, cmd->actor, id, &changed, &error);
        else
          ok = pd_store_shelve_alarm (w->store, cmd->actor, id, cmd->minutes, cmd->text,
                                      &changed, &error);
        n_changed = changed ? 1 : 0;
        writer_reread (self, w, id);
      }
      break;

    case CMD_SUPPRESS:
      {
        gint64 id = g_array_index (cmd->ids, gint64, 0);
        gboolean changed = FALSE;

        if (cmd->text == NULL)
          ok = pd_store_unsuppress_alarm (w->store, cmd->actor, id, &changed, &error);
        else
          ok = pd_store_suppress_alarm (w->store, cmd->actor, id, cmd->text, &changed, &error);
        n_changed = changed ? 1 : 0;
        writer_reread (self, w, id);
      }
      break;

    case CMD_SET_SOURCE:
      if (!pd_store_write_system (w->store, "alarm.source", "alarm", set_source_func, cmd, &error))
        g_warning ("Cannot record the alarm of %s: %s", cmd->text, error->message);
      writer_refresh (self, w, TRUE);
      break;

    case CMD_RELOAD:
      if (!writer_load (self, w, &error))
        g_debug ("Cannot reload alarm definitions: %s", error->message);
      break;

    case CMD_REFRESH:
      writer_refresh (self, w, TRUE);
      break;

    case CMD_FLUSH:
      writer_refresh (self, w, FALSE);
      break;
    }

  if (cmd->task != NULL)
    {
      guint *result = g_task_get_task_data (cmd->task);

      *result = n_changed;
      if (ok)
        g_task_return_boolean (cmd->task, TRUE);
      else
        g_task_return_error (cmd->task, g_steal_pointer (&error));
    }
}

/* Events for shelving that ran out, under the snapshot lock. Returns the
 * next time one runs out, or G_MAXINT64. */
static gint64
collect_shelve_expiry (PdAlarmEngine *self,
                       GPtrArray     *events,
                       gint64         now)
{
  GHashTableIter iter;
  PdAlarm *alarm;
  gint64 next = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->snapshot);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &alarm))
    {
      gint64 until = alarm->status.shelved_until;

      if (until == 0)
        continue;
      if (until <= now)
        g_ptr_array_add (events, pd_alarm_event_new (alarm->def->id, PD_ALARM_EVENT_SHELVE_EXPIRED, until));
      else
        next = MIN (next, until);
    }
  return next;
}

/* Delays that passed, under the lock. Returns the next deadline, or
 * G_MAXINT64. */
static gint64
fire_deadlines (PdAlarmEngine *self,
                gint64         now)
{
  g_autoptr(GPtrArray) due = NULL;
  GHashTableIter iter;
  Evaluator *e;
  gint64 next = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    {
      if (e->deadline <= now)
        {
          if (due == NULL)
            due = g_ptr_array_new ();
          g_ptr_array_add (due, e);
        }
      else
        next = MIN (next, e->deadline);
    }

  /* No contrary value came since the delay began, or it would have been
   * cancelled: the condition held throughout. */
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      e = g_ptr_array_index (due, i);
      transition (self, e, e->pending_target, e->deadline, e->last_value);
    }
  return next;
}

static gpointer
writer_thread (gpointer data)
{
  PdAlarmEngine *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  Writer w = { 0 };

  /* The store's signals and any GTask made here stay on this thread. */
  g_main_context_push_thread_default (context);

  w.store = pd_store_open_existing (self->data_dir, &error);
  if (w.store != NULL)
    {
      w.data_version = query_int (pd_store_get_db (w.store), "PRAGMA data_version", NULL);
      if (!writer_load (self, &w, &error))
        g_clear_object (&w.store);
    }

  g_mutex_lock (&self->lock);
  if (w.store == NULL)
    {
      self->start_error = g_steal_pointer (&error);
      self->start_done = TRUE;
      g_cond_broadcast (&self->cond);
      if (self->start_task != NULL)
        {
          g_task_return_error (self->start_task, g_error_copy (self->start_error));
          g_clear_object (&self->start_task);
        }
      g_mutex_unlock (&self->lock);
      g_main_context_pop_thread_default (context);
      return NULL;
    }

  self->loaded = TRUE;
  evaluate_samples (self, (const PdSample *) self->early->data, self->early->len);
  g_array_set_size (self->early, 0);
  for (guint i = 0; i < self->device_states->len; i++)
    {
      DeviceState *ds = &g_array_index (self->device_states, DeviceState, i);

      evaluate_device (self, ds->device_id, ds->state, g_get_real_time ());
    }
  g_array_set_size (self->device_states, 0);
  self->start_done = TRUE;
  g_cond_broadcast (&self->cond);
  if (self->start_task != NULL)
    {
      g_task_return_boolean (self->start_task, TRUE);
      g_clear_object (&self->start_task);
    }
  w.next_version_check = g_get_monotonic_time () + DATA_VERSION_INTERVAL_US;

  for (;;)
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GArray) devices = NULL;
      g_autoptr(PdEngine) engine = NULL;
      GQueue commands = G_QUEUE_INIT;
      gint64 now = g_get_real_time ();
      gint64 next_deadline;
      gint64 next_shelve;
      gboolean quit = self->quit;
      Cmd *cmd;

      next_deadline = fire_deadlines (self, now);

      g_mutex_lock (&self->snap_lock);
      events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
      if (self->shelve_dirty || now >= self->next_shelve)
        {
          self->next_shelve = collect_shelve_expiry (self, events, now);
          self->shelve_dirty = FALSE;
        }
      next_shelve = self->next_shelve;
      g_mutex_unlock (&self->snap_lock);

      if (!quit && self->events->len == 0 && events->len == 0
          && g_queue_is_empty (&self->commands) && self->changed_devices->len == 0
          && g_get_monotonic_time () < w.next_version_check)
        {
          gint64 until = MIN (next_deadline, next_shelve);
          gint64 version_in = w.next_version_check - g_get_monotonic_time ();
          gint64 wait = MIN (until == G_MAXINT64 ? G_MAXINT64 : until - now, version_in);

          self->wait_until = now + wait;
          g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + MAX (wait, 0));
          self->wait_until = G_MAXINT64;
          continue;
        }

      g_ptr_array_extend_and_steal (events, g_steal_pointer (&self->events));
      self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
      commands = self->commands;
      g_queue_init (&self->commands);
      if (self->changed_devices->len > 0)
        {
          devices = g_steal_pointer (&self->changed_devices);
          self->changed_devices = g_array_new (FALSE, FALSE, sizeof (gint64));
        }
      if (self->engine != NULL)
        engine = g_object_ref (self->engine);
      g_mutex_unlock (&self->lock);

      /* Device states, from the acquisition engine that reported them. */
      if (devices != NULL && engine != NULL)
        {
          for (guint i = 0; i < devices->len; i++)
            {
              gint64 device_id = g_array_index (devices, gint64, i);
              g_autoptr(PdDeviceStatus) status = pd_engine_dup_status (engine, device_id);

              if (status == NULL)
                continue;
              g_mutex_lock (&self->lock);
              evaluate_device (self, device_id, status->state, g_get_real_time ());
              g_ptr_array_extend_and_steal (events, g_steal_pointer (&self->events));
              self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
              g_mutex_unlock (&self->lock);
            }
        }

      writer_append (self, &w, events);

      while ((cmd = g_queue_pop_head (&commands)) != NULL)
        {
          gboolean *done = cmd->done;

          writer_command (self, &w, cmd);
          cmd_free (cmd);
          if (done != NULL)
            {
              g_mutex_lock (&self->lock);
              *done = TRUE;
              g_cond_broadcast (&self->cond);
              g_mutex_unlock (&self->lock);
            }
        }

      if (g_get_monotonic_time () >= w.next_version_check)
        {
          writer_refresh (self, &w, FALSE);
          w.next_version_check = g_get_monotonic_time () + DATA_VERSION_INTERVAL_US;
        }

      while (g_main_context_iteration (context, FALSE))
        ;

      g_mutex_lock (&self->lock);
      if (quit && self->events->len == 0 && g_queue_is_empty (&self->commands))
        break;
    }
  g_mutex_unlock (&self->lock);

  g_clear_object (&w.store);
  g_free (w.defs_updated);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* --- Starting and stopping ----------------------------------------------- */

static gboolean
spawn_writer (PdAlarmEngine *self,
              GError       **error)
{
  if (self->writer != NULL)
    return TRUE;

  self->quit = FALSE;
  self->start_done = FALSE;
  g_clear_error (&self->start_error);
  self->writer = g_thread_try_new ("pd-alarm-writer", writer_thread, self, error);
  return self->writer != NULL;
}

void
pd_alarm_engine_start_async (PdAlarmEngine      *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_alarm_engine_start_async);

  g_mutex_lock (&self->lock);
  if (self->writer != NULL && self->start_done)
    {
      if (self->start_error != NULL)
        g_task_return_error (task, g_error_copy (self->start_error));
      else
        g_task_return_boolean (task, TRUE);
    }
  else if (self->start_task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                             _("The alarm engine is already starting"));
  else if (!spawn_writer (self, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    self->start_task = g_steal_pointer (&task);
  g_mutex_unlock (&self->lock);
}

gboolean
pd_alarm_engine_start_finish (PdAlarmEngine *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pd_alarm_engine_start (PdAlarmEngine *self,
                       GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (PD_IS_ALARM_ENGINE (self), FALSE);

  g_mutex_lock (&self->lock);
  if (!spawn_writer (self, error))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  while (!self->start_done)
    g_cond_wait (&self->cond, &self->lock);
  ok = self->start_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->start_error));
  g_mutex_unlock (&self->lock);

  return ok;
}

void
pd_alarm_engine_stop (PdAlarmEngine *self)
{
  GThread *writer;

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));

  g_mutex_lock (&self->lock);
  writer = g_steal_pointer (&self->writer);
  self->quit = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (writer != NULL)
    g_thread_join (writer);

  g_mutex_lock (&self->lock);
  self->loaded = FALSE;
  /* Commands that came after the writer left. */
  while (!g_queue_is_empty (&self->commands))
    {
      Cmd *cmd = g_queue_pop_head (&self->commands);

      if (cmd->task != NULL)
        g_task_return_new_error (cmd->task, PD_ERROR, PD_ERROR_FAILED,
                                 _("The alarm engine is stopped"));
      if (cmd->done != NULL)
        *cmd->done = TRUE;
      cmd_free (cmd);
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* --- Commands ------------------------------------------------------------ */

static void
push_command (PdAlarmEngine *self,
              Cmd           *cmd)
{
  g_mutex_lock (&self->lock);
  if (self->writer == NULL || self->quit)
    {
      g_mutex_unlock (&self->lock);
      if (cmd->task != NULL)
        g_task_return_new_error (cmd->task, PD_ERROR, PD_ERROR_FAILED,
                                 _("The alarm engine is not running"));
      cmd_free (cmd);
      return;
    }
  g_queue_push_tail (&self->commands, cmd);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
pd_alarm_engine_set_source (PdAlarmEngine  *self,
                            const char     *source,
                            const char     *name,
                            PdAlarmPriority priority,
                            const char     *message,
                            gboolean        active,
                            double          value)
{
  Cmd *cmd;

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (source != NULL);

  cmd = g_new0 (Cmd, 1);
  cmd->kind = CMD_SET_SOURCE;
  cmd->text = g_strdup (source);
  cmd->name = g_strdup (name);
  cmd->priority = priority;
  cmd->message = g_strdup (message);
  cmd->active = active;
  cmd->value = value;
  push_command (self, cmd);
}

static void
push_simple (PdAlarmEngine *self,
             CmdKind        kind)
{
  Cmd *cmd = g_new0 (Cmd, 1);

  cmd->kind = kind;
  push_command (self, cmd);
}

void
pd_alarm_engine_reload (PdAlarmEngine *self)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  push_simple (self, CMD_RELOAD);
}

void
pd_alarm_engine_refresh (PdAlarmEngine *self)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  push_simple (self, CMD_REFRESH);
}

void
pd_alarm_engine_flush (PdAlarmEngine *self)
{
  gboolean done = FALSE;
  Cmd *cmd;

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));

  cmd = g_new0 (Cmd, 1);
  cmd->kind = CMD_FLUSH;
  cmd->done = &done;

  g_mutex_lock (&self->lock);
  if (self->writer == NULL || self->quit)
    {
      g_mutex_unlock (&self->lock);
      cmd_free (cmd);
      return;
    }
  g_queue_push_tail (&self->commands, cmd);
  g_cond_signal (&self->cond);
  while (!done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
push_action (PdAlarmEngine      *self,
             CmdKind             kind,
             gpointer            source_tag,
             PdUser             *actor,
             const gint64       *ids,
             guint               n_ids,
             guint               minutes,
             const char         *text,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  Cmd *cmd = g_new0 (Cmd, 1);

  cmd->kind = kind;
  cmd->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (cmd->task, source_tag);
  g_task_set_task_data (cmd->task, g_new0 (guint, 1), g_free);
  cmd->actor = g_object_ref (actor);
  cmd->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (cmd->ids, ids, n_ids);
  cmd->minutes = minutes;
  cmd->text = g_strdup (text);
  push_command (self, cmd);
}

void
pd_alarm_engine_acknowledge_async (PdAlarmEngine      *self,
                                   PdUser             *actor,
                                   const gint64       *alarm_ids,
                                   guint               n_alarm_ids,
                                   const char         *comment,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (PD_IS_USER (actor));
  g_return_if_fail (alarm_ids != NULL || n_alarm_ids == 0);

  push_action (self, CMD_ACK, pd_alarm_engine_acknowledge_async, actor, alarm_ids, n_alarm_ids,
               0, comment, cancellable, callback, user_data);
}

void
pd_alarm_engine_shelve_async (PdAlarmEngine      *self,
                              PdUser             *actor,
                              gint64              alarm_id,
                              guint               minutes,
                              const char         *comment,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (PD_IS_USER (actor));

  push_action (self, CMD_SHELVE, pd_alarm_engine_shelve_async, actor, &alarm_id, 1,
               minutes, comment, cancellable, callback, user_data);
}

void
pd_alarm_engine_suppress_async (PdAlarmEngine      *self,
                                PdUser             *actor,
                                gint64              alarm_id,
                                const char         *reason,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (PD_IS_USER (actor));

  push_action (self, CMD_SUPPRESS, pd_alarm_engine_suppress_async, actor, &alarm_id, 1,
               0, reason, cancellable, callback, user_data);
}

gboolean
pd_alarm_engine_action_finish (PdAlarmEngine *self,
                               GAsyncResult  *result,
                               guint         *n_changed,
                               GError       **error)
{
  guint *changed;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  changed = g_task_get_task_data (G_TASK (result));
  if (n_changed != NULL)
    *n_changed = changed != NULL ? *changed : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Attaching ----------------------------------------------------------- */

void
pd_alarm_engine_attach (PdAlarmEngine *self,
                        PdEngine      *engine)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (PD_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  pd_alarm_engine_detach (self);

  g_mutex_lock (&self->lock);
  self->engine = g_object_ref (engine);
  g_mutex_unlock (&self->lock);
  self->subscription = pd_engine_subscribe_direct (engine, direct_cb, self, NULL);
}

void
pd_alarm_engine_detach (PdAlarmEngine *self)
{
  PdEngine *engine;

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));

  if (self->engine == NULL)
    return;

  /* Waits for callbacks in progress. */
  pd_engine_unsubscribe (self->engine, self->subscription);
  self->subscription = 0;

  g_mutex_lock (&self->lock);
  engine = g_steal_pointer (&self->engine);
  g_mutex_unlock (&self->lock);
  g_object_unref (engine);
}

/* --- Snapshots ----------------------------------------------------------- */

void
pd_alarm_engine_get_summary (PdAlarmEngine  *self,
                             PdAlarmSummary *summary)
{
  GHashTableIter iter;
  PdAlarm *alarm;
  PdAlarm *first = NULL;
  gint64 now = g_get_real_time ();

  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);

  g_mutex_lock (&self->snap_lock);
  g_hash_table_iter_init (&iter, self->snapshot);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &alarm))
    {
      PdAlarmState state = pd_alarm_status_get_state (&alarm->status, now);
      guint priority = MIN ((guint) alarm->def->priority, PD_N_ALARM_PRIORITIES - 1);

      if (state == PD_ALARM_STATE_SUPPRESSED)
        summary->suppressed++;
      else if (state == PD_ALARM_STATE_SHELVED)
        summary->shelved++;
      else if (alarm->status.active)
        summary->active[priority]++;

      if (pd_alarm_status_needs_ack (&alarm->status, now))
        {
          summary->unacknowledged[priority]++;
          if (first == NULL || pd_alarm_compare (alarm, first, now) < 0)
            first = alarm;
        }
    }
  if (first != NULL)
    summary->first = pd_alarm_copy (first);
  g_mutex_unlock (&self->snap_lock);
}

typedef struct
{
  gint64 now;
} SortData;

static int
compare_alarms (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortData *data = user_data;

  return pd_alarm_compare (*(PdAlarm **) a, *(PdAlarm **) b, data->now);
}

GPtrArray *
pd_alarm_engine_dup_alarms (PdAlarmEngine *self,
                            gboolean       all)
{
  GPtrArray *result;
  GHashTableIter iter;
  PdAlarm *alarm;
  SortData data = { g_get_real_time () };

  g_return_val_if_fail (PD_IS_ALARM_ENGINE (self), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_free);
  g_mutex_lock (&self->snap_lock);
  g_hash_table_iter_init (&iter, self->snapshot);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &alarm))
    if (all || pd_alarm_status_get_state (&alarm->status, data.now) != PD_ALARM_STATE_NORMAL)
      g_ptr_array_add (result, pd_alarm_copy (alarm));
  g_mutex_unlock (&self->snap_lock);

  g_ptr_array_sort_with_data (result, compare_alarms, &data);
  return result;
}

PdAlarm *
pd_alarm_engine_dup_alarm (PdAlarmEngine *self,
                           gint64         alarm_id)
{
  PdAlarm *alarm;

  g_return_val_if_fail (PD_IS_ALARM_ENGINE (self), NULL);

  g_mutex_lock (&self->snap_lock);
  alarm = g_hash_table_lookup (self->snapshot, &alarm_id);
  alarm = alarm != NULL ? pd_alarm_copy (alarm) : NULL;
  g_mutex_unlock (&self->snap_lock);

  return alarm;
}

void
pd_alarm_engine_get_stats (PdAlarmEngine      *self,
                           PdAlarmEngineStats *stats)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (stats != NULL);

  g_mutex_lock (&self->lock);
  *stats = self->stats;
  g_mutex_unlock (&self->lock);
}

/* --- GObject ------------------------------------------------------------- */

static void
pd_alarm_engine_dispose (GObject *object)
{
  PdAlarmEngine *self = PD_ALARM_ENGINE (object);

  pd_alarm_engine_detach (self);
  pd_alarm_engine_stop (self);

  g_mutex_lock (&self->snap_lock);
  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_clear_pointer (&self->changed_source, g_source_unref);
    }
  g_mutex_unlock (&self->snap_lock);

  G_OBJECT_CLASS (pd_alarm_engine_parent_class)->dispose (object);
}

static void
pd_alarm_engine_finalize (GObject *object)
{
  PdAlarmEngine *self = PD_ALARM_ENGINE (object);

  g_free (self->data_dir);
  g_main_context_unref (self->main_context);
  g_clear_error (&self->start_error);
  g_clear_object (&self->start_task);
  g_array_unref (self->early);
  g_array_unref (self->device_states);
  g_array_unref (self->changed_devices);
  g_ptr_array_unref (self->events);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->by_tag);
  g_hash_table_unref (self->by_device);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->snapshot);
  g_array_unref (self->raised);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->snap_lock);

  G_OBJECT_CLASS (pd_alarm_engine_parent_class)->finalize (object);
}

static void
pd_alarm_engine_class_init (PdAlarmEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_alarm_engine_dispose;
  object_class->finalize = pd_alarm_engine_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RAISED] =
    g_signal_new ("raised", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
}

static void
pd_alarm_engine_init (PdAlarmEngine *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_mutex_init (&self->snap_lock);
  self->main_context = g_main_context_ref_thread_default ();
  self->early = g_array_new (FALSE, FALSE, sizeof (PdSample));
  self->device_states = g_array_new (FALSE, FALSE, sizeof (DeviceState));
  self->changed_devices = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  self->pending = g_hash_table_new (NULL, NULL);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) evaluator_free);
  self->by_tag = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->by_device = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->snapshot = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) pd_alarm_free);
  self->raised = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->wait_until = G_MAXINT64;
  self->shelve_dirty = TRUE;
}

PdAlarmEngine *
pd_alarm_engine_new (const char *data_dir)
{
  PdAlarmEngine *self;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (PD_TYPE_ALARM_ENGINE, NULL);
  self->data_dir = g_strdup (data_dir);
  return self;
}
