/* pd-historian.h — samples in history.db: batched writes, rollups, trends
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-sample.h"

G_BEGIN_DECLS

#define PD_TYPE_HISTORIAN (pd_historian_get_type ())

G_DECLARE_FINAL_TYPE (PdHistorian, pd_historian, PD, HISTORIAN, GObject)

/* One bucket of a downsampled read; TS is the bucket's start (µs). Empty
 * buckets are left out. */
typedef struct
{
  gint64  ts;
  double  min;
  double  max;
  double  avg;
  guint64 count;
} PdHistoryBucket;

/* Opens (creating, migrating) DATA_DIR/history.db and starts its writer
 * thread. */
PdHistorian *pd_historian_open              (const char      *data_dir,
                                             GError         **error);
/* The same in a worker thread: the quick check of a large history.db must
 * not hold up the UI. */
void         pd_historian_open_async        (const char      *data_dir,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
PdHistorian *pd_historian_open_finish       (GAsyncResult    *result,
                                             GError         **error);
const char  *pd_historian_get_path          (PdHistorian     *self);
/* Queues samples for the writer thread; thread-safe, never waits for the
 * disk. Only good samples are stored as values; bad ones mark a gap. */
void         pd_historian_append            (PdHistorian     *self,
                                             const PdSample  *samples,
                                             guint            n_samples);
/* Waits until everything appended so far is committed. */
gboolean     pd_historian_flush             (PdHistorian     *self,
                                             GError         **error);
/* Raw samples older than MAX_AGE_DAYS are pruned (rollups are kept
 * ROLLUP_DAYS), in small transactions so that no lock is held long. */
void         pd_historian_set_retention     (PdHistorian     *self,
                                             guint            raw_days,
                                             guint            rollup_days);
gboolean     pd_historian_prune             (PdHistorian     *self,
                                             gint64           now,
                                             GError         **error);

/* Raw samples of one tag in [FROM, TO), oldest first; a GArray of PdSample. */
GArray      *pd_historian_read_raw          (PdHistorian     *self,
                                             gint64           tag_id,
                                             gint64           from,
                                             gint64           to,
                                             GError         **error);
/* [FROM, TO) cut into N_BUCKETS equal buckets: min, max, avg and count of
 * each (from rollups where a bucket spans whole minutes); a GArray of
 * PdHistoryBucket. */
GArray      *pd_historian_read_buckets      (PdHistorian     *self,
                                             gint64           tag_id,
                                             gint64           from,
                                             gint64           to,
                                             guint            n_buckets,
                                             GError         **error);
/* The same in a worker thread, for trends. */
void         pd_historian_read_buckets_async (PdHistorian    *self,
                                             gint64           tag_id,
                                             gint64           from,
                                             gint64           to,
                                             guint            n_buckets,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
GArray      *pd_historian_read_buckets_finish (PdHistorian   *self,
                                             GAsyncResult    *result,
                                             GError         **error);

G_END_DECLS
