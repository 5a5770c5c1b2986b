/* pd-reorder-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reorder-view"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-store-orders.h"
#include "pd-store-worker.h"
#include "wms/pd-reorder-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

/* Scans come in bursts; the suggestions are read once it has settled. */
#define RELOAD_DELAY_MS 300

struct _PdReorderView
{
  GtkBox              parent_instance;

  PdStore            *store;
  PdUser             *user;
  PdStoreWorker      *worker;
  GCancellable       *cancellable;
  gboolean            can_order;
  gboolean            loading;
  gboolean            reload;     /* changed while reading or while hidden */
  guint               reload_source;
  guint               n_jobs;     /* orders being written, exports */

  GListStore         *rows;
  GtkMultiSelection  *selection;

  /* Template widgets */
  GtkLabel           *count_label;
  GtkButton          *create_button;
  GtkButton          *export_button;
  GtkStack           *stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (PdReorderView, pd_reorder_view, GTK_TYPE_BOX)

/* --- Cells ----------------------------------------------------------------- */

static const char *
on_hand_class (const PdReorderRow *row)
{
  /* Only what asks for something: stock below zero, or a shortage that
   * nothing on order covers yet. */
  if (row->on_hand < 0)
    return "error";
  if (row->suggested > 0)
    return "warning";
  return NULL;
}

static char *
sku_text (gpointer data, const char **css)
{
  return g_strdup (((PdReorderRow *) data)->sku);
}

static char *
name_text (gpointer data, const char **css)
{
  return g_strdup (((PdReorderRow *) data)->name);
}

static char *
warehouse_text (gpointer data, const char **css)
{
  return g_strdup (((PdReorderRow *) data)->warehouse_code);
}

static char *
on_hand_text (gpointer data, const char **css)
{
  PdReorderRow *row = data;

  *css = on_hand_class (row);
  return pd_wms_format_qty (row->on_hand, row->unit);
}

static char *
on_order_text (gpointer data, const char **css)
{
  PdReorderRow *row = data;
  g_autofree char *on_order = pd_wms_format_qty (row->on_order, row->unit);
  g_autofree char *unplaced = NULL;

  if (row->on_order_unplaced == 0)
    return g_steal_pointer (&on_order);
  unplaced = pd_qty_format (row->on_order_unplaced);
  /* TRANSLATORS: what is on order for this warehouse, then what is on
   * inbound orders that name no location, e.g. "6 kg (+5 anywhere)" */
  return g_strdup_printf (_("%s (+%s anywhere)"), on_order, unplaced);
}

static char *
min_text (gpointer data, const char **css)
{
  PdReorderRow *row = data;

  return row->has_min ? pd_qty_format (row->min_qty) : NULL;
}

static char *
max_text (gpointer data, const char **css)
{
  PdReorderRow *row = data;

  return row->has_max ? pd_qty_format (row->max_qty) : NULL;
}

static char *
suggested_text (gpointer data, const char **css)
{
  PdReorderRow *row = data;

  if (row->suggested == 0)
    /* TRANSLATORS: reorder suggestion of a low item whose orders already bring it back */
    return g_strdup (_("Covered by orders"));
  return pd_wms_format_qty (row->suggested, row->unit);
}

/* --- State ----------------------------------------------------------------- */

static PdReorderRow *
row_at (PdReorderView *self,
        guint          i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

  return row != NULL ? pd_wms_row_get_data (row) : NULL;
}

/* The selected rows that suggest something. */
static GPtrArray *
selected_rows (PdReorderView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reorder_row_free);
  GtkBitsetIter iter;
  guint i;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &i); ok;
       ok = gtk_bitset_iter_next (&iter, &i))
    {
      PdReorderRow *row = row_at (self, i);

      if (row != NULL && row->suggested > 0)
        g_ptr_array_add (rows, pd_reorder_row_copy (row));
    }
  return rows;
}

