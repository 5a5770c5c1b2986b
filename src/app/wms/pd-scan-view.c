/* pd-scan-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-scan-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-store-worker.h"
#include "wms/pd-scan-feedback.h"
#include "wms/pd-scan-view.h"
#include "wms/pd-wms-columns.h"

struct _PdScanView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdScanMode      mode;

  /* What the scans so far chose. */
  PdLocation     *from;
  PdLocation     *to;
  PdItem         *item;
  char           *lot_code;
  gboolean        awaiting_lot;

  /* Scans waiting to be handled, in the order they were typed, and the
   * moves they confirmed, written by the worker in that order. */
  PdScanQueue     queue;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  guint           generation;
  guint           n_pending;     /* confirmed, not answered yet */
  guint           n_posted;

  GtkToggleButton *mode_buttons[3];
  GtkEntry       *entry;
  GtkEntry       *qty_entry;
  GtkEntry       *lot_entry;
  GtkLabel       *from_label;
  GtkLabel       *to_label;
  GtkLabel       *item_label;
  GtkWidget      *from_title;
  GtkWidget      *to_title;
  GtkWidget      *lot_box;
  PdScanFeedback *feedback;
  GtkListBox     *posted_list;
  GtkWidget      *posted_placeholder;
};

G_DEFINE_FINAL_TYPE (PdScanView, pd_scan_view, GTK_TYPE_BOX)

/* --- State shown ---------------------------------------------------------- */

static void
set_code_label (GtkLabel   *label,
                const char *code)
{
  gtk_label_set_text (label, code != NULL ? code : "—");
}

static void
update_state (PdScanView *self)
{
  gboolean needs_from = self->mode != PD_SCAN_MODE_RECEIVE;
  gboolean needs_to = self->mode != PD_SCAN_MODE_ISSUE;

  gtk_widget_set_visible (self->from_title, needs_from);
  gtk_widget_set_visible (GTK_WIDGET (self->from_label), needs_from);
  gtk_widget_set_visible (self->to_title, needs_to);
  gtk_widget_set_visible (GTK_WIDGET (self->to_label), needs_to);
  set_code_label (self->from_label, self->from != NULL ? self->from->code : NULL);
  set_code_label (self->to_label, self->to != NULL ? self->to->code : NULL);

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
answer (PdScanView *self,
        gboolean    ok,
        const char *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

static void
clear_item (PdScanView *self)
{
  g_clear_pointer (&self->item, pd_item_free);
  g_clear_pointer (&self->lot_code, g_free);
  self->awaiting_lot = FALSE;
}

/* --- Posting -------------------------------------------------------------- */

/* A posted move for people, e.g. "Received 5 pcs of SKU-1." */
static char *
describe_move (PdScanMode  mode,
               const char *qty,
               const char *sku)
{
  switch (mode)
    {
    case PD_SCAN_MODE_ISSUE:
      /* TRANSLATORS: a posted issue: quantity with unit, then SKU */
      return g_strdup_printf (_("Issued %s of %s."), qty, sku);
    case PD_SCAN_MODE_TRANSFER:
      /* TRANSLATORS: a posted transfer: quantity with unit, then SKU */
      return g_strdup_printf (_("Moved %s of %s."), qty, sku);
    case PD_SCAN_MODE_RECEIVE:
    default:
      /* TRANSLATORS: a posted receipt: quantity with unit, then SKU */
      return g_strdup_printf (_("Received %s of %s."), qty, sku);
    }
}

/* What one confirmed scan posts: a copy of what was scanned, so that the
 * scans after it may change the view's state while the worker writes. */
typedef struct
{
  PdScanView *self;
  PdUser     *user;
  GPtrArray  *moves;
  PdScanMode  mode;
  guint       generation;
  PdItem     *item;
  PdLocation *from;
  PdLocation *to;
  char       *lot_code;
  char       *qty_text;
} Post;

static void post_free (Post *post);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Post, post_free)

static void
post_free (Post *post)
{
  g_clear_object (&post->self);
  g_clear_object (&post->user);
  g_clear_pointer (&post->moves, g_ptr_array_unref);
  g_clear_pointer (&post->item, pd_item_free);
  g_clear_pointer (&post->from, pd_location_free);
  g_clear_pointer (&post->to, pd_location_free);
  g_free (post->lot_code);
  g_free (post->qty_text);
  g_free (post);
}

static void
add_posted_row (PdScanView        *self,
                const Post        *post,
                const PdStockMove *move)
{
  g_autofree char *qty = pd_wms_format_qty (move->qty, post->item->unit);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  GtkWidget *row;

  title = describe_move (post->mode, qty, post->item->sku);
  if (post->mode == PD_SCAN_MODE_RECEIVE)
    /* TRANSLATORS: where a receipt went */
    where = g_strdup_printf (_("to %s"), post->to->code);
  else if (post->mode == PD_SCAN_MODE_ISSUE)
    /* TRANSLATORS: where an issue came from */
    where = g_strdup_printf (_("from %s"), post->from->code);
  else
    /* TRANSLATORS: a transfer: from one location to another */
    where = g_strdup_printf (_("%s → %s"), post->from->code, post->to->code);
  if (move->lot_code != NULL)
    {
      /* TRANSLATORS: a location and a lot code */
      char *with_lot = g_strdup_printf (_("%s · lot %s"), where, move->lot_code);

      g_free (where);
      where = with_lot;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  gtk_list_box_prepend (self->posted_list, row);
  gtk_widget_set_visible (self->posted_placeholder, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->posted_list), TRUE);
}

/* On the worker's thread, with its own connection. */
static gboolean
post_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  Post *post = data;

  return pd_store_post_moves (worker_store, post->user, post->moves, error);
}

