/* test-gui-sections.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-sections"

#include "config.h"

#include "pd-gui-test-utils.h"
#include "pd-login-page-private.h"
#include "pd-preferences-window.h"

static const char * const operator_sections[] = { "overview", "devices", "alarms", "production", "account", NULL };
static const char * const warehouse_sections[] = { "overview", "devices", "alarms", "warehouse", "account", NULL };
static const char * const supervisor_sections[] = { "overview", "devices", "alarms", "production", "warehouse", "audit", "account", NULL };
static const char * const admin_sections[] = { "overview", "devices", "alarms", "production", "warehouse", "users", "audit", "account", NULL };

static void
check_role (const char         *name,
            const char * const *expected)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);

  pd_gui_sign_in (fixture, name, PD_TEST_PASSWORD);
  pd_gui_assert_sections (fixture, expected);

  /* The first section is shown when none was remembered. */
  g_assert_cmpstr (_pd_window_get_section_id (fixture->window), ==, expected[0]);
}

static void
test_operator (void)
{
  check_role ("operator", operator_sections);
}

static void
test_warehouse (void)
{
  check_role ("warehouse", warehouse_sections);
}

static void
test_supervisor (void)
{
  check_role ("supervisor", supervisor_sections);
}

static void
test_admin (void)
{
  check_role ("admin", admin_sections);
}

/* Every page fits beside the sidebar in the default window (1180 px wide,
 * the sidebar 260): a wider page makes the window grow past a small
 * screen's edge. Measured for a desk role and for a touch role, whose
 * rows are larger. */
static void
check_fits (const char         *name,
            const char * const *sections)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  int window_width = g_settings_get_int (settings, "window-width");

  pd_gui_sign_in (fixture, name, PD_TEST_PASSWORD);
  for (guint i = 0; sections[i] != NULL; i++)
    {
      GtkWidget *page;
      int min = 0;

      g_assert_true (_pd_window_select_section (fixture->window, sections[i]));
      page = _pd_window_get_section (fixture->window, sections[i]);
      g_assert_nonnull (page);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > window_width - 261)
        g_error ("the %s page of %s needs %d px, more than the %d px beside the sidebar",
                 sections[i], name, min, window_width - 261);
    }
}

static void
test_pages_fit_admin (void)
{
  check_fits ("admin", admin_sections);
}

static void
test_pages_fit_warehouse (void)
{
  check_fits ("warehouse", warehouse_sections);
}

static void
test_pages_built_when_shown (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);

  /* An administrator lands on the Overview; the audit log is not read
   * until its page is first shown. */
  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  g_assert_nonnull (_pd_window_peek_section (fixture->window, "overview"));
  g_assert_null (_pd_window_peek_section (fixture->window, "users"));
  g_assert_null (_pd_window_peek_section (fixture->window, "audit"));
  g_assert_null (_pd_window_peek_section (fixture->window, "account"));

  g_assert_true (_pd_window_select_section (fixture->window, "audit"));
  g_assert_nonnull (_pd_window_peek_section (fixture->window, "audit"));
  g_assert_cmpstr (_pd_window_get_section_id (fixture->window), ==, "audit");

  /* A section the role does not have gets no page, even on request. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "lock", NULL);
  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  g_assert_null (_pd_window_get_section (fixture->window, "audit"));
  g_assert_null (_pd_window_peek_section (fixture->window, "users"));
}

static void
test_lock (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *login = _pd_window_get_login_page (fixture->window);
  GtkWidget *users_page;
  GtkWidget *preferences;
  g_auto(GStrv) sections = NULL;

  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  users_page = _pd_window_get_section (fixture->window, "users");
  g_object_add_weak_pointer (G_OBJECT (users_page), (gpointer *) &users_page);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = pd_gui_find_window (fixture, PD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "lock", NULL);

  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");
  g_assert_null (pd_window_get_user (fixture->window));
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (login)), ==, "admin");
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_password_entry (login)), ==, "");

  /* Nothing of the session stays: its pages and dialogs are gone. */
  sections = _pd_window_dup_section_ids (fixture->window);
  g_assert_cmpuint (g_strv_length (sections), ==, 0);
  PD_GUI_WAIT_UNTIL (users_page == NULL && preferences == NULL);

  /* The same person continues with the password alone. */
  gtk_editable_set_text (_pd_login_page_get_password_entry (login), PD_TEST_PASSWORD);
  _pd_login_page_submit (login);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_page_name (fixture->window), "main") == 0);
  pd_gui_assert_sections (fixture, admin_sections);
}

