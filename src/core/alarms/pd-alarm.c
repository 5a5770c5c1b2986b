/* pd-alarm.c — alarms after ISA-18.2: definitions, events and states
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pd-alarm.h"
#include "pd-alarm-message.h"
#include "pd-error.h"

G_DEFINE_BOXED_TYPE (PdAlarmDef, pd_alarm_def, pd_alarm_def_copy, pd_alarm_def_free)
G_DEFINE_BOXED_TYPE (PdAlarm, pd_alarm, pd_alarm_copy, pd_alarm_free)

/* --- Names ------------------------------------------------------------------ */

static const char * const priority_names[] = { "urgent", "high", "medium", "low" };
static const char * const condition_names[] = {
  "hihi", "hi", "lo", "lolo", "digital", "comm", "source",
};
static const char * const state_names[] = {
  "normal", "unacknowledged", "acknowledged", "rtn-unacknowledged", "shelved", "suppressed",
};
static const char * const event_kind_names[] = {
  "raise", "clear", "latch", "ack", "shelve", "unshelve", "shelve-expired", "suppress", "unsuppress",
};

G_STATIC_ASSERT (G_N_ELEMENTS (priority_names) == PD_N_ALARM_PRIORITIES);
G_STATIC_ASSERT (G_N_ELEMENTS (condition_names) == PD_N_ALARM_CONDITIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == PD_N_ALARM_STATES);
G_STATIC_ASSERT (G_N_ELEMENTS (event_kind_names) == PD_N_ALARM_EVENT_KINDS);

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

#define NAME_TO_STRING(type, prefix, names)                               \
  const char *                                                            \
  prefix##_to_string (type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);    \
    return names[value];                                                  \
  }

#define NAME_FROM_STRING(type, prefix, names)                             \
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

NAME_TO_STRING (PdAlarmPriority, pd_alarm_priority, priority_names)
NAME_FROM_STRING (PdAlarmPriority, pd_alarm_priority, priority_names)
NAME_TO_STRING (PdAlarmCondition, pd_alarm_condition, condition_names)
NAME_FROM_STRING (PdAlarmCondition, pd_alarm_condition, condition_names)
NAME_TO_STRING (PdAlarmState, pd_alarm_state, state_names)
NAME_TO_STRING (PdAlarmEventKind, pd_alarm_event_kind, event_kind_names)
NAME_FROM_STRING (PdAlarmEventKind, pd_alarm_event_kind, event_kind_names)

