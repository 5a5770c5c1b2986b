/* pd-alarm-history-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-history-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "alarms/pd-alarm-history-view.h"
#include "alarms/pd-alarm-history-view-private.h"
#include "alarms/pd-alarm-item.h"
#include "alarms/pd-alarm-view-utils.h"
#include "pd-date-entry.h"

/* Changes of the store come in bursts (a flood raises hundreds of alarms
 * a second): they are gathered into one read after this pause. */
#define RELOAD_DELAY_MS 500

/* The most rows one read brings: enough for a week of a busy plant, few
 * enough for the table to stay quick. */
#define HISTORY_LIMIT 10000

/* The first entry of the priority and event drop-downs stands for "any". */
#define ANY_POSITION 0

enum {
  COLUMN_TIME,
  COLUMN_SOURCE,
  COLUMN_CONDITION,
  COLUMN_PRIORITY,
  COLUMN_EVENT,
  COLUMN_VALUE,
  COLUMN_USER,
  COLUMN_COMMENT,
  COLUMN_MESSAGE,
  N_COLUMNS
};

/* --- One row ------------------------------------------------------------- */

#define PD_TYPE_ALARM_EVENT_ITEM (pd_alarm_event_item_get_type ())
G_DECLARE_FINAL_TYPE (PdAlarmEventItem, pd_alarm_event_item, PD, ALARM_EVENT_ITEM, GObject)

/* A row of the table: one event of the read's array, which the item keeps
 * alive with a reference on the array. */
struct _PdAlarmEventItem
{
  GObject       parent_instance;
  GPtrArray    *events;
  PdAlarmEvent *event;
};

G_DEFINE_FINAL_TYPE (PdAlarmEventItem, pd_alarm_event_item, G_TYPE_OBJECT)

static void
pd_alarm_event_item_finalize (GObject *object)
{
  PdAlarmEventItem *self = (PdAlarmEventItem *) object;

  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_alarm_event_item_parent_class)->finalize (object);
}

static void
pd_alarm_event_item_class_init (PdAlarmEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_alarm_event_item_finalize;
}

static void
pd_alarm_event_item_init (PdAlarmEventItem *self)
{
}

static PdAlarmEventItem *
pd_alarm_event_item_new (GPtrArray *events,
                         guint      index)
{
  PdAlarmEventItem *self = g_object_new (PD_TYPE_ALARM_EVENT_ITEM, NULL);

  self->events = g_ptr_array_ref (events);
  self->event = g_ptr_array_index (events, index);

  return self;
}

/* --- The view ------------------------------------------------------------ */

struct _PdAlarmHistoryView
{
  AdwBin               parent_instance;

  PdStore             *store;
  PdUser              *user;

  GListStore          *rows;          /* PdAlarmEventItem */
  GPtrArray           *events;        /* of the last read, for export */
  PdAlarmViewReads     reads;
  GCancellable        *export_cancellable;
  GtkFileChooserNative *chooser;
  char                *export_message;
  char                *error_message;
  gboolean             exporting;
  gboolean             updating;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkDropDown         *period_dropdown;
  GtkFlowBoxChild     *since_child;
  GtkFlowBoxChild     *until_child;
  GtkEntry            *since_entry;
  GtkEntry            *until_entry;
  GtkMenuButton       *since_button;
  GtkMenuButton       *until_button;
  GtkCalendar         *since_calendar;
  GtkCalendar         *until_calendar;
  GtkDropDown         *priority_dropdown;
  GtkDropDown         *kind_dropdown;
  GtkSearchEntry      *search_entry;
  GtkStack            *view_stack;
  GtkColumnView       *column_view;
  GtkNoSelection      *selection;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *condition_column;
  GtkColumnViewColumn *priority_column;
  GtkColumnViewColumn *event_column;
  GtkColumnViewColumn *value_column;
  GtkColumnViewColumn *user_column;
  GtkColumnViewColumn *comment_column;
  GtkColumnViewColumn *message_column;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  GtkButton           *export_button;
};

