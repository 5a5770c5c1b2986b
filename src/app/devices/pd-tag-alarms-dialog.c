/* pd-tag-alarms-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tag-alarms-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-tag-alarms-dialog.h"

struct _PdTagAlarmsDialog
{
  AdwWindow            parent_instance;

  PdStore             *store;
  PdUser              *user;
  PdTag               *tag;
  PdTagAlarmRows      *rows;
  gboolean             valid;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  AdwPreferencesGroup *message_group;
  GtkLabel            *message_label;
  AdwPreferencesGroup *alarms_group;
};

G_DEFINE_FINAL_TYPE (PdTagAlarmsDialog, pd_tag_alarms_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (PdTagAlarmsDialog *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), message != NULL);
}

static void
validate (PdTagAlarmsDialog *self)
{
  self->valid = pd_tag_alarm_rows_check (self->rows, self->tag, NULL);
  gtk_widget_set_sensitive (self->save_button,
                            self->valid && pd_user_can (self->user, PD_PERMISSION_ALARMS_CONFIGURE));
}

static void
save_clicked_cb (PdTagAlarmsDialog *self)
{
  g_autoptr(GError) error = NULL;

  validate (self);
  if (!gtk_widget_get_sensitive (self->save_button))
    return;

  if (!pd_tag_alarm_rows_save (self->rows, self->store, self->user, self->tag, &error))
    {
      show_message (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->tag->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pd_tag_alarms_dialog_dispose (GObject *object)
{
  PdTagAlarmsDialog *self = (PdTagAlarmsDialog *) object;

  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TAG_ALARMS_DIALOG);

  /* After the rows' widgets, whose handlers it holds. */
  g_clear_object (&self->rows);
  g_clear_object (&self->user);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_tag_alarms_dialog_parent_class)->dispose (object);
}

static void
pd_tag_alarms_dialog_finalize (GObject *object)
{
  PdTagAlarmsDialog *self = (PdTagAlarmsDialog *) object;

  g_clear_pointer (&self->tag, pd_tag_free);

  G_OBJECT_CLASS (pd_tag_alarms_dialog_parent_class)->finalize (object);
}

static void
pd_tag_alarms_dialog_class_init (PdTagAlarmsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_tag_alarms_dialog_dispose;
  object_class->finalize = pd_tag_alarms_dialog_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-tag-alarms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdTagAlarmsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdTagAlarmsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdTagAlarmsDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagAlarmsDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdTagAlarmsDialog, alarms_group);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_tag_alarms_dialog_init (PdTagAlarmsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = pd_tag_alarm_rows_new (self->alarms_group);
  g_signal_connect_object (self->rows, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
}

PdTagAlarmsDialog *
pd_tag_alarms_dialog_new (PdStore        *store,
                          PdUser         *user,
                          const PdDevice *device,
                          const PdTag    *tag)
{
  PdTagAlarmsDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (tag != NULL && tag->id != 0, NULL);

  self = g_object_new (PD_TYPE_TAG_ALARMS_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->tag = pd_tag_copy (tag);

  /* TRANSLATORS: the title of a tag's alarm settings; %s is the tag */
  title = g_strdup_printf (_("Alarms of %s"), tag->name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, device->name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  pd_tag_alarm_rows_set_digital (self->rows, tag->type == PD_TAG_TYPE_BOOL);
  pd_tag_alarm_rows_set_editable (self->rows, pd_user_can (user, PD_PERMISSION_ALARMS_CONFIGURE));
  if (!pd_tag_alarm_rows_load_from_store (self->rows, store, tag->id, &error))
    show_message (self, error->message);

  validate (self);

  return self;
}

/* --- For the GUI tests ---------------------------------------------------- */

PdTagAlarmRows *
_pd_tag_alarms_dialog_get_rows (PdTagAlarmsDialog *self)
{
  return self->rows;
}

gboolean
_pd_tag_alarms_dialog_can_save (PdTagAlarmsDialog *self)
{
  return gtk_widget_get_sensitive (self->save_button);
}

void
_pd_tag_alarms_dialog_save (PdTagAlarmsDialog *self)
{
  save_clicked_cb (self);
}

const char *
_pd_tag_alarms_dialog_get_message (PdTagAlarmsDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_group)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
