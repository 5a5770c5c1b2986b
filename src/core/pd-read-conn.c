/* pd-read-conn.c — read-only connections of a worker's own, and reads run
 * on them off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-read-conn"

#include "config.h"

#include "pd-read-conn.h"
#include "pd-store.h"

#define BUSY_TIMEOUT_MS 5000
#define PROGRESS_STEPS  10000

static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

sqlite3 *
pd_read_conn_open (const char    *db_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* A read whose answer nobody waits for any more stops early. */
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);
  return db;
}

sqlite3_stmt *
pd_read_conn_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
pd_read_conn_finish_stmt (sqlite3       *db,
                          sqlite3_stmt  *stmt,
                          int            rc,
                          GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return pd_store_set_sqlite_error (db, rc, error);
}

char *
pd_read_conn_dup_text (sqlite3_stmt *stmt,
                       int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
pd_read_conn_run_in_task (GTask          *task,
                          const char     *db_path,
                          PdReadConnFunc  read,
                          gpointer        job,
                          GCancellable   *cancellable,
                          GDestroyNotify  result_free)
{
  GError *error = NULL;
  gpointer result;
  sqlite3 *db;

  if ((db = pd_read_conn_open (db_path, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = read (db, job, cancellable, &error);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      g_clear_pointer (&result, result_free);
    }
  else if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

/* What pd_read_conn_run_async() hands its worker thread. */
typedef struct
{
  char           *db_path;
  PdReadConnFunc  read;
  gpointer        job;
  GDestroyNotify  job_free;
  GDestroyNotify  result_free;
} Run;

static void
run_free (Run *run)
{
  g_free (run->db_path);
  if (run->job_free != NULL)
    g_clear_pointer (&run->job, run->job_free);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;

  pd_read_conn_run_in_task (task, run->db_path, run->read, run->job, cancellable, run->result_free);
}

void
pd_read_conn_run_async (const char          *db_path,
                        PdReadConnFunc       read,
                        gpointer             job,
                        GDestroyNotify       job_free,
                        GDestroyNotify       result_free,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (read != NULL);

  run = g_new0 (Run, 1);
  run->db_path = g_strdup (db_path);
  run->read = read;
  run->job = job;
  run->job_free = job_free;
  run->result_free = result_free;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

gpointer
pd_read_conn_run_finish (GAsyncResult  *result,
                         gpointer       source_tag,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
