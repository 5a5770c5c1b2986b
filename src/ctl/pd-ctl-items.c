/* pd-ctl-items.c — item add, import, list; location add, list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-items"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "pd-ctl-private.h"
#include "pd-store-wms.h"

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

/* A quantity option, if given; on a bad value prints why (exit 1). */
static gboolean
get_qty_option (PdCtlArgs  *args,
                const char *name,
                gboolean   *given,
                PdQty      *qty,
                int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("--%s", name);
  const char *text = pd_ctl_args_get_option (args, name);

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!pd_ctl_parse_qty (what, text, qty, &error))
    {
      *status = pd_ctl_fail (error);
      return FALSE;
    }

  return TRUE;
}

/* --- item add --------------------------------------------------------------- */

static JsonObject *
item_to_json (const PdItem *item)
{
  JsonObject *object = json_object_new ();
  JsonArray *barcodes = json_array_new ();

  json_object_set_string_member (object, "sku", item->sku);
  json_object_set_string_member (object, "name", item->name);
  json_object_set_string_member (object, "unit", item->unit);
  pd_ctl_json_set_string (object, "category", item->category);
  for (guint i = 0; item->barcodes != NULL && i < item->barcodes->len; i++)
    json_array_add_string_element (barcodes, g_ptr_array_index (item->barcodes, i));
  json_object_set_array_member (object, "barcodes", barcodes);
  json_object_set_boolean_member (object, "lot_tracked", item->lot_tracked);
  pd_ctl_json_set_qty (object, "min", item->has_min, item->min_qty);
  pd_ctl_json_set_qty (object, "max", item->has_max, item->max_qty);

  return object;
}

int
pd_ctl_item_add_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_item_new ();
  const char *barcodes = pd_ctl_args_get_option (args, "barcode");
  int status = PD_CTL_EXIT_FAILED;

  item->sku = g_strdup (pd_ctl_args_get (args, 0));
  item->name = g_strdup (pd_ctl_args_get_option (args, "name"));
  item->unit = g_strdup (pd_ctl_args_get_option (args, "unit"));
  item->category = g_strdup (pd_ctl_args_get_option (args, "category"));
  item->lot_tracked = pd_ctl_args_has_option (args, "lot-tracked");
  if (barcodes != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (barcodes, "\n", -1);

      if (item->barcodes == NULL)
        item->barcodes = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; codes[i] != NULL; i++)
        g_ptr_array_add (item->barcodes, g_strdup (codes[i]));
    }
  if (!get_qty_option (args, "min", &item->has_min, &item->min_qty, &status) ||
      !get_qty_option (args, "max", &item->has_max, &item->max_qty, &status))
    return status;

  if (!pd_item_validate (item, &error))
    return pd_ctl_fail (error);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_add_item (ctl->store, ctl->actor, item, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (item_to_json (item));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: the SKU, then the item's name. */
  pd_ctl_print_line (_("Added item %s “%s”."), item->sku, item->name);
  return PD_CTL_EXIT_OK;
}

/* --- item import ------------------------------------------------------------ */

static gboolean
read_input (const char  *path,
            char       **contents,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[8192];
  size_t n;

  if (g_strcmp0 (path, "-") != 0)
    return g_file_get_contents (path, contents, length, error);

  text = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);

  if (ferror (stdin))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED, _("Could not read standard input."));
      return FALSE;
    }

  *length = text->len;
  *contents = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

int
pd_ctl_item_import_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint added = 0;
  guint updated = 0;

  if (!read_input (pd_ctl_args_get (args, 0), &contents, &length, &error))
    return pd_ctl_fail (error);

  if (pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_import_items (ctl->store, ctl->actor, contents, length, &added, &updated, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "added", added);
      json_object_set_int_member (object, "updated", updated);
      print_object (object);
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: "3 added, 2 updated": numbers of items. */
  pd_ctl_print_line (_("%u added, %u updated"), added, updated);
  return PD_CTL_EXIT_OK;
}

/* --- item list -------------------------------------------------------------- */

static char *
format_threshold (gboolean has_qty,
                  PdQty    qty)
{
  return has_qty ? pd_qty_format (qty) : g_strdup ("—");
}

