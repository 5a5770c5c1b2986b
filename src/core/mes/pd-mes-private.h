/* pd-mes-private.h — helpers shared by the MES core files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-mes.h"

#include "pd-read-conn.h"

G_BEGIN_DECLS

/* sqlite3_prepare_v2 with the error as a PdError. */
/* Steps a statement that returns no rows and finalizes it. */
gboolean      _pd_mes_step_done        (sqlite3_stmt *stmt,
                                        sqlite3      *db,
                                        GError      **error);
/* The work center WORK_CENTER_ID with its shifts and exceptions; NULL and
 * PD_ERROR_NOT_FOUND when there is none. */
PdWorkCenter *_pd_work_center_load     (sqlite3      *db,
                                        gint64        work_center_id,
                                        GError      **error);
/* The id of the work center CODE (any case), 0 when none, -1 on error. */
gint64        _pd_work_center_find_id  (sqlite3      *db,
                                        const char   *code,
                                        char        **stored_code,
                                        GError      **error);

G_END_DECLS
