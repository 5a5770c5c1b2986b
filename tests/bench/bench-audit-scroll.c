/* bench-audit-scroll.c — scrolling the audit log of 100,000 rows
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the real window in this process on a data dir with 100,000 audit
 * rows, signs the administrator in, opens the Audit Log and scrolls its
 * table: one page at a time from the top, then in jumps across the whole
 * log (each lands on rows not read yet). For every step it measures the
 * time from moving the scroll position to the end of the next painted
 * frame, which includes reading the rows, binding the cells and drawing.
 *
 *   bench-audit-scroll [XVFB_RUN]
 */

#define G_LOG_DOMAIN "bench-audit-scroll"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>

#include "pd-bench-utils.h"

#include "admin/pd-audit-page-private.h"
#include "pd-application.h"
#include "pd-login-page-private.h"
#include "pd-window-private.h"

#define N_AUDIT_ROWS 100000
#define N_STEPS 200
#define PASSWORD "bench-password-1"

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *frame_clock)
{
  painted = TRUE;
}

static void
spin_until (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof ms[0], compare_doubles);
  g_print ("%s, %u steps: median %.1f ms, 95th percentile %.1f ms, max %.1f ms per frame\n",
           what, n, ms[n / 2], ms[(n * 95) / 100], ms[n - 1]);
}

/* Redraws the window without moving anything: what drawing alone costs. */
static double
redraw (GtkWidget *window)
{
  gint64 start = g_get_monotonic_time ();

  painted = FALSE;
  gtk_widget_queue_draw (window);
  spin_until (&painted);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Moves the table to VALUE and returns the milliseconds until the next
 * frame has been painted. */
static double
scroll_to (GtkAdjustment *adjustment,
           double         value)
{
  gint64 start = g_get_monotonic_time ();

  painted = FALSE;
  gtk_adjustment_set_value (adjustment, value);
  spin_until (&painted);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  PdWindow *window;
  PdLoginPage *login;
  PdAuditPage *page;
  GtkAdjustment *adjustment;
  gboolean loaded = FALSE;
  double ms[N_STEPS];
  double range;

  pd_bench_ensure_display (argc, argv, argc > 1 ? argv[1] : NULL);

  setlocale (LC_ALL, "C.UTF-8");
  dir = pd_bench_make_data_dir (N_AUDIT_ROWS);
  store = pd_store_open (dir, &error);
  g_assert_no_error (error);

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
  gtk_window_present (GTK_WINDOW (window));

  login = _pd_window_get_login_page (window);
  gtk_editable_set_text (_pd_login_page_get_name_entry (login), "admin");
  gtk_editable_set_text (_pd_login_page_get_password_entry (login), PASSWORD);
  _pd_login_page_submit (login);
  while (g_strcmp0 (_pd_window_get_page_name (window), "main") != 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (_pd_window_select_section (window, "audit"));
  page = PD_AUDIT_PAGE (_pd_window_get_section (window, "audit"));
  while (!loaded)
    {
      g_main_context_iteration (NULL, TRUE);
      loaded = !pd_audit_model_get_loading (_pd_audit_page_get_model (page)) &&
               g_list_model_get_n_items (_pd_audit_page_get_view_model (page)) >= N_AUDIT_ROWS;
    }

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  adjustment = _pd_audit_page_get_vadjustment (page);

  /* Let the first full frame of the table settle. */
  scroll_to (adjustment, 1.0);

  for (guint i = 0; i < N_STEPS; i++)
    ms[i] = redraw (GTK_WIDGET (window));
  report ("Redrawing the window without scrolling (drawing alone)", ms, N_STEPS);

  for (guint i = 0; i < N_STEPS; i++)
    ms[i] = scroll_to (adjustment, (i + 1) * gtk_adjustment_get_page_size (adjustment));
  report ("Audit log of 100000 rows, page by page", ms, N_STEPS);

  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  for (guint i = 0; i < N_STEPS; i++)
    /* A stride that is not a multiple of the page cache visits new rows. */
    ms[i] = scroll_to (adjustment, range * ((i * 37) % N_STEPS) / (N_STEPS - 1));
  report ("Audit log of 100000 rows, jumps across the whole log", ms, N_STEPS);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  pd_bench_remove_data_dir (dir);

  return 0;
}
