/* pd-tag-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tag-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-devices-format.h"
#include "devices/pd-form-rows.h"
#include "devices/pd-tag-alarm-rows.h"
#include "devices/pd-tag-dialog.h"
#include "devices/pd-tag-dialog-private.h"

struct _PdTagDialog
{
  AdwWindow            parent_instance;

  PdStore             *store;
  PdUser              *user;
  PdDevice            *device;
  PdTag               *tag;           /* what is edited; id 0 for a new one */
  GCancellable        *cancellable;
  PdTagAlarmRows      *alarm_rows;
  gboolean             valid;
  gboolean             testing;

  GtkEditable         *name_entry;
  GtkEditable         *description_entry;
  AdwComboRow         *area_row;
  GtkSpinButton       *address_spin;
  AdwComboRow         *type_row;
  AdwComboRow         *byte_order_row;
  AdwComboRow         *word_order_row;
  GtkSpinButton       *scale_spin;
  GtkSpinButton       *offset_spin;
  GtkEditable         *unit_entry;
  GtkSpinButton       *deadband_spin;
  GtkSpinButton       *poll_spin;
  GtkSwitch           *writable_switch;
  GtkSwitch           *history_switch;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkLabel            *message_label;
  AdwPreferencesGroup *general_group;
  AdwPreferencesGroup *address_group;
  AdwPreferencesGroup *value_group;
  AdwPreferencesGroup *acquire_group;
  AdwPreferencesGroup *alarms_group;
  GtkWidget           *test_button;
  GtkSpinner          *test_spinner;
  GtkLabel            *test_label;
};

G_DEFINE_FINAL_TYPE (PdTagDialog, pd_tag_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (PdTagDialog *self,
              const char  *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  /* Its group would leave an empty gap. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label), ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static PdTag *
dup_tag (PdTagDialog *self)
{
  PdTag *tag = pd_tag_copy (self->tag);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (self->description_entry)));
  g_autofree char *unit = g_strstrip (g_strdup (gtk_editable_get_text (self->unit_entry)));

  g_free (tag->name);
  tag->name = g_steal_pointer (&name);
  g_free (tag->description);
  tag->description = description[0] != '\0' ? g_steal_pointer (&description) : NULL;
  tag->device_id = self->device->id;
  tag->area = MIN (adw_combo_row_get_selected (self->area_row), PD_N_AREAS - 1);
  tag->address = (guint) MAX (0, gtk_spin_button_get_value_as_int (self->address_spin));
  tag->type = MIN (adw_combo_row_get_selected (self->type_row), PD_N_TAG_TYPES - 1);
  tag->byte_order = adw_combo_row_get_selected (self->byte_order_row) == 1 ? PD_ORDER_LITTLE : PD_ORDER_BIG;
  tag->word_order = adw_combo_row_get_selected (self->word_order_row) == 1 ? PD_ORDER_LITTLE : PD_ORDER_BIG;
  tag->scale = gtk_spin_button_get_value (self->scale_spin);
  tag->offset = gtk_spin_button_get_value (self->offset_spin);
  g_free (tag->unit);
  tag->unit = unit[0] != '\0' ? g_steal_pointer (&unit) : NULL;
  tag->deadband = gtk_spin_button_get_value (self->deadband_spin);
  tag->poll_ms = (guint) MAX (0, gtk_spin_button_get_value_as_int (self->poll_spin));
  tag->writable = gtk_switch_get_active (self->writable_switch);
  tag->history = gtk_switch_get_active (self->history_switch);

  /* Orders that do not apply keep their defaults, as the core expects. */
  if (pd_tag_type_get_width (tag->type) < 2)
    tag->word_order = PD_ORDER_BIG;
  if (pd_area_is_bits (tag->area))
    tag->byte_order = PD_ORDER_BIG;

  return tag;
}

static void
validate (PdTagDialog *self)
{
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(GError) error = NULL;
  gboolean alarms_valid;

  if (self->tag == NULL)
    return;

  tag = dup_tag (self);

  gtk_widget_set_visible (GTK_WIDGET (self->word_order_row), pd_tag_type_get_width (tag->type) > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->byte_order_row), !pd_area_is_bits (tag->area));
  /* Left sensitive while on, so that a refused combination can be undone. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->writable_switch),
                            pd_area_is_writable (tag->area) || tag->writable);

  self->valid = pd_tag_validate (tag, &error);
  show_message (self, self->valid ? NULL : error->message);
  gtk_widget_set_sensitive (self->test_button, self->valid && !self->testing);

  /* The alarms follow the type: limits for numbers, a digital alarm for
   * a bit; their reasons show on their own rows. */
  pd_tag_alarm_rows_set_digital (self->alarm_rows, tag->type == PD_TAG_TYPE_BOOL);
  alarms_valid = pd_tag_alarm_rows_check (self->alarm_rows, tag, NULL);
  gtk_widget_set_sensitive (self->save_button, self->valid && alarms_valid);
}

