/* test-gui-devices.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-devices"

#include "config.h"

#include <glib/gstdio.h>

#include "pd-gui-test-utils.h"
#include "pd-sim-test-utils.h"
#include "devices/pd-device-dialog-private.h"
#include "devices/pd-device-page-private.h"
#include "devices/pd-devices-page-private.h"
#include "devices/pd-tag-dialog-private.h"

/* Register map of plantdesk-sim (docs/plantdesk-sim.md). */
#define SIM_IR_SECONDS  0   /* uint32, counts simulated seconds */
#define SIM_IR_SPEED    2   /* uint16 mm/s */
#define SIM_HR_TEMP_SP  5   /* float32 °C, writable */

typedef struct
{
  PdGuiFixture *gui;
  PdSim        *sim;
  PdUser       *admin;
  PdDevice     *line;
} Fixture;

static PdDevice *
add_device (Fixture    *fixture,
            const char *name,
            guint       port)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GError) error = NULL;
  PdDevice *added;

  device->name = g_strdup (name);
  device->host = g_strdup ("127.0.0.1");
  device->port = port;
  device->timeout_ms = 300;
  device->poll_ms = 200;
  device->lifecycle = PD_LIFECYCLE_IN_SERVICE;

  added = pd_store_add_device (fixture->gui->store, fixture->admin, device, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);

  return added;
}

static void
add_tag (Fixture    *fixture,
         gint64      device_id,
         const char *name,
         PdArea      area,
         guint       address,
         PdTagType   type,
         const char *unit,
         gboolean    writable)
{
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) added = NULL;
  g_autoptr(GError) error = NULL;

  tag->device_id = device_id;
  tag->name = g_strdup (name);
  tag->area = area;
  tag->address = address;
  tag->type = type;
  tag->unit = g_strdup (unit);
  tag->writable = writable;

  added = pd_store_add_tag (fixture->gui->store, fixture->admin, tag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
}

/* A station with a real simulator: device "Line" answers on the first
 * port with three tags; "Dead" points at a port nobody listens on. The
 * devices are added through the core before NAME signs in. */
