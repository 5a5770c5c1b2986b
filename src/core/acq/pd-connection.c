/* pd-connection.c — one Modbus link and the worker thread that owns it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-connection"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-connection.h"
#include "pd-error.h"
#include "pd-modbus-codec.h"

#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 60000

/* A cycle counts as late when it starts more than a tenth of its poll
 * interval (at least 2 ms) after its scheduled time. */
#define LATE_TOLERANCE_US(interval_us) MAX ((interval_us) / 10, 2000)

/* --- Plain Modbus I/O ---------------------------------------------------- */

/* Failures of the link itself travel in the G_IO_ERROR domain, so that
 * callers can tell a refused connection from a silent device or a missing
 * serial port by the code rather than by the text. libmodbus ends a
 * connect that ran out of time with EINPROGRESS or ETIMEDOUT. */
static GIOErrorEnum
link_error_code (int e)
{
  if (e == EINPROGRESS || e == ETIMEDOUT)
    return G_IO_ERROR_TIMED_OUT;
  return g_io_error_from_errno (e);
}

modbus_t *
pd_modbus_open (const PdDevice *device,
                GError        **error)
{
  modbus_t *ctx;
  guint timeout_ms = device->timeout_ms > 0 ? device->timeout_ms : PD_DEVICE_DEFAULT_TIMEOUT_MS;
  g_autofree char *address = pd_device_dup_address (device);

  if (device->transport == PD_TRANSPORT_RTU)
    {
      ctx = modbus_new_rtu (device->serial_path != NULL ? device->serial_path : "",
                            device->baud, device->parity ? device->parity : 'N',
                            device->data_bits ? device->data_bits : 8,
                            device->stop_bits ? device->stop_bits : 1);
    }
  else
    {
      char service[16];

      g_snprintf (service, sizeof service, "%u", device->port);
      ctx = modbus_new_tcp_pi (device->host != NULL ? device->host : "", service);
    }

  if (ctx == NULL)
    {
      int saved = errno;

      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Cannot use %s: %s"), address, g_strerror (saved));
      return NULL;
    }

  modbus_set_response_timeout (ctx, timeout_ms / 1000, (timeout_ms % 1000) * 1000);
  modbus_set_byte_timeout (ctx, timeout_ms / 1000, (timeout_ms % 1000) * 1000);
  modbus_set_slave (ctx, device->unit_id);

  if (modbus_connect (ctx) == -1)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, link_error_code (saved),
                   _("Cannot connect to %s: %s"), address,
                   saved == EINPROGRESS || saved == ETIMEDOUT
                   ? _("no answer") : g_strerror (saved));
      modbus_free (ctx);
      return NULL;
    }

  return ctx;
}

