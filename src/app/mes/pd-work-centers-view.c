/* pd-work-centers-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-work-centers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-store-mes.h"
#include "pd-store-worker.h"
#include "mes/pd-mes-reload.h"
#include "mes/pd-work-centers-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

#define RELOAD_DELAY_MS 200

struct _PdWorkCentersView
{
  GtkBox              parent_instance;

  PdStore            *store;
  PdUser             *user;
  PdStoreWorker      *worker;
  GCancellable       *cancellable;
  GListStore         *rows;       /* PdWmsRow of PdWorkCenter */
  GtkSingleSelection *selection;
  gboolean            can_edit;
  PdMesReload         reload;

  GtkLabel           *count_label;
  GtkButton          *edit_button;
  GtkButton          *add_button;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (PdWorkCentersView, pd_work_centers_view, GTK_TYPE_BOX)

/* --- Cells ------------------------------------------------------------------ */

static char *
shifts_text (const PdWorkCenter *wc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; wc->shifts != NULL && i < wc->shifts->len; i++)
    {
      g_autofree char *text = pd_shift_to_string (&g_array_index (wc->shifts, PdShift, i));

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", text);
    }
  if (wc->exceptions != NULL && wc->exceptions->len > 0)
    /* TRANSLATORS: appended to the shifts: how many dated exceptions there are */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " (+%u exception)", " (+%u exceptions)",
                                              wc->exceptions->len),
                            wc->exceptions->len);
  return g_string_free (out, FALSE);
}

static char *
tags_text (const PdWorkCenter *wc)
{
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: the counter tags of a work center: good parts, scrap, running */
  if (wc->good_tag != NULL)
    g_string_append_printf (out, _("good %s"), wc->good_tag);
  if (wc->scrap_tag != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, _("scrap %s"), wc->scrap_tag);
    }
  if (wc->running_tag != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, _("running %s"), wc->running_tag);
    }
  return g_string_free (out, FALSE);
}

static char *
cell_text (const PdWorkCenter *wc,
           guint               column)
{
  switch (column)
    {
    case 0: return g_strdup (wc->code);
    case 1: return g_strdup (wc->name);
    case 2: return g_strdup (wc->line != NULL ? wc->line : "—");
    case 3: return g_strdup (wc->kind != NULL ? wc->kind : "—");
    case 4: return g_strdup_printf ("%u", wc->capacity);
    case 5: return shifts_text (wc);
    case 6: return tags_text (wc);
    default: g_return_val_if_reached (NULL);
    }
}

static char *code_cell (gpointer data, const char **css) { return cell_text (data, 0); }
static char *name_cell (gpointer data, const char **css) { return cell_text (data, 1); }
static char *line_cell (gpointer data, const char **css) { return cell_text (data, 2); }
static char *kind_cell (gpointer data, const char **css) { return cell_text (data, 3); }
static char *capacity_cell (gpointer data, const char **css) { return cell_text (data, 4); }
static char *shifts_cell (gpointer data, const char **css) { return cell_text (data, 5); }
static char *tags_cell (gpointer data, const char **css) { return cell_text (data, 6); }

/* --- Reading ---------------------------------------------------------------- */

static const PdWorkCenter *
selected_center (PdWorkCentersView *self)
{
  PdWmsRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? pd_wms_row_get_data (row) : NULL;
}

static void
update_state (PdWorkCentersView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *count = NULL;

  if (self->reload.loading && n == 0)
    count = g_strdup (_("Reading work centers…"));
  else if (n == 0)
    count = g_strdup (self->can_edit ? _("No work centers are defined. Add the first one.")
                                     : _("No work centers are defined."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u work center", "%u work centers", n), n);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), self->can_edit && selected_center (self) != NULL);
}

static gboolean
list_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  GPtrArray *list = pd_store_list_work_centers (worker_store, error);

  *result = list;
  return list != NULL;
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdWorkCentersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *selected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &list, &error);

  if (self->store == NULL)  /* disposed meanwhile */
    return;
  if (!ok)
    {
      pd_mes_reload_failed (&self->reload);
      gtk_label_set_text (self->count_label, error->message);
      return;
    }

  self->reload.loading = FALSE;
  if (selected_center (self) != NULL)
    selected = g_strdup (selected_center (self)->code);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < list->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (list, i);

      if (selected != NULL && g_ascii_strcasecmp (selected, wc->code) == 0)
        position = i;
      g_ptr_array_add (rows, pd_wms_row_new (wc, (GDestroyNotify) pd_work_center_free));
    }
  /* The rows own the work centers now. */
  g_free (g_ptr_array_steal (list, NULL));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  gtk_single_selection_set_selected (self->selection, position);
  update_state (self);
  pd_mes_reload_shown (&self->reload);
}

