/* pd-ctl-alarms.c — alarm define, remove, list, ack, shelve, suppress, history
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-alarms"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "pd-alarm-read.h"
#include "pd-ctl-private.h"
#include "pd-store-alarms.h"
#include "pd-store-devices.h"

/* The limit options, in the order of PdAlarmCondition. */
static const char * const limit_options[] = { "hihi", "hi", "lo", "lolo" };

/* The priority a new limit alarm gets when --priority is not given: what
 * the tag dialog proposes. */
static const PdAlarmPriority default_limit_priority[] = {
  PD_ALARM_PRIORITY_URGENT, PD_ALARM_PRIORITY_HIGH,
  PD_ALARM_PRIORITY_HIGH, PD_ALARM_PRIORITY_URGENT,
};

/* --- Small helpers ---------------------------------------------------------- */

static int
fail_invalid (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static int
fail_invalid (const char *format,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (&error, PD_ERROR, PD_ERROR_INVALID, message);
  return pd_ctl_fail (error);
}

/* Reads the number of option NAME, if given. A value that is not a finite
 * number is refused: exit 1 with the option and the value named. */
static gboolean
get_double (PdCtlArgs  *args,
            const char *name,
            gboolean   *given,
            double     *value,
            int        *status)
{
  const char *text = pd_ctl_args_get_option (args, name);
  char *end = NULL;

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  *value = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == text || *end != '\0' || !isfinite (*value))
    {
      /* TRANSLATORS: the option, then the value given. */
      *status = fail_invalid (_("--%s takes a number, not “%s”."), name, text);
      return FALSE;
    }

  return TRUE;
}

/* A delay in milliseconds, 0 … PD_ALARM_MAX_DELAY_MS. */
static gboolean
get_delay (PdCtlArgs  *args,
           const char *name,
           gboolean   *given,
           guint      *value,
           int        *status)
{
  const char *text = pd_ctl_args_get_option (args, name);
  gint64 number;

  *given = text != NULL;
  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL) ||
      number < 0 || number > PD_ALARM_MAX_DELAY_MS)
    {
      /* TRANSLATORS: the option, the value given, then the largest delay. */
      *status = fail_invalid (_("--%s takes a whole number of milliseconds from 0 to %d, not “%s”."),
                              name, PD_ALARM_MAX_DELAY_MS, text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

/* The alarm id of the first argument; a usage error when it is none. */
static gboolean
parse_alarm_id (const PdCtlCommand *command,
                const char         *text,
                const char         *what,
                gint64             *id,
                int                *status)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      /* TRANSLATORS: the first %s is what is named, e.g. "ID" or "--alarm". */
      *status = pd_ctl_usage_error (command, _("%s must be an alarm number, not “%s”."), what, text);
      return FALSE;
    }

  *id = value;
  return TRUE;
}

static GDateTime *
from_usec (gint64 ts)
{
  g_autoptr(GDateTime) whole = g_date_time_new_from_unix_utc (ts / G_USEC_PER_SEC);

  return whole != NULL ? g_date_time_add (whole, ts % G_USEC_PER_SEC) : NULL;
}

/* ISO 8601 in UTC, with milliseconds. */
static char *
format_iso (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autofree char *base = NULL;

  if (time == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (time) / 1000);
}