static Fixture *
fixture_new (const char *name)
{
  const char * const args[] = { "--devices", "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDevice) dead = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  Fixture *fixture = g_new0 (Fixture, 1);
  guint dead_port;

  fixture->sim = pd_sim_start (args, &error);
  g_assert_no_error (error);

  fixture->gui = pd_gui_fixture_new (TRUE);
  fixture->admin = pd_test_login (fixture->gui->store, "admin");

  fixture->line = add_device (fixture, "Line", pd_sim_get_port (fixture->sim, 0));
  add_tag (fixture, fixture->line->id, "Seconds", PD_AREA_INPUT, SIM_IR_SECONDS, PD_TAG_TYPE_UINT32, "s", FALSE);
  add_tag (fixture, fixture->line->id, "Speed", PD_AREA_INPUT, SIM_IR_SPEED, PD_TAG_TYPE_UINT16, "mm/s", FALSE);
  add_tag (fixture, fixture->line->id, "Temp", PD_AREA_HOLDING, SIM_HR_TEMP_SP, PD_TAG_TYPE_FLOAT32, "°C", TRUE);

  /* A free port that refuses connections: bound, then closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (socket, &error));
  dead_port = g_inet_socket_address_get_port (bound);
  g_socket_close (socket, NULL);

  dead = add_device (fixture, "Dead", dead_port);
  add_tag (fixture, dead->id, "Nothing", PD_AREA_HOLDING, 0, PD_TAG_TYPE_UINT16, NULL, FALSE);

  pd_gui_sign_in (fixture->gui, name, PD_TEST_PASSWORD);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->line, pd_device_free);
  pd_gui_fixture_free (fixture->gui);
  pd_sim_stop (fixture->sim);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static PdDevicesPage *
open_devices_page (Fixture *fixture)
{
  g_assert_true (_pd_window_select_section (fixture->gui->window, "devices"));

  return PD_DEVICES_PAGE (_pd_window_get_section (fixture->gui->window, "devices"));
}

static PdDeviceState
item_state (PdDevicesPage *page,
            const char    *name)
{
  PdDeviceItem *item = _pd_devices_page_find_item (page, name);

  g_assert_nonnull (item);

  return pd_device_item_get_state (item);
}

static char *
dup_item_string (gpointer    item,
                 const char *property)
{
  char *value = NULL;

  g_object_get (item, property, &value, NULL);

  return value;
}

static gboolean
item_string_has_suffix (gpointer    item,
                        const char *property,
                        const char *suffix)
{
  g_autofree char *value = dup_item_string (item, property);

  return value != NULL && g_str_has_suffix (value, suffix);
}

static void
test_list_goes_online (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("operator");
  PdDevicesPage *page = open_devices_page (fixture);
  GListModel *model = _pd_devices_page_get_model (page);
  PdDeviceItem *line;
  g_autofree char *state = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *last_good = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  line = _pd_devices_page_find_item (page, "Line");
  g_object_ref (line);

  /* The live device goes online, the dead one offline; rows stay the same
   * objects: the list is updated in place, never rebuilt. */
  PD_GUI_WAIT_UNTIL (item_state (page, "Line") == PD_DEVICE_STATE_ONLINE);
  PD_GUI_WAIT_UNTIL (item_state (page, "Dead") == PD_DEVICE_STATE_OFFLINE);
  g_assert_true (_pd_devices_page_find_item (page, "Line") == line);

  /* State as text and icon, never colour alone. */
  state = dup_item_string (line, "state-label");
  icon = dup_item_string (line, "state-icon");
  g_assert_cmpstr (state, ==, "Online");
  g_assert_nonnull (icon);
  PD_GUI_WAIT_UNTIL (item_string_has_suffix (line, "last-good", " ago"));
  last_good = dup_item_string (line, "error-rate");
  g_assert_true (g_str_has_suffix (last_good, "%"));

  g_object_unref (line);
}

static gboolean
item_is_good (PdTagItem *item)
{
  gboolean good = FALSE;

  g_object_get (item, "good", &good, NULL);

  return good;
}

static void
test_live_values (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("operator");
  PdDevicesPage *page = open_devices_page (fixture);
  PdDevicePage *device_page;
  PdTagItem *seconds;
  g_autofree char *first = NULL;
  g_autofree char *quality = NULL;
  g_autoptr(GError) error = NULL;
  double opacity = 1.0;

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);
  g_assert_nonnull (device_page);
  g_assert_cmpstr (_pd_device_page_get_view_name (device_page), ==, "tags");
  g_assert_cmpuint (g_list_model_get_n_items (_pd_device_page_get_tag_model (device_page)), ==, 3);

  seconds = _pd_device_page_find_tag_item (device_page, "Seconds");
  g_assert_nonnull (seconds);

  PD_GUI_WAIT_UNTIL (g_str_has_suffix (pd_tag_item_get_value (seconds), " s"));
  first = g_strdup (pd_tag_item_get_value (seconds));
  quality = dup_item_string (seconds, "quality");
  g_assert_cmpstr (quality, ==, "Good");

  /* The simulated clock moves: the same row item shows the new value. */
  PD_GUI_WAIT_UNTIL (g_strcmp0 (pd_tag_item_get_value (seconds), first) != 0);
  g_assert_true (_pd_device_page_find_tag_item (device_page, "Seconds") == seconds);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_device_page_get_state_text (device_page), "Online") == 0);

  /* A device that stops answering: its values are marked, in words and
   * dimmed, and the header says it is offline. */
  g_assert_true (pd_sim_command (fixture->sim, "freeze", &error));
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_device_page_get_state_text (device_page), "Offline") == 0);
  PD_GUI_WAIT_UNTIL (!item_is_good (seconds));
  g_clear_pointer (&quality, g_free);
  quality = dup_item_string (seconds, "quality");
  g_assert_true (g_strcmp0 (quality, "Stale") == 0 || g_strcmp0 (quality, "Bad") == 0);
  g_object_get (seconds, "value-opacity", &opacity, NULL);
  g_assert_cmpfloat (opacity, <, 1.0);

  /* And it comes back by itself. */
  g_assert_true (pd_sim_command (fixture->sim, "thaw", &error));
  PD_GUI_WAIT_UNTIL (item_is_good (seconds));
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_device_page_get_state_text (device_page), "Online") == 0);

  /* Back to the list. */
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.back", NULL);
  g_assert_null (_pd_devices_page_get_device_page (page));

  /* Other pages lead to a device through the window. */
  g_assert_true (_pd_window_select_section (fixture->gui->window, "account"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->gui->window), "win.show-device", "x", fixture->line->id);
  g_assert_cmpstr (_pd_window_get_section_id (fixture->gui->window), ==, "devices");
  device_page = _pd_devices_page_get_device_page (page);
  g_assert_nonnull (device_page);
  g_assert_cmpint (pd_device_page_get_device_id (device_page), ==, fixture->line->id);
}

