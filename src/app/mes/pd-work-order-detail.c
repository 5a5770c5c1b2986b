/* pd-work-order-detail.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-work-order-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-role.h"
#include "pd-store-work-orders.h"
#include "pd-traveler.h"
#include "mes/pd-mes-reload.h"
#include "mes/pd-mes-ui.h"
#include "mes/pd-work-order-detail.h"
#include "mes/pd-work-orders-private.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

/* What one read brings: the order with its BOM and routing, its events. */
typedef struct
{
  PdTraveler *traveler;
  GPtrArray  *events;   /* PdWoEvent */
} Detail;

static void
detail_clear (Detail *detail)
{
  pd_traveler_free (detail->traveler);
  g_clear_pointer (&detail->events, g_ptr_array_unref);
}

/* Shared with a print operation, which draws after the view moved on. */
static void
detail_free (Detail *detail)
{
  g_rc_box_release_full (detail, (GDestroyNotify) detail_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Detail, detail_free)

/* One BOM line with what the order needs of it. */
typedef struct
{
  const PdBomLine *line;
  PdQty            need;
} BomRow;

struct _PdWorkOrderDetail
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  char           *number;
  Detail         *detail;
  PdMesReload     reload;      /* no delay: every change is read */
  guint           n_pending;
  char           *error;
  GtkWidget      *dialog;      /* weak */

  GListStore     *ops_rows;
  GListStore     *event_rows;
  GListStore     *bom_rows;

  GtkStack       *stack;
  GtkLabel       *title_label;
  GtkLabel       *product_label;
  GtkLabel       *status_label;
  GtkLabel       *late_label;
  GtkLabel       *qty_label;
  GtkLabel       *due_label;
  GtkLabel       *priority_label;
  GtkLabel       *ref_label;
  GtkLabel       *planned_label;
  GtkLabel       *versions_label;
  GtkLabel       *output_label;
  GtkLabel       *error_label;
  GtkWidget      *release_button;
  GtkWidget      *issue_button;
  GtkWidget      *cancel_button;
  GtkWidget      *close_button;
  GtkWidget      *print_button;
  GtkWidget      *pdf_button;
  GtkColumnView  *ops_view;
  GtkColumnView  *events_view;
  GtkColumnView  *bom_view;
};

G_DEFINE_FINAL_TYPE (PdWorkOrderDetail, pd_work_order_detail, GTK_TYPE_BOX)

static gboolean
may (PdWorkOrderDetail *self,
     PdPermission       permission)
{
  return pd_role_has_permission (pd_user_get_role (self->user), permission);
}

static void
show_error (PdWorkOrderDetail *self,
            const char        *message)
{
  pd_mes_set_message (self->error_label, &self->error, message);
}

