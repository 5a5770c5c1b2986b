/* test-gui-login.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-login"

#include "config.h"

#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-login-page-private.h"
#include "pd-preferences-window.h"
#include "pd-setup-page-private.h"

static void
test_setup_page_without_users (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (FALSE);
  PdSetupPage *page = _pd_window_get_setup_page (fixture->window);
  g_autofree char *station = NULL;
  static const char * const admin_sections[] = { "overview", "devices", "alarms", "production", "warehouse", "users", "audit", "account", NULL };

  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "setup");

  /* Nothing filled in: a message, nothing created. */
  _pd_setup_page_submit (page);
  g_assert_nonnull (_pd_setup_page_get_message (page));
  g_assert_false (pd_store_is_initialized (fixture->store));

  gtk_editable_set_text (_pd_setup_page_get_station_entry (page), "Assembly Line 1");
  gtk_editable_set_text (_pd_setup_page_get_name_entry (page), "chief");
  gtk_editable_set_text (_pd_setup_page_get_password_entry (page), "chief-pass-1");
  gtk_editable_set_text (_pd_setup_page_get_confirm_entry (page), "chief-pass-2");
  _pd_setup_page_submit (page);
  g_assert_cmpstr (_pd_setup_page_get_message (page), ==, "The passwords do not match.");
  g_assert_false (pd_store_is_initialized (fixture->store));

  /* A password below the policy is refused before anything is written. */
  gtk_editable_set_text (_pd_setup_page_get_password_entry (page), "short");
  gtk_editable_set_text (_pd_setup_page_get_confirm_entry (page), "short");
  _pd_setup_page_submit (page);
  g_assert_nonnull (_pd_setup_page_get_message (page));
  g_assert_false (pd_store_is_initialized (fixture->store));

  gtk_editable_set_text (_pd_setup_page_get_password_entry (page), "chief-pass-1");
  gtk_editable_set_text (_pd_setup_page_get_confirm_entry (page), "chief-pass-1");
  _pd_setup_page_submit (page);

  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_page_name (fixture->window), "main") == 0);
  g_assert_true (pd_store_is_initialized (fixture->store));
  station = pd_store_dup_station_name (fixture->store);
  g_assert_cmpstr (station, ==, "Assembly Line 1");
  g_assert_cmpstr (pd_user_get_name (pd_window_get_user (fixture->window)), ==, "chief");
  g_assert_cmpstr (_pd_window_get_header_title (fixture->window), ==, "Assembly Line 1");
  pd_gui_assert_sections (fixture, admin_sections);
}

static void
test_login_page_shown (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *page = _pd_window_get_login_page (fixture->window);
  g_auto(GStrv) sections = NULL;

  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");
  g_assert_null (pd_window_get_user (fixture->window));
  g_assert_null (_pd_login_page_get_message (page));
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (page)), ==, "");

  /* Demo users appear only when the app is told to show them. */
  g_assert_cmpuint (_pd_login_page_get_n_demo_users (page), ==, 0);

  /* Nobody is signed in: no section exists yet. */
  sections = _pd_window_dup_section_ids (fixture->window);
  g_assert_cmpuint (g_strv_length (sections), ==, 0);
}

static void
test_demo_users (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *page = _pd_window_get_login_page (fixture->window);
  const char *names[] = { "admin", "operator", NULL };
  const char *passwords[] = { PD_TEST_PASSWORD, PD_TEST_PASSWORD, NULL };

  pd_window_set_demo_users (fixture->window, names, passwords);
  g_assert_cmpuint (_pd_login_page_get_n_demo_users (page), ==, 2);
}

static void
test_empty_fields (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *page = _pd_window_get_login_page (fixture->window);

  _pd_login_page_submit (page);
  g_assert_cmpstr (_pd_login_page_get_message (page), ==, "Enter your user name.");
  g_assert_false (_pd_login_page_get_busy (page));

  gtk_editable_set_text (_pd_login_page_get_name_entry (page), "operator");
  _pd_login_page_submit (page);
  g_assert_cmpstr (_pd_login_page_get_message (page), ==, "Enter your password.");
  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");
}