static void
start_list (gpointer owner)
{
  PdWorkCentersView *self = owner;

  update_state (self);
  pd_store_worker_run_async (self->worker, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, list_done_cb, g_object_ref (self));
}

/* One read for a burst of changes. */
static void
queue_reload (PdWorkCentersView *self)
{
  pd_mes_reload_soon (&self->reload);
}

/* --- Editing ---------------------------------------------------------------- */

static PdWorkCenterDialog *
open_dialog (PdWorkCentersView  *self,
             const PdWorkCenter *wc)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdWorkCenterDialog *dialog;

  if (!self->can_edit)
    return NULL;
  dialog = pd_work_center_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->worker, self->user, wc);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_clicked_cb (PdWorkCentersView *self)
{
  open_dialog (self, NULL);
}

static void
edit_clicked_cb (PdWorkCentersView *self)
{
  const PdWorkCenter *wc = selected_center (self);

  if (wc != NULL)
    open_dialog (self, wc);
}

static void
activate_cb (PdWorkCentersView *self,
             guint              position)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    open_dialog (self, pd_wms_row_get_data (row));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_work_centers_view_dispose (GObject *object)
{
  PdWorkCentersView *self = PD_WORK_CENTERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pd_mes_reload_clear (&self->reload);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pd_work_centers_view_parent_class)->dispose (object);
}

static void
pd_work_centers_view_class_init (PdWorkCentersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_work_centers_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-work-centers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWorkCentersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCentersView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCentersView, add_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCentersView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
pd_work_centers_view_init (PdWorkCentersView *self)
{
  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_list, self);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_state), self);

  pd_wms_add_column (self->column_view, _("Code"), code_cell, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Name"), name_cell, TRUE, FALSE);
  pd_wms_add_column (self->column_view, C_("production line", "Line"), line_cell, FALSE, FALSE);
  /* TRANSLATORS: the kind of a work center, such as press */
  pd_wms_add_column (self->column_view, C_("work center", "Kind"), kind_cell, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Capacity"), capacity_cell, FALSE, TRUE);
  pd_wms_add_column (self->column_view, _("Shifts"), shifts_cell, TRUE, FALSE);
  pd_wms_add_column (self->column_view, _("Counter Tags"), tags_cell, TRUE, FALSE);
}

GtkWidget *
pd_work_centers_view_new (PdStore *store,
                          PdUser  *user)
{
  PdWorkCentersView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_WORK_CENTERS_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  self->can_edit = pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_MES_MASTER);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), self->can_edit);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (queue_reload), self);
  g_signal_connect_swapped (store, "devices-changed", G_CALLBACK (queue_reload), self);
  pd_mes_reload_now (&self->reload);

  return GTK_WIDGET (self);
}

/* --- For tests -------------------------------------------------------------- */

gboolean
_pd_work_centers_view_is_busy (PdWorkCentersView *self)
{
  return pd_mes_reload_is_busy (&self->reload);
}

guint
_pd_work_centers_view_get_n_rows (PdWorkCentersView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const PdWorkCenter *
_pd_work_centers_view_get_row (PdWorkCentersView *self,
                               guint              i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

  return row != NULL ? pd_wms_row_get_data (row) : NULL;
}

char *
_pd_work_centers_view_get_cell (PdWorkCentersView *self,
                                guint              i,
                                guint              column)
{
  const PdWorkCenter *wc = _pd_work_centers_view_get_row (self, i);

  return wc != NULL ? cell_text (wc, column) : NULL;
}

gboolean
_pd_work_centers_view_can_edit (PdWorkCentersView *self)
{
  return self->can_edit && gtk_widget_get_visible (GTK_WIDGET (self->add_button));
}

void
_pd_work_centers_view_select (PdWorkCentersView *self,
                              guint              i)
{
  gtk_single_selection_set_selected (self->selection, i);
}

PdWorkCenterDialog *
_pd_work_centers_view_open_dialog (PdWorkCentersView *self,
                                   guint              i)
{
  if (i == G_MAXUINT)
    return open_dialog (self, NULL);
  return open_dialog (self, _pd_work_centers_view_get_row (self, i));
}
