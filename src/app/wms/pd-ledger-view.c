/* pd-ledger-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ledger-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "pd-wms-read.h"
#include "wms/pd-ledger-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

struct _PdLedgerView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdLedgerModel  *model;
  GCancellable   *cancellable;

  GtkLabel       *status_label;
  GtkColumnView  *column_view;
};

G_DEFINE_FINAL_TYPE (PdLedgerView, pd_ledger_view, GTK_TYPE_BOX)

static char *
time_text (gpointer data, const char **css)
{
  PdStockMove *move = data;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (move->ts / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : NULL;
}

static char *
sku_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->sku);
}

static char *
lot_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->lot_code);
}

static char *
from_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->from_code);
}

static char *
to_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->to_code);
}

static char *
qty_text (gpointer data, const char **css)
{
  return pd_qty_format (((PdStockMove *) data)->qty);
}

static char *
reason_text (gpointer data, const char **css)
{
  return g_strdup (pd_move_reason_get_label (((PdStockMove *) data)->reason));
}

static char *
user_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->user_name);
}

static char *
ref_text (gpointer data, const char **css)
{
  return g_strdup (((PdStockMove *) data)->ref);
}

static void
update_status (PdLedgerView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (pd_ledger_model_is_loading (self->model))
    text = g_strdup_printf (ngettext ("%u move read, reading…", "%u moves read, reading…", n), n);
  else if (pd_ledger_model_has_more (self->model))
    /* TRANSLATORS: more moves are read when the list is scrolled down */
    text = g_strdup_printf (ngettext ("%u move read, more below", "%u moves read, more below", n), n);
  else
    text = g_strdup_printf (ngettext ("%u move", "%u moves", n), n);
  gtk_label_set_text (self->status_label, text);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 n_rows = 0;

  if (!pd_wms_export_csv_finish (result, &n_rows, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not export: %s"), error->message);
    }
  else
    message = g_strdup_printf (ngettext ("Exported %" PRIu64 " move",
                                         "Exported %" PRIu64 " moves", n_rows), n_rows);

  gtk_widget_activate_action (widget, "win.toast", "s", message);
}

static void
export_to_file (GtkWidget *widget,
                GFile     *file)
{
  PdLedgerView *self = PD_LEDGER_VIEW (widget);

  pd_wms_export_csv_async (pd_store_get_path (self->store), PD_WMS_EXPORT_LEDGER, file,
                           self->cancellable, export_done_cb, g_object_ref (widget));
}

static void
export_clicked_cb (PdLedgerView *self)
{
  pd_wms_choose_csv (GTK_WIDGET (self), _("Export Stock Ledger"), "stock-ledger.csv", export_to_file);
}

static void
pd_ledger_view_dispose (GObject *object)
{
  PdLedgerView *self = PD_LEDGER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self->model);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->store);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (pd_ledger_view_parent_class)->dispose (object);
}

static void
pd_ledger_view_class_init (PdLedgerViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_ledger_view_dispose;
}

static void
pd_ledger_view_init (PdLedgerView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
pd_ledger_view_new (PdStore *store)
{
  PdLedgerView *self;
  GtkWidget *bar;
  GtkWidget *button;
  GtkWidget *scrolled;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_LEDGER_VIEW, NULL);
  self->store = g_object_ref (store);
  self->model = pd_ledger_model_new (pd_store_get_path (store));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (self), bar);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_label_set_xalign (self->status_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_label));

  button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_tooltip_text (button, _("Export as CSV"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export Stock Ledger as CSV"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), button);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model))))));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stock Ledger"), -1);
  gtk_column_view_column_set_fixed_width (pd_wms_add_column (self->column_view, _("Time"),
                                                             time_text, FALSE, FALSE), 170);
  pd_wms_add_column (self->column_view, _("SKU"), sku_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Lot"), lot_text, FALSE, FALSE);
  /* TRANSLATORS: column header, the location stock moved from */
  pd_wms_add_column (self->column_view, C_("move", "From"), from_text, FALSE, FALSE);
  /* TRANSLATORS: column header, the location stock moved to */
  pd_wms_add_column (self->column_view, C_("move", "To"), to_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Quantity"), qty_text, FALSE, TRUE);
  pd_wms_add_column (self->column_view, _("Reason"), reason_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("User"), user_text, FALSE, FALSE);
  /* TRANSLATORS: column header, a document reference */
  pd_wms_add_column (self->column_view, C_("move", "Reference"), ref_text, TRUE, FALSE);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_box_append (GTK_BOX (self), scrolled);

  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_status), self);
  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (pd_ledger_model_refresh), self->model);
  pd_ledger_model_refresh (self->model);
  update_status (self);
  return GTK_WIDGET (self);
}

PdLedgerModel *
_pd_ledger_view_get_model (PdLedgerView *self)
{
  return self->model;
}

GtkColumnView *
_pd_ledger_view_get_column_view (PdLedgerView *self)
{
  return self->column_view;
}
