/* pd-historian.c — samples in history.db: batched writes, rollups, trends
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-historian"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-historian-private.h"
#include "pd-store.h"

#define BUSY_TIMEOUT_MS 5000
/* Samples queued beyond this are dropped rather than exhausting memory
 * when the disk cannot keep up (about 200 MB). */
#define MAX_PENDING (8 * 1024 * 1024)

/* The schema of each version, applied in one transaction each. */
static const char * const migrations[] = {
  NULL,
  /* 1: chunks of raw samples, per-minute rollups, the tags seen. */
  "CREATE TABLE series ("
  "  tag_id INTEGER PRIMARY KEY"
  ");"
  "CREATE TABLE chunks ("
  "  id     INTEGER PRIMARY KEY,"
  "  tag_id INTEGER NOT NULL,"
  "  t0     INTEGER NOT NULL,"   /* first sample, µs since the epoch */
  "  t1     INTEGER NOT NULL,"   /* last sample */
  "  n      INTEGER NOT NULL,"
  "  data   BLOB NOT NULL"
  ");"
  "CREATE INDEX chunks_tag_t0 ON chunks (tag_id, t0);"
  "CREATE TABLE rollups ("
  "  tag_id INTEGER NOT NULL,"
  "  minute INTEGER NOT NULL,"   /* start of the minute, µs since the epoch */
  "  vmin   REAL NOT NULL,"
  "  vmax   REAL NOT NULL,"
  "  vsum   REAL NOT NULL,"
  "  n      INTEGER NOT NULL,"
  "  PRIMARY KEY (tag_id, minute)"
  ") WITHOUT ROWID;",
};

typedef struct
{
  gint64   tag_id;
  gint64   rowid;   /* 0: not in the database yet */
  gint64   t0;
  gint64   t1;
  guint    n;
  gboolean in_gap;
} OpenChunk;

struct _PdHistorian
{
  GObject    parent_instance;

  char      *path;

  /* Everything below up to the writer's own state is under LOCK. */
  GMutex     lock;
  GCond      work_cond;
  GCond      done_cond;
  GArray    *pending;     /* PdSample */
  guint64    appended;
  guint64    committed;
  guint64    dropped;
  GError    *write_error;
  gboolean   stopping;
  guint      flushing;    /* callers waiting in pd_historian_flush() */
  guint      raw_days;
  guint      rollup_days;

  GThread   *writer;

  /* Read connections not in use; each is used by one thread at a time. */
  GMutex     pool_lock;
  GPtrArray *pool;

  /* The writer thread's own state. */
  sqlite3      *wdb;
  sqlite3_stmt *insert_series;
  sqlite3_stmt *insert_chunk;
  sqlite3_stmt *append_chunk;
  sqlite3_stmt *upsert_rollup;
  GHashTable   *open_chunks;  /* gint64 tag_id → OpenChunk */
  GHashTable   *known_tags;   /* gint64 set */
};

G_DEFINE_FINAL_TYPE (PdHistorian, pd_historian, G_TYPE_OBJECT)

