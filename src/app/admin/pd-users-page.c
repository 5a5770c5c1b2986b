/* pd-users-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-users-page"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/pd-add-user-dialog.h"
#include "admin/pd-reset-password-dialog.h"
#include "admin/pd-user-row.h"
#include "admin/pd-users-page.h"
#include "admin/pd-users-page-private.h"
#include "pd-window.h"

struct _PdUsersPage
{
  PdSectionPage          parent_instance;

  GListStore            *users;
  GCancellable          *cancellable;
  PdAddUserDialog       *add_dialog;
  PdResetPasswordDialog *reset_dialog;
  guint                  refresh_id;

  /* Template widgets */
  GtkListBox            *list_box;
};

G_DEFINE_FINAL_TYPE (PdUsersPage, pd_users_page, PD_TYPE_SECTION_PAGE)

typedef struct
{
  PdUsersPage *self;
  char        *name;
} PasswordJob;

static void
password_job_free (PasswordJob *job)
{
  g_clear_object (&job->self);
  g_free (job->name);
  g_free (job);
}

static void
toast (PdUsersPage *self,
       const char  *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
present_dialog (PdUsersPage *self,
                GtkWindow   *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (PD_IS_WINDOW (root))
    {
      pd_window_present_dialog (PD_WINDOW (root), dialog);
    }
  else
    {
      gtk_window_set_transient_for (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      gtk_window_present (dialog);
    }
}

static void
refresh (PdUsersPage *self)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = pd_store_list_users (pd_section_page_get_store (PD_SECTION_PAGE (self)), &error);
  if (users == NULL)
    {
      toast (self, error->message);
      return;
    }

  g_list_store_splice (self->users, 0, g_list_model_get_n_items (G_LIST_MODEL (self->users)),
                       users->pdata, users->len);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PdUsersPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt from an idle: a change often starts in a row's own
 * signal handler (its role chooser), which must not be destroyed under it. */
static void
queue_refresh (PdUsersPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PdUsersPage *self = user_data;
  PdUser *user = item;
  PdUser *signed_in = pd_section_page_get_user (PD_SECTION_PAGE (self));

  return pd_user_row_new (user, pd_user_get_id (user) == pd_user_get_id (signed_in));
}

static void
user_added_cb (PdUsersPage *self,
               PdUser      *user)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: a toast: the new user's name and role */
  message = g_strdup_printf (_("Added %s as %s"),
                             pd_user_get_name (user),
                             pd_role_get_display_name (pd_user_get_role (user)));
  toast (self, message);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PdUsersPage *self = PD_USERS_PAGE (widget);
  PdAddUserDialog *dialog;

  if (self->add_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->add_dialog));
      return;
    }

  dialog = pd_add_user_dialog_new (pd_section_page_get_store (PD_SECTION_PAGE (self)),
                                   pd_section_page_get_user (PD_SECTION_PAGE (self)));
  g_signal_connect_object (dialog, "user-added", G_CALLBACK (user_added_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->add_dialog, dialog);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
set_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdUsersPage *self = PD_USERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name;
  const char *role_name;
  PdRole role;

  g_variant_get (parameter, "(&s&s)", &name, &role_name);
  if (!pd_role_from_string (role_name, &role))
    return;

  if (!pd_store_set_user_role (pd_section_page_get_store (PD_SECTION_PAGE (self)),
                               pd_section_page_get_user (PD_SECTION_PAGE (self)),
                               name, role, &error))
    {
      toast (self, error->message);
      /* Puts the role chooser of the row back to the stored role. */
      queue_refresh (self);
      return;
    }

  /* TRANSLATORS: a toast: a user name and their new role */
  message = g_strdup_printf (_("%s is now %s"), name, pd_role_get_display_name (role));
  toast (self, message);
}

static void
set_disabled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdUsersPage *self = PD_USERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name;
  gboolean disabled;

  g_variant_get (parameter, "(&sb)", &name, &disabled);

  if (!pd_store_set_user_disabled (pd_section_page_get_store (PD_SECTION_PAGE (self)),
                                   pd_section_page_get_user (PD_SECTION_PAGE (self)),
                                   name, disabled, &error))
    {
      toast (self, error->message);
      return;
    }

  if (disabled)
    message = g_strdup_printf (_("%s can no longer sign in"), name);
  else
    message = g_strdup_printf (_("%s can sign in again"), name);
  toast (self, message);
}

