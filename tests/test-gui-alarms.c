/* test-gui-alarms.c — the alarm banner, the Alarms section and notifications
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-alarms"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-alarm-engine.h"
#include "pd-alarm-read.h"
#include "pd-store-alarms.h"
#include "alarms/pd-alarm-banner-private.h"
#include "alarms/pd-alarms-page-private.h"

#define N_FLOOD 1000

/* The longest the main loop may stall while a flood lands. Under
 * AddressSanitizer every allocation and GTK 4.8's layout of the up to 200
 * rows a list view keeps cost several times more, and with another GUI
 * test beside it on two cores it measured 260 to 380 ms (the page's own
 * handlers stay under 130 ms): twice the budget there. */
#if defined(__SANITIZE_ADDRESS__)
# define MAX_GAP_MS 500
#else
# define MAX_GAP_MS 250
#endif

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  PdDevice     *device;
  PdTag        *tag;
  gint64        alarm_id;   /* the HI alarm on the tag */
} Fixture;

/* A device that is not polled, with a temperature tag and an urgent HI
 * alarm at 80 °C: the test feeds the values itself. */
static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(PdDevice) device = pd_test_tcp_device_new (0, "Oven", 1, 300, 200);
  g_autoptr(PdTag) tag = NULL;
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;
  PdAlarmDef *def;

  fixture->gui = pd_gui_fixture_new (TRUE);
  fixture->admin = pd_test_login (fixture->gui->store, "admin");

  device->enabled = FALSE;
  fixture->device = pd_store_add_device (fixture->gui->store, fixture->admin, device, &error);
  g_assert_no_error (error);

  tag = pd_test_tag_new (0, fixture->device->id, "temperature", PD_AREA_INPUT, 0,
                         PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG);
  g_free (tag->unit);
  tag->unit = g_strdup ("°C");
  fixture->tag = pd_store_add_tag (fixture->gui->store, fixture->admin, tag, &error);
  g_assert_no_error (error);

  def = pd_alarm_def_new (PD_ALARM_CONDITION_HI);
  def->tag_id = fixture->tag->id;
  def->device_id = fixture->device->id;
  def->limit = 80.0;
  def->deadband = 1.0;
  def->priority = PD_ALARM_PRIORITY_URGENT;
  def->enabled = TRUE;
  def->max_shelve_min = 60;
  g_ptr_array_add (defs, def);
  g_assert_true (pd_store_save_tag_alarms (fixture->gui->store, fixture->admin, fixture->tag->id, defs, &error));
  g_assert_no_error (error);
  fixture->alarm_id = def->id;
  g_assert_cmpint (fixture->alarm_id, >, 0);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->device, pd_device_free);
  g_clear_pointer (&fixture->tag, pd_tag_free);
  g_clear_pointer (&fixture->gui, pd_gui_fixture_free);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* --- A desktop notification server on a private session bus ---------------
 *
 * GLib sends GNotifications to org.freedesktop.Notifications when no
 * portal or GTK server runs: the test plays that server on a bus of its
 * own (GTestDBus), and records what arrives. */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  GDBusNodeInfo   *info;
  guint            registration_id;
  guint            owner_id;
  gboolean         owned;
  guint32          next_id;
  GPtrArray       *summaries;
  GPtrArray       *bodies;
  GArray          *urgencies;   /* guchar */
  guint            n_closed;
} Notifications;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  Notifications *self = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;
      g_autoptr(GVariant) hints = NULL;
      guchar urgency = 1;

      g_variant_get (parameters, "(&su&s&s&sas@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, &hints, NULL);
      g_variant_lookup (hints, "urgency", "y", &urgency);
      g_ptr_array_add (self->summaries, g_strdup (summary));
      g_ptr_array_add (self->bodies, g_strdup (body));
      g_array_append_val (self->urgencies, urgency);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++self->next_id));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      self->n_closed++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "plantdesk", "1", "1.2"));
}

static GTestDBus *test_bus;

static const GDBusInterfaceVTable notifications_vtable = { notifications_method_cb, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Notifications *) user_data)->owned = TRUE;
}

