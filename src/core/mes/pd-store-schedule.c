/* pd-store-schedule.c — scheduling work orders in the store: every open
 * order at once, and moving or unlocking one operation
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-private.h"
#include "pd-store-schedule.h"
#include "pd-store-work-orders-private.h"

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (dt, t % G_USEC_PER_SEC);

  return _pd_store_format_time (exact);
}

/* The ids of the orders in STATUS. */
static GHashTable *
orders_in_status (sqlite3     *db,
                  const char  *status,
                  GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT id FROM work_orders WHERE status = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, id);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}

typedef struct
{
  GTimeZone   *tz;
  PdSchedule  *schedule;     /* out */
} ScheduleAll;

static gboolean
write_schedule_all (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  ScheduleAll *req = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(GHashTable) released = NULL;
  g_autoptr(GHashTable) scheduled = NULL;
  g_autoptr(GArray) before = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  JsonArray *numbers;
  guint n_ops;
  gint64 now;

  schedule = pd_schedule_load (db, req->tz, error);
  if (schedule == NULL)
    return FALSE;
  released = orders_in_status (db, "released", error);
  if (released == NULL)
    return FALSE;
  scheduled = orders_in_status (db, "scheduled", error);
  if (scheduled == NULL)
    return FALSE;

  n_ops = pd_schedule_get_n_operations (schedule);
  before = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ops * 2);
  for (guint i = 0; i < n_ops; i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);

      g_array_append_val (before, op->start);
      g_array_append_val (before, op->end);
    }
  /* Plans start on whole minutes, from the next one on. */
  now = (g_get_real_time () / (60 * G_USEC_PER_SEC) + 1) * 60 * G_USEC_PER_SEC;
  if (!pd_schedule_run (schedule, now, PD_SCHEDULE_HORIZON, error))
    return FALSE;

  numbers = json_array_new ();
  for (guint o = 0; o < pd_schedule_get_n_orders (schedule); o++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, o);
      gboolean is_released = g_hash_table_contains (released, &order->id);
      g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (PdWoOpPlan));
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      gboolean moved = FALSE;

      if (!is_released && !g_hash_table_contains (scheduled, &order->id))
        continue;
      for (guint i = order->first_op; i < order->first_op + order->n_ops; i++)
        {
          PdSchedOp *op = pd_schedule_get_operation (schedule, i);
          PdWoOpPlan plan = { 0, };
          char *start, *end;

          if (op->state != PD_SCHED_FREE)
            continue;
          if (op->start != g_array_index (before, gint64, 2 * i)
              || op->end != g_array_index (before, gint64, 2 * i + 1))
            moved = TRUE;
          start = format_time (op->start);
          end = format_time (op->end);
          g_ptr_array_add (texts, start);
          g_ptr_array_add (texts, end);
          plan.seq = op->seq;
          plan.planned_start = start;
          plan.planned_end = end;
          g_array_append_val (plans, plan);
        }
      if (!moved && !is_released)
        continue;
      if (!_pd_work_order_schedule_in_write (write, order->number, (const PdWoOpPlan *) (gpointer) plans->data,
                                             plans->len, error))
        return FALSE;
      json_array_add_string_element (numbers, order->number);
    }

  detail = g_strdup_printf ("%u work orders planned", json_array_get_length (numbers));
  pd_write_set_entity_id (write, NULL);
  pd_write_set_detail (write, detail);
  payload = json_object_new ();
  json_object_set_array_member (payload, "work_orders", numbers);
  pd_write_take_payload (write, payload);
  req->schedule = g_steal_pointer (&schedule);
  return TRUE;
}

gboolean
pd_store_schedule_all (PdStore      *self,
                       PdUser       *actor,
                       GTimeZone    *tz,
                       PdSchedule  **schedule,
                       GError      **error)
{
  ScheduleAll req = { tz, NULL };
  gboolean ok;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  ok = pd_store_write (self, actor, PD_PERMISSION_MES_PLAN, "wo.schedule-all", "work_order",
                       write_schedule_all, &req, error);
  if (ok && schedule != NULL)
    *schedule = g_steal_pointer (&req.schedule);
  g_clear_pointer (&req.schedule, pd_schedule_free);
  return ok;
}

