/* pd-device-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-device-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-dialog-private.h"
#include "devices/pd-form-rows.h"

struct _PdDeviceDialog
{
  AdwWindow            parent_instance;

  PdStore             *store;
  PdUser              *user;
  PdDevice            *device;        /* what is edited; id 0 for a new one */
  GCancellable        *cancellable;
  gboolean             valid;
  gboolean             testing;

  GtkEditable         *name_entry;
  GtkEditable         *description_entry;
  AdwComboRow         *transport_row;
  GtkEditable         *host_entry;
  GtkSpinButton       *port_spin;
  GtkEditable         *serial_entry;
  GtkSpinButton       *baud_spin;
  AdwComboRow         *parity_row;
  GtkSpinButton       *data_bits_spin;
  GtkSpinButton       *stop_bits_spin;
  GtkSpinButton       *unit_spin;
  GtkSpinButton       *timeout_spin;
  GtkSpinButton       *poll_spin;
  GtkSwitch           *enabled_switch;
  GtkSwitch           *coalesce_switch;
  GtkSpinButton       *max_gap_spin;
  GtkSpinButton       *max_registers_spin;
  GtkSpinButton       *max_bits_spin;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkLabel            *message_label;
  AdwPreferencesGroup *general_group;
  AdwPreferencesGroup *tcp_group;
  AdwPreferencesGroup *rtu_group;
  AdwPreferencesGroup *polling_group;
  AdwPreferencesGroup *blocks_group;
  GtkWidget           *test_button;
  GtkSpinner          *test_spinner;
  GtkLabel            *test_label;
};

G_DEFINE_FINAL_TYPE (PdDeviceDialog, pd_device_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char parities[] = { 'N', 'E', 'O' };

static void
show_message (PdDeviceDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  /* Its group would leave an empty gap. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->message_label), ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static guint
spin_uint (GtkSpinButton *spin)
{
  return (guint) MAX (0, gtk_spin_button_get_value_as_int (spin));
}

/* The device as the form describes it now. */
static PdDevice *
dup_device (PdDeviceDialog *self)
{
  PdDevice *device = pd_device_copy (self->device);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (self->description_entry)));
  g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (self->host_entry)));
  g_autofree char *serial = g_strstrip (g_strdup (gtk_editable_get_text (self->serial_entry)));
  guint parity = adw_combo_row_get_selected (self->parity_row);

  g_free (device->name);
  device->name = g_steal_pointer (&name);
  g_free (device->description);
  device->description = description[0] != '\0' ? g_steal_pointer (&description) : NULL;
  device->transport = adw_combo_row_get_selected (self->transport_row) == 1 ? PD_TRANSPORT_RTU : PD_TRANSPORT_TCP;

  g_free (device->host);
  device->host = g_steal_pointer (&host);
  device->port = spin_uint (self->port_spin);

  g_free (device->serial_path);
  device->serial_path = g_steal_pointer (&serial);
  device->baud = spin_uint (self->baud_spin);
  device->parity = parities[MIN (parity, G_N_ELEMENTS (parities) - 1)];
  device->data_bits = spin_uint (self->data_bits_spin);
  device->stop_bits = spin_uint (self->stop_bits_spin);

  device->unit_id = spin_uint (self->unit_spin);
  device->timeout_ms = spin_uint (self->timeout_spin);
  device->poll_ms = spin_uint (self->poll_spin);
  device->enabled = gtk_switch_get_active (self->enabled_switch);
  device->coalesce = gtk_switch_get_active (self->coalesce_switch);
  device->max_gap = spin_uint (self->max_gap_spin);
  device->max_block_registers = spin_uint (self->max_registers_spin);
  device->max_block_bits = spin_uint (self->max_bits_spin);

  return device;
}

static void
validate (PdDeviceDialog *self)
{
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  gboolean rtu;

  /* Rows notify while the form is being built. */
  if (self->device == NULL)
    return;

  device = dup_device (self);
  rtu = device->transport == PD_TRANSPORT_RTU;

  gtk_widget_set_visible (GTK_WIDGET (self->tcp_group), !rtu);
  gtk_widget_set_visible (GTK_WIDGET (self->rtu_group), rtu);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_gap_spin), device->coalesce);

  self->valid = pd_device_validate (device, &error);
  show_message (self, self->valid ? NULL : error->message);
  gtk_widget_set_sensitive (self->save_button, self->valid);
  gtk_widget_set_sensitive (self->test_button, self->valid && !self->testing);
}

static void
changed_cb (PdDeviceDialog *self)
{
  validate (self);
}