void
pd_read_result_init (PdReadResult *result)
{
  memset (result, 0, sizeof *result);
  result->new_bad = g_array_new (FALSE, FALSE, sizeof (guint32));
  result->recovered = g_array_new (FALSE, FALSE, sizeof (guint32));
  result->new_breaks = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
pd_read_result_clear (PdReadResult *result)
{
  g_clear_pointer (&result->error, g_free);
  g_clear_pointer (&result->new_bad, g_array_unref);
  g_clear_pointer (&result->recovered, g_array_unref);
  g_clear_pointer (&result->new_breaks, g_array_unref);
}

typedef enum
{
  OUTCOME_OK,
  OUTCOME_EXCEPTION,  /* the device refused: bad address, busy … */
  OUTCOME_FAILED,     /* garbage: no value, but the link goes on */
  OUTCOME_ABORT,      /* timeout or I/O error: stop this cycle */
} Outcome;

static gboolean
errno_is_exception (int e)
{
  return (e >= EMBXILFUN && e <= EMBXGTAR) || e == EMBUNKEXC;
}

static gboolean
errno_is_garbage (int e)
{
  return e == EMBBADCRC || e == EMBBADDATA || e == EMBBADEXC
         || e == EMBMDATA || e == EMBBADSLAVE;
}

static void
set_result_error (PdReadResult *result,
                  PdDeviceStats *stats,
                  char         *message)
{
  if (stats != NULL)
    pd_device_stats_take_error_locked (stats, g_strdup (message));
  g_free (result->error);
  result->error = message;
}

static Outcome
request (modbus_t          *ctx,
         const PdDevice    *device,
         const PdReadBlock *block,
         guint16           *registers,
         guint8            *bits,
         PdDeviceStats     *stats,
         PdReadResult      *result)
{
  gint64 t0;
  guint64 latency;
  int rc;
  int e;
  Outcome outcome;

  modbus_set_slave (ctx, block->unit_id);
  /* Units sharing a serial bus may each have a timeout of their own. */
  modbus_set_response_timeout (ctx, device->timeout_ms / 1000, (device->timeout_ms % 1000) * 1000);
  t0 = g_get_monotonic_time ();
  switch (block->area)
    {
    case PD_AREA_COIL:
      rc = modbus_read_bits (ctx, block->start, block->count, bits);
      break;
    case PD_AREA_DISCRETE:
      rc = modbus_read_input_bits (ctx, block->start, block->count, bits);
      break;
    case PD_AREA_INPUT:
      rc = modbus_read_input_registers (ctx, block->start, block->count, registers);
      break;
    case PD_AREA_HOLDING:
    default:
      rc = modbus_read_registers (ctx, block->start, block->count, registers);
      break;
    }
  e = errno;
  latency = g_get_monotonic_time () - t0;

  result->requests++;
  if (stats != NULL)
    g_mutex_lock (&stats->lock);

  if (rc == (int) block->count)
    {
      result->answered++;
      if (stats != NULL)
        pd_device_stats_add_request_locked (stats, TRUE, FALSE, FALSE, latency);
      outcome = OUTCOME_OK;
    }
  else if (rc >= 0 || errno_is_garbage (e))
    {
      result->failed++;
      if (stats != NULL)
        pd_device_stats_add_request_locked (stats, FALSE, TRUE, FALSE, latency);
      set_result_error (result, stats,
                        g_strdup_printf (_("A bad response to reading %s %u–%u: %s"),
                                         pd_area_get_label (block->area), block->start,
                                         block->start + block->count - 1,
                                         rc >= 0 ? _("wrong length") : modbus_strerror (e)));
      /* Whatever else the device sent is not to be read as the next answer. */
      modbus_flush (ctx);
      outcome = OUTCOME_FAILED;
    }
  else if (errno_is_exception (e))
    {
      result->answered++;
      result->failed++;
      if (stats != NULL)
        pd_device_stats_add_request_locked (stats, TRUE, TRUE, FALSE, latency);
      set_result_error (result, stats,
                        g_strdup_printf (_("The device refused reading %s %u–%u: %s"),
                                         pd_area_get_label (block->area), block->start,
                                         block->start + block->count - 1,
                                         modbus_strerror (e)));
      outcome = OUTCOME_EXCEPTION;
    }
  else if (e == ETIMEDOUT)
    {
      result->failed++;
      result->timeouts++;
      if (stats != NULL)
        pd_device_stats_add_request_locked (stats, FALSE, TRUE, TRUE, latency);
      set_result_error (result, stats,
                        g_strdup_printf (_("No answer within %u ms"), device->timeout_ms));
      modbus_flush (ctx);
      /* A late answer over TCP would be taken for the next one's: a
       * serial bus is only flushed, since other units share it. */
      if (device->transport == PD_TRANSPORT_TCP)
        result->link_lost = TRUE;
      outcome = OUTCOME_ABORT;
    }
  else
    {
      result->failed++;
      if (stats != NULL)
        pd_device_stats_add_request_locked (stats, FALSE, TRUE, FALSE, latency);
      set_result_error (result, stats,
                        g_strdup_printf (_("The connection failed: %s"), g_strerror (e)));
      result->link_lost = TRUE;
      outcome = OUTCOME_ABORT;
    }

  if (stats != NULL)
    g_mutex_unlock (&stats->lock);

  return outcome;
}

static void
decode_block (const PdReadPlan  *plan,
              const PdReadBlock *block,
              const guint16     *registers,
              const guint8      *bits,
              PdSample          *samples,
              gint64             ts)
{
  for (guint i = 0; i < block->tags->len; i++)
    {
      guint index = g_array_index (block->tags, guint, i);
      const PdTag *tag = g_ptr_array_index (plan->tags, index);
      PdSample *sample = &samples[index];
      guint offset = tag->address - block->start;

      sample->ts = ts;
      if (pd_area_is_bits (block->area))
        {
          sample->value = pd_modbus_decode_bit (tag, bits[offset]);
          sample->quality = PD_QUALITY_GOOD;
        }
      else if (pd_modbus_decode_registers (tag, registers + offset,
                                           block->count - offset, &sample->value, NULL))
        sample->quality = PD_QUALITY_GOOD;
      else
        sample->quality = PD_QUALITY_BAD;
    }
}

static guint32
block_key (const PdReadBlock *block)
{
  return PD_ADDRESS_KEY (block->area, block->start);
}

void
pd_modbus_read_blocks (modbus_t         *ctx,
                       const PdDevice   *device,
                       const PdReadPlan *plan,
                       GArray           *blocks,
                       GHashTable       *bad,
                       PdSample         *samples,
                       PdDeviceStats    *stats,
                       PdReadResult     *result)
{
  guint16 registers[PD_DEVICE_MAX_BLOCK_REGISTERS];
  guint8 bits[PD_DEVICE_MAX_BLOCK_BITS];

  for (guint b = 0; b < blocks->len; b++)
    {
      const PdReadBlock *block = &g_array_index (blocks, PdReadBlock, b);
      gboolean known_bad = bad != NULL && g_hash_table_contains (bad, GUINT_TO_POINTER (block_key (block)));
      Outcome outcome;

      outcome = request (ctx, device, block, registers, bits, stats, result);
      if (outcome == OUTCOME_ABORT)
        return;

      if (outcome == OUTCOME_OK)
        {
          decode_block (plan, block, registers, bits, samples, g_get_real_time ());
          if (known_bad && block->tags->len == 1)
            {
              guint32 key = block_key (block);

              g_array_append_val (result->recovered, key);
            }
          continue;
        }

      if (outcome != OUTCOME_EXCEPTION)
        continue;

      if (block->tags->len == 1)
        {
          guint32 key = block_key (block);

          if (!known_bad)
            g_array_append_val (result->new_bad, key);
          continue;
        }

      /* One bad address must not blind the block's other tags: read them
       * one by one, and remember which ones the device refuses. */
      {
        g_autoptr(GArray) singles = pd_read_block_split (plan, block);
        guint n_good = 0;

        for (guint s = 0; s < singles->len; s++)
          {
            const PdReadBlock *single = &g_array_index (singles, PdReadBlock, s);
            guint32 key = block_key (single);

            outcome = request (ctx, device, single, registers, bits, stats, result);
            if (outcome == OUTCOME_ABORT)
              return;
            if (outcome == OUTCOME_OK)
              {
                decode_block (plan, single, registers, bits, samples, g_get_real_time ());
                n_good++;
              }
            else if (outcome == OUTCOME_EXCEPTION)
              g_array_append_val (result->new_bad, key);
          }

        /* Every tag answered alone: the hole between them is refused, so
         * they are not merged again. */
        if (n_good == singles->len)
          for (guint s = 1; s < singles->len; s++)
            {
              guint32 key = block_key (&g_array_index (singles, PdReadBlock, s));

              g_array_append_val (result->new_breaks, key);
            }
      }
    }
}

gboolean
pd_modbus_write_tag (modbus_t       *ctx,
                     const PdDevice *device,
                     const PdTag    *tag,
                     const guint16  *registers,
                     guint           n_registers,
                     guint8          bit,
                     gboolean       *link_lost,
                     GError        **error)
{
  int rc;
  int e;

  *link_lost = FALSE;
  modbus_set_slave (ctx, device->unit_id);

  if (tag->area == PD_AREA_COIL)
    rc = modbus_write_bit (ctx, tag->address, bit);
  else if (tag->area == PD_AREA_HOLDING && n_registers == 1)
    rc = modbus_write_register (ctx, tag->address, registers[0]);
  else if (tag->area == PD_AREA_HOLDING)
    rc = modbus_write_registers (ctx, tag->address, n_registers, registers);
  else
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Tag “%s” is in a read-only area (%s)"),
                   tag->name, pd_area_get_label (tag->area));
      return FALSE;
    }

  if (rc != -1)
    return TRUE;

  e = errno;
  if (errno_is_exception (e))
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                 _("The device refused the write to “%s”: %s"), tag->name, modbus_strerror (e));
  else if (e == ETIMEDOUT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("The device did not confirm the write to “%s” within %u ms"),
                   tag->name, device->timeout_ms);
      *link_lost = device->transport == PD_TRANSPORT_TCP;
      modbus_flush (ctx);
    }
  else if (errno_is_garbage (e))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("A bad response to the write to “%s”: %s"), tag->name, modbus_strerror (e));
      modbus_flush (ctx);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, link_error_code (e),
                   _("The connection failed: %s"), g_strerror (e));
      *link_lost = TRUE;
    }

  return FALSE;
}

