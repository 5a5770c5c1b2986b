/* pd-store-alarms.h — alarm definitions, events and states in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-alarm.h"
#include "pd-alarm-message.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Every function here runs on the thread that owns STORE. Writes go through
 * pd_store_write() (permission, audit, outbox) or, for what the station
 * does by itself (raise, clear, latch, shelve expiry, comm definitions),
 * pd_store_write_system() (facts and outbox, no audit: the events are
 * their own record). Each write that changes definitions or states emits
 * the store's "alarms-changed" signal.
 *
 * Permissions:
 *   PD_PERMISSION_ALARMS_CONFIGURE  (supervisor, admin) definitions
 *   PD_PERMISSION_ALARMS_ACK        (every role) acknowledge
 *   PD_PERMISSION_ALARMS_SHELVE     (operator, supervisor, admin) shelve, unshelve
 *   PD_PERMISSION_ALARMS_SUPPRESS   (supervisor, admin) suppress, unsuppress
 */

/* --- Definitions --------------------------------------------------------- */

/* Live (not removed) definitions, by source name then condition order; a
 * GPtrArray of PdAlarmDef. TAG_ID 0: all of them. */
GPtrArray     *pd_store_list_alarm_defs     (PdStore          *self,
                                             gint64            tag_id,
                                             GError          **error);
/* One definition, live or removed; NULL and PD_ERROR_NOT_FOUND. */
PdAlarmDef    *pd_store_get_alarm_def       (PdStore          *self,
                                             gint64            alarm_id,
                                             GError          **error);
/* Adds or updates the tag alarms (limits and DIGITAL) of TAG_ID in one
 * write ("alarm.define"): each def in DEFS replaces the live definition of
 * the same condition (keeping its id and state) or is added. The others
 * stay. Refused when any def is invalid, a limit is on a bool tag, DIGITAL
 * is on a tag that is not bool, the limits of the result are out of order
 * (pd_alarm_defs_check_limits), or the tag does not exist. Sets each def's
 * id and uuid on success. */
gboolean       pd_store_save_tag_alarms     (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            tag_id,
                                             GPtrArray        *defs,
                                             GError          **error);
/* Changes the priority, on-delay, off-delay and enabled flag of a device's
 * communication alarm ("alarm.define"), creating it when missing. */
gboolean       pd_store_save_comm_alarm     (PdStore          *self,
                                             PdUser           *actor,
                                             const PdAlarmDef *def,
                                             GError          **error);
/* Marks a definition removed ("alarm.remove"); its events stay. */
gboolean       pd_store_remove_alarm_def    (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             GError          **error);
/* System write: a COMM definition (priority high, no delays) for every
 * device that is not retired and has none. */
gboolean       pd_store_ensure_comm_alarms  (PdStore          *self,
                                             GError          **error);

/* --- States -------------------------------------------------------------- */

/* Live definitions with their status, most important first at NOW
 * (pd_alarm_compare); a GPtrArray of PdAlarm. ACTIVE_ONLY: only those not
 * NORMAL at NOW (NOW 0: the current time). */
GPtrArray     *pd_store_list_alarms         (PdStore          *self,
                                             gboolean          active_only,
                                             gint64            now,
                                             GError          **error);
PdAlarm       *pd_store_get_alarm           (PdStore          *self,
                                             gint64            alarm_id,
                                             GError          **error);
/* Status rows whose last_event_id is above AFTER_EVENT_ID: how a running
 * alarm engine learns what other connections wrote. GArray of
 * PdAlarmStatus (clear each with pd_alarm_status_clear). */
GArray        *pd_store_list_alarm_states_since (PdStore      *self,
                                             gint64            after_event_id,
                                             GError          **error);
/* Folds every event again into a fresh table and compares it with
 * alarm_state: returns the number of alarms that differ (0: they agree),
 * or -1 and ERROR. With REPAIR, replaces alarm_state by the fold. */
int            pd_store_rebuild_alarm_states (PdStore         *self,
                                             gboolean          repair,
                                             GError          **error);

/* --- Events the station makes ------------------------------------------- */

/* System write ("alarm.events"): appends EVENTS (PdAlarmEvent: alarm_id,
 * ts, kind, value; RAISE/CLEAR/LATCH/SHELVE_EXPIRED) in order, in one
 * transaction, each only when the alarm's status accepts it
 * (pd_alarm_status_accepts), updating alarm_state with it. Events of
 * removed or unknown definitions are skipped. Returns the events actually
 * written (ids and uuids set), in order, as a GPtrArray of PdAlarmEvent, or
 * NULL and ERROR. One outbox entry carries them all. */
GPtrArray     *pd_store_append_alarm_events (PdStore          *self,
                                             GPtrArray        *events,
                                             GError          **error);

/* --- The source API ------------------------------------------------------ */

/* Inside the caller's own write (PdWriteFunc), so that the change that
 * causes it and the alarm commit together: raises (ACTIVE) or clears the
 * SOURCE alarm keyed SOURCE, creating its definition on first use with
 * NAME, PRIORITY and MESSAGE (updating them when they changed). VALUE is
 * recorded with the event (NAN: none). Nothing is written when the alarm
 * is already in that state. Emits "alarms-changed" after the commit. */
gboolean       pd_write_set_alarm_source    (PdWrite          *write,
                                             const char       *source,
                                             const char       *name,
                                             PdAlarmPriority   priority,
                                             const char       *message,
                                             gboolean          active,
                                             double            value,
                                             GError          **error);
/* The same, with the message also stored as MESSAGE_KEY and MESSAGE_ARGS
 * (a JSON object), from which every reader makes the text in its own
 * language (pd-alarm-message.h); MESSAGE, in the caller's language, is
 * what a reader that knows no formatter for the key shows. Both NULL: a
 * message stored as text only. A key without arguments, or arguments that
 * are not a JSON object, are refused (PD_ERROR_INVALID). */
gboolean       pd_write_set_alarm_source_full (PdWrite        *write,
                                             const char       *source,
                                             const char       *name,
                                             PdAlarmPriority   priority,
                                             const char       *message,
                                             const char       *message_key,
                                             const char       *message_args,
                                             gboolean          active,
                                             double            value,
                                             GError          **error);

/* --- What people do ------------------------------------------------------ */

/* Each returns TRUE when the alarm is now in the asked state; *CHANGED
 * (may be NULL) tells whether an event was written. Acknowledging an alarm
 * that needs no acknowledgement (another user was first) succeeds with
 * *CHANGED FALSE and writes nothing, not even an audit record. An unknown
 * id fails with PD_ERROR_NOT_FOUND. Acknowledging a latched alarm whose
 * condition is gone also clears it (a second event, CLEAR). */
gboolean       pd_store_acknowledge_alarm   (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             const char       *comment,
                                             gboolean         *changed,
                                             GError          **error);
/* MINUTES 1 … the definition's max_shelve_min, else PD_ERROR_INVALID with
 * the limit in the message. Shelving a shelved alarm sets the new time. */
gboolean       pd_store_shelve_alarm        (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             guint             minutes,
                                             const char       *comment,
                                             gboolean         *changed,
                                             GError          **error);
gboolean       pd_store_unshelve_alarm      (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             gboolean         *changed,
                                             GError          **error);
/* REASON is required (PD_ERROR_INVALID when empty). */
gboolean       pd_store_suppress_alarm      (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             const char       *reason,
                                             gboolean         *changed,
                                             GError          **error);
gboolean       pd_store_unsuppress_alarm    (PdStore          *self,
                                             PdUser           *actor,
                                             gint64            alarm_id,
                                             gboolean         *changed,
                                             GError          **error);

G_END_DECLS
