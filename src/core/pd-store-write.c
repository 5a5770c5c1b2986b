/* pd-store-write.c — the one write path
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-write"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-role.h"
#include "pd-store-private.h"

struct _PdWrite
{
  PdStore    *store;
  PdUser     *actor;
  char       *entity_id;
  char       *operation;
  JsonObject *payload;
  char       *detail;
  char       *audit_user;
  char       *audit_role;
  guint       emit_after_commit;  /* bit mask of 1 << PdStoreSignal */
};

static void
pd_write_clear (PdWrite *write)
{
  write->emit_after_commit = 0;
  g_clear_pointer (&write->entity_id, g_free);
  g_clear_pointer (&write->operation, g_free);
  g_clear_pointer (&write->payload, json_object_unref);
  g_clear_pointer (&write->detail, g_free);
  g_clear_pointer (&write->audit_user, g_free);
  g_clear_pointer (&write->audit_role, g_free);
}

void
_pd_write_emit_after_commit (PdWrite       *write,
                             PdStoreSignal  signal)
{
  write->emit_after_commit |= 1u << signal;
}

static void
emit_pending (PdStore *self,
              guint    mask)
{
  for (guint i = 0; i < PD_STORE_N_SIGNALS; i++)
    if (mask & (1u << i))
      _pd_store_emit (self, i);
}

sqlite3 *
pd_write_get_db (PdWrite *write)
{
  return write->store->db;
}

PdStore *
pd_write_get_store (PdWrite *write)
{
  return write->store;
}

PdUser *
pd_write_get_actor (PdWrite *write)
{
  return write->actor;
}

void
pd_write_set_entity_id (PdWrite    *write,
                        const char *entity_id)
{
  g_free (write->entity_id);
  write->entity_id = g_strdup (entity_id);
}

void
pd_write_set_operation (PdWrite    *write,
                        const char *operation)
{
  g_return_if_fail (g_strcmp0 (operation, "insert") == 0 ||
                    g_strcmp0 (operation, "update") == 0 ||
                    g_strcmp0 (operation, "delete") == 0);

  g_free (write->operation);
  write->operation = g_strdup (operation);
}

void
pd_write_take_payload (PdWrite    *write,
                       JsonObject *payload)
{
  g_clear_pointer (&write->payload, json_object_unref);
  write->payload = payload;
}

void
pd_write_set_detail (PdWrite    *write,
                     const char *detail)
{
  g_free (write->detail);
  write->detail = g_strdup (detail);
}

void
_pd_write_set_audit_user (PdWrite    *write,
                          const char *user_name,
                          const char *role)
{
  g_free (write->audit_user);
  g_free (write->audit_role);
  write->audit_user = g_strdup (user_name);
  write->audit_role = g_strdup (role);
}

gboolean
_pd_store_insert_audit (PdStore     *self,
                        const char  *user_name,
                        const char  *role,
                        const char  *action,
                        const char  *entity,
                        const char  *entity_id,
                        const char  *result,
                        const char  *detail,
                        GError     **error)
{
  g_autofree char *now = _pd_store_now ();
  g_autofree char *station = pd_store_dup_station_name (self);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO audit_log (ts, user_name, role, station, action, entity, entity_id, result, detail) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, user_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
      /* Before the station exists (bootstrap), it has no name yet. */
      sqlite3_bind_text (stmt, 4, station != NULL ? station : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, entity, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, entity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, result, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, detail, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (self->db, rc, error);

  return TRUE;
}

gboolean
_pd_store_audit_now (PdStore     *self,
                     const char  *user_name,
                     const char  *role,
                     const char  *action,
                     const char  *entity,
                     const char  *entity_id,
                     const char  *result,
                     const char  *detail,
                     GError     **error)
{
  if (!_pd_store_begin_immediate (self, error))
    return FALSE;

  if (!_pd_store_insert_audit (self, user_name, role, action, entity, entity_id,
                               result, detail, error) ||
      !_pd_store_commit (self, error))
    {
      _pd_store_rollback (self);
      return FALSE;
    }

  _pd_store_emit (self, PD_STORE_SIGNAL_AUDIT_APPENDED);
  return TRUE;
}

static gboolean
insert_outbox (PdStore     *self,
               const char  *entity,
               PdWrite     *write,
               GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _pd_store_now ();
  g_autofree char *payload = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) empty = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 seq = 0;
  int rc;

  /* The station row is created by the bootstrap write itself, so the
   * sequence is taken after the facts. */
  rc = sqlite3_prepare_v2 (self->db,
                           "UPDATE station SET outbox_seq = outbox_seq + 1 WHERE id = 1 RETURNING outbox_seq",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          seq = sqlite3_column_int64 (stmt, 0);
          rc = sqlite3_step (stmt);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (self->db, rc, error);

  if (seq == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED,
                   _("This station has not been set up yet."));
      return FALSE;
    }

  if (write->payload == NULL)
    empty = json_object_new ();
  json_node_set_object (node, write->payload != NULL ? write->payload : empty);
  payload = json_to_string (node, FALSE);

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO outbox (uuid, station_seq, entity, entity_id, operation, payload, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, seq);
      sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, write->entity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, write->operation != NULL ? write->operation : "update", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, payload, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (self->db, rc, error);

  return TRUE;
}

