/* pd-device.c — devices and tags: defaults, validation, names
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-device.h"
#include "pd-device-private.h"
#include "pd-error.h"

#define NAME_MAX_CHARS        64
#define HOST_MAX_CHARS        253
#define PATH_MAX_CHARS        255
#define DESCRIPTION_MAX_CHARS 1000
#define UNIT_MAX_CHARS        32
#define TIMEOUT_MIN_MS        10
#define TIMEOUT_MAX_MS        60000
#define POLL_MIN_MS           10
#define POLL_MAX_MS           (60 * 60 * 1000)
#define UNIT_ID_MAX           247
#define UNIT_ID_TCP_GATEWAY   255
#define MAX_ADDRESS           65535

static const guint standard_bauds[] = {
  1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200,
};

G_DEFINE_BOXED_TYPE (PdDevice, pd_device, pd_device_copy, pd_device_free)
G_DEFINE_BOXED_TYPE (PdTag, pd_tag, pd_tag_copy, pd_tag_free)

/* --- Names ------------------------------------------------------------------ */

static const char * const transport_names[] = { "tcp", "rtu" };
static const char * const lifecycle_names[] = {
  "planned", "commissioned", "in-service", "maintenance", "retired",
};
static const char * const area_names[] = { "coil", "discrete", "input", "holding" };
static const char * const tag_type_names[] = {
  "bool", "int16", "uint16", "int32", "uint32", "float32", "float64",
};
static const char * const order_names[] = { "big", "little" };

G_STATIC_ASSERT (G_N_ELEMENTS (lifecycle_names) == PD_N_LIFECYCLES);
G_STATIC_ASSERT (G_N_ELEMENTS (area_names) == PD_N_AREAS);
G_STATIC_ASSERT (G_N_ELEMENTS (tag_type_names) == PD_N_TAG_TYPES);

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define NAME_FUNCS(type, prefix, names)                                   \
  const char *                                                            \
  prefix##_to_string (type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);    \
    return names[value];                                                  \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        type       *out)                                  \
  {                                                                       \
    guint value;                                                          \
                                                                          \
    if (!lookup_name (names, G_N_ELEMENTS (names), str, &value))          \
      return FALSE;                                                       \
    if (out != NULL)                                                      \
      *out = (type) value;                                                \
    return TRUE;                                                          \
  }

NAME_FUNCS (PdTransport, pd_transport, transport_names)
NAME_FUNCS (PdLifecycle, pd_lifecycle, lifecycle_names)
NAME_FUNCS (PdArea, pd_area, area_names)
NAME_FUNCS (PdTagType, pd_tag_type, tag_type_names)
NAME_FUNCS (PdOrder, pd_order, order_names)

