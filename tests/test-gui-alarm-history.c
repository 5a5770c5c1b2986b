/* test-gui-alarm-history.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-alarm-history"

#include "config.h"

#include <math.h>

#include "pd-gui-test-utils.h"
#include "pd-store-alarms.h"
#include "alarms/pd-alarm-history-view-private.h"
#include "alarms/pd-alarm-performance-view-private.h"

/* The columns of the history table, as _pd_alarm_history_view_dup_cell_text() counts them. */
enum {
  CELL_TIME,
  CELL_SOURCE,
  CELL_CONDITION,
  CELL_PRIORITY,
  CELL_EVENT,
  CELL_VALUE,
  CELL_USER,
  CELL_COMMENT,
  CELL_MESSAGE,
};

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  gint64        temperature_alarm;   /* HI 80, high priority, default message */
  gint64        pressure_alarm;      /* LO 2, low priority, "Pressure low" */
  GtkWindow    *window;
} Fixture;

static gint64
add_tag (Fixture    *fixture,
         gint64      device_id,
         const char *name,
         guint       address)
{
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) added = NULL;
  g_autoptr(GError) error = NULL;

  tag->device_id = device_id;
  tag->name = g_strdup (name);
  tag->area = PD_AREA_HOLDING;
  tag->address = address;
  tag->type = PD_TAG_TYPE_FLOAT32;
  tag->unit = g_strdup ("°C");

  added = pd_store_add_tag (fixture->gui->store, fixture->admin, tag, &error);
  g_assert_no_error (error);

  return added->id;
}

static gint64
define_alarm (Fixture          *fixture,
              gint64            tag_id,
              PdAlarmCondition  condition,
              double            limit,
              PdAlarmPriority   priority,
              const char       *message)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;
  PdAlarmDef *def = pd_alarm_def_new (condition);

  def->tag_id = tag_id;
  def->limit = limit;
  def->priority = priority;
  def->message = g_strdup (message);
  def->enabled = TRUE;
  g_ptr_array_add (defs, def);

  g_assert_true (pd_store_save_tag_alarms (fixture->gui->store, fixture->admin, tag_id, defs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (def->id, >, 0);

  return def->id;
}

/* A station with one device, "Oven", and two tag alarms. Nothing raised. */
static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(PdDevice) device = pd_test_tcp_device_new (0, "Oven", 1502, 300, 1000);
  g_autoptr(PdDevice) added = NULL;
  g_autoptr(GError) error = NULL;

  fixture->gui = pd_gui_fixture_new (TRUE);
  fixture->admin = pd_test_login (fixture->gui->store, "admin");

  added = pd_store_add_device (fixture->gui->store, fixture->admin, device, &error);
  g_assert_no_error (error);

  fixture->temperature_alarm = define_alarm (fixture, add_tag (fixture, added->id, "Temperature", 0),
                                             PD_ALARM_CONDITION_HI, 80, PD_ALARM_PRIORITY_HIGH, NULL);
  fixture->pressure_alarm = define_alarm (fixture, add_tag (fixture, added->id, "Pressure", 2),
                                          PD_ALARM_CONDITION_LO, 2, PD_ALARM_PRIORITY_LOW, "Pressure low");

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  pd_gui_flush ();
  g_clear_object (&fixture->admin);
  pd_gui_fixture_free (fixture->gui);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* Appends EVENT to EVENTS: ALARM_ID, KIND at TS with VALUE. */
static void
add_event (GPtrArray        *events,
           gint64            alarm_id,
           PdAlarmEventKind  kind,
           gint64            ts,
           double            value)
{
  PdAlarmEvent *event = pd_alarm_event_new (alarm_id, kind, ts);

  event->value = value;
  g_ptr_array_add (events, event);
}

static void
append_events (Fixture   *fixture,
               GPtrArray *events)
{
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;

  written = pd_store_append_alarm_events (fixture->gui->store, events, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, events->len);
}

/* Shows VIEW in a window of its own, as the Alarms section would, and
 * waits for the read that showing it starts. */
static void
show_view (Fixture   *fixture,
           GtkWidget *view)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, view);
  gtk_window_present (fixture->window);
}

/* Runs STMT, which must start a read of the history view, and waits for
 * its rows. */
