/* pd-store-alarm-actions.c — what people do to alarms, and the source API
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-alarms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-store-alarms-private.h"
#include "pd-store-private.h"

#define COMMENT_MAX_CHARS 1000
#define MESSAGE_KEY_MAX   64

/* --- The source API --------------------------------------------------------- */

static gboolean
upsert_source_def (sqlite3          *db,
                   const char       *source,
                   const char       *name,
                   PdAlarmPriority   priority,
                   const char       *message,
                   const char       *message_key,
                   const char       *message_args,
                   gint64           *alarm_id,
                   gboolean         *changed,
                   GError          **error)
{
  GError *local_error = NULL;
  g_autoptr(PdAlarmDef) def = NULL;
  g_autofree char *now = _pd_store_now ();
  const char *stored_message = message != NULL && *message != '\0' ? message : NULL;
  sqlite3_stmt *stmt;
  int rc;

  def = _pd_alarm_load_source_def (db, source, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *changed = FALSE;
  if (def == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO alarm_defs (uuid, condition, source, source_name, priority, message, "
                                   "max_shelve_min, created_at, updated_at, message_key, message_args) "
                                   "VALUES (?, 'source', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, pd_alarm_priority_to_string (priority), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, stored_message, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, PD_ALARM_DEFAULT_SHELVE_MAX_MIN);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, message_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, message_args, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return pd_store_set_sqlite_error (db, rc, error);

      *alarm_id = sqlite3_last_insert_rowid (db);
      *changed = TRUE;
      return TRUE;
    }

  *alarm_id = def->id;
  if (g_strcmp0 (def->source_name, name) == 0 && def->priority == priority &&
      g_strcmp0 (def->message, stored_message) == 0 &&
      g_strcmp0 (def->message_key, message_key) == 0 &&
      g_strcmp0 (def->message_args, message_args) == 0)
    return TRUE;

  stmt = pd_read_conn_prepare (db,
                               "UPDATE alarm_defs SET source_name = ?, priority = ?, message = ?, updated_at = ?, "
                               "message_key = ?, message_args = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pd_alarm_priority_to_string (priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stored_message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, message_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, message_args, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, def->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  *changed = TRUE;
  return TRUE;
}

gboolean
pd_write_set_alarm_source (PdWrite          *write,
                           const char       *source,
                           const char       *name,
                           PdAlarmPriority   priority,
                           const char       *message,
                           gboolean          active,
                           double            value,
                           GError          **error)
{
  return pd_write_set_alarm_source_full (write, source, name, priority, message, NULL, NULL,
                                         active, value, error);
}

static gboolean
check_message_key (const char  *message_key,
                   const char  *message_args,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (message_key == NULL && message_args == NULL)
    return TRUE;

  if (message_key == NULL || *message_key == '\0' || strlen (message_key) > MESSAGE_KEY_MAX ||
      !g_utf8_validate (message_key, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The alarm's message key “%s” must be 1 to %d characters."),
                   message_key != NULL ? message_key : "", MESSAGE_KEY_MAX);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (message_args == NULL || !json_parser_load_from_data (parser, message_args, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The arguments of the alarm's message “%s” must be a JSON object, not “%s”."),
                   message_key, message_args != NULL ? message_args : "");
      return FALSE;
    }

  return TRUE;
}

gboolean
pd_write_set_alarm_source_full (PdWrite          *write,
                                const char       *source,
                                const char       *name,
                                PdAlarmPriority   priority,
                                const char       *message,
                                const char       *message_key,
                                const char       *message_args,
                                gboolean          active,
                                double            value,
                                GError          **error)
{
  g_autoptr(PdAlarmEvent) event = NULL;
  PdAlarmDef check = { 0, };
  PdAlarmStatus status;
  sqlite3 *db;
  gint64 alarm_id = 0;
  gboolean def_changed = FALSE;
  gboolean accepted = FALSE;
  gboolean ok;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The same checks as any definition, so that a bad key or name from
   * another area is refused with a message, not stored. */
  check.condition = PD_ALARM_CONDITION_SOURCE;
  check.source = (char *) source;
  check.source_name = (char *) name;
  check.priority = priority;
  check.message = (char *) message;
  check.max_shelve_min = PD_ALARM_DEFAULT_SHELVE_MAX_MIN;
  if (!pd_alarm_def_validate (&check, error) ||
      !check_message_key (message_key, message_args, error))
    return FALSE;

  db = pd_write_get_db (write);
  if (!upsert_source_def (db, source, name, priority, message, message_key, message_args,
                          &alarm_id, &def_changed, error))
    return FALSE;

  event = pd_alarm_event_new (alarm_id, active ? PD_ALARM_EVENT_RAISE : PD_ALARM_EVENT_CLEAR,
                              g_get_real_time ());
  event->value = value;

  if (!_pd_alarm_load_status (db, alarm_id, &status, error))
    return FALSE;
  ok = _pd_alarm_append_event (db, &status, event, &accepted, error);
  pd_alarm_status_clear (&status);
  if (!ok)
    return FALSE;

  if (accepted || def_changed)
    _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;
}

/* --- What people do --------------------------------------------------------- */

typedef struct
{
  gint64            alarm_id;
  PdAlarmEventKind  kind;
  const char       *comment;
  gint64            until;
} ActionWrite;

static PdAlarmEvent *
make_event (const ActionWrite *job,
            const char        *user_name)
{
  PdAlarmEvent *event = pd_alarm_event_new (job->alarm_id, job->kind, g_get_real_time ());

  event->user_name = g_strdup (user_name);
  if (job->comment != NULL && *job->comment != '\0')
    event->comment = g_strdup (job->comment);
  event->until = job->until;

  return event;
}

static gboolean
write_action (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  ActionWrite *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  const char *user_name = actor != NULL ? pd_user_get_name (actor) : NULL;
  g_autoptr(PdAlarmDef) def = NULL;
  g_autoptr(PdAlarmEvent) event = NULL;
  g_autoptr(PdAlarmEvent) clear = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *message = NULL;
  PdAlarmStatus status;
  JsonArray *events;
  JsonObject *payload;
  gboolean accepted = FALSE;
  gboolean removed = TRUE;

  if ((def = _pd_alarm_load_def (db, job->alarm_id, error)) == NULL)
    return FALSE;
  /* Removed by another station since our read. */
  if (!_pd_alarm_def_is_removed (db, job->alarm_id, &removed, error))
    return FALSE;
  if (removed)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No alarm with id %" PRId64 "."), job->alarm_id);
      return FALSE;
    }
  if (!_pd_alarm_load_status (db, job->alarm_id, &status, error))
    return FALSE;

  /* Checked again inside the transaction: another station may have
   * acknowledged it since our read. */
  event = make_event (job, user_name);
  if (!_pd_alarm_append_event (db, &status, event, &accepted, error))
    goto fail;
  if (!accepted)
    {
      pd_alarm_status_clear (&status);
      return _pd_alarm_set_nothing (error);
    }

  /* A latched alarm whose condition is gone is reset by acknowledging it. */
  if (job->kind == PD_ALARM_EVENT_ACK && status.active && !status.condition_active)
    {
      clear = pd_alarm_event_new (job->alarm_id, PD_ALARM_EVENT_CLEAR, event->ts);
      clear->user_name = g_strdup (user_name);
      clear->value = status.value;
      if (!_pd_alarm_append_event (db, &status, clear, &accepted, error))
        goto fail;
      if (!accepted)
        g_clear_pointer (&clear, pd_alarm_event_free);
    }
  pd_alarm_status_clear (&status);

  events = json_array_new ();
  json_array_add_object_element (events, _pd_alarm_event_to_json (event, def->uuid));
  if (clear != NULL)
    json_array_add_object_element (events, _pd_alarm_event_to_json (clear, def->uuid));
  payload = json_object_new ();
  json_object_set_array_member (payload, "events", events);
  pd_write_take_payload (write, payload);

  message = pd_alarm_def_dup_message (def);
  g_string_append_printf (detail, "%s — %s (%s)", def->source_name != NULL ? def->source_name : "",
                          message, pd_alarm_condition_to_string (def->condition));
  if (job->kind == PD_ALARM_EVENT_SHELVE)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (job->until / G_USEC_PER_SEC);
      g_autofree char *text = until != NULL ? g_date_time_format_iso8601 (until) : NULL;

      g_string_append_printf (detail, ", until %s", text != NULL ? text : "?");
    }
  if (clear != NULL)
    g_string_append (detail, ", cleared");
  if (event->comment != NULL)
    g_string_append_printf (detail, ": %s", event->comment);

  pd_write_set_entity_id (write, event->uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail->str);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_ALARMS_CHANGED);

  return TRUE;

fail:
  pd_alarm_status_clear (&status);
  return FALSE;
}

static gboolean
check_comment (const char  *comment,
               GError     **error)
{
  if (comment == NULL)
    return TRUE;

  if (!g_utf8_validate (comment, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("The comment is not valid text."));
      return FALSE;
    }

  if (g_utf8_strlen (comment, -1) > COMMENT_MAX_CHARS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The comment must be at most %d characters, not %" PRId64 "."),
                   COMMENT_MAX_CHARS, (gint64) g_utf8_strlen (comment, -1));
      return FALSE;
    }

  return TRUE;
}

