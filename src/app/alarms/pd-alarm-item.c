/* pd-alarm-item.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-item"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "alarms/pd-alarm-item.h"

struct _PdAlarmItem
{
  GObject          parent_instance;

  PdAlarm         *alarm;
  PdAlarmState     state;
  gboolean         needs_ack;
  char            *raised;
  char            *value;
  char            *message;
};

G_DEFINE_FINAL_TYPE (PdAlarmItem, pd_alarm_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRIORITY,
  PROP_PRIORITY_LABEL,
  PROP_PRIORITY_CSS_CLASSES,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_RAISED_TS,
  PROP_RAISED,
  PROP_SOURCE,
  PROP_CONDITION,
  PROP_MESSAGE,
  PROP_VALUE,
  PROP_ACK_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pd_alarm_priority_css_class (PdAlarmPriority priority)
{
  switch (priority)
    {
    case PD_ALARM_PRIORITY_URGENT:
      return "alarm-urgent";
    case PD_ALARM_PRIORITY_HIGH:
      return "alarm-high";
    case PD_ALARM_PRIORITY_MEDIUM:
      return "alarm-medium";
    case PD_ALARM_PRIORITY_LOW:
    default:
      return "alarm-low";
    }
}

char *
pd_alarm_format_number (PdAlarmCondition  condition,
                        double            value,
                        const char       *unit)
{
  g_autofree char *number = NULL;
  double fabs_value;
  int decimals;

  if (isnan (value))
    return g_strdup ("—");

  if (condition == PD_ALARM_CONDITION_DIGITAL)
    return g_strdup (value != 0 ? _("On") : _("Off"));

  /* About four significant digits, never an exponent: 1.26 bar, 245.3 °C,
   * 12345 rpm. */
  fabs_value = fabs (value);
  decimals = fabs_value >= 1000 ? 0 : fabs_value >= 100 ? 1 : fabs_value >= 1 ? 2 : 3;
  if (condition == PD_ALARM_CONDITION_COMM)
    decimals = 0;

  number = g_strdup_printf ("%.*f", decimals, value);
  /* No trailing zeros: 95.5 °C, not 95.50 °C. */
  if (decimals > 0)
    {
      char *end = number + strlen (number) - 1;

      while (end > number && *end == '0')
        *end-- = '\0';
      if (end > number && (*end == '.' || *end == ','))
        *end = '\0';
    }

  if (unit != NULL && unit[0] != '\0')
    /* TRANSLATORS: a value and its unit, e.g. "96.5 °C" */
    return g_strdup_printf (_("%s %s"), number, unit);

  return g_steal_pointer (&number);
}

char *
pd_alarm_format_value (const PdAlarm *alarm)
{
  g_return_val_if_fail (alarm != NULL, NULL);

  return pd_alarm_format_number (alarm->def->condition, alarm->status.value, alarm->def->unit);
}

char *
pd_alarm_format_time (gint64 ts)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (ts <= 0)
    return g_strdup ("—");

  time = g_date_time_new_from_unix_local (ts / G_USEC_PER_SEC);
  now = g_date_time_new_now_local ();
  if (time == NULL || now == NULL)
    return g_strdup ("—");

  if (g_date_time_get_year (time) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: the time of an alarm today, see g_date_time_format() */
    return g_date_time_format (time, _("%H:%M:%S"));

  /* TRANSLATORS: the time of an alarm before today, see g_date_time_format() */
  return g_date_time_format (time, _("%e %b %H:%M"));
}

