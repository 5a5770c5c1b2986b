/* test-gui-kpi.c — the KPI page shows the hand-computed shift of
 * test-kpi.c: tiles, charts, export, bad input; and the Overview's OEE
 * tiles
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-kpi-test-utils.h"
#include "mes/pd-kpi-view-private.h"
#include "mes/pd-oee-tiles.h"

#define VIEW_WIDTH (1280 - 261)

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *user;
  GtkWindow    *window;
  PdKpiView    *view;
} Fixture;

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->gui = pd_gui_fixture_new (TRUE);
  pd_kpi_test_populate (f->gui->store);
  f->user = pd_test_login (f->gui->store, "operator");
  f->view = PD_KPI_VIEW (pd_kpi_view_new (f->gui->store, f->user));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, VIEW_WIDTH, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  PD_GUI_WAIT_UNTIL (!_pd_kpi_view_is_busy (f->view) && _pd_kpi_view_get_report (f->view) != NULL);
  return f;
}

static void
fixture_free (Fixture *f)
{
  gtk_window_destroy (f->window);
  pd_gui_flush ();
  g_clear_object (&f->user);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static void
choose (Fixture    *f,
        const char *work_center,
        const char *from,
        const char *to,
        PdKpiBy     by)
{
  gint64 start = pd_kpi_test_time ("2026-11-23T00:00:00Z");
  const PdKpiReport *r;

  _pd_kpi_view_set_custom_range (f->view, work_center, from, to, by);
  PD_GUI_WAIT_UNTIL (!_pd_kpi_view_is_busy (f->view));
  r = _pd_kpi_view_get_report (f->view);
  g_assert_cmpint (r->from, ==, start);
  g_assert_cmpint (r->by, ==, by);
}

static void
assert_tile (Fixture   *f,
             PdKpiTile  tile,
             double     ratio)
{
  g_autofree char *expected = pd_kpi_format_ratio (ratio);

  g_assert_cmpstr (_pd_kpi_view_get_tile_value (f->view, tile), ==, expected);
}

/* Position of NEEDLE in HAYSTACK (asserted to be there). */
static gsize
position_of (const char *haystack,
             const char *needle)
{
  const char *p = strstr (haystack, needle);

  g_assert_nonnull (p);
  return p - haystack;
}

/* The figures of test-kpi.c's hand computation on PRESS, Monday's shift:
 * A = 7/9, P = 67/70, Q = 20/21, OEE = 134/189, output 400, scrap rate
 * 1/21, on time 1 of 2. */
