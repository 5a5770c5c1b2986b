/* pd-preferences-window.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-preferences-window.h"
#include "pd-preferences-window-private.h"

struct _PdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PdStore              *store;
  PdUser               *user;
  GSettings            *settings;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
  GtkSpinButton        *auto_lock_spin;
  GtkSwitch            *scan_sound_switch;
  AdwPreferencesGroup  *station_group;
  AdwEntryRow          *station_row;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of the colour scheme chooser, in order. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    selected = 0;

  return g_variant_new_string (color_schemes[selected]);
}

static gboolean
can_edit_station (PdPreferencesWindow *self)
{
  return self->store != NULL && self->user != NULL &&
         pd_user_can (self->user, PD_PERMISSION_STATION_CONFIGURE);
}

static void
update_station (PdPreferencesWindow *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;

  name = pd_store_dup_station_name (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->station_row), name != NULL ? name : "");
}

static void
station_apply_cb (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!can_edit_station (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->station_row))));
  if (!pd_store_set_station_name (self->store, self->user, name, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      update_station (self);
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Station name saved")));
}

static void
pd_preferences_window_constructed (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *) object;
  gboolean editable;

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "scan-sound",
                   self->scan_sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "auto-lock-minutes",
                   self->auto_lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  if (self->store == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->station_group), FALSE);
      return;
    }

  g_signal_connect_object (self->store, "station-changed",
                           G_CALLBACK (update_station), self, G_CONNECT_SWAPPED);
  update_station (self);

  editable = can_edit_station (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->station_row), editable);
  if (editable)
    adw_preferences_group_set_description (self->station_group,
                                           _("The name shown in the header and recorded with every entry of the audit log."));
  else
    adw_preferences_group_set_description (self->station_group,
                                           _("Only a user allowed to configure the station can rename it. Sign in as such a user to change it."));
}

static void
pd_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_finalize (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->user);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->finalize (object);
}

static void
pd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_USER:
      self->user = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_preferences_window_constructed;
  object_class->dispose = pd_preferences_window_dispose;
  object_class->finalize = pd_preferences_window_finalize;
  object_class->get_property = pd_preferences_window_get_property;
  object_class->set_property = pd_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/pd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, scan_sound_switch);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, station_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, station_row);
  gtk_widget_class_bind_template_callback (widget_class, station_apply_cb);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}

PdPreferencesWindow *
pd_preferences_window_new (PdStore *store,
                           PdUser  *user)
{
  g_return_val_if_fail (store == NULL || PD_IS_STORE (store), NULL);
  g_return_val_if_fail (user == NULL || PD_IS_USER (user), NULL);

  return g_object_new (PD_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       "user", user,
                       NULL);
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_preferences_window_get_station_entry (PdPreferencesWindow *self)
{
  return GTK_EDITABLE (self->station_row);
}

void
_pd_preferences_window_apply_station (PdPreferencesWindow *self)
{
  g_signal_emit_by_name (self->station_row, "apply");
}

gboolean
_pd_preferences_window_can_edit_station (PdPreferencesWindow *self)
{
  return can_edit_station (self) && gtk_widget_get_sensitive (GTK_WIDGET (self->station_row));
}

GtkSwitch *
_pd_preferences_window_get_scan_sound_switch (PdPreferencesWindow *self)
{
  return self->scan_sound_switch;
}
