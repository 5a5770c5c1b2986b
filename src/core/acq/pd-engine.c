/* pd-engine.c — the acquisition engine: polls devices in worker threads
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-engine"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-connection.h"
#include "pd-engine-private.h"
#include "pd-error.h"
#include "pd-modbus-codec.h"

/* One connection per connection key (pd_device_dup_connection_key()):
 * each TCP device gets its own worker thread, so that a dead device never
 * delays another; the units of one serial bus necessarily share its
 * worker, and a silent unit costs the others its timeout once per retry
 * (its retries back off like reconnects do). */

typedef struct
{
  guint          id;
  PdEngineFunc   func;
  gpointer       data;
  GDestroyNotify destroy;
} DirectSub;

typedef struct
{
  gint64   tag_id;
  double   last_value;
  PdQuality last_quality;
  gboolean has_last;
  gboolean is_pending;
  PdSample pending;
} BatchEntry;

typedef struct
{
  gatomicrefcount ref;
  guint           id;
  PdEngine       *engine;
  GMainContext   *context;
  guint           interval_ms;
  PdEngineFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;

  GMutex          lock;
  GHashTable     *entries;        /* tag id → BatchEntry */
  GPtrArray      *pending;        /* BatchEntry, waiting for delivery */
  GArray         *changed;        /* gint64 device ids */
  GSource        *source;
  gint64          last_delivery;  /* monotonic µs */
  gboolean        removed;
} BatchSub;

struct _PdEngine
{
  GObject     parent_instance;

  GMutex      lock;
  GHashTable *connections;  /* key → PdConnection */
  GHashTable *configs;      /* key → GPtrArray of PdConnectionDevice */
  GHashTable *stats;        /* device id → PdDeviceStats */
  GHashTable *device_keys;  /* device id → key */
  gboolean    running;
  guint       backoff_min_ms;
  guint       backoff_max_ms;

  GRWLock     subs_lock;
  GPtrArray  *direct;       /* DirectSub */
  GPtrArray  *batched;      /* BatchSub */
  guint       last_sub_id;
};

G_DEFINE_FINAL_TYPE (PdEngine, pd_engine, G_TYPE_OBJECT)

void
pd_device_status_free (PdDeviceStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->last_error);
  g_clear_pointer (&status->bad_addresses, g_array_unref);
  g_free (status);
}

/* --- Batched subscriptions ------------------------------------------------ */

static BatchSub *
batch_sub_ref (BatchSub *sub)
{
  g_atomic_ref_count_inc (&sub->ref);
  return sub;
}

static void
batch_sub_unref (gpointer data)
{
  BatchSub *sub = data;

  if (!g_atomic_ref_count_dec (&sub->ref))
    return;

  g_mutex_clear (&sub->lock);
  g_hash_table_unref (sub->entries);
  g_ptr_array_unref (sub->pending);
  g_array_unref (sub->changed);
  g_main_context_unref (sub->context);
  g_free (sub);
}

static gboolean
batch_deliver_cb (gpointer data)
{
  BatchSub *sub = data;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) changed = NULL;

  g_mutex_lock (&sub->lock);
  if (sub->removed)
    {
      g_mutex_unlock (&sub->lock);
      return G_SOURCE_REMOVE;
    }

  samples = g_array_sized_new (FALSE, FALSE, sizeof (PdSample), sub->pending->len);
  for (guint i = 0; i < sub->pending->len; i++)
    {
      BatchEntry *entry = g_ptr_array_index (sub->pending, i);

      g_array_append_val (samples, entry->pending);
      entry->is_pending = FALSE;
    }
  g_ptr_array_set_size (sub->pending, 0);

  changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < sub->changed->len; i++)
    {
      gint64 id = g_array_index (sub->changed, gint64, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < changed->len && !seen; j++)
        seen = g_array_index (changed, gint64, j) == id;
      if (!seen)
        g_array_append_val (changed, id);
    }
  g_array_set_size (sub->changed, 0);

  g_clear_pointer (&sub->source, g_source_unref);
  sub->last_delivery = g_get_monotonic_time ();
  g_mutex_unlock (&sub->lock);

  if (samples->len > 0 || changed->len > 0)
    sub->func (sub->engine, (const PdSample *) samples->data, samples->len,
               (const gint64 *) changed->data, changed->len, sub->data);

  return G_SOURCE_REMOVE;
}

