/* pd-kpi-view.c — the KPI page
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-kpi-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pd-date-entry.h"
#include "pd-store-worker.h"
#include "mes/pd-kpi-view-private.h"
#include "mes/pd-mes-reload.h"

#define RELOAD_DELAY_MS   300
#define REFRESH_SECONDS   60
#define DAY_US            (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

struct _PdKpiView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  PdKpiReport    *report;
  GStrv           work_centers;     /* the codes in the drop-down */

  PdMesReload     reload;
  gboolean        updating;         /* setting the drop-downs from code */
  gboolean        exporting;
  guint           refresh_source;

  GtkDropDown    *wc_dropdown;
  GtkStringList  *wc_model;
  GtkDropDown    *range_dropdown;
  GtkDropDown    *by_dropdown;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *status_label;
  GtkButton      *export_button;
  GtkFlowBox     *tiles_box;
  PdKpiChart     *oee_chart;
  PdKpiChart     *pareto_chart;
  GtkLabel       *oee_title;

  GtkWidget      *tiles[PD_KPI_N_TILES];
  GtkLabel       *tile_values[PD_KPI_N_TILES];
  GtkLabel       *tile_details[PD_KPI_N_TILES];
};

G_DEFINE_FINAL_TYPE (PdKpiView, pd_kpi_view, GTK_TYPE_BOX)

static const PdKpiBy by_choices[] = { PD_KPI_BY_SHIFT, PD_KPI_BY_DAY, PD_KPI_BY_RANGE };

/* --- Reading ---------------------------------------------------------------- */

typedef struct
{
  char       *work_center;   /* NULL: all */
  PdKpiRange  range;
  PdKpiBy     by;
  gint64      from;          /* custom range */
  gint64      to;
  gint64      now;
} Job;

typedef struct
{
  GStrv        work_centers;
  PdKpiReport *report;
} JobResult;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->work_center);
  g_free (job);
}

static void
job_result_free (gpointer data)
{
  JobResult *r = data;

  g_strfreev (r->work_centers);
  pd_kpi_report_free (r->report);
  g_free (r);
}

static gint64
local_midnight (gint64 now,
                int    days_back)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                         g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, -days_back);

  return g_date_time_to_unix (day) * G_USEC_PER_SEC;
}

/* In the worker: the work centers, the range and the report. */
static gboolean
compute_job (PdStore   *worker_store,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Job *job = data;
  sqlite3 *db = pd_store_get_db (worker_store);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GPtrArray) centers = NULL;
  const char *work_center = NULL;
  JobResult *r;
  gint64 from = job->from, to = job->to;

  centers = pd_store_list_work_centers (worker_store, error);
  if (centers == NULL)
    return FALSE;
  for (guint i = 0; i < centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (centers, i);

      g_strv_builder_add (codes, wc->code);
      if (job->work_center != NULL && g_ascii_strcasecmp (job->work_center, wc->code) == 0)
        work_center = wc->code;
    }

  switch (job->range)
    {
    case PD_KPI_RANGE_SHIFT:
      if (!pd_kpi_default_range (db, work_center, job->now, NULL, &from, &to, error))
        return FALSE;
      break;
    case PD_KPI_RANGE_TODAY:
      from = local_midnight (job->now, 0);
      to = MAX (job->now, from + 1);
      break;
    case PD_KPI_RANGE_WEEK:
      from = local_midnight (job->now, 6);
      to = job->now;
      break;
    case PD_KPI_RANGE_CUSTOM:
    default:
      break;
    }

  r = g_new0 (JobResult, 1);
  r->work_centers = g_strv_builder_end (codes);
  r->report = pd_kpi_compute (db, work_center, from, to, job->by, NULL, job->now, error);
  if (r->report == NULL)
    {
      job_result_free (r);
      return FALSE;
    }
  *result = r;
  return TRUE;
}

