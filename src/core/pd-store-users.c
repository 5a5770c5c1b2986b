/* pd-store-users.c — the station's users
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-users"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-role.h"
#include "pd-store-auth-private.h"
#include "pd-store-private.h"

#define USER_COLUMNS "id, name, role, disabled, created_at, password_hash"

gboolean
pd_user_name_check (const char  *name,
                    GError     **error)
{
  glong length;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The user name must not be empty."));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The user name is not valid text."));
      return FALSE;
    }

  length = g_utf8_strlen (name, -1);
  if (length > 32)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The user name must be at most 32 characters long."));
      return FALSE;
    }

  /* Letters of any script (people's names are often Chinese), digits and
   * a few separators; no spaces, so names work on the command line. */
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '.' && c != '_' && c != '-')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The user name “%s” may only contain letters, digits, “.”, “_” and “-”."),
                       name);
          return FALSE;
        }
    }

  return TRUE;
}

static PdUser *
user_from_row (sqlite3_stmt  *stmt,
               char         **hash)
{
  PdRole role = PD_ROLE_OPERATOR;

  pd_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role);

  if (hash != NULL)
    *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 5));

  return pd_user_new (sqlite3_column_int64 (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1),
                      role,
                      sqlite3_column_int (stmt, 3) != 0,
                      (const char *) sqlite3_column_text (stmt, 4));
}

PdUser *
_pd_store_load_user (PdStore     *self,
                     const char  *name,
                     char       **hash,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  PdUser *user = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT " USER_COLUMNS " FROM users WHERE name = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    user = user_from_row (stmt, hash);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no user “%s”."), name);
  else
    pd_store_set_sqlite_error (self->db, rc, error);

  sqlite3_finalize (stmt);
  return user;
}

GPtrArray *
pd_store_list_users (PdStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT " USER_COLUMNS " FROM users ORDER BY name",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (users, user_from_row (stmt, NULL));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&users);
}

PdUser *
pd_store_find_user (PdStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (name == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The user name must not be empty."));
      return NULL;
    }

  return _pd_store_load_user (self, name, NULL, error);
}

static JsonObject *
user_payload (PdUser *user)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "name", pd_user_get_name (user));
  json_object_set_string_member (payload, "role", pd_role_to_string (pd_user_get_role (user)));
  json_object_set_boolean_member (payload, "disabled", pd_user_get_disabled (user));

  return payload;
}

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);

  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS, _("This name is already taken."));
      return FALSE;
    }

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

/* Inserts a user; inside a write. */
static PdUser *
insert_user (PdWrite     *write,
             const char  *name,
             PdRole       role,
             const char  *hash,
             GError     **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt = NULL;
  PdUser *user;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO users (name, role, password_hash, disabled, created_at, updated_at) "
                           "VALUES (?, ?, ?, 0, ?, ?)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pd_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);

  if (!step_done (stmt, db, error))
    {
      if (g_error_matches (*error, PD_ERROR, PD_ERROR_EXISTS))
        {
          g_clear_error (error);
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("A user named “%s” already exists."), name);
        }
      return NULL;
    }

  user = pd_user_new (sqlite3_last_insert_rowid (db), name, role, FALSE, now);
  pd_write_set_entity_id (write, name);
  pd_write_set_operation (write, "insert");
  pd_write_take_payload (write, user_payload (user));

  return user;
}

/* --- Station set-up --------------------------------------------------------- */

