/* pd-user.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-user"

#include "config.h"

#include "pd-role.h"
#include "pd-user.h"

struct _PdUser
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  PdRole   role;
  gboolean disabled;
  char    *created_at;
};

G_DEFINE_FINAL_TYPE (PdUser, pd_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_ROLE_NAME,
  PROP_DISABLED,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_user_finalize (GObject *object)
{
  PdUser *self = (PdUser *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->created_at, g_free);

  G_OBJECT_CLASS (pd_user_parent_class)->finalize (object);
}

static void
pd_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PdUser *self = PD_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;

    case PROP_ROLE_NAME:
      g_value_set_string (value, pd_role_get_display_name (self->role));
      break;

    case PROP_DISABLED:
      g_value_set_boolean (value, self->disabled);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_user_class_init (PdUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_user_finalize;
  object_class->get_property = pd_user_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL, 0, PD_N_ROLES - 1, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE_NAME] =
    g_param_spec_string ("role-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISABLED] =
    g_param_spec_boolean ("disabled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_user_init (PdUser *self)
{
}

PdUser *
pd_user_new (gint64      id,
             const char *name,
             PdRole      role,
             gboolean    disabled,
             const char *created_at)
{
  PdUser *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (role < PD_N_ROLES, NULL);

  self = g_object_new (PD_TYPE_USER, NULL);
  self->id = id;
  self->name = g_strdup (name);
  self->role = role;
  self->disabled = !!disabled;
  self->created_at = g_strdup (created_at);

  return self;
}

gint64
pd_user_get_id (PdUser *self)
{
  g_return_val_if_fail (PD_IS_USER (self), 0);

  return self->id;
}

const char *
pd_user_get_name (PdUser *self)
{
  g_return_val_if_fail (PD_IS_USER (self), NULL);

  return self->name;
}

PdRole
pd_user_get_role (PdUser *self)
{
  g_return_val_if_fail (PD_IS_USER (self), PD_ROLE_OPERATOR);

  return self->role;
}

gboolean
pd_user_get_disabled (PdUser *self)
{
  g_return_val_if_fail (PD_IS_USER (self), TRUE);

  return self->disabled;
}

const char *
pd_user_get_created_at (PdUser *self)
{
  g_return_val_if_fail (PD_IS_USER (self), NULL);

  return self->created_at;
}

gboolean
pd_user_can (PdUser       *self,
             PdPermission  permission)
{
  g_return_val_if_fail (PD_IS_USER (self), FALSE);

  return !self->disabled && pd_role_has_permission (self->role, permission);
}
