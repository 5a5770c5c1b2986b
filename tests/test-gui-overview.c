/* test-gui-overview.c — the Overview counts the line's devices by state
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-overview"

#include "config.h"

#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-sim-test-utils.h"
#include "pd-sections.h"
#include "devices/pd-diagnostics-view-private.h"
#include "devices/pd-inspections-view-private.h"
#include "overview/pd-overview-page-private.h"
#include "pd-alarm-engine.h"
#include "pd-store-alarms.h"
#include "pd-window-private.h"

/* Input registers of the simulator (docs: plantdesk-sim register map). */
#define SIM_IR_SPEED    2   /* uint16 mm/s */
#define SIM_IR_CURRENT  3   /* float32 A */

static PdDevice *
add_device (PdStore    *store,
            PdUser     *admin,
            const char *name,
            guint       port,
            gboolean    enabled)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GError) error = NULL;
  PdDevice *stored;

  device->name = g_strdup (name);
  device->host = g_strdup ("127.0.0.1");
  device->port = port;
  device->timeout_ms = 300;
  device->poll_ms = 200;
  device->enabled = enabled;
  device->lifecycle = PD_LIFECYCLE_IN_SERVICE;
  stored = pd_store_add_device (store, admin, device, &error);
  g_assert_no_error (error);

  return stored;
}

static void
add_tag (PdStore    *store,
         PdUser     *admin,
         gint64      device_id,
         const char *name,
         guint       address,
         PdTagType   type,
         const char *unit)
{
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) stored = NULL;
  g_autoptr(GError) error = NULL;

  tag->device_id = device_id;
  tag->name = g_strdup (name);
  tag->area = PD_AREA_INPUT;
  tag->address = address;
  tag->type = type;
  tag->unit = g_strdup (unit);
  tag->history = TRUE;
  stored = pd_store_add_tag (store, admin, tag, &error);
  g_assert_no_error (error);
}

static guint
tile (PdOverviewPage *page,
      PdOverviewTile  which)
{
  return _pd_overview_page_get_tile_count (page, which);
}

static void
test_first_for_every_role (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  const char * const names[] = { "operator", "warehouse", "supervisor", "admin" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) ids = NULL;

      if (i > 0)
        g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "switch-user", NULL);
      pd_gui_sign_in (fixture, names[i], PD_TEST_PASSWORD);
      ids = _pd_window_dup_section_ids (fixture->window);
      g_assert_nonnull (ids);
      g_assert_cmpstr (ids[0], ==, "overview");
      g_assert_cmpstr (_pd_window_get_section_id (fixture->window), ==, "overview");
      g_assert_true (PD_IS_OVERVIEW_PAGE (_pd_window_peek_section (fixture->window, "overview")));
    }
}

static void
test_tiles_follow_states (void)
{
  const char * const args[] = { "--devices", "2", NULL };
  g_autoptr(PdGuiFixture) fixture = NULL;
  g_autoptr(PdSim) sim = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdDevice) press = NULL;
  g_autoptr(PdDevice) oven = NULL;
  g_autoptr(PdDevice) spare = NULL;
  g_autoptr(GArray) key_tags = NULL;
  g_autoptr(GError) error = NULL;
  PdOverviewPage *page;

  sim = pd_sim_start (args, &error);
  g_assert_no_error (error);

  fixture = pd_gui_fixture_new (TRUE);
  admin = pd_test_login (fixture->store, "admin");
  press = add_device (fixture->store, admin, "Press", pd_sim_get_port (sim, 0), TRUE);
  oven = add_device (fixture->store, admin, "Oven", pd_sim_get_port (sim, 1), TRUE);
  add_tag (fixture->store, admin, press->id, "speed", SIM_IR_SPEED, PD_TAG_TYPE_UINT16, "mm/s");
  add_tag (fixture->store, admin, press->id, "current", SIM_IR_CURRENT, PD_TAG_TYPE_FLOAT32, "A");
  add_tag (fixture->store, admin, oven->id, "speed", SIM_IR_SPEED, PD_TAG_TYPE_UINT16, "mm/s");

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  page = PD_OVERVIEW_PAGE (_pd_window_get_section (fixture->window, "overview"));
  g_assert_cmpuint (_pd_overview_page_get_n_devices (page), ==, 2);

  /* Both answer. */
  PD_GUI_WAIT_UNTIL (tile (page, PD_OVERVIEW_TILE_ONLINE) == 2);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_OFFLINE), ==, 0);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_DEGRADED), ==, 0);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_NOT_POLLED), ==, 0);
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_OFFLINE));
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_ONLINE));

  /* Key values: the tags with history, live. */
  key_tags = _pd_overview_page_dup_key_tags (page);
  g_assert_cmpuint (key_tags->len, ==, 3);
  for (guint i = 0; i < key_tags->len; i++)
    {
      gint64 tag_id = g_array_index (key_tags, gint64, i);

      PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_overview_page_get_value_text (page, tag_id), "—") != 0);
    }

  /* A device that stops answering goes offline; the other stays online,
   * and only the abnormal tile takes colour. */
  g_assert_true (pd_sim_commandf (sim, &error, "%u freeze", pd_sim_get_port (sim, 1)));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (tile (page, PD_OVERVIEW_TILE_OFFLINE) == 1);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_ONLINE), ==, 1);
  g_assert_true (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_OFFLINE));
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_ONLINE));

  /* It comes back by itself. */
  g_assert_true (pd_sim_commandf (sim, &error, "%u thaw", pd_sim_get_port (sim, 1)));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (tile (page, PD_OVERVIEW_TILE_ONLINE) == 2);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_OFFLINE), ==, 0);
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_OFFLINE));

  /* A disabled device counts as not polled, as soon as it is added. */
  spare = add_device (fixture->store, admin, "Spare", pd_sim_get_port (sim, 0), FALSE);
  PD_GUI_WAIT_UNTIL (_pd_overview_page_get_n_devices (page) == 3 &&
                     tile (page, PD_OVERVIEW_TILE_NOT_POLLED) == 1);
  PD_GUI_WAIT_UNTIL (tile (page, PD_OVERVIEW_TILE_ONLINE) == 2);
}

