/* pd-store-work-orders.c — the state machines of work orders and operations
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every action appends one wo_events row and then applies it to the derived
 * state (work_orders' status and planned times, wo_operations) with
 * apply_event(), which only reads the event: rebuilding replays the same
 * function over the events in order and reaches the same state.
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-role.h"
#include "pd-store-private.h"
#include "pd-store-work-orders.h"
#include "pd-store-work-orders-private.h"
#include "pd-store-wo-material.h"
#include "pd-user.h"

typedef struct
{
  PdWoAction      action;
  const char     *number;
  guint           seq;
  PdQty           good;
  PdQty           scrap;
  const char     *reason;
  const char     *source;
  PdWorkOrder    *create;        /* for create */
  const PdWoOpPlan *plans;       /* for schedule */
  guint           n_plans;
} WoRequest;

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           GError       **error)
{
  return pd_read_conn_finish_stmt (db, stmt, sqlite3_step (stmt), error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

/* --- Deriving the state --------------------------------------------------- */

static gboolean
order_is_running (const PdWorkOrder *wo)
{
  return wo->status == PD_WO_ISSUED || wo->status == PD_WO_IN_PROGRESS || wo->status == PD_WO_PAUSED;
}

/* Readiness of the operations and the order's status from its operations. */
static void
derive (PdWorkOrder *wo)
{
  gboolean all_done = wo->ops->len > 0, any_running = FALSE, any_paused = FALSE, started = FALSE;

  if (!order_is_running (wo))
    return;

  for (guint i = 0; i < wo->ops->len; i++)
    {
      PdWoOperation *op = g_ptr_array_index (wo->ops, i);
      const PdWoOperation *prev = i > 0 ? g_ptr_array_index (wo->ops, i - 1) : NULL;

      if (op->status == PD_WO_OP_PENDING
          && (prev == NULL || prev->status == PD_WO_OP_DONE || (prev->overlap && prev->good > 0)))
        op->status = PD_WO_OP_READY;
      if (op->status != PD_WO_OP_DONE)
        all_done = FALSE;
      if (op->status == PD_WO_OP_RUNNING)
        any_running = TRUE;
      if (op->status == PD_WO_OP_PAUSED)
        any_paused = TRUE;
      if (op->status == PD_WO_OP_RUNNING || op->status == PD_WO_OP_PAUSED || op->status == PD_WO_OP_DONE
          || op->good > 0 || op->scrap > 0)
        started = TRUE;
    }

  if (all_done)
    wo->status = PD_WO_COMPLETED;
  else if (any_running)
    wo->status = PD_WO_IN_PROGRESS;
  else if (any_paused)
    wo->status = PD_WO_PAUSED;
  else if (started)
    wo->status = PD_WO_IN_PROGRESS;
  else
    wo->status = PD_WO_ISSUED;
}

static gboolean
save_state (sqlite3      *db,
            PdWorkOrder  *wo,
            GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = pd_read_conn_prepare (db,
                               "UPDATE work_orders SET status = ?, routing_version = ?, bom_version = ?, "
                               "planned_start = ?, planned_end = ?, updated_at = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pd_wo_status_to_string (wo->status), -1, SQLITE_STATIC);
  if (wo->routing_version > 0)
    sqlite3_bind_int (stmt, 2, wo->routing_version);
  if (wo->bom_version > 0)
    sqlite3_bind_int (stmt, 3, wo->bom_version);
  bind_text_or_null (stmt, 4, wo->planned_start);
  bind_text_or_null (stmt, 5, wo->planned_end);
  sqlite3_bind_text (stmt, 6, wo->updated_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, wo->id);
  if (!step_done (stmt, db, error))
    return FALSE;

  for (guint i = 0; i < wo->ops->len; i++)
    {
      const PdWoOperation *op = g_ptr_array_index (wo->ops, i);

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO wo_operations (work_order_id, seq, work_center_id, setup_us, run_us, "
                                   "overlap, status, planned_start, planned_end, locked, good, scrap) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (work_order_id, seq) DO UPDATE SET status = excluded.status, work_center_id = excluded.work_center_id, "
                                   "planned_start = excluded.planned_start, planned_end = excluded.planned_end, "
                                   "locked = excluded.locked, good = excluded.good, scrap = excluded.scrap",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, wo->id);
      sqlite3_bind_int (stmt, 2, op->seq);
      sqlite3_bind_int64 (stmt, 3, op->work_center_id);
      sqlite3_bind_int64 (stmt, 4, op->setup_us);
      sqlite3_bind_int64 (stmt, 5, op->run_us);
      sqlite3_bind_int (stmt, 6, op->overlap ? 1 : 0);
      sqlite3_bind_text (stmt, 7, pd_wo_op_status_to_string (op->status), -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 8, op->planned_start);
      bind_text_or_null (stmt, 9, op->planned_end);
      sqlite3_bind_int (stmt, 10, op->locked ? 1 : 0);
      sqlite3_bind_int64 (stmt, 11, op->good);
      sqlite3_bind_int64 (stmt, 12, op->scrap);
      if (!step_done (stmt, db, error))
        return FALSE;
    }
  return TRUE;
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Applies one event to the derived state of its order. PAYLOAD is the
 * event's payload object. Used live and by the rebuild. */
static gboolean
apply_event (sqlite3      *db,
             gint64        wo_id,
             PdWoAction    kind,
             guint         seq,
             PdQty         good,
             PdQty         scrap,
             const char   *at,
             JsonObject   *payload,
             GError      **error)
{
  g_autoptr(PdWorkOrder) wo = _pd_work_order_load (db, wo_id, NULL, error);
  PdWoOperation *op = NULL;

  if (wo == NULL)
    return FALSE;
  if (seq > 0)
    {
      op = pd_work_order_get_operation (wo, seq);
      if (op == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                       _("Work order %s has no operation %u."), wo->number, seq);
          return FALSE;
        }
    }

  switch (kind)
    {
    case PD_WO_ACTION_CREATE:
      wo->status = PD_WO_DRAFT;
      break;

    case PD_WO_ACTION_RELEASE:
      {
        JsonArray *ops = json_object_get_array_member (payload, "operations");

        wo->status = PD_WO_RELEASED;
        wo->routing_version = json_object_get_int_member (payload, "routing_version");
        wo->bom_version = json_object_get_int_member_with_default (payload, "bom_version", 0);
        g_ptr_array_set_size (wo->ops, 0);
        for (guint i = 0; i < json_array_get_length (ops); i++)
          {
            JsonObject *j = json_array_get_object_element (ops, i);
            PdWoOperation *o = pd_wo_operation_new ();

            o->seq = json_object_get_int_member (j, "seq");
            o->work_center_id = json_object_get_int_member (j, "work_center_id");
            o->setup_us = json_object_get_int_member (j, "setup_us");
            o->run_us = json_object_get_int_member (j, "run_us");
            o->overlap = json_object_get_boolean_member (j, "overlap");
            g_ptr_array_add (wo->ops, o);
          }
      }
      break;

    case PD_WO_ACTION_SCHEDULE:
      {
        JsonArray *plans = json_object_get_array_member (payload, "operations");

        for (guint i = 0; i < json_array_get_length (plans); i++)
          {
            JsonObject *j = json_array_get_object_element (plans, i);
            PdWoOperation *o = pd_work_order_get_operation (wo, json_object_get_int_member (j, "seq"));

            if (o == NULL)
              continue;
            if (json_object_has_member (j, "work_center_id"))
              o->work_center_id = json_object_get_int_member (j, "work_center_id");
            set_str (&o->planned_start, json_object_get_string_member (j, "planned_start"));
            set_str (&o->planned_end, json_object_get_string_member (j, "planned_end"));
            o->locked = json_object_get_boolean_member_with_default (j, "locked", FALSE);
          }
        g_clear_pointer (&wo->planned_start, g_free);
        g_clear_pointer (&wo->planned_end, g_free);
        for (guint i = 0; i < wo->ops->len; i++)
          {
            const PdWoOperation *o = g_ptr_array_index (wo->ops, i);

            /* ISO 8601 UTC strings of one format sort by time. */
            if (o->planned_start != NULL
                && (wo->planned_start == NULL || strcmp (o->planned_start, wo->planned_start) < 0))
              set_str (&wo->planned_start, o->planned_start);
            if (o->planned_end != NULL
                && (wo->planned_end == NULL || strcmp (o->planned_end, wo->planned_end) > 0))
              set_str (&wo->planned_end, o->planned_end);
          }
        wo->status = PD_WO_SCHEDULED;
      }
      break;

    case PD_WO_ACTION_ISSUE:
      wo->status = PD_WO_ISSUED;
      break;

    case PD_WO_ACTION_START:
    case PD_WO_ACTION_RESUME:
      op->status = PD_WO_OP_RUNNING;
      break;

    case PD_WO_ACTION_PAUSE:
      op->status = PD_WO_OP_PAUSED;
      break;

    case PD_WO_ACTION_REPORT:
      op->good += good;
      op->scrap += scrap;
      break;

    case PD_WO_ACTION_COMPLETE:
      op->status = PD_WO_OP_DONE;
      break;

    case PD_WO_ACTION_CLOSE:
      wo->status = PD_WO_CLOSED;
      break;

    case PD_WO_ACTION_CANCEL:
      wo->status = PD_WO_CANCELLED;
      for (guint i = 0; i < wo->ops->len; i++)
        {
          PdWoOperation *o = g_ptr_array_index (wo->ops, i);

          if (o->status == PD_WO_OP_READY)
            o->status = PD_WO_OP_PENDING;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  derive (wo);
  set_str (&wo->updated_at, at);
  return save_state (db, wo, error);
}

/* --- Checking an action against the state --------------------------------- */

static gboolean
refuse_order (const PdWorkOrder  *wo,
              PdWoAction          action,
              GError            **error)
{
  const char *state = pd_wo_status_get_label (wo->status);

  switch (action)
    {
    case PD_WO_ACTION_RELEASE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be released: it is “%s”, not a draft."), wo->number, state);
      break;
    case PD_WO_ACTION_SCHEDULE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be scheduled: it is “%s”; only released or scheduled orders can."),
                   wo->number, state);
      break;
    case PD_WO_ACTION_ISSUE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be issued: it is “%s”, not scheduled."), wo->number, state);
      break;
    case PD_WO_ACTION_CANCEL:
      if (wo->status == PD_WO_IN_PROGRESS || wo->status == PD_WO_PAUSED || wo->status == PD_WO_COMPLETED)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Work order %s cannot be cancelled: it is “%s” and work on it has started."),
                     wo->number, state);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("Work order %s cannot be cancelled: it is “%s”."), wo->number, state);
      break;
    case PD_WO_ACTION_CLOSE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be closed: it is “%s”, not completed."), wo->number, state);
      break;
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The operations of work order %s cannot be changed: the order is “%s”."),
                   wo->number, state);
      break;
    }
  return FALSE;
}

static gboolean
refuse_op (const PdWorkOrder    *wo,
           const PdWoOperation  *op,
           PdWoAction            action,
           GError              **error)
{
  const char *state = pd_wo_op_status_get_label (op->status);

  switch (action)
    {
    case PD_WO_ACTION_START:
      if (op->status == PD_WO_OP_PENDING)
        {
          const PdWoOperation *prev = NULL;

          for (guint i = 1; i < wo->ops->len; i++)
            if (g_ptr_array_index (wo->ops, i) == op)
              prev = g_ptr_array_index (wo->ops, i - 1);
          if (prev != NULL)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Operation %u of work order %s is “%s” and cannot start: operation %u before it is “%s”, not done."),
                           op->seq, wo->number, state, prev->seq, pd_wo_op_status_get_label (prev->status));
              return FALSE;
            }
        }
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s cannot start: it is “%s”, not ready."),
                   op->seq, wo->number, state);
      break;
    case PD_WO_ACTION_PAUSE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s cannot be paused: it is “%s”, not running."),
                   op->seq, wo->number, state);
      break;
    case PD_WO_ACTION_RESUME:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s cannot be resumed: it is “%s”, not paused."),
                   op->seq, wo->number, state);
      break;
    case PD_WO_ACTION_REPORT:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Nothing can be reported on operation %u of work order %s: it is “%s”, not running."),
                   op->seq, wo->number, state);
      break;
    case PD_WO_ACTION_COMPLETE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s cannot be completed: it is “%s”, not running or paused."),
                   op->seq, wo->number, state);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