static void
set_dialog (PdWorkOrderDetail *self,
            GtkWidget         *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

/* --- Cells ----------------------------------------------------------------- */

static char *
op_seq_text (gpointer data, const char **css)
{
  return g_strdup_printf ("%u", ((PdWoOperation *) data)->seq);
}

static char *
op_center_text (gpointer data, const char **css)
{
  return g_strdup (((PdWoOperation *) data)->work_center_code);
}

static char *
op_state_text (gpointer data, const char **css)
{
  return g_strdup (pd_wo_op_status_get_label (((PdWoOperation *) data)->status));
}

static char *
op_start_text (gpointer data, const char **css)
{
  return pd_mes_format_local_time (((PdWoOperation *) data)->planned_start);
}

static char *
op_end_text (gpointer data, const char **css)
{
  return pd_mes_format_local_time (((PdWoOperation *) data)->planned_end);
}

static char *
op_locked_text (gpointer data, const char **css)
{
  /* TRANSLATORS: an operation pinned by a person in the schedule */
  return g_strdup (((PdWoOperation *) data)->locked ? _("Locked") : "");
}

static char *
op_output_text (gpointer data, const char **css)
{
  PdWoOperation *op = data;
  g_autofree char *good = pd_qty_format (op->good);
  g_autofree char *scrap = pd_qty_format (op->scrap);

  if (op->scrap > 0)
    *css = "warning";
  /* TRANSLATORS: good parts / scrap parts */
  return g_strdup_printf (_("%s / %s"), good, scrap);
}

static char *
event_at_text (gpointer data, const char **css)
{
  return pd_mes_format_local_time (((PdWoEvent *) data)->at);
}

static char *
event_user_text (gpointer data, const char **css)
{
  PdWoEvent *event = data;

  /* TRANSLATORS: who made an event that no person made (the station's counters) */
  return g_strdup (event->user != NULL ? event->user : _("System"));
}

static char *
event_what_text (gpointer data, const char **css)
{
  PdWoEvent *event = data;

  if (event->seq == 0)
    return g_strdup (pd_wo_action_get_label (event->kind));
  /* TRANSLATORS: an event on an operation: the action, then the operation's sequence number */
  return g_strdup_printf (_("%s (operation %u)"), pd_wo_action_get_label (event->kind), event->seq);
}

static char *
event_reason_text (gpointer data, const char **css)
{
  PdWoEvent *event = data;
  PdPauseReason pause;
  PdScrapReason scrap;

  if (event->reason == NULL)
    return NULL;
  if (event->kind == PD_WO_ACTION_PAUSE && pd_pause_reason_from_string (event->reason, &pause))
    return g_strdup (pd_pause_reason_get_label (pause));
  if (pd_scrap_reason_from_string (event->reason, &scrap))
    return g_strdup (pd_scrap_reason_get_label (scrap));
  return g_strdup (event->reason);
}

static char *
event_qty_text (gpointer data, const char **css)
{
  PdWoEvent *event = data;
  g_autofree char *good = NULL;
  g_autofree char *scrap = NULL;

  if (event->kind != PD_WO_ACTION_REPORT)
    return NULL;
  good = pd_qty_format (event->good);
  scrap = pd_qty_format (event->scrap);
  return g_strdup_printf (_("%s / %s"), good, scrap);
}

static char *
event_source_text (gpointer data, const char **css)
{
  PdWoEvent *event = data;

  if (g_strcmp0 (event->source, "machine") == 0)
    /* TRANSLATORS: an event's source: the machine's counters */
    return g_strdup (C_("event source", "Machine"));
  if (g_strcmp0 (event->source, "manual") == 0)
    /* TRANSLATORS: an event's source: typed by a person */
    return g_strdup (C_("event source", "Manual"));
  return NULL;
}

static char *
bom_component_text (gpointer data, const char **css)
{
  return g_strdup (((BomRow *) data)->line->component_sku);
}

static char *
bom_name_text (gpointer data, const char **css)
{
  return g_strdup (((BomRow *) data)->line->component_name);
}

static char *
bom_per_text (gpointer data, const char **css)
{
  const PdBomLine *line = ((BomRow *) data)->line;

  return pd_wms_format_qty (line->qty, line->unit);
}

static char *
bom_need_text (gpointer data, const char **css)
{
  BomRow *row = data;

  return pd_wms_format_qty (row->need, row->line->unit);
}

static char *
bom_issue_text (gpointer data, const char **css)
{
  /* TRANSLATORS: how a component is issued to a work order */
  return g_strdup (((BomRow *) data)->line->backflush ? C_("bom issue", "Backflush")
                                                      : C_("bom issue", "Pick at start"));
}

/* --- Showing --------------------------------------------------------------- */

static void
update_actions (PdWorkOrderDetail *self)
{
  const PdWorkOrder *wo = self->detail != NULL ? self->detail->traveler->wo : NULL;
  PdWoStatus status = wo != NULL ? wo->status : PD_WO_CANCELLED;
  gboolean idle = self->n_pending == 0 && wo != NULL;

  gtk_widget_set_sensitive (self->release_button, idle && status == PD_WO_DRAFT);
  gtk_widget_set_sensitive (self->issue_button, idle && status == PD_WO_SCHEDULED);
  gtk_widget_set_sensitive (self->cancel_button, idle && status <= PD_WO_ISSUED);
  gtk_widget_set_sensitive (self->close_button, idle && status == PD_WO_COMPLETED);
  gtk_widget_set_sensitive (self->print_button, wo != NULL);
  gtk_widget_set_sensitive (self->pdf_button, wo != NULL);
}

static void
splice_rows (GListStore *store,
             GPtrArray  *rows)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows->pdata, rows->len);
}

