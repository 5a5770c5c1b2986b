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

#include "pd-read-conn.h"

G_BEGIN_DECLS

/* A write func fails with this to leave the transaction without writing
 * anything (no facts, audit or outbox): the caller swallows it. */
#define PD_ALARM_NOTHING_TO_DO (_pd_alarm_nothing_quark ())
GQuark        _pd_alarm_nothing_quark   (void);
gboolean      _pd_alarm_set_nothing     (GError          **error);

/* The columns _pd_alarm_def_from_row() reads, from DEF_JOINS. The device
 * is the tag's while the tag exists, else the stored one. */
#define DEF_COLUMNS \
  "d.id, d.uuid, d.condition, d.tag_id, COALESCE (t.device_id, d.device_id), d.source, " \
  "(CASE d.condition" \
  " WHEN 'source' THEN d.source_name" \
  " WHEN 'comm' THEN COALESCE (dev.name, d.source_name)" \
  " ELSE COALESCE (dev.name || ' / ' || t.name, d.source_name) END), " \
  "d.limit_value, d.deadband, d.on_delay_ms, d.off_delay_ms, d.digital_when, d.priority, " \
  "d.message, d.latching, d.enabled, d.max_shelve_min, t.unit, d.message_key, d.message_args"
#define N_DEF_COLUMNS 20

#define DEF_JOINS \
  " FROM alarm_defs d" \
  " LEFT JOIN tags t ON t.id = d.tag_id" \
  " LEFT JOIN devices dev ON dev.id = COALESCE (t.device_id, d.device_id)"

PdAlarmDef   *_pd_alarm_def_from_row    (sqlite3_stmt     *stmt);
/* Steps and finalizes STMT, which must be done after one step. */
gboolean      _pd_alarm_exec            (sqlite3          *db,
                                         sqlite3_stmt     *stmt,
                                         GError          **error);
/* The first row of SQL, with ? bound to TEXT when it is not NULL, else to
 * ID; NULL with no error when there is none. */
PdAlarmDef   *_pd_alarm_load_one_def    (sqlite3          *db,
                                         const char       *sql,
                                         gint64            id,
                                         const char       *text,
                                         GError          **error);
/* *REMOVED: the definition is removed or unknown. */
gboolean      _pd_alarm_def_is_removed  (sqlite3          *db,
                                         gint64            alarm_id,
                                         gboolean         *removed,
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

/* For tests of shelve expiry, which cannot wait minutes: a shelving
 * "minute" of MS (1 … 60000) milliseconds from now on, in this process. */
void          _pd_alarm_set_shelve_minute_ms (guint       ms);

G_END_DECLS
