/* pd-alarm-action-dialog.h — asks for the comment, minutes or reason of an alarm action
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  PD_ALARM_ACTION_ACKNOWLEDGE,  /* optional comment */
  PD_ALARM_ACTION_SHELVE,       /* minutes 1 … max, optional comment */
  PD_ALARM_ACTION_SUPPRESS,     /* reason required */
} PdAlarmAction;

#define PD_TYPE_ALARM_ACTION_DIALOG (pd_alarm_action_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmActionDialog, pd_alarm_action_dialog, PD, ALARM_ACTION_DIALOG, AdwMessageDialog)

/* Responses "cancel" and "apply"; "apply" is enabled only while the input
 * is valid (a reason for SUPPRESS). N_ALARMS is how many alarms it acts
 * on; MAX_MINUTES bounds the shelving time (SHELVE only). */
PdAlarmActionDialog *pd_alarm_action_dialog_new         (PdAlarmAction        action,
                                                         guint                n_alarms,
                                                         guint                max_minutes);
PdAlarmAction        pd_alarm_action_dialog_get_action  (PdAlarmActionDialog *self);
/* The comment or reason, trimmed; NULL when empty. */
char                *pd_alarm_action_dialog_dup_text    (PdAlarmActionDialog *self);
void                 pd_alarm_action_dialog_set_text    (PdAlarmActionDialog *self,
                                                         const char          *text);
guint                pd_alarm_action_dialog_get_minutes (PdAlarmActionDialog *self);
void                 pd_alarm_action_dialog_set_minutes (PdAlarmActionDialog *self,
                                                         guint                minutes);

G_END_DECLS
