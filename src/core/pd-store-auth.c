/* pd-store-auth.c — passwords, logins and throttling
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pd-core.h"
#include "pd-store-auth-private.h"
#include "pd-store-private.h"

/* Seconds to wait after the Nth wrong password in a row: nothing for the
 * first PD_LOGIN_FREE_ATTEMPTS, then 5 s doubling up to five minutes. */
#define FIRST_DELAY_S 5
#define MAX_DELAY_S 300

char *
pd_password_hash (const char  *password,
                  GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  pd_core_init ();

  /* crypto_pwhash_str() always uses the library's default algorithm; we
   * name argon2id explicitly so that a libsodium upgrade cannot change it. */
  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Not enough memory to protect the password."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
pd_password_verify (const char *hash,
                    const char *password)
{
  g_return_val_if_fail (password != NULL, FALSE);

  pd_core_init ();

  if (hash == NULL || strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

gboolean
pd_password_check_policy (const char  *password,
                          GError     **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The password is not valid text."));
      return FALSE;
    }

  if (g_utf8_strlen (password, -1) < PD_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   ngettext ("The password must be at least %d character long.",
                             "The password must be at least %d characters long.",
                             PD_PASSWORD_MIN_LENGTH),
                   PD_PASSWORD_MIN_LENGTH);
      return FALSE;
    }

  if (strlen (password) > 1024)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The password is too long."));
      return FALSE;
    }

  return TRUE;
}

/* A hash of nothing anyone can type, verified against for unknown users so
 * that a wrong name takes as long as a wrong password. */
static const char *
get_decoy_hash (void)
{
  static char *decoy;

  if (g_once_init_enter (&decoy))
    {
      g_autofree char *random = g_uuid_string_random ();
      char *hash = pd_password_hash (random, NULL);

      g_once_init_leave (&decoy, hash);
    }

  return decoy;
}

/* --- Crypto jobs: the only part that runs in a worker ----------------------- */

void
pd_crypto_job_free (PdCryptoJob *job)
{
  if (job->verify_password != NULL)
    sodium_memzero (job->verify_password, strlen (job->verify_password));
  if (job->new_password != NULL)
    sodium_memzero (job->new_password, strlen (job->new_password));

  g_free (job->verify_hash);
  g_free (job->verify_password);
  g_free (job->new_password);
  g_free (job->new_hash);
  g_free (job->name);
  g_free (job->station_name);
  g_clear_object (&job->actor);
  g_clear_object (&job->user);
  g_free (job);
}