static void
test_add_device_form (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  g_autoptr(PdDevice) stored = NULL;
  PdDeviceDialog *dialog;
  gint64 devices_before = pd_test_count_rows (fixture->gui->store, "devices");
  gint64 audit_before = pd_test_count_rows (fixture->gui->store, "audit_log");

  gtk_widget_activate_action (GTK_WIDGET (page), "devices.add", NULL);
  dialog = _pd_devices_page_get_add_dialog (page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Empty: not valid, Save is off and the reason is shown. */
  g_assert_false (_pd_device_dialog_can_save (dialog));
  g_assert_nonnull (_pd_device_dialog_get_message (dialog));

  gtk_editable_set_text (_pd_device_dialog_get_name_entry (dialog), "Press");
  gtk_editable_set_text (_pd_device_dialog_get_host_entry (dialog), "127.0.0.1");

  /* A bad port is refused with the core's reason, live. */
  gtk_spin_button_set_value (_pd_device_dialog_get_port_spin (dialog), 70000);
  g_assert_false (_pd_device_dialog_can_save (dialog));
  g_assert_nonnull (_pd_device_dialog_get_message (dialog));
  g_assert_nonnull (strstr (_pd_device_dialog_get_message (dialog), "ort"));
  gtk_spin_button_set_value (_pd_device_dialog_get_port_spin (dialog), 0);
  g_assert_false (_pd_device_dialog_can_save (dialog));

  /* RTU asks for its own fields, and TCP's are kept meanwhile. */
  _pd_device_dialog_set_transport (dialog, PD_TRANSPORT_RTU);
  g_assert_false (_pd_device_dialog_can_save (dialog));
  g_assert_nonnull (strstr (_pd_device_dialog_get_message (dialog), "serial"));
  _pd_device_dialog_set_transport (dialog, PD_TRANSPORT_TCP);
  g_assert_cmpstr (gtk_editable_get_text (_pd_device_dialog_get_host_entry (dialog)), ==, "127.0.0.1");

  /* Saving an invalid form changes nothing. */
  _pd_device_dialog_save (dialog);
  g_assert_nonnull (dialog);
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "devices"), ==, devices_before);

  /* The unsaved settings can be tried against the simulator. */
  gtk_spin_button_set_value (_pd_device_dialog_get_port_spin (dialog), pd_sim_get_port (fixture->sim, 0));
  g_assert_true (_pd_device_dialog_can_save (dialog));
  g_assert_null (_pd_device_dialog_get_message (dialog));
  _pd_device_dialog_test_read (dialog);
  g_assert_true (_pd_device_dialog_get_testing (dialog));
  PD_GUI_WAIT_UNTIL (_pd_device_dialog_get_test_result (dialog) != NULL);
  g_assert_null (strstr (_pd_device_dialog_get_test_result (dialog), "No answer"));

  /* A name in use is refused by the core, inline; the form stays. */
  gtk_editable_set_text (_pd_device_dialog_get_name_entry (dialog), "Line");
  _pd_device_dialog_save (dialog);
  g_assert_nonnull (dialog);
  g_assert_nonnull (_pd_device_dialog_get_message (dialog));
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "devices"), ==, devices_before);

  gtk_editable_set_text (_pd_device_dialog_get_name_entry (dialog), "Press");
  _pd_device_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "devices"), ==, devices_before + 1);
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "audit_log"), >, audit_before);
  stored = pd_store_find_device (fixture->gui->store, "Press", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpuint (stored->port, ==, pd_sim_get_port (fixture->sim, 0));
  PD_GUI_WAIT_UNTIL (_pd_devices_page_find_item (page, "Press") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (_pd_devices_page_get_model (page)), ==, 3);
}

