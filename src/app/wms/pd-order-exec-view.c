/* pd-order-exec-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-order-exec-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-order-read.h"
#include "pd-store-orders.h"
#include "wms/pd-order-dialog.h"
#include "wms/pd-order-exec-view.h"
#include "wms/pd-scan-feedback.h"
#include "wms/pd-scan-state.h"
#include "wms/pd-wms-columns.h"

struct _PdOrderExecView
{
  GtkBox          parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  char           *ref;
  PdStockOrder   *order;       /* as last read */
  gboolean        loading;
  gboolean        reload;
  guint           n_pending;

  /* What the scans so far chose. */
  PdScanQueue     queue;
  PdScanState     scan;
  gboolean        qty_edited;
  gboolean        setting_qty;

  GtkWidget      *dialog;      /* weak */

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkButton      *close_button;
  GtkEntry       *entry;
  PdScanFeedback *feedback;
  GtkWidget      *from_title;
  GtkLabel       *from_label;
  GtkWidget      *to_title;
  GtkLabel       *to_label;
  GtkLabel       *item_label;
  GtkWidget      *lot_title;
  GtkLabel       *lot_label;
  GtkEntry       *qty_entry;
  GtkCheckButton *piece_check;
  GtkListBox     *lines_list;
};

G_DEFINE_FINAL_TYPE (PdOrderExecView, pd_order_exec_view, GTK_TYPE_BOX)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PdOrderKind
kind (PdOrderExecView *self)
{
  return self->order != NULL ? self->order->kind : PD_ORDER_INBOUND;
}

static PdScanDirection
direction (PdOrderKind order_kind)
{
  switch (order_kind)
    {
    case PD_ORDER_OUTBOUND:
      return PD_SCAN_ISSUE;
    case PD_ORDER_TRANSFER:
      return PD_SCAN_TRANSFER;
    case PD_ORDER_INBOUND:
    default:
      return PD_SCAN_RECEIVE;
    }
}

/* --- State shown ---------------------------------------------------------- */

static void
set_qty_text (PdOrderExecView *self,
              const char      *text)
{
  self->setting_qty = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), text);
  self->setting_qty = FALSE;
  self->qty_edited = FALSE;
}

/* The first line of ITEM not complete that takes LOT (NULL: any). */
static const PdStockOrderLine *
find_line (PdOrderExecView *self,
           gint64           item_id,
           const char      *lot)
{
  if (self->order == NULL)
    return NULL;

  for (guint i = 0; i < self->order->lines->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (self->order->lines, i);

      if (line->item_id != item_id || pd_stock_order_line_remaining (line) <= 0)
        continue;
      if (lot != NULL && line->lot_code != NULL && g_ascii_strcasecmp (lot, line->lot_code) != 0)
        continue;
      return line;
    }
  return NULL;
}

/* The quantity a confirmed scan takes unless someone typed another: 1 a
 * scan when counting piece by piece, else what remains of the line (the
 * core takes the remaining at the time it executes, so that scans queued
 * faster than the list is read never over-receive). */
static void
default_qty (PdOrderExecView *self)
{
  const PdStockOrderLine *line;
  g_autofree char *text = NULL;

  if (gtk_check_button_get_active (self->piece_check))
    {
      set_qty_text (self, "1");
      return;
    }
  line = self->scan.item != NULL ? find_line (self, self->scan.item->id, self->scan.lot_code) : NULL;
  if (line != NULL)
    text = pd_qty_format (pd_stock_order_line_remaining (line));
  set_qty_text (self, text != NULL ? text : "");
  gtk_entry_set_placeholder_text (self->qty_entry, _("Remaining"));
}