G_DEFINE_FINAL_TYPE (PdAlarmHistoryView, pd_alarm_history_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (PdAlarmHistoryView *self);

/* --- Cells --------------------------------------------------------------- */

static char *
format_cell (const PdAlarmEvent *event,
             guint               column)
{
  switch (column)
    {
    case COLUMN_TIME:
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (event->ts / G_USEC_PER_SEC);
        g_autoptr(GDateTime) local = NULL;

        if (utc == NULL)
          return g_strdup ("");
        local = g_date_time_to_local (utc);
        return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      }

    case COLUMN_SOURCE:
      return g_strdup (event->source_name != NULL ? event->source_name : "");

    case COLUMN_CONDITION:
      return g_strdup (pd_alarm_condition_get_label (event->condition));

    case COLUMN_PRIORITY:
      return g_strdup (pd_alarm_priority_get_label (event->priority));

    case COLUMN_EVENT:
      {
        const char *label = pd_alarm_event_kind_get_label (event->kind);

        /* A shelving says until when. */
        if (event->kind == PD_ALARM_EVENT_SHELVE && event->until > 0)
          {
            g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (event->until / G_USEC_PER_SEC);
            g_autofree char *time = until != NULL ? g_date_time_format (until, "%H:%M") : NULL;

            if (time != NULL)
              /* TRANSLATORS: an alarm event: "Shelved until 14:30" */
              return g_strdup_printf (_("%s until %s"), label, time);
          }
        return g_strdup (label);
      }

    case COLUMN_VALUE:
      if (isnan (event->value))
        return g_strdup ("");
      /* Events carry no unit; the message names it. */
      return pd_alarm_format_number (event->condition, event->value, NULL);

    case COLUMN_USER:
      return g_strdup (event->user_name != NULL ? event->user_name : "");

    case COLUMN_COMMENT:
      return g_strdup (event->comment != NULL ? event->comment : "");

    case COLUMN_MESSAGE:
      return g_strdup (event->message != NULL ? event->message : "");

    default:
      g_assert_not_reached ();
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0.0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, inscription);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  PdAlarmEventItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = format_cell (item->event, column);

  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);

  /* Colour means abnormal (ISA-101): only the two top priorities of a
   * raise stand out. */
  if (column == COLUMN_PRIORITY || column == COLUMN_EVENT)
    {
      gboolean loud = item->event->kind == PD_ALARM_EVENT_RAISE &&
                      item->event->priority <= PD_ALARM_PRIORITY_HIGH;

      if (loud)
        gtk_widget_add_css_class (child, item->event->priority == PD_ALARM_PRIORITY_URGENT ? "error" : "warning");
      else
        {
          gtk_widget_remove_css_class (child, "error");
          gtk_widget_remove_css_class (child, "warning");
        }
    }
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    guint                index)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (index));
  gtk_column_view_column_set_factory (column, factory);
}

/* --- Filters ------------------------------------------------------------- */

/* Fills FILTER from the controls; FALSE (and the wrong entry flagged)
 * while a chosen day is not a valid date, in which case the previous rows
 * stay rather than showing everything or nothing while the person types. */
static gboolean
build_filter (PdAlarmHistoryView   *self,
              PdAlarmHistoryFilter *filter)
{
  gint64 now = g_get_real_time ();
  guint selected;
  const char *text;

  memset (filter, 0, sizeof *filter);
  filter->limit = HISTORY_LIMIT;

  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PD_ALARM_HISTORY_PERIOD_HOUR:
      filter->since = now - G_TIME_SPAN_HOUR;
      break;

    case PD_ALARM_HISTORY_PERIOD_SHIFT:
      filter->since = now - 8 * G_TIME_SPAN_HOUR;
      break;

    case PD_ALARM_HISTORY_PERIOD_WEEK:
      filter->since = now - 7 * G_TIME_SPAN_DAY;
      break;

    case PD_ALARM_HISTORY_PERIOD_CUSTOM:
      {
        g_autoptr(GDateTime) since = NULL;
        g_autoptr(GDateTime) until = NULL;
        gboolean since_ok = pd_date_entry_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->since_entry)), &since);
        gboolean until_ok = pd_date_entry_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->until_entry)), &until);

        pd_date_entry_set_valid (self->since_entry, since_ok);
        pd_date_entry_set_valid (self->until_entry, until_ok);
        if (!since_ok || !until_ok)
          return FALSE;

        if (since != NULL)
          filter->since = g_date_time_to_unix (since) * G_USEC_PER_SEC;
        /* "To" names a whole day: the filter's upper bound is exclusive. */
        if (until != NULL)
          {
            g_autoptr(GDateTime) next = g_date_time_add_days (until, 1);

            filter->until = g_date_time_to_unix (next) * G_USEC_PER_SEC;
          }
      }
      break;

    case PD_ALARM_HISTORY_PERIOD_DAY:
    default:
      filter->since = now - G_TIME_SPAN_DAY;
      break;
    }

  selected = gtk_drop_down_get_selected (self->priority_dropdown);
  if (selected != ANY_POSITION && selected != GTK_INVALID_LIST_POSITION)
    filter->priorities = 1u << (selected - 1);

  selected = gtk_drop_down_get_selected (self->kind_dropdown);
  if (selected != ANY_POSITION && selected != GTK_INVALID_LIST_POSITION)
    filter->kinds = 1u << (selected - 1);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text != NULL && text[0] != '\0')
    filter->text = g_strstrip (g_strdup (text));

  return TRUE;
}

