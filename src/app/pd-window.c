/* pd-window.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alarms/pd-alarm-banner.h"
#include "alarms/pd-alarms-page.h"
#include "pd-login-page.h"
#include "pd-sections.h"
#include "pd-setup-page.h"
#include "pd-window.h"
#include "pd-window-private.h"

struct _PdWindow
{
  AdwApplicationWindow  parent_instance;

  PdStore              *store;
  PdUser               *user;
  /* Opened at the first sign-in and kept until the window closes: the line
   * does not stop when the screen locks or another person signs in. */
  PdHistorian          *historian;
  PdAcquisition        *acquisition;
  GCancellable         *historian_cancellable;
  /* Evaluates alarms on the acquisition's values, for as long as it runs. */
  PdAlarmEngine        *alarms;
  /* Reports work centers' part counters to their running operations. */
  PdMachineCounts      *counts;
  GCancellable         *alarms_cancellable;
  /* Ids of the alarms with a desktop notification on screen. */
  GHashTable           *notified;
  gboolean              flood_notified;
  /* Session bus names that take notifications, and which of them have an
   * owner: without any, GLib would warn on every notification. */
  guint                 notification_watch_ids[3];
  guint                 notification_servers;
  guint                 n_notifications;
  char                 *last_notification_id;
  /* The open of the store in a worker, while it is in flight. */
  GCancellable         *open_cancellable;
  GSettings            *settings;
  char                 *last_toast;

  /* Auto-lock: one one-shot timeout. Input only moves the deadline; when
   * the timeout fires early because of input, it is armed again for the
   * time left. Nothing runs periodically while nobody touches the screen. */
  guint                 auto_lock_id;
  gint64                auto_lock_deadline;
  guint                 auto_lock_msec_override;

  guint                 users_changed_id;
  guint                 restoring_section : 1;
  /* The store has arrived, or the error page is shown. */
  guint                 ready : 1;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkBox               *setup_box;
  PdSetupPage          *setup_page;   /* created only for a first start */
  PdLoginPage          *login_page;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  PdAlarmBanner        *alarm_banner;
  GtkStack             *content_stack;
};

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USER,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_header (PdWindow *self)
{
  g_autofree char *station = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store == NULL)
    return;

  station = pd_store_dup_station_name (self->store);
  adw_window_title_set_title (self->sidebar_title, station != NULL ? station : "");

  if (self->user != NULL)
    {
      /* TRANSLATORS: the signed-in user and their role, e.g. "alice · Supervisor" */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  pd_user_get_name (self->user),
                                  pd_role_get_display_name (pd_user_get_role (self->user)));
    }
  adw_window_title_set_subtitle (self->sidebar_title, subtitle != NULL ? subtitle : "");
}

static const char *
row_get_section_id (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "pd-section-id") : NULL;
}

static GtkWidget *
create_sidebar_row (const PdSection *section)
{
  const char *title = pd_section_get_display_title (section);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  image = gtk_image_new_from_icon_name (section->icon_name);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (row), "pd-section-id", (gpointer) section->id);

  return row;
}

static GtkListBoxRow *
find_sidebar_row (PdWindow   *self,
                  const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (row_get_section_id (GTK_LIST_BOX_ROW (child)), id) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

/* Pages are built the first time they are shown: signing in builds only
 * the page the person lands on, and a page nobody opens (an audit log of a
 * million rows, say) costs nothing. */
static GtkWidget *
ensure_page (PdWindow        *self,
             const PdSection *section)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, section->id);

  if (page == NULL)
    {
      page = pd_section_create_widget (section, self->store, self->user, self->acquisition);
      gtk_stack_add_named (self->content_stack, page, section->id);
    }

  return page;
}

static void
sidebar_row_selected_cb (PdWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const PdSection *section = pd_sections_lookup (row_get_section_id (row));

  if (section == NULL)
    return;

  ensure_page (self, section);
  gtk_stack_set_visible_child_name (self->content_stack, section->id);
  adw_window_title_set_title (self->content_title, pd_section_get_display_title (section));

  if (!self->restoring_section)
    {
      g_settings_set_string (self->settings, "sidebar-page", section->id);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
    }
}

