/* pd-device-page-tags.c — the device page's tags table: live values, writing a
 * value, adding, editing and removing tags, CSV import and export, trends
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-page"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-device-page-private.h"
#include "devices/pd-devices-format.h"
#include "devices/pd-tag-dialog.h"
#include "devices/pd-tag-item.h"
#include "pd-tag-csv.h"
#include "devices/pd-trend-view.h"

/* --- Tags ----------------------------------------------------------------- */

static void
apply_value (PdDevicePage *self,
             PdTagItem    *item,
             gint64        now)
{
  PdSample sample;

  if (self->acquisition == NULL ||
      !pd_acquisition_lookup_value (self->acquisition, pd_tag_item_get_id (item), &sample))
    return;

  /* Only changes are signalled; a good value that did not change was
   * read again in every good cycle since. */
  if (sample.quality == PD_QUALITY_GOOD && self->last_good > sample.ts)
    sample.ts = self->last_good;

  pd_tag_item_set_sample (item, &sample, now);
}

static GPtrArray *
dup_selected_items (PdDevicePage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    {
      do
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->tags), position));
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return items;
}

static PdTagItem *
get_single_selected (PdDevicePage *self)
{
  g_autoptr(GPtrArray) items = dup_selected_items (self);

  /* The list store keeps the item alive. */
  return items->len == 1 ? g_ptr_array_index (items, 0) : NULL;
}

static void
update_tag_actions (PdDevicePage *self)
{
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  PdTagItem *single = items->len == 1 ? g_ptr_array_index (items, 0) : NULL;
  gboolean configure = _pd_device_page_can (self, PD_PERMISSION_DEVICES_CONFIGURE);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "device.write-selected",
                                 single != NULL && pd_tag_item_get_tag (single)->writable &&
                                 _pd_device_page_can (self, PD_PERMISSION_TAGS_WRITE) && self->acquisition != NULL);
  gtk_widget_action_set_enabled (widget, "device.edit-tag", configure && single != NULL);
  gtk_widget_action_set_enabled (widget, "device.remove-tag", configure && single != NULL);
  gtk_widget_action_set_enabled (widget, "device.tag-alarms",
                                 single != NULL && _pd_device_page_can (self, PD_PERMISSION_ALARMS_CONFIGURE));
  gtk_widget_action_set_enabled (widget, "device.show-trend", items->len > 0 && self->trend_view != NULL);
}

void
_pd_device_page_reload_tags (PdDevicePage *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  tags = pd_store_list_tags (self->store, self->device_id, &error);
  if (tags == NULL)
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  g_hash_table_remove_all (self->items);
  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      PdTagItem *item = pd_tag_item_new (tag);

      apply_value (self, item, now);
      g_hash_table_insert (self->items, g_memdup2 (&tag->id, sizeof tag->id), item);
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->tags_stack, items->len > 0 ? "tags" : "empty");
  update_tag_actions (self);
}

/* Only the rows of the tags that changed are touched: each item notifies
 * the cells whose text changed, and the list itself never changes. */
void
_pd_device_page_values_changed_cb (PdDevicePage  *self,
                                   gpointer       tag_ids,
                                   guint          n_tags,
                                   PdAcquisition *acquisition)
{
  const gint64 *ids = tag_ids;
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n_tags; i++)
    {
      PdTagItem *item = g_hash_table_lookup (self->items, &ids[i]);

      if (item != NULL)
        apply_value (self, item, now);
    }
}

gboolean
_pd_device_page_tick_cb (gpointer user_data)
{
  PdDevicePage *self = user_data;
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer item;

  /* Values that did not change are not signalled, but they were read
   * again: their age follows the latest read. */
  _pd_device_page_update_state (self);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    {
      apply_value (self, item, now);
      pd_tag_item_tick (item, now);
    }

  return G_SOURCE_CONTINUE;
}

/* --- Writing a value ------------------------------------------------------ */