static void
test_wrong_password (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *page = _pd_window_get_login_page (fixture->window);
  const char *message;

  message = pd_gui_try_sign_in (fixture, "operator", "not-the-password");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");
  g_assert_null (pd_window_get_user (fixture->window));

  /* The password is cleared, the name kept for the next try. */
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_password_entry (page)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (page)), ==, "operator");

  /* Typing again hides the message. */
  gtk_editable_set_text (_pd_login_page_get_password_entry (page), "x");
  g_assert_null (_pd_login_page_get_message (page));

  /* An unknown user is refused the same way. */
  g_assert_nonnull (pd_gui_try_sign_in (fixture, "nobody", "whatever-1"));
  g_assert_null (pd_window_get_user (fixture->window));
}

static void
test_throttled (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autofree char *first = NULL;
  g_autofree char *throttled = NULL;

  first = g_strdup (pd_gui_try_sign_in (fixture, "operator", "wrong-password-1"));
  for (guint i = 1; i < PD_LOGIN_FREE_ATTEMPTS; i++)
    g_assert_nonnull (pd_gui_try_sign_in (fixture, "operator", "wrong-password-1"));

  /* Past the free attempts even the right password waits. */
  throttled = g_strdup (pd_gui_try_sign_in (fixture, "operator", PD_TEST_PASSWORD));
  g_assert_nonnull (throttled);
  g_assert_cmpstr (throttled, !=, first);
  g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), >, 0);
  g_assert_null (pd_window_get_user (fixture->window));

  /* Another user is not affected. */
  pd_gui_sign_in (fixture, "supervisor", PD_TEST_PASSWORD);
}

static void
test_disabled_user_refused (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GError) error = NULL;

  pd_store_set_user_disabled (fixture->store, admin, "operator", TRUE, &error);
  g_assert_no_error (error);

  g_assert_nonnull (pd_gui_try_sign_in (fixture, "operator", PD_TEST_PASSWORD));
  g_assert_null (pd_window_get_user (fixture->window));
}

static void
test_sign_in_shows_user (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);

  pd_gui_sign_in (fixture, "supervisor", PD_TEST_PASSWORD);

  g_assert_cmpstr (_pd_window_get_header_title (fixture->window), ==, "Test station");
  g_assert_true (strstr (_pd_window_get_header_subtitle (fixture->window), "supervisor") != NULL);
  g_assert_true (strstr (_pd_window_get_header_subtitle (fixture->window),
                         pd_role_get_display_name (PD_ROLE_SUPERVISOR)) != NULL);

  /* The password does not linger in the hidden login page. */
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_password_entry (_pd_window_get_login_page (fixture->window))), ==, "");
}

static void
test_station_rename_updates_header (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GError) error = NULL;

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);

  pd_store_set_station_name (fixture->store, admin, "Packing 2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (_pd_window_get_header_title (fixture->window), ==, "Packing 2");
}

static void
test_store_error_page (void)
{
  g_autoptr(PdApplication) app = pd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = g_error_new_literal (PD_ERROR, PD_ERROR_DB_CORRUPT, "The database is damaged <x>.");
  PdWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = pd_window_new (app, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  pd_window_show_error (window, open_error);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "error");
  /* Shown as text, not as markup. */
  g_assert_cmpstr (_pd_window_get_error_message (window), ==, "The database is damaged &lt;x&gt;.");

  gtk_window_destroy (GTK_WINDOW (window));
  PD_GUI_WAIT_UNTIL (window == NULL);
}

