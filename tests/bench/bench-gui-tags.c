/* bench-gui-tags.c — the GUI while 10,000 tags change every second
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts plantdesk-sim with 100 devices and configures 100 tags on each
 * (input registers of the bulk region, which change every simulated
 * second), polled every second with history on. Builds the real window in
 * this process, signs the administrator in, so that the window's own
 * acquisition and historian run, and shows the Overview, then the Devices
 * section. On each page, for MEASURE_S seconds, a high-priority timeout
 * due every millisecond records how late the main loop dispatches it: the
 * longest and the median stall of the main loop while values arrive.
 *
 *   bench-gui-tags [XVFB_RUN]      (PLANTDESK_SIM names the simulator)
 */

#define G_LOG_DOMAIN "bench-gui-tags"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "pd-bench-utils.h"
#include "pd-sim-test-utils.h"

#include "overview/pd-overview-page-private.h"
#include "pd-application.h"
#include "pd-login-page-private.h"
#include "pd-window-private.h"

#define N_DEVICES        100
#define N_TAGS_PER       100
#define FIRST_ADDRESS    1000   /* the simulator's bulk input registers */
#define MEASURE_S        10
#define SETTLE_S         3
#define PASSWORD         "bench-password-1"

typedef struct
{
  GArray  *stalls_us;   /* gint64 */
  GArray  *busy_us;     /* gint64: main-thread CPU time inside each stall */
  gint64   last;
  gint64   last_cpu;
  gint64   end;
  gboolean done;
  guint64  n_values;
  guint    n_batches;
} Probe;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* CPU time of the calling thread, µs. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Due every millisecond: how much later than that it runs is how long
 * the main loop was busy with something else, or how long the process
 * waited for a core on a loaded machine. The main thread's own CPU time
 * over the same gap tells the two apart. */
