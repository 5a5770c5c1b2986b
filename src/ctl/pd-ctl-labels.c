/* pd-ctl-labels.c — label pdf: QR code labels of items, locations and lots
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-labels"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-ctl-private.h"
#include "pd-label-read.h"
#include "pd-label.h"
#include "pd-store-wms.h"

#define MAX_COPIES 1000

/* The values of a repeatable option, or an empty list. */
static GStrv
option_values (PdCtlArgs  *args,
               const char *name)
{
  const char *value = pd_ctl_args_get_option (args, name);

  if (value == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (value, "\n", -1);
}

/* The item whose SKU or barcode is CODE, or NULL (unknown, or ERROR). */
static PdItem *
find_item (PdCtl       *ctl,
           const char  *code,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 item_id = 0;
  gint64 location_id = 0;

  if (!pd_store_resolve_code (ctl->store, code, &item_id, &location_id, &local_error))
    {
      if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (item_id == 0)
    return NULL;
  return pd_store_get_item (ctl->store, item_id, error);
}

static const PdLocation *
find_location (GPtrArray  *locations,
               PdCtl      *ctl,
               const char *code,
               GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 item_id = 0;
  gint64 location_id = 0;

  if (!pd_store_resolve_code (ctl->store, code, &item_id, &location_id, &local_error))
    {
      if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; location_id != 0 && i < locations->len; i++)
    if (((PdLocation *) g_ptr_array_index (locations, i))->id == location_id)
      return g_ptr_array_index (locations, i);
  return NULL;
}

/* The label of SPEC, "SKU:LOT", or NULL with *UNKNOWN set (or ERROR). */
static PdLabel *
lot_label (PdCtl       *ctl,
           const char  *spec,
           gboolean    *unknown,
           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 2);
  g_autoptr(PdItem) item = NULL;
  g_autoptr(GPtrArray) lots = NULL;
  GError *local_error = NULL;

  *unknown = FALSE;
  if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--lot must be SKU:LOT, not “%s”."), spec);
      return NULL;
    }

  if ((item = find_item (ctl, parts[0], &local_error)) == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        *unknown = TRUE;
      return NULL;
    }
  if ((lots = pd_store_list_lots (ctl->store, item->id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < lots->len; i++)
    {
      const PdLot *lot = g_ptr_array_index (lots, i);

      if (g_strcmp0 (lot->code, parts[1]) == 0)
        return pd_label_new_for_lot (lot, item);
    }
  *unknown = TRUE;
  return NULL;
}

int
pd_ctl_label_pdf_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) item_codes = option_values (args, "item");
  g_auto(GStrv) location_codes = option_values (args, "location");
  g_auto(GStrv) lot_specs = option_values (args, "lot");
  const char *out = pd_ctl_args_get (args, 0);
  const char *layout_text = pd_ctl_args_get_option (args, "layout");
  const char *copies_text = pd_ctl_args_get_option (args, "copies");
  gboolean all_items = pd_ctl_args_has_option (args, "all-items");
  gboolean all_locations = pd_ctl_args_has_option (args, "all-locations");
  PdLabelLayout layout = PD_LABEL_LAYOUT_ROLL;
  guint64 copies = 1;
  guint n_pages;

  if (layout_text != NULL && !pd_label_layout_from_string (layout_text, &layout))
    return pd_ctl_usage_error (command, _("--layout must be roll or sheet, not “%s”."), layout_text);
  if (copies_text != NULL &&
      !g_ascii_string_to_unsigned (copies_text, 10, 1, MAX_COPIES, &copies, NULL))
    return pd_ctl_usage_error (command, _("--copies must be a whole number from 1 to %d, not “%s”."),
                               MAX_COPIES, copies_text);
  if (!all_items && !all_locations && item_codes[0] == NULL &&
      location_codes[0] == NULL && lot_specs[0] == NULL)
    return pd_ctl_usage_error (command, _("Choose what to label: --item, --all-items, --location, --all-locations or --lot."));

  if (pd_ctl_login (ctl, &error) == NULL ||
      (locations = pd_store_list_locations (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (all_items)
    {
      g_autoptr(GPtrArray) items = pd_store_list_items (ctl->store, NULL, &error);

      if (items == NULL)
        return pd_ctl_fail (error);
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (chosen, pd_label_new_for_item (g_ptr_array_index (items, i)));
    }
  for (guint i = 0; item_codes[i] != NULL; i++)
    {
      g_autoptr(PdItem) item = find_item (ctl, item_codes[i], &error);

      if (error != NULL)
        return pd_ctl_fail (error);
      if (item == NULL)
        /* TRANSLATORS: one of the unknown codes listed after “Unknown codes:”. */
        g_ptr_array_add (unknown, g_strdup_printf (_("item “%s”"), item_codes[i]));
      else
        g_ptr_array_add (chosen, pd_label_new_for_item (item));
    }

  if (all_locations)
    for (guint i = 0; i < locations->len; i++)
      {
        const PdLocation *location = g_ptr_array_index (locations, i);
        g_autofree char *path = pd_label_location_path (locations, location);

        g_ptr_array_add (chosen, pd_label_new_for_location (location, path));
      }
  for (guint i = 0; location_codes[i] != NULL; i++)
    {
      const PdLocation *location = find_location (locations, ctl, location_codes[i], &error);
      g_autofree char *path = NULL;

      if (error != NULL)
        return pd_ctl_fail (error);
      if (location == NULL)
        {
          /* TRANSLATORS: one of the unknown codes listed after “Unknown codes:”. */
          g_ptr_array_add (unknown, g_strdup_printf (_("location “%s”"), location_codes[i]));
          continue;
        }
      path = pd_label_location_path (locations, location);
      g_ptr_array_add (chosen, pd_label_new_for_location (location, path));
    }

  for (guint i = 0; lot_specs[i] != NULL; i++)
    {
      gboolean is_unknown;
      PdLabel *label = lot_label (ctl, lot_specs[i], &is_unknown, &error);

      if (error != NULL)
        return pd_ctl_fail (error);
      if (label == NULL)
        /* TRANSLATORS: one of the unknown codes listed after “Unknown codes:”. */
        g_ptr_array_add (unknown, g_strdup_printf (_("lot “%s”"), lot_specs[i]));
      else
        g_ptr_array_add (chosen, label);
    }

  if (unknown->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unknown, NULL);
      list = g_strjoinv (", ", (char **) unknown->pdata);
      /* TRANSLATORS: a list such as: item “X”, location “Y”. */
      g_set_error (&error, PD_ERROR, PD_ERROR_NOT_FOUND, _("Unknown codes: %s. No labels written."), list);
      return pd_ctl_fail (error);
    }
  if (chosen->len == 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is nothing to label yet."));
      return pd_ctl_fail (error);
    }

  labels = g_ptr_array_new_full (chosen->len * copies, (GDestroyNotify) pd_label_free);
  for (guint i = 0; i < chosen->len; i++)
    for (guint64 c = 0; c < copies; c++)
      g_ptr_array_add (labels, pd_label_copy (g_ptr_array_index (chosen, i)));

  if (!pd_labels_write_pdf (out, labels, layout, &error))
    return pd_ctl_fail (error);

  n_pages = pd_label_layout_get_n_pages (layout, labels->len);
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "file", out);
      json_object_set_string_member (object, "layout", pd_label_layout_to_string (layout));
      json_object_set_int_member (object, "labels", labels->len);
      json_object_set_int_member (object, "pages", n_pages);
      json_node_take_object (node, object);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u label", "%u labels", labels->len),
                                                labels->len);

      /* TRANSLATORS: “5 labels”, the number of pages, then the file. */
      pd_ctl_print_line (ngettext ("Wrote %s on %u page to %s.", "Wrote %s on %u pages to %s.", n_pages),
                         count, n_pages, out);
    }

  return PD_CTL_EXIT_OK;
}
