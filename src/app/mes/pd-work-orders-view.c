/* pd-work-orders-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-work-orders-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-mes.h"
#include "pd-role.h"
#include "pd-store-schedule.h"
#include "pd-store-work-orders.h"
#include "pd-store-worker.h"
#include "mes/pd-work-order-detail.h"
#include "mes/pd-work-order-dialog.h"
#include "mes/pd-work-orders-private.h"
#include "mes/pd-work-orders-view.h"
#include "mes/pd-mes-reload.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

/* How long a burst of "work-orders-changed" is gathered before reading. */
#define RELOAD_DELAY_MS 150

typedef enum
{
  SORT_DUE,
  SORT_PRIORITY,
  SORT_NUMBER,
  SORT_PLANNED_END,
} Sort;

struct _PdWorkOrdersView
{
  GtkBox              parent_instance;

  PdStore            *store;
  PdUser             *user;
  PdStoreWorker      *worker;
  GCancellable       *cancellable;
  PdMesReload         reload;
  gboolean            loaded;

  GListStore         *rows;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  char               *search_fold;
  int                 status_filter;
  Sort                sort;
  char               *selected_number;

  GtkWidget          *dialog;        /* weak */
  guint               n_scheduling;
  PdWorkOrderDetail  *detail;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkWidget          *new_button;
  GtkWidget          *schedule_button;
  AdwBin             *detail_bin;
};

G_DEFINE_FINAL_TYPE (PdWorkOrdersView, pd_work_orders_view, GTK_TYPE_BOX)

static PdWorkOrder *
wo_of (gpointer item)
{
  return pd_wms_row_get_data (item);
}

/* --- Cells ----------------------------------------------------------------- */

static char *
number_text (gpointer data, const char **css)
{
  return g_strdup (((PdWorkOrder *) data)->number);
}

static char *
product_text (gpointer data, const char **css)
{
  PdWorkOrder *wo = data;

  if (wo->product_name == NULL)
    return g_strdup (wo->product_sku);
  /* TRANSLATORS: a product: its SKU, then its name */
  return g_strdup_printf (_("%s — %s"), wo->product_sku, wo->product_name);
}

static char *
qty_text (gpointer data, const char **css)
{
  return pd_qty_format (((PdWorkOrder *) data)->qty);
}

static char *
status_text (gpointer data, const char **css)
{
  PdWoStatus status = ((PdWorkOrder *) data)->status;

  if (status == PD_WO_PAUSED)
    *css = "warning";
  return g_strdup (pd_wo_status_get_label (status));
}

static char *
priority_text (gpointer data, const char **css)
{
  guint priority = ((PdWorkOrder *) data)->priority;

  if (priority == PD_WO_PRIORITY_MIN)
    *css = "warning";
  return g_strdup_printf ("%u", priority);
}

static char *
due_text (gpointer data, const char **css)
{
  return pd_mes_format_local_time (((PdWorkOrder *) data)->due);
}

static char *
planned_end_text (gpointer data, const char **css)
{
  return pd_mes_format_local_time (((PdWorkOrder *) data)->planned_end);
}

static char *
output_text (gpointer data, const char **css)
{
  PdWorkOrder *wo = data;
  g_autofree char *good = pd_qty_format (pd_work_order_get_good (wo));
  g_autofree char *scrap = pd_qty_format (pd_work_order_get_scrap (wo));

  /* TRANSLATORS: good parts / scrap parts */
  return g_strdup_printf (_("%s / %s"), good, scrap);
}

static char *
late_text (gpointer data, const char **css)
{
  if (!pd_work_order_is_late (data))
    return NULL;
  *css = "error";
  /* TRANSLATORS: a work order that will miss or has missed its due time */
  return g_strdup (_("Late"));
}

static const PdWmsCellText cells[] = {
  number_text, product_text, qty_text, status_text, priority_text, due_text,
  planned_end_text, output_text, late_text,
};