const char *
pd_lifecycle_get_label (PdLifecycle lifecycle)
{
  switch (lifecycle)
    {
    case PD_LIFECYCLE_PLANNED:
      return _("Planned");
    case PD_LIFECYCLE_COMMISSIONED:
      return _("Commissioned");
    case PD_LIFECYCLE_IN_SERVICE:
      return _("In service");
    case PD_LIFECYCLE_MAINTENANCE:
      return _("Maintenance");
    case PD_LIFECYCLE_RETIRED:
      return _("Retired");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pd_lifecycle_can_change (PdLifecycle from,
                         PdLifecycle to)
{
  if (from >= PD_N_LIFECYCLES || to >= PD_N_LIFECYCLES || from == to)
    return FALSE;

  /* Retired is final; anything else may be retired. */
  if (from == PD_LIFECYCLE_RETIRED)
    return FALSE;
  if (to == PD_LIFECYCLE_RETIRED)
    return TRUE;

  switch (from)
    {
    case PD_LIFECYCLE_PLANNED:
      return to == PD_LIFECYCLE_COMMISSIONED;
    case PD_LIFECYCLE_COMMISSIONED:
      return to == PD_LIFECYCLE_IN_SERVICE || to == PD_LIFECYCLE_MAINTENANCE;
    case PD_LIFECYCLE_IN_SERVICE:
      return to == PD_LIFECYCLE_MAINTENANCE;
    case PD_LIFECYCLE_MAINTENANCE:
      return to == PD_LIFECYCLE_IN_SERVICE || to == PD_LIFECYCLE_COMMISSIONED;
    case PD_LIFECYCLE_RETIRED:
    default:
      return FALSE;
    }
}

const char *
pd_area_get_label (PdArea area)
{
  switch (area)
    {
    case PD_AREA_COIL:
      return _("Coil");
    case PD_AREA_DISCRETE:
      return _("Discrete input");
    case PD_AREA_INPUT:
      return _("Input register");
    case PD_AREA_HOLDING:
      return _("Holding register");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pd_area_is_bits (PdArea area)
{
  return area == PD_AREA_COIL || area == PD_AREA_DISCRETE;
}

gboolean
pd_area_is_writable (PdArea area)
{
  return area == PD_AREA_COIL || area == PD_AREA_HOLDING;
}

guint
pd_tag_type_get_width (PdTagType type)
{
  switch (type)
    {
    case PD_TAG_TYPE_BOOL:
    case PD_TAG_TYPE_INT16:
    case PD_TAG_TYPE_UINT16:
      return 1;
    case PD_TAG_TYPE_INT32:
    case PD_TAG_TYPE_UINT32:
    case PD_TAG_TYPE_FLOAT32:
      return 2;
    case PD_TAG_TYPE_FLOAT64:
      return 4;
    default:
      g_return_val_if_reached (1);
    }
}

/* --- Text checks ------------------------------------------------------------- */

/* Text people type: valid UTF-8 without control characters (a newline in
 * a name would break every list and file it appears in). */
static gboolean
is_clean_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
check_entity_name (const char  *name,
                   gboolean     is_tag,
                   GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           is_tag ? _("The tag name must not be empty.")
                                  : _("The device name must not be empty."));
      return FALSE;
    }

  if (!is_clean_text (name))
    {
      g_autofree char *shown = g_utf8_make_valid (name, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   is_tag ? _("The tag name “%s” contains a control character or invalid text.")
                          : _("The device name “%s” contains a control character or invalid text."),
                   shown);
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   is_tag ? _("The tag name “%s” is longer than %d characters.")
                          : _("The device name “%s” is longer than %d characters."),
                   name, NAME_MAX_CHARS);
      return FALSE;
    }

  if (g_unichar_isspace (g_utf8_get_char (name)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name)))))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   is_tag ? _("The tag name “%s” must not begin or end with a space.")
                          : _("The device name “%s” must not begin or end with a space."),
                   name);
      return FALSE;
    }

  /* DEVICE/TAG names a tag on the command line and in HMI bindings. */
  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   is_tag ? _("The tag name “%s” must not contain “/”.")
                          : _("The device name “%s” must not contain “/”."),
                   name);
      return FALSE;
    }

  return TRUE;
}

gboolean
_pd_device_name_check (const char  *name,
                       GError     **error)
{
  return check_entity_name (name, FALSE, error);
}

gboolean
_pd_tag_name_check (const char  *name,
                    GError     **error)
{
  return check_entity_name (name, TRUE, error);
}

typedef enum
{
  TEXT_OK,
  TEXT_INVALID,
  TEXT_TOO_LONG,
} TextCheck;

/* Optional free text (NULL is fine): valid UTF-8, at most MAX_CHARS,
 * without control characters other than line breaks and tabs where
 * ALLOW_NEWLINES. */
static TextCheck
check_optional_text (const char *text,
                     guint       max_chars,
                     gboolean    allow_newlines)
{
  if (text == NULL)
    return TEXT_OK;

  if (!g_utf8_validate (text, -1, NULL))
    return TEXT_INVALID;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && !(allow_newlines && (c == '\n' || c == '\t')))
        return TEXT_INVALID;
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    return TEXT_TOO_LONG;

  return TEXT_OK;
}

/* --- PdDevice ---------------------------------------------------------------- */

PdDevice *
pd_device_new (void)
{
  PdDevice *device = g_new0 (PdDevice, 1);

  device->transport = PD_TRANSPORT_TCP;
  device->port = PD_DEVICE_DEFAULT_PORT;
  device->baud = PD_DEVICE_DEFAULT_BAUD;
  device->parity = 'N';
  device->data_bits = 8;
  device->stop_bits = 1;
  device->unit_id = PD_DEVICE_DEFAULT_UNIT_ID;
  device->timeout_ms = PD_DEVICE_DEFAULT_TIMEOUT_MS;
  device->poll_ms = PD_DEVICE_DEFAULT_POLL_MS;
  device->enabled = TRUE;
  device->max_gap = PD_DEVICE_DEFAULT_MAX_GAP;
  device->max_block_registers = PD_DEVICE_MAX_BLOCK_REGISTERS;
  device->max_block_bits = PD_DEVICE_MAX_BLOCK_BITS;
  device->coalesce = TRUE;
  device->lifecycle = PD_LIFECYCLE_PLANNED;

  return device;
}