/* Call before the application registers: it then finds this bus. */
static Notifications *
notifications_new (void)
{
  Notifications *self = g_new0 (Notifications, 1);
  g_autoptr(GError) error = NULL;

  self->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (self->bus);

  self->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  self->registration_id = g_dbus_connection_register_object (self->connection,
                                                             "/org/freedesktop/Notifications",
                                                             self->info->interfaces[0],
                                                             &notifications_vtable, self, NULL, &error);
  g_assert_no_error (error);
  self->owner_id = g_bus_own_name_on_connection (self->connection, "org.freedesktop.Notifications",
                                                 G_BUS_NAME_OWNER_FLAGS_NONE,
                                                 name_acquired_cb, NULL, self, NULL);
  PD_GUI_WAIT_UNTIL (self->owned);

  self->summaries = g_ptr_array_new_with_free_func (g_free);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->urgencies = g_array_new (FALSE, FALSE, sizeof (guchar));

  return self;
}

static void
notifications_free (Notifications *self)
{
  g_bus_unown_name (self->owner_id);
  g_dbus_connection_unregister_object (self->connection, self->registration_id);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->info, g_dbus_node_info_unref);
  /* Stops the daemon without waiting for every user of the connection
   * to let it go (g_test_dbus_down() would, and the application keeps
   * it). The GTestDBus stays referenced until the process, which runs
   * this one test, exits: finalizing it would wait the same way. */
  g_test_dbus_stop (self->bus);
  test_bus = g_steal_pointer (&self->bus);
  g_ptr_array_unref (self->summaries);
  g_ptr_array_unref (self->bodies);
  g_array_unref (self->urgencies);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Notifications, notifications_free)

static PdAlarmEngine *
sign_in (Fixture    *fixture,
         const char *name)
{
  pd_gui_sign_in (fixture->gui, name, PD_TEST_PASSWORD);
  PD_GUI_WAIT_UNTIL (_pd_window_get_alarm_engine (fixture->gui->window) != NULL);

  return _pd_window_get_alarm_engine (fixture->gui->window);
}

static void
feed (PdAlarmEngine *engine,
      gint64         tag_id,
      double         value)
{
  PdSample sample = { tag_id, g_get_real_time (), value, PD_QUALITY_GOOD };

  pd_alarm_engine_feed (engine, &sample, 1);
}

static PdAlarmsPage *
alarms_page (Fixture *fixture)
{
  GtkWidget *page = _pd_window_peek_section (fixture->gui->window, "alarms");

  return PD_IS_ALARMS_PAGE (page) ? PD_ALARMS_PAGE (page) : NULL;
}

static gboolean
selection_is (PdAlarmsPage *page,
              gint64        alarm_id)
{
  g_autoptr(GArray) ids = _pd_alarms_page_dup_selected_ids (page);

  return ids->len == 1 && g_array_index (ids, gint64, 0) == alarm_id;
}