static void
batch_push (BatchSub       *sub,
            const PdSample *samples,
            const double   *deadbands,
            guint           n_samples,
            const gint64   *changed,
            guint           n_changed)
{
  g_mutex_lock (&sub->lock);

  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *sample = &samples[i];
      BatchEntry *entry = g_hash_table_lookup (sub->entries, &sample->tag_id);

      if (entry == NULL)
        {
          entry = g_new0 (BatchEntry, 1);
          entry->tag_id = sample->tag_id;
          g_hash_table_insert (sub->entries, &entry->tag_id, entry);
        }

      /* The deadband keeps noise from the UI; a change of quality always
       * goes through. */
      if (entry->has_last
          && entry->last_quality == sample->quality
          && !(fabs (sample->value - entry->last_value) > deadbands[i]))
        continue;

      entry->has_last = TRUE;
      entry->last_value = sample->value;
      entry->last_quality = sample->quality;
      entry->pending = *sample;
      if (!entry->is_pending)
        {
          entry->is_pending = TRUE;
          g_ptr_array_add (sub->pending, entry);
        }
    }

  if (n_changed > 0)
    g_array_append_vals (sub->changed, changed, n_changed);

  if ((sub->pending->len > 0 || sub->changed->len > 0)
      && sub->source == NULL && !sub->removed)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 due = sub->last_delivery + (gint64) sub->interval_ms * 1000;
      guint delay_ms = due > now ? (guint) ((due - now + 999) / 1000) : 0;

      /* One timeout per batch, not one idle per value, and none at all
       * while nothing changes. */
      sub->source = g_timeout_source_new (delay_ms);
      g_source_set_static_name (sub->source, "[plantdesk] engine batch");
      g_source_set_callback (sub->source, batch_deliver_cb, batch_sub_ref (sub), batch_sub_unref);
      g_source_attach (sub->source, sub->context);
    }

  g_mutex_unlock (&sub->lock);
}

static void
dispatch (gpointer        engine,
          const PdSample *samples,
          const double   *deadbands,
          guint           n_samples,
          const gint64   *changed,
          guint           n_changed)
{
  PdEngine *self = engine;

  if (n_samples == 0 && n_changed == 0)
    return;

  g_rw_lock_reader_lock (&self->subs_lock);
  for (guint i = 0; i < self->direct->len; i++)
    {
      DirectSub *sub = g_ptr_array_index (self->direct, i);

      sub->func (self, samples, n_samples, changed, n_changed, sub->data);
    }
  for (guint i = 0; i < self->batched->len; i++)
    batch_push (g_ptr_array_index (self->batched, i), samples, deadbands, n_samples,
                changed, n_changed);
  g_rw_lock_reader_unlock (&self->subs_lock);
}

