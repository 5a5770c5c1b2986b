/* pd-device-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-page"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-page.h"
#include "devices/pd-device-page-private.h"
#include "devices/pd-devices-format.h"
#include "devices/pd-diagnostics-view.h"
#include "devices/pd-inspections-view.h"
#include "devices/pd-tag-item.h"
#include "devices/pd-trend-view.h"
#include "pd-window.h"

G_DEFINE_FINAL_TYPE (PdDevicePage, pd_device_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USER,
  PROP_ACQUISITION,
  PROP_DEVICE_ID,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- Shared with pd-device-page-tags.c ------------------------------------ */

PdDevicePageJob *
_pd_device_page_job_new (PdDevicePage *self)
{
  PdDevicePageJob *job = g_new0 (PdDevicePageJob, 1);

  g_weak_ref_init (&job->page, self);

  return job;
}

void
_pd_device_page_job_free (PdDevicePageJob *job)
{
  g_weak_ref_clear (&job->page);
  g_free (job->text);
  g_free (job);
}

void
_pd_device_page_toast (PdDevicePage *self,
                       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

GtkWindow *
_pd_device_page_get_window (PdDevicePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_pd_device_page_present_dialog (PdDevicePage *self,
                                GtkWindow    *dialog)
{
  GtkWindow *window = _pd_device_page_get_window (self);

  if (PD_IS_WINDOW (window))
    {
      pd_window_present_dialog (PD_WINDOW (window), dialog);
    }
  else
    {
      gtk_window_set_transient_for (dialog, window);
      gtk_window_present (dialog);
    }
}

void
_pd_device_page_clear_write_widgets (PdDevicePage *self)
{
  if (self->write_entry != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->write_entry), (gpointer *) &self->write_entry);
  if (self->write_error != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->write_error), (gpointer *) &self->write_error);
  self->write_entry = NULL;
  self->write_error = NULL;
}

/* Forgets the message dialog without closing it: one that is answering
 * closes itself. */
void
_pd_device_page_release_message_dialog (PdDevicePage *self)
{
  if (self->message_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->message_dialog), (gpointer *) &self->message_dialog);
  self->message_dialog = NULL;
}

/* One message dialog at a time; it closes itself after a response. */
AdwMessageDialog *
_pd_device_page_new_message_dialog (PdDevicePage *self,
                                    const char   *heading,
                                    const char   *body)
{
  GtkWidget *dialog;

  _pd_device_page_clear_write_widgets (self);
  if (self->message_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->message_dialog);

      _pd_device_page_release_message_dialog (self);
      gtk_window_destroy (old);
    }

  dialog = adw_message_dialog_new (_pd_device_page_get_window (self), heading, body);
  self->message_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->message_dialog);

  return ADW_MESSAGE_DIALOG (dialog);
}

gboolean
_pd_device_page_can (PdDevicePage *self,
                     PdPermission  permission)
{
  return pd_user_can (self->user, permission);
}

/* --- Header --------------------------------------------------------------- */

void
_pd_device_page_update_state (PdDevicePage *self)
{
  g_autoptr(PdDeviceStatus) status = NULL;
  PdDeviceState state = PD_DEVICE_STATE_UNKNOWN;

  if (self->acquisition != NULL)
    status = pd_acquisition_dup_status (self->acquisition, self->device_id);
  if (status != NULL)
    state = status->state;
  self->last_good = status != NULL ? status->last_good : 0;

  gtk_image_set_from_icon_name (self->state_icon, pd_device_state_get_icon (state));
  gtk_label_set_text (self->state_label, pd_device_state_get_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pd_device_state_get_label (state),
                                  -1);
}

static void
update_lifecycle_menu (PdDevicePage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < PD_N_LIFECYCLES; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!pd_lifecycle_can_change (self->device->lifecycle, i))
        continue;

      item = g_menu_item_new (pd_lifecycle_get_label (i), NULL);
      g_menu_item_set_action_and_target (item, "device.set-lifecycle", "s", pd_lifecycle_to_string (i));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->lifecycle_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->lifecycle_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
