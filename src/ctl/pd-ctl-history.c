/* pd-ctl-history.c — history DEVICE/TAG: raw samples or buckets of a tag
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-history"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-ctl-private.h"

#define MAX_BUCKETS 100000
#define DEFAULT_RANGE (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gint64
to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static GDateTime *
from_usec (gint64 ts)
{
  gint64 seconds = ts / G_USEC_PER_SEC;
  gint64 usec = ts % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (usec < 0)
    {
      seconds--;
      usec += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  return whole != NULL ? g_date_time_add (whole, usec) : NULL;
}

/* ISO 8601 in UTC, with milliseconds (microseconds when they matter). */
static char *
format_iso (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autofree char *base = NULL;
  int usec;

  if (time == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  usec = g_date_time_get_microsecond (time);
  if (usec % 1000 != 0)
    return g_strdup_printf ("%s.%06dZ", base, usec);

  return g_strdup_printf ("%s.%03dZ", base, usec / 1000);
}

static char *
format_local (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *base = NULL;

  if (time == NULL || (local = g_date_time_to_local (time)) == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  base = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  return g_strdup_printf ("%s.%03d", base, g_date_time_get_microsecond (local) / 1000);
}

static char *
format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

static void
print_raw (PdCtl  *ctl,
           GArray *samples)
{
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (samples->len);

      for (guint i = 0; i < samples->len; i++)
        {
          const PdSample *s = &g_array_index (samples, PdSample, i);
          JsonObject *object = json_object_new ();
          g_autofree char *ts = format_iso (s->ts);

          json_object_set_string_member (object, "ts", ts);
          /* A gap (the tag could not be read from here on) has no value. */
          if (s->quality == PD_QUALITY_GOOD)
            json_object_set_double_member (object, "value", s->value);
          else
            json_object_set_null_member (object, "value");
          json_array_add_object_element (array, object);
        }

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else if (samples->len == 0)
    {
      pd_ctl_print_line ("%s", _("No samples in this time range."));
    }
  else
    {
      g_autoptr(PdCtlTable) table = pd_ctl_table_new (2, _("TIME"), _("VALUE"));

      for (guint i = 0; i < samples->len; i++)
        {
          const PdSample *s = &g_array_index (samples, PdSample, i);
          g_autofree char *time = format_local (s->ts);
          g_autofree char *value = NULL;

          if (s->quality == PD_QUALITY_GOOD)
            value = format_value (s->value);
          else
            value = g_strdup (_("(no value: not readable)"));
          pd_ctl_table_add_row (table, time, value);
        }

      pd_ctl_table_print (table);
    }
}

static void
print_buckets (PdCtl  *ctl,
               GArray *buckets)
{
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (buckets->len);

      for (guint i = 0; i < buckets->len; i++)
        {
          const PdHistoryBucket *b = &g_array_index (buckets, PdHistoryBucket, i);
          JsonObject *object = json_object_new ();
          g_autofree char *ts = format_iso (b->ts);

          json_object_set_string_member (object, "ts", ts);
          json_object_set_double_member (object, "min", b->min);
          json_object_set_double_member (object, "max", b->max);
          json_object_set_double_member (object, "avg", b->avg);
          json_object_set_int_member (object, "count", (gint64) b->count);
          json_array_add_object_element (array, object);
        }

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else if (buckets->len == 0)
    {
      pd_ctl_print_line ("%s", _("No samples in this time range."));
    }
  else
    {
      g_autoptr(PdCtlTable) table = pd_ctl_table_new (5, _("TIME"), _("MIN"), _("MAX"),
                                                      _("AVG"), _("COUNT"));

      for (guint i = 0; i < buckets->len; i++)
        {
          const PdHistoryBucket *b = &g_array_index (buckets, PdHistoryBucket, i);
          g_autofree char *time = format_local (b->ts);
          g_autofree char *min = format_value (b->min);
          g_autofree char *max = format_value (b->max);
          g_autofree char *avg = format_value (b->avg);
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, b->count);

          pd_ctl_table_add_row (table, time, min, max, avg, count);
        }

      pd_ctl_table_print (table);
    }
}

int
pd_ctl_history_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  const char *path = pd_ctl_args_get (args, 0);
  const char *from_str = pd_ctl_args_get_option (args, "from");
  const char *to_str = pd_ctl_args_get_option (args, "to");
  const char *buckets_str = pd_ctl_args_get_option (args, "buckets");
  const char *slash = strchr (path, '/');
  g_autofree char *device_name = NULL;
  g_autoptr(GDateTime) from_time = NULL;
  g_autoptr(GDateTime) to_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(PdHistorian) historian = NULL;
  g_autoptr(GArray) result = NULL;
  guint64 n_buckets = 0;
  gint64 from, to;
  PdStore *store;

  /* Every argument is checked before anything is opened. */
  if (slash == NULL || slash == path || slash[1] == '\0')
    return pd_ctl_usage_error (command, _("“%s” does not name a tag: write DEVICE/TAG, e.g. “press-1/temperature”."), path);

  if (from_str != NULL && (from_time = pd_ctl_parse_time (from_str)) == NULL)
    return pd_ctl_usage_error (command, _("“%s” is not an ISO 8601 date or time."), from_str);

  if (to_str != NULL && (to_time = pd_ctl_parse_time (to_str)) == NULL)
    return pd_ctl_usage_error (command, _("“%s” is not an ISO 8601 date or time."), to_str);

  if (buckets_str != NULL &&
      !g_ascii_string_to_unsigned (buckets_str, 10, 1, MAX_BUCKETS, &n_buckets, NULL))
    return pd_ctl_usage_error (command, _("“%s” is not a number of buckets from 1 to %d."),
                               buckets_str, MAX_BUCKETS);

  /* The last hour by default; one end given alone keeps an hour's span
   * before --to, or runs from --from until now. */
  to = to_time != NULL ? to_usec (to_time) : g_get_real_time ();
  if (from_time != NULL)
    from = to_usec (from_time);
  else
    from = to - DEFAULT_RANGE;
  if (to_time == NULL && from_time != NULL && from >= to)
    return pd_ctl_usage_error (command, _("The start of the range (--from) lies in the future."));

  if (from >= to)
    return pd_ctl_usage_error (command, _("The start of the range (--from) must come before its end (--to)."));

  device_name = g_strndup (path, slash - path);

  if ((store = pd_ctl_open_store (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((device = pd_store_find_device (store, device_name, &error)) == NULL ||
      (tag = pd_store_find_tag (store, device->id, slash + 1, &error)) == NULL)
    return pd_ctl_fail (error);

  if ((historian = pd_historian_open (pd_store_get_data_dir (store), &error)) == NULL)
    return pd_ctl_fail (error);

  if (buckets_str != NULL)
    result = pd_historian_read_buckets (historian, tag->id, from, to, n_buckets, &error);
  else
    result = pd_historian_read_raw (historian, tag->id, from, to, &error);

  if (result == NULL)
    return pd_ctl_fail (error);

  if (buckets_str != NULL)
    print_buckets (ctl, result);
  else
    print_raw (ctl, result);

  return PD_CTL_EXIT_OK;
}