/* The operation SEQ of the order NUMBER in SCHEDULE, or -1 and an error. */
static int
find_operation (PdSchedule  *schedule,
                const char  *number,
                guint        seq,
                GError     **error)
{
  for (guint o = 0; o < pd_schedule_get_n_orders (schedule); o++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, o);

      if (g_ascii_strcasecmp (order->number, number) != 0)
        continue;
      for (guint i = order->first_op; i < order->first_op + order->n_ops; i++)
        if (pd_schedule_get_operation (schedule, i)->seq == seq)
          return i;
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("Work order %s has no operation %u."), order->number, seq);
      return -1;
    }
  g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
               _("No work order “%s” to plan: it is not released, scheduled or in production."), number);
  return -1;
}

typedef struct
{
  const char  *number;
  guint        seq;
  const char  *work_center_code;
  gint64       start;
  GTimeZone   *tz;
} MoveRequest;

static gboolean
write_move (PdWrite   *write,
            gpointer   user_data,
            GError   **error)
{
  MoveRequest *req = user_data;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end_text = NULL;
  const PdSchedWorkCenter *target;
  PdSchedOp *op;
  PdWoOpPlan plan = { 0, };
  gint64 end = 0;
  int index;
  int wc = -1;

  schedule = pd_schedule_load (pd_write_get_db (write), req->tz, error);
  if (schedule == NULL)
    return FALSE;
  /* Checked against the work centers as they stand: an operation still
   * running holds its own until it can end. */
  pd_schedule_project_running (schedule, g_get_real_time (), PD_SCHEDULE_HORIZON);
  index = find_operation (schedule, req->number, req->seq, error);
  if (index < 0)
    return FALSE;
  op = pd_schedule_get_operation (schedule, index);

  if (req->work_center_code == NULL)
    wc = op->work_center;
  else
    for (guint i = 0; i < pd_schedule_get_n_work_centers (schedule); i++)
      if (g_ascii_strcasecmp (pd_schedule_get_work_center (schedule, i)->code, req->work_center_code) == 0)
        wc = i;
  if (wc < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No work center “%s”."), req->work_center_code);
      return FALSE;
    }
  if (!pd_schedule_check_move (schedule, index, wc, req->start, &end, error))
    return FALSE;

  target = pd_schedule_get_work_center (schedule, wc);
  start = format_time (req->start);
  end_text = format_time (end);
  plan.seq = req->seq;
  plan.planned_start = start;
  plan.planned_end = end_text;
  plan.locked = TRUE;
  plan.work_center_code = (guint) wc != op->work_center ? target->code : NULL;
  return _pd_work_order_schedule_in_write (write, pd_schedule_get_order (schedule, op->order)->number,
                                           &plan, 1, error);
}

gboolean
pd_store_move_operation (PdStore     *self,
                         PdUser      *actor,
                         const char  *number,
                         guint        seq,
                         const char  *work_center_code,
                         gint64       start,
                         GTimeZone   *tz,
                         GError     **error)
{
  MoveRequest req = { number, seq, work_center_code, start, tz };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  return pd_store_write (self, actor, PD_PERMISSION_MES_PLAN, "wo.move", "work_order", write_move, &req, error);
}

typedef struct
{
  const char  *number;
  guint        seq;
} UnlockRequest;

static gboolean
write_unlock (PdWrite   *write,
              gpointer   user_data,
              GError   **error)
{
  UnlockRequest *req = user_data;
  g_autoptr(PdWorkOrder) wo = NULL;
  const PdWoOperation *op;
  PdWoOpPlan plan = { 0, };

  wo = _pd_work_order_load (pd_write_get_db (write), 0, req->number, error);
  if (wo == NULL)
    return FALSE;
  op = pd_work_order_get_operation (wo, req->seq);
  if (op == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("Work order %s has no operation %u."), wo->number, req->seq);
      return FALSE;
    }
  if (!op->locked || op->planned_start == NULL || op->planned_end == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of work order %s is not locked."), op->seq, wo->number);
      return FALSE;
    }
  plan.seq = op->seq;
  plan.planned_start = op->planned_start;
  plan.planned_end = op->planned_end;
  plan.locked = FALSE;
  return _pd_work_order_schedule_in_write (write, wo->number, &plan, 1, error);
}

gboolean
pd_store_unlock_operation (PdStore     *self,
                           PdUser      *actor,
                           const char  *number,
                           guint        seq,
                           GError     **error)
{
  UnlockRequest req = { number, seq };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  return pd_store_write (self, actor, PD_PERMISSION_MES_PLAN, "wo.unlock", "work_order", write_unlock, &req,
                         error);
}
