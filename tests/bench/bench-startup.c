/* bench-startup.c — start-up to the first frame of the login window
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prepares a data dir with 100,000 audit rows once, then starts
 * `plantdesk --data-dir DIR` N times with PLANTDESK_EXIT_AFTER_FIRST_FRAME=1
 * and prints the wall time from spawn to exit. The app opens its store in
 * a worker while its window is already shown; it quits after the first
 * frame painted once the store has arrived and the login (or setup, or
 * error) page shows its content, so the figure includes the open and its
 * quick_check, not only an empty opening state.
 *
 * For scale it also times an empty libadwaita window the same way (this
 * program run with --baseline-window), and both with GTK's default
 * renderer and with GSK_RENDERER=cairo: on a machine without a GPU the
 * default renderer is OpenGL in software (llvmpipe), which dominates.
 *
 *   bench-startup PLANTDESK [XVFB_RUN]
 */

#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "pd-bench-utils.h"

#define N_AUDIT_ROWS 100000
#define N_RUNS 11

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
baseline_after_paint_cb (GdkFrameClock *frame_clock,
                         GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, baseline_after_paint_cb, app);
  g_application_quit (app);
}

static void
baseline_realize_cb (GtkWidget    *window,
                     GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (baseline_after_paint_cb), app);
}

static void
baseline_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      adw_status_page_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  g_signal_connect (window, "realize", G_CALLBACK (baseline_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

/* An empty AdwApplicationWindow, painted once: what any libadwaita app
 * pays before its own code runs. */
static int
run_baseline_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.plantdesk.Plantdesk.BenchBaseline",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (baseline_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 0, NULL);
}

typedef struct
{
  double median;
  double min;
  double max;
} Stats;

static Stats
time_runs (const char * const *extra_env,
           const char * const *command)
{
  g_autoptr(GSubprocessLauncher) launcher = pd_bench_launcher_new (extra_env);
  double ms[N_RUNS];
  Stats stats;

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      child = g_subprocess_launcher_spawnv (launcher, command, &error);
      if (child == NULL || !g_subprocess_wait (child, NULL, &error))
        g_error ("Could not run %s: %s", command[0], error->message);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      if (!g_subprocess_get_successful (child))
        g_error ("Run %u of %s failed (status %d)", i + 1, command[0], g_subprocess_get_status (child));
    }

  qsort (ms, N_RUNS, sizeof ms[0], compare_doubles);
  stats.median = ms[N_RUNS / 2];
  stats.min = ms[0];
  stats.max = ms[N_RUNS - 1];

  return stats;
}

int
main (int   argc,
      char *argv[])
{
  const char *default_env[] = { "PLANTDESK_EXIT_AFTER_FIRST_FRAME=1", NULL };
  const char *cairo_env[] = { "PLANTDESK_EXIT_AFTER_FIRST_FRAME=1", "GSK_RENDERER=cairo", NULL };
  g_autofree char *dir = NULL;
  gint64 prepare_start;
  Stats app_default, app_cairo, base_default, base_cairo;

  if (argc == 2 && g_str_equal (argv[1], "--baseline-window"))
    return run_baseline_window ();

  if (argc < 2)
    {
      g_printerr ("Usage: %s PLANTDESK [XVFB_RUN]\n", argv[0]);
      return 2;
    }

  pd_bench_ensure_display (argc, argv, argc > 2 ? argv[2] : NULL);

  prepare_start = g_get_monotonic_time ();
  dir = pd_bench_make_data_dir (N_AUDIT_ROWS);
  g_print ("Prepared %s with %d audit rows in %.0f ms\n",
           dir, N_AUDIT_ROWS, (g_get_monotonic_time () - prepare_start) / 1000.0);

  {
    const char *app_command[] = { argv[1], "--data-dir", dir, NULL };
    const char *base_command[] = { argv[0], "--baseline-window", NULL };

    app_default = time_runs (default_env, app_command);
    base_default = time_runs (default_env, base_command);
    app_cairo = time_runs (cairo_env, app_command);
    base_cairo = time_runs (cairo_env, base_command);
  }

  g_print ("Start-up to the first frame of the login window, %d audit rows, %d runs: "
           "median %.1f ms, min %.1f ms, max %.1f ms\n",
           N_AUDIT_ROWS, N_RUNS, app_default.median, app_default.min, app_default.max);
  g_print ("  same, GSK_RENDERER=cairo:             median %.1f ms, min %.1f ms, max %.1f ms\n",
           app_cairo.median, app_cairo.min, app_cairo.max);
  g_print ("  empty libadwaita window:              median %.1f ms, min %.1f ms, max %.1f ms\n",
           base_default.median, base_default.min, base_default.max);
  g_print ("  empty libadwaita window, cairo:       median %.1f ms, min %.1f ms, max %.1f ms\n",
           base_cairo.median, base_cairo.min, base_cairo.max);
  g_print ("  Plantdesk's own share (median minus empty window): %.1f ms (default), %.1f ms (cairo)\n",
           app_default.median - base_default.median, app_cairo.median - base_cairo.median);

  pd_bench_remove_data_dir (dir);

  return 0;
}
