/* pd-store-audit.c — reading the audit log
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-audit-record.h"
#include "pd-error.h"
#include "pd-store-private.h"

static gboolean
action_is_prefix (const char *action)
{
  return action != NULL && g_str_has_suffix (action, ".");
}

void
_pd_audit_filter_append_where (const PdAuditFilter *filter,
                               GString             *sql)
{
  const char *glue = " WHERE ";

  if (filter == NULL)
    return;

#define ADD(cond) G_STMT_START { g_string_append (sql, glue); g_string_append (sql, cond); glue = " AND "; } G_STMT_END
  if (filter->user != NULL)
    ADD ("user_name = ?");
  if (filter->action != NULL)
    ADD (action_is_prefix (filter->action) ? "substr (action, 1, length (?)) = ?" : "action = ?");
  if (filter->since != NULL)
    ADD ("ts >= ?");
  if (filter->until != NULL)
    ADD ("ts < ?");
  if (filter->result != NULL)
    ADD ("result = ?");
#undef ADD
}

void
_pd_audit_filter_bind (const PdAuditFilter *filter,
                       sqlite3_stmt        *stmt)
{
  int i = 1;

  if (filter == NULL)
    return;

  if (filter->user != NULL)
    sqlite3_bind_text (stmt, i++, filter->user, -1, SQLITE_TRANSIENT);
  if (filter->action != NULL)
    {
      sqlite3_bind_text (stmt, i++, filter->action, -1, SQLITE_TRANSIENT);
      if (action_is_prefix (filter->action))
        sqlite3_bind_text (stmt, i++, filter->action, -1, SQLITE_TRANSIENT);
    }
  if (filter->since != NULL)
    {
      g_autofree char *since = _pd_store_format_time (filter->since);
      sqlite3_bind_text (stmt, i++, since, -1, SQLITE_TRANSIENT);
    }
  if (filter->until != NULL)
    {
      g_autofree char *until = _pd_store_format_time (filter->until);
      sqlite3_bind_text (stmt, i++, until, -1, SQLITE_TRANSIENT);
    }
  if (filter->result != NULL)
    sqlite3_bind_text (stmt, i++, filter->result, -1, SQLITE_TRANSIENT);
}

PdAuditFilter *
_pd_audit_filter_copy (const PdAuditFilter *filter)
{
  PdAuditFilter *copy = g_new0 (PdAuditFilter, 1);

  if (filter == NULL)
    return copy;

  copy->user = g_strdup (filter->user);
  copy->action = g_strdup (filter->action);
  copy->since = filter->since != NULL ? g_date_time_ref (filter->since) : NULL;
  copy->until = filter->until != NULL ? g_date_time_ref (filter->until) : NULL;
  copy->result = g_strdup (filter->result);

  return copy;
}

void
_pd_audit_filter_free (PdAuditFilter *filter)
{
  if (filter == NULL)
    return;

  g_free ((char *) filter->user);
  g_free ((char *) filter->action);
  g_clear_pointer (&filter->since, g_date_time_unref);
  g_clear_pointer (&filter->until, g_date_time_unref);
  g_free ((char *) filter->result);
  g_free (filter);
}

PdAuditRecord *
_pd_audit_record_from_row (sqlite3_stmt *stmt)
{
#define TEXT(i) ((const char *) sqlite3_column_text (stmt, i))
  return pd_audit_record_new (sqlite3_column_int64 (stmt, 0),
                              TEXT (1), TEXT (2), TEXT (3), TEXT (4),
                              TEXT (5), TEXT (6), TEXT (7), TEXT (8), TEXT (9));
#undef TEXT
}

GPtrArray *
pd_store_query_audit (PdStore             *self,
                      PdUser              *actor,
                      const PdAuditFilter *filter,
                      int                  limit,
                      GError             **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) sql = g_string_new ("SELECT " PD_AUDIT_COLUMNS " FROM audit_log");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if (!pd_store_check_permission (self, actor, PD_PERMISSION_AUDIT_VIEW, "audit.read", error))
    return NULL;

  _pd_audit_filter_append_where (filter, sql);
  g_string_append (sql, " ORDER BY id DESC");
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %d", limit);

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      _pd_audit_filter_bind (filter, stmt);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (records, _pd_audit_record_from_row (stmt));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

GStrv
pd_store_list_audit_actions (PdStore  *self,
                             GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  /* Uses the (action, id) index: one step per distinct action. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT DISTINCT action FROM audit_log ORDER BY action",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}