/* --- Connections ----------------------------------------------------------- */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      pd_store_set_sqlite_error (db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 gboolean     create,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(5)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (problems->len > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                   _("The history database “%s” is damaged (%s). Move it away to start a new history; Plantdesk has not changed it."),
                   path, problems->str);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         GError     **error)
{
  int version = 0;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  for (int v = version + 1; v <= PD_HISTORY_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;
      int current = 0;

      if (!exec_sql (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another program may have migrated while this one waited. */
      if (!query_int (db, "PRAGMA user_version", &current, error))
        goto failed;

      if (current >= v)
        {
          rollback (db);
          continue;
        }

      /* The pragma takes no parameters; V is our own integer. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v);
      if (!exec_sql (db, migrations[v], error) ||
          !exec_sql (db, set_version, error) ||
          !exec_sql (db, "COMMIT", error))
        goto failed;
    }

  return TRUE;

failed:
  rollback (db);
  return FALSE;
}

static sqlite3 *
open_database (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;
  int version = 0;

  if (!(db = open_connection (path, TRUE, error)))
    return NULL;

  /* Look before touching: a newer or damaged file is left as it is. */
  if (!query_int (db, "PRAGMA user_version", &version, error))
    goto failed;

  if (version > PD_HISTORY_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_NEWER,
                   _("The history database “%s” was written by a newer version of Plantdesk (schema %d; this version knows up to %d). Update Plantdesk to open it; it has not been changed."),
                   path, version, PD_HISTORY_SCHEMA_VERSION);
      goto failed;
    }

  if (!quick_check (db, path, error))
    goto failed;

  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("The history database “%s” is not writable."), path);
      goto failed;
    }

  if (!exec_sql (db, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (db, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (db, error))
    goto failed;

  return db;

failed:
  sqlite3_close_v2 (db);
  return NULL;
}

static sqlite3 *
borrow_reader (PdHistorian  *self,
               GError      **error)
{
  sqlite3 *db = NULL;

  g_mutex_lock (&self->pool_lock);
  if (self->pool->len > 0)
    db = g_ptr_array_steal_index_fast (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (db == NULL && (db = open_connection (self->path, FALSE, error)) != NULL)
    {
      if (!exec_sql (db, "PRAGMA synchronous = NORMAL", error))
        g_clear_pointer (&db, sqlite3_close_v2);
    }

  return db;
}

static void
return_reader (PdHistorian *self,
               sqlite3     *db)
{
  rollback (db);
  g_mutex_lock (&self->pool_lock);
  g_ptr_array_add (self->pool, db);
  g_mutex_unlock (&self->pool_lock);
}

/* --- Chunks ---------------------------------------------------------------- */

static inline void
encode_entry (guint8  *out,
              guint32  delta,
              double   value)
{
  guint32 d = GUINT32_TO_LE (delta);
  guint64 v;

  memcpy (&v, &value, sizeof v);
  v = GUINT64_TO_LE (v);
  memcpy (out, &d, 4);
  memcpy (out + 4, &v, 8);
}

static inline void
decode_entry (const guint8 *in,
              guint32      *delta,
              double       *value)
{
  guint32 d;
  guint64 v;

  memcpy (&d, in, 4);
  memcpy (&v, in + 4, 8);
  *delta = GUINT32_FROM_LE (d);
  v = GUINT64_FROM_LE (v);
  memcpy (value, &v, sizeof v);
}

typedef void (*ChunkSampleFunc) (gint64   ts,
                                 double   value,
                                 gpointer user_data);

/* Calls FUNC for each stored sample of TAG_ID in [FROM, TO), gap markers
 * included (value NaN), chunk by chunk in the order of their t0. */
static gboolean
scan_chunks (sqlite3          *db,
             sqlite3_stmt     *stmt,
             gint64            tag_id,
             gint64            from,
             gint64            to,
             ChunkSampleFunc   func,
             gpointer          user_data,
             GError          **error)
{
  int rc;

  /* A chunk spans less than PD_HISTORY_CHUNK_SPAN, so no chunk starting
   * earlier than that before FROM can hold a sample at or after FROM. */
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, tag_id);
  sqlite3_bind_int64 (stmt, 2, from - PD_HISTORY_CHUNK_SPAN);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 t0 = sqlite3_column_int64 (stmt, 0);
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      gsize size = sqlite3_column_bytes (stmt, 1);

      for (gsize off = 0; off + PD_HISTORY_ENTRY_SIZE <= size; off += PD_HISTORY_ENTRY_SIZE)
        {
          guint32 delta;
          double value;
          gint64 ts;

          decode_entry (data + off, &delta, &value);
          ts = t0 + delta;
          if (ts >= from && ts < to)
            func (ts, value, user_data);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static const char scan_chunks_sql[] =
  "SELECT t0, data FROM chunks"
  " WHERE tag_id = ?1 AND t0 >= ?2 AND t0 < ?4 AND t1 >= ?3"
  " ORDER BY t0";

/* --- Writer ---------------------------------------------------------------- */

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const PdSample *x = a;
  const PdSample *y = b;

  if (x->tag_id != y->tag_id)
    return x->tag_id < y->tag_id ? -1 : 1;
  if (x->ts != y->ts)
    return x->ts < y->ts ? -1 : 1;
  return 0;
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

/* Writes the entries collected for OC: appended to its row when it is in
 * the database, a new row otherwise. */
static gboolean
write_chunk (PdHistorian  *self,
             OpenChunk    *oc,
             GByteArray   *buf,
             guint         n,
             GError      **error)
{
  if (n == 0)
    return TRUE;

  if (oc->rowid != 0)
    {
      sqlite3_bind_int64 (self->append_chunk, 1, oc->t1);
      sqlite3_bind_int (self->append_chunk, 2, n);
      sqlite3_bind_blob (self->append_chunk, 3, buf->data, buf->len, SQLITE_STATIC);
      sqlite3_bind_int64 (self->append_chunk, 4, oc->rowid);
      if (!step_done (self->wdb, self->append_chunk, error))
        return FALSE;

      /* Pruned meanwhile: the entries start a row of their own, which
       * still holds them all since their deltas count from the same t0. */
      if (sqlite3_changes (self->wdb) == 1)
        return TRUE;
    }

  sqlite3_bind_int64 (self->insert_chunk, 1, oc->tag_id);
  sqlite3_bind_int64 (self->insert_chunk, 2, oc->t0);
  sqlite3_bind_int64 (self->insert_chunk, 3, oc->t1);
  sqlite3_bind_int (self->insert_chunk, 4, n);
  sqlite3_bind_blob (self->insert_chunk, 5, buf->data, buf->len, SQLITE_STATIC);
  if (!step_done (self->wdb, self->insert_chunk, error))
    return FALSE;

  oc->rowid = sqlite3_last_insert_rowid (self->wdb);
  return TRUE;
}

typedef struct
{
  gint64  minute;
  double  min;
  double  max;
  double  sum;
  guint64 count;
} Rollup;

static gboolean
write_rollup (PdHistorian  *self,
              gint64        tag_id,
              const Rollup *r,
              GError      **error)
{
  if (r->count == 0)
    return TRUE;

  sqlite3_bind_int64 (self->upsert_rollup, 1, tag_id);
  sqlite3_bind_int64 (self->upsert_rollup, 2, r->minute);
  sqlite3_bind_double (self->upsert_rollup, 3, r->min);
  sqlite3_bind_double (self->upsert_rollup, 4, r->max);
  sqlite3_bind_double (self->upsert_rollup, 5, r->sum);
  sqlite3_bind_int64 (self->upsert_rollup, 6, r->count);
  return step_done (self->wdb, self->upsert_rollup, error);
}

static inline gint64
floor_minute (gint64 ts)
{
  gint64 m = ts / PD_HISTORY_MINUTE;

  if (ts < 0 && ts % PD_HISTORY_MINUTE != 0)
    m--;

  return m * PD_HISTORY_MINUTE;
}

/* SAMPLES[0..N) are one tag's, sorted by time. */
static gboolean
write_series (PdHistorian     *self,
              const PdSample  *samples,
              guint            n,
              GByteArray      *buf,
              GError         **error)
{
  gint64 tag_id = samples[0].tag_id;
  OpenChunk *oc;
  guint n_buf = 0;
  Rollup rollup = { 0, };

  if (!g_hash_table_contains (self->known_tags, &tag_id))
    {
      gint64 *key = g_new (gint64, 1);

      sqlite3_bind_int64 (self->insert_series, 1, tag_id);
      if (!step_done (self->wdb, self->insert_series, error))
        {
          g_free (key);
          return FALSE;
        }

      *key = tag_id;
      g_hash_table_add (self->known_tags, key);
    }

  oc = g_hash_table_lookup (self->open_chunks, &tag_id);
  if (oc == NULL)
    {
      oc = g_new0 (OpenChunk, 1);
      oc->tag_id = tag_id;
      g_hash_table_insert (self->open_chunks, &oc->tag_id, oc);
    }

  g_byte_array_set_size (buf, 0);

  for (guint i = 0; i < n; i++)
    {
      const PdSample *s = &samples[i];
      gboolean good = s->quality == PD_QUALITY_GOOD && !isnan (s->value);
      double value;

      if (!good)
        {
          /* Only the first bad sample after good ones is kept: it is
           * where a trend's line breaks. */
          if (oc->in_gap)
            continue;
          oc->in_gap = TRUE;
          value = NAN;
        }
      else
        {
          oc->in_gap = FALSE;
          value = s->value;
        }

      /* A new chunk when this one is full, spans too long or the sample
       * comes before its end (late samples from another thread). */
      if (oc->n == 0 ||
          oc->n >= PD_HISTORY_CHUNK_MAX ||
          s->ts < oc->t1 ||
          s->ts - oc->t0 >= PD_HISTORY_CHUNK_SPAN)
        {
          if (!write_chunk (self, oc, buf, n_buf, error))
            return FALSE;

          g_byte_array_set_size (buf, 0);
          n_buf = 0;
          oc->rowid = 0;
          oc->t0 = s->ts;
          oc->n = 0;
        }

      g_byte_array_set_size (buf, buf->len + PD_HISTORY_ENTRY_SIZE);
      encode_entry (buf->data + buf->len - PD_HISTORY_ENTRY_SIZE,
                    (guint32) (s->ts - oc->t0), value);
      n_buf++;
      oc->n++;
      oc->t1 = s->ts;

      if (good)
        {
          gint64 minute = floor_minute (s->ts);

          if (rollup.count > 0 && rollup.minute != minute)
            {
              if (!write_rollup (self, tag_id, &rollup, error))
                return FALSE;
              rollup.count = 0;
            }

          if (rollup.count == 0)
            {
              rollup.minute = minute;
              rollup.min = rollup.max = rollup.sum = value;
              rollup.count = 1;
            }
          else
            {
              rollup.min = MIN (rollup.min, value);
              rollup.max = MAX (rollup.max, value);
              rollup.sum += value;
              rollup.count++;
            }
        }
    }

  return write_chunk (self, oc, buf, n_buf, error) &&
         write_rollup (self, tag_id, &rollup, error);
}

static gboolean
write_batch (PdHistorian  *self,
             GArray       *batch,
             GError      **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (PD_HISTORY_CHUNK_MAX * PD_HISTORY_ENTRY_SIZE);
  const PdSample *samples = (const PdSample *) batch->data;
  guint start = 0;

  g_array_sort (batch, compare_samples);

  if (!exec_sql (self->wdb, "BEGIN IMMEDIATE", error))
    return FALSE;

  while (start < batch->len)
    {
      guint end = start + 1;

      while (end < batch->len && samples[end].tag_id == samples[start].tag_id)
        end++;

      if (!write_series (self, samples + start, end - start, buf, error))
        goto failed;

      start = end;
    }

  if (!exec_sql (self->wdb, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  rollback (self->wdb);
  /* What the writer remembers of open chunks no longer matches the file. */
  g_hash_table_remove_all (self->open_chunks);
  g_hash_table_remove_all (self->known_tags);
  return FALSE;
}

static gboolean prune_on (sqlite3  *db,
                          guint     raw_days,
                          guint     rollup_days,
                          gint64    now,
                          GError  **error);

static gpointer
writer_thread (gpointer data)
{
  PdHistorian *self = data;
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (PdSample));
  gint64 next_prune = g_get_monotonic_time () + PD_HISTORY_PRUNE_INTERVAL;

  g_mutex_lock (&self->lock);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GArray *swap;
      guint64 upto;

      /* Dropped samples count as handled, hence the second test. */
      while (self->pending->len == 0 && self->committed == self->appended &&
             !self->stopping && g_get_monotonic_time () < next_prune)
        g_cond_wait_until (&self->work_cond, &self->lock, next_prune);

      if (self->pending->len == 0 && self->committed == self->appended &&
          self->stopping)
        break;

      /* Gather a batch worth a transaction, unless someone waits for it. */
      if (self->pending->len > 0)
        {
          gint64 commit_at = g_get_monotonic_time () + PD_HISTORY_COMMIT_INTERVAL;

          while (!self->stopping && self->flushing == 0 &&
                 self->pending->len < PD_HISTORY_BATCH_FULL &&
                 g_cond_wait_until (&self->work_cond, &self->lock, commit_at))
            ;
        }

      swap = self->pending;
      self->pending = batch;
      batch = swap;
      upto = self->appended;

      if (g_get_monotonic_time () >= next_prune)
        {
          guint raw_days = self->raw_days;
          guint rollup_days = self->rollup_days;

          g_mutex_unlock (&self->lock);
          if (!prune_on (self->wdb, raw_days, rollup_days, g_get_real_time (), &error))
            g_debug ("Pruning history failed: %s", error->message);
          g_clear_error (&error);
          next_prune = g_get_monotonic_time () + PD_HISTORY_PRUNE_INTERVAL;
          g_mutex_lock (&self->lock);
        }

      g_mutex_unlock (&self->lock);
      if (batch->len > 0 && !write_batch (self, batch, &error))
        g_debug ("Writing %u samples failed: %s", batch->len, error->message);
      g_array_set_size (batch, 0);
      g_mutex_lock (&self->lock);

      if (error != NULL && self->write_error == NULL)
        self->write_error = g_steal_pointer (&error);
      self->committed = upto;
      g_cond_broadcast (&self->done_cond);
    }

  g_mutex_unlock (&self->lock);
  return NULL;
}

/* --- Pruning --------------------------------------------------------------- */

static gboolean
prune_table (sqlite3      *db,
             const char   *sql,
             const GArray *tags,
             gint64        cutoff,
             int           limit,
             GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  for (guint i = 0; i < tags->len; i++)
    {
      int changes;

      /* One short transaction per step, so that the writer and readers
       * wait at most for one step. */
      do
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (tags, gint64, i));
          sqlite3_bind_int64 (stmt, 2, cutoff);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              sqlite3_finalize (stmt);
              return pd_store_set_sqlite_error (db, rc, error);
            }
          changes = sqlite3_changes (db);
        }
      while (changes >= limit);
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
prune_on (sqlite3  *db,
          guint     raw_days,
          guint     rollup_days,
          gint64    now,
          GError  **error)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT tag_id FROM series", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 tag_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (tags, tag_id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  /* A chunk whose t0 is a whole span before the cutoff ends before it;
   * younger chunks are kept whole. */
  if (raw_days > 0 &&
      !prune_table (db,
                    "DELETE FROM chunks WHERE id IN"
                    " (SELECT id FROM chunks WHERE tag_id = ?1 AND t0 < ?2"
                    "  ORDER BY t0 LIMIT " G_STRINGIFY (PD_HISTORY_PRUNE_CHUNKS) ")",
                    tags, now - raw_days * PD_HISTORY_DAY - PD_HISTORY_CHUNK_SPAN,
                    PD_HISTORY_PRUNE_CHUNKS, error))
    return FALSE;

  if (rollup_days > 0 &&
      !prune_table (db,
                    "DELETE FROM rollups WHERE tag_id = ?1 AND minute < ?2 AND minute <="
                    " coalesce ((SELECT minute FROM rollups WHERE tag_id = ?1 AND minute < ?2"
                    "            ORDER BY minute LIMIT 1 OFFSET "
                    G_STRINGIFY (PD_HISTORY_PRUNE_ROLLUPS) " - 1), ?2)",
                    tags, now - rollup_days * PD_HISTORY_DAY,
                    PD_HISTORY_PRUNE_ROLLUPS, error))
    return FALSE;

  return TRUE;
}

/* --- Object ---------------------------------------------------------------- */

static void
stop_writer (PdHistorian *self)
{
  if (self->writer == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->work_cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->writer));
}

static void
pd_historian_finalize (GObject *object)
{
  PdHistorian *self = (PdHistorian *) object;

  stop_writer (self);

  g_clear_pointer (&self->insert_series, sqlite3_finalize);
  g_clear_pointer (&self->insert_chunk, sqlite3_finalize);
  g_clear_pointer (&self->append_chunk, sqlite3_finalize);
  g_clear_pointer (&self->upsert_rollup, sqlite3_finalize);
  g_clear_pointer (&self->wdb, sqlite3_close_v2);
  g_clear_pointer (&self->open_chunks, g_hash_table_unref);
  g_clear_pointer (&self->known_tags, g_hash_table_unref);
  g_clear_pointer (&self->pool, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_error (&self->write_error);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->pool_lock);
  g_cond_clear (&self->work_cond);
  g_cond_clear (&self->done_cond);

  G_OBJECT_CLASS (pd_historian_parent_class)->finalize (object);
}

static void
pd_historian_class_init (PdHistorianClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_historian_finalize;
}

static void
close_connection (gpointer db)
{
  sqlite3_close_v2 (db);
}

static void
pd_historian_init (PdHistorian *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->pool_lock);
  g_cond_init (&self->work_cond);
  g_cond_init (&self->done_cond);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PdSample));
  self->pool = g_ptr_array_new_with_free_func (close_connection);
  self->open_chunks = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->known_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->raw_days = PD_HISTORY_DEFAULT_RAW_DAYS;
  self->rollup_days = PD_HISTORY_DEFAULT_ROLLUP_DAYS;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