guint
pd_engine_subscribe_direct (PdEngine       *self,
                            PdEngineFunc    func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  DirectSub *sub;

  g_return_val_if_fail (PD_IS_ENGINE (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  sub = g_new0 (DirectSub, 1);
  sub->func = func;
  sub->data = user_data;
  sub->destroy = destroy;

  g_rw_lock_writer_lock (&self->subs_lock);
  sub->id = ++self->last_sub_id;
  g_ptr_array_add (self->direct, sub);
  g_rw_lock_writer_unlock (&self->subs_lock);

  return sub->id;
}

guint
pd_engine_subscribe (PdEngine       *self,
                     GMainContext   *context,
                     guint           interval_ms,
                     PdEngineFunc    func,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  BatchSub *sub;

  g_return_val_if_fail (PD_IS_ENGINE (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  sub = g_new0 (BatchSub, 1);
  g_atomic_ref_count_init (&sub->ref);
  sub->engine = self;
  sub->context = context != NULL ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  sub->interval_ms = interval_ms;
  sub->func = func;
  sub->data = user_data;
  sub->destroy = destroy;
  g_mutex_init (&sub->lock);
  sub->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  sub->pending = g_ptr_array_new ();
  sub->changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_rw_lock_writer_lock (&self->subs_lock);
  sub->id = ++self->last_sub_id;
  g_ptr_array_add (self->batched, sub);
  g_rw_lock_writer_unlock (&self->subs_lock);

  return sub->id;
}

void
pd_engine_unsubscribe (PdEngine *self,
                       guint     subscription)
{
  DirectSub *direct = NULL;
  BatchSub *batched = NULL;

  g_return_if_fail (PD_IS_ENGINE (self));

  /* The writer lock waits for dispatches in progress: once this returns,
   * FUNC is not called again. */
  g_rw_lock_writer_lock (&self->subs_lock);
  for (guint i = 0; i < self->direct->len && direct == NULL; i++)
    if (((DirectSub *) g_ptr_array_index (self->direct, i))->id == subscription)
      direct = g_ptr_array_steal_index (self->direct, i);
  for (guint i = 0; i < self->batched->len && batched == NULL; i++)
    if (((BatchSub *) g_ptr_array_index (self->batched, i))->id == subscription)
      batched = g_ptr_array_steal_index (self->batched, i);
  g_rw_lock_writer_unlock (&self->subs_lock);

  if (direct != NULL)
    {
      if (direct->destroy != NULL)
        direct->destroy (direct->data);
      g_free (direct);
    }

  if (batched != NULL)
    {
      g_mutex_lock (&batched->lock);
      batched->removed = TRUE;
      if (batched->source != NULL)
        {
          g_source_destroy (batched->source);
          g_clear_pointer (&batched->source, g_source_unref);
        }
      g_mutex_unlock (&batched->lock);
      if (batched->destroy != NULL)
        batched->destroy (batched->data);
      batch_sub_unref (batched);
    }
}

/* --- Configuration ------------------------------------------------------ */

static PdConnectionDevice *
connection_device_copy (const PdConnectionDevice *cd)
{
  PdConnectionDevice *copy = pd_connection_device_new (cd->device, cd->stats);

  for (guint i = 0; i < cd->tags->len; i++)
    g_ptr_array_add (copy->tags, pd_tag_copy (g_ptr_array_index (cd->tags, i)));
  return copy;
}

static GPtrArray *
connection_devices_copy (GPtrArray *cds)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_connection_device_free);

  for (guint i = 0; i < cds->len; i++)
    g_ptr_array_add (copy, connection_device_copy (g_ptr_array_index (cds, i)));
  return copy;
}

static gboolean
configs_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!pd_connection_device_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static PdConnection *
connection_new (PdEngine   *self,
                const char *key,
                GPtrArray  *cds)
{
  PdConnection *connection = pd_connection_new (key, connection_devices_copy (cds), dispatch, self);

  if (self->backoff_min_ms > 0)
    pd_connection_set_backoff (connection, self->backoff_min_ms, self->backoff_max_ms);
  if (self->running)
    pd_connection_start (connection);
  return connection;
}

void
pd_engine_configure (PdEngine  *self,
                     GPtrArray *devices,
                     GPtrArray *tags)
{
  g_autoptr(GHashTable) configs = NULL;
  g_autoptr(GHashTable) by_device = NULL;
  g_autoptr(GHashTable) stats = NULL;
  g_autoptr(GHashTable) device_keys = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_connection_free);
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (PD_IS_ENGINE (self));
  g_return_if_fail (devices != NULL);
  g_return_if_fail (tags != NULL);

  configs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  by_device = g_hash_table_new (g_int64_hash, g_int64_equal);
  stats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) pd_device_stats_unref);
  device_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_mutex_lock (&self->lock);

  for (guint i = 0; i < devices->len; i++)
    {
      const PdDevice *device = g_ptr_array_index (devices, i);
      g_autofree char *conn_key = NULL;
      PdDeviceStats *device_stats;
      PdConnectionDevice *cd;
      GPtrArray *list;

      if (!pd_device_is_polled (device))
        continue;

      device_stats = g_hash_table_lookup (self->stats, &device->id);
      device_stats = device_stats != NULL ? pd_device_stats_ref (device_stats) : pd_device_stats_new (device->id);
      g_hash_table_insert (stats, g_memdup2 (&device->id, sizeof (gint64)), device_stats);

      conn_key = pd_device_dup_connection_key (device);
      cd = pd_connection_device_new (device, device_stats);
      g_hash_table_insert (by_device, &cd->device->id, cd);
      g_hash_table_insert (device_keys, g_memdup2 (&device->id, sizeof (gint64)), g_strdup (conn_key));

      list = g_hash_table_lookup (configs, conn_key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_connection_device_free);
          g_hash_table_insert (configs, g_steal_pointer (&conn_key), list);
        }
      g_ptr_array_add (list, cd);
    }

  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      PdConnectionDevice *cd = g_hash_table_lookup (by_device, &tag->device_id);

      if (cd != NULL)
        g_ptr_array_add (cd->tags, pd_tag_copy (tag));
    }

  /* Connections that are gone, or whose link itself changed, stop. */
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = g_hash_table_lookup (configs, key);

      if (list == NULL
          || pd_connection_link_differs (value, ((PdConnectionDevice *) g_ptr_array_index (list, 0))->device))
        {
          g_ptr_array_add (doomed, value);
          g_hash_table_iter_steal (&iter);
          g_hash_table_remove (self->configs, key);
          g_free (key);
        }
    }

  g_hash_table_iter_init (&iter, configs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PdConnection *connection = g_hash_table_lookup (self->connections, key);
      GPtrArray *old = g_hash_table_lookup (self->configs, key);

      if (connection == NULL)
        g_hash_table_insert (self->connections, g_strdup (key), connection_new (self, key, value));
      else if (old == NULL || !configs_equal (old, value))
        pd_connection_reconfigure (connection, connection_devices_copy (value));
      /* else: unchanged, the worker goes on untouched. */
    }

  g_clear_pointer (&self->configs, g_hash_table_unref);
  self->configs = g_steal_pointer (&configs);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  self->stats = g_steal_pointer (&stats);
  g_clear_pointer (&self->device_keys, g_hash_table_unref);
  self->device_keys = g_steal_pointer (&device_keys);

  g_mutex_unlock (&self->lock);

  /* Joined outside the lock: a worker may be reading a status meanwhile. */
  g_clear_pointer (&doomed, g_ptr_array_unref);
}