static void
set_password_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PasswordJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pd_store_set_password_finish (PD_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (job->self, error->message);
      password_job_free (job);
      return;
    }

  message = g_strdup_printf (_("The password of %s has been reset"), job->name);
  toast (job->self, message);
  password_job_free (job);
}

static void
reset_password_response_cb (PdUsersPage           *self,
                            const char            *response,
                            PdResetPasswordDialog *dialog)
{
  PasswordJob *job;

  if (g_strcmp0 (response, "reset") != 0)
    return;

  job = g_new0 (PasswordJob, 1);
  job->self = g_object_ref (self);
  job->name = g_strdup (pd_reset_password_dialog_get_user_name (dialog));

  /* Hashing takes a moment: it runs in a worker. */
  pd_store_set_password_async (pd_section_page_get_store (PD_SECTION_PAGE (self)),
                               pd_section_page_get_user (PD_SECTION_PAGE (self)),
                               job->name, NULL,
                               pd_reset_password_dialog_get_password (dialog),
                               self->cancellable, set_password_cb, job);
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdUsersPage *self = PD_USERS_PAGE (widget);
  PdResetPasswordDialog *dialog;

  if (self->reset_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->reset_dialog));

  dialog = pd_reset_password_dialog_new (g_variant_get_string (parameter, NULL));
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_password_response_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->reset_dialog, dialog);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
pd_users_page_constructed (GObject *object)
{
  PdUsersPage *self = (PdUsersPage *) object;

  G_OBJECT_CLASS (pd_users_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->users), create_row_cb, self, NULL);
  g_signal_connect_object (pd_section_page_get_store (PD_SECTION_PAGE (self)), "users-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
pd_users_page_dispose (GObject *object)
{
  PdUsersPage *self = (PdUsersPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->add_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->add_dialog));
  if (self->reset_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->reset_dialog));
  g_clear_weak_pointer (&self->add_dialog);
  g_clear_weak_pointer (&self->reset_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_USERS_PAGE);

  G_OBJECT_CLASS (pd_users_page_parent_class)->dispose (object);
}

static void
pd_users_page_finalize (GObject *object)
{
  PdUsersPage *self = (PdUsersPage *) object;

  g_clear_object (&self->users);

  G_OBJECT_CLASS (pd_users_page_parent_class)->finalize (object);
}

static void
pd_users_page_class_init (PdUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_users_page_constructed;
  object_class->dispose = pd_users_page_dispose;
  object_class->finalize = pd_users_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/admin/pd-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdUsersPage, list_box);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.set-role", "(ss)", set_role_action);
  gtk_widget_class_install_action (widget_class, "users.set-disabled", "(sb)", set_disabled_action);
  gtk_widget_class_install_action (widget_class, "users.reset-password", "s", reset_password_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "users.add", NULL);
}

static void
pd_users_page_init (PdUsersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->users = g_list_store_new (PD_TYPE_USER);
  self->cancellable = g_cancellable_new ();
}

/* --- For the GUI tests ---------------------------------------------------- */

GListModel *
_pd_users_page_get_model (PdUsersPage *self)
{
  g_return_val_if_fail (PD_IS_USERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->users);
}

GtkDropDown *
_pd_users_page_get_role_dropdown (PdUsersPage *self,
                                  const char  *name)
{
  g_return_val_if_fail (PD_IS_USERS_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PD_IS_USER_ROW (child) &&
          g_strcmp0 (pd_user_get_name (pd_user_row_get_user (PD_USER_ROW (child))), name) == 0)
        return _pd_user_row_get_role_dropdown (PD_USER_ROW (child));
    }

  return NULL;
}

PdAddUserDialog *
_pd_users_page_get_add_dialog (PdUsersPage *self)
{
  g_return_val_if_fail (PD_IS_USERS_PAGE (self), NULL);

  return self->add_dialog;
}

PdResetPasswordDialog *
_pd_users_page_get_reset_password_dialog (PdUsersPage *self)
{
  g_return_val_if_fail (PD_IS_USERS_PAGE (self), NULL);

  return self->reset_dialog;
}
