/* pd-acquisition.c — the station's acquisition: store, engine, historian
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-acquisition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-acquisition.h"
#include "pd-error.h"
#include "pd-modbus-codec.h"
#include "pd-store-devices.h"
#include "pd-store-private.h"

/* How often the UI hears of new values: at most ten times a second. */
#define UI_INTERVAL_MS 100

struct _PdAcquisition
{
  GObject      parent_instance;

  PdStore     *store;
  PdHistorian *historian;
  PdEngine    *engine;
  gulong       devices_changed_id;
  guint        direct_id;
  guint        batched_id;

  PdAlarmEngine *alarms;
  gulong       alarms_changed_id;
  gulong       alarms_devices_changed_id;

  PdMachineCounts *counts;
  gulong       counts_master_changed_id;
  gulong       counts_devices_changed_id;
  gulong       counts_changed_id;
  PdQty        counts_reported;   /* parts the counter had written, last seen */

  GHashTable  *values;        /* tag id → PdSample */
  GHashTable  *devices;       /* device id → PdDevice */
  GHashTable  *tags;          /* tag id → PdTag */

  /* Read by the engine's workers. */
  GMutex       history_lock;
  GHashTable  *history_tags;  /* tag ids with history on */
};

G_DEFINE_FINAL_TYPE (PdAcquisition, pd_acquisition, G_TYPE_OBJECT)

