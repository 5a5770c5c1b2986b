/* pd-devices-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-devices-page"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-item.h"
#include "devices/pd-device-page.h"
#include "devices/pd-devices-page.h"
#include "devices/pd-devices-page-private.h"
#include "pd-window.h"

struct _PdDevicesPage
{
  PdSectionPage       parent_instance;

  GListStore         *devices;
  GtkSingleSelection *selection;
  PdDeviceDialog     *add_dialog;
  PdDevicePage       *device_page;
  guint               reload_id;
  guint               tick_id;

  /* Template widgets */
  GtkStack           *stack;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *summary_label;
  GtkWidget          *add_button;
  AdwBin             *device_bin;
};

G_DEFINE_FINAL_TYPE (PdDevicesPage, pd_devices_page, PD_TYPE_SECTION_PAGE)

static void
toast (PdDevicesPage *self,
       const char    *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static PdDeviceItem *
find_item (PdDevicesPage *self,
           gint64         device_id,
           guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (pd_device_item_get_id (item) == device_id)
        {
          if (position != NULL)
            *position = i;
          return item;  /* the store keeps its own reference */
        }
    }

  return NULL;
}

static void
update_summary (PdDevicesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  guint counts[PD_DEVICE_STATE_OFFLINE + 1] = { 0, };
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      counts[pd_device_item_get_state (item)]++;
    }

  /* TRANSLATORS: a summary of the device list */
  text = g_strdup_printf (_("%u online · %u degraded · %u offline · %u unknown"),
                          counts[PD_DEVICE_STATE_ONLINE],
                          counts[PD_DEVICE_STATE_DEGRADED],
                          counts[PD_DEVICE_STATE_OFFLINE],
                          counts[PD_DEVICE_STATE_UNKNOWN]);
  gtk_label_set_text (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
update_status (PdDevicesPage *self,
               PdDeviceItem  *item,
               gint64         now)
{
  PdAcquisition *acquisition = pd_section_page_get_acquisition (PD_SECTION_PAGE (self));
  g_autoptr(PdDeviceStatus) status = NULL;

  if (acquisition != NULL)
    status = pd_acquisition_dup_status (acquisition, pd_device_item_get_id (item));

  pd_device_item_set_status (item, status, now);
}

/* The due time changes only with the plan, an inspection or the device
 * (interval, lifecycle): read here on those signals and cached on the
 * item, which the tick only re-formats. */
static void
update_inspections (PdDevicesPage *self,
                    gint64         now)
{
  PdStore *store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      pd_device_item_set_inspection_due (item,
                                         pd_store_get_inspection_due (store, pd_device_item_get_id (item)),
                                         now);
    }
}

/* Updates the rows in place: a device that stays keeps its item, so that
 * the list neither flickers nor loses its selection. */