static void
test_banner_and_acknowledge (void)
{
  g_autoptr(Notifications) notifications = notifications_new ();
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(PdAlarm) stored = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notification_id = NULL;
  PdAlarmHistoryFilter filter = { 0, };
  PdAlarmEngine *engine;
  PdAlarmBanner *banner;
  PdAlarmsPage *page;
  PdAlarmActionDialog *dialog;
  PdAlarmEvent *ack = NULL;

  engine = sign_in (fixture, "operator");
  banner = _pd_window_get_alarm_banner (fixture->gui->window);
  g_assert_nonnull (banner);

  /* Calm: neutral, nothing counted. */
  g_assert_true (_pd_alarm_banner_is_calm (banner));
  g_assert_cmpuint (_pd_alarm_banner_get_n_unacknowledged (banner), ==, 0);

  /* Below the limit nothing happens; above it the banner names the alarm. */
  feed (engine, fixture->tag->id, 20.0);
  feed (engine, fixture->tag->id, 95.5);
  PD_GUI_WAIT_UNTIL (_pd_alarm_banner_get_n_unacknowledged (banner) == 1);
  g_assert_false (_pd_alarm_banner_is_calm (banner));
  g_assert_cmpuint (_pd_alarm_banner_get_count (banner, PD_ALARM_PRIORITY_URGENT), ==, 1);
  g_assert_cmpuint (_pd_alarm_banner_get_count (banner, PD_ALARM_PRIORITY_HIGH), ==, 0);
  g_assert_cmpint (_pd_alarm_banner_get_alarm_id (banner), ==, fixture->alarm_id);
  g_assert_nonnull (strstr (_pd_alarm_banner_get_title (banner), "Oven"));
  g_assert_nonnull (strstr (_pd_alarm_banner_get_title (banner), "temperature"));
  g_assert_nonnull (strstr (_pd_alarm_banner_get_detail (banner), "95.5 °C"));

  /* An urgent alarm that needs a person is a desktop notification. */
  notification_id = g_strdup_printf ("alarm-%" G_GINT64_FORMAT, fixture->alarm_id);
  PD_GUI_WAIT_UNTIL (_pd_window_get_n_notifications (fixture->gui->window) == 1);
  g_assert_cmpstr (_pd_window_get_last_notification_id (fixture->gui->window), ==, notification_id);
  PD_GUI_WAIT_UNTIL (notifications->summaries->len == 1);
  g_assert_cmpstr (g_ptr_array_index (notifications->summaries, 0), ==, "Urgent: Oven / temperature");
  g_assert_cmpuint (g_array_index (notifications->urgencies, guchar, 0), ==, 2);

  /* One click leads to the alarm, selected in the active list. */
  _pd_alarm_banner_activate (banner);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_section_id (fixture->gui->window), "alarms") == 0);
  page = alarms_page (fixture);
  g_assert_nonnull (page);
  g_assert_cmpstr (_pd_alarms_page_get_view (page), ==, "active");
  PD_GUI_WAIT_UNTIL (selection_is (page, fixture->alarm_id));

  /* An operator acknowledges and shelves, but may not suppress. */
  g_assert_true (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "acknowledge")));
  g_assert_true (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "shelve")));
  g_assert_false (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "suppress")));
  g_assert_false (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "unsuppress")));
  g_assert_true (gtk_widget_get_sensitive (_pd_alarms_page_get_button (page, "acknowledge")));

  /* Acknowledge with a comment. */
  gtk_widget_activate_action (GTK_WIDGET (page), "alarms.acknowledge", NULL);
  dialog = _pd_alarms_page_get_dialog (page);
  g_assert_nonnull (dialog);
  pd_alarm_action_dialog_set_text (dialog, "  Cooling fan restarted ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_assert_null (_pd_alarms_page_get_dialog (page));
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_pending (page) == 0);
  g_assert_cmpstr (_pd_window_get_last_toast (fixture->gui->window), ==, "1 alarm acknowledged");

  PD_GUI_WAIT_UNTIL (_pd_alarm_banner_get_n_unacknowledged (banner) == 0);
  g_assert_true (_pd_alarm_banner_is_calm (banner));
  /* Its notification is withdrawn. */
  PD_GUI_WAIT_UNTIL (notifications->n_closed == 1);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_alarms_page_get_ack_user (page, fixture->alarm_id), "operator") == 0);
  /* Still active, so still listed, and still selected. */
  g_assert_true (selection_is (page, fixture->alarm_id));

  /* The store has the acknowledgement with its user and comment. */
  stored = pd_store_get_alarm (fixture->gui->store, fixture->alarm_id, &error);
  g_assert_no_error (error);
  g_assert_true (stored->status.acknowledged);
  g_assert_cmpstr (stored->status.ack_user, ==, "operator");

  filter.alarm_id = fixture->alarm_id;
  filter.kinds = 1 << PD_ALARM_EVENT_ACK;
  events = pd_store_list_alarm_events (fixture->gui->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  ack = g_ptr_array_index (events, 0);
  g_assert_cmpstr (ack->user_name, ==, "operator");
  g_assert_cmpstr (ack->comment, ==, "Cooling fan restarted");

  /* Back to normal: the alarm leaves the active list. */
  feed (engine, fixture->tag->id, 20.0);
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_alarms (page) == 0);
  g_assert_true (_pd_alarm_banner_is_calm (banner));
}