update_header (PdDevicePage *self)
{
  g_autofree char *address = pd_device_dup_address (self->device);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->name_label, self->device->name);

  /* TRANSLATORS: a device's address, lifecycle state and whether it is polled,
   * e.g. "10.0.0.5:502 · In service · enabled" */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              address,
                              pd_lifecycle_get_label (self->device->lifecycle),
                              self->device->enabled ? _("enabled") : _("disabled"));
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_button_set_label (self->enable_button, self->device->enabled ? _("_Disable") : _("_Enable"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->enable_button),
                               self->device->enabled ? _("Stop Polling the Device") : _("Poll the Device"));

  update_lifecycle_menu (self);
  _pd_device_page_update_state (self);
}

static gboolean
reload_device (PdDevicePage *self)
{
  g_autoptr(PdDevice) device = NULL;

  device = pd_store_get_device (self->store, self->device_id, NULL);
  if (device == NULL)
    return FALSE;

  g_clear_pointer (&self->device, pd_device_free);
  self->device = g_steal_pointer (&device);
  update_header (self);

  return TRUE;
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  PdDevicePage *self = user_data;

  self->reload_id = 0;

  /* A removed device: the list takes the page away. */
  if (reload_device (self))
    _pd_device_page_reload_tags (self);

  return G_SOURCE_REMOVE;
}

static void
devices_changed_cb (PdDevicePage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
device_changed_cb (PdDevicePage  *self,
                   gint64         device_id,
                   PdAcquisition *acquisition)
{
  if (device_id == self->device_id)
    _pd_device_page_update_state (self);
}

/* --- Device actions ------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdDevicePageJob) job = user_data;
  g_autoptr(PdDevicePage) self = g_weak_ref_get (&job->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 round_trip = 0;
  gboolean ok;

  ok = pd_engine_test_connection_finish (result, &round_trip, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->testing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "device.test-connection", TRUE);

  if (ok)
    /* TRANSLATORS: the round trip of a test request, e.g. "Connected: round trip 1.3 ms" */
    message = g_strdup_printf (_("Connected: round trip %.1f ms"), round_trip / 1000.0);
  else
    /* TRANSLATORS: %s is what went wrong */
    message = g_strdup_printf (_("Connection failed: %s"), error->message);

  _pd_device_page_toast (self, message);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);

  if (self->testing)
    return;

  self->testing = TRUE;
  gtk_widget_action_set_enabled (widget, "device.test-connection", FALSE);
  _pd_device_page_toast (self, _("Testing the connection…"));
  pd_engine_test_connection_async (self->device, self->cancellable, test_connection_cb, _pd_device_page_job_new (self));
}

static void
device_saved_cb (PdDevicePage *self)
{
  reload_device (self);
  _pd_device_page_toast (self, _("Device saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);

  if (self->device_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->device_dialog);

      g_clear_weak_pointer (&self->device_dialog);
      gtk_window_destroy (old);
    }

  self->device_dialog = pd_device_dialog_new (self->store, self->user, self->device);
  g_object_add_weak_pointer (G_OBJECT (self->device_dialog), (gpointer *) &self->device_dialog);
  g_signal_connect_object (self->device_dialog, "saved", G_CALLBACK (device_saved_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (self->device_dialog));
}

static void
set_lifecycle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PdLifecycle lifecycle;

  if (!pd_lifecycle_from_string (g_variant_get_string (parameter, NULL), &lifecycle))
    return;

  if (!pd_store_set_device_lifecycle (self->store, self->user, self->device_id, lifecycle, &error))
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  /* TRANSLATORS: %s is a lifecycle state, e.g. "In service" */
  message = g_strdup_printf (_("Lifecycle changed to %s"), pd_lifecycle_get_label (lifecycle));
  _pd_device_page_toast (self, message);
  reload_device (self);
}

static void
toggle_enabled_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  g_autoptr(PdDevice) device = pd_device_copy (self->device);
  g_autoptr(GError) error = NULL;

  device->enabled = !device->enabled;
  if (!pd_store_update_device (self->store, self->user, device, &error))
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  _pd_device_page_toast (self, device->enabled ? _("Device enabled") : _("Device disabled"));
  reload_device (self);
}