enum {
  VALUES_CHANGED,
  DEVICE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reload (PdAcquisition *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  GHashTable *history_tags;

  devices = pd_store_list_devices (self->store, &error);
  if (devices != NULL)
    tags = pd_store_list_tags (self->store, 0, &error);
  if (devices == NULL || tags == NULL)
    {
      /* Keep polling what was configured; the next change retries. */
      g_debug ("Cannot read the device configuration: %s", error->message);
      return;
    }

  g_hash_table_remove_all (self->devices);
  for (guint i = 0; i < devices->len; i++)
    {
      PdDevice *device = pd_device_copy (g_ptr_array_index (devices, i));

      g_hash_table_insert (self->devices, &device->id, device);
    }

  history_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_remove_all (self->tags);
  for (guint i = 0; i < tags->len; i++)
    {
      PdTag *tag = pd_tag_copy (g_ptr_array_index (tags, i));

      g_hash_table_insert (self->tags, &tag->id, tag);
      if (tag->history)
        g_hash_table_add (history_tags, g_memdup2 (&tag->id, sizeof (gint64)));
    }

  g_mutex_lock (&self->history_lock);
  g_clear_pointer (&self->history_tags, g_hash_table_unref);
  self->history_tags = history_tags;
  g_mutex_unlock (&self->history_lock);

  pd_engine_configure (self->engine, devices, tags);
}

static void
devices_changed_cb (PdStore       *store,
                    PdAcquisition *self)
{
  reload (self);
}

/* On a worker thread: only tags with history on reach the historian. */
static void
history_cb (PdEngine       *engine,
            const PdSample *samples,
            guint           n_samples,
            const gint64   *changed,
            guint           n_changed,
            gpointer        user_data)
{
  PdAcquisition *self = user_data;
  g_autoptr(GArray) kept = NULL;

  if (n_samples == 0)
    return;

  kept = g_array_sized_new (FALSE, FALSE, sizeof (PdSample), n_samples);
  g_mutex_lock (&self->history_lock);
  for (guint i = 0; i < n_samples; i++)
    if (self->history_tags != NULL && g_hash_table_contains (self->history_tags, &samples[i].tag_id))
      g_array_append_val (kept, samples[i]);
  g_mutex_unlock (&self->history_lock);

  if (kept->len > 0)
    pd_historian_append (self->historian, (const PdSample *) kept->data, kept->len);
}

/* On the store's thread, at most every UI_INTERVAL_MS. */
static void
values_cb (PdEngine       *engine,
           const PdSample *samples,
           guint           n_samples,
           const gint64   *changed,
           guint           n_changed,
           gpointer        user_data)
{
  PdAcquisition *self = user_data;

  if (n_samples > 0)
    {
      g_autofree gint64 *ids = g_new (gint64, n_samples);

      for (guint i = 0; i < n_samples; i++)
        {
          PdSample *sample = g_hash_table_lookup (self->values, &samples[i].tag_id);

          if (sample == NULL)
            {
              sample = g_new (PdSample, 1);
              *sample = samples[i];
              g_hash_table_insert (self->values, &sample->tag_id, sample);
            }
          else
            *sample = samples[i];
          ids[i] = samples[i].tag_id;
        }
      g_signal_emit (self, signals[VALUES_CHANGED], 0, ids, n_samples);
    }

  for (guint i = 0; i < n_changed; i++)
    g_signal_emit (self, signals[DEVICE_CHANGED], 0, changed[i]);
}

void
pd_acquisition_start (PdAcquisition *self)
{
  g_return_if_fail (PD_IS_ACQUISITION (self));

  if (pd_engine_is_running (self->engine))
    return;

  if (self->devices_changed_id == 0
      && g_signal_lookup ("devices-changed", G_OBJECT_TYPE (self->store)) != 0)
    self->devices_changed_id = g_signal_connect (self->store, "devices-changed",
                                                 G_CALLBACK (devices_changed_cb), self);
  if (self->historian != NULL && self->direct_id == 0)
    self->direct_id = pd_engine_subscribe_direct (self->engine, history_cb, self, NULL);
  if (self->batched_id == 0)
    self->batched_id = pd_engine_subscribe (self->engine, NULL, UI_INTERVAL_MS, values_cb, self, NULL);

  reload (self);
  pd_engine_start (self->engine);
}

void
pd_acquisition_stop (PdAcquisition *self)
{
  g_return_if_fail (PD_IS_ACQUISITION (self));

  pd_engine_stop (self->engine);
  g_clear_signal_handler (&self->devices_changed_id, self->store);
  if (self->direct_id != 0)
    pd_engine_unsubscribe (self->engine, self->direct_id);
  if (self->batched_id != 0)
    pd_engine_unsubscribe (self->engine, self->batched_id);
  self->direct_id = 0;
  self->batched_id = 0;
}

void
pd_acquisition_set_historian (PdAcquisition *self,
                              PdHistorian   *historian)
{
  g_return_if_fail (PD_IS_ACQUISITION (self));
  g_return_if_fail (PD_IS_HISTORIAN (historian));
  /* Workers read the historian without a lock: it is set once, before the
   * subscription that makes them use it. */
  g_return_if_fail (self->historian == NULL);

  self->historian = g_object_ref (historian);
  if (pd_engine_is_running (self->engine) && self->direct_id == 0)
    self->direct_id = pd_engine_subscribe_direct (self->engine, history_cb, self, NULL);
}

static void
alarms_reload_cb (PdStore       *store,
                  PdAcquisition *self)
{
  pd_alarm_engine_reload (self->alarms);
}

void
pd_acquisition_set_alarm_engine (PdAcquisition *self,
                                 PdAlarmEngine *alarms)
{
  g_return_if_fail (PD_IS_ACQUISITION (self));
  g_return_if_fail (alarms == NULL || PD_IS_ALARM_ENGINE (alarms));

  if (self->alarms == alarms)
    return;

  if (self->alarms != NULL)
    {
      g_clear_signal_handler (&self->alarms_changed_id, self->store);
      g_clear_signal_handler (&self->alarms_devices_changed_id, self->store);
      pd_alarm_engine_detach (self->alarms);
      g_clear_object (&self->alarms);
    }

  if (alarms == NULL)
    return;

  self->alarms = g_object_ref (alarms);
  pd_alarm_engine_attach (alarms, self->engine);
  self->alarms_changed_id = g_signal_connect (self->store, "alarms-changed",
                                              G_CALLBACK (alarms_reload_cb), self);
  self->alarms_devices_changed_id = g_signal_connect (self->store, "devices-changed",
                                                      G_CALLBACK (alarms_reload_cb), self);
}

PdAlarmEngine *
pd_acquisition_get_alarm_engine (PdAcquisition *self)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);
  return self->alarms;
}

/* The counter writes its reports on a connection of its own, so the
 * station's views learn of them here: the order's quantities and the
 * material its reports moved. */