int
pd_ctl_item_list_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  const char *search = pd_ctl_args_get_option (args, "search");

  if (pd_ctl_login (ctl, &error) == NULL ||
      (items = pd_store_list_items (ctl->store, search, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (items->len);

      for (guint i = 0; i < items->len; i++)
        json_array_add_object_element (array, item_to_json (g_ptr_array_index (items, i)));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (items->len == 0)
    {
      pd_ctl_print_line ("%s", search != NULL ? _("No item matches.") : _("No items are defined."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (8, _("SKU"), _("NAME"), _("UNIT"), _("CATEGORY"), _("BARCODES"),
                            _("LOTS"), _("MIN"), _("MAX"));
  for (guint i = 0; i < items->len; i++)
    {
      const PdItem *item = g_ptr_array_index (items, i);
      g_autoptr(GString) barcodes = g_string_new (NULL);
      g_autofree char *min = format_threshold (item->has_min, item->min_qty);
      g_autofree char *max = format_threshold (item->has_max, item->max_qty);

      for (guint j = 0; item->barcodes != NULL && j < item->barcodes->len; j++)
        {
          if (j > 0)
            g_string_append (barcodes, ", ");
          g_string_append (barcodes, g_ptr_array_index (item->barcodes, j));
        }

      pd_ctl_table_add_row (table, item->sku, item->name, item->unit,
                            item->category != NULL ? item->category : "",
                            barcodes->str,
                            /* TRANSLATORS: whether an item is lot-tracked. */
                            item->lot_tracked ? _("yes") : _("no"),
                            min, max);
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

/* --- location add ----------------------------------------------------------- */

int
pd_ctl_location_add_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdLocation) location = NULL;
  g_autoptr(PdLocation) parent = NULL;
  const char *parent_code = pd_ctl_args_get_option (args, "parent");
  const char *kind_text = pd_ctl_args_get_option (args, "kind");
  PdLocationKind kind = parent_code != NULL ? PD_LOCATION_BIN : PD_LOCATION_WAREHOUSE;

  if (kind_text != NULL && !pd_location_kind_from_string (kind_text, &kind))
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--kind is warehouse, zone or bin, not “%s”."), kind_text);
      return pd_ctl_fail (error);
    }
  if (parent_code == NULL && kind != PD_LOCATION_WAREHOUSE)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--kind %s needs --parent: only a warehouse stands alone."), kind_text);
      return pd_ctl_fail (error);
    }
  if (parent_code != NULL && kind == PD_LOCATION_WAREHOUSE)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("A warehouse has no parent: leave out --parent “%s”."), parent_code);
      return pd_ctl_fail (error);
    }

  location = pd_location_new (kind);
  location->code = g_strdup (pd_ctl_args_get (args, 0));
  location->name = g_strdup (pd_ctl_args_get_option (args, "name"));
  location->barcode = g_strdup (pd_ctl_args_get_option (args, "barcode"));

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (parent_code != NULL)
    {
      if ((parent = pd_store_find_location (ctl->store, parent_code, &error)) == NULL)
        return pd_ctl_fail (error);
      location->parent_id = parent->id;
      location->warehouse_id = parent->warehouse_id;
    }

  if (!pd_location_validate (location, &error) ||
      !pd_store_add_location (ctl->store, ctl->actor, location, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "code", location->code);
      pd_ctl_json_set_string (object, "name", location->name);
      json_object_set_string_member (object, "kind", pd_location_kind_to_string (location->kind));
      pd_ctl_json_set_string (object, "parent", parent != NULL ? parent->code : NULL);
      pd_ctl_json_set_string (object, "barcode", location->barcode);
      print_object (object);
      return PD_CTL_EXIT_OK;
    }

  if (parent != NULL)
    /* TRANSLATORS: the code, its kind (e.g. "Bin"), then the parent's code. */
    pd_ctl_print_line (_("Added location %s (%s) in %s."), location->code,
                       pd_location_kind_get_label (location->kind), parent->code);
  else
    /* TRANSLATORS: the code, then its kind ("Warehouse"). */
    pd_ctl_print_line (_("Added location %s (%s)."), location->code,
                       pd_location_kind_get_label (location->kind));
  return PD_CTL_EXIT_OK;
}

/* --- location list ---------------------------------------------------------- */

int
pd_ctl_location_list_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) depths = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (locations = pd_store_list_locations (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  /* Depth first, so a parent always comes before its children. */
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  depths = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < locations->len; i++)
    {
      PdLocation *location = g_ptr_array_index (locations, i);
      PdLocation *parent = g_hash_table_lookup (by_id, &location->parent_id);
      guint depth = 0;

      if (parent != NULL)
        depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, &parent->id)) + 1;
      g_hash_table_insert (by_id, &location->id, location);
      g_hash_table_insert (depths, &location->id, GUINT_TO_POINTER (depth));
    }

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (locations->len);

      for (guint i = 0; i < locations->len; i++)
        {
          const PdLocation *location = g_ptr_array_index (locations, i);
          const PdLocation *parent = g_hash_table_lookup (by_id, &location->parent_id);
          const PdLocation *warehouse = g_hash_table_lookup (by_id, &location->warehouse_id);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "code", location->code);
          pd_ctl_json_set_string (object, "name", location->name);
          json_object_set_string_member (object, "kind", pd_location_kind_to_string (location->kind));
          pd_ctl_json_set_string (object, "parent", parent != NULL ? parent->code : NULL);
          pd_ctl_json_set_string (object, "warehouse", warehouse != NULL ? warehouse->code : NULL);
          pd_ctl_json_set_string (object, "barcode", location->barcode);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (locations->len == 0)
    {
      pd_ctl_print_line ("%s", _("No locations are defined."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (4, _("CODE"), _("KIND"), _("NAME"), _("BARCODE"));
  for (guint i = 0; i < locations->len; i++)
    {
      const PdLocation *location = g_ptr_array_index (locations, i);
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, &location->id));
      g_autofree char *indent = g_strnfill (2 * depth, ' ');
      g_autofree char *code = g_strconcat (indent, location->code, NULL);

      pd_ctl_table_add_row (table, code, pd_location_kind_get_label (location->kind),
                            location->name != NULL ? location->name : "",
                            location->barcode != NULL ? location->barcode : "");
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}
