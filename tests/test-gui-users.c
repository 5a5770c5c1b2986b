/* test-gui-users.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-users"

#include "config.h"

#include "pd-gui-test-utils.h"
#include "admin/pd-add-user-dialog-private.h"
#include "admin/pd-reset-password-dialog-private.h"
#include "admin/pd-users-page-private.h"

static PdUsersPage *
open_users_page (PdGuiFixture *fixture)
{
  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  g_assert_true (_pd_window_select_section (fixture->window, "users"));

  return PD_USERS_PAGE (_pd_window_get_section (fixture->window, "users"));
}

static gboolean
model_has_user (GListModel *model,
                const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PdUser) user = g_list_model_get_item (model, i);

      if (g_strcmp0 (pd_user_get_name (user), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
model_role (GListModel *model,
            const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PdUser) user = g_list_model_get_item (model, i);

      if (g_strcmp0 (pd_user_get_name (user), name) == 0)
        return pd_user_get_role (user);
    }

  return -1;
}

static void
test_lists_users (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  GListModel *model = _pd_users_page_get_model (page);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (model_has_user (model, "admin"));
  g_assert_true (model_has_user (model, "warehouse"));
}

static void
test_add_user (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  g_autoptr(PdUser) added = NULL;
  g_autoptr(GError) error = NULL;
  PdAddUserDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "users.add", NULL);
  dialog = _pd_users_page_get_add_dialog (page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Mismatched passwords stay in the dialog and add nobody. */
  gtk_editable_set_text (_pd_add_user_dialog_get_name_entry (dialog), "wendy");
  _pd_add_user_dialog_set_role (dialog, PD_ROLE_WAREHOUSE);
  gtk_editable_set_text (_pd_add_user_dialog_get_password_entry (dialog), "wendy-pass-1");
  gtk_editable_set_text (_pd_add_user_dialog_get_confirm_entry (dialog), "wendy-pass-2");
  _pd_add_user_dialog_submit (dialog);
  g_assert_cmpstr (_pd_add_user_dialog_get_message (dialog), ==, "The passwords do not match.");
  g_assert_null (pd_store_find_user (fixture->store, "wendy", NULL));

  /* A name that exists is refused by the core, inline. */
  gtk_editable_set_text (_pd_add_user_dialog_get_name_entry (dialog), "operator");
  gtk_editable_set_text (_pd_add_user_dialog_get_confirm_entry (dialog), "wendy-pass-1");
  _pd_add_user_dialog_submit (dialog);
  PD_GUI_WAIT_UNTIL (_pd_add_user_dialog_get_message (dialog) != NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (_pd_users_page_get_model (page)), ==, 4);

  gtk_editable_set_text (_pd_add_user_dialog_get_name_entry (dialog), "wendy");
  _pd_add_user_dialog_submit (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);
  PD_GUI_WAIT_UNTIL (g_list_model_get_n_items (_pd_users_page_get_model (page)) == 5);

  added = pd_store_find_user (fixture->store, "wendy", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_user_get_role (added), ==, PD_ROLE_WAREHOUSE);
  g_assert_true (model_has_user (_pd_users_page_get_model (page), "wendy"));
  g_assert_cmpuint (g_list_model_get_n_items (_pd_users_page_get_model (page)), ==, 5);
  g_assert_nonnull (_pd_window_get_last_toast (fixture->window));

  /* And the new user can sign in. */
  pd_window_switch_user (fixture->window);
  pd_gui_sign_in (fixture, "wendy", "wendy-pass-1");
}

static void
test_set_role (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  g_autoptr(PdUser) user = NULL;

  gtk_widget_activate_action (GTK_WIDGET (page), "users.set-role", "(ss)", "operator", "supervisor");

  user = pd_store_find_user (fixture->store, "operator", NULL);
  g_assert_cmpint (pd_user_get_role (user), ==, PD_ROLE_SUPERVISOR);
  g_assert_nonnull (_pd_window_get_last_toast (fixture->window));
}

