/* pd-label-read.h — what can be labelled, read for views off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-label.h"

G_BEGIN_DECLS

/* The codes from the warehouse down to LOCATION, e.g. "WH1 › A › A-01",
 * looked up in LOCATIONS (GPtrArray of PdLocation). */
char       *pd_label_location_path      (GPtrArray           *locations,
                                         const PdLocation    *location);

/* Every item (by SKU), location (depth first, as pd_store_list_locations)
 * and lot (by SKU and code) as a label, read on a connection of the
 * worker's own to DB_PATH. GPtrArray of PdLabel. */
void        pd_label_read_all_async     (const char          *db_path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray  *pd_label_read_all_finish    (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
