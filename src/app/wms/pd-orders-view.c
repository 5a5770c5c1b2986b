/* pd-orders-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-orders-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-order-read.h"
#include "pd-store-orders.h"
#include "pd-store-worker.h"
#include "wms/pd-order-dialog.h"
#include "wms/pd-orders-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

struct _PdOrdersView
{
  GtkBox              parent_instance;

  PdStore            *store;
  PdUser             *user;
  PdStoreWorker      *worker;
  GCancellable       *cancellable;
  gboolean            loading;
  gboolean            reload;
  guint               n_pending;

  GListStore         *rows;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *search_fold;
  int                 status_filter;
  int                 kind_filter;

  GtkWidget          *dialog;        /* weak */

  GtkStack           *pages;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkWidget          *new_button;
  GtkWidget          *execute_button;
  GtkWidget          *release_button;
  GtkWidget          *cancel_button;
  GtkWidget          *close_button;
  AdwBin             *exec_bin;
};

G_DEFINE_FINAL_TYPE (PdOrdersView, pd_orders_view, GTK_TYPE_BOX)

static PdOrderSummary *
summary_of (gpointer item)
{
  return pd_wms_row_get_data (item);
}

/* --- Cells ----------------------------------------------------------------- */

static char *
ref_text (gpointer data, const char **css)
{
  return g_strdup (((PdOrderSummary *) data)->order->ref);
}

static char *
kind_text (gpointer data, const char **css)
{
  return g_strdup (pd_order_kind_get_label (((PdOrderSummary *) data)->order->kind));
}

/* The core's labels are for sentences ("is released"); a column and a
 * filter show them as titles. */
static const char *
status_title (PdOrderStatus status)
{
  switch (status)
    {
    case PD_ORDER_DRAFT: return C_("order status", "Draft");
    case PD_ORDER_RELEASED: return C_("order status", "Released");
    case PD_ORDER_IN_PROGRESS: return C_("order status", "In Progress");
    case PD_ORDER_DONE: return C_("order status", "Done");
    case PD_ORDER_CANCELLED: return C_("order status", "Cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

static char *
status_text (gpointer data, const char **css)
{
  PdStockOrder *order = ((PdOrderSummary *) data)->order;

  if (order->status == PD_ORDER_DONE && order->closed_short)
    {
      *css = "warning";
      /* TRANSLATORS: the status of an order that was closed before every line was complete */
      return g_strdup (_("Done (closed short)"));
    }
  return g_strdup (status_title (order->status));
}

static char *
partner_text (gpointer data, const char **css)
{
  return g_strdup (((PdOrderSummary *) data)->order->partner);
}

static char *
location_text (gpointer data, const char **css)
{
  PdStockOrder *order = ((PdOrderSummary *) data)->order;

  if (order->kind == PD_ORDER_TRANSFER)
    /* TRANSLATORS: a transfer order: from one location to another */
    return g_strdup_printf (_("%s → %s"), order->location_code, order->dest_location_code);
  return g_strdup (order->location_code);
}

static char *
updated_text (gpointer data, const char **css)
{
  const char *updated = ((PdOrderSummary *) data)->order->updated_at;
  g_autoptr(GDateTime) time = updated != NULL ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (updated);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
progress_text (PdOrderSummary *summary)
{
  /* TRANSLATORS: an order's progress: complete lines of all its lines */
  return g_strdup_printf (ngettext ("%u of %u line", "%u of %u lines", summary->n_lines),
                          summary->n_lines_done, summary->n_lines);
}

static void
progress_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 100, -1);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 12);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
progress_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  PdOrderSummary *summary = summary_of (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *bar = gtk_widget_get_first_child (box);
  g_autofree char *text = progress_text (summary);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), pd_order_summary_get_fraction (summary));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (box)), text);
}

