/* pd-stocktake-review-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktake-review-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "pd-stocktake-read.h"
#include "wms/pd-stocktake-columns.h"
#include "wms/pd-stocktake-review-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

struct _PdStocktakeReviewView
{
  GtkBox               parent_instance;

  PdStore             *store;
  PdStoreWorker       *worker;
  PdUser              *user;
  GCancellable        *cancellable;
  gint64               stocktake_id;
  gboolean             open;
  gboolean             may_close;

  GPtrArray           *lines;
  GListStore          *rows;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  gboolean             loading;
  gboolean             reload;
  guint                n_busy;
  char                *summary;

  GtkToggleButton     *differences_button;
  GtkSwitch           *zero_switch;
  GtkLabel            *summary_label;
  GtkWidget           *post_button;
  GtkWidget           *cancel_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *book_columns[3];
};

G_DEFINE_FINAL_TYPE (PdStocktakeReviewView, pd_stocktake_review_view, GTK_TYPE_BOX)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
line_differs (const PdStocktakeLine *line)
{
  return line->has_difference && line->difference != 0;
}

static guint
count_adjustments (PdStocktakeReviewView *self)
{
  guint n = 0;

  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    n += line_differs (g_ptr_array_index (self->lines, i));
  return n;
}

/* The net difference per unit, in the order the units first appear:
 * "−5 pcs, +2 L" (kilograms and pieces do not add up). Units whose
 * differences cancel out are left out; "0" when all do. */
static char *
format_net (GPtrArray *lines)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GArray) nets = g_array_new (FALSE, TRUE, sizeof (PdQty));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);
      guint u;

      if (!line->has_difference)
        continue;
      for (u = 0; u < units->len; u++)
        if (g_strcmp0 (g_ptr_array_index (units, u), line->unit) == 0)
          break;
      if (u == units->len)
        {
          g_ptr_array_add (units, line->unit);
          g_array_set_size (nets, units->len);
        }
      if (!pd_qty_add (g_array_index (nets, PdQty, u), line->difference, &g_array_index (nets, PdQty, u)))
        g_array_index (nets, PdQty, u) = 0;
    }

  for (guint u = 0; u < units->len; u++)
    {
      PdQty net = g_array_index (nets, PdQty, u);
      g_autofree char *qty = NULL;

      if (net == 0)
        continue;
      qty = pd_wms_format_qty (net, g_ptr_array_index (units, u));
      if (text->len > 0)
        /* TRANSLATORS: between the net differences of two units */
        g_string_append (text, _(", "));
      if (net > 0)
        g_string_append_c (text, '+');
      g_string_append (text, qty);
    }
  if (text->len == 0)
    g_string_append (text, "0");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_summary (PdStocktakeReviewView *self)
{
  guint n_lines = self->lines != NULL ? self->lines->len : 0;
  guint n_counted = 0;
  guint n_differ = 0;
  gboolean book = FALSE;
  g_autofree char *lines_text = NULL;
  g_autofree char *net_text = NULL;

  for (guint i = 0; i < n_lines; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (self->lines, i);

      n_counted += line->counted;
      n_differ += line_differs (line);
      book |= line->has_expected;
    }

  g_free (self->summary);
  /* TRANSLATORS: the summary of a stocktake's review: lines, then lines counted */
  lines_text = g_strdup_printf (ngettext ("%u line, %u counted", "%u lines, %u counted", n_lines), n_lines, n_counted);
  if (book)
    {
      net_text = format_net (self->lines);
      /* TRANSLATORS: the summary of a stocktake's review: "3 lines, 2 counted", then lines that
       * differ from the book, then the sum of the differences */
      self->summary = g_strdup_printf (ngettext ("%s · %u with a difference · net %s",
                                                 "%s · %u with differences · net %s", n_differ),
                                       lines_text, n_differ, net_text);
    }
  else
    self->summary = g_steal_pointer (&lines_text);
  gtk_label_set_text (self->summary_label, self->summary);

  for (guint i = 0; i < G_N_ELEMENTS (self->book_columns); i++)
    gtk_column_view_column_set_visible (self->book_columns[i], book || n_lines == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->differences_button), book || n_lines == 0);
  gtk_widget_set_visible (self->post_button, self->may_close && self->open);
  gtk_widget_set_visible (self->cancel_button, self->may_close && self->open);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  return line_differs (pd_wms_row_get_data (item));
}