static void update_state (PdScanView *self);

static void
post_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Post) post = user_data;
  PdScanView *self = post->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *qty_shown = NULL;
  PdStockMove *move = g_ptr_array_index (post->moves, 0);

  self->n_pending--;
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        return;

      /* Nothing was recorded. When nothing was scanned since, what was
       * scanned comes back, to be put right. */
      if (self->generation == post->generation)
        {
          g_clear_pointer (&self->item, pd_item_free);
          self->item = g_steal_pointer (&post->item);
          g_free (self->lot_code);
          self->lot_code = g_steal_pointer (&post->lot_code);
          gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), post->qty_text);
          gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), self->lot_code != NULL ? self->lot_code : "");
          update_state (self);
        }
      answer (self, FALSE, error->message);
      return;
    }
  if (self->store == NULL)
    return;

  self->n_posted++;
  add_posted_row (self, post, move);
  qty_shown = pd_wms_format_qty (move->qty, post->item->unit);
  message = describe_move (post->mode, qty_shown, post->item->sku);
  answer (self, TRUE, message);
}

static void
confirm (PdScanView *self)
{
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lot_text = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *message = NULL;
  PdStockMove *move;
  Post *post;
  PdQty qty;

  if (self->mode != PD_SCAN_MODE_RECEIVE && self->from == NULL)
    {
      answer (self, FALSE, self->mode == PD_SCAN_MODE_ISSUE
                             ? _("Scan the location to issue from first.")
                             : _("Scan the location to move from first."));
      return;
    }
  if (self->mode != PD_SCAN_MODE_ISSUE && self->to == NULL)
    {
      answer (self, FALSE, self->mode == PD_SCAN_MODE_RECEIVE
                             ? _("Scan the location to receive into first.")
                             : _("Scan the location to move to."));
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

  qty_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry)));
  if (!pd_qty_parse (qty_text, &qty, &error))
    {
      /* TRANSLATORS: the field name, then why its value was refused */
      message = g_strdup_printf (_("Quantity: %s"), error->message);
      answer (self, FALSE, message);
      return;
    }
  if (qty <= 0)
    {
      message = g_strdup_printf (_("Quantity: “%s” is not more than zero."), qty_text);
      answer (self, FALSE, message);
      return;
    }

  move = pd_stock_move_new ();
  move->item_id = self->item->id;
  move->from_location = self->mode != PD_SCAN_MODE_RECEIVE ? self->from->id : 0;
  move->to_location = self->mode != PD_SCAN_MODE_ISSUE ? self->to->id : 0;
  move->qty = qty;
  move->reason = self->mode == PD_SCAN_MODE_RECEIVE ? PD_MOVE_RECEIPT
               : self->mode == PD_SCAN_MODE_ISSUE ? PD_MOVE_ISSUE : PD_MOVE_TRANSFER;
  if (self->item->lot_tracked)
    move->lot_code = g_strdup (lot_text);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_ptr_array_add (moves, move);

  post = g_new0 (Post, 1);
  post->self = g_object_ref (self);
  post->user = g_object_ref (self->user);
  post->moves = g_steal_pointer (&moves);
  post->mode = self->mode;
  post->item = g_steal_pointer (&self->item);
  post->from = self->from != NULL ? pd_location_copy (self->from) : NULL;
  post->to = self->to != NULL ? pd_location_copy (self->to) : NULL;
  post->lot_code = g_steal_pointer (&self->lot_code);
  post->qty_text = g_steal_pointer (&qty_text);
  /* A scan after this one changes what a refusal would give back. */
  post->generation = ++self->generation;
  self->n_pending++;
  pd_store_worker_run_async (self->worker, post_job, post, NULL, NULL,
                             self->cancellable, post_done_cb, post);

  /* The locations stay for the next item; the item and quantity do not:
   * the next scan may come before the worker's answer. */
  clear_item (self);
  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
}