static void
test_inspections_and_navigation (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdDevice) press = NULL;
  g_autoptr(GError) error = NULL;
  const char * const checklist[] = { "Guard closed", "Oil level", NULL };
  const PdSection *devices;
  PdOverviewPage *page;

  press = add_device (fixture->store, admin, "Press", 1, FALSE);
  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  page = PD_OVERVIEW_PAGE (_pd_window_get_section (fixture->window, "overview"));

  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_INSPECTIONS), ==, 0);
  g_assert_cmpuint (_pd_overview_page_get_n_due_soon (page), ==, 0);

  /* A daily plan set now is due within a day, not overdue. */
  g_assert_true (pd_store_set_inspection_plan (fixture->store, admin, press->id, 1, checklist, &error));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (_pd_overview_page_get_n_due_soon (page) == 1);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_INSPECTIONS), ==, 0);
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_INSPECTIONS));

  /* A device row leads to the Devices section. */
  devices = pd_sections_lookup ("devices");
  g_assert_true (_pd_overview_page_activate_device (page, press->id));
  if (devices != NULL && pd_section_is_visible_for (devices, pd_window_get_user (fixture->window)))
    PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_section_id (fixture->window), "devices") == 0);
  g_assert_false (_pd_overview_page_activate_device (page, press->id + 1000));
}

/* The alarms tile counts what needs a person, turns red, and leads to the
 * Alarms section. */
static void
test_alarms_tile (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdDevice) press = NULL;
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) stored = NULL;
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;
  PdAlarmDef *def = pd_alarm_def_new (PD_ALARM_CONDITION_HI);
  PdAlarmEngine *engine;
  PdOverviewPage *page;
  PdSample sample = { 0 };

  /* Not polled: the test feeds the alarm engine itself. */
  press = add_device (fixture->store, admin, "Press", 1, FALSE);
  tag->device_id = press->id;
  tag->name = g_strdup ("temperature");
  tag->area = PD_AREA_HOLDING;
  tag->address = 10;
  tag->type = PD_TAG_TYPE_FLOAT32;
  stored = pd_store_add_tag (fixture->store, admin, tag, &error);
  g_assert_no_error (error);
  def->tag_id = stored->id;
  def->limit = 80;
  def->priority = PD_ALARM_PRIORITY_HIGH;
  g_ptr_array_add (defs, def);
  g_assert_true (pd_store_save_tag_alarms (fixture->store, admin, stored->id, defs, &error));
  g_assert_no_error (error);

  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  page = PD_OVERVIEW_PAGE (_pd_window_get_section (fixture->window, "overview"));
  PD_GUI_WAIT_UNTIL (_pd_window_get_alarm_engine (fixture->window) != NULL);
  engine = _pd_window_get_alarm_engine (fixture->window);
  g_assert_cmpuint (tile (page, PD_OVERVIEW_TILE_ALARMS), ==, 0);
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_ALARMS));

  sample.tag_id = stored->id;
  sample.ts = g_get_real_time ();
  sample.value = 95;
  sample.quality = PD_QUALITY_GOOD;
  pd_alarm_engine_feed (engine, &sample, 1);
  PD_GUI_WAIT_UNTIL (tile (page, PD_OVERVIEW_TILE_ALARMS) == 1);
  g_assert_true (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_ALARMS));

  _pd_overview_page_activate_tile (page, PD_OVERVIEW_TILE_ALARMS);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_section_id (fixture->window), "alarms") == 0);
}

