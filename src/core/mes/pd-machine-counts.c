/* pd-machine-counts.c — work centers' part counters reported to their
 * running operations from a writer thread of its own
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-machine-counts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-error.h"
#include "pd-machine-counts.h"
#include "pd-store-devices.h"
#include "pd-store-mes.h"
#include "pd-store-work-orders.h"

/* Reports are written at most this often. */
#define FLUSH_INTERVAL_US G_USEC_PER_SEC
/* A report that failed for a cause other than a refusal is tried again
 * at most this many times. */
#define MAX_ATTEMPTS 5

typedef struct
{
  gint64    tag_id;
  gint64    work_center_id;
  gboolean  scrap;
  PdTagType type;
  double    scale;
  double    offset;
  gboolean  has_base;
  gint64    last_raw;
} Counter;

typedef struct
{
  PdMachineCountsStatus status;
  PdQty     pending_good;
  PdQty     pending_scrap;
  guint     attempts;
} Center;

struct _PdMachineCounts
{
  GObject       parent_instance;

  char         *data_dir;
  GMainContext *context;
  PdEngine     *engine;
  guint         subscription;

  GMutex        lock;
  GCond         cond;
  GThread      *thread;
  gboolean      stopping;
  gboolean      loaded;
  gboolean      reload_requested;
  guint64       flush_requested;   /* generations */
  guint64       flush_done;
  GHashTable   *counters;          /* tag id → Counter */
  GHashTable   *centers;           /* work center id → Center */
  GSource      *changed_source;
};

G_DEFINE_FINAL_TYPE (PdMachineCounts, pd_machine_counts, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
status_clear (PdMachineCountsStatus *status)
{
  g_clear_pointer (&status->work_center_code, g_free);
  g_clear_pointer (&status->last_number, g_free);
  g_clear_pointer (&status->last_error, g_free);
}

void
pd_machine_counts_status_free (PdMachineCountsStatus *status)
{
  if (status == NULL)
    return;
  status_clear (status);
  g_free (status);
}

static PdMachineCountsStatus *
status_copy (const PdMachineCountsStatus *status)
{
  PdMachineCountsStatus *copy = g_memdup2 (status, sizeof *status);

  copy->work_center_code = g_strdup (status->work_center_code);
  copy->last_number = g_strdup (status->last_number);
  copy->last_error = g_strdup (status->last_error);
  return copy;
}

static void
center_free (Center *center)
{
  status_clear (&center->status);
  g_free (center);
}

/* --- Counting ------------------------------------------------------------ */

/* The number of distinct raw values of TYPE and whether it is signed; 0
 * for types that do not wrap. */
static gint64
type_range (PdTagType  type,
            gboolean  *is_signed)
{
  *is_signed = type == PD_TAG_TYPE_INT16 || type == PD_TAG_TYPE_INT32;
  switch (type)
    {
    case PD_TAG_TYPE_UINT16:
    case PD_TAG_TYPE_INT16:
      return G_GINT64_CONSTANT (1) << 16;
    case PD_TAG_TYPE_UINT32:
    case PD_TAG_TYPE_INT32:
      return G_GINT64_CONSTANT (1) << 32;
    case PD_TAG_TYPE_BOOL:
    case PD_TAG_TYPE_FLOAT32:
    case PD_TAG_TYPE_FLOAT64:
    default:
      return 0;
    }
}

/* The increment from OLD to NEW raw counts; *WRAPPED or *RESET say which
 * rule applied to a decrease. */
static gint64
counter_increment (PdTagType  type,
                   gint64     old,
                   gint64     new,
                   gboolean  *wrapped,
                   gboolean  *reset)
{
  gboolean is_signed;
  gint64 range = type_range (type, &is_signed);

  *wrapped = *reset = FALSE;
  if (new >= old)
    return new - old;

  if (range > 0)
    {
      gint64 low = is_signed ? -range / 2 : 0;
      gint64 old_pos = old - low;
      gint64 new_pos = new - low;

      if (old_pos >= range - range / 4 && new_pos < range / 4)
        {
          *wrapped = TRUE;
          return new + range - old;
        }
    }

  *reset = TRUE;
  return MAX (new, 0);
}

/* Under the lock. */
static void
queue_changed (PdMachineCounts *self);

/* Under the lock. */
static void
count_samples (PdMachineCounts *self,
               const PdSample  *samples,
               guint            n_samples)
{
  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *sample = &samples[i];
      Counter *counter;
      Center *center;
      double raw_value;
      gint64 raw, increment;
      gboolean wrapped, reset;
      PdQty qty;

      counter = g_hash_table_lookup (self->counters, &sample->tag_id);
      if (counter == NULL || sample->quality != PD_QUALITY_GOOD)
        continue;

      raw_value = counter->scale != 0.0 ? (sample->value - counter->offset) / counter->scale
                                        : sample->value;
      if (!isfinite (raw_value) || fabs (raw_value) > 1e15)
        continue;
      raw = llround (raw_value);

      if (!counter->has_base)
        {
          counter->has_base = TRUE;
          counter->last_raw = raw;
          queue_changed (self);
          continue;
        }

      increment = counter_increment (counter->type, counter->last_raw, raw, &wrapped, &reset);
      counter->last_raw = raw;

      center = g_hash_table_lookup (self->centers, &counter->work_center_id);
      if (center == NULL)
        continue;
      if (wrapped)
        center->status.wraps++;
      if (reset)
        center->status.resets++;
      if (wrapped || reset)
        queue_changed (self);
      if (increment <= 0)
        continue;

      qty = llround ((double) increment * fabs (counter->scale != 0.0 ? counter->scale : 1.0)
                     * (double) PD_QTY_ONE);
      if (counter->scrap)
        center->pending_scrap += qty;
      else
        center->pending_good += qty;
    }
}