/* --- The worker ---------------------------------------------------------- */

typedef enum
{
  COMMAND_STOP,
  COMMAND_WRITE,
  COMMAND_RECONFIGURE,
} CommandKind;

typedef struct
{
  CommandKind  kind;
  gint64       device_id;
  PdTag       *tag;
  guint16      registers[4];
  guint        n_registers;
  guint8       bit;
  GTask       *task;
  GPtrArray   *devices;   /* PdConnectionDevice */
} Command;

static void
command_free (Command *command)
{
  g_clear_pointer (&command->tag, pd_tag_free);
  g_clear_object (&command->task);
  g_clear_pointer (&command->devices, g_ptr_array_unref);
  g_free (command);
}

/* What the worker keeps about one device between cycles. */
typedef struct
{
  PdConnectionDevice *cd;
  PdReadPlan         *plan;
  GHashTable         *bad;
  GHashTable         *breaks;
  GArray             *next_due;     /* gint64 per group, monotonic µs */
  PdSample           *samples;      /* per plan tag: the latest value */
  gboolean           *has_value;
  PdSample           *out;          /* one group's samples, handed on */
  double             *out_deadbands;
  PdDeviceState       state;
  gint64              retry_at;     /* an offline device is next tried then */
  guint               backoff_ms;
  gboolean            resync;       /* the schedule restarts: no late count */
} DeviceRun;

struct _PdConnection
{
  char                 *key;
  PdDevice             *link;        /* the settings of the link itself */
  GPtrArray            *runs;        /* DeviceRun, worker only */
  GPtrArray            *pending;     /* PdConnectionDevice, before start */
  PdConnectionDispatch  dispatch;
  gpointer              engine;
  GAsyncQueue          *queue;
  GThread              *thread;
  GRand                *rand;