#define HISTORY_READ(view, stmt)                                                      \
  G_STMT_START {                                                                      \
    guint n_reads_ = _pd_alarm_history_view_get_n_reads (view);                       \
    stmt;                                                                             \
    PD_GUI_WAIT_UNTIL (_pd_alarm_history_view_get_n_reads (view) > n_reads_ &&        \
                       !_pd_alarm_history_view_get_loading (view));                   \
  } G_STMT_END

static guint
n_rows (PdAlarmHistoryView *view)
{
  return g_list_model_get_n_items (_pd_alarm_history_view_get_model (view));
}

/* Asserts that every row's cell COLUMN contains TEXT; returns the rows. */
static guint
assert_all_rows (PdAlarmHistoryView *view,
                 guint               column,
                 const char         *text)
{
  guint n = n_rows (view);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cell = _pd_alarm_history_view_dup_cell_text (view, i, column);

      if (strstr (cell, text) == NULL)
        g_error ("row %u: “%s” does not contain “%s”", i, cell, text);
    }

  return n;
}

/* Two temperature alarms three days ago and half an hour ago, a pressure
 * alarm twenty minutes ago that the administrator acknowledged. */
static void
make_history (Fixture *fixture)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gboolean changed = FALSE;

  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_RAISE, now - 3 * G_TIME_SPAN_DAY, 85.5);
  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_CLEAR, now - 3 * G_TIME_SPAN_DAY + G_TIME_SPAN_MINUTE, 70);
  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_RAISE, now - 30 * G_TIME_SPAN_MINUTE, 91.25);
  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_CLEAR, now - 25 * G_TIME_SPAN_MINUTE, 72);
  add_event (events, fixture->pressure_alarm, PD_ALARM_EVENT_RAISE, now - 20 * G_TIME_SPAN_MINUTE, 1.5);
  append_events (fixture, events);

  g_assert_true (pd_store_acknowledge_alarm (fixture->gui->store, fixture->admin, fixture->pressure_alarm,
                                             "checked the pump", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
}

static void
test_history_rows_and_filters (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  PdAlarmHistoryView *view;
  PdAlarmEvent *event;

  make_history (fixture);
  view = PD_ALARM_HISTORY_VIEW (pd_alarm_history_view_new (fixture->gui->store, fixture->admin));
  HISTORY_READ (view, show_view (fixture, GTK_WIDGET (view)));

  /* The last 24 hours, newest first: the acknowledgement, the pressure
   * alarm, the temperature alarm's clear and raise. */
  g_assert_cmpuint (n_rows (view), ==, 4);
  g_assert_false (_pd_alarm_history_view_get_showing_empty (view));
  event = _pd_alarm_history_view_get_event (view, 0);
  g_assert_cmpint (event->kind, ==, PD_ALARM_EVENT_ACK);
  g_assert_cmpint (event->alarm_id, ==, fixture->pressure_alarm);
  {
    g_autofree char *user = _pd_alarm_history_view_dup_cell_text (view, 0, CELL_USER);
    g_autofree char *comment = _pd_alarm_history_view_dup_cell_text (view, 0, CELL_COMMENT);
    g_autofree char *message = _pd_alarm_history_view_dup_cell_text (view, 0, CELL_MESSAGE);
    g_autofree char *source = _pd_alarm_history_view_dup_cell_text (view, 0, CELL_SOURCE);
    g_autofree char *priority = _pd_alarm_history_view_dup_cell_text (view, 0, CELL_PRIORITY);

    g_assert_cmpstr (user, ==, "admin");
    g_assert_cmpstr (comment, ==, "checked the pump");
    g_assert_cmpstr (message, ==, "Pressure low");
    g_assert_nonnull (strstr (source, "Pressure"));
    g_assert_cmpstr (priority, ==, pd_alarm_priority_get_label (PD_ALARM_PRIORITY_LOW));
  }
  event = _pd_alarm_history_view_get_event (view, 3);
  g_assert_cmpint (event->kind, ==, PD_ALARM_EVENT_RAISE);
  g_assert_cmpint (event->alarm_id, ==, fixture->temperature_alarm);
  {
    g_autofree char *value = _pd_alarm_history_view_dup_cell_text (view, 3, CELL_VALUE);
    g_autofree char *kind = _pd_alarm_history_view_dup_cell_text (view, 3, CELL_EVENT);
    g_autofree char *user = _pd_alarm_history_view_dup_cell_text (view, 3, CELL_USER);

    g_assert_cmpstr (value, ==, "91.25");
    g_assert_cmpstr (kind, ==, pd_alarm_event_kind_get_label (PD_ALARM_EVENT_RAISE));
    g_assert_cmpstr (user, ==, "");
  }

  /* Priority */
  HISTORY_READ (view, _pd_alarm_history_view_select_priority (view, PD_ALARM_PRIORITY_HIGH));
  g_assert_cmpuint (assert_all_rows (view, CELL_SOURCE, "Temperature"), ==, 2);
  HISTORY_READ (view, _pd_alarm_history_view_select_priority (view, -1));
  g_assert_cmpuint (n_rows (view), ==, 4);

  /* Two changes in a row: the first read is cancelled, the rows are the
   * second's. */
  HISTORY_READ (view, {
    _pd_alarm_history_view_select_priority (view, PD_ALARM_PRIORITY_HIGH);
    g_assert_true (_pd_alarm_history_view_get_loading (view));
    _pd_alarm_history_view_select_kind (view, PD_ALARM_EVENT_RAISE);
  });
  g_assert_cmpuint (assert_all_rows (view, CELL_EVENT, pd_alarm_event_kind_get_label (PD_ALARM_EVENT_RAISE)), ==, 1);
  g_assert_cmpuint (assert_all_rows (view, CELL_SOURCE, "Temperature"), ==, 1);
  HISTORY_READ (view, _pd_alarm_history_view_select_kind (view, -1));
  HISTORY_READ (view, _pd_alarm_history_view_select_priority (view, -1));
  g_assert_cmpuint (n_rows (view), ==, 4);

  /* Text, after the search entry's pause */
  HISTORY_READ (view, gtk_editable_set_text (_pd_alarm_history_view_get_search_entry (view), "pressure"));
  g_assert_cmpuint (assert_all_rows (view, CELL_SOURCE, "Pressure"), ==, 2);

  /* Event kind, combined with the text */
  HISTORY_READ (view, _pd_alarm_history_view_select_kind (view, PD_ALARM_EVENT_ACK));
  g_assert_cmpuint (assert_all_rows (view, CELL_COMMENT, "checked the pump"), ==, 1);
  HISTORY_READ (view, _pd_alarm_history_view_select_kind (view, -1));
  HISTORY_READ (view, gtk_editable_set_text (_pd_alarm_history_view_get_search_entry (view), ""));
  g_assert_cmpuint (n_rows (view), ==, 4);

  /* Periods: the last hour has the same four, seven days the old ones too. */
  HISTORY_READ (view, _pd_alarm_history_view_select_period (view, PD_ALARM_HISTORY_PERIOD_HOUR));
  g_assert_cmpuint (n_rows (view), ==, 4);
  HISTORY_READ (view, _pd_alarm_history_view_select_period (view, PD_ALARM_HISTORY_PERIOD_WEEK));
  g_assert_cmpuint (n_rows (view), ==, 6);
  HISTORY_READ (view, _pd_alarm_history_view_select_period (view, PD_ALARM_HISTORY_PERIOD_SHIFT));
  g_assert_cmpuint (n_rows (view), ==, 4);

  /* Chosen days: from today on shows today's; from tomorrow, nothing. */
  HISTORY_READ (view, _pd_alarm_history_view_select_period (view, PD_ALARM_HISTORY_PERIOD_CUSTOM));
  g_assert_cmpuint (n_rows (view), >=, 4);
  HISTORY_READ (view, gtk_editable_set_text (_pd_alarm_history_view_get_since_entry (view), tomorrow_text));
  g_assert_cmpuint (n_rows (view), ==, 0);
  g_assert_true (_pd_alarm_history_view_get_showing_empty (view));

  /* A wrong date is flagged, and the rows stay as they were. */
  gtk_editable_set_text (_pd_alarm_history_view_get_until_entry (view), "2026-02-31");
  pd_gui_flush ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pd_alarm_history_view_get_until_entry (view)), "error"));
  g_assert_false (_pd_alarm_history_view_get_loading (view));
  g_assert_cmpuint (n_rows (view), ==, 0);
}