static char *
format_local (gint64 ts)
{
  g_autoptr(GDateTime) time = from_usec (ts);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL || (local = g_date_time_to_local (time)) == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static gint64
to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static void
json_set_number_or_null (JsonObject *object,
                         const char *member,
                         double      value)
{
  if (isnan (value))
    json_object_set_null_member (object, member);
  else
    json_object_set_double_member (object, member, value);
}

static void
json_set_time_or_null (JsonObject *object,
                       const char *member,
                       gint64      ts)
{
  g_autofree char *iso = ts != 0 ? format_iso (ts) : NULL;

  pd_ctl_json_set_string (object, member, iso);
}

/* --- alarm define ---------------------------------------------------------- */

typedef struct
{
  double          limits[4];
  gboolean        has_limit[4];
  gboolean        any_limit;
  double          deadband;
  gboolean        has_deadband;
  guint           on_delay_ms;
  gboolean        has_on_delay;
  guint           off_delay_ms;
  gboolean        has_off_delay;
  PdAlarmPriority priority;
  gboolean        has_priority;
  gboolean        latching;
  gboolean        no_latching;
  const char     *message;
  gboolean        digital;
  gboolean        digital_when;
  gboolean        comm;
} DefineOptions;

/* Applies what was given to DEF. */
static void
apply_common (const DefineOptions *o,
              PdAlarmDef          *def)
{
  if (o->has_deadband)
    def->deadband = o->deadband;
  if (o->has_on_delay)
    def->on_delay_ms = o->on_delay_ms;
  if (o->has_off_delay)
    def->off_delay_ms = o->off_delay_ms;
  if (o->has_priority)
    def->priority = o->priority;
  if (o->latching)
    def->latching = TRUE;
  if (o->no_latching)
    def->latching = FALSE;
  if (o->message != NULL)
    {
      g_free (def->message);
      def->message = g_strdup (o->message);
    }
}

static PdAlarmDef *
find_def (GPtrArray        *defs,
          PdAlarmCondition  condition,
          gint64            tag_id,
          gint64            device_id)
{
  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (def->condition == condition &&
          (tag_id == 0 || def->tag_id == tag_id) &&
          (device_id == 0 || def->device_id == device_id))
        return def;
    }

  return NULL;
}

static int
define_comm (PdCtl               *ctl,
             const DefineOptions *o,
             const char          *device_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(PdAlarmDef) def = NULL;
  PdAlarmDef *existing;

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if ((device = pd_store_find_device (ctl->store, device_name, &error)) == NULL)
    return pd_ctl_fail (error);
  if ((defs = pd_store_list_alarm_defs (ctl->store, 0, &error)) == NULL)
    return pd_ctl_fail (error);

  existing = find_def (defs, PD_ALARM_CONDITION_COMM, 0, device->id);
  if (existing != NULL)
    def = pd_alarm_def_copy (existing);
  else
    {
      def = pd_alarm_def_new (PD_ALARM_CONDITION_COMM);
      def->device_id = device->id;
      def->priority = PD_ALARM_PRIORITY_HIGH;
    }
  def->enabled = TRUE;
  apply_common (o, def);

  if (!pd_alarm_def_validate (def, &error) ||
      !pd_store_save_comm_alarm (ctl->store, ctl->actor, def, &error))
    return pd_ctl_fail (error);

  pd_ctl_print_line (_("Saved the communication alarm of “%s” (priority %s)."),
                     device->name, pd_alarm_priority_get_label (def->priority));
  return PD_CTL_EXIT_OK;
}

