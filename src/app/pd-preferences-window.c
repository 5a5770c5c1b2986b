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
  AdwPreferencesGroup  *terminal_group;
  AdwComboRow          *terminal_row;
  GtkStringList        *terminal_list;

  /* The work centers offered for the terminal, read off the UI thread:
   * their codes in the order of TERMINAL_LIST after its first row. */
  PdStoreWorker        *worker;
  GCancellable         *cancellable;
  GPtrArray            *terminal_codes;
  gboolean              terminal_loaded;
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

/* --- The terminal's work center ------------------------------------------ */

static gboolean
list_work_centers_job (PdStore   *worker_store,
                       gpointer   data,
                       gpointer  *result,
                       GError   **error)
{
  *result = pd_store_list_work_centers (worker_store, error);
  return *result != NULL;
}

static void
terminal_selected_cb (PdPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->terminal_row);
  const char *code = "";

  if (!self->terminal_loaded)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->terminal_codes->len)
    code = g_ptr_array_index (self->terminal_codes, selected - 1);
  g_settings_set_string (self->settings, "terminal-work-center", code);
}

static void
work_centers_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PdPreferencesWindow *self = user_data;
  g_autoptr(GPtrArray) work_centers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  guint selected = 0;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &work_centers, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  current = g_settings_get_string (self->settings, "terminal-work-center");
  for (guint i = 0; i < work_centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (work_centers, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", wc->code, wc->name);

      gtk_string_list_append (self->terminal_list, text);
      g_ptr_array_add (self->terminal_codes, g_strdup (wc->code));
      if (g_ascii_strcasecmp (wc->code, current) == 0)
        selected = self->terminal_codes->len;
    }
  /* A work center set before it was removed stays shown as it is. */
  if (selected == 0 && *current != '\0')
    {
      gtk_string_list_append (self->terminal_list, current);
      g_ptr_array_add (self->terminal_codes, g_strdup (current));
      selected = self->terminal_codes->len;
    }

  adw_combo_row_set_selected (self->terminal_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->terminal_row), TRUE);
  self->terminal_loaded = TRUE;
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
      gtk_widget_set_visible (GTK_WIDGET (self->terminal_group), FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->terminal_row), FALSE);
  self->worker = pd_store_worker_new (self->store);
  pd_store_worker_run_async (self->worker, list_work_centers_job, NULL, NULL,
                             (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                             work_centers_loaded_cb, self);

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
  PdPreferencesWindow *self = (PdPreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_finalize (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->terminal_codes, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, terminal_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, terminal_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, terminal_list);
  gtk_widget_class_bind_template_callback (widget_class, station_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, terminal_selected_cb);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->terminal_codes = g_ptr_array_new_with_free_func (g_free);
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

AdwComboRow *
_pd_preferences_window_get_terminal_row (PdPreferencesWindow *self)
{
  return self->terminal_row;
}

gboolean
_pd_preferences_window_is_terminal_loaded (PdPreferencesWindow *self)
{
  return self->terminal_loaded;
}
