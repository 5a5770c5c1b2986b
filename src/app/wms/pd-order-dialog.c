/* pd-order-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-order-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-store-orders.h"
#include "wms/pd-order-dialog.h"
#include "wms/pd-wms-columns.h"

typedef struct
{
  GtkWidget *row;
  GtkEntry  *sku;
  GtkEntry  *qty;
  GtkEntry  *lot;
} Line;

struct _PdOrderDialog
{
  AdwWindow       parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  GPtrArray      *lines;     /* Line */
  gboolean        busy;
  char           *error;

  GtkLabel       *error_label;
  GtkButton      *create_button;
  AdwComboRow    *kind_row;
  AdwEntryRow    *ref_row;
  AdwEntryRow    *partner_row;
  AdwEntryRow    *location_row;
  AdwEntryRow    *dest_row;
  GtkSpinButton  *tolerance_spin;
  GtkSwitch      *release_switch;
  GtkListBox     *lines_list;
};

G_DEFINE_FINAL_TYPE (PdOrderDialog, pd_order_dialog, ADW_TYPE_WINDOW)

static void
show_error (PdOrderDialog *self,
            const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
kind_changed_cb (PdOrderDialog *self)
{
  gboolean transfer = adw_combo_row_get_selected (self->kind_row) == PD_ORDER_TRANSFER;

  gtk_widget_set_visible (GTK_WIDGET (self->dest_row), transfer);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row),
                                 transfer ? _("_Location to Take From")
                                          : _("_Location (optional)"));
}

/* --- Lines ---------------------------------------------------------------- */

static void
remove_line_cb (GtkButton     *button,
                PdOrderDialog *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), line->row))
        {
          gtk_list_box_remove (self->lines_list, line->row);
          g_ptr_array_remove_index (self->lines, i);
          return;
        }
    }
}

static GtkEntry *
line_entry (GtkWidget  *box,
            const char *placeholder,
            const char *label,
            int         width,
            gboolean    expand)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_hexpand (entry, expand);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), entry);
  return GTK_ENTRY (entry);
}

static Line *
add_line (PdOrderDialog *self)
{
  Line *line = g_new0 (Line, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *number = g_strdup_printf ("%u", self->lines->len + 1);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  line->sku = line_entry (box, _("SKU"), _("SKU"), 12, TRUE);
  line->qty = line_entry (box, _("Quantity"), _("Quantity"), 8, FALSE);
  gtk_entry_set_input_purpose (line->qty, GTK_INPUT_PURPOSE_NUMBER);
  line->lot = line_entry (box, _("Lot (optional)"), _("Lot"), 10, FALSE);
  gtk_widget_set_tooltip_text (remove, _("Remove Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Line"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_line_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  line->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (line->row), box);
  gtk_list_box_append (self->lines_list, line->row);
  g_ptr_array_add (self->lines, line);
  return line;
}

static void
add_line_clicked_cb (PdOrderDialog *self)
{
  Line *line = add_line (self);

  gtk_widget_grab_focus (GTK_WIDGET (line->sku));
}

/* --- Creating ------------------------------------------------------------- */

typedef struct
{
  PdOrderDialog *self;
  PdUser        *user;
  PdStockOrder  *order;
  char          *location_code;
  char          *dest_code;
  gboolean       release;
} Create;

static void
create_free (Create *create)
{
  g_clear_object (&create->self);
  g_clear_object (&create->user);
  g_clear_pointer (&create->order, pd_stock_order_free);
  g_free (create->location_code);
  g_free (create->dest_code);
  g_free (create);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Create, create_free)

/* A location code typed in FIELD, as an id. */
static gboolean
resolve_location (PdStore     *store,
                  const char  *field,
                  const char  *code,
                  gint64      *location_id,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 item_id = 0;

  if (code == NULL)
    return TRUE;
  if (!pd_store_resolve_code (store, code, &item_id, location_id, &local_error))
    {
      /* TRANSLATORS: the field name, then why its value was refused */
      g_set_error (error, local_error->domain, local_error->code, _("%s: %s"), field, local_error->message);
      return FALSE;
    }
  if (*location_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is an item, not a location."), field, code);
      return FALSE;
    }
  return TRUE;
}

/* On the worker's thread, with its own connection. */
static gboolean
create_job (PdStore   *worker_store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  Create *create = data;

  return resolve_location (worker_store, _("Location"), create->location_code,
                           &create->order->location_id, error) &&
         resolve_location (worker_store, _("Destination"), create->dest_code,
                           &create->order->dest_location_id, error) &&
         pd_store_create_order (worker_store, create->user, create->order, create->release, error);
}

static void
create_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Create) create = user_data;
  PdOrderDialog *self = create->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWindow *parent;

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  message = g_strdup_printf (ngettext ("Created %s order %s with %u line.",
                                       "Created %s order %s with %u lines.",
                                       create->order->lines->len),
                             pd_order_kind_get_label (create->order->kind), create->order->ref,
                             create->order->lines->len);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
  gtk_window_close (GTK_WINDOW (self));
}