static gboolean
write_init_station (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  PdCryptoJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *station_id = g_uuid_string_random ();
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt = NULL;
  JsonObject *payload;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO station (id, station_id, name, created_at) VALUES (1, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  sqlite3_bind_text (stmt, 1, station_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->station_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return FALSE;

  job->user = insert_user (write, job->name, PD_ROLE_ADMIN, job->new_hash, error);
  if (job->user == NULL)
    return FALSE;

  _pd_write_set_audit_user (write, job->name, pd_role_to_string (PD_ROLE_ADMIN));
  pd_write_set_entity_id (write, station_id);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, job->station_name);

  payload = json_object_new ();
  json_object_set_string_member (payload, "station_id", station_id);
  json_object_set_string_member (payload, "name", job->station_name);
  json_object_set_string_member (payload, "admin", job->name);
  pd_write_take_payload (write, payload);

  return TRUE;
}

static gboolean
init_station_complete (PdStore      *self,
                       PdCryptoJob  *job,
                       GError      **error)
{
  if (!pd_store_write (self, NULL, PD_PERMISSION_BOOTSTRAP, "station.init", "station",
                       write_init_station, job, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_USERS_CHANGED);
  _pd_store_emit (self, PD_STORE_SIGNAL_STATION_CHANGED);
  return TRUE;
}

static PdCryptoJob *
init_station_prepare (PdStore     *self,
                      const char  *station_name,
                      const char  *admin_name,
                      const char  *password,
                      GError     **error)
{
  PdCryptoJob *job;

  if (!_pd_station_name_check (station_name, error) ||
      !pd_user_name_check (admin_name, error) ||
      !pd_password_check_policy (password, error))
    return NULL;

  if (pd_store_is_initialized (self))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS, _("This station has already been set up."));
      return NULL;
    }

  job = g_new0 (PdCryptoJob, 1);
  job->station_name = g_strstrip (g_strdup (station_name));
  job->name = g_strdup (admin_name);
  job->new_password = g_strdup (password);

  return job;
}

gboolean
pd_store_init_station (PdStore     *self,
                       const char  *station_name,
                       const char  *admin_name,
                       const char  *password,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return pd_crypto_job_finish_sync (self,
                                    init_station_prepare (self, station_name, admin_name, password, error),
                                    init_station_complete, NULL, error);
}

void
pd_store_init_station_async (PdStore             *self,
                             const char          *station_name,
                             const char          *admin_name,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;
  PdCryptoJob *job;

  g_return_if_fail (PD_IS_STORE (self));

  job = init_station_prepare (self, station_name, admin_name, password, &error);
  pd_crypto_job_dispatch (self, job, error, init_station_complete, cancellable, callback, user_data,
                          pd_store_init_station_async);
}

