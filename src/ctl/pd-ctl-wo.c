/* pd-ctl-wo.c — plantdesk-ctl wo: work orders and their operations
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-ctl"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-ctl-private.h"

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "—";
}

static char *
local_or_dash (const char *timestamp)
{
  return timestamp != NULL ? pd_ctl_format_local_time (timestamp) : g_strdup ("—");
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

/* --- wo create ------------------------------------------------------------------ */

int
pd_ctl_wo_create_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autofree char *warning = NULL;
  const char *priority = pd_ctl_args_get_option (args, "priority");

  wo->product_sku = g_strdup (pd_ctl_args_get (args, 0));
  if (!pd_ctl_parse_qty (_("QTY"), pd_ctl_args_get (args, 1), &wo->qty, &error))
    return pd_ctl_fail (error);
  wo->due = g_strdup (pd_ctl_args_get_option (args, "due"));
  wo->ref = g_strdup (pd_ctl_args_get_option (args, "ref"));
  if (priority != NULL)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (priority, 10, PD_WO_PRIORITY_MIN, PD_WO_PRIORITY_MAX, &value, NULL))
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--priority is from %d (most urgent) to %d, not “%s”."),
                       PD_WO_PRIORITY_MIN, PD_WO_PRIORITY_MAX, priority);
          return pd_ctl_fail (error);
        }
      wo->priority = (guint) value;
    }

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_create_work_order (ctl->store, ctl->actor, wo, &warning, &error))
    return pd_ctl_fail (error);

  if (warning != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), warning);
  if (ctl->json)
    print_object (pd_work_order_to_json (wo, FALSE));
  else
    pd_ctl_print_line ("%s", wo->number);
  return PD_CTL_EXIT_OK;
}

/* --- wo release|issue|cancel|close, start|resume|complete ------------------------ */

static int
finish_action (PdCtl       *ctl,
               const char  *number,
               guint        seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (ctl->store, number, &error);

  if (wo == NULL)
    return pd_ctl_fail (error);
  if (ctl->json)
    {
      print_object (pd_work_order_to_json (wo, TRUE));
      return PD_CTL_EXIT_OK;
    }
  if (seq > 0)
    {
      const PdWoOperation *op = pd_work_order_get_operation (wo, seq);

      /* TRANSLATORS: the work order's number, its state, the operation's number and its state */
      pd_ctl_print_line (_("%s: %s; operation %u: %s."), wo->number, pd_wo_status_get_label (wo->status),
                         seq, op != NULL ? pd_wo_op_status_get_label (op->status) : "—");
    }
  else
    /* TRANSLATORS: the work order's number and its state */
    pd_ctl_print_line (_("%s: %s."), wo->number, pd_wo_status_get_label (wo->status));
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_wo_action_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *number = pd_ctl_args_get (args, 0);
  PdWoAction action;
  guint seq = 0;

  if (!pd_wo_action_from_string (command->name, &action))
    g_return_val_if_reached (PD_CTL_EXIT_FAILED);
  if (pd_ctl_command_n_arguments (command) > 1 && !parse_seq (pd_ctl_args_get (args, 1), &seq, &error))
    return pd_ctl_fail (error);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_work_order_action (ctl->store, ctl->actor, number, action, seq, &error))
    return pd_ctl_fail (error);
  return finish_action (ctl, number, seq);
}

/* --- wo pause ---------------------------------------------------------------------- */

static char *
codes_text (gboolean pause)
{
  GString *s = g_string_new (NULL);
  guint n = pause ? PD_N_PAUSE_REASONS : PD_N_SCRAP_REASONS;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            pause ? pd_pause_reason_to_string (i) : pd_scrap_reason_to_string (i));
  return g_string_free (s, FALSE);
}

int
pd_ctl_wo_pause_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *number = pd_ctl_args_get (args, 0);
  const char *reason_text = pd_ctl_args_get_option (args, "reason");
  PdPauseReason reason;
  guint seq = 0;

  if (!parse_seq (pd_ctl_args_get (args, 1), &seq, &error))
    return pd_ctl_fail (error);
  if (!pd_pause_reason_from_string (reason_text, &reason))
    {
      g_autofree char *codes = codes_text (TRUE);

      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--reason “%s” is not a pause reason: one of %s."), reason_text, codes);
      return pd_ctl_fail (error);
    }
  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_pause_operation (ctl->store, ctl->actor, number, seq, reason, &error))
    return pd_ctl_fail (error);
  return finish_action (ctl, number, seq);
}