static char *
dup_field (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
create_clicked_cb (PdOrderDialog *self)
{
  g_autoptr(PdStockOrder) order = NULL;
  g_autofree char *ref = NULL;
  Create *create;

  if (self->busy)
    return;

  order = pd_stock_order_new (adw_combo_row_get_selected (self->kind_row));
  /* The core checks the reference and names it in its message. */
  ref = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ref_row)));
  order->ref = g_steal_pointer (&ref);
  order->partner = dup_field (GTK_EDITABLE (self->partner_row));
  order->tolerance = gtk_spin_button_get_value_as_int (self->tolerance_spin);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      g_autofree char *sku = dup_field (GTK_EDITABLE (line->sku));
      g_autofree char *qty_text = dup_field (GTK_EDITABLE (line->qty));
      g_autofree char *lot = dup_field (GTK_EDITABLE (line->lot));
      g_autoptr(GError) error = NULL;
      PdQty qty = 0;

      /* A line left empty is no line. */
      if (sku == NULL && qty_text == NULL && lot == NULL)
        continue;
      if (!pd_qty_parse (qty_text != NULL ? qty_text : "", &qty, &error))
        {
          /* TRANSLATORS: an order line's number, then why its quantity was refused */
          g_autofree char *message = g_strdup_printf (_("Line %u: quantity: %s"), order->lines->len + 1,
                                                      error->message);

          show_error (self, message);
          return;
        }
      pd_stock_order_add_line (order, sku != NULL ? sku : "", lot, qty);
    }

  create = g_new0 (Create, 1);
  create->self = g_object_ref (self);
  create->user = g_object_ref (self->user);
  create->order = g_steal_pointer (&order);
  create->location_code = dup_field (GTK_EDITABLE (self->location_row));
  if (create->order->kind == PD_ORDER_TRANSFER)
    create->dest_code = dup_field (GTK_EDITABLE (self->dest_row));
  create->release = gtk_switch_get_active (self->release_switch);
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  pd_store_worker_run_async (self->worker, create_job, create, NULL, NULL,
                             self->cancellable, create_done_cb, create);
}

static void
cancel_clicked_cb (PdOrderDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_order_dialog_dispose (GObject *object)
{
  PdOrderDialog *self = PD_ORDER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_order_dialog_parent_class)->dispose (object);
}