void
pd_engine_start (PdEngine *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PD_IS_ENGINE (self));

  g_mutex_lock (&self->lock);
  if (!self->running)
    {
      self->running = TRUE;
      g_hash_table_iter_init (&iter, self->connections);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        pd_connection_start (value);
    }
  g_mutex_unlock (&self->lock);
}

void
pd_engine_stop (PdEngine *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PD_IS_ENGINE (self));

  g_mutex_lock (&self->lock);
  if (self->running)
    {
      self->running = FALSE;
      g_hash_table_iter_init (&iter, self->connections);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        pd_connection_stop (value);
    }
  g_mutex_unlock (&self->lock);
}

gboolean
pd_engine_is_running (PdEngine *self)
{
  gboolean running;

  g_return_val_if_fail (PD_IS_ENGINE (self), FALSE);

  g_mutex_lock (&self->lock);
  running = self->running;
  g_mutex_unlock (&self->lock);

  return running;
}

void
pd_engine_set_backoff (PdEngine *self,
                       guint     min_ms,
                       guint     max_ms)
{
  g_return_if_fail (PD_IS_ENGINE (self));

  g_mutex_lock (&self->lock);
  self->backoff_min_ms = min_ms;
  self->backoff_max_ms = max_ms;
  g_mutex_unlock (&self->lock);
}

guint
pd_engine_get_n_workers (PdEngine *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->running ? g_hash_table_size (self->connections) : 0;
  g_mutex_unlock (&self->lock);

  return n;
}

PdDeviceStatus *
pd_engine_dup_status (PdEngine *self,
                      gint64    device_id)
{
  g_autoptr(PdDeviceStats) stats = NULL;

  g_return_val_if_fail (PD_IS_ENGINE (self), NULL);

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, &device_id);
  if (stats != NULL)
    pd_device_stats_ref (stats);
  g_mutex_unlock (&self->lock);

  return stats != NULL ? pd_device_stats_dup_status (stats) : NULL;
}

/* --- Writes ------------------------------------------------------------- */

typedef struct
{
  PdDevice *device;
  PdTag    *tag;
  guint16   registers[4];
  guint     n_registers;
  guint8    bit;
} WriteData;

