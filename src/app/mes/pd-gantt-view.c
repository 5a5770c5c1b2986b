/* pd-gantt-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schedule is read with pd_schedule_load() on a read-only connection
 * of a worker thread and swapped into the chart on the UI thread; moves,
 * "Schedule" and "Unlock" are writes through a PdStoreWorker. A dropped
 * bar stays as a ghost where it was dropped until the store answers: a
 * refusal puts it back and says why, a success reloads the schedule.
 */

#define G_LOG_DOMAIN "pd-gantt-view"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-read-conn.h"
#include "pd-store-schedule.h"
#include "pd-store-work-orders.h"
#include "pd-store-worker.h"
#include "pd-window.h"
#include "mes/pd-gantt-chart-private.h"
#include "mes/pd-gantt-view-private.h"
#include "mes/pd-work-order-dialog.h"

struct _PdGanttView
{
  GtkBox           parent_instance;

  PdStore         *store;
  PdUser          *user;
  PdStoreWorker   *worker;
  GCancellable    *cancellable;
  gboolean         can_plan;
  gboolean         loading;
  gboolean         reload;
  guint            reload_source;
  guint            n_loads;
  guint            n_jobs_done;

  GtkToggleButton *zoom_shift_button;
  GtkToggleButton *zoom_day_button;
  GtkToggleButton *zoom_week_button;
  GtkButton       *today_button;
  GtkButton       *unlock_button;
  GtkButton       *schedule_button;
  GtkButton       *new_button;
  GtkButton       *issue_button;
  GHashTable      *scheduled_ids;   /* ids of the orders that are scheduled: issuable */
  GtkLabel        *status_label;
  GtkRevealer     *banner;
  GtkLabel        *banner_label;
  GtkScrolledWindow *scrolled;
  PdGanttChart    *chart;
  GtkLabel        *drag_label;
  GtkLabel        *info_label;
};

G_DEFINE_FINAL_TYPE (PdGanttView, pd_gantt_view, GTK_TYPE_BOX)

/* A burst of writes (a schedule of many orders, a station's counters)
 * emits a signal each; the schedule is read again once it has settled. */
#define RELOAD_DELAY_MS 200

static void load (PdGanttView *self);

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0 || t == G_MAXINT64)
    return g_strdup ("—");
  dt = pd_gantt_local_time (t);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static const char *
state_label (PdSchedState state)
{
  switch (state)
    {
    case PD_SCHED_FREE:
      /* TRANSLATORS: an operation the scheduler may still move */
      return _("Planned");
    case PD_SCHED_LOCKED:
      return _("Locked");
    case PD_SCHED_RUNNING:
      /* TRANSLATORS: an operation on the schedule that has started */
      return C_("operation", "Running");
    case PD_SCHED_DONE:
      return C_("operation", "Done");
    default:
      return "";
    }
}

static void
show_message (PdGanttView *self,
              const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  if (PD_IS_WINDOW (root))
    pd_window_add_toast (PD_WINDOW (root), message);
}

static void
banner_close_cb (PdGanttView *self)
{
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

/* --- Reading the schedule -------------------------------------------- */

typedef struct
{
  PdSchedule *schedule;
  GHashTable *names;
  GHashTable *scheduled_ids;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->schedule, pd_schedule_free);
  g_clear_pointer (&result->names, g_hash_table_unref);
  g_clear_pointer (&result->scheduled_ids, g_hash_table_unref);
  g_free (result);
}

/* The planned end of each order and whether it is after its due time, so
 * that late orders show whatever the loaded schedule says. */
static guint
mark_late (PdSchedule *schedule)
{
  guint n_late = 0;

  for (guint i = 0; i < pd_schedule_get_n_orders (schedule); i++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, i);
      gint64 end = 0;

      for (guint k = 0; k < order->n_ops; k++)
        end = MAX (end, pd_schedule_get_operation (schedule, order->first_op + k)->end);
      order->end = end;
      order->late = order->due > 0 && end > order->due;
      n_late += order->late;
    }
  return n_late;
}

