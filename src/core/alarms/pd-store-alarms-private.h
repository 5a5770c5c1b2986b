/* pd-store-alarms-private.h — what the alarm definitions, states and actions share
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-store-alarms.h"

G_BEGIN_DECLS

/* A write func fails with this to leave the transaction without writing
 * anything (no facts, audit or outbox): the caller swallows it. */
#define PD_ALARM_NOTHING_TO_DO (_pd_alarm_nothing_quark ())
GQuark        _pd_alarm_nothing_quark   (void);
gboolean      _pd_alarm_set_nothing     (GError          **error);

sqlite3_stmt *_pd_alarm_prepare         (sqlite3          *db,
                                         const char       *sql,
                                         GError          **error);
/* A definition, live or removed; NULL and PD_ERROR_NOT_FOUND
 * "No alarm with id 42.". */
PdAlarmDef   *_pd_alarm_load_def        (sqlite3          *db,
                                         gint64            alarm_id,
                                         GError          **error);
/* The live SOURCE definition keyed SOURCE, or NULL (no error) when none. */
PdAlarmDef   *_pd_alarm_load_source_def (sqlite3          *db,
                                         const char       *source,
                                         GError          **error);
/* The alarm_state row, or the initial status when there is none. */
gboolean      _pd_alarm_load_status     (sqlite3          *db,
                                         gint64            alarm_id,
                                         PdAlarmStatus    *status,
                                         GError          **error);
/* When STATUS accepts EVENT: inserts it (setting its id and uuid), folds it
 * into STATUS and stores STATUS; *ACCEPTED tells whether it did. */
gboolean      _pd_alarm_append_event    (sqlite3          *db,
                                         PdAlarmStatus    *status,
                                         PdAlarmEvent     *event,
                                         gboolean         *accepted,
                                         GError          **error);
JsonObject   *_pd_alarm_event_to_json   (const PdAlarmEvent *event,
                                         const char         *alarm_uuid);
/* The definition as the outbox carries it: ids and the uuids of its tag
 * and device. */
JsonObject   *_pd_alarm_def_to_json     (sqlite3          *db,
                                         gint64            alarm_id,
                                         GError          **error);

G_END_DECLS