static void
test_history_follows_store (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  PdAlarmHistoryView *view;

  view = PD_ALARM_HISTORY_VIEW (pd_alarm_history_view_new (fixture->gui->store, fixture->admin));
  HISTORY_READ (view, show_view (fixture, GTK_WIDGET (view)));
  g_assert_cmpuint (n_rows (view), ==, 0);
  g_assert_true (_pd_alarm_history_view_get_showing_empty (view));

  /* A raise while the view is shown appears without touching it. */
  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_RAISE, g_get_real_time (), 99);
  append_events (fixture, events);
  PD_GUI_WAIT_UNTIL (n_rows (view) == 1 && !_pd_alarm_history_view_get_loading (view));
  g_assert_false (_pd_alarm_history_view_get_showing_empty (view));
  g_assert_cmpint (_pd_alarm_history_view_get_event (view, 0)->alarm_id, ==, fixture->temperature_alarm);
}

static void
test_history_export (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  PdAlarmHistoryView *view;
  guint n_lines = 0;

  make_history (fixture);
  view = PD_ALARM_HISTORY_VIEW (pd_alarm_history_view_new (fixture->gui->store, fixture->admin));
  HISTORY_READ (view, show_view (fixture, GTK_WIDGET (view)));
  HISTORY_READ (view, _pd_alarm_history_view_select_period (view, PD_ALARM_HISTORY_PERIOD_WEEK));
  g_assert_cmpuint (n_rows (view), ==, 6);

  path = g_build_filename (fixture->gui->data_dir, "alarm history.csv", NULL);
  file = g_file_new_for_path (path);
  _pd_alarm_history_view_export (view, file);
  g_assert_true (_pd_alarm_history_view_get_exporting (view));
  PD_GUI_WAIT_UNTIL (!_pd_alarm_history_view_get_exporting (view));
  g_assert_nonnull (strstr (_pd_alarm_history_view_get_export_message (view), "alarm history.csv"));
  g_assert_null (strstr (_pd_alarm_history_view_get_export_message (view), "Could not"));

  /* A header and the six rows shown, with what people wrote. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      n_lines++;
  g_assert_cmpuint (n_lines, ==, 1 + 6);
  g_assert_nonnull (strstr (contents, "checked the pump"));
  g_assert_nonnull (strstr (contents, "Pressure low"));
  g_assert_nonnull (strstr (contents, "Temperature"));
  g_assert_nonnull (strstr (contents, "admin"));

  /* A folder that does not exist: a message, no file. */
  bad_path = g_build_filename (fixture->gui->data_dir, "missing", "history.csv", NULL);
  bad_file = g_file_new_for_path (bad_path);
  _pd_alarm_history_view_export (view, bad_file);
  PD_GUI_WAIT_UNTIL (!_pd_alarm_history_view_get_exporting (view));
  g_assert_nonnull (strstr (_pd_alarm_history_view_get_export_message (view), "history.csv"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (_pd_alarm_history_view_get_export_message (view), !=, NULL);
  g_assert_nonnull (strstr (_pd_alarm_history_view_get_export_message (view), "Could not"));
}

static const char *
row_title (GtkListBox *list,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static guint
n_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

#define PERFORMANCE_READ(view, stmt)                                                  \
  G_STMT_START {                                                                      \
    guint n_reads_ = _pd_alarm_performance_view_get_n_reads (view);                   \
    stmt;                                                                             \
    PD_GUI_WAIT_UNTIL (_pd_alarm_performance_view_get_n_reads (view) > n_reads_ &&    \
                       !_pd_alarm_performance_view_get_loading (view));               \
  } G_STMT_END

static void
test_performance (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  gint64 now = g_get_real_time ();
  /* Three hours ago, one minute into a 10-minute bucket. */
  gint64 burst = (now - 3 * G_TIME_SPAN_HOUR) / (10 * G_TIME_SPAN_MINUTE) * (10 * G_TIME_SPAN_MINUTE) + G_TIME_SPAN_MINUTE;
  PdAlarmPerformanceView *view;
  PdAlarmPerformance *performance;
  PdAlarmRateChart *chart;
  GtkListBox *list;

  /* The pressure alarm stands for 30 hours; the temperature alarm chatters:
   * twelve raises within 48 seconds, a flood in its 10-minute bucket. */
  add_event (events, fixture->pressure_alarm, PD_ALARM_EVENT_RAISE, now - 30 * G_TIME_SPAN_HOUR, 1.2);
  for (int i = 0; i < 12; i++)
    {
      add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_RAISE, burst + i * 4 * G_USEC_PER_SEC, 81);
      add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_CLEAR, burst + (i * 4 + 2) * G_USEC_PER_SEC, 79);
    }
  append_events (fixture, events);

  view = PD_ALARM_PERFORMANCE_VIEW (pd_alarm_performance_view_new (fixture->gui->store));
  PERFORMANCE_READ (view, show_view (fixture, GTK_WIDGET (view)));

  /* The last 24 hours */
  performance = _pd_alarm_performance_view_get_performance (view);
  g_assert_nonnull (performance);
  g_assert_cmpuint (performance->total_raised, ==, 12);
  g_assert_cmpuint (performance->flood_buckets, ==, 1);
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "total"), ==, "12");
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "peak"), ==, "12");
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "high"), ==, "12");
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "urgent"), ==, "0");

  chart = _pd_alarm_performance_view_get_chart (view);
  g_assert_cmpuint (pd_alarm_rate_chart_get_n_flood_bars (chart), ==, 1);
  g_assert_true (pd_alarm_rate_chart_get_buckets (chart) == performance->buckets);
  g_assert_cmpuint (pd_alarm_rate_chart_get_buckets (chart)->len, >=, 6 * 24);

  list = _pd_alarm_performance_view_get_list (view, "chattering");
  g_assert_cmpuint (n_list_rows (list), ==, 1);
  g_assert_nonnull (strstr (row_title (list, 0), "Temperature"));

  list = _pd_alarm_performance_view_get_list (view, "top");
  g_assert_cmpuint (n_list_rows (list), >=, 1);
  g_assert_nonnull (strstr (row_title (list, 0), "Temperature"));

  /* Seven days: the standing pressure alarm is counted too. */
  PERFORMANCE_READ (view, _pd_alarm_performance_view_select_period (view, PD_ALARM_PERFORMANCE_PERIOD_WEEK));
  performance = _pd_alarm_performance_view_get_performance (view);
  g_assert_cmpuint (performance->total_raised, ==, 13);
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "low"), ==, "1");
  list = _pd_alarm_performance_view_get_list (view, "standing");
  g_assert_cmpuint (n_list_rows (list), ==, 1);
  g_assert_nonnull (strstr (row_title (list, 0), "Pressure"));
  g_assert_cmpuint (pd_alarm_rate_chart_get_n_flood_bars (_pd_alarm_performance_view_get_chart (view)), ==, 1);
}

