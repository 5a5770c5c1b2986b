/* pd-read-conn.h — read-only connections of a worker's own, and reads run
 * on them off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Opens DB_PATH read-only for the calling thread alone, with the store's
 * busy timeout; once CANCELLABLE (may be NULL) is cancelled, a statement
 * running on it stops early with SQLITE_INTERRUPT. */
sqlite3      *pd_read_conn_open        (const char    *db_path,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* sqlite3_prepare_v2 with the error as a PdError; NULL on error. */
sqlite3_stmt *pd_read_conn_prepare     (sqlite3       *db,
                                        const char    *sql,
                                        GError       **error);

/* Finalizes STMT after its last sqlite3_step() returned RC: TRUE when that
 * was SQLITE_DONE, else FALSE with the error as a PdError. */
gboolean      pd_read_conn_finish_stmt (sqlite3       *db,
                                        sqlite3_stmt  *stmt,
                                        int            rc,
                                        GError       **error);

/* A copy of the text in COLUMN, NULL for NULL. */
char         *pd_read_conn_dup_text    (sqlite3_stmt  *stmt,
                                        int            column);

/* Reads on DB what JOB asks for: the result, or NULL with ERROR set. */
typedef gpointer (*PdReadConnFunc) (sqlite3       *db,
                                    gpointer       job,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* In TASK's worker thread: opens DB_PATH, runs READ on it, closes it and
 * returns READ's result on TASK (freed with RESULT_FREE when nobody waits
 * for it any more, TASK having been cancelled). */
void          pd_read_conn_run_in_task (GTask          *task,
                                        const char     *db_path,
                                        PdReadConnFunc  read,
                                        gpointer        job,
                                        GCancellable   *cancellable,
                                        GDestroyNotify  result_free);

/* Runs READ (JOB) in a worker thread on a connection of its own to
 * DB_PATH, as pd_read_conn_run_in_task(); JOB is freed with JOB_FREE with
 * the task. SOURCE_TAG is the caller's _async function. */
void          pd_read_conn_run_async   (const char          *db_path,
                                        PdReadConnFunc       read,
                                        gpointer             job,
                                        GDestroyNotify       job_free,
                                        GDestroyNotify       result_free,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* READ's result (owned by the caller), or NULL with ERROR set. */
gpointer      pd_read_conn_run_finish  (GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

G_END_DECLS
