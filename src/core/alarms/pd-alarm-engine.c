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

#include "pd-alarm-engine-private.h"
#include "pd-error.h"
#include "pd-store-alarms.h"

G_DEFINE_FINAL_TYPE (PdAlarmEngine, pd_alarm_engine, G_TYPE_OBJECT)

enum {
  CHANGED,
  RAISED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_pd_alarm_cmd_free (Cmd *cmd)
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

void
pd_alarm_engine_feed (PdAlarmEngine  *self,
                      const PdSample *samples,
                      guint           n_samples)
{
  g_return_if_fail (PD_IS_ALARM_ENGINE (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  g_mutex_lock (&self->lock);
  if (self->loaded)
    _pd_alarm_eval_samples (self, samples, n_samples);
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
    _pd_alarm_eval_device (self, device_id, state, g_get_real_time ());
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
void
_pd_alarm_engine_schedule_changed (PdAlarmEngine *self)
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
  self->writer = g_thread_try_new ("pd-alarm-writer", _pd_alarm_writer_thread, self, error);
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
      _pd_alarm_cmd_free (cmd);
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
      _pd_alarm_cmd_free (cmd);
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
      _pd_alarm_cmd_free (cmd);
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
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _pd_alarm_evaluator_free);
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
