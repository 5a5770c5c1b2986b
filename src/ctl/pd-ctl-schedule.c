/* pd-ctl-schedule.c — plantdesk-ctl schedule: plan every open work order
 * on the work centers' capacity, move and unlock one operation
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-ctl"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-ctl-private.h"
#include "pd-store-schedule.h"

static char *
iso_utc (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
local_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (t / G_USEC_PER_SEC);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

static const char *
state_to_string (PdSchedState state)
{
  switch (state)
    {
    case PD_SCHED_LOCKED: return "locked";
    case PD_SCHED_RUNNING: return "running";
    case PD_SCHED_DONE: return "done";
    case PD_SCHED_FREE:
    default: return "planned";
    }
}

static void
print_json (PdSchedule *schedule)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdSchedOrder *order = pd_schedule_get_order (schedule, op->order);
      JsonObject *j = json_object_new ();

      json_object_set_string_member (j, "wo", order->number);
      json_object_set_int_member (j, "op", op->seq);
      json_object_set_string_member (j, "workcenter", pd_schedule_get_work_center (schedule, op->work_center)->code);
      if (op->start != 0 || op->end != 0)
        {
          g_autofree char *start = iso_utc (op->start);
          g_autofree char *end = iso_utc (op->end);

          json_object_set_string_member (j, "start", start);
          json_object_set_string_member (j, "end", end);
        }
      else
        {
          json_object_set_null_member (j, "start");
          json_object_set_null_member (j, "end");
        }
      json_object_set_string_member (j, "state", state_to_string (op->state));
      json_object_set_int_member (j, "waited_s", op->waited_us / G_USEC_PER_SEC);
      json_object_set_boolean_member (j, "late", order->late);
      if (order->bottleneck > 0)
        json_object_set_string_member (j, "bottleneck",
                                       pd_schedule_get_work_center (schedule, order->bottleneck - 1)->code);
      else
        json_object_set_null_member (j, "bottleneck");
      json_array_add_object_element (array, j);
    }
  json_node_take_array (node, array);
  pd_ctl_print_json (node);
}

int
pd_ctl_schedule_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_schedule_all (ctl->store, ctl->actor, NULL, &schedule, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_json (schedule);
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (6, _("WO"), _("OP"), _("WORK CENTER"), _("START"), _("END"), _("LATE"));
  for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdSchedOrder *order = pd_schedule_get_order (schedule, op->order);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *start = local_time (op->start);
      g_autofree char *end = local_time (op->end);

      pd_ctl_table_add_row (table, order->number, seq,
                            pd_schedule_get_work_center (schedule, op->work_center)->code, start, end,
                            /* TRANSLATORS: in the LATE column of a late work order */
                            order->late ? C_("schedule", "late") : "");
    }
  pd_ctl_table_print (table);

  for (guint o = 0; o < pd_schedule_get_n_orders (schedule); o++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, o);
      g_autofree char *end = NULL;
      g_autofree char *due = NULL;

      if (!order->late)
        continue;
      end = local_time (order->end);
      due = local_time (order->due);
      if (order->bottleneck > 0)
        /* TRANSLATORS: the order, its planned end, its due time and the work center it waited for */
        pd_ctl_print_line (_("%s is late: it ends %s, due %s; bottleneck %s."), order->number, end, due,
                           pd_schedule_get_work_center (schedule, order->bottleneck - 1)->code);
      else
        /* TRANSLATORS: the order, its planned end and its due time */
        pd_ctl_print_line (_("%s is late: it ends %s, due %s; it never waited for a work center."),
                           order->number, end, due);
    }
  return PD_CTL_EXIT_OK;
}

static gboolean
parse_seq (const char  *text,
           guint       *seq,
           GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("SEQ is the sequence number of an operation, such as 10, not “%s”."), text);
      return FALSE;
    }
  *seq = (guint) value;
  return TRUE;
}

int
pd_ctl_schedule_move_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  const char *number = pd_ctl_args_get (args, 0);
  const char *start_text = pd_ctl_args_get_option (args, "start");
  guint seq = 0;

  if (!parse_seq (pd_ctl_args_get (args, 1), &seq, &error))
    return pd_ctl_fail (error);
  start = pd_ctl_parse_time (start_text);
  if (start == NULL)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   /* TRANSLATORS: the first %s names the field, e.g. "Due", the second the value */
                   _("%s “%s” is not a valid ISO 8601 time such as 2026-05-01T14:00:00Z."), "--start",
                   start_text != NULL ? start_text : "");
      return pd_ctl_fail (error);
    }

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_move_operation (ctl->store, ctl->actor, number, seq, pd_ctl_args_get_option (args, "workcenter"),
                                g_date_time_to_unix (start) * G_USEC_PER_SEC + g_date_time_get_microsecond (start),
                                NULL, &error))
    return pd_ctl_fail (error);
  /* TRANSLATORS: the operation and its work order */
  pd_ctl_print_line (_("Operation %u of %s is locked at its new place."), seq, number);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_schedule_unlock_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *number = pd_ctl_args_get (args, 0);
  guint seq = 0;

  if (!parse_seq (pd_ctl_args_get (args, 1), &seq, &error))
    return pd_ctl_fail (error);
  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_unlock_operation (ctl->store, ctl->actor, number, seq, &error))
    return pd_ctl_fail (error);
  /* TRANSLATORS: the operation and its work order */
  pd_ctl_print_line (_("Operation %u of %s is unlocked; the next scheduling places it."), seq, number);
  return PD_CTL_EXIT_OK;
}
