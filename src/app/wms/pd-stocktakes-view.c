/* pd-stocktakes-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktakes-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "pd-stocktake-read.h"
#include "wms/pd-stocktakes-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

struct _PdStocktakesView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        reload;
  GListStore     *rows;
  gint64          open_id;
  gint64          opening_id;

  /* Template widgets */
  GtkStack       *pages;
  GtkButton      *start_button;
  GtkLabel       *count_label;
  GtkStack       *list_stack;
  GtkColumnView  *column_view;
  GtkLabel       *detail_title;
  GtkStack       *detail_stack;
  AdwBin         *count_bin;
  AdwBin         *review_bin;
};

G_DEFINE_FINAL_TYPE (PdStocktakesView, pd_stocktakes_view, GTK_TYPE_BOX)

/* --- Cells ----------------------------------------------------------------- */

static char *
scope_text_of (const PdStocktake *stocktake)
{
  const char *where = stocktake->location_code != NULL ? stocktake->location_code : _("Every location");
  guint n = stocktake->item_ids->len;

  if (n == 0)
    return g_strdup (where);
  /* TRANSLATORS: a stocktake's scope: a location, then how many items it counts */
  return g_strdup_printf (ngettext ("%s · %u item", "%s · %u items", n), where, n);
}

static char *
id_text (gpointer data, const char **css)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, ((PdStocktake *) data)->id);
}

static char *
scope_text (gpointer data, const char **css)
{
  return scope_text_of (data);
}

static char *
blind_text (gpointer data, const char **css)
{
  /* TRANSLATORS: a stocktake counted without showing the book quantities */
  return ((PdStocktake *) data)->blind ? g_strdup (C_("stocktake", "Blind")) : NULL;
}

static char *
status_text (gpointer data, const char **css)
{
  return g_strdup (pd_stocktake_status_get_label (((PdStocktake *) data)->status));
}

static char *
started_by_text (gpointer data, const char **css)
{
  return g_strdup (((PdStocktake *) data)->started_by);
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
started_at_text (gpointer data, const char **css)
{
  return format_time (((PdStocktake *) data)->started_at);
}

static char *
counted_text (gpointer data, const char **css)
{
  PdStocktake *stocktake = data;

  /* TRANSLATORS: stocktake lines counted of all lines, e.g. "3 / 10" */
  return g_strdup_printf (_("%u / %u"), stocktake->n_counted, stocktake->n_lines);
}

/* --- The list -------------------------------------------------------------- */

static void reload (PdStocktakesView *self);

static void
update_count (PdStocktakesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = g_strdup_printf (ngettext ("%u stocktake", "%u stocktakes", n), n);

  gtk_label_set_text (self->count_label, text);
  if (self->loading && n == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (n == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
list_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdStocktakesView) self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = pd_stocktake_read_list_finish (PD_STORE_WORKER (source), result, &error);
  if (self->cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (list == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the stocktakes: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_full (list->len, g_object_unref);

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (rows, pd_wms_row_new (g_steal_pointer (&list->pdata[i]),
                                               (GDestroyNotify) pd_stocktake_free));
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           rows->pdata, rows->len);
    }

  update_count (self);
  if (self->reload)
    reload (self);
}

static void
reload (PdStocktakesView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_stocktake_read_list_async (self->worker, self->cancellable, list_read_cb, g_object_ref (self));
}

/* --- Opening one ------------------------------------------------------------ */

static void open_stocktake (PdStocktakesView *self, gint64 id);

static void
review_closed_cb (PdStocktakesView *self)
{
  /* Posted or cancelled: the count view must no longer take counts. */
  if (self->open_id != 0)
    open_stocktake (self, self->open_id);
}

static void
show_stocktake (PdStocktakesView  *self,
                const PdStocktake *stocktake)
{
  g_autofree char *scope = scope_text_of (stocktake);
  g_autofree char *title = NULL;
  GtkWidget *review;

  if (stocktake->blind)
    /* TRANSLATORS: the title of an open stocktake: id, scope, status, and that it is blind */
    title = g_strdup_printf (_("Stocktake %" PRId64 " · %s · %s · blind"), stocktake->id, scope,
                             pd_stocktake_status_get_label (stocktake->status));
  else
    /* TRANSLATORS: the title of an open stocktake: id, scope, status */
    title = g_strdup_printf (_("Stocktake %" PRId64 " · %s · %s"), stocktake->id, scope,
                             pd_stocktake_status_get_label (stocktake->status));
  gtk_label_set_text (self->detail_title, title);

  adw_bin_set_child (self->count_bin, pd_stocktake_count_view_new (self->store, self->worker, self->user, stocktake));
  review = pd_stocktake_review_view_new (self->store, self->worker, self->user, stocktake);
  g_signal_connect_object (review, "closed", G_CALLBACK (review_closed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->review_bin, review);

  /* An open stocktake is there to be counted; a closed one to be read. */
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    stocktake->status == PD_STOCKTAKE_OPEN ? "count" : "review");
  gtk_stack_set_visible_child_name (self->pages, "detail");
  self->open_id = stocktake->id;
}

static void
one_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PdStocktakesView) self = user_data;
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autoptr(GError) error = NULL;

  stocktake = pd_stocktake_read_one_finish (PD_STORE_WORKER (source), result, &error);
  if (self->cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stocktake == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  /* Only the last one asked for. */
  if (stocktake->id != self->opening_id)
    return;
  self->opening_id = 0;
  show_stocktake (self, stocktake);
}

static void
open_stocktake (PdStocktakesView *self,
                gint64            id)
{
  self->opening_id = id;
  pd_stocktake_read_one_async (self->worker, id, self->cancellable, one_read_cb, g_object_ref (self));
}

static void
row_activated_cb (PdStocktakesView *self,
                  guint             position)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    open_stocktake (self, ((PdStocktake *) pd_wms_row_get_data (row))->id);
}

