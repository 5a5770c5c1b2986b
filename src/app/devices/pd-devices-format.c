/* pd-devices-format.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-devices-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "devices/pd-devices-format.h"

static int
get_decimals (const PdTag *tag)
{
  gboolean integral_type = tag->type != PD_TAG_TYPE_FLOAT32 && tag->type != PD_TAG_TYPE_FLOAT64;
  double scale = fabs (tag->scale);

  if (integral_type && scale == floor (scale) && tag->offset == floor (tag->offset))
    return 0;

  /* A scale of 0.1 makes tenths meaningful, and nothing finer. */
  if (integral_type && scale > 0 && scale < 1)
    return CLAMP ((int) ceil (-log10 (scale) - 1e-9), 1, 6);

  return 2;
}

char *
pd_format_tag_value_plain (const PdTag *tag,
                           double       value)
{
  g_return_val_if_fail (tag != NULL, NULL);

  if (tag->type == PD_TAG_TYPE_BOOL)
    return g_strdup (value != 0 ? _("On") : _("Off"));

  return g_strdup_printf ("%.*f", get_decimals (tag), value);
}

char *
pd_format_tag_value (const PdTag *tag,
                     double       value)
{
  g_autofree char *plain = pd_format_tag_value_plain (tag, value);

  if (tag->type == PD_TAG_TYPE_BOOL || tag->unit == NULL || tag->unit[0] == '\0')
    return g_steal_pointer (&plain);

  /* TRANSLATORS: a value and its unit, e.g. "42.0 °C" */
  return g_strdup_printf (_("%s %s"), plain, tag->unit);
}

char *
pd_format_age (gint64 now,
               gint64 ts)
{
  gint64 seconds;

  if (ts <= 0)
    return g_strdup ("—");

  seconds = MAX (0, (now - ts) / G_USEC_PER_SEC);

  if (seconds < 60)
    /* TRANSLATORS: an age in seconds, e.g. "2 s" */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    /* TRANSLATORS: an age in minutes, e.g. "5 min" */
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    /* TRANSLATORS: an age in hours, e.g. "3 h" */
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));

  /* TRANSLATORS: an age in days, e.g. "4 d" */
  return g_strdup_printf (_("%d d"), (int) (seconds / 86400));
}

/* The start of the local day after DT. */
static GDateTime *
next_local_midnight (GDateTime *dt)
{
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (dt, 1);

  return g_date_time_new_local (g_date_time_get_year (tomorrow),
                                g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow),
                                0, 0, 0);
}

char *
pd_format_inspection_due (gint64  now,
                          gint64  due,
                          gint64 *valid_until)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDateTime) due_dt = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) day_after = NULL;
  gint64 until = G_MAXINT64;
  char *text;

  if (due <= 0)
    {
      if (valid_until != NULL)
        *valid_until = G_MAXINT64;
      return NULL;
    }

  if (due < now)
    {
      if (valid_until != NULL)
        *valid_until = G_MAXINT64;
      /* TRANSLATORS: in the device list, the periodic inspection's due
       * date has passed */
      return g_strdup (C_("inspection due date", "Overdue"));
    }

  now_dt = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  due_dt = g_date_time_new_from_unix_local (due / G_USEC_PER_SEC);
  if (now_dt == NULL || due_dt == NULL)
    return NULL;

  midnight = next_local_midnight (now_dt);
  if (midnight != NULL)
    {
      day_after = next_local_midnight (midnight);
      until = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
    }

  if (midnight == NULL || g_date_time_compare (due_dt, midnight) < 0)
    /* TRANSLATORS: in the device list, the periodic inspection is due
     * later today */
    text = g_strdup (C_("inspection due date", "Due today"));
  else if (day_after != NULL && g_date_time_compare (due_dt, day_after) < 0)
    /* TRANSLATORS: in the device list, the periodic inspection is due
     * tomorrow */
    text = g_strdup (C_("inspection due date", "Due tomorrow"));
  else if (g_date_time_get_year (due_dt) == g_date_time_get_year (now_dt))
    /* TRANSLATORS: in the device list, when the periodic inspection is
     * due this year, e.g. "Due 1 Dec"; a g_date_time_format() format:
     * %-d is the day of the month without padding, %b the abbreviated
     * month name. Reorder as your language writes dates. */
    text = g_date_time_format (due_dt, C_("inspection due date", "Due %-d %b"));
  else
    /* TRANSLATORS: in the device list, when the periodic inspection is
     * due in another year, e.g. "Due 1 Dec 2027"; a g_date_time_format()
     * format: %-d is the day of the month without padding, %b the
     * abbreviated month name, %Y the year. */
    text = g_date_time_format (due_dt, C_("inspection due date", "Due %-d %b %Y"));

  /* The text changes at midnight, or when the due time passes today. */
  if (valid_until != NULL)
    *valid_until = MIN (until, due + 1);

  return text;
}

