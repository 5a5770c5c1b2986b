/* pd-terminal-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-terminal-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mes/pd-dispatch-view.h"
#include "mes/pd-terminal-view-private.h"

G_DEFINE_FINAL_TYPE (PdTerminalView, pd_terminal_view, GTK_TYPE_BOX)

/* Bursts of "work-orders-changed" (a report that also moves stock, the
 * machine's counts) become one read. */
#define RELOAD_DELAY_MS 100

/* --- The machine's counters ----------------------------------------------- */

static void
update_counter (PdTerminalView *self)
{
  PdWorkCenter *wc = self->data != NULL ? self->data->work_center : NULL;
  g_autoptr(GString) text = NULL;
  PdSample sample;

  if (wc == NULL || (wc->good_tag == NULL && wc->scrap_tag == NULL))
    {
      gtk_widget_set_visible (self->machine_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->machine_box, TRUE);
  if (self->acquisition == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->counter_label), FALSE);
      return;
    }

  text = g_string_new (NULL);
  if (wc->good_tag_id != 0)
    {
      if (pd_acquisition_lookup_value (self->acquisition, wc->good_tag_id, &sample) &&
          sample.quality != PD_QUALITY_BAD)
        /* TRANSLATORS: the live value of the machine's good parts counter */
        g_string_append_printf (text, _("Counter: %.0f good"), sample.value);
      else
        g_string_append (text, _("Counter: no value yet"));
    }
  if (wc->scrap_tag_id != 0 &&
      pd_acquisition_lookup_value (self->acquisition, wc->scrap_tag_id, &sample) &&
      sample.quality != PD_QUALITY_BAD)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: the live value of the machine's scrap counter */
      g_string_append_printf (text, _("%.0f scrap"), sample.value);
    }
  gtk_label_set_text (self->counter_label, text->len > 0 ? text->str : "—");
  gtk_widget_set_visible (GTK_WIDGET (self->counter_label), TRUE);
}

static void
values_changed_cb (PdTerminalView *self,
                   gpointer        tag_ids,
                   guint           n)
{
  PdWorkCenter *wc = self->data != NULL ? self->data->work_center : NULL;
  const gint64 *ids = tag_ids;

  if (wc == NULL)
    return;
  for (guint i = 0; i < n; i++)
    if (ids[i] == wc->good_tag_id || ids[i] == wc->scrap_tag_id)
      {
        update_counter (self);
        return;
      }
}

/* --- The current operation ------------------------------------------------ */

static char *
format_qty (PdQty qty)
{
  return pd_qty_format (qty);
}

static gboolean
entry_is (const PdTerminalEntry *entry,
          const char            *number,
          guint                  seq)
{
  return entry != NULL && number != NULL && g_str_equal (entry->number, number) && entry->seq == seq;
}

/* The selected operation when it runs or is paused; else what runs (the
 * machine counts into it); else the selected ready one, so that after a
 * pause for a changeover the operator can start another order; else what
 * is paused; else the first ready one; else the selection as it is. */
static PdTerminalEntry *
pick_current (PdTerminalView *self)
{
  PdTerminalEntry *selected = NULL;
  PdTerminalEntry *running = NULL;
  PdTerminalEntry *active = NULL;
  PdTerminalEntry *ready = NULL;

  if (self->data == NULL)
    return NULL;

  for (guint i = 0; i < self->data->entries->len; i++)
    {
      PdTerminalEntry *entry = g_ptr_array_index (self->data->entries, i);

      if (entry_is (entry, self->selected_number, self->selected_seq))
        selected = entry;
      if (running == NULL && entry->status == PD_WO_OP_RUNNING)
        running = entry;
      if (active == NULL && pd_terminal_entry_is_active (entry))
        active = entry;
      if (ready == NULL && entry->status == PD_WO_OP_READY)
        ready = entry;
    }

  if (selected != NULL && pd_terminal_entry_is_active (selected))
    return selected;
  if (running != NULL)
    return running;
  if (selected != NULL && selected->status == PD_WO_OP_READY)
    return selected;
  if (active != NULL)
    return active;
  if (ready != NULL)
    return ready;
  return selected;
}