/* --- wo report --------------------------------------------------------------------- */

int
pd_ctl_wo_report_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *number = pd_ctl_args_get (args, 0);
  const char *good_text = pd_ctl_args_get_option (args, "good");
  const char *scrap_text = pd_ctl_args_get_option (args, "scrap");
  const char *reason_text = pd_ctl_args_get_option (args, "scrap-reason");
  PdScrapReason reason = PD_SCRAP_OTHER;
  PdQty good = 0, scrap = 0;
  guint seq = 0;

  if (!parse_seq (pd_ctl_args_get (args, 1), &seq, &error))
    return pd_ctl_fail (error);
  if (good_text != NULL && !pd_ctl_parse_qty ("--good", good_text, &good, &error))
    return pd_ctl_fail (error);
  if (scrap_text != NULL && !pd_ctl_parse_qty ("--scrap", scrap_text, &scrap, &error))
    return pd_ctl_fail (error);
  if (scrap != 0)
    {
      if (reason_text == NULL)
        {
          g_set_error_literal (&error, PD_ERROR, PD_ERROR_INVALID, _("--scrap needs --scrap-reason."));
          return pd_ctl_fail (error);
        }
      if (!pd_scrap_reason_from_string (reason_text, &reason))
        {
          g_autofree char *codes = codes_text (FALSE);

          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--scrap-reason “%s” is not a scrap reason: one of %s."), reason_text, codes);
          return pd_ctl_fail (error);
        }
    }
  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_report_operation (ctl->store, ctl->actor, number, seq, good, scrap, reason,
                                  pd_ctl_args_get_option (args, "source"), &error))
    return pd_ctl_fail (error);
  return finish_action (ctl, number, seq);
}

/* --- wo list / show --------------------------------------------------------------- */

int
pd_ctl_wo_list_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (list = pd_store_list_work_orders (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, pd_work_order_to_json (g_ptr_array_index (list, i), FALSE));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (8, _("WO"), _("PRODUCT"), _("QTY"), _("STATUS"), _("PRIO"),
                            _("DUE"), _("PLANNED END"), _("GOOD"));
  for (guint i = 0; i < list->len; i++)
    {
      const PdWorkOrder *wo = g_ptr_array_index (list, i);
      g_autofree char *qty = pd_qty_format (wo->qty);
      g_autofree char *prio = g_strdup_printf ("%u", wo->priority);
      g_autofree char *due = local_or_dash (wo->due);
      g_autofree char *end = local_or_dash (wo->planned_end);
      g_autofree char *good = pd_qty_format (pd_work_order_get_good (wo));

      pd_ctl_table_add_row (table, wo->number, wo->product_sku, qty, pd_wo_status_get_label (wo->status),
                            prio, due, end, good);
    }
  pd_ctl_table_print (table);
  return PD_CTL_EXIT_OK;
}

/* The ledger's moves of a work order, for wo show. */
static JsonArray *
moves_to_json (GPtrArray *moves)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < moves->len; i++)
    {
      const PdStockMove *move = g_ptr_array_index (moves, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (move->ts / G_USEC_PER_SEC);
      g_autofree char *ts = dt != NULL ? g_date_time_format_iso8601 (dt) : NULL;
      JsonObject *m = json_object_new ();

      json_object_set_int_member (m, "id", move->id);
      pd_ctl_json_set_string (m, "ts", ts);
      pd_ctl_json_set_string (m, "sku", move->sku);
      pd_ctl_json_set_string (m, "lot", move->lot_code);
      pd_ctl_json_set_string (m, "from", move->from_location != 0 ? move->from_code : NULL);
      pd_ctl_json_set_string (m, "to", move->to_location != 0 ? move->to_code : NULL);
      pd_ctl_json_set_qty (m, "qty", TRUE, move->qty);
      json_object_set_string_member (m, "reason", pd_move_reason_to_string (move->reason));
      pd_ctl_json_set_string (m, "user", move->user_name);
      pd_ctl_json_set_string (m, "ref", move->ref);
      json_array_add_object_element (array, m);
    }
  return array;
}