static gpointer
load_read (sqlite3       *db,
           gpointer       job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) scheduled = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  LoadResult *result;
  int rc;

  schedule = pd_schedule_load (db, NULL, error);
  if (!schedule)
    return NULL;
  /* Bars of operations still running reach to where they can end. */
  pd_schedule_project_running (schedule, g_get_real_time (), PD_SCHEDULE_HORIZON);
  mark_late (schedule);

  stmt = pd_read_conn_prepare (db, "SELECT id, name FROM work_centers", error);
  if (!stmt)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (names, id, pd_read_conn_dup_text (stmt, 1));
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  /* Which orders may be issued to the floor from the board. */
  stmt = pd_read_conn_prepare (db, "SELECT id FROM work_orders WHERE status = 'scheduled'", error);
  if (!stmt)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (scheduled, id);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  result = g_new0 (LoadResult, 1);
  result->schedule = g_steal_pointer (&schedule);
  result->names = g_steal_pointer (&names);
  result->scheduled_ids = g_steal_pointer (&scheduled);
  return result;
}

static void
update_status (PdGanttView *self)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  g_autofree char *orders = NULL;
  g_autofree char *text = NULL;
  guint n_orders = 0, n_late = 0;

  if (schedule)
    {
      n_orders = pd_schedule_get_n_orders (schedule);
      for (guint i = 0; i < n_orders; i++)
        n_late += pd_schedule_get_order (schedule, i)->late;
    }
  orders = g_strdup_printf (ngettext ("%u work order", "%u work orders", n_orders), n_orders);
  /* TRANSLATORS: "12 work orders, 3 late" */
  text = g_strdup_printf (ngettext ("%s, %u late", "%s, %u late", n_late), orders, n_late);
  gtk_label_set_text (self->status_label, text);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdGanttView *self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;

  loaded = pd_read_conn_run_finish (result, load, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&loaded, load_result_free);
      return;   /* disposed: SELF may be gone */
    }

  self->loading = FALSE;
  self->n_loads++;
  if (!loaded)
    show_message (self, error->message);
  else
    {
      g_clear_pointer (&self->scheduled_ids, g_hash_table_unref);
      self->scheduled_ids = g_steal_pointer (&loaded->scheduled_ids);
      pd_gantt_chart_set_schedule (self->chart, g_steal_pointer (&loaded->schedule), loaded->names);
      load_result_free (loaded);
      update_status (self);
    }
  if (self->reload)
    {
      self->reload = FALSE;
      load (self);
    }
}

static void
load (PdGanttView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }
  self->loading = TRUE;
  pd_read_conn_run_async (pd_store_get_path (self->store), load_read, NULL, NULL,
                          load_result_free, load, self->cancellable, load_done_cb, self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  PdGanttView *self = data;

  self->reload_source = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (PdStore     *store,
                  PdGanttView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* --- Selection and drag feedback ------------------------------------- */

static void
selection_changed_cb (PdGanttView *self)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  int selected = pd_gantt_chart_get_selected (self->chart);
  const PdSchedOp *o;
  const PdSchedOrder *order;
  const PdSchedWorkCenter *wc;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;

  if (!schedule || selected < 0)
    {
      gtk_label_set_text (self->info_label, _("Click a bar to see its work order; drag it to plan it by hand."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->issue_button), FALSE);
      return;
    }
  o = pd_schedule_get_operation (schedule, selected);
  order = pd_schedule_get_order (schedule, o->order);
  wc = pd_schedule_get_work_center (schedule, o->work_center);
  start = format_time (o->start);
  end = format_time (o->end);
  due = format_time (order->due);
  /* TRANSLATORS: the selected bar: order number, operation seq, work
   * center code, product SKU; then start, end, due, state and progress */
  text = g_strdup_printf (_("%s · operation %u on %s · product %s\n"
                            "%s – %s (due %s) · %s%s · %.0f %% done"),
                          order->number, o->seq, wc->code, order->product ? order->product : "—",
                          start, end, due, state_label (o->state),
                          order->late ? _(" · late") : "", CLAMP (o->progress, 0, 1) * 100);
  gtk_label_set_text (self->info_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button),
                            self->can_plan && o->state == PD_SCHED_LOCKED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->issue_button),
                            self->can_plan && self->scheduled_ids != NULL &&
                            g_hash_table_contains (self->scheduled_ids, &order->id));
}