/* --- Filter ---------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PdOrdersView *self = user_data;
  PdStockOrder *order = summary_of (item)->order;

  if (self->status_filter >= 0 && (int) order->status != self->status_filter)
    return FALSE;
  if (self->kind_filter >= 0 && (int) order->kind != self->kind_filter)
    return FALSE;
  if (self->search_fold != NULL)
    {
      g_autofree char *all = g_strjoin ("\n", order->ref,
                                        order->partner != NULL ? order->partner : "",
                                        order->location_code != NULL ? order->location_code : "",
                                        order->dest_location_code != NULL ? order->dest_location_code : "",
                                        NULL);
      g_autofree char *fold = g_utf8_casefold (all, -1);

      if (strstr (fold, self->search_fold) == NULL)
        return FALSE;
    }
  return TRUE;
}

static PdOrderSummary *
selected (PdOrdersView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? summary_of (item) : NULL;
}

static gboolean
may (PdOrdersView *self,
     PdPermission  permission)
{
  return pd_role_has_permission (pd_user_get_role (self->user), permission);
}

static void
update_actions (PdOrdersView *self)
{
  PdOrderSummary *summary = selected (self);
  PdOrderStatus status = summary != NULL ? summary->order->status : PD_ORDER_CANCELLED;
  gboolean open = status == PD_ORDER_RELEASED || status == PD_ORDER_IN_PROGRESS;

  gtk_widget_set_sensitive (self->execute_button, summary != NULL && open);
  gtk_widget_set_sensitive (self->release_button, status == PD_ORDER_DRAFT);
  gtk_widget_set_sensitive (self->cancel_button, status == PD_ORDER_DRAFT || status == PD_ORDER_RELEASED);
  gtk_widget_set_sensitive (self->close_button, status == PD_ORDER_IN_PROGRESS);
}

static void
update_count (PdOrdersView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (ngettext ("%u order", "%u orders", all), all);
  else
    /* TRANSLATORS: orders shown of all orders */
    text = g_strdup_printf (ngettext ("%u of %u order", "%u of %u orders", all), shown, all);
  gtk_label_set_text (self->count_label, text);

  if (self->loading && all == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static void
refilter (PdOrdersView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* The drop-downs notify while the view is being built. */
  if (self->filter == NULL)
    return;

  g_clear_pointer (&self->search_fold, g_free);
  if (stripped[0] != '\0')
    self->search_fold = g_utf8_casefold (stripped, -1);
  /* The first entry of each drop-down is "all". */
  self->status_filter = (int) gtk_drop_down_get_selected (self->status_dropdown) - 1;
  self->kind_filter = (int) gtk_drop_down_get_selected (self->kind_dropdown) - 1;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* --- Reading --------------------------------------------------------------- */

static void reload (PdOrdersView *self);

static void
list_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdOrdersView *self = user_data;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_ref = NULL;

  summaries = pd_order_read_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (summaries == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the orders: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      /* The selection stays on the same order across a refresh. */
      if (selected (self) != NULL)
        selected_ref = g_strdup (selected (self)->order->ref);
      rows = g_ptr_array_new_full (summaries->len, g_object_unref);
      for (guint i = 0; i < summaries->len; i++)
        g_ptr_array_add (rows, pd_wms_row_new (g_steal_pointer (&summaries->pdata[i]),
                                               (GDestroyNotify) pd_order_summary_free));
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           rows->pdata, rows->len);
      if (selected_ref != NULL)
        _pd_orders_view_select (self, selected_ref);
    }

  update_count (self);
  if (self->reload)
    reload (self);
}

static void
reload (PdOrdersView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_order_read_list_async (pd_store_get_path (self->store), -1, self->cancellable,
                            list_read_cb, self);
}

/* --- Actions --------------------------------------------------------------- */

typedef enum
{
  CHANGE_RELEASE,
  CHANGE_CANCEL,
} Change;