static void
save_clicked_cb (PdDeviceDialog *self)
{
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdDevice) added = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  validate (self);
  if (!self->valid)
    return;

  device = dup_device (self);

  if (device->id == 0)
    {
      added = pd_store_add_device (self->store, self->user, device, &error);
      id = added != NULL ? added->id : 0;
    }
  else
    {
      id = pd_store_update_device (self->store, self->user, device, &error) ? device->id : 0;
    }

  /* A name in use, a missing permission: said here, and the form stays. */
  if (id == 0)
    {
      show_message (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
finish_test (PdDeviceDialog *self,
             const char     *message)
{
  self->testing = FALSE;
  gtk_spinner_stop (self->test_spinner);
  gtk_label_set_text (self->test_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->test_label), TRUE);
  validate (self);
}

static void
read_once_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdDeviceDialog) self = user_data;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint good = 0;

  samples = pd_engine_read_once_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (samples == NULL)
    {
      /* TRANSLATORS: %s is what went wrong */
      message = g_strdup_printf (_("No answer: %s"), error->message);
      finish_test (self, message);
      return;
    }

  for (guint i = 0; i < samples->len; i++)
    if (g_array_index (samples, PdSample, i).quality == PD_QUALITY_GOOD)
      good++;

  /* TRANSLATORS: the outcome of a test read, e.g. "12 of 12 tags answered" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u tag answered",
                                          "%u of %u tags answered",
                                          samples->len),
                             good, samples->len);
  finish_test (self, message);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdDeviceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 round_trip = 0;

  if (!pd_engine_test_connection_finish (result, &round_trip, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* TRANSLATORS: %s is what went wrong */
      message = g_strdup_printf (_("No answer: %s"), error->message);
    }
  else
    {
      /* TRANSLATORS: a device without tags answered a test request */
      message = g_strdup_printf (_("The device answered in %.1f ms. It has no tags to read yet."),
                                 round_trip / 1000.0);
    }

  finish_test (self, message);
}

/* Reads the device's stored tags with the unsaved settings; a device with
 * no tags yet is asked for one register. */
static void
test_clicked_cb (PdDeviceDialog *self)
{
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = NULL;

  validate (self);
  if (!self->valid || self->testing)
    return;

  device = dup_device (self);
  if (device->id != 0)
    tags = pd_store_list_tags (self->store, device->id, NULL);

  self->testing = TRUE;
  gtk_spinner_start (self->test_spinner);
  gtk_label_set_text (self->test_label, _("Reading…"));
  gtk_widget_set_visible (GTK_WIDGET (self->test_label), TRUE);
  validate (self);

  if (tags != NULL && tags->len > 0)
    pd_engine_read_once_async (device, tags, self->cancellable, read_once_cb, g_object_ref (self));
  else
    pd_engine_test_connection_async (device, self->cancellable, test_connection_cb, g_object_ref (self));
}

static void
build_form (PdDeviceDialog *self)
{
  static const char *transports[] = { N_("Modbus TCP"), N_("Modbus RTU (serial)"), NULL };
  static const char *parity_names[] = { N_("None"), N_("Even"), N_("Odd"), NULL };
  const char *transport_items[3];
  const char *parity_items[4];
  GCallback cb = G_CALLBACK (changed_cb);

  for (guint i = 0; transports[i] != NULL; i++)
    transport_items[i] = _(transports[i]);
  transport_items[2] = NULL;
  for (guint i = 0; parity_names[i] != NULL; i++)
    parity_items[i] = _(parity_names[i]);
  parity_items[3] = NULL;

  self->name_entry = pd_form_add_entry_row (self->general_group, _("Name"), cb, self);
  self->description_entry = pd_form_add_entry_row (self->general_group, _("Description"), cb, self);
  self->transport_row = pd_form_add_combo_row (self->general_group, _("Connection"), transport_items, cb, self);

  self->host_entry = pd_form_add_entry_row (self->tcp_group, _("Host"), cb, self);
  self->port_spin = pd_form_add_spin_row (self->tcp_group, _("Port"), NULL, 0, 999999, 1, 0, cb, self);

  self->serial_entry = pd_form_add_entry_row (self->rtu_group, _("Serial Device"), cb, self);
  self->baud_spin = pd_form_add_spin_row (self->rtu_group, _("Baud Rate"), NULL, 0, 9999999, 100, 0, cb, self);
  self->parity_row = pd_form_add_combo_row (self->rtu_group, _("Parity"), parity_items, cb, self);
  self->data_bits_spin = pd_form_add_spin_row (self->rtu_group, _("Data Bits"), NULL, 0, 99, 1, 0, cb, self);
  self->stop_bits_spin = pd_form_add_spin_row (self->rtu_group, _("Stop Bits"), NULL, 0, 99, 1, 0, cb, self);

  self->unit_spin = pd_form_add_spin_row (self->polling_group, _("Unit ID"), NULL, 0, 999, 1, 0, cb, self);
  self->timeout_spin = pd_form_add_spin_row (self->polling_group, _("Timeout"), _("Milliseconds"), 0, 9999999, 100, 0, cb, self);
  self->poll_spin = pd_form_add_spin_row (self->polling_group, _("Poll Interval"), _("Milliseconds"), 0, 99999999, 100, 0, cb, self);
  self->enabled_switch = pd_form_add_switch_row (self->polling_group, _("Enabled"), _("Poll the device while it is in service"), cb, self);

  self->coalesce_switch = pd_form_add_switch_row (self->blocks_group, _("Combine Neighbouring Registers"), NULL, cb, self);
  self->max_gap_spin = pd_form_add_spin_row (self->blocks_group, _("Largest Gap"), _("Registers read and thrown away to save a request"), 0, 99999, 1, 0, cb, self);
  self->max_registers_spin = pd_form_add_spin_row (self->blocks_group, _("Largest Block of Registers"), NULL, 0, 99999, 1, 0, cb, self);
  self->max_bits_spin = pd_form_add_spin_row (self->blocks_group, _("Largest Block of Bits"), NULL, 0, 999999, 8, 0, cb, self);
}