static void
drag_changed_cb (PdGanttView *self)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  graphene_rect_t rect;
  const char *message = NULL;
  gboolean valid = FALSE;
  guint wc = 0;
  gint64 start = 0;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  int width, height, label_height = 0;
  double top;

  if (!pd_gantt_chart_get_drag (self->chart, NULL, &wc, &start, &valid, &message))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->drag_label), FALSE);
      return;
    }
  when = format_time (start);
  if (valid)
    /* TRANSLATORS: while dragging a bar: start time, work center code */
    text = g_strdup_printf (_("Start at %s on %s"), when, pd_schedule_get_work_center (schedule, wc)->code);
  else
    text = g_strdup (message ? message : "");
  gtk_label_set_text (self->drag_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drag_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->drag_label), "invalid");
      gtk_widget_add_css_class (GTK_WIDGET (self->drag_label), "valid");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->drag_label), "valid");
      gtk_widget_add_css_class (GTK_WIDGET (self->drag_label), "invalid");
    }

  /* Below the ghost, or above it near the bottom, kept inside the board. */
  pd_gantt_chart_get_ghost_rect (self->chart, &rect);
  width = gtk_widget_get_width (GTK_WIDGET (self->chart));
  height = gtk_widget_get_height (GTK_WIDGET (self->chart));
  gtk_widget_measure (GTK_WIDGET (self->drag_label), GTK_ORIENTATION_VERTICAL, 360,
                      NULL, &label_height, NULL, NULL);
  top = rect.origin.y + rect.size.height + 4;
  if (top + label_height > height)
    top = rect.origin.y - label_height - 4;
  gtk_widget_set_margin_start (GTK_WIDGET (self->drag_label),
                               (int) CLAMP (rect.origin.x, 0, MAX (0, width - 360)));
  gtk_widget_set_margin_top (GTK_WIDGET (self->drag_label),
                             (int) CLAMP (top, 0, MAX (0, height - label_height)));
  gtk_widget_set_visible (GTK_WIDGET (self->drag_label), TRUE);
}

/* --- Writes ---------------------------------------------------------- */

typedef enum
{
  JOB_MOVE,
  JOB_UNLOCK,
  JOB_SCHEDULE,
  JOB_ISSUE,
} JobKind;

typedef struct
{
  JobKind  kind;
  PdUser  *user;
  char    *number;
  guint    seq;
  char    *work_center;   /* NULL: where it is */
  gint64   start;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->user);
  g_free (job->number);
  g_free (job->work_center);
  g_free (job);
}

static gboolean
job_run (PdStore   *worker_store,
         gpointer   data,
         gpointer  *result,
         GError   **error)
{
  Job *job = data;

  switch (job->kind)
    {
    case JOB_MOVE:
      return pd_store_move_operation (worker_store, job->user, job->number, job->seq,
                                      job->work_center, job->start, NULL, error);
    case JOB_UNLOCK:
      return pd_store_unlock_operation (worker_store, job->user, job->number, job->seq, error);
    case JOB_ISSUE:
      return pd_store_issue_work_order (worker_store, job->user, job->number, error);
    case JOB_SCHEDULE:
      {
        PdSchedule *schedule = NULL;

        if (!pd_store_schedule_all (worker_store, job->user, NULL, &schedule, error))
          return FALSE;
        *result = schedule;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  PdGanttView *view;
  Job         *job;   /* a copy of what the answer is about */
} JobReply;

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobReply *reply = user_data;
  g_autoptr(PdGanttView) self = reply->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autofree char *text = NULL;
  Job *job = reply->job;
  gboolean ok;

  ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &schedule, &error);
  g_free (reply);
  if (!self->worker)
    {
      job_free (job);
      return;   /* disposed meanwhile */
    }
  self->n_jobs_done++;

  if (!ok)
    {
      if (job->kind == JOB_MOVE)
        pd_gantt_chart_cancel_move (self->chart);
      show_message (self, error->message);
    }
  else if (job->kind == JOB_SCHEDULE)
    {
      guint n_late = mark_late (schedule);
      guint n_orders = pd_schedule_get_n_orders (schedule);
      g_autofree char *orders = g_strdup_printf (ngettext ("Scheduled %u work order", "Scheduled %u work orders", n_orders), n_orders);

      /* TRANSLATORS: "Scheduled 12 work orders; 3 will be late." */
      text = g_strdup_printf (ngettext ("%s; %u will be late.", "%s; %u will be late.", n_late), orders, n_late);
      show_message (self, text);
    }
  else if (job->kind == JOB_MOVE)
    {
      g_autofree char *when = format_time (job->start);

      /* TRANSLATORS: a bar was moved: order number, seq, start time */
      text = g_strdup_printf (_("%s · %u locked to start at %s."), job->number, job->seq, when);
      gtk_label_set_text (self->status_label, text);
      /* The ghost stays until the reload the store's signal started. */
      store_changed_cb (self->store, self);
    }
  else if (job->kind == JOB_ISSUE)
    {
      /* TRANSLATORS: a work order number */
      text = g_strdup_printf (_("%s issued to the floor."), job->number);
      gtk_label_set_text (self->status_label, text);
    }
  else
    {
      /* TRANSLATORS: order number, seq */
      text = g_strdup_printf (_("%s · %u unlocked."), job->number, job->seq);
      gtk_label_set_text (self->status_label, text);
    }
  job_free (job);
}