static void
reload (PdDevicesPage *self)
{
  PdStore *store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  guint n;

  devices = pd_store_list_devices (store, &error);
  if (devices == NULL)
    {
      toast (self, error->message);
      return;
    }

  /* Drop the rows of devices that are gone. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i - 1);
      gboolean found = FALSE;

      for (guint j = 0; j < devices->len && !found; j++)
        found = ((PdDevice *) g_ptr_array_index (devices, j))->id == pd_device_item_get_id (item);

      if (!found)
        g_list_store_remove (self->devices, i - 1);
    }

  /* Update the others, insert new ones where the name order puts them. */
  for (guint j = 0; j < devices->len; j++)
    {
      const PdDevice *device = g_ptr_array_index (devices, j);
      guint position;
      PdDeviceItem *item = find_item (self, device->id, &position);

      if (item != NULL)
        {
          pd_device_item_set_device (item, device);
          if (position != j)
            {
              g_autoptr(PdDeviceItem) moved = g_object_ref (item);

              g_list_store_remove (self->devices, position);
              g_list_store_insert (self->devices, MIN (j, g_list_model_get_n_items (G_LIST_MODEL (self->devices))), moved);
            }
        }
      else
        {
          g_autoptr(PdDeviceItem) added = pd_device_item_new (device);

          update_status (self, added, now);
          g_list_store_insert (self->devices, MIN (j, g_list_model_get_n_items (G_LIST_MODEL (self->devices))), added);
        }
    }

  update_inspections (self, now);
  update_summary (self);

  /* The device shown was removed (here or at another station). */
  if (self->device_page != NULL &&
      find_item (self, pd_device_page_get_device_id (self->device_page), NULL) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "devices.show-list", NULL);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  PdDevicesPage *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
devices_changed_cb (PdDevicesPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
inspections_changed_cb (PdDevicesPage *self)
{
  update_inspections (self, g_get_real_time ());
}

static void
device_changed_cb (PdDevicesPage *self,
                   gint64         device_id,
                   PdAcquisition *acquisition)
{
  PdDeviceItem *item = find_item (self, device_id, NULL);

  if (item == NULL)
    return;

  update_status (self, item, g_get_real_time ());
  update_summary (self);
}

/* Last good read and error rate move without a state change, and the
 * inspection's due date with the day: refreshed once a second, and only
 * the cells whose text changed are redrawn. */
static gboolean
tick_cb (gpointer user_data)
{
  PdDevicesPage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      update_status (self, item, now);
      pd_device_item_age_inspection (item, now);
    }
  update_summary (self);

  return G_SOURCE_CONTINUE;
}

static void
show_list (PdDevicesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The focus leaves the page that goes away first. */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  adw_bin_set_child (self->device_bin, NULL);
  self->device_page = NULL;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_list (PD_DEVICES_PAGE (widget));
}

static void
open_device (PdDevicesPage *self,
             gint64         device_id)
{
  PdSectionPage *section = PD_SECTION_PAGE (self);
  GtkWidget *page;

  if (find_item (self, device_id, NULL) == NULL)
    return;

  page = pd_device_page_new (pd_section_page_get_store (section),
                             pd_section_page_get_user (section),
                             pd_section_page_get_acquisition (section),
                             device_id);
  g_signal_connect_object (page, "back", G_CALLBACK (show_list), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->device_bin, page);
  self->device_page = PD_DEVICE_PAGE (page);
  gtk_stack_set_visible_child_name (self->stack, "device");
  gtk_widget_grab_focus (page);
}

static void
row_activated_cb (PdDevicesPage *self,
                  guint          position)
{
  g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), position);

  if (item != NULL)
    open_device (self, pd_device_item_get_id (item));
}

