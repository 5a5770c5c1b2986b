/* pd-application.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core.h"

#include "pd-app-resources.h"
#include "pd-application.h"
#include "pd-preferences-window.h"
#include "pd-window.h"

struct _PdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *data_dir;
  guint           demo : 1;
  guint           started : 1;
};

G_DEFINE_FINAL_TYPE (PdApplication, pd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the workstation’s data in DIR instead of the user data folder"), N_("DIR") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the demo users and their passwords on the login screen"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static PdWindow *
get_main_window (PdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PD_IS_WINDOW (window))
    return PD_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Demo mode shows the demo accounts on the login screen. They come from a
 * file that build-aux/run-demo writes next to the demo database, so that a
 * real workstation never shows a password. */
static void
load_demo_users (PdWindow   *window,
                 const char *data_dir)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) passwords = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_build_filename (data_dir, "demo-credentials.ini", NULL);
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      g_debug ("No demo users: %s", error->message);
      return;
    }

  keys = g_key_file_get_keys (key_file, "demo-users", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      char *password = g_key_file_get_string (key_file, "demo-users", keys[i], NULL);

      if (password == NULL)
        continue;

      g_ptr_array_add (names, g_strdup (keys[i]));
      g_ptr_array_add (passwords, password);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (passwords, NULL);

  pd_window_set_demo_users (window,
                            (const char * const *) names->pdata,
                            (const char * const *) passwords->pdata);
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                PdApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, self);
  g_application_quit (G_APPLICATION (self));
}

/* Quits after the next frame painted, which shows the page that the store
 * decided on. */
static void
quit_after_next_frame (GtkWidget     *window,
                       PdApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, quit_after_next_frame, self);

  if (!gtk_widget_get_realized (window))
    {
      g_signal_connect_object (window, "realize", G_CALLBACK (quit_after_next_frame), self, 0);
      return;
    }

  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), self, 0);
  gtk_widget_queue_draw (window);
}

static void
window_ready_cb (PdWindow      *window,
                 GParamSpec    *pspec,
                 PdApplication *self)
{
  PdStore *store = pd_window_get_store (window);

  if (!pd_window_is_ready (window))
    return;

  g_signal_handlers_disconnect_by_func (window, window_ready_cb, self);

  if (store != NULL && self->demo)
    load_demo_users (window, pd_store_get_data_dir (store));

  /* For the start-up benchmark: quit once the window has been painted
   * with its content, so that spawn-to-exit measures spawn-to-first-frame
   * of a login page one can use, not of its opening state. */
  if (g_getenv ("PLANTDESK_EXIT_AFTER_FIRST_FRAME") != NULL)
    quit_after_next_frame (GTK_WIDGET (window), self);
}

static PdWindow *
create_main_window (PdApplication *self)
{
  g_autofree char *data_dir = NULL;
  PdWindow *window;

  data_dir = self->data_dir != NULL ? g_strdup (self->data_dir) : pd_store_default_data_dir ();

  /* The window is shown at once; the store, whose quick_check grows with
   * the database, opens in a worker meanwhile. */
  window = pd_window_new (self, NULL);
  g_signal_connect_object (window, "notify::ready", G_CALLBACK (window_ready_cb), self, 0);
  pd_window_open_store (window, data_dir);

  return window;
}

static void
apply_color_scheme (PdApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PdApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing saves the window state and audits the end of the session. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PdApplication *self = user_data;
  PdWindow *window = get_main_window (self);
  PdPreferencesWindow *preferences;

  /* The station name needs the store: nothing before it has arrived. */
  if (window == NULL || !pd_window_is_ready (window))
    return;

  preferences = pd_preferences_window_new (pd_window_get_store (window),
                                           pd_window_get_user (window));
  pd_window_present_dialog (window, GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PdApplication *self = user_data;
  const char *developers[] = { _("The Plantdesk authors"), NULL };
  PdWindow *window = get_main_window (self);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Plantdesk"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Plantdesk authors"),
                        "developers", developers,
                        "comments", _("The shop-floor workstation: HMI, MES and WMS terminal in one program"),
                        "copyright", _("© 2026 The Plantdesk authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        "modal", TRUE,
                        NULL);
  if (window != NULL)
    pd_window_present_dialog (window, GTK_WINDOW (about));
  else
    gtk_window_present (GTK_WINDOW (about));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PdWindow *window = get_main_window (user_data);

  if (window != NULL)
    pd_window_lock (window);
}

static void
switch_user_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PdWindow *window = get_main_window (user_data);

  if (window != NULL)
    pd_window_switch_user (window);
}

/* The default action of an alarm's desktop notification: brings the
 * window forward on the Alarms section with that alarm selected. */
static void
show_alarm_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PdWindow *window = get_main_window (user_data);

  if (window == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-alarms", "x",
                              parameter != NULL ? g_variant_get_int64 (parameter) : (gint64) -1);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "lock", lock_action },
  { "switch-user", switch_user_action },
  { "show-alarm", show_alarm_action, "x" },
};

static void
pd_application_startup (GApplication *application)
{
  PdApplication *self = PD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };

  G_APPLICATION_CLASS (pd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
pd_application_shutdown (GApplication *application)
{
  PdApplication *self = PD_APPLICATION (application);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      pd_window_end_session (l->data);

  G_APPLICATION_CLASS (pd_application_parent_class)->shutdown (application);
}

static int
pd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Go on: the options travel to the primary instance. */
  return -1;
}

static int
pd_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  PdApplication *self = PD_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  /* The first launch chooses the data; a later one, which GApplication
   * hands to this running instance, only brings its window back. */
  if (!self->started)
    {
      const char *data_dir = NULL;

      self->started = TRUE;
      if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir) && data_dir[0] != '\0')
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, data_dir);

          self->data_dir = g_file_get_path (file);
        }
      self->demo = g_variant_dict_contains (options, "demo");
    }

  g_application_activate (application);

  return EXIT_SUCCESS;
}

static void
pd_application_activate (GApplication *application)
{
  PdApplication *self = PD_APPLICATION (application);
  PdWindow *window = get_main_window (self);

  if (window == NULL)
    window = create_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
pd_application_finalize (GObject *object)
{
  PdApplication *self = (PdApplication *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (pd_application_parent_class)->finalize (object);
}

static void
pd_application_class_init (PdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pd_application_finalize;

  application_class->startup = pd_application_startup;
  application_class->shutdown = pd_application_shutdown;
  application_class->activate = pd_application_activate;
  application_class->command_line = pd_application_command_line;
  application_class->handle_local_options = pd_application_handle_local_options;

  pd_app_register_resource ();
}

static void
pd_application_init (PdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

PdApplication *
pd_application_new (void)
{
  return g_object_new (PD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/org/plantdesk/Plantdesk",
                       NULL);
}