check_action (const PdWorkOrder  *wo,
              PdWoAction          action,
              guint               seq,
              PdWoOperation     **op_out,
              GError            **error)
{
  PdWoOperation *op;
  gboolean ok;

  switch (action)
    {
    case PD_WO_ACTION_RELEASE:
      ok = wo->status == PD_WO_DRAFT;
      break;
    case PD_WO_ACTION_SCHEDULE:
      ok = wo->status == PD_WO_RELEASED || wo->status == PD_WO_SCHEDULED;
      break;
    case PD_WO_ACTION_ISSUE:
      ok = wo->status == PD_WO_SCHEDULED;
      break;
    case PD_WO_ACTION_CANCEL:
      ok = wo->status == PD_WO_DRAFT || wo->status == PD_WO_RELEASED
        || wo->status == PD_WO_SCHEDULED || wo->status == PD_WO_ISSUED;
      break;
    case PD_WO_ACTION_CLOSE:
      ok = wo->status == PD_WO_COMPLETED;
      break;
    case PD_WO_ACTION_START:
    case PD_WO_ACTION_PAUSE:
    case PD_WO_ACTION_RESUME:
    case PD_WO_ACTION_REPORT:
    case PD_WO_ACTION_COMPLETE:
      op = pd_work_order_get_operation (wo, seq);
      if (op == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("Work order %s has no operation %u."), wo->number, seq);
          return FALSE;
        }
      if (!order_is_running (wo))
        return refuse_order (wo, action, error);
      switch (action)
        {
        case PD_WO_ACTION_START: ok = op->status == PD_WO_OP_READY; break;
        case PD_WO_ACTION_PAUSE: ok = op->status == PD_WO_OP_RUNNING; break;
        case PD_WO_ACTION_RESUME: ok = op->status == PD_WO_OP_PAUSED; break;
        case PD_WO_ACTION_REPORT: ok = op->status == PD_WO_OP_RUNNING; break;
        default: ok = op->status == PD_WO_OP_RUNNING || op->status == PD_WO_OP_PAUSED; break;
        }
      if (!ok)
        return refuse_op (wo, op, action, error);
      *op_out = op;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!ok)
    return refuse_order (wo, action, error);
  return TRUE;
}

