/* pd-ctl-stocktake.c — stocktake start, count, review, post, cancel, list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-stocktake"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-ctl-private.h"
#include "pd-store-stocktake.h"
#include "pd-store-wms.h"

static void
print_json_node (JsonNode *node)
{
  pd_ctl_print_json (node);
  json_node_unref (node);
}

/* CODE: an item's SKU or barcode, or a location's code or barcode. */
static gboolean
resolve (PdCtl       *ctl,
         const char  *code,
         gboolean     want_item,
         gint64      *id,
         GError     **error)
{
  gint64 item_id = 0;
  gint64 location_id = 0;
  g_autoptr(GError) local_error = NULL;

  if (!pd_store_resolve_code (ctl->store, code, &item_id, &location_id, &local_error) &&
      !g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *id = want_item ? item_id : location_id;
  if (*id != 0)
    return TRUE;

  if (want_item)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No item has the SKU or barcode “%s”."), code);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No location has the code or barcode “%s”."), code);
  return FALSE;
}

/* The stocktake number ID, or a usage error. */
static gboolean
parse_id (const PdCtlCommand *command,
          const char         *text,
          gint64             *id,
          int                *status)
{
  guint64 value;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }

  *status = pd_ctl_usage_error (command, _("ID must be a stocktake number, not “%s”."), text);
  return FALSE;
}

/* --- stocktake start --------------------------------------------------------- */

int
pd_ctl_stocktake_start_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) skus = NULL;
  const char *location_code = pd_ctl_args_get_option (args, "location");
  const char *sku_option = pd_ctl_args_get_option (args, "sku");
  gboolean blind = pd_ctl_args_has_option (args, "blind");
  gint64 location_id = 0;
  gint64 id;

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (location_code != NULL && !resolve (ctl, location_code, FALSE, &location_id, &error))
    return pd_ctl_fail (error);
  if (sku_option != NULL)
    {
      skus = g_strsplit (sku_option, "\n", -1);
      for (guint i = 0; skus[i] != NULL; i++)
        {
          gint64 item_id;

          if (!resolve (ctl, skus[i], TRUE, &item_id, &error))
            return pd_ctl_fail (error);
          g_array_append_val (item_ids, item_id);
        }
    }

  if ((id = pd_store_start_stocktake (ctl->store, ctl->actor, location_id, item_ids, blind, &error)) == 0)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "id", id);
      json_node_take_object (node, object);
      print_json_node (node);
    }
  else
    {
      /* Only the number, so that scripts can take it: ID=$(plantdesk-ctl stocktake start …) */
      pd_ctl_print_line ("%" PRId64, id);
    }

  return PD_CTL_EXIT_OK;
}

/* --- stocktake count --------------------------------------------------------- */

int
pd_ctl_stocktake_count_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autofree char *qty_text = NULL;
  const char *lot = pd_ctl_args_get_option (args, "lot");
  gint64 id, item_id, location_id;
  PdQty qty;
  int status;

  if (!parse_id (command, pd_ctl_args_get (args, 0), &id, &status))
    return status;
  /* TRANSLATORS: the name of the quantity argument, as in the usage. */
  if (!pd_ctl_parse_qty (_("QTY"), pd_ctl_args_get (args, 2), &qty, &error))
    return pd_ctl_fail (error);
  if (qty < 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("QTY must be 0 or more, not “%s”."), pd_ctl_args_get (args, 2));
      return pd_ctl_fail (error);
    }

  if (pd_ctl_login (ctl, &error) == NULL ||
      !resolve (ctl, pd_ctl_args_get (args, 1), TRUE, &item_id, &error) ||
      !resolve (ctl, pd_ctl_args_get_option (args, "location"), FALSE, &location_id, &error) ||
      !pd_store_count_stocktake (ctl->store, ctl->actor, id, item_id, location_id, lot, qty, &error) ||
      (item = pd_store_get_item (ctl->store, item_id, &error)) == NULL)
    return pd_ctl_fail (error);

  qty_text = pd_qty_format (qty);
  if (ctl->json)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "stocktake", id);
      json_object_set_string_member (object, "sku", item->sku);
      json_object_set_string_member (object, "location", pd_ctl_args_get_option (args, "location"));
      pd_ctl_json_set_string (object, "lot", lot);
      pd_ctl_json_set_qty (object, "qty", TRUE, qty);
      json_node_take_object (node, object);
      print_json_node (node);
    }
  else
    {
      /* TRANSLATORS: quantity, unit, SKU, location, then the stocktake's number. */
      pd_ctl_print_line (_("Counted %s %s of %s at %s (stocktake %" PRId64 ")."),
                         qty_text, item->unit, item->sku, pd_ctl_args_get_option (args, "location"), id);
    }

  return PD_CTL_EXIT_OK;
}