static void
run_job (PdGanttView *self,
         Job         *job)
{
  JobReply *reply = g_new0 (JobReply, 1);
  Job *copy = g_new0 (Job, 1);

  job->user = g_object_ref (self->user);
  *copy = *job;
  copy->user = NULL;
  copy->number = g_strdup (job->number);
  copy->work_center = g_strdup (job->work_center);
  reply->view = g_object_ref (self);
  reply->job = copy;
  pd_store_worker_run_async (self->worker, job_run, job, job_free,
                             (GDestroyNotify) pd_schedule_free, NULL, job_done_cb, reply);
}

static void
move_requested_cb (PdGanttView *self,
                   guint        op,
                   guint        work_center,
                   gint64       start)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  const PdSchedOp *o = pd_schedule_get_operation (schedule, op);
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_MOVE;
  job->number = g_strdup (pd_schedule_get_order (schedule, o->order)->number);
  job->seq = o->seq;
  if (work_center != o->work_center)
    job->work_center = g_strdup (pd_schedule_get_work_center (schedule, work_center)->code);
  job->start = start;
  run_job (self, job);
}

static void
unlock_clicked_cb (PdGanttView *self)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  int selected = pd_gantt_chart_get_selected (self->chart);
  const PdSchedOp *o;
  Job *job;

  if (!schedule || selected < 0)
    return;
  o = pd_schedule_get_operation (schedule, selected);
  job = g_new0 (Job, 1);
  job->kind = JOB_UNLOCK;
  job->number = g_strdup (pd_schedule_get_order (schedule, o->order)->number);
  job->seq = o->seq;
  run_job (self, job);
}

static void
issue_clicked_cb (PdGanttView *self)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (self->chart);
  int selected = pd_gantt_chart_get_selected (self->chart);
  const PdSchedOp *o;
  Job *job;

  if (!schedule || selected < 0)
    return;
  o = pd_schedule_get_operation (schedule, selected);
  job = g_new0 (Job, 1);
  job->kind = JOB_ISSUE;
  job->number = g_strdup (pd_schedule_get_order (schedule, o->order)->number);
  run_job (self, job);
}

static void
created_cb (PdWorkOrderDialog *dialog,
            const char        *number,
            const char        *warning,
            PdGanttView       *self)
{
  g_autofree char *text = NULL;

  if (warning != NULL)
    /* TRANSLATORS: the new work order, then the core's warning */
    text = g_strdup_printf (_("Created %s. %s"), number, warning);
  else
    /* TRANSLATORS: a new work order, to release and schedule next */
    text = g_strdup_printf (_("Created %s: release it, then schedule."), number);
  show_message (self, text);
}

static void
new_clicked_cb (PdGanttView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdWorkOrderDialog *dialog = pd_work_order_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->store, self->user, self->worker);

  g_signal_connect_object (dialog, "created", G_CALLBACK (created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
schedule_clicked_cb (PdGanttView *self)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_SCHEDULE;
  run_job (self, job);
}

/* --- Toolbar --------------------------------------------------------- */

static void
zoom_toggled_cb (GtkToggleButton *button,
                 PdGanttView     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->zoom_shift_button)
    pd_gantt_chart_set_zoom (self->chart, PD_GANTT_ZOOM_SHIFT);
  else if (button == self->zoom_week_button)
    pd_gantt_chart_set_zoom (self->chart, PD_GANTT_ZOOM_WEEK);
  else
    pd_gantt_chart_set_zoom (self->chart, PD_GANTT_ZOOM_DAY);
}

