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

  /* What the scans so far chose. */
  PdLocation      *location;
  PdItem          *item;
  char            *lot_code;
  gboolean         awaiting_lot;

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
  gtk_label_set_text (self->location_label, self->location != NULL ? self->location->code : "—");
  if (self->item != NULL)
    {
      /* TRANSLATORS: the item chosen by a scan: SKU and name */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), self->item->sku, self->item->name);

      gtk_label_set_text (self->item_label, text);
    }
  else
    gtk_label_set_text (self->item_label, "—");

  gtk_widget_set_visible (self->lot_box, self->item != NULL && self->item->lot_tracked);
  if (gtk_widget_get_visible (self->lot_box) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry)),
                 self->lot_code != NULL ? self->lot_code : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), self->lot_code != NULL ? self->lot_code : "");
}

static void
answer (PdStocktakeCountView *self,
        gboolean              ok,
        const char           *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

static void
clear_item (PdStocktakeCountView *self)
{
  g_clear_pointer (&self->item, pd_item_free);
  g_clear_pointer (&self->lot_code, g_free);
  self->awaiting_lot = FALSE;
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
  g_autoptr(GError) error = NULL;
  g_autofree char *lot_text = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *qty_shown = NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  CountJob *job;
  Pending *pending;
  PdQty qty;

  if (self->location == NULL)
    {
      answer (self, FALSE, _("Scan the location being counted first."));
      return;
    }
  if (self->item == NULL)
    {
      answer (self, FALSE, _("Scan an item first."));
      return;
    }

  lot_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));
  if (self->item->lot_tracked && lot_text[0] == '\0')
    {
      message = g_strdup_printf (_("Scan or type the lot of %s."), self->item->sku);
      answer (self, FALSE, message);
      return;
    }

  qty_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry))));
  if (!pd_qty_parse (qty_text, &qty, &error))
    {
      /* TRANSLATORS: the field name, then why its value was refused */
      message = g_strdup_printf (_("Quantity: %s"), error->message);
      answer (self, FALSE, message);
      return;
    }
  if (qty < 0)
    {
      message = g_strdup_printf (_("Quantity: “%s” is less than zero."), qty_text);
      answer (self, FALSE, message);
      return;
    }

  job = g_new0 (CountJob, 1);
  job->actor = g_object_ref (self->user);
  job->stocktake_id = self->stocktake_id;
  job->item_id = self->item->id;
  job->location_id = self->location->id;
  job->lot_code = self->item->lot_tracked ? g_strdup (lot_text) : NULL;
  job->qty = qty;

  qty_shown = pd_wms_format_qty (qty, self->item->unit);
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  /* TRANSLATORS: a recorded stocktake count: quantity with unit, SKU, location */
  pending->title = g_strdup_printf (_("Counted %s of %s at %s."), qty_shown, self->item->sku, self->location->code);
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
  gtk_list_box_prepend (self->session_list, pending->row);
  gtk_widget_set_visible (self->session_placeholder, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->session_list), TRUE);

  /* In the order typed; the answer comes when the worker has written it. */
  self->n_pending++;
  pd_store_worker_run_async (self->worker, count_func, job, (GDestroyNotify) count_job_free, NULL,
                             NULL, count_done_cb, pending);

  /* The location stays for the next item; the item and quantity do not. */
  clear_item (self);
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

  g_clear_pointer (&self->location, pd_location_free);
  self->location = g_steal_pointer (&location);
  clear_item (self);
  update_state (self);
  message = g_strdup_printf (_("Counting at %s: scan an item."), self->location->code);
  answer (self, TRUE, message);
}

static void
scan_item (PdStocktakeCountView *self,
           gint64                item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_get_item (self->store, item_id, &error);
  g_autofree char *message = NULL;

  if (item == NULL || !item_in_scope (self, item, &error))
    {
      answer (self, FALSE, error->message);
      return;
    }

  clear_item (self);
  self->item = g_steal_pointer (&item);
  if (self->item->lot_tracked)
    {
      self->awaiting_lot = TRUE;
      message = g_strdup_printf (_("%s: scan or type its lot."), self->item->sku);
    }
  else
    message = g_strdup_printf (_("%s: type the quantity counted, or press Enter for 1."), self->item->sku);
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
  answer (self, TRUE, message);
}