/* --- Writing -------------------------------------------------------------- */

static gboolean
insert_event (PdWrite       *write,
              PdWorkOrder   *wo,
              const WoRequest *req,
              JsonObject    *payload,
              GError       **error)
{
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _pd_store_now ();
  g_autofree char *payload_text = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outbox;
  sqlite3_stmt *stmt;

  json_node_set_object (node, payload);
  payload_text = json_to_string (node, FALSE);

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO wo_events (uuid, work_order_id, seq, kind, reason, good, scrap, source, "
                               "user_id, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, wo->id);
  if (req->seq > 0)
    sqlite3_bind_int (stmt, 3, req->seq);
  sqlite3_bind_text (stmt, 4, pd_wo_action_to_string (req->action), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, req->reason);
  sqlite3_bind_int64 (stmt, 6, req->good);
  sqlite3_bind_int64 (stmt, 7, req->scrap);
  bind_text_or_null (stmt, 8, req->source);
  if (actor != NULL)
    sqlite3_bind_int64 (stmt, 9, pd_user_get_id (actor));
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, payload_text, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return FALSE;

  if (!apply_event (db, wo->id, req->action, req->seq, req->good, req->scrap, now, payload, error))
    return FALSE;

  outbox = json_object_new ();
  json_object_set_string_member (outbox, "uuid", uuid);
  json_object_set_string_member (outbox, "wo", wo->number);
  json_object_set_string_member (outbox, "wo_uuid", wo->uuid);
  json_object_set_string_member (outbox, "kind", pd_wo_action_to_string (req->action));
  if (req->seq > 0)
    json_object_set_int_member (outbox, "seq", req->seq);
  if (req->reason != NULL)
    json_object_set_string_member (outbox, "reason", req->reason);
  if (req->action == PD_WO_ACTION_REPORT)
    {
      g_autofree char *g = pd_qty_to_string (req->good);
      g_autofree char *s = pd_qty_to_string (req->scrap);

      json_object_set_string_member (outbox, "good", g);
      json_object_set_string_member (outbox, "scrap", s);
      json_object_set_string_member (outbox, "source", req->source);
    }
  json_object_set_string_member (outbox, "at", now);
  json_object_set_object_member (outbox, "payload", json_object_ref (payload));

  if (req->seq > 0)
    detail = g_strdup_printf ("%s %s op %u", pd_wo_action_to_string (req->action), wo->number, req->seq);
  else
    detail = g_strdup_printf ("%s %s", pd_wo_action_to_string (req->action), wo->number);
  pd_write_set_entity_id (write, wo->uuid);
  pd_write_set_operation (write, req->action == PD_WO_ACTION_CREATE ? "insert" : "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, outbox);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_WORK_ORDERS_CHANGED);
  return TRUE;
}

static gboolean
release_payload (sqlite3      *db,
                 PdWorkOrder  *wo,
                 JsonObject   *payload,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 routing_id = 0;
  int rc;
  JsonArray *ops;

  stmt = pd_read_conn_prepare (db, "SELECT id, version FROM routings WHERE product_id = ? AND active = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wo->product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      routing_id = sqlite3_column_int64 (stmt, 0);
      json_object_set_int_member (payload, "routing_version", sqlite3_column_int (stmt, 1));
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;
  if (routing_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be released: product %s has no routing."),
                   wo->number, wo->product_sku);
      return FALSE;
    }

  stmt = pd_read_conn_prepare (db, "SELECT version FROM boms WHERE product_id = ? AND active = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wo->product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json_object_set_int_member (payload, "bom_version", sqlite3_column_int (stmt, 0));
  else
    json_object_set_null_member (payload, "bom_version");
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;

  stmt = pd_read_conn_prepare (db,
                               "SELECT o.seq, o.work_center_id, c.code, o.setup_us, o.run_us, o.overlap "
                               "FROM routing_operations o JOIN work_centers c ON c.id = o.work_center_id "
                               "WHERE o.routing_id = ? ORDER BY o.seq",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, routing_id);
  ops = json_array_new ();
  json_object_set_array_member (payload, "operations", ops);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *j = json_object_new ();

      json_object_set_int_member (j, "seq", sqlite3_column_int (stmt, 0));
      json_object_set_int_member (j, "work_center_id", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (j, "work_center", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_int_member (j, "setup_us", sqlite3_column_int64 (stmt, 3));
      json_object_set_int_member (j, "run_us", sqlite3_column_int64 (stmt, 4));
      json_object_set_boolean_member (j, "overlap", sqlite3_column_int (stmt, 5) != 0);
      json_array_add_object_element (ops, j);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return FALSE;
  if (json_array_get_length (ops) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Work order %s cannot be released: the routing of %s has no operations."),
                   wo->number, wo->product_sku);
      return FALSE;
    }
  return TRUE;
}

static char *
normalize_time (const char  *text,
                const char  *field,
                GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text != NULL)
    dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* TRANSLATORS: the first %s names the field, e.g. "Due", the second the value */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is not a valid ISO 8601 time such as 2026-05-01T14:00:00Z."),
                   field, text != NULL ? text : "");
      return NULL;
    }
  return _pd_store_format_time (dt);
}

/* Moves OP to the work center CODE when that is another one of its kind:
 * adds "work_center_id" and "work_center" to J. */
static gboolean
plan_work_center (sqlite3              *db,
                  const PdWorkOrder    *wo,
                  const PdWoOperation  *op,
                  const char           *code,
                  JsonObject           *j,
                  GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 target_id = 0;
  g_autofree char *target_code = NULL;
  g_autofree char *target_kind = NULL;
  g_autofree char *own_kind = NULL;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT t.id, t.code, t.kind, (SELECT kind FROM work_centers WHERE id = ?) "
                               "FROM work_centers t WHERE t.code = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->work_center_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      target_id = sqlite3_column_int64 (stmt, 0);
      target_code = pd_read_conn_dup_text (stmt, 1);
      target_kind = pd_read_conn_dup_text (stmt, 2);
      own_kind = pd_read_conn_dup_text (stmt, 3);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;
  if (target_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No work center “%s”."), code);
      return FALSE;
    }
  if (target_id != op->work_center_id
      && (own_kind == NULL || target_kind == NULL || g_ascii_strcasecmp (own_kind, target_kind) != 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s cannot move to work center %s: "
                     "it is not of the same kind as %s."),
                   op->seq, wo->number, target_code, op->work_center_code);
      return FALSE;
    }
  json_object_set_int_member (j, "work_center_id", target_id);
  json_object_set_string_member (j, "work_center", target_code);
  return TRUE;
}