static void
test_tag_form (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  g_autoptr(PdTag) stored = NULL;
  PdDevicePage *device_page;
  PdTagDialog *dialog;

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);

  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.add-tag", NULL);
  dialog = _pd_device_page_get_tag_dialog (device_page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  gtk_editable_set_text (_pd_tag_dialog_get_name_entry (dialog), "Current");
  _pd_tag_dialog_set_area (dialog, PD_AREA_INPUT);
  _pd_tag_dialog_set_type (dialog, PD_TAG_TYPE_UINT16);
  g_assert_false (_pd_tag_dialog_shows_word_order (dialog));

  /* A 32-bit value may not run past the end of the address space. */
  _pd_tag_dialog_set_type (dialog, PD_TAG_TYPE_FLOAT32);
  g_assert_true (_pd_tag_dialog_shows_word_order (dialog));
  gtk_spin_button_set_value (_pd_tag_dialog_get_address_spin (dialog), 65535);
  g_assert_false (_pd_tag_dialog_can_save (dialog));
  g_assert_nonnull (_pd_tag_dialog_get_message (dialog));

  /* The motor current, read once before saving. */
  gtk_spin_button_set_value (_pd_tag_dialog_get_address_spin (dialog), 3);
  g_assert_true (_pd_tag_dialog_can_save (dialog));
  _pd_tag_dialog_test_read (dialog);
  PD_GUI_WAIT_UNTIL (_pd_tag_dialog_get_test_result (dialog) != NULL);
  g_assert_true (g_str_has_prefix (_pd_tag_dialog_get_test_result (dialog), "Value: "));

  _pd_tag_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);
  stored = pd_store_find_tag (fixture->gui->store, fixture->line->id, "Current", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->type, ==, PD_TAG_TYPE_FLOAT32);
  PD_GUI_WAIT_UNTIL (_pd_device_page_find_tag_item (device_page, "Current") != NULL);
}

static double
read_temp_setpoint (Fixture *fixture)
{
  g_autoptr(PdTag) tag = pd_store_find_tag (fixture->gui->store, fixture->line->id, "Temp", NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (tags, tag);
  samples = pd_engine_read_once (fixture->line, tags, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 1);
  g_assert_cmpint (g_array_index (samples, PdSample, 0).quality, ==, PD_QUALITY_GOOD);

  return g_array_index (samples, PdSample, 0).value;
}

static void
test_write_setpoint (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  g_autoptr(PdTag) temp = NULL;
  PdDevicePage *device_page;
  AdwMessageDialog *dialog;
  AdwMessageDialog *confirm;
  GtkEditable *entry;
  gint64 audit_before;

  temp = pd_store_find_tag (fixture->gui->store, fixture->line->id, "Temp", NULL);
  g_assert_nonnull (temp);
  g_assert_cmpfloat (read_temp_setpoint (fixture), !=, 42.5);

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);

  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.write", "x", temp->id);
  dialog = _pd_device_page_get_message_dialog (device_page);
  entry = _pd_device_page_get_write_entry (device_page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (entry);

  /* Not a number: refused inline, Write stays off. */
  gtk_editable_set_text (entry, "warm");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "write"));

  gtk_editable_set_text (entry, "42.5");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "write"));
  adw_message_dialog_response (dialog, "write");

  /* Then a confirmation that says what goes where. */
  confirm = _pd_device_page_get_message_dialog (device_page);
  g_assert_nonnull (confirm);
  g_assert_true (confirm != dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "42.50 °C"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Line/Temp"));

  audit_before = pd_test_count_rows (fixture->gui->store, "audit_log");
  adw_message_dialog_response (confirm, "write");

  PD_GUI_WAIT_UNTIL (g_str_has_prefix (_pd_window_get_last_toast (fixture->gui->window) ?: "", "Wrote "));
  g_assert_cmpfloat_with_epsilon (read_temp_setpoint (fixture), 42.5, 1e-4);
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "audit_log"), >, audit_before);
}