static void
counts_changed_cb (PdMachineCounts *counts,
                   PdAcquisition   *self)
{
  g_autoptr(GPtrArray) statuses = pd_machine_counts_dup_statuses (counts);
  PdQty reported = 0;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      const PdMachineCountsStatus *status = g_ptr_array_index (statuses, i);

      reported += status->reported_good + status->reported_scrap;
    }
  if (reported == self->counts_reported)
    return;
  self->counts_reported = reported;
  _pd_store_emit (self->store, PD_STORE_SIGNAL_WORK_ORDERS_CHANGED);
  _pd_store_emit (self->store, PD_STORE_SIGNAL_STOCK_CHANGED);
}

static void
counts_reload_cb (PdStore       *store,
                  PdAcquisition *self)
{
  pd_machine_counts_reload (self->counts);
}

void
pd_acquisition_set_machine_counts (PdAcquisition   *self,
                                   PdMachineCounts *counts)
{
  g_return_if_fail (PD_IS_ACQUISITION (self));
  g_return_if_fail (counts == NULL || PD_IS_MACHINE_COUNTS (counts));

  if (self->counts == counts)
    return;

  if (self->counts != NULL)
    {
      g_clear_signal_handler (&self->counts_master_changed_id, self->store);
      g_clear_signal_handler (&self->counts_devices_changed_id, self->store);
      g_clear_signal_handler (&self->counts_changed_id, self->counts);
      pd_machine_counts_detach (self->counts);
      g_clear_object (&self->counts);
    }

  if (counts == NULL)
    return;

  self->counts = g_object_ref (counts);
  pd_machine_counts_attach (counts, self->engine);
  self->counts_master_changed_id = g_signal_connect (self->store, "mes-master-changed",
                                                     G_CALLBACK (counts_reload_cb), self);
  self->counts_devices_changed_id = g_signal_connect (self->store, "devices-changed",
                                                      G_CALLBACK (counts_reload_cb), self);
  self->counts_reported = 0;
  self->counts_changed_id = g_signal_connect (counts, "changed", G_CALLBACK (counts_changed_cb), self);
}

PdMachineCounts *
pd_acquisition_get_machine_counts (PdAcquisition *self)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);
  return self->counts;
}

PdStore *
pd_acquisition_get_store (PdAcquisition *self)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);
  return self->store;
}

PdEngine *
pd_acquisition_get_engine (PdAcquisition *self)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);
  return self->engine;
}

PdHistorian *
pd_acquisition_get_historian (PdAcquisition *self)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);
  return self->historian;
}

gboolean
pd_acquisition_lookup_value (PdAcquisition *self,
                             gint64         tag_id,
                             PdSample      *sample)
{
  PdSample *found;

  g_return_val_if_fail (PD_IS_ACQUISITION (self), FALSE);

  found = g_hash_table_lookup (self->values, &tag_id);
  if (found == NULL)
    return FALSE;
  if (sample != NULL)
    *sample = *found;
  return TRUE;
}

PdDeviceStatus *
pd_acquisition_dup_status (PdAcquisition *self,
                           gint64         device_id)
{
  g_return_val_if_fail (PD_IS_ACQUISITION (self), NULL);

  return pd_engine_dup_status (self->engine, device_id);
}

/* --- Writes ------------------------------------------------------------- */

typedef struct
{
  PdUser   *actor;
  PdDevice *device;
  PdTag    *tag;
  double    value;
  char     *detail;
  gboolean  ok;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->actor);
  g_clear_pointer (&job->device, pd_device_free);
  g_clear_pointer (&job->tag, pd_tag_free);
  g_free (job->detail);
  g_free (job);
}

static gboolean
record_write (PdWrite  *write,
              gpointer  user_data,
              GError  **error)
{
  WriteJob *job = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, job->tag->id);
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "device", job->device->name);
  json_object_set_string_member (payload, "tag", job->tag->name);
  json_object_set_double_member (payload, "value", job->value);
  json_object_set_boolean_member (payload, "ok", job->ok);

  pd_write_set_entity_id (write, id);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, job->detail);
  pd_write_take_payload (write, payload);
  return TRUE;
}