/* --- Filter and sort ------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PdWorkOrdersView *self = user_data;
  PdWorkOrder *wo = wo_of (item);

  if (self->status_filter >= 0 && (int) wo->status != self->status_filter)
    return FALSE;
  if (self->search_fold != NULL)
    {
      g_autofree char *all = g_strjoin ("\n", wo->number, wo->product_sku,
                                        wo->product_name != NULL ? wo->product_name : "",
                                        wo->ref != NULL ? wo->ref : "", NULL);
      g_autofree char *fold = g_utf8_casefold (all, -1);

      if (strstr (fold, self->search_fold) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ISO 8601 UTC strings compare as their times; NULL goes last. */
static int
compare_times (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PdWorkOrdersView *self = user_data;
  PdWorkOrder *x = wo_of ((gpointer) a);
  PdWorkOrder *y = wo_of ((gpointer) b);
  int result = 0;

  switch (self->sort)
    {
    case SORT_DUE:
      result = compare_times (x->due, y->due);
      break;
    case SORT_PRIORITY:
      result = (x->priority > y->priority) - (x->priority < y->priority);
      if (result == 0)
        result = compare_times (x->due, y->due);
      break;
    case SORT_NUMBER:
      break;
    case SORT_PLANNED_END:
      result = compare_times (x->planned_end, y->planned_end);
      break;
    default:
      g_assert_not_reached ();
    }
  return result != 0 ? result : strcmp (x->number, y->number);
}

static PdWorkOrder *
selected (PdWorkOrdersView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? wo_of (item) : NULL;
}

static void
selection_changed_cb (PdWorkOrdersView *self)
{
  PdWorkOrder *wo = selected (self);

  /* A read replaces the rows: the selection follows the number. */
  if (self->reload.loading && wo == NULL)
    return;
  g_free (self->selected_number);
  self->selected_number = wo != NULL ? g_strdup (wo->number) : NULL;
  pd_work_order_detail_set_number (self->detail, self->selected_number);
}

