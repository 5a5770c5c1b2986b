/* pd-device-private.h — shared inside the devices area of the core
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-device.h"

G_BEGIN_DECLS

/* The longest inspection interval: ten years. */
#define PD_INSPECTION_INTERVAL_MAX_DAYS 3660

gboolean  _pd_device_name_check (const char  *name,
                                 GError     **error);
gboolean  _pd_tag_name_check    (const char  *name,
                                 GError     **error);

G_END_DECLS