static void
test_performance_empty (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  PdAlarmPerformanceView *view;

  view = PD_ALARM_PERFORMANCE_VIEW (pd_alarm_performance_view_new (fixture->gui->store));
  PERFORMANCE_READ (view, show_view (fixture, GTK_WIDGET (view)));

  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "total"), ==, "0");
  g_assert_cmpuint (pd_alarm_rate_chart_get_n_flood_bars (_pd_alarm_performance_view_get_chart (view)), ==, 0);
  g_assert_cmpuint (n_list_rows (_pd_alarm_performance_view_get_list (view, "top")), ==, 0);
  g_assert_cmpuint (n_list_rows (_pd_alarm_performance_view_get_list (view, "chattering")), ==, 0);
  g_assert_cmpuint (n_list_rows (_pd_alarm_performance_view_get_list (view, "standing")), ==, 0);

  /* A raise while the view is shown is counted after a quiet pause. */
  add_event (events, fixture->temperature_alarm, PD_ALARM_EVENT_RAISE, g_get_real_time (), 99);
  append_events (fixture, events);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_alarm_performance_view_get_figure (view, "total"), "1") == 0);
  g_assert_cmpstr (_pd_alarm_performance_view_get_figure (view, "high"), ==, "1");
  g_assert_cmpuint (n_list_rows (_pd_alarm_performance_view_get_list (view, "top")), ==, 1);
  PD_GUI_WAIT_UNTIL (!_pd_alarm_performance_view_get_loading (view));
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/alarm-history/rows-and-filters", test_history_rows_and_filters);
  pd_gui_test_add ("/gui/alarm-history/follows-store", test_history_follows_store);
  pd_gui_test_add ("/gui/alarm-history/export", test_history_export);
  pd_gui_test_add ("/gui/alarm-performance/flood-and-chattering", test_performance);
  pd_gui_test_add ("/gui/alarm-performance/empty-then-follows-store", test_performance_empty);

  return g_test_run ();
}