static void
update_state (PdReorderView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GPtrArray) wanted = selected_rows (self);
  g_autofree char *text = g_strdup_printf (ngettext ("%u item low", "%u items low", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            self->can_order && wanted->len > 0 && self->n_jobs == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), n > 0);

  if (self->loading && n == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (n == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
toast (PdReorderView *self,
       const char    *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* --- Reading --------------------------------------------------------------- */

static void queue_reload (PdReorderView *self);

static gboolean
same_pair (const PdReorderRow *a,
           const PdReorderRow *b)
{
  return a->item_id == b->item_id && a->warehouse_id == b->warehouse_id;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PdReorderView *self = user_data;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) was_selected = NULL;
  g_autoptr(GtkBitset) keep = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  g_autoptr(GError) error = NULL;

  read = pd_reorder_read_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (read == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the reorder suggestions: %s"), error->message);

      toast (self, message);
    }
  else
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      GtkBitsetIter iter;
      guint i;

      /* A few hundred rows at most: replaced whole, the selection kept
       * by what each row is about. */
      was_selected = g_ptr_array_new ();
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &i); ok;
           ok = gtk_bitset_iter_next (&iter, &i))
        g_ptr_array_add (was_selected, row_at (self, i));

      keep = gtk_bitset_new_empty ();
      rows = g_ptr_array_new_full (read->len, g_object_unref);
      for (guint k = 0; k < read->len; k++)
        {
          PdReorderRow *row = g_steal_pointer (&read->pdata[k]);

          for (guint s = 0; s < was_selected->len; s++)
            if (same_pair (row, g_ptr_array_index (was_selected, s)))
              gtk_bitset_add (keep, k);
          g_ptr_array_add (rows, pd_wms_row_new (row, (GDestroyNotify) pd_reorder_row_free));
        }
      /* The old rows (and so WAS_SELECTED) stay alive until the splice. */
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           rows->pdata, rows->len);
      mask = gtk_bitset_new_range (0, rows->len);
      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), keep, mask);
    }

  update_state (self);
  if (self->reload)
    queue_reload (self);
}

