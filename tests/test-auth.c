/* test-auth.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>

#include "pd-test-utils.h"

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
test_hash_is_argon2id (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = pd_password_hash ("s3cret-password", &error);
  g_autofree char *other = pd_password_hash ("s3cret-password", &error);
  g_autofree char *params = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$"));
  /* At least the interactive limits: 64 MiB and 2 passes. */
  params = g_strdup_printf ("$m=%zu,t=%llu,", (size_t) (crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024),
                            (unsigned long long) crypto_pwhash_OPSLIMIT_INTERACTIVE);
  g_assert_nonnull (strstr (hash, params));
  g_assert_cmpstr (hash, !=, other);   /* salted */

  g_assert_true (pd_password_verify (hash, "s3cret-password"));
  g_assert_false (pd_password_verify (hash, "s3cret-passwore"));
  g_assert_false (pd_password_verify (NULL, "s3cret-password"));
  g_assert_false (pd_password_verify ("not a hash", "s3cret-password"));
}

static void
test_policy (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_password_check_policy ("short", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_password_check_policy (NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_password_check_policy ("\xff\xfe broken utf-8", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pd_password_check_policy ("密码足够长了吗是的", &error));
  g_assert_no_error (error);

  g_assert_true (pd_user_name_check ("zhang.wei", NULL));
  g_assert_true (pd_user_name_check ("张伟", NULL));
  g_assert_false (pd_user_name_check ("", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_user_name_check ("two words", NULL));
  g_assert_false (pd_user_name_check ("semi;colon", NULL));
  g_assert_false (pd_user_name_check ("0123456789012345678901234567890123", NULL));
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(PdUser) upper = NULL;
  gint64 failures;

  user = pd_store_login (fixture->store, "supervisor", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_user_get_name (user), ==, "supervisor");
  g_assert_cmpint (pd_user_get_role (user), ==, PD_ROLE_SUPERVISOR);

  /* Names are not case-sensitive; passwords are. */
  upper = pd_store_login (fixture->store, "SUPERVISOR", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_user_get_name (upper), ==, "supervisor");
  g_assert_null (pd_store_login (fixture->store, "supervisor", "CORRECT-HORSE-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_null (pd_store_login (fixture->store, "nobody", PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_null (pd_store_login (fixture->store, "supervisor", "", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* A name no account can have is answered like any wrong name, and is not
   * stored anywhere. */
  failures = pd_test_count_rows (fixture->store, "login_failures");
  g_assert_null (pd_store_login (fixture->store, "a name with spaces and; more", "whatever-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_assert_cmpint (pd_test_count_rows (fixture->store, "login_failures"), ==, failures);
}

static void
test_throttling (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(GPtrArray) records = NULL;
  PdAuditFilter filter = { .user = "operator", .action = "session.login" };

  for (guint i = 1; i <= PD_LOGIN_FREE_ATTEMPTS; i++)
    {
      g_assert_null (pd_store_login (fixture->store, "operator", "wrong-password", &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
      /* The failure that starts the wait says so. */
      if (i == PD_LOGIN_FREE_ATTEMPTS)
        g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), >, 0);
      else
        g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), ==, 0);
      g_clear_error (&error);
    }

  /* Now even the right password waits, and the wait grows. */
  g_assert_null (pd_store_login (fixture->store, "operator", PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_THROTTLED);
  g_clear_error (&error);
  g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), <=, 5);

  /* Other users are not affected. */
  user = pd_store_login (fixture->store, "warehouse", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&user);

  /* Once the wait is over, one more wrong password doubles it. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (fixture->store),
                                 "UPDATE login_failures SET locked_until = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (pd_store_login (fixture->store, "operator", "wrong-again", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), >, 5);
  g_assert_cmpint (pd_store_get_login_delay (fixture->store, "operator"), <=, 10);

  /* After the wait, the right password works and clears the count. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (fixture->store),
                                 "UPDATE login_failures SET locked_until = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  user = pd_store_login (fixture->store, "operator", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (fixture->store, "login_failures"), ==, 0);

  /* Every attempt is in the audit log. */
  records = pd_store_query_audit (fixture->store, admin, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, PD_LOGIN_FREE_ATTEMPTS + 3);
  g_assert_cmpstr (pd_audit_record_get_result (g_ptr_array_index (records, 0)), ==, "ok");
  g_assert_cmpstr (pd_audit_record_get_result (g_ptr_array_index (records, 1)), ==, "denied");
  g_assert_cmpstr (pd_audit_record_get_detail (g_ptr_array_index (records, 2)), ==, "throttled");
}

static void
test_unknown_names_throttled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < PD_LOGIN_FREE_ATTEMPTS; i++)
    {
      g_assert_null (pd_store_login (fixture->store, "guess", "whatever-1", &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
      g_clear_error (&error);
    }

  g_assert_null (pd_store_login (fixture->store, "guess", "whatever-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_THROTTLED);
}

static void
test_disabled (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdUser) user = NULL;

  g_assert_true (pd_store_set_user_disabled (fixture->store, admin, "operator", TRUE, &error));
  g_assert_no_error (error);

  g_assert_null (pd_store_login (fixture->store, "operator", PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_USER_DISABLED);
  g_clear_error (&error);

  /* A wrong password does not reveal that the account is disabled. */
  g_assert_null (pd_store_login (fixture->store, "operator", "wrong-password", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_true (pd_store_set_user_disabled (fixture->store, admin, "operator", FALSE, &error));
  user = pd_store_login (fixture->store, "operator", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (pd_user_get_disabled (user));
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  PdUser *user = pd_store_login_finish (PD_STORE (object), result, &error);

  if (user != NULL)
    g_task_return_pointer (task, user, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
task_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static PdUser *
login_async (PdStore     *store,
             const char  *name,
             const char  *password,
             GError     **error)
{
  gboolean done = FALSE;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, task_done_cb, &done);
  gpointer main_thread = g_thread_self ();

  pd_store_login_async (store, name, password, NULL, login_cb, task);
  g_assert_true (pd_test_wait_for (&done, 30));
  g_assert_true (g_thread_self () == main_thread);

  return g_task_propagate_pointer (task, error);
}

static void
test_login_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) user = NULL;

  user = login_async (fixture->store, "admin", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_user_get_name (user), ==, "admin");
  g_clear_object (&user);

  user = login_async (fixture->store, "admin", "nope-nope-nope", &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_assert_null (user);
  g_clear_error (&error);

  /* Errors found before hashing come back through the callback too. */
  user = login_async (fixture->store, "", "x", &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
add_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PdUser **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pd_store_add_user_finish (PD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **out = user_data;

  if (!pd_store_set_password_finish (PD_STORE (object), result, out))
    g_assert_nonnull (*out);
  else
    *out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static void
test_users_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdUser) added = NULL;
  g_autoptr(PdUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) result = NULL;
  gboolean done;

  pd_store_add_user_async (fixture->store, admin, "王芳", PD_ROLE_WAREHOUSE, "仓库密码很安全可靠", NULL,
                           add_user_cb, &added);
  while (added == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (pd_user_get_role (added), ==, PD_ROLE_WAREHOUSE);

  user = login_async (fixture->store, "王芳", "仓库密码很安全可靠", &error);
  g_assert_no_error (error);

  /* Changing one's own password needs the current one. */
  pd_store_set_password_async (fixture->store, user, "王芳", "wrong-current", "新的仓库密码很长", NULL,
                               password_cb, &result);
  done = FALSE;
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, PD_ERROR, PD_ERROR_AUTH_FAILED);
  g_clear_error (&result);

  pd_store_set_password_async (fixture->store, user, "王芳", "仓库密码很安全可靠", "新的仓库密码很长", NULL,
                               password_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_object (&user);

  user = pd_store_login (fixture->store, "王芳", "新的仓库密码很长", &error);
  g_assert_no_error (error);
  (void) done;
}

static void
test_user_rules (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdUser) operator = pd_test_login (fixture->store, "operator");
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) user = NULL;

  users = pd_store_list_users (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 4);
  g_assert_cmpstr (pd_user_get_name (g_ptr_array_index (users, 0)), ==, "admin");

  /* Duplicates, bad names, short passwords. */
  g_assert_null (pd_store_add_user (fixture->store, admin, "Operator", PD_ROLE_OPERATOR, PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (pd_store_add_user (fixture->store, admin, "bad name", PD_ROLE_OPERATOR, PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pd_store_add_user (fixture->store, admin, "shorty", PD_ROLE_OPERATOR, "123", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* The last active administrator stays one. */
  g_assert_false (pd_store_set_user_role (fixture->store, admin, "admin", PD_ROLE_OPERATOR, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_set_user_disabled (fixture->store, admin, "admin", TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_set_user_role (fixture->store, admin, "ghost", PD_ROLE_OPERATOR, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An operator may change only their own password. */
  g_assert_false (pd_store_set_password (fixture->store, operator, "admin", NULL, "taken-over-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (pd_store_set_password (fixture->store, operator, "operator", NULL, "mine-now-123", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pd_store_set_password (fixture->store, operator, "operator", PD_TEST_PASSWORD, "mine-now-123", &error));
  g_assert_no_error (error);

  /* An administrator resets anyone's without knowing it. */
  g_assert_true (pd_store_set_password (fixture->store, admin, "operator", NULL, "reset-by-admin", &error));
  g_assert_no_error (error);
  user = pd_store_login (fixture->store, "operator", "reset-by-admin", &error);
  g_assert_no_error (error);

  pd_store_logout (fixture->store, user);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

  g_test_add_func ("/core/auth/hash-is-argon2id", test_hash_is_argon2id);
  g_test_add_func ("/core/auth/policy", test_policy);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/auth/login", test_login);
  ADD ("/core/auth/throttling", test_throttling);
  ADD ("/core/auth/unknown-names-throttled", test_unknown_names_throttled);
  ADD ("/core/auth/disabled", test_disabled);
  ADD ("/core/auth/login-async", test_login_async);
  ADD ("/core/auth/users-async", test_users_async);
  ADD ("/core/auth/user-rules", test_user_rules);
#undef ADD

  return g_test_run ();
}
