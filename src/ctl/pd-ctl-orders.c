/* pd-ctl-orders.c — order create, list, show, pick, release, cancel, close:
 * inbound, outbound and transfer orders
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-orders"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-ctl-private.h"
#include "pd-store-orders.h"
#include "pd-store-wms.h"

static void
print_node_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

static JsonObject *
order_to_json (const PdStockOrder *order,
               gboolean            with_lines)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "ref", order->ref);
  json_object_set_string_member (object, "kind", pd_order_kind_to_string (order->kind));
  json_object_set_string_member (object, "status", pd_order_status_to_string (order->status));
  pd_ctl_json_set_string (object, "location", order->location_code);
  pd_ctl_json_set_string (object, "to", order->dest_location_code);
  pd_ctl_json_set_string (object, "partner", order->partner);
  pd_ctl_json_set_string (object, "notes", order->notes);
  json_object_set_int_member (object, "tolerance", order->tolerance);
  json_object_set_boolean_member (object, "closed_short", order->closed_short);
  pd_ctl_json_set_string (object, "created", order->created_at);
  pd_ctl_json_set_string (object, "updated", order->updated_at);

  if (with_lines)
    {
      JsonArray *lines = json_array_sized_new (order->lines->len);

      for (guint i = 0; i < order->lines->len; i++)
        {
          const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
          JsonObject *l = json_object_new ();

          json_object_set_int_member (l, "line", line->line_no);
          json_object_set_string_member (l, "sku", line->sku);
          pd_ctl_json_set_string (l, "lot", line->lot_code);
          pd_ctl_json_set_qty (l, "qty", TRUE, line->qty);
          pd_ctl_json_set_qty (l, "done", TRUE, line->done_qty);
          pd_ctl_json_set_qty (l, "remaining", TRUE, pd_stock_order_line_remaining (line));
          pd_ctl_json_set_string (l, "unit", line->unit);
          json_object_set_boolean_member (l, "short", line->short_closed);
          json_array_add_object_element (lines, l);
        }
      json_object_set_array_member (object, "lines", lines);
    }

  return object;
}

/* The location CODE names: its code or its barcode. */
static gint64
find_location_id (PdCtl       *ctl,
                  const char  *code,
                  GError     **error)
{
  gint64 item_id = 0;
  gint64 location_id = 0;

  g_autoptr(GError) local_error = NULL;

  if (!pd_store_resolve_code (ctl->store, code, &item_id, &location_id, &local_error) &&
      !g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (location_id == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No location has the code or barcode “%s”."), code);

  return location_id;
}

/* --- order create -------------------------------------------------------------- */

/* "SKU:QTY" or "SKU:QTY:LOT". */
static gboolean
parse_line (PdStockOrder  *order,
            const char    *text,
            GError       **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  g_autoptr(GError) local_error = NULL;
  PdQty qty = 0;

  if (g_strv_length (parts) < 2 || *parts[0] == '\0' || *parts[1] == '\0' ||
      (parts[2] != NULL && *parts[2] == '\0'))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--line “%s”: expected SKU:QTY or SKU:QTY:LOT."), text);
      return FALSE;
    }
  if (!pd_qty_parse (parts[1], &qty, &local_error))
    {
      /* TRANSLATORS: the --line value, then why its quantity is refused. */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("--line “%s”: %s"), text, local_error->message);
      return FALSE;
    }
  if (qty <= 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--line “%s”: the quantity must be more than 0."), text);
      return FALSE;
    }

  pd_stock_order_add_line (order, parts[0], parts[2], qty);
  return TRUE;
}