static void
reload (PdReorderView *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  update_state (self);
  pd_reorder_read_async (pd_store_get_path (self->store), 0, self->cancellable, read_cb, self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  PdReorderView *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* One read for a burst of changes, none while nobody looks (the view
 * reads again when it is shown). */
static void
queue_reload (PdReorderView *self)
{
  if (self->loading || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reload = TRUE;
      return;
    }
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
map_cb (PdReorderView *self)
{
  if (self->reload && !self->loading)
    reload (self);
}

/* --- Creating orders ------------------------------------------------------- */

typedef struct
{
  GPtrArray *orders;   /* PdStockOrder */
  PdUser    *actor;
} OrdersJob;

static void
orders_job_free (OrdersJob *job)
{
  g_clear_pointer (&job->orders, g_ptr_array_unref);
  g_clear_object (&job->actor);
  g_free (job);
}

/* On the worker's thread. Every ref is checked free before the first
 * order is written, so that a taken ref writes none of them. */
static gboolean
create_orders_func (PdStore   *store,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  OrdersJob *job = data;

  for (guint i = 0; i < job->orders->len; i++)
    {
      PdStockOrder *order = g_ptr_array_index (job->orders, i);
      g_autoptr(PdStockOrder) existing = NULL;
      g_autoptr(GError) local_error = NULL;

      existing = pd_store_get_order (store, order->ref, &local_error);
      if (existing != NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("There is an order “%s” already; choose another reference."), order->ref);
          return FALSE;
        }
      if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  for (guint i = 0; i < job->orders->len; i++)
    if (!pd_store_create_order (store, job->actor, g_ptr_array_index (job->orders, i), FALSE, error))
      return FALSE;

  *result = GUINT_TO_POINTER (job->orders->len);
  return TRUE;
}

static void
orders_created_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PdReorderView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gpointer out = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &out, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not create the inbound order: %s"), error->message);
    }
  else
    {
      guint n = GPOINTER_TO_UINT (out);

      message = g_strdup_printf (ngettext ("Created %u draft inbound order",
                                           "Created %u draft inbound orders", n), n);
    }

  self->n_jobs--;
  if (self->cancellable == NULL)
    return;
  toast (self, message);
  /* The orders' "stock-changed" came before this answer, but the
   * suggestions are read again at once so that they show on order. */
  reload (self);
}

void
_pd_reorder_view_create_orders (PdReorderView *self,
                                const char    *ref,
                                const char    *partner)
{
  g_autoptr(GPtrArray) rows = NULL;
  OrdersJob *job;

  g_return_if_fail (PD_IS_REORDER_VIEW (self));
  g_return_if_fail (ref != NULL);

  rows = selected_rows (self);
  if (!self->can_order || rows->len == 0)
    return;

  job = g_new0 (OrdersJob, 1);
  job->orders = pd_reorder_build_orders (rows, ref, partner);
  job->actor = g_object_ref (self->user);
  self->n_jobs++;
  update_state (self);
  pd_store_worker_run_async (self->worker, create_orders_func, job, (GDestroyNotify) orders_job_free,
                             NULL, self->cancellable, orders_created_cb, g_object_ref (self));
}

static char *
default_ref (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Not translated: a document reference, read by suppliers too. */
  return g_date_time_format (now, "RO-%Y%m%d-%H%M");
}

static void
ref_changed_cb (GtkEditable      *ref_row,
                AdwMessageDialog *dialog)
{
  g_autofree char *ref = g_strstrip (g_strdup (gtk_editable_get_text (ref_row)));

  adw_message_dialog_set_response_enabled (dialog, "create", ref[0] != '\0');
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PdReorderView    *self)
{
  GtkEditable *ref_row = g_object_get_data (G_OBJECT (dialog), "pd-ref");
  GtkEditable *partner_row = g_object_get_data (G_OBJECT (dialog), "pd-partner");
  g_autofree char *ref = NULL;
  g_autofree char *partner = NULL;

  if (!g_str_equal (response, "create"))
    return;

  ref = g_strstrip (g_strdup (gtk_editable_get_text (ref_row)));
  partner = g_strstrip (g_strdup (gtk_editable_get_text (partner_row)));
  _pd_reorder_view_create_orders (self, ref, partner);
}

GtkWidget *
_pd_reorder_view_open_dialog (PdReorderView *self)
{
  g_autoptr(GPtrArray) rows = selected_rows (self);
  g_autoptr(GHashTable) warehouses = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *body = NULL;
  g_autofree char *ref = default_ref ();
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *ref_row;
  GtkWidget *partner_row;
  GtkRoot *root;

  g_return_val_if_fail (PD_IS_REORDER_VIEW (self), NULL);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (warehouses, &((PdReorderRow *) g_ptr_array_index (rows, i))->warehouse_id);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Create Inbound Order"), NULL);
  if (g_hash_table_size (warehouses) > 1)
    /* TRANSLATORS: the first number is of items, the second of warehouses (always more than one) */
    body = g_strdup_printf (ngettext ("%u item, in %u warehouses: one draft order for each warehouse, its reference followed by the warehouse’s code.",
                                      "%u items, in %u warehouses: one draft order for each warehouse, its reference followed by the warehouse’s code.",
                                      rows->len),
                            rows->len, g_hash_table_size (warehouses));
  else
    body = g_strdup_printf (ngettext ("A draft order of %u item with its suggested quantity, to be released when confirmed.",
                                      "A draft order of %u items with their suggested quantities, to be released when confirmed.",
                                      rows->len),
                            rows->len);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  ref_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ref_row), _("Reference"));
  gtk_editable_set_text (GTK_EDITABLE (ref_row), ref);
  g_signal_connect_object (ref_row, "changed", G_CALLBACK (ref_changed_cb), dialog, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), ref_row);
  partner_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (partner_row), _("Supplier (optional)"));
  gtk_list_box_append (GTK_LIST_BOX (list), partner_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "pd-ref", ref_row);
  g_object_set_data (G_OBJECT (dialog), "pd-partner", partner_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
create_clicked_cb (PdReorderView *self)
{
  _pd_reorder_view_open_dialog (self);
}

/* --- Export ---------------------------------------------------------------- */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdReorderView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = GPOINTER_TO_UINT (g_object_get_data (source, "pd-n-rows"));

  self->n_jobs--;
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not export: %s"), error->message);
    }
  else
    message = g_strdup_printf (ngettext ("Exported %u row", "Exported %u rows", n), n);

  if (self->cancellable != NULL)
    {
      update_state (self);
      toast (self, message);
    }
}

