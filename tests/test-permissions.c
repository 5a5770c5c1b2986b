/* test-permissions.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pd-test-utils.h"

/* The matrix as the issue and DESIGN.md describe it, written out again here
 * so that a change to the core's table has to be made twice on purpose. */
static const struct {
  PdPermission permission;
  gboolean     allowed[PD_N_ROLES];   /* operator, warehouse, supervisor, admin */
} expected[] = {
  { PD_PERMISSION_BOOTSTRAP,         { FALSE, FALSE, FALSE, FALSE } },
  { PD_PERMISSION_OWN_ACCOUNT,       { TRUE,  TRUE,  TRUE,  TRUE  } },
  { PD_PERMISSION_USERS_MANAGE,      { FALSE, FALSE, FALSE, TRUE  } },
  { PD_PERMISSION_AUDIT_VIEW,        { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_STATION_CONFIGURE, { FALSE, FALSE, FALSE, TRUE  } },
  { PD_PERMISSION_DEVICES_CONFIGURE, { FALSE, FALSE, FALSE, TRUE  } },
  { PD_PERMISSION_DEVICES_MAINTAIN,  { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_TAGS_WRITE,        { TRUE,  FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_INSPECTIONS_RECORD,{ TRUE,  FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_ALARMS_CONFIGURE, { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_ALARMS_ACK,       { TRUE,  TRUE,  TRUE,  TRUE  } },
  { PD_PERMISSION_ALARMS_SHELVE,    { TRUE,  FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_ALARMS_SUPPRESS,  { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_STOCK_MASTER,     { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_STOCK_MOVE,       { FALSE, TRUE,  TRUE,  TRUE  } },
  { PD_PERMISSION_STOCK_ADJUST,     { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_STOCK_ORDERS,     { FALSE, TRUE,  TRUE,  TRUE  } },
  { PD_PERMISSION_STOCKTAKE,        { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_MES_MASTER,       { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_MES_PLAN,         { FALSE, FALSE, TRUE,  TRUE  } },
  { PD_PERMISSION_MES_EXECUTE,      { TRUE,  FALSE, TRUE,  TRUE  } },
};

static const char * const user_of_role[PD_N_ROLES] = {
  "operator", "warehouse", "supervisor", "admin",
};

typedef struct
{
  char    *dir;
  PdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pd_test_data_dir_new ();
  fixture->store = pd_test_store_new_populated (fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  pd_test_data_dir_free (fixture->dir);
}

static void
test_roles_round_trip (void)
{
  for (guint r = 0; r < PD_N_ROLES; r++)
    {
      PdRole role;

      g_assert_true (pd_role_from_string (pd_role_to_string (r), &role));
      g_assert_cmpint (role, ==, r);
      g_assert_nonnull (pd_role_get_display_name (r));
    }

  g_assert_cmpstr (pd_role_to_string (PD_ROLE_ADMIN), ==, "admin");

  for (guint p = 0; p < PD_N_PERMISSIONS; p++)
    {
      PdPermission permission;

      g_assert_true (pd_permission_from_string (pd_permission_to_string (p), &permission));
      g_assert_cmpint (permission, ==, p);
      g_assert_nonnull (pd_permission_get_description (p));
    }
  g_assert_false (pd_permission_from_string ("everything", &(PdPermission) { 0 }));
  g_assert_false (pd_role_from_string ("root", &(PdRole) { 0 }));
  g_assert_false (pd_role_from_string ("Admin", &(PdRole) { 0 }));
  g_assert_false (pd_role_from_string (NULL, &(PdRole) { 0 }));
}

static gboolean
write_nothing (PdWrite   *write,
               gpointer   user_data,
               GError   **error)
{
  return TRUE;
}

static void
test_matrix (Fixture       *fixture,
             gconstpointer  data)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == PD_N_PERMISSIONS);

  for (guint p = 0; p < G_N_ELEMENTS (expected); p++)
    for (guint r = 0; r < PD_N_ROLES; r++)
      {
        g_autoptr(PdUser) user = pd_test_login (fixture->store, user_of_role[r]);
        g_autoptr(GError) error = NULL;
        gint64 audit_before = pd_test_count_rows (fixture->store, "audit_log");
        gint64 outbox_before = pd_test_count_rows (fixture->store, "outbox");
        gboolean allowed = expected[p].allowed[r];
        gboolean ok;

        g_test_message ("%s may %s: %s", user_of_role[r],
                        pd_permission_to_string (expected[p].permission), allowed ? "yes" : "no");

        g_assert_cmpint (pd_role_has_permission (r, expected[p].permission), ==, allowed);
        g_assert_cmpint (pd_user_can (user, expected[p].permission), ==, allowed);

        /* The write path enforces the same answer, and audits either way. */
        ok = pd_store_write (fixture->store, user, expected[p].permission,
                             "test.matrix", "test", write_nothing, NULL, &error);
        g_assert_cmpint (ok, ==, allowed);
        if (!allowed)
          g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
        g_assert_cmpint (pd_test_count_rows (fixture->store, "audit_log"), ==, audit_before + 1);
        g_assert_cmpint (pd_test_count_rows (fixture->store, "outbox"), ==, outbox_before + (allowed ? 1 : 0));
      }
}

static void
test_operations_by_role (Fixture       *fixture,
                         gconstpointer  data)
{
  for (guint r = 0; r < PD_N_ROLES; r++)
    {
      g_autoptr(PdUser) actor = pd_test_login (fixture->store, user_of_role[r]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *new_name = g_strdup_printf ("new-%s", user_of_role[r]);
      g_autoptr(PdUser) added = NULL;
      gboolean manages = r == PD_ROLE_ADMIN;
      gboolean reads_audit = r == PD_ROLE_ADMIN || r == PD_ROLE_SUPERVISOR;

      added = pd_store_add_user (fixture->store, actor, new_name, PD_ROLE_OPERATOR, PD_TEST_PASSWORD, &error);
      g_assert_cmpint (added != NULL, ==, manages);
      if (!manages)
        g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);

      g_assert_cmpint (pd_store_set_user_role (fixture->store, actor, "warehouse", PD_ROLE_WAREHOUSE, &error), ==, manages);
      g_clear_error (&error);
      g_assert_cmpint (pd_store_set_user_disabled (fixture->store, actor, "warehouse", FALSE, &error), ==, manages);
      g_clear_error (&error);
      g_assert_cmpint (pd_store_set_password (fixture->store, actor, "warehouse", NULL, "another-pass-1", &error), ==,
                       manages);
      g_clear_error (&error);
      g_assert_cmpint (pd_store_set_station_name (fixture->store, actor, "Renamed", &error), ==, manages);
      g_clear_error (&error);

      records = pd_store_query_audit (fixture->store, actor, NULL, 10, &error);
      g_assert_cmpint (records != NULL, ==, reads_audit);
      if (!reads_audit)
        g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
    }
}

static void
test_denials_are_audited (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdUser) operator = pd_test_login (fixture->store, "operator");
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  PdAuditFilter filter = { .user = "operator", .result = "denied" };

  g_assert_null (pd_store_add_user (fixture->store, operator, "mallory", PD_ROLE_ADMIN, PD_TEST_PASSWORD, &error));
  g_clear_error (&error);
  g_assert_null (pd_store_query_audit (fixture->store, operator, NULL, 0, &error));
  g_clear_error (&error);

  records = pd_store_query_audit (fixture->store, admin, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (pd_audit_record_get_action (g_ptr_array_index (records, 0)), ==, "audit.read");
  g_assert_cmpstr (pd_audit_record_get_action (g_ptr_array_index (records, 1)), ==, "user.add");
  g_assert_cmpstr (pd_audit_record_get_role (g_ptr_array_index (records, 1)), ==, "operator");

  /* Nobody called mallory came into being. */
  g_assert_null (pd_store_find_user (fixture->store, "mallory", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

  g_test_add_func ("/core/permissions/roles-round-trip", test_roles_round_trip);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/permissions/matrix-every-role", test_matrix);
  ADD ("/core/permissions/operations-by-role", test_operations_by_role);
  ADD ("/core/permissions/denials-are-audited", test_denials_are_audited);
#undef ADD

  return g_test_run ();
}
