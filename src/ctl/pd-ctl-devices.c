/* pd-ctl-devices.c — device add, list, show, remove, set-state, plan,
 * inspect, inspections
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-devices"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-ctl-private.h"

/* --- Helpers --------------------------------------------------------------- */

/* Parses a whole number option; a usage error when it is not one. */
static gboolean
parse_uint_option (const PdCtlCommand *command,
                   PdCtlArgs          *args,
                   const char         *name,
                   guint              *value)
{
  const char *text = pd_ctl_args_get_option (args, name);
  guint64 number;

  if (text == NULL)
    return TRUE;

  /* Out-of-range numbers are the core's to explain; only text that is
   * no number at all is a usage error. */
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &number, NULL))
    {
      pd_ctl_usage_error (command, _("The option --%s needs a whole number, not “%s”."), name, text);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

/* "host", "host:port", "[v6]:port" or "[v6]". */
static gboolean
parse_tcp_address (const PdCtlCommand  *command,
                   const char          *text,
                   PdDevice            *device)
{
  g_autofree char *host = NULL;
  const char *port = NULL;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || (close[1] != '\0' && close[1] != ':'))
        goto bad;
      host = g_strndup (text + 1, close - text - 1);
      if (close[1] == ':')
        port = close + 2;
    }
  else
    {
      const char *colon = strrchr (text, ':');

      if (colon != NULL && strchr (text, ':') != colon)
        goto bad;  /* an IPv6 address without brackets */
      host = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
      if (colon != NULL)
        port = colon + 1;
    }

  if (port != NULL)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (port, 10, 0, G_MAXUINT, &number, NULL))
        goto bad;
      device->port = (guint) number;
    }

  g_free (device->host);
  device->host = g_steal_pointer (&host);
  return TRUE;

bad:
  pd_ctl_usage_error (command, _("--tcp needs HOST:PORT, e.g. 192.168.0.10:502 or [fd00::5]:502, not “%s”."), text);
  return FALSE;
}

static gboolean
parse_state (const PdCtlCommand *command,
             const char         *text,
             PdLifecycle        *lifecycle)
{
  if (pd_lifecycle_from_string (text, lifecycle))
    return TRUE;

  pd_ctl_usage_error (command,
                      _("Unknown state “%s”: use planned, commissioned, in-service, maintenance or retired."),
                      text);
  return FALSE;
}

/* The device named NAME; prints the error and returns NULL when missing. */
static PdDevice *
find_device (PdCtl      *ctl,
             const char *name,
             int        *status)
{
  g_autoptr(GError) error = NULL;
  PdDevice *device = pd_store_find_device (ctl->store, name, &error);

  if (device == NULL)
    *status = pd_ctl_fail (error);

  return device;
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) time = g_date_time_add (seconds, usec % G_USEC_PER_SEC);
  g_autofree char *base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (time) / 1000);
}

static char *
format_usec_local (gint64 usec)
{
  g_autofree char *iso = format_usec (usec);

  return pd_ctl_format_local_time (iso);
}

static guint
count_tags (PdCtl    *ctl,
            gint64    device_id)
{
  g_autoptr(GPtrArray) tags = pd_store_list_tags (ctl->store, device_id, NULL);

  return tags != NULL ? tags->len : 0;
}

