/* test-gui-trend.c — the trend view reads the historian and draws it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-trend"

#include "config.h"

#include "pd-gui-test-utils.h"
#include "devices/pd-trend-view-private.h"

/* One sample every 10 s over the last hour; values 20 … 26 in turn. */
#define SAMPLE_STEP_US   ((gint64) 10 * G_USEC_PER_SEC)
#define N_SAMPLES        360

typedef struct
{
  PdGuiFixture *fixture;
  PdAcquisition *acquisition;
  PdDevice     *device;
  PdTag        *temperature;
  PdTag        *pressure;
  PdTag        *no_history;
  gint64        first_ts;
  GtkWindow    *window;
  PdTrendView  *view;
} TrendFixture;

static PdTag *
add_tag (PdStore    *store,
         PdUser     *user,
         gint64      device_id,
         const char *name,
         guint       address,
         const char *unit,
         gboolean    history)
{
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(GError) error = NULL;
  PdTag *stored;

  tag->device_id = device_id;
  tag->name = g_strdup (name);
  tag->area = PD_AREA_HOLDING;
  tag->address = address;
  tag->type = PD_TAG_TYPE_UINT16;
  tag->unit = g_strdup (unit);
  tag->history = history;
  stored = pd_store_add_tag (store, user, tag, &error);
  g_assert_no_error (error);

  return stored;
}

static TrendFixture *
trend_fixture_new (void)
{
  TrendFixture *tf = g_new0 (TrendFixture, 1);
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (PdSample));
  g_autoptr(GError) error = NULL;
  PdHistorian *historian;
  PdStore *store;
  PdUser *user;
  gint64 now = g_get_real_time ();

  tf->fixture = pd_gui_fixture_new (TRUE);
  pd_gui_sign_in (tf->fixture, "admin", PD_TEST_PASSWORD);
  store = tf->fixture->store;
  user = pd_window_get_user (tf->fixture->window);
  tf->acquisition = _pd_window_get_acquisition (tf->fixture->window);
  g_assert_true (PD_IS_ACQUISITION (tf->acquisition));
  /* history.db is opened in a worker after signing in. */
  PD_GUI_WAIT_UNTIL (pd_acquisition_get_historian (tf->acquisition) != NULL);
  historian = pd_acquisition_get_historian (tf->acquisition);
  g_assert_true (PD_IS_HISTORIAN (historian));

  /* Never polled: only the samples below are in the history. */
  device->name = g_strdup ("Press 1");
  device->host = g_strdup ("127.0.0.1");
  device->port = 1;
  device->enabled = FALSE;
  tf->device = pd_store_add_device (store, user, device, &error);
  g_assert_no_error (error);

  tf->temperature = add_tag (store, user, tf->device->id, "temperature", 0, "°C", TRUE);
  tf->no_history = add_tag (store, user, tf->device->id, "counter", 1, NULL, FALSE);
  tf->pressure = add_tag (store, user, tf->device->id, "pressure", 2, "bar", TRUE);

  tf->first_ts = now - N_SAMPLES * SAMPLE_STEP_US;
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      PdSample temperature = { tf->temperature->id, tf->first_ts + i * SAMPLE_STEP_US, 20 + i % 7, PD_QUALITY_GOOD };
      PdSample pressure = { tf->pressure->id, tf->first_ts + i * SAMPLE_STEP_US, 4.5, PD_QUALITY_GOOD };

      g_array_append_val (samples, temperature);
      g_array_append_val (samples, pressure);
    }
  pd_historian_append (historian, (const PdSample *) (gpointer) samples->data, samples->len);
  g_assert_true (pd_historian_flush (historian, &error));
  g_assert_no_error (error);

  tf->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (tf->window, 900, 500);
  tf->view = g_object_new (PD_TYPE_TREND_VIEW,
                           "acquisition", tf->acquisition,
                           "user", user,
                           "device-id", tf->device->id,
                           NULL);
  gtk_window_set_child (tf->window, GTK_WIDGET (tf->view));
  gtk_window_present (tf->window);

  return tf;
}

