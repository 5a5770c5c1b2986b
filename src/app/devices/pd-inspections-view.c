/* pd-inspections-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-inspections-view"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-inspections-view.h"
#include "devices/pd-inspections-view-private.h"

/* Each checklist row carries its two toggles. */
typedef struct
{
  char            *label;
  GtkToggleButton *ok_button;
  GtkToggleButton *not_ok_button;
} ChecklistItem;

struct _PdInspectionsView
{
  PdDeviceView         parent_instance;

  GPtrArray           *items;       /* ChecklistItem */
  GPtrArray           *plan_items;  /* char *, the plan being edited */
  guint                n_history;
  gboolean             overdue;
  char                *due_text;
  gulong               inspections_changed_id;
  gulong               devices_changed_id;

  /* Template widgets */
  AdwActionRow        *due_row;
  GtkWidget           *overdue_label;
  AdwPreferencesGroup *record_group;
  GtkListBox          *checklist_list;
  AdwEntryRow         *notes_row;
  GtkLabel            *record_error_label;
  GtkWidget           *save_button;
  GtkListBox          *history_list;
  AdwPreferencesGroup *plan_group;
  GtkSpinButton       *interval_spin;
  GtkListBox          *plan_items_list;
  AdwEntryRow         *new_item_row;
  GtkLabel            *plan_error_label;
};

G_DEFINE_FINAL_TYPE (PdInspectionsView, pd_inspections_view, PD_TYPE_DEVICE_VIEW)

static void
checklist_item_free (gpointer data)
{
  ChecklistItem *item = data;

  g_free (item->label);
  g_free (item);
}

static PdStore *
get_store (PdInspectionsView *self)
{
  return pd_acquisition_get_store (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self)));
}

static PdUser *
get_user (PdInspectionsView *self)
{
  return pd_device_view_get_user (PD_DEVICE_VIEW (self));
}

static gint64
get_device_id (PdInspectionsView *self)
{
  return pd_device_view_get_device_id (PD_DEVICE_VIEW (self));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_date_time (gint64 ts)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (ts / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
update_due (PdInspectionsView *self)
{
  gint64 due = pd_store_get_inspection_due (get_store (self), get_device_id (self));

  g_clear_pointer (&self->due_text, g_free);

  if (due == 0)
    {
      self->due_text = g_strdup (_("No periodic inspection is planned"));
      self->overdue = FALSE;
    }
  else
    {
      self->due_text = format_date_time (due);
      self->overdue = due < g_get_real_time ();
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->due_row), self->due_text);
  gtk_widget_set_visible (self->overdue_label, self->overdue);
}

/* OK and Not OK are one choice: a toggle group, nothing chosen at first,
 * so that nobody records an item as OK without looking at it. */
static GtkWidget *
create_checklist_row (ChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *ok = gtk_toggle_button_new_with_label (_("OK"));
  GtkWidget *not_ok = gtk_toggle_button_new_with_label (_("Not OK"));
  g_autofree char *ok_name = NULL;
  g_autofree char *not_ok_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->label);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (not_ok), GTK_TOGGLE_BUTTON (ok));

  /* TRANSLATORS: accessible name of a checklist item's OK toggle: the item */
  ok_name = g_strdup_printf (_("%s: OK"), item->label);
  /* TRANSLATORS: accessible name of a checklist item's Not OK toggle: the item */
  not_ok_name = g_strdup_printf (_("%s: Not OK"), item->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ok), GTK_ACCESSIBLE_PROPERTY_LABEL, ok_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (not_ok), GTK_ACCESSIBLE_PROPERTY_LABEL, not_ok_name, -1);

  gtk_box_append (GTK_BOX (box), ok);
  gtk_box_append (GTK_BOX (box), not_ok);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  item->ok_button = GTK_TOGGLE_BUTTON (ok);
  item->not_ok_button = GTK_TOGGLE_BUTTON (not_ok);

  return row;
}