static gboolean
check_fault (PdStore     *self,
             const char  *point,
             GError     **error)
{
  if (g_strcmp0 (self->fault_point, point) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   "Injected fault at %s", point);
      return FALSE;
    }

  return TRUE;
}

/* Re-reads the actor: a role changed or an account disabled at another
 * station (or in another program) since the login must count now. */
static gboolean
actor_is_allowed (PdStore      *self,
                  PdUser       *actor,
                  PdPermission  permission,
                  PdRole       *current_role)
{
  g_autoptr(PdUser) fresh = NULL;

  if (permission == PD_PERMISSION_BOOTSTRAP)
    return actor == NULL && !pd_store_is_initialized (self);

  if (actor == NULL)
    return FALSE;

  fresh = _pd_store_load_user (self, pd_user_get_name (actor), NULL, NULL);
  if (fresh == NULL || pd_user_get_id (fresh) != pd_user_get_id (actor))
    return FALSE;

  *current_role = pd_user_get_role (fresh);
  return pd_user_can (fresh, permission);
}

static void
set_denied_error (PdUser        *actor,
                  PdRole         role,
                  PdPermission   permission,
                  GError       **error)
{
  const char *name;
  const char *role_name;

  if (permission == PD_PERMISSION_BOOTSTRAP)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("This station has already been set up."));
      return;
    }

  if (actor == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED, _("Sign in first."));
      return;
    }

  name = pd_user_get_name (actor);
  role_name = pd_role_get_display_name (role);

  /* One whole sentence a permission, so that translations need not build
   * sentences from pieces. */
  switch (permission)
    {
    case PD_PERMISSION_OWN_ACCOUNT:
      /* TRANSLATORS: the user name, then the role in brackets. */
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not change their own account."), name, role_name);
      break;

    case PD_PERMISSION_USERS_MANAGE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not manage users."), name, role_name);
      break;

    case PD_PERMISSION_AUDIT_VIEW:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not read the audit log."), name, role_name);
      break;

    case PD_PERMISSION_STATION_CONFIGURE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not configure the station."), name, role_name);
      break;

    case PD_PERMISSION_DEVICES_CONFIGURE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not configure devices and tags."), name, role_name);
      break;

    case PD_PERMISSION_DEVICES_MAINTAIN:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not change device states or inspection plans."), name, role_name);
      break;

    case PD_PERMISSION_TAGS_WRITE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not write values to devices."), name, role_name);
      break;

    case PD_PERMISSION_INSPECTIONS_RECORD:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not record inspections."), name, role_name);
      break;

    case PD_PERMISSION_ALARMS_CONFIGURE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not configure alarms."), name, role_name);
      break;

    case PD_PERMISSION_ALARMS_ACK:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not acknowledge alarms."), name, role_name);
      break;

    case PD_PERMISSION_ALARMS_SHELVE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not shelve alarms."), name, role_name);
      break;

    case PD_PERMISSION_ALARMS_SUPPRESS:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not suppress alarms."), name, role_name);
      break;

    case PD_PERMISSION_STOCK_MASTER:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not change items, locations or stock thresholds."), name, role_name);
      break;

    case PD_PERMISSION_STOCK_MOVE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not receive, issue or move stock."), name, role_name);
      break;

    case PD_PERMISSION_STOCK_ADJUST:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not adjust stock or reverse moves."), name, role_name);
      break;

    case PD_PERMISSION_STOCK_ORDERS:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not create or close stock orders."), name, role_name);
      break;

    case PD_PERMISSION_STOCKTAKE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not start stocktakes or post their differences."), name, role_name);
      break;

    case PD_PERMISSION_MES_MASTER:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not change work centers, bills of materials or routings."), name, role_name);
      break;

    case PD_PERMISSION_MES_PLAN:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not plan, release, cancel or close work orders."), name, role_name);
      break;

    case PD_PERMISSION_MES_EXECUTE:
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("%s (%s) may not start, pause, report or complete operations."), name, role_name);
      break;

    case PD_PERMISSION_BOOTSTRAP:
    default:
      g_assert_not_reached ();
    }
}