static void
pd_order_dialog_finalize (GObject *object)
{
  PdOrderDialog *self = PD_ORDER_DIALOG (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (pd_order_dialog_parent_class)->finalize (object);
}

static void
pd_order_dialog_class_init (PdOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_order_dialog_dispose;
  object_class->finalize = pd_order_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-order-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, ref_row);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, partner_row);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, dest_row);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, tolerance_spin);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, release_switch);
  gtk_widget_class_bind_template_child (widget_class, PdOrderDialog, lines_list);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_line_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_order_dialog_init (PdOrderDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
  for (PdOrderKind kind = PD_ORDER_INBOUND; kind <= PD_ORDER_TRANSFER; kind++)
    gtk_string_list_append (kinds, pd_order_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  add_line (self);
}

PdOrderDialog *
pd_order_dialog_new (GtkWindow     *parent,
                     PdStore       *store,
                     PdUser        *user,
                     PdStoreWorker *worker)
{
  PdOrderDialog *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PD_TYPE_ORDER_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = g_object_ref (worker);
  return self;
}

static AdwEntryRow *
field (PdOrderDialog *self,
       const char    *name)
{
  if (g_str_equal (name, "ref"))
    return self->ref_row;
  if (g_str_equal (name, "partner"))
    return self->partner_row;
  if (g_str_equal (name, "location"))
    return self->location_row;
  if (g_str_equal (name, "dest"))
    return self->dest_row;
  g_return_val_if_reached (NULL);
}

void
_pd_order_dialog_set_field (PdOrderDialog *self,
                            const char    *name,
                            const char    *text)
{
  if (g_str_equal (name, "tolerance"))
    gtk_spin_button_set_value (self->tolerance_spin, g_ascii_strtod (text, NULL));
  else
    gtk_editable_set_text (GTK_EDITABLE (field (self, name)), text);
}

void
_pd_order_dialog_set_kind (PdOrderDialog *self,
                           PdOrderKind    kind)
{
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
_pd_order_dialog_add_line (PdOrderDialog *self,
                           const char    *sku,
                           const char    *qty,
                           const char    *lot)
{
  Line *line = g_ptr_array_index (self->lines, self->lines->len - 1);

  /* The first line is there from the start, empty. */
  if (gtk_editable_get_text (GTK_EDITABLE (line->sku))[0] != '\0')
    line = add_line (self);
  gtk_editable_set_text (GTK_EDITABLE (line->sku), sku);
  gtk_editable_set_text (GTK_EDITABLE (line->qty), qty);
  gtk_editable_set_text (GTK_EDITABLE (line->lot), lot != NULL ? lot : "");
}

void
_pd_order_dialog_set_release (PdOrderDialog *self,
                              gboolean       release)
{
  gtk_switch_set_active (self->release_switch, release);
}

void
_pd_order_dialog_create (PdOrderDialog *self)
{
  create_clicked_cb (self);
}

const char *
_pd_order_dialog_get_error (PdOrderDialog *self)
{
  return self->error;
}

gboolean
_pd_order_dialog_is_busy (PdOrderDialog *self)
{
  return self->busy;
}

/* --- Closing short -------------------------------------------------------- */

typedef struct
{
  GtkWidget *widget;
  PdUser    *user;
  char      *ref;
} Close;

static void
close_free (Close *close)
{
  g_clear_object (&close->widget);
  g_clear_object (&close->user);
  g_free (close->ref);
  g_free (close);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Close, close_free)

static gboolean
close_job (PdStore   *worker_store,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  Close *close = data;

  return pd_store_close_order (worker_store, close->user, close->ref, NULL, error);
}

static void
close_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Close) close = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not close order %s: %s"), close->ref, error->message);
    }
  else
    message = g_strdup_printf (_("Order %s closed."), close->ref);
  gtk_widget_activate_action (close->widget, "win.toast", "s", message);
}

static void
close_closure_free (gpointer  data,
                    GClosure *closure)
{
  close_free (data);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  PdStoreWorker *worker = g_object_get_data (G_OBJECT (dialog), "worker");
  Close *asked = user_data;
  Close *close;

  if (!g_str_equal (response, "close"))
    return;

  close = g_new0 (Close, 1);
  close->widget = g_object_ref (asked->widget);
  close->user = g_object_ref (asked->user);
  close->ref = g_strdup (asked->ref);
  pd_store_worker_run_async (worker, close_job, close, NULL, NULL, NULL, close_done_cb, close);
}

GtkWidget *
pd_order_confirm_close_short (GtkWidget          *parent,
                              PdStoreWorker      *worker,
                              PdUser             *user,
                              const PdStockOrder *order)
{
  GtkRoot *root;
  GtkWidget *dialog;
  GString *body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  Close *close;
  guint n_short = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; i < order->lines->len; i++)
    {
      const PdStockOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *remaining = NULL;
      g_autofree char *qty = NULL;

      if (pd_stock_order_line_remaining (line) <= 0)
        continue;
      remaining = pd_wms_format_qty (pd_stock_order_line_remaining (line), line->unit);
      qty = pd_wms_format_qty (line->qty, line->unit);
      /* TRANSLATORS: a line closed short: SKU, what remains, of what was ordered */
      g_string_append_printf (body, _("• %s: %s of %s not done"), line->sku, remaining, qty);
      g_string_append_c (body, '\n');
      n_short++;
    }
  if (n_short == 0)
    g_string_append (body, _("Every line is complete."));
  else
    g_string_prepend (body, ngettext ("This line stays short and no more is executed on the order:\n",
                                      "These lines stay short and no more is executed on the order:\n",
                                      n_short));

  heading = g_strdup_printf (_("Close Order %s Short?"), order->ref);
  root = gtk_widget_get_root (parent);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   g_strchomp (body->str));
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("_Close Short"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  close = g_new0 (Close, 1);
  close->widget = g_object_ref (parent);
  close->user = g_object_ref (user);
  close->ref = g_strdup (order->ref);
  g_object_set_data_full (G_OBJECT (dialog), "worker", g_object_ref (worker), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (close_response_cb), close,
                         close_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