/* --- Reading ------------------------------------------------------------- */

static void
update_status (PdAlarmHistoryView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = NULL;

  gtk_spinner_set_spinning (self->spinner, self->reads.loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->reads.loading);

  if (self->error_message != NULL)
    text = g_strdup (self->error_message);
  else if (self->reads.loading)
    text = g_strdup (_("Loading…"));
  else if (n_items >= HISTORY_LIMIT)
    /* TRANSLATORS: %u is the most rows the history shows, 10,000 */
    text = g_strdup_printf (_("The newest %u events: choose a shorter period or filter to see older ones"), n_items);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_items), n_items);
  gtk_label_set_text (self->status_label, text);

  gtk_stack_set_visible_child_name (self->view_stack,
                                    n_items == 0 && !self->reads.loading ? "empty" : "list");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), n_items > 0 && !self->exporting);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PdAlarmHistoryView) self = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_old;

  events = pd_alarm_events_read_finish (result, &error);
  if (!pd_alarm_view_reads_finish (user_data, (gpointer *) &self))
    return;

  g_clear_pointer (&self->error_message, g_free);

  if (events == NULL)
    {
      g_debug ("Reading alarm history: %s", error->message);
      /* TRANSLATORS: %s is the reason */
      self->error_message = g_strdup_printf (_("Could not read the alarm history: %s"), error->message);
      events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
    }

  items = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (items, pd_alarm_event_item_new (events, i));

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_steal_pointer (&events);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_list_store_splice (self->rows, 0, n_old, items->pdata, items->len);

  update_status (self);
}

static void
reload (PdAlarmHistoryView *self)
{
  PdAlarmHistoryFilter filter;
  gpointer data;

  g_clear_handle_id (&self->reads.reload_id, g_source_remove);

  if (self->store == NULL || self->updating)
    return;

  if (!build_filter (self, &filter))
    return;

  data = pd_alarm_view_reads_start (&self->reads);
  update_status (self);
  pd_alarm_events_read_async (pd_store_get_path (self->store), &filter,
                              self->reads.cancellable, read_cb, data);
  g_free (filter.text);
}

static void
alarms_changed_cb (PdAlarmHistoryView *self)
{
  pd_alarm_view_reads_changed (&self->reads);
}

static void
filter_changed_cb (PdAlarmHistoryView *self)
{
  reload (self);
}

static void
period_changed_cb (PdAlarmHistoryView *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == PD_ALARM_HISTORY_PERIOD_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->since_child), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->until_child), custom);

  /* The chosen days start from today, so that choosing "Chosen Days"
   * shows something rather than every event ever recorded. */
  if (custom && gtk_editable_get_text (GTK_EDITABLE (self->since_entry))[0] == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->since_entry), today);
      self->updating = FALSE;
    }

  reload (self);
}

static void
date_changed_cb (PdAlarmHistoryView *self,
                 GtkEditable        *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GDateTime) date = NULL;

  /* Read once the text is a full date or empty; flag it as wrong only
   * once it is long enough to be one. */
  if (pd_date_entry_parse_day (text, &date))
    reload (self);
  else
    pd_date_entry_set_valid (GTK_ENTRY (editable), strlen (text) < 10);
}

static void
calendar_day_selected_cb (PdAlarmHistoryView *self,
                          GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (calendar == self->since_calendar)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->since_entry), text);
      gtk_menu_button_popdown (self->since_button);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->until_entry), text);
      gtk_menu_button_popdown (self->until_button);
    }
}

/* --- Export -------------------------------------------------------------- */

typedef struct
{
  GFile     *file;
  GPtrArray *events;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_free (data);
}