static void
update_count (PdWorkOrdersView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (ngettext ("%u work order", "%u work orders", all), all);
  else
    /* TRANSLATORS: work orders shown of all work orders */
    text = g_strdup_printf (ngettext ("%u of %u work order", "%u of %u work orders", all), shown, all);
  gtk_label_set_text (self->count_label, text);

  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
refilter (PdWorkOrdersView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* The drop-downs notify while the view is being built. */
  if (self->filter == NULL)
    return;

  g_clear_pointer (&self->search_fold, g_free);
  if (stripped[0] != '\0')
    self->search_fold = g_utf8_casefold (stripped, -1);
  /* The first entry is "all". */
  self->status_filter = (int) gtk_drop_down_get_selected (self->status_dropdown) - 1;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
resort (PdWorkOrdersView *self)
{
  if (self->sorter == NULL)
    return;
  self->sort = gtk_drop_down_get_selected (self->sort_dropdown);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* --- Reading --------------------------------------------------------------- */

static gboolean
list_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  *result = pd_store_list_work_orders (worker_store, error);
  return *result != NULL;
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdWorkOrdersView *self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  gpointer out = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &out, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  list = out;

  if (list == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the work orders: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      /* The selection and the scroll position stay with the same order. */
      keep = g_strdup (self->selected_number);
      rows = g_ptr_array_new_full (list->len, g_object_unref);
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (rows, pd_wms_row_new (g_steal_pointer (&list->pdata[i]),
                                               (GDestroyNotify) pd_work_order_free));
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           rows->pdata, rows->len);
      self->loaded = TRUE;
      self->reload.loading = FALSE;
      if (keep != NULL && !_pd_work_orders_view_select (self, keep))
        {
          /* Gone, or filtered out: nothing is shown that is not listed. */
          gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
          selection_changed_cb (self);
        }
    }

  update_count (self);
  pd_mes_reload_shown (&self->reload);
}

static void
start_list (gpointer owner)
{
  PdWorkOrdersView *self = owner;

  pd_store_worker_run_async (self->worker, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, list_done_cb, self);
}

/* A burst of changes (a machine's counters, a schedule of many orders)
 * is read once. */
static void
changed_cb (PdWorkOrdersView *self)
{
  pd_mes_reload_soon (&self->reload);
}

/* --- New ------------------------------------------------------------------- */

static void
set_dialog (PdWorkOrdersView *self,
            GtkWidget        *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
created_cb (PdWorkOrderDialog *dialog,
            const char        *number,
            const char        *warning,
            PdWorkOrdersView  *self)
{
  g_autofree char *message = NULL;

  if (warning != NULL)
    /* TRANSLATORS: the new work order, then the core's warning */
    message = g_strdup_printf (_("Created %s. %s"), number, warning);
  else
    message = g_strdup_printf (_("Created %s."), number);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  /* Shown as soon as the list has it. */
  g_free (self->selected_number);
  self->selected_number = g_strdup (number);
  pd_work_order_detail_set_number (self->detail, number);
}

static void
new_clicked_cb (PdWorkOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdWorkOrderDialog *dialog = pd_work_order_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->store, self->user, self->worker);

  g_signal_connect_object (dialog, "created", G_CALLBACK (created_cb), self, 0);
  set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Scheduling ----------------------------------------------------------- */

static gboolean
schedule_job (PdStore   *worker_store,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  return pd_store_schedule_all (worker_store, data, NULL, NULL, error);
}

static void
schedule_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PdWorkOrdersView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->n_scheduling--;
  gtk_widget_set_sensitive (self->schedule_button, self->n_scheduling == 0);
  if (error != NULL)
    /* TRANSLATORS: the core's reason follows */
    message = g_strdup_printf (_("Could not schedule the work orders: %s"), error->message);
  else
    message = g_strdup (_("Released and scheduled work orders scheduled."));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
schedule_clicked_cb (PdWorkOrdersView *self)
{
  if (self->n_scheduling > 0)
    return;
  self->n_scheduling++;
  gtk_widget_set_sensitive (self->schedule_button, FALSE);
  pd_store_worker_run_async (self->worker, schedule_job, g_object_ref (self->user), g_object_unref, NULL,
                             self->cancellable, schedule_done_cb, self);
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_work_orders_view_dispose (GObject *object)
{
  PdWorkOrdersView *self = PD_WORK_ORDERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pd_mes_reload_clear (&self->reload);
  set_dialog (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WORK_ORDERS_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_work_orders_view_parent_class)->dispose (object);
}

static void
pd_work_orders_view_finalize (GObject *object)
{
  PdWorkOrdersView *self = PD_WORK_ORDERS_VIEW (object);

  g_free (self->search_fold);
  g_free (self->selected_number);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pd_work_orders_view_parent_class)->finalize (object);
}

static void
pd_work_orders_view_class_init (PdWorkOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_work_orders_view_dispose;
  object_class->finalize = pd_work_orders_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/plantdesk/Plantdesk/mes/pd-work-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, stack);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, new_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrdersView, detail_bin);
  gtk_widget_class_bind_template_callback (widget_class, refilter);
  gtk_widget_class_bind_template_callback (widget_class, resort);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_clicked_cb);
}