static void
test_operator_may_not_write (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("operator");
  PdDevicesPage *page = open_devices_page (fixture);
  PdDevicePage *device_page;

  /* Operators watch; configuration and writes are not offered. */
  gtk_widget_activate_action (GTK_WIDGET (page), "devices.add", NULL);
  g_assert_null (_pd_devices_page_get_add_dialog (page));

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);
  g_assert_nonnull (device_page);

  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.add-tag", NULL);
  g_assert_null (_pd_device_page_get_tag_dialog (device_page));
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.remove", NULL);
  g_assert_null (_pd_device_page_get_message_dialog (device_page));
}

static void
test_csv_import_refused (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *exported_path = NULL;
  g_autofree char *contents = NULL;
  PdDevicePage *device_page;
  AdwMessageDialog *dialog;
  gint64 tags_before = pd_test_count_rows (fixture->gui->store, "tags");

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);

  bad_path = g_build_filename (fixture->gui->data_dir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (bad_path,
                                      "name,area,address,type\n"
                                      "Fine,holding,20,uint16\n"
                                      "Wrong,holding,20,float99\n",
                                      -1, &error));
  bad = g_file_new_for_path (bad_path);
  _pd_device_page_import_file (device_page, bad);

  PD_GUI_WAIT_UNTIL (_pd_device_page_get_message_dialog (device_page) != NULL);
  dialog = _pd_device_page_get_message_dialog (device_page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Tags Not Imported");
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "tags"), ==, tags_before);

  /* Export writes a file that names every tag. */
  exported_path = g_build_filename (fixture->gui->data_dir, "line.csv", NULL);
  exported = g_file_new_for_path (exported_path);
  _pd_device_page_export_file (device_page, exported);
  PD_GUI_WAIT_UNTIL (g_file_test (exported_path, G_FILE_TEST_EXISTS) &&
                     g_str_has_prefix (_pd_window_get_last_toast (fixture->gui->window) ?: "", "Tags exported"));
  g_assert_true (g_file_get_contents (exported_path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "Seconds"));
  g_assert_nonnull (strstr (contents, "Temp"));
}

static gboolean
toast_has_prefix (Fixture    *fixture,
                  const char *prefix)
{
  const char *toast = _pd_window_get_last_toast (fixture->gui->window);

  return toast != NULL && g_str_has_prefix (toast, prefix);
}