static void
remove_response_cb (PdDevicePage     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  if (!pd_store_remove_device (self->store, self->user, self->device_id, &error))
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  _pd_device_page_toast (self, _("Device removed"));
  g_signal_emit (self, signals[BACK], 0);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_tags = g_list_model_get_n_items (G_LIST_MODEL (self->tags));

  /* TRANSLATORS: %s is a device name */
  heading = g_strdup_printf (_("Remove %s?"), self->device->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The device and its %u tag are removed. Recorded history stays.",
                                       "The device and its %u tags are removed. Recorded history stays.",
                                       n_tags),
                          n_tags);
  dialog = _pd_device_page_new_message_dialog (self, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (dialog));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_device_page_constructed (GObject *object)
{
  PdDevicePage *self = (PdDevicePage *) object;
  gboolean configure;
  gboolean maintain;
  GtkWidget *widget = GTK_WIDGET (self);

  G_OBJECT_CLASS (pd_device_page_parent_class)->constructed (object);

  g_assert (PD_IS_STORE (self->store));
  g_assert (PD_IS_USER (self->user));

  self->device = pd_store_get_device (self->store, self->device_id, NULL);
  if (self->device == NULL)
    {
      /* Removed meanwhile: an empty page the list replaces at once. */
      self->device = pd_device_new ();
      self->device->id = self->device_id;
      self->device->name = g_strdup ("");
    }

  configure = _pd_device_page_can (self, PD_PERMISSION_DEVICES_CONFIGURE);
  maintain = _pd_device_page_can (self, PD_PERMISSION_DEVICES_MAINTAIN);

  gtk_widget_set_visible (self->edit_button, configure);
  gtk_widget_set_visible (GTK_WIDGET (self->enable_button), configure);
  gtk_widget_set_visible (self->remove_button, configure);
  gtk_widget_set_visible (GTK_WIDGET (self->lifecycle_button), maintain);
  gtk_widget_set_visible (self->add_tag_button, configure);
  gtk_widget_set_visible (self->edit_tag_button, configure);
  gtk_widget_set_visible (self->remove_tag_button, configure);
  gtk_widget_set_visible (self->tag_alarms_button, _pd_device_page_can (self, PD_PERMISSION_ALARMS_CONFIGURE));
  gtk_widget_set_visible (self->import_button, configure);
  gtk_widget_set_visible (self->write_button, _pd_device_page_can (self, PD_PERMISSION_TAGS_WRITE));

  gtk_widget_action_set_enabled (widget, "device.edit", configure);
  gtk_widget_action_set_enabled (widget, "device.toggle-enabled", configure);
  gtk_widget_action_set_enabled (widget, "device.remove", configure);
  gtk_widget_action_set_enabled (widget, "device.set-lifecycle", maintain);
  gtk_widget_action_set_enabled (widget, "device.add-tag", configure);
  gtk_widget_action_set_enabled (widget, "device.import-tags", configure);
  gtk_widget_action_set_enabled (widget, "device.write",
                                 _pd_device_page_can (self, PD_PERMISSION_TAGS_WRITE) && self->acquisition != NULL);

  if (self->acquisition != NULL)
    {
      self->trend_view = g_object_new (PD_TYPE_TREND_VIEW,
                                       "acquisition", self->acquisition,
                                       "user", self->user,
                                       "device-id", self->device_id,
                                       NULL);
      adw_bin_set_child (self->trend_bin, self->trend_view);
      adw_bin_set_child (self->diagnostics_bin,
                         g_object_new (PD_TYPE_DIAGNOSTICS_VIEW,
                                       "acquisition", self->acquisition,
                                       "user", self->user,
                                       "device-id", self->device_id,
                                       NULL));
      adw_bin_set_child (self->inspections_bin,
                         g_object_new (PD_TYPE_INSPECTIONS_VIEW,
                                       "acquisition", self->acquisition,
                                       "user", self->user,
                                       "device-id", self->device_id,
                                       NULL));

      g_signal_connect_object (self->acquisition, "values-changed",
                               G_CALLBACK (_pd_device_page_values_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->acquisition, "device-changed",
                               G_CALLBACK (device_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->store, "devices-changed",
                           G_CALLBACK (devices_changed_cb), self, G_CONNECT_SWAPPED);

  update_header (self);
  _pd_device_page_reload_tags (self);

  self->tick_id = g_timeout_add_seconds (1, _pd_device_page_tick_cb, self);
  g_source_set_name_by_id (self->tick_id, "[plantdesk] tag ages");
}

static void
pd_device_page_dispose (GObject *object)
{
  PdDevicePage *self = (PdDevicePage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->message_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->message_dialog);

      _pd_device_page_release_message_dialog (self);
      gtk_window_destroy (dialog);
    }
  if (self->device_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->device_dialog);

      g_clear_weak_pointer (&self->device_dialog);
      gtk_window_destroy (old);
    }
  if (self->tag_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->tag_dialog);

      g_clear_weak_pointer (&self->tag_dialog);
      gtk_window_destroy (old);
    }
  if (self->tag_alarms_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->tag_alarms_dialog);

      g_clear_weak_pointer (&self->tag_alarms_dialog);
      gtk_window_destroy (old);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  _pd_device_page_clear_write_widgets (self);
  self->trend_view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_DEVICE_PAGE);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->tags);
  g_clear_object (&self->acquisition);
  g_clear_object (&self->user);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_device_page_parent_class)->dispose (object);
}