static gboolean
schedule_payload (sqlite3          *db,
                  PdWorkOrder      *wo,
                  const WoRequest  *req,
                  JsonObject       *payload,
                  GError          **error)
{
  JsonArray *plans = json_array_new ();

  json_object_set_array_member (payload, "operations", plans);
  for (guint i = 0; i < req->n_plans; i++)
    {
      const PdWoOpPlan *plan = &req->plans[i];
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      JsonObject *j;

      if (pd_work_order_get_operation (wo, plan->seq) == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("Work order %s has no operation %u."), wo->number, plan->seq);
          return FALSE;
        }
      start = normalize_time (plan->planned_start, _("Planned start"), error);
      if (start == NULL)
        return FALSE;
      end = normalize_time (plan->planned_end, _("Planned end"), error);
      if (end == NULL)
        return FALSE;
      if (strcmp (end, start) < 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Operation %u of work order %s cannot end (%s) before it starts (%s)."),
                       plan->seq, wo->number, end, start);
          return FALSE;
        }
      j = json_object_new ();
      json_object_set_int_member (j, "seq", plan->seq);
      if (plan->work_center_code != NULL
          && !plan_work_center (db, wo, pd_work_order_get_operation (wo, plan->seq),
                                plan->work_center_code, j, error))
        {
          json_object_unref (j);
          return FALSE;
        }
      json_object_set_string_member (j, "planned_start", start);
      json_object_set_string_member (j, "planned_end", end);
      json_object_set_boolean_member (j, "locked", plan->locked);
      json_array_add_object_element (plans, j);
    }
  return TRUE;
}