static void
test_device_actions (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  const char * const trend_tags[] = { "Seconds", "Speed", NULL };
  g_autoptr(PdDevice) stored = NULL;
  PdDevicePage *device_page;
  PdDeviceDialog *edit;
  AdwMessageDialog *dialog;
  gint64 audit_before;

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);

  /* Lifecycle: through the core, audited. */
  audit_before = pd_test_count_rows (fixture->gui->store, "audit_log");
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.set-lifecycle", "s", "maintenance");
  stored = pd_store_get_device (fixture->gui->store, fixture->line->id, NULL);
  g_assert_cmpint (stored->lifecycle, ==, PD_LIFECYCLE_MAINTENANCE);
  g_assert_cmpint (pd_test_count_rows (fixture->gui->store, "audit_log"), >, audit_before);
  g_assert_true (toast_has_prefix (fixture, "Lifecycle changed"));

  /* Test connection answers with the round trip. */
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.test-connection", NULL);
  PD_GUI_WAIT_UNTIL (toast_has_prefix (fixture, "Connected: round trip"));

  /* Selected tags go to the trend. */
  _pd_device_page_select_tags (device_page, trend_tags);
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.show-trend", NULL);
  g_assert_cmpstr (_pd_device_page_get_view_name (device_page), ==, "trend");

  /* Editing: the form starts from the stored device and saves through
   * the core; the list follows. */
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.edit", NULL);
  edit = _pd_device_page_get_device_dialog (device_page);
  g_assert_nonnull (edit);
  g_object_add_weak_pointer (G_OBJECT (edit), (gpointer *) &edit);
  g_assert_cmpstr (gtk_editable_get_text (_pd_device_dialog_get_name_entry (edit)), ==, "Line");
  g_assert_true (_pd_device_dialog_can_save (edit));
  gtk_editable_set_text (_pd_device_dialog_get_host_entry (edit), "");
  g_assert_false (_pd_device_dialog_can_save (edit));
  gtk_editable_set_text (_pd_device_dialog_get_host_entry (edit), "127.0.0.1");
  gtk_editable_set_text (_pd_device_dialog_get_name_entry (edit), "Line A");
  _pd_device_dialog_save (edit);
  PD_GUI_WAIT_UNTIL (edit == NULL);
  g_assert_cmpstr (_pd_window_get_last_toast (fixture->gui->window), ==, "Device saved");
  PD_GUI_WAIT_UNTIL (_pd_devices_page_find_item (page, "Line A") != NULL);
  g_assert_null (_pd_devices_page_find_item (page, "Line"));

  /* Removal asks first; cancelling keeps the device. */
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.remove", NULL);
  dialog = _pd_device_page_get_message_dialog (device_page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_clear_pointer (&stored, pd_device_free);
  stored = pd_store_find_device (fixture->gui->store, "Line A", NULL);
  g_assert_nonnull (stored);

  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.remove", NULL);
  dialog = _pd_device_page_get_message_dialog (device_page);
  adw_message_dialog_response (dialog, "remove");
  g_assert_null (pd_store_get_device (fixture->gui->store, fixture->line->id, NULL));
  g_assert_null (_pd_devices_page_get_device_page (page));
  PD_GUI_WAIT_UNTIL (_pd_devices_page_find_item (page, "Line A") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (_pd_devices_page_get_model (page)), ==, 1);
}

static void
test_csv_import (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicesPage *page = open_devices_page (fixture);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PdDevicePage *device_page;

  _pd_devices_page_open_device (page, fixture->line->id);
  device_page = _pd_devices_page_get_device_page (page);

  path = g_build_filename (fixture->gui->data_dir, "more.csv", NULL);
  g_assert_true (g_file_set_contents (path,
                                      "name,area,address,type,unit,scale\n"
                                      "Chiller,input,8,int16,°C,0.1\n"
                                      "Speed,input,2,uint16,mm/s,1\n",
                                      -1, &error));
  file = g_file_new_for_path (path);
  _pd_device_page_import_file (device_page, file);

  PD_GUI_WAIT_UNTIL (toast_has_prefix (fixture, "Tags imported"));
  g_assert_cmpstr (_pd_window_get_last_toast (fixture->gui->window), ==, "Tags imported: 1 added, 0 updated, 1 unchanged");
  PD_GUI_WAIT_UNTIL (_pd_device_page_find_tag_item (device_page, "Chiller") != NULL);

  /* A tenth of a degree: one decimal. */
  PD_GUI_WAIT_UNTIL (g_str_has_suffix (pd_tag_item_get_value (_pd_device_page_find_tag_item (device_page, "Chiller")), " °C"));
  g_assert_nonnull (strchr (pd_tag_item_get_value (_pd_device_page_find_tag_item (device_page, "Chiller")), '.'));
}