static int
define_tag (PdCtl               *ctl,
            const PdCtlCommand  *command,
            const DefineOptions *o,
            const char          *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autofree char *device_name = NULL;
  const char *slash = strchr (path, '/');

  if (slash == NULL || slash == path || slash[1] == '\0')
    return pd_ctl_usage_error (command, _("“%s” does not name a tag: write DEVICE/TAG, e.g. “press-1/temperature”."), path);

  device_name = g_strndup (path, slash - path);
  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if ((device = pd_store_find_device (ctl->store, device_name, &error)) == NULL ||
      (tag = pd_store_find_tag (ctl->store, device->id, slash + 1, &error)) == NULL)
    return pd_ctl_fail (error);
  if ((existing = pd_store_list_alarm_defs (ctl->store, tag->id, &error)) == NULL)
    return pd_ctl_fail (error);

  if (o->digital)
    {
      PdAlarmDef *old = find_def (existing, PD_ALARM_CONDITION_DIGITAL, tag->id, 0);
      PdAlarmDef *def = old != NULL ? pd_alarm_def_copy (old) : pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL);

      def->tag_id = tag->id;
      def->device_id = device->id;
      def->digital_when = o->digital_when;
      apply_common (o, def);
      g_ptr_array_add (defs, def);
    }
  else if (o->any_limit)
    {
      for (guint c = 0; c < G_N_ELEMENTS (limit_options); c++)
        {
          PdAlarmDef *old, *def;

          if (!o->has_limit[c])
            continue;
          old = find_def (existing, c, tag->id, 0);
          if (old != NULL)
            def = pd_alarm_def_copy (old);
          else
            {
              def = pd_alarm_def_new (c);
              def->priority = default_limit_priority[c];
            }
          def->tag_id = tag->id;
          def->device_id = device->id;
          def->limit = o->limits[c];
          apply_common (o, def);
          g_ptr_array_add (defs, def);
        }
    }
  else
    {
      /* Only shared settings: they apply to the limits there are. */
      for (guint i = 0; i < existing->len; i++)
        {
          PdAlarmDef *old = g_ptr_array_index (existing, i);
          PdAlarmDef *def;

          if (!pd_alarm_condition_is_limit (old->condition))
            continue;
          def = pd_alarm_def_copy (old);
          apply_common (o, def);
          g_ptr_array_add (defs, def);
        }
      if (defs->len == 0)
        return fail_invalid (_("“%s” has no limit alarms to change: give --hihi, --hi, --lo or --lolo."), path);
    }

  for (guint i = 0; i < defs->len; i++)
    {
      if (!pd_alarm_def_validate (g_ptr_array_index (defs, i), &error))
        return pd_ctl_fail (error);
    }

  if (!pd_store_save_tag_alarms (ctl->store, ctl->actor, tag->id, defs, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < defs->len; i++)
        {
          const PdAlarmDef *def = g_ptr_array_index (defs, i);
          JsonObject *object = json_object_new ();

          json_object_set_int_member (object, "id", def->id);
          json_object_set_string_member (object, "condition", pd_alarm_condition_to_string (def->condition));
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      for (guint i = 0; i < defs->len; i++)
        {
          const PdAlarmDef *def = g_ptr_array_index (defs, i);

          /* TRANSLATORS: the alarm's number, its condition ("High"), then DEVICE/TAG. */
          pd_ctl_print_line (_("Saved alarm %" PRId64 " (%s) of %s."),
                             def->id, pd_alarm_condition_get_label (def->condition), path);
        }
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_alarm_define_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  DefineOptions o = { 0, };
  const char *source = pd_ctl_args_get (args, 0);
  const char *priority = pd_ctl_args_get_option (args, "priority");
  const char *when = pd_ctl_args_get_option (args, "when");
  int status = PD_CTL_EXIT_FAILED;

  o.digital = pd_ctl_args_has_option (args, "digital");
  o.comm = pd_ctl_args_has_option (args, "comm");
  o.latching = pd_ctl_args_has_option (args, "latching");
  o.no_latching = pd_ctl_args_has_option (args, "no-latching");
  o.message = pd_ctl_args_get_option (args, "message");
  o.digital_when = TRUE;

  /* What goes together: usage errors. */
  for (guint c = 0; c < G_N_ELEMENTS (limit_options); c++)
    o.any_limit |= pd_ctl_args_has_option (args, limit_options[c]);
  if (o.digital && o.comm)
    return pd_ctl_usage_error (command, _("--digital and --comm cannot be given together."));
  if (o.latching && o.no_latching)
    return pd_ctl_usage_error (command, _("--latching and --no-latching cannot be given together."));
  if ((o.digital || o.comm) && o.any_limit)
    return pd_ctl_usage_error (command, _("Limits (--hihi, --hi, --lo, --lolo) belong to an analog tag alarm, not to --%s."),
                               o.digital ? "digital" : "comm");
  if (o.digital && o.message == NULL)
    return pd_ctl_usage_error (command, _("A digital alarm needs --message."));
  if (!o.digital && when != NULL)
    return pd_ctl_usage_error (command, _("--when belongs to a digital alarm (--digital)."));
  if (o.comm && (o.latching || o.no_latching || o.message != NULL || pd_ctl_args_has_option (args, "deadband")))
    return pd_ctl_usage_error (command, _("A communication alarm takes only --priority, --on-delay-ms and --off-delay-ms."));
  if (o.digital && pd_ctl_args_has_option (args, "deadband"))
    return pd_ctl_usage_error (command, _("--deadband belongs to limit alarms, not to --digital."));
  if (!o.digital && !o.comm && !o.any_limit && !o.latching && !o.no_latching && o.message == NULL && priority == NULL &&
      !pd_ctl_args_has_option (args, "deadband") && !pd_ctl_args_has_option (args, "on-delay-ms") &&
      !pd_ctl_args_has_option (args, "off-delay-ms"))
    return pd_ctl_usage_error (command, _("Nothing to define: give a limit, --digital or --comm."));

  /* The values: refused with their reason. */
  for (guint c = 0; c < G_N_ELEMENTS (limit_options); c++)
    {
      if (!get_double (args, limit_options[c], &o.has_limit[c], &o.limits[c], &status))
        return status;
    }
  if (!get_double (args, "deadband", &o.has_deadband, &o.deadband, &status))
    return status;
  if (o.has_deadband && o.deadband < 0)
    return fail_invalid (_("--deadband must not be negative, not “%s”."),
                         pd_ctl_args_get_option (args, "deadband"));
  if (!get_delay (args, "on-delay-ms", &o.has_on_delay, &o.on_delay_ms, &status) ||
      !get_delay (args, "off-delay-ms", &o.has_off_delay, &o.off_delay_ms, &status))
    return status;
  if (priority != NULL)
    {
      if (!pd_alarm_priority_from_string (priority, &o.priority))
        return fail_invalid (_("--priority is urgent, high, medium or low, not “%s”."), priority);
      o.has_priority = TRUE;
    }
  if (when != NULL)
    {
      if (g_ascii_strcasecmp (when, "true") == 0)
        o.digital_when = TRUE;
      else if (g_ascii_strcasecmp (when, "false") == 0)
        o.digital_when = FALSE;
      else
        return fail_invalid (_("--when is true or false, not “%s”."), when);
    }

  if (o.comm)
    return define_comm (ctl, &o, source);

  return define_tag (ctl, command, &o, source);
}

/* --- alarm remove ---------------------------------------------------------- */

int
pd_ctl_alarm_remove_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdAlarmDef) def = NULL;
  int status = PD_CTL_EXIT_FAILED;
  gint64 id;

  if (!parse_alarm_id (command, pd_ctl_args_get (args, 0), "ID", &id, &status))
    return status;
  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if ((def = pd_store_get_alarm_def (ctl->store, id, &error)) == NULL ||
      !pd_store_remove_alarm_def (ctl->store, ctl->actor, id, &error))
    return pd_ctl_fail (error);

  /* TRANSLATORS: the alarm's number, its condition, then its source. */
  pd_ctl_print_line (_("Removed alarm %" PRId64 " (%s, %s)."), id,
                     pd_alarm_condition_get_label (def->condition),
                     def->source_name != NULL ? def->source_name : "");
  return PD_CTL_EXIT_OK;
}