/* Ctrl+scroll on the chart changes the zoom: the buttons follow. */
static void
chart_zoom_notify_cb (PdGanttView *self)
{
  gtk_toggle_button_set_active (_pd_gantt_view_get_zoom_button (self, pd_gantt_chart_get_zoom (self->chart)), TRUE);
}

static void
today_clicked_cb (PdGanttView *self)
{
  pd_gantt_chart_scroll_to_time (self->chart, g_get_real_time ());
}

/* --- GObject --------------------------------------------------------- */

static void
pd_gantt_view_dispose (GObject *object)
{
  PdGanttView *self = PD_GANTT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_GANTT_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->user);
  g_clear_pointer (&self->scheduled_ids, g_hash_table_unref);

  G_OBJECT_CLASS (pd_gantt_view_parent_class)->dispose (object);
}

static void
pd_gantt_view_class_init (PdGanttViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_gantt_view_dispose;

  g_type_ensure (PD_TYPE_GANTT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-gantt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, zoom_shift_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, zoom_day_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, zoom_week_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, today_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, new_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, issue_button);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, banner);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, chart);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, drag_label);
  gtk_widget_class_bind_template_child (widget_class, PdGanttView, info_label);
  gtk_widget_class_bind_template_callback (widget_class, zoom_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, issue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_requested_cb);
}

static void
pd_gantt_view_init (PdGanttView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->chart, "notify::zoom", G_CALLBACK (chart_zoom_notify_cb), self);
}

PdGanttView *
pd_gantt_view_new (PdStore *store,
                   PdUser  *user)
{
  PdGanttView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_GANTT_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  self->can_plan = pd_user_can (user, PD_PERMISSION_MES_PLAN);
  pd_gantt_chart_set_editable (self->chart, self->can_plan);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), self->can_plan);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), self->can_plan);
  gtk_widget_set_visible (GTK_WIDGET (self->issue_button), self->can_plan);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), self->can_plan);
  g_signal_connect (store, "work-orders-changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect (store, "mes-master-changed", G_CALLBACK (store_changed_cb), self);
  selection_changed_cb (self);
  update_status (self);
  load (self);
  return self;
}

/* --- Private accessors ----------------------------------------------- */

PdGanttChart *
_pd_gantt_view_get_chart (PdGanttView *self)
{
  return self->chart;
}

GtkButton *
_pd_gantt_view_get_schedule_button (PdGanttView *self)
{
  return self->schedule_button;
}

GtkButton *
_pd_gantt_view_get_issue_button (PdGanttView *self)
{
  return self->issue_button;
}

GtkButton *
_pd_gantt_view_get_unlock_button (PdGanttView *self)
{
  return self->unlock_button;
}

GtkButton *
_pd_gantt_view_get_today_button (PdGanttView *self)
{
  return self->today_button;
}

GtkToggleButton *
_pd_gantt_view_get_zoom_button (PdGanttView *self,
                                PdGanttZoom  zoom)
{
  switch (zoom)
    {
    case PD_GANTT_ZOOM_SHIFT:
      return self->zoom_shift_button;
    case PD_GANTT_ZOOM_WEEK:
      return self->zoom_week_button;
    case PD_GANTT_ZOOM_DAY:
    default:
      return self->zoom_day_button;
    }
}

GtkLabel *
_pd_gantt_view_get_drag_label (PdGanttView *self)
{
  return self->drag_label;
}

GtkLabel *
_pd_gantt_view_get_banner_label (PdGanttView *self)
{
  return self->banner_label;
}

GtkRevealer *
_pd_gantt_view_get_banner (PdGanttView *self)
{
  return self->banner;
}

GtkLabel *
_pd_gantt_view_get_info_label (PdGanttView *self)
{
  return self->info_label;
}

GtkLabel *
_pd_gantt_view_get_status_label (PdGanttView *self)
{
  return self->status_label;
}

guint
_pd_gantt_view_get_n_loads (PdGanttView *self)
{
  return self->n_loads;
}

guint
_pd_gantt_view_get_n_jobs_done (PdGanttView *self)
{
  return self->n_jobs_done;
}

gboolean
_pd_gantt_view_is_loading (PdGanttView *self)
{
  return self->loading || self->reload_source != 0;
}
