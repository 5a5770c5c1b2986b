/* pd-alarm-performance-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-performance-view"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "alarms/pd-alarm-performance-view.h"
#include "alarms/pd-alarm-performance-view-private.h"
#include "alarms/pd-alarm-view-utils.h"

/* The figures cover hours to days: after a change of the store they are
 * read again once it has been quiet this long, not for every raise. */
#define RELOAD_DELAY_MS 2000

struct _PdAlarmPerformanceView
{
  AdwBin              parent_instance;

  PdStore            *store;
  PdAlarmPerformance *performance;
  PdAlarmViewReads    reads;

  /* Template widgets */
  GtkDropDown        *period_dropdown;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkLabel           *average_label;
  GtkLabel           *peak_label;
  GtkLabel           *flood_label;
  GtkLabel           *total_label;
  GtkLabel           *urgent_label;
  GtkLabel           *high_label;
  GtkLabel           *medium_label;
  GtkLabel           *low_label;
  PdAlarmRateChart   *chart;
  GtkListBox         *top_list;
  GtkListBox         *chattering_list;
  GtkListBox         *standing_list;
};

G_DEFINE_FINAL_TYPE (PdAlarmPerformanceView, pd_alarm_performance_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RANK_TOP,
  RANK_CHATTERING,
  RANK_STANDING,
};

static gint64
period_span (PdAlarmPerformanceView *self)
{
  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PD_ALARM_PERFORMANCE_PERIOD_WEEK:
      return 7 * G_TIME_SPAN_DAY;

    case PD_ALARM_PERFORMANCE_PERIOD_MONTH:
      return 30 * G_TIME_SPAN_DAY;

    case PD_ALARM_PERFORMANCE_PERIOD_DAY:
    default:
      return G_TIME_SPAN_DAY;
    }
}

static char *
format_local (gint64 us)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* How long ago, in the largest whole unit: "3 days", "5 hours". */
static char *
format_age (gint64 since,
            gint64 now)
{
  gint64 hours = MAX (now - since, 0) / G_TIME_SPAN_HOUR;

  if (hours >= 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " day", "%" PRId64 " days", hours / 24), hours / 24);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " hour", "%" PRId64 " hours", hours), hours);
}

static GtkWidget *
new_rank_row (const PdAlarmRanked *ranked,
              int                  kind,
              gint64               now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix;
  g_autofree char *subtitle = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *when = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ranked->source_name != NULL ? ranked->source_name : "");

  switch (kind)
    {
    case RANK_CHATTERING:
      when = format_local (ranked->since);
      /* TRANSLATORS: alarm priority · alarm message · when the worst minute began */
      subtitle = g_strdup_printf (_("%s · %s · worst minute from %s"),
                                  pd_alarm_priority_get_label (ranked->priority),
                                  ranked->message != NULL ? ranked->message : "",
                                  when);
      /* TRANSLATORS: how often one alarm was raised within 60 seconds */
      figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in a minute", "%u in a minute", ranked->count),
                                ranked->count);
      break;

    case RANK_STANDING:
      when = format_local (ranked->since);
      /* TRANSLATORS: alarm priority · alarm message · when it was raised */
      subtitle = g_strdup_printf (_("%s · %s · active since %s"),
                                  pd_alarm_priority_get_label (ranked->priority),
                                  ranked->message != NULL ? ranked->message : "",
                                  when);
      figure = format_age (ranked->since, now);
      break;

    case RANK_TOP:
    default:
      /* TRANSLATORS: alarm priority · alarm message */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  pd_alarm_priority_get_label (ranked->priority),
                                  ranked->message != NULL ? ranked->message : "");
      figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", ranked->count),
                                ranked->count);
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  suffix = gtk_label_new (figure);
  gtk_widget_add_css_class (suffix, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  return row;
}

static void
fill_list (GtkListBox *list,
           GPtrArray  *ranked,
           int         kind,
           gint64      now)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));

  for (guint i = 0; ranked != NULL && i < ranked->len; i++)
    gtk_list_box_append (list, new_rank_row (g_ptr_array_index (ranked, i), kind, now));
}