static void
update_state (PdOrderExecView *self)
{
  gboolean needs_from = kind (self) != PD_ORDER_INBOUND;
  gboolean needs_to = kind (self) != PD_ORDER_OUTBOUND;
  gboolean lot_shown = self->scan.item != NULL && self->scan.item->lot_tracked;

  gtk_widget_set_visible (self->from_title, needs_from);
  gtk_widget_set_visible (GTK_WIDGET (self->from_label), needs_from);
  gtk_widget_set_visible (self->to_title, needs_to);
  gtk_widget_set_visible (GTK_WIDGET (self->to_label), needs_to);
  pd_scan_state_show (&self->scan, self->from_label, self->to_label, self->item_label);
  gtk_widget_set_visible (self->lot_title, lot_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->lot_label), lot_shown);
  if (self->scan.lot_code == NULL && self->scan.item != NULL)
    {
      /* The lot the line names is the one received or picked. */
      const PdStockOrderLine *line = find_line (self, self->scan.item->id, NULL);

      gtk_label_set_text (self->lot_label, line != NULL && line->lot_code != NULL ? line->lot_code : "—");
    }
  else
    gtk_label_set_text (self->lot_label, self->scan.lot_code != NULL ? self->scan.lot_code : "—");
}

static GtkWidget *
line_row (const PdStockOrderLine *line)
{
  g_autofree char *title = NULL;
  g_autofree char *done = pd_wms_format_qty (line->done_qty, line->unit);
  g_autofree char *qty = pd_wms_format_qty (line->qty, line->unit);
  g_autofree char *remaining = pd_wms_format_qty (pd_stock_order_line_remaining (line), line->unit);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  double fraction = line->qty > 0 ? (double) line->done_qty / (double) line->qty : 1.0;

  if (line->lot_code != NULL)
    /* TRANSLATORS: an order line: its SKU and its lot */
    title = g_strdup_printf (_("%s · lot %s"), line->sku, line->lot_code);
  else
    title = g_strdup (line->sku);
  if (line->short_closed)
    /* TRANSLATORS: an order line closed short: done of ordered */
    subtitle = g_strdup_printf (_("%s of %s done; closed short"), done, qty);
  else if (pd_stock_order_line_remaining (line) > 0)
    /* TRANSLATORS: an order line: done of ordered, then what remains */
    subtitle = g_strdup_printf (_("%s of %s done · %s remaining"), done, qty, remaining);
  else
    /* TRANSLATORS: a complete order line: done of ordered */
    subtitle = g_strdup_printf (_("%s of %s done · complete"), done, qty);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (pd_stock_order_line_remaining (line) <= 0)
    gtk_widget_add_css_class (row, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  return row;
}

static void
show_order (PdOrderExecView *self)
{
  const PdStockOrder *order = self->order;
  GString *subtitle = g_string_new (NULL);
  GtkWidget *child;
  gboolean can_close;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  for (guint i = 0; i < order->lines->len; i++)
    gtk_list_box_append (self->lines_list, line_row (g_ptr_array_index (order->lines, i)));

  gtk_label_set_text (self->title_label, order->ref);
  g_string_append (subtitle, pd_order_kind_get_label (order->kind));
  /* TRANSLATORS: separates parts of an order's description */
  g_string_append_printf (subtitle, _(" · %s"), pd_order_status_get_label (order->status));
  if (order->partner != NULL)
    g_string_append_printf (subtitle, _(" · %s"), order->partner);
  if (order->kind == PD_ORDER_TRANSFER)
    /* TRANSLATORS: a transfer order: from one location to another */
    g_string_append_printf (subtitle, _(" · %s → %s"), order->location_code, order->dest_location_code);
  else if (order->location_code != NULL)
    g_string_append_printf (subtitle, _(" · %s"), order->location_code);
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  g_string_free (subtitle, TRUE);

  can_close = (order->status == PD_ORDER_RELEASED || order->status == PD_ORDER_IN_PROGRESS) &&
              pd_role_has_permission (pd_user_get_role (self->user), PD_PERMISSION_STOCK_ORDERS);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), can_close);
  update_state (self);
}

/* --- Reading -------------------------------------------------------------- */

static void reload (PdOrderExecView *self);