static void
test_hand_computed_shift (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *output = pd_qty_format (400 * PD_QTY_ONE);
  g_autofree char *oee = pd_kpi_format_ratio (134.0 / 189.0);
  g_autofree char *breakdown = pd_kpi_format_duration (G_GINT64_CONSTANT (45) * 60 * G_USEC_PER_SEC);
  const char *description;
  PdKpiChart *pareto;
  int natural = 0;

  g_assert_cmpuint (_pd_kpi_view_get_n_work_centers (f->view), ==, 2);
  choose (f, "PRESS", "2026-11-23", "2026-11-23", PD_KPI_BY_SHIFT);

  assert_tile (f, PD_KPI_TILE_AVAILABILITY, 7.0 / 9.0);
  assert_tile (f, PD_KPI_TILE_PERFORMANCE, 67.0 / 70.0);
  assert_tile (f, PD_KPI_TILE_QUALITY, 20.0 / 21.0);
  assert_tile (f, PD_KPI_TILE_OEE, 134.0 / 189.0);
  assert_tile (f, PD_KPI_TILE_SCRAP_RATE, 1.0 / 21.0);
  assert_tile (f, PD_KPI_TILE_ON_TIME, 0.5);
  g_assert_cmpstr (_pd_kpi_view_get_tile_value (f->view, PD_KPI_TILE_OUTPUT), ==, output);
  g_assert_null (_pd_kpi_view_get_status (f->view));

  /* One shift, one OEE bar; the Pareto: breakdown, no work, material. */
  g_assert_cmpuint (pd_kpi_chart_get_n_bars (_pd_kpi_view_get_oee_chart (f->view)), ==, 1);
  g_assert_nonnull (strstr (pd_kpi_chart_get_description (_pd_kpi_view_get_oee_chart (f->view)), oee));
  pareto = _pd_kpi_view_get_pareto_chart (f->view);
  g_assert_cmpuint (pd_kpi_chart_get_n_bars (pareto), ==, 3);
  description = pd_kpi_chart_get_description (pareto);
  g_assert_cmpuint (position_of (description, pd_kpi_reason_get_label ("breakdown")), <,
                    position_of (description, pd_kpi_reason_get_label (PD_KPI_REASON_NO_WORK)));
  g_assert_cmpuint (position_of (description, pd_kpi_reason_get_label (PD_KPI_REASON_NO_WORK)), <,
                    position_of (description, pd_kpi_reason_get_label ("material")));
  g_assert_nonnull (strstr (description, breakdown));

  /* Two days by day: two bars, Tuesday's OEE 0. */
  choose (f, "PRESS", "2026-11-23", "2026-11-24", PD_KPI_BY_DAY);
  g_assert_cmpuint (pd_kpi_chart_get_n_bars (_pd_kpi_view_get_oee_chart (f->view)), ==, 2);
  assert_tile (f, PD_KPI_TILE_AVAILABILITY, 21000.0 / 54000.0);

  /* Every work center: ASSEMBLY's 16 machine-hours join the planned time. */
  choose (f, NULL, "2026-11-23", "2026-11-23", PD_KPI_BY_DAY);
  assert_tile (f, PD_KPI_TILE_AVAILABILITY, 21000.0 / 84600.0);
  assert_tile (f, PD_KPI_TILE_QUALITY, 20.0 / 21.0);

  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("natural width %d", natural);
  g_assert_cmpint (natural, <=, VIEW_WIDTH);
  pd_gui_screenshot (GTK_WIDGET (f->window), "kpi-view");
}

/* A day that is not a date names the field and the text; the figures
 * stay as they were. */
static void
test_bad_range (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  const PdKpiReport *before;
  const char *status;

  choose (f, "PRESS", "2026-11-23", "2026-11-23", PD_KPI_BY_SHIFT);
  before = _pd_kpi_view_get_report (f->view);
  _pd_kpi_view_set_custom_range (f->view, "PRESS", "2026-13-45", "2026-11-23", PD_KPI_BY_SHIFT);
  PD_GUI_WAIT_UNTIL (!_pd_kpi_view_is_busy (f->view));
  status = _pd_kpi_view_get_status (f->view);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (status, "2026-13-45"));
  g_assert_true (_pd_kpi_view_get_report (f->view) == before);
  assert_tile (f, PD_KPI_TILE_OEE, 134.0 / 189.0);
}

/* Export writes the CSV of the core in a worker. */
static void
test_export (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *path = g_build_filename (f->gui->data_dir, "kpi.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  choose (f, "PRESS", "2026-11-23", "2026-11-24", PD_KPI_BY_DAY);
  _pd_kpi_view_export_to (f->view, file);
  g_assert_true (_pd_kpi_view_is_exporting (f->view));
  PD_GUI_WAIT_UNTIL (!_pd_kpi_view_is_exporting (f->view));
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_no_error (error);
  expected = pd_kpi_report_to_csv (_pd_kpi_view_get_report (f->view));
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, ",27000,21000,6000,400,20,420,"));
}