static void
back_clicked_cb (PdStocktakesView *self)
{
  gtk_stack_set_visible_child_name (self->pages, "list");
  self->open_id = 0;
  /* The views go with their reads; the list is read anew. */
  adw_bin_set_child (self->count_bin, NULL);
  adw_bin_set_child (self->review_bin, NULL);
  reload (self);
}

/* --- Starting --------------------------------------------------------------- */

typedef struct
{
  PdUser    *actor;
  gint64     location_id;
  char      *skus;
  gboolean   blind;
} StartJob;

static void
start_job_free (StartJob *job)
{
  g_clear_object (&job->actor);
  g_free (job->skus);
  g_free (job);
}

static gboolean
start_func (PdStore   *store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  StartJob *job = data;
  g_autoptr(GArray) item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) skus = g_regex_split_simple ("[\\s,;]+", job->skus, 0, 0);
  gint64 *id;

  for (guint i = 0; skus[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PdItem) item = NULL;

      if (skus[i][0] == '\0')
        continue;
      if ((item = pd_store_find_item (store, skus[i], &local_error)) == NULL)
        {
          /* TRANSLATORS: the field name, then why its value was refused */
          g_set_error (error, local_error->domain, local_error->code, _("Items: %s"), local_error->message);
          return FALSE;
        }
      g_array_append_val (item_ids, item->id);
    }

  id = g_new (gint64, 1);
  *id = pd_store_start_stocktake (store, job->actor, job->location_id, item_ids, job->blind, error);
  if (*id == 0)
    {
      g_free (id);
      return FALSE;
    }
  *result = id;
  return TRUE;
}

static void start_dialog_response_cb (PdStocktakeStartDialog *dialog,
                                      const char             *response,
                                      PdStocktakesView       *self);

static PdStocktakeStartDialog *
present_start_dialog (PdStocktakesView *self,
                      gint64            location_id,
                      const char       *skus,
                      gboolean          blind,
                      const char       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = pd_stocktake_start_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->worker, location_id, skus, blind, error);
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return PD_STOCKTAKE_START_DIALOG (dialog);
}

typedef struct
{
  PdStocktakesView *self;
  gint64            location_id;
  char             *skus;
  gboolean          blind;
} StartPending;

static void
start_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StartPending *pending = user_data;
  PdStocktakesView *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &id, &error))
    {
      /* Asked again, as it was filled, with what was wrong. */
      if (self->cancellable != NULL)
        present_start_dialog (self, pending->location_id, pending->skus, pending->blind, error->message);
    }
  else if (self->cancellable != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Stocktake %" PRId64 " started."), *id);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      open_stocktake (self, *id);
    }

  g_object_unref (pending->self);
  g_free (pending->skus);
  g_free (pending);
}