static void
order_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PdOrderExecView *self = user_data;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = pd_order_read_one_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (order == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read order %s: %s"), self->ref, error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else
    {
      g_clear_pointer (&self->order, pd_stock_order_free);
      self->order = g_steal_pointer (&order);
      show_order (self);
      if (!self->qty_edited)
        default_qty (self);
    }

  if (self->reload)
    reload (self);
}

static void
reload (PdOrderExecView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_order_read_one_async (pd_store_get_path (self->store), self->ref, self->cancellable,
                           order_read_cb, self);
}

/* --- Executing ------------------------------------------------------------ */

static void
answer (PdOrderExecView *self,
        gboolean         ok,
        const char      *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

/* One confirmed scan: a copy of what was scanned, so that the scans after
 * it may change the view while the worker executes it. */
typedef struct
{
  PdOrderExecView *self;
  PdUser          *user;
  char            *ref;
  PdOrderKind      kind;
  guint            generation;
  PdLocation      *from;
  PdLocation      *to;
  PdItem          *item;
  char            *lot_code;
  char            *qty_text;
  gboolean         qty_edited;
  PdQty            qty;
} Exec;

static void
exec_free (Exec *exec)
{
  g_clear_object (&exec->self);
  g_clear_object (&exec->user);
  g_free (exec->ref);
  g_clear_pointer (&exec->from, pd_location_free);
  g_clear_pointer (&exec->to, pd_location_free);
  g_clear_pointer (&exec->item, pd_item_free);
  g_free (exec->lot_code);
  g_free (exec->qty_text);
  g_free (exec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exec, exec_free)

/* On the worker's thread, with its own connection. */
static gboolean
exec_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  Exec *exec = data;
  PdStockMove *move = NULL;
  gboolean ok;

  if (exec->kind == PD_ORDER_TRANSFER)
    ok = pd_store_order_execute_transfer (worker_store, exec->user, exec->ref,
                                          exec->from->code, exec->to->code, exec->item->sku,
                                          exec->lot_code, exec->qty, &move, error);
  else
    ok = pd_store_order_execute (worker_store, exec->user, exec->ref,
                                 exec->kind == PD_ORDER_INBOUND ? exec->to->code : exec->from->code,
                                 exec->item->sku, exec->lot_code, exec->qty, &move, error);
  *result = move;
  return ok;
}

static void
exec_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Exec) exec = user_data;
  PdOrderExecView *self = exec->self;
  g_autoptr(PdStockMove) move = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *qty = NULL;
  g_autofree char *message = NULL;

  self->n_pending--;
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &move, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        return;

      /* Nothing was recorded. When nothing was scanned since, what was
       * scanned comes back, to be put right. */
      if (pd_scan_state_give_back (&self->scan, exec->generation, &exec->item, &exec->lot_code))
        {
          if (exec->qty_edited)
            {
              set_qty_text (self, exec->qty_text);
              self->qty_edited = TRUE;
            }
          else
            default_qty (self);
          update_state (self);
        }
      answer (self, FALSE, error->message);
      return;
    }
  if (self->store == NULL)
    return;

  qty = pd_wms_format_qty (move->qty, exec->item->unit);
  message = pd_scan_describe_move (direction (exec->kind), qty, exec->item->sku);
  answer (self, TRUE, message);
}