static void
engine_write_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdAcquisition *self = g_task_get_source_object (task);
  WriteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) audit_error = NULL;
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  job->ok = pd_engine_write_finish (PD_ENGINE (source), result, &error);
  g_ascii_formatd (value, sizeof value, "%.10g", job->value);
  if (job->ok)
    job->detail = g_strdup_printf ("%s/%s = %s%s%s", job->device->name, job->tag->name, value,
                                   job->tag->unit != NULL && *job->tag->unit ? " " : "",
                                   job->tag->unit != NULL ? job->tag->unit : "");
  else
    job->detail = g_strdup_printf ("%s/%s = %s: %s", job->device->name, job->tag->name, value,
                                   error->message);

  /* The write reached the device (or failed there) whatever the audit
   * does; an audit failure is reported rather than hidden. */
  if (!pd_store_write (self->store, job->actor, PD_PERMISSION_TAGS_WRITE,
                       job->ok ? "tag.write" : "tag.write-failed", "tag",
                       record_write, job, &audit_error) && job->ok)
    {
      g_task_return_error (task, g_steal_pointer (&audit_error));
      return;
    }

  if (job->ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
pd_acquisition_write_value_async (PdAcquisition      *self,
                                  PdUser             *actor,
                                  gint64              tag_id,
                                  double              value,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(PdDevice) device = NULL;
  WriteJob *job;

  g_return_if_fail (PD_IS_ACQUISITION (self));
  g_return_if_fail (PD_IS_USER (actor));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_acquisition_write_value_async);

  tag = pd_store_get_tag (self->store, tag_id, &error);
  if (tag != NULL)
    device = pd_store_get_device (self->store, tag->device_id, &error);
  if (device == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!tag->writable || !pd_area_is_writable (tag->area))
    {
      g_task_return_new_error (task, PD_ERROR, PD_ERROR_INVALID,
                               _("Tag “%s” is not writable"), tag->name);
      return;
    }

  /* A value that cannot be encoded is bad input: refused before anything
   * is asked of the user's rights or of the device, and not audited. */
  {
    guint16 registers[4];
    guint n_registers = 0;
    guint8 bit = 0;

    if (!pd_modbus_encode (tag, value, registers, &n_registers, &bit, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  if (!pd_store_check_permission (self->store, actor, PD_PERMISSION_TAGS_WRITE, "tag.write", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (WriteJob, 1);
  job->actor = g_object_ref (actor);
  job->device = g_steal_pointer (&device);
  job->tag = g_steal_pointer (&tag);
  job->value = value;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);

  pd_engine_write_async (self->engine, job->device, job->tag, value, cancellable,
                         engine_write_cb, g_steal_pointer (&task));
}

gboolean
pd_acquisition_write_value_finish (PdAcquisition *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- GObject ------------------------------------------------------------ */

static void
pd_acquisition_dispose (GObject *object)
{
  PdAcquisition *self = PD_ACQUISITION (object);

  if (self->engine != NULL)
    pd_acquisition_stop (self);
  if (self->store != NULL)
    pd_acquisition_set_alarm_engine (self, NULL);
  if (self->store != NULL)
    pd_acquisition_set_machine_counts (self, NULL);
  g_clear_object (&self->engine);
  g_clear_object (&self->historian);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_acquisition_parent_class)->dispose (object);
}

static void
pd_acquisition_finalize (GObject *object)
{
  PdAcquisition *self = PD_ACQUISITION (object);

  g_hash_table_unref (self->values);
  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->tags);
  g_clear_pointer (&self->history_tags, g_hash_table_unref);
  g_mutex_clear (&self->history_lock);

  G_OBJECT_CLASS (pd_acquisition_parent_class)->finalize (object);
}

static void
pd_acquisition_class_init (PdAcquisitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_acquisition_dispose;
  object_class->finalize = pd_acquisition_finalize;

  signals[VALUES_CHANGED] =
    g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  signals[DEVICE_CHANGED] =
    g_signal_new ("device-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
pd_acquisition_init (PdAcquisition *self)
{
  g_mutex_init (&self->history_lock);
  self->values = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->devices = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) pd_device_free);
  self->tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) pd_tag_free);
  self->engine = pd_engine_new ();
}

PdAcquisition *
pd_acquisition_new (PdStore     *store,
                    PdHistorian *historian)
{
  PdAcquisition *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (historian == NULL || PD_IS_HISTORIAN (historian), NULL);

  self = g_object_new (PD_TYPE_ACQUISITION, NULL);
  self->store = g_object_ref (store);
  self->historian = historian != NULL ? g_object_ref (historian) : NULL;
  return self;
}