static void
changed_cb (PdTagDialog *self)
{
  validate (self);
}

static void
save_clicked_cb (PdTagDialog *self)
{
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(PdTag) added = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  validate (self);
  if (!gtk_widget_get_sensitive (self->save_button))
    return;

  tag = dup_tag (self);
  if (tag->id == 0)
    {
      added = pd_store_add_tag (self->store, self->user, tag, &error);
      id = added != NULL ? added->id : 0;
    }
  else
    {
      id = pd_store_update_tag (self->store, self->user, tag, &error) ? tag->id : 0;
    }

  if (id == 0)
    {
      show_message (self, error->message);
      return;
    }

  /* The alarms are a second write: a refusal there leaves the tag saved
   * and the dialog open on it, so that Save tries the alarms again. */
  self->tag->id = tag->id = id;
  if (pd_user_can (self->user, PD_PERMISSION_ALARMS_CONFIGURE) &&
      !pd_tag_alarm_rows_save (self->alarm_rows, self->store, self->user, tag, &error))
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is why the alarms were refused */
      message = g_strdup_printf (_("The tag is saved, but not its alarms: %s"), error->message);
      show_message (self, message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
read_once_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdTagDialog) self = user_data;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  samples = pd_engine_read_once_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (samples == NULL)
    {
      /* TRANSLATORS: %s is what went wrong */
      message = g_strdup_printf (_("No answer: %s"), error->message);
    }
  else if (samples->len == 1 && g_array_index (samples, PdSample, 0).quality == PD_QUALITY_GOOD)
    {
      g_autoptr(PdTag) tag = dup_tag (self);
      g_autofree char *value = pd_format_tag_value (tag, g_array_index (samples, PdSample, 0).value);

      /* TRANSLATORS: the value a test read returned, e.g. "Value: 42.0 °C" */
      message = g_strdup_printf (_("Value: %s"), value);
    }
  else
    {
      message = g_strdup (_("The device answered, but not for this address. Check the area, address and type."));
    }

  self->testing = FALSE;
  gtk_spinner_stop (self->test_spinner);
  gtk_label_set_text (self->test_label, message);
  validate (self);
}

static void
test_clicked_cb (PdTagDialog *self)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);

  validate (self);
  if (!self->valid || self->testing)
    return;

  g_ptr_array_add (tags, dup_tag (self));

  self->testing = TRUE;
  gtk_spinner_start (self->test_spinner);
  gtk_label_set_text (self->test_label, _("Reading…"));
  gtk_widget_set_visible (GTK_WIDGET (self->test_label), TRUE);
  validate (self);

  pd_engine_read_once_async (self->device, tags, self->cancellable, read_once_cb, g_object_ref (self));
}