static void
confirm (PdOrderExecView *self)
{
  g_autofree char *qty_text = NULL;
  g_autofree char *message = NULL;
  PdQty qty = 0;
  Exec *exec;

  message = pd_scan_state_check (&self->scan, direction (kind (self)), NULL);
  if (message != NULL)
    {
      answer (self, FALSE, message);
      return;
    }

  qty_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry))));
  /* Untouched, the quantity is what remains when the scan executes. */
  if (self->qty_edited || gtk_check_button_get_active (self->piece_check))
    {
      if (!pd_scan_parse_qty (qty_text, FALSE, &qty, &message))
        {
          answer (self, FALSE, message);
          return;
        }
    }

  exec = g_new0 (Exec, 1);
  exec->self = g_object_ref (self);
  exec->user = g_object_ref (self->user);
  exec->ref = g_strdup (self->ref);
  exec->kind = kind (self);
  exec->from = self->scan.from != NULL ? pd_location_copy (self->scan.from) : NULL;
  exec->to = self->scan.to != NULL ? pd_location_copy (self->scan.to) : NULL;
  exec->qty_text = g_steal_pointer (&qty_text);
  exec->qty_edited = self->qty_edited;
  exec->qty = qty;
  exec->generation = pd_scan_state_hand_over (&self->scan, &exec->item, &exec->lot_code);
  self->n_pending++;
  /* The callback always runs, also for a job cancelled before it started,
   * and frees EXEC. */
  pd_store_worker_run_async (self->worker, exec_job, exec, NULL, (GDestroyNotify) pd_stock_move_free,
                             self->cancellable, exec_done_cb, exec);

  /* The locations stay for the next item; the item does not: the next
   * scan may come before the worker's answer. */
  default_qty (self);
  update_state (self);
}

/* --- Scans ---------------------------------------------------------------- */

static void
scan_location (PdOrderExecView *self,
               gint64           location_id)
{
  g_autoptr(GError) error = NULL;
  PdLocation *location = pd_store_get_location (self->store, location_id, &error);
  g_autofree char *message = NULL;

  if (location == NULL)
    {
      answer (self, FALSE, error->message);
      return;
    }
  if (!pd_scan_state_take_location (&self->scan, direction (kind (self)), location, &message))
    {
      answer (self, FALSE, message);
      return;
    }

  update_state (self);
  answer (self, TRUE, message);
}

static gboolean
line_has_lot (PdOrderExecView *self,
              gint64           item_id)
{
  const PdStockOrderLine *line = find_line (self, item_id, NULL);

  return line != NULL && line->lot_code != NULL;
}

static gboolean
on_order (PdOrderExecView *self,
          gint64           item_id)
{
  /* Before the order is read, the core answers at Enter. */
  if (self->order == NULL)
    return TRUE;
  for (guint i = 0; i < self->order->lines->len; i++)
    if (((PdStockOrderLine *) g_ptr_array_index (self->order->lines, i))->item_id == item_id)
      return TRUE;
  return FALSE;
}

static void
scan_item (PdOrderExecView *self,
           gint64           item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_get_item (self->store, item_id, &error);
  g_autofree char *message = NULL;
  gboolean needs_lot;

  if (item == NULL)
    {
      answer (self, FALSE, error->message);
      return;
    }
  if (!on_order (self, item_id))
    {
      /* The core's own words, at once rather than at Enter. */
      message = g_strdup_printf (_("%s is not on order %s."), item->sku, self->ref);
      answer (self, FALSE, message);
      return;
    }

  /* A line that names its lot takes it; otherwise a tracked item's next
   * scan is its lot. */
  needs_lot = item->lot_tracked && !line_has_lot (self, item_id);
  message = pd_scan_state_take_item (&self->scan, g_steal_pointer (&item), needs_lot);
  if (message == NULL)
    message = g_strdup_printf (_("%s: press Enter to confirm."), self->scan.item->sku);
  default_qty (self);
  update_state (self);
  answer (self, TRUE, message);
}

