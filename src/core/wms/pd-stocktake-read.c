/* pd-stocktake-read.c — stocktake reads for views, off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktake-read"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-csv.h"
#include "pd-store-stocktake.h"
#include "pd-stocktake-read.h"
#include "pd-wms-private.h"

/* What a job reads; the worker thread only touches this copy and the
 * user, which never changes once made. */
typedef struct
{
  PdUser   *actor;
  gint64    stocktake_id;
  gboolean  uncounted_as_zero;
  GFile    *file;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->actor);
  g_clear_object (&job->file);
  g_free (job);
}

static ReadJob *
read_job_new (PdUser   *actor,
              gint64    stocktake_id,
              gboolean  uncounted_as_zero,
              GFile    *file)
{
  ReadJob *job = g_new0 (ReadJob, 1);

  job->actor = actor != NULL ? g_object_ref (actor) : NULL;
  job->stocktake_id = stocktake_id;
  job->uncounted_as_zero = uncounted_as_zero;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  return job;
}

static gpointer
propagate (PdStoreWorker  *worker,
           GAsyncResult   *result,
           GError        **error)
{
  gpointer out = NULL;

  if (!pd_store_worker_run_finish (worker, result, &out, error))
    return NULL;
  return out;
}

/* --- The list -------------------------------------------------------------- */

static gboolean
list_func (PdStore   *store,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  GPtrArray *list = pd_store_list_stocktakes (store, error);

  *result = list;
  return list != NULL;
}

void
pd_stocktake_read_list_async (PdStoreWorker       *worker,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PD_IS_STORE_WORKER (worker));

  pd_store_worker_run_async (worker, list_func, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, callback, user_data);
}

GPtrArray *
pd_stocktake_read_list_finish (PdStoreWorker  *worker,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  return propagate (worker, result, error);
}

/* --- One stocktake ------------------------------------------------------------ */

static gboolean
one_func (PdStore   *store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  ReadJob *job = data;
  PdStocktake *stocktake = pd_store_get_stocktake (store, job->stocktake_id, error);

  *result = stocktake;
  return stocktake != NULL;
}

void
pd_stocktake_read_one_async (PdStoreWorker       *worker,
                             gint64               stocktake_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PD_IS_STORE_WORKER (worker));

  pd_store_worker_run_async (worker, one_func, read_job_new (NULL, stocktake_id, FALSE, NULL),
                             (GDestroyNotify) read_job_free, (GDestroyNotify) pd_stocktake_free,
                             cancellable, callback, user_data);
}

PdStocktake *
pd_stocktake_read_one_finish (PdStoreWorker  *worker,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  return propagate (worker, result, error);
}

/* --- The review ---------------------------------------------------------------- */

static gboolean
review_func (PdStore   *store,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  ReadJob *job = data;
  GPtrArray *lines = pd_store_review_stocktake (store, job->actor, job->stocktake_id,
                                                job->uncounted_as_zero, error);

  *result = lines;
  return lines != NULL;
}

void
pd_stocktake_read_review_async (PdStoreWorker       *worker,
                                PdUser              *actor,
                                gint64               stocktake_id,
                                gboolean             uncounted_as_zero,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PD_IS_STORE_WORKER (worker));
  g_return_if_fail (actor == NULL || PD_IS_USER (actor));

  pd_store_worker_run_async (worker, review_func,
                             read_job_new (actor, stocktake_id, uncounted_as_zero, NULL),
                             (GDestroyNotify) read_job_free, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, callback, user_data);
}

GPtrArray *
pd_stocktake_read_review_finish (PdStoreWorker  *worker,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  return propagate (worker, result, error);
}

/* --- CSV ------------------------------------------------------------------------- */

static gboolean
export_func (PdStore   *store,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  ReadJob *job = data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) csv = NULL;
  guint *n_rows;

  lines = pd_store_review_stocktake (store, job->actor, job->stocktake_id, job->uncounted_as_zero, error);
  if (lines == NULL)
    return FALSE;

  csv = g_string_new ("sku,location,lot,unit,expected,moved,counted,counts,difference\r\n");
  for (guint i = 0; i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);
      g_autofree char *n_counts = g_strdup_printf ("%u", line->n_counts);

      pd_csv_append_field (csv, line->sku, FALSE);
      pd_csv_append_field (csv, line->location_code, FALSE);
      pd_csv_append_field (csv, line->lot_code, FALSE);
      pd_csv_append_field (csv, line->unit, FALSE);
      _pd_wms_csv_append_qty (csv, line->has_expected, line->expected, FALSE);
      _pd_wms_csv_append_qty (csv, line->has_expected, line->moved, FALSE);
      _pd_wms_csv_append_qty (csv, line->counted, line->counted_qty, FALSE);
      pd_csv_append_field (csv, n_counts, FALSE);
      _pd_wms_csv_append_qty (csv, line->has_difference, line->difference, TRUE);
    }

  /* A review is a few thousand lines at most: one write, replacing the
   * file only once it is whole. */
  if (!g_file_replace_contents (job->file, csv->str, csv->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;

  n_rows = g_new (guint, 1);
  *n_rows = lines->len;
  *result = n_rows;
  return TRUE;
}

void
pd_stocktake_export_csv_async (PdStoreWorker       *worker,
                               PdUser              *actor,
                               gint64               stocktake_id,
                               gboolean             uncounted_as_zero,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PD_IS_STORE_WORKER (worker));
  g_return_if_fail (actor == NULL || PD_IS_USER (actor));
  g_return_if_fail (G_IS_FILE (file));

  pd_store_worker_run_async (worker, export_func,
                             read_job_new (actor, stocktake_id, uncounted_as_zero, file),
                             (GDestroyNotify) read_job_free, g_free,
                             cancellable, callback, user_data);
}

gboolean
pd_stocktake_export_csv_finish (PdStoreWorker  *worker,
                                GAsyncResult   *result,
                                guint          *n_rows,
                                GError        **error)
{
  g_autofree guint *count = NULL;

  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), FALSE);

  if (!pd_store_worker_run_finish (worker, result, (gpointer *) &count, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = count != NULL ? *count : 0;
  return TRUE;
}