static void
sidebar_row_activated_cb (PdWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  /* Selecting the row that is already selected still leaves the sidebar
   * when the leaflet is folded. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (PdWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
clear_sections (PdWindow *self)
{
  GtkWidget *child;

  gtk_list_box_unselect_all (self->sidebar_list);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))) != NULL)
    gtk_stack_remove (self->content_stack, child);

  adw_window_title_set_title (self->content_title, "");
}

static void
rebuild_sections (PdWindow *self)
{
  g_autofree char *wanted = NULL;
  const PdSection *sections;
  GtkListBoxRow *row;
  guint n_sections;

  clear_sections (self);

  if (self->user == NULL)
    return;

  sections = pd_sections_get_all (&n_sections);
  for (guint i = 0; i < n_sections; i++)
    {
      const PdSection *section = &sections[i];

      if (!pd_section_is_visible_for (section, self->user))
        continue;

      gtk_list_box_append (self->sidebar_list, create_sidebar_row (section));
    }

  /* Shop-floor roles work on touch screens, often with gloves. */
  if (pd_user_get_role (self->user) == PD_ROLE_OPERATOR ||
      pd_user_get_role (self->user) == PD_ROLE_WAREHOUSE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->content_stack), "touch");
      gtk_widget_add_css_class (GTK_WIDGET (self->sidebar_list), "touch");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->content_stack), "touch");
      gtk_widget_remove_css_class (GTK_WIDGET (self->sidebar_list), "touch");
    }

  wanted = g_settings_get_string (self->settings, "sidebar-page");
  row = find_sidebar_row (self, wanted);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->sidebar_list, 0);

  self->restoring_section = TRUE;
  gtk_list_box_select_row (self->sidebar_list, row);
  self->restoring_section = FALSE;
}

static guint
get_auto_lock_msec (PdWindow *self)
{
  if (self->auto_lock_msec_override > 0)
    return self->auto_lock_msec_override;

  return g_settings_get_uint (self->settings, "auto-lock-minutes") * 60 * 1000;
}

static gboolean
auto_lock_cb (gpointer user_data)
{
  PdWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  self->auto_lock_id = 0;

  if (self->user == NULL)
    return G_SOURCE_REMOVE;

  if (now < self->auto_lock_deadline)
    {
      guint msec = (guint) ((self->auto_lock_deadline - now + 999) / 1000);

      self->auto_lock_id = g_timeout_add_full (G_PRIORITY_DEFAULT, msec, auto_lock_cb, self, NULL);
      g_source_set_name_by_id (self->auto_lock_id, "[plantdesk] auto-lock");
      return G_SOURCE_REMOVE;
    }

  g_debug ("Locking after %u ms without input", get_auto_lock_msec (self));
  pd_window_lock (self);

  return G_SOURCE_REMOVE;
}

static void
arm_auto_lock (PdWindow *self)
{
  guint msec;

  g_clear_handle_id (&self->auto_lock_id, g_source_remove);

  if (self->user == NULL || (msec = get_auto_lock_msec (self)) == 0)
    return;

  self->auto_lock_deadline = g_get_monotonic_time () + (gint64) msec * 1000;
  self->auto_lock_id = g_timeout_add_full (G_PRIORITY_DEFAULT, msec, auto_lock_cb, self, NULL);
  g_source_set_name_by_id (self->auto_lock_id, "[plantdesk] auto-lock");
}

static gboolean
input_event_cb (PdWindow                 *self,
                GdkEvent                 *event,
                GtkEventControllerLegacy *controller)
{
  if (self->auto_lock_id == 0)
    return GDK_EVENT_PROPAGATE;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->auto_lock_deadline = g_get_monotonic_time () + (gint64) get_auto_lock_msec (self) * 1000;
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* Closes the dialogs of the session that ends, so that nothing the
 * previous person opened stays on screen. */
static void
close_session_windows (PdWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* The shortcuts window belongs to the window, not to the session. */
      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          !GTK_IS_SHORTCUTS_WINDOW (window))
        g_ptr_array_add (doomed, g_steal_pointer (&window));
    }

  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
}

/* Moves the focus out before a page goes away: a GtkText that loses focus
 * only by being hidden keeps its cursor blinking and warns. */
static void
show_page (PdWindow   *self,
           const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) != 0)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