  /* Worker only. */
  modbus_t             *ctx;
  gboolean              ever_connected;
  gint64                next_connect;
  guint                 backoff_ms;
  guint                 backoff_min_ms;
  guint                 backoff_max_ms;
};

PdConnectionDevice *
pd_connection_device_new (const PdDevice *device,
                          PdDeviceStats  *stats)
{
  PdConnectionDevice *cd = g_new0 (PdConnectionDevice, 1);

  cd->device = pd_device_copy (device);
  cd->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  cd->stats = pd_device_stats_ref (stats);
  return cd;
}

void
pd_connection_device_free (PdConnectionDevice *cd)
{
  if (cd == NULL)
    return;
  g_clear_pointer (&cd->device, pd_device_free);
  g_clear_pointer (&cd->tags, g_ptr_array_unref);
  g_clear_pointer (&cd->stats, pd_device_stats_unref);
  g_free (cd);
}

static void
device_run_free (DeviceRun *run)
{
  g_clear_pointer (&run->cd, pd_connection_device_free);
  g_clear_pointer (&run->plan, pd_read_plan_free);
  g_clear_pointer (&run->bad, g_hash_table_unref);
  g_clear_pointer (&run->breaks, g_hash_table_unref);
  g_clear_pointer (&run->next_due, g_array_unref);
  g_free (run->samples);
  g_free (run->has_value);
  g_free (run->out);
  g_free (run->out_deadbands);
  g_free (run);
}

static void
update_bad_addresses (DeviceRun *run)
{
  PdDeviceStats *stats = run->cd->stats;
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&stats->lock);
  g_array_set_size (stats->bad_addresses, 0);
  g_hash_table_iter_init (&iter, run->bad);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 k = GPOINTER_TO_UINT (key);

      g_array_append_val (stats->bad_addresses, k);
    }
  stats->requests_per_cycle = pd_read_plan_count_requests (run->plan);
  g_mutex_unlock (&stats->lock);
}

/* Rebuilds the plan, keeping each tag's latest value and each poll
 * group's schedule. */
static void
replan (DeviceRun *run)
{
  PdReadPlan *old = run->plan;
  PdSample *old_samples = run->samples;
  gboolean *old_has = run->has_value;
  GArray *old_due = run->next_due;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n;
  gint64 now = g_get_monotonic_time ();

  run->plan = pd_read_plan_new (run->cd->device, run->cd->tags, run->bad, run->breaks, FALSE);
  n = run->plan->tags->len;
  run->samples = g_new0 (PdSample, MAX (n, 1));
  run->has_value = g_new0 (gboolean, MAX (n, 1));
  g_free (run->out);
  g_free (run->out_deadbands);
  run->out = g_new0 (PdSample, MAX (n, 1));
  run->out_deadbands = g_new0 (double, MAX (n, 1));
  run->next_due = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (old != NULL)
    for (guint i = 0; i < old->tags->len; i++)
      if (old_has[i])
        g_hash_table_insert (by_id, &old_samples[i].tag_id, &old_samples[i]);

  for (guint i = 0; i < n; i++)
    {
      const PdTag *tag = g_ptr_array_index (run->plan->tags, i);
      PdSample *previous = g_hash_table_lookup (by_id, &tag->id);

      run->samples[i].tag_id = tag->id;
      if (previous != NULL)
        {
          run->samples[i] = *previous;
          run->has_value[i] = TRUE;
        }
    }

  for (guint g = 0; g < run->plan->groups->len; g++)
    {
      const PdPollGroup *group = g_ptr_array_index (run->plan->groups, g);
      gint64 due = now;

      if (old != NULL)
        for (guint og = 0; og < old->groups->len; og++)
          if (((PdPollGroup *) g_ptr_array_index (old->groups, og))->poll_ms == group->poll_ms)
            due = g_array_index (old_due, gint64, og);
      g_array_append_val (run->next_due, due);
    }

  pd_read_plan_free (old);
  g_free (old_samples);
  g_free (old_has);
  if (old_due != NULL)
    g_array_unref (old_due);

  update_bad_addresses (run);
}

static DeviceRun *
device_run_new (PdConnectionDevice *cd,
                DeviceRun          *previous)
{
  DeviceRun *run = g_new0 (DeviceRun, 1);

  run->cd = cd;
  run->bad = g_hash_table_new (NULL, NULL);
  run->breaks = g_hash_table_new (NULL, NULL);
  run->state = PD_DEVICE_STATE_UNKNOWN;
  run->resync = TRUE;

  /* Bad addresses belong to the device, not to the tag set. */
  if (previous != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, previous->bad);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (run->bad, key);
      g_hash_table_iter_init (&iter, previous->breaks);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (run->breaks, key);
      run->state = previous->state;
      run->retry_at = previous->retry_at;
      run->backoff_ms = previous->backoff_ms;
    }

  replan (run);
  return run;
}