static void
refilter (PdStocktakeReviewView *self)
{
  gtk_filter_list_model_set_filter (self->filter_model,
                                    gtk_toggle_button_get_active (self->differences_button)
                                      ? GTK_FILTER (self->filter) : NULL);
}

/* --- Reading --------------------------------------------------------------- */

static void reload (PdStocktakeReviewView *self);

static void
review_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdStocktakeReviewView) self = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  lines = pd_stocktake_read_review_finish (PD_STORE_WORKER (source), result, &error);
  if (self->cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (lines == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the stocktake: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      pd_stocktake_set_rows (self->rows, lines);
      g_clear_pointer (&self->lines, g_ptr_array_unref);
      self->lines = g_steal_pointer (&lines);
      update_summary (self);
    }

  if (self->reload)
    reload (self);
}

static void
reload (PdStocktakeReviewView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_stocktake_read_review_async (self->worker, self->user, self->stocktake_id,
                                  gtk_switch_get_active (self->zero_switch),
                                  self->cancellable, review_read_cb, g_object_ref (self));
}

/* --- Post and cancel ------------------------------------------------------------ */

typedef struct
{
  PdUser   *actor;
  gint64    stocktake_id;
  gboolean  uncounted_as_zero;
  gboolean  cancel;
} CloseJob;

static void
close_job_free (CloseJob *job)
{
  g_clear_object (&job->actor);
  g_free (job);
}

static gboolean
close_func (PdStore   *store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CloseJob *job = data;
  guint n = 0;

  if (job->cancel)
    return pd_store_cancel_stocktake (store, job->actor, job->stocktake_id, error);
  if (!pd_store_post_stocktake (store, job->actor, job->stocktake_id, job->uncounted_as_zero, &n, error))
    return FALSE;
  *result = GUINT_TO_POINTER (n);
  return TRUE;
}

typedef struct
{
  PdStocktakeReviewView *self;
  gboolean               cancel;
} ClosePending;