static void
test_roles (void)
{
  g_autoptr(Notifications) notifications = notifications_new ();
  g_autoptr(Fixture) fixture = fixture_new ();
  PdAlarmEngine *engine;
  PdAlarmsPage *page;
  PdAlarmActionDialog *dialog;

  engine = sign_in (fixture, "supervisor");
  feed (engine, fixture->tag->id, 90.0);
  PD_GUI_WAIT_UNTIL (_pd_alarm_banner_get_n_unacknowledged (_pd_window_get_alarm_banner (fixture->gui->window)) == 1);

  g_assert_true (_pd_window_select_section (fixture->gui->window, "alarms"));
  page = alarms_page (fixture);
  g_assert_nonnull (page);
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_alarms (page) == 1);
  g_assert_true (_pd_alarms_page_select (page, fixture->alarm_id));

  /* A supervisor may suppress, and must give a reason. */
  g_assert_true (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "suppress")));
  g_assert_false (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "unsuppress")));
  gtk_widget_activate_action (GTK_WIDGET (page), "alarms.suppress", NULL);
  dialog = _pd_alarms_page_get_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  pd_alarm_action_dialog_set_text (dialog, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  pd_alarm_action_dialog_set_text (dialog, "Sensor replaced next shift");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_pending (page) == 0);
  g_assert_cmpstr (_pd_window_get_last_toast (fixture->gui->window), ==, "1 alarm suppressed");

  /* Suppressed alarms leave the "Active" filter and the banner. */
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_visible (page) == 0);
  g_assert_true (_pd_alarm_banner_is_calm (_pd_window_get_alarm_banner (fixture->gui->window)));
  _pd_alarms_page_set_filter (page, PD_ALARMS_FILTER_SUPPRESSED);
  g_assert_cmpuint (_pd_alarms_page_get_n_visible (page), ==, 1);
  g_assert_true (_pd_alarms_page_select (page, fixture->alarm_id));
  g_assert_true (gtk_widget_get_visible (_pd_alarms_page_get_button (page, "unsuppress")));

  gtk_widget_activate_action (GTK_WIDGET (page), "alarms.unsuppress", NULL);
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_pending (page) == 0);
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_visible (page) == 0);
  _pd_alarms_page_set_filter (page, PD_ALARMS_FILTER_NEEDS_ACK);
  g_assert_cmpuint (_pd_alarms_page_get_n_visible (page), ==, 1);

  /* The search narrows the list. */
  _pd_alarms_page_set_search (page, "no such source");
  g_assert_cmpuint (_pd_alarms_page_get_n_visible (page), ==, 0);
  _pd_alarms_page_set_search (page, "TEMPERATURE");
  g_assert_cmpuint (_pd_alarms_page_get_n_visible (page), ==, 1);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} GapProbe;

static gboolean
gap_probe_cb (gpointer user_data)
{
  GapProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  PdAlarmEngine *engine;
  GArray        *tags;
} Flood;

/* 1,000 tags over their limits within a second, in ten bursts, from a
 * thread as the acquisition's workers deliver them. */
static gpointer
flood_thread (gpointer data)
{
  Flood *flood = data;

  for (guint burst = 0; burst < 10; burst++)
    {
      PdSample samples[N_FLOOD / 10];

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        samples[i] = (PdSample) { g_array_index (flood->tags, gint64, burst * G_N_ELEMENTS (samples) + i),
                                  g_get_real_time (), 200.0, PD_QUALITY_GOOD };
      pd_alarm_engine_feed (flood->engine, samples, G_N_ELEMENTS (samples));
      g_usleep (90 * 1000);
    }

  return NULL;
}

/* N_FLOOD tags with a HI alarm at 100 each, of every priority in turn. */
static GArray *
add_flood_tags (Fixture *fixture)
{
  GArray *tags = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_FLOOD; i++)
    {
      g_autofree char *name = g_strdup_printf ("Flood %04u", i);
      g_autoptr(PdTag) tag = pd_test_tag_new (0, fixture->device->id, name, PD_AREA_HOLDING, 100 + i,
                                              PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG);
      g_autoptr(PdTag) stored = NULL;
      g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
      g_autoptr(GError) error = NULL;
      PdAlarmDef *def = pd_alarm_def_new (PD_ALARM_CONDITION_HI);

      stored = pd_store_add_tag (fixture->gui->store, fixture->admin, tag, &error);
      g_assert_no_error (error);
      def->tag_id = stored->id;
      def->device_id = fixture->device->id;
      def->limit = 100.0;
      def->priority = (PdAlarmPriority) (i % PD_N_ALARM_PRIORITIES);
      def->enabled = TRUE;
      def->max_shelve_min = 60;
      g_ptr_array_add (defs, def);
      g_assert_true (pd_store_save_tag_alarms (fixture->gui->store, fixture->admin, stored->id, defs, &error));
      g_assert_no_error (error);
      g_array_append_val (tags, stored->id);
    }

  return tags;
}