gboolean
pd_store_init_station_finish (PdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Adding users ------------------------------------------------------------ */

static gboolean
write_add_user (PdWrite   *write,
                gpointer   user_data,
                GError   **error)
{
  PdCryptoJob *job = user_data;

  job->user = insert_user (write, job->name, job->role, job->new_hash, error);

  return job->user != NULL;
}

static gboolean
add_user_complete (PdStore      *self,
                   PdCryptoJob  *job,
                   GError      **error)
{
  if (!pd_store_write (self, job->actor, PD_PERMISSION_USERS_MANAGE, "user.add", "user",
                       write_add_user, job, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_USERS_CHANGED);
  return TRUE;
}

static PdCryptoJob *
add_user_prepare (PdStore     *self,
                  PdUser      *actor,
                  const char  *name,
                  PdRole       role,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(PdUser) existing = NULL;
  PdCryptoJob *job;

  if (role >= PD_N_ROLES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown role."));
      return NULL;
    }

  /* Refuse early (and audited) before spending time on the hash. */
  if (!pd_store_check_permission (self, actor, PD_PERMISSION_USERS_MANAGE, "user.add", error) ||
      !pd_user_name_check (name, error) ||
      !pd_password_check_policy (password, error))
    return NULL;

  existing = _pd_store_load_user (self, name, NULL, NULL);
  if (existing != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS, _("A user named “%s” already exists."), name);
      return NULL;
    }

  job = g_new0 (PdCryptoJob, 1);
  job->actor = g_object_ref (actor);
  job->name = g_strdup (name);
  job->role = role;
  job->new_password = g_strdup (password);

  return job;
}

PdUser *
pd_store_add_user (PdStore     *self,
                   PdUser      *actor,
                   const char  *name,
                   PdRole       role,
                   const char  *password,
                   GError     **error)
{
  PdUser *user = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (actor == NULL || PD_IS_USER (actor), NULL);

  pd_crypto_job_finish_sync (self, add_user_prepare (self, actor, name, role, password, error),
                             add_user_complete, &user, error);

  return user;
}

void
pd_store_add_user_async (PdStore             *self,
                         PdUser              *actor,
                         const char          *name,
                         PdRole               role,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GError *error = NULL;
  PdCryptoJob *job;

  g_return_if_fail (PD_IS_STORE (self));

  job = add_user_prepare (self, actor, name, role, password, &error);
  pd_crypto_job_dispatch (self, job, error, add_user_complete, cancellable, callback, user_data,
                          pd_store_add_user_async);
}

PdUser *
pd_store_add_user_finish (PdStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  PdCryptoJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  return g_object_ref (job->user);
}

/* --- Changing users ------------------------------------------------------------ */

static int
count_other_active_admins (sqlite3    *db,
                           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  int count = 0;

  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND name <> ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return count;
}

typedef struct
{
  const char *name;
  PdRole      role;
  gboolean    disabled;
  const char *hash;
} UserChange;

static PdUser *
load_target (PdWrite     *write,
             const char  *name,
             GError     **error)
{
  return _pd_store_load_user (pd_write_get_store (write), name, NULL, error);
}

static gboolean
update_user_column (PdWrite     *write,
                    PdUser      *user,
                    const char  *sql,
                    const char  *text_value,
                    int          int_value,
                    GError     **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (db, rc, error);

  if (text_value != NULL)
    sqlite3_bind_text (stmt, 1, text_value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int (stmt, 1, int_value);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, pd_user_get_id (user));

  if (!step_done (stmt, db, error))
    return FALSE;

  pd_write_set_entity_id (write, pd_user_get_name (user));
  pd_write_set_operation (write, "update");
  return TRUE;
}

static gboolean
write_set_role (PdWrite   *write,
                gpointer   user_data,
                GError   **error)
{
  UserChange *change = user_data;
  g_autoptr(PdUser) user = load_target (write, change->name, error);
  g_autoptr(PdUser) changed = NULL;
  g_autofree char *detail = NULL;

  if (user == NULL)
    return FALSE;

  if (pd_user_get_role (user) == PD_ROLE_ADMIN && change->role != PD_ROLE_ADMIN &&
      !pd_user_get_disabled (user) &&
      count_other_active_admins (pd_write_get_db (write), pd_user_get_name (user)) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is the last active administrator: make someone else an administrator first."),
                   pd_user_get_name (user));
      return FALSE;
    }

  if (!update_user_column (write, user, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
                           pd_role_to_string (change->role), 0, error))
    return FALSE;

  changed = pd_user_new (pd_user_get_id (user), pd_user_get_name (user), change->role,
                         pd_user_get_disabled (user), pd_user_get_created_at (user));
  pd_write_take_payload (write, user_payload (changed));
  detail = g_strdup_printf ("%s → %s", pd_role_to_string (pd_user_get_role (user)),
                            pd_role_to_string (change->role));
  pd_write_set_detail (write, detail);

  return TRUE;
}

gboolean
pd_store_set_user_role (PdStore     *self,
                        PdUser      *actor,
                        const char  *name,
                        PdRole       role,
                        GError     **error)
{
  UserChange change = { .name = name, .role = role };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (role >= PD_N_ROLES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown role."));
      return FALSE;
    }

  if (name == NULL)
    return pd_user_name_check (name, error);

  if (!pd_store_write (self, actor, PD_PERMISSION_USERS_MANAGE, "user.set-role", "user",
                       write_set_role, &change, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_USERS_CHANGED);
  return TRUE;
}

static gboolean
write_set_disabled (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  UserChange *change = user_data;
  g_autoptr(PdUser) user = load_target (write, change->name, error);
  g_autoptr(PdUser) changed = NULL;
  PdUser *actor = pd_write_get_actor (write);

  if (user == NULL)
    return FALSE;

  if (change->disabled && pd_user_get_id (user) == pd_user_get_id (actor))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("You cannot disable your own account."));
      return FALSE;
    }

  if (change->disabled && pd_user_get_role (user) == PD_ROLE_ADMIN &&
      count_other_active_admins (pd_write_get_db (write), pd_user_get_name (user)) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is the last active administrator: make someone else an administrator first."),
                   pd_user_get_name (user));
      return FALSE;
    }

  if (!update_user_column (write, user, "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
                           NULL, change->disabled ? 1 : 0, error))
    return FALSE;

  changed = pd_user_new (pd_user_get_id (user), pd_user_get_name (user), pd_user_get_role (user),
                         change->disabled, pd_user_get_created_at (user));
  pd_write_take_payload (write, user_payload (changed));

  return TRUE;
}

