/* pd-trend-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-trend-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "devices/pd-trend-chart.h"
#include "devices/pd-trend-view.h"
#include "devices/pd-trend-view-private.h"

/* Pan and zoom come in bursts of events: the read waits for a pause. */
#define DEBOUNCE_MS     150
/* While the range ends now, the trend follows the clock. */
#define LIVE_REFRESH_S  5
/* A new plot width is worth a new read when it differs from the width of
 * the last read, and so the bucket count with it, by more than this
 * fraction; smaller changes keep the buckets, a little wider or narrower
 * on screen. */
#define RESIZE_READ_FRACTION 0.1
/* A range that ends this close to now still counts as "now". */
#define LIVE_SLACK_US   (2 * G_USEC_PER_SEC)

struct _PdTrendView
{
  PdDeviceView    parent_instance;

  GPtrArray      *history_tags;   /* PdTag of the device with history on */
  GArray         *shown;          /* gint64 tag ids, in chart order */
  GHashTable     *check_buttons;  /* tag id → GtkCheckButton (borrowed) */
  gboolean        tags_chosen;    /* by pd_trend_view_set_tags() or the chooser */

  gboolean        live;
  GCancellable   *cancellable;    /* of the reads in flight */
  guint           generation;
  guint           n_pending;
  gboolean        any_data;
  guint           n_reads;
  guint           n_requests;
  guint           n_buckets;
  int             read_width;     /* plot width of the last request, 0 if unknown */

  guint           debounce_id;
  guint           live_id;
  gulong          devices_changed_id;
  guint           updating : 1;

  /* Template widgets */
  GtkToggleButton *range_10m_button;
  GtkToggleButton *range_1h_button;
  GtkToggleButton *range_8h_button;
  GtkToggleButton *range_24h_button;
  GtkMenuButton   *custom_button;
  GtkPopover      *custom_popover;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkLabel        *custom_error_label;
  GtkWidget       *custom_apply_button;
  GtkMenuButton   *tags_button;
  GtkListBox      *tags_list;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  PdTrendChart    *chart;
};

G_DEFINE_FINAL_TYPE (PdTrendView, pd_trend_view, PD_TYPE_DEVICE_VIEW)

typedef struct
{
  PdTrendView *self;        /* strong: the view outlives its reads */
  guint        generation;
  guint        index;
  gint64       bucket_us;
} ReadRequest;

/* A moment in µs since the epoch as local time, to the second. */
static GDateTime *
local_date_time (gint64 ts)
{
  return g_date_time_new_from_unix_local (ts / G_USEC_PER_SEC);
}

static const PdTag *
find_history_tag (PdTrendView *self,
                  gint64       tag_id)
{
  for (guint i = 0; i < self->history_tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (self->history_tags, i);

      if (tag->id == tag_id)
        return tag;
    }

  return NULL;
}