static void
test_flood (void)
{
  g_autoptr(Notifications) notifications = notifications_new ();
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GArray) tags = NULL;
  GapProbe probe = { 0, };
  Flood flood;
  PdAlarmEngine *engine;
  PdAlarmBanner *banner;
  PdAlarmsPage *page;
  GThread *thread;
  guint probe_id;
  guint reads_before;

  tags = add_flood_tags (fixture);
  engine = sign_in (fixture, "supervisor");
  banner = _pd_window_get_alarm_banner (fixture->gui->window);
  flood.engine = engine;
  flood.tags = tags;

  /* With the active list on screen, which diffs every batch too. */
  g_assert_true (_pd_window_select_section (fixture->gui->window, "alarms"));
  page = alarms_page (fixture);
  g_assert_nonnull (page);
  _pd_alarms_page_set_filter (page, PD_ALARMS_FILTER_ALL);
  pd_alarm_engine_flush (engine);
  pd_gui_flush ();
  reads_before = _pd_alarm_banner_get_n_reads (banner);

  probe.last = g_get_monotonic_time ();
  probe_id = g_timeout_add (10, gap_probe_cb, &probe);
  thread = g_thread_new ("flood", flood_thread, &flood);

  PD_GUI_WAIT_UNTIL (_pd_alarm_banner_get_n_unacknowledged (banner) == N_FLOOD);
  g_thread_join (thread);
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_alarms (page) == N_FLOOD);
  g_source_remove (probe_id);

  g_test_message ("longest main-loop gap during the flood: %" G_GINT64_FORMAT " ms, %u banner reads",
                  probe.longest / 1000, _pd_alarm_banner_get_n_reads (banner) - reads_before);
  g_assert_cmpint (probe.longest, <, MAX_GAP_MS * 1000);

  /* Counts by priority; the first is the most important. */
  for (guint p = 0; p < PD_N_ALARM_PRIORITIES; p++)
    g_assert_cmpuint (_pd_alarm_banner_get_count (banner, p), ==, N_FLOOD / PD_N_ALARM_PRIORITIES);
  g_assert_false (_pd_alarm_banner_is_calm (banner));
  g_assert_nonnull (strstr (_pd_alarm_banner_get_title (banner), "Flood"));
  g_assert_nonnull (strstr (_pd_alarm_banner_get_detail (banner), "200"));

  /* The banner read the summary once per batch, not once per alarm. */
  g_assert_cmpuint (_pd_alarm_banner_get_n_reads (banner) - reads_before, <, N_FLOOD / 4);

  /* One summary notification per batch instead of 500 of them. */
  g_assert_cmpstr (_pd_window_get_last_notification_id (fixture->gui->window), ==, "alarm-flood");
  g_assert_cmpuint (_pd_window_get_n_notifications (fixture->gui->window), <, 50);
  PD_GUI_WAIT_UNTIL (notifications->summaries->len == _pd_window_get_n_notifications (fixture->gui->window));
  g_assert_nonnull (strstr (g_ptr_array_index (notifications->summaries, notifications->summaries->len - 1),
                            "new alarms"));

  /* Acknowledge All Visible with the search narrowed to one alarm. */
  _pd_alarms_page_set_search (page, "Flood 0007");
  g_assert_cmpuint (_pd_alarms_page_get_n_visible (page), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "alarms.acknowledge-all", NULL);
  g_assert_nonnull (_pd_alarms_page_get_dialog (page));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (_pd_alarms_page_get_dialog (page)), "apply");
  PD_GUI_WAIT_UNTIL (_pd_alarms_page_get_n_pending (page) == 0);
  PD_GUI_WAIT_UNTIL (_pd_alarm_banner_get_n_unacknowledged (banner) == N_FLOOD - 1);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/alarms/banner-and-acknowledge", test_banner_and_acknowledge);
  pd_gui_test_add ("/gui/alarms/roles", test_roles);
  pd_gui_test_add ("/gui/alarms/flood", test_flood);

  return g_test_run ();
}
