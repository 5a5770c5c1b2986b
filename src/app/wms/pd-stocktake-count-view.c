/* pd-stocktake-count-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktake-count-view"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-stocktake-read.h"
#include "wms/pd-scan-feedback.h"
#include "wms/pd-scan-state.h"
#include "wms/pd-stocktake-columns.h"
#include "wms/pd-stocktake-count-view.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

struct _PdStocktakeCountView
{
  GtkBox           parent_instance;

  PdStore         *store;
  PdStoreWorker   *worker;
  PdUser          *user;
  GCancellable    *cancellable;

  /* The stocktake's scope. */
  gint64           stocktake_id;
  gint64           scope_location_id;
  char            *scope_location_code;
  GArray          *scope_item_ids;

  /* What the scans so far chose: the location counted is its TO. */
  PdScanState      scan;

  /* Scans waiting to be handled, in the order they were typed. */
  PdScanQueue      queue;

  guint            n_pending;
  guint            n_recorded;
  guint            n_refused;

  GPtrArray       *lines;
  GListStore      *rows;
  gboolean         loading;
  gboolean         reload;

  GtkEntry        *entry;
  GtkEntry        *qty_entry;
  GtkEntry        *lot_entry;
  GtkLabel        *location_label;
  GtkLabel        *item_label;
  GtkWidget       *lot_box;
  PdScanFeedback  *feedback;
  GtkListBox      *session_list;
  GtkWidget       *session_placeholder;
  GtkColumnView   *column_view;
  GtkColumnViewColumn *expected_column;
  GtkLabel        *lines_label;
};

G_DEFINE_FINAL_TYPE (PdStocktakeCountView, pd_stocktake_count_view, GTK_TYPE_BOX)

/* --- State shown ---------------------------------------------------------- */

static void
update_state (PdStocktakeCountView *self)
{
  pd_scan_state_show (&self->scan, NULL, self->location_label, self->item_label);
  pd_scan_state_show_lot_entry (&self->scan, self->lot_box, GTK_EDITABLE (self->lot_entry));
}

static void
answer (PdStocktakeCountView *self,
        gboolean              ok,
        const char           *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

/* --- The lines ------------------------------------------------------------ */

static void reload (PdStocktakeCountView *self);

static void
update_lines_label (PdStocktakeCountView *self)
{
  guint counted = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    counted += ((PdStocktakeLine *) g_ptr_array_index (self->lines, i))->counted;
  /* TRANSLATORS: stocktake lines counted of all lines */
  text = g_strdup_printf (ngettext ("%u of %u line counted", "%u of %u lines counted",
                                    self->lines != NULL ? self->lines->len : 0),
                          counted, self->lines != NULL ? self->lines->len : 0);
  gtk_label_set_text (self->lines_label, text);
}

static void
review_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdStocktakeCountView) self = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shows_expected = FALSE;

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
      /* The core decides what a blind count hides; the column follows. */
      for (guint i = 0; i < self->lines->len; i++)
        shows_expected |= ((PdStocktakeLine *) g_ptr_array_index (self->lines, i))->has_expected;
      gtk_column_view_column_set_visible (self->expected_column, shows_expected);
      update_lines_label (self);
    }

  if (self->reload)
    reload (self);
}

static void
reload (PdStocktakeCountView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_stocktake_read_review_async (self->worker, self->user, self->stocktake_id, FALSE,
                                  self->cancellable, review_read_cb, g_object_ref (self));
}

/* --- Counting --------------------------------------------------------------- */

typedef struct
{
  PdUser  *actor;
  gint64   stocktake_id;
  gint64   item_id;
  gint64   location_id;
  char    *lot_code;
  PdQty    qty;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_clear_object (&job->actor);
  g_free (job->lot_code);
  g_free (job);
}

static gboolean
count_func (PdStore   *store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CountJob *job = data;

  return pd_store_count_stocktake (store, job->actor, job->stocktake_id, job->item_id,
                                   job->location_id, job->lot_code, job->qty, error);
}

/* A count waiting for its answer: the row of this session's list that
 * shows it. */
