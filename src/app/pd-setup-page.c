/* pd-setup-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-setup-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessibility.h"
#include "pd-setup-page.h"
#include "pd-setup-page-private.h"

struct _PdSetupPage
{
  AdwBin                parent_instance;

  PdStore              *store;
  GCancellable         *cancellable;
  /* Kept between creating the administrator and signing them in. */
  char                 *admin_name;
  char                 *admin_password;

  /* Template widgets */
  AdwEntryRow          *station_row;
  AdwEntryRow          *name_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *message_label;
  GtkButton            *create_button;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (PdSetupPage, pd_setup_page, ADW_TYPE_BIN)

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
clear_secret (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
show_message (PdSetupPage *self,
              const char  *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (PdSetupPage *self,
          gboolean     busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* Read-only rather than insensitive: an entry made insensitive while
   * focused loses its focus without a focus-out and warns. */
  gtk_editable_set_editable (GTK_EDITABLE (self->station_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !busy);
}

static void
finish (PdSetupPage  *self,
        PdUser       *user,
        const GError *error)
{
  g_clear_object (&self->cancellable);
  clear_secret (&self->admin_password);
  set_busy (self, FALSE);

  if (user == NULL)
    {
      show_message (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  show_message (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, user);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PdSetupPage) self = user_data;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = pd_store_login_finish (PD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish (self, user, error);
}

static void
init_station_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_store_init_station_finish (PD_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish (self, NULL, error);
      return;
    }

  pd_store_login_async (self->store, self->admin_name, self->admin_password,
                        self->cancellable, login_cb, g_object_ref (self));
}

static void
create_cb (PdSetupPage *self)
{
  g_autofree char *station = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;
  const char *confirm;

  if (self->cancellable != NULL || self->store == NULL)
    return;

  station = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->station_row))));
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  if (station[0] == '\0')
    {
      show_message (self, _("Enter a name for this workstation."));
      gtk_widget_grab_focus (GTK_WIDGET (self->station_row));
      return;
    }

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

  if (g_strcmp0 (password, confirm) != 0)
    {
      show_message (self, _("The passwords do not match."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  show_message (self, NULL);
  g_free (self->admin_name);
  self->admin_name = g_steal_pointer (&name);
  clear_secret (&self->admin_password);
  self->admin_password = g_strdup (password);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  pd_store_init_station_async (self->store, station, self->admin_name, self->admin_password,
                               self->cancellable, init_station_cb, g_object_ref (self));
}

static void
text_changed_cb (PdSetupPage *self)
{
  if (self->cancellable == NULL)
    show_message (self, NULL);
}

static void
move_focus_cb (PdSetupPage *self,
               GtkWidget   *row)
{
  GtkWidget *next = NULL;

  if (row == GTK_WIDGET (self->station_row))
    next = GTK_WIDGET (self->name_row);
  else if (row == GTK_WIDGET (self->name_row))
    next = GTK_WIDGET (self->password_row);
  else if (row == GTK_WIDGET (self->password_row))
    next = GTK_WIDGET (self->confirm_row);

  if (next != NULL)
    gtk_widget_grab_focus (next);
  else
    create_cb (self);
}

static void
pd_setup_page_dispose (GObject *object)
{
  PdSetupPage *self = (PdSetupPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_SETUP_PAGE);

  G_OBJECT_CLASS (pd_setup_page_parent_class)->dispose (object);
}

static void
pd_setup_page_finalize (GObject *object)
{
  PdSetupPage *self = (PdSetupPage *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->admin_name, g_free);
  clear_secret (&self->admin_password);

  G_OBJECT_CLASS (pd_setup_page_parent_class)->finalize (object);
}

static void
pd_setup_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdSetupPage *self = PD_SETUP_PAGE (object);

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
pd_setup_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PdSetupPage *self = PD_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_setup_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_setup_page_class_init (PdSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_setup_page_dispose;
  object_class->finalize = pd_setup_page_finalize;
  object_class->get_property = pd_setup_page_get_property;
  object_class->set_property = pd_setup_page_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/pd-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, station_row);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, PdSetupPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, create_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_focus_cb);
}

static void
pd_setup_page_init (PdSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessibility_name_password_toggles (GTK_WIDGET (self));
}

void
pd_setup_page_set_store (PdSetupPage *self,
                         PdStore     *store)
{
  g_return_if_fail (PD_IS_SETUP_PAGE (self));
  g_return_if_fail (store == NULL || PD_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PdStore *
pd_setup_page_get_store (PdSetupPage *self)
{
  g_return_val_if_fail (PD_IS_SETUP_PAGE (self), NULL);

  return self->store;
}

void
pd_setup_page_focus (PdSetupPage *self)
{
  g_return_if_fail (PD_IS_SETUP_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->station_row));
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_setup_page_get_station_entry (PdSetupPage *self)
{
  return GTK_EDITABLE (self->station_row);
}

GtkEditable *
_pd_setup_page_get_name_entry (PdSetupPage *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
_pd_setup_page_get_password_entry (PdSetupPage *self)
{
  return GTK_EDITABLE (self->password_row);
}

GtkEditable *
_pd_setup_page_get_confirm_entry (PdSetupPage *self)
{
  return GTK_EDITABLE (self->confirm_row);
}

void
_pd_setup_page_submit (PdSetupPage *self)
{
  g_return_if_fail (PD_IS_SETUP_PAGE (self));

  g_signal_emit_by_name (self->create_button, "clicked");
}

const char *
_pd_setup_page_get_message (PdSetupPage *self)
{
  g_return_val_if_fail (PD_IS_SETUP_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
