/* pd-tag-item.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tag-item"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-devices-format.h"
#include "devices/pd-tag-item.h"

struct _PdTagItem
{
  GObject   parent_instance;

  PdTag    *tag;
  char     *address;
  PdSample  sample;
  gboolean  has_sample;
  char     *value;
  char     *age;
};

G_DEFINE_FINAL_TYPE (PdTagItem, pd_tag_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_VALUE,
  PROP_QUALITY,
  PROP_QUALITY_ICON,
  PROP_AGE,
  PROP_GOOD,
  PROP_VALUE_OPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (PdTagItem  *self,
          char      **field,
          char       *value,
          guint       prop_id)
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

static gboolean
is_good (PdTagItem *self)
{
  return self->has_sample && self->sample.quality == PD_QUALITY_GOOD;
}

static void
pd_tag_item_finalize (GObject *object)
{
  PdTagItem *self = (PdTagItem *) object;

  g_clear_pointer (&self->tag, pd_tag_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->age, g_free);

  G_OBJECT_CLASS (pd_tag_item_parent_class)->finalize (object);
}

static void
pd_tag_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdTagItem *self = PD_TAG_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->tag->name);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_QUALITY:
      g_value_set_string (value, self->has_sample ? pd_quality_get_label (self->sample.quality) : _("Waiting"));
      break;

    case PROP_QUALITY_ICON:
      g_value_set_string (value, self->has_sample ? pd_quality_get_icon (self->sample.quality) : "content-loading-symbolic");
      break;

    case PROP_AGE:
      g_value_set_string (value, self->age);
      break;

    case PROP_GOOD:
      g_value_set_boolean (value, is_good (self));
      break;

    case PROP_VALUE_OPACITY:
      g_value_set_double (value, is_good (self) ? 1.0 : 0.55);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_tag_item_class_init (PdTagItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_tag_item_finalize;
  object_class->get_property = pd_tag_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUALITY] =
    g_param_spec_string ("quality", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUALITY_ICON] =
    g_param_spec_string ("quality-icon", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGE] =
    g_param_spec_string ("age", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GOOD] =
    g_param_spec_boolean ("good", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE_OPACITY] =
    g_param_spec_double ("value-opacity", NULL, NULL, 0.0, 1.0, 0.55,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_tag_item_init (PdTagItem *self)
{
  self->value = g_strdup ("—");
  self->age = g_strdup ("—");
}

PdTagItem *
pd_tag_item_new (const PdTag *tag)
{
  PdTagItem *self;

  g_return_val_if_fail (tag != NULL, NULL);

  self = g_object_new (PD_TYPE_TAG_ITEM, NULL);
  self->tag = pd_tag_copy (tag);
  /* TRANSLATORS: a tag's data area and address, e.g. "Holding register 100" */
  self->address = g_strdup_printf (_("%s %u"), pd_area_get_label (tag->area), tag->address);

  return self;
}

const PdTag *
pd_tag_item_get_tag (PdTagItem *self)
{
  g_return_val_if_fail (PD_IS_TAG_ITEM (self), NULL);

  return self->tag;
}

gint64
pd_tag_item_get_id (PdTagItem *self)
{
  g_return_val_if_fail (PD_IS_TAG_ITEM (self), 0);

  return self->tag->id;
}

gboolean
pd_tag_item_get_sample (PdTagItem *self,
                        PdSample  *sample)
{
  g_return_val_if_fail (PD_IS_TAG_ITEM (self), FALSE);

  if (self->has_sample && sample != NULL)
    *sample = self->sample;

  return self->has_sample;
}

const char *
pd_tag_item_get_value (PdTagItem *self)
{
  g_return_val_if_fail (PD_IS_TAG_ITEM (self), NULL);

  return self->value;
}

void
pd_tag_item_tick (PdTagItem *self,
                  gint64     now)
{
  g_return_if_fail (PD_IS_TAG_ITEM (self));

  if (!self->has_sample)
    return;

  set_text (self, &self->age, pd_format_age (now, self->sample.ts), PROP_AGE);
}

void
pd_tag_item_set_sample (PdTagItem      *self,
                        const PdSample *sample,
                        gint64          now)
{
  gboolean was_good;
  gboolean quality_changed;

  g_return_if_fail (PD_IS_TAG_ITEM (self));
  g_return_if_fail (sample != NULL);

  was_good = is_good (self);
  quality_changed = !self->has_sample || self->sample.quality != sample->quality;

  self->sample = *sample;
  self->has_sample = TRUE;

  /* A bad read has no value of its own: the last one stays, dimmed. */
  if (sample->quality != PD_QUALITY_BAD || g_strcmp0 (self->value, "—") == 0)
    set_text (self, &self->value,
              sample->quality == PD_QUALITY_BAD ? g_strdup ("—") : pd_format_tag_value (self->tag, sample->value),
              PROP_VALUE);

  if (quality_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALITY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALITY_ICON]);
    }
  if (was_good != is_good (self))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOOD]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_OPACITY]);
    }

  pd_tag_item_tick (self, now);
}