static void
reload_checklist (PdInspectionsView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = NULL;

  clear_list (self->checklist_list);
  g_ptr_array_set_size (self->items, 0);

  labels = pd_store_dup_inspection_checklist (get_store (self), get_device_id (self), &error);
  if (labels == NULL && error != NULL)
    show_error (self->record_error_label, error->message);

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      ChecklistItem *item = g_new0 (ChecklistItem, 1);

      item->label = g_strdup (labels[i]);
      g_ptr_array_add (self->items, item);
      gtk_list_box_append (self->checklist_list, create_checklist_row (item));
    }

  if (self->items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No checklist yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Record notes only, or ask a supervisor to set the checklist in the plan."));
      gtk_list_box_append (self->checklist_list, row);
    }
}

static GtkWidget *
create_history_row (const PdInspection *inspection)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *result = gtk_label_new (inspection->ok ? _("OK") : _("Not OK"));
  g_autofree char *when = format_date_time (inspection->performed_at);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* TRANSLATORS: an inspection in the history: when, and who */
  title = g_strdup_printf (_("%s · %s"), when, inspection->user_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  /* Items found not OK are what a reader of the history looks for. */
  for (guint i = 0; inspection->items != NULL && i < inspection->items->len; i++)
    {
      const PdInspectionItem *item = g_ptr_array_index (inspection->items, i);

      if (item->ok)
        continue;
      if (subtitle->len > 0)
        g_string_append (subtitle, ", ");
      g_string_append (subtitle, item->label);
    }
  if (subtitle->len > 0)
    {
      g_autofree char *failed = g_string_free (g_steal_pointer (&subtitle), FALSE);

      /* TRANSLATORS: the checklist items found not OK in an inspection */
      subtitle = g_string_new (NULL);
      g_string_printf (subtitle, _("Not OK: %s"), failed);
    }
  if (inspection->notes != NULL && inspection->notes[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " — ");
      g_string_append (subtitle, inspection->notes);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  gtk_widget_set_valign (result, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (result, "heading");
  if (!inspection->ok)
    gtk_widget_add_css_class (result, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), result);

  return row;
}

static void
reload_history (PdInspectionsView *self)
{
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->history_list);
  self->n_history = 0;

  inspections = pd_store_list_inspections (get_store (self), get_device_id (self), &error);
  if (inspections == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The history cannot be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->history_list, row);
      return;
    }

  for (guint i = 0; i < inspections->len; i++)
    gtk_list_box_append (self->history_list,
                         create_history_row (g_ptr_array_index (inspections, i)));
  self->n_history = inspections->len;

  if (inspections->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No inspections recorded yet"));
      gtk_list_box_append (self->history_list, row);
    }
}

static void remove_plan_item_cb (PdInspectionsView *self,
                                 GtkButton         *button);

static void
rebuild_plan_items (PdInspectionsView *self)
{
  clear_list (self->plan_items_list);

  for (guint i = 0; i < self->plan_items->len; i++)
    {
      const char *label = g_ptr_array_index (self->plan_items, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      /* TRANSLATORS: the button that removes a checklist item from the plan */
      name = g_strdup_printf (_("Remove “%s”"), label);
      gtk_widget_set_tooltip_text (remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (remove), "pd-index", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_plan_item_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->plan_items_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->plan_items_list), self->plan_items->len > 0);
}

static void
remove_plan_item_cb (PdInspectionsView *self,
                     GtkButton         *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-index"));

  if (index < self->plan_items->len)
    g_ptr_array_remove_index (self->plan_items, index);
  rebuild_plan_items (self);
}

static void
add_item_cb (PdInspectionsView *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_item_row))));

  if (label[0] == '\0')
    return;

  for (guint i = 0; i < self->plan_items->len; i++)
    if (g_str_equal (g_ptr_array_index (self->plan_items, i), label))
      {
        show_error (self->plan_error_label, _("This item is on the checklist already."));
        return;
      }

  show_error (self->plan_error_label, NULL);
  g_ptr_array_add (self->plan_items, g_steal_pointer (&label));
  gtk_editable_set_text (GTK_EDITABLE (self->new_item_row), "");
  rebuild_plan_items (self);
}