static void
test_role_dropdown (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  g_autoptr(PdUser) user = NULL;
  GtkDropDown *dropdown;

  /* One's own role cannot be changed here. */
  dropdown = _pd_users_page_get_role_dropdown (page, "admin");
  g_assert_nonnull (dropdown);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));

  /* Choosing a role in a row changes it; the rows are rebuilt meanwhile. */
  dropdown = _pd_users_page_get_role_dropdown (page, "warehouse");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, PD_ROLE_WAREHOUSE);
  gtk_drop_down_set_selected (dropdown, PD_ROLE_SUPERVISOR);

  user = pd_store_find_user (fixture->store, "warehouse", NULL);
  g_assert_cmpint (pd_user_get_role (user), ==, PD_ROLE_SUPERVISOR);

  /* The row is rebuilt once the handler has returned. */
  PD_GUI_WAIT_UNTIL (model_role (_pd_users_page_get_model (page), "warehouse") == PD_ROLE_SUPERVISOR);
  dropdown = _pd_users_page_get_role_dropdown (page, "warehouse");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, PD_ROLE_SUPERVISOR);
}

static void
test_disable_and_enable (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  g_autoptr(PdUser) disabled = NULL;
  g_autoptr(PdUser) enabled = NULL;
  g_autoptr(PdUser) refused = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_activate_action (GTK_WIDGET (page), "users.set-disabled", "(sb)", "operator", TRUE);
  disabled = pd_store_find_user (fixture->store, "operator", NULL);
  g_assert_true (pd_user_get_disabled (disabled));

  refused = pd_store_login (fixture->store, "operator", PD_TEST_PASSWORD, &error);
  g_assert_null (refused);
  g_assert_error (error, PD_ERROR, PD_ERROR_USER_DISABLED);

  gtk_widget_activate_action (GTK_WIDGET (page), "users.set-disabled", "(sb)", "operator", FALSE);
  enabled = pd_store_find_user (fixture->store, "operator", NULL);
  g_assert_false (pd_user_get_disabled (enabled));
}

static void
test_reset_password (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;
  PdResetPasswordDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "users.reset-password", "s", "operator");
  dialog = _pd_users_page_get_reset_password_dialog (page);
  g_assert_nonnull (dialog);

  /* Not offered until both entries agree on a good password. */
  gtk_editable_set_text (_pd_reset_password_dialog_get_password_entry (dialog), "short");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reset"));
  gtk_editable_set_text (_pd_reset_password_dialog_get_password_entry (dialog), "fresh-pass-1");
  gtk_editable_set_text (_pd_reset_password_dialog_get_confirm_entry (dialog), "fresh-pass-2");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reset"));
  gtk_editable_set_text (_pd_reset_password_dialog_get_confirm_entry (dialog), "fresh-pass-1");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reset"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reset");
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_last_toast (fixture->window),
                                "The password of operator has been reset") == 0);

  user = pd_store_login (fixture->store, "operator", "fresh-pass-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

static void
test_error_is_reported (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdUsersPage *page = open_users_page (fixture);

  /* The core refuses; the page shows its message as a toast. */
  g_assert_null (_pd_window_get_last_toast (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (page), "users.set-disabled", "(sb)", "ghost", TRUE);
  g_assert_nonnull (_pd_window_get_last_toast (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (_pd_users_page_get_model (page)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/users/lists-users", test_lists_users);
  pd_gui_test_add ("/gui/users/add-user", test_add_user);
  pd_gui_test_add ("/gui/users/set-role", test_set_role);
  pd_gui_test_add ("/gui/users/role-dropdown", test_role_dropdown);
  pd_gui_test_add ("/gui/users/disable-and-enable", test_disable_and_enable);
  pd_gui_test_add ("/gui/users/reset-password", test_reset_password);
  pd_gui_test_add ("/gui/users/error-is-reported", test_error_is_reported);

  return g_test_run ();
}
