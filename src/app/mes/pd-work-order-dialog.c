/* pd-work-order-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-work-order-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pd-date-entry.h"
#include "pd-store-wms.h"
#include "pd-store-work-orders.h"
#include "mes/pd-mes-ui.h"
#include "mes/pd-work-order-dialog.h"

/* Products offered under the product field at most. */
#define MAX_SUGGESTIONS 6

struct _PdWorkOrderDialog
{
  AdwWindow       parent_instance;

  PdStore        *store;
  PdUser         *user;
  PdStoreWorker  *worker;
  GCancellable   *cancellable;
  GPtrArray      *items;       /* PdItem, or NULL while reading */
  GPtrArray      *suggested;   /* PdItem (borrowed from items) */
  gboolean        busy;
  char           *error;
  char           *number;
  char           *warning;

  GtkLabel       *error_label;
  GtkButton      *create_button;
  AdwEntryRow    *product_row;
  GtkListBox     *suggestions_list;
  AdwEntryRow    *qty_row;
  AdwEntryRow    *due_row;
  GtkSpinButton  *priority_spin;
  AdwEntryRow    *ref_row;
};

G_DEFINE_FINAL_TYPE (PdWorkOrderDialog, pd_work_order_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PdWorkOrderDialog *self,
            const char        *message)
{
  pd_mes_set_message (self->error_label, &self->error, message);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* --- Products -------------------------------------------------------------- */

static void
update_suggestions (PdWorkOrderDialog *self)
{
  g_autofree char *text = pd_mes_dup_text (GTK_EDITABLE (self->product_row));
  g_autofree char *fold = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);
  g_ptr_array_set_size (self->suggested, 0);

  if (self->items != NULL && fold != NULL)
    for (guint i = 0; i < self->items->len && self->suggested->len < MAX_SUGGESTIONS; i++)
      {
        PdItem *item = g_ptr_array_index (self->items, i);
        g_autofree char *all = g_strconcat (item->sku, "\n", item->name, NULL);
        g_autofree char *all_fold = g_utf8_casefold (all, -1);
        GtkWidget *row;

        if (strstr (all_fold, fold) == NULL)
          continue;
        /* The product is typed in full: nothing to offer. */
        if (g_utf8_collate (item->sku, text) == 0)
          {
            g_ptr_array_set_size (self->suggested, 0);
            break;
          }
        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->sku);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->name);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        gtk_list_box_append (self->suggestions_list, row);
        g_ptr_array_add (self->suggested, item);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), self->suggested->len > 0);
}

static void
suggestion_activated_cb (PdWorkOrderDialog *self,
                         GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);
  PdItem *item;

  if (index < 0 || (guint) index >= self->suggested->len)
    return;
  item = g_ptr_array_index (self->suggested, index);
  gtk_editable_set_text (GTK_EDITABLE (self->product_row), item->sku);
  gtk_widget_grab_focus (GTK_WIDGET (self->qty_row));
}

static gboolean
items_job (PdStore   *worker_store,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  *result = pd_store_list_items (worker_store, NULL, error);
  return *result != NULL;
}

static void
items_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PdWorkOrderDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer items = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, &items, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Products can still be typed: the core checks them. */
      show_error (self, error->message);
      items = g_ptr_array_new ();
    }
  self->items = items;
  update_suggestions (self);
}

/* --- Creating -------------------------------------------------------------- */

typedef struct
{
  PdWorkOrderDialog *self;
  PdUser            *user;
  PdWorkOrder       *wo;
  char              *warning;
} Create;

static void
create_free (Create *create)
{
  g_clear_object (&create->self);
  g_clear_object (&create->user);
  g_clear_pointer (&create->wo, pd_work_order_free);
  g_free (create->warning);
  g_free (create);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Create, create_free)

static gboolean
create_job (PdStore   *worker_store,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  Create *create = data;

  return pd_store_create_work_order (worker_store, create->user, create->wo, &create->warning, error);
}

static void
create_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Create) create = user_data;
  PdWorkOrderDialog *self = create->self;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), TRUE);
  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_free (self->number);
  self->number = g_strdup (create->wo->number);
  g_free (self->warning);
  self->warning = g_steal_pointer (&create->warning);
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, self->number, self->warning);
  gtk_window_close (GTK_WINDOW (self));
}

/* "2026-12-01" (the end of the working day, 16:00) or "2026-12-01 14:30",
 * local time, as ISO 8601 in UTC; NULL when TEXT is neither. */
static char *
parse_due (const char *text)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *date = NULL;
  const char *space;
  int hour = 16, minute = 0;
  char extra;

  if (text == NULL)
    return NULL;
  space = strchr (text, ' ');
  if (space == NULL)
    space = strchr (text, 'T');
  date = space != NULL ? g_strndup (text, space - text) : g_strdup (text);
  if (!pd_date_entry_parse_day (date, &day) || day == NULL)
    return NULL;
  if (space != NULL &&
      (sscanf (space + 1, "%2d:%2d%c", &hour, &minute, &extra) != 2 ||
       hour < 0 || hour > 23 || minute < 0 || minute > 59))
    return NULL;
  due = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);
  if (due == NULL)
    return NULL;
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (due);

    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }
}