static void
pd_device_page_finalize (GObject *object)
{
  PdDevicePage *self = (PdDevicePage *) object;

  g_clear_pointer (&self->device, pd_device_free);

  G_OBJECT_CLASS (pd_device_page_parent_class)->finalize (object);
}

static void
pd_device_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDevicePage *self = PD_DEVICE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    case PROP_ACQUISITION:
      g_value_set_object (value, self->acquisition);
      break;

    case PROP_DEVICE_ID:
      g_value_set_int64 (value, self->device_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_device_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdDevicePage *self = PD_DEVICE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_USER:
      self->user = g_value_dup_object (value);
      break;

    case PROP_ACQUISITION:
      self->acquisition = g_value_dup_object (value);
      break;

    case PROP_DEVICE_ID:
      self->device_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_device_page_class_init (PdDevicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_device_page_constructed;
  object_class->dispose = pd_device_page_dispose;
  object_class->finalize = pd_device_page_finalize;
  object_class->get_property = pd_device_page_get_property;
  object_class->set_property = pd_device_page_set_property;

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
  properties[PROP_DEVICE_ID] =
    g_param_spec_int64 ("device-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (PD_TYPE_TAG_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-device-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, lifecycle_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, enable_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, tags_stack);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, tag_view);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, write_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, add_tag_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, edit_tag_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, tag_alarms_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, remove_tag_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, import_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, trend_bin);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, diagnostics_bin);
  gtk_widget_class_bind_template_child (widget_class, PdDevicePage, inspections_bin);

  gtk_widget_class_install_action (widget_class, "device.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "device.test-connection", NULL, test_connection_action);
  gtk_widget_class_install_action (widget_class, "device.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "device.set-lifecycle", "s", set_lifecycle_action);
  gtk_widget_class_install_action (widget_class, "device.toggle-enabled", NULL, toggle_enabled_action);
  gtk_widget_class_install_action (widget_class, "device.remove", NULL, remove_action);
  _pd_device_page_class_tags_init (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "device.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "device.back", NULL);
}

static void
pd_device_page_init (PdDevicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  _pd_device_page_tags_init (self);
}

GtkWidget *
pd_device_page_new (PdStore       *store,
                    PdUser        *user,
                    PdAcquisition *acquisition,
                    gint64         device_id)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (acquisition == NULL || PD_IS_ACQUISITION (acquisition), NULL);

  return g_object_new (PD_TYPE_DEVICE_PAGE,
                       "store", store,
                       "user", user,
                       "acquisition", acquisition,
                       "device-id", device_id,
                       NULL);
}

gint64
pd_device_page_get_device_id (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), 0);

  return self->device_id;
}

/* --- For the GUI tests ---------------------------------------------------- */

const char *
_pd_device_page_get_state_text (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return gtk_label_get_text (self->state_label);
}

AdwMessageDialog *
_pd_device_page_get_message_dialog (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return self->message_dialog;
}

PdDeviceDialog *
_pd_device_page_get_device_dialog (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return self->device_dialog;
}

const char *
_pd_device_page_get_view_name (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}
