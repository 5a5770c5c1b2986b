/* pd-device-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-view"

#include "config.h"

#include "devices/pd-device-view.h"

typedef struct
{
  PdAcquisition *acquisition;
  PdUser        *user;
  gint64         device_id;
} PdDeviceViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PdDeviceView, pd_device_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACQUISITION,
  PROP_USER,
  PROP_DEVICE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_device_view_constructed (GObject *object)
{
  PdDeviceView *self = (PdDeviceView *) object;
  PdDeviceViewPrivate *priv = pd_device_view_get_instance_private (self);

  G_OBJECT_CLASS (pd_device_view_parent_class)->constructed (object);

  /* Every view reads it from its own constructed(), after this. */
  g_assert (PD_IS_ACQUISITION (priv->acquisition));
}

static void
pd_device_view_dispose (GObject *object)
{
  PdDeviceView *self = (PdDeviceView *) object;
  PdDeviceViewPrivate *priv = pd_device_view_get_instance_private (self);

  /* Subclasses have disposed of their templates and handlers by now:
   * they chain up last. */
  g_clear_object (&priv->acquisition);
  g_clear_object (&priv->user);

  G_OBJECT_CLASS (pd_device_view_parent_class)->dispose (object);
}

static void
pd_device_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDeviceView *self = PD_DEVICE_VIEW (object);
  PdDeviceViewPrivate *priv = pd_device_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ACQUISITION:
      g_value_set_object (value, priv->acquisition);
      break;

    case PROP_USER:
      g_value_set_object (value, priv->user);
      break;

    case PROP_DEVICE_ID:
      g_value_set_int64 (value, priv->device_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_device_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdDeviceView *self = PD_DEVICE_VIEW (object);
  PdDeviceViewPrivate *priv = pd_device_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ACQUISITION:
      priv->acquisition = g_value_dup_object (value);
      break;

    case PROP_USER:
      priv->user = g_value_dup_object (value);
      break;

    case PROP_DEVICE_ID:
      priv->device_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_device_view_class_init (PdDeviceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_device_view_constructed;
  object_class->dispose = pd_device_view_dispose;
  object_class->get_property = pd_device_view_get_property;
  object_class->set_property = pd_device_view_set_property;

  properties[PROP_ACQUISITION] =
    g_param_spec_object ("acquisition", NULL, NULL,
                         PD_TYPE_ACQUISITION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE_ID] =
    g_param_spec_int64 ("device-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_device_view_init (PdDeviceView *self)
{
}

/* NULL once the view is disposed. */
PdAcquisition *
pd_device_view_get_acquisition (PdDeviceView *self)
{
  PdDeviceViewPrivate *priv;

  g_return_val_if_fail (PD_IS_DEVICE_VIEW (self), NULL);

  priv = pd_device_view_get_instance_private (self);

  return priv->acquisition;
}

PdUser *
pd_device_view_get_user (PdDeviceView *self)
{
  PdDeviceViewPrivate *priv;

  g_return_val_if_fail (PD_IS_DEVICE_VIEW (self), NULL);

  priv = pd_device_view_get_instance_private (self);

  return priv->user;
}

gint64
pd_device_view_get_device_id (PdDeviceView *self)
{
  PdDeviceViewPrivate *priv;

  g_return_val_if_fail (PD_IS_DEVICE_VIEW (self), 0);

  priv = pd_device_view_get_instance_private (self);

  return priv->device_id;
}