static void
build_form (PdTagDialog *self)
{
  static const char *order_names[] = { N_("Big Endian"), N_("Little Endian"), NULL };
  static const char *word_names[] = { N_("High Word First"), N_("Low Word First"), NULL };
  const char *areas[PD_N_AREAS + 1];
  const char *types[PD_N_TAG_TYPES + 1];
  const char *orders[3];
  const char *words[3];
  GCallback cb = G_CALLBACK (changed_cb);

  for (guint i = 0; i < PD_N_AREAS; i++)
    areas[i] = pd_area_get_label (i);
  areas[PD_N_AREAS] = NULL;
  for (guint i = 0; i < PD_N_TAG_TYPES; i++)
    types[i] = pd_tag_type_get_label (i);
  types[PD_N_TAG_TYPES] = NULL;
  for (guint i = 0; i < 2; i++)
    {
      orders[i] = _(order_names[i]);
      words[i] = _(word_names[i]);
    }
  orders[2] = words[2] = NULL;

  self->name_entry = pd_form_add_entry_row (self->general_group, _("Name"), cb, self);
  self->description_entry = pd_form_add_entry_row (self->general_group, _("Description"), cb, self);

  self->area_row = pd_form_add_combo_row (self->address_group, _("Area"), areas, cb, self);
  self->address_spin = pd_form_add_spin_row (self->address_group, _("Address"), _("0-based, as in the protocol"), 0, 999999, 1, 0, cb, self);
  self->type_row = pd_form_add_combo_row (self->address_group, _("Type"), types, cb, self);
  self->byte_order_row = pd_form_add_combo_row (self->address_group, _("Byte Order"), orders, cb, self);
  self->word_order_row = pd_form_add_combo_row (self->address_group, _("Word Order"), words, cb, self);

  self->scale_spin = pd_form_add_spin_row (self->value_group, _("Scale"), NULL, -1e9, 1e9, 0.1, 6, cb, self);
  self->offset_spin = pd_form_add_spin_row (self->value_group, _("Offset"), NULL, -1e9, 1e9, 1, 6, cb, self);
  self->unit_entry = pd_form_add_entry_row (self->value_group, _("Unit"), cb, self);
  self->deadband_spin = pd_form_add_spin_row (self->value_group, _("Deadband"), _("Smaller changes are not recorded"), -1e9, 1e9, 0.1, 3, cb, self);

  self->poll_spin = pd_form_add_spin_row (self->acquire_group, _("Poll Interval"), _("Milliseconds; 0: the device's"), 0, 99999999, 100, 0, cb, self);
  self->writable_switch = pd_form_add_switch_row (self->acquire_group, _("Writable"), _("Values may be written from this station"), cb, self);
  self->history_switch = pd_form_add_switch_row (self->acquire_group, _("Record History"), NULL, cb, self);
}

static void
fill_form (PdTagDialog *self)
{
  const PdTag *tag = self->tag;

  gtk_editable_set_text (self->name_entry, tag->name != NULL ? tag->name : "");
  gtk_editable_set_text (self->description_entry, tag->description != NULL ? tag->description : "");
  adw_combo_row_set_selected (self->area_row, tag->area);
  gtk_spin_button_set_value (self->address_spin, tag->address);
  adw_combo_row_set_selected (self->type_row, tag->type);
  adw_combo_row_set_selected (self->byte_order_row, tag->byte_order == PD_ORDER_LITTLE ? 1 : 0);
  adw_combo_row_set_selected (self->word_order_row, tag->word_order == PD_ORDER_LITTLE ? 1 : 0);
  gtk_spin_button_set_value (self->scale_spin, tag->scale);
  gtk_spin_button_set_value (self->offset_spin, tag->offset);
  gtk_editable_set_text (self->unit_entry, tag->unit != NULL ? tag->unit : "");
  gtk_spin_button_set_value (self->deadband_spin, tag->deadband);
  gtk_spin_button_set_value (self->poll_spin, tag->poll_ms);
  gtk_switch_set_active (self->writable_switch, tag->writable);
  gtk_switch_set_active (self->history_switch, tag->history);
}