static char *
dup_qualified_name (PdDevicePage *self,
                    const PdTag  *tag)
{
  /* TRANSLATORS: a device and one of its tags, e.g. "Line/Temp" */
  return g_strdup_printf (_("%s/%s"), self->device->name, tag->name);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PdDevicePageJob) job = user_data;
  g_autoptr(PdDevicePage) self = g_weak_ref_get (&job->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pd_acquisition_write_value_finish (PD_ACQUISITION (object), result, &error))
    {
      if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* TRANSLATORS: %s is what went wrong */
      message = g_strdup_printf (_("Not written: %s"), error->message);
      _pd_device_page_toast (self, message);
      return;
    }

  if (self != NULL)
    {
      /* TRANSLATORS: e.g. "Wrote 42.0 °C to Line/Temp" */
      message = g_strdup_printf (_("Wrote %s"), job->text);
      _pd_device_page_toast (self, message);
    }
}

static void
confirm_response_cb (PdDevicePage     *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  PdDevicePageJob *job;

  if (g_strcmp0 (response, "write") != 0 || self->acquisition == NULL)
    return;

  /* The job goes on with the write; the dialog closes. */
  job = g_object_steal_data (G_OBJECT (dialog), "pd-job");
  if (job == NULL)
    return;

  pd_acquisition_write_value_async (self->acquisition, self->user,
                                    job->tag_id, job->value,
                                    self->cancellable,
                                    write_cb,
                                    job);
}

static void
confirm_write (PdDevicePage *self,
               const PdTag  *tag,
               double        value)
{
  g_autofree char *formatted = pd_format_tag_value (tag, value);
  g_autofree char *qualified = dup_qualified_name (self, tag);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  PdDevicePageJob *job;

  /* TRANSLATORS: e.g. "Write 42.0 °C to Line/Temp?" */
  body = g_strdup_printf (_("Write %s to %s?"), formatted, qualified);
  dialog = _pd_device_page_new_message_dialog (self, _("Write to the Device?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "write", _("_Write"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "write", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  job = _pd_device_page_job_new (self);
  job->tag_id = tag->id;
  job->value = value;
  /* TRANSLATORS: what was written where, e.g. "42.0 °C to Line/Temp" */
  job->text = g_strdup_printf (_("%s to %s"), formatted, qualified);
  g_object_set_data_full (G_OBJECT (dialog), "pd-job", job, (GDestroyNotify) _pd_device_page_job_free);

  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (dialog));
}

static gboolean
validate_write (PdDevicePage *self,
                const PdTag  *tag,
                double       *value)
{
  g_autoptr(GError) error = NULL;
  double parsed = 0;
  gboolean valid;

  valid = pd_parse_tag_value (tag, gtk_editable_get_text (self->write_entry), &parsed, &error);

  gtk_label_set_text (self->write_error, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->write_error), !valid);
  if (self->message_dialog != NULL)
    adw_message_dialog_set_response_enabled (self->message_dialog, "write", valid);

  if (value != NULL)
    *value = parsed;

  return valid;
}

static void
write_entry_changed_cb (PdDevicePage *self)
{
  PdTagItem *item;

  if (self->message_dialog == NULL ||
      (item = g_object_get_data (G_OBJECT (self->message_dialog), "pd-item")) == NULL)
    return;

  validate_write (self, pd_tag_item_get_tag (item), NULL);
}

static void
write_entry_activate_cb (PdDevicePage *self)
{
  if (self->message_dialog != NULL &&
      adw_message_dialog_get_response_enabled (self->message_dialog, "write"))
    adw_message_dialog_response (self->message_dialog, "write");
}

static void
write_response_cb (PdDevicePage     *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  g_autoptr(PdTagItem) item = g_object_ref (g_object_get_data (G_OBJECT (dialog), "pd-item"));
  g_autoptr(PdTag) tag = pd_tag_copy (pd_tag_item_get_tag (item));
  double value;

  if (g_strcmp0 (response, "write") != 0 || self->write_entry == NULL)
    return;

  if (!validate_write (self, tag, &value))
    return;

  _pd_device_page_clear_write_widgets (self);
  _pd_device_page_release_message_dialog (self);
  confirm_write (self, tag, value);
}