/* --- alarm list ------------------------------------------------------------ */

int
pd_ctl_alarm_list_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  gint64 now = g_get_real_time ();

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  alarms = pd_store_list_alarms (ctl->store, pd_ctl_args_has_option (args, "active"), now, &error);
  if (alarms == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (alarms->len);

      for (guint i = 0; i < alarms->len; i++)
        {
          const PdAlarm *alarm = g_ptr_array_index (alarms, i);
          const PdAlarmDef *def = alarm->def;
          const PdAlarmStatus *s = &alarm->status;
          JsonObject *object = json_object_new ();
          g_autofree char *message = pd_alarm_def_dup_message (def);

          json_object_set_int_member (object, "id", def->id);
          pd_ctl_json_set_string (object, "source", def->source_name);
          json_object_set_string_member (object, "condition", pd_alarm_condition_to_string (def->condition));
          json_object_set_string_member (object, "priority", pd_alarm_priority_to_string (def->priority));
          json_object_set_string_member (object, "state",
                                         pd_alarm_state_to_string (pd_alarm_status_get_state (s, now)));
          json_object_set_boolean_member (object, "active", s->active);
          json_set_number_or_null (object, "value", s->raised_ts != 0 ? s->value : NAN);
          json_set_time_or_null (object, "raised", s->raised_ts);
          pd_ctl_json_set_string (object, "message", message);
          if (pd_alarm_condition_is_limit (def->condition))
            {
              json_object_set_double_member (object, "limit", def->limit);
              json_object_set_double_member (object, "deadband", def->deadband);
            }
          else
            {
              json_object_set_null_member (object, "limit");
              json_object_set_null_member (object, "deadband");
            }
          if (def->condition == PD_ALARM_CONDITION_DIGITAL)
            json_object_set_boolean_member (object, "when", def->digital_when);
          json_object_set_int_member (object, "on_delay_ms", def->on_delay_ms);
          json_object_set_int_member (object, "off_delay_ms", def->off_delay_ms);
          json_object_set_boolean_member (object, "latching", def->latching);
          pd_ctl_json_set_string (object, "unit", def->unit);
          pd_ctl_json_set_string (object, "acknowledged_by", s->acknowledged ? s->ack_user : NULL);
          json_set_time_or_null (object, "shelved_until", s->shelved_until > now ? s->shelved_until : 0);
          pd_ctl_json_set_string (object, "suppress_reason", s->suppressed ? s->suppress_reason : NULL);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
    }
  else if (alarms->len == 0)
    {
      pd_ctl_print_line ("%s", pd_ctl_args_has_option (args, "active")
                               ? _("No alarm is active.") : _("No alarms are defined."));
    }
  else
    {
      g_autoptr(PdCtlTable) table = NULL;

      table = pd_ctl_table_new (8, _("ID"), _("STATE"), _("PRIORITY"), _("SOURCE"), _("CONDITION"),
                                _("VALUE"), _("RAISED"), _("MESSAGE"));
      for (guint i = 0; i < alarms->len; i++)
        {
          const PdAlarm *alarm = g_ptr_array_index (alarms, i);
          const PdAlarmDef *def = alarm->def;
          const PdAlarmStatus *s = &alarm->status;
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, def->id);
          g_autofree char *message = pd_alarm_def_dup_message (def);
          g_autofree char *value = NULL;
          g_autofree char *raised = s->raised_ts != 0 ? format_local (s->raised_ts) : g_strdup ("—");

          if (s->raised_ts == 0 || isnan (s->value))
            value = g_strdup ("—");
          else if (def->unit != NULL && *def->unit != '\0')
            {
              g_autofree char *number = format_number (s->value);

              value = g_strdup_printf ("%s %s", number, def->unit);
            }
          else
            value = format_number (s->value);

          pd_ctl_table_add_row (table, id,
                                pd_alarm_state_get_label (pd_alarm_status_get_state (s, now)),
                                pd_alarm_priority_get_label (def->priority),
                                def->source_name != NULL ? def->source_name : "",
                                pd_alarm_condition_get_label (def->condition),
                                value, raised, message);
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}

/* --- People's actions ------------------------------------------------------- */

typedef enum
{
  ACTION_ACK,
  ACTION_SHELVE,
  ACTION_UNSHELVE,
  ACTION_SUPPRESS,
  ACTION_UNSUPPRESS,
} Action;

static int
run_action (PdCtl              *ctl,
            const PdCtlCommand *command,
            PdCtlArgs          *args,
            Action              action)
{
  g_autoptr(GError) error = NULL;
  const char *comment = pd_ctl_args_get_option (args, "comment");
  int status = PD_CTL_EXIT_FAILED;
  gboolean changed = FALSE;
  gboolean ok = FALSE;
  guint minutes = 0;
  gint64 id;

  if (!parse_alarm_id (command, pd_ctl_args_get (args, 0), "ID", &id, &status))
    return status;
  if (action == ACTION_SHELVE)
    {
      const char *text = pd_ctl_args_get_option (args, "minutes");
      guint64 value;

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
        return pd_ctl_usage_error (command, _("--minutes takes a whole number of minutes from 1, not “%s”."), text);
      minutes = value;
    }

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);

  switch (action)
    {
    case ACTION_ACK:
      ok = pd_store_acknowledge_alarm (ctl->store, ctl->actor, id, comment, &changed, &error);
      break;
    case ACTION_SHELVE:
      ok = pd_store_shelve_alarm (ctl->store, ctl->actor, id, minutes, comment, &changed, &error);
      break;
    case ACTION_UNSHELVE:
      ok = pd_store_unshelve_alarm (ctl->store, ctl->actor, id, &changed, &error);
      break;
    case ACTION_SUPPRESS:
      ok = pd_store_suppress_alarm (ctl->store, ctl->actor, id, pd_ctl_args_get_option (args, "reason"),
                                    &changed, &error);
      break;
    case ACTION_UNSUPPRESS:
      ok = pd_store_unsuppress_alarm (ctl->store, ctl->actor, id, &changed, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return pd_ctl_fail (error);

  if (action == ACTION_ACK && !changed)
    {
      g_autoptr(PdAlarm) alarm = pd_store_get_alarm (ctl->store, id, NULL);

      if (alarm != NULL && alarm->status.acknowledged && alarm->status.ack_user != NULL)
        /* TRANSLATORS: the alarm's number, then the user who acknowledged it. */
        pd_ctl_print_line (_("Alarm %" PRId64 " was already acknowledged by %s; nothing changed."),
                           id, alarm->status.ack_user);
      else
        pd_ctl_print_line (_("Alarm %" PRId64 " needs no acknowledgement; nothing changed."), id);
      return PD_CTL_EXIT_OK;
    }

  switch (action)
    {
    case ACTION_ACK:
      pd_ctl_print_line (_("Acknowledged alarm %" PRId64 "."), id);
      break;
    case ACTION_SHELVE:
      pd_ctl_print_line (ngettext ("Shelved alarm %" PRId64 " for %u minute.",
                                   "Shelved alarm %" PRId64 " for %u minutes.", minutes), id, minutes);
      break;
    case ACTION_UNSHELVE:
      pd_ctl_print_line (changed ? _("Alarm %" PRId64 " is no longer shelved.")
                                 : _("Alarm %" PRId64 " was not shelved; nothing changed."), id);
      break;
    case ACTION_SUPPRESS:
      pd_ctl_print_line (changed ? _("Suppressed alarm %" PRId64 ".")
                                 : _("Alarm %" PRId64 " was already suppressed; nothing changed."), id);
      break;
    case ACTION_UNSUPPRESS:
      pd_ctl_print_line (changed ? _("Alarm %" PRId64 " is back in service.")
                                 : _("Alarm %" PRId64 " was not suppressed; nothing changed."), id);
      break;
    default:
      g_assert_not_reached ();
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_alarm_ack_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  return run_action (ctl, command, args, ACTION_ACK);
}

int
pd_ctl_alarm_shelve_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  return run_action (ctl, command, args, ACTION_SHELVE);
}

int
pd_ctl_alarm_unshelve_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  return run_action (ctl, command, args, ACTION_UNSHELVE);
}

int
pd_ctl_alarm_suppress_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  return run_action (ctl, command, args, ACTION_SUPPRESS);
}