static void
set_status (PdKpiView  *self,
            const char *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static char *
bucket_label (PdKpiBy            by,
              const PdKpiBucket *b)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (b->start / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  switch (by)
    {
    /* TRANSLATORS: a shift's bar in a chart: strftime format, weekday, day and start time */
    case PD_KPI_BY_SHIFT: return g_date_time_format (local, C_("kpi bucket", "%a %d %H:%M"));
    /* TRANSLATORS: a day's bar in a chart: strftime format, weekday, day and month */
    case PD_KPI_BY_DAY: return g_date_time_format (local, C_("kpi bucket", "%a %d %b"));
    case PD_KPI_BY_RANGE:
    default: return g_strdup (C_("kpi bucket", "Whole range"));
    }
}

static void
set_tile (PdKpiView  *self,
          PdKpiTile   tile,
          const char *value,
          const char *detail)
{
  GtkWidget *title = gtk_widget_get_first_child (self->tiles[tile]);
  g_autofree char *a11y = g_strdup_printf ("%s: %s", gtk_label_get_text (GTK_LABEL (title)), value);

  gtk_label_set_text (self->tile_values[tile], value);
  gtk_label_set_text (self->tile_details[tile], detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tile_details[tile]), detail != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tiles[tile]), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
show_report (PdKpiView *self)
{
  const PdKpiReport *r = self->report;
  const PdKpiBucket *t = r->total;
  g_autofree char *a = pd_kpi_format_ratio (t->availability);
  g_autofree char *p = pd_kpi_format_ratio (t->performance);
  g_autofree char *q = pd_kpi_format_ratio (t->quality);
  g_autofree char *oee = pd_kpi_format_ratio (t->oee);
  g_autofree char *good = pd_qty_format (t->good);
  g_autofree char *scrap = pd_qty_format (t->scrap);
  g_autofree char *scrap_rate = pd_kpi_format_ratio (t->scrap_rate);
  g_autofree char *on_time = pd_kpi_format_ratio (t->on_time_rate);
  g_autofree char *run = pd_kpi_format_duration (t->run_us);
  g_autofree char *ppt = pd_kpi_format_duration (t->ppt_us);
  g_autofree char *run_detail = NULL, *scrap_detail = NULL, *on_time_detail = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cumulative = g_array_new (FALSE, FALSE, sizeof (double));

  /* TRANSLATORS: under availability: run time of planned time */
  run_detail = g_strdup_printf (C_("kpi run time of planned time", "%s of %s"), run, ppt);
  /* TRANSLATORS: under the scrap rate: the scrapped parts */
  scrap_detail = g_strdup_printf (_("%s scrapped"), scrap);
  /* TRANSLATORS: under the on-time rate: orders on time of orders completed */
  on_time_detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u order on time", "%u of %u orders on time",
                                                 t->orders_completed),
                                    t->orders_on_time, t->orders_completed);
  set_tile (self, PD_KPI_TILE_AVAILABILITY, a, run_detail);
  set_tile (self, PD_KPI_TILE_PERFORMANCE, p, NULL);
  set_tile (self, PD_KPI_TILE_QUALITY, q, NULL);
  set_tile (self, PD_KPI_TILE_OEE, oee, NULL);
  set_tile (self, PD_KPI_TILE_OUTPUT, good, NULL);
  set_tile (self, PD_KPI_TILE_SCRAP_RATE, scrap_rate, scrap_detail);
  set_tile (self, PD_KPI_TILE_ON_TIME, on_time, on_time_detail);

  for (guint i = 0; i < r->totals->len; i++)
    {
      const PdKpiBucket *b = r->totals->pdata[i];

      g_ptr_array_add (labels, bucket_label (r->by, b));
      g_ptr_array_add (texts, pd_kpi_format_ratio (b->oee));
      g_array_append_val (values, b->oee);
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (texts, NULL);
  pd_kpi_chart_set_data (self->oee_chart, gtk_label_get_text (self->oee_title), values->len,
                         (const char * const *) labels->pdata, (const double *) (void *) values->data,
                         (const char * const *) texts->pdata, NULL, 1.0);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_set_size (texts, 0);
  g_array_set_size (values, 0);
  for (guint i = 0; i < t->downtime->len; i++)
    {
      const PdKpiDowntime *d = &g_array_index (t->downtime, PdKpiDowntime, i);
      double minutes = (double) d->us / (60.0 * G_USEC_PER_SEC);

      g_ptr_array_add (labels, g_strdup (pd_kpi_reason_get_label (d->reason)));
      g_ptr_array_add (texts, pd_kpi_format_duration (d->us));
      g_array_append_val (values, minutes);
      g_array_append_val (cumulative, d->cumulative);
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (texts, NULL);
  pd_kpi_chart_set_data (self->pareto_chart, _("Downtime by reason, longest first, with the cumulative share"),
                         values->len, (const char * const *) labels->pdata, (const double *) (void *) values->data,
                         (const char * const *) texts->pdata, (const double *) (void *) cumulative->data, 0.0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (r->work_centers->len == 0)
    set_status (self, _("No work centers are defined."));
  else
    set_status (self, NULL);
}

/* Fills the work center drop-down with CODES, keeping the choice. */
static void
set_work_centers (PdKpiView *self,
                  GStrv      codes)
{
  guint selected = gtk_drop_down_get_selected (self->wc_dropdown);
  g_autofree char *current = NULL;
  guint position = 0;

  if (self->work_centers != NULL && g_strv_equal ((const char * const *) self->work_centers,
                                                  (const char * const *) codes))
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && self->work_centers != NULL
      && selected - 1 < g_strv_length (self->work_centers))
    current = g_strdup (self->work_centers[selected - 1]);

  self->updating = TRUE;
  gtk_string_list_splice (self->wc_model, 1, g_list_model_get_n_items (G_LIST_MODEL (self->wc_model)) - 1,
                          (const char * const *) codes);
  for (guint i = 0; codes[i] != NULL; i++)
    if (current != NULL && g_ascii_strcasecmp (current, codes[i]) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (self->wc_dropdown, position);
  self->updating = FALSE;
  g_strfreev (self->work_centers);
  self->work_centers = g_strdupv (codes);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PdKpiView) self = user_data;   /* the job's reference */
  g_autoptr(GError) error = NULL;
  JobResult *r = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &r, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
        return;
      set_status (self, error->message);
    }
  else if (self->cancellable == NULL)
    {
      /* Disposed while the job ran: the answer has nowhere to go. */
      job_result_free (r);
      return;
    }
  else
    {
      set_work_centers (self, r->work_centers);
      g_clear_pointer (&self->report, pd_kpi_report_free);
      self->report = g_steal_pointer (&r->report);
      job_result_free (r);
      show_report (self);
    }
  pd_mes_reload_shown (&self->reload);
}