static gboolean
take_typed_qty (PdStocktakeCountView *self,
                const char *text,
                const GError *resolve_error)
{
  PdQty qty;

  if (self->item == NULL || self->awaiting_lot ||
      !g_error_matches (resolve_error, PD_ERROR, PD_ERROR_NOT_FOUND) ||
      !pd_qty_parse (text, &qty, NULL))
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), text);
  confirm (self);
  return TRUE;
}

static void
handle_scan (gpointer    user_data,
             const char *text)
{
  PdStocktakeCountView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strstrip (g_strdup (text));
  gint64 item_id = 0;
  gint64 location_id = 0;

  if (code[0] == '\0')
    {
      confirm (self);
      return;
    }

  /* A lot-tracked item's next scan is its lot. */
  if (self->awaiting_lot)
    {
      g_autofree char *message = NULL;

      self->awaiting_lot = FALSE;
      g_free (self->lot_code);
      self->lot_code = g_steal_pointer (&code);
      update_state (self);
      message = g_strdup_printf (_("Lot %s: type the quantity counted, or press Enter for 1."), self->lot_code);
      answer (self, TRUE, message);
      return;
    }

  if (!pd_store_resolve_code (self->store, code, &item_id, &location_id, &error))
    {
      /* With an item chosen, a number that is no code is its quantity,
       * typed on the scanner's keypad or the keyboard without leaving
       * the scan entry: Enter records it at once. Codes come first. */
      if (take_typed_qty (self, code, error))
        return;
      answer (self, FALSE, error->message);
      return;
    }

  if (location_id != 0)
    scan_location (self, location_id);
  else
    scan_item (self, item_id);
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
  g_autofree char *lot = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));

  g_free (self->lot_code);
  self->lot_code = lot[0] != '\0' ? g_steal_pointer (&lot) : NULL;
  self->awaiting_lot = self->lot_code == NULL;
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
  g_clear_pointer (&self->location, pd_location_free);
  clear_item (self);
  g_free (self->scope_location_code);
  g_clear_pointer (&self->scope_item_ids, g_array_unref);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_stocktake_count_view_parent_class)->finalize (object);
}

static gboolean
focus_after_map_cb (gpointer user_data)
{
  PdStocktakeCountView *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return_focus (self);
  return G_SOURCE_REMOVE;
}

static void
pd_stocktake_count_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_stocktake_count_view_parent_class)->map (widget);

  return_focus (PD_STOCKTAKE_COUNT_VIEW (widget));
  /* Again once the click that showed the view is over. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_after_map_cb,
                   g_object_ref (widget), g_object_unref);
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
field_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
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

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "scan-entry");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 20);
  gtk_entry_set_placeholder_text (self->entry, _("Scan a location, an item or a lot"));
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_PRIMARY, "scanner-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scan"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->entry));

  self->feedback = PD_SCAN_FEEDBACK (pd_scan_feedback_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->feedback));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);

  title = field_title (_("Location"));
  self->location_label = pd_scan_field_value (title);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->location_label), 1, 0, 1, 1);
  title = field_title (_("Item"));
  self->item_label = pd_scan_field_value (title);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->item_label), 1, 1, 1, 1);

  self->lot_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->lot_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->lot_entry, _("Scan or type the lot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lot_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lot"), -1);
  g_signal_connect_swapped (self->lot_entry, "activate", G_CALLBACK (lot_activate_cb), self);
  gtk_box_append (GTK_BOX (self->lot_box), GTK_WIDGET (self->lot_entry));
  title = field_title (_("Lot"));
  g_object_bind_property (self->lot_box, "visible", title, "visible", G_BINDING_SYNC_CREATE);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->lot_box, 1, 2, 1, 1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->qty_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->qty_entry), 10);
  gtk_widget_set_size_request (GTK_WIDGET (self->qty_entry), -1, 44);
  gtk_entry_set_input_purpose (self->qty_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qty_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quantity Counted"), -1);
  g_signal_connect_swapped (self->qty_entry, "activate", G_CALLBACK (qty_activate_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->qty_entry));
  title = field_title (_("Quantity Counted"));
  gtk_grid_attach (GTK_GRID (grid), title, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), box, 1, 3, 1, 1);
  gtk_box_append (GTK_BOX (content), grid);

  gtk_box_append (GTK_BOX (content), heading (_("Counted in This Session")));
  self->session_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->session_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->session_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->session_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Counted in This Session"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->session_list), FALSE);
  self->session_placeholder = gtk_label_new (_("Nothing counted yet."));
  gtk_widget_add_css_class (self->session_placeholder, "dim-label");
  gtk_box_append (GTK_BOX (content), self->session_placeholder);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->session_list));

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