void
_pd_reorder_view_export (PdReorderView *self,
                         GFile         *file)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  char *csv;

  g_return_if_fail (PD_IS_REORDER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, row_at (self, i));
  /* The rows shown are few: formatted here, written in GIO's worker. */
  csv = pd_reorder_to_csv (rows);
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_object_set_data (G_OBJECT (file), "pd-n-rows", GUINT_TO_POINTER (n));
  self->n_jobs++;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_done_cb, g_object_ref (self));
}

static void
export_to_file (GtkWidget *widget,
                GFile     *file)
{
  _pd_reorder_view_export (PD_REORDER_VIEW (widget), file);
}

static void
export_clicked_cb (PdReorderView *self)
{
  pd_wms_choose_csv (GTK_WIDGET (self), _("Export Reorder Suggestions"), "reorder.csv", export_to_file);
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_reorder_view_dispose (GObject *object)
{
  PdReorderView *self = PD_REORDER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* Waits for an order being written: a write is never cut in half. */
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REORDER_VIEW);

  G_OBJECT_CLASS (pd_reorder_view_parent_class)->dispose (object);
}

static void
pd_reorder_view_finalize (GObject *object)
{
  PdReorderView *self = PD_REORDER_VIEW (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (pd_reorder_view_parent_class)->finalize (object);
}

static void
pd_reorder_view_class_init (PdReorderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_reorder_view_dispose;
  object_class->finalize = pd_reorder_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-reorder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdReorderView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdReorderView, create_button);
  gtk_widget_class_bind_template_child (widget_class, PdReorderView, export_button);
  gtk_widget_class_bind_template_child (widget_class, PdReorderView, stack);
  gtk_widget_class_bind_template_child (widget_class, PdReorderView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
pd_reorder_view_init (PdReorderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_state), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  pd_wms_add_column (self->column_view, _("SKU"), sku_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Name"), name_text, TRUE, FALSE);
  pd_wms_add_column (self->column_view, _("Warehouse"), warehouse_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("On Hand"), on_hand_text, FALSE, TRUE);
  pd_wms_add_column (self->column_view, _("On Order"), on_order_text, FALSE, TRUE);
  /* TRANSLATORS: column header, the minimum stock level */
  pd_wms_add_column (self->column_view, C_("stock", "Min"), min_text, FALSE, TRUE);
  /* TRANSLATORS: column header, the maximum stock level */
  pd_wms_add_column (self->column_view, C_("stock", "Max"), max_text, FALSE, TRUE);
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Suggested"),
                                                             suggested_text, FALSE, TRUE), 170);
}

GtkWidget *
pd_reorder_view_new (PdStore *store,
                     PdUser  *user)
{
  PdReorderView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_REORDER_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  self->can_order = pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_STOCK_ORDERS);
  if (!self->can_order)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_button),
                                 _("Your role may not create stock orders"));
  /* Stock moves, and the thresholds and orders this station writes
   * (every write appends to the audit log). */
  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (queue_reload), self);
  reload (self);
  return GTK_WIDGET (self);
}

gboolean
_pd_reorder_view_is_busy (PdReorderView *self)
{
  return self->loading || self->reload_source != 0 || self->n_jobs > 0;
}

guint
_pd_reorder_view_get_n_rows (PdReorderView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const PdReorderRow *
_pd_reorder_view_get_row (PdReorderView *self,
                          guint          i)
{
  return row_at (self, i);
}

const char *
_pd_reorder_view_get_css_class (PdReorderView *self,
                                guint          i)
{
  return on_hand_class (row_at (self, i));
}

void
_pd_reorder_view_select (PdReorderView *self,
                         guint          i,
                         gboolean       unselect_rest)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, unselect_rest);
}

gboolean
_pd_reorder_view_can_create (PdReorderView *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->create_button));
}