gboolean
pd_crypto_job_run (PdCryptoJob  *job,
                   GError      **error)
{
  if (job->verify_password != NULL)
    job->verified = pd_password_verify (job->verify_hash != NULL ? job->verify_hash : get_decoy_hash (),
                                        job->verify_password) &&
                    job->verify_hash != NULL;

  if (job->new_password != NULL)
    {
      job->new_hash = pd_password_hash (job->new_password, error);
      if (job->new_hash == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
crypto_job_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PdCryptoJob *job = task_data;
  GError *error = NULL;

  if (pd_crypto_job_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs JOB's hashing in a worker, then COMPLETE on the calling thread's main
 * context, whose result becomes the result of the returned task. */
void
pd_crypto_job_start (PdStore             *store,
                     PdCryptoJob         *job,
                     PdCryptoJobComplete  complete,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  g_autoptr(GTask) outer = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  g_task_set_source_tag (outer, source_tag);
  job->complete = complete;
  g_task_set_task_data (outer, job, (GDestroyNotify) pd_crypto_job_free);

  /* The worker may drop its reference to INNER a little after the result
   * is back, so INNER holds no reference to the store: only OUTER does,
   * and OUTER is released on this thread. */
  inner = g_task_new (NULL, cancellable, pd_crypto_job_done_cb, g_object_ref (outer));
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, crypto_job_thread);
}

void
pd_crypto_job_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  PdStore *store = g_task_get_source_object (outer);
  PdCryptoJob *job = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !job->complete (store, job, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

gboolean
pd_crypto_job_finish_sync (PdStore             *store,
                           PdCryptoJob         *job,
                           PdCryptoJobComplete  complete,
                           PdUser             **user,
                           GError             **error)
{
  gboolean ret;

  if (job == NULL)
    return FALSE;

  ret = pd_crypto_job_run (job, error) && complete (store, job, error);
  if (ret && user != NULL)
    *user = g_object_ref (job->user);
  pd_crypto_job_free (job);

  return ret;
}

void
pd_crypto_job_dispatch (PdStore             *store,
                        PdCryptoJob         *job,
                        GError              *error,
                        PdCryptoJobComplete  complete,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  if (job == NULL)
    g_task_report_error (store, callback, user_data, source_tag, error);
  else
    pd_crypto_job_start (store, job, complete, cancellable, callback, user_data, source_tag);
}

/* --- Logins ----------------------------------------------------------------- */

static gint64
load_locked_until (PdStore    *self,
                   const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 locked_until = 0;

  if (sqlite3_prepare_v2 (self->db, "SELECT locked_until FROM login_failures WHERE user_name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        locked_until = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return locked_until;
}

int
pd_store_get_login_delay (PdStore    *self,
                          const char *name)
{
  gint64 remaining;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  if (name == NULL)
    return 0;

  remaining = load_locked_until (self, name) - g_get_real_time ();
  if (remaining <= 0)
    return 0;

  return (int) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static gint64
delay_after_failures (int failures)
{
  gint64 delay;

  if (failures < PD_LOGIN_FREE_ATTEMPTS)
    return 0;

  delay = FIRST_DELAY_S;
  for (int i = PD_LOGIN_FREE_ATTEMPTS; i < failures && delay < MAX_DELAY_S; i++)
    delay *= 2;

  return MIN (delay, MAX_DELAY_S) * G_USEC_PER_SEC;
}

static void
set_throttled_error (int      seconds,
                     GError **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_THROTTLED,
               ngettext ("Too many wrong passwords. Wait %d second before trying again.",
                         "Too many wrong passwords. Wait %d seconds before trying again.",
                         seconds),
               seconds);
}

/* Counts one wrong password and audits it, in one transaction. Returns the
 * seconds the name is now locked for. */
static int
record_failure (PdStore    *self,
                const char *name,
                const char *role,
                const char *detail)
{
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time ();
  int failures = 0;
  gint64 locked_until;
  int rc;

  if (!_pd_store_begin_immediate (self, NULL))
    return 0;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO login_failures (user_name, failures, last_failure, locked_until) "
                           "VALUES (?1, 1, ?2, 0) "
                           "ON CONFLICT (user_name) DO UPDATE SET failures = failures + 1, last_failure = ?2 "
                           "RETURNING failures",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          failures = sqlite3_column_int (stmt, 0);
          rc = sqlite3_step (stmt);
        }
    }
  sqlite3_finalize (stmt);

  locked_until = now + delay_after_failures (failures);
  if (rc == SQLITE_DONE &&
      sqlite3_prepare_v2 (self->db, "UPDATE login_failures SET locked_until = ? WHERE user_name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, locked_until);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_DONE ||
      !_pd_store_insert_audit (self, name, role, "session.login", "session", NULL,
                               "denied", detail, NULL) ||
      !_pd_store_commit (self, NULL))
    {
      _pd_store_rollback (self);
      return 0;
    }

  _pd_store_emit (self, PD_STORE_SIGNAL_AUDIT_APPENDED);
  return (int) ((locked_until - now) / G_USEC_PER_SEC);
}

static gboolean
record_success (PdStore  *self,
                PdUser   *user,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_pd_store_begin_immediate (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM login_failures WHERE user_name = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, pd_user_get_name (user), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _pd_store_rollback (self);
      return pd_store_set_sqlite_error (self->db, rc, error);
    }

  if (!_pd_store_insert_audit (self, pd_user_get_name (user),
                               pd_role_to_string (pd_user_get_role (user)),
                               "session.login", "session", NULL, "ok", NULL, error) ||
      !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      return FALSE;
    }

  _pd_store_emit (self, PD_STORE_SIGNAL_AUDIT_APPENDED);
  return TRUE;
}

/* Everything that needs the database before the password is checked. */
static PdCryptoJob *
login_prepare (PdStore     *self,
               const char  *name,
               const char  *password,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PdCryptoJob *job;
  int delay;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Enter your user name."));
      return NULL;
    }

  if (password == NULL || *password == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Enter your password."));
      return NULL;
    }

  /* No account can have such a name: answer as for any wrong name, but
   * keep arbitrary text (a pasted document, say) out of the database. */
  if (!pd_user_name_check (name, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED, _("Wrong user name or password."));
      return NULL;
    }

  if (!pd_store_is_initialized (self))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED,
                   _("This station has not been set up yet: create the administrator first."));
      return NULL;
    }

  delay = pd_store_get_login_delay (self, name);
  if (delay > 0)
    {
      _pd_store_audit_now (self, name, NULL, "session.login", "session", NULL,
                           "denied", "throttled", NULL);
      set_throttled_error (delay, error);
      return NULL;
    }

  job = g_new0 (PdCryptoJob, 1);
  job->name = g_strdup (name);
  job->verify_password = g_strdup (password);
  job->user = _pd_store_load_user (self, name, &job->verify_hash, &local_error);

  if (job->user == NULL && !g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      pd_crypto_job_free (job);
      return NULL;
    }

  return job;
}

static gboolean
login_complete (PdStore      *self,
                PdCryptoJob  *job,
                GError      **error)
{
  const char *role = job->user != NULL ? pd_role_to_string (pd_user_get_role (job->user)) : NULL;
  int delay;

  if (job->user == NULL || !job->verified)
    {
      delay = record_failure (self, job->user != NULL ? pd_user_get_name (job->user) : job->name,
                              role, job->user != NULL ? "wrong password" : "unknown user");
      if (delay > 0)
        g_set_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED,
                     ngettext ("Wrong user name or password. Too many failed attempts: wait %d second before trying again.",
                               "Wrong user name or password. Too many failed attempts: wait %d seconds before trying again.",
                               delay),
                     delay);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED,
                     _("Wrong user name or password."));
      return FALSE;
    }

  if (pd_user_get_disabled (job->user))
    {
      _pd_store_audit_now (self, pd_user_get_name (job->user), role, "session.login",
                           "session", NULL, "denied", "account disabled", NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_USER_DISABLED,
                   _("The account “%s” is disabled. Ask an administrator to enable it."),
                   pd_user_get_name (job->user));
      return FALSE;
    }

  return record_success (self, job->user, error);
}