/* --- Scans ---------------------------------------------------------------- */

static void
scan_location (PdScanView *self,
               gint64      location_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdLocation) location = pd_store_get_location (self->store, location_id, &error);
  g_autofree char *message = NULL;

  if (location == NULL)
    {
      answer (self, FALSE, error->message);
      return;
    }

  switch (self->mode)
    {
    case PD_SCAN_MODE_RECEIVE:
      g_clear_pointer (&self->to, pd_location_free);
      self->to = g_steal_pointer (&location);
      message = g_strdup_printf (_("Receive into %s."), self->to->code);
      break;
    case PD_SCAN_MODE_ISSUE:
      g_clear_pointer (&self->from, pd_location_free);
      self->from = g_steal_pointer (&location);
      message = g_strdup_printf (_("Issue from %s."), self->from->code);
      break;
    case PD_SCAN_MODE_TRANSFER:
    default:
      /* The first location is where from, the second where to; a third
       * starts again. */
      if (self->from != NULL && self->to == NULL)
        {
          if (self->from->id == location->id)
            {
              message = g_strdup_printf (_("%s is already the location to move from; scan the location to move to."),
                                         location->code);
              answer (self, FALSE, message);
              return;
            }
          self->to = g_steal_pointer (&location);
          message = g_strdup_printf (_("Move to %s."), self->to->code);
        }
      else
        {
          g_clear_pointer (&self->from, pd_location_free);
          g_clear_pointer (&self->to, pd_location_free);
          self->from = g_steal_pointer (&location);
          message = g_strdup_printf (_("Move from %s; scan the location to move to."), self->from->code);
        }
      break;
    }

  update_state (self);
  answer (self, TRUE, message);
}

static void
scan_item (PdScanView *self,
           gint64      item_id)
{
  g_autoptr(GError) error = NULL;
  PdItem *item = pd_store_get_item (self->store, item_id, &error);
  g_autofree char *message = NULL;

  if (item == NULL)
    {
      answer (self, FALSE, error->message);
      return;
    }

  clear_item (self);
  self->item = item;
  if (item->lot_tracked)
    {
      self->awaiting_lot = TRUE;
      message = g_strdup_printf (_("%s: scan or type its lot."), item->sku);
    }
  else
    message = g_strdup_printf (_("%s: type the quantity, or press Enter to confirm."), item->sku);
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
  answer (self, TRUE, message);
}