/* The list marks the operation the buttons act on, which may not be the
 * one last chosen (a pending one cannot be worked on). */
static void
mark_current_row (PdTerminalView *self)
{
  GtkListBoxRow *row = NULL;

  if (self->current != NULL && self->data != NULL)
    {
      guint index;

      if (g_ptr_array_find (self->data->entries, self->current, &index))
        row = gtk_list_box_get_row_at_index (self->dispatch_list, index);
    }
  if (row == gtk_list_box_get_selected_row (self->dispatch_list))
    return;

  self->filling_list = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->dispatch_list, row);
  else
    gtk_list_box_unselect_all (self->dispatch_list);
  self->filling_list = FALSE;
}

static void
show_current (PdTerminalView *self)
{
  PdTerminalEntry *entry = pick_current (self);
  g_autofree char *ordered = NULL;
  g_autofree char *good = NULL;
  g_autofree char *scrap = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *due = NULL;
  g_autofree char *order = NULL;
  g_autofree char *due_text = NULL;

  self->current = entry;
  _pd_terminal_view_update_buttons (self);
  mark_current_row (self);

  if (entry == NULL)
    {
      gtk_stack_set_visible_child_name (self->current_stack, "none");
      return;
    }

  ordered = format_qty (entry->qty);
  good = format_qty (entry->good);
  scrap = format_qty (entry->scrap);
  remaining = format_qty (pd_terminal_entry_get_remaining (entry));
  due = pd_terminal_format_time (entry->due);
  /* TRANSLATORS: work order number and operation sequence, "WO-000012 · Op 10" */
  order = g_strdup_printf (_("%s · Op %u"), entry->number, entry->seq);
  due_text = entry->late ?
    /* TRANSLATORS: the order's due time, when it will be or is late */
    g_strdup_printf (_("Due %s — late"), due) :
    /* TRANSLATORS: the order's due time */
    g_strdup_printf (_("Due %s"), due);

  gtk_label_set_text (self->order_label, order);
  if (entry->product_name != NULL && *entry->product_name != '\0')
    {
      g_autofree char *product = g_strdup_printf ("%s — %s", entry->product_sku, entry->product_name);
      gtk_label_set_text (self->product_label, product);
    }
  else
    gtk_label_set_text (self->product_label, entry->product_sku);
  gtk_label_set_text (self->state_label, pd_wo_op_status_get_label (entry->status));
  gtk_label_set_text (self->due_label, due_text);
  if (entry->late)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  gtk_label_set_text (self->ordered_value, ordered);
  gtk_label_set_text (self->good_value, good);
  gtk_label_set_text (self->scrap_value, scrap);
  gtk_label_set_text (self->remaining_value, remaining);
  gtk_label_set_text (self->instructions_label,
                      entry->instructions != NULL ? entry->instructions : _("No instructions for this operation."));
  gtk_stack_set_visible_child_name (self->current_stack, "current");
}

/* --- The dispatch list ---------------------------------------------------- */

static void
fill_dispatch_list (PdTerminalView *self)
{
  GtkWidget *child;
  GtkListBoxRow *select = NULL;

  self->filling_list = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dispatch_list))) != NULL)
    gtk_list_box_remove (self->dispatch_list, child);

  for (guint i = 0; self->data != NULL && i < self->data->entries->len; i++)
    {
      PdTerminalEntry *entry = g_ptr_array_index (self->data->entries, i);
      GtkWidget *row = pd_dispatch_row_new (entry);

      gtk_list_box_append (self->dispatch_list, row);
      if (entry_is (entry, self->selected_number, self->selected_seq))
        select = GTK_LIST_BOX_ROW (row);
    }

  gtk_widget_set_visible (self->dispatch_empty_label,
                          self->data == NULL || self->data->entries->len == 0);
  if (select != NULL)
    gtk_list_box_select_row (self->dispatch_list, select);
  self->filling_list = FALSE;
}