set_user (PdWindow *self,
          PdUser   *user)
{
  if (!g_set_object (&self->user, user))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/* Ends the session; returns the name of the person who was signed in. */
static char *
end_session (PdWindow *self)
{
  char *name;

  if (self->user == NULL)
    return NULL;

  name = g_strdup (pd_user_get_name (self->user));

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_clear_handle_id (&self->auto_lock_id, g_source_remove);
  close_session_windows (self);
  clear_sections (self);
  pd_store_logout (self->store, self->user);
  set_user (self, NULL);
  update_header (self);

  return name;
}

static void
show_login (PdWindow   *self,
            const char *user_name)
{
  pd_login_page_reset (self->login_page, user_name);
  show_page (self, "login");
  pd_login_page_focus (self->login_page);
}

static void
historian_open_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(PdHistorian) historian = NULL;
  g_autoptr(GError) error = NULL;

  historian = pd_historian_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (historian == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the reason, e.g. a disk error */
      message = g_strdup_printf (_("Values are not recorded: %s"), error->message);
      pd_window_add_toast (self, message);
      return;
    }

  /* The window was closed while the file was being checked. */
  if (self->acquisition == NULL)
    return;

  g_set_object (&self->historian, historian);
  pd_acquisition_set_historian (self->acquisition, historian);
}

static void
alarms_start_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pd_alarm_engine_start_finish (PD_ALARM_ENGINE (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  {
    g_autofree char *message = NULL;

    /* TRANSLATORS: %s is the reason, e.g. a disk error */
    message = g_strdup_printf (_("Alarms are not evaluated: %s"), error->message);
    pd_window_add_toast (self, message);
  }
}

static void
send_notification (PdWindow      *self,
                   const char    *id,
                   GNotification *notification)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->n_notifications++;
  g_free (self->last_notification_id);
  self->last_notification_id = g_strdup (id);

  if (application != NULL && g_application_get_is_registered (application) &&
      self->notification_servers != 0)
    g_application_send_notification (application, id, notification);
}

static void
withdraw_notification (PdWindow   *self,
                       const char *id)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (application != NULL && g_application_get_is_registered (application) &&
      self->notification_servers != 0)
    g_application_withdraw_notification (application, id);
}

static const char * const notification_servers[] = {
  "org.freedesktop.portal.Desktop",
  "org.gtk.Notifications",
  "org.freedesktop.Notifications",
};

static void
notification_server_appeared_cb (GDBusConnection *connection,
                                 const char      *name,
                                 const char      *owner,
                                 gpointer         user_data)
{
  PdWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (notification_servers); i++)
    if (g_str_equal (name, notification_servers[i]))
      self->notification_servers |= 1u << i;
}

static void
notification_server_vanished_cb (GDBusConnection *connection,
                                 const char      *name,
                                 gpointer         user_data)
{
  PdWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (notification_servers); i++)
    if (g_str_equal (name, notification_servers[i]))
      self->notification_servers &= ~(1u << i);
}

/* One notification for each new urgent or high alarm that needs a person;
 * during a flood, one that counts them rather than dozens. */