PdHistorian *
pd_historian_open (const char  *data_dir,
                   GError     **error)
{
  g_autoptr(PdHistorian) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("Cannot create the data folder “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (PD_TYPE_HISTORIAN, NULL);
  self->path = g_build_filename (data_dir, PD_HISTORY_FILE_NAME, NULL);

  if (!(self->wdb = open_database (self->path, error)))
    return NULL;

  if (!prepare (self->wdb, "INSERT OR IGNORE INTO series (tag_id) VALUES (?)",
                &self->insert_series, error) ||
      !prepare (self->wdb, "INSERT INTO chunks (tag_id, t0, t1, n, data) VALUES (?, ?, ?, ?, ?)",
                &self->insert_chunk, error) ||
      !prepare (self->wdb, "UPDATE chunks SET t1 = ?1, n = n + ?2, data = CAST (data || ?3 AS BLOB) WHERE id = ?4",
                &self->append_chunk, error) ||
      !prepare (self->wdb,
                "INSERT INTO rollups (tag_id, minute, vmin, vmax, vsum, n) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (tag_id, minute) DO UPDATE SET"
                " vmin = min (vmin, excluded.vmin), vmax = max (vmax, excluded.vmax),"
                " vsum = vsum + excluded.vsum, n = n + excluded.n",
                &self->upsert_rollup, error))
    return NULL;

  self->writer = g_thread_new ("pd-historian", writer_thread, self);

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PdHistorian *historian = pd_historian_open (task_data, &error);

  if (historian == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, historian, g_object_unref);
}

void
pd_historian_open_async (const char          *data_dir,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data_dir != NULL);

  /* No source object: the worker may drop its reference to the task after
   * the caller has finished with it. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_historian_open_async);
  g_task_set_task_data (task, g_strdup (data_dir), g_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, open_thread);
}

PdHistorian *
pd_historian_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
pd_historian_get_path (PdHistorian *self)
{
  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);

  return self->path;
}

void
pd_historian_append (PdHistorian    *self,
                     const PdSample *samples,
                     guint           n_samples)
{
  g_return_if_fail (PD_IS_HISTORIAN (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  if (n_samples == 0)
    return;

  g_mutex_lock (&self->lock);
  if (self->pending->len + n_samples <= MAX_PENDING)
    {
      gboolean was_empty = self->pending->len == 0;

      g_array_append_vals (self->pending, samples, n_samples);
      /* The writer needs waking only to start a batch or to end a full
       * one early: waking it for every device cycle costs more than the
       * samples. */
      if (was_empty || self->pending->len >= PD_HISTORY_BATCH_FULL)
        g_cond_signal (&self->work_cond);
    }
  else
    {
      self->dropped += n_samples;
      g_cond_signal (&self->work_cond);
    }
  self->appended += n_samples;
  g_mutex_unlock (&self->lock);
}