static gboolean
check_report (PdWrite              *write,
              const PdWorkOrder    *wo,
              const PdWoOperation  *op,
              const WoRequest      *req,
              GError              **error)
{
  PdUser *actor = pd_write_get_actor (write);
  PdQty limit, done, remaining;

  /* An operation overlapping a predecessor that is not done works only
   * the parts the predecessor has passed on. */
  for (guint i = 1; i < wo->ops->len; i++)
    {
      const PdWoOperation *prev = g_ptr_array_index (wo->ops, i - 1);

      if (g_ptr_array_index (wo->ops, i) == op && prev->status != PD_WO_OP_DONE
          && op->good + op->scrap + req->good + req->scrap > prev->good)
        {
          g_autofree char *passed = pd_qty_format (prev->good);
          g_autofree char *reported = pd_qty_format (req->good + req->scrap);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Operation %u of work order %s: reporting %s would exceed the %s good parts "
                         "operation %u before it has passed on so far."),
                       op->seq, wo->number, reported, passed, prev->seq);
          return FALSE;
        }
    }

  /* The order asks for good parts: scrap does not count towards them, so
   * an operation may make up for its scrap (what the previous operation
   * passed on still limits an overlapping one, above). */
  limit = wo->qty + wo->qty / 100 * PD_WO_REPORT_TOLERANCE_PCT / PD_QTY_ONE;
  done = op->good;
  remaining = limit > done ? limit - done : 0;
  if (req->good > remaining
      && (actor == NULL || !pd_role_has_permission (pd_user_get_role (actor), PD_PERMISSION_MES_PLAN)))
    {
      g_autofree char *reported = pd_qty_format (req->good);
      g_autofree char *rest = pd_qty_format (remaining);

      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("Operation %u of work order %s: reporting %s good parts would exceed the %s still to make; "
                     "only a supervisor may report more."),
                   op->seq, wo->number, reported, rest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_action (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  WoRequest *req = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdWorkOrder) wo = NULL;
  JsonObject *payload;
  PdWoOperation *op = NULL;
  gboolean ok;

  wo = _pd_work_order_load (db, 0, req->number, error);
  if (wo == NULL)
    return FALSE;
  if (!check_action (wo, req->action, req->seq, &op, error))
    return FALSE;

  payload = json_object_new ();
  ok = TRUE;
  if (req->action == PD_WO_ACTION_RELEASE)
    ok = release_payload (db, wo, payload, error);
  else if (req->action == PD_WO_ACTION_SCHEDULE)
    ok = schedule_payload (db, wo, req, payload, error);
  else if (req->action == PD_WO_ACTION_REPORT)
    ok = check_report (write, wo, op, req, error);

  /* Shortage check at release, picking, backflush and finished goods. */
  if (ok)
    ok = _pd_wo_material_in_write (write, wo, req->action, req->seq, req->good, req->scrap, payload, error);
  if (ok)
    ok = insert_event (write, wo, req, payload, error);
  json_object_unref (payload);
  return ok;
}

