/* pd-ctl-stock.c — stock receive, issue, move, level, ledger, reverse, check
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-stock"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-ctl-private.h"
#include "pd-reorder.h"
#include "pd-store-wms.h"

/* The ledger is read in pages of this many moves. */
#define LEDGER_PAGE     1000
#define LEDGER_DEFAULT  50

/* --- Quantities, shared with pd-ctl-items.c -------------------------------- */

gboolean
pd_ctl_parse_qty (const char  *what,
                  const char  *text,
                  PdQty       *qty,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (pd_qty_parse (text, qty, &local_error))
    return TRUE;

  /* TRANSLATORS: the option or argument (e.g. "--min" or "QTY"), then why
   * its value is refused, e.g. "“1,5” is not a quantity." */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s"), what, local_error->message);
  return FALSE;
}

void
pd_ctl_json_set_qty (JsonObject *object,
                     const char *member,
                     gboolean    has_qty,
                     PdQty       qty)
{
  g_autofree char *text = has_qty ? pd_qty_to_string (qty) : NULL;

  pd_ctl_json_set_string (object, member, text);
}

/* --- Small helpers ---------------------------------------------------------- */

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

static GDateTime *
from_usec (gint64 ts)
{
  g_autoptr(GDateTime) whole = g_date_time_new_from_unix_utc (ts / G_USEC_PER_SEC);

  return whole != NULL ? g_date_time_add (whole, ts % G_USEC_PER_SEC) : NULL;
}

/* ISO 8601 in UTC, with milliseconds. */
static char *
format_iso (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autofree char *base = NULL;

  if (time == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (time) / 1000);
}

static char *
format_local (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL || (local = g_date_time_to_local (time)) == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* The item CODE names: its SKU or one of its barcodes. */
static PdItem *
find_item (PdCtl       *ctl,
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
      return NULL;
    }
  if (item_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No item has the SKU or barcode “%s”."), code);
      return NULL;
    }

  return pd_store_get_item (ctl->store, item_id, error);
}

/* The location CODE names: its code or its barcode. */
static PdLocation *
find_location (PdCtl       *ctl,
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
      return NULL;
    }
  if (location_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No location has the code or barcode “%s”."), code);
      return NULL;
    }

  return pd_store_get_location (ctl->store, location_id, error);
}

/* The unit of ITEM_ID, looked up once per item in UNITS (item id → unit). */
static const char *
item_unit (PdCtl      *ctl,
           GHashTable *units,
           gint64      item_id)
{
  const char *unit = g_hash_table_lookup (units, &item_id);

  if (unit == NULL)
    {
      g_autoptr(PdItem) item = pd_store_get_item (ctl->store, item_id, NULL);
      gint64 *key = g_new (gint64, 1);

      *key = item_id;
      unit = item != NULL ? item->unit : "";
      g_hash_table_insert (units, key, g_strdup (unit));
      unit = g_hash_table_lookup (units, key);
    }

  return unit;
}

static GHashTable *
units_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static JsonObject *
move_to_json (const PdStockMove *move,
              const char        *unit)
{
  JsonObject *object = json_object_new ();
  g_autofree char *ts = format_iso (move->ts);

  json_object_set_int_member (object, "id", move->id);
  pd_ctl_json_set_string (object, "uuid", move->uuid);
  json_object_set_string_member (object, "ts", ts);
  pd_ctl_json_set_string (object, "sku", move->sku);
  pd_ctl_json_set_string (object, "lot", move->lot_code);
  pd_ctl_json_set_string (object, "from", move->from_location != 0 ? move->from_code : NULL);
  pd_ctl_json_set_string (object, "to", move->to_location != 0 ? move->to_code : NULL);
  pd_ctl_json_set_qty (object, "qty", TRUE, move->qty);
  pd_ctl_json_set_string (object, "unit", unit);
  json_object_set_string_member (object, "reason", pd_move_reason_to_string (move->reason));
  pd_ctl_json_set_string (object, "user", move->user_name);
  pd_ctl_json_set_string (object, "station", move->station_id);
  pd_ctl_json_set_string (object, "ref", move->ref);
  if (move->reverses != 0)
    json_object_set_int_member (object, "reverses", move->reverses);
  else
    json_object_set_null_member (object, "reverses");

  return object;
}

/* --- stock receive, issue, move --------------------------------------------- */

