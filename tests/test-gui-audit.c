/* test-gui-audit.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-audit"

#include "config.h"

#include "pd-gui-test-utils.h"
#include "admin/pd-audit-page-private.h"

static PdAuditPage *
open_audit_page (PdGuiFixture *fixture,
                 const char   *name)
{
  PdAuditPage *page;

  pd_gui_sign_in (fixture, name, PD_TEST_PASSWORD);
  g_assert_true (_pd_window_select_section (fixture->window, "audit"));
  page = PD_AUDIT_PAGE (_pd_window_get_section (fixture->window, "audit"));
  PD_GUI_WAIT_UNTIL (!pd_audit_model_get_loading (_pd_audit_page_get_model (page)));

  return page;
}

static void
wait_loaded (PdAuditPage *page)
{
  pd_gui_flush ();
  PD_GUI_WAIT_UNTIL (!pd_audit_model_get_loading (_pd_audit_page_get_model (page)));
}

/* Asserts that every row shown has PROPERTY equal to VALUE, and returns
 * how many there are. */
static guint
assert_all_rows (PdAuditPage *page,
                 const char  *property,
                 const char  *value)
{
  GListModel *model = _pd_audit_page_get_view_model (page);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PdAuditRecord) record = g_list_model_get_item (model, i);
      g_autofree char *got = NULL;

      g_object_get (record, property, &got, NULL);
      g_assert_cmpstr (got, ==, value);
    }

  return n_items;
}

static void
make_history (PdGuiFixture *fixture)
{
  g_autoptr(PdUser) operator = pd_test_login (fixture->store, "operator");
  g_autoptr(GError) error = NULL;

  /* An operator trying an administrator's job: audited as denied. */
  g_assert_false (pd_store_set_user_role (fixture->store, operator, "warehouse", PD_ROLE_ADMIN, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
}

static void
test_lists_rows (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  PdAuditPage *page;
  GListModel *model;
  guint n_before;

  make_history (fixture);
  page = open_audit_page (fixture, "admin");
  model = _pd_audit_page_get_view_model (page);

  n_before = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_before, >, 5);
  g_assert_false (_pd_audit_page_get_showing_empty (page));
  {
    g_autoptr(GObject) first = g_list_model_get_item (model, 0);

    g_assert_true (PD_IS_AUDIT_RECORD (first));
  }

  /* New records appear at the top while the page is open. */
  pd_store_logout (fixture->store, pd_window_get_user (fixture->window));
  PD_GUI_WAIT_UNTIL (g_list_model_get_n_items (model) == n_before + 1);
  {
    g_autoptr(PdAuditRecord) newest = g_list_model_get_item (model, 0);

    g_assert_cmpstr (pd_audit_record_get_action (newest), ==, "session.logout");
  }
}

static void
test_filters (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *yesterday_text = g_date_time_format (yesterday, "%Y-%m-%d");
  PdAuditPage *page;
  GListModel *model;
  guint n_all;

  make_history (fixture);
  page = open_audit_page (fixture, "supervisor");
  model = _pd_audit_page_get_view_model (page);
  n_all = g_list_model_get_n_items (model);

  /* By user */
  g_assert_true (_pd_audit_page_select_user (page, "operator"));
  wait_loaded (page);
  g_assert_cmpuint (assert_all_rows (page, "user", "operator"), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  g_assert_true (_pd_audit_page_select_user (page, NULL));
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  /* By action */
  g_assert_true (_pd_audit_page_select_action (page, "user.add"));
  wait_loaded (page);
  g_assert_cmpuint (assert_all_rows (page, "action", "user.add"), ==, 3);
  g_assert_true (_pd_audit_page_select_action (page, NULL));

  /* By result */
  g_assert_true (_pd_audit_page_select_result (page, "denied"));
  wait_loaded (page);
  g_assert_cmpuint (assert_all_rows (page, "result", "denied"), ==, 1);
  g_assert_true (_pd_audit_page_select_result (page, NULL));
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  /* By date: everything happened today. */
  gtk_editable_set_text (_pd_audit_page_get_since_entry (page), tomorrow_text);
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (_pd_audit_page_get_showing_empty (page));

  gtk_editable_set_text (_pd_audit_page_get_since_entry (page), today_text);
  gtk_editable_set_text (_pd_audit_page_get_until_entry (page), today_text);
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_false (_pd_audit_page_get_showing_empty (page));

  gtk_editable_set_text (_pd_audit_page_get_since_entry (page), "");
  gtk_editable_set_text (_pd_audit_page_get_until_entry (page), yesterday_text);
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* A wrong date is flagged and keeps the filter that was there. */
  gtk_editable_set_text (_pd_audit_page_get_since_entry (page), "2026-13-45");
  wait_loaded (page);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pd_audit_page_get_since_entry (page)), "error"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  gtk_editable_set_text (_pd_audit_page_get_since_entry (page), "");
  gtk_editable_set_text (_pd_audit_page_get_until_entry (page), "");
  wait_loaded (page);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (_pd_audit_page_get_since_entry (page)), "error"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  /* Filters combine. */
  g_assert_true (_pd_audit_page_select_user (page, "admin"));
  g_assert_true (_pd_audit_page_select_action (page, "user.add"));
  wait_loaded (page);
  g_assert_cmpuint (assert_all_rows (page, "user", "admin"), ==, 3);
}

static void
test_many_rows (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  sqlite3 *db = pd_store_get_db (fixture->store);
  sqlite3_stmt *stmt = NULL;
  PdAuditPage *page;
  GListModel *model;
  guint n_items;

  /* Thousands of rows, written straight into the log. */
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO audit_log (ts, user_name, role, station, action, entity, entity_id, result, detail) "
                                       "VALUES ('2026-01-01T00:00:00.000Z', 'operator', 'operator', 'Test station', 'test.bulk', 'test', ?, 'ok', NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 20000; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  page = open_audit_page (fixture, "admin");
  model = _pd_audit_page_get_view_model (page);
  n_items = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_items, >, 20000);

  /* Rows far down are read on demand. */
  {
    g_autoptr(PdAuditRecord) oldest = g_list_model_get_item (model, n_items - 1);
    g_autoptr(PdAuditRecord) middle = g_list_model_get_item (model, n_items / 2);
    g_autoptr(PdAuditRecord) deep = g_list_model_get_item (model, 19000);

    g_assert_cmpstr (pd_audit_record_get_action (oldest), ==, "station.init");
    g_assert_cmpstr (pd_audit_record_get_action (middle), ==, "test.bulk");
    g_assert_cmpstr (pd_audit_record_get_action (deep), ==, "test.bulk");
  }

  g_assert_true (_pd_audit_page_select_action (page, "test.bulk"));
  wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 20000);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/audit/lists-rows", test_lists_rows);
  pd_gui_test_add ("/gui/audit/filters", test_filters);
  pd_gui_test_add ("/gui/audit/many-rows", test_many_rows);

  return g_test_run ();
}
