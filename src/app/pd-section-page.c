/* pd-section-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-section-page"

#include "config.h"

#include "pd-section-page.h"

typedef struct
{
  PdStore       *store;
  PdUser        *user;
  PdAcquisition *acquisition;
} PdSectionPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PdSectionPage, pd_section_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USER,
  PROP_ACQUISITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_section_page_constructed (GObject *object)
{
  PdSectionPage *self = (PdSectionPage *) object;
  PdSectionPagePrivate *priv = pd_section_page_get_instance_private (self);

  G_OBJECT_CLASS (pd_section_page_parent_class)->constructed (object);

  /* Every page reads both from its own constructed(), after this. */
  g_assert (PD_IS_STORE (priv->store));
  g_assert (PD_IS_USER (priv->user));
  g_assert (priv->acquisition == NULL || PD_IS_ACQUISITION (priv->acquisition));
}

static void
pd_section_page_dispose (GObject *object)
{
  PdSectionPage *self = (PdSectionPage *) object;
  PdSectionPagePrivate *priv = pd_section_page_get_instance_private (self);

  /* Subclasses have disposed of their templates and handlers by now:
   * they chain up last. */
  g_clear_object (&priv->acquisition);
  g_clear_object (&priv->user);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (pd_section_page_parent_class)->dispose (object);
}

static void
pd_section_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdSectionPage *self = PD_SECTION_PAGE (object);
  PdSectionPagePrivate *priv = pd_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_USER:
      g_value_set_object (value, priv->user);
      break;

    case PROP_ACQUISITION:
      g_value_set_object (value, priv->acquisition);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_section_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdSectionPage *self = PD_SECTION_PAGE (object);
  PdSectionPagePrivate *priv = pd_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    case PROP_USER:
      priv->user = g_value_dup_object (value);
      break;

    case PROP_ACQUISITION:
      priv->acquisition = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_section_page_class_init (PdSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_section_page_constructed;
  object_class->dispose = pd_section_page_dispose;
  object_class->get_property = pd_section_page_get_property;
  object_class->set_property = pd_section_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACQUISITION] =
    g_param_spec_object ("acquisition", NULL, NULL,
                         PD_TYPE_ACQUISITION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_section_page_init (PdSectionPage *self)
{
}

PdStore *
pd_section_page_get_store (PdSectionPage *self)
{
  PdSectionPagePrivate *priv;

  g_return_val_if_fail (PD_IS_SECTION_PAGE (self), NULL);

  priv = pd_section_page_get_instance_private (self);

  return priv->store;
}

PdUser *
pd_section_page_get_user (PdSectionPage *self)
{
  PdSectionPagePrivate *priv;

  g_return_val_if_fail (PD_IS_SECTION_PAGE (self), NULL);

  priv = pd_section_page_get_instance_private (self);

  return priv->user;
}

PdAcquisition *
pd_section_page_get_acquisition (PdSectionPage *self)
{
  PdSectionPagePrivate *priv;

  g_return_val_if_fail (PD_IS_SECTION_PAGE (self), NULL);

  priv = pd_section_page_get_instance_private (self);

  return priv->acquisition;
}