static void
show_detail (PdWorkOrderDetail *self,
             Detail            *detail)
{
  const PdWorkOrder *wo = detail->traveler->wo;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *qty = pd_qty_format (wo->qty);
  g_autofree char *due = pd_mes_format_local_time (wo->due);
  g_autofree char *start = pd_mes_format_local_time (wo->planned_start);
  g_autofree char *end = pd_mes_format_local_time (wo->planned_end);
  g_autofree char *planned = NULL;
  g_autofree char *versions = NULL;
  g_autofree char *output = NULL;
  g_autofree char *good = pd_qty_format (pd_work_order_get_good (wo));
  g_autofree char *scrap = pd_qty_format (pd_work_order_get_scrap (wo));
  g_autofree char *priority = g_strdup_printf ("%u", wo->priority);
  Detail *old = self->detail;

  /* The rows borrow from the detail: new rows first, then the old detail goes. */
  for (guint i = 0; i < wo->ops->len; i++)
    g_ptr_array_add (ops, pd_wms_row_new (g_ptr_array_index (wo->ops, i), NULL));
  for (guint i = detail->events->len; i > 0; i--)
    g_ptr_array_add (events, pd_wms_row_new (g_ptr_array_index (detail->events, i - 1), NULL));
  if (detail->traveler->bom != NULL)
    for (guint i = 0; i < detail->traveler->bom->lines->len; i++)
      {
        BomRow *row = g_new0 (BomRow, 1);

        row->line = g_ptr_array_index (detail->traveler->bom->lines, i);
        row->need = pd_traveler_get_need (detail->traveler, row->line);
        g_ptr_array_add (lines, pd_wms_row_new (row, g_free));
      }
  splice_rows (self->ops_rows, ops);
  splice_rows (self->event_rows, events);
  splice_rows (self->bom_rows, lines);
  self->detail = detail;
  g_clear_pointer (&old, detail_free);

  gtk_label_set_text (self->title_label, wo->number);
  if (wo->product_name != NULL)
    {
      /* TRANSLATORS: a product: its SKU, then its name */
      g_autofree char *product = g_strdup_printf (_("%s — %s"), wo->product_sku, wo->product_name);

      gtk_label_set_text (self->product_label, product);
    }
  else
    gtk_label_set_text (self->product_label, wo->product_sku);
  gtk_label_set_text (self->status_label, pd_wo_status_get_label (wo->status));
  gtk_widget_set_visible (GTK_WIDGET (self->late_label), pd_work_order_is_late (wo));
  gtk_label_set_text (self->qty_label, qty);
  gtk_label_set_text (self->due_label, due);
  gtk_label_set_text (self->priority_label, priority);
  gtk_label_set_text (self->ref_label, wo->ref != NULL ? wo->ref : "—");
  /* TRANSLATORS: planned start – planned end */
  planned = wo->planned_start != NULL ? g_strdup_printf (_("%s – %s"), start, end) : g_strdup ("—");
  gtk_label_set_text (self->planned_label, planned);
  if (wo->routing_version > 0)
    /* TRANSLATORS: the versions a released work order froze */
    versions = g_strdup_printf (_("Routing %u, BOM %u"), wo->routing_version, wo->bom_version);
  else
    versions = g_strdup (_("Not frozen until released"));
  gtk_label_set_text (self->versions_label, versions);
  output = g_strdup_printf (_("%s / %s"), good, scrap);
  gtk_label_set_text (self->output_label, output);
  gtk_stack_set_visible_child_name (self->stack, "order");
  update_actions (self);
}

/* --- Reading --------------------------------------------------------------- */

static void
reload (PdWorkOrderDetail *self)
{
  if (self->number != NULL)
    pd_mes_reload_now (&self->reload);
}

static gboolean
read_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  g_autoptr(Detail) detail = g_rc_box_new0 (Detail);

  detail->traveler = pd_traveler_load (worker_store, data, error);
  if (detail->traveler == NULL)
    return FALSE;
  detail->events = pd_store_list_work_order_events (worker_store, data, error);
  if (detail->events == NULL)
    return FALSE;
  *result = g_steal_pointer (&detail);
  return TRUE;
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdWorkOrderDetail *self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer detail = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &detail, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!pd_mes_reload_done (&self->reload))
    {
      g_clear_pointer ((Detail **) &detail, detail_free);
      return;
    }
  if (detail == NULL)
    show_error (self, error->message);
  else
    show_detail (self, detail);
}