static void
set_state (PdConnection *self,
           DeviceRun    *run,
           PdDeviceState state,
           GArray       *changed)
{
  if (run->state == state)
    return;

  run->state = state;
  g_mutex_lock (&run->cd->stats->lock);
  run->cd->stats->state = state;
  g_mutex_unlock (&run->cd->stats->lock);
  g_array_append_val (changed, run->cd->device->id);
}

static guint
jitter (PdConnection *self,
        guint         ms)
{
  /* ±20 %, so that devices that failed together do not retry together. */
  return (guint) (ms * g_rand_double_range (self->rand, 0.8, 1.2));
}

/* The device no longer answers: its values turn stale, once. */
static void
go_offline (PdConnection *self,
            DeviceRun    *run,
            GArray       *changed)
{
  guint n = 0;
  gint64 ts = g_get_real_time ();

  if (run->state == PD_DEVICE_STATE_OFFLINE)
    return;

  for (guint i = 0; i < run->plan->tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (run->plan->tags, i);

      run->out[n].tag_id = tag->id;
      run->out[n].ts = ts;
      run->out[n].value = run->samples[i].value;
      run->out[n].quality = run->has_value[i] ? PD_QUALITY_STALE : PD_QUALITY_BAD;
      run->out_deadbands[n] = tag->deadband;
      run->samples[i].quality = run->out[n].quality;
      n++;
    }

  set_state (self, run, PD_DEVICE_STATE_OFFLINE, changed);
  self->dispatch (self->engine, run->out, run->out_deadbands, n,
                  (const gint64 *) changed->data, changed->len);
  g_array_set_size (changed, 0);
}

static void
close_link (PdConnection *self,
            GArray       *changed)
{
  if (self->ctx != NULL)
    {
      modbus_close (self->ctx);
      modbus_free (self->ctx);
      self->ctx = NULL;
    }

  for (guint i = 0; i < self->runs->len; i++)
    go_offline (self, g_ptr_array_index (self->runs, i), changed);

  self->next_connect = g_get_monotonic_time () + (gint64) jitter (self, self->backoff_ms) * 1000;
  self->backoff_ms = MIN (self->backoff_ms * 2, self->backoff_max_ms);
}

static void
try_connect (PdConnection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now;

  self->ctx = pd_modbus_open (self->link, &error);
  now = g_get_monotonic_time ();

  for (guint i = 0; i < self->runs->len; i++)
    {
      DeviceRun *run = g_ptr_array_index (self->runs, i);
      PdDeviceStats *stats = run->cd->stats;

      g_mutex_lock (&stats->lock);
      if (self->ctx == NULL)
        {
          stats->errors++;
          pd_device_stats_take_error_locked (stats, g_strdup (error->message));
        }
      else if (self->ever_connected)
        stats->reconnects++;
      g_mutex_unlock (&stats->lock);

      if (self->ctx != NULL)
        {
          /* Start every schedule afresh rather than count the time
           * offline as late cycles. */
          run->retry_at = 0;
          run->resync = TRUE;
          for (guint g = 0; g < run->next_due->len; g++)
            g_array_index (run->next_due, gint64, g) = now;
        }
    }

  if (self->ctx == NULL)
    {
      close_link (self, changed);
      return;
    }

  self->ever_connected = TRUE;
}

static void
apply_plan_changes (DeviceRun    *run,
                    PdReadResult *result)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < result->new_bad->len; i++)
    changed |= g_hash_table_add (run->bad, GUINT_TO_POINTER (g_array_index (result->new_bad, guint32, i)));
  for (guint i = 0; i < result->recovered->len; i++)
    changed |= g_hash_table_remove (run->bad, GUINT_TO_POINTER (g_array_index (result->recovered, guint32, i)));
  for (guint i = 0; i < result->new_breaks->len; i++)
    changed |= g_hash_table_add (run->breaks, GUINT_TO_POINTER (g_array_index (result->new_breaks, guint32, i)));

  if (changed)
    replan (run);
}