static gboolean
take_typed_qty (PdScanView *self,
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
handle_scan (PdScanView *self,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strstrip (g_strdup (text));
  gint64 item_id = 0;
  gint64 location_id = 0;

  if (code[0] == '\0')
    {
      confirm (self);
      return;
    }
  self->generation++;

  /* A lot-tracked item's next scan is its lot: lot codes are printed by
   * suppliers and need not be known to the store yet. */
  if (self->awaiting_lot)
    {
      g_autofree char *message = NULL;

      self->awaiting_lot = FALSE;
      g_free (self->lot_code);
      self->lot_code = g_steal_pointer (&code);
      update_state (self);
      message = g_strdup_printf (_("Lot %s: type the quantity, or press Enter to confirm."), self->lot_code);
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
scan_cb (gpointer    user_data,
         const char *text)
{
  handle_scan (user_data, text);
}

static void
entry_activate_cb (PdScanView *self)
{
  pd_scan_queue_take (&self->queue, GTK_EDITABLE (self->entry));
}

static void
return_focus (PdScanView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
lot_activate_cb (PdScanView *self)
{
  g_autofree char *lot = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));

  g_free (self->lot_code);
  self->lot_code = lot[0] != '\0' ? g_steal_pointer (&lot) : NULL;
  self->awaiting_lot = self->lot_code == NULL;
  return_focus (self);
}

static void
mode_toggled_cb (GtkToggleButton *button,
                 PdScanView      *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->mode_buttons); i++)
    if (self->mode_buttons[i] == button)
      pd_scan_view_set_mode (self, i);
}