static void
open_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdDevicesPage *self = PD_DEVICES_PAGE (widget);
  PdDeviceItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    open_device (self, pd_device_item_get_id (item));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_device (PD_DEVICES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
add_dialog_saved_cb (PdDevicesPage *self,
                     gint64         device_id)
{
  /* The store's signal has queued the reload; the new row is there now. */
  reload (self);
  toast (self, _("Device added"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PdDevicesPage *self = PD_DEVICES_PAGE (widget);
  PdSectionPage *section = PD_SECTION_PAGE (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->add_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->add_dialog));
      return;
    }

  self->add_dialog = pd_device_dialog_new (pd_section_page_get_store (section),
                                           pd_section_page_get_user (section),
                                           NULL);
  g_object_add_weak_pointer (G_OBJECT (self->add_dialog), (gpointer *) &self->add_dialog);
  g_signal_connect_object (self->add_dialog, "saved", G_CALLBACK (add_dialog_saved_cb), self, G_CONNECT_SWAPPED);

  if (PD_IS_WINDOW (root))
    pd_window_present_dialog (PD_WINDOW (root), GTK_WINDOW (self->add_dialog));
  else
    gtk_window_present (GTK_WINDOW (self->add_dialog));
}

static void
selection_changed_cb (PdDevicesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.open-selected",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
pd_devices_page_map (GtkWidget *widget)
{
  PdDevicesPage *self = PD_DEVICES_PAGE (widget);

  GTK_WIDGET_CLASS (pd_devices_page_parent_class)->map (widget);

  if (self->tick_id == 0)
    {
      self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
      g_source_set_name_by_id (self->tick_id, "[plantdesk] device list ages");
    }
  tick_cb (self);
}

static void
pd_devices_page_unmap (GtkWidget *widget)
{
  PdDevicesPage *self = PD_DEVICES_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (pd_devices_page_parent_class)->unmap (widget);
}

static void
pd_devices_page_constructed (GObject *object)
{
  PdDevicesPage *self = (PdDevicesPage *) object;
  PdSectionPage *section = PD_SECTION_PAGE (self);
  PdUser *user;
  PdAcquisition *acquisition;

  G_OBJECT_CLASS (pd_devices_page_parent_class)->constructed (object);

  user = pd_section_page_get_user (section);
  acquisition = pd_section_page_get_acquisition (section);

  /* Hidden rather than refused: the core refuses anyway. */
  gtk_widget_set_visible (self->add_button, pd_user_can (user, PD_PERMISSION_DEVICES_CONFIGURE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.add",
                                 pd_user_can (user, PD_PERMISSION_DEVICES_CONFIGURE));

  g_signal_connect_object (pd_section_page_get_store (section), "devices-changed",
                           G_CALLBACK (devices_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pd_section_page_get_store (section), "inspections-changed",
                           G_CALLBACK (inspections_changed_cb), self, G_CONNECT_SWAPPED);
  if (acquisition != NULL)
    g_signal_connect_object (acquisition, "device-changed",
                             G_CALLBACK (device_changed_cb), self, G_CONNECT_SWAPPED);

  reload (self);
  selection_changed_cb (self);
}

static void
pd_devices_page_dispose (GObject *object)
{
  PdDevicesPage *self = (PdDevicesPage *) object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->add_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->add_dialog));
  self->device_page = NULL;

  /* The bin's child is a named template child: take it out through the
   * bin, so that the bin does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_DEVICES_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->devices);

  G_OBJECT_CLASS (pd_devices_page_parent_class)->dispose (object);
}

static void
pd_devices_page_class_init (PdDevicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_devices_page_constructed;
  object_class->dispose = pd_devices_page_dispose;

  widget_class->map = pd_devices_page_map;
  widget_class->unmap = pd_devices_page_unmap;

  g_type_ensure (PD_TYPE_DEVICE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-devices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PdDevicesPage, device_bin);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "devices.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "devices.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "devices.open-selected", NULL, open_selected_action);
  gtk_widget_class_install_action (widget_class, "devices.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "devices.add", NULL);
}

static void
pd_devices_page_init (PdDevicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->devices = g_list_store_new (PD_TYPE_DEVICE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->devices)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/* --- For the GUI tests ---------------------------------------------------- */

GListModel *
_pd_devices_page_get_model (PdDevicesPage *self)
{
  g_return_val_if_fail (PD_IS_DEVICES_PAGE (self), NULL);

  return G_LIST_MODEL (self->devices);
}

PdDeviceItem *
_pd_devices_page_find_item (PdDevicesPage *self,
                            const char    *name)
{
  guint n;

  g_return_val_if_fail (PD_IS_DEVICES_PAGE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDeviceItem) item = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (g_strcmp0 (pd_device_item_get_device (item)->name, name) == 0)
        return item;
    }

  return NULL;
}

void
_pd_devices_page_open_device (PdDevicesPage *self,
                              gint64         device_id)
{
  g_return_if_fail (PD_IS_DEVICES_PAGE (self));

  open_device (self, device_id);
}

PdDevicePage *
_pd_devices_page_get_device_page (PdDevicesPage *self)
{
  g_return_val_if_fail (PD_IS_DEVICES_PAGE (self), NULL);

  return self->device_page;
}

PdDeviceDialog *
_pd_devices_page_get_add_dialog (PdDevicesPage *self)
{
  g_return_val_if_fail (PD_IS_DEVICES_PAGE (self), NULL);

  return self->add_dialog;
}