static void
start_read (gpointer owner)
{
  PdWorkOrderDetail *self = owner;

  if (self->number == NULL)
    {
      pd_mes_reload_failed (&self->reload);
      return;
    }
  pd_store_worker_run_async (self->worker, read_job, g_strdup (self->number), g_free,
                             (GDestroyNotify) detail_free, self->cancellable, read_done_cb, self);
}

void
pd_work_order_detail_set_number (PdWorkOrderDetail *self,
                                 const char        *number)
{
  g_return_if_fail (PD_IS_WORK_ORDER_DETAIL (self));

  if (g_strcmp0 (number, self->number) == 0)
    return;
  g_free (self->number);
  self->number = g_strdup (number);
  show_error (self, NULL);
  if (number == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  /* Another order: what is shown of the old one must not linger. */
  if (self->detail != NULL && g_ascii_strcasecmp (self->detail->traveler->wo->number, number) != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  reload (self);
}

const char *
pd_work_order_detail_get_number (PdWorkOrderDetail *self)
{
  g_return_val_if_fail (PD_IS_WORK_ORDER_DETAIL (self), NULL);

  return self->number;
}

/* --- Actions --------------------------------------------------------------- */

typedef struct
{
  PdWorkOrderDetail *self;
  PdUser            *user;
  char              *number;
  PdWoAction         action;
  GFile             *file;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->user);
  g_clear_object (&job->file);
  g_free (job->number);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (PdWorkOrderDetail *self)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->user = g_object_ref (self->user);
  job->number = g_strdup (self->detail->traveler->wo->number);
  return job;
}

/* Runs FUNC on JOB in the store worker; DONE gets JOB and calls
 * job_finish(). */
static void
job_run (Job                 *job,
         PdStoreWorkerFunc    func,
         GAsyncReadyCallback  done)
{
  PdWorkOrderDetail *self = job->self;

  self->n_pending++;
  update_actions (self);
  pd_store_worker_run_async (self->worker, func, job, NULL, NULL, self->cancellable, done, job);
}

/* FALSE when the job was cancelled (the detail is gone); otherwise the
 * job is no longer pending and ERROR says whether it failed. */
static gboolean
job_finish (Job           *job,
            GObject       *source,
            GAsyncResult  *result,
            GError       **error)
{
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, error) &&
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  job->self->n_pending--;
  update_actions (job->self);
  return TRUE;
}

static gboolean
action_job (PdStore   *worker_store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  Job *job = data;

  return pd_store_work_order_action (worker_store, job->user, job->number, job->action, 0, error);
}

static const char *
action_heading (PdWoAction action)
{
  switch (action)
    {
    case PD_WO_ACTION_RELEASE: return _("Cannot Release");
    case PD_WO_ACTION_ISSUE: return _("Cannot Issue");
    case PD_WO_ACTION_CANCEL: return _("Cannot Cancel");
    case PD_WO_ACTION_CLOSE: return _("Cannot Close");
    default: return _("Refused");
    }
}

static char *
action_done_message (PdWoAction  action,
                     const char *number)
{
  switch (action)
    {
    case PD_WO_ACTION_RELEASE: return g_strdup_printf (_("Work order %s released."), number);
    case PD_WO_ACTION_ISSUE: return g_strdup_printf (_("Work order %s issued."), number);
    case PD_WO_ACTION_CANCEL: return g_strdup_printf (_("Work order %s cancelled."), number);
    case PD_WO_ACTION_CLOSE: return g_strdup_printf (_("Work order %s closed."), number);
    default: return g_strdup_printf (_("Work order %s changed."), number);
    }
}