static void
reload_plan (PdInspectionsView *self)
{
  g_autoptr(PdDevice) device = NULL;

  g_ptr_array_set_size (self->plan_items, 0);
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (self->plan_items, g_strdup (((ChecklistItem *) g_ptr_array_index (self->items, i))->label));
  rebuild_plan_items (self);

  device = pd_store_get_device (get_store (self), get_device_id (self), NULL);
  gtk_spin_button_set_value (self->interval_spin, device != NULL ? device->inspection_interval_days : 0);
}

static void
reload (PdInspectionsView *self)
{
  reload_checklist (self);
  reload_history (self);
  reload_plan (self);
  update_due (self);
}

static void
save_clicked_cb (PdInspectionsView *self)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PdInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      ChecklistItem *item = g_ptr_array_index (self->items, i);
      PdInspectionItem *answer;

      if (!gtk_toggle_button_get_active (item->ok_button) &&
          !gtk_toggle_button_get_active (item->not_ok_button))
        {
          g_autofree char *message = NULL;

          /* TRANSLATORS: an unanswered checklist item when saving an inspection */
          message = g_strdup_printf (_("Answer “%s”: OK or Not OK."), item->label);
          show_error (self->record_error_label, message);
          return;
        }

      answer = g_new0 (PdInspectionItem, 1);
      answer->label = item->label;   /* borrowed for the call */
      answer->ok = gtk_toggle_button_get_active (item->ok_button);
      g_ptr_array_add (answers, answer);
    }

  notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));
  inspection = pd_store_record_inspection (get_store (self), get_user (self), get_device_id (self),
                                           answers, notes, &error);
  if (inspection == NULL)
    {
      show_error (self->record_error_label, error->message);
      return;
    }

  show_error (self->record_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), "");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Inspection recorded"));

  /* The store's "inspections-changed" reloads too; this keeps the view
   * right when the signal comes late. */
  reload_checklist (self);
  reload_history (self);
  update_due (self);
}

static void
save_plan_clicked_cb (PdInspectionsView *self)
{
  g_autoptr(GPtrArray) checklist = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint interval;

  /* A typed number counts even without leaving the field. */
  gtk_spin_button_update (self->interval_spin);
  interval = (guint) gtk_spin_button_get_value_as_int (self->interval_spin);

  for (guint i = 0; i < self->plan_items->len; i++)
    g_ptr_array_add (checklist, g_ptr_array_index (self->plan_items, i));
  g_ptr_array_add (checklist, NULL);

  if (!pd_store_set_inspection_plan (get_store (self), get_user (self), get_device_id (self), interval,
                                     (const char * const *) checklist->pdata, &error))
    {
      show_error (self->plan_error_label, error->message);
      return;
    }

  show_error (self->plan_error_label, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Inspection plan saved"));
  reload (self);
}

static void
inspections_changed_cb (PdInspectionsView *self)
{
  reload_history (self);
  update_due (self);
}

static void
devices_changed_cb (PdInspectionsView *self)
{
  update_due (self);
}

static void
pd_inspections_view_constructed (GObject *object)
{
  PdInspectionsView *self = (PdInspectionsView *) object;
  PdStore *store;
  gboolean can_record;
  gboolean can_plan;

  G_OBJECT_CLASS (pd_inspections_view_parent_class)->constructed (object);

  g_assert (PD_IS_USER (get_user (self)));

  store = get_store (self);
  self->inspections_changed_id =
    g_signal_connect_swapped (store, "inspections-changed", G_CALLBACK (inspections_changed_cb), self);
  self->devices_changed_id =
    g_signal_connect_swapped (store, "devices-changed", G_CALLBACK (devices_changed_cb), self);

  /* The store checks again on every write; this only spares people a
   * form they may not send. */
  can_record = pd_user_can (get_user (self), PD_PERMISSION_INSPECTIONS_RECORD);
  can_plan = pd_user_can (get_user (self), PD_PERMISSION_DEVICES_MAINTAIN);
  gtk_widget_set_visible (GTK_WIDGET (self->record_group), can_record);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_group), can_plan);

  reload (self);
}