static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint64 stall = now - probe->last - 1000;
  gint64 busy = cpu - probe->last_cpu;

  g_array_append_val (probe->stalls_us, stall);
  g_array_append_val (probe->busy_us, busy);
  probe->last = now;
  probe->last_cpu = cpu;

  if (now >= probe->end)
    {
      probe->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
values_changed_cb (PdAcquisition *acquisition,
                   gpointer       tag_ids,
                   guint          n_tags,
                   Probe         *probe)
{
  probe->n_values += n_tags;
  probe->n_batches++;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for SECONDS, as the application would. */
static void
spin_for (guint seconds)
{
  gboolean done = FALSE;

  g_timeout_add_seconds (seconds, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
measure (const char    *what,
         PdAcquisition *acquisition)
{
  Probe probe = { 0 };
  gulong handler;
  guint source;
  gint64 *stalls;
  gint64 *busy;
  guint n;

  probe.stalls_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.busy_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.last = g_get_monotonic_time ();
  probe.last_cpu = thread_cpu_time ();
  probe.end = probe.last + MEASURE_S * G_USEC_PER_SEC;
  handler = g_signal_connect (acquisition, "values-changed", G_CALLBACK (values_changed_cb), &probe);
  source = g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_cb, &probe, NULL);
  g_source_set_name_by_id (source, "[bench] stall probe");

  while (!probe.done)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (acquisition, handler);

  n = probe.stalls_us->len;
  stalls = (gint64 *) (gpointer) probe.stalls_us->data;
  busy = (gint64 *) (gpointer) probe.busy_us->data;
  qsort (stalls, n, sizeof (gint64), compare_int64);
  qsort (busy, n, sizeof (gint64), compare_int64);
  g_print ("%s, %d s: %" G_GUINT64_FORMAT " values in %u batches (%.0f values/s)\n"
           "  main-loop stall (wall clock): median %.2f ms, 99th percentile %.2f ms, max %.2f ms (goal < 16 ms)\n"
           "  main thread's own CPU time per gap: median %.2f ms, 99th percentile %.2f ms, max %.2f ms\n",
           what, MEASURE_S, probe.n_values, probe.n_batches, probe.n_values / (double) MEASURE_S,
           MAX (stalls[n / 2], 0) / 1000.0,
           MAX (stalls[(n * 99) / 100], 0) / 1000.0,
           MAX (stalls[n - 1], 0) / 1000.0,
           busy[n / 2] / 1000.0,
           busy[(n * 99) / 100] / 1000.0,
           busy[n - 1] / 1000.0);

  g_array_unref (probe.stalls_us);
  g_array_unref (probe.busy_us);
}

static void
configure_line (PdStore *store,
                PdSim   *sim)
{
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(GError) error = NULL;

  admin = pd_store_login (store, "admin", PASSWORD, &error);
  g_assert_no_error (error);

  for (guint d = 0; d < N_DEVICES; d++)
    {
      g_autoptr(PdDevice) device = pd_device_new ();
      g_autoptr(PdDevice) stored = NULL;
      g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
      guint n_added = 0, n_updated = 0;

      device->name = g_strdup_printf ("Device %03u", d);
      device->host = g_strdup ("127.0.0.1");
      device->port = pd_sim_get_port (sim, d);
      device->poll_ms = 1000;
      device->lifecycle = PD_LIFECYCLE_IN_SERVICE;
      stored = pd_store_add_device (store, admin, device, &error);
      g_assert_no_error (error);

      for (guint t = 0; t < N_TAGS_PER; t++)
        {
          PdTag *tag = pd_tag_new ();

          tag->name = g_strdup_printf ("value_%03u", t);
          tag->area = PD_AREA_INPUT;
          tag->address = FIRST_ADDRESS + t;
          tag->type = PD_TAG_TYPE_UINT16;
          tag->unit = g_strdup ("u");
          tag->history = TRUE;
          g_ptr_array_add (tags, tag);
        }
      pd_store_import_tags (store, admin, stored->id, tags, &n_added, &n_updated, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_added, ==, N_TAGS_PER);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char * const sim_args[] = { "--devices", G_STRINGIFY (N_DEVICES), NULL };
  g_autoptr(PdApplication) app = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdSim) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  PdAcquisition *acquisition;
  PdOverviewPage *overview;
  PdWindow *window;
  PdLoginPage *login;
  gint64 deadline;

  pd_bench_ensure_display (argc, argv, argc > 1 ? argv[1] : NULL);

  setlocale (LC_ALL, "C.UTF-8");
  if (g_getenv ("PLANTDESK_SIM") == NULL)
    {
      g_printerr ("PLANTDESK_SIM is not set: skipped\n");
      return 77;
    }

  sim = pd_sim_start (sim_args, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_sim_get_n_ports (sim), >=, N_DEVICES);

  dir = pd_bench_make_data_dir (0);
  store = pd_store_open (dir, &error);
  g_assert_no_error (error);
  configure_line (store, sim);

  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open the display: skipped\n");
      return 77;
    }

  app = pd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = pd_window_new (app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  login = _pd_window_get_login_page (window);
  gtk_editable_set_text (_pd_login_page_get_name_entry (login), "admin");
  gtk_editable_set_text (_pd_login_page_get_password_entry (login), PASSWORD);
  _pd_login_page_submit (login);
  while (g_strcmp0 (_pd_window_get_page_name (window), "main") != 0)
    g_main_context_iteration (NULL, TRUE);

  acquisition = _pd_window_get_acquisition (window);
  g_assert_nonnull (acquisition);

  g_assert_true (_pd_window_select_section (window, "overview"));
  overview = PD_OVERVIEW_PAGE (_pd_window_get_section (window, "overview"));

  /* Every device online before measuring. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (_pd_overview_page_get_tile_count (overview, PD_OVERVIEW_TILE_ONLINE) < N_DEVICES)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Only %u of %u devices came online",
                 _pd_overview_page_get_tile_count (overview, PD_OVERVIEW_TILE_ONLINE), N_DEVICES);
      _pd_overview_page_refresh (overview);
      g_main_context_iteration (NULL, TRUE);
    }
  spin_for (SETTLE_S);

  g_print ("%u devices × %u tags at a 1 s poll, history on\n", N_DEVICES, N_TAGS_PER);
  measure ("Overview", acquisition);

  if (_pd_window_select_section (window, "devices"))
    {
      spin_for (SETTLE_S);
      measure ("Devices", acquisition);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  pd_sim_stop (g_steal_pointer (&sim));
  g_clear_object (&store);
  pd_bench_remove_data_dir (dir);

  return 0;
}