static void
present_refusal (PdWorkOrderDetail *self,
                 const char        *heading,
                 const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  PdWorkOrderDetail *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!job_finish (job, source, result, &error))
    return;
  if (error != NULL)
    {
      show_error (self, error->message);
      /* A shortage lists every missing component: all of it in a window. */
      if (g_error_matches (error, PD_ERROR, PD_ERROR_INSUFFICIENT) || strchr (error->message, '\n') != NULL)
        present_refusal (self, action_heading (job->action), error->message);
      return;
    }
  show_error (self, NULL);
  message = action_done_message (job->action, job->number);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

void
_pd_work_order_detail_run_action (PdWorkOrderDetail *self,
                                  PdWoAction         action)
{
  Job *job;

  if (self->detail == NULL)
    return;
  job = job_new (self);
  job->action = action;
  job_run (job, action_job, action_done_cb);
}

static void
release_clicked_cb (PdWorkOrderDetail *self)
{
  _pd_work_order_detail_run_action (self, PD_WO_ACTION_RELEASE);
}

static void
issue_clicked_cb (PdWorkOrderDetail *self)
{
  _pd_work_order_detail_run_action (self, PD_WO_ACTION_ISSUE);
}

static void
close_clicked_cb (PdWorkOrderDetail *self)
{
  _pd_work_order_detail_run_action (self, PD_WO_ACTION_CLOSE);
}

static void
cancel_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    PdWorkOrderDetail *self)
{
  if (g_str_equal (response, "cancel-order"))
    _pd_work_order_detail_run_action (self, PD_WO_ACTION_CANCEL);
}

static void
cancel_clicked_cb (PdWorkOrderDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->detail == NULL)
    return;
  heading = g_strdup_printf (_("Cancel Work Order %s?"), self->detail->traveler->wo->number);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("A cancelled order cannot be released, issued or started again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Order"),
                                    "cancel-order", _("_Cancel Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-order",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- The traveler ---------------------------------------------------------- */

static gboolean
pdf_job (PdStore   *worker_store,
         gpointer   data,
         gpointer  *result,
         GError   **error)
{
  Job *job = data;
  g_autoptr(PdTraveler) traveler = NULL;
  g_autofree char *path = g_file_get_path (job->file);

  if (path == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("A traveler can only be saved to a local file."));
      return FALSE;
    }
  traveler = pd_traveler_load (worker_store, job->number, error);
  return traveler != NULL && pd_traveler_write_pdf (path, traveler, NULL, error);
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  PdWorkOrderDetail *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (!job_finish (job, source, result, &error))
    return;
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  name = g_file_get_basename (job->file);
  /* TRANSLATORS: a work order, then a file name */
  message = g_strdup_printf (_("Traveler of %s saved as %s."), job->number, name);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

void
_pd_work_order_detail_save_pdf (PdWorkOrderDetail *self,
                                GFile             *file)
{
  Job *job;

  if (self->detail == NULL)
    return;
  job = job_new (self);
  job->file = g_object_ref (file);
  job_run (job, pdf_job, pdf_done_cb);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     PdWorkOrderDetail *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _pd_work_order_detail_save_pdf (self, file);
    }
  g_object_unref (chooser);
}

static void
pdf_clicked_cb (PdWorkOrderDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->detail == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Traveler as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", self->detail->traveler->wo->number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PdTraveler        *traveler)
{
  guint n = pd_traveler_render (gtk_print_context_get_cairo_context (context), traveler,
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context), -1);

  gtk_print_operation_set_n_pages (operation, (int) n);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PdTraveler        *traveler)
{
  pd_traveler_render (gtk_print_context_get_cairo_context (context), traveler,
                      gtk_print_context_get_width (context),
                      gtk_print_context_get_height (context), page);
}

static GtkPrintOperation *
print_operation_new (PdWorkOrderDetail *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->detail->traveler->wo->number);
  /* The traveler as shown: the draw callbacks use it on this thread. */
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self->detail->traveler);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self->detail->traveler);
  return operation;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PdWorkOrderDetail       *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, error != NULL ? error->message : _("Printing failed."));
    }
  self->n_pending--;
  update_actions (self);
  g_object_unref (operation);
}

static void
print_clicked_cb (PdWorkOrderDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;

  if (self->detail == NULL)
    return;
  operation = print_operation_new (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  self->n_pending++;
  update_actions (self);
  /* The traveler must outlive a reload while the dialog is open. */
  g_object_set_data_full (G_OBJECT (operation), "pd-detail", g_rc_box_acquire (self->detail),
                          (GDestroyNotify) detail_free);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error->message);
}