static void
test_switch_user (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdLoginPage *login = _pd_window_get_login_page (fixture->window);
  GtkWidget *audit_page;

  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  pd_gui_assert_sections (fixture, admin_sections);
  audit_page = _pd_window_get_section (fixture->window, "audit");
  g_object_add_weak_pointer (G_OBJECT (audit_page), (gpointer *) &audit_page);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "switch-user", NULL);
  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (login)), ==, "");
  PD_GUI_WAIT_UNTIL (audit_page == NULL);

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  pd_gui_assert_sections (fixture, operator_sections);
  g_assert_null (_pd_window_get_section (fixture->window, "users"));
  g_assert_null (_pd_window_get_section (fixture->window, "audit"));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "switch-user", NULL);
  pd_gui_sign_in (fixture, "supervisor", PD_TEST_PASSWORD);
  pd_gui_assert_sections (fixture, supervisor_sections);
}

static void
test_remembers_section (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;

  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  g_assert_true (_pd_window_select_section (fixture->window, "audit"));
  stored = g_settings_get_string (settings, "sidebar-page");
  g_assert_cmpstr (stored, ==, "audit");

  pd_window_lock (fixture->window);
  pd_gui_sign_in (fixture, "admin", PD_TEST_PASSWORD);
  g_assert_cmpstr (_pd_window_get_section_id (fixture->window), ==, "audit");

  /* A role that may not see the remembered section starts at its first. */
  pd_window_switch_user (fixture->window);
  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  g_assert_cmpstr (_pd_window_get_section_id (fixture->window), ==, operator_sections[0]);
  g_assert_false (_pd_window_select_section (fixture->window, "users"));
}

static void
test_auto_lock (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);

  _pd_window_set_auto_lock_msec (fixture->window, 200);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_page_name (fixture->window), "login") == 0);
  g_assert_null (pd_window_get_user (fixture->window));
  g_assert_cmpstr (gtk_editable_get_text (_pd_login_page_get_name_entry (_pd_window_get_login_page (fixture->window))),
                   ==, "operator");
}

static void
test_role_change_while_signed_in (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GError) error = NULL;

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  pd_gui_assert_sections (fixture, operator_sections);

  /* Another administrator promotes this user: the sidebar follows. */
  pd_store_set_user_role (fixture->store, admin, "operator", PD_ROLE_SUPERVISOR, &error);
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (pd_user_get_role (pd_window_get_user (fixture->window)) == PD_ROLE_SUPERVISOR);
  pd_gui_assert_sections (fixture, supervisor_sections);

  /* Disabled meanwhile: the session ends. */
  pd_store_set_user_disabled (fixture->store, admin, "operator", TRUE, &error);
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_page_name (fixture->window), "login") == 0);
  g_assert_null (pd_window_get_user (fixture->window));
}

static void
test_audits_session_end (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  PdAuditFilter filter = { .user = "operator", .action = "session." };

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  pd_window_lock (fixture->window);

  records = pd_store_query_audit (fixture->store, admin, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (pd_audit_record_get_action (g_ptr_array_index (records, 0)), ==, "session.logout");
}

static void
test_quit_saves_and_audits (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  PdAuditFilter filter = { .user = "supervisor", .action = "session.logout" };

  pd_gui_sign_in (fixture, "supervisor", PD_TEST_PASSWORD);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  PD_GUI_WAIT_UNTIL (fixture->window == NULL);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  records = pd_store_query_audit (fixture->store, admin, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/sections/operator", test_operator);
  pd_gui_test_add ("/gui/sections/warehouse", test_warehouse);
  pd_gui_test_add ("/gui/sections/supervisor", test_supervisor);
  pd_gui_test_add ("/gui/sections/admin", test_admin);
  pd_gui_test_add ("/gui/sections/pages-built-when-shown", test_pages_built_when_shown);
  pd_gui_test_add ("/gui/sections/lock", test_lock);
  pd_gui_test_add ("/gui/sections/switch-user", test_switch_user);
  pd_gui_test_add ("/gui/sections/remembers-section", test_remembers_section);
  pd_gui_test_add ("/gui/sections/auto-lock", test_auto_lock);
  pd_gui_test_add ("/gui/sections/role-change-while-signed-in", test_role_change_while_signed_in);
  pd_gui_test_add ("/gui/sections/audits-session-end", test_audits_session_end);
  pd_gui_test_add ("/gui/sections/quit-saves-and-audits", test_quit_saves_and_audits);
  pd_gui_test_add ("/gui/sections/pages-fit-admin", test_pages_fit_admin);
  pd_gui_test_add ("/gui/sections/pages-fit-warehouse", test_pages_fit_warehouse);

  return g_test_run ();
}