typedef struct
{
  PdStocktakeCountView *self;
  GtkWidget            *row;
  GtkWidget            *icon;
  char                 *title;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->row);
  g_free (pending->title);
  g_free (pending);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *pending = user_data;
  PdStocktakeCountView *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error);
  if (self->cancellable == NULL)
    {
      pending_free (pending);
      return;
    }

  self->n_pending--;
  if (ok)
    {
      self->n_recorded++;
      gtk_image_set_from_icon_name (GTK_IMAGE (pending->icon), "object-select-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (pending->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recorded"), -1);
      answer (self, TRUE, pending->title);
    }
  else
    {
      self->n_refused++;
      gtk_image_set_from_icon_name (GTK_IMAGE (pending->icon), "window-close-symbolic");
      gtk_widget_add_css_class (pending->icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (pending->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused"), -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (pending->row), error->message);
      answer (self, FALSE, error->message);
    }
  pending_free (pending);
}

static void
confirm (PdStocktakeCountView *self)
{
  g_autofree char *lot_text = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *qty_shown = NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  CountJob *job;
  Pending *pending;
  PdQty qty;

  lot_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));
  message = pd_scan_state_check (&self->scan, PD_SCAN_COUNT, lot_text);
  if (message != NULL)
    {
      answer (self, FALSE, message);
      return;
    }

  qty_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry))));
  if (!pd_scan_parse_qty (qty_text, TRUE, &qty, &message))
    {
      answer (self, FALSE, message);
      return;
    }

  job = g_new0 (CountJob, 1);
  job->actor = g_object_ref (self->user);
  job->stocktake_id = self->stocktake_id;
  job->item_id = self->scan.item->id;
  job->location_id = self->scan.to->id;
  job->lot_code = self->scan.item->lot_tracked ? g_strdup (lot_text) : NULL;
  job->qty = qty;

  qty_shown = pd_wms_format_qty (qty, self->scan.item->unit);
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  /* TRANSLATORS: a recorded stocktake count: quantity with unit, SKU, location */
  pending->title = g_strdup_printf (_("Counted %s of %s at %s."), qty_shown, self->scan.item->sku,
                                    self->scan.to->code);
  if (job->lot_code != NULL)
    /* TRANSLATORS: the lot of a count */
    where = g_strdup_printf (_("Lot %s"), job->lot_code);

  pending->row = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pending->row), pending->title);
  if (where != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (pending->row), where);
  pending->icon = gtk_image_new_from_icon_name ("content-loading-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (pending->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recording"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (pending->row), pending->icon);
  pd_scan_session_list_prepend (self->session_list, self->session_placeholder, pending->row);

  /* In the order typed; the answer comes when the worker has written it. */
  self->n_pending++;
  pd_store_worker_run_async (self->worker, count_func, job, (GDestroyNotify) count_job_free, NULL,
                             NULL, count_done_cb, pending);

  /* The location stays for the next item; the item and quantity do not. */
  pd_scan_state_clear_item (&self->scan);
  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
}

/* --- Scans ---------------------------------------------------------------- */

/* Whether LOCATION is in the stocktake's subtree, read up the tree: a
 * handful of indexed reads, so that a wrong bin is refused at its scan
 * and not only at the count. */
static gboolean
location_in_scope (PdStocktakeCountView  *self,
                   const PdLocation      *location,
                   GError               **error)
{
  gint64 id = location->parent_id;

  if (self->scope_location_id == 0 || location->id == self->scope_location_id)
    return TRUE;
  while (id != 0)
    {
      g_autoptr(PdLocation) parent = NULL;

      if (id == self->scope_location_id)
        return TRUE;
      if ((parent = pd_store_get_location (self->store, id, error)) == NULL)
        return FALSE;
      id = parent->parent_id;
    }

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("Location %s is not in stocktake %" PRId64 ", which counts %s."),
               location->code, self->stocktake_id, self->scope_location_code);
  return FALSE;
}

static gboolean
item_in_scope (PdStocktakeCountView  *self,
               const PdItem          *item,
               GError               **error)
{
  if (self->scope_item_ids->len == 0)
    return TRUE;
  for (guint i = 0; i < self->scope_item_ids->len; i++)
    if (g_array_index (self->scope_item_ids, gint64, i) == item->id)
      return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("Item %s is not counted in stocktake %" PRId64 "."), item->sku, self->stocktake_id);
  return FALSE;
}

static void
scan_location (PdStocktakeCountView *self,
               gint64                location_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdLocation) location = pd_store_get_location (self->store, location_id, &error);
  g_autofree char *message = NULL;

  if (location == NULL || !location_in_scope (self, location, &error))
    {
      answer (self, FALSE, error->message);
      return;
    }

  pd_scan_state_take_location (&self->scan, PD_SCAN_COUNT, g_steal_pointer (&location), &message);
  update_state (self);
  answer (self, TRUE, message);
}

