/* pd-store-worker.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-worker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-store-private.h"
#include "pd-store-worker.h"

/* The store signals a job may cause, by name, in PdStoreSignal order. */
static const char * const signal_names[PD_STORE_N_SIGNALS] = {
  [PD_STORE_SIGNAL_USERS_CHANGED] = "users-changed",
  [PD_STORE_SIGNAL_AUDIT_APPENDED] = "audit-appended",
  [PD_STORE_SIGNAL_STATION_CHANGED] = "station-changed",
  [PD_STORE_SIGNAL_DEVICES_CHANGED] = "devices-changed",
  [PD_STORE_SIGNAL_INSPECTIONS_CHANGED] = "inspections-changed",
  [PD_STORE_SIGNAL_ALARMS_CHANGED] = "alarms-changed",
  [PD_STORE_SIGNAL_STOCK_CHANGED] = "stock-changed",
  [PD_STORE_SIGNAL_WORK_ORDERS_CHANGED] = "work-orders-changed",
  [PD_STORE_SIGNAL_MES_MASTER_CHANGED] = "mes-master-changed",
};

typedef struct
{
  PdStoreWorkerFunc  func;
  gpointer           data;
  GDestroyNotify     data_destroy;
  GDestroyNotify     result_destroy;
  GTask             *task;            /* owned */

  /* Set on the worker's thread. */
  gboolean           ok;
  gpointer           result;
  GError            *error;
  guint              signals;         /* 1 << PdStoreSignal */
} Job;

/* What the thread shares with the object; the thread owns the store. */
typedef struct
{
  char         *data_dir;
  GAsyncQueue  *queue;        /* Job*, or &stop_job */
  Job          *current;      /* the job running, for the signal handlers */
} Shared;

struct _PdStoreWorker
{
  GObject   parent_instance;

  PdStore  *store;
  Shared   *shared;
  GThread  *thread;
  guint     n_pending;
};

G_DEFINE_FINAL_TYPE (PdStoreWorker, pd_store_worker, G_TYPE_OBJECT)

static Job stop_job;

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_error (&job->error);
  if (job->result != NULL && job->result_destroy != NULL)
    job->result_destroy (job->result);
  g_free (job);
}

/* --- On the caller's thread ---------------------------------------------- */

static gboolean
job_complete (gpointer user_data)
{
  Job *job = user_data;
  PdStoreWorker *self = g_task_get_source_object (job->task);

  self->n_pending--;

  /* Views listening to the UI's store refresh as for a write of its own,
   * before the job's caller hears of it. */
  for (guint i = 0; i < PD_STORE_N_SIGNALS; i++)
    if (job->signals & (1u << i))
      _pd_store_emit (self->store, i);

  if (job->data_destroy != NULL)
    g_clear_pointer (&job->data, job->data_destroy);

  if (job->ok)
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_destroy);
  else
    g_task_return_error (job->task, g_steal_pointer (&job->error));

  job_free (job);

  return G_SOURCE_REMOVE;
}

/* --- On the worker's thread ---------------------------------------------- */

static void
on_store_signal (PdStore  *store,
                 gpointer  user_data)
{
  Shared *shared = g_object_get_data (G_OBJECT (store), "pd-store-worker-shared");
  guint signal = GPOINTER_TO_UINT (user_data);

  if (shared->current != NULL)
    shared->current->signals |= 1u << signal;
}

static PdStore *
open_store (Shared  *shared,
            GError **error)
{
  PdStore *store = pd_store_open_existing (shared->data_dir, error);

  if (store == NULL)
    return NULL;

  g_object_set_data (G_OBJECT (store), "pd-store-worker-shared", shared);
  for (guint i = 0; i < PD_STORE_N_SIGNALS; i++)
    g_signal_connect (store, signal_names[i], G_CALLBACK (on_store_signal), GUINT_TO_POINTER (i));

  return store;
}