static void
run_group (PdConnection *self,
           DeviceRun    *run,
           guint         g,
           gint64        now)
{
  const PdPollGroup *group = g_ptr_array_index (run->plan->groups, g);
  PdDeviceStats *stats = run->cd->stats;
  gint64 interval = (gint64) MAX (group->poll_ms, 1) * 1000;
  gint64 *due = &g_array_index (run->next_due, gint64, g);
  gboolean late = !run->resync && now - *due > LATE_TOLERANCE_US (interval);
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdReadResult result;
  gint64 ts = g_get_real_time ();
  guint n = 0;
  gboolean any_bad = FALSE;

  /* An absolute schedule: a slow cycle does not shift the next ones, and
   * cycles missed altogether are skipped, not run in a burst; the latest
   * slot already due still runs at once (counted late when it is), rather
   * than leave the link idle until the next one. */
  *due += interval;
  if (*due <= now)
    *due += ((now - *due) / interval) * interval;
  run->resync = FALSE;

  for (guint b = 0; b < group->blocks->len; b++)
    {
      const PdReadBlock *block = &g_array_index (group->blocks, PdReadBlock, b);

      for (guint t = 0; t < block->tags->len; t++)
        {
          guint index = g_array_index (block->tags, guint, t);

          run->samples[index].ts = ts;
          run->samples[index].quality = PD_QUALITY_BAD;
        }
    }

  pd_read_result_init (&result);
  pd_modbus_read_blocks (self->ctx, run->cd->device, run->plan, group->blocks,
                         run->bad, run->samples, stats, &result);

  g_mutex_lock (&stats->lock);
  stats->cycles++;
  if (late)
    stats->late_cycles++;
  if (result.answered > 0)
    stats->last_good = g_get_real_time ();
  g_mutex_unlock (&stats->lock);

  if (result.requests > 0 && result.answered == 0)
    {
      /* Nothing answered: the device is offline until its next try. */
      if (result.link_lost)
        close_link (self, changed);
      else
        {
          go_offline (self, run, changed);
          run->retry_at = g_get_monotonic_time () + (gint64) jitter (self, run->backoff_ms) * 1000;
          run->backoff_ms = MIN (run->backoff_ms * 2, self->backoff_max_ms);
          run->resync = TRUE;
        }
      pd_read_result_clear (&result);
      return;
    }

  run->backoff_ms = self->backoff_min_ms;
  self->backoff_ms = self->backoff_min_ms;

  for (guint b = 0; b < group->blocks->len; b++)
    {
      const PdReadBlock *block = &g_array_index (group->blocks, PdReadBlock, b);

      for (guint t = 0; t < block->tags->len; t++)
        {
          guint index = g_array_index (block->tags, guint, t);
          const PdTag *tag = g_ptr_array_index (run->plan->tags, index);

          if (run->samples[index].quality == PD_QUALITY_GOOD)
            run->has_value[index] = TRUE;
          else
            any_bad = TRUE;
          run->out[n] = run->samples[index];
          run->out_deadbands[n] = tag->deadband;
          n++;
        }
    }

  set_state (self, run, any_bad ? PD_DEVICE_STATE_DEGRADED : PD_DEVICE_STATE_ONLINE, changed);
  self->dispatch (self->engine, run->out, run->out_deadbands, n,
                  (const gint64 *) changed->data, changed->len);
  g_array_set_size (changed, 0);

  apply_plan_changes (run, &result);

  if (result.link_lost)
    close_link (self, changed);

  pd_read_result_clear (&result);
}

static gint64
next_wake (PdConnection *self,
           DeviceRun   **run_out,
           guint        *group_out)
{
  gint64 wake = G_MAXINT64;

  *run_out = NULL;
  *group_out = 0;

  if (self->ctx == NULL)
    return self->runs->len > 0 ? self->next_connect : G_MAXINT64;

  for (guint i = 0; i < self->runs->len; i++)
    {
      DeviceRun *run = g_ptr_array_index (self->runs, i);

      for (guint g = 0; g < run->next_due->len; g++)
        {
          gint64 due = MAX (g_array_index (run->next_due, gint64, g), run->retry_at);

          if (due < wake)
            {
              wake = due;
              *run_out = run;
              *group_out = g;
            }
        }
    }

  return wake;
}

static gboolean
device_equal (const PdDevice *a,
              const PdDevice *b)
{
  return a->id == b->id
         && a->transport == b->transport
         && g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->host, b->host) == 0
         && a->port == b->port
         && g_strcmp0 (a->serial_path, b->serial_path) == 0
         && a->baud == b->baud
         && a->parity == b->parity
         && a->data_bits == b->data_bits
         && a->stop_bits == b->stop_bits
         && a->unit_id == b->unit_id
         && a->timeout_ms == b->timeout_ms
         && a->poll_ms == b->poll_ms
         && a->enabled == b->enabled
         && a->max_gap == b->max_gap
         && a->max_block_registers == b->max_block_registers
         && a->max_block_bits == b->max_block_bits
         && a->coalesce == b->coalesce
         && a->lifecycle == b->lifecycle;
}

static gboolean
tag_equal (const PdTag *a,
           const PdTag *b)
{
  return a->id == b->id
         && a->device_id == b->device_id
         && g_strcmp0 (a->name, b->name) == 0
         && a->area == b->area
         && a->address == b->address
         && a->type == b->type
         && a->byte_order == b->byte_order
         && a->word_order == b->word_order
         && a->scale == b->scale
         && a->offset == b->offset
         && a->deadband == b->deadband
         && a->poll_ms == b->poll_ms
         && a->writable == b->writable
         && a->history == b->history;
}

gboolean
pd_connection_device_equal (const PdConnectionDevice *a,
                            const PdConnectionDevice *b)
{
  if (!device_equal (a->device, b->device) || a->tags->len != b->tags->len)
    return FALSE;

  for (guint i = 0; i < a->tags->len; i++)
    if (!tag_equal (g_ptr_array_index (a->tags, i), g_ptr_array_index (b->tags, i)))
      return FALSE;

  return TRUE;
}