static void
write_tag (PdDevicePage *self,
           PdTagItem    *item)
{
  const PdTag *tag = pd_tag_item_get_tag (item);
  g_autofree char *qualified = dup_qualified_name (self, tag);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *current = NULL;
  AdwMessageDialog *dialog;
  PdSample sample;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *error;

  if (!tag->writable)
    {
      _pd_device_page_toast (self, _("This tag is read-only"));
      return;
    }

  if (pd_tag_item_get_sample (item, &sample) && sample.quality != PD_QUALITY_BAD)
    current = pd_format_tag_value_plain (tag, sample.value);

  /* TRANSLATORS: %s is a device and tag, e.g. "Line/Temp" */
  heading = g_strdup_printf (_("Write to %s"), qualified);
  /* TRANSLATORS: %s is the tag's value now, e.g. "41.5 °C" */
  body = g_strdup_printf (_("Current value: %s"), pd_tag_item_get_value (item));

  dialog = _pd_device_page_new_message_dialog (self, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "write", _("_Write…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "write", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "write");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pd-item", g_object_ref (item), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  if (tag->unit != NULL && tag->unit[0] != '\0' && tag->type != PD_TAG_TYPE_BOOL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), tag->unit);
  gtk_editable_set_text (GTK_EDITABLE (entry), current != NULL ? current : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Value"),
                                  -1);
  error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error);
  adw_message_dialog_set_extra_child (dialog, box);

  self->write_entry = GTK_EDITABLE (entry);
  self->write_error = GTK_LABEL (error);
  g_signal_connect_object (entry, "changed", G_CALLBACK (write_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (write_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (write_response_cb), self, G_CONNECT_SWAPPED);
  /* The dialog's widgets go with it. */
  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &self->write_entry);
  g_object_add_weak_pointer (G_OBJECT (error), (gpointer *) &self->write_error);

  validate_write (self, tag, NULL);
  _pd_device_page_present_dialog (self, GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
write_selected_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  PdTagItem *item = get_single_selected (self);

  if (item != NULL)
    write_tag (self, item);
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  gint64 tag_id = g_variant_get_int64 (parameter);
  PdTagItem *item = g_hash_table_lookup (self->items, &tag_id);

  if (item != NULL)
    write_tag (self, item);
}

/* --- Tag configuration ---------------------------------------------------- */

static void
tag_saved_cb (PdDevicePage *self)
{
  _pd_device_page_toast (self, _("Tag saved"));
}

static void
open_tag_dialog (PdDevicePage *self,
                 const PdTag  *tag)
{
  if (self->tag_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->tag_dialog);

      g_clear_weak_pointer (&self->tag_dialog);
      gtk_window_destroy (old);
    }

  self->tag_dialog = pd_tag_dialog_new (self->store, self->user, self->device, tag);
  g_object_add_weak_pointer (G_OBJECT (self->tag_dialog), (gpointer *) &self->tag_dialog);
  g_signal_connect_object (self->tag_dialog, "saved", G_CALLBACK (tag_saved_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (self->tag_dialog));
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_tag_dialog (PD_DEVICE_PAGE (widget), NULL);
}

static void
edit_tag_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  PdTagItem *item = get_single_selected (self);

  if (item != NULL)
    open_tag_dialog (self, pd_tag_item_get_tag (item));
}

static void
tag_alarms_saved_cb (PdDevicePage *self)
{
  _pd_device_page_toast (self, _("Alarms saved"));
}

static void
tag_alarms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  PdTagItem *item = get_single_selected (self);

  if (item == NULL || !_pd_device_page_can (self, PD_PERMISSION_ALARMS_CONFIGURE))
    return;

  if (self->tag_alarms_dialog != NULL)
    {
      GtkWindow *old = GTK_WINDOW (self->tag_alarms_dialog);

      g_clear_weak_pointer (&self->tag_alarms_dialog);
      gtk_window_destroy (old);
    }

  self->tag_alarms_dialog = pd_tag_alarms_dialog_new (self->store, self->user, self->device,
                                                      pd_tag_item_get_tag (item));
  g_object_add_weak_pointer (G_OBJECT (self->tag_alarms_dialog), (gpointer *) &self->tag_alarms_dialog);
  g_signal_connect_object (self->tag_alarms_dialog, "saved", G_CALLBACK (tag_alarms_saved_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (self->tag_alarms_dialog));
}

static void
remove_tag_response_cb (PdDevicePage     *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "pd-tag-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  if (!pd_store_remove_tag (self->store, self->user, tag_id, &error))
    _pd_device_page_toast (self, error->message);
  else
    _pd_device_page_toast (self, _("Tag removed"));
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  PdTagItem *item = get_single_selected (self);
  g_autofree char *qualified = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;

  qualified = dup_qualified_name (self, pd_tag_item_get_tag (item));
  /* TRANSLATORS: %s is a device and tag, e.g. "Line/Temp" */
  heading = g_strdup_printf (_("Remove %s?"), qualified);
  dialog = _pd_device_page_new_message_dialog (self, heading,
                                               _("The tag is no longer read. Its recorded history stays."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "pd-tag-id", GSIZE_TO_POINTER (pd_tag_item_get_id (item)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_tag_response_cb), self, G_CONNECT_SWAPPED);
  _pd_device_page_present_dialog (self, GTK_WINDOW (dialog));
}

static void
show_trend_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdDevicePage *self = PD_DEVICE_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->trend_view == NULL || items->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = pd_tag_item_get_id (g_ptr_array_index (items, i));

      g_array_append_val (ids, id);
    }

  pd_trend_view_set_tags (PD_TREND_VIEW (self->trend_view), (const gint64 *) ids->data, ids->len);
  adw_view_stack_set_visible_child_name (self->view_stack, "trend");
}

