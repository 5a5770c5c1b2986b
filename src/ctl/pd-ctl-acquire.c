/* pd-ctl-acquire.c — plantdesk-ctl read, write, diag and acquire
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-acquire"

#include "config.h"

#include <inttypes.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "pd-acquisition.h"
#include "pd-alarm-engine.h"
#include "pd-ctl-private.h"
#include "pd-store-devices.h"

/* "read" exits with this when the device answered but some tag is bad. */
#define PD_CTL_EXIT_SOME_BAD 3

static PdDevice *
login_and_find_device (PdCtl      *ctl,
                       const char *name,
                       GPtrArray **tags,
                       int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;

  if (pd_ctl_login (ctl, &error) == NULL)
    {
      *status = pd_ctl_fail (error);
      return NULL;
    }

  device = pd_store_find_device (ctl->store, name, &error);
  if (device != NULL && tags != NULL)
    *tags = pd_store_list_tags (ctl->store, device->id, &error);
  if (device == NULL || (tags != NULL && *tags == NULL))
    {
      *status = pd_ctl_fail (error);
      return NULL;
    }

  return g_steal_pointer (&device);
}

static char *
format_ts (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, (int) (usec % G_USEC_PER_SEC) / 1000);
}

static gboolean
parse_seconds (const PdCtlCommand *command,
               PdCtlArgs          *args,
               guint               fallback,
               guint              *seconds)
{
  const char *text = pd_ctl_args_get_option (args, "seconds");
  guint64 value;

  *seconds = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 86400 * 365, &value, NULL))
    {
      pd_ctl_usage_error (command, _("--seconds takes a whole number of seconds, not “%s”"), text);
      return FALSE;
    }
  *seconds = value;
  return TRUE;
}