/* A window of its own around one of the views a device page embeds. */
static GtkWindow *
show_view (GType          type,
           PdGuiFixture  *fixture,
           gint64         device_id,
           gpointer      *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  *view = g_object_new (type,
                        "acquisition", _pd_window_get_acquisition (fixture->window),
                        "user", pd_window_get_user (fixture->window),
                        "device-id", device_id,
                        NULL);
  gtk_window_set_default_size (window, 800, 700);
  gtk_window_set_child (window, GTK_WIDGET (*view));
  gtk_window_present (window);

  return window;
}

static void
destroy_view (GtkWindow *window,
              gpointer   view)
{
  g_object_add_weak_pointer (G_OBJECT (view), &view);
  gtk_window_destroy (window);
  PD_GUI_WAIT_UNTIL (view == NULL);
}

static void
test_diagnostics (void)
{
  const char * const args[] = { "--devices", "1", NULL };
  g_autoptr(PdGuiFixture) fixture = NULL;
  g_autoptr(PdSim) sim = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdDevice) press = NULL;
  g_autoptr(GError) error = NULL;
  PdDiagnosticsView *view;
  GtkWindow *window;
  guint port;

  sim = pd_sim_start (args, &error);
  g_assert_no_error (error);
  port = pd_sim_get_port (sim, 0);

  fixture = pd_gui_fixture_new (TRUE);
  admin = pd_test_login (fixture->store, "admin");
  press = add_device (fixture->store, admin, "Press", port, TRUE);
  add_tag (fixture->store, admin, press->id, "speed", SIM_IR_SPEED, PD_TAG_TYPE_UINT16, "mm/s");
  add_tag (fixture->store, admin, press->id, "current", SIM_IR_CURRENT, PD_TAG_TYPE_FLOAT32, "A");
  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);

  window = show_view (PD_TYPE_DIAGNOSTICS_VIEW, fixture, press->id, (gpointer *) &view);

  /* Healthy */
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_diagnostics_view_get_state_text (view), "Online") == 0 &&
                     g_strcmp0 (_pd_diagnostics_view_get_value (view, "requests"), "0") != 0);
  g_assert_cmpstr (_pd_diagnostics_view_get_hint (view), ==, "Communication is healthy.");
  g_assert_cmpstr (_pd_diagnostics_view_get_value (view, "bad-addresses"), ==, "None");
  g_assert_nonnull (_pd_diagnostics_view_get_value (view, "latency"));

  _pd_diagnostics_view_test_connection (view);
  g_assert_true (_pd_diagnostics_view_get_testing (view));
  PD_GUI_WAIT_UNTIL (!_pd_diagnostics_view_get_testing (view));
  g_assert_true (g_str_has_prefix (_pd_diagnostics_view_get_test_result (view), "The device answered in "));

  /* An address the device refuses: degraded, and the hint names it. */
  g_assert_true (pd_sim_commandf (sim, &error, "%u exception %u", port, SIM_IR_SPEED));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_diagnostics_view_get_state_text (view), "Degraded") == 0);
  PD_GUI_WAIT_UNTIL (strstr (_pd_diagnostics_view_get_hint (view), "refuses addresses") != NULL);
  g_assert_nonnull (strstr (_pd_diagnostics_view_get_hint (view), "2"));
  g_assert_nonnull (strstr (_pd_diagnostics_view_get_value (view, "bad-addresses"), "2"));

  /* No answer at all: offline, and the hint points at the cable. */
  g_assert_true (pd_sim_commandf (sim, &error, "%u clear", port));
  g_assert_true (pd_sim_commandf (sim, &error, "%u freeze", port));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_diagnostics_view_get_state_text (view), "Offline") == 0);
  PD_GUI_WAIT_UNTIL (g_str_has_prefix (_pd_diagnostics_view_get_hint (view), "No answer for "));
  g_assert_cmpstr (_pd_diagnostics_view_get_value (view, "timeouts"), !=, "0");

  _pd_diagnostics_view_test_connection (view);
  PD_GUI_WAIT_UNTIL (!_pd_diagnostics_view_get_testing (view));
  g_assert_false (g_str_has_prefix (_pd_diagnostics_view_get_test_result (view), "The device answered"));
  /* The engine's error, and where to look: from the error's code (a
   * timeout), not only from what polling saw. */
  g_assert_nonnull (strstr (_pd_diagnostics_view_get_test_result (view), "check the cable"));
  g_assert_nonnull (strstr (_pd_diagnostics_view_get_test_result (view), " — No answer: check the cable"));

  /* Back, then refusing connections: the device is up but not listening. */
  g_assert_true (pd_sim_commandf (sim, &error, "%u clear", port));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_diagnostics_view_get_state_text (view), "Online") == 0);
  g_assert_true (pd_sim_commandf (sim, &error, "%u refuse", port));
  g_assert_true (pd_sim_commandf (sim, &error, "%u drop", port));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_diagnostics_view_get_state_text (view), "Offline") == 0);
  PD_GUI_WAIT_UNTIL (strstr (_pd_diagnostics_view_get_hint (view), "not listening on this port") != NULL);

  /* Testing the connection says so from the error's code. */
  _pd_diagnostics_view_test_connection (view);
  PD_GUI_WAIT_UNTIL (!_pd_diagnostics_view_get_testing (view));
  g_assert_nonnull (strstr (_pd_diagnostics_view_get_test_result (view),
                            " — Connection refused: the device is up but not listening on this port."));

  destroy_view (window, view);
}

