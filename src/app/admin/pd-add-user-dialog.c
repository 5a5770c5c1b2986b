/* pd-add-user-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-add-user-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/pd-add-user-dialog.h"
#include "admin/pd-add-user-dialog-private.h"
#include "pd-accessibility.h"

struct _PdAddUserDialog
{
  AdwWindow             parent_instance;

  PdStore              *store;
  PdUser               *actor;
  GCancellable         *cancellable;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *message_label;
  GtkButton            *add_button;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (PdAddUserDialog, pd_add_user_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACTOR,
  N_PROPS
};

enum {
  USER_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_message (PdAddUserDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_sensitivity (PdAddUserDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean filled;

  filled = gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] != '\0' &&
           gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0' &&
           gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), filled && !busy);
  /* Read-only rather than insensitive: an entry made insensitive while
   * focused loses its focus without a focus-out and warns. */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
text_changed_cb (PdAddUserDialog *self)
{
  if (self->cancellable == NULL)
    show_message (self, NULL);
  update_sensitivity (self);
}

static void
add_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PdAddUserDialog) self = user_data;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = pd_store_add_user_finish (PD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_sensitivity (self);

  if (user == NULL)
    {
      show_message (self, error->message);
      if (g_error_matches (error, PD_ERROR, PD_ERROR_EXISTS))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  g_signal_emit (self, signals[USER_ADDED], 0, user);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_cb (PdAddUserDialog *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;
  PdRole role;

  if (self->cancellable != NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  role = (PdRole) adw_combo_row_get_selected (self->role_row);

  if (!pd_user_name_check (name, &error))
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (!pd_password_check_policy (password, &error))
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) != 0)
    {
      show_message (self, _("The passwords do not match."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  show_message (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);

  pd_store_add_user_async (self->store, self->actor, name, role, password,
                           self->cancellable, add_user_cb, g_object_ref (self));
}

static void
move_focus_cb (PdAddUserDialog *self,
               GtkWidget       *row)
{
  if (row == GTK_WIDGET (self->name_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (row == GTK_WIDGET (self->password_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    add_cb (self);
}

static void
pd_add_user_dialog_dispose (GObject *object)
{
  PdAddUserDialog *self = (PdAddUserDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ADD_USER_DIALOG);

  G_OBJECT_CLASS (pd_add_user_dialog_parent_class)->dispose (object);
}

static void
pd_add_user_dialog_finalize (GObject *object)
{
  PdAddUserDialog *self = (PdAddUserDialog *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->actor);

  G_OBJECT_CLASS (pd_add_user_dialog_parent_class)->finalize (object);
}

static void
pd_add_user_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PdAddUserDialog *self = PD_ADD_USER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACTOR:
      g_value_set_object (value, self->actor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_add_user_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PdAddUserDialog *self = PD_ADD_USER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ACTOR:
      self->actor = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_add_user_dialog_class_init (PdAddUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_add_user_dialog_dispose;
  object_class->finalize = pd_add_user_dialog_finalize;
  object_class->get_property = pd_add_user_dialog_get_property;
  object_class->set_property = pd_add_user_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_object ("actor", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[USER_ADDED] =
    g_signal_new ("user-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PD_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/admin/pd-add-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PdAddUserDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_focus_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_add_user_dialog_init (PdAddUserDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessibility_name_password_toggles (GTK_WIDGET (self));

  for (guint i = 0; i < PD_N_ROLES; i++)
    gtk_string_list_append (roles, pd_role_get_display_name ((PdRole) i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (self->role_row, PD_ROLE_OPERATOR);

  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

PdAddUserDialog *
pd_add_user_dialog_new (PdStore *store,
                        PdUser  *actor)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (actor), NULL);

  return g_object_new (PD_TYPE_ADD_USER_DIALOG,
                       "store", store,
                       "actor", actor,
                       NULL);
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_add_user_dialog_get_name_entry (PdAddUserDialog *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
_pd_add_user_dialog_get_password_entry (PdAddUserDialog *self)
{
  return GTK_EDITABLE (self->password_row);
}

GtkEditable *
_pd_add_user_dialog_get_confirm_entry (PdAddUserDialog *self)
{
  return GTK_EDITABLE (self->confirm_row);
}

void
_pd_add_user_dialog_set_role (PdAddUserDialog *self,
                              PdRole           role)
{
  adw_combo_row_set_selected (self->role_row, role);
}

void
_pd_add_user_dialog_submit (PdAddUserDialog *self)
{
  g_signal_emit_by_name (self->add_button, "clicked");
}

const char *
_pd_add_user_dialog_get_message (PdAddUserDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