static void
create_clicked_cb (PdWorkOrderDialog *self)
{
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *due_text = NULL;
  Create *create;

  if (self->busy)
    return;

  wo = pd_work_order_new ();
  /* The core names an unknown or missing product in its message. */
  wo->product_sku = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->product_row)));
  g_strstrip (wo->product_sku);

  qty_text = pd_mes_dup_text (GTK_EDITABLE (self->qty_row));
  if (!pd_qty_parse (qty_text != NULL ? qty_text : "", &wo->qty, &error))
    {
      /* TRANSLATORS: the field name, then why its value was refused */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), _("Quantity"), error->message);

      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->qty_row));
      return;
    }

  due_text = pd_mes_dup_text (GTK_EDITABLE (self->due_row));
  wo->due = parse_due (due_text);
  if (wo->due == NULL)
    {
      g_autofree char *message = NULL;

      if (due_text == NULL)
        message = g_strdup (_("Due: enter the day the order is due, such as 2026-12-01 or 2026-12-01 14:00."));
      else
        message = g_strdup_printf (_("Due: “%s” is not a day such as 2026-12-01 or 2026-12-01 14:00."), due_text);
      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->due_row));
      return;
    }
  wo->priority = gtk_spin_button_get_value_as_int (self->priority_spin);
  wo->ref = pd_mes_dup_text (GTK_EDITABLE (self->ref_row));

  create = g_new0 (Create, 1);
  create->self = g_object_ref (self);
  create->user = g_object_ref (self->user);
  create->wo = g_steal_pointer (&wo);
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), FALSE);
  pd_store_worker_run_async (self->worker, create_job, create, NULL, NULL,
                             self->cancellable, create_done_cb, create);
}

static void
cancel_clicked_cb (PdWorkOrderDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_work_order_dialog_dispose (GObject *object)
{
  PdWorkOrderDialog *self = PD_WORK_ORDER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_work_order_dialog_parent_class)->dispose (object);
}

static void
pd_work_order_dialog_finalize (GObject *object)
{
  PdWorkOrderDialog *self = PD_WORK_ORDER_DIALOG (object);

  g_clear_pointer (&self->suggested, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->error);
  g_free (self->number);
  g_free (self->warning);

  G_OBJECT_CLASS (pd_work_order_dialog_parent_class)->finalize (object);
}

static void
pd_work_order_dialog_class_init (PdWorkOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_work_order_dialog_dispose;
  object_class->finalize = pd_work_order_dialog_finalize;

  /**
   * PdWorkOrderDialog::created:
   * @number: the new order's number
   * @warning: (nullable): the core's warning
   */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/plantdesk/Plantdesk/mes/pd-work-order-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, product_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, qty_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, priority_spin);
  gtk_widget_class_bind_template_child (widget_class, PdWorkOrderDialog, ref_row);
  gtk_widget_class_bind_template_callback (widget_class, update_suggestions);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_work_order_dialog_init (PdWorkOrderDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  g_autofree char *due = g_date_time_format (week, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->suggested = g_ptr_array_new ();
  gtk_spin_button_set_range (self->priority_spin, PD_WO_PRIORITY_MIN, PD_WO_PRIORITY_MAX);
  gtk_spin_button_set_value (self->priority_spin, PD_WO_PRIORITY_DEFAULT);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due);
}

PdWorkOrderDialog *
pd_work_order_dialog_new (GtkWindow     *parent,
                          PdStore       *store,
                          PdUser        *user,
                          PdStoreWorker *worker)
{
  PdWorkOrderDialog *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PD_TYPE_WORK_ORDER_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = g_object_ref (worker);
  pd_store_worker_run_async (worker, items_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, items_done_cb, self);
  return self;
}

void
_pd_work_order_dialog_set_field (PdWorkOrderDialog *self,
                                 const char        *name,
                                 const char        *text)
{
  if (g_str_equal (name, "priority"))
    gtk_spin_button_set_value (self->priority_spin, g_ascii_strtod (text, NULL));
  else if (g_str_equal (name, "product"))
    gtk_editable_set_text (GTK_EDITABLE (self->product_row), text);
  else if (g_str_equal (name, "qty"))
    gtk_editable_set_text (GTK_EDITABLE (self->qty_row), text);
  else if (g_str_equal (name, "due"))
    gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
  else if (g_str_equal (name, "ref"))
    gtk_editable_set_text (GTK_EDITABLE (self->ref_row), text);
  else
    g_return_if_reached ();
}

void
_pd_work_order_dialog_create (PdWorkOrderDialog *self)
{
  create_clicked_cb (self);
}

gboolean
_pd_work_order_dialog_is_busy (PdWorkOrderDialog *self)
{
  return self->busy || self->items == NULL;
}

const char *
_pd_work_order_dialog_get_error (PdWorkOrderDialog *self)
{
  return self->error;
}

const char *
_pd_work_order_dialog_get_number (PdWorkOrderDialog *self)
{
  return self->number;
}

const char *
_pd_work_order_dialog_get_warning (PdWorkOrderDialog *self)
{
  return self->warning;
}

guint
_pd_work_order_dialog_get_n_suggestions (PdWorkOrderDialog *self)
{
  return self->suggested->len;
}

void
_pd_work_order_dialog_pick_suggestion (PdWorkOrderDialog *self,
                                       guint              index)
{
  suggestion_activated_cb (self, gtk_list_box_get_row_at_index (self->suggestions_list, (int) index));
}