PdDevice *
pd_device_copy (const PdDevice *device)
{
  PdDevice *copy;

  g_return_val_if_fail (device != NULL, NULL);

  copy = g_memdup2 (device, sizeof *device);
  copy->name = g_strdup (device->name);
  copy->description = g_strdup (device->description);
  copy->host = g_strdup (device->host);
  copy->serial_path = g_strdup (device->serial_path);

  return copy;
}

void
pd_device_free (PdDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->name);
  g_free (device->description);
  g_free (device->host);
  g_free (device->serial_path);
  g_free (device);
}

gboolean
pd_device_validate (const PdDevice  *device,
                    GError         **error)
{
  g_return_val_if_fail (device != NULL, FALSE);

  if (!_pd_device_name_check (device->name, error))
    return FALSE;

  switch (check_optional_text (device->description, DESCRIPTION_MAX_CHARS, TRUE))
    {
    case TEXT_INVALID:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The description of the device “%s” contains a control character or invalid text."),
                   device->name);
      return FALSE;
    case TEXT_TOO_LONG:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The description of the device “%s” is longer than %d characters."),
                   device->name, DESCRIPTION_MAX_CHARS);
      return FALSE;
    case TEXT_OK:
    default:
      break;
    }

  switch (device->transport)
    {
    case PD_TRANSPORT_TCP:
      if (device->host == NULL || *device->host == '\0')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The device “%s” needs a host name or IP address."), device->name);
          return FALSE;
        }
      if (!is_clean_text (device->host) || strchr (device->host, ' ') != NULL ||
          g_utf8_strlen (device->host, -1) > HOST_MAX_CHARS)
        {
          g_autofree char *shown = g_utf8_make_valid (device->host, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The host “%s” is not a valid host name or IP address."), shown);
          return FALSE;
        }
      if (device->port < 1 || device->port > 65535)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The port %u is out of range: it must be between 1 and 65535."),
                       device->port);
          return FALSE;
        }
      if (device->unit_id > UNIT_ID_MAX && device->unit_id != UNIT_ID_TCP_GATEWAY)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The unit id %u is out of range: it must be between 0 and 247, or 255."),
                       device->unit_id);
          return FALSE;
        }
      break;

    case PD_TRANSPORT_RTU:
      {
        gboolean standard = FALSE;

        if (device->serial_path == NULL || *device->serial_path == '\0')
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The device “%s” needs a serial port, e.g. /dev/ttyUSB0."), device->name);
            return FALSE;
          }
        if (!is_clean_text (device->serial_path) ||
            g_utf8_strlen (device->serial_path, -1) > PATH_MAX_CHARS)
          {
            g_autofree char *shown = g_utf8_make_valid (device->serial_path, -1);

            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The serial port “%s” is not a valid path."), shown);
            return FALSE;
          }
        for (guint i = 0; i < G_N_ELEMENTS (standard_bauds); i++)
          standard |= device->baud == standard_bauds[i];
        if (!standard)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The baud rate %u is not a standard rate: use 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200."),
                         device->baud);
            return FALSE;
          }
        if (device->parity != 'N' && device->parity != 'E' && device->parity != 'O')
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The parity must be N (none), E (even) or O (odd)."));
            return FALSE;
          }
        /* Modbus RTU frames are 8-bit; 7 data bits are seen on some old
         * devices, anything less cannot carry the protocol. */
        if (device->data_bits < 7 || device->data_bits > 8)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The data bits %u are out of range: Modbus RTU uses 7 or 8."),
                         device->data_bits);
            return FALSE;
          }
        if (device->stop_bits < 1 || device->stop_bits > 2)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The stop bits %u are out of range: use 1 or 2."), device->stop_bits);
            return FALSE;
          }
        if (device->unit_id > UNIT_ID_MAX)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The unit id %u is out of range: it must be between 0 and 247."),
                         device->unit_id);
            return FALSE;
          }
      }
      break;

    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown transport: use Modbus TCP or Modbus RTU."));
      return FALSE;
    }

  if (device->timeout_ms < TIMEOUT_MIN_MS || device->timeout_ms > TIMEOUT_MAX_MS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The timeout %u ms is out of range: it must be between 10 ms and 60000 ms."),
                   device->timeout_ms);
      return FALSE;
    }

  if (device->poll_ms < POLL_MIN_MS || device->poll_ms > POLL_MAX_MS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The poll interval %u ms is out of range: it must be between 10 ms and one hour (3600000 ms)."),
                   device->poll_ms);
      return FALSE;
    }

  if (device->max_block_registers < 1 || device->max_block_registers > PD_DEVICE_MAX_BLOCK_REGISTERS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The largest block of %u registers is out of range: it must be between 1 and 125."),
                   device->max_block_registers);
      return FALSE;
    }

  if (device->max_block_bits < 1 || device->max_block_bits > PD_DEVICE_MAX_BLOCK_BITS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The largest block of %u bits is out of range: it must be between 1 and 2000."),
                   device->max_block_bits);
      return FALSE;
    }

  if (device->max_gap > device->max_block_registers)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The largest gap of %u registers is out of range: it must be between 0 and the largest block (%u)."),
                   device->max_gap, device->max_block_registers);
      return FALSE;
    }

  if ((guint) device->lifecycle >= PD_N_LIFECYCLES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown lifecycle state."));
      return FALSE;
    }

  if (device->inspection_interval_days > PD_INSPECTION_INTERVAL_MAX_DAYS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The inspection interval of %u days is out of range: it must be at most %u days."),
                   device->inspection_interval_days, PD_INSPECTION_INTERVAL_MAX_DAYS);
      return FALSE;
    }

  return TRUE;
}