gboolean
pd_store_check_permission (PdStore       *self,
                           PdUser        *actor,
                           PdPermission   permission,
                           const char    *action,
                           GError       **error)
{
  PdRole role = actor != NULL ? pd_user_get_role (actor) : PD_ROLE_OPERATOR;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor == NULL || PD_IS_USER (actor), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (actor_is_allowed (self, actor, permission, &role))
    return TRUE;

  /* If even the refusal cannot be recorded, report that instead. */
  if (!_pd_store_audit_now (self,
                            actor != NULL ? pd_user_get_name (actor) : NULL,
                            actor != NULL ? pd_role_to_string (role) : NULL,
                            action, "permission", pd_permission_to_string (permission),
                            "denied", NULL, error))
    return FALSE;

  set_denied_error (actor, role, permission, error);
  return FALSE;
}

gboolean
pd_store_write (PdStore      *self,
                PdUser       *actor,
                PdPermission  permission,
                const char   *action,
                const char   *entity,
                PdWriteFunc   func,
                gpointer      user_data,
                GError      **error)
{
  PdWrite write = { 0 };
  PdRole role = actor != NULL ? pd_user_get_role (actor) : PD_ROLE_OPERATOR;
  const char *user_name;
  const char *role_name;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor == NULL || PD_IS_USER (actor), FALSE);
  g_return_val_if_fail (permission < PD_N_PERMISSIONS, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_pd_store_begin_immediate (self, error))
    return FALSE;

  /* The check runs inside the transaction, so that no other writer can
   * change the actor's role between the check and the facts. */
  if (!actor_is_allowed (self, actor, permission, &role))
    {
      if (!_pd_store_insert_audit (self,
                                   actor != NULL ? pd_user_get_name (actor) : NULL,
                                   actor != NULL ? pd_role_to_string (role) : NULL,
                                   action, entity, NULL, "denied", NULL, error) ||
          !_pd_store_commit (self, error))
        {
          _pd_store_rollback (self);
          return FALSE;
        }

      _pd_store_emit (self, PD_STORE_SIGNAL_AUDIT_APPENDED);
      set_denied_error (actor, role, permission, error);
      return FALSE;
    }

  write.store = self;
  write.actor = actor;

  if (!func (&write, user_data, error) ||
      !check_fault (self, "after-facts", error))
    goto failed;

  user_name = write.audit_user != NULL ? write.audit_user
            : actor != NULL ? pd_user_get_name (actor) : NULL;
  role_name = write.audit_role != NULL ? write.audit_role
            : actor != NULL ? pd_role_to_string (role) : NULL;

  if (!_pd_store_insert_audit (self, user_name, role_name, action, entity,
                               write.entity_id, "ok", write.detail, error) ||
      !check_fault (self, "after-audit", error))
    goto failed;

  if (!insert_outbox (self, entity, &write, error) ||
      !check_fault (self, "after-outbox", error))
    goto failed;

  if (!_pd_store_commit (self, error))
    {
      pd_write_clear (&write);
      return FALSE;
    }

  {
    guint pending = write.emit_after_commit;

    pd_write_clear (&write);
    _pd_store_emit (self, PD_STORE_SIGNAL_AUDIT_APPENDED);
    emit_pending (self, pending);
  }
  return TRUE;

failed:
  _pd_store_rollback (self);
  pd_write_clear (&write);
  return FALSE;
}

gboolean
pd_store_write_system (PdStore      *self,
                       const char   *action,
                       const char   *entity,
                       PdWriteFunc   func,
                       gpointer      user_data,
                       GError      **error)
{
  PdWrite write = { 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_pd_store_begin_immediate (self, error))
    return FALSE;

  write.store = self;

  if (!func (&write, user_data, error) ||
      !check_fault (self, "after-facts", error) ||
      !insert_outbox (self, entity, &write, error) ||
      !check_fault (self, "after-outbox", error))
    {
      _pd_store_rollback (self);
      pd_write_clear (&write);
      return FALSE;
    }

  {
    guint pending = write.emit_after_commit;

    pd_write_clear (&write);
    if (!_pd_store_commit (self, error))
      return FALSE;
    emit_pending (self, pending);
  }
  return TRUE;
}
