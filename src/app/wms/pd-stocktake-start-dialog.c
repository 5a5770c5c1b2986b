/* pd-stocktake-start-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktake-start-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wms/pd-stocktake-start-dialog.h"

struct _PdStocktakeStartDialog
{
  AdwMessageDialog  parent_instance;

  GCancellable     *cancellable;
  /* The location of each row of the combo; 0 first: every location. */
  GArray           *location_ids;
  gint64            wanted_location_id;
  gboolean          loading;

  /* Template widgets */
  AdwComboRow      *location_row;
  AdwEntryRow      *skus_row;
  GtkSwitch        *blind_switch;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (PdStocktakeStartDialog, pd_stocktake_start_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
list_locations_func (PdStore   *store,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  GPtrArray *locations = pd_store_list_locations (store, error);

  *result = locations;
  return locations != NULL;
}

/* "  Z1 · Zone": the tree shown by indenting each level. */
static char *
location_label (PdLocation *location,
                guint       depth)
{
  g_autoptr(GString) label = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (label, "  ");
  /* TRANSLATORS: a location in the stocktake scope list: code, then kind */
  g_string_append_printf (label, _("%s · %s"), location->code, pd_location_kind_get_label (location->kind));
  if (location->name != NULL && location->name[0] != '\0')
    g_string_append_printf (label, " (%s)", location->name);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
locations_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PdStocktakeStartDialog) self = user_data;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) depths = NULL;
  g_autoptr(GtkStringList) labels = NULL;
  gpointer out = NULL;
  guint selected = 0;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &out, &error))
    {
      /* The worker answers even once the dialog is gone. */
      if (self->cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  locations = out;
  if (self->cancellable == NULL)
    return;
  self->loading = FALSE;

  labels = gtk_string_list_new (NULL);
  gtk_string_list_append (labels, _("Every Location"));
  g_array_set_size (self->location_ids, 0);
  g_array_append_vals (self->location_ids, &(gint64) { 0 }, 1);

  /* Depth first, parents before children: a child's depth is its
   * parent's plus one. */
  depths = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < locations->len; i++)
    {
      PdLocation *location = g_ptr_array_index (locations, i);
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, &location->parent_id));
      g_autofree char *label = NULL;

      depth = location->parent_id != 0 ? depth + 1 : 0;
      g_hash_table_insert (depths, &location->id, GUINT_TO_POINTER (depth));
      label = location_label (location, depth);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->location_ids, location->id);
      if (location->id == self->wanted_location_id)
        selected = self->location_ids->len - 1;
    }

  adw_combo_row_set_model (self->location_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->location_row, selected);
}

static void
pd_stocktake_start_dialog_dispose (GObject *object)
{
  PdStocktakeStartDialog *self = PD_STOCKTAKE_START_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_STOCKTAKE_START_DIALOG);

  G_OBJECT_CLASS (pd_stocktake_start_dialog_parent_class)->dispose (object);
}

static void
pd_stocktake_start_dialog_finalize (GObject *object)
{
  PdStocktakeStartDialog *self = PD_STOCKTAKE_START_DIALOG (object);

  g_clear_pointer (&self->location_ids, g_array_unref);

  G_OBJECT_CLASS (pd_stocktake_start_dialog_parent_class)->finalize (object);
}

static void
pd_stocktake_start_dialog_class_init (PdStocktakeStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_stocktake_start_dialog_dispose;
  object_class->finalize = pd_stocktake_start_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-stocktake-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdStocktakeStartDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakeStartDialog, skus_row);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakeStartDialog, blind_switch);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakeStartDialog, error_label);
}

static void
pd_stocktake_start_dialog_init (PdStocktakeStartDialog *self)
{
  g_autoptr(GtkStringList) labels = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->location_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_append_vals (self->location_ids, &(gint64) { 0 }, 1);
  labels = gtk_string_list_new ((const char * const[]) { _("Every Location"), NULL });
  adw_combo_row_set_model (self->location_row, G_LIST_MODEL (labels));
}

GtkWidget *
pd_stocktake_start_dialog_new (GtkWindow     *parent,
                               PdStoreWorker *worker,
                               gint64         location_id,
                               const char    *skus,
                               gboolean       blind,
                               const char    *error)
{
  PdStocktakeStartDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PD_TYPE_STOCKTAKE_START_DIALOG, "transient-for", parent, NULL);
  self->wanted_location_id = location_id;
  gtk_editable_set_text (GTK_EDITABLE (self->skus_row), skus != NULL ? skus : "");
  gtk_switch_set_active (self->blind_switch, blind);
  if (error != NULL)
    {
      gtk_label_set_text (self->error_label, error);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  self->loading = TRUE;
  pd_store_worker_run_async (worker, list_locations_func, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, locations_read_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

gint64
pd_stocktake_start_dialog_get_location_id (PdStocktakeStartDialog *self)
{
  guint selected;

  g_return_val_if_fail (PD_IS_STOCKTAKE_START_DIALOG (self), 0);

  selected = adw_combo_row_get_selected (self->location_row);
  if (selected >= self->location_ids->len)
    return 0;
  return g_array_index (self->location_ids, gint64, selected);
}

const char *
pd_stocktake_start_dialog_get_skus (PdStocktakeStartDialog *self)
{
  g_return_val_if_fail (PD_IS_STOCKTAKE_START_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->skus_row));
}

gboolean
pd_stocktake_start_dialog_get_blind (PdStocktakeStartDialog *self)
{
  g_return_val_if_fail (PD_IS_STOCKTAKE_START_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->blind_switch);
}

gboolean
_pd_stocktake_start_dialog_is_loading (PdStocktakeStartDialog *self)
{
  return self->loading;
}

gboolean
_pd_stocktake_start_dialog_select_location (PdStocktakeStartDialog *self,
                                            gint64                  location_id)
{
  for (guint i = 0; i < self->location_ids->len; i++)
    if (g_array_index (self->location_ids, gint64, i) == location_id)
      {
        adw_combo_row_set_selected (self->location_row, i);
        return TRUE;
      }
  return FALSE;
}

void
_pd_stocktake_start_dialog_set_skus (PdStocktakeStartDialog *self,
                                     const char             *skus)
{
  gtk_editable_set_text (GTK_EDITABLE (self->skus_row), skus);
}

const char *
_pd_stocktake_start_dialog_get_error (PdStocktakeStartDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label) : NULL;
}