void
pd_machine_counts_feed (PdMachineCounts *self,
                        const PdSample  *samples,
                        guint            n_samples)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  g_mutex_lock (&self->lock);
  if (self->loaded)
    count_samples (self, samples, n_samples);
  g_mutex_unlock (&self->lock);
}

/* On an acquisition worker: the lock is held only to add up. */
static void
direct_cb (PdEngine       *engine,
           const PdSample *samples,
           guint           n_samples,
           const gint64   *changed,
           guint           n_changed,
           gpointer        user_data)
{
  if (n_samples > 0)
    pd_machine_counts_feed (user_data, samples, n_samples);
}

/* --- The "changed" signal ------------------------------------------------- */

static gboolean
emit_changed_cb (gpointer user_data)
{
  PdMachineCounts *self = user_data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->changed_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
queue_changed (PdMachineCounts *self)
{
  if (self->changed_source != NULL)
    return;

  self->changed_source = g_idle_source_new ();
  /* No reference: dispose stops the writer and destroys the source on
   * the thread that runs it. */
  g_source_set_callback (self->changed_source, emit_changed_cb, self, NULL);
  g_source_attach (self->changed_source, self->context);
}

/* --- The writer thread ------------------------------------------------------ */

typedef struct
{
  PdStore *store;
  gint64   data_version;
} Writer;

static gint64
data_version (PdStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (pd_store_get_db (store), "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Reads the work centers and their counter tags, and swaps them in,
 * keeping the baseline of every counter whose tag stays the same. */
static gboolean
load (PdMachineCounts *self,
      Writer          *w,
      GError         **error)
{
  g_autoptr(GPtrArray) wcs = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GHashTable) tags_by_id = NULL;
  GHashTable *counters;
  GHashTable *centers;

  wcs = pd_store_list_work_centers (w->store, error);
  if (wcs == NULL)
    return FALSE;
  tags = pd_store_list_tags (w->store, 0, error);
  if (tags == NULL)
    return FALSE;

  tags_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < tags->len; i++)
    {
      PdTag *tag = g_ptr_array_index (tags, i);

      g_hash_table_insert (tags_by_id, &tag->id, tag);
    }

  counters = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  centers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) center_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < wcs->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (wcs, i);
      gint64 tag_ids[2] = { wc->good_tag_id, wc->scrap_tag_id };
      Center *center;
      Center *old;

      if (tag_ids[0] <= 0 && tag_ids[1] <= 0)
        continue;

      old = g_hash_table_lookup (self->centers, &wc->id);
      center = g_new0 (Center, 1);
      if (old != NULL)
        {
          /* The totals since the start survive a reload. */
          center->status = old->status;
          center->status.work_center_code = g_strdup (old->status.work_center_code);
          center->status.last_number = g_strdup (old->status.last_number);
          center->status.last_error = g_strdup (old->status.last_error);
          center->pending_good = old->pending_good;
          center->pending_scrap = old->pending_scrap;
          center->attempts = old->attempts;
        }
      center->status.work_center_id = wc->id;
      g_free (center->status.work_center_code);
      center->status.work_center_code = g_strdup (wc->code);
      center->status.good_tag_id = wc->good_tag_id;
      center->status.scrap_tag_id = wc->scrap_tag_id;
      g_hash_table_insert (centers, &center->status.work_center_id, center);

      for (guint k = 0; k < G_N_ELEMENTS (tag_ids); k++)
        {
          PdTag *tag = g_hash_table_lookup (tags_by_id, &tag_ids[k]);
          Counter *counter, *prev;

          if (tag == NULL || g_hash_table_contains (counters, &tag->id))
            continue;

          counter = g_new0 (Counter, 1);
          counter->tag_id = tag->id;
          counter->work_center_id = wc->id;
          counter->scrap = k == 1;
          counter->type = tag->type;
          counter->scale = tag->scale;
          counter->offset = tag->offset;
          prev = g_hash_table_lookup (self->counters, &tag->id);
          if (prev != NULL && prev->type == tag->type && prev->scale == tag->scale
              && prev->offset == tag->offset)
            {
              counter->has_base = prev->has_base;
              counter->last_raw = prev->last_raw;
            }
          g_hash_table_insert (counters, &counter->tag_id, counter);
        }
    }

  g_hash_table_unref (self->counters);
  self->counters = counters;
  g_hash_table_unref (self->centers);
  self->centers = centers;
  self->loaded = TRUE;
  queue_changed (self);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/* The running operation of WORK_CENTER_ID started first: *NUMBER and *SEQ.
 * FALSE when none runs. */