GtkPrintOperationResult
_pd_work_order_detail_print_to (PdWorkOrderDetail *self,
                                const char        *path,
                                int               *n_pages)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (self->detail != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = print_operation_new (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_object_get (operation, "n-pages", n_pages, NULL);
  if (error != NULL)
    g_warning ("%s", error->message);
  return result;
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_work_order_detail_dispose (GObject *object)
{
  PdWorkOrderDetail *self = PD_WORK_ORDER_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_dialog (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WORK_ORDER_DETAIL);
  if (self->ops_rows != NULL)
    {
      g_list_store_remove_all (self->ops_rows);
      g_list_store_remove_all (self->event_rows);
      g_list_store_remove_all (self->bom_rows);
    }
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_work_order_detail_parent_class)->dispose (object);
}

static void
pd_work_order_detail_finalize (GObject *object)
{
  PdWorkOrderDetail *self = PD_WORK_ORDER_DETAIL (object);

  g_clear_object (&self->ops_rows);
  g_clear_object (&self->event_rows);
  g_clear_object (&self->bom_rows);
  g_clear_pointer (&self->detail, detail_free);
  g_free (self->number);
  g_free (self->error);

  G_OBJECT_CLASS (pd_work_order_detail_parent_class)->finalize (object);
}

static void
pd_work_order_detail_class_init (PdWorkOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_work_order_detail_dispose;
  object_class->finalize = pd_work_order_detail_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/plantdesk/Plantdesk/mes/pd-work-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, product_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, late_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, qty_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, due_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, priority_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, ref_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, planned_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, versions_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, output_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, release_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, issue_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, close_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, print_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, ops_view);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, events_view);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDetail, bom_view);
  gtk_widget_class_bind_template_callback (widget_class, release_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, issue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
}

static void
set_model (GtkColumnView *view,
           GListStore    *rows)
{
  GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows)));

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
pd_work_order_detail_init (PdWorkOrderDetail *self)
{
  self->cancellable = g_cancellable_new ();
  pd_mes_reload_init (&self->reload, 0, start_read, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ops_rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->event_rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->bom_rows = g_list_store_new (PD_TYPE_WMS_ROW);
  set_model (self->ops_view, self->ops_rows);
  set_model (self->events_view, self->event_rows);
  set_model (self->bom_view, self->bom_rows);

  /* TRANSLATORS: column header, an operation's sequence number */
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->ops_view, _("Seq"), op_seq_text, FALSE, TRUE), 60);
  pd_wms_add_column (self->ops_view, _("Work Center"), op_center_text, TRUE, FALSE);
  pd_wms_add_column (self->ops_view, _("State"), op_state_text, FALSE, FALSE);
  pd_wms_add_column (self->ops_view, _("Planned Start"), op_start_text, FALSE, FALSE);
  pd_wms_add_column (self->ops_view, _("Planned End"), op_end_text, FALSE, FALSE);
  pd_wms_add_column (self->ops_view, _("Locked"), op_locked_text, FALSE, FALSE);
  /* TRANSLATORS: column header: good parts / scrap parts */
  pd_wms_add_column (self->ops_view, _("Good / Scrap"), op_output_text, FALSE, TRUE);

  pd_wms_add_column (self->events_view, _("When"), event_at_text, FALSE, FALSE);
  pd_wms_add_column (self->events_view, _("Who"), event_user_text, FALSE, FALSE);
  pd_wms_add_column (self->events_view, _("What"), event_what_text, TRUE, FALSE);
  pd_wms_add_column (self->events_view, _("Reason"), event_reason_text, FALSE, FALSE);
  pd_wms_add_column (self->events_view, _("Good / Scrap"), event_qty_text, FALSE, TRUE);
  pd_wms_add_column (self->events_view, _("Source"), event_source_text, FALSE, FALSE);

  pd_wms_add_column (self->bom_view, _("Component"), bom_component_text, FALSE, FALSE);
  pd_wms_add_column (self->bom_view, _("Name"), bom_name_text, TRUE, FALSE);
  pd_wms_add_column (self->bom_view, _("Per Unit"), bom_per_text, FALSE, TRUE);
  /* TRANSLATORS: column header: what the whole work order needs of a component */
  pd_wms_add_column (self->bom_view, _("Need"), bom_need_text, FALSE, TRUE);
  pd_wms_add_column (self->bom_view, _("Issue"), bom_issue_text, FALSE, FALSE);
}