/* A new work order event reloads the view (work-orders-changed). */
static void
test_reload (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(GError) error = NULL;
  const PdKpiReport *before;

  choose (f, "PRESS", "2026-11-23", "2026-11-23", PD_KPI_BY_SHIFT);
  before = _pd_kpi_view_get_report (f->view);
  g_assert_true (pd_store_rebuild_work_orders (f->gui->store, &error));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (_pd_kpi_view_get_report (f->view) != before && !_pd_kpi_view_is_busy (f->view));
  assert_tile (f, PD_KPI_TILE_OEE, 134.0 / 189.0);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Overview's tiles at 13:59 on Monday: PRESS's shift so far has PPT
 * 06:00–13:59 less the break = 449 min = 26940 s and the run time of the
 * whole shift, 21000 s: A = 21000 / 26940, P = 67/70, Q = 20/21 as in the
 * shift; ASSEMBLY ran nothing: OEE 0. */
static void
test_overview_tiles (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  GtkWidget *tiles = pd_oee_tiles_new (f->gui->store);
  GtkWidget *window = gtk_window_new ();
  double a = 21000.0 / 26940.0;
  g_autofree char *oee = pd_kpi_format_ratio (a * 67.0 / 70.0 * 20.0 / 21.0);
  g_autofree char *a_text = pd_kpi_format_ratio (a);
  g_autofree char *zero = pd_kpi_format_ratio (0);
  GtkWidget *page_tiles;

  gtk_window_set_child (GTK_WINDOW (window), tiles);
  gtk_window_present (GTK_WINDOW (window));
  _pd_oee_tiles_set_now (PD_OEE_TILES (tiles), pd_kpi_test_time ("2026-11-23T13:59:00Z"));
  PD_GUI_WAIT_UNTIL (!_pd_oee_tiles_is_busy (PD_OEE_TILES (tiles)));
  g_assert_true (gtk_widget_get_visible (tiles));
  g_assert_cmpuint (_pd_oee_tiles_get_n_tiles (PD_OEE_TILES (tiles)), ==, 2);
  g_assert_cmpstr (_pd_oee_tiles_get_code (PD_OEE_TILES (tiles), 0), ==, "ASSEMBLY");
  g_assert_cmpstr (_pd_oee_tiles_get_oee (PD_OEE_TILES (tiles), 0), ==, zero);
  g_assert_cmpstr (_pd_oee_tiles_get_code (PD_OEE_TILES (tiles), 1), ==, "PRESS");
  g_assert_cmpstr (_pd_oee_tiles_get_oee (PD_OEE_TILES (tiles), 1), ==, oee);
  g_assert_nonnull (strstr (_pd_oee_tiles_get_parts (PD_OEE_TILES (tiles), 1), a_text));
  pd_gui_screenshot (window, "oee-tiles");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The Overview page holds them once someone signs in. */
  pd_gui_sign_in (f->gui, "supervisor", PD_TEST_PASSWORD);
  PD_GUI_WAIT_UNTIL ((page_tiles = find_widget (GTK_WIDGET (f->gui->window), PD_TYPE_OEE_TILES)) != NULL
                     && !_pd_oee_tiles_is_busy (PD_OEE_TILES (page_tiles))
                     && _pd_oee_tiles_get_n_tiles (PD_OEE_TILES (page_tiles)) == 2);
}

/* Without work centers there is nothing to show. */
static void
test_overview_tiles_hidden (void)
{
  g_autoptr(PdGuiFixture) gui = pd_gui_fixture_new (TRUE);
  GtkWidget *tiles = pd_oee_tiles_new (gui->store);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), tiles);
  gtk_window_present (GTK_WINDOW (window));
  PD_GUI_WAIT_UNTIL (!_pd_oee_tiles_is_busy (PD_OEE_TILES (tiles)));
  g_assert_false (gtk_widget_get_visible (tiles));
  g_assert_cmpuint (_pd_oee_tiles_get_n_tiles (PD_OEE_TILES (tiles)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  pd_gui_flush ();
}

int
main (int    argc,
      char **argv)
{
  /* Shifts and days in UTC, as the events' times were chosen. */
  g_setenv ("TZ", "UTC", TRUE);
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/kpi/hand-computed-shift", test_hand_computed_shift);
  pd_gui_test_add ("/gui/kpi/bad-range", test_bad_range);
  pd_gui_test_add ("/gui/kpi/export", test_export);
  pd_gui_test_add ("/gui/kpi/reload", test_reload);
  pd_gui_test_add ("/gui/kpi/overview-tiles", test_overview_tiles);
  pd_gui_test_add ("/gui/kpi/overview-tiles-hidden", test_overview_tiles_hidden);

  return g_test_run ();
}