PdUser *
pd_store_login (PdStore     *self,
                const char  *name,
                const char  *password,
                GError     **error)
{
  PdUser *user = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  pd_crypto_job_finish_sync (self, login_prepare (self, name, password, error),
                             login_complete, &user, error);

  return user;
}

void
pd_store_login_async (PdStore             *self,
                      const char          *name,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GError *error = NULL;
  PdCryptoJob *job;

  g_return_if_fail (PD_IS_STORE (self));

  job = login_prepare (self, name, password, &error);
  pd_crypto_job_dispatch (self, job, error, login_complete, cancellable, callback, user_data,
                          pd_store_login_async);
}

PdUser *
pd_store_login_finish (PdStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  PdCryptoJob *job;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (g_async_result_is_tagged (result, pd_store_login_async) &&
      g_task_is_valid (result, self) &&
      g_task_propagate_boolean (G_TASK (result), error))
    {
      job = g_task_get_task_data (G_TASK (result));
      return g_object_ref (job->user);
    }

  /* Errors reported before any work began come as tagged GTasks too. */
  return NULL;
}

void
pd_store_logout (PdStore *self,
                 PdUser  *user)
{
  g_return_if_fail (PD_IS_STORE (self));
  g_return_if_fail (PD_IS_USER (user));

  _pd_store_audit_now (self, pd_user_get_name (user),
                       pd_role_to_string (pd_user_get_role (user)),
                       "session.logout", "session", NULL, "ok", NULL, NULL);
}
