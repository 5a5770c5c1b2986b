/* pd-line-editor.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-line-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mes/pd-line-editor.h"
#include "mes/pd-mes-ui.h"

typedef struct
{
  GPtrArray  *lines;       /* PdLineEditorLine heads */
  GtkListBox *list;
  GtkWidget  *add_button;
  GtkLabel   *error_label;
  char       *error;
  gboolean    editable;
  gboolean    dirty;
  gboolean    filling;
} PdLineEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PdLineEditor, pd_line_editor, GTK_TYPE_BOX)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
line_free (gpointer data)
{
  PdLineEditorLine *line = data;

  if (line->clear != NULL)
    line->clear (line);
  g_free (line->error);
  g_free (line);
}

void
_pd_line_editor_changed (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  if (priv->filling)
    return;
  priv->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkEntry *
_pd_line_editor_entry (PdLineEditor *self,
                       GtkBox       *box,
                       const char   *placeholder,
                       const char   *label,
                       int           width,
                       gboolean      expand,
                       const char   *text)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_hexpand (entry, expand);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (entry, label);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (_pd_line_editor_changed), self);
  gtk_box_append (box, entry);

  priv->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  priv->filling = FALSE;
  return GTK_ENTRY (entry);
}

static void
remove_clicked_cb (GtkButton    *button,
                   PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  for (guint i = 0; i < priv->lines->len; i++)
    if (((PdLineEditorLine *) g_ptr_array_index (priv->lines, i))->remove == GTK_WIDGET (button))
      {
        _pd_line_editor_remove_line (self, i);
        return;
      }
}

static void
set_line_editable (PdLineEditor     *self,
                   PdLineEditorLine *line,
                   gboolean          editable)
{
  PD_LINE_EDITOR_GET_CLASS (self)->set_line_editable (line, editable);
  gtk_widget_set_visible (line->remove, editable);
}

gpointer
_pd_line_editor_line_begin (PdLineEditor *self,
                            gsize         line_size)
{
  PdLineEditorLine *line;
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  g_return_val_if_fail (line_size >= sizeof (PdLineEditorLine), NULL);

  line = g_malloc0 (line_size);
  line->clear = PD_LINE_EDITOR_GET_CLASS (self)->clear_line;
  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);
  line->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (line->box));

  line->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (line->row), outer);
  return line;
}

void
_pd_line_editor_line_end (PdLineEditor *self,
                          gpointer      data)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);
  PdLineEditorClass *klass = PD_LINE_EDITOR_GET_CLASS (self);
  PdLineEditorLine *line = data;
  GtkWidget *outer = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (line->row));
  GtkWidget *label = gtk_label_new (NULL);

  line->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (line->remove, _(klass->remove_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(klass->remove_label), -1);
  gtk_widget_add_css_class (line->remove, "flat");
  gtk_widget_set_valign (line->remove, GTK_ALIGN_CENTER);
  g_signal_connect (line->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (line->box, line->remove);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (outer), label);
  line->error_label = GTK_LABEL (label);

  gtk_list_box_append (priv->list, line->row);
  set_line_editable (self, line, priv->editable);
  g_ptr_array_add (priv->lines, line);
}

static void
add_clicked_cb (PdLineEditor *self)
{
  GtkWidget *focus = PD_LINE_EDITOR_GET_CLASS (self)->add_new_line (self);

  _pd_line_editor_changed (self);
  gtk_widget_grab_focus (focus);
}

void
_pd_line_editor_set_line_error (gpointer    data,
                                const char *message)
{
  PdLineEditorLine *line = data;

  pd_mes_set_message (line->error_label, &line->error, message);
}

GPtrArray *
_pd_line_editor_get_lines (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  return priv->lines;
}

void
_pd_line_editor_clear (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  while (priv->lines->len > 0)
    {
      gtk_list_box_remove (priv->list, ((PdLineEditorLine *) g_ptr_array_index (priv->lines, 0))->row);
      g_ptr_array_remove_index (priv->lines, 0);
    }
}

void
_pd_line_editor_loaded (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  pd_line_editor_set_error (self, NULL);
  priv->dirty = FALSE;
}

void
pd_line_editor_set_editable (PdLineEditor *self,
                             gboolean      editable)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_LINE_EDITOR (self));

  priv->editable = editable;
  gtk_widget_set_visible (priv->add_button, editable);
  for (guint i = 0; i < priv->lines->len; i++)
    set_line_editable (self, g_ptr_array_index (priv->lines, i), editable);
}

void
pd_line_editor_set_error (PdLineEditor *self,
                          const char   *message)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_LINE_EDITOR (self));

  pd_mes_set_message (priv->error_label, &priv->error, message);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
pd_line_editor_get_error (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_val_if_fail (PD_IS_LINE_EDITOR (self), NULL);
  return priv->error;
}

void
pd_line_editor_mark_saved (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_LINE_EDITOR (self));
  priv->dirty = FALSE;
}

gboolean
pd_line_editor_get_dirty (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_val_if_fail (PD_IS_LINE_EDITOR (self), FALSE);
  return priv->dirty;
}

/* --- GObject -------------------------------------------------------------- */

/* The texts come from the subclass's class: built once it is known. */
static void
pd_line_editor_constructed (GObject *object)
{
  PdLineEditor *self = PD_LINE_EDITOR (object);
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);
  PdLineEditorClass *klass = PD_LINE_EDITOR_GET_CLASS (self);
  GtkWidget *content;
  GtkWidget *placeholder;

  G_OBJECT_CLASS (pd_line_editor_parent_class)->constructed (object);

  priv->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (priv->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (priv->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(klass->list_label), -1);
  placeholder = gtk_label_new (_(klass->placeholder));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (priv->list, placeholder);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (priv->list));

  priv->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (priv->error_label, 0);
  gtk_label_set_wrap (priv->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (priv->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (priv->error_label), "heading");
  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (priv->error_label));

  priv->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _(klass->add_label));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (priv->add_button), content);
  gtk_widget_set_halign (priv->add_button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(klass->add_accessible), -1);
  g_signal_connect_swapped (priv->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_widget_set_visible (priv->add_button, priv->editable);
  gtk_box_append (GTK_BOX (self), priv->add_button);
}

static void
pd_line_editor_finalize (GObject *object)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (PD_LINE_EDITOR (object));

  g_clear_pointer (&priv->lines, g_ptr_array_unref);
  g_free (priv->error);

  G_OBJECT_CLASS (pd_line_editor_parent_class)->finalize (object);
}

static void
pd_line_editor_class_init (PdLineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_line_editor_constructed;
  object_class->finalize = pd_line_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_line_editor_init (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  priv->lines = g_ptr_array_new_with_free_func (line_free);
  priv->editable = TRUE;
}

/* --- For tests -------------------------------------------------------------- */

guint
_pd_line_editor_get_n_lines (PdLineEditor *self)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  return priv->lines->len;
}

void
_pd_line_editor_remove_line (PdLineEditor *self,
                             guint         i)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_if_fail (i < priv->lines->len);

  gtk_list_box_remove (priv->list, ((PdLineEditorLine *) g_ptr_array_index (priv->lines, i))->row);
  g_ptr_array_remove_index (priv->lines, i);
  _pd_line_editor_changed (self);
}

const char *
_pd_line_editor_get_line_error (PdLineEditor *self,
                                guint         i)
{
  PdLineEditorPrivate *priv = pd_line_editor_get_instance_private (self);

  g_return_val_if_fail (i < priv->lines->len, NULL);
  return ((PdLineEditorLine *) g_ptr_array_index (priv->lines, i))->error;
}
