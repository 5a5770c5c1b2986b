/* pd-gui-test-utils.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-gui-test-utils"

#include "config.h"

#include <locale.h>

#include "pd-gui-test-utils.h"
#include "pd-login-page-private.h"

static gboolean have_display;

struct _PdGuiDeadline
{
  guint    source_id;
  gboolean passed;
};

static gboolean
deadline_cb (gpointer user_data)
{
  PdGuiDeadline *deadline = user_data;

  deadline->passed = TRUE;
  deadline->source_id = 0;

  return G_SOURCE_REMOVE;
}

PdGuiDeadline *
pd_gui_deadline_new (guint timeout_ms)
{
  PdGuiDeadline *deadline = g_new0 (PdGuiDeadline, 1);

  deadline->source_id = g_timeout_add (timeout_ms, deadline_cb, deadline);

  return deadline;
}

gboolean
pd_gui_deadline_iterate (PdGuiDeadline *deadline)
{
  if (deadline->passed)
    return FALSE;

  g_main_context_iteration (NULL, TRUE);

  return TRUE;
}

void
pd_gui_deadline_free (PdGuiDeadline *deadline)
{
  g_clear_handle_id (&deadline->source_id, g_source_remove);
  g_free (deadline);
}

void
pd_gui_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
pd_gui_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  pd_core_init ();

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
}

typedef struct
{
  GTestFunc func;
} GuiTest;

static void
run_gui_test (gconstpointer data)
{
  const GuiTest *test = data;

  if (g_test_subprocess ())
    {
      test->func ();
      return;
    }

  if (!have_display)
    {
      g_test_skip ("No display: run under Xvfb (build-aux/run-tests does)");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

void
pd_gui_test_add (const char *path,
                 GTestFunc   func)
{
  /* Static: GLib frees the data only of tests that run, and a subprocess
   * runs one. */
  static GuiTest tests[64];
  static guint n_tests;

  g_assert (n_tests < G_N_ELEMENTS (tests));
  tests[n_tests].func = func;
  g_test_add_data_func (path, &tests[n_tests++], run_gui_test);
}

PdGuiFixture *
pd_gui_fixture_new (gboolean populated)
{
  g_autoptr(GError) error = NULL;
  PdGuiFixture *fixture = g_new0 (PdGuiFixture, 1);

  fixture->data_dir = pd_test_data_dir_new ();

  /* Prepared through a connection of its own, closed again: the window
   * opens the store in a worker, as the application does, and the test
   * then uses that same store, so that its signals reach the window. */
  if (populated)
    g_assert_finalize_object (pd_test_store_new_populated (fixture->data_dir));

  fixture->app = pd_application_new ();
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  fixture->window = pd_window_new (fixture->app, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  pd_window_open_store (fixture->window, fixture->data_dir);
  gtk_window_present (GTK_WINDOW (fixture->window));

  pd_gui_wait_ready (fixture->window);
  g_assert_nonnull (pd_window_get_store (fixture->window));
  fixture->store = g_object_ref (pd_window_get_store (fixture->window));

  return fixture;
}

void
pd_gui_wait_ready (PdWindow *window)
{
  g_assert_true (PD_IS_WINDOW (window));

  PD_GUI_WAIT_UNTIL (pd_window_is_ready (window));
}

void
pd_gui_fixture_free (PdGuiFixture *fixture)
{
  if (fixture == NULL)
    return;

  /* Dialogs first, then the main window: as when the application quits. */
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (gtk_window_get_toplevels (), 0);

      gtk_window_destroy (window);
    }

  PD_GUI_WAIT_UNTIL (fixture->window == NULL);
  pd_gui_flush ();

  /* Nothing of the UI may keep the store alive: a leak would show here. */
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *) &fixture->store);
  g_object_unref (fixture->store);
  PD_GUI_WAIT_UNTIL (fixture->store == NULL);

  g_clear_object (&fixture->app);
  pd_test_data_dir_free (fixture->data_dir);
  g_free (fixture);
}

const char *
pd_gui_try_sign_in (PdGuiFixture *fixture,
                    const char   *name,
                    const char   *password)
{
  PdLoginPage *page = _pd_window_get_login_page (fixture->window);

  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "login");

  gtk_editable_set_text (_pd_login_page_get_name_entry (page), name);
  gtk_editable_set_text (_pd_login_page_get_password_entry (page), password);
  _pd_login_page_submit (page);

  PD_GUI_WAIT_UNTIL (!_pd_login_page_get_busy (page));

  if (g_strcmp0 (_pd_window_get_page_name (fixture->window), "main") == 0)
    return NULL;

  g_assert_nonnull (_pd_login_page_get_message (page));

  return _pd_login_page_get_message (page);
}

void
pd_gui_sign_in (PdGuiFixture *fixture,
                const char   *name,
                const char   *password)
{
  const char *message = pd_gui_try_sign_in (fixture, name, password);

  if (message != NULL)
    g_error ("Could not sign in as %s: %s", name, message);

  g_assert_cmpstr (_pd_window_get_page_name (fixture->window), ==, "main");
  g_assert_nonnull (pd_window_get_user (fixture->window));
  g_assert_cmpstr (pd_user_get_name (pd_window_get_user (fixture->window)), ==, name);
}

gpointer
pd_gui_find_window (PdGuiFixture *fixture,
                    GType         type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

void
pd_gui_assert_sections (PdGuiFixture       *fixture,
                        const char * const *expected)
{
  g_auto(GStrv) ids = _pd_window_dup_section_ids (fixture->window);
  g_autofree char *got = g_strjoinv (",", ids);
  g_autofree char *want = g_strjoinv (",", (char **) expected);

  g_assert_cmpstr (got, ==, want);

  /* The content has exactly one page per listed section. */
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_nonnull (_pd_window_get_section (fixture->window, expected[i]));
}

void
pd_gui_enter (GtkEntry   *entry,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

void
pd_gui_screenshot (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("PLANTDESK_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;

  /* Let transitions end: only for pictures, never for assertions. */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  pd_gui_flush ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
