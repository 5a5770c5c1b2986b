/* pd-sample.h — one acquired value, as the engine hands it on
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PD_QUALITY_GOOD,
  PD_QUALITY_BAD,    /* the read failed (exception, timeout, decode error) */
  PD_QUALITY_STALE,  /* the last good value, but the device no longer answers */
} PdQuality;

typedef enum
{
  PD_DEVICE_STATE_UNKNOWN,   /* not polled yet, or disabled */
  PD_DEVICE_STATE_ONLINE,    /* every block of the last cycle answered */
  PD_DEVICE_STATE_DEGRADED,  /* connected, but some tags are bad */
  PD_DEVICE_STATE_OFFLINE,   /* not connected or not answering */
} PdDeviceState;

/**
 * PdSample:
 *
 * A tag's value at one moment. Plain data, copied by value in arrays.
 */
typedef struct
{
  gint64    tag_id;
  gint64    ts;        /* microseconds since the Unix epoch (g_get_real_time) */
  double    value;     /* engineering units: raw × scale + offset; bool 0 / 1 */
  PdQuality quality;
} PdSample;

G_END_DECLS