static void
alarms_raised_cb (PdWindow      *self,
                  gpointer       alarm_ids,
                  guint          n_alarm_ids,
                  PdAlarmEngine *engine)
{
  const gint64 *ids = alarm_ids;
  g_autoptr(GPtrArray) loud = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_free);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n_alarm_ids; i++)
    {
      PdAlarm *alarm = pd_alarm_engine_dup_alarm (engine, ids[i]);

      if (alarm == NULL)
        continue;

      if (alarm->def->priority > PD_ALARM_PRIORITY_HIGH ||
          !pd_alarm_status_needs_ack (&alarm->status, now))
        {
          pd_alarm_free (alarm);
          continue;
        }

      g_ptr_array_add (loud, alarm);
    }

  if (loud->len == 0)
    return;

  if (loud->len > 3)
    {
      const PdAlarm *first = g_ptr_array_index (loud, 0);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *message = pd_alarm_def_dup_message (first->def);
      g_autofree char *body = NULL;

      title = g_strdup_printf (ngettext ("%u new alarm", "%u new alarms", loud->len), loud->len);
      /* TRANSLATORS: the body of the notification of an alarm flood: the first alarm's source and message */
      body = g_strdup_printf (_("Among them: %s — %s"),
                              first->def->source_name != NULL ? first->def->source_name : "",
                              message);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
      g_notification_set_default_action_and_target (notification, "app.show-alarm", "x", (gint64) -1);
      send_notification (self, "alarm-flood", notification);
      self->flood_notified = TRUE;
      return;
    }

  for (guint i = 0; i < loud->len; i++)
    {
      const PdAlarm *alarm = g_ptr_array_index (loud, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *message = pd_alarm_def_dup_message (alarm->def);
      g_autofree char *id = g_strdup_printf ("alarm-%" G_GINT64_FORMAT, alarm->status.alarm_id);
      gint64 alarm_id = alarm->status.alarm_id;

      /* TRANSLATORS: a notification's title: the priority and the alarm's source, e.g. "Urgent: Press / temperature" */
      title = g_strdup_printf (_("%s: %s"),
                               pd_alarm_priority_get_label (alarm->def->priority),
                               alarm->def->source_name != NULL ? alarm->def->source_name : "");
      notification = g_notification_new (title);
      g_notification_set_body (notification, message);
      g_notification_set_priority (notification,
                                   alarm->def->priority == PD_ALARM_PRIORITY_URGENT
                                     ? G_NOTIFICATION_PRIORITY_URGENT
                                     : G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action_and_target (notification, "app.show-alarm", "x", alarm_id);
      send_notification (self, id, notification);
      g_hash_table_add (self->notified, g_memdup2 (&alarm_id, sizeof alarm_id));
    }
}

/* A notification goes away once its alarm no longer needs a person. */
static void
alarms_changed_cb (PdWindow      *self,
                   PdAlarmEngine *engine)
{
  GHashTableIter iter;
  gpointer key;
  gint64 now = g_get_real_time ();

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 alarm_id = *(gint64 *) key;
      g_autoptr(PdAlarm) alarm = pd_alarm_engine_dup_alarm (engine, alarm_id);

      if (alarm == NULL || !pd_alarm_status_needs_ack (&alarm->status, now))
        {
          g_autofree char *id = g_strdup_printf ("alarm-%" G_GINT64_FORMAT, alarm_id);

          withdraw_notification (self, id);
          g_hash_table_iter_remove (&iter);
        }
    }

  if (self->flood_notified)
    {
      PdAlarmSummary summary = { { 0, }, };

      pd_alarm_engine_get_summary (engine, &summary);
      if (summary.unacknowledged[PD_ALARM_PRIORITY_URGENT] == 0 &&
          summary.unacknowledged[PD_ALARM_PRIORITY_HIGH] == 0)
        {
          withdraw_notification (self, "alarm-flood");
          self->flood_notified = FALSE;
        }
      pd_alarm_summary_clear (&summary);
    }
}

/* Acquisition runs from the first sign-in until the window closes; it
 * keeps polling while the screen is locked, so that history has no holes
 * and the next person sees the line at once. history.db is opened (and
 * checked) in a worker meanwhile; a historian that cannot be opened leaves
 * acquisition running without history, and says so. */
static void
ensure_acquisition (PdWindow *self)
{
  if (self->acquisition != NULL || self->store == NULL)
    return;

  self->acquisition = pd_acquisition_new (self->store, NULL);

  /* The alarm engine loads in its own thread; values that arrive before
   * it is ready wait in its queue. */
  g_clear_object (&self->alarms_cancellable);
  self->alarms_cancellable = g_cancellable_new ();
  self->alarms = pd_alarm_engine_new (pd_store_get_data_dir (self->store));
  g_signal_connect_object (self->alarms, "raised",
                           G_CALLBACK (alarms_raised_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->alarms, "changed",
                           G_CALLBACK (alarms_changed_cb), self, G_CONNECT_SWAPPED);
  pd_alarm_engine_start_async (self->alarms, self->alarms_cancellable,
                               alarms_start_cb, g_object_ref (self));
  pd_acquisition_set_alarm_engine (self->acquisition, self->alarms);
  self->counts = pd_machine_counts_new (pd_store_get_data_dir (self->store));
  pd_machine_counts_start (self->counts);
  pd_acquisition_set_machine_counts (self->acquisition, self->counts);
  if (self->alarm_banner != NULL)
    pd_alarm_banner_set_engine (self->alarm_banner, self->alarms);

  pd_acquisition_start (self->acquisition);

  g_clear_object (&self->historian_cancellable);
  self->historian_cancellable = g_cancellable_new ();
  pd_historian_open_async (pd_store_get_data_dir (self->store), self->historian_cancellable,
                           historian_open_cb, g_object_ref (self));
}

static void
stop_acquisition (PdWindow *self)
{
  g_cancellable_cancel (self->historian_cancellable);
  g_clear_object (&self->historian_cancellable);
  g_cancellable_cancel (self->alarms_cancellable);
  g_clear_object (&self->alarms_cancellable);
  if (self->alarm_banner != NULL)
    pd_alarm_banner_set_engine (self->alarm_banner, NULL);
  if (self->acquisition != NULL)
    {
      pd_acquisition_stop (self->acquisition);
      pd_acquisition_set_alarm_engine (self->acquisition, NULL);
      pd_acquisition_set_machine_counts (self->acquisition, NULL);
    }
  /* Stopping reports what was counted last. */
  if (self->counts != NULL)
    pd_machine_counts_stop (self->counts);
  g_clear_object (&self->counts);
  /* After the acquisition: what it evaluated last is written. */
  if (self->alarms != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->alarms, self);
      pd_alarm_engine_stop (self->alarms);
    }
  g_clear_object (&self->alarms);
  g_clear_object (&self->acquisition);
  g_clear_object (&self->historian);
}