void
pd_scan_view_set_mode (PdScanView *self,
                       PdScanMode  mode)
{
  g_return_if_fail (PD_IS_SCAN_VIEW (self));
  g_return_if_fail (mode <= PD_SCAN_MODE_TRANSFER);

  if (!gtk_toggle_button_get_active (self->mode_buttons[mode]))
    gtk_toggle_button_set_active (self->mode_buttons[mode], TRUE);
  if (self->mode == mode)
    return;

  /* A new mode starts from scratch: a location chosen to receive into is
   * not silently the one to issue from. */
  self->mode = mode;
  self->generation++;
  g_clear_pointer (&self->from, pd_location_free);
  g_clear_pointer (&self->to, pd_location_free);
  clear_item (self);
  pd_scan_feedback_hide (self->feedback);
  update_state (self);
  return_focus (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_scan_view_dispose (GObject *object)
{
  PdScanView *self = PD_SCAN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* Waits for the move being written; those not started are dropped. */
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_scan_view_parent_class)->dispose (object);
}

static void
pd_scan_view_finalize (GObject *object)
{
  PdScanView *self = PD_SCAN_VIEW (object);

  pd_scan_queue_clear (&self->queue);
  g_clear_pointer (&self->from, pd_location_free);
  g_clear_pointer (&self->to, pd_location_free);
  clear_item (self);
  G_OBJECT_CLASS (pd_scan_view_parent_class)->finalize (object);
}

static gboolean
focus_after_map_cb (gpointer user_data)
{
  PdScanView *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return_focus (self);
  return G_SOURCE_REMOVE;
}

static void
pd_scan_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_scan_view_parent_class)->map (widget);

  return_focus (PD_SCAN_VIEW (widget));
  /* Again once the click that showed the page is over: a sidebar row
   * takes the focus when its click is released, after the page was
   * switched, and the scanner must type into the entry. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_after_map_cb,
                   g_object_ref (widget), g_object_unref);
}

static void
pd_scan_view_class_init (PdScanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_scan_view_dispose;
  object_class->finalize = pd_scan_view_finalize;
  widget_class->map = pd_scan_view_map;
}

static GtkWidget *
field_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
pd_scan_view_init (PdScanView *self)
{
  const char *mode_labels[] = { _("_Receive"), _("_Issue"), _("_Transfer") };
  GtkWidget *clamp;
  GtkWidget *content;
  GtkWidget *modes;
  GtkWidget *grid;
  GtkWidget *title;
  GtkWidget *item_title;
  GtkWidget *qty_box;
  GtkWidget *heading;
  GtkWidget *scrolled;

  pd_scan_queue_init (&self->queue, scan_cb, self);
  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (modes, "linked");
  gtk_widget_set_halign (modes, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (modes), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scan Mode"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (self->mode_buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (mode_labels[i]);

      gtk_widget_set_size_request (button, 120, -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->mode_buttons[0]);
      self->mode_buttons[i] = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (mode_toggled_cb), self);
      gtk_box_append (GTK_BOX (modes), button);
    }
  gtk_toggle_button_set_active (self->mode_buttons[PD_SCAN_MODE_RECEIVE], TRUE);
  gtk_box_append (GTK_BOX (content), modes);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "scan-entry");
  gtk_entry_set_placeholder_text (self->entry, _("Scan a location, an item or a lot; Enter confirms"));
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

  /* TRANSLATORS: the location stock is taken from */
  self->from_title = field_title (C_("scan", "From"));
  self->from_label = pd_scan_field_value (self->from_title);
  gtk_grid_attach (GTK_GRID (grid), self->from_title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->from_label), 1, 0, 1, 1);
  /* TRANSLATORS: the location stock is put into */
  self->to_title = field_title (C_("scan", "To"));
  self->to_label = pd_scan_field_value (self->to_title);
  gtk_grid_attach (GTK_GRID (grid), self->to_title, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->to_label), 1, 1, 1, 1);
  item_title = field_title (_("Item"));
  self->item_label = pd_scan_field_value (item_title);
  gtk_grid_attach (GTK_GRID (grid), item_title, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->item_label), 1, 2, 1, 1);

  self->lot_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->lot_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->lot_entry, _("Scan or type the lot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lot_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lot"), -1);
  g_signal_connect_swapped (self->lot_entry, "activate", G_CALLBACK (lot_activate_cb), self);
  gtk_box_append (GTK_BOX (self->lot_box), GTK_WIDGET (self->lot_entry));
  title = field_title (_("Lot"));
  g_object_bind_property (self->lot_box, "visible", title, "visible", G_BINDING_SYNC_CREATE);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->lot_box, 1, 3, 1, 1);

  qty_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->qty_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->qty_entry), 10);
  gtk_entry_set_input_purpose (self->qty_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qty_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quantity"), -1);
  g_signal_connect_swapped (self->qty_entry, "activate", G_CALLBACK (return_focus), self);
  gtk_box_append (GTK_BOX (qty_box), GTK_WIDGET (self->qty_entry));
  title = field_title (_("Quantity"));
  gtk_grid_attach (GTK_GRID (grid), title, 0, 4, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), qty_box, 1, 4, 1, 1);
  gtk_box_append (GTK_BOX (content), grid);

  heading = gtk_label_new (_("Posted in This Session"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (content), heading);

  self->posted_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->posted_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->posted_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->posted_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Posted in This Session"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->posted_list), FALSE);
  self->posted_placeholder = gtk_label_new (_("Nothing posted yet."));
  gtk_widget_add_css_class (self->posted_placeholder, "dim-label");
  gtk_box_append (GTK_BOX (content), self->posted_placeholder);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->posted_list));

  update_state (self);
}

GtkWidget *
pd_scan_view_new (PdStore *store,
                  PdUser  *user)
{
  PdScanView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_SCAN_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  return GTK_WIDGET (self);
}

GtkEntry *
_pd_scan_view_get_entry (PdScanView *self)
{
  return self->entry;
}

GtkEntry *
_pd_scan_view_get_qty_entry (PdScanView *self)
{
  return self->qty_entry;
}

const char *
_pd_scan_view_get_message (PdScanView *self,
                           gboolean   *ok)
{
  return pd_scan_feedback_get_message (self->feedback, ok);
}

guint
_pd_scan_view_get_n_posted (PdScanView *self)
{
  return self->n_posted;
}

guint
_pd_scan_view_get_n_pending (PdScanView *self)
{
  return self->n_pending;
}