gboolean
_pd_work_order_schedule_in_write (PdWrite           *write,
                                  const char        *number,
                                  const PdWoOpPlan  *plans,
                                  guint              n_plans,
                                  GError           **error)
{
  WoRequest req = { .action = PD_WO_ACTION_SCHEDULE, .number = number, .plans = plans, .n_plans = n_plans };

  return write_action (write, &req, error);
}

static gboolean
write_create (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  WoRequest *req = user_data;
  PdWorkOrder *wo = req->create;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;
  JsonObject *payload;
  gboolean ok;

  stmt = pd_read_conn_prepare (db, "SELECT id, sku FROM items WHERE sku = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, wo->product_sku, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      wo->product_id = sqlite3_column_int64 (stmt, 0);
      set_str (&wo->product_sku, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;
  if (wo->product_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No item “%s”."), wo->product_sku);
      return FALSE;
    }

  stmt = pd_read_conn_prepare (db, "UPDATE wo_numbers SET last = last + 1 WHERE id = 1 RETURNING last", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;

  set_str (&wo->uuid, NULL);
  wo->uuid = g_uuid_string_random ();
  g_free (wo->number);
  wo->number = pd_work_order_format_number (n);
  set_str (&wo->created_at, now);
  set_str (&wo->updated_at, now);
  wo->status = PD_WO_DRAFT;

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO work_orders (uuid, number, product_id, qty, due, priority, ref, status, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, wo->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, wo->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, wo->product_id);
  sqlite3_bind_int64 (stmt, 4, wo->qty);
  sqlite3_bind_text (stmt, 5, wo->due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, wo->priority);
  bind_text_or_null (stmt, 7, wo->ref);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  if (!step_done (stmt, db, error))
    return FALSE;
  wo->id = sqlite3_last_insert_rowid (db);

  payload = pd_work_order_to_json (wo, FALSE);
  ok = insert_event (write, wo, req, payload, error);
  json_object_unref (payload);
  return ok;
}

gboolean
pd_store_create_work_order (PdStore      *self,
                            PdUser       *actor,
                            PdWorkOrder  *wo,
                            char        **warning,
                            GError      **error)
{
  g_autoptr(PdWorkOrder) copy = pd_work_order_new ();
  g_autofree char *now = _pd_store_now ();
  WoRequest req = { .action = PD_WO_ACTION_CREATE };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (wo != NULL, FALSE);

  if (warning != NULL)
    *warning = NULL;
  if (wo->product_sku == NULL || *wo->product_sku == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("A work order needs a product."));
      return FALSE;
    }
  if (wo->qty <= 0)
    {
      g_autofree char *q = pd_qty_format (wo->qty);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Quantity %s is not valid: a work order needs a quantity above 0."), q);
      return FALSE;
    }
  if (wo->priority < PD_WO_PRIORITY_MIN || wo->priority > PD_WO_PRIORITY_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Priority %u is not valid: it must be from %d (most urgent) to %d."),
                   wo->priority, PD_WO_PRIORITY_MIN, PD_WO_PRIORITY_MAX);
      return FALSE;
    }
  if (wo->ref != NULL && g_utf8_strlen (wo->ref, -1) > PD_WO_REF_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The reference is too long: at most %d characters."), PD_WO_REF_MAX);
      return FALSE;
    }
  copy->due = normalize_time (wo->due, _("Due"), error);
  if (copy->due == NULL)
    return FALSE;

  copy->product_sku = g_strdup (wo->product_sku);
  copy->qty = wo->qty;
  copy->priority = wo->priority;
  copy->ref = wo->ref != NULL && *wo->ref != '\0' ? g_strdup (wo->ref) : NULL;
  req.create = copy;

  if (!pd_store_write (self, actor, PD_PERMISSION_MES_PLAN, "wo.create", "work_order",
                       write_create, &req, error))
    return FALSE;

  if (warning != NULL && strcmp (copy->due, now) < 0)
    *warning = g_strdup_printf (_("Work order %s is due %s, which is in the past."), copy->number, copy->due);

  wo->id = copy->id;
  set_str (&wo->uuid, copy->uuid);
  set_str (&wo->number, copy->number);
  wo->product_id = copy->product_id;
  set_str (&wo->product_sku, copy->product_sku);
  set_str (&wo->due, copy->due);
  set_str (&wo->ref, copy->ref);
  wo->status = PD_WO_DRAFT;
  set_str (&wo->created_at, copy->created_at);
  set_str (&wo->updated_at, copy->updated_at);
  return TRUE;
}

static gboolean
run_action (PdStore    *self,
            PdUser     *actor,
            WoRequest  *req,
            GError    **error)
{
  g_autofree char *audit = g_strdup_printf ("wo.%s", pd_wo_action_to_string (req->action));
  PdPermission permission;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (req->number != NULL, FALSE);

  switch (req->action)
    {
    case PD_WO_ACTION_START:
    case PD_WO_ACTION_PAUSE:
    case PD_WO_ACTION_RESUME:
    case PD_WO_ACTION_REPORT:
    case PD_WO_ACTION_COMPLETE:
      permission = PD_PERMISSION_MES_EXECUTE;
      break;
    default:
      permission = PD_PERMISSION_MES_PLAN;
      break;
    }
  /* The station's own counters report by themselves. */
  if (actor == NULL && req->action == PD_WO_ACTION_REPORT && g_strcmp0 (req->source, "machine") == 0)
    return pd_store_write_system (self, audit, "work_order", write_action, req, error);
  return pd_store_write (self, actor, permission, audit, "work_order", write_action, req, error);
}

gboolean
pd_store_work_order_action (PdStore     *self,
                            PdUser      *actor,
                            const char  *number,
                            PdWoAction   action,
                            guint        seq,
                            GError     **error)
{
  WoRequest req = { .action = action, .number = number, .seq = seq };

  switch (action)
    {
    case PD_WO_ACTION_RELEASE:
    case PD_WO_ACTION_ISSUE:
    case PD_WO_ACTION_CANCEL:
    case PD_WO_ACTION_CLOSE:
      req.seq = 0;
      return run_action (self, actor, &req, error);
    case PD_WO_ACTION_START:
    case PD_WO_ACTION_RESUME:
    case PD_WO_ACTION_COMPLETE:
      return run_action (self, actor, &req, error);
    case PD_WO_ACTION_PAUSE:
      return pd_store_pause_operation (self, actor, number, seq, PD_PAUSE_OTHER, error);
    case PD_WO_ACTION_REPORT:
      return pd_store_report_operation (self, actor, number, seq, PD_QTY_ONE, 0, PD_SCRAP_OTHER, NULL, error);
    case PD_WO_ACTION_SCHEDULE:
      return pd_store_schedule_work_order (self, actor, number, NULL, 0, error);
    case PD_WO_ACTION_CREATE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
pd_store_release_work_order (PdStore *self, PdUser *actor, const char *number, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_RELEASE, 0, error);
}

gboolean
pd_store_issue_work_order (PdStore *self, PdUser *actor, const char *number, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_ISSUE, 0, error);
}

gboolean
pd_store_cancel_work_order (PdStore *self, PdUser *actor, const char *number, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_CANCEL, 0, error);
}