static void
trend_fixture_free (TrendFixture *tf)
{
  PdTrendView *view = tf->view;

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (tf->window);
  /* Reads in flight hold the view until they come back cancelled. */
  PD_GUI_WAIT_UNTIL (view == NULL);

  pd_device_free (tf->device);
  pd_tag_free (tf->temperature);
  pd_tag_free (tf->pressure);
  pd_tag_free (tf->no_history);
  pd_gui_fixture_free (tf->fixture);
  g_free (tf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrendFixture, trend_fixture_free)

static void
wait_settled (PdTrendView *view,
              guint        n_requests_before)
{
  PD_GUI_WAIT_UNTIL (_pd_trend_view_get_n_requests (view) > n_requests_before &&
                     !_pd_trend_view_get_loading (view));
}

/* Asserts what the buckets of series INDEX say about the known samples
 * in the chart's range. */
static void
assert_series (TrendFixture *tf,
               guint         index,
               double        expected_min,
               double        expected_max)
{
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  GArray *buckets = pd_trend_chart_get_series_data (chart, index);
  guint64 total = 0;
  guint64 expected = 0;
  gint64 from, to;

  pd_trend_chart_get_range (chart, &from, &to);
  g_assert_nonnull (buckets);
  g_assert_cmpuint (buckets->len, >, 0);
  /* At most one bucket, so two points (its min and max), per pixel
   * column of the plot. */
  g_assert_cmpuint (buckets->len, <=, _pd_trend_view_get_n_buckets (tf->view));
  g_assert_cmpuint (_pd_trend_view_get_n_buckets (tf->view), <=,
                    (guint) MAX (16, pd_trend_chart_get_plot_width (chart)));

  for (guint i = 0; i < buckets->len; i++)
    {
      const PdHistoryBucket *bucket = &g_array_index (buckets, PdHistoryBucket, i);

      g_assert_cmpint (bucket->ts, >=, from - (to - from) / 1000);
      g_assert_cmpint (bucket->ts, <, to);
      g_assert_cmpfloat (bucket->min, >=, expected_min);
      g_assert_cmpfloat (bucket->max, <=, expected_max);
      g_assert_cmpfloat (bucket->min, <=, bucket->avg);
      g_assert_cmpfloat (bucket->avg, <=, bucket->max);
      total += bucket->count;
    }

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      gint64 ts = tf->first_ts + i * SAMPLE_STEP_US;

      if (ts >= from && ts < to)
        expected++;
    }
  g_assert_cmpuint (total, ==, expected);
}

static void
test_reads_buckets (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  g_autoptr(GArray) shown = NULL;

  /* At first the first tag with history, over the last hour. */
  wait_settled (tf->view, 0);
  g_assert_cmpstr (_pd_trend_view_get_visible_state (tf->view), ==, "chart");
  g_assert_cmpuint (pd_trend_chart_get_n_series (chart), ==, 1);
  g_assert_cmpint (pd_trend_chart_get_series_tag (chart, 0), ==, tf->temperature->id);
  g_assert_cmpuint (_pd_trend_view_get_n_reads (tf->view), >=, 1);
  assert_series (tf, 0, 20, 26);

  /* Chosen tags: those with history only, in the order given. */
  {
    gint64 ids[] = { tf->pressure->id, tf->no_history->id, tf->temperature->id };
    guint n_requests = _pd_trend_view_get_n_requests (tf->view);

    pd_trend_view_set_tags (tf->view, ids, G_N_ELEMENTS (ids));
    wait_settled (tf->view, n_requests);
  }
  shown = _pd_trend_view_dup_tag_ids (tf->view);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_cmpint (g_array_index (shown, gint64, 0), ==, tf->pressure->id);
  g_assert_cmpint (g_array_index (shown, gint64, 1), ==, tf->temperature->id);
  g_assert_cmpuint (pd_trend_chart_get_n_series (chart), ==, 2);
  assert_series (tf, 0, 4.5, 4.5);
  assert_series (tf, 1, 20, 26);

  /* The last 10 minutes */
  {
    guint n_requests = _pd_trend_view_get_n_requests (tf->view);
    gint64 from, to;

    _pd_trend_view_select_range (tf->view, PD_TREND_RANGE_10_MIN);
    wait_settled (tf->view, n_requests);
    pd_trend_chart_get_range (chart, &from, &to);
    g_assert_cmpint (to - from, ==, 10 * G_TIME_SPAN_MINUTE);
    assert_series (tf, 1, 20, 26);
  }
}