static void
scan_item (PdStocktakeCountView *self,
           gint64                item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_get_item (self->store, item_id, &error);
  g_autofree char *message = NULL;
  gboolean needs_lot;

  if (item == NULL || !item_in_scope (self, item, &error))
    {
      answer (self, FALSE, error->message);
      return;
    }

  needs_lot = item->lot_tracked;
  message = pd_scan_state_take_item (&self->scan, g_steal_pointer (&item), needs_lot);
  if (message == NULL)
    message = g_strdup_printf (_("%s: type the quantity counted, or press Enter for 1."), self->scan.item->sku);
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
  answer (self, TRUE, message);
}

static void
handle_scan (gpointer    user_data,
             const char *text)
{
  PdStocktakeCountView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;

  switch (pd_scan_state_read (&self->scan, self->store, text, TRUE, &id, &qty_text, &error))
    {
    case PD_SCAN_CONFIRM:
      confirm (self);
      break;
    case PD_SCAN_LOT:
      update_state (self);
      message = g_strdup_printf (_("Lot %s: type the quantity counted, or press Enter for 1."), self->scan.lot_code);
      answer (self, TRUE, message);
      break;
    case PD_SCAN_QTY:
      gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), qty_text);
      confirm (self);
      break;
    case PD_SCAN_LOCATION:
      scan_location (self, id);
      break;
    case PD_SCAN_ITEM:
      scan_item (self, id);
      break;
    case PD_SCAN_REFUSED:
    default:
      answer (self, FALSE, error->message);
      break;
    }
}

static void
entry_activate_cb (PdStocktakeCountView *self)
{
  pd_scan_queue_take (&self->queue, GTK_EDITABLE (self->entry));
}

static void
return_focus (PdStocktakeCountView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
qty_activate_cb (PdStocktakeCountView *self)
{
  /* Enter after typing the quantity records the count, as Enter on the
   * empty scan entry does, in the same queue: a code left in the scan
   * entry first. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0')
    pd_scan_queue_take (&self->queue, GTK_EDITABLE (self->entry));
  pd_scan_queue_take (&self->queue, GTK_EDITABLE (self->entry));
  return_focus (self);
}

static void
lot_activate_cb (PdStocktakeCountView *self)
{
  pd_scan_state_take_lot_entry (&self->scan, GTK_EDITABLE (self->lot_entry));
  return_focus (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_stocktake_count_view_dispose (GObject *object)
{
  PdStocktakeCountView *self = PD_STOCKTAKE_COUNT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->worker);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_stocktake_count_view_parent_class)->dispose (object);
}

static void
pd_stocktake_count_view_finalize (GObject *object)
{
  PdStocktakeCountView *self = PD_STOCKTAKE_COUNT_VIEW (object);

  pd_scan_queue_clear (&self->queue);
  pd_scan_state_clear (&self->scan);
  g_free (self->scope_location_code);
  g_clear_pointer (&self->scope_item_ids, g_array_unref);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_stocktake_count_view_parent_class)->finalize (object);
}

static void
pd_stocktake_count_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_stocktake_count_view_parent_class)->map (widget);

  pd_scan_focus_on_map (GTK_WIDGET (PD_STOCKTAKE_COUNT_VIEW (widget)->entry));
}

static void
pd_stocktake_count_view_class_init (PdStocktakeCountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_stocktake_count_view_dispose;
  object_class->finalize = pd_stocktake_count_view_finalize;
  widget_class->map = pd_stocktake_count_view_map;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
pd_stocktake_count_view_init (PdStocktakeCountView *self)
{
  GtkWidget *paned;
  GtkWidget *scrolled;
  GtkWidget *content;
  GtkWidget *grid;
  GtkWidget *title;
  GtkWidget *box;
  GtkWidget *lines_box;

  pd_scan_queue_init (&self->queue, handle_scan, self);
  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (PD_TYPE_WMS_ROW);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  /* The scanning side keeps its width; the lines take what is left. */
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (self), paned);

  /* Left: scanning and this session's counts. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, 380, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);

  self->entry = pd_scan_entry_new (_("Scan a location, an item or a lot"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 20);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->entry));

  self->feedback = PD_SCAN_FEEDBACK (pd_scan_feedback_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->feedback));

  grid = pd_scan_grid_new ();
  self->location_label = pd_scan_grid_add_value (GTK_GRID (grid), 0, _("Location"), NULL);
  self->item_label = pd_scan_grid_add_value (GTK_GRID (grid), 1, _("Item"), NULL);
  self->lot_entry = pd_scan_grid_add_lot (GTK_GRID (grid), 2, &self->lot_box);
  g_signal_connect_swapped (self->lot_entry, "activate", G_CALLBACK (lot_activate_cb), self);
  self->qty_entry = pd_scan_grid_add_qty (GTK_GRID (grid), 3, _("Quantity Counted"));
  gtk_widget_set_size_request (GTK_WIDGET (self->qty_entry), -1, 44);
  g_signal_connect_swapped (self->qty_entry, "activate", G_CALLBACK (qty_activate_cb), self);
  gtk_box_append (GTK_BOX (content), grid);

  self->session_list = pd_scan_session_list_new (GTK_BOX (content), _("Counted in This Session"),
                                                 _("Nothing counted yet."), &self->session_placeholder);

  /* Right: the stocktake's lines so far. */
  lines_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (lines_box, 12);
  gtk_widget_set_size_request (lines_box, 360, -1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  title = heading (_("Lines"));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  self->lines_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->lines_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->lines_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lines_label));
  gtk_box_append (GTK_BOX (lines_box), box);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (
    GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))))));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stocktake Lines"), -1);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_SKU);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_LOCATION);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_LOT);
  self->expected_column = pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_EXPECTED);
  gtk_column_view_column_set_visible (self->expected_column, FALSE);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_COUNTED);
  pd_stocktake_add_column (self->column_view, PD_STOCKTAKE_COLUMN_N_COUNTS);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_box_append (GTK_BOX (lines_box), scrolled);
  gtk_paned_set_end_child (GTK_PANED (paned), lines_box);

  update_state (self);
}