static void
set_text (PdAlarmItem  *self,
          char        **field,
          char         *value,
          guint         prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pd_alarm_item_finalize (GObject *object)
{
  PdAlarmItem *self = (PdAlarmItem *) object;

  g_clear_pointer (&self->alarm, pd_alarm_free);
  g_clear_pointer (&self->raised, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (pd_alarm_item_parent_class)->finalize (object);
}

static void
pd_alarm_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PdAlarmItem *self = PD_ALARM_ITEM (object);
  const PdAlarm *alarm = self->alarm;

  switch (prop_id)
    {
    case PROP_PRIORITY:
      g_value_set_int (value, alarm->def->priority);
      break;

    case PROP_PRIORITY_LABEL:
      g_value_set_string (value, pd_alarm_priority_get_label (alarm->def->priority));
      break;

    case PROP_PRIORITY_CSS_CLASSES:
      {
        const char *classes[] = { "alarm-chip", pd_alarm_priority_css_class (alarm->def->priority), NULL };

        g_value_set_boxed (value, classes);
      }
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATE_LABEL:
      g_value_set_string (value, pd_alarm_state_get_label (self->state));
      break;

    case PROP_RAISED_TS:
      g_value_set_int64 (value, alarm->status.raised_ts);
      break;

    case PROP_RAISED:
      g_value_set_string (value, self->raised);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, alarm->def->source_name);
      break;

    case PROP_CONDITION:
      g_value_set_string (value, pd_alarm_condition_get_label (alarm->def->condition));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_ACK_USER:
      g_value_set_string (value, alarm->status.acknowledged ? alarm->status.ack_user : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_alarm_item_class_init (PdAlarmItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pd_alarm_item_finalize;
  object_class->get_property = pd_alarm_item_get_property;

  properties[PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL, 0, PD_N_ALARM_PRIORITIES - 1, 0, flags);
  properties[PROP_PRIORITY_LABEL] =
    g_param_spec_string ("priority-label", NULL, NULL, NULL, flags);
  properties[PROP_PRIORITY_CSS_CLASSES] =
    g_param_spec_boxed ("priority-css-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, PD_N_ALARM_STATES - 1, 0, flags);
  properties[PROP_STATE_LABEL] =
    g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  properties[PROP_RAISED_TS] =
    g_param_spec_int64 ("raised-ts", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RAISED] =
    g_param_spec_string ("raised", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_CONDITION] =
    g_param_spec_string ("condition", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_ACK_USER] =
    g_param_spec_string ("ack-user", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_alarm_item_init (PdAlarmItem *self)
{
}

PdAlarmItem *
pd_alarm_item_new (const PdAlarm *alarm,
                   gint64         now)
{
  PdAlarmItem *self;

  g_return_val_if_fail (alarm != NULL, NULL);

  self = g_object_new (PD_TYPE_ALARM_ITEM, NULL);
  self->alarm = pd_alarm_copy (alarm);
  self->state = pd_alarm_status_get_state (&alarm->status, now);
  self->needs_ack = pd_alarm_status_needs_ack (&alarm->status, now);
  self->raised = pd_alarm_format_time (alarm->status.raised_ts);
  self->value = pd_alarm_format_value (alarm);
  self->message = pd_alarm_def_dup_message (alarm->def);

  return self;
}

gboolean
pd_alarm_item_update (PdAlarmItem   *self,
                      const PdAlarm *alarm,
                      gint64         now)
{
  g_autoptr(PdAlarm) old = NULL;
  PdAlarmState state;
  gboolean order_changed = FALSE;

  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), FALSE);
  g_return_val_if_fail (alarm != NULL, FALSE);
  g_return_val_if_fail (alarm->status.alarm_id == self->alarm->status.alarm_id, FALSE);

  state = pd_alarm_status_get_state (&alarm->status, now);

  /* Nothing happened to it since the last snapshot: the common case
   * during a flood of other alarms. */
  if (alarm->status.last_event_id == self->alarm->status.last_event_id &&
      state == self->state &&
      alarm->def->priority == self->alarm->def->priority &&
      g_strcmp0 (alarm->def->source_name, self->alarm->def->source_name) == 0 &&
      g_strcmp0 (alarm->def->message, self->alarm->def->message) == 0 &&
      g_strcmp0 (alarm->def->message_key, self->alarm->def->message_key) == 0 &&
      g_strcmp0 (alarm->def->message_args, self->alarm->def->message_args) == 0)
    return FALSE;

  old = g_steal_pointer (&self->alarm);
  self->alarm = pd_alarm_copy (alarm);

  g_object_freeze_notify (G_OBJECT (self));

  if (old->def->priority != alarm->def->priority)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY_CSS_CLASSES]);
      order_changed = TRUE;
    }

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
      order_changed = TRUE;
    }

  if (pd_alarm_status_needs_ack (&alarm->status, now) != self->needs_ack)
    {
      self->needs_ack = !self->needs_ack;
      order_changed = TRUE;
    }

  if (old->status.raised_ts != alarm->status.raised_ts)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAISED_TS]);
      set_text (self, &self->raised, pd_alarm_format_time (alarm->status.raised_ts), PROP_RAISED);
      order_changed = TRUE;
    }

  if (g_strcmp0 (old->def->source_name, alarm->def->source_name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);

  if (old->def->condition != alarm->def->condition)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONDITION]);

  if (old->status.acknowledged != alarm->status.acknowledged ||
      g_strcmp0 (old->status.ack_user, alarm->status.ack_user) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACK_USER]);

  set_text (self, &self->message, pd_alarm_def_dup_message (alarm->def), PROP_MESSAGE);
  set_text (self, &self->value, pd_alarm_format_value (alarm), PROP_VALUE);

  g_object_thaw_notify (G_OBJECT (self));

  return order_changed;
}

const PdAlarm *
pd_alarm_item_get_alarm (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), NULL);

  return self->alarm;
}

gint64
pd_alarm_item_get_id (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), 0);

  return self->alarm->status.alarm_id;
}

PdAlarmPriority
pd_alarm_item_get_priority (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), PD_ALARM_PRIORITY_LOW);

  return self->alarm->def->priority;
}

PdAlarmState
pd_alarm_item_get_state (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), PD_ALARM_STATE_NORMAL);

  return self->state;
}

gint64
pd_alarm_item_get_raised_ts (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), 0);

  return self->alarm->status.raised_ts;
}

gboolean
pd_alarm_item_needs_ack (PdAlarmItem *self)
{
  g_return_val_if_fail (PD_IS_ALARM_ITEM (self), FALSE);

  return self->needs_ack;
}