static JsonObject *
device_to_json (PdCtl    *ctl,
                PdDevice *device)
{
  JsonObject *object = json_object_new ();
  g_autofree char *address = pd_device_dup_address (device);
  gint64 due = pd_store_get_inspection_due (ctl->store, device->id);
  char parity[2] = { device->parity, '\0' };

  json_object_set_string_member (object, "name", device->name);
  pd_ctl_json_set_string (object, "description", device->description);
  json_object_set_string_member (object, "transport", pd_transport_to_string (device->transport));
  json_object_set_string_member (object, "address", address);
  if (device->transport == PD_TRANSPORT_TCP)
    {
      json_object_set_string_member (object, "host", device->host);
      json_object_set_int_member (object, "port", device->port);
    }
  else
    {
      json_object_set_string_member (object, "serial_path", device->serial_path);
      json_object_set_int_member (object, "baud", device->baud);
      json_object_set_string_member (object, "parity", parity);
      json_object_set_int_member (object, "data_bits", device->data_bits);
      json_object_set_int_member (object, "stop_bits", device->stop_bits);
    }
  json_object_set_int_member (object, "unit_id", device->unit_id);
  json_object_set_int_member (object, "timeout_ms", device->timeout_ms);
  json_object_set_int_member (object, "poll_ms", device->poll_ms);
  json_object_set_boolean_member (object, "enabled", device->enabled);
  json_object_set_boolean_member (object, "polled", pd_device_is_polled (device));
  json_object_set_int_member (object, "max_gap", device->max_gap);
  json_object_set_int_member (object, "max_block_registers", device->max_block_registers);
  json_object_set_int_member (object, "max_block_bits", device->max_block_bits);
  json_object_set_boolean_member (object, "coalesce", device->coalesce);
  json_object_set_string_member (object, "state", pd_lifecycle_to_string (device->lifecycle));
  json_object_set_int_member (object, "tags", count_tags (ctl, device->id));
  json_object_set_int_member (object, "inspection_interval_days", device->inspection_interval_days);
  if (due != 0)
    {
      g_autofree char *due_text = format_usec (due);

      json_object_set_string_member (object, "inspection_due", due_text);
      json_object_set_boolean_member (object, "inspection_overdue", due < g_get_real_time ());
    }
  else
    {
      json_object_set_null_member (object, "inspection_due");
      json_object_set_boolean_member (object, "inspection_overdue", FALSE);
    }

  return object;
}

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

/* --- device add ------------------------------------------------------------ */