/* Reads the alarm and its status; fails with PD_ERROR_NOT_FOUND for an
 * unknown or removed one. */
static PdAlarm *
load_live_alarm (PdStore  *self,
                 gint64    alarm_id,
                 GError  **error)
{
  g_autoptr(PdAlarm) alarm = pd_store_get_alarm (self, alarm_id, error);
  gboolean removed = TRUE;

  if (alarm == NULL)
    return NULL;

  /* pd_store_get_alarm() also returns removed ones, for the history. */
  if (!_pd_alarm_def_is_removed (pd_store_get_db (self), alarm_id, &removed, error))
    return NULL;
  if (removed)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No alarm with id %" PRId64 "."), alarm_id);
      return NULL;
    }

  return g_steal_pointer (&alarm);
}

static gboolean
run_action (PdStore           *self,
            PdUser            *actor,
            PdPermission       permission,
            const char        *action,
            ActionWrite       *job,
            gboolean          *changed,
            GError           **error)
{
  g_autoptr(PdAlarm) alarm = NULL;
  g_autoptr(PdAlarmEvent) event = NULL;
  GError *local_error = NULL;

  if (changed != NULL)
    *changed = FALSE;

  if ((alarm = load_live_alarm (self, job->alarm_id, error)) == NULL)
    return FALSE;

  /* Nothing to do is success without a trace: a second acknowledgement
   * by another user writes neither an event nor an audit record. */
  event = pd_alarm_event_new (job->alarm_id, job->kind, g_get_real_time ());
  event->until = job->until;
  if (!pd_alarm_status_accepts (&alarm->status, event))
    return TRUE;

  if (!pd_store_write (self, actor, permission, action, "alarm_event", write_action, job, &local_error))
    {
      if (g_error_matches (local_error, PD_ALARM_NOTHING_TO_DO, 0))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

gboolean
pd_store_acknowledge_alarm (PdStore     *self,
                            PdUser      *actor,
                            gint64       alarm_id,
                            const char  *comment,
                            gboolean    *changed,
                            GError     **error)
{
  ActionWrite job = { alarm_id, PD_ALARM_EVENT_ACK, comment, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_comment (comment, error))
    return FALSE;

  return run_action (self, actor, PD_PERMISSION_ALARMS_ACK, "alarm.ack", &job, changed, error);
}

/* A minute of shelving in µs. Tests of shelve expiry cannot wait minutes:
 * they make it shorter with _pd_alarm_set_shelve_minute_ms(). Nothing the
 * product reads (no environment variable) changes it. */
static gint shelve_minute_ms = 60 * 1000;

void
_pd_alarm_set_shelve_minute_ms (guint ms)
{
  g_return_if_fail (ms >= 1 && ms <= 60 * 1000);

  g_atomic_int_set (&shelve_minute_ms, (gint) ms);
}

static gint64
get_shelve_minute_us (void)
{
  return (gint64) g_atomic_int_get (&shelve_minute_ms) * 1000;
}

gboolean
pd_store_shelve_alarm (PdStore     *self,
                       PdUser      *actor,
                       gint64       alarm_id,
                       guint        minutes,
                       const char  *comment,
                       gboolean    *changed,
                       GError     **error)
{
  ActionWrite job = { alarm_id, PD_ALARM_EVENT_SHELVE, comment, 0 };
  g_autoptr(PdAlarm) alarm = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;

  if (!check_comment (comment, error))
    return FALSE;
  if ((alarm = load_live_alarm (self, alarm_id, error)) == NULL)
    return FALSE;

  if (minutes < 1 || minutes > alarm->def->max_shelve_min)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Shelving time must be between 1 and %u minutes, not %u."),
                   alarm->def->max_shelve_min, minutes);
      return FALSE;
    }

  job.until = g_get_real_time () + (gint64) minutes * get_shelve_minute_us ();

  return run_action (self, actor, PD_PERMISSION_ALARMS_SHELVE, "alarm.shelve", &job, changed, error);
}