const char *
pd_alarm_priority_get_label (PdAlarmPriority priority)
{
  switch (priority)
    {
    case PD_ALARM_PRIORITY_URGENT:
      /* TRANSLATORS: an alarm priority */
      return C_("alarm priority", "Urgent");
    case PD_ALARM_PRIORITY_HIGH:
      /* TRANSLATORS: an alarm priority */
      return C_("alarm priority", "High");
    case PD_ALARM_PRIORITY_MEDIUM:
      /* TRANSLATORS: an alarm priority */
      return C_("alarm priority", "Medium");
    case PD_ALARM_PRIORITY_LOW:
      /* TRANSLATORS: an alarm priority */
      return C_("alarm priority", "Low");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pd_alarm_condition_get_label (PdAlarmCondition condition)
{
  switch (condition)
    {
    case PD_ALARM_CONDITION_HIHI:
      /* TRANSLATORS: an alarm condition: the value is above the high-high limit */
      return C_("alarm condition", "High high");
    case PD_ALARM_CONDITION_HI:
      /* TRANSLATORS: an alarm condition: the value is above the high limit */
      return C_("alarm condition", "High");
    case PD_ALARM_CONDITION_LO:
      /* TRANSLATORS: an alarm condition: the value is below the low limit */
      return C_("alarm condition", "Low");
    case PD_ALARM_CONDITION_LOLO:
      /* TRANSLATORS: an alarm condition: the value is below the low-low limit */
      return C_("alarm condition", "Low low");
    case PD_ALARM_CONDITION_DIGITAL:
      /* TRANSLATORS: an alarm condition: a digital (on/off) signal */
      return C_("alarm condition", "Digital");
    case PD_ALARM_CONDITION_COMM:
      /* TRANSLATORS: an alarm condition: the device does not answer */
      return C_("alarm condition", "Communication");
    case PD_ALARM_CONDITION_SOURCE:
      /* TRANSLATORS: an alarm condition: raised by another part of the station (stock, sync) */
      return C_("alarm condition", "Source");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pd_alarm_condition_is_limit (PdAlarmCondition condition)
{
  return condition == PD_ALARM_CONDITION_HIHI || condition == PD_ALARM_CONDITION_HI ||
         condition == PD_ALARM_CONDITION_LO || condition == PD_ALARM_CONDITION_LOLO;
}

const char *
pd_alarm_state_get_label (PdAlarmState state)
{
  switch (state)
    {
    case PD_ALARM_STATE_NORMAL:
      /* TRANSLATORS: an alarm state */
      return C_("alarm state", "Normal");
    case PD_ALARM_STATE_UNACKNOWLEDGED:
      /* TRANSLATORS: an alarm state: active and nobody acknowledged it yet */
      return C_("alarm state", "Unacknowledged");
    case PD_ALARM_STATE_ACKNOWLEDGED:
      /* TRANSLATORS: an alarm state: active and acknowledged */
      return C_("alarm state", "Acknowledged");
    case PD_ALARM_STATE_RTN_UNACKNOWLEDGED:
      /* TRANSLATORS: an alarm state: back to normal but nobody acknowledged it */
      return C_("alarm state", "Returned, unacknowledged");
    case PD_ALARM_STATE_SHELVED:
      /* TRANSLATORS: an alarm state: set aside for a while by an operator */
      return C_("alarm state", "Shelved");
    case PD_ALARM_STATE_SUPPRESSED:
      /* TRANSLATORS: an alarm state: taken out of service by a supervisor */
      return C_("alarm state", "Suppressed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pd_alarm_event_kind_get_label (PdAlarmEventKind kind)
{
  switch (kind)
    {
    case PD_ALARM_EVENT_RAISE:
      /* TRANSLATORS: an alarm event: the alarm came on */
      return C_("alarm event", "Raised");
    case PD_ALARM_EVENT_CLEAR:
      /* TRANSLATORS: an alarm event: the alarm returned to normal */
      return C_("alarm event", "Cleared");
    case PD_ALARM_EVENT_LATCH:
      /* TRANSLATORS: an alarm event: the condition is gone but the alarm stays on until acknowledged */
      return C_("alarm event", "Latched");
    case PD_ALARM_EVENT_ACK:
      /* TRANSLATORS: an alarm event */
      return C_("alarm event", "Acknowledged");
    case PD_ALARM_EVENT_SHELVE:
      /* TRANSLATORS: an alarm event */
      return C_("alarm event", "Shelved");
    case PD_ALARM_EVENT_UNSHELVE:
      /* TRANSLATORS: an alarm event */
      return C_("alarm event", "Unshelved");
    case PD_ALARM_EVENT_SHELVE_EXPIRED:
      /* TRANSLATORS: an alarm event: the shelving time ran out */
      return C_("alarm event", "Shelving expired");
    case PD_ALARM_EVENT_SUPPRESS:
      /* TRANSLATORS: an alarm event */
      return C_("alarm event", "Suppressed");
    case PD_ALARM_EVENT_UNSUPPRESS:
      /* TRANSLATORS: an alarm event */
      return C_("alarm event", "Back in service");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- Definitions ------------------------------------------------------------ */

PdAlarmDef *
pd_alarm_def_new (PdAlarmCondition condition)
{
  PdAlarmDef *def;

  g_return_val_if_fail ((guint) condition < PD_N_ALARM_CONDITIONS, NULL);

  def = g_new0 (PdAlarmDef, 1);
  def->condition = condition;
  def->digital_when = TRUE;
  def->priority = PD_ALARM_PRIORITY_MEDIUM;
  def->enabled = TRUE;
  def->max_shelve_min = PD_ALARM_DEFAULT_SHELVE_MAX_MIN;

  return def;
}

PdAlarmDef *
pd_alarm_def_copy (const PdAlarmDef *def)
{
  PdAlarmDef *copy;

  g_return_val_if_fail (def != NULL, NULL);

  copy = g_memdup2 (def, sizeof *def);
  copy->uuid = g_strdup (def->uuid);
  copy->source = g_strdup (def->source);
  copy->source_name = g_strdup (def->source_name);
  copy->message = g_strdup (def->message);
  copy->unit = g_strdup (def->unit);
  copy->message_key = g_strdup (def->message_key);
  copy->message_args = g_strdup (def->message_args);

  return copy;
}

void
pd_alarm_def_free (PdAlarmDef *def)
{
  if (def == NULL)
    return;

  g_free (def->uuid);
  g_free (def->source);
  g_free (def->source_name);
  g_free (def->message);
  g_free (def->unit);
  g_free (def->message_key);
  g_free (def->message_args);
  g_free (def);
}

gboolean
pd_alarm_def_validate (const PdAlarmDef *def,
                       GError          **error)
{
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) def->condition >= PD_N_ALARM_CONDITIONS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Unknown alarm condition %d."), (int) def->condition);
      return FALSE;
    }

  if ((guint) def->priority >= PD_N_ALARM_PRIORITIES)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Unknown alarm priority %d."), (int) def->priority);
      return FALSE;
    }

  if (pd_alarm_condition_is_limit (def->condition))
    {
      if (!isfinite (def->limit))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The limit must be a number, not %g."), def->limit);
          return FALSE;
        }
      if (!isfinite (def->deadband) || def->deadband < 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The deadband must be zero or more, not %g."), def->deadband);
          return FALSE;
        }
    }
  else if (!isfinite (def->deadband) || def->deadband < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The deadband must be zero or more, not %g."), def->deadband);
      return FALSE;
    }

  /* guint fields cannot be negative here; a caller that converted a
   * negative number will have produced a huge one, which is caught by the
   * upper bound. The store checks signed input itself. */
  if (def->on_delay_ms > PD_ALARM_MAX_DELAY_MS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("On-delay must be between 0 and %d ms, not %" PRId64 "."),
                   PD_ALARM_MAX_DELAY_MS, (gint64) (gint) def->on_delay_ms);
      return FALSE;
    }

  if (def->off_delay_ms > PD_ALARM_MAX_DELAY_MS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Off-delay must be between 0 and %d ms, not %" PRId64 "."),
                   PD_ALARM_MAX_DELAY_MS, (gint64) (gint) def->off_delay_ms);
      return FALSE;
    }

  if (def->max_shelve_min < 1 || def->max_shelve_min > PD_ALARM_MAX_SHELVE_MIN)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The longest shelving time must be between 1 and %d minutes, not %" PRId64 "."),
                   PD_ALARM_MAX_SHELVE_MIN, (gint64) (gint) def->max_shelve_min);
      return FALSE;
    }

  if (def->message != NULL)
    {
      if (!g_utf8_validate (def->message, -1, NULL))
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                               _("The alarm message is not valid text."));
          return FALSE;
        }
      if (g_utf8_strlen (def->message, -1) > PD_ALARM_MAX_MESSAGE)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The alarm message must be at most %d characters, not %" PRId64 "."),
                       PD_ALARM_MAX_MESSAGE, (gint64) g_utf8_strlen (def->message, -1));
          return FALSE;
        }
    }

  switch (def->condition)
    {
    case PD_ALARM_CONDITION_HIHI:
    case PD_ALARM_CONDITION_HI:
    case PD_ALARM_CONDITION_LO:
    case PD_ALARM_CONDITION_LOLO:
    case PD_ALARM_CONDITION_DIGITAL:
      if (def->tag_id <= 0)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                               _("A limit or digital alarm needs a tag."));
          return FALSE;
        }
      break;

    case PD_ALARM_CONDITION_COMM:
      if (def->device_id <= 0)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                               _("A communication alarm needs a device."));
          return FALSE;
        }
      break;

    case PD_ALARM_CONDITION_SOURCE:
      if (def->source == NULL || *def->source == '\0')
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                               _("A source alarm needs a source key."));
          return FALSE;
        }
      if (def->source_name == NULL || *def->source_name == '\0')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The source alarm “%s” needs a name."), def->source);
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static const char *
limit_abbrev (PdAlarmCondition condition)
{
  switch (condition)
    {
    case PD_ALARM_CONDITION_HIHI:
      /* TRANSLATORS: short for the high-high alarm limit */
      return C_("alarm limit", "HH");
    case PD_ALARM_CONDITION_HI:
      /* TRANSLATORS: short for the high alarm limit */
      return C_("alarm limit", "H");
    case PD_ALARM_CONDITION_LO:
      /* TRANSLATORS: short for the low alarm limit */
      return C_("alarm limit", "L");
    case PD_ALARM_CONDITION_LOLO:
      /* TRANSLATORS: short for the low-low alarm limit */
      return C_("alarm limit", "LL");
    default:
      g_return_val_if_reached ("?");
    }
}