GtkWidget *
pd_stocktake_count_view_new (PdStore           *store,
                             PdStoreWorker     *worker,
                             PdUser            *user,
                             const PdStocktake *stocktake)
{
  PdStocktakeCountView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (stocktake != NULL, NULL);

  self = g_object_new (PD_TYPE_STOCKTAKE_COUNT_VIEW, NULL);
  self->store = g_object_ref (store);
  self->worker = g_object_ref (worker);
  self->user = g_object_ref (user);
  self->stocktake_id = stocktake->id;
  self->scope_location_id = stocktake->location_id;
  self->scope_location_code = g_strdup (stocktake->location_code);
  self->scope_item_ids = g_array_ref (stocktake->item_ids);

  if (stocktake->status != PD_STOCKTAKE_OPEN)
    {
      g_autofree char *message = NULL;

      if (stocktake->status == PD_STOCKTAKE_POSTED)
        message = g_strdup_printf (_("Stocktake %" PRId64 " was already posted; it is no longer open."), stocktake->id);
      else
        message = g_strdup_printf (_("Stocktake %" PRId64 " was cancelled; it is no longer open."), stocktake->id);
      gtk_widget_set_sensitive (GTK_WIDGET (self->entry), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->qty_entry), FALSE);
      answer (self, FALSE, message);
    }

  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  reload (self);
  update_lines_label (self);
  return GTK_WIDGET (self);
}

GtkEntry *
_pd_stocktake_count_view_get_entry (PdStocktakeCountView *self)
{
  return self->entry;
}

GtkEntry *
_pd_stocktake_count_view_get_qty_entry (PdStocktakeCountView *self)
{
  return self->qty_entry;
}

const char *
_pd_stocktake_count_view_get_message (PdStocktakeCountView *self,
                                      gboolean             *ok)
{
  return pd_scan_feedback_get_message (self->feedback, ok);
}

guint
_pd_stocktake_count_view_get_n_pending (PdStocktakeCountView *self)
{
  return self->n_pending;
}

guint
_pd_stocktake_count_view_get_n_recorded (PdStocktakeCountView *self)
{
  return self->n_recorded;
}

guint
_pd_stocktake_count_view_get_n_refused (PdStocktakeCountView *self)
{
  return self->n_refused;
}

GPtrArray *
_pd_stocktake_count_view_get_lines (PdStocktakeCountView *self)
{
  return self->lines;
}

gboolean
_pd_stocktake_count_view_is_loading (PdStocktakeCountView *self)
{
  return self->loading;
}

gboolean
_pd_stocktake_count_view_shows_expected (PdStocktakeCountView *self)
{
  return gtk_column_view_column_get_visible (self->expected_column);
}