/* The custom range from the entries: TRUE and *FROM, *TO (the end of the
 * TO day), or FALSE with the message in the status line. */
static gboolean
read_custom_range (PdKpiView *self,
                   gint64    *from,
                   gint64    *to)
{
  const char *from_text = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to_text = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autoptr(GDateTime) f = NULL;
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) t_end = NULL;
  gboolean from_ok = pd_date_entry_parse_day (from_text, &f) && f != NULL;
  gboolean to_ok = pd_date_entry_parse_day (to_text, &t) && t != NULL;

  pd_date_entry_set_valid (self->from_entry, from_ok);
  pd_date_entry_set_valid (self->to_entry, to_ok);
  if (!from_ok || !to_ok)
    {
      g_autofree char *message = NULL;

      if (!from_ok)
        /* TRANSLATORS: %s is what was typed into the From field */
        message = g_strdup_printf (_("From: “%s” is not a date such as 2026-11-24."), from_text);
      else
        /* TRANSLATORS: %s is what was typed into the To field */
        message = g_strdup_printf (_("To: “%s” is not a date such as 2026-11-24."), to_text);
      set_status (self, message);
      return FALSE;
    }
  t_end = g_date_time_add_days (t, 1);
  *from = g_date_time_to_unix (f) * G_USEC_PER_SEC;
  *to = g_date_time_to_unix (t_end) * G_USEC_PER_SEC;
  if (*to <= *from)
    {
      g_autofree char *message = g_strdup_printf (_("To: “%s” is before From “%s”."), to_text, from_text);

      pd_date_entry_set_valid (self->to_entry, FALSE);
      set_status (self, message);
      return FALSE;
    }
  return TRUE;
}

