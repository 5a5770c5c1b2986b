/* pd-engine.h — the acquisition engine: polls devices in worker threads
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-device.h"
#include "pd-sample.h"

G_BEGIN_DECLS

#define PD_TYPE_ENGINE (pd_engine_get_type ())

G_DECLARE_FINAL_TYPE (PdEngine, pd_engine, PD, ENGINE, GObject)

/**
 * PdDeviceStatus:
 *
 * A snapshot of one device's communication, for lists and diagnostics.
 */
typedef struct
{
  gint64         device_id;
  PdDeviceState  state;
  gint64         last_good;        /* µs since the epoch of the last good cycle, 0: never */
  guint64        cycles;
  guint64        late_cycles;      /* cycles that started later than their poll interval */
  guint64        requests;
  guint64        errors;           /* exceptions, garbage, timeouts, connection failures */
  guint64        timeouts;
  guint64        reconnects;
  double         error_rate;       /* errors / requests over the last 100 requests, 0 … 1 */
  guint64        latency_p50;      /* µs, over the last 1000 answered requests */
  guint64        latency_p95;
  guint64        latency_p99;
  guint          requests_per_cycle;  /* of the current read plan */
  char          *last_error;       /* translated, or NULL */
  gint64         last_error_time;  /* µs since the epoch */
  GArray        *bad_addresses;    /* guint32: (area << 16) | address, answered with exceptions */
} PdDeviceStatus;

void            pd_device_status_free          (PdDeviceStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDeviceStatus, pd_device_status_free)

/* SAMPLES: every value of a cycle (direct) or the latest per tag since the
 * last call (batched). CHANGED_DEVICES: devices whose PdDeviceState
 * changed. */
typedef void  (*PdEngineFunc)                  (PdEngine       *engine,
                                                const PdSample *samples,
                                                guint           n_samples,
                                                const gint64   *changed_devices,
                                                guint           n_changed_devices,
                                                gpointer        user_data);

PdEngine       *pd_engine_new                  (void);
/* Replaces what is polled: DEVICES (PdDevice) and TAGS (PdTag, with
 * device_id). Disabled, planned and retired devices are not polled.
 * Workers of connections whose devices did not change keep running; read
 * plans are rebuilt. May be called while running. */
void            pd_engine_configure            (PdEngine       *self,
                                                GPtrArray      *devices,
                                                GPtrArray      *tags);
void            pd_engine_start                (PdEngine       *self);
/* Stops and joins every worker; values stop arriving. */
void            pd_engine_stop                 (PdEngine       *self);
gboolean        pd_engine_is_running           (PdEngine       *self);

/* FUNC is called on a worker thread with every cycle's values as they are
 * read: for consumers with their own queue (historian, alarms). It must
 * not block. */
guint           pd_engine_subscribe_direct     (PdEngine       *self,
                                                PdEngineFunc    func,
                                                gpointer        user_data,
                                                GDestroyNotify  destroy);
/* FUNC is called on CONTEXT (NULL: the thread-default context of the
 * caller) at most once every INTERVAL_MS with the latest value of each tag
 * that changed since the last call: for the UI (100 ms). */
guint           pd_engine_subscribe            (PdEngine       *self,
                                                GMainContext   *context,
                                                guint           interval_ms,
                                                PdEngineFunc    func,
                                                gpointer        user_data,
                                                GDestroyNotify  destroy);
void            pd_engine_unsubscribe          (PdEngine       *self,
                                                guint           subscription);

/* A snapshot of a configured device's status; NULL when not configured. */
PdDeviceStatus *pd_engine_dup_status           (PdEngine       *self,
                                                gint64          device_id);

/* Writes VALUE (engineering units) to TAG: queued to the device's worker
 * when the engine polls it, otherwise over a connection of its own. Refuses
 * a tag that is not writable or a value that does not fit its type. The
 * caller checks the user's permission (pd_device_write_value_async does). */
void            pd_engine_write_async          (PdEngine       *self,
                                                const PdDevice *device,
                                                const PdTag    *tag,
                                                double          value,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pd_engine_write_finish         (PdEngine       *self,
                                                GAsyncResult   *result,
                                                GError        **error);

/* One acquisition of TAGS from DEVICE over a connection of its own, with
 * the device's read plan: for "test read", plantdesk-ctl read and tests.
 * Returns a GArray of PdSample in the order of TAGS, or NULL and an error
 * when the device cannot be reached at all. Failures of the link come in
 * the G_IO_ERROR domain with their cause as the code (CONNECTION_REFUSED,
 * TIMED_OUT, HOST_UNREACHABLE, NOT_FOUND for a missing serial port …);
 * a device that answers only garbage gives PD_ERROR_FAILED. The same holds
 * for pd_engine_test_connection_async() and pd_engine_write_async(). */
void            pd_engine_read_once_async      (const PdDevice *device,
                                                GPtrArray      *tags,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
GArray         *pd_engine_read_once_finish     (GAsyncResult   *result,
                                                GError        **error);
GArray         *pd_engine_read_once            (const PdDevice *device,
                                                GPtrArray      *tags,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* Connects and reads one register (or the first tag), reporting the round
 * trip in µs: the "test connection" action. */
void            pd_engine_test_connection_async (const PdDevice *device,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pd_engine_test_connection_finish (GAsyncResult *result,
                                                guint64        *round_trip_us,
                                                GError        **error);

G_END_DECLS