gboolean
pd_store_set_user_disabled (PdStore     *self,
                            PdUser      *actor,
                            const char  *name,
                            gboolean     disabled,
                            GError     **error)
{
  UserChange change = { .name = name, .disabled = !!disabled };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (name == NULL)
    return pd_user_name_check (name, error);

  if (!pd_store_write (self, actor, PD_PERMISSION_USERS_MANAGE,
                       disabled ? "user.disable" : "user.enable", "user",
                       write_set_disabled, &change, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_USERS_CHANGED);
  return TRUE;
}

/* --- Passwords ------------------------------------------------------------------ */

static gboolean
write_set_password (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  PdCryptoJob *job = user_data;
  g_autoptr(PdUser) user = load_target (write, job->name, error);
  g_autofree char *now = _pd_store_now ();
  JsonObject *payload;

  if (user == NULL)
    return FALSE;

  if (!update_user_column (write, user, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                           job->new_hash, 0, error))
    return FALSE;

  /* The hash stays on the station; the platform only learns that it changed. */
  payload = json_object_new ();
  json_object_set_string_member (payload, "name", pd_user_get_name (user));
  json_object_set_string_member (payload, "password_changed_at", now);
  pd_write_take_payload (write, payload);

  return TRUE;
}

static gboolean
is_own_account (PdUser     *actor,
                const char *name)
{
  return actor != NULL && name != NULL &&
         g_utf8_collate (pd_user_get_name (actor), name) == 0;
}

static gboolean
set_password_complete (PdStore      *self,
                       PdCryptoJob  *job,
                       GError      **error)
{
  gboolean own = is_own_account (job->actor, job->name);

  if (own && !job->verified)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_AUTH_FAILED, _("The current password is wrong."));
      return FALSE;
    }

  return pd_store_write (self, job->actor,
                         own ? PD_PERMISSION_OWN_ACCOUNT : PD_PERMISSION_USERS_MANAGE,
                         own ? "user.change-password" : "user.reset-password", "user",
                         write_set_password, job, error);
}

static PdCryptoJob *
set_password_prepare (PdStore     *self,
                      PdUser      *actor,
                      const char  *name,
                      const char  *current_password,
                      const char  *new_password,
                      GError     **error)
{
  gboolean own = is_own_account (actor, name);
  g_autofree char *hash = NULL;
  g_autoptr(PdUser) target = NULL;
  PdCryptoJob *job;

  if (!pd_store_check_permission (self, actor,
                                  own ? PD_PERMISSION_OWN_ACCOUNT : PD_PERMISSION_USERS_MANAGE,
                                  own ? "user.change-password" : "user.reset-password", error))
    return NULL;

  if (!pd_user_name_check (name, error))
    return NULL;

  target = _pd_store_load_user (self, name, &hash, error);
  if (target == NULL)
    return NULL;

  if (own && (current_password == NULL || *current_password == '\0'))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Enter your current password."));
      return NULL;
    }

  if (!pd_password_check_policy (new_password, error))
    return NULL;

  job = g_new0 (PdCryptoJob, 1);
  job->actor = g_object_ref (actor);
  job->name = g_strdup (pd_user_get_name (target));
  job->new_password = g_strdup (new_password);
  if (own)
    {
      job->verify_hash = g_steal_pointer (&hash);
      job->verify_password = g_strdup (current_password);
    }

  return job;
}

gboolean
pd_store_set_password (PdStore     *self,
                       PdUser      *actor,
                       const char  *name,
                       const char  *current_password,
                       const char  *new_password,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor == NULL || PD_IS_USER (actor), FALSE);

  return pd_crypto_job_finish_sync (self,
                                    set_password_prepare (self, actor, name, current_password, new_password, error),
                                    set_password_complete, NULL, error);
}

void
pd_store_set_password_async (PdStore             *self,
                             PdUser              *actor,
                             const char          *name,
                             const char          *current_password,
                             const char          *new_password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;
  PdCryptoJob *job;

  g_return_if_fail (PD_IS_STORE (self));

  job = set_password_prepare (self, actor, name, current_password, new_password, &error);
  pd_crypto_job_dispatch (self, job, error, set_password_complete, cancellable, callback, user_data,
                          pd_store_set_password_async);
}

gboolean
pd_store_set_password_finish (PdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