static void
start_compute (gpointer owner)
{
  PdKpiView *self = owner;
  Job *job;
  guint wc = gtk_drop_down_get_selected (self->wc_dropdown);
  guint by = gtk_drop_down_get_selected (self->by_dropdown);
  gint64 from = 0, to = 0;
  PdKpiRange range = gtk_drop_down_get_selected (self->range_dropdown);

  if (range > PD_KPI_RANGE_CUSTOM)
    range = PD_KPI_RANGE_SHIFT;
  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), range == PD_KPI_RANGE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), range == PD_KPI_RANGE_CUSTOM);
  if (range == PD_KPI_RANGE_CUSTOM && !read_custom_range (self, &from, &to))
    {
      pd_mes_reload_failed (&self->reload);
      return;
    }

  job = g_new0 (Job, 1);
  if (wc != GTK_INVALID_LIST_POSITION && wc > 0 && self->work_centers != NULL
      && wc - 1 < g_strv_length (self->work_centers))
    job->work_center = g_strdup (self->work_centers[wc - 1]);
  job->range = range;
  job->by = by < G_N_ELEMENTS (by_choices) ? by_choices[by] : PD_KPI_BY_SHIFT;
  job->from = from;
  job->to = to;
  job->now = g_get_real_time ();

  if (self->report == NULL)
    set_status (self, _("Computing the KPIs…"));
  pd_store_worker_run_async (self->worker, compute_job, job, job_free, job_result_free,
                             self->cancellable, compute_done_cb, g_object_ref (self));
}

/* One read for a burst of changes. */
static void
queue_reload (PdKpiView *self)
{
  pd_mes_reload_soon (&self->reload);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdKpiView *self = user_data;

  /* A range that ends now grows with the clock. */
  if (gtk_drop_down_get_selected (self->range_dropdown) != PD_KPI_RANGE_CUSTOM && gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
  return G_SOURCE_CONTINUE;
}

static void
choice_changed_cb (PdKpiView *self)
{
  if (!self->updating)
    queue_reload (self);
}

/* --- Export ----------------------------------------------------------------- */

static void
toast (PdKpiView  *self,
       const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdKpiView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (source));
  g_autofree char *message = NULL;

  self->exporting = FALSE;
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
        return;
      /* TRANSLATORS: %s is a file name, then the reason */
      message = g_strdup_printf (_("Could not write “%s”: %s"), name, error->message);
      set_status (self, message);
    }
  else
    /* TRANSLATORS: %s is a file name */
    message = g_strdup_printf (_("KPIs exported to “%s”."), name);
  toast (self, message);
}

void
_pd_kpi_view_export_to (PdKpiView *self,
                        GFile     *file)
{
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (PD_IS_KPI_VIEW (self));
  if (self->report == NULL || self->exporting)
    return;
  csv = pd_kpi_report_to_csv (self->report);
  bytes = g_bytes_new_take (csv, strlen (csv));
  self->exporting = TRUE;
  /* GIO writes the file in its worker threads. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_done_cb, g_object_ref (self));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  PdKpiView *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        _pd_kpi_view_export_to (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_clicked_cb (PdKpiView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "kpi-%Y%m%d-%H%M.csv");

  if (self->report == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export KPIs"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* --- Tiles ------------------------------------------------------------------ */

static void
add_tiles (PdKpiView *self)
{
  const char *titles[PD_KPI_N_TILES] = {
    _("Availability"), _("Performance"), _("Quality"),
    /* TRANSLATORS: overall equipment effectiveness */
    _("OEE"),
    /* TRANSLATORS: good parts produced */
    _("Output"), _("Scrap Rate"), _("On Time"),
  };

  for (guint i = 0; i < PD_KPI_N_TILES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (titles[i]);
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *detail = gtk_label_new (NULL);

      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "kpi-tile");
      gtk_widget_set_size_request (box, 140, -1);
      g_object_set (box, "margin-start", 4, "margin-end", 4, "margin-top", 4, "margin-bottom", 4, NULL);
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_add_css_class (value, i == PD_KPI_TILE_OEE ? "title-1" : "title-2");
      gtk_widget_add_css_class (detail, "caption");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
      gtk_widget_set_visible (detail, FALSE);
      g_object_set (title, "margin-top", 8, NULL);
      g_object_set (value, "margin-start", 8, "margin-end", 8, NULL);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), detail);
      g_object_set (box, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i], -1);
      gtk_widget_set_margin_bottom (detail, 8);
      gtk_widget_set_margin_bottom (value, 8);
      gtk_flow_box_append (self->tiles_box, box);
      self->tiles[i] = box;
      self->tile_values[i] = GTK_LABEL (value);
      self->tile_details[i] = GTK_LABEL (detail);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_kpi_view_dispose (GObject *object)
{
  PdKpiView *self = PD_KPI_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pd_mes_reload_clear (&self->reload);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_KPI_VIEW);
  G_OBJECT_CLASS (pd_kpi_view_parent_class)->dispose (object);
}