static gboolean
find_running (PdStore  *store,
              gint64    work_center_id,
              char    **number,
              guint    *seq,
              GError  **error)
{
  sqlite3 *db = pd_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT wo.number, op.seq FROM wo_operations op "
                           "JOIN work_orders wo ON wo.id = op.work_order_id "
                           "WHERE op.work_center_id = ?1 AND op.status = 'running' "
                           "ORDER BY (SELECT max (e.id) FROM wo_events e "
                           "          WHERE e.work_order_id = op.work_order_id "
                           "            AND e.seq = op.seq AND e.kind = 'start'), op.id "
                           "LIMIT 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, work_center_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *seq = sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return found;
}

typedef struct
{
  gint64 work_center_id;
  PdQty  good;
  PdQty  scrap;
} Pending;

/* Whether the core said no (which trying again would not change), as
 * opposed to a busy or failing database. */
static gboolean
refused (const GError *error)
{
  return error->domain == PD_ERROR
         && error->code != PD_ERROR_DB_BUSY
         && error->code != PD_ERROR_DB
         && error->code != PD_ERROR_DB_READONLY
         && error->code != PD_ERROR_FAILED;
}

/* Reports what was counted per work center. Runs without the lock but
 * for the bookkeeping. */
static void
report_pending (PdMachineCounts *self,
                Writer          *w)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  GHashTableIter iter;
  Center *center;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->centers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &center))
    if (center->pending_good > 0 || center->pending_scrap > 0)
      {
        Pending p = { center->status.work_center_id, center->pending_good, center->pending_scrap };

        g_array_append_val (pending, p);
        center->pending_good = center->pending_scrap = 0;
      }
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *number = NULL;
      guint seq = 0;
      gboolean running;
      gboolean ok = FALSE;

      running = find_running (w->store, p->work_center_id, &number, &seq, &error);
      if (running)
        ok = pd_store_report_operation (w->store, NULL, number, seq, p->good, p->scrap,
                                        PD_SCRAP_MACHINE, "machine", &error);

      g_mutex_lock (&self->lock);
      center = g_hash_table_lookup (self->centers, &p->work_center_id);
      if (center == NULL)
        {
          /* The work center lost its counters meanwhile. */
          g_mutex_unlock (&self->lock);
          continue;
        }

      if (ok)
        {
          center->status.reported_good += p->good;
          center->status.reported_scrap += p->scrap;
          g_free (center->status.last_number);
          center->status.last_number = g_strdup (number);
          center->status.last_seq = seq;
          center->attempts = 0;
        }
      else if (!running && error == NULL)
        {
          center->status.unassigned_good += p->good;
          center->status.unassigned_scrap += p->scrap;
        }
      else if (refused (error) || ++center->attempts >= MAX_ATTEMPTS)
        {
          /* Refused by the core (or failing for good): never retried. */
          g_autofree char *qty_good = pd_qty_to_string (p->good);
          g_autofree char *qty_scrap = pd_qty_to_string (p->scrap);

          g_message ("Machine count of work center %s (good %s, scrap %s) not reported: %s",
                     center->status.work_center_code, qty_good, qty_scrap, error->message);
          center->status.refused_good += p->good;
          center->status.refused_scrap += p->scrap;
          g_free (center->status.last_error);
          center->status.last_error = g_strdup (error->message);
          center->status.last_error_time = g_get_real_time ();
          center->attempts = 0;
        }
      else
        {
          /* Busy or I/O: tried again at the next flush. */
          g_debug ("Machine count of work center %s deferred: %s",
                   center->status.work_center_code, error->message);
          center->pending_good += p->good;
          center->pending_scrap += p->scrap;
        }
      queue_changed (self);
      g_mutex_unlock (&self->lock);
    }
}

