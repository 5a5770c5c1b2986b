/* pd-alarm-action-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-action-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core.h"
#include "pd-alarm.h"
#include "alarms/pd-alarm-action-dialog.h"

struct _PdAlarmActionDialog
{
  AdwMessageDialog  parent_instance;

  PdAlarmAction     action;
  GtkEntry         *entry;
  GtkSpinButton    *minutes;
};

G_DEFINE_FINAL_TYPE (PdAlarmActionDialog, pd_alarm_action_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
entry_changed_cb (PdAlarmActionDialog *self)
{
  g_autofree char *text = NULL;

  if (self->action != PD_ALARM_ACTION_SUPPRESS)
    return;

  /* A supervisor who takes an alarm out of service says why. */
  text = pd_alarm_action_dialog_dup_text (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", text != NULL);
}

static void
pd_alarm_action_dialog_class_init (PdAlarmActionDialogClass *klass)
{
}

static void
pd_alarm_action_dialog_init (PdAlarmActionDialog *self)
{
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return box;
}

PdAlarmActionDialog *
pd_alarm_action_dialog_new (PdAlarmAction action,
                            guint         n_alarms,
                            guint         max_minutes)
{
  PdAlarmActionDialog *self;
  GtkWidget *box;
  const char *heading = NULL;
  const char *apply = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (n_alarms > 0, NULL);

  self = g_object_new (PD_TYPE_ALARM_ACTION_DIALOG,
                       "modal", TRUE,
                       "close-response", "cancel",
                       "default-response", "apply",
                       NULL);
  self->action = action;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_entry_set_max_length (self->entry, 500);

  switch (action)
    {
    case PD_ALARM_ACTION_ACKNOWLEDGE:
      heading = ngettext ("Acknowledge Alarm?", "Acknowledge Alarms?", n_alarms);
      body = g_strdup_printf (ngettext ("%u alarm will be marked as seen by you.",
                                        "%u alarms will be marked as seen by you.", n_alarms),
                              n_alarms);
      /* TRANSLATORS: the button that acknowledges alarms */
      apply = _("_Acknowledge");
      gtk_box_append (GTK_BOX (box), labelled (_("_Comment (optional)"), GTK_WIDGET (self->entry)));
      break;

    case PD_ALARM_ACTION_SHELVE:
      {
        GtkAdjustment *adjustment;

        max_minutes = CLAMP (max_minutes, 1, PD_ALARM_MAX_SHELVE_MIN);
        heading = ngettext ("Shelve Alarm?", "Shelve Alarms?", n_alarms);
        body = g_strdup_printf (ngettext ("%u alarm will be hidden from the banner for the time you choose, at most %u minutes. It is still recorded.",
                                          "%u alarms will be hidden from the banner for the time you choose, at most %u minutes. They are still recorded.",
                                          n_alarms),
                                n_alarms, max_minutes);
        /* TRANSLATORS: the button that shelves alarms */
        apply = _("_Shelve");
        adjustment = gtk_adjustment_new (MIN (60, max_minutes), 1, max_minutes, 1, 10, 0);
        self->minutes = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
        gtk_spin_button_set_numeric (self->minutes, TRUE);
        gtk_box_append (GTK_BOX (box), labelled (_("_Minutes"), GTK_WIDGET (self->minutes)));
        gtk_box_append (GTK_BOX (box), labelled (_("_Comment (optional)"), GTK_WIDGET (self->entry)));
      }
      break;

    case PD_ALARM_ACTION_SUPPRESS:
    default:
      heading = ngettext ("Suppress Alarm?", "Suppress Alarms?", n_alarms);
      body = g_strdup_printf (ngettext ("%u alarm will be taken out of service until someone puts it back. It is still recorded.",
                                        "%u alarms will be taken out of service until someone puts them back. They are still recorded.",
                                        n_alarms),
                              n_alarms);
      /* TRANSLATORS: the button that suppresses alarms */
      apply = _("S_uppress");
      gtk_box_append (GTK_BOX (box), labelled (_("_Reason (required)"), GTK_WIDGET (self->entry)));
      break;
    }

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply",
                                              action == PD_ALARM_ACTION_SUPPRESS
                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                : ADW_RESPONSE_SUGGESTED);

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  entry_changed_cb (self);

  return self;
}

PdAlarmAction
pd_alarm_action_dialog_get_action (PdAlarmActionDialog *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ACTION_DIALOG (self), PD_ALARM_ACTION_ACKNOWLEDGE);

  return self->action;
}

char *
pd_alarm_action_dialog_dup_text (PdAlarmActionDialog *self)
{
  char *text;

  g_return_val_if_fail (PD_IS_ALARM_ACTION_DIALOG (self), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

void
pd_alarm_action_dialog_set_text (PdAlarmActionDialog *self,
                                 const char          *text)
{
  g_return_if_fail (PD_IS_ALARM_ACTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

guint
pd_alarm_action_dialog_get_minutes (PdAlarmActionDialog *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ACTION_DIALOG (self), 0);

  if (self->minutes == NULL)
    return 0;

  gtk_spin_button_update (self->minutes);

  return (guint) gtk_spin_button_get_value_as_int (self->minutes);
}

void
pd_alarm_action_dialog_set_minutes (PdAlarmActionDialog *self,
                                    guint                minutes)
{
  g_return_if_fail (PD_IS_ALARM_ACTION_DIALOG (self));
  g_return_if_fail (self->minutes != NULL);

  gtk_spin_button_set_value (self->minutes, minutes);
}