static int
post_move (PdCtl              *ctl,
           const PdCtlCommand *command,
           PdCtlArgs          *args,
           PdMoveReason        reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) from = NULL;
  g_autoptr(PdLocation) to = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autofree char *qty_text = NULL;
  const char *from_code = pd_ctl_args_get_option (args, "from");
  const char *to_code = pd_ctl_args_get_option (args, "to");
  const char *lot = pd_ctl_args_get_option (args, "lot");
  const char *ref = pd_ctl_args_get_option (args, "ref");
  PdStockMove *move;
  PdQty qty;

  /* TRANSLATORS: the name of the quantity argument, as in the usage. */
  if (!pd_ctl_parse_qty (_("QTY"), pd_ctl_args_get (args, 1), &qty, &error))
    return pd_ctl_fail (error);
  if (qty <= 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("QTY must be more than 0, not “%s”."), pd_ctl_args_get (args, 1));
      return pd_ctl_fail (error);
    }

  if (pd_ctl_login (ctl, &error) == NULL ||
      (item = find_item (ctl, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);
  if (from_code != NULL && (from = find_location (ctl, from_code, &error)) == NULL)
    return pd_ctl_fail (error);
  if (to_code != NULL && (to = find_location (ctl, to_code, &error)) == NULL)
    return pd_ctl_fail (error);

  move = pd_stock_move_new ();
  move->item_id = item->id;
  move->lot_code = g_strdup (lot);
  move->from_location = from != NULL ? from->id : 0;
  move->to_location = to != NULL ? to->id : 0;
  move->qty = qty;
  move->reason = reason;
  move->ref = g_strdup (ref);
  g_ptr_array_add (moves, move);

  if (!pd_store_post_moves (ctl->store, ctl->actor, moves, &error))
    return pd_ctl_fail (error);

  /* The request carries no display fields; the ledger's row has them. */
  g_clear_pointer (&move->sku, g_free);
  move->sku = g_strdup (item->sku);
  g_clear_pointer (&move->from_code, g_free);
  move->from_code = g_strdup (from != NULL ? from->code : NULL);
  g_clear_pointer (&move->to_code, g_free);
  move->to_code = g_strdup (to != NULL ? to->code : NULL);

  if (ctl->json)
    {
      print_object (move_to_json (move, item->unit));
      return PD_CTL_EXIT_OK;
    }

  qty_text = pd_qty_format (qty);
  switch (reason)
    {
    case PD_MOVE_RECEIPT:
      /* TRANSLATORS: quantity, unit, SKU, location, then the move's number. */
      pd_ctl_print_line (_("Received %s %s of %s at %s (move %" PRId64 ")."),
                         qty_text, item->unit, item->sku, to->code, move->id);
      break;
    case PD_MOVE_ISSUE:
      /* TRANSLATORS: quantity, unit, SKU, location, then the move's number. */
      pd_ctl_print_line (_("Issued %s %s of %s from %s (move %" PRId64 ")."),
                         qty_text, item->unit, item->sku, from->code, move->id);
      break;
    case PD_MOVE_TRANSFER:
      /* TRANSLATORS: quantity, unit, SKU, the two locations, then the move's number. */
      pd_ctl_print_line (_("Moved %s %s of %s from %s to %s (move %" PRId64 ")."),
                         qty_text, item->unit, item->sku, from->code, to->code, move->id);
      break;
    case PD_MOVE_ADJUSTMENT:
    case PD_MOVE_REVERSAL:
    default:
      g_assert_not_reached ();
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_stock_receive_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  return post_move (ctl, command, args, PD_MOVE_RECEIPT);
}

int
pd_ctl_stock_issue_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  return post_move (ctl, command, args, PD_MOVE_ISSUE);
}

int
pd_ctl_stock_move_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  return post_move (ctl, command, args, PD_MOVE_TRANSFER);
}

/* --- stock level ------------------------------------------------------------- */