gboolean
pd_store_unshelve_alarm (PdStore   *self,
                         PdUser    *actor,
                         gint64     alarm_id,
                         gboolean  *changed,
                         GError   **error)
{
  ActionWrite job = { alarm_id, PD_ALARM_EVENT_UNSHELVE, NULL, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, actor, PD_PERMISSION_ALARMS_SHELVE, "alarm.unshelve", &job, changed, error);
}

gboolean
pd_store_suppress_alarm (PdStore     *self,
                         PdUser      *actor,
                         gint64       alarm_id,
                         const char  *reason,
                         gboolean    *changed,
                         GError     **error)
{
  g_autofree char *trimmed = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  ActionWrite job = { alarm_id, PD_ALARM_EVENT_SUPPRESS, NULL, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Give a reason for taking the alarm out of service."));
      return FALSE;
    }
  if (!check_comment (trimmed, error))
    return FALSE;

  job.comment = trimmed;
  return run_action (self, actor, PD_PERMISSION_ALARMS_SUPPRESS, "alarm.suppress", &job, changed, error);
}

gboolean
pd_store_unsuppress_alarm (PdStore   *self,
                           PdUser    *actor,
                           gint64     alarm_id,
                           gboolean  *changed,
                           GError   **error)
{
  ActionWrite job = { alarm_id, PD_ALARM_EVENT_UNSUPPRESS, NULL, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_action (self, actor, PD_PERMISSION_ALARMS_SUPPRESS, "alarm.unsuppress", &job, changed, error);
}