static void
set_figure (GtkLabel   *label,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
set_figure (GtkLabel   *label,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  gtk_label_set_text (label, text);
}

static void
show_performance (PdAlarmPerformanceView *self)
{
  const PdAlarmPerformance *p = self->performance;
  gint64 now = g_get_real_time ();

  if (p == NULL)
    {
      GtkLabel *labels[] = { self->average_label, self->peak_label, self->flood_label, self->total_label,
                             self->urgent_label, self->high_label, self->medium_label, self->low_label };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        gtk_label_set_text (labels[i], "–");
      pd_alarm_rate_chart_set_buckets (self->chart, NULL);
      fill_list (self->top_list, NULL, RANK_TOP, now);
      fill_list (self->chattering_list, NULL, RANK_CHATTERING, now);
      fill_list (self->standing_list, NULL, RANK_STANDING, now);
      return;
    }

  /* A quiet plant averages well below one: keep a second decimal there. */
  if (p->average_per_10_min < 1.0)
    set_figure (self->average_label, "%.2f", p->average_per_10_min);
  else
    set_figure (self->average_label, "%.1f", p->average_per_10_min);
  set_figure (self->peak_label, "%u", p->peak_per_10_min);
  /* TRANSLATORS: a share of time in percent, "2.5 %" */
  set_figure (self->flood_label, _("%.1f %%"), p->flood_fraction * 100.0);
  set_figure (self->total_label, "%u", p->total_raised);
  set_figure (self->urgent_label, "%u", p->raised_by_priority[PD_ALARM_PRIORITY_URGENT]);
  set_figure (self->high_label, "%u", p->raised_by_priority[PD_ALARM_PRIORITY_HIGH]);
  set_figure (self->medium_label, "%u", p->raised_by_priority[PD_ALARM_PRIORITY_MEDIUM]);
  set_figure (self->low_label, "%u", p->raised_by_priority[PD_ALARM_PRIORITY_LOW]);

  /* Colour means abnormal: only figures beyond EEMUA's targets stand out. */
  if (p->peak_per_10_min > PD_ALARM_FLOOD_PER_10_MIN)
    gtk_widget_add_css_class (GTK_WIDGET (self->peak_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->peak_label), "error");
  if (p->flood_fraction > 0.01)
    gtk_widget_add_css_class (GTK_WIDGET (self->flood_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->flood_label), "error");

  pd_alarm_rate_chart_set_buckets (self->chart, p->buckets);
  fill_list (self->top_list, p->top, RANK_TOP, now);
  fill_list (self->chattering_list, p->chattering, RANK_CHATTERING, now);
  fill_list (self->standing_list, p->standing, RANK_STANDING, now);
}

static void
update_status (PdAlarmPerformanceView *self,
               const char             *error_message)
{
  gtk_spinner_set_spinning (self->spinner, self->reads.loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->reads.loading);

  if (error_message != NULL)
    gtk_label_set_text (self->status_label, error_message);
  else if (self->reads.loading)
    gtk_label_set_text (self->status_label, _("Loading…"));
  else if (self->performance != NULL)
    {
      g_autofree char *since = format_local (self->performance->since);
      g_autofree char *until = format_local (self->performance->until);
      g_autofree char *text = NULL;

      /* TRANSLATORS: the period the alarm figures cover */
      text = g_strdup_printf (_("From %s to %s"), since, until);
      gtk_label_set_text (self->status_label, text);
    }
  else
    gtk_label_set_text (self->status_label, "");
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PdAlarmPerformanceView) self = NULL;
  g_autoptr(PdAlarmPerformance) performance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  performance = pd_alarm_performance_read_finish (result, &error);
  if (!pd_alarm_view_reads_finish (user_data, (gpointer *) &self))
    return;

  g_clear_pointer (&self->performance, pd_alarm_performance_free);
  if (performance != NULL)
    self->performance = g_steal_pointer (&performance);
  else
    /* TRANSLATORS: %s is the reason */
    message = g_strdup_printf (_("Could not read the alarm figures: %s"), error->message);

  show_performance (self);
  update_status (self, message);
}

static void
reload (PdAlarmPerformanceView *self)
{
  gint64 now = g_get_real_time ();
  gpointer data;

  g_clear_handle_id (&self->reads.reload_id, g_source_remove);

  if (self->store == NULL)
    return;

  data = pd_alarm_view_reads_start (&self->reads);
  update_status (self, NULL);
  pd_alarm_performance_read_async (pd_store_get_path (self->store),
                                   now - period_span (self), now,
                                   self->reads.cancellable, read_cb, data);
}

static void
alarms_changed_cb (PdAlarmPerformanceView *self)
{
  pd_alarm_view_reads_changed (&self->reads);
}

static void
period_changed_cb (PdAlarmPerformanceView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

GtkWidget *
pd_alarm_performance_view_new (PdStore *store)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  return g_object_new (PD_TYPE_ALARM_PERFORMANCE_VIEW,
                       "store", store,
                       NULL);
}

static void
pd_alarm_performance_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_alarm_performance_view_parent_class)->map (widget);

  /* The figures end now, which moved since they were last read. */
  reload (PD_ALARM_PERFORMANCE_VIEW (widget));
}