GtkWidget *
pd_work_order_detail_new (PdStore       *store,
                          PdUser        *user,
                          PdStoreWorker *worker)
{
  PdWorkOrderDetail *self;
  gboolean plan;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PD_TYPE_WORK_ORDER_DETAIL, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = g_object_ref (worker);

  /* What a role may not do is not offered. */
  plan = may (self, PD_PERMISSION_MES_PLAN);
  gtk_widget_set_visible (self->release_button, plan);
  gtk_widget_set_visible (self->issue_button, plan);
  gtk_widget_set_visible (self->cancel_button, plan);
  gtk_widget_set_visible (self->close_button, plan);

  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (reload), self);
  update_actions (self);
  return GTK_WIDGET (self);
}

/* --- Tests ----------------------------------------------------------------- */

gboolean
_pd_work_order_detail_is_busy (PdWorkOrderDetail *self)
{
  return pd_mes_reload_is_busy (&self->reload) || self->n_pending > 0;
}

GtkWidget *
_pd_work_order_detail_get_button (PdWorkOrderDetail *self,
                                  const char        *button)
{
  if (g_str_equal (button, "release"))
    return self->release_button;
  if (g_str_equal (button, "issue"))
    return self->issue_button;
  if (g_str_equal (button, "cancel"))
    return self->cancel_button;
  if (g_str_equal (button, "close"))
    return self->close_button;
  if (g_str_equal (button, "print"))
    return self->print_button;
  if (g_str_equal (button, "pdf"))
    return self->pdf_button;
  g_return_val_if_reached (NULL);
}

int
_pd_work_order_detail_get_status (PdWorkOrderDetail *self)
{
  return self->detail != NULL ? (int) self->detail->traveler->wo->status : -1;
}

const char *
_pd_work_order_detail_get_error (PdWorkOrderDetail *self)
{
  return self->error;
}

GtkWidget *
_pd_work_order_detail_get_dialog (PdWorkOrderDetail *self)
{
  return self->dialog;
}

static GtkColumnView *
table_view (PdWorkOrderDetail *self,
            const char        *table)
{
  if (g_str_equal (table, "ops"))
    return self->ops_view;
  if (g_str_equal (table, "events"))
    return self->events_view;
  if (g_str_equal (table, "bom"))
    return self->bom_view;
  g_return_val_if_reached (NULL);
}

guint
_pd_work_order_detail_get_n_rows (PdWorkOrderDetail *self,
                                  const char        *table)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table_view (self, table))));
}

char *
_pd_work_order_detail_dup_cell (PdWorkOrderDetail *self,
                                const char        *table,
                                guint              row,
                                guint              column)
{
  static const PdWmsCellText ops[] = { op_seq_text, op_center_text, op_state_text, op_start_text,
                                       op_end_text, op_locked_text, op_output_text };
  static const PdWmsCellText events[] = { event_at_text, event_user_text, event_what_text,
                                          event_reason_text, event_qty_text, event_source_text };
  static const PdWmsCellText bom[] = { bom_component_text, bom_name_text, bom_per_text,
                                       bom_need_text, bom_issue_text };
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (table_view (self, table)));
  g_autoptr(PdWmsRow) item = g_list_model_get_item (model, row);
  const char *css = NULL;

  g_return_val_if_fail (item != NULL, NULL);
  if (g_str_equal (table, "ops") && column < G_N_ELEMENTS (ops))
    return ops[column] (pd_wms_row_get_data (item), &css);
  if (g_str_equal (table, "events") && column < G_N_ELEMENTS (events))
    return events[column] (pd_wms_row_get_data (item), &css);
  if (g_str_equal (table, "bom") && column < G_N_ELEMENTS (bom))
    return bom[column] (pd_wms_row_get_data (item), &css);
  g_return_val_if_reached (NULL);
}