int
pd_ctl_read_run (PdCtl              *ctl,
                 const PdCtlCommand *command,
                 PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GArray) samples = NULL;
  int status = PD_CTL_EXIT_FAILED;
  gboolean all_good = TRUE;

  if ((device = login_and_find_device (ctl, pd_ctl_args_get (args, 0), &tags, &status)) == NULL)
    return status;

  samples = pd_engine_read_once (device, tags, NULL, &error);
  if (samples == NULL)
    return pd_ctl_fail (error);

  for (guint i = 0; i < samples->len; i++)
    all_good &= g_array_index (samples, PdSample, i).quality == PD_QUALITY_GOOD;

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < samples->len; i++)
        {
          const PdTag *tag = g_ptr_array_index (tags, i);
          const PdSample *sample = &g_array_index (samples, PdSample, i);
          JsonObject *object = json_object_new ();
          g_autofree char *ts = format_ts (sample->ts);

          json_object_set_string_member (object, "tag", tag->name);
          if (sample->quality != PD_QUALITY_GOOD)
            json_object_set_null_member (object, "value");
          else if (tag->type == PD_TAG_TYPE_BOOL || pd_area_is_bits (tag->area))
            json_object_set_boolean_member (object, "value", sample->value != 0);
          else
            json_object_set_double_member (object, "value", sample->value);
          json_object_set_string_member (object, "quality",
                                         sample->quality == PD_QUALITY_GOOD ? "good" : "bad");
          json_object_set_string_member (object, "ts", ts);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autoptr(PdCtlTable) table = pd_ctl_table_new (4, _("TAG"), _("VALUE"), _("UNIT"), _("QUALITY"));

      for (guint i = 0; i < samples->len; i++)
        {
          const PdTag *tag = g_ptr_array_index (tags, i);
          const PdSample *sample = &g_array_index (samples, PdSample, i);
          g_autofree char *value = NULL;

          if (sample->quality != PD_QUALITY_GOOD)
            value = g_strdup ("—");
          else if (tag->type == PD_TAG_TYPE_BOOL || pd_area_is_bits (tag->area))
            value = g_strdup (sample->value != 0 ? "true" : "false");
          else
            value = g_strdup_printf ("%.10g", sample->value);
          pd_ctl_table_add_row (table, tag->name, value, tag->unit != NULL ? tag->unit : "",
                                sample->quality == PD_QUALITY_GOOD ? _("good") : _("bad"));
        }
      pd_ctl_table_print (table);
    }

  return all_good ? PD_CTL_EXIT_OK : PD_CTL_EXIT_SOME_BAD;
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} WriteWait;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteWait *wait = user_data;

  wait->ok = pd_acquisition_write_value_finish (PD_ACQUISITION (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
pd_ctl_write_run (PdCtl              *ctl,
                  const PdCtlCommand *command,
                  PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(PdAcquisition) acquisition = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *text = pd_ctl_args_get (args, 2);
  WriteWait wait = { 0, };
  char *end = NULL;
  double value;
  int status = PD_CTL_EXIT_FAILED;

  if (g_ascii_strcasecmp (text, "true") == 0)
    value = 1;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    value = 0;
  else
    {
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return pd_ctl_usage_error (command, _("“%s” is not a number"), text);
    }

  if ((device = login_and_find_device (ctl, pd_ctl_args_get (args, 0), NULL, &status)) == NULL)
    return status;
  tag = pd_store_find_tag (ctl->store, device->id, pd_ctl_args_get (args, 1), &error);
  if (tag == NULL)
    return pd_ctl_fail (error);

  /* The same path as the app: writable, permission, audit. */
  acquisition = pd_acquisition_new (ctl->store, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  pd_acquisition_write_value_async (acquisition, ctl->actor, tag->id, value, NULL, write_done_cb, &wait);
  g_main_loop_run (loop);

  if (!wait.ok)
    {
      status = pd_ctl_fail (wait.error);
      g_clear_error (&wait.error);
      return status;
    }

  pd_ctl_print_line (_("Wrote %s to %s/%s"), text, device->name, tag->name);
  return PD_CTL_EXIT_OK;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
pd_ctl_diag_run (PdCtl              *ctl,
                 const PdCtlCommand *command,
                 PdCtlArgs          *args)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdEngine) engine = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(PdDeviceStatus) s = NULL;
  int status = PD_CTL_EXIT_FAILED;
  guint seconds;
  guint int_id, term_id;

  if (!parse_seconds (command, args, 5, &seconds))
    return PD_CTL_EXIT_USAGE;
  if ((device = login_and_find_device (ctl, pd_ctl_args_get (args, 0), &tags, &status)) == NULL)
    return status;

  /* Polled as acquisition would, whatever its lifecycle. */
  device->enabled = TRUE;
  device->lifecycle = PD_LIFECYCLE_IN_SERVICE;
  devices = g_ptr_array_new ();
  g_ptr_array_add (devices, device);

  engine = pd_engine_new ();
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add_seconds (seconds, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, signal_cb, loop);
  term_id = g_unix_signal_add (SIGTERM, signal_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (int_id);
  g_source_remove (term_id);
  s = pd_engine_dup_status (engine, device->id);
  pd_engine_stop (engine);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      const char *states[] = { "unknown", "online", "degraded", "offline" };

      json_object_set_string_member (object, "device", device->name);
      json_object_set_string_member (object, "state", states[s->state]);
      json_object_set_int_member (object, "cycles", s->cycles);
      json_object_set_int_member (object, "late_cycles", s->late_cycles);
      json_object_set_int_member (object, "requests", s->requests);
      json_object_set_int_member (object, "errors", s->errors);
      json_object_set_int_member (object, "timeouts", s->timeouts);
      json_object_set_int_member (object, "reconnects", s->reconnects);
      json_object_set_double_member (object, "error_rate", s->error_rate);
      json_object_set_int_member (object, "latency_p50_us", s->latency_p50);
      json_object_set_int_member (object, "latency_p95_us", s->latency_p95);
      json_object_set_int_member (object, "latency_p99_us", s->latency_p99);
      json_object_set_int_member (object, "requests_per_cycle", s->requests_per_cycle);
      pd_ctl_json_set_string (object, "last_error", s->last_error);
      json_node_take_object (node, object);
      pd_ctl_print_json (node);
    }
  else
    {
      const char *states[] = { N_("unknown"), N_("online"), N_("degraded"), N_("offline") };

      pd_ctl_print_line (_("Device:             %s"), device->name);
      pd_ctl_print_line (_("State:              %s"), _(states[s->state]));
      pd_ctl_print_line (_("Cycles:             %" PRIu64 " (%" PRIu64 " late)"), s->cycles, s->late_cycles);
      pd_ctl_print_line (_("Requests:           %" PRIu64 " (%u per cycle)"), s->requests, s->requests_per_cycle);
      pd_ctl_print_line (_("Errors:             %" PRIu64 " (%.1f %% of the last requests)"), s->errors, s->error_rate * 100);
      pd_ctl_print_line (_("Timeouts:           %" PRIu64), s->timeouts);
      pd_ctl_print_line (_("Reconnects:         %" PRIu64), s->reconnects);
      pd_ctl_print_line (_("Latency p50/95/99:  %.2f / %.2f / %.2f ms"),
                         s->latency_p50 / 1000.0, s->latency_p95 / 1000.0, s->latency_p99 / 1000.0);
      pd_ctl_print_line (_("Last error:         %s"), s->last_error != NULL ? s->last_error : _("none"));
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_acquire_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdHistorian) historian = NULL;
  g_autoptr(PdAcquisition) acquisition = NULL;
  g_autoptr(PdAlarmEngine) alarms = NULL;
  g_autoptr(PdMachineCounts) counts = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) count_statuses = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  PdAlarmEngineStats alarm_stats = { 0, };
  guint seconds = 0;
  guint int_id, term_id;

  if (pd_ctl_args_get_option (args, "seconds") != NULL
      && !parse_seconds (command, args, 0, &seconds))
    return PD_CTL_EXIT_USAGE;
  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  historian = pd_historian_open (pd_store_get_data_dir (ctl->store), &error);
  if (historian == NULL)
    return pd_ctl_fail (error);

  /* Alarms are evaluated on every value, as in the app. */
  alarms = pd_alarm_engine_new (pd_store_get_data_dir (ctl->store));
  if (!pd_alarm_engine_start (alarms, &error))
    return pd_ctl_fail (error);

  acquisition = pd_acquisition_new (ctl->store, historian);
  pd_acquisition_set_alarm_engine (acquisition, alarms);
  /* Work centers' part counters report to their running operations, as
   * in the app. */
  counts = pd_machine_counts_new (pd_store_get_data_dir (ctl->store));
  pd_machine_counts_start (counts);
  pd_acquisition_set_machine_counts (acquisition, counts);
  pd_acquisition_start (acquisition);

  loop = g_main_loop_new (NULL, FALSE);
  if (seconds > 0)
    g_timeout_add_seconds (seconds, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, signal_cb, loop);
  term_id = g_unix_signal_add (SIGTERM, signal_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (int_id);
  g_source_remove (term_id);

  pd_acquisition_stop (acquisition);
  pd_alarm_engine_flush (alarms);
  pd_alarm_engine_get_stats (alarms, &alarm_stats);
  pd_acquisition_set_alarm_engine (acquisition, NULL);
  pd_alarm_engine_stop (alarms);
  pd_acquisition_set_machine_counts (acquisition, NULL);
  pd_machine_counts_stop (counts);
  count_statuses = pd_machine_counts_dup_statuses (counts);
  if (!pd_historian_flush (historian, &error))
    return pd_ctl_fail (error);

  devices = pd_store_list_devices (ctl->store, &error);
  if (devices == NULL)
    return pd_ctl_fail (error);
  for (guint i = 0; i < devices->len; i++)
    {
      const PdDevice *device = g_ptr_array_index (devices, i);
      g_autoptr(PdDeviceStatus) s = pd_acquisition_dup_status (acquisition, device->id);

      if (s == NULL)
        continue;
      pd_ctl_print_line (_("%s: %" PRIu64 " cycles (%" PRIu64 " late), %" PRIu64 " requests, %" PRIu64 " errors, %" PRIu64 " reconnects"),
                         device->name, s->cycles, s->late_cycles, s->requests, s->errors, s->reconnects);
    }
  pd_ctl_print_line (ngettext ("%" PRIu64 " alarm event written", "%" PRIu64 " alarm events written",
                               alarm_stats.written > G_MAXULONG ? G_MAXULONG : (gulong) alarm_stats.written),
                     alarm_stats.written);
  for (guint i = 0; i < count_statuses->len; i++)
    {
      const PdMachineCountsStatus *c = g_ptr_array_index (count_statuses, i);
      g_autofree char *good = NULL;
      g_autofree char *scrap = NULL;
      g_autofree char *unassigned = NULL;

      if (c->reported_good + c->reported_scrap + c->unassigned_good + c->unassigned_scrap == 0)
        continue;
      good = pd_qty_to_string (c->reported_good);
      scrap = pd_qty_to_string (c->reported_scrap);
      unassigned = pd_qty_to_string (c->unassigned_good + c->unassigned_scrap);
      /* TRANSLATORS: a work center's machine counts: code, good, scrap and
       * parts counted with no operation running. */
      pd_ctl_print_line (_("%s: machine counted %s good, %s scrap, %s with no operation running"),
                         c->work_center_code, good, scrap, unassigned);
    }

  return PD_CTL_EXIT_OK;
}