static void
row_selected_cb (PdTerminalView *self,
                 GtkListBoxRow  *row)
{
  PdTerminalEntry *entry;

  if (self->filling_list || row == NULL || self->data == NULL)
    return;

  entry = g_ptr_array_index (self->data->entries, gtk_list_box_row_get_index (row));
  g_free (self->selected_number);
  self->selected_number = g_strdup (entry->number);
  self->selected_seq = entry->seq;
  show_current (self);
}

/* --- The chooser ---------------------------------------------------------- */

static void
chooser_clicked_cb (GtkButton      *button,
                    PdTerminalView *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "pd-work-center-code");

  /* The terminal's work center is the station's: it stays chosen for the
   * next person who signs in here. */
  g_settings_set_string (self->settings, "terminal-work-center", code);
  pd_terminal_view_set_work_center (self, code);
}

static void
fill_chooser (PdTerminalView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chooser_box))) != NULL)
    gtk_flow_box_remove (self->chooser_box, child);

  for (guint i = 0; self->data != NULL && i < self->data->work_centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (self->data->work_centers, i);
      g_autofree char *text = g_strdup_printf ("%s\n%s", wc->code, wc->name);
      GtkWidget *button = gtk_button_new_with_label (text);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (button, "terminal-button");
      gtk_widget_add_css_class (button, "terminal-chooser-button");
      g_object_set_data_full (G_OBJECT (button), "pd-work-center-code", g_strdup (wc->code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (chooser_clicked_cb), self);
      gtk_flow_box_append (self->chooser_box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chooser_empty_label),
                          self->data == NULL || self->data->work_centers->len == 0);
}

/* --- Loading -------------------------------------------------------------- */

typedef struct
{
  char   *code;
  gint64  now_us;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->code);
  g_free (job);
}

static gboolean
load_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  LoadJob *job = data;

  *result = pd_terminal_data_load (worker_store, job->code, job->now_us, error);
  return *result != NULL;
}

static void
show_data (PdTerminalView *self)
{
  const char *page = _pd_terminal_view_get_page (self);
  PdWorkCenter *wc = self->data->work_center;

  fill_chooser (self);

  if (wc == NULL)
    {
      gtk_label_set_text (self->title_label, _("Operator Terminal"));
      gtk_widget_set_visible (GTK_WIDGET (self->change_button), FALSE);
      if (self->work_center_code != NULL && *self->work_center_code != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("No work center “%s”. Choose the work center of this terminal."),
                                                      self->work_center_code);
          _pd_terminal_view_answer (self, FALSE, message);
        }
      self->current = NULL;
      _pd_terminal_view_show_page (self, "choose");
      update_counter (self);
      return;
    }

  {
    g_autofree char *title = g_strdup_printf ("%s — %s", wc->code, wc->name);
    gtk_label_set_text (self->title_label, title);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->change_button), TRUE);
  fill_dispatch_list (self);
  show_current (self);
  update_counter (self);

  /* A panel stays open across a reload (the machine's counts arrive while
   * an operator types a report), unless its operation has gone. */
  if (g_strcmp0 (page, "choose") == 0 || (self->current == NULL && g_strcmp0 (page, "supervisor") != 0))
    _pd_terminal_view_show_page (self, "work");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdTerminalView) self = user_data;
  g_autoptr(GError) error = NULL;
  PdTerminalData *data = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &data, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      pd_mes_reload_failed (&self->reload);
      _pd_terminal_view_answer (self, FALSE, error->message);
      _pd_terminal_view_update_buttons (self);
      return;
    }

  self->current = NULL;
  g_clear_pointer (&self->data, pd_terminal_data_free);
  self->data = data;

  if (pd_mes_reload_done (&self->reload))
    show_data (self);
}

