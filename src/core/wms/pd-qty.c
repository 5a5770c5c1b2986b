/* pd-qty.c — exact decimal quantities
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-qty"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "pd-error.h"
#include "pd-qty.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static gboolean
refuse (const char  *text,
        GError     **error)
{
  /* TRANSLATORS: %s is the text that was typed or read, e.g. “abc” */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” is not a quantity."), text);
  return FALSE;
}

gboolean
pd_qty_parse (const char  *text,
              PdQty       *qty,
              GError     **error)
{
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  guint64 whole = 0;
  guint64 frac = 0;
  guint decimals = 0;
  guint64 value;
  const guint64 max = (guint64) PD_QTY_MAX;
  const guint64 max_whole = (guint64) (PD_QTY_MAX / PD_QTY_ONE);

  g_return_val_if_fail (qty != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return refuse ("", error);

  p = text;
  while (is_space (*p))
    p++;
  end = p + strlen (p);
  while (end > p && is_space (end[-1]))
    end--;

  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      p++;
    }

  while (p < end && g_ascii_isdigit (*p))
    {
      any_digit = TRUE;
      whole = whole * 10 + (guint64) (*p - '0');
      if (whole > max_whole)
        {
          /* TRANSLATORS: %s is the typed text; the limit is 10^12 units */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is too large: a quantity is at most 1000000000000."),
                       text);
          return FALSE;
        }
      p++;
    }

  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (decimals == PD_QTY_DECIMALS)
            {
              /* TRANSLATORS: %s is the typed text, %d the number of decimals allowed */
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("“%s” has more than %d decimals."),
                           text, PD_QTY_DECIMALS);
              return FALSE;
            }
          frac = frac * 10 + (guint64) (*p - '0');
          decimals++;
          p++;
        }
    }

  if (!any_digit || p != end)
    return refuse (text, error);

  for (; decimals < PD_QTY_DECIMALS; decimals++)
    frac *= 10;

  value = whole * (guint64) PD_QTY_ONE + frac;
  if (value > max)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is too large: a quantity is at most 1000000000000."),
                   text);
      return FALSE;
    }

  *qty = negative ? -(PdQty) value : (PdQty) value;
  return TRUE;
}

static char *
qty_to_string_with (PdQty       qty,
                    const char *point)
{
  guint64 magnitude;
  guint64 whole;
  guint64 frac;
  char digits[PD_QTY_DECIMALS + 1];
  int n;

  /* Careful with G_MININT64: its magnitude does not fit a gint64. */
  magnitude = qty < 0 ? (guint64) 0 - (guint64) qty : (guint64) qty;
  whole = magnitude / (guint64) PD_QTY_ONE;
  frac = magnitude % (guint64) PD_QTY_ONE;

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, qty < 0 ? "-" : "", whole);

  g_snprintf (digits, sizeof digits, "%06" G_GUINT64_FORMAT, frac);
  n = PD_QTY_DECIMALS;
  while (n > 0 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%s",
                          qty < 0 ? "-" : "", whole, point, digits);
}

char *
pd_qty_to_string (PdQty qty)
{
  return qty_to_string_with (qty, ".");
}

char *
pd_qty_format (PdQty qty)
{
  struct lconv *lc = localeconv ();
  const char *point = ".";

  if (lc != NULL && lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
    point = lc->decimal_point;

  return qty_to_string_with (qty, point);
}

gboolean
pd_qty_add (PdQty  a,
            PdQty  b,
            PdQty *result)
{
  PdQty sum;

  g_return_val_if_fail (result != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    return FALSE;
  *result = sum;
  return TRUE;
}

gboolean
pd_qty_sub (PdQty  a,
            PdQty  b,
            PdQty *result)
{
  PdQty difference;

  g_return_val_if_fail (result != NULL, FALSE);

  if (__builtin_sub_overflow (a, b, &difference))
    return FALSE;
  *result = difference;
  return TRUE;
}
