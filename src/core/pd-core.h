/* pd-core.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-types.h"
#include "pd-error.h"
#include "pd-role.h"
#include "pd-user.h"
#include "pd-store.h"
#include "pd-store-worker.h"
#include "pd-audit-record.h"
#include "pd-audit-model.h"
#include "pd-device.h"
#include "pd-store-devices.h"
#include "pd-sample.h"
#include "pd-engine.h"
#include "pd-historian.h"
#include "pd-acquisition.h"
#include "pd-qty.h"
#include "pd-wms.h"
#include "pd-store-wms.h"
#include "pd-stock-order.h"
#include "pd-store-orders.h"
#include "pd-stocktake.h"
#include "pd-store-stocktake.h"
#include "pd-mes.h"
#include "pd-store-mes.h"
#include "pd-work-order.h"
#include "pd-store-work-orders.h"
#include "pd-kpi.h"
#include "pd-store-wo-material.h"

G_BEGIN_DECLS

/* Initialises libsodium and gettext's text domain binding for the core.
 * Call once at start-up; safe to call again. */
void pd_core_init (void);

G_END_DECLS