/* --- stocktake review -------------------------------------------------------- */

static JsonObject *
line_to_json (const PdStocktakeLine *line)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "sku", line->sku);
  json_object_set_string_member (object, "location", line->location_code);
  pd_ctl_json_set_string (object, "lot", line->lot_code);
  pd_ctl_json_set_string (object, "unit", line->unit);
  json_object_set_boolean_member (object, "found", line->found);
  pd_ctl_json_set_qty (object, "expected", line->has_expected, line->expected);
  pd_ctl_json_set_qty (object, "moved", line->has_expected, line->moved);
  json_object_set_boolean_member (object, "counted", line->counted);
  pd_ctl_json_set_qty (object, "counted_qty", line->counted, line->counted_qty);
  json_object_set_int_member (object, "counts", line->n_counts);
  pd_ctl_json_set_qty (object, "difference", line->has_difference, line->difference);

  return object;
}

int
pd_ctl_stocktake_review_run (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  gboolean as_zero = pd_ctl_args_has_option (args, "uncounted-as-zero");
  gint64 id;
  int status;

  if (!parse_id (command, pd_ctl_args_get (args, 0), &id, &status))
    return status;
  if (pd_ctl_login (ctl, &error) == NULL ||
      (stocktake = pd_store_get_stocktake (ctl->store, id, &error)) == NULL ||
      (lines = pd_store_review_stocktake (ctl->store, ctl->actor, id, as_zero, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_sized_new (lines->len);

      json_object_set_int_member (object, "id", id);
      json_object_set_string_member (object, "status", pd_stocktake_status_to_string (stocktake->status));
      json_object_set_boolean_member (object, "blind", stocktake->blind);
      for (guint i = 0; i < lines->len; i++)
        json_array_add_object_element (array, line_to_json (g_ptr_array_index (lines, i)));
      json_object_set_array_member (object, "lines", array);
      json_node_take_object (node, object);
      print_json_node (node);
      return PD_CTL_EXIT_OK;
    }

  if (lines->len == 0)
    {
      pd_ctl_print_line ("%s", _("Nothing was expected or counted."));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: column headings of a stocktake's review; MOVED is the
   * stock moved in or out since the count started. */
  table = pd_ctl_table_new (8, _("SKU"), _("LOCATION"), _("LOT"), _("EXPECTED"), _("MOVED"),
                            _("COUNTED"), _("DIFFERENCE"), _("UNIT"));
  for (guint i = 0; i < lines->len; i++)
    {
      const PdStocktakeLine *line = g_ptr_array_index (lines, i);
      g_autofree char *expected = line->has_expected ? pd_qty_format (line->expected) : g_strdup ("—");
      g_autofree char *moved = line->has_expected ? pd_qty_format (line->moved) : g_strdup ("—");
      /* TRANSLATORS: in the COUNTED column of a line nobody counted. */
      g_autofree char *counted = line->counted ? pd_qty_format (line->counted_qty) : g_strdup (_("not counted"));
      g_autofree char *difference = line->has_difference ? pd_qty_format (line->difference) : g_strdup ("—");
      g_autofree char *shown = NULL;

      /* TRANSLATORS: after the expected quantity of stock found where none was expected. */
      shown = line->found ? g_strdup_printf (_("%s (found)"), expected) : g_strdup (expected);
      pd_ctl_table_add_row (table, line->sku, line->location_code,
                            line->lot_code != NULL ? line->lot_code : "",
                            shown, moved, counted, difference, line->unit);
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

/* --- stocktake post, cancel -------------------------------------------------- */

int
pd_ctl_stocktake_post_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  gboolean as_zero = pd_ctl_args_has_option (args, "uncounted-as-zero");
  guint n = 0;
  gint64 id;
  int status;

  if (!parse_id (command, pd_ctl_args_get (args, 0), &id, &status))
    return status;
  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_post_stocktake (ctl->store, ctl->actor, id, as_zero, &n, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "id", id);
      json_object_set_int_member (object, "adjustments", n);
      json_node_take_object (node, object);
      print_json_node (node);
    }
  else
    {
      pd_ctl_print_line (ngettext ("Posted stocktake %" PRId64 " with %u adjustment.",
                                   "Posted stocktake %" PRId64 " with %u adjustments.", n),
                         id, n);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_stocktake_cancel_run (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!parse_id (command, pd_ctl_args_get (args, 0), &id, &status))
    return status;
  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_cancel_stocktake (ctl->store, ctl->actor, id, &error))
    return pd_ctl_fail (error);

  pd_ctl_print_line (_("Cancelled stocktake %" PRId64 "."), id);
  return PD_CTL_EXIT_OK;
}

/* --- stocktake list ---------------------------------------------------------- */

int
pd_ctl_stocktake_list_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (list = pd_store_list_stocktakes (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (list->len);

      for (guint i = 0; i < list->len; i++)
        {
          const PdStocktake *stocktake = g_ptr_array_index (list, i);
          JsonObject *object = json_object_new ();

          json_object_set_int_member (object, "id", stocktake->id);
          json_object_set_string_member (object, "status", pd_stocktake_status_to_string (stocktake->status));
          pd_ctl_json_set_string (object, "location", stocktake->location_code);
          json_object_set_int_member (object, "items", stocktake->item_ids->len);
          json_object_set_boolean_member (object, "blind", stocktake->blind);
          json_object_set_string_member (object, "started_at", stocktake->started_at);
          pd_ctl_json_set_string (object, "started_by", stocktake->started_by);
          pd_ctl_json_set_string (object, "posted_at", stocktake->posted_at);
          pd_ctl_json_set_string (object, "posted_by", stocktake->posted_by);
          json_object_set_int_member (object, "lines", stocktake->n_lines);
          json_object_set_int_member (object, "counted", stocktake->n_counted);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      print_json_node (node);
      return PD_CTL_EXIT_OK;
    }

  if (list->len == 0)
    {
      pd_ctl_print_line ("%s", _("No stocktakes."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (7, _("ID"), _("STATUS"), _("LOCATION"), _("BLIND"),
                            _("STARTED"), _("BY"), _("COUNTED"));
  for (guint i = 0; i < list->len; i++)
    {
      const PdStocktake *stocktake = g_ptr_array_index (list, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, stocktake->id);
      g_autofree char *started = pd_ctl_format_local_time (stocktake->started_at);
      /* TRANSLATORS: lines counted of lines in a stocktake, e.g. "3/10". */
      g_autofree char *counted = g_strdup_printf (_("%u/%u"), stocktake->n_counted, stocktake->n_lines);

      pd_ctl_table_add_row (table, id, pd_stocktake_status_get_label (stocktake->status),
                            /* TRANSLATORS: the scope of a stocktake without a location. */
                            stocktake->location_code != NULL ? stocktake->location_code : _("everywhere"),
                            stocktake->blind ? _("yes") : _("no"),
                            started, stocktake->started_by != NULL ? stocktake->started_by : "",
                            counted);
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}
