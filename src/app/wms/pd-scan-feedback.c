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

  GtkImage *icon;
  GtkLabel *label;
  char     *message;
  gboolean  ok;
};

G_DEFINE_FINAL_TYPE (PdScanFeedback, pd_scan_feedback, GTK_TYPE_BOX)

static void
pd_scan_feedback_finalize (GObject *object)
{
  PdScanFeedback *self = PD_SCAN_FEEDBACK (object);

  g_free (self->message);

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
  if (!ok)
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