static void
print_moves (GPtrArray *moves)
{
  g_autoptr(PdCtlTable) table = NULL;

  if (moves->len == 0)
    return;
  pd_ctl_print_line ("%s", "");
  pd_ctl_print_line (_("Material and goods:"));
  table = pd_ctl_table_new (6, _("REASON"), _("SKU"), _("LOT"), _("FROM"), _("TO"), _("QTY"));
  for (guint i = 0; i < moves->len; i++)
    {
      const PdStockMove *move = g_ptr_array_index (moves, i);
      g_autofree char *qty = pd_qty_format (move->qty);

      pd_ctl_table_add_row (table, pd_move_reason_get_label (move->reason), move->sku, or_dash (move->lot_code),
                            or_dash (move->from_location != 0 ? move->from_code : NULL),
                            or_dash (move->to_location != 0 ? move->to_code : NULL), qty);
    }
  pd_ctl_table_print (table);
}

int
pd_ctl_wo_show_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  g_autofree char *qty = NULL;
  g_autofree char *due = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GPtrArray) moves = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wo = pd_store_find_work_order (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  if ((moves = pd_store_list_work_order_moves (ctl->store, wo->number, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonObject *object = pd_work_order_to_json (wo, TRUE);

      json_object_set_array_member (object, "moves", moves_to_json (moves));
      print_object (object);
      return PD_CTL_EXIT_OK;
    }

  qty = pd_qty_format (wo->qty);
  due = local_or_dash (wo->due);
  start = local_or_dash (wo->planned_start);
  end = local_or_dash (wo->planned_end);
  pd_ctl_print_line (_("Work order:  %s"), wo->number);
  pd_ctl_print_line (_("Product:     %s (%s)"), wo->product_sku, or_dash (wo->product_name));
  pd_ctl_print_line (_("Quantity:    %s"), qty);
  pd_ctl_print_line (_("Status:      %s"), pd_wo_status_get_label (wo->status));
  pd_ctl_print_line (_("Priority:    %u"), wo->priority);
  pd_ctl_print_line (_("Due:         %s"), due);
  pd_ctl_print_line (_("Reference:   %s"), or_dash (wo->ref));
  pd_ctl_print_line (_("Planned:     %s – %s"), start, end);
  if (wo->routing_version > 0)
    pd_ctl_print_line (_("Routing:     version %u"), wo->routing_version);
  if (wo->bom_version > 0)
    pd_ctl_print_line (_("BOM:         version %u"), wo->bom_version);
  if (wo->ops->len == 0)
    return PD_CTL_EXIT_OK;

  table = pd_ctl_table_new (7, _("SEQ"), _("WORK CENTER"), _("STATUS"), _("PLANNED START"),
                            _("PLANNED END"), _("GOOD"), _("SCRAP"));
  for (guint i = 0; i < wo->ops->len; i++)
    {
      const PdWoOperation *op = g_ptr_array_index (wo->ops, i);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *ps = local_or_dash (op->planned_start);
      g_autofree char *pe = local_or_dash (op->planned_end);
      g_autofree char *good = pd_qty_format (op->good);
      g_autofree char *scrap = pd_qty_format (op->scrap);

      pd_ctl_table_add_row (table, seq, op->work_center_code, pd_wo_op_status_get_label (op->status),
                            ps, pe, good, scrap);
    }
  pd_ctl_table_print (table);
  print_moves (moves);
  return PD_CTL_EXIT_OK;
}

/* --- wo shortage ------------------------------------------------------------------ */

int
pd_ctl_wo_shortage_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shortages = NULL;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wo = pd_store_find_work_order (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_store_list_work_order_shortages (ctl->store, wo->number, &shortages, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < shortages->len; i++)
        json_array_add_object_element (array, pd_wo_shortage_to_json (g_ptr_array_index (shortages, i)));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (shortages->len == 0)
    {
      pd_ctl_print_line (_("Nothing is short for work order %s."), wo->number);
      return PD_CTL_EXIT_OK;
    }
  table = pd_ctl_table_new (6, _("SKU"), _("LOCATION"), _("NEEDED"), _("ON HAND"), _("MISSING"), _("UNIT"));
  for (guint i = 0; i < shortages->len; i++)
    {
      const PdWoShortage *s = g_ptr_array_index (shortages, i);
      g_autofree char *needed = pd_qty_format (s->needed);
      g_autofree char *on_hand = pd_qty_format (s->on_hand);
      g_autofree char *missing = pd_qty_format (s->missing);

      pd_ctl_table_add_row (table, s->sku, s->location, needed, on_hand, missing, or_dash (s->unit));
    }
  pd_ctl_table_print (table);
  return PD_CTL_EXIT_OK;
}
