/* pd-scan-feedback.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-scan-feedback"

#include "config.h"

#include <glib/gi18n.h>

#include "wms/pd-scan-feedback.h"

struct _PdScanFeedback
{
  GtkBox    parent_instance;

  GtkImage  *icon;
  GtkLabel  *label;
  GSettings *settings;
  char      *message;
  gboolean   ok;
};

G_DEFINE_FINAL_TYPE (PdScanFeedback, pd_scan_feedback, GTK_TYPE_BOX)

static void
pd_scan_feedback_finalize (GObject *object)
{
  PdScanFeedback *self = PD_SCAN_FEEDBACK (object);

  g_free (self->message);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_scan_feedback_parent_class)->finalize (object);
}

static void
pd_scan_feedback_class_init (PdScanFeedbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_scan_feedback_finalize;
}

static void
pd_scan_feedback_init (PdScanFeedback *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "scan-feedback");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->settings = g_settings_new (APP_ID);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->icon, 32);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "title-4");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));
}

GtkWidget *
pd_scan_feedback_new (void)
{
  return g_object_new (PD_TYPE_SCAN_FEEDBACK, NULL);
}

void
pd_scan_feedback_show (PdScanFeedback *self,
                       gboolean        ok,
                       const char     *message)
{
  g_return_if_fail (PD_IS_SCAN_FEEDBACK (self));
  g_return_if_fail (message != NULL);

  g_free (self->message);
  self->message = g_strdup (message);
  self->ok = ok;

  gtk_image_set_from_icon_name (self->icon, ok ? "object-select-symbolic" : "window-close-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ok ? _("Accepted") : _("Refused"), -1);
  gtk_label_set_text (self->label, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (!ok && g_settings_get_boolean (self->settings, "scan-sound"))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

void
pd_scan_feedback_hide (PdScanFeedback *self)
{
  g_return_if_fail (PD_IS_SCAN_FEEDBACK (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

const char *
pd_scan_feedback_get_message (PdScanFeedback *self,
                              gboolean       *ok)
{
  g_return_val_if_fail (PD_IS_SCAN_FEEDBACK (self), NULL);

  if (ok != NULL)
    *ok = self->ok;
  return self->message;
}

/* --- Queue ----------------------------------------------------------------- */

void
pd_scan_queue_init (PdScanQueue *queue,
                    PdScanFunc   func,
                    gpointer     user_data)
{
  g_queue_init (&queue->texts);
  queue->draining = FALSE;
  queue->func = func;
  queue->user_data = user_data;
}

void
pd_scan_queue_take (PdScanQueue *queue,
                    GtkEditable *entry)
{
  char *text;

  /* Read and clear in one go, with nothing in between that could let the
   * next scan's characters in. */
  g_queue_push_tail (&queue->texts, g_strdup (gtk_editable_get_text (entry)));
  gtk_editable_set_text (entry, "");

  if (queue->draining)
    return;

  queue->draining = TRUE;
  while ((text = g_queue_pop_head (&queue->texts)) != NULL)
    {
      queue->func (queue->user_data, text);
      g_free (text);
    }
  queue->draining = FALSE;
}

void
pd_scan_queue_clear (PdScanQueue *queue)
{
  g_queue_clear_full (&queue->texts, g_free);
}

GtkLabel *
pd_scan_field_value (GtkWidget *title)
{
  GtkWidget *label = gtk_label_new ("—");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "title-3");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  return GTK_LABEL (label);
}

/* --- Widgets -------------------------------------------------------------- */

GtkEntry *
pd_scan_entry_new (const char *placeholder)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_widget_add_css_class (GTK_WIDGET (entry), "scan-entry");
  gtk_entry_set_placeholder_text (entry, placeholder);
  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_PRIMARY, "scanner-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scan"), -1);
  return entry;
}

GtkWidget *
pd_scan_field_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

GtkWidget *
pd_scan_grid_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  return grid;
}

GtkWidget *
pd_scan_grid_add (GtkGrid    *grid,
                  int         row,
                  const char *title,
                  GtkWidget  *child)
{
  GtkWidget *label = pd_scan_field_title (title);

  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, child, 1, row, 1, 1);
  return label;
}

GtkLabel *
pd_scan_grid_add_value (GtkGrid     *grid,
                        int          row,
                        const char  *title,
                        GtkWidget  **title_out)
{
  GtkWidget *label = pd_scan_field_title (title);
  GtkLabel *value = pd_scan_field_value (label);

  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (value), 1, row, 1, 1);
  if (title_out != NULL)
    *title_out = label;
  return value;
}

GtkEntry *
pd_scan_grid_add_lot (GtkGrid    *grid,
                      int         row,
                      GtkWidget **lot_box)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());
  GtkWidget *title;

  *lot_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_entry_set_placeholder_text (entry, _("Scan or type the lot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lot"), -1);
  gtk_box_append (GTK_BOX (*lot_box), GTK_WIDGET (entry));
  title = pd_scan_grid_add (grid, row, _("Lot"), *lot_box);
  g_object_bind_property (*lot_box, "visible", title, "visible", G_BINDING_SYNC_CREATE);
  return entry;
}

GtkEntry *
pd_scan_grid_add_qty (GtkGrid    *grid,
                      int         row,
                      const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (entry), "1");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry));
  pd_scan_grid_add (grid, row, title, box);
  return entry;
}

GtkListBox *
pd_scan_session_list_new (GtkBox      *content,
                          const char  *heading,
                          const char  *placeholder,
                          GtkWidget  **placeholder_out)
{
  GtkWidget *label = gtk_label_new (heading);
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (content, label);

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_widget_set_visible (GTK_WIDGET (list), FALSE);
  *placeholder_out = gtk_label_new (placeholder);
  gtk_widget_add_css_class (*placeholder_out, "dim-label");
  gtk_box_append (content, *placeholder_out);
  gtk_box_append (content, GTK_WIDGET (list));
  return list;
}

void
pd_scan_session_list_prepend (GtkListBox *list,
                              GtkWidget  *placeholder,
                              GtkWidget  *row)
{
  gtk_list_box_prepend (list, row);
  gtk_widget_set_visible (placeholder, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (list), TRUE);
}

static gboolean
focus_after_map_cb (gpointer user_data)
{
  GtkWidget *entry = user_data;

  if (gtk_widget_get_mapped (entry))
    gtk_widget_grab_focus (entry);
  return G_SOURCE_REMOVE;
}

void
pd_scan_focus_on_map (GtkWidget *entry)
{
  gtk_widget_grab_focus (entry);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_after_map_cb,
                   g_object_ref (entry), g_object_unref);
}