static void
pd_inspections_view_dispose (GObject *object)
{
  PdInspectionsView *self = (PdInspectionsView *) object;

  if (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self)) != NULL)
    {
      g_clear_signal_handler (&self->inspections_changed_id, get_store (self));
      g_clear_signal_handler (&self->devices_changed_id, get_store (self));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_INSPECTIONS_VIEW);

  G_OBJECT_CLASS (pd_inspections_view_parent_class)->dispose (object);
}

static void
pd_inspections_view_finalize (GObject *object)
{
  PdInspectionsView *self = (PdInspectionsView *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->plan_items, g_ptr_array_unref);
  g_free (self->due_text);

  G_OBJECT_CLASS (pd_inspections_view_parent_class)->finalize (object);
}

static void
pd_inspections_view_class_init (PdInspectionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_inspections_view_constructed;
  object_class->dispose = pd_inspections_view_dispose;
  object_class->finalize = pd_inspections_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-inspections-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, due_row);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, record_group);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, checklist_list);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, record_error_label);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, history_list);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, plan_group);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, plan_items_list);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, new_item_row);
  gtk_widget_class_bind_template_child (widget_class, PdInspectionsView, plan_error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_item_cb);
}

static void
pd_inspections_view_init (PdInspectionsView *self)
{
  self->items = g_ptr_array_new_with_free_func (checklist_item_free);
  self->plan_items = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

guint
_pd_inspections_view_get_n_items (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), 0);

  return self->items->len;
}

void
_pd_inspections_view_answer_item (PdInspectionsView *self,
                                  guint              index,
                                  gboolean           ok)
{
  ChecklistItem *item;

  g_return_if_fail (PD_IS_INSPECTIONS_VIEW (self));
  g_return_if_fail (index < self->items->len);

  item = g_ptr_array_index (self->items, index);
  gtk_toggle_button_set_active (ok ? item->ok_button : item->not_ok_button, TRUE);
}

void
_pd_inspections_view_set_notes (PdInspectionsView *self,
                                const char        *notes)
{
  g_return_if_fail (PD_IS_INSPECTIONS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes);
}

void
_pd_inspections_view_save (PdInspectionsView *self)
{
  g_return_if_fail (PD_IS_INSPECTIONS_VIEW (self));

  save_clicked_cb (self);
}

const char *
_pd_inspections_view_get_error (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->record_error_label)))
    return gtk_label_get_text (self->record_error_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->plan_error_label)))
    return gtk_label_get_text (self->plan_error_label);

  return NULL;
}

guint
_pd_inspections_view_get_n_history (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), 0);

  return self->n_history;
}

const char *
_pd_inspections_view_get_due_text (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), NULL);

  return self->due_text;
}

gboolean
_pd_inspections_view_get_overdue (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), FALSE);

  return self->overdue;
}

gboolean
_pd_inspections_view_get_can_record (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->record_group));
}

gboolean
_pd_inspections_view_get_can_plan (PdInspectionsView *self)
{
  g_return_val_if_fail (PD_IS_INSPECTIONS_VIEW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->plan_group));
}

void
_pd_inspections_view_edit_plan (PdInspectionsView  *self,
                                guint               interval_days,
                                const char * const *items)
{
  g_return_if_fail (PD_IS_INSPECTIONS_VIEW (self));

  gtk_spin_button_set_value (self->interval_spin, interval_days);
  g_ptr_array_set_size (self->plan_items, 0);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->new_item_row), items[i]);
      add_item_cb (self);
    }
  save_plan_clicked_cb (self);
}