static void
inspection_item_free (PdInspectionItem *item)
{
  g_free (item->label);
  g_free (item);
}

static gboolean
item_inspection_is (gpointer    item,
                    const char *expected)
{
  g_autofree char *value = dup_item_string (item, "inspection");

  return g_strcmp0 (value, expected) == 0;
}

static gboolean
item_inspection_overdue (gpointer item)
{
  gboolean overdue = FALSE;

  g_object_get (item, "inspection-overdue", &overdue, NULL);

  return overdue;
}

static void
test_inspection_due (void)
{
  const char * const checklist[] = { "Guard closed", NULL };
  g_autoptr(Fixture) fixture = fixture_new ("operator");
  PdDevicesPage *page = open_devices_page (fixture);
  PdStore *store = fixture->gui->store;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) inspection_item_free);
  g_autoptr(PdInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *due_text = NULL;
  PdInspectionItem *checked;
  PdDeviceItem *line;
  PdDeviceItem *dead;

  line = _pd_devices_page_find_item (page, "Line");
  dead = _pd_devices_page_find_item (page, "Dead");
  g_assert_nonnull (line);
  g_assert_nonnull (dead);
  g_assert_true (item_inspection_is (line, NULL));

  /* A daily plan set two days ago: moved back in the store's own
   * database, as if time had passed, and announced as the core does. */
  g_assert_true (pd_store_set_inspection_plan (store, fixture->admin, fixture->line->id, 1, checklist, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE inspection_plans SET set_at = set_at - %" G_GINT64_FORMAT " "
                         "WHERE device_id = %" G_GINT64_FORMAT,
                         (gint64) 2 * G_TIME_SPAN_DAY, fixture->line->id);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (pd_store_get_db (store)), ==, 1);
  g_assert_cmpint (pd_store_get_inspection_due (store, fixture->line->id), <, g_get_real_time ());
  g_signal_emit_by_name (store, "inspections-changed");

  /* Overdue in words and with an icon, never by colour alone; a device
   * without a plan shows nothing. */
  PD_GUI_WAIT_UNTIL (item_inspection_is (line, "Overdue"));
  g_assert_true (item_inspection_overdue (line));
  g_assert_true (item_inspection_is (dead, NULL));
  g_assert_false (item_inspection_overdue (dead));

  /* An inspection recorded through the core moves the row to a due date
   * in the future, on the same row item. */
  checked = g_new0 (PdInspectionItem, 1);
  checked->label = g_strdup ("Guard closed");
  checked->ok = TRUE;
  g_ptr_array_add (items, checked);
  inspection = pd_store_record_inspection (store, fixture->admin, fixture->line->id, items, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inspection);

  PD_GUI_WAIT_UNTIL (!item_inspection_overdue (line));
  g_assert_true (_pd_devices_page_find_item (page, "Line") == line);
  due_text = dup_item_string (line, "inspection");
  g_assert_nonnull (due_text);
  g_assert_true (g_str_has_prefix (due_text, "Due "));
  g_assert_true (item_inspection_is (dead, NULL));
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/devices/list-goes-online", test_list_goes_online);
  pd_gui_test_add ("/gui/devices/live-values", test_live_values);
  pd_gui_test_add ("/gui/devices/add-device-form", test_add_device_form);
  pd_gui_test_add ("/gui/devices/tag-form", test_tag_form);
  pd_gui_test_add ("/gui/devices/write-setpoint", test_write_setpoint);
  pd_gui_test_add ("/gui/devices/operator-may-not-configure", test_operator_may_not_write);
  pd_gui_test_add ("/gui/devices/csv-import-refused", test_csv_import_refused);
  pd_gui_test_add ("/gui/devices/csv-import", test_csv_import);
  pd_gui_test_add ("/gui/devices/device-actions", test_device_actions);
  pd_gui_test_add ("/gui/devices/inspection-due", test_inspection_due);

  return g_test_run ();
}