static void
apply_devices (PdConnection *self,
               GPtrArray    *devices)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) device_run_free);

  for (guint i = 0; i < devices->len; i++)
    {
      PdConnectionDevice *cd = g_ptr_array_index (devices, i);
      DeviceRun *previous = NULL;

      g_ptr_array_index (devices, i) = NULL;
      for (guint j = 0; j < self->runs->len; j++)
        {
          DeviceRun *old = g_ptr_array_index (self->runs, j);

          if (old != NULL && old->cd->device->id == cd->device->id)
            previous = old;
        }

      if (previous != NULL && pd_connection_device_equal (previous->cd, cd))
        {
          /* Unchanged: plan, schedule and values go on as they were. */
          pd_connection_device_free (previous->cd);
          previous->cd = cd;
          g_ptr_array_remove_fast (self->runs, previous);
          g_ptr_array_add (runs, previous);
        }
      else
        {
          DeviceRun *run = device_run_new (cd, previous);

          if (run->backoff_ms == 0)
            run->backoff_ms = self->backoff_min_ms;
          if (self->ctx == NULL && run->state != PD_DEVICE_STATE_OFFLINE && self->ever_connected)
            run->state = PD_DEVICE_STATE_OFFLINE;
          g_ptr_array_add (runs, run);
        }
    }

  /* self->runs was built without a free func for the moved entries. */
  for (guint j = 0; j < self->runs->len; j++)
    device_run_free (g_ptr_array_index (self->runs, j));
  g_ptr_array_set_size (self->runs, 0);
  g_ptr_array_unref (self->runs);
  self->runs = runs;
  g_ptr_array_set_free_func (self->runs, NULL);
}

static void
handle_write (PdConnection *self,
              Command      *command)
{
  DeviceRun *run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean link_lost = FALSE;

  for (guint i = 0; i < self->runs->len; i++)
    {
      DeviceRun *r = g_ptr_array_index (self->runs, i);

      if (r->cd->device->id == command->device_id)
        run = r;
    }

  if (run == NULL)
    {
      g_task_return_new_error (command->task, PD_ERROR, PD_ERROR_NOT_FOUND,
                               _("The device is no longer polled"));
      return;
    }

  if (g_task_return_error_if_cancelled (command->task))
    return;

  /* A write is worth one connection attempt whatever the backoff says. */
  if (self->ctx == NULL)
    {
      self->ctx = pd_modbus_open (self->link, &error);
      if (self->ctx == NULL)
        {
          g_task_return_error (command->task, g_steal_pointer (&error));
          return;
        }
      if (self->ever_connected)
        {
          g_mutex_lock (&run->cd->stats->lock);
          run->cd->stats->reconnects++;
          g_mutex_unlock (&run->cd->stats->lock);
        }
      self->ever_connected = TRUE;
      for (guint i = 0; i < self->runs->len; i++)
        {
          DeviceRun *r = g_ptr_array_index (self->runs, i);

          r->retry_at = 0;
          r->resync = TRUE;
        }
    }

  if (pd_modbus_write_tag (self->ctx, run->cd->device, command->tag,
                           command->registers, command->n_registers,
                           command->bit, &link_lost, &error))
    {
      /* Read the written value back in the next cycle rather than wait
       * a whole poll interval. */
      for (guint g = 0; g < run->next_due->len; g++)
        g_array_index (run->next_due, gint64, g) = MIN (g_array_index (run->next_due, gint64, g),
                                                        g_get_monotonic_time ());
      run->resync = TRUE;
      g_task_return_boolean (command->task, TRUE);
    }
  else
    {
      g_mutex_lock (&run->cd->stats->lock);
      run->cd->stats->errors++;
      pd_device_stats_take_error_locked (run->cd->stats, g_strdup (error->message));
      g_mutex_unlock (&run->cd->stats->lock);
      g_task_return_error (command->task, g_steal_pointer (&error));
      if (link_lost)
        close_link (self, changed);
    }
}

static gpointer
worker_main (gpointer data)
{
  PdConnection *self = data;

  for (;;)
    {
      DeviceRun *run;
      guint group;
      gint64 now = g_get_monotonic_time ();
      gint64 wake = next_wake (self, &run, &group);
      Command *command;

      if (wake <= now)
        command = g_async_queue_try_pop (self->queue);
      else if (wake == G_MAXINT64)
        command = g_async_queue_pop (self->queue);
      else
        command = g_async_queue_timeout_pop (self->queue, (guint64) (wake - now));

      if (command != NULL)
        {
          gboolean stop = command->kind == COMMAND_STOP;

          if (command->kind == COMMAND_WRITE)
            handle_write (self, command);
          else if (command->kind == COMMAND_RECONFIGURE)
            apply_devices (self, command->devices);
          command_free (command);
          if (stop)
            break;
          continue;
        }

      now = g_get_monotonic_time ();
      if (self->ctx == NULL)
        {
          if (now >= self->next_connect)
            try_connect (self);
          continue;
        }

      if (run != NULL && wake <= now)
        run_group (self, run, group, now);
    }

  if (self->ctx != NULL)
    {
      modbus_close (self->ctx);
      modbus_free (self->ctx);
      self->ctx = NULL;
    }

  return NULL;
}

