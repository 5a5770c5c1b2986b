/* pd-modbus-codec.c — tag values to and from Modbus registers and bits
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-modbus-codec"

#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-modbus-codec.h"

static guint
register_width (PdTagType type)
{
  return pd_tag_type_get_width (type);
}

/* The tag's registers as one unsigned number, most significant word
 * first whatever the order on the wire. */
static guint64
registers_to_raw (const PdTag   *tag,
                  const guint16 *registers,
                  guint          width)
{
  guint64 raw = 0;

  for (guint i = 0; i < width; i++)
    {
      guint index = tag->word_order == PD_ORDER_BIG || width == 1 ? i : width - 1 - i;
      guint16 word = registers[index];

      if (tag->byte_order == PD_ORDER_LITTLE)
        word = GUINT16_SWAP_LE_BE (word);
      raw = (raw << 16) | word;
    }

  return raw;
}

static void
raw_to_registers (const PdTag *tag,
                  guint64      raw,
                  guint16     *registers,
                  guint        width)
{
  for (guint i = 0; i < width; i++)
    {
      guint index = tag->word_order == PD_ORDER_BIG || width == 1 ? i : width - 1 - i;
      guint16 word = (guint16) (raw >> (16 * (width - 1 - i)));

      if (tag->byte_order == PD_ORDER_LITTLE)
        word = GUINT16_SWAP_LE_BE (word);
      registers[index] = word;
    }
}

gboolean
pd_modbus_decode_registers (const PdTag    *tag,
                            const guint16  *registers,
                            guint           n_registers,
                            double         *value,
                            GError        **error)
{
  guint width;
  guint64 raw;
  double v;

  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (registers != NULL || n_registers == 0, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  width = register_width (tag->type);
  if (n_registers < width)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Tag “%s” needs %u registers but only %u were read"),
                   tag->name ? tag->name : "", width, n_registers);
      return FALSE;
    }

  raw = registers_to_raw (tag, registers, width);

  switch (tag->type)
    {
    case PD_TAG_TYPE_BOOL:
      *value = raw != 0 ? 1.0 : 0.0;
      return TRUE;
    case PD_TAG_TYPE_INT16:
      v = (gint16) (guint16) raw;
      break;
    case PD_TAG_TYPE_UINT16:
      v = (guint16) raw;
      break;
    case PD_TAG_TYPE_INT32:
      v = (gint32) (guint32) raw;
      break;
    case PD_TAG_TYPE_UINT32:
      v = (guint32) raw;
      break;
    case PD_TAG_TYPE_FLOAT32:
      {
        guint32 bits = (guint32) raw;
        float f;

        memcpy (&f, &bits, sizeof f);
        v = f;
      }
      break;
    case PD_TAG_TYPE_FLOAT64:
      memcpy (&v, &raw, sizeof v);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!isfinite (v))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Tag “%s” holds no number (NaN or infinity)"),
                   tag->name ? tag->name : "");
      return FALSE;
    }

  *value = v * tag->scale + tag->offset;
  return TRUE;
}

double
pd_modbus_decode_bit (const PdTag *tag,
                      guint8       bit)
{
  return bit ? 1.0 : 0.0;
}

static gboolean
out_of_range (const PdTag *tag,
              double       value,
              GError     **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%g does not fit tag “%s” of type %s"),
               value, tag->name ? tag->name : "",
               pd_tag_type_to_string (tag->type));
  return FALSE;
}

gboolean
pd_modbus_encode (const PdTag *tag,
                  double       value,
                  guint16     *registers,
                  guint       *n_registers,
                  guint8      *bit,
                  GError     **error)
{
  guint width;
  guint64 raw = 0;
  double r;

  g_return_val_if_fail (tag != NULL, FALSE);

  if (!isfinite (value))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Only a finite number can be written to tag “%s”"),
                   tag->name ? tag->name : "");
      return FALSE;
    }

  if (pd_area_is_bits (tag->area) || tag->type == PD_TAG_TYPE_BOOL)
    {
      if (value != 0.0 && value != 1.0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Tag “%s” takes only 0 or 1"),
                       tag->name ? tag->name : "");
          return FALSE;
        }
      if (bit != NULL)
        *bit = value != 0.0;
      if (registers != NULL)
        registers[0] = value != 0.0;
      if (n_registers != NULL)
        *n_registers = pd_area_is_bits (tag->area) ? 0 : 1;
      return TRUE;
    }

  if (tag->scale == 0.0 || !isfinite (tag->scale))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Tag “%s” has a scale of zero and cannot be written"),
                   tag->name ? tag->name : "");
      return FALSE;
    }

  r = (value - tag->offset) / tag->scale;
  width = register_width (tag->type);

  switch (tag->type)
    {
    case PD_TAG_TYPE_INT16:
      r = round (r);
      if (!(r >= G_MININT16 && r <= G_MAXINT16))
        return out_of_range (tag, value, error);
      raw = (guint16) (gint16) r;
      break;
    case PD_TAG_TYPE_UINT16:
      r = round (r);
      if (!(r >= 0 && r <= G_MAXUINT16))
        return out_of_range (tag, value, error);
      raw = (guint16) r;
      break;
    case PD_TAG_TYPE_INT32:
      r = round (r);
      if (!(r >= G_MININT32 && r <= G_MAXINT32))
        return out_of_range (tag, value, error);
      raw = (guint32) (gint32) r;
      break;
    case PD_TAG_TYPE_UINT32:
      r = round (r);
      if (!(r >= 0 && r <= G_MAXUINT32))
        return out_of_range (tag, value, error);
      raw = (guint32) r;
      break;
    case PD_TAG_TYPE_FLOAT32:
      {
        float f;
        guint32 bits;

        if (!(fabs (r) <= FLT_MAX))
          return out_of_range (tag, value, error);
        f = (float) r;
        memcpy (&bits, &f, sizeof bits);
        raw = bits;
      }
      break;
    case PD_TAG_TYPE_FLOAT64:
      if (!isfinite (r))
        return out_of_range (tag, value, error);
      memcpy (&raw, &r, sizeof raw);
      break;
    default:
      g_assert_not_reached ();
    }

  if (registers != NULL)
    raw_to_registers (tag, raw, registers, width);
  if (n_registers != NULL)
    *n_registers = width;
  if (bit != NULL)
    *bit = 0;

  return TRUE;
}