typedef struct
{
  PdOrdersView *self;
  PdUser       *user;
  char         *ref;
  Change        change;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->user);
  g_free (job->ref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static gboolean
change_job (PdStore   *worker_store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  Job *job = data;

  if (job->change == CHANGE_RELEASE)
    return pd_store_release_order (worker_store, job->user, job->ref, error);
  return pd_store_cancel_order (worker_store, job->user, job->ref, error);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  PdOrdersView *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->n_pending--;
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup (error->message);
    }
  else if (job->change == CHANGE_RELEASE)
    message = g_strdup_printf (_("Order %s released."), job->ref);
  else
    message = g_strdup_printf (_("Order %s cancelled."), job->ref);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
change_selected (PdOrdersView *self,
                 Change        change)
{
  PdOrderSummary *summary = selected (self);
  Job *job;

  if (summary == NULL)
    return;

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->user = g_object_ref (self->user);
  job->ref = g_strdup (summary->order->ref);
  job->change = change;
  self->n_pending++;
  pd_store_worker_run_async (self->worker, change_job, job, NULL, NULL, self->cancellable,
                             change_done_cb, job);
}

static void
release_clicked_cb (PdOrdersView *self)
{
  change_selected (self, CHANGE_RELEASE);
}

static void
cancel_clicked_cb (PdOrdersView *self)
{
  change_selected (self, CHANGE_CANCEL);
}

static void
set_dialog (PdOrdersView *self,
            GtkWidget    *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
close_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdOrdersView) self = user_data;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = pd_order_read_one_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  self->n_pending--;
  if (order == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  set_dialog (self, pd_order_confirm_close_short (GTK_WIDGET (self), self->worker, self->user, order));
}

static void
close_clicked_cb (PdOrdersView *self)
{
  PdOrderSummary *summary = selected (self);

  if (summary == NULL)
    return;

  /* The confirmation lists the short lines: read them first. */
  self->n_pending++;
  pd_order_read_one_async (pd_store_get_path (self->store), summary->order->ref, self->cancellable,
                           close_read_cb, g_object_ref (self));
}

static void
new_clicked_cb (PdOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdOrderDialog *dialog = pd_order_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->store, self->user, self->worker);

  set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_cb (PdOrdersView *self)
{
  gtk_stack_set_visible_child_name (self->pages, "list");
  adw_bin_set_child (self->exec_bin, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

PdOrderExecView *
pd_orders_view_open_order (PdOrdersView *self,
                           const char   *ref)
{
  GtkWidget *view;

  g_return_val_if_fail (PD_IS_ORDERS_VIEW (self), NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  view = pd_order_exec_view_new (self->store, self->user, self->worker, ref);
  g_signal_connect_swapped (view, "back", G_CALLBACK (back_cb), self);
  adw_bin_set_child (self->exec_bin, view);
  gtk_stack_set_visible_child_name (self->pages, "exec");
  return PD_ORDER_EXEC_VIEW (view);
}

static void
execute_clicked_cb (PdOrdersView *self)
{
  PdOrderSummary *summary = selected (self);

  if (summary != NULL && may (self, PD_PERMISSION_STOCK_MOVE))
    pd_orders_view_open_order (self, summary->order->ref);
}

static void
row_activated_cb (PdOrdersView *self,
                  guint         position)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  PdStockOrder *order;

  if (row == NULL || !may (self, PD_PERMISSION_STOCK_MOVE))
    return;
  order = summary_of (row)->order;
  if (order->status == PD_ORDER_RELEASED || order->status == PD_ORDER_IN_PROGRESS)
    pd_orders_view_open_order (self, order->ref);
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_orders_view_dispose (GObject *object)
{
  PdOrdersView *self = PD_ORDERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_dialog (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ORDERS_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_orders_view_parent_class)->dispose (object);
}

static void
pd_orders_view_finalize (GObject *object)
{
  PdOrdersView *self = PD_ORDERS_VIEW (object);

  g_free (self->search_fold);
  g_clear_object (&self->rows);
  g_clear_object (&self->filter);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (pd_orders_view_parent_class)->finalize (object);
}

static void
pd_orders_view_class_init (PdOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_orders_view_dispose;
  object_class->finalize = pd_orders_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, pages);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, stack);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, new_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, execute_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, release_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, close_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrdersView, exec_bin);
  gtk_widget_class_bind_template_callback (widget_class, refilter);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, execute_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, release_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
}

static void
pd_orders_view_init (PdOrdersView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;

  self->cancellable = g_cancellable_new ();
  self->status_filter = -1;
  self->kind_filter = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (statuses, _("All Statuses"));
  for (PdOrderStatus status = PD_ORDER_DRAFT; status <= PD_ORDER_CANCELLED; status++)
    gtk_string_list_append (statuses, status_title (status));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_string_list_append (kinds, _("All Kinds"));
  for (PdOrderKind kind = PD_ORDER_INBOUND; kind <= PD_ORDER_TRANSFER; kind++)
    gtk_string_list_append (kinds, pd_order_kind_get_label (kind));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_actions), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* TRANSLATORS: column header, an order's reference */
  pd_wms_add_column (self->column_view, _("Reference"), ref_text, FALSE, FALSE);
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Kind"),
                                                             kind_text, FALSE, FALSE), 110);
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Status"),
                                                             status_text, FALSE, FALSE), 150);
  pd_wms_add_column (self->column_view, _("Partner"), partner_text, TRUE, FALSE);
  /* Wide enough for a transfer's "WH1-A → WH1-B" and a time. */
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Location"),
                                                             location_text, FALSE, FALSE), 150);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (progress_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (progress_bind_cb), NULL);
  column = gtk_column_view_column_new (_("Progress"), factory);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Updated"),
                                                             updated_text, FALSE, TRUE), 160);
}