static void
signed_in_cb (PdWindow *self,
              PdUser   *user)
{
  g_assert (PD_IS_USER (user));

  ensure_acquisition (self);
  set_user (self, user);
  g_settings_set_string (self->settings, "last-user", pd_user_get_name (user));

  update_header (self);
  rebuild_sections (self);
  show_page (self, "main");
  pd_login_page_reset (self->login_page, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
  arm_auto_lock (self);
}

static gboolean
check_user_cb (gpointer user_data)
{
  PdWindow *self = user_data;
  g_autoptr(PdUser) fresh = NULL;

  self->users_changed_id = 0;

  if (self->user == NULL)
    return G_SOURCE_REMOVE;

  /* Another administrator may have disabled this user or changed their
   * role meanwhile: follow at once instead of showing pages the role no
   * longer grants. */
  fresh = pd_store_find_user (self->store, pd_user_get_name (self->user), NULL);
  if (fresh == NULL || pd_user_get_disabled (fresh))
    {
      g_autofree char *name = end_session (self);

      show_login (self, name);
      return G_SOURCE_REMOVE;
    }

  if (pd_user_get_role (fresh) != pd_user_get_role (self->user))
    {
      set_user (self, fresh);
      update_header (self);
      rebuild_sections (self);
    }

  return G_SOURCE_REMOVE;
}

/* Checked from an idle: the change may come from a handler inside one of
 * the pages that a rebuild would destroy. */
static void
store_users_changed_cb (PdWindow *self,
                        PdStore  *store)
{
  if (self->user != NULL && self->users_changed_id == 0)
    self->users_changed_id = g_idle_add (check_user_cb, self);
}

static void
auto_lock_changed_cb (PdWindow *self)
{
  if (self->user != NULL)
    arm_auto_lock (self);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pd_window_add_toast (PD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
save_window_state (PdWindow *self)
{
  int width;
  int height;

  g_settings_delay (self->settings);

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_apply (self->settings);
}

static gboolean
pd_window_close_request (GtkWindow *window)
{
  PdWindow *self = PD_WINDOW (window);

  save_window_state (self);
  pd_window_end_session (self);
  stop_acquisition (self);

  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

static void
set_ready (PdWindow *self)
{
  if (self->ready)
    return;

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
pd_window_constructed (GObject *object)
{
  PdWindow *self = (PdWindow *) object;
  g_autofree char *last_user = NULL;

  G_OBJECT_CLASS (pd_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Until the store arrives the login page waits in its opening state:
   * the entries can already be filled in, signing in cannot start. Most
   * starts end on this page, so it is the one painted first. */
  last_user = g_settings_get_string (self->settings, "last-user");
  show_login (self, last_user[0] != '\0' ? last_user : NULL);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = (PdWindow *) object;

  g_clear_handle_id (&self->auto_lock_id, g_source_remove);
  g_clear_handle_id (&self->users_changed_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->notification_watch_ids); i++)
    g_clear_handle_id (&self->notification_watch_ids[i], g_bus_unwatch_name);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WINDOW);
  /* After the pages, which hold the acquisition and listen to it. */
  stop_acquisition (self);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

static void
pd_window_finalize (GObject *object)
{
  PdWindow *self = (PdWindow *) object;

  g_clear_object (&self->user);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->last_notification_id, g_free);
  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (pd_window_parent_class)->finalize (object);
}

static void
pd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pd_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shows the Devices section on the page of one device: how other pages
 * (the Overview, alarms) lead to a device. */
static void
show_device_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  GtkListBoxRow *row = find_sidebar_row (self, "devices");
  GtkWidget *page;

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->sidebar_list, row);
  page = gtk_stack_get_child_by_name (self->content_stack, "devices");
  if (page != NULL)
    gtk_widget_activate_action (page, "devices.open", "x", g_variant_get_int64 (parameter));
}

/* Shows the Alarms section, with the alarm of the parameter selected
 * (-1 or 0: none): where the banner and the notifications lead. */
static void
show_alarms_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  GtkListBoxRow *row = find_sidebar_row (self, "alarms");
  GtkWidget *page;

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->sidebar_list, row);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  page = gtk_stack_get_child_by_name (self->content_stack, "alarms");
  if (PD_IS_ALARMS_PAGE (page))
    pd_alarms_page_show_alarm (PD_ALARMS_PAGE (page),
                               parameter != NULL ? g_variant_get_int64 (parameter) : -1);
}