gboolean
pd_historian_flush (PdHistorian  *self,
                    GError      **error)
{
  GError *write_error;
  guint64 target;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  target = self->appended;
  self->flushing++;
  g_cond_signal (&self->work_cond);
  while (self->committed < target)
    g_cond_wait (&self->done_cond, &self->lock);
  self->flushing--;
  write_error = g_steal_pointer (&self->write_error);
  g_mutex_unlock (&self->lock);

  if (write_error != NULL)
    {
      g_propagate_prefixed_error (error, write_error, "%s ",
                                  _("Some samples could not be saved in the history."));
      return FALSE;
    }

  return TRUE;
}

guint64
_pd_historian_get_dropped (PdHistorian *self)
{
  guint64 dropped;

  g_mutex_lock (&self->lock);
  dropped = self->dropped;
  g_mutex_unlock (&self->lock);

  return dropped;
}

void
pd_historian_set_retention (PdHistorian *self,
                            guint        raw_days,
                            guint        rollup_days)
{
  g_return_if_fail (PD_IS_HISTORIAN (self));

  g_mutex_lock (&self->lock);
  self->raw_days = raw_days;
  self->rollup_days = rollup_days;
  g_mutex_unlock (&self->lock);
}

gboolean
pd_historian_prune (PdHistorian  *self,
                    gint64        now,
                    GError      **error)
{
  sqlite3 *db;
  guint raw_days, rollup_days;
  gboolean ok;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  raw_days = self->raw_days;
  rollup_days = self->rollup_days;
  g_mutex_unlock (&self->lock);

  if (!(db = borrow_reader (self, error)))
    return FALSE;

  ok = prune_on (db, raw_days, rollup_days, now, error);
  return_reader (self, db);

  return ok;
}

