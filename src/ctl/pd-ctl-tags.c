/* pd-ctl-tags.c — tag import, export, list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-tags"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pd-ctl-private.h"
#include "pd-store-alarms.h"
#include "pd-tag-csv.h"

/* Signs in and finds the device named by the first argument; on failure
 * prints why and returns NULL with *STATUS set. */
static PdDevice *
open_device (PdCtl     *ctl,
             PdCtlArgs *args,
             int       *status)
{
  g_autoptr(GError) error = NULL;
  PdDevice *device;

  if (pd_ctl_login (ctl, &error) == NULL)
    {
      *status = pd_ctl_fail (error);
      return NULL;
    }

  device = pd_store_find_device (ctl->store, pd_ctl_args_get (args, 0), &error);
  if (device == NULL)
    *status = pd_ctl_fail (error);

  return device;
}

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
pd_ctl_tag_import_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  const char *path = pd_ctl_args_get (args, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint added = 0;
  guint updated = 0;
  int status = PD_CTL_EXIT_FAILED;

  /* The file first: a bad file is reported without asking for a password. */
  if (!read_input (path, &contents, &length, &error))
    return pd_ctl_fail (error);

  if ((tags = pd_tags_parse_csv_with_alarms (contents, length, &alarms, &error)) == NULL)
    {
      g_printerr ("%s: ", g_get_prgname ());
      /* TRANSLATORS: the file name; the lines in error follow, one a line. */
      g_printerr (_("%s: nothing was imported:\n%s\n"), path, error->message);
      return PD_CTL_EXIT_FAILED;
    }

  if ((device = open_device (ctl, args, &status)) == NULL)
    return status;

  if (!pd_store_import_tags_with_alarms (ctl->store, ctl->actor, device->id, tags, alarms,
                                         &added, &updated, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "device", device->name);
      json_object_set_int_member (object, "added", added);
      json_object_set_int_member (object, "updated", updated);
      json_object_set_int_member (object, "unchanged", tags->len - added - updated);
      json_node_take_object (node, object);
      pd_ctl_print_json (node);
    }
  else
    pd_ctl_print_line (_("Imported %u tags into “%s”: %u added, %u updated, %u unchanged."),
                       tags->len, device->name, added, updated, tags->len - added - updated);

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_tag_export_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autofree char *csv = NULL;
  int status = PD_CTL_EXIT_FAILED;

  if ((device = open_device (ctl, args, &status)) == NULL)
    return status;

  if ((tags = pd_store_list_tags (ctl->store, device->id, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((defs = pd_store_list_alarm_defs (ctl->store, 0, &error)) == NULL)
    return pd_ctl_fail (error);

  /* CSV is UTF-8 whatever the locale: bypass g_print's conversion. */
  csv = pd_tags_to_csv_with_alarms (tags, defs);
  if (fwrite (csv, 1, strlen (csv), stdout) != strlen (csv) || fflush (stdout) != 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_FAILED, _("Could not write the tags to standard output."));
      return pd_ctl_fail (error);
    }

  return PD_CTL_EXIT_OK;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

int
pd_ctl_tag_list_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  int status = PD_CTL_EXIT_FAILED;

  if ((device = open_device (ctl, args, &status)) == NULL)
    return status;

  if ((tags = pd_store_list_tags (ctl->store, device->id, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (tags->len);

      for (guint i = 0; i < tags->len; i++)
        {
          PdTag *tag = g_ptr_array_index (tags, i);
          JsonObject *object = json_object_new ();

          json_object_set_int_member (object, "id", tag->id);
          json_object_set_string_member (object, "name", tag->name);
          pd_ctl_json_set_string (object, "description", tag->description);
          json_object_set_string_member (object, "area", pd_area_to_string (tag->area));
          json_object_set_int_member (object, "address", tag->address);
          json_object_set_string_member (object, "type", pd_tag_type_to_string (tag->type));
          json_object_set_string_member (object, "byte_order", pd_order_to_string (tag->byte_order));
          json_object_set_string_member (object, "word_order", pd_order_to_string (tag->word_order));
          json_object_set_double_member (object, "scale", tag->scale);
          json_object_set_double_member (object, "offset", tag->offset);
          pd_ctl_json_set_string (object, "unit", tag->unit);
          json_object_set_double_member (object, "deadband", tag->deadband);
          json_object_set_int_member (object, "poll_ms", tag->poll_ms);
          json_object_set_boolean_member (object, "writable", tag->writable);
          json_object_set_boolean_member (object, "history", tag->history);
          json_array_add_object_element (array, object);
        }

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autoptr(PdCtlTable) table = NULL;

      table = pd_ctl_table_new (8, _("NAME"), _("AREA"), _("ADDRESS"), _("TYPE"), _("SCALE"),
                                _("OFFSET"), _("UNIT"), _("WRITABLE"));
      for (guint i = 0; i < tags->len; i++)
        {
          PdTag *tag = g_ptr_array_index (tags, i);
          g_autofree char *address = g_strdup_printf ("%u", tag->address);
          g_autofree char *scale = format_number (tag->scale);
          g_autofree char *offset = format_number (tag->offset);

          pd_ctl_table_add_row (table, tag->name, pd_area_to_string (tag->area), address,
                                pd_tag_type_to_string (tag->type), scale, offset,
                                tag->unit != NULL ? tag->unit : "",
                                tag->writable ? _("yes") : _("no"));
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}