/* Opens the section named by the parameter, when the user has it. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  GtkListBoxRow *row = find_sidebar_row (self, g_variant_get_string (parameter, NULL));

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->sidebar_list, row);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
pd_window_class_init (PdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pd_window_constructed;
  object_class->dispose = pd_window_dispose;
  object_class->finalize = pd_window_finalize;
  object_class->get_property = pd_window_get_property;
  object_class->set_property = pd_window_set_property;

  window_class->close_request = pd_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_LOGIN_PAGE);
  g_type_ensure (PD_TYPE_ALARM_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/pd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, setup_box);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, alarm_banner);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-device", "x", show_device_action);
  gtk_widget_class_install_action (widget_class, "win.show-alarms", "x", show_alarms_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
}

/* Input in WINDOW (this one or one of its dialogs) moves the deadline of
 * the automatic lock. */
static void
watch_input (PdWindow  *self,
             GtkWindow *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (input_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

static void
pd_window_init (PdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (notification_servers) == G_N_ELEMENTS (self->notification_watch_ids));
  for (guint i = 0; i < G_N_ELEMENTS (notification_servers); i++)
    self->notification_watch_ids[i] = g_bus_watch_name (G_BUS_TYPE_SESSION, notification_servers[i],
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                        notification_server_appeared_cb,
                                                        notification_server_vanished_cb,
                                                        self, NULL);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                           G_CALLBACK (auto_lock_changed_cb), self, G_CONNECT_SWAPPED);

  watch_input (self, GTK_WINDOW (self));
}

PdWindow *
pd_window_new (PdApplication *application,
               PdStore       *store)
{
  g_return_val_if_fail (PD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || PD_IS_STORE (store), NULL);

  return g_object_new (PD_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

PdStore *
pd_window_get_store (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->store;
}

static void
open_store_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pd_store_open_finish (result, &error);
  /* Cancelled: the window was destroyed or got its store another way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->open_cancellable);

  if (store == NULL)
    pd_window_show_error (self, error);
  else
    pd_window_set_store (self, store);
}

void
pd_window_open_store (PdWindow   *self,
                      const char *data_dir)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (self->store == NULL);
  g_return_if_fail (self->open_cancellable == NULL);
  g_return_if_fail (!self->ready);

  self->open_cancellable = g_cancellable_new ();
  pd_store_open_async (data_dir, self->open_cancellable, open_store_cb, g_object_ref (self));
}

void
pd_window_set_store (PdWindow *self,
                     PdStore  *store)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (store == NULL || PD_IS_STORE (store));

  if (self->store == store)
    return;

  g_return_if_fail (self->store == NULL);
  g_return_if_fail (!self->ready);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  self->store = g_object_ref (store);

  g_signal_connect_object (self->store, "station-changed",
                           G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "users-changed",
                           G_CALLBACK (store_users_changed_cb), self, G_CONNECT_SWAPPED);

  /* Enables the login page and shows the station name; what was typed
   * meanwhile stays. */
  pd_login_page_set_store (self->login_page, self->store);
  update_header (self);

  if (!pd_store_is_initialized (self->store))
    {
      /* Most starts never need it: built only for a first start. */
      self->setup_page = g_object_new (PD_TYPE_SETUP_PAGE,
                                       "store", self->store,
                                       "vexpand", TRUE,
                                       NULL);
      g_signal_connect_object (self->setup_page, "signed-in",
                               G_CALLBACK (signed_in_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->setup_box, GTK_WIDGET (self->setup_page));
      show_page (self, "setup");
      pd_setup_page_focus (self->setup_page);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  set_ready (self);
}

gboolean
pd_window_is_ready (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), FALSE);

  return self->ready;
}

PdUser *
pd_window_get_user (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->user;
}

void
pd_window_show_error (PdWindow     *self,
                      const GError *error)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  markup = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, markup);
  show_page (self, "error");
  set_ready (self);
}

