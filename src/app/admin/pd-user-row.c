/* pd-user-row.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-user-row"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/pd-user-row.h"

struct _PdUserRow
{
  AdwActionRow    parent_instance;

  PdUser         *user;
  guint           is_self : 1;
  guint           updating : 1;

  /* Template widgets */
  GtkImage       *avatar;
  GtkDropDown    *role_dropdown;
  GtkMenuButton  *menu_button;
};

G_DEFINE_FINAL_TYPE (PdUserRow, pd_user_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_USER,
  PROP_IS_SELF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
role_selected_cb (PdUserRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);

  if (self->updating || selected >= PD_N_ROLES || selected == (guint) pd_user_get_role (self->user))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "users.set-role", "(ss)",
                              pd_user_get_name (self->user),
                              pd_role_to_string ((PdRole) selected));
}

static GMenuModel *
create_menu (PdUserRow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) reset = NULL;
  const char *name = pd_user_get_name (self->user);

  reset = g_menu_item_new (_("_Reset Password…"), NULL);
  g_menu_item_set_action_and_target_value (reset, "users.reset-password", g_variant_new_string (name));
  g_menu_append_item (menu, reset);

  /* Disabling oneself would end one's own session for good. */
  if (!self->is_self)
    {
      gboolean disabled = pd_user_get_disabled (self->user);
      g_autoptr(GMenuItem) toggle = NULL;

      toggle = g_menu_item_new (disabled ? _("_Enable") : _("_Disable"), NULL);
      g_menu_item_set_action_and_target_value (toggle, "users.set-disabled",
                                               g_variant_new ("(sb)", name, !disabled));
      g_menu_append_item (menu, toggle);
    }

  return G_MENU_MODEL (menu);
}

static void
pd_user_row_constructed (GObject *object)
{
  PdUserRow *self = (PdUserRow *) object;
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *role_label = NULL;
  g_autofree char *menu_label = NULL;
  const char *name;

  G_OBJECT_CLASS (pd_user_row_parent_class)->constructed (object);

  g_assert (PD_IS_USER (self->user));
  name = pd_user_get_name (self->user);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  if (pd_user_get_disabled (self->user))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Disabled: cannot sign in"));
      gtk_widget_add_css_class (GTK_WIDGET (self->avatar), "dim-label");
    }
  else if (self->is_self)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Signed in now"));
    }

  for (guint i = 0; i < PD_N_ROLES; i++)
    gtk_string_list_append (roles, pd_role_get_display_name ((PdRole) i));

  self->updating = TRUE;
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  gtk_drop_down_set_selected (self->role_dropdown, pd_user_get_role (self->user));
  self->updating = FALSE;

  /* One's own role stays: an administrator who demoted themselves could
   * not undo it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_dropdown), !self->is_self);
  if (self->is_self)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->role_dropdown),
                                 _("Another administrator can change your role"));

  /* TRANSLATORS: accessible name of the role chooser of user %s */
  role_label = g_strdup_printf (_("Role of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->role_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);

  menu = create_menu (self);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  /* TRANSLATORS: accessible name of the menu button of user %s */
  menu_label = g_strdup_printf (_("More actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

static void
pd_user_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_USER_ROW);

  G_OBJECT_CLASS (pd_user_row_parent_class)->dispose (object);
}

static void
pd_user_row_finalize (GObject *object)
{
  PdUserRow *self = (PdUserRow *) object;

  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_user_row_parent_class)->finalize (object);
}

static void
pd_user_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdUserRow *self = PD_USER_ROW (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    case PROP_IS_SELF:
      g_value_set_boolean (value, self->is_self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_user_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PdUserRow *self = PD_USER_ROW (object);

  switch (prop_id)
    {
    case PROP_USER:
      self->user = g_value_dup_object (value);
      break;

    case PROP_IS_SELF:
      self->is_self = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_user_row_class_init (PdUserRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_user_row_constructed;
  object_class->dispose = pd_user_row_dispose;
  object_class->finalize = pd_user_row_finalize;
  object_class->get_property = pd_user_row_get_property;
  object_class->set_property = pd_user_row_set_property;

  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_SELF] =
    g_param_spec_boolean ("is-self", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/admin/pd-user-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PdUserRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, PdUserRow, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdUserRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, role_selected_cb);
}

static void
pd_user_row_init (PdUserRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_user_row_new (PdUser   *user,
                 gboolean  is_self)
{
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  return g_object_new (PD_TYPE_USER_ROW,
                       "user", user,
                       "is-self", is_self,
                       NULL);
}

PdUser *
pd_user_row_get_user (PdUserRow *self)
{
  g_return_val_if_fail (PD_IS_USER_ROW (self), NULL);

  return self->user;
}

GtkDropDown *
_pd_user_row_get_role_dropdown (PdUserRow *self)
{
  g_return_val_if_fail (PD_IS_USER_ROW (self), NULL);

  return self->role_dropdown;
}