static void
start_load (gpointer owner)
{
  PdTerminalView *self = owner;
  LoadJob *job;

  _pd_terminal_view_update_buttons (self);
  job = g_new0 (LoadJob, 1);
  job->code = g_strdup (self->work_center_code);
  job->now_us = g_get_real_time ();
  pd_store_worker_run_async (self->worker, load_job, job, (GDestroyNotify) load_job_free,
                             (GDestroyNotify) pd_terminal_data_free, self->cancellable,
                             load_done_cb, g_object_ref (self));
}

static void
work_orders_changed_cb (PdTerminalView *self)
{
  pd_mes_reload_soon (&self->reload);
}

static void
setting_changed_cb (PdTerminalView *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "terminal-work-center");

  if (*code != '\0')
    pd_terminal_view_set_work_center (self, code);
}

static void
change_clicked_cb (PdTerminalView *self)
{
  _pd_terminal_view_clear_approval (self);
  pd_scan_feedback_hide (self->feedback);
  _pd_terminal_view_show_page (self, "choose");
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_terminal_view_dispose (GObject *object)
{
  PdTerminalView *self = PD_TERMINAL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  pd_mes_reload_clear (&self->reload);
  if (self->acquisition != NULL)
    g_signal_handlers_disconnect_by_data (self->acquisition, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  self->current = NULL;
  g_clear_pointer (&self->data, pd_terminal_data_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TERMINAL_VIEW);

  G_OBJECT_CLASS (pd_terminal_view_parent_class)->dispose (object);
}

static void
pd_terminal_view_finalize (GObject *object)
{
  PdTerminalView *self = PD_TERMINAL_VIEW (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->acquisition);
  g_clear_object (&self->user);
  g_clear_object (&self->store);
  g_free (self->work_center_code);
  g_free (self->selected_number);
  g_free (self->approval_number);

  G_OBJECT_CLASS (pd_terminal_view_parent_class)->finalize (object);
}

static void
pd_terminal_view_class_init (PdTerminalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_terminal_view_dispose;
  object_class->finalize = pd_terminal_view_finalize;

  g_type_ensure (PD_TYPE_SCAN_FEEDBACK);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-terminal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, change_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, machine_box);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, machine_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, counter_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, feedback);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, approval_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, stack);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, chooser_box);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, chooser_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, dispatch_list);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, dispatch_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, current_stack);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, order_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, product_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, due_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, ordered_value);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, good_value);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, scrap_value);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, remaining_value);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, start_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, resume_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, report_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, complete_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, pause_grid);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, report_title);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, good_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, scrap_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, scrap_reason_box);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, keypad_grid);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, report_confirm_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, supervisor_summary);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, supervisor_name_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, supervisor_password_entry);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, approve_button);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, complete_summary);
  gtk_widget_class_bind_template_child (widget_class, PdTerminalView, complete_confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  _pd_terminal_view_class_init_actions (widget_class);
}

static void
pd_terminal_view_init (PdTerminalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_load, self);
  _pd_terminal_view_init_panels (self);
}

PdTerminalView *
pd_terminal_view_new (PdStore       *store,
                      PdUser        *user,
                      PdAcquisition *acquisition)
{
  PdTerminalView *self;
  g_autofree char *code = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (acquisition == NULL || PD_IS_ACQUISITION (acquisition), NULL);

  self = g_object_new (PD_TYPE_TERMINAL_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->acquisition = acquisition != NULL ? g_object_ref (acquisition) : NULL;
  self->worker = pd_store_worker_new (store);

  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (work_orders_changed_cb), self);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (work_orders_changed_cb), self);
  g_signal_connect_swapped (self->settings, "changed::terminal-work-center", G_CALLBACK (setting_changed_cb), self);
  if (acquisition != NULL)
    g_signal_connect_swapped (acquisition, "values-changed", G_CALLBACK (values_changed_cb), self);

  code = g_settings_get_string (self->settings, "terminal-work-center");
  self->work_center_code = g_steal_pointer (&code);
  _pd_terminal_view_show_page (self, "choose");
  pd_mes_reload_now (&self->reload);
  return self;
}

