/* pd-alarm-read-private.h — what the history and performance reads share
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-alarm-read.h"

G_BEGIN_DECLS

/* Joins from an alarm_defs row "d" to its tag "t" and the device "dev"
 * (the tag's, or the comm alarm's own). */
#define PD_ALARM_DEF_JOINS \
  " LEFT JOIN tags t ON t.id = d.tag_id" \
  " LEFT JOIN devices dev ON dev.id = COALESCE (t.device_id, d.device_id)"

/* What people read as the source: the current names while the tag or
 * device exists, else the name stored when it was removed. */
#define PD_ALARM_SOURCE_NAME_SQL \
  "(CASE d.condition" \
  " WHEN 'source' THEN d.source_name" \
  " WHEN 'comm' THEN COALESCE (dev.name, d.source_name)" \
  " ELSE COALESCE (dev.name || ' / ' || t.name, d.source_name) END)"

/* The columns _pd_alarm_read_def_columns() reads, in this order. */
#define PD_ALARM_DEF_COLUMNS \
  "d.condition, d.priority, d.message, d.limit_value, d.digital_when, t.unit, " \
  PD_ALARM_SOURCE_NAME_SQL ", d.message_key, d.message_args"
#define PD_ALARM_N_DEF_COLUMNS 9

/* Reads PD_ALARM_DEF_COLUMNS from STMT starting at column FIRST. */
void     _pd_alarm_read_def_columns (sqlite3_stmt      *stmt,
                                     int                first,
                                     PdAlarmCondition  *condition,
                                     PdAlarmPriority   *priority,
                                     char             **source_name,
                                     char             **message);

/* A read-only connection of a worker's own to DB_PATH; its statements
 * stop with SQLITE_INTERRUPT once CANCELLABLE (which must outlive the
 * connection) is cancelled. */
sqlite3 *_pd_alarm_read_open        (const char        *db_path,
                                     GCancellable      *cancellable,
                                     GError           **error);

/* Prepares SQL into *STMT; on failure *STMT is NULL and ERROR set. */
gboolean _pd_alarm_read_prepare     (sqlite3           *db,
                                     const char        *sql,
                                     sqlite3_stmt     **stmt,
                                     GError           **error);
/* Finalizes STMT after its rows were stepped through; RC is the last
 * sqlite3_step() result, an error unless SQLITE_DONE. */
gboolean _pd_alarm_read_finish_stmt (sqlite3           *db,
                                     sqlite3_stmt      *stmt,
                                     int                rc,
                                     GError           **error);

/* What a worker reads on its connection: a result, or NULL and ERROR. */
typedef gpointer (*PdAlarmReadFunc) (sqlite3       *db,
                                     gpointer       job,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* In TASK's worker: runs READ with JOB on a read-only connection of its
 * own to DB_PATH (see _pd_alarm_read_open()) and returns the result
 * (freed with RESULT_FREE) or the error through TASK; a cancelled task
 * returns its cancellation instead of either. */
void     _pd_alarm_read_in_worker   (GTask             *task,
                                     const char        *db_path,
                                     PdAlarmReadFunc    read,
                                     gpointer           job,
                                     GCancellable      *cancellable,
                                     GDestroyNotify     result_free);

G_END_DECLS