static void
pd_tag_dialog_dispose (GObject *object)
{
  PdTagDialog *self = (PdTagDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->alarm_rows != NULL)
    g_signal_handlers_disconnect_by_data (self->alarm_rows, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TAG_DIALOG);
  /* After the rows' widgets, whose handlers it holds. */
  g_clear_object (&self->alarm_rows);

  g_clear_object (&self->user);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_tag_dialog_parent_class)->dispose (object);
}

static void
pd_tag_dialog_finalize (GObject *object)
{
  PdTagDialog *self = (PdTagDialog *) object;

  g_clear_pointer (&self->tag, pd_tag_free);
  g_clear_pointer (&self->device, pd_device_free);

  G_OBJECT_CLASS (pd_tag_dialog_parent_class)->finalize (object);
}

static void
pd_tag_dialog_class_init (PdTagDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_tag_dialog_dispose;
  object_class->finalize = pd_tag_dialog_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-tag-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, general_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, address_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, value_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, acquire_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, alarms_group);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PdTagDialog, test_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_tag_dialog_init (PdTagDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_form (self);
  self->alarm_rows = pd_tag_alarm_rows_new (self->alarms_group);
  g_signal_connect_object (self->alarm_rows, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}

PdTagDialog *
pd_tag_dialog_new (PdStore        *store,
                   PdUser         *user,
                   const PdDevice *device,
                   const PdTag    *tag)
{
  PdTagDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (device != NULL, NULL);

  self = g_object_new (PD_TYPE_TAG_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->device = pd_device_copy (device);
  self->tag = tag != NULL ? pd_tag_copy (tag) : pd_tag_new ();
  self->tag->device_id = device->id;

  adw_window_title_set_title (self->window_title, tag != NULL ? _("Edit Tag") : _("Add Tag"));
  gtk_window_set_title (GTK_WINDOW (self), tag != NULL ? _("Edit Tag") : _("Add Tag"));
  adw_window_title_set_subtitle (self->window_title, device->name);

  fill_form (self);

  /* Those who configure tags but not alarms see them, read-only. */
  pd_tag_alarm_rows_set_digital (self->alarm_rows, self->tag->type == PD_TAG_TYPE_BOOL);
  pd_tag_alarm_rows_set_editable (self->alarm_rows, pd_user_can (user, PD_PERMISSION_ALARMS_CONFIGURE));
  if (!pd_tag_alarm_rows_load_from_store (self->alarm_rows, store, self->tag->id, &error))
    show_message (self, error->message);

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));

  return self;
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_tag_dialog_get_name_entry (PdTagDialog *self)
{
  return self->name_entry;
}

GtkSpinButton *
_pd_tag_dialog_get_address_spin (PdTagDialog *self)
{
  return self->address_spin;
}

void
_pd_tag_dialog_set_area (PdTagDialog *self,
                         PdArea       area)
{
  adw_combo_row_set_selected (self->area_row, area);
}

void
_pd_tag_dialog_set_type (PdTagDialog *self,
                         PdTagType    type)
{
  adw_combo_row_set_selected (self->type_row, type);
}

gboolean
_pd_tag_dialog_shows_word_order (PdTagDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->word_order_row));
}

const char *
_pd_tag_dialog_get_message (PdTagDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

gboolean
_pd_tag_dialog_can_save (PdTagDialog *self)
{
  return gtk_widget_get_sensitive (self->save_button);
}

void
_pd_tag_dialog_save (PdTagDialog *self)
{
  save_clicked_cb (self);
}

void
_pd_tag_dialog_test_read (PdTagDialog *self)
{
  test_clicked_cb (self);
}

const char *
_pd_tag_dialog_get_test_result (PdTagDialog *self)
{
  if (self->testing || !gtk_widget_get_visible (GTK_WIDGET (self->test_label)))
    return NULL;

  return gtk_label_get_text (self->test_label);
}

PdTagAlarmRows *
_pd_tag_dialog_get_alarm_rows (PdTagDialog *self)
{
  return self->alarm_rows;
}