/* --- Reads ----------------------------------------------------------------- */

static gboolean
check_range (gint64    from,
             gint64    to,
             GError  **error)
{
  if (from >= to)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The start of a history range must come before its end."));
      return FALSE;
    }

  return TRUE;
}

static void
collect_raw_cb (gint64   ts,
                double   value,
                gpointer user_data)
{
  GArray *samples = user_data;
  PdSample s = { 0, ts, isnan (value) ? 0.0 : value,
                 isnan (value) ? PD_QUALITY_BAD : PD_QUALITY_GOOD };

  g_array_append_val (samples, s);
}

static int
compare_ts (gconstpointer a,
            gconstpointer b)
{
  const PdSample *x = a;
  const PdSample *y = b;

  return x->ts < y->ts ? -1 : x->ts > y->ts ? 1 : 0;
}

GArray *
pd_historian_read_raw (PdHistorian  *self,
                       gint64        tag_id,
                       gint64        from,
                       gint64        to,
                       GError      **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (PdSample));
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_range (from, to, error))
    return NULL;

  if (!(db = borrow_reader (self, error)))
    return NULL;

  rc = sqlite3_prepare_v2 (db, scan_chunks_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    ok = pd_store_set_sqlite_error (db, rc, error);
  else
    ok = scan_chunks (db, stmt, tag_id, from, to, collect_raw_cb, samples, error);
  sqlite3_finalize (stmt);
  return_reader (self, db);

  if (!ok)
    return NULL;

  for (guint i = 0; i < samples->len; i++)
    g_array_index (samples, PdSample, i).tag_id = tag_id;

  /* Chunks overlap only when samples arrived late; keep time order. */
  for (guint i = 1; i < samples->len; i++)
    {
      if (g_array_index (samples, PdSample, i).ts < g_array_index (samples, PdSample, i - 1).ts)
        {
          g_array_sort (samples, compare_ts);
          break;
        }
    }

  return g_steal_pointer (&samples);
}

