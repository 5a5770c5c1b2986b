/* pd-device-stats.c — one device's communication statistics
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-stats"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pd-device-stats.h"

PdDeviceStats *
pd_device_stats_new (gint64 device_id)
{
  PdDeviceStats *self = g_new0 (PdDeviceStats, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->device_id = device_id;
  self->state = PD_DEVICE_STATE_UNKNOWN;
  self->bad_addresses = g_array_new (FALSE, FALSE, sizeof (guint32));

  return self;
}

PdDeviceStats *
pd_device_stats_ref (PdDeviceStats *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
pd_device_stats_unref (PdDeviceStats *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;

  g_mutex_clear (&self->lock);
  g_free (self->last_error);
  g_array_unref (self->bad_addresses);
  g_free (self);
}

void
pd_device_stats_add_request_locked (PdDeviceStats *self,
                                    gboolean       answered,
                                    gboolean       failed,
                                    gboolean       timed_out,
                                    guint64        latency_us)
{
  self->requests++;
  if (failed)
    self->errors++;
  if (timed_out)
    self->timeouts++;

  if (self->window_len == PD_ERROR_WINDOW_SIZE)
    self->window_errors -= self->window[self->window_pos];
  else
    self->window_len++;
  self->window[self->window_pos] = failed ? 1 : 0;
  self->window_errors += self->window[self->window_pos];
  self->window_pos = (self->window_pos + 1) % PD_ERROR_WINDOW_SIZE;

  if (answered)
    {
      self->ring[self->ring_pos] = (guint32) MIN (latency_us, G_MAXUINT32);
      self->ring_pos = (self->ring_pos + 1) % PD_LATENCY_RING_SIZE;
      if (self->ring_len < PD_LATENCY_RING_SIZE)
        self->ring_len++;
    }
}

void
pd_device_stats_take_error_locked (PdDeviceStats *self,
                                   char          *message)
{
  g_free (self->last_error);
  self->last_error = message;
  self->last_error_time = g_get_real_time ();
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

guint64
pd_percentile (guint32 *values,
               guint    n_values,
               guint    percent)
{
  guint rank;

  if (n_values == 0)
    return 0;

  qsort (values, n_values, sizeof (guint32), compare_guint32);
  /* Nearest rank: the smallest value at or above PERCENT of them. */
  rank = (percent * n_values + 99) / 100;
  if (rank == 0)
    rank = 1;
  return values[MIN (rank, n_values) - 1];
}

PdDeviceStatus *
pd_device_stats_dup_status (PdDeviceStats *self)
{
  PdDeviceStatus *status = g_new0 (PdDeviceStatus, 1);
  guint32 ring[PD_LATENCY_RING_SIZE];
  guint ring_len;

  g_mutex_lock (&self->lock);
  status->device_id = self->device_id;
  status->state = self->state;
  status->last_good = self->last_good;
  status->cycles = self->cycles;
  status->late_cycles = self->late_cycles;
  status->requests = self->requests;
  status->errors = self->errors;
  status->timeouts = self->timeouts;
  status->reconnects = self->reconnects;
  status->error_rate = self->window_len > 0 ? (double) self->window_errors / self->window_len : 0.0;
  status->requests_per_cycle = self->requests_per_cycle;
  status->last_error = g_strdup (self->last_error);
  status->last_error_time = self->last_error_time;
  status->bad_addresses = g_array_copy (self->bad_addresses);
  ring_len = self->ring_len;
  memcpy (ring, self->ring, ring_len * sizeof (guint32));
  g_mutex_unlock (&self->lock);

  /* Sorting a thousand values is done outside the lock, so that the
   * worker never waits for a diagnostics view. */
  status->latency_p50 = pd_percentile (ring, ring_len, 50);
  status->latency_p95 = pd_percentile (ring, ring_len, 95);
  status->latency_p99 = pd_percentile (ring, ring_len, 99);

  return status;
}