static void
pd_kpi_view_finalize (GObject *object)
{
  PdKpiView *self = PD_KPI_VIEW (object);

  g_clear_pointer (&self->report, pd_kpi_report_free);
  g_strfreev (self->work_centers);
  G_OBJECT_CLASS (pd_kpi_view_parent_class)->finalize (object);
}

static void
pd_kpi_view_class_init (PdKpiViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_kpi_view_dispose;
  object_class->finalize = pd_kpi_view_finalize;

  g_type_ensure (PD_TYPE_KPI_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-kpi-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, wc_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, wc_model);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, export_button);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, oee_chart);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, pareto_chart);
  gtk_widget_class_bind_template_child (widget_class, PdKpiView, oee_title);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
pd_kpi_view_init (PdKpiView *self)
{
  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_compute, self);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  add_tiles (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

GtkWidget *
pd_kpi_view_new (PdStore *store,
                 PdUser  *user)
{
  PdKpiView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_KPI_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (queue_reload), self);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (queue_reload), self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  pd_mes_reload_now (&self->reload);
  return GTK_WIDGET (self);
}

/* --- For tests -------------------------------------------------------------- */

gboolean
_pd_kpi_view_is_busy (PdKpiView *self)
{
  return pd_mes_reload_is_busy (&self->reload);
}

void
_pd_kpi_view_set_custom_range (PdKpiView  *self,
                               const char *work_center,
                               const char *from_day,
                               const char *to_day,
                               PdKpiBy     by)
{
  guint position = 0;

  for (guint i = 0; work_center != NULL && self->work_centers != NULL && self->work_centers[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->work_centers[i], work_center) == 0)
      position = i + 1;
  g_return_if_fail (work_center == NULL || position > 0);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->wc_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_day);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_day);
  gtk_drop_down_set_selected (self->range_dropdown, PD_KPI_RANGE_CUSTOM);
  for (guint i = 0; i < G_N_ELEMENTS (by_choices); i++)
    if (by_choices[i] == by)
      gtk_drop_down_set_selected (self->by_dropdown, i);
  self->updating = FALSE;
  queue_reload (self);
}

void
_pd_kpi_view_set_range (PdKpiView  *self,
                        PdKpiRange  range)
{
  gtk_drop_down_set_selected (self->range_dropdown, range);
}

guint
_pd_kpi_view_get_n_work_centers (PdKpiView *self)
{
  return self->work_centers != NULL ? g_strv_length (self->work_centers) : 0;
}

const char *
_pd_kpi_view_get_tile_value (PdKpiView *self,
                             PdKpiTile  tile)
{
  g_return_val_if_fail (tile < PD_KPI_N_TILES, NULL);
  return gtk_label_get_text (self->tile_values[tile]);
}

const char *
_pd_kpi_view_get_status (PdKpiView *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_text (self->status_label) : NULL;
}

const PdKpiReport *
_pd_kpi_view_get_report (PdKpiView *self)
{
  return self->report;
}

PdKpiChart *
_pd_kpi_view_get_oee_chart (PdKpiView *self)
{
  return self->oee_chart;
}

PdKpiChart *
_pd_kpi_view_get_pareto_chart (PdKpiView *self)
{
  return self->pareto_chart;
}

gboolean
_pd_kpi_view_is_exporting (PdKpiView *self)
{
  return self->exporting;
}