gboolean
pd_store_close_work_order (PdStore *self, PdUser *actor, const char *number, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_CLOSE, 0, error);
}

gboolean
pd_store_schedule_work_order (PdStore           *self,
                              PdUser            *actor,
                              const char        *number,
                              const PdWoOpPlan  *plans,
                              guint              n_plans,
                              GError           **error)
{
  WoRequest req = { .action = PD_WO_ACTION_SCHEDULE, .number = number, .plans = plans, .n_plans = n_plans };

  return run_action (self, actor, &req, error);
}

gboolean
pd_store_start_operation (PdStore *self, PdUser *actor, const char *number, guint seq, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_START, seq, error);
}

gboolean
pd_store_resume_operation (PdStore *self, PdUser *actor, const char *number, guint seq, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_RESUME, seq, error);
}

gboolean
pd_store_complete_operation (PdStore *self, PdUser *actor, const char *number, guint seq, GError **error)
{
  return pd_store_work_order_action (self, actor, number, PD_WO_ACTION_COMPLETE, seq, error);
}

gboolean
pd_store_pause_operation (PdStore        *self,
                          PdUser         *actor,
                          const char     *number,
                          guint           seq,
                          PdPauseReason   reason,
                          GError        **error)
{
  WoRequest req = { .action = PD_WO_ACTION_PAUSE, .number = number, .seq = seq };

  g_return_val_if_fail (reason < PD_N_PAUSE_REASONS, FALSE);
  req.reason = pd_pause_reason_to_string (reason);
  return run_action (self, actor, &req, error);
}