static void
fill_form (PdDeviceDialog *self)
{
  const PdDevice *device = self->device;
  guint parity = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parities); i++)
    if (parities[i] == device->parity)
      parity = i;

  gtk_editable_set_text (self->name_entry, device->name != NULL ? device->name : "");
  gtk_editable_set_text (self->description_entry, device->description != NULL ? device->description : "");
  adw_combo_row_set_selected (self->transport_row, device->transport == PD_TRANSPORT_RTU ? 1 : 0);
  gtk_editable_set_text (self->host_entry, device->host != NULL ? device->host : "");
  gtk_spin_button_set_value (self->port_spin, device->port);
  gtk_editable_set_text (self->serial_entry, device->serial_path != NULL ? device->serial_path : "");
  gtk_spin_button_set_value (self->baud_spin, device->baud);
  adw_combo_row_set_selected (self->parity_row, parity);
  gtk_spin_button_set_value (self->data_bits_spin, device->data_bits);
  gtk_spin_button_set_value (self->stop_bits_spin, device->stop_bits);
  gtk_spin_button_set_value (self->unit_spin, device->unit_id);
  gtk_spin_button_set_value (self->timeout_spin, device->timeout_ms);
  gtk_spin_button_set_value (self->poll_spin, device->poll_ms);
  gtk_switch_set_active (self->enabled_switch, device->enabled);
  gtk_switch_set_active (self->coalesce_switch, device->coalesce);
  gtk_spin_button_set_value (self->max_gap_spin, device->max_gap);
  gtk_spin_button_set_value (self->max_registers_spin, device->max_block_registers);
  gtk_spin_button_set_value (self->max_bits_spin, device->max_block_bits);
}

static void
pd_device_dialog_dispose (GObject *object)
{
  PdDeviceDialog *self = (PdDeviceDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_DEVICE_DIALOG);

  g_clear_object (&self->user);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_device_dialog_parent_class)->dispose (object);
}

static void
pd_device_dialog_finalize (GObject *object)
{
  PdDeviceDialog *self = (PdDeviceDialog *) object;

  g_clear_pointer (&self->device, pd_device_free);

  G_OBJECT_CLASS (pd_device_dialog_parent_class)->finalize (object);
}

static void
pd_device_dialog_class_init (PdDeviceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_device_dialog_dispose;
  object_class->finalize = pd_device_dialog_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-device-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, general_group);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, tcp_group);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, rtu_group);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, polling_group);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, blocks_group);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PdDeviceDialog, test_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_device_dialog_init (PdDeviceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_form (self);
}

PdDeviceDialog *
pd_device_dialog_new (PdStore        *store,
                      PdUser         *user,
                      const PdDevice *device)
{
  PdDeviceDialog *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_DEVICE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->device = device != NULL ? pd_device_copy (device) : pd_device_new ();

  if (self->device->name == NULL)
    self->device->name = g_strdup ("");

  adw_window_title_set_title (self->window_title, device != NULL ? _("Edit Device") : _("Add Device"));
  gtk_window_set_title (GTK_WINDOW (self), device != NULL ? _("Edit Device") : _("Add Device"));
  if (device != NULL)
    adw_window_title_set_subtitle (self->window_title, device->name);

  fill_form (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));

  return self;
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkEditable *
_pd_device_dialog_get_name_entry (PdDeviceDialog *self)
{
  return self->name_entry;
}

GtkEditable *
_pd_device_dialog_get_host_entry (PdDeviceDialog *self)
{
  return self->host_entry;
}

GtkSpinButton *
_pd_device_dialog_get_port_spin (PdDeviceDialog *self)
{
  return self->port_spin;
}

void
_pd_device_dialog_set_transport (PdDeviceDialog *self,
                                 PdTransport     transport)
{
  adw_combo_row_set_selected (self->transport_row, transport == PD_TRANSPORT_RTU ? 1 : 0);
}

const char *
_pd_device_dialog_get_message (PdDeviceDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

gboolean
_pd_device_dialog_can_save (PdDeviceDialog *self)
{
  return gtk_widget_get_sensitive (self->save_button);
}

void
_pd_device_dialog_save (PdDeviceDialog *self)
{
  save_clicked_cb (self);
}

void
_pd_device_dialog_test_read (PdDeviceDialog *self)
{
  test_clicked_cb (self);
}

gboolean
_pd_device_dialog_get_testing (PdDeviceDialog *self)
{
  return self->testing;
}

const char *
_pd_device_dialog_get_test_result (PdDeviceDialog *self)
{
  if (self->testing || !gtk_widget_get_visible (GTK_WIDGET (self->test_label)))
    return NULL;

  return gtk_label_get_text (self->test_label);
}
