/* pd-stocktake-read.h — stocktake reads for views, off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-store-worker.h"
#include "pd-stocktake.h"
#include "pd-user.h"

G_BEGIN_DECLS

/* Each read is a job of WORKER, so it runs on the worker's own connection
 * and after the jobs given before it: a review asked for after a scan's
 * count sees that count. They call the store's own reads
 * (pd-store-stocktake.h), so the review and its blind-count rule are
 * the core's, not a copy. */

/* Newest first; GPtrArray of PdStocktake. */
void         pd_stocktake_read_list_async     (PdStoreWorker        *worker,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray   *pd_stocktake_read_list_finish    (PdStoreWorker        *worker,
                                               GAsyncResult         *result,
                                               GError              **error);

void         pd_stocktake_read_one_async      (PdStoreWorker        *worker,
                                               gint64                stocktake_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
PdStocktake *pd_stocktake_read_one_finish     (PdStoreWorker        *worker,
                                               GAsyncResult         *result,
                                               GError              **error);

/* The review as ACTOR may see it (a blind count hides the book figures
 * from those without PD_PERMISSION_STOCKTAKE); GPtrArray of
 * PdStocktakeLine. */
void         pd_stocktake_read_review_async   (PdStoreWorker        *worker,
                                               PdUser               *actor,
                                               gint64                stocktake_id,
                                               gboolean              uncounted_as_zero,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray   *pd_stocktake_read_review_finish  (PdStoreWorker        *worker,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Writes the review as ACTOR sees it to FILE as CSV (RFC 4180, header
 * row, exact decimals with '.'; book figures empty when hidden). */
void         pd_stocktake_export_csv_async    (PdStoreWorker        *worker,
                                               PdUser               *actor,
                                               gint64                stocktake_id,
                                               gboolean              uncounted_as_zero,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean     pd_stocktake_export_csv_finish   (PdStoreWorker        *worker,
                                               GAsyncResult         *result,
                                               guint                *n_rows,
                                               GError              **error);

G_END_DECLS