static void
test_explain (void)
{
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (guint32));
  PdDeviceStatus status = { 0 };
  PdDeviceStatus previous = { 0 };
  gint64 now = g_get_real_time ();
  guint32 packed = (PD_AREA_HOLDING << 16) | 120;
  g_autofree char *not_polled = _pd_diagnostics_explain (NULL, NULL, 1000, now);
  g_autofree char *silent = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *exceptions = NULL;
  g_autofree char *flaky = NULL;
  g_autofree char *healthy = NULL;

  g_assert_true (g_str_has_prefix (not_polled, "The device is not polled"));

  /* Timeouts for 12 s since the last good read */
  status.device_id = previous.device_id = 1;
  status.state = PD_DEVICE_STATE_OFFLINE;
  status.last_good = now - 12 * G_USEC_PER_SEC;
  previous.errors = previous.timeouts = 10;
  status.errors = status.timeouts = 14;
  silent = _pd_diagnostics_explain (&status, &previous, 1000, now);
  g_assert_true (g_str_has_prefix (silent, "No answer for 12 seconds"));

  /* Failures without timeouts: something answers and refuses. */
  status.timeouts = previous.timeouts;
  refused = _pd_diagnostics_explain (&status, &previous, 1000, now);
  g_assert_nonnull (strstr (refused, "not listening on this port"));

  status.state = PD_DEVICE_STATE_DEGRADED;
  g_array_append_val (bad, packed);
  status.bad_addresses = bad;
  exceptions = _pd_diagnostics_explain (&status, &previous, 1000, now);
  g_assert_nonnull (strstr (exceptions, "refuses addresses"));
  g_assert_nonnull (strstr (exceptions, "120"));

  status.state = PD_DEVICE_STATE_ONLINE;
  status.error_rate = 0.05;
  flaky = _pd_diagnostics_explain (&status, &previous, 1000, now);
  g_assert_true (g_str_has_prefix (flaky, "5 % of requests fail"));

  status.error_rate = 0;
  healthy = _pd_diagnostics_explain (&status, &previous, 1000, now);
  g_assert_cmpstr (healthy, ==, "Communication is healthy.");

  /* A failed connection test: the hint follows the error's code; an error
   * without a known cause is shown as it is. */
  {
    g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Silent");
    g_autoptr(GError) conn_refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Refused");
    g_autoptr(GError) unreachable = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "Unreachable");
    g_autoptr(GError) missing = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Missing");
    g_autoptr(GError) garbage = g_error_new_literal (PD_ERROR, PD_ERROR_FAILED, "Garbage");
    g_autofree char *text_timed_out = _pd_diagnostics_explain_test_error (timed_out);
    g_autofree char *text_refused = _pd_diagnostics_explain_test_error (conn_refused);
    g_autofree char *text_unreachable = _pd_diagnostics_explain_test_error (unreachable);
    g_autofree char *text_missing = _pd_diagnostics_explain_test_error (missing);
    g_autofree char *text_garbage = _pd_diagnostics_explain_test_error (garbage);

    g_assert_true (g_str_has_prefix (text_timed_out, "Silent — No answer: check the cable"));
    g_assert_true (g_str_has_prefix (text_refused, "Refused — Connection refused"));
    g_assert_true (g_str_has_prefix (text_unreachable, "Unreachable — The address cannot be reached"));
    g_assert_true (g_str_has_prefix (text_missing, "Missing — The serial port cannot be opened"));
    g_assert_cmpstr (text_garbage, ==, "Garbage");
  }
}