void
pd_window_set_demo_users (PdWindow           *self,
                          const char * const *names,
                          const char * const *passwords)
{
  g_return_if_fail (PD_IS_WINDOW (self));

  pd_login_page_set_demo_users (self->login_page, names, passwords);
}

void
pd_window_lock (PdWindow *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PD_IS_WINDOW (self));

  if (self->user == NULL)
    return;

  name = end_session (self);
  show_login (self, name);
}

void
pd_window_switch_user (PdWindow *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PD_IS_WINDOW (self));

  if (self->user == NULL)
    return;

  name = end_session (self);
  show_login (self, NULL);
}

void
pd_window_end_session (PdWindow *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PD_IS_WINDOW (self));

  name = end_session (self);
}

void
pd_window_add_toast (PdWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
pd_window_present_dialog (PdWindow  *self,
                          GtkWindow *dialog)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  watch_input (self, dialog);
  gtk_window_present (dialog);
}

/* --- For the GUI tests ---------------------------------------------------- */

const char *
_pd_window_get_page_name (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_pd_window_get_error_message (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return adw_status_page_get_description (self->error_page);
}

PdLoginPage *
_pd_window_get_login_page (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->login_page;
}

PdSetupPage *
_pd_window_get_setup_page (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->setup_page;
}

GStrv
_pd_window_dup_section_ids (PdWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        g_strv_builder_add (builder, row_get_section_id (GTK_LIST_BOX_ROW (child)));
    }

  return g_strv_builder_end (builder);
}

const char *
_pd_window_get_section_id (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return row_get_section_id (gtk_list_box_get_selected_row (self->sidebar_list));
}

gboolean
_pd_window_select_section (PdWindow   *self,
                           const char *id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PD_IS_WINDOW (self), FALSE);

  row = find_sidebar_row (self, id);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->sidebar_list, row);

  return TRUE;
}

GtkWidget *
_pd_window_get_section (PdWindow   *self,
                        const char *id)
{
  const PdSection *section;

  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  /* Only sections in the sidebar have pages, built on demand. */
  section = pd_sections_lookup (id);
  if (section == NULL || find_sidebar_row (self, id) == NULL)
    return NULL;

  return ensure_page (self, section);
}

GtkWidget *
_pd_window_peek_section (PdWindow   *self,
                         const char *id)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->content_stack, id);
}

PdAcquisition *
_pd_window_get_acquisition (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->acquisition;
}

const char *
_pd_window_get_header_title (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return adw_window_title_get_title (self->sidebar_title);
}

const char *
_pd_window_get_header_subtitle (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return adw_window_title_get_subtitle (self->sidebar_title);
}

const char *
_pd_window_get_last_toast (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->last_toast;
}

void
_pd_window_set_auto_lock_msec (PdWindow *self,
                               guint     msec)
{
  g_return_if_fail (PD_IS_WINDOW (self));

  self->auto_lock_msec_override = msec;
  if (self->user != NULL)
    arm_auto_lock (self);
}

PdAlarmEngine *
_pd_window_get_alarm_engine (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->alarms;
}

PdAlarmBanner *
_pd_window_get_alarm_banner (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->alarm_banner;
}

guint
_pd_window_get_n_notifications (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), 0);

  return self->n_notifications;
}

const char *
_pd_window_get_last_notification_id (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);

  return self->last_notification_id;
}