int
pd_ctl_order_create_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_auto(GStrv) lines = NULL;
  const char *kind_text = pd_ctl_args_get (args, 0);
  const char *location = pd_ctl_args_get_option (args, "location");
  const char *to = pd_ctl_args_get_option (args, "to");
  const char *tolerance = pd_ctl_args_get_option (args, "tolerance");
  const char *line_values = pd_ctl_args_get_option (args, "line");
  PdOrderKind kind;

  if (!pd_order_kind_from_string (kind_text, &kind))
    return pd_ctl_usage_error (command, _("KIND must be “inbound”, “outbound” or “transfer”, not “%s”."),
                               kind_text);
  if (kind == PD_ORDER_TRANSFER && location == NULL)
    return pd_ctl_usage_error (command, _("A transfer needs --location, where the stock comes from."));
  if (kind == PD_ORDER_TRANSFER && to == NULL)
    return pd_ctl_usage_error (command, _("A transfer needs --to, where the stock goes."));
  if (kind != PD_ORDER_TRANSFER && to != NULL)
    return pd_ctl_usage_error (command, _("--to is for transfers only; a %s order has no destination."),
                               kind_text);

  order = pd_stock_order_new (kind);
  order->ref = g_strdup (pd_ctl_args_get (args, 1));
  order->partner = g_strdup (pd_ctl_args_get_option (args, "partner"));
  order->notes = g_strdup (pd_ctl_args_get_option (args, "notes"));

  if (tolerance != NULL)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (tolerance, 10, 0, PD_ORDER_TOLERANCE_MAX, &value, NULL))
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--tolerance: “%s” is not a whole percentage from 0 to %d."),
                       tolerance, PD_ORDER_TOLERANCE_MAX);
          return pd_ctl_fail (error);
        }
      order->tolerance = (guint) value;
    }

  lines = g_strsplit (line_values != NULL ? line_values : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !parse_line (order, lines[i], &error))
      return pd_ctl_fail (error);

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (location != NULL && (order->location_id = find_location_id (ctl, location, &error)) == 0)
    return pd_ctl_fail (error);
  if (to != NULL && (order->dest_location_id = find_location_id (ctl, to, &error)) == 0)
    return pd_ctl_fail (error);
  if (to != NULL && order->dest_location_id == order->location_id)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--to “%s” is the location the stock comes from (--location “%s”); choose another destination."),
                   to, location);
      return pd_ctl_fail (error);
    }

  if (!pd_store_create_order (ctl->store, ctl->actor, order,
                              !pd_ctl_args_has_option (args, "draft"), &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_node_object (order_to_json (order, TRUE));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: "Created inbound order PO-1 with 3 lines (released)." */
  pd_ctl_print_line (ngettext ("Created %s order %s with %u line (%s).",
                               "Created %s order %s with %u lines (%s).",
                               order->lines->len),
                     pd_order_kind_to_string (order->kind), order->ref, order->lines->len,
                     pd_order_status_get_label (order->status));
  return PD_CTL_EXIT_OK;
}

/* --- order list, show -------------------------------------------------------- */

int
pd_ctl_order_list_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  const char *status_text = pd_ctl_args_get_option (args, "status");
  PdOrderStatus status;

  if (status_text != NULL && !pd_order_status_from_string (status_text, &status))
    return pd_ctl_usage_error (command,
                               _("--status must be draft, released, in-progress, done or cancelled, not “%s”."),
                               status_text);

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  orders = pd_store_list_orders (ctl->store, status_text != NULL ? (int) status : -1, &error);
  if (orders == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (orders->len);

      for (guint i = 0; i < orders->len; i++)
        json_array_add_object_element (array, order_to_json (g_ptr_array_index (orders, i), FALSE));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (orders->len == 0)
    {
      pd_ctl_print_line ("%s", _("No orders."));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: column headers; TO is a transfer's destination */
  table = pd_ctl_table_new (6, _("REF"), _("KIND"), _("STATUS"), _("LOCATION"), _("TO"), _("PARTNER"));
  for (guint i = 0; i < orders->len; i++)
    {
      const PdStockOrder *order = g_ptr_array_index (orders, i);

      pd_ctl_table_add_row (table, order->ref, pd_order_kind_to_string (order->kind),
                            pd_order_status_to_string (order->status),
                            order->location_code != NULL ? order->location_code : "",
                            order->dest_location_code != NULL ? order->dest_location_code : "",
                            order->partner != NULL ? order->partner : "");
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

static void
print_lines (const PdStockOrder *order)
{
  g_autoptr(PdCtlTable) table = NULL;

  table = pd_ctl_table_new (8, _("LINE"), _("SKU"), _("LOT"), _("QTY"), _("DONE"),
                            _("REMAINING"), _("UNIT"), _("SHORT"));
  for (guint i = 0; i < order->lines->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *no = g_strdup_printf ("%u", line->line_no);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *done = pd_qty_format (line->done_qty);
      g_autofree char *remaining = pd_qty_format (pd_stock_order_line_remaining (line));

      pd_ctl_table_add_row (table, no, line->sku, line->lot_code != NULL ? line->lot_code : "",
                            qty, done, remaining, line->unit,
                            /* TRANSLATORS: in the SHORT column: the line was closed short */
                            line->short_closed ? _("short") : "");
    }
  pd_ctl_table_print (table);
}

int
pd_ctl_order_show_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (order = pd_store_get_order (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_node_object (order_to_json (order, TRUE));
      return PD_CTL_EXIT_OK;
    }

  if (order->kind == PD_ORDER_TRANSFER)
    /* TRANSLATORS: "Order TR-1: transfer, in progress, from WH1 to WH2, tolerance 0 %" */
    pd_ctl_print_line (_("Order %s: %s, %s, from %s to %s, tolerance %u %%"),
                       order->ref, pd_order_kind_to_string (order->kind),
                       pd_order_status_get_label (order->status),
                       order->location_code, order->dest_location_code, order->tolerance);
  else
    /* TRANSLATORS: "Order PO-1: inbound, in progress, location WH1, tolerance 10 %" */
    pd_ctl_print_line (_("Order %s: %s, %s, location %s, tolerance %u %%"),
                       order->ref, pd_order_kind_to_string (order->kind),
                       pd_order_status_get_label (order->status),
                       order->location_code != NULL ? order->location_code : _("any"),
                       order->tolerance);
  if (order->partner != NULL)
    pd_ctl_print_line (_("Partner: %s"), order->partner);
  if (order->notes != NULL)
    pd_ctl_print_line (_("Notes: %s"), order->notes);
  print_lines (order);

  return PD_CTL_EXIT_OK;
}

/* --- order pick ---------------------------------------------------------------- */

int
pd_ctl_order_pick_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockMove) move = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autofree char *qty_text = NULL;
  const char *ref = pd_ctl_args_get (args, 0);
  const char *to = pd_ctl_args_get_option (args, "to");
  PdQty qty;
  PdQty remaining = 0;
  gboolean ok;
  const char *unit = "";

  /* TRANSLATORS: the name of the quantity argument, as in the usage. */
  if (!pd_ctl_parse_qty (_("QTY"), pd_ctl_args_get (args, 2), &qty, &error))
    return pd_ctl_fail (error);
  if (qty < 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("QTY must be more than 0 (or 0 for the rest of the line), not “%s”."),
                   pd_ctl_args_get (args, 2));
      return pd_ctl_fail (error);
    }

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  /* --to goes with a transfer and only with one: said in the options'
   * words rather than the scan screen's. */
  order = pd_store_get_order (ctl->store, ref, &error);
  if (order == NULL)
    return pd_ctl_fail (error);
  if (order->kind == PD_ORDER_TRANSFER && to == NULL)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("Order %s is a transfer from %s to %s: give --to, the location the stock goes to."),
                   order->ref, order->location_code, order->dest_location_code);
      return pd_ctl_fail (error);
    }
  if (order->kind != PD_ORDER_TRANSFER && to != NULL)
    {
      /* TRANSLATORS: "--to is for transfers only; order PO-1 is inbound." */
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--to is for transfers only; order %s is %s."),
                   order->ref, pd_order_kind_to_string (order->kind));
      return pd_ctl_fail (error);
    }
  g_clear_pointer (&order, pd_stock_order_free);

  if (to != NULL)
    ok = pd_store_order_execute_transfer (ctl->store, ctl->actor, ref,
                                          pd_ctl_args_get_option (args, "location"), to,
                                          pd_ctl_args_get (args, 1),
                                          pd_ctl_args_get_option (args, "lot"),
                                          qty, &move, &error);
  else
    ok = pd_store_order_execute (ctl->store, ctl->actor, ref,
                                 pd_ctl_args_get_option (args, "location"),
                                 pd_ctl_args_get (args, 1),
                                 pd_ctl_args_get_option (args, "lot"),
                                 qty, &move, &error);
  if (!ok)
    return pd_ctl_fail (error);

  /* What is left on the line: read after the commit. */
  order = pd_store_get_order (ctl->store, ref, NULL);
  if (order != NULL)
    for (guint i = 0; i < order->lines->len; i++)
      {
        const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);

        if (line->item_id == move->item_id &&
            (line->lot_code == NULL || g_strcmp0 (line->lot_code, move->lot_code) == 0))
          {
            remaining += pd_stock_order_line_remaining (line);
            unit = line->unit;
          }
      }

  if (ctl->json)
    {
      JsonObject *object = order != NULL ? order_to_json (order, TRUE) : json_object_new ();
      JsonObject *m = json_object_new ();

      json_object_set_int_member (m, "id", move->id);
      pd_ctl_json_set_string (m, "uuid", move->uuid);
      pd_ctl_json_set_string (m, "sku", move->sku);
      pd_ctl_json_set_string (m, "lot", move->lot_code);
      pd_ctl_json_set_string (m, "from", move->from_location != 0 ? move->from_code : NULL);
      pd_ctl_json_set_string (m, "to", move->to_location != 0 ? move->to_code : NULL);
      pd_ctl_json_set_qty (m, "qty", TRUE, move->qty);
      json_object_set_string_member (m, "reason", pd_move_reason_to_string (move->reason));
      json_object_set_object_member (object, "move", m);
      print_node_object (object);
      return PD_CTL_EXIT_OK;
    }

  qty_text = pd_qty_format (move->qty);
  {
    g_autofree char *left = pd_qty_format (remaining);

    if (move->reason == PD_MOVE_TRANSFER)
      /* TRANSLATORS: "Moved 4 pcs of SKU-1 from A-01 to B-01 for order TR-1 (move 7); 6 pcs remain." */
      pd_ctl_print_line (_("Moved %s %s of %s from %s to %s for order %s (move %" PRId64 "); %s %s remain."),
                         qty_text, unit, move->sku, move->from_code, move->to_code, ref, move->id,
                         left, unit);
    else if (move->reason == PD_MOVE_RECEIPT)
      /* TRANSLATORS: "Received 4 pcs of SKU-1 at A-01 for order PO-1 (move 7); 6 pcs remain." */
      pd_ctl_print_line (_("Received %s %s of %s at %s for order %s (move %" PRId64 "); %s %s remain."),
                         qty_text, unit, move->sku, move->to_code, ref, move->id, left, unit);
    else
      /* TRANSLATORS: "Picked 4 pcs of SKU-1 from A-01 for order SO-1 (move 7); 6 pcs remain." */
      pd_ctl_print_line (_("Picked %s %s of %s from %s for order %s (move %" PRId64 "); %s %s remain."),
                         qty_text, unit, move->sku, move->from_code, ref, move->id, left, unit);
  }
  if (order != NULL && order->status == PD_ORDER_DONE)
    pd_ctl_print_line (_("Order %s is complete."), order->ref);

  return PD_CTL_EXIT_OK;
}