static void
test_inspections_view (void)
{
  g_autoptr(PdGuiFixture) fixture = pd_gui_fixture_new (TRUE);
  g_autoptr(PdUser) admin = pd_test_login (fixture->store, "admin");
  g_autoptr(PdDevice) press = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GError) error = NULL;
  const char * const checklist[] = { "Guard closed", "Oil level", "Belt tension", NULL };
  PdInspectionsView *view;
  PdInspection *last;
  GtkWindow *window;
  gint64 rows_before;

  press = add_device (fixture->store, admin, "Press", 1, FALSE);

  /* A supervisor plans: every 7 days, three items. */
  pd_gui_sign_in (fixture, "supervisor", PD_TEST_PASSWORD);
  window = show_view (PD_TYPE_INSPECTIONS_VIEW, fixture, press->id, (gpointer *) &view);
  g_assert_true (_pd_inspections_view_get_can_plan (view));
  g_assert_cmpstr (_pd_inspections_view_get_due_text (view), ==, "No periodic inspection is planned");
  _pd_inspections_view_edit_plan (view, 7, checklist);
  g_assert_null (_pd_inspections_view_get_error (view));
  g_assert_cmpuint (_pd_inspections_view_get_n_items (view), ==, 3);
  g_assert_false (_pd_inspections_view_get_overdue (view));
  g_assert_cmpstr (_pd_inspections_view_get_due_text (view), !=, "No periodic inspection is planned");
  destroy_view (window, view);

  /* An operator records; the plan is not theirs to edit. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "switch-user", NULL);
  pd_gui_sign_in (fixture, "operator", PD_TEST_PASSWORD);
  window = show_view (PD_TYPE_INSPECTIONS_VIEW, fixture, press->id, (gpointer *) &view);
  g_assert_false (_pd_inspections_view_get_can_plan (view));
  g_assert_true (_pd_inspections_view_get_can_record (view));
  g_assert_cmpuint (_pd_inspections_view_get_n_items (view), ==, 3);
  g_assert_cmpuint (_pd_inspections_view_get_n_history (view), ==, 0);

  /* An unanswered item is refused and changes nothing. */
  rows_before = pd_test_count_rows (fixture->store, "audit_log");
  _pd_inspections_view_answer_item (view, 0, TRUE);
  _pd_inspections_view_answer_item (view, 2, TRUE);
  _pd_inspections_view_save (view);
  g_assert_nonnull (strstr (_pd_inspections_view_get_error (view), "Oil level"));
  g_assert_cmpuint (_pd_inspections_view_get_n_history (view), ==, 0);
  g_assert_cmpint (pd_test_count_rows (fixture->store, "audit_log"), ==, rows_before);

  _pd_inspections_view_answer_item (view, 1, FALSE);
  _pd_inspections_view_set_notes (view, "Oil below the mark");
  _pd_inspections_view_save (view);
  g_assert_null (_pd_inspections_view_get_error (view));
  PD_GUI_WAIT_UNTIL (_pd_inspections_view_get_n_history (view) == 1);

  inspections = pd_store_list_inspections (fixture->store, press->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 1);
  last = g_ptr_array_index (inspections, 0);
  g_assert_cmpstr (last->user_name, ==, "operator");
  g_assert_false (last->ok);
  g_assert_cmpstr (last->notes, ==, "Oil below the mark");
  g_assert_cmpuint (last->items->len, ==, 3);
  g_assert_true (((PdInspectionItem *) g_ptr_array_index (last->items, 0))->ok);
  g_assert_false (((PdInspectionItem *) g_ptr_array_index (last->items, 1))->ok);

  destroy_view (window, view);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/overview/first-for-every-role", test_first_for_every_role);
  pd_gui_test_add ("/gui/overview/tiles-follow-states", test_tiles_follow_states);
  pd_gui_test_add ("/gui/overview/inspections-and-navigation", test_inspections_and_navigation);
  pd_gui_test_add ("/gui/overview/alarms-tile", test_alarms_tile);
  pd_gui_test_add ("/gui/device-views/diagnostics", test_diagnostics);
  pd_gui_test_add ("/gui/device-views/explain", test_explain);
  pd_gui_test_add ("/gui/device-views/inspections", test_inspections_view);

  return g_test_run ();
}