gboolean
pd_alarm_defs_check_limits (PdAlarmDef *const *defs,
                            guint              n_defs,
                            GError           **error)
{
  /* Indexed by condition HIHI … LOLO, in descending order of limit. */
  const PdAlarmDef *by_condition[4] = { NULL, };

  g_return_val_if_fail (defs != NULL || n_defs == 0, FALSE);

  for (guint i = 0; i < n_defs; i++)
    {
      if (defs[i] == NULL || !pd_alarm_condition_is_limit (defs[i]->condition))
        continue;
      by_condition[defs[i]->condition] = defs[i];
    }

  for (guint upper = 0; upper < 4; upper++)
    {
      if (by_condition[upper] == NULL)
        continue;

      for (guint lower = upper + 1; lower < 4; lower++)
        {
          if (by_condition[lower] == NULL)
            continue;

          if (!(by_condition[upper]->limit > by_condition[lower]->limit))
            {
              /* TRANSLATORS: e.g. "HH (50) must be above H (80)." */
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("%s (%g) must be above %s (%g)."),
                           limit_abbrev (upper), by_condition[upper]->limit,
                           limit_abbrev (lower), by_condition[lower]->limit);
              return FALSE;
            }
        }
    }

  return TRUE;
}

char *
pd_alarm_def_dup_message (const PdAlarmDef *def)
{
  g_autofree char *limit = NULL;

  g_return_val_if_fail (def != NULL, NULL);

  /* Made again in the reader's language; the stored text, in the language
   * of the process that raised the alarm, is what is left when no
   * formatter knows the key. */
  if (def->message_key != NULL)
    {
      char *made = pd_alarm_message_format (def->message_key, def->message_args);

      if (made != NULL)
        return made;
    }

  if (def->message != NULL && *def->message != '\0')
    return g_strdup (def->message);

  if (pd_alarm_condition_is_limit (def->condition))
    {
      if (def->unit != NULL && *def->unit != '\0')
        limit = g_strdup_printf ("%g %s", def->limit, def->unit);
      else
        limit = g_strdup_printf ("%g", def->limit);
    }

  switch (def->condition)
    {
    case PD_ALARM_CONDITION_HIHI:
      /* TRANSLATORS: a default alarm message; %s is the limit with its unit, e.g. "95 °C" */
      return g_strdup_printf (_("High high: %s or above"), limit);
    case PD_ALARM_CONDITION_HI:
      /* TRANSLATORS: a default alarm message; %s is the limit with its unit, e.g. "80 °C" */
      return g_strdup_printf (_("High: %s or above"), limit);
    case PD_ALARM_CONDITION_LO:
      /* TRANSLATORS: a default alarm message; %s is the limit with its unit, e.g. "5 °C" */
      return g_strdup_printf (_("Low: %s or below"), limit);
    case PD_ALARM_CONDITION_LOLO:
      /* TRANSLATORS: a default alarm message; %s is the limit with its unit, e.g. "0 °C" */
      return g_strdup_printf (_("Low low: %s or below"), limit);
    case PD_ALARM_CONDITION_DIGITAL:
      if (def->digital_when)
        return g_strdup (_("Alarm: value is on"));
      else
        return g_strdup (_("Alarm: value is off"));
    case PD_ALARM_CONDITION_COMM:
      return g_strdup (_("Device not answering"));
    case PD_ALARM_CONDITION_SOURCE:
      if (def->source_name != NULL && *def->source_name != '\0')
        return g_strdup (def->source_name);
      return g_strdup (_("Alarm"));
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pd_alarm_def_test_value (const PdAlarmDef *def,
                         double            value,
                         gboolean          was_active)
{
  g_return_val_if_fail (def != NULL, FALSE);

  if (isnan (value))
    return FALSE;

  switch (def->condition)
    {
    case PD_ALARM_CONDITION_HIHI:
    case PD_ALARM_CONDITION_HI:
      if (was_active)
        return value >= def->limit - def->deadband;
      return value >= def->limit;

    case PD_ALARM_CONDITION_LO:
    case PD_ALARM_CONDITION_LOLO:
      if (was_active)
        return value <= def->limit + def->deadband;
      return value <= def->limit;

    case PD_ALARM_CONDITION_DIGITAL:
      return (value != 0) == (def->digital_when != FALSE);

    case PD_ALARM_CONDITION_COMM:
    case PD_ALARM_CONDITION_SOURCE:
    default:
      return FALSE;
    }
}

/* --- Status ----------------------------------------------------------------- */

void
pd_alarm_status_init (PdAlarmStatus *status,
                      gint64         alarm_id)
{
  g_return_if_fail (status != NULL);

  memset (status, 0, sizeof *status);
  status->alarm_id = alarm_id;
  /* Nothing to acknowledge until the first raise. */
  status->acknowledged = TRUE;
  status->value = NAN;
}

void
pd_alarm_status_clear (PdAlarmStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->ack_user, g_free);
  g_clear_pointer (&status->comment, g_free);
  g_clear_pointer (&status->suppress_reason, g_free);
}

void
pd_alarm_status_copy (PdAlarmStatus       *dest,
                      const PdAlarmStatus *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  if (dest == src)
    return;

  *dest = *src;
  dest->ack_user = g_strdup (src->ack_user);
  dest->comment = g_strdup (src->comment);
  dest->suppress_reason = g_strdup (src->suppress_reason);
}

gboolean
pd_alarm_status_accepts (const PdAlarmStatus *status,
                         const PdAlarmEvent  *event)
{
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  switch (event->kind)
    {
    case PD_ALARM_EVENT_RAISE:
      /* A latched alarm whose condition comes back raises again. */
      return !status->active || !status->condition_active;
    case PD_ALARM_EVENT_CLEAR:
      return status->active;
    case PD_ALARM_EVENT_LATCH:
      return status->active && status->condition_active;
    case PD_ALARM_EVENT_ACK:
      return !status->acknowledged;
    case PD_ALARM_EVENT_SHELVE:
      return event->until > 0 && event->until != status->shelved_until;
    case PD_ALARM_EVENT_UNSHELVE:
    case PD_ALARM_EVENT_SHELVE_EXPIRED:
      return status->shelved_until != 0;
    case PD_ALARM_EVENT_SUPPRESS:
      return !status->suppressed;
    case PD_ALARM_EVENT_UNSUPPRESS:
      return status->suppressed;
    default:
      return FALSE;
    }
}

void
pd_alarm_status_apply (PdAlarmStatus      *status,
                       const PdAlarmEvent *event)
{
  g_return_if_fail (status != NULL);
  g_return_if_fail (event != NULL);

  switch (event->kind)
    {
    case PD_ALARM_EVENT_RAISE:
      status->active = TRUE;
      status->condition_active = TRUE;
      status->acknowledged = FALSE;
      g_clear_pointer (&status->ack_user, g_free);
      status->raised_ts = event->ts;
      status->value = event->value;
      break;

    case PD_ALARM_EVENT_CLEAR:
      status->active = FALSE;
      status->condition_active = FALSE;
      status->value = event->value;
      break;

    case PD_ALARM_EVENT_LATCH:
      status->condition_active = FALSE;
      status->value = event->value;
      break;

    case PD_ALARM_EVENT_ACK:
      status->acknowledged = TRUE;
      g_free (status->ack_user);
      status->ack_user = g_strdup (event->user_name);
      if (event->comment != NULL && *event->comment != '\0')
        {
          g_free (status->comment);
          status->comment = g_strdup (event->comment);
        }
      break;

    case PD_ALARM_EVENT_SHELVE:
      status->shelved_until = event->until;
      if (event->comment != NULL && *event->comment != '\0')
        {
          g_free (status->comment);
          status->comment = g_strdup (event->comment);
        }
      break;

    case PD_ALARM_EVENT_UNSHELVE:
    case PD_ALARM_EVENT_SHELVE_EXPIRED:
      status->shelved_until = 0;
      break;

    case PD_ALARM_EVENT_SUPPRESS:
      status->suppressed = TRUE;
      g_free (status->suppress_reason);
      status->suppress_reason = g_strdup (event->comment);
      break;

    case PD_ALARM_EVENT_UNSUPPRESS:
      status->suppressed = FALSE;
      g_clear_pointer (&status->suppress_reason, g_free);
      break;

    default:
      g_return_if_reached ();
    }

  status->changed_ts = event->ts;
  if (event->id != 0)
    status->last_event_id = event->id;
}

PdAlarmState
pd_alarm_status_get_state (const PdAlarmStatus *status,
                           gint64               now)
{
  g_return_val_if_fail (status != NULL, PD_ALARM_STATE_NORMAL);

  if (status->suppressed)
    return PD_ALARM_STATE_SUPPRESSED;
  if (status->shelved_until != 0 && status->shelved_until > now)
    return PD_ALARM_STATE_SHELVED;
  if (status->active)
    return status->acknowledged ? PD_ALARM_STATE_ACKNOWLEDGED : PD_ALARM_STATE_UNACKNOWLEDGED;
  if (!status->acknowledged && status->raised_ts != 0)
    return PD_ALARM_STATE_RTN_UNACKNOWLEDGED;

  return PD_ALARM_STATE_NORMAL;
}

gboolean
pd_alarm_status_needs_ack (const PdAlarmStatus *status,
                           gint64               now)
{
  PdAlarmState state = pd_alarm_status_get_state (status, now);

  return state == PD_ALARM_STATE_UNACKNOWLEDGED || state == PD_ALARM_STATE_RTN_UNACKNOWLEDGED;
}

/* --- Events ----------------------------------------------------------------- */

PdAlarmEvent *
pd_alarm_event_new (gint64           alarm_id,
                    PdAlarmEventKind kind,
                    gint64           ts)
{
  PdAlarmEvent *event;

  g_return_val_if_fail ((guint) kind < PD_N_ALARM_EVENT_KINDS, NULL);

  event = g_new0 (PdAlarmEvent, 1);
  event->alarm_id = alarm_id;
  event->kind = kind;
  event->ts = ts;
  event->value = NAN;
  event->priority = PD_ALARM_PRIORITY_MEDIUM;

  return event;
}

PdAlarmEvent *
pd_alarm_event_copy (const PdAlarmEvent *event)
{
  PdAlarmEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  copy->uuid = g_strdup (event->uuid);
  copy->user_name = g_strdup (event->user_name);
  copy->comment = g_strdup (event->comment);
  copy->source_name = g_strdup (event->source_name);
  copy->message = g_strdup (event->message);

  return copy;
}

void
pd_alarm_event_free (PdAlarmEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->uuid);
  g_free (event->user_name);
  g_free (event->comment);
  g_free (event->source_name);
  g_free (event->message);
  g_free (event);
}