typedef struct
{
  double  min;
  double  max;
  double  sum;
  guint64 count;
} Acc;

typedef struct
{
  Acc    *acc;
  gint64  from;
  gint64  range;
  guint   n;
} Buckets;

static inline guint
bucket_of (const Buckets *b,
           gint64         ts)
{
  /* Bucket i starts at from + floor (i × range / n): 128 bits, as years
   * of microseconds times 100,000 buckets overflow 64. */
  return (guint) (((unsigned __int128) (ts - b->from) * b->n) / (guint64) b->range);
}

static inline gint64
bucket_start (const Buckets *b,
              guint          i)
{
  return b->from + (gint64) (((unsigned __int128) i * (guint64) b->range) / b->n);
}

static inline void
acc_add (Acc     *a,
         double   min,
         double   max,
         double   sum,
         guint64  count)
{
  if (a->count == 0)
    {
      a->min = min;
      a->max = max;
      a->sum = sum;
    }
  else
    {
      a->min = MIN (a->min, min);
      a->max = MAX (a->max, max);
      a->sum += sum;
    }
  a->count += count;
}

static void
bucket_raw_cb (gint64   ts,
               double   value,
               gpointer user_data)
{
  Buckets *b = user_data;

  if (!isnan (value))
    acc_add (&b->acc[bucket_of (b, ts)], value, value, value, 1);
}