static void
show_state (PdTrendView *self)
{
  const char *name;

  if (self->shown->len == 0)
    name = "no-tags";
  else if (self->n_pending == 0 && !self->any_data && self->n_reads > 0)
    name = "empty";
  else
    name = "chart";

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
read_request_free (ReadRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void
read_buckets_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadRequest *request = user_data;
  PdTrendView *self = request->self;
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GError) error = NULL;

  buckets = pd_historian_read_buckets_finish (PD_HISTORIAN (object), result, &error);

  /* A newer request replaced this one: its answer is stale. */
  if (request->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      read_request_free (request);
      return;
    }

  self->n_reads++;

  if (buckets == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: shown when the history of a trend cannot be read */
      message = g_strdup_printf (_("Could not read the history: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      if (buckets->len > 0)
        self->any_data = TRUE;
      if (request->index < pd_trend_chart_get_n_series (self->chart))
        pd_trend_chart_set_series_data (self->chart, request->index, buckets, request->bucket_us);
    }

  g_assert (self->n_pending > 0);
  if (--self->n_pending == 0)
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      show_state (self);
    }

  read_request_free (request);
}

static void
request_data (PdTrendView *self)
{
  PdAcquisition *acquisition;
  PdHistorian *historian;
  gint64 from, to;
  int width;

  g_clear_handle_id (&self->debounce_id, g_source_remove);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  self->n_pending = 0;
  self->any_data = FALSE;

  acquisition = pd_device_view_get_acquisition (PD_DEVICE_VIEW (self));
  historian = acquisition != NULL ? pd_acquisition_get_historian (acquisition) : NULL;
  if (historian == NULL || self->shown->len == 0)
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      show_state (self);
      return;
    }

  /* One bucket per two pixel columns: with its min and max, at most about
   * two points per column reach the screen, whatever the range. */
  width = pd_trend_chart_get_plot_width (self->chart);
  self->read_width = width;
  self->n_buckets = width > 0 ? (guint) MAX (16, width / 2) : 300;

  pd_trend_chart_get_range (self->chart, &from, &to);
  self->cancellable = g_cancellable_new ();
  self->n_requests++;

  for (guint i = 0; i < self->shown->len; i++)
    {
      ReadRequest *request = g_new0 (ReadRequest, 1);

      request->self = g_object_ref (self);
      request->generation = self->generation;
      request->index = i;
      request->bucket_us = MAX (1, (to - from) / self->n_buckets);

      self->n_pending++;
      pd_historian_read_buckets_async (historian,
                                       g_array_index (self->shown, gint64, i),
                                       from, to, self->n_buckets,
                                       self->cancellable,
                                       read_buckets_cb, request);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
}

static gboolean
debounce_cb (gpointer user_data)
{
  PdTrendView *self = user_data;

  self->debounce_id = 0;
  request_data (self);

  return G_SOURCE_REMOVE;
}

static void
queue_request (PdTrendView *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
  g_source_set_name_by_id (self->debounce_id, "[plantdesk] trend read");
}

/* Puts the shown tags on the chart as series, keeping their order. */
static void
rebuild_series (PdTrendView *self)
{
  pd_trend_chart_clear (self->chart);

  for (guint i = 0; i < self->shown->len; i++)
    {
      const PdTag *tag = find_history_tag (self, g_array_index (self->shown, gint64, i));

      g_assert (tag != NULL);
      pd_trend_chart_add_series (self->chart, tag->id, tag->name, tag->unit);
    }

  show_state (self);
}

static void
sync_check_buttons (PdTrendView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  self->updating = TRUE;
  g_hash_table_iter_init (&iter, self->check_buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 tag_id = *(gint64 *) key;
      gboolean shown = FALSE;

      for (guint i = 0; i < self->shown->len; i++)
        if (g_array_index (self->shown, gint64, i) == tag_id)
          shown = TRUE;

      gtk_check_button_set_active (GTK_CHECK_BUTTON (value), shown);
    }
  self->updating = FALSE;
}

static void
set_shown (PdTrendView  *self,
           const gint64 *tag_ids,
           guint         n_tags)
{
  g_array_set_size (self->shown, 0);

  for (guint i = 0; i < n_tags; i++)
    {
      gboolean seen = FALSE;

      if (find_history_tag (self, tag_ids[i]) == NULL)
        continue;

      for (guint j = 0; j < self->shown->len; j++)
        if (g_array_index (self->shown, gint64, j) == tag_ids[i])
          seen = TRUE;

      if (!seen)
        g_array_append_val (self->shown, tag_ids[i]);
    }

  rebuild_series (self);
  sync_check_buttons (self);

  /* Before the view is shown, map() reads once the chart has its width. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    request_data (self);
  else
    show_state (self);
}

static void
tag_check_toggled_cb (PdTrendView    *self,
                      GtkCheckButton *button)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->updating)
    return;

  /* In the chooser's order, which is the device's. */
  for (guint i = 0; i < self->history_tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (self->history_tags, i);
      GtkCheckButton *check = g_hash_table_lookup (self->check_buttons, &tag->id);

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (ids, tag->id);
    }

  self->tags_chosen = TRUE;
  set_shown (self, (const gint64 *) (gpointer) ids->data, ids->len);
}

static void
reload_tags (PdTrendView *self)
{
  PdStore *store = pd_acquisition_get_store (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self)));
  gint64 device_id = pd_device_view_get_device_id (PD_DEVICE_VIEW (self));
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  tags = pd_store_list_tags (store, device_id, &error);
  if (tags == NULL)
    {
      g_warning ("Could not list the tags of device %" G_GINT64_FORMAT ": %s",
                 device_id, error->message);
      tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
    }

  g_hash_table_remove_all (self->check_buttons);
  g_ptr_array_set_size (self->history_tags, 0);
  for (guint i = 0; i < tags->len; i++)
    {
      PdTag *tag = g_ptr_array_index (tags, i);

      if (tag->history)
        g_ptr_array_add (self->history_tags, pd_tag_copy (tag));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_list))) != NULL)
    gtk_list_box_remove (self->tags_list, child);

  for (guint i = 0; i < self->history_tags->len; i++)
    {
      PdTag *tag = g_ptr_array_index (self->history_tags, i);
      g_autofree char *label = NULL;
      GtkWidget *check;

      if (tag->unit != NULL && tag->unit[0] != '\0')
        label = g_strdup_printf (_("%s (%s)"), tag->name, tag->unit);
      else
        label = g_strdup (tag->name);

      check = gtk_check_button_new_with_label (label);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (tag_check_toggled_cb), self);
      gtk_list_box_append (self->tags_list, check);
      g_hash_table_insert (self->check_buttons, &tag->id, check);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_button), self->history_tags->len > 0);

  /* Keep what was shown and still has history; at first, show the first
   * measured value (an on/off bit makes a dull first trend), else the
   * first tag, so that the view says something without a click. */
  for (guint i = 0; i < self->shown->len; i++)
    g_array_append_val (keep, g_array_index (self->shown, gint64, i));
  if (!self->tags_chosen && keep->len == 0 && self->history_tags->len > 0)
    {
      PdTag *first = g_ptr_array_index (self->history_tags, 0);

      for (guint i = 0; i < self->history_tags->len; i++)
        {
          PdTag *tag = g_ptr_array_index (self->history_tags, i);

          if (tag->type != PD_TAG_TYPE_BOOL)
            {
              first = tag;
              break;
            }
        }
      g_array_append_val (keep, first->id);
    }

  set_shown (self, (const gint64 *) (gpointer) keep->data, keep->len);
}