PdConnection *
pd_connection_new (const char           *key,
                   GPtrArray            *devices,
                   PdConnectionDispatch  dispatch,
                   gpointer              engine)
{
  PdConnection *self = g_new0 (PdConnection, 1);
  PdConnectionDevice *first;

  g_return_val_if_fail (devices != NULL && devices->len > 0, NULL);

  first = g_ptr_array_index (devices, 0);
  self->key = g_strdup (key);
  self->link = pd_device_copy (first->device);
  self->pending = g_ptr_array_ref (devices);
  self->runs = g_ptr_array_new ();
  self->dispatch = dispatch;
  self->engine = engine;
  self->queue = g_async_queue_new_full ((GDestroyNotify) command_free);
  self->rand = g_rand_new ();
  self->backoff_min_ms = BACKOFF_MIN_MS;
  self->backoff_max_ms = BACKOFF_MAX_MS;
  self->backoff_ms = BACKOFF_MIN_MS;

  return self;
}

const char *
pd_connection_get_key (PdConnection *self)
{
  return self->key;
}

gboolean
pd_connection_link_differs (PdConnection   *self,
                            const PdDevice *device)
{
  const PdDevice *link = self->link;

  if (link->transport != device->transport)
    return TRUE;
  if (link->transport == PD_TRANSPORT_TCP)
    return g_strcmp0 (link->host, device->host) != 0 || link->port != device->port;
  return g_strcmp0 (link->serial_path, device->serial_path) != 0
         || link->baud != device->baud || link->parity != device->parity
         || link->data_bits != device->data_bits || link->stop_bits != device->stop_bits;
}

void
pd_connection_set_backoff (PdConnection *self,
                           guint         min_ms,
                           guint         max_ms)
{
  g_return_if_fail (self->thread == NULL);

  self->backoff_min_ms = MAX (min_ms, 1);
  self->backoff_max_ms = MAX (max_ms, self->backoff_min_ms);
  self->backoff_ms = self->backoff_min_ms;
}

void
pd_connection_start (PdConnection *self)
{
  g_autofree char *name = NULL;

  if (self->thread != NULL)
    return;

  if (self->pending != NULL)
    {
      apply_devices (self, self->pending);
      g_clear_pointer (&self->pending, g_ptr_array_unref);
    }

  self->next_connect = 0;
  self->backoff_ms = self->backoff_min_ms;
  for (guint i = 0; i < self->runs->len; i++)
    {
      DeviceRun *run = g_ptr_array_index (self->runs, i);

      run->backoff_ms = self->backoff_min_ms;
    }

  name = g_strdup_printf ("pd-modbus");
  self->thread = g_thread_new (name, worker_main, self);
}

void
pd_connection_stop (PdConnection *self)
{
  Command *command;

  if (self->thread == NULL)
    return;

  command = g_new0 (Command, 1);
  command->kind = COMMAND_STOP;
  g_async_queue_push (self->queue, command);
  g_thread_join (g_steal_pointer (&self->thread));

  /* Writes still queued are answered, not dropped. */
  while ((command = g_async_queue_try_pop (self->queue)) != NULL)
    {
      if (command->task != NULL)
        g_task_return_new_error (command->task, PD_ERROR, PD_ERROR_FAILED,
                                 _("Acquisition stopped before the write"));
      else if (command->kind == COMMAND_RECONFIGURE)
        {
          apply_devices (self, command->devices);
        }
      command_free (command);
    }
}

void
pd_connection_reconfigure (PdConnection *self,
                           GPtrArray    *devices)
{
  Command *command;

  if (self->thread == NULL)
    {
      if (self->pending != NULL)
        g_ptr_array_unref (self->pending);
      self->pending = devices;
      return;
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_RECONFIGURE;
  command->devices = devices;
  g_async_queue_push_front (self->queue, command);
}

void
pd_connection_queue_write (PdConnection  *self,
                           gint64         device_id,
                           const PdTag   *tag,
                           const guint16 *registers,
                           guint          n_registers,
                           guint8         bit,
                           GTask         *task)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_WRITE;
  command->device_id = device_id;
  command->tag = pd_tag_copy (tag);
  memcpy (command->registers, registers, MIN (n_registers, 4) * sizeof (guint16));
  command->n_registers = n_registers;
  command->bit = bit;
  command->task = g_object_ref (task);
  g_async_queue_push (self->queue, command);
}

void
pd_connection_free (PdConnection *self)
{
  if (self == NULL)
    return;

  pd_connection_stop (self);
  for (guint j = 0; j < self->runs->len; j++)
    device_run_free (g_ptr_array_index (self->runs, j));
  g_ptr_array_unref (self->runs);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_async_queue_unref (self->queue);
  g_rand_free (self->rand);
  pd_device_free (self->link);
  g_free (self->key);
  g_free (self);
}