/* A minute is read from its rollup when it lies inside [FROM, TO) and no
 * bucket boundary cuts it. */
static inline gboolean
minute_is_whole (const Buckets *b,
                 gint64         minute)
{
  return minute >= b->from &&
         minute + PD_HISTORY_MINUTE <= b->from + b->range &&
         bucket_of (b, minute) == bucket_of (b, minute + PD_HISTORY_MINUTE - 1);
}

/* The minutes that raw samples must fill: those cut by a bucket boundary
 * or by the ends of the range, merged into intervals. */
static GArray *
raw_intervals (const Buckets *b)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gint64 to = b->from + b->range;

  for (guint i = 0; i <= b->n; i++)
    {
      gint64 edge = i < b->n ? bucket_start (b, i) : to;
      gint64 m = floor_minute (edge);
      gint64 iv[2];

      if (m == edge)
        continue;

      iv[0] = MAX (m, b->from);
      iv[1] = MIN (m + PD_HISTORY_MINUTE, to);

      if (intervals->len > 0)
        {
          gint64 *last = &g_array_index (intervals, gint64, (intervals->len - 1) * 2);

          if (iv[0] <= last[1])
            {
              last[1] = MAX (last[1], iv[1]);
              continue;
            }
        }
      g_array_append_val (intervals, iv);
    }

  return intervals;
}

static gboolean
read_rollups (sqlite3  *db,
              Buckets  *b,
              gint64    tag_id,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT minute, vmin, vmax, vsum, n FROM rollups"
                           " WHERE tag_id = ? AND minute >= ? AND minute < ?",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, tag_id);
  sqlite3_bind_int64 (stmt, 2, b->from);
  sqlite3_bind_int64 (stmt, 3, b->from + b->range);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 minute = sqlite3_column_int64 (stmt, 0);

      if (!minute_is_whole (b, minute))
        continue;

      acc_add (&b->acc[bucket_of (b, minute)],
               sqlite3_column_double (stmt, 1),
               sqlite3_column_double (stmt, 2),
               sqlite3_column_double (stmt, 3),
               sqlite3_column_int64 (stmt, 4));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static GArray *
