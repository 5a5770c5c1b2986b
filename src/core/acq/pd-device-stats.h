/* pd-device-stats.h — one device's communication statistics
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-engine.h"

G_BEGIN_DECLS

#define PD_LATENCY_RING_SIZE 1000
#define PD_ERROR_WINDOW_SIZE 100

/* Written by the device's worker, read by pd_engine_dup_status() on any
 * thread: every field is under LOCK. Reference counted so that it
 * outlives a reconfiguration that keeps the device. */
typedef struct
{
  gatomicrefcount ref;
  GMutex          lock;

  gint64          device_id;
  PdDeviceState   state;
  gint64          last_good;
  guint64         cycles;
  guint64         late_cycles;
  guint64         requests;
  guint64         errors;
  guint64         timeouts;
  guint64         reconnects;
  guint           requests_per_cycle;
  char           *last_error;
  gint64          last_error_time;
  GArray         *bad_addresses;    /* guint32 keys */

  /* The last PD_ERROR_WINDOW_SIZE requests: TRUE for a failed one. */
  guint8          window[PD_ERROR_WINDOW_SIZE];
  guint           window_pos;
  guint           window_len;
  guint           window_errors;

  /* Latencies (µs) of the last PD_LATENCY_RING_SIZE answered requests. */
  guint32         ring[PD_LATENCY_RING_SIZE];
  guint           ring_pos;
  guint           ring_len;
} PdDeviceStats;

PdDeviceStats  *pd_device_stats_new          (gint64          device_id);
PdDeviceStats  *pd_device_stats_ref          (PdDeviceStats  *self);
void            pd_device_stats_unref        (PdDeviceStats  *self);
/* One request: ANSWERED when the device answered (an exception counts),
 * FAILED when it brought no value, TIMED_OUT when nothing came back.
 * Called with LOCK held. */
void            pd_device_stats_add_request_locked (PdDeviceStats *self,
                                               gboolean        answered,
                                               gboolean        failed,
                                               gboolean        timed_out,
                                               guint64         latency_us);
/* Takes MESSAGE. Called with LOCK held. */
void            pd_device_stats_take_error_locked (PdDeviceStats *self,
                                               char           *message);
PdDeviceStatus *pd_device_stats_dup_status   (PdDeviceStats  *self);
/* The Nth percentile (0 … 100) of VALUES, sorted in place. */
guint64         pd_percentile                (guint32        *values,
                                              guint           n_values,
                                              guint           percent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDeviceStats, pd_device_stats_unref)

G_END_DECLS