int
pd_ctl_stock_level_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) location = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GHashTable) units = units_new ();
  g_autoptr(PdCtlTable) table = NULL;
  const char *location_code = pd_ctl_args_get_option (args, "location");

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (args->positionals->len > 0 &&
      (item = find_item (ctl, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);
  if (location_code != NULL && (location = find_location (ctl, location_code, &error)) == NULL)
    return pd_ctl_fail (error);

  levels = pd_store_list_stock_levels (ctl->store, item != NULL ? item->id : 0,
                                       location != NULL ? location->id : 0, &error);
  if (levels == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (levels->len);

      for (guint i = 0; i < levels->len; i++)
        {
          const PdStockLevel *level = g_ptr_array_index (levels, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "sku", level->sku);
          json_object_set_string_member (object, "location", level->location_code);
          pd_ctl_json_set_string (object, "lot", level->lot_code);
          pd_ctl_json_set_qty (object, "qty", TRUE, level->qty);
          pd_ctl_json_set_string (object, "unit", item_unit (ctl, units, level->item_id));
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (levels->len == 0)
    {
      pd_ctl_print_line ("%s", _("No stock on hand."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (5, _("SKU"), _("LOCATION"), _("LOT"), _("QTY"), _("UNIT"));
  for (guint i = 0; i < levels->len; i++)
    {
      const PdStockLevel *level = g_ptr_array_index (levels, i);
      g_autofree char *qty = pd_qty_format (level->qty);

      pd_ctl_table_add_row (table, level->sku, level->location_code,
                            level->lot_code != NULL ? level->lot_code : "",
                            qty, item_unit (ctl, units, level->item_id));
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

/* --- stock ledger ------------------------------------------------------------ */

int
pd_ctl_stock_ledger_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GHashTable) units = units_new ();
  g_autoptr(PdCtlTable) table = NULL;
  const char *limit_text = pd_ctl_args_get_option (args, "limit");
  guint64 limit = LEDGER_DEFAULT;
  gint64 before_id = 0;

  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 0, G_MAXUINT, &limit, NULL))
    return pd_ctl_usage_error (command, _("--limit takes a number of moves from 0, not “%s”."), limit_text);

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (args->positionals->len > 0 &&
      (item = find_item (ctl, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  /* Page through the ledger, newest first, until LIMIT (0: all). */
  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint want = LEDGER_PAGE;

      if (limit != 0)
        want = MIN (want, limit - moves->len);
      if (want == 0)
        break;

      page = pd_store_list_moves (ctl->store, item != NULL ? item->id : 0, before_id, want, &error);
      if (page == NULL)
        return pd_ctl_fail (error);

      for (guint i = 0; i < page->len; i++)
        {
          PdStockMove *move = g_ptr_array_index (page, i);

          before_id = move->id;
          g_ptr_array_add (moves, pd_stock_move_copy (move));
        }
      if (page->len < want)
        break;
    }

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (moves->len);

      for (guint i = 0; i < moves->len; i++)
        {
          const PdStockMove *move = g_ptr_array_index (moves, i);

          json_array_add_object_element (array, move_to_json (move, item_unit (ctl, units, move->item_id)));
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (moves->len == 0)
    {
      pd_ctl_print_line ("%s", _("No stock moves."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (10, _("ID"), _("TIME"), _("SKU"), _("LOT"), _("FROM"), _("TO"),
                            _("QTY"), _("REASON"), _("USER"), _("REF"));
  for (guint i = 0; i < moves->len; i++)
    {
      const PdStockMove *move = g_ptr_array_index (moves, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, move->id);
      g_autofree char *time = format_local (move->ts);
      g_autofree char *number = pd_qty_format (move->qty);
      g_autofree char *qty = g_strdup_printf ("%s %s", number, item_unit (ctl, units, move->item_id));
      g_autofree char *ref = NULL;

      if (move->reverses != 0)
        /* TRANSLATORS: a reversal's reference, then the move it undoes. */
        ref = g_strdup_printf (_("%s (reverses %" PRId64 ")"), move->ref != NULL ? move->ref : "",
                               move->reverses);

      pd_ctl_table_add_row (table, id, time, move->sku != NULL ? move->sku : "",
                            move->lot_code != NULL ? move->lot_code : "",
                            move->from_location != 0 && move->from_code != NULL ? move->from_code : "—",
                            move->to_location != 0 && move->to_code != NULL ? move->to_code : "—",
                            qty, pd_move_reason_get_label (move->reason),
                            move->user_name != NULL ? move->user_name : "",
                            ref != NULL ? ref : move->ref != NULL ? move->ref : "");
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

/* --- stock reverse ----------------------------------------------------------- */

int
pd_ctl_stock_reverse_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *text = pd_ctl_args_get (args, 0);
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return pd_ctl_usage_error (command, _("MOVE-ID must be a move number, not “%s”."), text);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_reverse_move (ctl->store, ctl->actor, id, pd_ctl_args_get_option (args, "ref"), &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "reversed", id);
      print_object (object);
      return PD_CTL_EXIT_OK;
    }

  pd_ctl_print_line (_("Reversed move %" PRIu64 "."), id);
  return PD_CTL_EXIT_OK;
}

/* --- stock check ------------------------------------------------------------- */

int
pd_ctl_stock_check_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GPtrArray) levels = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (differences = pd_store_check_stock (ctl->store, &error)) == NULL ||
      (levels = pd_store_list_stock_levels (ctl->store, 0, 0, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_sized_new (differences->len);

      for (guint i = 0; i < differences->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (differences, i));
      json_object_set_boolean_member (object, "agrees", differences->len == 0);
      json_object_set_int_member (object, "rows", levels->len);
      json_object_set_array_member (object, "differences", array);
      print_object (object);
    }
  else if (differences->len == 0)
    {
      pd_ctl_print_line (ngettext ("Stock agrees with the ledger (%u row).",
                                   "Stock agrees with the ledger (%u rows).", levels->len),
                         levels->len);
    }
  else
    {
      g_printerr ("%s: ", g_get_prgname ());
      g_printerr (ngettext ("Stock differs from the ledger in %u row:\n",
                            "Stock differs from the ledger in %u rows:\n", differences->len),
                  differences->len);
      for (guint i = 0; i < differences->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (differences, i));
    }

  return differences->len == 0 ? PD_CTL_EXIT_OK : PD_CTL_EXIT_FAILED;
}

/* --- stock reorder ----------------------------------------------------------- */

static JsonObject *
reorder_to_json (const PdReorderRow *row)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "sku", row->sku);
  pd_ctl_json_set_string (object, "name", row->name);
  json_object_set_string_member (object, "warehouse", row->warehouse_code);
  pd_ctl_json_set_qty (object, "on_hand", TRUE, row->on_hand);
  pd_ctl_json_set_qty (object, "on_order", TRUE, row->on_order);
  pd_ctl_json_set_qty (object, "on_order_unplaced", TRUE, row->on_order_unplaced);
  pd_ctl_json_set_qty (object, "min", row->has_min, row->min_qty);
  pd_ctl_json_set_qty (object, "max", row->has_max, row->max_qty);
  pd_ctl_json_set_qty (object, "suggested", TRUE, row->suggested);
  pd_ctl_json_set_string (object, "unit", row->unit);
  return object;
}

int
pd_ctl_stock_reorder_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdLocation) warehouse = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  const char *warehouse_code = pd_ctl_args_get_option (args, "warehouse");
  gboolean csv = pd_ctl_args_has_option (args, "csv");
  PdQty unplaced = 0;

  if (csv && ctl->json)
    return pd_ctl_usage_error (command, _("--csv and --json cannot be given together."));

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (warehouse_code != NULL)
    {
      if ((warehouse = find_location (ctl, warehouse_code, &error)) == NULL)
        return pd_ctl_fail (error);
      if (warehouse->kind != PD_LOCATION_WAREHOUSE)
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--warehouse: “%s” is a %s, not a warehouse."),
                       warehouse_code, pd_location_kind_get_label (warehouse->kind));
          return pd_ctl_fail (error);
        }
    }

  rows = pd_store_list_reorder (ctl->store, warehouse != NULL ? warehouse->id : 0, &error);
  if (rows == NULL)
    return pd_ctl_fail (error);

  if (csv)
    {
      g_autofree char *text = pd_reorder_to_csv (rows);

      fputs (text, stdout);
      return PD_CTL_EXIT_OK;
    }

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (rows->len);

      for (guint i = 0; i < rows->len; i++)
        json_array_add_object_element (array, reorder_to_json (g_ptr_array_index (rows, i)));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (rows->len == 0)
    {
      pd_ctl_print_line ("%s", _("Nothing to reorder: no stock is below its minimum."));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: column headings of the reorder suggestions. */
  table = pd_ctl_table_new (8, _("SKU"), _("WAREHOUSE"), _("ON HAND"), _("ON ORDER"),
                            C_("stock", "MIN"), C_("stock", "MAX"), _("SUGGESTED"), _("UNIT"));
  for (guint i = 0; i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);
      g_autofree char *on_hand = pd_qty_format (row->on_hand);
      g_autofree char *on_order = pd_qty_format (row->on_order);
      g_autofree char *min = row->has_min ? pd_qty_format (row->min_qty) : g_strdup ("");
      g_autofree char *max = row->has_max ? pd_qty_format (row->max_qty) : g_strdup ("");
      g_autofree char *suggested = pd_qty_format (row->suggested);

      pd_ctl_table_add_row (table, row->sku, row->warehouse_code, on_hand, on_order,
                            min, max, suggested, row->unit);
      unplaced = MAX (unplaced, row->on_order_unplaced);
    }
  pd_ctl_table_print (table);

  /* Orders that may arrive in any warehouse are not counted in one; say
   * so, so that nobody orders them a second time unawares. */
  for (guint i = 0; unplaced > 0 && i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);
      g_autofree char *text = NULL;

      if (row->on_order_unplaced == 0 || (i > 0 && g_str_equal (row->sku, ((PdReorderRow *) g_ptr_array_index (rows, i - 1))->sku)))
        continue;
      text = pd_qty_format (row->on_order_unplaced);
      /* TRANSLATORS: quantity, unit and SKU on inbound orders without a location */
      pd_ctl_print_line (_("Also on order for no warehouse in particular: %s %s of %s."),
                         text, row->unit, row->sku);
    }

  return PD_CTL_EXIT_OK;
}
