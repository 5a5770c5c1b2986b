/* pd-alarm-history-view-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alarms/pd-alarm-history-view.h"
#include "pd-alarm-read.h"

G_BEGIN_DECLS

/* The choices of the period drop-down, in its order. */
typedef enum
{
  PD_ALARM_HISTORY_PERIOD_HOUR,
  PD_ALARM_HISTORY_PERIOD_SHIFT,
  PD_ALARM_HISTORY_PERIOD_DAY,
  PD_ALARM_HISTORY_PERIOD_WEEK,
  PD_ALARM_HISTORY_PERIOD_CUSTOM,
} PdAlarmHistoryPeriod;

/* For the GUI tests. */
/* The rows the column view shows. */
GListModel    *_pd_alarm_history_view_get_model         (PdAlarmHistoryView  *self);
/* The event of row POSITION (owned by the view). */
PdAlarmEvent  *_pd_alarm_history_view_get_event         (PdAlarmHistoryView  *self,
                                                         guint                position);
/* TRUE while a read is under way. */
gboolean       _pd_alarm_history_view_get_loading       (PdAlarmHistoryView  *self);
/* How many reads have completed (with rows or with an error). */
guint          _pd_alarm_history_view_get_n_reads       (PdAlarmHistoryView  *self);
/* TRUE when the "no events" page is shown instead of the table. */
gboolean       _pd_alarm_history_view_get_showing_empty (PdAlarmHistoryView  *self);
void           _pd_alarm_history_view_select_period     (PdAlarmHistoryView  *self,
                                                         PdAlarmHistoryPeriod period);
/* PRIORITY -1: every priority. */
void           _pd_alarm_history_view_select_priority   (PdAlarmHistoryView  *self,
                                                         int                  priority);
/* KIND -1: every kind. */
void           _pd_alarm_history_view_select_kind       (PdAlarmHistoryView  *self,
                                                         int                  kind);
GtkEditable   *_pd_alarm_history_view_get_search_entry  (PdAlarmHistoryView  *self);
GtkEditable   *_pd_alarm_history_view_get_since_entry   (PdAlarmHistoryView  *self);
GtkEditable   *_pd_alarm_history_view_get_until_entry   (PdAlarmHistoryView  *self);
/* The text of cell COLUMN (0 time … 8 message) of row POSITION, as shown. */
char          *_pd_alarm_history_view_dup_cell_text     (PdAlarmHistoryView  *self,
                                                         guint                position,
                                                         guint                column);

/* Writes the rows shown as CSV to FILE in a worker, as "Export CSV…"
 * does once a file is chosen; a toast tells how it went. */
void           _pd_alarm_history_view_export            (PdAlarmHistoryView  *self,
                                                         GFile               *file);
gboolean       _pd_alarm_history_view_get_exporting     (PdAlarmHistoryView  *self);
/* The message of the last export's toast, or NULL. */
const char    *_pd_alarm_history_view_get_export_message (PdAlarmHistoryView *self);

G_END_DECLS