GtkWidget *
pd_orders_view_new (PdStore *store,
                    PdUser  *user)
{
  PdOrdersView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_ORDERS_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);

  /* What a role may not do is not offered. */
  gtk_widget_set_visible (self->new_button, may (self, PD_PERMISSION_STOCK_ORDERS));
  gtk_widget_set_visible (self->release_button, may (self, PD_PERMISSION_STOCK_ORDERS));
  gtk_widget_set_visible (self->cancel_button, may (self, PD_PERMISSION_STOCK_ORDERS));
  gtk_widget_set_visible (self->close_button, may (self, PD_PERMISSION_STOCK_ORDERS));
  gtk_widget_set_visible (self->execute_button, may (self, PD_PERMISSION_STOCK_MOVE));

  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  reload (self);
  update_count (self);
  return GTK_WIDGET (self);
}

gboolean
_pd_orders_view_is_loading (PdOrdersView *self)
{
  return self->loading || self->reload;
}

guint
_pd_orders_view_get_n_shown (PdOrdersView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

const char *
_pd_orders_view_get_ref (PdOrdersView *self,
                         guint         i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

  g_return_val_if_fail (row != NULL, NULL);
  /* The list store keeps the row alive. */
  return summary_of (row)->order->ref;
}

char *
_pd_orders_view_dup_progress (PdOrdersView *self,
                              guint         i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

  g_return_val_if_fail (row != NULL, NULL);
  return progress_text (summary_of (row));
}

void
_pd_orders_view_set_search (PdOrdersView *self,
                            const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry waits before "search-changed"; tests do not. */
  refilter (self);
}

void
_pd_orders_view_set_status_filter (PdOrdersView *self,
                                   int           status)
{
  gtk_drop_down_set_selected (self->status_dropdown, status + 1);
}

void
_pd_orders_view_set_kind_filter (PdOrdersView *self,
                                 int           kind)
{
  gtk_drop_down_set_selected (self->kind_dropdown, kind + 1);
}

gboolean
_pd_orders_view_select (PdOrdersView *self,
                        const char   *ref)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (_pd_orders_view_get_ref (self, i), ref) == 0)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
_pd_orders_view_get_button (PdOrdersView *self,
                            const char   *name)
{
  if (g_str_equal (name, "new"))
    return self->new_button;
  if (g_str_equal (name, "execute"))
    return self->execute_button;
  if (g_str_equal (name, "release"))
    return self->release_button;
  if (g_str_equal (name, "cancel"))
    return self->cancel_button;
  if (g_str_equal (name, "close"))
    return self->close_button;
  g_return_val_if_reached (NULL);
}

PdOrderExecView *
_pd_orders_view_get_exec_view (PdOrdersView *self)
{
  GtkWidget *child = adw_bin_get_child (self->exec_bin);

  return child != NULL ? PD_ORDER_EXEC_VIEW (child) : NULL;
}

GtkWidget *
_pd_orders_view_get_dialog (PdOrdersView *self)
{
  return self->dialog;
}

guint
_pd_orders_view_get_n_pending (PdOrdersView *self)
{
  return self->n_pending + pd_store_worker_get_n_pending (self->worker);
}