static void
close_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdStocktakeReviewView) self = g_object_ref (((ClosePending *) user_data)->self);
  gboolean cancel = ((ClosePending *) user_data)->cancel;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gpointer out = NULL;

  g_object_unref (((ClosePending *) user_data)->self);
  g_free (user_data);
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &out, &error))
    {
      if (self->cancellable == NULL)
        return;
      self->n_busy--;
      message = g_strdup_printf (cancel ? _("Could not cancel the stocktake: %s")
                                        : _("Could not post the stocktake: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      return;
    }
  if (self->cancellable == NULL)
    return;

  self->n_busy--;
  self->open = FALSE;
  if (cancel)
    message = g_strdup_printf (_("Stocktake %" PRId64 " cancelled."), self->stocktake_id);
  else
    message = g_strdup_printf (ngettext ("Stocktake %" PRId64 " posted with %u adjustment.",
                                         "Stocktake %" PRId64 " posted with %u adjustments.",
                                         GPOINTER_TO_UINT (out)),
                               self->stocktake_id, GPOINTER_TO_UINT (out));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  update_summary (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
close_stocktake (PdStocktakeReviewView *self,
                 gboolean               cancel)
{
  CloseJob *job = g_new0 (CloseJob, 1);
  ClosePending *pending = g_new0 (ClosePending, 1);

  job->actor = g_object_ref (self->user);
  job->stocktake_id = self->stocktake_id;
  job->uncounted_as_zero = gtk_switch_get_active (self->zero_switch);
  job->cancel = cancel;
  pending->self = g_object_ref (self);
  pending->cancel = cancel;
  self->n_busy++;
  pd_store_worker_run_async (self->worker, close_func, job, (GDestroyNotify) close_job_free, NULL,
                             NULL, close_done_cb, pending);
}

static void
confirm_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     PdStocktakeReviewView *self)
{
  if (g_str_equal (response, "post"))
    close_stocktake (self, FALSE);
  else if (g_str_equal (response, "cancel-stocktake"))
    close_stocktake (self, TRUE);
}

static AdwMessageDialog *
confirm (PdStocktakeReviewView *self,
         gboolean               cancel)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  guint n = count_adjustments (self);

  if (cancel)
    {
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Cancel Stocktake?"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Stocktake %" PRId64 " closes without adjusting any stock; its counts are kept."),
                                      self->stocktake_id);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep Counting"),
                                        "cancel-stocktake", _("C_ancel Stocktake"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-stocktake",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (ngettext ("Post %u Adjustment?", "Post %u Adjustments?", n), n);

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      gtk_switch_get_active (self->zero_switch)
                                        ? _("Each difference of stocktake %" PRId64 " is booked as an adjustment move, and lines nobody counted as zero. This cannot be undone.")
                                        : _("Each difference of stocktake %" PRId64 " is booked as an adjustment move; lines nobody counted stay as they are. This cannot be undone."),
                                      self->stocktake_id);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "back", _("_Back"),
                                        "post", _("_Post"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "post", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
post_clicked_cb (PdStocktakeReviewView *self)
{
  confirm (self, FALSE);
}

static void
cancel_clicked_cb (PdStocktakeReviewView *self)
{
  confirm (self, TRUE);
}

/* --- Export ---------------------------------------------------------------- */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdStocktakeReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_rows = 0;

  if (!pd_stocktake_export_csv_finish (PD_STORE_WORKER (source), result, &n_rows, &error))
    message = g_strdup_printf (_("Could not export: %s"), error->message);
  else
    message = g_strdup_printf (ngettext ("Exported %u row", "Exported %u rows", n_rows), n_rows);
  if (self->cancellable == NULL)
    return;

  self->n_busy--;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
export_to_file (GtkWidget *widget,
                GFile     *file)
{
  PdStocktakeReviewView *self = PD_STOCKTAKE_REVIEW_VIEW (widget);

  self->n_busy++;
  pd_stocktake_export_csv_async (self->worker, self->user, self->stocktake_id,
                                 gtk_switch_get_active (self->zero_switch), file,
                                 NULL, export_done_cb, g_object_ref (self));
}

static void
export_clicked_cb (PdStocktakeReviewView *self)
{
  g_autofree char *name = g_strdup_printf ("stocktake-%" PRId64 ".csv", self->stocktake_id);

  pd_wms_choose_csv (GTK_WIDGET (self), _("Export Stocktake Review"), name, export_to_file);
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_stocktake_review_view_dispose (GObject *object)
{
  PdStocktakeReviewView *self = PD_STOCKTAKE_REVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->worker);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_stocktake_review_view_parent_class)->dispose (object);
}

static void
pd_stocktake_review_view_finalize (GObject *object)
{
  PdStocktakeReviewView *self = PD_STOCKTAKE_REVIEW_VIEW (object);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (pd_stocktake_review_view_parent_class)->finalize (object);
}

/* Moves made at other stations send no signal here: what is about to
 * be reviewed is read again whenever it is shown. */
static void
pd_stocktake_review_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_stocktake_review_view_parent_class)->map (widget);

  reload (PD_STOCKTAKE_REVIEW_VIEW (widget));
}

static void
pd_stocktake_review_view_class_init (PdStocktakeReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_stocktake_review_view_dispose;
  object_class->finalize = pd_stocktake_review_view_finalize;
  widget_class->map = pd_stocktake_review_view_map;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
labelled_switch (GtkSwitch  **out,
                 const char  *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), sw);
  *out = GTK_SWITCH (sw);
  return box;
}