static void
test_zoom_reads_again (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  gint64 from, to, new_from, new_to;
  guint n_requests;
  guint n_reads;

  wait_settled (tf->view, 0);
  pd_trend_chart_get_range (chart, &from, &to);
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  n_reads = _pd_trend_view_get_n_reads (tf->view);

  /* Zooming in around the middle halves the span and reads again. */
  pd_trend_chart_zoom (chart, 0.5, 0.5);
  pd_trend_chart_get_range (chart, &new_from, &new_to);
  g_assert_cmpint (new_to - new_from, ==, (to - from) / 2);
  g_assert_cmpint (new_from, >, from);
  g_assert_cmpint (new_to, <, to);
  wait_settled (tf->view, n_requests);
  g_assert_cmpuint (_pd_trend_view_get_n_reads (tf->view), >, n_reads);
  assert_series (tf, 0, 20, 26);

  /* Panning back moves the range and reads again. */
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  pd_trend_chart_pan (chart, -0.5);
  pd_trend_chart_get_range (chart, &from, &to);
  g_assert_cmpint (from, <, new_from);
  g_assert_cmpint (to - from, ==, new_to - new_from);
  wait_settled (tf->view, n_requests);
  assert_series (tf, 0, 20, 26);

  /* A burst of zooms is one read, of the last range. */
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  for (guint i = 0; i < 5; i++)
    pd_trend_chart_zoom (chart, 1.1, 0.5);
  wait_settled (tf->view, n_requests);
  g_assert_cmpuint (_pd_trend_view_get_n_requests (tf->view), ==, n_requests + 1);
  assert_series (tf, 0, 20, 26);
}

/* Spins the main loop for MS milliseconds, to show that nothing more
 * happens: what is waited for here is an absence, so there is no
 * condition to wait on. */
static void
run_quietly_for (guint ms)
{
  PdGuiDeadline *deadline = pd_gui_deadline_new (ms);

  while (pd_gui_deadline_iterate (deadline))
    ;
  pd_gui_deadline_free (deadline);
}

/* Makes the window WIDTH pixels wide. A mapped GtkWindow ignores a new
 * default size, but grows to fit what its child asks for. */
static void
resize_window (TrendFixture *tf,
               int           width)
{
  gtk_widget_set_size_request (GTK_WIDGET (tf->view), width, -1);
}

static void
test_resize_reads_again (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  guint n_requests;
  guint n_reads;
  guint n_buckets;
  int width;

  wait_settled (tf->view, 0);

  /* Half an hour back: the range no longer ends now, so the live refresh
   * does not read while the test counts reads. */
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  pd_trend_chart_pan (chart, -0.5);
  wait_settled (tf->view, n_requests);

  width = pd_trend_chart_get_plot_width (chart);
  n_buckets = _pd_trend_view_get_n_buckets (tf->view);
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  n_reads = _pd_trend_view_get_n_reads (tf->view);
  g_assert_cmpint (width, >, 0);

  /* Twice as wide: one read, once the resize has settled, with about
   * twice the buckets. */
  resize_window (tf, 1800);
  PD_GUI_WAIT_UNTIL (pd_trend_chart_get_plot_width (chart) > width * 3 / 2);
  wait_settled (tf->view, n_requests);
  run_quietly_for (500);
  g_assert_cmpuint (_pd_trend_view_get_n_requests (tf->view), ==, n_requests + 1);
  g_assert_cmpuint (_pd_trend_view_get_n_reads (tf->view), ==, n_reads + 1);
  g_assert_cmpuint (_pd_trend_view_get_n_buckets (tf->view), >, n_buckets * 3 / 2);
  assert_series (tf, 0, 20, 26);

  /* A few pixels more read nothing. */
  width = pd_trend_chart_get_plot_width (chart);
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  resize_window (tf, 1830);
  PD_GUI_WAIT_UNTIL (pd_trend_chart_get_plot_width (chart) > width);
  run_quietly_for (500);
  g_assert_cmpuint (_pd_trend_view_get_n_requests (tf->view), ==, n_requests);
  g_assert_false (_pd_trend_view_get_loading (tf->view));
}