void
pd_terminal_view_set_work_center (PdTerminalView *self,
                                  const char     *code)
{
  g_return_if_fail (PD_IS_TERMINAL_VIEW (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (code, self->work_center_code) == 0 && self->data != NULL &&
      (code == NULL) == (self->data->work_center == NULL))
    {
      /* Chosen again: back from the chooser to the same work. */
      if (code != NULL)
        _pd_terminal_view_show_page (self, "work");
      return;
    }

  g_free (self->work_center_code);
  self->work_center_code = g_strdup (code);
  g_clear_pointer (&self->selected_number, g_free);
  _pd_terminal_view_clear_approval (self);
  pd_scan_feedback_hide (self->feedback);
  pd_mes_reload_now (&self->reload);
}

const char *
pd_terminal_view_get_work_center (PdTerminalView *self)
{
  g_return_val_if_fail (PD_IS_TERMINAL_VIEW (self), NULL);

  return self->work_center_code;
}

/* --- For the GUI tests ---------------------------------------------------- */

gboolean
_pd_terminal_view_is_busy (PdTerminalView *self)
{
  return pd_mes_reload_is_busy (&self->reload) || self->n_writes > 0;
}

guint
_pd_terminal_view_get_n_entries (PdTerminalView *self)
{
  return self->data != NULL ? self->data->entries->len : 0;
}

const PdTerminalEntry *
_pd_terminal_view_get_entry (PdTerminalView *self,
                             guint           i)
{
  g_return_val_if_fail (i < _pd_terminal_view_get_n_entries (self), NULL);

  return g_ptr_array_index (self->data->entries, i);
}

const PdTerminalEntry *
_pd_terminal_view_get_current (PdTerminalView *self)
{
  return self->current;
}

gboolean
_pd_terminal_view_select (PdTerminalView *self,
                          const char     *number,
                          guint           seq)
{
  for (guint i = 0; i < _pd_terminal_view_get_n_entries (self); i++)
    if (entry_is (g_ptr_array_index (self->data->entries, i), number, seq))
      {
        gtk_list_box_select_row (self->dispatch_list,
                                 gtk_list_box_get_row_at_index (self->dispatch_list, i));
        return TRUE;
      }
  return FALSE;
}

GtkButton *
_pd_terminal_view_get_chooser_button (PdTerminalView *self,
                                      const char     *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chooser_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "pd-work-center-code"), code) == 0)
        return GTK_BUTTON (button);
    }
  return NULL;
}

const char *
_pd_terminal_view_get_page (PdTerminalView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_pd_terminal_view_get_message (PdTerminalView *self,
                               gboolean       *ok)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->feedback)))
    return NULL;
  return pd_scan_feedback_get_message (self->feedback, ok);
}

GtkLabel *
_pd_terminal_view_get_figure (PdTerminalView *self,
                              const char     *name)
{
  if (g_str_equal (name, "ordered"))
    return self->ordered_value;
  if (g_str_equal (name, "good"))
    return self->good_value;
  if (g_str_equal (name, "scrap"))
    return self->scrap_value;
  if (g_str_equal (name, "remaining"))
    return self->remaining_value;
  if (g_str_equal (name, "instructions"))
    return self->instructions_label;
  if (g_str_equal (name, "product"))
    return self->product_label;
  if (g_str_equal (name, "state"))
    return self->state_label;
  g_return_val_if_reached (NULL);
}

gboolean
_pd_terminal_view_is_machine_counted (PdTerminalView *self)
{
  return gtk_widget_get_visible (self->machine_box);
}

const char *
_pd_terminal_view_get_counter_text (PdTerminalView *self)
{
  if (!gtk_widget_get_visible (self->machine_box) || !gtk_widget_get_visible (GTK_WIDGET (self->counter_label)))
    return NULL;
  return gtk_label_get_text (self->counter_label);
}
