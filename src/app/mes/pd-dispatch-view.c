/* pd-dispatch-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-dispatch-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mes/pd-dispatch-view.h"
#include "mes/pd-mes-reload.h"

#define RELOAD_DELAY_MS 100

struct _PdDispatchView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  PdTerminalData *data;
  GPtrArray      *shown;          /* PdTerminalEntry of DATA, not owned */
  char           *filter;         /* a work center code, or NULL */
  PdMesReload     reload;

  GtkDropDown    *filter_dropdown;
  GtkStringList  *filter_list;
  GtkListBox     *list;
  GtkWidget      *empty_label;
  GtkLabel       *error_label;
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (PdDispatchView, pd_dispatch_view, GTK_TYPE_BOX)

/* --- Rows ----------------------------------------------------------------- */

GtkWidget *
pd_dispatch_row_new (const PdTerminalEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label;
  g_autofree char *title = NULL;
  g_autofree char *qty = NULL;
  g_autofree char *good = NULL;
  g_autofree char *scrap = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *times = NULL;
  g_autofree char *accessible = NULL;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);

  title = g_strdup_printf (_("%s · Op %u"), entry->number, entry->seq);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);

  label = gtk_label_new (pd_wo_op_status_get_label (entry->status));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  if (pd_terminal_entry_is_active (entry))
    gtk_widget_add_css_class (label, "accent");
  gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);

  label = gtk_label_new (entry->product_name != NULL ? entry->product_name : entry->product_sku);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);

  qty = pd_qty_format (entry->qty);
  good = pd_qty_format (entry->good);
  scrap = pd_qty_format (entry->scrap);
  /* TRANSLATORS: good and scrap so far of the ordered quantity */
  figures = g_strdup_printf (_("%s good · %s scrap / %s"), good, scrap, qty);
  label = gtk_label_new (figures);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (GTK_GRID (grid), label, 1, 1, 1, 1);

  if (entry->planned_start == NULL && entry->planned_end == NULL)
    times = g_strdup (_("Not scheduled"));
  else
    {
      start = pd_terminal_format_time (entry->planned_start);
      end = pd_terminal_format_time (entry->planned_end);
      /* TRANSLATORS: the planned start and end of an operation */
      times = g_strdup_printf (_("%s – %s"), start, end);
    }
  label = gtk_label_new (times);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);

  if (entry->late)
    {
      label = gtk_label_new (_("Late"));
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, 1, 2, 1, 1);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_widget_add_css_class (row, "terminal-dispatch-row");
  accessible = g_strdup_printf ("%s, %s, %s%s", title,
                                entry->product_name != NULL ? entry->product_name : entry->product_sku,
                                pd_wo_op_status_get_label (entry->status),
                                entry->late ? _(", late") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}


/* A heading above the first row of each work center. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *code = g_object_get_data (G_OBJECT (row), "pd-work-center-code");
  const char *before_code = before != NULL ? g_object_get_data (G_OBJECT (before), "pd-work-center-code") : NULL;
  PdDispatchView *self = user_data;
  GtkWidget *label;
  const char *name = NULL;

  if (before != NULL && g_strcmp0 (code, before_code) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  for (guint i = 0; self->data != NULL && i < self->data->work_centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (self->data->work_centers, i);

      if (g_strcmp0 (wc->code, code) == 0)
        name = wc->name;
    }

  {
    g_autofree char *text = name != NULL ? g_strdup_printf ("%s — %s", code, name) : g_strdup (code);

    label = gtk_label_new (text);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_add_css_class (label, "title-4");
  gtk_list_box_row_set_header (row, label);
}

static void
fill (PdDispatchView *self)
{
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->shown, 0);

  for (guint i = 0; self->data != NULL && i < self->data->entries->len; i++)
    {
      PdTerminalEntry *entry = g_ptr_array_index (self->data->entries, i);
      GtkWidget *row;

      if (self->filter != NULL && g_strcmp0 (entry->work_center_code, self->filter) != 0)
        continue;
      row = pd_dispatch_row_new (entry);
      /* Read only: the list shows, the terminal acts. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (row), "pd-work-center-code", g_strdup (entry->work_center_code), g_free);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->shown, entry);
    }
  gtk_widget_set_visible (self->empty_label, self->shown->len == 0);
  self->filling = FALSE;
}

/* The drop-down: every work center, then each by code. */
static void
fill_filter (PdDispatchView *self)
{
  guint selected = 0;

  self->filling = TRUE;
  gtk_string_list_splice (self->filter_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->filter_list)) - 1, NULL);
  for (guint i = 0; i < self->data->work_centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (self->data->work_centers, i);

      gtk_string_list_append (self->filter_list, wc->code);
      if (g_strcmp0 (wc->code, self->filter) == 0)
        selected = i + 1;
    }
  if (selected == 0)
    g_clear_pointer (&self->filter, g_free);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  self->filling = FALSE;
}