static void
write_data_free (WriteData *data)
{
  pd_device_free (data->device);
  pd_tag_free (data->tag);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean link_lost;
  modbus_t *ctx;

  ctx = pd_modbus_open (data->device, &error);
  if (ctx == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (pd_modbus_write_tag (ctx, data->device, data->tag, data->registers,
                           data->n_registers, data->bit, &link_lost, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  modbus_close (ctx);
  modbus_free (ctx);
}

void
pd_engine_write_async (PdEngine           *self,
                       const PdDevice     *device,
                       const PdTag        *tag,
                       double              value,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;
  PdConnection *connection = NULL;

  g_return_if_fail (PD_IS_ENGINE (self));
  g_return_if_fail (device != NULL);
  g_return_if_fail (tag != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_engine_write_async);

  if (!tag->writable || !pd_area_is_writable (tag->area))
    {
      g_task_return_new_error (task, PD_ERROR, PD_ERROR_INVALID,
                               _("Tag “%s” is not writable"), tag->name);
      return;
    }

  data = g_new0 (WriteData, 1);
  data->device = pd_device_copy (device);
  data->tag = pd_tag_copy (tag);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);

  if (!pd_modbus_encode (tag, value, data->registers, &data->n_registers, &data->bit, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_mutex_lock (&self->lock);
  if (self->running && device->id != 0)
    {
      const char *key = g_hash_table_lookup (self->device_keys, &device->id);

      if (key != NULL)
        connection = g_hash_table_lookup (self->connections, key);
      if (connection != NULL)
        pd_connection_queue_write (connection, device->id, tag, data->registers,
                                   data->n_registers, data->bit, task);
    }
  g_mutex_unlock (&self->lock);

  if (connection == NULL)
    g_task_run_in_thread (task, write_thread);
}

gboolean
pd_engine_write_finish (PdEngine     *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- One-off reads ------------------------------------------------------ */

GArray *
pd_engine_read_once (const PdDevice *device,
                     GPtrArray      *tags,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(PdReadPlan) plan = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autofree char *address = NULL;
  PdReadResult result;
  modbus_t *ctx;
  gint64 ts;

  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (tags != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ctx = pd_modbus_open (device, error);
  if (ctx == NULL)
    return NULL;

  plan = pd_read_plan_new (device, tags, NULL, NULL, TRUE);
  samples = g_array_sized_new (FALSE, TRUE, sizeof (PdSample), tags->len);
  g_array_set_size (samples, tags->len);
  ts = g_get_real_time ();
  for (guint i = 0; i < tags->len; i++)
    {
      PdSample *sample = &g_array_index (samples, PdSample, i);

      sample->tag_id = ((PdTag *) g_ptr_array_index (tags, i))->id;
      sample->ts = ts;
      sample->quality = PD_QUALITY_BAD;
    }

  pd_read_result_init (&result);
  for (guint g = 0; g < plan->groups->len && !result.link_lost; g++)
    {
      const PdPollGroup *group = g_ptr_array_index (plan->groups, g);

      pd_modbus_read_blocks (ctx, device, plan, group->blocks, NULL,
                             (PdSample *) samples->data, NULL, &result);
    }

  modbus_close (ctx);
  modbus_free (ctx);

  if (result.requests > 0 && result.answered == 0)
    {
      GQuark domain = G_IO_ERROR;
      int code;

      /* The cause as a code: a silent device, a link that broke (libmodbus
       * reports a reset or a closed peer), or only garbage, which is the
       * device's fault rather than the link's. */
      if (result.timeouts > 0)
        code = G_IO_ERROR_TIMED_OUT;
      else if (result.link_lost)
        code = G_IO_ERROR_CONNECTION_CLOSED;
      else
        {
          domain = PD_ERROR;
          code = PD_ERROR_FAILED;
        }

      address = pd_device_dup_address (device);
      g_set_error (error, domain, code,
                   _("%s (%s) does not answer: %s"), device->name, address,
                   result.error != NULL ? result.error : "");
      pd_read_result_clear (&result);
      return NULL;
    }

  pd_read_result_clear (&result);
  return g_steal_pointer (&samples);
}

typedef struct
{
  PdDevice  *device;
  GPtrArray *tags;
} ReadOnceData;

static void
read_once_data_free (ReadOnceData *data)
{
  pd_device_free (data->device);
  g_ptr_array_unref (data->tags);
  g_free (data);
}

static void
read_once_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReadOnceData *data = task_data;
  GError *error = NULL;
  GArray *samples = pd_engine_read_once (data->device, data->tags, cancellable, &error);

  if (samples == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, samples, (GDestroyNotify) g_array_unref);
}

void
pd_engine_read_once_async (const PdDevice     *device,
                           GPtrArray          *tags,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadOnceData *data;

  g_return_if_fail (device != NULL);
  g_return_if_fail (tags != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_engine_read_once_async);

  data = g_new0 (ReadOnceData, 1);
  data->device = pd_device_copy (device);
  data->tags = g_ptr_array_new_full (tags->len, (GDestroyNotify) pd_tag_free);
  for (guint i = 0; i < tags->len; i++)
    g_ptr_array_add (data->tags, pd_tag_copy (g_ptr_array_index (tags, i)));
  g_task_set_task_data (task, data, (GDestroyNotify) read_once_data_free);

  g_task_run_in_thread (task, read_once_thread);
}

GArray *
pd_engine_read_once_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_connection_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const PdDevice *device = task_data;
  g_autoptr(GError) error = NULL;
  guint16 reg;
  gint64 t0;
  guint64 *round_trip;
  modbus_t *ctx;
  int rc;
  int e;

  ctx = pd_modbus_open (device, &error);
  if (ctx == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Any answer proves the link, an exception included. */
  t0 = g_get_monotonic_time ();
  rc = modbus_read_registers (ctx, 0, 1, &reg);
  e = errno;
  round_trip = g_new (guint64, 1);
  *round_trip = g_get_monotonic_time () - t0;
  modbus_close (ctx);
  modbus_free (ctx);

  if (rc == 1 || (e >= EMBXILFUN && e <= EMBXGTAR))
    g_task_return_pointer (task, round_trip, g_free);
  else
    {
      g_free (round_trip);
      if (e == ETIMEDOUT)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 _("Connected, but no answer within %u ms"), device->timeout_ms);
      else if (e < MODBUS_ENOBASE)
        /* The link broke rather than the device saying nonsense. */
        g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (e),
                                 _("Connected, but the answer was not understood: %s"),
                                 modbus_strerror (e));
      else
        g_task_return_new_error (task, PD_ERROR, PD_ERROR_FAILED,
                                 _("Connected, but the answer was not understood: %s"),
                                 modbus_strerror (e));
    }
}

void
pd_engine_test_connection_async (const PdDevice     *device,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (device != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_engine_test_connection_async);
  g_task_set_task_data (task, pd_device_copy (device), (GDestroyNotify) pd_device_free);
  g_task_run_in_thread (task, test_connection_thread);
}

gboolean
pd_engine_test_connection_finish (GAsyncResult *result,
                                  guint64      *round_trip_us,
                                  GError      **error)
{
  g_autofree guint64 *round_trip = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  round_trip = g_task_propagate_pointer (G_TASK (result), error);
  if (round_trip == NULL)
    return FALSE;
  if (round_trip_us != NULL)
    *round_trip_us = *round_trip;
  return TRUE;
}

/* --- GObject ------------------------------------------------------------ */

static void
pd_engine_dispose (GObject *object)
{
  PdEngine *self = PD_ENGINE (object);

  pd_engine_stop (self);

  while (self->direct->len > 0)
    pd_engine_unsubscribe (self, ((DirectSub *) g_ptr_array_index (self->direct, 0))->id);
  while (self->batched->len > 0)
    pd_engine_unsubscribe (self, ((BatchSub *) g_ptr_array_index (self->batched, 0))->id);

  g_hash_table_remove_all (self->connections);
  g_hash_table_remove_all (self->configs);

  G_OBJECT_CLASS (pd_engine_parent_class)->dispose (object);
}

static void
pd_engine_finalize (GObject *object)
{
  PdEngine *self = PD_ENGINE (object);

  g_hash_table_unref (self->connections);
  g_hash_table_unref (self->configs);
  g_hash_table_unref (self->stats);
  g_hash_table_unref (self->device_keys);
  g_ptr_array_unref (self->direct);
  g_ptr_array_unref (self->batched);
  g_mutex_clear (&self->lock);
  g_rw_lock_clear (&self->subs_lock);

  G_OBJECT_CLASS (pd_engine_parent_class)->finalize (object);
}

static void
pd_engine_class_init (PdEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_engine_dispose;
  object_class->finalize = pd_engine_finalize;
}

static void
pd_engine_init (PdEngine *self)
{
  g_mutex_init (&self->lock);
  g_rw_lock_init (&self->subs_lock);
  self->connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) pd_connection_free);
  self->configs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->stats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) pd_device_stats_unref);
  self->device_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->direct = g_ptr_array_new ();
  self->batched = g_ptr_array_new ();
}

PdEngine *
pd_engine_new (void)
{
  return g_object_new (PD_TYPE_ENGINE, NULL);
}