static void
handle_scan (PdOrderExecView *self,
             const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;

  switch (pd_scan_state_read (&self->scan, self->store, text, FALSE, &id, NULL, &error))
    {
    case PD_SCAN_CONFIRM:
      confirm (self);
      break;
    case PD_SCAN_LOT:
      update_state (self);
      message = g_strdup_printf (_("Lot %s: press Enter to confirm."), self->scan.lot_code);
      answer (self, TRUE, message);
      break;
    case PD_SCAN_LOCATION:
      scan_location (self, id);
      break;
    case PD_SCAN_ITEM:
      scan_item (self, id);
      break;
    case PD_SCAN_REFUSED:
    case PD_SCAN_QTY:
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
entry_activate_cb (PdOrderExecView *self)
{
  pd_scan_queue_take (&self->queue, GTK_EDITABLE (self->entry));
}

static void
return_focus (PdOrderExecView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
qty_changed_cb (PdOrderExecView *self)
{
  if (!self->setting_qty)
    self->qty_edited = TRUE;
}

static void
piece_toggled_cb (PdOrderExecView *self)
{
  default_qty (self);
  return_focus (self);
}

static void
back_clicked_cb (PdOrderExecView *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
close_clicked_cb (PdOrderExecView *self)
{
  if (self->order == NULL)
    return;

  self->dialog = pd_order_confirm_close_short (GTK_WIDGET (self), self->worker, self->user, self->order);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_order_exec_view_dispose (GObject *object)
{
  PdOrderExecView *self = PD_ORDER_EXEC_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ORDER_EXEC_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->user);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (pd_order_exec_view_parent_class)->dispose (object);
}

static void
pd_order_exec_view_finalize (GObject *object)
{
  PdOrderExecView *self = PD_ORDER_EXEC_VIEW (object);

  pd_scan_queue_clear (&self->queue);
  pd_scan_state_clear (&self->scan);
  g_clear_pointer (&self->order, pd_stock_order_free);
  g_free (self->ref);

  G_OBJECT_CLASS (pd_order_exec_view_parent_class)->finalize (object);
}

static void
pd_order_exec_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pd_order_exec_view_parent_class)->map (widget);

  pd_scan_focus_on_map (GTK_WIDGET (PD_ORDER_EXEC_VIEW (widget)->entry));
}

static void
pd_order_exec_view_class_init (PdOrderExecViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_order_exec_view_dispose;
  object_class->finalize = pd_order_exec_view_finalize;
  widget_class->map = pd_order_exec_view_map;

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PD_TYPE_SCAN_FEEDBACK);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-order-exec-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, close_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, entry);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, feedback);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, from_title);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, from_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, to_title);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, to_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, item_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, lot_title);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, lot_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, qty_entry);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, piece_check);
  gtk_widget_class_bind_template_child (widget_class, PdOrderExecView, lines_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, return_focus);
  gtk_widget_class_bind_template_callback (widget_class, qty_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, piece_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
}

static void
pd_order_exec_view_init (PdOrderExecView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_scan_queue_init (&self->queue, scan_cb, self);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), FALSE);
}

GtkWidget *
pd_order_exec_view_new (PdStore       *store,
                        PdUser        *user,
                        PdStoreWorker *worker,
                        const char    *ref)
{
  PdOrderExecView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  self = g_object_new (PD_TYPE_ORDER_EXEC_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = g_object_ref (worker);
  self->ref = g_strdup (ref);
  gtk_label_set_text (self->title_label, ref);
  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  update_state (self);
  reload (self);
  return GTK_WIDGET (self);
}

const char *
pd_order_exec_view_get_ref (PdOrderExecView *self)
{
  g_return_val_if_fail (PD_IS_ORDER_EXEC_VIEW (self), NULL);

  return self->ref;
}

GtkEntry *
_pd_order_exec_view_get_entry (PdOrderExecView *self)
{
  return self->entry;
}

GtkEntry *
_pd_order_exec_view_get_qty_entry (PdOrderExecView *self)
{
  return self->qty_entry;
}

GtkCheckButton *
_pd_order_exec_view_get_piece_check (PdOrderExecView *self)
{
  return self->piece_check;
}

GtkButton *
_pd_order_exec_view_get_close_button (PdOrderExecView *self)
{
  return self->close_button;
}

const char *
_pd_order_exec_view_get_message (PdOrderExecView *self,
                                 gboolean        *ok)
{
  return pd_scan_feedback_get_message (self->feedback, ok);
}

gboolean
_pd_order_exec_view_is_busy (PdOrderExecView *self)
{
  return self->n_pending > 0 || self->loading || self->reload;
}

const PdStockOrder *
_pd_order_exec_view_get_order (PdOrderExecView *self)
{
  return self->order;
}

GtkWidget *
_pd_order_exec_view_get_dialog (PdOrderExecView *self)
{
  return self->dialog;
}
