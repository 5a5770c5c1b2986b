/* test-gui-preferences.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-preferences"

#include "config.h"

#include "pd-gui-test-utils.h"
#include "pd-preferences-window-private.h"
#include "account/pd-account-page-private.h"

static PdPreferencesWindow *
open_preferences (PdGuiFixture *fixture)
{
  PdPreferencesWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = pd_gui_find_window (fixture, PD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);

  return preferences;
}

/* The bell on refused scans is a preference of the workstation. */
static void
test_scan_sound (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PdPreferencesWindow *preferences;
  GtkSwitch *sound;

  g_settings_reset (settings, "scan-sound");
  pd_gui_sign_in (fixture, "warehouse", PD_TEST_PASSWORD);
  preferences = open_preferences (fixture);
  sound = _pd_preferences_window_get_scan_sound_switch (preferences);
  g_assert_true (gtk_switch_get_active (sound));

  gtk_switch_set_active (sound, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "scan-sound"));
  g_settings_set_boolean (settings, "scan-sound", TRUE);
  g_assert_true (gtk_switch_get_active (sound));

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_station_name_admin (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autofree char *name = NULL;
  PdPreferencesWindow *preferences;

  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  preferences = open_preferences (fixture);
  g_assert_true (_pd_preferences_window_can_edit_station (preferences));
  g_assert_cmpstr (gtk_editable_get_text (_pd_preferences_window_get_station_entry (preferences)), ==, "Test station");

  gtk_editable_set_text (_pd_preferences_window_get_station_entry (preferences), "Paint Shop 3");
  _pd_preferences_window_apply_station (preferences);

  name = pd_store_dup_station_name (fixture->store);
  g_assert_cmpstr (name, ==, "Paint Shop 3");
  g_assert_cmpstr (_pd_window_get_header_title (fixture->window), ==, "Paint Shop 3");
}

static void
test_station_name_operator (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autofree char *name = NULL;
  PdPreferencesWindow *preferences;

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  preferences = open_preferences (fixture);
  g_assert_false (_pd_preferences_window_can_edit_station (preferences));

  /* Even when asked, nothing changes. */
  gtk_editable_set_text (_pd_preferences_window_get_station_entry (preferences), "Mine now");
  _pd_preferences_window_apply_station (preferences);
  name = pd_store_dup_station_name (fixture->store);
  g_assert_cmpstr (name, ==, "Test station");
}

static void
test_preferences_before_sign_in (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdPreferencesWindow *preferences = open_preferences (fixture);

  g_assert_false (_pd_preferences_window_can_edit_station (preferences));
}

static void
test_color_scheme (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_string (settings, "color-scheme", "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_change_own_password (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;
  PdAccountPage *page;

  pd_gui_sign_in (fixture, "warehouse", PD_TEST_PASSWORD);
  page = PD_ACCOUNT_PAGE (_pd_window_get_section (fixture->window, "account"));
  g_assert_nonnull (page);

  /* A wrong current password is refused inline. */
  gtk_editable_set_text (_pd_account_page_get_current_entry (page), "not-my-password");
  gtk_editable_set_text (_pd_account_page_get_password_entry (page), "my-new-pass-1");
  gtk_editable_set_text (_pd_account_page_get_confirm_entry (page), "my-new-pass-1");
  _pd_account_page_submit (page);
  PD_GUI_WAIT_UNTIL (!_pd_account_page_get_busy (page));
  g_assert_nonnull (_pd_account_page_get_message (page));

  gtk_editable_set_text (_pd_account_page_get_current_entry (page), PD_TEST_PASSWORD);
  _pd_account_page_submit (page);
  PD_GUI_WAIT_UNTIL (!_pd_account_page_get_busy (page));
  g_assert_null (_pd_account_page_get_message (page));
  g_assert_cmpstr (_pd_window_get_last_toast (fixture->window), ==, "Your password has been changed");

  user = pd_store_login (fixture->store, "warehouse", "my-new-pass-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/preferences/station-name-admin", test_station_name_admin);
  pd_gui_test_add ("/gui/preferences/station-name-operator", test_station_name_operator);
  pd_gui_test_add ("/gui/preferences/before-sign-in", test_preferences_before_sign_in);
  pd_gui_test_add ("/gui/preferences/color-scheme", test_color_scheme);
  pd_gui_test_add ("/gui/preferences/scan-sound", test_scan_sound);
  pd_gui_test_add ("/gui/preferences/change-own-password", test_change_own_password);

  return g_test_run ();
}