int
pd_ctl_device_add_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  const char *tcp = pd_ctl_args_get_option (args, "tcp");
  const char *rtu = pd_ctl_args_get_option (args, "rtu");
  const char *parity = pd_ctl_args_get_option (args, "parity");
  const char *state = pd_ctl_args_get_option (args, "state");
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(PdDevice) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  PdUser *actor;
  guint max_block = 0;

  device->name = g_strdup (pd_ctl_args_get (args, 0));
  device->description = g_strdup (pd_ctl_args_get_option (args, "description"));

  if ((tcp == NULL) == (rtu == NULL))
    return pd_ctl_usage_error (command, _("Give either --tcp HOST:PORT or --rtu PATH."));

  if (tcp != NULL)
    {
      static const char * const rtu_only[] = { "baud", "parity", "data-bits", "stop-bits" };

      for (guint i = 0; i < G_N_ELEMENTS (rtu_only); i++)
        if (pd_ctl_args_has_option (args, rtu_only[i]))
          return pd_ctl_usage_error (command, _("The option --%s is for --rtu devices only."), rtu_only[i]);

      device->transport = PD_TRANSPORT_TCP;
      if (!parse_tcp_address (command, tcp, device))
        return PD_CTL_EXIT_USAGE;
    }
  else
    {
      if (!pd_ctl_args_has_option (args, "baud"))
        return pd_ctl_usage_error (command, _("The option --baud is required with --rtu."));

      device->transport = PD_TRANSPORT_RTU;
      device->serial_path = g_strdup (rtu);
      if (parity != NULL)
        {
          if (strlen (parity) != 1 || strchr ("NEOneo", parity[0]) == NULL)
            return pd_ctl_usage_error (command, _("The parity is N, E or O, not “%s”."), parity);
          device->parity = g_ascii_toupper (parity[0]);
        }
    }

  if (!parse_uint_option (command, args, "baud", &device->baud) ||
      !parse_uint_option (command, args, "data-bits", &device->data_bits) ||
      !parse_uint_option (command, args, "stop-bits", &device->stop_bits) ||
      !parse_uint_option (command, args, "unit", &device->unit_id) ||
      !parse_uint_option (command, args, "timeout-ms", &device->timeout_ms) ||
      !parse_uint_option (command, args, "poll-ms", &device->poll_ms) ||
      !parse_uint_option (command, args, "max-gap", &device->max_gap) ||
      !parse_uint_option (command, args, "max-block", &max_block))
    return PD_CTL_EXIT_USAGE;

  if (pd_ctl_args_has_option (args, "max-block"))
    {
      /* A device that takes fewer registers per request has a smaller
       * buffer: N registers are 16 × N bits in the same bytes. */
      device->max_block_registers = max_block;
      device->max_block_bits = MIN ((guint64) max_block * 16, PD_DEVICE_MAX_BLOCK_BITS);
      if (device->max_block_bits == 0)
        device->max_block_bits = 1;
      if (!pd_ctl_args_has_option (args, "max-gap"))
        device->max_gap = MIN (device->max_gap, max_block);
    }

  device->coalesce = !pd_ctl_args_has_option (args, "no-coalesce");
  device->enabled = !pd_ctl_args_has_option (args, "disabled");
  if (state != NULL && !parse_state (command, state, &device->lifecycle))
    return PD_CTL_EXIT_USAGE;

  if (!pd_device_validate (device, &error))
    return pd_ctl_fail (error);

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((stored = pd_store_add_device (ctl->store, actor, device, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (device_to_json (ctl, stored));
      return PD_CTL_EXIT_OK;
    }

  address = pd_device_dup_address (stored);
  pd_ctl_print_line (_("Added device “%s” at %s, unit %u."), stored->name, address, stored->unit_id);
  if (stored->lifecycle == PD_LIFECYCLE_PLANNED)
    {
      g_autofree char *quoted = g_shell_quote (stored->name);

      pd_ctl_print_line (_("It is planned and is not polled until it is commissioned: "
                           "plantdesk-ctl device set-state %s commissioned"), quoted);
    }
  return PD_CTL_EXIT_OK;
}

/* --- device list, show ------------------------------------------------------ */

int
pd_ctl_device_list_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  if ((devices = pd_store_list_devices (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (devices->len);

      for (guint i = 0; i < devices->len; i++)
        json_array_add_object_element (array, device_to_json (ctl, g_ptr_array_index (devices, i)));

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autoptr(PdCtlTable) table = NULL;

      table = pd_ctl_table_new (6, _("NAME"), _("ADDRESS"), _("UNIT ID"), _("STATE"), _("TAGS"), _("POLLED"));
      for (guint i = 0; i < devices->len; i++)
        {
          PdDevice *device = g_ptr_array_index (devices, i);
          g_autofree char *address = pd_device_dup_address (device);
          g_autofree char *unit = g_strdup_printf ("%u", device->unit_id);
          g_autofree char *tags = g_strdup_printf ("%u", count_tags (ctl, device->id));

          pd_ctl_table_add_row (table, device->name, address, unit,
                                pd_lifecycle_to_string (device->lifecycle), tags,
                                pd_device_is_polled (device) ? _("yes") : _("no"));
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_device_show_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autofree char *address = NULL;
  g_auto(GStrv) checklist = NULL;
  gint64 due;
  int status = PD_CTL_EXIT_FAILED;

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  checklist = pd_store_dup_inspection_checklist (ctl->store, device->id, NULL);

  if (ctl->json)
    {
      JsonObject *object = device_to_json (ctl, device);
      JsonArray *items = json_array_new ();

      for (guint i = 0; checklist != NULL && checklist[i] != NULL; i++)
        json_array_add_string_element (items, checklist[i]);
      json_object_set_array_member (object, "checklist", items);
      print_object (object);
      return PD_CTL_EXIT_OK;
    }

  address = pd_device_dup_address (device);
  pd_ctl_print_line (_("Device:       %s"), device->name);
  if (device->description != NULL)
    pd_ctl_print_line (_("Description:  %s"), device->description);
  pd_ctl_print_line (_("Address:      %s (%s), unit %u"), address,
                     device->transport == PD_TRANSPORT_TCP ? _("Modbus TCP") : _("Modbus RTU"),
                     device->unit_id);
  pd_ctl_print_line (_("State:        %s"), pd_lifecycle_to_string (device->lifecycle));
  pd_ctl_print_line (_("Polled:       %s, every %u ms, timeout %u ms"),
                     pd_device_is_polled (device) ? _("yes")
                     : !device->enabled ? _("no, disabled")
                     : _("no, not in service"),
                     device->poll_ms, device->timeout_ms);
  if (device->coalesce)
    pd_ctl_print_line (_("Requests:     blocks of up to %u registers or %u bits, across gaps of up to %u"),
                       device->max_block_registers, device->max_block_bits, device->max_gap);
  else
    pd_ctl_print_line (_("Requests:     one per tag"));
  pd_ctl_print_line (_("Tags:         %u"), count_tags (ctl, device->id));

  due = pd_store_get_inspection_due (ctl->store, device->id);
  if (due != 0)
    {
      g_autofree char *due_text = format_usec_local (due);

      pd_ctl_print_line (_("Inspection:   every %u days, next due %s%s"),
                         device->inspection_interval_days, due_text,
                         due < g_get_real_time () ? _(" (overdue)") : "");
      for (guint i = 0; checklist != NULL && checklist[i] != NULL; i++)
        pd_ctl_print_line ("              – %s", checklist[i]);
    }
  else
    pd_ctl_print_line (_("Inspection:   none planned"));

  return PD_CTL_EXIT_OK;
}

/* --- device remove, set-state ---------------------------------------------- */

int
pd_ctl_device_remove_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  PdUser *actor;
  int status = PD_CTL_EXIT_FAILED;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  if (!pd_store_remove_device (ctl->store, actor, device->id, &error))
    return pd_ctl_fail (error);

  if (!ctl->json)
    pd_ctl_print_line (_("Removed device “%s” and its tags."), device->name);
  else
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", device->name);
      json_object_set_boolean_member (object, "removed", TRUE);
      print_object (object);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_device_set_state_run (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdDevice) after = NULL;
  PdLifecycle lifecycle;
  PdUser *actor;
  int status = PD_CTL_EXIT_FAILED;

  if (!parse_state (command, pd_ctl_args_get (args, 1), &lifecycle))
    return PD_CTL_EXIT_USAGE;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  if (!pd_store_set_device_lifecycle (ctl->store, actor, device->id, lifecycle, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      if ((after = pd_store_get_device (ctl->store, device->id, &error)) == NULL)
        return pd_ctl_fail (error);
      print_object (device_to_json (ctl, after));
    }
  else
    pd_ctl_print_line (_("“%s” is now %s."), device->name, pd_lifecycle_to_string (lifecycle));

  return PD_CTL_EXIT_OK;
}

/* --- Inspections ---------------------------------------------------------------- */

static GStrv
option_values (PdCtlArgs  *args,
               const char *name)
{
  const char *joined = pd_ctl_args_get_option (args, name);

  if (joined == NULL)
    return g_new0 (char *, 1);

  return g_strsplit (joined, "\n", -1);
}

int
pd_ctl_device_plan_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_auto(GStrv) items = option_values (args, "item");
  PdUser *actor;
  guint days = 0;
  int status = PD_CTL_EXIT_FAILED;

  if (!parse_uint_option (command, args, "every", &days))
    return PD_CTL_EXIT_USAGE;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  if (!pd_store_set_inspection_plan (ctl->store, actor, device->id, days,
                                     (const char * const *) items, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(PdDevice) after = pd_store_get_device (ctl->store, device->id, NULL);
      JsonObject *object = device_to_json (ctl, after != NULL ? after : device);
      JsonArray *array = json_array_new ();

      for (guint i = 0; items[i] != NULL; i++)
        json_array_add_string_element (array, items[i]);
      json_object_set_array_member (object, "checklist", array);
      print_object (object);
    }
  else if (days == 0)
    pd_ctl_print_line (_("“%s” has no periodic inspection now."), device->name);
  else
    pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” is to be inspected every %u day, against %u checklist items.",
                                    "“%s” is to be inspected every %u days, against %u checklist items.",
                                    days),
                       device->name, days, g_strv_length (items));

  return PD_CTL_EXIT_OK;
}

static void
inspection_item_free (PdInspectionItem *item)
{
  g_free (item->label);
  g_free (item);
}

static JsonObject *
inspection_to_json (PdInspection *inspection)
{
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autofree char *time = format_usec (inspection->performed_at);

  json_object_set_string_member (object, "uuid", inspection->uuid);
  json_object_set_string_member (object, "user", inspection->user_name);
  json_object_set_string_member (object, "ts", time);
  json_object_set_boolean_member (object, "ok", inspection->ok);
  pd_ctl_json_set_string (object, "notes", inspection->notes);
  for (guint i = 0; i < inspection->items->len; i++)
    {
      PdInspectionItem *item = g_ptr_array_index (inspection->items, i);
      JsonObject *element = json_object_new ();

      json_object_set_string_member (element, "label", item->label);
      json_object_set_boolean_member (element, "ok", item->ok);
      json_array_add_object_element (items, element);
    }
  json_object_set_array_member (object, "items", items);

  return object;
}

int
pd_ctl_device_inspect_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdInspection) inspection = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) inspection_item_free);
  g_auto(GStrv) answers = option_values (args, "item");
  PdUser *actor;
  int status = PD_CTL_EXIT_FAILED;

  for (guint i = 0; answers[i] != NULL; i++)
    {
      const char *equals = strrchr (answers[i], '=');
      PdInspectionItem *item;

      if (equals == NULL || equals == answers[i] ||
          (strcmp (equals + 1, "ok") != 0 && strcmp (equals + 1, "not-ok") != 0))
        return pd_ctl_usage_error (command, _("--item needs LABEL=ok or LABEL=not-ok, not “%s”."), answers[i]);

      item = g_new0 (PdInspectionItem, 1);
      item->label = g_strndup (answers[i], equals - answers[i]);
      item->ok = strcmp (equals + 1, "ok") == 0;
      g_ptr_array_add (items, item);
    }

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  inspection = pd_store_record_inspection (ctl->store, actor, device->id, items,
                                           pd_ctl_args_get_option (args, "notes"), &error);
  if (inspection == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    print_object (inspection_to_json (inspection));
  else if (inspection->ok)
    pd_ctl_print_line (_("Recorded the inspection of “%s”: every item OK."), device->name);
  else
    pd_ctl_print_line (_("Recorded the inspection of “%s”: some items not OK."), device->name);

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_device_inspections_run (PdCtl              *ctl,
                               const PdCtlCommand *command,
                               PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  int status = PD_CTL_EXIT_FAILED;

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  if ((device = find_device (ctl, pd_ctl_args_get (args, 0), &status)) == NULL)
    return status;

  if ((inspections = pd_store_list_inspections (ctl->store, device->id, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (inspections->len);

      for (guint i = 0; i < inspections->len; i++)
        json_array_add_object_element (array, inspection_to_json (g_ptr_array_index (inspections, i)));
      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autoptr(PdCtlTable) table = pd_ctl_table_new (4, _("TIME"), _("USER"), _("RESULT"), _("NOTES"));

      for (guint i = 0; i < inspections->len; i++)
        {
          PdInspection *inspection = g_ptr_array_index (inspections, i);
          g_autofree char *time = format_usec_local (inspection->performed_at);
          g_autoptr(GString) result = g_string_new (inspection->ok ? _("OK") : _("not OK"));
          const char *separator = ": ";

          for (guint j = 0; j < inspection->items->len; j++)
            {
              PdInspectionItem *item = g_ptr_array_index (inspection->items, j);

              if (!item->ok)
                {
                  g_string_append_printf (result, "%s%s", separator, item->label);
                  separator = ", ";
                }
            }

          pd_ctl_table_add_row (table, time, inspection->user_name, result->str,
                                inspection->notes != NULL ? inspection->notes : "");
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}