static void
pd_alarm_performance_view_constructed (GObject *object)
{
  PdAlarmPerformanceView *self = (PdAlarmPerformanceView *) object;

  G_OBJECT_CLASS (pd_alarm_performance_view_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "alarms-changed",
                           G_CALLBACK (alarms_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
pd_alarm_performance_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PdAlarmPerformanceView *self = PD_ALARM_PERFORMANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_alarm_performance_view_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PdAlarmPerformanceView *self = PD_ALARM_PERFORMANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_alarm_performance_view_dispose (GObject *object)
{
  PdAlarmPerformanceView *self = (PdAlarmPerformanceView *) object;

  pd_alarm_view_reads_dispose (&self->reads);

  /* AdwBin's dispose unparents the template's one child: disposing the
   * template here too would leave AdwBin a dangling child. */
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pd_alarm_performance_view_parent_class)->dispose (object);
}

static void
pd_alarm_performance_view_finalize (GObject *object)
{
  PdAlarmPerformanceView *self = (PdAlarmPerformanceView *) object;

  g_clear_pointer (&self->performance, pd_alarm_performance_free);

  G_OBJECT_CLASS (pd_alarm_performance_view_parent_class)->finalize (object);
}

static void
pd_alarm_performance_view_class_init (PdAlarmPerformanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_alarm_performance_view_constructed;
  object_class->get_property = pd_alarm_performance_view_get_property;
  object_class->set_property = pd_alarm_performance_view_set_property;
  object_class->dispose = pd_alarm_performance_view_dispose;
  object_class->finalize = pd_alarm_performance_view_finalize;

  widget_class->map = pd_alarm_performance_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_ALARM_RATE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/alarms/pd-alarm-performance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, average_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, peak_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, flood_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, total_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, urgent_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, high_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, medium_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, low_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, chart);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, top_list);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, chattering_list);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmPerformanceView, standing_list);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);

  return label;
}

static void
pd_alarm_performance_view_init (PdAlarmPerformanceView *self)
{
  pd_alarm_view_reads_init (&self->reads, GTK_WIDGET (self), RELOAD_DELAY_MS,
                            (PdAlarmViewReloadFunc) reload);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->top_list, new_placeholder (_("No alarms in this period")));
  gtk_list_box_set_placeholder (self->chattering_list, new_placeholder (_("No chattering alarms")));
  gtk_list_box_set_placeholder (self->standing_list, new_placeholder (_("No standing alarms")));
}

/* --- For the tests ------------------------------------------------------- */

gboolean
_pd_alarm_performance_view_get_loading (PdAlarmPerformanceView *self)
{
  return self->reads.loading;
}

guint
_pd_alarm_performance_view_get_n_reads (PdAlarmPerformanceView *self)
{
  return self->reads.n_reads;
}

PdAlarmPerformance *
_pd_alarm_performance_view_get_performance (PdAlarmPerformanceView *self)
{
  return self->performance;
}

void
_pd_alarm_performance_view_select_period (PdAlarmPerformanceView   *self,
                                          PdAlarmPerformancePeriod  period)
{
  gtk_drop_down_set_selected (self->period_dropdown, period);
}

PdAlarmRateChart *
_pd_alarm_performance_view_get_chart (PdAlarmPerformanceView *self)
{
  return self->chart;
}

const char *
_pd_alarm_performance_view_get_figure (PdAlarmPerformanceView *self,
                                       const char             *name)
{
  GtkLabel *label = NULL;

  if (g_str_equal (name, "average"))
    label = self->average_label;
  else if (g_str_equal (name, "peak"))
    label = self->peak_label;
  else if (g_str_equal (name, "flood"))
    label = self->flood_label;
  else if (g_str_equal (name, "total"))
    label = self->total_label;
  else if (g_str_equal (name, "urgent"))
    label = self->urgent_label;
  else if (g_str_equal (name, "high"))
    label = self->high_label;
  else if (g_str_equal (name, "medium"))
    label = self->medium_label;
  else if (g_str_equal (name, "low"))
    label = self->low_label;

  g_return_val_if_fail (label != NULL, NULL);

  return gtk_label_get_text (label);
}

GtkListBox *
_pd_alarm_performance_view_get_list (PdAlarmPerformanceView *self,
                                     const char             *name)
{
  if (g_str_equal (name, "top"))
    return self->top_list;
  if (g_str_equal (name, "chattering"))
    return self->chattering_list;
  if (g_str_equal (name, "standing"))
    return self->standing_list;

  g_return_val_if_fail (FALSE, NULL);
}
