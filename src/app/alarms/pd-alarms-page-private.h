/* pd-alarms-page-private.h — what the GUI tests look at and drive
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alarms/pd-alarm-action-dialog.h"
#include "alarms/pd-alarms-page.h"

G_BEGIN_DECLS

/* The state filter's entries, in the dropdown's order. */
typedef enum
{
  PD_ALARMS_FILTER_NEEDS_ACK,
  PD_ALARMS_FILTER_ACTIVE,
  PD_ALARMS_FILTER_SHELVED,
  PD_ALARMS_FILTER_SUPPRESSED,
  PD_ALARMS_FILTER_ALL,
} PdAlarmsFilter;

/* "active", "history" or "performance". */
const char          *_pd_alarms_page_get_view          (PdAlarmsPage   *self);
/* Alarms in the list / shown after the filters. */
guint                _pd_alarms_page_get_n_alarms      (PdAlarmsPage   *self);
guint                _pd_alarms_page_get_n_visible     (PdAlarmsPage   *self);
/* The ids of the selected rows, in list order (GArray of gint64). */
GArray              *_pd_alarms_page_dup_selected_ids  (PdAlarmsPage   *self);
/* Selects the row of ALARM_ID alone; FALSE when it is not shown. */
gboolean             _pd_alarms_page_select            (PdAlarmsPage   *self,
                                                        gint64          alarm_id);
void                 _pd_alarms_page_set_filter        (PdAlarmsPage   *self,
                                                        PdAlarmsFilter  filter);
void                 _pd_alarms_page_set_search        (PdAlarmsPage   *self,
                                                        const char     *text);
/* The button of ACTION ("acknowledge", "acknowledge-all", "shelve",
 * "unshelve", "suppress", "unsuppress"). */
GtkWidget           *_pd_alarms_page_get_button        (PdAlarmsPage   *self,
                                                        const char     *action);
/* The comment / minutes / reason dialog while it is open, else NULL. */
PdAlarmActionDialog *_pd_alarms_page_get_dialog        (PdAlarmsPage   *self);
/* Actions sent to the engine and not answered yet. */
guint                _pd_alarms_page_get_n_pending     (PdAlarmsPage   *self);
/* Who acknowledged ALARM_ID, as its row shows it, or NULL. */
const char          *_pd_alarms_page_get_ack_user      (PdAlarmsPage   *self,
                                                        gint64          alarm_id);

G_END_DECLS