static void
start_dialog_response_cb (PdStocktakeStartDialog *dialog,
                          const char             *response,
                          PdStocktakesView       *self)
{
  StartJob *job;
  StartPending *pending;

  if (!g_str_equal (response, "start"))
    return;

  job = g_new0 (StartJob, 1);
  job->actor = g_object_ref (self->user);
  job->location_id = pd_stocktake_start_dialog_get_location_id (dialog);
  job->skus = g_strdup (pd_stocktake_start_dialog_get_skus (dialog));
  job->blind = pd_stocktake_start_dialog_get_blind (dialog);

  pending = g_new0 (StartPending, 1);
  pending->self = g_object_ref (self);
  pending->location_id = job->location_id;
  pending->skus = g_strdup (job->skus);
  pending->blind = job->blind;
  pd_store_worker_run_async (self->worker, start_func, job, (GDestroyNotify) start_job_free, g_free,
                             NULL, start_done_cb, pending);
}

static void
start_clicked_cb (PdStocktakesView *self)
{
  present_start_dialog (self, 0, NULL, FALSE, NULL);
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_stocktakes_view_dispose (GObject *object)
{
  PdStocktakesView *self = PD_STOCKTAKES_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_STOCKTAKES_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_stocktakes_view_parent_class)->dispose (object);
}

static void
pd_stocktakes_view_finalize (GObject *object)
{
  PdStocktakesView *self = PD_STOCKTAKES_VIEW (object);

  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pd_stocktakes_view_parent_class)->finalize (object);
}

static void
pd_stocktakes_view_class_init (PdStocktakesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_stocktakes_view_dispose;
  object_class->finalize = pd_stocktakes_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-stocktakes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, pages);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, start_button);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, count_bin);
  gtk_widget_class_bind_template_child (widget_class, PdStocktakesView, review_bin);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
pd_stocktakes_view_init (PdStocktakesView *self)
{
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  /* TRANSLATORS: column header, a stocktake's number */
  column = pd_wms_add_column (self->column_view, C_("stocktake", "No."), id_text, FALSE, TRUE);
  gtk_column_view_column_set_fixed_width (column, 80);
  pd_wms_add_column (self->column_view, _("Scope"), scope_text, TRUE, FALSE);
  /* TRANSLATORS: column header: whether a stocktake is a blind count */
  pd_wms_add_column (self->column_view, C_("stocktake", "Blind Count"), blind_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Status"), status_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Started By"), started_by_text, FALSE, FALSE);
  pd_wms_add_column (self->column_view, _("Started"), started_at_text, FALSE, FALSE);
  /* TRANSLATORS: column header: lines counted of all lines */
  pd_wms_add_column (self->column_view, _("Counted"), counted_text, FALSE, TRUE);
}

GtkWidget *
pd_stocktakes_view_new (PdStore *store,
                        PdUser  *user)
{
  PdStocktakesView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_STOCKTAKES_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button),
                          pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_STOCKTAKE));

  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  reload (self);
  update_count (self);
  return GTK_WIDGET (self);
}

gboolean
_pd_stocktakes_view_is_loading (PdStocktakesView *self)
{
  return self->loading;
}

guint
_pd_stocktakes_view_get_n_stocktakes (PdStocktakesView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const PdStocktake *
_pd_stocktakes_view_get_stocktake (PdStocktakesView *self,
                                   guint             i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

  g_return_val_if_fail (row != NULL, NULL);
  return pd_wms_row_get_data (row);
}

gboolean
_pd_stocktakes_view_can_start (PdStocktakesView *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->start_button));
}

PdStocktakeStartDialog *
_pd_stocktakes_view_start (PdStocktakesView *self)
{
  return present_start_dialog (self, 0, NULL, FALSE, NULL);
}

void
_pd_stocktakes_view_open (PdStocktakesView *self,
                          gint64            id)
{
  open_stocktake (self, id);
}

gint64
_pd_stocktakes_view_get_open_id (PdStocktakesView *self)
{
  return self->open_id;
}

void
_pd_stocktakes_view_show (PdStocktakesView *self,
                          const char       *name)
{
  gtk_stack_set_visible_child_name (self->detail_stack, name);
}

PdStocktakeCountView *
_pd_stocktakes_view_get_count_view (PdStocktakesView *self)
{
  GtkWidget *child = adw_bin_get_child (self->count_bin);

  return child != NULL ? PD_STOCKTAKE_COUNT_VIEW (child) : NULL;
}

PdStocktakeReviewView *
_pd_stocktakes_view_get_review_view (PdStocktakesView *self)
{
  GtkWidget *child = adw_bin_get_child (self->review_bin);

  return child != NULL ? PD_STOCKTAKE_REVIEW_VIEW (child) : NULL;
}

PdStoreWorker *
_pd_stocktakes_view_get_worker (PdStocktakesView *self)
{
  return self->worker;
}
