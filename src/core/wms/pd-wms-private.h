/* pd-wms-private.h — helpers shared by the warehouse's core files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-wms.h"

G_BEGIN_DECLS

/* The checks of pd_item_validate() on a pair of thresholds: not negative,
 * at most PD_QTY_MAX, minimum not above maximum. */
gboolean      _pd_wms_check_thresholds  (gboolean      has_min,
                                         PdQty         min_qty,
                                         gboolean      has_max,
                                         PdQty         max_qty,
                                         GError      **error);

/* sqlite3_prepare_v2 with the error as a PdError. */
sqlite3_stmt *_pd_wms_prepare           (sqlite3      *db,
                                         const char   *sql,
                                         GError      **error);

/* Refuses CODE as a new barcode when it is already a barcode of another
 * owner (not item OWN_ITEM_ID / location OWN_LOCATION_ID, 0: none) or the
 * code of another location: the refusal names the other owner. FIELD is
 * the translated name shown ("Barcode"). */
gboolean      _pd_wms_check_code_free   (sqlite3      *db,
                                         const char   *code,
                                         gint64        own_item_id,
                                         gint64        own_location_id,
                                         GError      **error);

G_END_DECLS