static void
devices_changed_cb (PdTrendView *self)
{
  reload_tags (self);
}

static gint64
range_span (PdTrendRange range)
{
  switch (range)
    {
    case PD_TREND_RANGE_10_MIN:
      return 10 * G_TIME_SPAN_MINUTE;
    case PD_TREND_RANGE_1_H:
      return G_TIME_SPAN_HOUR;
    case PD_TREND_RANGE_8_H:
      return 8 * G_TIME_SPAN_HOUR;
    case PD_TREND_RANGE_24_H:
      return 24 * G_TIME_SPAN_HOUR;
    case PD_TREND_RANGE_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

static void
show_until_now (PdTrendView *self,
                gint64       span)
{
  gint64 now = g_get_real_time ();

  self->live = TRUE;
  pd_trend_chart_set_range (self->chart, now - span, now);
  request_data (self);
}

static void
untoggle_ranges (PdTrendView *self)
{
  GtkToggleButton *buttons[] = {
    self->range_10m_button, self->range_1h_button, self->range_8h_button, self->range_24h_button,
  };

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_toggle_button_set_active (buttons[i], FALSE);
  self->updating = FALSE;
}

static void
range_toggled_cb (PdTrendView     *self,
                  GtkToggleButton *button)
{
  PdTrendRange range;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->range_10m_button)
    range = PD_TREND_RANGE_10_MIN;
  else if (button == self->range_1h_button)
    range = PD_TREND_RANGE_1_H;
  else if (button == self->range_8h_button)
    range = PD_TREND_RANGE_8_H;
  else
    range = PD_TREND_RANGE_24_H;

  show_until_now (self, range_span (range));
}

static void
chart_range_changed_cb (PdTrendView  *self,
                        gint64        from,
                        gint64        to,
                        PdTrendChart *chart)
{
  self->live = to >= g_get_real_time () - LIVE_SLACK_US;
  untoggle_ranges (self);
  queue_request (self);
}

/* The window was resized: the buckets were chosen for another width. Like
 * pan and zoom, a resize comes as a burst of allocations, so the read is
 * debounced, and only a change of more than RESIZE_READ_FRACTION counts,
 * so that a few pixels (a scrollbar, a sidebar's border) read nothing. */
static void
chart_plot_width_changed_cb (PdTrendView  *self,
                             int           width,
                             PdTrendChart *chart)
{
  /* An unmapped view reads nothing: map() queues a read, which takes the
   * width as it is when it starts. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || width <= 0)
    return;

  if (self->read_width > 0 &&
      ABS (width - self->read_width) <= self->read_width * RESIZE_READ_FRACTION)
    return;

  /* Nothing to read for: the next choice of tags reads at the new width. */
  if (self->shown->len == 0)
    return;

  queue_request (self);
}

static void
zoom_in_clicked_cb (PdTrendView *self)
{
  pd_trend_chart_zoom (self->chart, 0.5, self->live ? 1.0 : 0.5);
}

static void
zoom_out_clicked_cb (PdTrendView *self)
{
  pd_trend_chart_zoom (self->chart, 2.0, self->live ? 1.0 : 0.5);
}

static void
pan_back_clicked_cb (PdTrendView *self)
{
  pd_trend_chart_pan (self->chart, -0.5);
}

static void
pan_forward_clicked_cb (PdTrendView *self)
{
  pd_trend_chart_pan (self->chart, 0.5);
}

static void
now_clicked_cb (PdTrendView *self)
{
  gint64 from, to;

  pd_trend_chart_get_range (self->chart, &from, &to);
  show_until_now (self, to - from);
}

/* Reads "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", local time. */
static gboolean
parse_date_time (const char *text,
                 gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute, second = 0;
  int consumed = 0;

  if (text == NULL)
    return FALSE;

  text += strspn (text, " ");
  if (sscanf (text, "%4d-%2d-%2d %2d:%2d%n", &year, &month, &day, &hour, &minute, &consumed) != 5)
    return FALSE;
  if (text[consumed] == ':')
    {
      int more = 0;

      if (sscanf (text + consumed, ":%2d%n", &second, &more) != 1)
        return FALSE;
      consumed += more;
    }
  text += consumed;
  text += strspn (text, " ");
  if (*text != '\0')
    return FALSE;

  if (month < 1 || month > 12 || day < 1 || year < 1970 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) ||
      hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0)
    return FALSE;

  dt = g_date_time_new_local (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC;

  return TRUE;
}

static gboolean
apply_custom (PdTrendView  *self,
              const char   *from_text,
              const char   *to_text,
              GError      **error)
{
  gint64 from, to;

  if (!parse_date_time (from_text, &from))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The start “%s” is not a date and time like 2026-03-01 08:00."), from_text);
      return FALSE;
    }
  if (!parse_date_time (to_text, &to))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The end “%s” is not a date and time like 2026-03-01 16:00."), to_text);
      return FALSE;
    }
  if (from >= to)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("The start must be before the end."));
      return FALSE;
    }

  self->live = to >= g_get_real_time () - LIVE_SLACK_US;
  untoggle_ranges (self);
  pd_trend_chart_set_range (self->chart, from, to);
  request_data (self);

  return TRUE;
}