static void
pd_stocktake_review_view_init (PdStocktakeReviewView *self)
{
  GtkWidget *bar;
  GtkWidget *button;
  GtkWidget *scrolled;
  GtkWidget *spacer;

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (self), bar);

  self->differences_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Differences Only")));
  g_signal_connect_swapped (self->differences_button, "toggled", G_CALLBACK (refilter), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->differences_button));

  gtk_box_append (GTK_BOX (bar), labelled_switch (&self->zero_switch, _("Uncounted as Zero")));
  g_signal_connect_swapped (self->zero_switch, "notify::active", G_CALLBACK (reload), self);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);

  button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_tooltip_text (button, _("Export as CSV"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export Stocktake Review as CSV"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), button);

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel Stocktake…"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->cancel_button);

  self->post_button = gtk_button_new_with_mnemonic (_("_Post Adjustments…"));
  gtk_widget_add_css_class (self->post_button, "suggested-action");
  g_signal_connect_swapped (self->post_button, "clicked", G_CALLBACK (post_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->post_button);

  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  self->filter = gtk_custom_filter_new (filter_func, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), NULL);
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model))))));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stocktake Review"), -1);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_SKU);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_LOCATION);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_LOT);
  self->book_columns[0] = pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_EXPECTED);
  self->book_columns[1] = pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_MOVED);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_COUNTED);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_N_COUNTS);
  self->book_columns[2] = pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_DIFFERENCE);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_box_append (GTK_BOX (self), scrolled);

  /* The summary under the lines, as a total row is read. */
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0.0f);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "numeric");
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary_label), 6);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->summary_label));
}

GtkWidget *
pd_stocktake_review_view_new (PdStore           *store,
                              PdStoreWorker     *worker,
                              PdUser            *user,
                              const PdStocktake *stocktake)
{
  PdStocktakeReviewView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (stocktake != NULL, NULL);

  self = g_object_new (PD_TYPE_STOCKTAKE_REVIEW_VIEW, NULL);
  self->store = g_object_ref (store);
  self->worker = g_object_ref (worker);
  self->user = g_object_ref (user);
  self->stocktake_id = stocktake->id;
  self->open = stocktake->status == PD_STOCKTAKE_OPEN;
  self->may_close = pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_STOCKTAKE);

  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  update_summary (self);
  reload (self);
  return GTK_WIDGET (self);
}

void
_pd_stocktake_review_view_set_differences_only (PdStocktakeReviewView *self,
                                                gboolean               only)
{
  gtk_toggle_button_set_active (self->differences_button, only);
}

void
_pd_stocktake_review_view_set_uncounted_as_zero (PdStocktakeReviewView *self,
                                                 gboolean               as_zero)
{
  gtk_switch_set_active (self->zero_switch, as_zero);
}

gboolean
_pd_stocktake_review_view_is_loading (PdStocktakeReviewView *self)
{
  return self->loading;
}

guint
_pd_stocktake_review_view_get_n_shown (PdStocktakeReviewView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

PdStocktakeLine *
_pd_stocktake_review_view_get_line (PdStocktakeReviewView *self,
                                    guint                  i)
{
  g_autoptr(PdWmsRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

  g_return_val_if_fail (row != NULL, NULL);
  return pd_wms_row_get_data (row);
}

const char *
_pd_stocktake_review_view_get_summary (PdStocktakeReviewView *self)
{
  return self->summary;
}

gboolean
_pd_stocktake_review_view_can_post (PdStocktakeReviewView *self)
{
  return gtk_widget_get_visible (self->post_button);
}

gboolean
_pd_stocktake_review_view_shows_book (PdStocktakeReviewView *self)
{
  return gtk_column_view_column_get_visible (self->book_columns[0]);
}

AdwMessageDialog *
_pd_stocktake_review_view_post (PdStocktakeReviewView *self)
{
  return confirm (self, FALSE);
}

AdwMessageDialog *
_pd_stocktake_review_view_cancel (PdStocktakeReviewView *self)
{
  return confirm (self, TRUE);
}

void
_pd_stocktake_review_view_export (PdStocktakeReviewView *self,
                                  GFile                 *file)
{
  export_to_file (GTK_WIDGET (self), file);
}

gboolean
_pd_stocktake_review_view_is_busy (PdStocktakeReviewView *self)
{
  return self->n_busy > 0;
}
