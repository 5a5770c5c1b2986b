/* pd-work-order.c — work orders, their operations and events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-work-order.h"

static const char * const wo_status_names[PD_WO_N_STATUSES] = {
  "draft", "released", "scheduled", "issued", "in-progress", "paused",
  "completed", "closed", "cancelled",
};

static const char * const op_status_names[PD_WO_OP_N_STATUSES] = {
  "pending", "ready", "running", "paused", "done",
};

static const char * const pause_names[PD_N_PAUSE_REASONS] = {
  "material", "breakdown", "changeover", "quality", "break", "other",
};

static const char * const scrap_names[PD_N_SCRAP_REASONS] = {
  "material", "setup", "machine", "operator", "dimension", "surface", "other",
};

static const char * const action_names[PD_WO_N_ACTIONS] = {
  "create", "release", "schedule", "issue", "start", "pause", "resume",
  "report", "complete", "close", "cancel",
};

static gboolean
from_string (const char * const *names,
             guint               n,
             const char         *str,
             guint              *value)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (names[i], str) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pd_wo_status_to_string (PdWoStatus status)
{
  g_return_val_if_fail (status < PD_WO_N_STATUSES, NULL);
  return wo_status_names[status];
}

gboolean
pd_wo_status_from_string (const char *str,
                          PdWoStatus *status)
{
  guint v;

  if (!from_string (wo_status_names, PD_WO_N_STATUSES, str, &v))
    return FALSE;
  *status = v;
  return TRUE;
}

const char *
pd_wo_status_get_label (PdWoStatus status)
{
  switch (status)
    {
    /* TRANSLATORS: the state of a work order */
    case PD_WO_DRAFT: return C_("work order", "Draft");
    case PD_WO_RELEASED: return C_("work order", "Released");
    case PD_WO_SCHEDULED: return C_("work order", "Scheduled");
    case PD_WO_ISSUED: return C_("work order", "Issued");
    case PD_WO_IN_PROGRESS: return C_("work order", "In progress");
    case PD_WO_PAUSED: return C_("work order", "Paused");
    case PD_WO_COMPLETED: return C_("work order", "Completed");
    case PD_WO_CLOSED: return C_("work order", "Closed");
    case PD_WO_CANCELLED: return C_("work order", "Cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_wo_op_status_to_string (PdWoOpStatus status)
{
  g_return_val_if_fail (status < PD_WO_OP_N_STATUSES, NULL);
  return op_status_names[status];
}

gboolean
pd_wo_op_status_from_string (const char   *str,
                             PdWoOpStatus *status)
{
  guint v;

  if (!from_string (op_status_names, PD_WO_OP_N_STATUSES, str, &v))
    return FALSE;
  *status = v;
  return TRUE;
}

const char *
pd_wo_op_status_get_label (PdWoOpStatus status)
{
  switch (status)
    {
    /* TRANSLATORS: the state of an operation of a work order */
    case PD_WO_OP_PENDING: return C_("operation", "Pending");
    case PD_WO_OP_READY: return C_("operation", "Ready");
    case PD_WO_OP_RUNNING: return C_("operation", "Running");
    case PD_WO_OP_PAUSED: return C_("operation", "Paused");
    case PD_WO_OP_DONE: return C_("operation", "Done");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_pause_reason_to_string (PdPauseReason reason)
{
  g_return_val_if_fail (reason < PD_N_PAUSE_REASONS, NULL);
  return pause_names[reason];
}

gboolean
pd_pause_reason_from_string (const char    *str,
                             PdPauseReason *reason)
{
  guint v;

  if (!from_string (pause_names, PD_N_PAUSE_REASONS, str, &v))
    return FALSE;
  *reason = v;
  return TRUE;
}

const char *
pd_pause_reason_get_label (PdPauseReason reason)
{
  switch (reason)
    {
    /* TRANSLATORS: why an operation is paused */
    case PD_PAUSE_MATERIAL: return C_("pause reason", "Material shortage");
    case PD_PAUSE_BREAKDOWN: return C_("pause reason", "Breakdown");
    case PD_PAUSE_CHANGEOVER: return C_("pause reason", "Changeover");
    case PD_PAUSE_QUALITY: return C_("pause reason", "Quality problem");
    case PD_PAUSE_BREAK: return C_("pause reason", "Break");
    case PD_PAUSE_OTHER: return C_("pause reason", "Other");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_scrap_reason_to_string (PdScrapReason reason)
{
  g_return_val_if_fail (reason < PD_N_SCRAP_REASONS, NULL);
  return scrap_names[reason];
}

gboolean
pd_scrap_reason_from_string (const char    *str,
                             PdScrapReason *reason)
{
  guint v;

  if (!from_string (scrap_names, PD_N_SCRAP_REASONS, str, &v))
    return FALSE;
  *reason = v;
  return TRUE;
}

const char *
pd_scrap_reason_get_label (PdScrapReason reason)
{
  switch (reason)
    {
    /* TRANSLATORS: why parts were scrapped */
    case PD_SCRAP_MATERIAL: return C_("scrap reason", "Material defect");
    case PD_SCRAP_SETUP: return C_("scrap reason", "Setup");
    case PD_SCRAP_MACHINE: return C_("scrap reason", "Machine fault");
    case PD_SCRAP_OPERATOR: return C_("scrap reason", "Operator error");
    case PD_SCRAP_DIMENSION: return C_("scrap reason", "Out of tolerance");
    case PD_SCRAP_SURFACE: return C_("scrap reason", "Surface defect");
    case PD_SCRAP_OTHER: return C_("scrap reason", "Other");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_wo_action_to_string (PdWoAction action)
{
  g_return_val_if_fail (action < PD_WO_N_ACTIONS, NULL);
  return action_names[action];
}

gboolean
pd_wo_action_from_string (const char *str,
                          PdWoAction *action)
{
  guint v;

  if (!from_string (action_names, PD_WO_N_ACTIONS, str, &v))
    return FALSE;
  *action = v;
  return TRUE;
}

const char *
pd_wo_action_get_label (PdWoAction action)
{
  switch (action)
    {
    /* TRANSLATORS: an action on a work order or an operation */
    case PD_WO_ACTION_CREATE: return C_("wo action", "create");
    case PD_WO_ACTION_RELEASE: return C_("wo action", "release");
    case PD_WO_ACTION_SCHEDULE: return C_("wo action", "schedule");
    case PD_WO_ACTION_ISSUE: return C_("wo action", "issue");
    case PD_WO_ACTION_START: return C_("wo action", "start");
    case PD_WO_ACTION_PAUSE: return C_("wo action", "pause");
    case PD_WO_ACTION_RESUME: return C_("wo action", "resume");
    case PD_WO_ACTION_REPORT: return C_("wo action", "report");
    case PD_WO_ACTION_COMPLETE: return C_("wo action", "complete");
    case PD_WO_ACTION_CLOSE: return C_("wo action", "close");
    case PD_WO_ACTION_CANCEL: return C_("wo action", "cancel");
    default: g_return_val_if_reached (NULL);
    }
}

char *
pd_work_order_format_number (gint64 n)
{
  return g_strdup_printf ("WO-%06" PRId64, n);
}

gboolean
pd_work_order_is_late (const PdWorkOrder *wo)
{
  g_autoptr(GDateTime) due = wo->due != NULL ? g_date_time_new_from_iso8601 (wo->due, NULL) : NULL;
  g_autoptr(GDateTime) end = wo->planned_end != NULL ? g_date_time_new_from_iso8601 (wo->planned_end, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (due == NULL || wo->status == PD_WO_COMPLETED || wo->status == PD_WO_CLOSED ||
      wo->status == PD_WO_CANCELLED)
    return FALSE;
  return g_date_time_compare (now, due) > 0 || (end != NULL && g_date_time_compare (end, due) > 0);
}

PdWorkOrder *
pd_work_order_new (void)
{
  PdWorkOrder *wo = g_new0 (PdWorkOrder, 1);

  wo->priority = PD_WO_PRIORITY_DEFAULT;
  wo->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_wo_operation_free);
  return wo;
}

void
pd_work_order_free (PdWorkOrder *wo)
{
  if (wo == NULL)
    return;
  g_free (wo->uuid);
  g_free (wo->number);
  g_free (wo->product_sku);
  g_free (wo->product_name);
  g_free (wo->due);
  g_free (wo->ref);
  g_free (wo->planned_start);
  g_free (wo->planned_end);
  g_free (wo->created_at);
  g_free (wo->updated_at);
  g_ptr_array_unref (wo->ops);
  g_free (wo);
}

PdWoOperation *
pd_wo_operation_new (void)
{
  return g_new0 (PdWoOperation, 1);
}

void
pd_wo_operation_free (PdWoOperation *op)
{
  if (op == NULL)
    return;
  g_free (op->work_center_code);
  g_free (op->planned_start);
  g_free (op->planned_end);
  g_free (op);
}

PdWoOperation *
pd_work_order_get_operation (const PdWorkOrder *wo,
                             guint              seq)
{
  for (guint i = 0; i < wo->ops->len; i++)
    {
      PdWoOperation *op = g_ptr_array_index (wo->ops, i);

      if (op->seq == seq)
        return op;
    }
  return NULL;
}

void
pd_wo_event_free (PdWoEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->uuid);
  g_free (event->reason);
  g_free (event->source);
  g_free (event->user);
  g_free (event->at);
  g_free (event->payload);
  g_free (event);
}

PdQty
pd_work_order_get_good (const PdWorkOrder *wo)
{
  const PdWoOperation *last;

  if (wo->ops->len == 0)
    return 0;
  last = g_ptr_array_index (wo->ops, wo->ops->len - 1);
  return last->good;
}

PdQty
pd_work_order_get_scrap (const PdWorkOrder *wo)
{
  PdQty total = 0;

  /* Scrap is lost at any operation. */
  for (guint i = 0; i < wo->ops->len; i++)
    {
      const PdWoOperation *op = g_ptr_array_index (wo->ops, i);

      total += op->scrap;
    }
  return total;
}

static void
set_string_or_null (JsonObject *o,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static void
set_qty (JsonObject *o,
         const char *name,
         PdQty       qty)
{
  g_autofree char *s = pd_qty_to_string (qty);

  json_object_set_string_member (o, name, s);
}

JsonObject *
pd_work_order_to_json (const PdWorkOrder *wo,
                       gboolean           with_ops)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "wo", wo->number);
  set_string_or_null (o, "uuid", wo->uuid);
  set_string_or_null (o, "product", wo->product_sku);
  set_qty (o, "qty", wo->qty);
  json_object_set_string_member (o, "status", pd_wo_status_to_string (wo->status));
  set_string_or_null (o, "due", wo->due);
  json_object_set_int_member (o, "priority", wo->priority);
  set_string_or_null (o, "ref", wo->ref);
  if (wo->routing_version > 0)
    json_object_set_int_member (o, "routing_version", wo->routing_version);
  else
    json_object_set_null_member (o, "routing_version");
  if (wo->bom_version > 0)
    json_object_set_int_member (o, "bom_version", wo->bom_version);
  else
    json_object_set_null_member (o, "bom_version");
  set_string_or_null (o, "planned_start", wo->planned_start);
  set_string_or_null (o, "planned_end", wo->planned_end);
  set_qty (o, "good", pd_work_order_get_good (wo));
  set_qty (o, "scrap", pd_work_order_get_scrap (wo));
  set_string_or_null (o, "created_at", wo->created_at);
  set_string_or_null (o, "updated_at", wo->updated_at);

  if (with_ops)
    {
      JsonArray *ops = json_array_new ();

      for (guint i = 0; i < wo->ops->len; i++)
        {
          const PdWoOperation *op = g_ptr_array_index (wo->ops, i);
          JsonObject *j = json_object_new ();

          json_object_set_int_member (j, "seq", op->seq);
          set_string_or_null (j, "work_center", op->work_center_code);
          json_object_set_int_member (j, "setup_us", op->setup_us);
          json_object_set_int_member (j, "run_us", op->run_us);
          json_object_set_boolean_member (j, "overlap", op->overlap);
          json_object_set_string_member (j, "status", pd_wo_op_status_to_string (op->status));
          set_string_or_null (j, "planned_start", op->planned_start);
          set_string_or_null (j, "planned_end", op->planned_end);
          json_object_set_boolean_member (j, "locked", op->locked);
          set_qty (j, "good", op->good);
          set_qty (j, "scrap", op->scrap);
          json_array_add_object_element (ops, j);
        }
      json_object_set_array_member (o, "operations", ops);
    }

  return o;
}
