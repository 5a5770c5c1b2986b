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
#include "wms/pd-scan-state.h"
#include "wms/pd-scan-view.h"
#include "wms/pd-wms-columns.h"

struct _PdScanView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdScanMode      mode;

  /* What the scans so far chose. */
  PdScanState     scan;

  /* Scans waiting to be handled, in the order they were typed, and the
   * moves they confirmed, written by the worker in that order. */
  PdScanQueue     queue;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
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

static PdScanDirection
direction (PdScanMode mode)
{
  switch (mode)
    {
    case PD_SCAN_MODE_ISSUE:
      return PD_SCAN_ISSUE;
    case PD_SCAN_MODE_TRANSFER:
      return PD_SCAN_TRANSFER;
    case PD_SCAN_MODE_RECEIVE:
    default:
      return PD_SCAN_RECEIVE;
    }
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
  pd_scan_state_show (&self->scan, self->from_label, self->to_label, self->item_label);
  pd_scan_state_show_lot_entry (&self->scan, self->lot_box, GTK_EDITABLE (self->lot_entry));
}

static void
answer (PdScanView *self,
        gboolean    ok,
        const char *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

/* --- Posting -------------------------------------------------------------- */

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

  title = pd_scan_describe_move (direction (post->mode), qty, post->item->sku);
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
  pd_scan_session_list_prepend (self->posted_list, self->posted_placeholder, row);
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
      if (pd_scan_state_give_back (&self->scan, post->generation, &post->item, &post->lot_code))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), post->qty_text);
          gtk_editable_set_text (GTK_EDITABLE (self->lot_entry),
                                 self->scan.lot_code != NULL ? self->scan.lot_code : "");
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
  message = pd_scan_describe_move (direction (post->mode), qty_shown, post->item->sku);
  answer (self, TRUE, message);
}

static void
confirm (PdScanView *self)
{
  g_autoptr(GPtrArray) moves = NULL;
  g_autofree char *lot_text = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *message = NULL;
  PdStockMove *move;
  Post *post;
  PdQty qty;

  lot_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));
  message = pd_scan_state_check (&self->scan, direction (self->mode), lot_text);
  if (message != NULL)
    {
      answer (self, FALSE, message);
      return;
    }

  qty_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry)));
  if (!pd_scan_parse_qty (qty_text, FALSE, &qty, &message))
    {
      answer (self, FALSE, message);
      return;
    }

  move = pd_stock_move_new ();
  move->item_id = self->scan.item->id;
  move->from_location = self->mode != PD_SCAN_MODE_RECEIVE ? self->scan.from->id : 0;
  move->to_location = self->mode != PD_SCAN_MODE_ISSUE ? self->scan.to->id : 0;
  move->qty = qty;
  move->reason = self->mode == PD_SCAN_MODE_RECEIVE ? PD_MOVE_RECEIPT
               : self->mode == PD_SCAN_MODE_ISSUE ? PD_MOVE_ISSUE : PD_MOVE_TRANSFER;
  if (self->scan.item->lot_tracked)
    move->lot_code = g_strdup (lot_text);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_ptr_array_add (moves, move);

  post = g_new0 (Post, 1);
  post->self = g_object_ref (self);
  post->user = g_object_ref (self->user);
  post->moves = g_steal_pointer (&moves);
  post->mode = self->mode;
  post->from = self->scan.from != NULL ? pd_location_copy (self->scan.from) : NULL;
  post->to = self->scan.to != NULL ? pd_location_copy (self->scan.to) : NULL;
  post->qty_text = g_steal_pointer (&qty_text);
  post->generation = pd_scan_state_hand_over (&self->scan, &post->item, &post->lot_code);
  self->n_pending++;
  pd_store_worker_run_async (self->worker, post_job, post, NULL, NULL,
                             self->cancellable, post_done_cb, post);

  /* The locations stay for the next item; the item and quantity do not:
   * the next scan may come before the worker's answer. */
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
  PdLocation *location = pd_store_get_location (self->store, location_id, &error);
  g_autofree char *message = NULL;

  if (location == NULL)
    {
      answer (self, FALSE, error->message);
      return;
    }
  if (!pd_scan_state_take_location (&self->scan, direction (self->mode), location, &message))
    {
      answer (self, FALSE, message);
      return;
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

  message = pd_scan_state_take_item (&self->scan, item, item->lot_tracked);
  if (message == NULL)
    message = g_strdup_printf (_("%s: type the quantity, or press Enter to confirm."), item->sku);
  gtk_editable_set_text (GTK_EDITABLE (self->lot_entry), "");
  update_state (self);
  answer (self, TRUE, message);
}

static void
handle_scan (PdScanView *self,
             const char *text)
{
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
      message = g_strdup_printf (_("Lot %s: type the quantity, or press Enter to confirm."), self->scan.lot_code);
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
  pd_scan_state_take_lot_entry (&self->scan, GTK_EDITABLE (self->lot_entry));
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
  self->scan.generation++;
  pd_scan_state_clear (&self->scan);
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
  pd_scan_state_clear (&self->scan);
  G_OBJECT_CLASS (pd_scan_view_parent_class)->finalize (object);
}

static void
pd_scan_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_scan_view_parent_class)->map (widget);

  pd_scan_focus_on_map (GTK_WIDGET (PD_SCAN_VIEW (widget)->entry));
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

static void
pd_scan_view_init (PdScanView *self)
{
  const char *mode_labels[] = { _("_Receive"), _("_Issue"), _("_Transfer") };
  GtkWidget *clamp;
  GtkWidget *content;
  GtkWidget *modes;
  GtkWidget *grid;
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

  self->entry = pd_scan_entry_new (_("Scan a location, an item or a lot; Enter confirms"));
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->entry));

  self->feedback = PD_SCAN_FEEDBACK (pd_scan_feedback_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->feedback));

  grid = pd_scan_grid_new ();
  /* TRANSLATORS: the location stock is taken from */
  self->from_label = pd_scan_grid_add_value (GTK_GRID (grid), 0, C_("scan", "From"), &self->from_title);
  /* TRANSLATORS: the location stock is put into */
  self->to_label = pd_scan_grid_add_value (GTK_GRID (grid), 1, C_("scan", "To"), &self->to_title);
  self->item_label = pd_scan_grid_add_value (GTK_GRID (grid), 2, _("Item"), NULL);
  self->lot_entry = pd_scan_grid_add_lot (GTK_GRID (grid), 3, &self->lot_box);
  g_signal_connect_swapped (self->lot_entry, "activate", G_CALLBACK (lot_activate_cb), self);
  self->qty_entry = pd_scan_grid_add_qty (GTK_GRID (grid), 4, _("Quantity"));
  g_signal_connect_swapped (self->qty_entry, "activate", G_CALLBACK (return_focus), self);
  gtk_box_append (GTK_BOX (content), grid);

  self->posted_list = pd_scan_session_list_new (GTK_BOX (content), _("Posted in This Session"),
                                                _("Nothing posted yet."), &self->posted_placeholder);

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