static void
test_legend_units (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  PdUser *user = pd_window_get_user (tf->fixture->window);
  g_autoptr(PdTag) flow = NULL;
  g_autoptr(PdTag) speed = NULL;
  const char * const expected[] = {
    "temperature (°C)", "pressure (bar)", "flow (m³/h)", "speed (rpm)", "counter",
  };
  guint n_requests;

  wait_settled (tf->view, 0);

  /* Four units and one tag without a unit: only two get a value axis, so
   * the legend names each series' unit. */
  flow = add_tag (tf->fixture->store, user, tf->device->id, "flow", 3, "m³/h", TRUE);
  speed = add_tag (tf->fixture->store, user, tf->device->id, "speed", 4, "rpm", TRUE);
  {
    g_autoptr(PdTag) counter = pd_tag_copy (tf->no_history);
    g_autoptr(GError) error = NULL;

    counter->history = TRUE;
    g_assert_true (pd_store_update_tag (tf->fixture->store, user, counter, &error));
    g_assert_no_error (error);
  }

  {
    gint64 ids[] = { tf->temperature->id, tf->pressure->id, flow->id, speed->id, tf->no_history->id };

    n_requests = _pd_trend_view_get_n_requests (tf->view);
    pd_trend_view_set_tags (tf->view, ids, G_N_ELEMENTS (ids));
    wait_settled (tf->view, n_requests);
  }

  g_assert_cmpuint (pd_trend_chart_get_n_series (chart), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = _pd_trend_chart_dup_legend_text (chart, i);

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_custom_range (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  PdTrendChart *chart = _pd_trend_view_get_chart (tf->view);
  g_autoptr(GDateTime) after_first = g_date_time_new_from_unix_local (tf->first_ts / G_USEC_PER_SEC + 60);
  /* Typed to the minute, as a person would. */
  g_autoptr(GDateTime) first = g_date_time_add_seconds (after_first, -g_date_time_get_seconds (after_first));
  g_autoptr(GDateTime) last = g_date_time_add_minutes (first, 30);
  g_autofree char *first_text = g_date_time_format (first, "%Y-%m-%d %H:%M");
  g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d %H:%M");
  const char * const refused[][2] = {
    { "2026-03-01 10:00", "2026-03-01 09:00" },   /* from after to */
    { "2026-03-01 10:00", "2026-03-01 10:00" },   /* from equal to */
    { "2026-03-01", "2026-03-01 10:00" },         /* no time */
    { "2026-02-30 10:00", "2026-03-01 10:00" },   /* no such day */
    { "2026-03-01 10:00", "tomorrow" },
    { "2026-03-01 25:00", "2026-03-02 10:00" },
  };
  gint64 from, to, now_from, now_to;
  guint n_requests;

  wait_settled (tf->view, 0);
  pd_trend_chart_get_range (chart, &from, &to);
  n_requests = _pd_trend_view_get_n_requests (tf->view);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (_pd_trend_view_apply_custom (tf->view, refused[i][0], refused[i][1], &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_nonnull (error->message);
      pd_trend_chart_get_range (chart, &now_from, &now_to);
      g_assert_cmpint (now_from, ==, from);
      g_assert_cmpint (now_to, ==, to);
      g_assert_cmpuint (_pd_trend_view_get_n_requests (tf->view), ==, n_requests);
    }

  /* Half an hour inside the samples */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (_pd_trend_view_apply_custom (tf->view, first_text, last_text, &error));
    g_assert_no_error (error);
    wait_settled (tf->view, n_requests);
    pd_trend_chart_get_range (chart, &now_from, &now_to);
    g_assert_cmpint (now_to - now_from, ==, 30 * G_TIME_SPAN_MINUTE);
    g_assert_cmpint (now_from, ==, g_date_time_to_unix (first) * G_USEC_PER_SEC);
    assert_series (tf, 0, 20, 26);
    g_assert_cmpstr (_pd_trend_view_get_visible_state (tf->view), ==, "chart");
  }

  /* A day without history says so. */
  {
    g_autoptr(GError) error = NULL;

    n_requests = _pd_trend_view_get_n_requests (tf->view);
    g_assert_true (_pd_trend_view_apply_custom (tf->view, "2001-05-01 08:00", "2001-05-01 16:00:30", &error));
    g_assert_no_error (error);
    wait_settled (tf->view, n_requests);
    g_assert_cmpstr (_pd_trend_view_get_visible_state (tf->view), ==, "empty");
  }
}

static void
test_no_history_tags (void)
{
  g_autoptr(TrendFixture) tf = trend_fixture_new ();
  guint n_requests;

  wait_settled (tf->view, 0);

  /* Choosing nothing, or only a tag without history, shows the hint. */
  n_requests = _pd_trend_view_get_n_requests (tf->view);
  pd_trend_view_set_tags (tf->view, &tf->no_history->id, 1);
  g_assert_cmpstr (_pd_trend_view_get_visible_state (tf->view), ==, "no-tags");
  g_assert_cmpuint (pd_trend_chart_get_n_series (_pd_trend_view_get_chart (tf->view)), ==, 0);
  g_assert_cmpuint (_pd_trend_view_get_n_requests (tf->view), ==, n_requests);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/trend/reads-buckets", test_reads_buckets);
  pd_gui_test_add ("/gui/trend/zoom-reads-again", test_zoom_reads_again);
  pd_gui_test_add ("/gui/trend/resize-reads-again", test_resize_reads_again);
  pd_gui_test_add ("/gui/trend/legend-units", test_legend_units);
  pd_gui_test_add ("/gui/trend/custom-range", test_custom_range);
  pd_gui_test_add ("/gui/trend/no-history-tags", test_no_history_tags);

  return g_test_run ();
}