static gpointer
worker_thread (gpointer user_data)
{
  Shared *shared = user_data;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  gboolean tried_open = FALSE;

  for (;;)
    {
      Job *job = g_async_queue_pop (shared->queue);
      GCancellable *cancellable;

      if (job == &stop_job)
        break;

      cancellable = g_task_get_cancellable (job->task);

      if (!tried_open)
        {
          store = open_store (shared, &open_error);
          tried_open = TRUE;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
        job->ok = FALSE;
      else if (store == NULL)
        {
          job->ok = FALSE;
          job->error = g_error_copy (open_error);
        }
      else
        {
          shared->current = job;
          job->ok = job->func (store, job->data, &job->result, &job->error);
          shared->current = NULL;
          if (!job->ok && job->error == NULL)
            g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The operation failed without saying why."));
        }

      g_main_context_invoke_full (g_task_get_context (job->task), G_PRIORITY_DEFAULT,
                                  job_complete, job, NULL);
    }

  return NULL;
}

/* --- The object ------------------------------------------------------------ */

static void
pd_store_worker_finalize (GObject *object)
{
  PdStoreWorker *self = PD_STORE_WORKER (object);

  /* Every job holds a reference to the worker through its task, so the
   * queue is empty by now: the thread stops at once. */
  if (self->thread != NULL)
    {
      g_async_queue_push (self->shared->queue, &stop_job);
      g_thread_join (self->thread);
    }
  g_async_queue_unref (self->shared->queue);
  g_free (self->shared->data_dir);
  g_free (self->shared);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_store_worker_parent_class)->finalize (object);
}

static void
pd_store_worker_class_init (PdStoreWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_store_worker_finalize;
}

static void
pd_store_worker_init (PdStoreWorker *self)
{
}

PdStoreWorker *
pd_store_worker_new (PdStore *store)
{
  PdStoreWorker *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_STORE_WORKER, NULL);
  self->store = g_object_ref (store);
  self->shared = g_new0 (Shared, 1);
  self->shared->data_dir = g_strdup (pd_store_get_data_dir (store));
  self->shared->queue = g_async_queue_new ();

  return self;
}

void
pd_store_worker_run_async (PdStoreWorker       *self,
                           PdStoreWorkerFunc    func,
                           gpointer             data,
                           GDestroyNotify       data_destroy,
                           GDestroyNotify       result_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (PD_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, pd_store_worker_run_async);
  /* The answer comes in order even when the job was cancelled meanwhile:
   * the thread says so itself. */
  g_task_set_check_cancellable (job->task, FALSE);
  g_object_set_data (G_OBJECT (job->task), "pd-result-destroy", result_destroy);

  if (self->thread == NULL)
    self->thread = g_thread_new ("pd-store-worker", worker_thread, self->shared);

  self->n_pending++;
  g_async_queue_push (self->shared->queue, job);
}

gboolean
pd_store_worker_run_finish (PdStoreWorker  *self,
                            GAsyncResult   *result,
                            gpointer       *out_result,
                            GError        **error)
{
  GTask *task = G_TASK (result);
  GDestroyNotify destroy;
  g_autoptr(GError) local_error = NULL;
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == pd_store_worker_run_async, FALSE);

  value = g_task_propagate_pointer (task, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Whoever cancelled has gone away (a view disposed while its job ran):
   * its callback must not touch it. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), error))
    {
      if (value != NULL && (destroy = g_object_get_data (G_OBJECT (task), "pd-result-destroy")) != NULL)
        destroy (value);
      return FALSE;
    }

  if (out_result != NULL)
    *out_result = value;
  else if (value != NULL && (destroy = g_object_get_data (G_OBJECT (task), "pd-result-destroy")) != NULL)
    destroy (value);

  return TRUE;
}

guint
pd_store_worker_get_n_pending (PdStoreWorker *self)
{
  g_return_val_if_fail (PD_IS_STORE_WORKER (self), 0);

  return self->n_pending;
}