/* The worker only touches its own references: the file, and the read's
 * array, which nobody changes once read. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, &error);
  if (out == NULL ||
      !pd_alarm_events_write_csv (data->events, G_OUTPUT_STREAM (out), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, data->events->len);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PdAlarmHistoryView *self = PD_ALARM_HISTORY_VIEW (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *escaped = NULL;
  gssize n_events;
  AdwToast *toast;

  n_events = g_task_propagate_int (G_TASK (result), &error);
  self->exporting = FALSE;
  g_clear_pointer (&self->export_message, g_free);

  /* The view went away while the file was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (error != NULL)
    /* TRANSLATORS: first %s is a file name, second the reason */
    self->export_message = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
  else
    /* TRANSLATORS: %u is a number of alarm events, %s a file name */
    self->export_message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Exported %u alarm event to “%s”",
                                                         "Exported %u alarm events to “%s”",
                                                         (gulong) n_events),
                                            (guint) n_events, name);

  /* A toast's title is markup in libadwaita 1.2: file names may hold "&". */
  escaped = g_markup_escape_text (self->export_message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, error != NULL ? 0 : 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  update_status (self);
}

void
_pd_alarm_history_view_export (PdAlarmHistoryView *self,
                               GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (PD_IS_ALARM_HISTORY_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->events = self->events != NULL
    ? g_ptr_array_ref (self->events)
    : g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);

  self->exporting = TRUE;
  g_clear_pointer (&self->export_message, g_free);
  update_status (self);

  task = g_task_new (self, self->export_cancellable, export_cb, NULL);
  g_task_set_source_tag (task, _pd_alarm_history_view_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (PdAlarmHistoryView   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _pd_alarm_history_view_export (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (PdAlarmHistoryView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: the suggested file name of an alarm history export; %s is the date */
  g_autofree char *name = g_strdup_printf (_("alarm-history-%s.csv"), date);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Alarm History"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- Object -------------------------------------------------------------- */

GtkWidget *
pd_alarm_history_view_new (PdStore *store,
                           PdUser  *user)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  return g_object_new (PD_TYPE_ALARM_HISTORY_VIEW,
                       "store", store,
                       "user", user,
                       NULL);
}

static void
pd_alarm_history_view_map (GtkWidget *widget)
{
  PdAlarmHistoryView *self = PD_ALARM_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (pd_alarm_history_view_parent_class)->map (widget);

  /* "Last hour" moves with the clock, and events came while hidden. */
  reload (self);
}

static void
pd_alarm_history_view_constructed (GObject *object)
{
  PdAlarmHistoryView *self = (PdAlarmHistoryView *) object;

  G_OBJECT_CLASS (pd_alarm_history_view_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "alarms-changed",
                           G_CALLBACK (alarms_changed_cb), self, G_CONNECT_SWAPPED);
  update_status (self);
}

static void
pd_alarm_history_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PdAlarmHistoryView *self = PD_ALARM_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_alarm_history_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdAlarmHistoryView *self = PD_ALARM_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_USER:
      self->user = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_alarm_history_view_dispose (GObject *object)
{
  PdAlarmHistoryView *self = (PdAlarmHistoryView *) object;

  pd_alarm_view_reads_dispose (&self->reads);
  g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  /* AdwBin's dispose unparents the template's one child: disposing the
   * template here too would leave AdwBin a dangling child. */
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_alarm_history_view_parent_class)->dispose (object);
}

static void
pd_alarm_history_view_finalize (GObject *object)
{
  PdAlarmHistoryView *self = (PdAlarmHistoryView *) object;

  g_clear_object (&self->rows);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->export_message, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (pd_alarm_history_view_parent_class)->finalize (object);
}

static void
pd_alarm_history_view_class_init (PdAlarmHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_alarm_history_view_constructed;
  object_class->get_property = pd_alarm_history_view_get_property;
  object_class->set_property = pd_alarm_history_view_set_property;
  object_class->dispose = pd_alarm_history_view_dispose;
  object_class->finalize = pd_alarm_history_view_finalize;

  widget_class->map = pd_alarm_history_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         PD_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/alarms/pd-alarm-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, since_child);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, until_child);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, since_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, until_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, selection);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, time_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, source_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, condition_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, priority_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, event_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, value_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, user_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, comment_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, message_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmHistoryView, export_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
pd_alarm_history_view_init (PdAlarmHistoryView *self)
{
  g_autoptr(GtkStringList) priorities = NULL;
  g_autoptr(GtkStringList) kinds = NULL;
  GtkColumnViewColumn *columns[N_COLUMNS];

  pd_alarm_view_reads_init (&self->reads, GTK_WIDGET (self), RELOAD_DELAY_MS,
                            (PdAlarmViewReloadFunc) reload);
  /* Filling the drop-downs and the model below must not read yet: the
   * first read is when the view is shown. */
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (PD_TYPE_ALARM_EVENT_ITEM);
  self->export_cancellable = g_cancellable_new ();
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->rows));

  /* The position in these lists is the enum's value plus one. */
  priorities = gtk_string_list_new (NULL);
  gtk_string_list_append (priorities, _("All Priorities"));
  for (int i = 0; i < PD_N_ALARM_PRIORITIES; i++)
    gtk_string_list_append (priorities, pd_alarm_priority_get_label ((PdAlarmPriority) i));
  gtk_drop_down_set_model (self->priority_dropdown, G_LIST_MODEL (priorities));

  kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (kinds, _("All Events"));
  for (int i = 0; i < PD_N_ALARM_EVENT_KINDS; i++)
    gtk_string_list_append (kinds, pd_alarm_event_kind_get_label ((PdAlarmEventKind) i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  columns[COLUMN_TIME] = self->time_column;
  columns[COLUMN_SOURCE] = self->source_column;
  columns[COLUMN_CONDITION] = self->condition_column;
  columns[COLUMN_PRIORITY] = self->priority_column;
  columns[COLUMN_EVENT] = self->event_column;
  columns[COLUMN_VALUE] = self->value_column;
  columns[COLUMN_USER] = self->user_column;
  columns[COLUMN_COMMENT] = self->comment_column;
  columns[COLUMN_MESSAGE] = self->message_column;
  for (guint i = 0; i < N_COLUMNS; i++)
    set_column_factory (columns[i], i);

  self->updating = FALSE;
}

/* --- For the tests ------------------------------------------------------- */

GListModel *
_pd_alarm_history_view_get_model (PdAlarmHistoryView *self)
{
  return G_LIST_MODEL (self->selection);
}

PdAlarmEvent *
_pd_alarm_history_view_get_event (PdAlarmHistoryView *self,
                                  guint               position)
{
  g_autoptr(PdAlarmEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  return item != NULL ? item->event : NULL;
}

gboolean
_pd_alarm_history_view_get_loading (PdAlarmHistoryView *self)
{
  return self->reads.loading;
}

guint
_pd_alarm_history_view_get_n_reads (PdAlarmHistoryView *self)
{
  return self->reads.n_reads;
}

gboolean
_pd_alarm_history_view_get_showing_empty (PdAlarmHistoryView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "empty") == 0;
}

void
_pd_alarm_history_view_select_period (PdAlarmHistoryView   *self,
                                      PdAlarmHistoryPeriod  period)
{
  gtk_drop_down_set_selected (self->period_dropdown, period);
}

void
_pd_alarm_history_view_select_priority (PdAlarmHistoryView *self,
                                        int                 priority)
{
  gtk_drop_down_set_selected (self->priority_dropdown, priority < 0 ? ANY_POSITION : (guint) priority + 1);
}

void
_pd_alarm_history_view_select_kind (PdAlarmHistoryView *self,
                                    int                 kind)
{
  gtk_drop_down_set_selected (self->kind_dropdown, kind < 0 ? ANY_POSITION : (guint) kind + 1);
}

GtkEditable *
_pd_alarm_history_view_get_search_entry (PdAlarmHistoryView *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkEditable *
_pd_alarm_history_view_get_since_entry (PdAlarmHistoryView *self)
{
  return GTK_EDITABLE (self->since_entry);
}

GtkEditable *
_pd_alarm_history_view_get_until_entry (PdAlarmHistoryView *self)
{
  return GTK_EDITABLE (self->until_entry);
}

char *
_pd_alarm_history_view_dup_cell_text (PdAlarmHistoryView *self,
                                      guint               position,
                                      guint               column)
{
  PdAlarmEvent *event = _pd_alarm_history_view_get_event (self, position);

  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return event != NULL ? format_cell (event, column) : NULL;
}

gboolean
_pd_alarm_history_view_get_exporting (PdAlarmHistoryView *self)
{
  return self->exporting;
}

const char *
_pd_alarm_history_view_get_export_message (PdAlarmHistoryView *self)
{
  return self->export_message;
}