/* --- order release, cancel, close ----------------------------------------------- */

int
pd_ctl_order_release_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *ref = pd_ctl_args_get (args, 0);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_release_order (ctl->store, ctl->actor, ref, &error))
    return pd_ctl_fail (error);

  pd_ctl_print_line (_("Released order %s."), ref);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_order_cancel_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *ref = pd_ctl_args_get (args, 0);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_cancel_order (ctl->store, ctl->actor, ref, &error))
    return pd_ctl_fail (error);

  pd_ctl_print_line (_("Cancelled order %s."), ref);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_order_close_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shorts = NULL;
  const char *ref = pd_ctl_args_get (args, 0);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_close_order (ctl->store, ctl->actor, ref, &shorts, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_sized_new (shorts->len);

      json_object_set_string_member (object, "ref", ref);
      for (guint i = 0; i < shorts->len; i++)
        {
          const PdStockOrderLine *line = g_ptr_array_index (shorts, i);
          JsonObject *l = json_object_new ();

          json_object_set_int_member (l, "line", line->line_no);
          json_object_set_string_member (l, "sku", line->sku);
          pd_ctl_json_set_string (l, "lot", line->lot_code);
          pd_ctl_json_set_qty (l, "qty", TRUE, line->qty);
          pd_ctl_json_set_qty (l, "done", TRUE, line->done_qty);
          pd_ctl_json_set_string (l, "unit", line->unit);
          json_array_add_object_element (array, l);
        }
      json_object_set_array_member (object, "short", array);
      json_node_take_object (node, object);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (shorts->len == 0)
    {
      pd_ctl_print_line (_("Closed order %s."), ref);
      return PD_CTL_EXIT_OK;
    }

  pd_ctl_print_line (ngettext ("Closed order %s short; %u line was short:",
                               "Closed order %s short; %u lines were short:",
                               shorts->len),
                     ref, shorts->len);
  for (guint i = 0; i < shorts->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (shorts, i);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *done = pd_qty_format (line->done_qty);

      /* TRANSLATORS: "  line 1: SKU-1, 3 of 8 pcs" */
      pd_ctl_print_line (_("  line %u: %s, %s of %s %s"), line->line_no, line->sku, done, qty, line->unit);
    }

  return PD_CTL_EXIT_OK;
}
