/* pd-alarm-writer.c — the alarm engine's writer thread: its own store
 * connection, batches of transitions, people's actions, the snapshot
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-alarm-engine-private.h"
#include "pd-store-alarms.h"

/* Replaces the snapshot's entry for ALARM (taken). */
static void
snapshot_put (PdAlarmEngine *self,
              PdAlarm       *alarm)
{
  g_hash_table_replace (self->snapshot, g_memdup2 (&alarm->def->id, sizeof (gint64)), alarm);
}

typedef struct
{
  PdStore *store;
  /* The newest event a read of the store's states has seen. The engine's
   * own writes do not move it: another connection's event may have an id
   * between two of ours, and a refresh must still find it. */
  gint64   last_event_id;
  /* Ids of the RAISE events this engine wrote since last_event_id, already
   * announced by "raised". */
  GHashTable *own_raises;
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

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _pd_alarm_evaluator_free);
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
  _pd_alarm_engine_schedule_changed (self);
  g_mutex_unlock (&self->snap_lock);

  return TRUE;
}

/* Picks up states written by other connections (and by the source API
 * and people's actions on this one). */
/* Announces, through "raised", the alarms that other connections (or the
 * source API) raised in events after AFTER_EVENT_ID, and forgets the
 * engine's own raises the cursor has passed. */
static void
announce_raises (PdAlarmEngine *self,
                 Writer        *w,
                 gint64         after_event_id)
{
  sqlite3 *db = pd_store_get_db (w->store);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (w->last_event_id <= after_event_id)
    return;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, alarm_id FROM alarm_events "
                          "WHERE id > ? AND id <= ? AND kind = 'raise' ORDER BY id",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, after_event_id);
      sqlite3_bind_int64 (stmt, 2, w->last_event_id);
      g_mutex_lock (&self->snap_lock);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 alarm_id = sqlite3_column_int64 (stmt, 1);

          if (!g_hash_table_contains (w->own_raises, &id))
            g_array_append_val (self->raised, alarm_id);
        }
      _pd_alarm_engine_schedule_changed (self);
      g_mutex_unlock (&self->snap_lock);
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, w->own_raises);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (*(gint64 *) key <= w->last_event_id)
      g_hash_table_iter_remove (&iter);
}

static void
writer_refresh (PdAlarmEngine *self,
                Writer        *w,
                gboolean       force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) states = NULL;
  gint64 version;
  gint64 cursor = w->last_event_id;
  gboolean reload = FALSE;

  version = query_int (pd_store_get_db (w->store), "PRAGMA data_version", NULL);
  if (!force && version == w->data_version)
    return;
  w->data_version = version;

  if (defs_signature_changed (w))
    {
      if (!writer_load (self, w, &error))
        g_debug ("Cannot reload alarm definitions: %s", error->message);
      announce_raises (self, w, cursor);
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
    _pd_alarm_eval_sync (self, &g_array_index (states, PdAlarmStatus, i));
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
  _pd_alarm_engine_schedule_changed (self);
  g_mutex_unlock (&self->snap_lock);

  if (reload && !writer_load (self, w, &error))
    g_debug ("Cannot reload alarm definitions: %s", error->message);
  announce_raises (self, w, cursor);
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

      if (alarm != NULL)
        pd_alarm_status_apply (&alarm->status, event);
      if (event->kind == PD_ALARM_EVENT_RAISE)
        {
          g_array_append_val (self->raised, event->alarm_id);
          g_hash_table_add (w->own_raises, g_memdup2 (&event->id, sizeof (gint64)));
        }
    }
  if (written != NULL && written->len > 0)
    _pd_alarm_engine_schedule_changed (self);

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
        _pd_alarm_eval_sync (self, &alarm->status);
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

  g_mutex_lock (&self->lock);
  _pd_alarm_eval_sync (self, &alarm->status);
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&self->snap_lock);
  snapshot_put (self, alarm);
  _pd_alarm_engine_schedule_changed (self);
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

gpointer
_pd_alarm_writer_thread (gpointer data)
{
  PdAlarmEngine *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  Writer w = { 0 };

  w.own_raises = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

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
      g_hash_table_unref (w.own_raises);
      g_main_context_pop_thread_default (context);
      return NULL;
    }

  self->loaded = TRUE;
  _pd_alarm_eval_samples (self, (const PdSample *) self->early->data, self->early->len);
  g_array_set_size (self->early, 0);
  for (guint i = 0; i < self->device_states->len; i++)
    {
      DeviceState *ds = &g_array_index (self->device_states, DeviceState, i);

      _pd_alarm_eval_device (self, ds->device_id, ds->state, g_get_real_time ());
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

      next_deadline = _pd_alarm_eval_fire_deadlines (self, now);

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
              _pd_alarm_eval_device (self, device_id, status->state, g_get_real_time ());
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
          _pd_alarm_cmd_free (cmd);
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
  g_hash_table_unref (w.own_raises);
  g_main_context_pop_thread_default (context);
  return NULL;
}
