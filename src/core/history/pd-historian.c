/* pd-historian.c — samples in history.db: opening, batched writes, rollups,
 * pruning; reads are in pd-historian-read.c
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

gboolean
_pd_historian_exec_sql (sqlite3     *db,
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

      if (!_pd_historian_exec_sql (db, "BEGIN IMMEDIATE", error))
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
      if (!_pd_historian_exec_sql (db, migrations[v], error) ||
          !_pd_historian_exec_sql (db, set_version, error) ||
          !_pd_historian_exec_sql (db, "COMMIT", error))
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

  if (!_pd_historian_exec_sql (db, "PRAGMA journal_mode = WAL", error) ||
      !_pd_historian_exec_sql (db, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (db, error))
    goto failed;

  return db;

failed:
  sqlite3_close_v2 (db);
  return NULL;
}

sqlite3 *
_pd_historian_borrow_reader (PdHistorian  *self,
                             GError      **error)
{
  sqlite3 *db = NULL;

  g_mutex_lock (&self->pool_lock);
  if (self->pool->len > 0)
    db = g_ptr_array_steal_index_fast (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (db == NULL && (db = open_connection (self->path, FALSE, error)) != NULL)
    {
      if (!_pd_historian_exec_sql (db, "PRAGMA synchronous = NORMAL", error))
        g_clear_pointer (&db, sqlite3_close_v2);
    }

  return db;
}

void
_pd_historian_return_reader (PdHistorian *self,
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
          gint64 minute = _pd_historian_floor_minute (s->ts);

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

  if (!_pd_historian_exec_sql (self->wdb, "BEGIN IMMEDIATE", error))
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

  if (!_pd_historian_exec_sql (self->wdb, "COMMIT", error))
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

  if (!(db = _pd_historian_borrow_reader (self, error)))
    return FALSE;

  ok = prune_on (db, raw_days, rollup_days, now, error);
  _pd_historian_return_reader (self, db);

  return ok;
}