static void
custom_apply_clicked_cb (PdTrendView *self)
{
  g_autoptr(GError) error = NULL;

  if (!apply_custom (self,
                     gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                     gtk_editable_get_text (GTK_EDITABLE (self->to_entry)),
                     &error))
    {
      gtk_label_set_text (self->custom_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), FALSE);
  gtk_popover_popdown (self->custom_popover);
}

static char *
format_local (gint64 ts)
{
  g_autoptr(GDateTime) dt = local_date_time (ts);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* The popover opens on the range shown, ready to be adjusted. */
static void
custom_popover_show_cb (PdTrendView *self)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gint64 from, to;

  pd_trend_chart_get_range (self->chart, &from, &to);
  from_text = format_local (from);
  to_text = format_local (to);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), FALSE);
}

static gboolean
live_cb (gpointer user_data)
{
  PdTrendView *self = user_data;
  gint64 from, to;

  if (self->live && self->debounce_id == 0)
    {
      pd_trend_chart_get_range (self->chart, &from, &to);
      show_until_now (self, to - from);
    }

  return G_SOURCE_CONTINUE;
}

static void
pd_trend_view_map (GtkWidget *widget)
{
  PdTrendView *self = PD_TREND_VIEW (widget);

  GTK_WIDGET_CLASS (pd_trend_view_parent_class)->map (widget);

  g_clear_handle_id (&self->live_id, g_source_remove);
  self->live_id = g_timeout_add_seconds (LIVE_REFRESH_S, live_cb, self);
  g_source_set_name_by_id (self->live_id, "[plantdesk] trend live");

  /* The first read waits for the chart's width, which decides the number
   * of buckets. */
  if (self->live)
    {
      gint64 from, to;

      pd_trend_chart_get_range (self->chart, &from, &to);
      pd_trend_chart_set_range (self->chart, g_get_real_time () - (to - from), g_get_real_time ());
    }
  queue_request (self);
}

static void
pd_trend_view_unmap (GtkWidget *widget)
{
  PdTrendView *self = PD_TREND_VIEW (widget);

  g_clear_handle_id (&self->live_id, g_source_remove);

  GTK_WIDGET_CLASS (pd_trend_view_parent_class)->unmap (widget);
}

static void
pd_trend_view_constructed (GObject *object)
{
  PdTrendView *self = (PdTrendView *) object;
  PdStore *store;

  G_OBJECT_CLASS (pd_trend_view_parent_class)->constructed (object);

  store = pd_acquisition_get_store (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self)));
  self->devices_changed_id =
    g_signal_connect_swapped (store, "devices-changed",
                              G_CALLBACK (devices_changed_cb), self);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->range_1h_button, TRUE);
  self->updating = FALSE;
  self->live = TRUE;
  pd_trend_chart_set_range (self->chart,
                            g_get_real_time () - range_span (PD_TREND_RANGE_1_H),
                            g_get_real_time ());

  reload_tags (self);
}