static void
tag_activated_cb (PdDevicePage *self,
                  guint         position)
{
  g_autoptr(PdTagItem) item = g_list_model_get_item (G_LIST_MODEL (self->tags), position);

  if (item == NULL)
    return;

  if (pd_tag_item_get_tag (item)->writable && _pd_device_page_can (self, PD_PERMISSION_TAGS_WRITE) && self->acquisition != NULL)
    write_tag (self, item);
  else if (_pd_device_page_can (self, PD_PERMISSION_DEVICES_CONFIGURE))
    open_tag_dialog (self, pd_tag_item_get_tag (item));
}

/* --- CSV ------------------------------------------------------------------ */

static void
show_import_errors (PdDevicePage *self,
                    const char   *message)
{
  AdwMessageDialog *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  dialog = _pd_device_page_new_message_dialog (self, _("Tags Not Imported"),
                                               _("The file has errors, so nothing was changed. Correct these lines and import it again:"));
  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  _pd_device_page_present_dialog (self, GTK_WINDOW (dialog));
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PdDevicePageJob) job = user_data;
  g_autoptr(PdDevicePage) self = g_weak_ref_get (&job->page);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  guint n_added = 0;
  guint n_updated = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pd_device_page_toast (self, error->message);
      return;
    }

  if (self == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "device.import-tags",
                                 _pd_device_page_can (self, PD_PERMISSION_DEVICES_CONFIGURE));

  tags = pd_tags_parse_csv_with_alarms (contents, length, &alarms, &error);
  if (tags == NULL)
    {
      show_import_errors (self, error->message);
      return;
    }

  if (!pd_store_import_tags_with_alarms (self->store, self->user, self->device_id, tags, alarms,
                                         &n_added, &n_updated, &error))
    {
      show_import_errors (self, error->message);
      return;
    }

  /* TRANSLATORS: the outcome of a tag import */
  message = g_strdup_printf (_("Tags imported: %u added, %u updated, %u unchanged"),
                             n_added, n_updated, tags->len - MIN (tags->len, n_added + n_updated));
  _pd_device_page_toast (self, message);
}

static void
import_file (PdDevicePage *self,
             GFile        *file)
{
  /* Reading a file may take a while on a network share: one at a time,
   * and the page stays usable meanwhile. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "device.import-tags", FALSE);
  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, _pd_device_page_job_new (self));
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdDevicePageJob) job = user_data;
  g_autoptr(PdDevicePage) self = g_weak_ref_get (&job->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pd_device_page_toast (self, error->message);
      return;
    }

  if (self != NULL)
    {
      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("Tags exported to %s"), job->text);
      _pd_device_page_toast (self, message);
    }
}

static void
export_file (PdDevicePage *self,
             GFile        *file)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;
  PdDevicePageJob *job;

  tags = pd_store_list_tags (self->store, self->device_id, &error);
  if (tags == NULL)
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  /* All of the station's definitions: a few rows a tag. */
  defs = pd_store_list_alarm_defs (self->store, 0, &error);
  if (defs == NULL)
    {
      _pd_device_page_toast (self, error->message);
      return;
    }

  csv = pd_tags_to_csv_with_alarms (tags, defs);
  bytes = g_bytes_new_take (csv, strlen (csv));

  job = _pd_device_page_job_new (self);
  job->text = g_file_get_basename (file);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_saved_cb, job);
}

