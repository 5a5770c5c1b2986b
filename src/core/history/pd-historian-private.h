/* pd-historian-private.h — the historian's storage layout, for its tests and
 * benchmarks, and what pd-historian.c shares with pd-historian-read.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-historian.h"

G_BEGIN_DECLS

/* The schema version this build writes; a newer history.db is refused. */
#define PD_HISTORY_SCHEMA_VERSION 1

#define PD_HISTORY_FILE_NAME "history.db"

/* Raw samples are stored in chunks: one row per tag holding up to
 * PD_HISTORY_CHUNK_MAX samples spanning less than PD_HISTORY_CHUNK_SPAN,
 * packed as (uint32 µs since the chunk's t0, float64 value) pairs, both
 * little-endian. A NaN value marks the start of a gap (bad or stale
 * samples). See docs/historian.md for why. */
#define PD_HISTORY_CHUNK_MAX   256
#define PD_HISTORY_CHUNK_SPAN  (G_GINT64_CONSTANT (15) * 60 * G_USEC_PER_SEC)
#define PD_HISTORY_ENTRY_SIZE  12
#define PD_HISTORY_MINUTE      (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define PD_HISTORY_DAY         (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

#define PD_HISTORY_DEFAULT_RAW_DAYS     30
#define PD_HISTORY_DEFAULT_ROLLUP_DAYS  730
#define PD_HISTORY_PRUNE_INTERVAL       (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
/* The writer gathers samples this long before it commits them (or fewer
 * when PD_HISTORY_BATCH_FULL samples are waiting, or someone flushes):
 * one transaction per device cycle costs far more than the samples. A
 * SIGKILL loses at most this much, and a live trend lags by as much. */
#define PD_HISTORY_COMMIT_INTERVAL      (G_GINT64_CONSTANT (5) * G_USEC_PER_SEC)
#define PD_HISTORY_BATCH_FULL           (256 * 1024)
/* Rows deleted per pruning transaction. */
#define PD_HISTORY_PRUNE_CHUNKS         500
#define PD_HISTORY_PRUNE_ROLLUPS        10000
#define PD_HISTORY_MAX_BUCKETS          100000

typedef enum
{
  PD_HISTORY_READ_AUTO,
  PD_HISTORY_READ_RAW,      /* every bucket from raw samples */
  PD_HISTORY_READ_ROLLUPS,  /* whole minutes from rollups, the rest raw */
} PdHistoryReadMode;

GArray  *_pd_historian_read_buckets_mode (PdHistorian        *self,
                                          gint64              tag_id,
                                          gint64              from,
                                          gint64              to,
                                          guint               n_buckets,
                                          PdHistoryReadMode   mode,
                                          GError            **error);
/* Samples dropped because the writer fell too far behind. */
guint64  _pd_historian_get_dropped       (PdHistorian        *self);

/* Shared by the writer (pd-historian.c) and the reads (pd-historian-read.c). */
gboolean _pd_historian_exec_sql          (sqlite3            *db,
                                          const char         *sql,
                                          GError            **error);
/* A read connection from the pool, opened when none is free; give it back
 * with _pd_historian_return_reader(), which ends any open transaction. */
sqlite3 *_pd_historian_borrow_reader     (PdHistorian        *self,
                                          GError            **error);
void     _pd_historian_return_reader     (PdHistorian        *self,
                                          sqlite3            *db);

static inline gint64
_pd_historian_floor_minute (gint64 ts)
{
  gint64 m = ts / PD_HISTORY_MINUTE;

  if (ts < 0 && ts % PD_HISTORY_MINUTE != 0)
    m--;

  return m * PD_HISTORY_MINUTE;
}

G_END_DECLS