static void
pd_trend_view_dispose (GObject *object)
{
  PdTrendView *self = (PdTrendView *) object;
  PdAcquisition *acquisition = pd_device_view_get_acquisition (PD_DEVICE_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->live_id, g_source_remove);
  if (acquisition != NULL)
    g_clear_signal_handler (&self->devices_changed_id, pd_acquisition_get_store (acquisition));

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TREND_VIEW);

  G_OBJECT_CLASS (pd_trend_view_parent_class)->dispose (object);
}

static void
pd_trend_view_finalize (GObject *object)
{
  PdTrendView *self = (PdTrendView *) object;

  g_clear_pointer (&self->check_buttons, g_hash_table_unref);
  g_clear_pointer (&self->history_tags, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (pd_trend_view_parent_class)->finalize (object);
}

static void
pd_trend_view_class_init (PdTrendViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_trend_view_constructed;
  object_class->dispose = pd_trend_view_dispose;
  object_class->finalize = pd_trend_view_finalize;

  widget_class->map = pd_trend_view_map;
  widget_class->unmap = pd_trend_view_unmap;

  g_type_ensure (PD_TYPE_TREND_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-trend-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, range_10m_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, range_1h_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, range_8h_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, range_24h_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, custom_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, custom_popover);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, custom_error_label);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, custom_apply_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, tags_button);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, tags_list);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, stack);
  gtk_widget_class_bind_template_child (widget_class, PdTrendView, chart);
  gtk_widget_class_bind_template_callback (widget_class, range_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pan_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pan_forward_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_popover_show_cb);

  gtk_widget_class_set_css_name (widget_class, "trendview");
}

static void
pd_trend_view_init (PdTrendView *self)
{
  self->history_tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  self->shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->check_buttons = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The chart emits this from its allocation; see
   * chart_plot_width_changed_cb() for why it may read. */
  g_signal_connect_object (self->chart, "plot-width-changed",
                           G_CALLBACK (chart_plot_width_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_default_widget (self->custom_popover, self->custom_apply_button);
}

void
pd_trend_view_set_tags (PdTrendView  *self,
                        const gint64 *tag_ids,
                        guint         n_tags)
{
  g_return_if_fail (PD_IS_TREND_VIEW (self));
  g_return_if_fail (tag_ids != NULL || n_tags == 0);

  self->tags_chosen = TRUE;
  set_shown (self, tag_ids, n_tags);
}

PdTrendChart *
_pd_trend_view_get_chart (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), NULL);

  return self->chart;
}

guint
_pd_trend_view_get_n_reads (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), 0);

  return self->n_reads;
}

guint
_pd_trend_view_get_n_requests (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), 0);

  return self->n_requests;
}

gboolean
_pd_trend_view_get_loading (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), FALSE);

  return self->n_pending > 0 || self->debounce_id != 0;
}

guint
_pd_trend_view_get_n_buckets (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), 0);

  return self->n_buckets;
}

const char *
_pd_trend_view_get_visible_state (PdTrendView *self)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
_pd_trend_view_select_range (PdTrendView  *self,
                             PdTrendRange  range)
{
  GtkToggleButton *buttons[] = {
    self->range_10m_button, self->range_1h_button, self->range_8h_button, self->range_24h_button,
  };

  g_return_if_fail (PD_IS_TREND_VIEW (self));

  if (range == PD_TREND_RANGE_CUSTOM)
    {
      gtk_menu_button_popup (self->custom_button);
      return;
    }

  /* Clicking a range that is already chosen shows it up to now again. */
  if (gtk_toggle_button_get_active (buttons[range]))
    show_until_now (self, range_span (range));
  else
    gtk_toggle_button_set_active (buttons[range], TRUE);
}

gboolean
_pd_trend_view_apply_custom (PdTrendView  *self,
                             const char   *from_text,
                             const char   *to_text,
                             GError      **error)
{
  g_return_val_if_fail (PD_IS_TREND_VIEW (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);

  return apply_custom (self, from_text, to_text, error);
}

GArray *
_pd_trend_view_dup_tag_ids (PdTrendView *self)
{
  GArray *copy;

  g_return_val_if_fail (PD_IS_TREND_VIEW (self), NULL);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->shown->len);
  g_array_append_vals (copy, self->shown->data, self->shown->len);

  return copy;
}
