/* pd-store-worker.h — writes and reads off the UI thread, in order
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_STORE_WORKER (pd_store_worker_get_type ())

G_DECLARE_FINAL_TYPE (PdStoreWorker, pd_store_worker, PD, STORE_WORKER, GObject)

/* Runs on the worker's thread with the worker's own connection WORKER_STORE
 * (the same database as the store the worker was made for). Returns FALSE
 * with ERROR set on failure; on success may set *RESULT, which the caller
 * gets from pd_store_worker_run_finish() (freed with the RESULT_DESTROY
 * given to pd_store_worker_run_async() if nobody takes it). */
typedef gboolean (*PdStoreWorkerFunc) (PdStore   *worker_store,
                                       gpointer   data,
                                       gpointer  *result,
                                       GError   **error);

/* A thread with its own connection to STORE's database, opened on first
 * use, that runs jobs strictly in the order they were given: scans
 * written in the order they were typed. The store's signals that a job
 * caused ("stock-changed", "alarms-changed" …) are emitted again on STORE,
 * on the thread that made the worker, before that job's callback runs,
 * so that views listening to STORE refresh as for a write of its own.
 * Disposing the worker waits for the jobs already given to finish. */
PdStoreWorker *pd_store_worker_new         (PdStore              *store);

/* Queues FUNC (DATA); DATA_DESTROY frees DATA on the calling thread once the
 * job is over. A job whose CANCELLABLE is cancelled before it starts does
 * not run and returns G_IO_ERROR_CANCELLED; once started it runs to the
 * end (a write is never cut in half), and when CANCELLABLE is cancelled by
 * the time its answer is taken, it answers G_IO_ERROR_CANCELLED too (its
 * result freed): the caller that cancelled has gone away, and the store's
 * signals tell the others what was written. CALLBACK runs on the calling
 * thread's thread-default main context. */
void           pd_store_worker_run_async   (PdStoreWorker        *self,
                                            PdStoreWorkerFunc     func,
                                            gpointer              data,
                                            GDestroyNotify        data_destroy,
                                            GDestroyNotify        result_destroy,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* TRUE when the job's function returned TRUE; *RESULT (may be NULL) then
 * takes what it set. */
gboolean       pd_store_worker_run_finish  (PdStoreWorker        *self,
                                            GAsyncResult         *result,
                                            gpointer             *out_result,
                                            GError              **error);

/* Jobs given and not yet answered. */
guint          pd_store_worker_get_n_pending (PdStoreWorker      *self);

G_END_DECLS