static PdApplication *
new_registered_app (void)
{
  PdApplication *app = pd_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static void
test_corrupt_database_error_page (void)
{
  g_autoptr(PdApplication) app = new_registered_app ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autofree char *path = g_build_filename (dir, "plantdesk.db", NULL);
  const char garbage[] = "This is not a database, it is a shopping list. Eggs, milk, bolts.";
  PdWindow *window;

  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  window = pd_window_new (app, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  pd_window_open_store (window, dir);
  gtk_window_present (GTK_WINDOW (window));

  pd_gui_wait_ready (window);

  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "error");
  g_assert_nonnull (_pd_window_get_error_message (window));
  g_assert_cmpstr (_pd_window_get_error_message (window), !=, "");
  g_assert_null (pd_window_get_store (window));
  g_assert_false (_pd_login_page_get_can_sign_in (_pd_window_get_login_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  PD_GUI_WAIT_UNTIL (window == NULL);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static guint
count_windows (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        n++;
    }

  return n;
}

static void
test_sign_in_waits_for_store (void)
{
  g_autoptr(PdApplication) app = new_registered_app ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = pd_test_data_dir_new ();
  PdLoginPage *page;
  PdWindow *window;

  g_assert_finalize_object (pd_test_store_new_populated (dir));
  g_settings_set_string (settings, "last-user", "operator");

  window = pd_window_new (app, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  pd_window_open_store (window, dir);
  gtk_window_present (GTK_WINDOW (window));
  page = _pd_window_get_login_page (window);

  /* The worker's answer arrives through the main loop, which has not run:
   * the window is in its opening state. */
  g_assert_false (pd_window_is_ready (window));
  g_assert_null (pd_window_get_store (window));
  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "login");
  g_assert_false (_pd_login_page_get_can_sign_in (page));
  g_assert_true (_pd_login_page_get_spinning (page));
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (page)), ==, "operator");

  /* Nothing that needs the store starts meanwhile. */
  gtk_editable_set_text (_pd_login_page_get_password_entry (page), PD_TEST_PASSWORD);
  _pd_login_page_submit (page);
  g_assert_false (_pd_login_page_get_busy (page));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_cmpuint (count_windows (PD_TYPE_PREFERENCES_WINDOW), ==, 0);

  pd_gui_wait_ready (window);

  g_assert_nonnull (pd_window_get_store (window));
  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "login");
  g_assert_true (_pd_login_page_get_can_sign_in (page));
  g_assert_false (_pd_login_page_get_spinning (page));
  /* What was typed while the store opened is kept. */
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_password_entry (page)), ==, PD_TEST_PASSWORD);

  _pd_login_page_submit (page);
  PD_GUI_WAIT_UNTIL (!_pd_login_page_get_busy (page));
  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "main");
  g_assert_cmpstr (pd_user_get_name (pd_window_get_user (window)), ==, "operator");

  gtk_window_destroy (GTK_WINDOW (window));
  PD_GUI_WAIT_UNTIL (window == NULL);
  pd_gui_flush ();
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static void
test_activate_while_opening (void)
{
  g_autoptr(PdApplication) app = new_registered_app ();
  g_autofree char *dir = pd_test_data_dir_new ();
  PdWindow *window;

  g_assert_finalize_object (pd_test_store_new_populated (dir));
  g_setenv ("PLANTDESK_DATA_DIR", dir, TRUE);

  /* The first launch creates the window and starts the open; a second one
   * arrives before the store has. */
  g_application_activate (G_APPLICATION (app));
  window = PD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_false (pd_window_is_ready (window));

  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (count_windows (PD_TYPE_WINDOW), ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));

  pd_gui_wait_ready (window);
  g_assert_cmpuint (count_windows (PD_TYPE_WINDOW), ==, 1);
  g_assert_nonnull (pd_window_get_store (window));
  g_assert_cmpstr (_pd_window_get_page_name (window), ==, "login");
  g_assert_true (_pd_login_page_get_can_sign_in (_pd_window_get_login_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  PD_GUI_WAIT_UNTIL (window == NULL);
  pd_gui_flush ();
  g_unsetenv ("PLANTDESK_DATA_DIR");
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/login/setup-page-without-users", test_setup_page_without_users);
  pd_gui_test_add ("/gui/login/login-page-shown", test_login_page_shown);
  pd_gui_test_add ("/gui/login/demo-users", test_demo_users);
  pd_gui_test_add ("/gui/login/empty-fields", test_empty_fields);
  pd_gui_test_add ("/gui/login/wrong-password", test_wrong_password);
  pd_gui_test_add ("/gui/login/throttled", test_throttled);
  pd_gui_test_add ("/gui/login/disabled-user-refused", test_disabled_user_refused);
  pd_gui_test_add ("/gui/login/sign-in-shows-user", test_sign_in_shows_user);
  pd_gui_test_add ("/gui/login/station-rename-updates-header", test_station_rename_updates_header);
  pd_gui_test_add ("/gui/login/store-error-page", test_store_error_page);
  pd_gui_test_add ("/gui/login/corrupt-database-error-page", test_corrupt_database_error_page);
  pd_gui_test_add ("/gui/login/sign-in-waits-for-store", test_sign_in_waits_for_store);
  pd_gui_test_add ("/gui/login/activate-while-opening", test_activate_while_opening);

  return g_test_run ();
}