const char *
pd_device_state_get_label (PdDeviceState state)
{
  switch (state)
    {
    case PD_DEVICE_STATE_ONLINE:
      return _("Online");
    case PD_DEVICE_STATE_DEGRADED:
      return _("Degraded");
    case PD_DEVICE_STATE_OFFLINE:
      return _("Offline");
    case PD_DEVICE_STATE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
pd_device_state_get_icon (PdDeviceState state)
{
  switch (state)
    {
    case PD_DEVICE_STATE_ONLINE:
      return "emblem-ok-symbolic";
    case PD_DEVICE_STATE_DEGRADED:
      return "dialog-warning-symbolic";
    case PD_DEVICE_STATE_OFFLINE:
      return "network-offline-symbolic";
    case PD_DEVICE_STATE_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}

const char *
pd_quality_get_label (PdQuality quality)
{
  switch (quality)
    {
    case PD_QUALITY_GOOD:
      return _("Good");
    case PD_QUALITY_BAD:
      return _("Bad");
    case PD_QUALITY_STALE:
    default:
      return _("Stale");
    }
}

const char *
pd_quality_get_icon (PdQuality quality)
{
  switch (quality)
    {
    case PD_QUALITY_GOOD:
      return "emblem-ok-symbolic";
    case PD_QUALITY_BAD:
      return "dialog-error-symbolic";
    case PD_QUALITY_STALE:
    default:
      return "document-open-recent-symbolic";
    }
}

const char *
pd_tag_type_get_label (PdTagType type)
{
  /* Technical names, the same in every language. */
  return pd_tag_type_to_string (type);
}

gboolean
pd_parse_tag_value (const PdTag  *tag,
                    const char   *text,
                    double       *value,
                    GError      **error)
{
  g_autofree char *stripped = NULL;
  char *end = NULL;
  double parsed;

  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));

  if (tag->type == PD_TAG_TYPE_BOOL)
    {
      if (g_ascii_strcasecmp (stripped, "1") == 0 ||
          g_ascii_strcasecmp (stripped, "on") == 0 ||
          g_ascii_strcasecmp (stripped, "true") == 0 ||
          g_strcmp0 (stripped, _("On")) == 0)
        {
          *value = 1;
          return TRUE;
        }
      if (g_ascii_strcasecmp (stripped, "0") == 0 ||
          g_ascii_strcasecmp (stripped, "off") == 0 ||
          g_ascii_strcasecmp (stripped, "false") == 0 ||
          g_strcmp0 (stripped, _("Off")) == 0)
        {
          *value = 0;
          return TRUE;
        }

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Enter On or Off."));
      return FALSE;
    }

  if (stripped[0] != '\0')
    {
      parsed = g_ascii_strtod (stripped, &end);
      /* Also take the locale's decimal comma. */
      if (*end != '\0')
        parsed = g_strtod (stripped, &end);
    }

  if (stripped[0] == '\0' || end == NULL || *end != '\0' || !isfinite (parsed))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Enter a number."));
      return FALSE;
    }

  *value = parsed;
  return TRUE;
}