gboolean
pd_device_is_polled (const PdDevice *device)
{
  g_return_val_if_fail (device != NULL, FALSE);

  return device->enabled
         && device->lifecycle != PD_LIFECYCLE_PLANNED
         && device->lifecycle != PD_LIFECYCLE_RETIRED;
}

char *
pd_device_dup_address (const PdDevice *device)
{
  g_return_val_if_fail (device != NULL, NULL);

  if (device->transport == PD_TRANSPORT_RTU)
    return g_strdup_printf ("%s %u %u%c%u",
                            device->serial_path != NULL ? device->serial_path : "",
                            device->baud, device->data_bits, device->parity,
                            device->stop_bits);

  /* An IPv6 address needs brackets to keep its colons apart from the port. */
  if (device->host != NULL && strchr (device->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", device->host, device->port);

  return g_strdup_printf ("%s:%u", device->host != NULL ? device->host : "", device->port);
}

char *
pd_device_dup_connection_key (const PdDevice *device)
{
  g_return_val_if_fail (device != NULL, NULL);

  /* Several unit ids on one serial bus must share its one port. Over TCP
   * each device gets its own connection, so that a slow unit behind a
   * gateway never delays another device. */
  if (device->transport == PD_TRANSPORT_RTU)
    return g_strdup_printf ("rtu:%s", device->serial_path != NULL ? device->serial_path : "");

  return g_strdup_printf ("tcp:%s:%u#%u", device->host != NULL ? device->host : "",
                          device->port, device->unit_id);
}

/* --- PdTag ---------------------------------------------------------------------- */

PdTag *
pd_tag_new (void)
{
  PdTag *tag = g_new0 (PdTag, 1);

  tag->area = PD_AREA_HOLDING;
  tag->type = PD_TAG_TYPE_UINT16;
  tag->byte_order = PD_ORDER_BIG;
  tag->word_order = PD_ORDER_BIG;
  tag->scale = 1.0;
  tag->offset = 0.0;
  tag->history = TRUE;

  return tag;
}

PdTag *
pd_tag_copy (const PdTag *tag)
{
  PdTag *copy;

  g_return_val_if_fail (tag != NULL, NULL);

  copy = g_memdup2 (tag, sizeof *tag);
  copy->name = g_strdup (tag->name);
  copy->description = g_strdup (tag->description);
  copy->unit = g_strdup (tag->unit);

  return copy;
}

void
pd_tag_free (PdTag *tag)
{
  if (tag == NULL)
    return;

  g_free (tag->name);
  g_free (tag->description);
  g_free (tag->unit);
  g_free (tag);
}

gboolean
pd_tag_validate (const PdTag  *tag,
                 GError      **error)
{
  guint width;

  g_return_val_if_fail (tag != NULL, FALSE);

  if (!_pd_tag_name_check (tag->name, error))
    return FALSE;

  switch (check_optional_text (tag->description, DESCRIPTION_MAX_CHARS, TRUE))
    {
    case TEXT_INVALID:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The description of the tag “%s” contains a control character or invalid text."),
                   tag->name);
      return FALSE;
    case TEXT_TOO_LONG:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The description of the tag “%s” is longer than %d characters."),
                   tag->name, DESCRIPTION_MAX_CHARS);
      return FALSE;
    case TEXT_OK:
    default:
      break;
    }

  switch (check_optional_text (tag->unit, UNIT_MAX_CHARS, FALSE))
    {
    case TEXT_INVALID:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The engineering unit of the tag “%s” contains a control character or invalid text."),
                   tag->name);
      return FALSE;
    case TEXT_TOO_LONG:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The engineering unit of the tag “%s” is longer than %d characters."),
                   tag->name, UNIT_MAX_CHARS);
      return FALSE;
    case TEXT_OK:
    default:
      break;
    }

  if ((guint) tag->area >= PD_N_AREAS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” has an unknown area: use coil, discrete, input or holding."),
                   tag->name);
      return FALSE;
    }

  if ((guint) tag->type >= PD_N_TAG_TYPES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” has an unknown type: use bool, int16, uint16, int32, uint32, float32 or float64."),
                   tag->name);
      return FALSE;
    }

  if ((guint) tag->byte_order > PD_ORDER_LITTLE || (guint) tag->word_order > PD_ORDER_LITTLE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” has an unknown byte or word order: use big or little."),
                   tag->name);
      return FALSE;
    }

  /* A bit of a register is out of scope: bit areas hold booleans only,
   * and booleans live only in bit areas. */
  if (pd_area_is_bits (tag->area) && tag->type != PD_TAG_TYPE_BOOL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” is in the %s area, which holds single bits: its type must be bool, not %s."),
                   tag->name, pd_area_to_string (tag->area), pd_tag_type_to_string (tag->type));
      return FALSE;
    }

  if (!pd_area_is_bits (tag->area) && tag->type == PD_TAG_TYPE_BOOL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” is of type bool, which only coil and discrete areas hold, not the %s area."),
                   tag->name, pd_area_to_string (tag->area));
      return FALSE;
    }

  width = pd_tag_type_get_width (tag->type);
  if (tag->address > MAX_ADDRESS || tag->address + width - 1 > MAX_ADDRESS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” at address %u does not fit: a %s value there would end past address 65535."),
                   tag->name, tag->address, pd_tag_type_to_string (tag->type));
      return FALSE;
    }

  if (tag->type == PD_TAG_TYPE_BOOL && tag->byte_order != PD_ORDER_BIG)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” is a bool: a byte order applies only to register types."),
                   tag->name);
      return FALSE;
    }

  if (width < 2 && tag->word_order != PD_ORDER_BIG)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” is of type %s, one register or bit: a word order applies only to 32- and 64-bit types."),
                   tag->name, pd_tag_type_to_string (tag->type));
      return FALSE;
    }

  if (!isfinite (tag->scale) || tag->scale == 0.0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The scale of the tag “%s” must be a finite number other than zero."),
                   tag->name);
      return FALSE;
    }

  if (!isfinite (tag->offset))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The offset of the tag “%s” must be a finite number."), tag->name);
      return FALSE;
    }

  if (!isfinite (tag->deadband) || tag->deadband < 0.0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The deadband of the tag “%s” must be a finite number of at least zero."),
                   tag->name);
      return FALSE;
    }

  if (tag->poll_ms != 0 && (tag->poll_ms < POLL_MIN_MS || tag->poll_ms > POLL_MAX_MS))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The poll interval %u ms of the tag “%s” is out of range: use 0 for the device’s, or between 10 ms and one hour (3600000 ms)."),
                   tag->poll_ms, tag->name);
      return FALSE;
    }

  if (tag->writable && !pd_area_is_writable (tag->area))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The tag “%s” cannot be writable: the %s area is read-only; only coil and holding are."),
                   tag->name, pd_area_to_string (tag->area));
      return FALSE;
    }

  return TRUE;
}