static void
chooser_response_cb (PdDevicePage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_OPEN)
        import_file (self, file);
      else
        export_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
run_chooser (PdDevicePage         *self,
             GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_OPEN ? _("Import Tags") : _("Export Tags"),
                                               _pd_device_page_get_window (self),
                                               action,
                                               action == GTK_FILE_CHOOSER_ACTION_OPEN ? _("_Import") : _("_Export"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      /* TRANSLATORS: the file name offered for an export; %s is the device */
      g_autofree char *name = g_strdup_printf (_("%s-tags.csv"), self->device->name);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_tags_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_chooser (PD_DEVICE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_tags_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_chooser (PD_DEVICE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* --- Setup ---------------------------------------------------------------- */

void
_pd_device_page_class_tags_init (PdDevicePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, tag_activated_cb);

  gtk_widget_class_install_action (widget_class, "device.write", "x", write_action);
  gtk_widget_class_install_action (widget_class, "device.write-selected", NULL, write_selected_action);
  gtk_widget_class_install_action (widget_class, "device.show-trend", NULL, show_trend_action);
  gtk_widget_class_install_action (widget_class, "device.add-tag", NULL, add_tag_action);
  gtk_widget_class_install_action (widget_class, "device.edit-tag", NULL, edit_tag_action);
  gtk_widget_class_install_action (widget_class, "device.remove-tag", NULL, remove_tag_action);
  gtk_widget_class_install_action (widget_class, "device.tag-alarms", NULL, tag_alarms_action);
  gtk_widget_class_install_action (widget_class, "device.import-tags", NULL, import_tags_action);
  gtk_widget_class_install_action (widget_class, "device.export-tags", NULL, export_tags_action);
}

void
_pd_device_page_tags_init (PdDevicePage *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->tags = g_list_store_new (PD_TYPE_TAG_ITEM);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->tags)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (update_tag_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->tag_view, GTK_SELECTION_MODEL (self->selection));
}

/* --- For the GUI tests ---------------------------------------------------- */

GListModel *
_pd_device_page_get_tag_model (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return G_LIST_MODEL (self->tags);
}

PdTagItem *
_pd_device_page_find_tag_item (PdDevicePage *self,
                               const char   *name)
{
  guint n;

  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdTagItem) item = g_list_model_get_item (G_LIST_MODEL (self->tags), i);

      if (g_strcmp0 (pd_tag_item_get_tag (item)->name, name) == 0)
        return item;
    }

  return NULL;
}

GtkEditable *
_pd_device_page_get_write_entry (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return self->write_entry;
}

PdTagDialog *
_pd_device_page_get_tag_dialog (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return self->tag_dialog;
}

PdTagAlarmsDialog *
_pd_device_page_get_tag_alarms_dialog (PdDevicePage *self)
{
  g_return_val_if_fail (PD_IS_DEVICE_PAGE (self), NULL);

  return self->tag_alarms_dialog;
}

void
_pd_device_page_select_tags (PdDevicePage       *self,
                             const char * const *names)
{
  guint n;

  g_return_if_fail (PD_IS_DEVICE_PAGE (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdTagItem) item = g_list_model_get_item (G_LIST_MODEL (self->tags), i);

      if (g_strv_contains (names, pd_tag_item_get_tag (item)->name))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, FALSE);
    }
}

void
_pd_device_page_import_file (PdDevicePage *self,
                             GFile        *file)
{
  g_return_if_fail (PD_IS_DEVICE_PAGE (self));

  import_file (self, file);
}

void
_pd_device_page_export_file (PdDevicePage *self,
                             GFile        *file)
{
  g_return_if_fail (PD_IS_DEVICE_PAGE (self));

  export_file (self, file);
}
