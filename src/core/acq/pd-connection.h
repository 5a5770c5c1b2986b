/* pd-connection.h — one Modbus link and the worker thread that owns it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <modbus.h>

#include "pd-device-stats.h"
#include "pd-engine.h"
#include "pd-modbus-planner.h"

G_BEGIN_DECLS

typedef struct _PdConnection PdConnection;

/* One device polled over a connection: its configuration, its tags and
 * the statistics the engine shares with the worker. */
typedef struct
{
  PdDevice      *device;
  GPtrArray     *tags;    /* PdTag */
  PdDeviceStats *stats;
} PdConnectionDevice;

PdConnectionDevice *pd_connection_device_new  (const PdDevice *device,
                                               PdDeviceStats  *stats);
void                pd_connection_device_free (PdConnectionDevice *cd);
/* Whether A and B poll the same way (configuration and tags). */
gboolean            pd_connection_device_equal (const PdConnectionDevice *a,
                                                const PdConnectionDevice *b);

/* The worker hands values to the engine through this. DEADBANDS holds
 * each sample's tag deadband. */
typedef void (*PdConnectionDispatch) (gpointer        engine,
                                      const PdSample *samples,
                                      const double   *deadbands,
                                      guint           n_samples,
                                      const gint64   *changed_devices,
                                      guint           n_changed);

/* DEVICES: PdConnectionDevice, taken. */
PdConnection *pd_connection_new          (const char           *key,
                                          GPtrArray            *devices,
                                          PdConnectionDispatch  dispatch,
                                          gpointer              engine);
void          pd_connection_free         (PdConnection         *self);
const char   *pd_connection_get_key      (PdConnection         *self);
/* Whether DEVICE needs a link of its own, other than this one's (the
 * serial settings or the host changed). */
gboolean      pd_connection_link_differs (PdConnection         *self,
                                          const PdDevice       *device);
void          pd_connection_start        (PdConnection         *self);
/* Stops and joins the worker; the link is closed. */
void          pd_connection_stop         (PdConnection         *self);
/* DEVICES: PdConnectionDevice, taken; applied by the worker before its
 * next request. Devices and tags that did not change keep their plan,
 * schedule and known bad addresses. */
void          pd_connection_reconfigure  (PdConnection         *self,
                                          GPtrArray            *devices);
/* Queues a write of TAG on DEVICE_ID; TASK gets the outcome. */
void          pd_connection_queue_write  (PdConnection         *self,
                                          gint64                device_id,
                                          const PdTag          *tag,
                                          const guint16        *registers,
                                          guint                 n_registers,
                                          guint8                bit,
                                          GTask                *task);
/* For tests and benchmarks: the reconnect backoff range in ms. */
void          pd_connection_set_backoff  (PdConnection         *self,
                                          guint                 min_ms,
                                          guint                 max_ms);

/* --- Plain Modbus I/O, shared with one-off reads ------------------------ */

/* A connected context for DEVICE, with its response timeout. */
modbus_t     *pd_modbus_open             (const PdDevice       *device,
                                          GError              **error);

typedef struct
{
  guint     requests;
  guint     answered;     /* a response came, exceptions included */
  guint     failed;       /* requests that brought no value */
  guint     timeouts;
  gboolean  link_lost;    /* timeout or I/O error: the link is unusable */
  char     *error;        /* the last failure, translated */
  GArray   *new_bad;      /* guint32 keys that answered with an exception */
  GArray   *recovered;    /* known bad keys that answered */
  GArray   *new_breaks;   /* keys of tag starts to begin a new block */
} PdReadResult;

void          pd_read_result_init        (PdReadResult         *result);
void          pd_read_result_clear       (PdReadResult         *result);
/* Reads BLOCKS (PdReadBlock of PLAN) on CTX in sequence, falling back to
 * one request per tag when a block answers with an exception. SAMPLES
 * (one per tag of PLAN) get GOOD values and TS; others are left as they
 * are. Stops at the first timeout or I/O error. STATS may be NULL. */
void          pd_modbus_read_blocks      (modbus_t             *ctx,
                                          const PdDevice       *device,
                                          const PdReadPlan     *plan,
                                          GArray               *blocks,
                                          GHashTable           *bad,
                                          PdSample             *samples,
                                          PdDeviceStats        *stats,
                                          PdReadResult         *result);
/* Writes the encoded value of TAG. */
gboolean      pd_modbus_write_tag        (modbus_t             *ctx,
                                          const PdDevice       *device,
                                          const PdTag          *tag,
                                          const guint16        *registers,
                                          guint                 n_registers,
                                          guint8                bit,
                                          gboolean             *link_lost,
                                          GError              **error);

G_END_DECLS
