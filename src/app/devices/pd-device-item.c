/* pd-device-item.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-item"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-device-item.h"
#include "devices/pd-devices-format.h"

struct _PdDeviceItem
{
  GObject        parent_instance;

  PdDevice      *device;
  char          *address;
  PdDeviceState  state;
  gint64         last_good;
  char          *last_good_text;
  char          *error_rate;
  gint64         inspection_due;
  gint64         inspection_valid_until;
  char          *inspection_text;
  gboolean       inspection_overdue;
};

G_DEFINE_FINAL_TYPE (PdDeviceItem, pd_device_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_LIFECYCLE,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_STATE_ICON,
  PROP_LAST_GOOD,
  PROP_ERROR_RATE,
  PROP_INSPECTION,
  PROP_INSPECTION_OVERDUE,
  PROP_INSPECTION_CSS_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (PdDeviceItem  *self,
          char         **field,
          char          *value,
          guint          prop_id)
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
pd_device_item_finalize (GObject *object)
{
  PdDeviceItem *self = (PdDeviceItem *) object;

  g_clear_pointer (&self->device, pd_device_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->last_good_text, g_free);
  g_clear_pointer (&self->error_rate, g_free);
  g_clear_pointer (&self->inspection_text, g_free);

  G_OBJECT_CLASS (pd_device_item_parent_class)->finalize (object);
}

static void
pd_device_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDeviceItem *self = PD_DEVICE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->device->name);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_LIFECYCLE:
      g_value_set_string (value, pd_lifecycle_get_label (self->device->lifecycle));
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATE_LABEL:
      g_value_set_string (value, pd_device_state_get_label (self->state));
      break;

    case PROP_STATE_ICON:
      g_value_set_string (value, pd_device_state_get_icon (self->state));
      break;

    case PROP_LAST_GOOD:
      g_value_set_string (value, self->last_good_text);
      break;

    case PROP_ERROR_RATE:
      g_value_set_string (value, self->error_rate);
      break;

    case PROP_INSPECTION:
      g_value_set_string (value, self->inspection_text);
      break;

    case PROP_INSPECTION_OVERDUE:
      g_value_set_boolean (value, self->inspection_overdue);
      break;

    case PROP_INSPECTION_CSS_CLASSES:
      {
        /* The cell's classes: bound to its "css-classes", so that text
         * and icon of an overdue inspection share the warning colour. */
        static const char * const overdue[] = { "warning", NULL };
        static const char * const normal[] = { NULL };

        g_value_set_boxed (value, self->inspection_overdue ? overdue : normal);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_device_item_class_init (PdDeviceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_device_item_finalize;
  object_class->get_property = pd_device_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIFECYCLE] =
    g_param_spec_string ("lifecycle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      PD_DEVICE_STATE_UNKNOWN, PD_DEVICE_STATE_OFFLINE, PD_DEVICE_STATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_LABEL] =
    g_param_spec_string ("state-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_ICON] =
    g_param_spec_string ("state-icon", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_GOOD] =
    g_param_spec_string ("last-good", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_RATE] =
    g_param_spec_string ("error-rate", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSPECTION] =
    g_param_spec_string ("inspection", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSPECTION_OVERDUE] =
    g_param_spec_boolean ("inspection-overdue", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSPECTION_CSS_CLASSES] =
    g_param_spec_boxed ("inspection-css-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_device_item_init (PdDeviceItem *self)
{
  self->state = PD_DEVICE_STATE_UNKNOWN;
  self->last_good_text = g_strdup ("—");
  self->error_rate = g_strdup ("—");
}

PdDeviceItem *
pd_device_item_new (const PdDevice *device)
{
  PdDeviceItem *self;

  g_return_val_if_fail (device != NULL, NULL);

  self = g_object_new (PD_TYPE_DEVICE_ITEM, NULL);
  self->device = pd_device_copy (device);
  self->address = pd_device_dup_address (device);

  return self;
}

const PdDevice *
pd_device_item_get_device (PdDeviceItem *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_ITEM (self), NULL);

  return self->device;
}

gint64
pd_device_item_get_id (PdDeviceItem *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_ITEM (self), 0);

  return self->device->id;
}

PdDeviceState
pd_device_item_get_state (PdDeviceItem *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_ITEM (self), PD_DEVICE_STATE_UNKNOWN);

  return self->state;
}

void
pd_device_item_set_device (PdDeviceItem   *self,
                           const PdDevice *device)
{
  gboolean name_changed;
  gboolean lifecycle_changed;

  g_return_if_fail (PD_IS_DEVICE_ITEM (self));
  g_return_if_fail (device != NULL);

  name_changed = g_strcmp0 (self->device->name, device->name) != 0;
  lifecycle_changed = self->device->lifecycle != device->lifecycle;

  pd_device_free (self->device);
  self->device = pd_device_copy (device);

  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (lifecycle_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIFECYCLE]);
  set_text (self, &self->address, pd_device_dup_address (device), PROP_ADDRESS);
}

void
pd_device_item_tick (PdDeviceItem *self,
                     gint64        now)
{
  g_autofree char *age = NULL;
  char *text;

  g_return_if_fail (PD_IS_DEVICE_ITEM (self));

  if (self->last_good > 0)
    {
      age = pd_format_age (now, self->last_good);
      /* TRANSLATORS: when the device last answered, e.g. "3 s ago" */
      text = g_strdup_printf (_("%s ago"), age);
    }
  else
    {
      text = g_strdup (_("Never"));
    }

  set_text (self, &self->last_good_text, text, PROP_LAST_GOOD);
}

void
pd_device_item_set_status (PdDeviceItem         *self,
                           const PdDeviceStatus *status,
                           gint64                now)
{
  PdDeviceState state = status != NULL ? status->state : PD_DEVICE_STATE_UNKNOWN;

  g_return_if_fail (PD_IS_DEVICE_ITEM (self));

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_ICON]);
    }

  if (status == NULL)
    {
      self->last_good = 0;
      set_text (self, &self->last_good_text, g_strdup ("—"), PROP_LAST_GOOD);
      set_text (self, &self->error_rate, g_strdup ("—"), PROP_ERROR_RATE);
      return;
    }

  self->last_good = status->last_good;
  pd_device_item_tick (self, now);

  /* TRANSLATORS: a share of failed requests, e.g. "2.5 %" */
  set_text (self, &self->error_rate,
            g_strdup_printf (_("%.1f %%"), status->error_rate * 100.0),
            PROP_ERROR_RATE);
}

static void
format_inspection (PdDeviceItem *self,
                   gint64        now)
{
  gboolean overdue = self->inspection_due > 0 && self->inspection_due < now;

  set_text (self, &self->inspection_text,
            pd_format_inspection_due (now, self->inspection_due, &self->inspection_valid_until),
            PROP_INSPECTION);

  if (overdue != self->inspection_overdue)
    {
      self->inspection_overdue = overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSPECTION_OVERDUE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSPECTION_CSS_CLASSES]);
    }
}

void
pd_device_item_set_inspection_due (PdDeviceItem *self,
                                   gint64        due,
                                   gint64        now)
{
  g_return_if_fail (PD_IS_DEVICE_ITEM (self));

  self->inspection_due = MAX (due, 0);
  format_inspection (self, now);
}

void
pd_device_item_age_inspection (PdDeviceItem *self,
                               gint64        now)
{
  g_return_if_fail (PD_IS_DEVICE_ITEM (self));

  /* Called every second: nothing to do until the day or the due time
   * has passed. */
  if (now < self->inspection_valid_until)
    return;

  format_inspection (self, now);
}