static void
writer_tick (PdMachineCounts *self,
             Writer          *w,
             gboolean         force_reload)
{
  g_autoptr(GError) error = NULL;
  gint64 version = data_version (w->store);

  if (force_reload || version != w->data_version)
    {
      w->data_version = version;
      if (!load (self, w, &error))
        g_debug ("Cannot load the work centers' counters: %s", error->message);
    }

  report_pending (self, w);
}

static gpointer
writer_thread (gpointer user_data)
{
  PdMachineCounts *self = user_data;
  g_autoptr(GError) error = NULL;
  Writer w = { NULL, -1 };
  gint64 next_tick = 0;

  w.store = pd_store_open_existing (self->data_dir, &error);
  if (w.store == NULL)
    g_warning ("Machine counts cannot open the store: %s", error->message);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      gboolean stopping = self->stopping;
      gboolean reload = self->reload_requested;
      guint64 flush = self->flush_requested;
      gint64 now = g_get_monotonic_time ();

      if (stopping || reload || flush > self->flush_done || now >= next_tick)
        {
          self->reload_requested = FALSE;
          g_mutex_unlock (&self->lock);
          if (w.store != NULL)
            writer_tick (self, &w, reload);
          next_tick = g_get_monotonic_time () + FLUSH_INTERVAL_US;
          g_mutex_lock (&self->lock);
          self->flush_done = MAX (self->flush_done, flush);
          if (w.store == NULL)
            self->loaded = TRUE;
          g_cond_broadcast (&self->cond);
          if (stopping)
            break;
          continue;
        }

      g_cond_wait_until (&self->cond, &self->lock, next_tick);
    }
  /* Nobody waits for a flush of a stopped writer. */
  self->flush_done = G_MAXUINT64;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_clear_object (&w.store);
  return NULL;
}

/* --- Public API ------------------------------------------------------------- */

PdMachineCounts *
pd_machine_counts_new (const char *data_dir)
{
  PdMachineCounts *self;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (PD_TYPE_MACHINE_COUNTS, NULL);
  self->data_dir = g_strdup (data_dir);
  return self;
}

void
pd_machine_counts_start (PdMachineCounts *self)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));

  if (self->thread != NULL)
    return;

  self->stopping = FALSE;
  self->flush_done = self->flush_requested;
  self->thread = g_thread_new ("pd-machine-counts", writer_thread, self);
}

void
pd_machine_counts_stop (PdMachineCounts *self)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
pd_machine_counts_attach (PdMachineCounts *self,
                          PdEngine        *engine)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));
  g_return_if_fail (PD_IS_ENGINE (engine));

  pd_machine_counts_detach (self);
  self->engine = g_object_ref (engine);
  self->subscription = pd_engine_subscribe_direct (engine, direct_cb, self, NULL);
}

void
pd_machine_counts_detach (PdMachineCounts *self)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));

  if (self->engine == NULL)
    return;

  pd_engine_unsubscribe (self->engine, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->engine);
}