gboolean
pd_store_report_operation (PdStore        *self,
                           PdUser         *actor,
                           const char     *number,
                           guint           seq,
                           PdQty           good,
                           PdQty           scrap,
                           PdScrapReason   scrap_reason,
                           const char     *source,
                           GError        **error)
{
  WoRequest req = { .action = PD_WO_ACTION_REPORT, .number = number, .seq = seq,
                    .good = good, .scrap = scrap };

  if (good < 0 || scrap < 0 || (good == 0 && scrap == 0))
    {
      g_autofree char *g = pd_qty_format (good);
      g_autofree char *s = pd_qty_format (scrap);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Report on operation %u of work order %s is not valid (good %s, scrap %s): "
                     "report more than 0 good or scrap parts, none below 0."),
                   seq, number, g, s);
      return FALSE;
    }
  if (source == NULL)
    source = "manual";
  if (strcmp (source, "manual") != 0 && strcmp (source, "machine") != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Source “%s” is not valid: “manual” or “machine”."), source);
      return FALSE;
    }
  if (scrap > 0)
    {
      g_return_val_if_fail (scrap_reason < PD_N_SCRAP_REASONS, FALSE);
      req.reason = pd_scrap_reason_to_string (scrap_reason);
    }
  req.source = source;
  return run_action (self, actor, &req, error);
}

/* --- Rebuilding ------------------------------------------------------------ */

typedef struct
{
  gint64      wo_id;
  PdWoAction  kind;
  guint       seq;
  PdQty       good;
  PdQty       scrap;
  char       *at;
  char       *payload;
} StoredEvent;

static void
stored_event_free (StoredEvent *e)
{
  g_free (e->at);
  g_free (e->payload);
  g_free (e);
}

static gboolean
write_rebuild (PdWrite   *write,
               gpointer   user_data,
               GError   **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_event_free);
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_exec (db,
                    "DELETE FROM wo_operations; "
                    "UPDATE work_orders SET status = 'draft', routing_version = NULL, bom_version = NULL, "
                    "planned_start = NULL, planned_end = NULL",
                    NULL, NULL, NULL) != SQLITE_OK)
    return pd_store_set_sqlite_error (db, sqlite3_errcode (db), error);

  stmt = pd_read_conn_prepare (db,
                               "SELECT work_order_id, kind, seq, good, scrap, at, payload FROM wo_events ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredEvent *e = g_new0 (StoredEvent, 1);
      PdWoAction kind = PD_WO_ACTION_CREATE;

      e->wo_id = sqlite3_column_int64 (stmt, 0);
      pd_wo_action_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
      e->kind = kind;
      e->seq = sqlite3_column_int (stmt, 2);
      e->good = sqlite3_column_int64 (stmt, 3);
      e->scrap = sqlite3_column_int64 (stmt, 4);
      e->at = pd_read_conn_dup_text (stmt, 5);
      e->payload = pd_read_conn_dup_text (stmt, 6);
      g_ptr_array_add (events, e);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      StoredEvent *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = json_from_string (e->payload, error);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_clear_error (error);
          g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                       _("A work order event has a payload that is not a JSON object."));
          return FALSE;
        }
      if (!apply_event (db, e->wo_id, e->kind, e->seq, e->good, e->scrap, e->at,
                        json_node_get_object (node), error))
        return FALSE;
    }

  detail = g_strdup_printf ("rebuilt work orders from %u events", events->len);
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_WORK_ORDERS_CHANGED);
  return TRUE;
}

gboolean
pd_store_rebuild_work_orders (PdStore  *self,
                              GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return pd_store_write_system (self, "wo.rebuild", "work_order", write_rebuild, NULL, error);
}