static void
pd_work_orders_view_init (PdWorkOrdersView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);
  const char *titles[] = {
    /* TRANSLATORS: column headers of the work order list */
    N_("Number"), N_("Product"), N_("Qty"), N_("Status"), N_("Priority"), N_("Due"),
    N_("Planned End"), N_("Good / Scrap"), N_("Late"),
  };

  self->cancellable = g_cancellable_new ();
  self->status_filter = -1;
  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_list, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (statuses, _("All Statuses"));
  for (PdWoStatus status = PD_WO_DRAFT; status < PD_WO_N_STATUSES; status++)
    gtk_string_list_append (statuses, pd_wo_status_get_label (status));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  /* In the order of Sort. */
  gtk_string_list_append (sorts, _("By Due Time"));
  gtk_string_list_append (sorts, _("By Priority"));
  gtk_string_list_append (sorts, _("By Number"));
  gtk_string_list_append (sorts, _("By Planned End"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));

  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      gboolean numeric = i == 2 || i == 4 || i == 7;
      GtkColumnViewColumn *column = pd_wms_add_column (self->column_view, _(titles[i]), cells[i],
                                                       i == 1, numeric);

      if (i == 0)
        gtk_column_view_column_set_fixed_width (column, 110);
      else if (i == 4)
        gtk_column_view_column_set_fixed_width (column, 80);
      else if (i == 5 || i == 6)
        gtk_column_view_column_set_fixed_width (column, 140);
    }
}

PdWorkOrdersView *
pd_work_orders_view_new (PdStore *store,
                         PdUser  *user)
{
  PdWorkOrdersView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_WORK_ORDERS_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  self->detail = PD_WORK_ORDER_DETAIL (pd_work_order_detail_new (store, user, self->worker));
  adw_bin_set_child (self->detail_bin, GTK_WIDGET (self->detail));

  /* What a role may not do is not offered. */
  gtk_widget_set_visible (self->new_button,
                          pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_MES_PLAN));
  gtk_widget_set_visible (self->schedule_button,
                          pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_MES_PLAN));

  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (changed_cb), self);
  pd_mes_reload_now (&self->reload);
  update_count (self);
  return self;
}

/* --- Tests ----------------------------------------------------------------- */

gboolean
_pd_work_orders_view_is_loading (PdWorkOrdersView *self)
{
  return pd_mes_reload_is_busy (&self->reload);
}

guint
_pd_work_orders_view_get_n_shown (PdWorkOrdersView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

const char *
_pd_work_orders_view_get_number (PdWorkOrdersView *self,
                                 guint             i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

  g_return_val_if_fail (row != NULL, NULL);
  /* The list store keeps the row alive. */
  return wo_of (row)->number;
}

char *
_pd_work_orders_view_dup_cell (PdWorkOrdersView *self,
                               guint             i,
                               guint             column)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);
  const char *css = NULL;

  g_return_val_if_fail (row != NULL && column < G_N_ELEMENTS (cells), NULL);
  return cells[column] (wo_of (row), &css);
}

void
_pd_work_orders_view_set_search (PdWorkOrdersView *self,
                                 const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry waits before "search-changed"; tests do not. */
  refilter (self);
}

void
_pd_work_orders_view_set_status_filter (PdWorkOrdersView *self,
                                        int               status)
{
  gtk_drop_down_set_selected (self->status_dropdown, status + 1);
}

void
_pd_work_orders_view_set_sort (PdWorkOrdersView *self,
                               guint             sort)
{
  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

gboolean
_pd_work_orders_view_select (PdWorkOrdersView *self,
                             const char       *number)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (_pd_work_orders_view_get_number (self, i), number) == 0)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return TRUE;
      }
  return FALSE;
}

PdWorkOrderDetail *
_pd_work_orders_view_get_detail (PdWorkOrdersView *self)
{
  return self->detail;
}

GtkWidget *
_pd_work_orders_view_get_new_button (PdWorkOrdersView *self)
{
  return self->new_button;
}

GtkWidget *
_pd_work_orders_view_get_schedule_button (PdWorkOrdersView *self)
{
  return self->schedule_button;
}

PdWorkOrderDialog *
_pd_work_orders_view_get_dialog (PdWorkOrdersView *self)
{
  return self->dialog != NULL ? PD_WORK_ORDER_DIALOG (self->dialog) : NULL;
}

guint
_pd_work_orders_view_get_n_pending (PdWorkOrdersView *self)
{
  return pd_store_worker_get_n_pending (self->worker) + self->n_scheduling +
         (_pd_work_order_detail_is_busy (self->detail) ? 1 : 0);
}
