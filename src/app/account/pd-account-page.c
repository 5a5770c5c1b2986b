/* pd-account-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "account/pd-account-page.h"
#include "account/pd-account-page-private.h"
#include "pd-accessibility.h"

struct _PdAccountPage
{
  PdSectionPage         parent_instance;

  GCancellable         *cancellable;

  /* Template widgets */
  GtkLabel             *name_label;
  GtkLabel             *role_label;
  GtkLabel             *station_label;
  GtkLabel             *since_label;
  AdwPasswordEntryRow  *current_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *message_label;
  GtkButton            *change_button;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (PdAccountPage, pd_account_page, PD_TYPE_SECTION_PAGE)

static void
show_message (PdAccountPage *self,
              const char    *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_sensitivity (PdAccountPage *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean filled;

  filled = gtk_editable_get_text (GTK_EDITABLE (self->current_row))[0] != '\0' &&
           gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0' &&
           gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), filled && !busy);
  /* Read-only rather than insensitive: an entry made insensitive while
   * focused loses its focus without a focus-out and warns. */
  gtk_editable_set_editable (GTK_EDITABLE (self->current_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
update_station (PdAccountPage *self)
{
  PdStore *store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  g_autofree char *station = pd_store_dup_station_name (store);

  gtk_label_set_text (self->station_label, station != NULL ? station : "");
}

static void
text_changed_cb (PdAccountPage *self)
{
  if (self->cancellable == NULL)
    show_message (self, NULL);
  update_sensitivity (self);
}

static void
set_password_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_store_set_password_finish (PD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
      update_sensitivity (self);
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  update_sensitivity (self);
  show_message (self, NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              _("Your password has been changed"));
}

static void
change_cb (PdAccountPage *self)
{
  PdUser *user = pd_section_page_get_user (PD_SECTION_PAGE (self));
  g_autoptr(GError) error = NULL;
  const char *current;
  const char *password;

  if (self->cancellable != NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->change_button)))
    return;

  current = gtk_editable_get_text (GTK_EDITABLE (self->current_row));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (!pd_password_check_policy (password, &error))
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) != 0)
    {
      show_message (self, _("The new passwords do not match."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  show_message (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);

  /* Checking the current password and hashing the new one run in a worker. */
  pd_store_set_password_async (pd_section_page_get_store (PD_SECTION_PAGE (self)),
                               user, pd_user_get_name (user),
                               current, password, self->cancellable,
                               set_password_cb, g_object_ref (self));
}

static void
move_focus_cb (PdAccountPage *self,
               GtkWidget     *row)
{
  if (row == GTK_WIDGET (self->current_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (row == GTK_WIDGET (self->password_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    change_cb (self);
}

static void
pd_account_page_constructed (GObject *object)
{
  PdAccountPage *self = (PdAccountPage *) object;
  PdStore *store;
  PdUser *user;
  const char *created_at;

  G_OBJECT_CLASS (pd_account_page_parent_class)->constructed (object);

  store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  user = pd_section_page_get_user (PD_SECTION_PAGE (self));

  gtk_label_set_text (self->name_label, pd_user_get_name (user));
  gtk_label_set_text (self->role_label, pd_role_get_display_name (pd_user_get_role (user)));

  created_at = pd_user_get_created_at (user);
  if (created_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (created_at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *text = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;

      gtk_label_set_text (self->since_label, text != NULL ? text : created_at);
    }

  g_signal_connect_object (store, "station-changed",
                           G_CALLBACK (update_station), self, G_CONNECT_SWAPPED);
  update_station (self);
  update_sensitivity (self);
}

static void
pd_account_page_dispose (GObject *object)
{
  PdAccountPage *self = (PdAccountPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (pd_account_page_parent_class)->dispose (object);
}

static void
pd_account_page_class_init (PdAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_account_page_constructed;
  object_class->dispose = pd_account_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/account/pd-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, station_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, since_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, change_button);
  gtk_widget_class_bind_template_child (widget_class, PdAccountPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, change_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_focus_cb);
}

static void
pd_account_page_init (PdAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessibility_name_password_toggles (GTK_WIDGET (self));
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_account_page_get_current_entry (PdAccountPage *self)
{
  return GTK_EDITABLE (self->current_row);
}

GtkEditable *
_pd_account_page_get_password_entry (PdAccountPage *self)
{
  return GTK_EDITABLE (self->password_row);
}

GtkEditable *
_pd_account_page_get_confirm_entry (PdAccountPage *self)
{
  return GTK_EDITABLE (self->confirm_row);
}

void
_pd_account_page_submit (PdAccountPage *self)
{
  g_signal_emit_by_name (self->change_button, "clicked");
}

const char *
_pd_account_page_get_message (PdAccountPage *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

gboolean
_pd_account_page_get_busy (PdAccountPage *self)
{
  return self->cancellable != NULL;
}