static void
filter_changed_cb (PdDispatchView *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (self->filling || self->data == NULL)
    return;
  g_clear_pointer (&self->filter, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->filter = g_strdup (gtk_string_list_get_string (self->filter_list, selected));
  fill (self);
}

/* --- Loading -------------------------------------------------------------- */

static gboolean
load_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  *result = pd_terminal_data_load_all (worker_store, g_get_real_time (), error);
  return *result != NULL;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdDispatchView) self = user_data;
  g_autoptr(GError) error = NULL;
  PdTerminalData *data = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &data, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      pd_mes_reload_failed (&self->reload);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->data, pd_terminal_data_free);
  self->data = data;
  if (!pd_mes_reload_done (&self->reload))
    return;
  fill_filter (self);
  fill (self);
}

static void
start_load (gpointer owner)
{
  PdDispatchView *self = owner;

  pd_store_worker_run_async (self->worker, load_job, NULL, NULL,
                             (GDestroyNotify) pd_terminal_data_free, self->cancellable,
                             load_done_cb, g_object_ref (self));
}

static void
changed_cb (PdDispatchView *self)
{
  pd_mes_reload_soon (&self->reload);
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_dispatch_view_dispose (GObject *object)
{
  PdDispatchView *self = PD_DISPATCH_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  pd_mes_reload_clear (&self->reload);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (pd_dispatch_view_parent_class)->dispose (object);
}

static void
pd_dispatch_view_finalize (GObject *object)
{
  PdDispatchView *self = PD_DISPATCH_VIEW (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->data, pd_terminal_data_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->user);
  g_clear_object (&self->store);
  g_free (self->filter);

  G_OBJECT_CLASS (pd_dispatch_view_parent_class)->finalize (object);
}

static void
pd_dispatch_view_class_init (PdDispatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_dispatch_view_dispose;
  object_class->finalize = pd_dispatch_view_finalize;
}

static void
pd_dispatch_view_init (PdDispatchView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Dispatch Lists"));
  GtkWidget *filter_title = gtk_label_new (_("Work center"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char * const all[] = { _("All Work Centers"), NULL };

  self->cancellable = g_cancellable_new ();
  self->shown = g_ptr_array_new ();
  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_load, self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 18);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (bar), title);
  gtk_widget_add_css_class (filter_title, "dim-label");
  gtk_box_append (GTK_BOX (bar), filter_title);
  self->filter_list = gtk_string_list_new (all);
  self->filter_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->filter_list), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Work center"), -1);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->filter_dropdown));
  gtk_box_append (GTK_BOX (self), bar);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));

  self->empty_label = gtk_label_new (_("No operations waiting. Operations show here once their work order is issued."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 24);
  gtk_box_append (GTK_BOX (content), self->empty_label);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Dispatch lists"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);
}

PdDispatchView *
pd_dispatch_view_new (PdStore *store,
                      PdUser  *user)
{
  PdDispatchView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_DISPATCH_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (changed_cb), self);
  pd_mes_reload_now (&self->reload);
  return self;
}

/* --- For tests ------------------------------------------------------------ */

gboolean
_pd_dispatch_view_is_busy (PdDispatchView *self)
{
  return pd_mes_reload_is_busy (&self->reload);
}

guint
_pd_dispatch_view_get_n_shown (PdDispatchView *self)
{
  return self->shown->len;
}

const PdTerminalEntry *
_pd_dispatch_view_get_shown (PdDispatchView *self,
                             guint           i)
{
  g_return_val_if_fail (i < self->shown->len, NULL);

  return g_ptr_array_index (self->shown, i);
}

gboolean
_pd_dispatch_view_set_filter (PdDispatchView *self,
                              const char     *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_list));

  if (code == NULL)
    {
      gtk_drop_down_set_selected (self->filter_dropdown, 0);
      return TRUE;
    }
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->filter_list, i), code) == 0)
      {
        gtk_drop_down_set_selected (self->filter_dropdown, i);
        return TRUE;
      }
  return FALSE;
}