int
pd_ctl_alarm_unsuppress_run (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args)
{
  return run_action (ctl, command, args, ACTION_UNSUPPRESS);
}

/* --- alarm history --------------------------------------------------------- */

static int
print_csv (GPtrArray *events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gsize size;
  const char *data;

  if (!pd_alarm_events_write_csv (events, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    return pd_ctl_fail (error);

  /* CSV is UTF-8 whatever the locale: bypass g_print's conversion. */
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  if ((size > 0 && fwrite (data, 1, size, stdout) != size) || fflush (stdout) != 0)
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_FAILED, _("Could not write the alarm events to standard output."));
      return pd_ctl_fail (error);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_alarm_history_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;
  PdAlarmHistoryFilter filter = { 0, };
  const char *since_str = pd_ctl_args_get_option (args, "since");
  const char *until_str = pd_ctl_args_get_option (args, "until");
  const char *alarm_str = pd_ctl_args_get_option (args, "alarm");
  const char *limit_str = pd_ctl_args_get_option (args, "limit");
  gboolean csv = pd_ctl_args_has_option (args, "csv");
  int status = PD_CTL_EXIT_FAILED;

  if (csv && ctl->json)
    return pd_ctl_usage_error (command, _("--csv and --json cannot be given together."));
  if (since_str != NULL && (since = pd_ctl_parse_time (since_str)) == NULL)
    return pd_ctl_usage_error (command, _("--since: “%s” is not an ISO 8601 date or time."), since_str);
  if (until_str != NULL && (until = pd_ctl_parse_time (until_str)) == NULL)
    return pd_ctl_usage_error (command, _("--until: “%s” is not an ISO 8601 date or time."), until_str);
  if (since != NULL && until != NULL && g_date_time_compare (since, until) >= 0)
    return pd_ctl_usage_error (command, _("--since must come before --until."));
  if (alarm_str != NULL && !parse_alarm_id (command, alarm_str, "--alarm", &filter.alarm_id, &status))
    return status;
  if (limit_str != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (limit_str, 10, 1, 1000000, &value, NULL))
        return pd_ctl_usage_error (command, _("--limit takes a number of events from 1 to 1000000, not “%s”."), limit_str);
      filter.limit = value;
    }
  if (since != NULL)
    filter.since = to_usec (since);
  if (until != NULL)
    filter.until = to_usec (until);

  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if ((events = pd_store_list_alarm_events (ctl->store, &filter, &error)) == NULL)
    return pd_ctl_fail (error);

  if (csv)
    return print_csv (events);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (events->len);

      for (guint i = 0; i < events->len; i++)
        {
          const PdAlarmEvent *event = g_ptr_array_index (events, i);
          JsonObject *object = json_object_new ();
          g_autofree char *ts = format_iso (event->ts);

          json_object_set_int_member (object, "id", event->id);
          json_object_set_int_member (object, "alarm_id", event->alarm_id);
          json_object_set_string_member (object, "ts", ts);
          json_object_set_string_member (object, "event", pd_alarm_event_kind_to_string (event->kind));
          pd_ctl_json_set_string (object, "source", event->source_name);
          json_object_set_string_member (object, "condition", pd_alarm_condition_to_string (event->condition));
          json_object_set_string_member (object, "priority", pd_alarm_priority_to_string (event->priority));
          json_set_number_or_null (object, "value", event->value);
          pd_ctl_json_set_string (object, "user", event->user_name);
          pd_ctl_json_set_string (object, "comment", event->comment);
          json_set_time_or_null (object, "until", event->kind == PD_ALARM_EVENT_SHELVE ? event->until : 0);
          pd_ctl_json_set_string (object, "message", event->message);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
    }
  else if (events->len == 0)
    {
      pd_ctl_print_line ("%s", _("No alarm events in this time range."));
    }
  else
    {
      g_autoptr(PdCtlTable) table = NULL;

      table = pd_ctl_table_new (8, _("TIME"), _("ID"), _("SOURCE"), _("CONDITION"), _("EVENT"),
                                _("VALUE"), _("USER"), _("COMMENT"));
      for (guint i = 0; i < events->len; i++)
        {
          const PdAlarmEvent *event = g_ptr_array_index (events, i);
          g_autofree char *ts = format_local (event->ts);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, event->alarm_id);
          g_autofree char *value = isnan (event->value) ? g_strdup ("") : format_number (event->value);

          pd_ctl_table_add_row (table, ts, id,
                                event->source_name != NULL ? event->source_name : "",
                                pd_alarm_condition_get_label (event->condition),
                                pd_alarm_event_kind_get_label (event->kind),
                                value,
                                event->user_name != NULL ? event->user_name : "",
                                event->comment != NULL ? event->comment : "");
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}