/* --- Alarms ----------------------------------------------------------------- */

PdAlarm *
pd_alarm_copy (const PdAlarm *alarm)
{
  PdAlarm *copy;

  g_return_val_if_fail (alarm != NULL, NULL);

  copy = g_new0 (PdAlarm, 1);
  copy->def = alarm->def != NULL ? pd_alarm_def_copy (alarm->def) : NULL;
  pd_alarm_status_copy (&copy->status, &alarm->status);

  return copy;
}

void
pd_alarm_free (PdAlarm *alarm)
{
  if (alarm == NULL)
    return;

  g_clear_pointer (&alarm->def, pd_alarm_def_free);
  pd_alarm_status_clear (&alarm->status);
  g_free (alarm);
}

int
pd_alarm_compare (const PdAlarm *a,
                  const PdAlarm *b,
                  gint64         now)
{
  gboolean a_ack = pd_alarm_status_needs_ack (&a->status, now);
  gboolean b_ack = pd_alarm_status_needs_ack (&b->status, now);
  PdAlarmPriority a_prio = a->def != NULL ? a->def->priority : PD_ALARM_PRIORITY_LOW;
  PdAlarmPriority b_prio = b->def != NULL ? b->def->priority : PD_ALARM_PRIORITY_LOW;
  gint64 a_id = a->def != NULL ? a->def->id : a->status.alarm_id;
  gint64 b_id = b->def != NULL ? b->def->id : b->status.alarm_id;

  if (a_ack != b_ack)
    return a_ack ? -1 : 1;
  if (a_prio != b_prio)
    return a_prio < b_prio ? -1 : 1;
  if (a->status.raised_ts != b->status.raised_ts)
    return a->status.raised_ts > b->status.raised_ts ? -1 : 1;
  if (a_id != b_id)
    return a_id < b_id ? -1 : 1;

  return 0;
}