read_buckets_on (sqlite3            *db,
                 gint64              tag_id,
                 gint64              from,
                 gint64              to,
                 guint               n_buckets,
                 PdHistoryReadMode   mode,
                 GError            **error)
{
  g_autofree Acc *acc = g_new0 (Acc, n_buckets);
  Buckets b = { acc, from, to - from, n_buckets };
  g_autoptr(GArray) intervals = NULL;
  g_autoptr(GArray) result = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (mode == PD_HISTORY_READ_AUTO)
    {
      /* Rollups pay off once whole minutes make up most of the range:
       * buckets of a minute or more, most minutes not cut by a boundary. */
      mode = PD_HISTORY_READ_RAW;
      if ((to - from) / n_buckets >= PD_HISTORY_MINUTE)
        {
          gint64 raw_span = 0;

          intervals = raw_intervals (&b);
          for (guint i = 0; i < intervals->len; i++)
            raw_span += g_array_index (intervals, gint64, 2 * i + 1) - g_array_index (intervals, gint64, 2 * i);

          if (raw_span <= (to - from) / 4)
            mode = PD_HISTORY_READ_ROLLUPS;
        }
    }

  rc = sqlite3_prepare_v2 (db, scan_chunks_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return (pd_store_set_sqlite_error (db, rc, error), NULL);

  if (mode == PD_HISTORY_READ_RAW)
    {
      ok = scan_chunks (db, stmt, tag_id, from, to, bucket_raw_cb, &b, error);
    }
  else
    {
      if (intervals == NULL)
        intervals = raw_intervals (&b);

      ok = read_rollups (db, &b, tag_id, error);
      for (guint i = 0; ok && i < intervals->len; i++)
        ok = scan_chunks (db, stmt, tag_id,
                          g_array_index (intervals, gint64, 2 * i),
                          g_array_index (intervals, gint64, 2 * i + 1),
                          bucket_raw_cb, &b, error);
    }
  sqlite3_finalize (stmt);

  if (!ok)
    return NULL;

  result = g_array_new (FALSE, FALSE, sizeof (PdHistoryBucket));
  for (guint i = 0; i < n_buckets; i++)
    {
      PdHistoryBucket bucket;

      if (acc[i].count == 0)
        continue;

      bucket.ts = bucket_start (&b, i);
      bucket.min = acc[i].min;
      bucket.max = acc[i].max;
      bucket.avg = acc[i].sum / acc[i].count;
      bucket.count = acc[i].count;
      g_array_append_val (result, bucket);
    }

  return g_steal_pointer (&result);
}

static gboolean
check_buckets (gint64    from,
               gint64    to,
               guint     n_buckets,
               GError  **error)
{
  if (!check_range (from, to, error))
    return FALSE;

  if (n_buckets == 0 || n_buckets > PD_HISTORY_MAX_BUCKETS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The number of buckets must be between 1 and %d."),
                   PD_HISTORY_MAX_BUCKETS);
      return FALSE;
    }

  return TRUE;
}

GArray *
_pd_historian_read_buckets_mode (PdHistorian        *self,
                                 gint64              tag_id,
                                 gint64              from,
                                 gint64              to,
                                 guint               n_buckets,
                                 PdHistoryReadMode   mode,
                                 GError            **error)
{
  GArray *result;
  sqlite3 *db;

  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_buckets (from, to, n_buckets, error))
    return NULL;

  if (!(db = borrow_reader (self, error)))
    return NULL;

  /* One read transaction, so that rollups and raw samples agree. */
  if (exec_sql (db, "BEGIN", error))
    result = read_buckets_on (db, tag_id, from, to, n_buckets, mode, error);
  else
    result = NULL;
  return_reader (self, db);

  return result;
}

GArray *
pd_historian_read_buckets (PdHistorian  *self,
                           gint64        tag_id,
                           gint64        from,
                           gint64        to,
                           guint         n_buckets,
                           GError      **error)
{
  return _pd_historian_read_buckets_mode (self, tag_id, from, to, n_buckets,
                                          PD_HISTORY_READ_AUTO, error);
}

typedef struct
{
  gint64 tag_id;
  gint64 from;
  gint64 to;
  guint  n_buckets;
} ReadBuckets;

static void
read_buckets_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PdHistorian *self = source_object;
  ReadBuckets *r = task_data;
  GError *error = NULL;
  GArray *result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = pd_historian_read_buckets (self, r->tag_id, r->from, r->to, r->n_buckets, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_array_unref);
}

void
pd_historian_read_buckets_async (PdHistorian         *self,
                                 gint64               tag_id,
                                 gint64               from,
                                 gint64               to,
                                 guint                n_buckets,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadBuckets *r;

  g_return_if_fail (PD_IS_HISTORIAN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_historian_read_buckets_async);

  r = g_new0 (ReadBuckets, 1);
  r->tag_id = tag_id;
  r->from = from;
  r->to = to;
  r->n_buckets = n_buckets;
  g_task_set_task_data (task, r, g_free);
  g_task_run_in_thread (task, read_buckets_thread);
}

GArray *
pd_historian_read_buckets_finish (PdHistorian   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (PD_IS_HISTORIAN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
