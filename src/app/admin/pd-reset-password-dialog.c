/* pd-reset-password-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reset-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/pd-reset-password-dialog.h"
#include "admin/pd-reset-password-dialog-private.h"
#include "pd-accessibility.h"

struct _PdResetPasswordDialog
{
  AdwMessageDialog      parent_instance;

  char                 *user_name;

  /* Template widgets */
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *hint_label;
};

G_DEFINE_FINAL_TYPE (PdResetPasswordDialog, pd_reset_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_USER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
text_changed_cb (PdResetPasswordDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *hint = NULL;
  gboolean ok = FALSE;

  if (password[0] == '\0')
    hint = NULL;
  else if (!pd_password_check_policy (password, &error))
    hint = error->message;
  else if (confirm[0] != '\0' && g_strcmp0 (password, confirm) != 0)
    hint = _("The passwords do not match.");
  else
    ok = g_strcmp0 (password, confirm) == 0;

  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "reset", ok);
}

static void
confirm_activated_cb (PdResetPasswordDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "reset"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "reset");
}

static void
password_activated_cb (PdResetPasswordDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
pd_reset_password_dialog_constructed (GObject *object)
{
  PdResetPasswordDialog *self = (PdResetPasswordDialog *) object;

  G_OBJECT_CLASS (pd_reset_password_dialog_parent_class)->constructed (object);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("Choose a new password for %s and tell it to them in private. Their old password stops working at once."),
                                  self->user_name);
}

static void
pd_reset_password_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_RESET_PASSWORD_DIALOG);

  G_OBJECT_CLASS (pd_reset_password_dialog_parent_class)->dispose (object);
}

static void
pd_reset_password_dialog_finalize (GObject *object)
{
  PdResetPasswordDialog *self = (PdResetPasswordDialog *) object;

  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (pd_reset_password_dialog_parent_class)->finalize (object);
}

static void
pd_reset_password_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PdResetPasswordDialog *self = PD_RESET_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_reset_password_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PdResetPasswordDialog *self = PD_RESET_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_USER_NAME:
      self->user_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_reset_password_dialog_class_init (PdResetPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_reset_password_dialog_constructed;
  object_class->dispose = pd_reset_password_dialog_dispose;
  object_class->finalize = pd_reset_password_dialog_finalize;
  object_class->get_property = pd_reset_password_dialog_get_property;
  object_class->set_property = pd_reset_password_dialog_set_property;

  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/admin/pd-reset-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdResetPasswordDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdResetPasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PdResetPasswordDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);
}

static void
pd_reset_password_dialog_init (PdResetPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessibility_name_password_toggles (GTK_WIDGET (self));
}

PdResetPasswordDialog *
pd_reset_password_dialog_new (const char *user_name)
{
  g_return_val_if_fail (user_name != NULL, NULL);

  return g_object_new (PD_TYPE_RESET_PASSWORD_DIALOG,
                       "user-name", user_name,
                       NULL);
}

const char *
pd_reset_password_dialog_get_user_name (PdResetPasswordDialog *self)
{
  g_return_val_if_fail (PD_IS_RESET_PASSWORD_DIALOG (self), NULL);

  return self->user_name;
}

const char *
pd_reset_password_dialog_get_password (PdResetPasswordDialog *self)
{
  g_return_val_if_fail (PD_IS_RESET_PASSWORD_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_reset_password_dialog_get_password_entry (PdResetPasswordDialog *self)
{
  return GTK_EDITABLE (self->password_row);
}

GtkEditable *
_pd_reset_password_dialog_get_confirm_entry (PdResetPasswordDialog *self)
{
  return GTK_EDITABLE (self->confirm_row);
}