void
pd_machine_counts_reload (PdMachineCounts *self)
{
  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));

  g_mutex_lock (&self->lock);
  self->reload_requested = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
pd_machine_counts_flush (PdMachineCounts *self)
{
  guint64 generation;

  g_return_if_fail (PD_IS_MACHINE_COUNTS (self));

  g_mutex_lock (&self->lock);
  if (self->thread != NULL)
    {
      generation = ++self->flush_requested;
      g_cond_broadcast (&self->cond);
      while (self->flush_done < generation && self->thread != NULL)
        g_cond_wait (&self->cond, &self->lock);
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
center_counting (PdMachineCounts *self,
                 Center          *center)
{
  gint64 tag_ids[2] = { center->status.good_tag_id, center->status.scrap_tag_id };

  for (guint k = 0; k < G_N_ELEMENTS (tag_ids); k++)
    {
      Counter *counter;

      if (tag_ids[k] <= 0)
        continue;
      counter = g_hash_table_lookup (self->counters, &tag_ids[k]);
      if (counter == NULL || !counter->has_base)
        return FALSE;
    }
  return TRUE;
}

PdMachineCountsStatus *
pd_machine_counts_dup_status (PdMachineCounts *self,
                              gint64           work_center_id)
{
  PdMachineCountsStatus *status = NULL;
  Center *center;

  g_return_val_if_fail (PD_IS_MACHINE_COUNTS (self), NULL);

  g_mutex_lock (&self->lock);
  center = g_hash_table_lookup (self->centers, &work_center_id);
  if (center != NULL)
    {
      status = status_copy (&center->status);
      status->counting = center_counting (self, center);
    }
  g_mutex_unlock (&self->lock);
  return status;
}

static int
compare_status (gconstpointer a,
                gconstpointer b)
{
  const PdMachineCountsStatus *sa = *(PdMachineCountsStatus * const *) a;
  const PdMachineCountsStatus *sb = *(PdMachineCountsStatus * const *) b;

  return g_strcmp0 (sa->work_center_code, sb->work_center_code);
}

GPtrArray *
pd_machine_counts_dup_statuses (PdMachineCounts *self)
{
  GPtrArray *statuses;
  GHashTableIter iter;
  Center *center;

  g_return_val_if_fail (PD_IS_MACHINE_COUNTS (self), NULL);

  statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_machine_counts_status_free);
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->centers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &center))
    {
      PdMachineCountsStatus *status = status_copy (&center->status);

      status->counting = center_counting (self, center);
      g_ptr_array_add (statuses, status);
    }
  g_mutex_unlock (&self->lock);
  g_ptr_array_sort (statuses, compare_status);
  return statuses;
}

PdQty
pd_machine_counts_get_unassigned (PdMachineCounts *self,
                                  gint64           work_center_id)
{
  GHashTableIter iter;
  Center *center;
  PdQty sum = 0;

  g_return_val_if_fail (PD_IS_MACHINE_COUNTS (self), 0);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->centers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &center))
    if (work_center_id <= 0 || center->status.work_center_id == work_center_id)
      sum += center->status.unassigned_good + center->status.unassigned_scrap;
  g_mutex_unlock (&self->lock);
  return sum;
}

/* --- GObject ----------------------------------------------------------------- */

static void
pd_machine_counts_dispose (GObject *object)
{
  PdMachineCounts *self = PD_MACHINE_COUNTS (object);

  pd_machine_counts_detach (self);
  pd_machine_counts_stop (self);
  g_mutex_lock (&self->lock);
  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_clear_pointer (&self->changed_source, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (pd_machine_counts_parent_class)->dispose (object);
}

static void
pd_machine_counts_finalize (GObject *object)
{
  PdMachineCounts *self = PD_MACHINE_COUNTS (object);

  g_hash_table_unref (self->counters);
  g_hash_table_unref (self->centers);
  g_main_context_unref (self->context);
  g_free (self->data_dir);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (pd_machine_counts_parent_class)->finalize (object);
}

static void
pd_machine_counts_class_init (PdMachineCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_machine_counts_dispose;
  object_class->finalize = pd_machine_counts_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_machine_counts_init (PdMachineCounts *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_ref_thread_default ();
  self->counters = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->centers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify) center_free);
}
