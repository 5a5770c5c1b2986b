/* pd-login-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-login-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessibility.h"
#include "pd-login-page.h"
#include "pd-login-page-private.h"

struct _PdLoginPage
{
  AdwBin                parent_instance;

  PdStore              *store;
  GCancellable         *cancellable;
  guint                 n_demo_users;

  /* Template widgets */
  GtkLabel             *station_label;
  AdwEntryRow          *name_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *message_label;
  GtkButton            *sign_in_button;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *demo_group;
  GtkListBox           *demo_list;
};

G_DEFINE_FINAL_TYPE (PdLoginPage, pd_login_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_station (PdLoginPage *self)
{
  g_autofree char *name = NULL;

  if (self->store != NULL)
    name = pd_store_dup_station_name (self->store);

  gtk_label_set_text (self->station_label, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->station_label), name != NULL && name[0] != '\0');
}

static void
show_message (PdLoginPage *self,
              const char  *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
is_busy (PdLoginPage *self)
{
  return self->cancellable != NULL;
}

/* Busy while a password is checked; opening while the store has not
 * arrived yet. Both keep Sign In insensitive and spin the spinner. */
static void
update_state (PdLoginPage *self)
{
  gboolean busy = is_busy (self);
  gboolean opening = self->store == NULL;

  gtk_spinner_set_spinning (self->spinner, busy || opening);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy || opening);
  /* Read-only rather than insensitive: an entry made insensitive while
   * focused loses its focus without a focus-out and warns. */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_group), !busy && !opening);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy && !opening);

  if (opening)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_in_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Opening the workstation’s data, please wait"),
                                    -1);
  else if (busy)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_in_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Checking the password, please wait"),
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->sign_in_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PdLoginPage) self = user_data;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = pd_store_login_finish (PD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_state (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  if (user == NULL)
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_message (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, user);
}

static void
sign_in (PdLoginPage *self)
{
  g_autofree char *name = NULL;
  const char *password;

  if (is_busy (self) || self->store == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (name[0] == '\0')
    {
      show_message (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (password[0] == '\0')
    {
      show_message (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_message (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_state (self);

  /* The password is hashed in a worker: the window keeps drawing. */
  pd_store_login_async (self->store, name, password, self->cancellable,
                        login_cb, g_object_ref (self));
}

static void
name_activated_cb (PdLoginPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    sign_in (self);
}

static void
text_changed_cb (PdLoginPage *self)
{
  if (!is_busy (self))
    show_message (self, NULL);
}

static void
demo_row_activated_cb (PdLoginPage   *self,
                       GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "pd-user-name");
  const char *password = g_object_get_data (G_OBJECT (row), "pd-password");

  if (is_busy (self) || name == NULL || password == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  sign_in (self);
}

static void
pd_login_page_dispose (GObject *object)
{
  PdLoginPage *self = (PdLoginPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_LOGIN_PAGE);

  G_OBJECT_CLASS (pd_login_page_parent_class)->dispose (object);
}

static void
pd_login_page_finalize (GObject *object)
{
  PdLoginPage *self = (PdLoginPage *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_login_page_parent_class)->finalize (object);
}

static void
pd_login_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdLoginPage *self = PD_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_login_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PdLoginPage *self = PD_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_login_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_login_page_class_init (PdLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_login_page_dispose;
  object_class->finalize = pd_login_page_finalize;
  object_class->get_property = pd_login_page_get_property;
  object_class->set_property = pd_login_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PD_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/pd-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, station_label);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, demo_group);
  gtk_widget_class_bind_template_child (widget_class, PdLoginPage, demo_list);
  gtk_widget_class_bind_template_callback (widget_class, sign_in);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_row_activated_cb);
}

static void
pd_login_page_init (PdLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessibility_name_password_toggles (GTK_WIDGET (self));

  update_state (self);
}

void
pd_login_page_set_store (PdLoginPage *self,
                         PdStore     *store)
{
  g_return_if_fail (PD_IS_LOGIN_PAGE (self));
  g_return_if_fail (store == NULL || PD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, update_station, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "station-changed",
                             G_CALLBACK (update_station), self, G_CONNECT_SWAPPED);

  update_station (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PdStore *
pd_login_page_get_store (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), NULL);

  return self->store;
}

void
pd_login_page_reset (PdLoginPage *self,
                     const char  *user_name)
{
  g_return_if_fail (PD_IS_LOGIN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  update_state (self);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), user_name != NULL ? user_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_message (self, NULL);
}

void
pd_login_page_focus (PdLoginPage *self)
{
  g_return_if_fail (PD_IS_LOGIN_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

void
pd_login_page_set_demo_users (PdLoginPage        *self,
                              const char * const *names,
                              const char * const *passwords)
{
  GtkWidget *child;

  g_return_if_fail (PD_IS_LOGIN_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->demo_list))) != NULL)
    gtk_list_box_remove (self->demo_list, child);
  self->n_demo_users = 0;

  for (guint i = 0; names != NULL && passwords != NULL && names[i] != NULL && passwords[i] != NULL; i++)
    {
      g_autoptr(PdUser) user = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (self->store != NULL)
        user = pd_store_find_user (self->store, names[i], NULL);

      if (user != NULL)
        /* TRANSLATORS: a demo account: its role, then its password */
        subtitle = g_strdup_printf (_("%s · password: %s"),
                                    pd_role_get_display_name (pd_user_get_role (user)),
                                    passwords[i]);
      else
        subtitle = g_strdup_printf (_("Password: %s"), passwords[i]);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "pd-user-name", g_strdup (names[i]), g_free);
      g_object_set_data_full (G_OBJECT (row), "pd-password", g_strdup (passwords[i]), g_free);
      gtk_list_box_append (self->demo_list, row);
      self->n_demo_users++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), self->n_demo_users > 0);
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_login_page_get_name_entry (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), NULL);

  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
_pd_login_page_get_password_entry (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), NULL);

  return GTK_EDITABLE (self->password_row);
}

void
_pd_login_page_submit (PdLoginPage *self)
{
  g_return_if_fail (PD_IS_LOGIN_PAGE (self));

  g_signal_emit_by_name (self->password_row, "entry-activated");
}

const char *
_pd_login_page_get_message (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

gboolean
_pd_login_page_get_busy (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), FALSE);

  return is_busy (self);
}

gboolean
_pd_login_page_get_can_sign_in (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button));
}

gboolean
_pd_login_page_get_spinning (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->spinner)) &&
         gtk_spinner_get_spinning (self->spinner);
}

guint
_pd_login_page_get_n_demo_users (PdLoginPage *self)
{
  g_return_val_if_fail (PD_IS_LOGIN_PAGE (self), 0);

  return self->n_demo_users;
}
