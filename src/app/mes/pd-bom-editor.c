/* pd-bom-editor.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-bom-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-error.h"
#include "mes/pd-bom-editor.h"

typedef struct
{
  GtkWidget   *row;
  GtkEntry    *sku;
  GtkEntry    *qty;
  GtkEntry    *scrap;
  GtkDropDown *issue;      /* 0 backflushed, 1 at operation start */
  GtkWidget   *remove;
  GtkLabel    *error_label;
  char        *error;
} Line;

struct _PdBomEditor
{
  GtkBox      parent_instance;

  GPtrArray  *lines;       /* Line */
  GtkListBox *list;
  GtkWidget  *add_button;
  GtkLabel   *error_label;
  char       *error;
  gboolean    editable;
  gboolean    dirty;
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (PdBomEditor, pd_bom_editor, GTK_TYPE_BOX)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->error);
  g_free (line);
}

static void
set_label_error (GtkLabel    *label,
                 char       **field,
                 const char  *message)
{
  g_free (*field);
  *field = g_strdup (message);
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
changed_cb (PdBomEditor *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkEntry *
line_entry (GtkWidget   *box,
            const char  *placeholder,
            const char  *label,
            int          width,
            gboolean     expand,
            PdBomEditor *self)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_hexpand (entry, expand);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (entry, label);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), entry);
  return GTK_ENTRY (entry);
}

static void
remove_clicked_cb (GtkButton   *button,
                   PdBomEditor *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (((Line *) g_ptr_array_index (self->lines, i))->remove == GTK_WIDGET (button))
      {
        _pd_bom_editor_remove_line (self, i);
        return;
      }
}

static void
set_line_editable (Line     *line,
                   gboolean  editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (line->sku), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->qty), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->scrap), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->issue), editable);
  gtk_widget_set_visible (line->remove, editable);
}

static Line *
add_line (PdBomEditor *self,
          const char  *sku,
          const char  *qty,
          const char  *scrap,
          gboolean     backflush)
{
  const char *issue[] = { _("Backflushed"), _("At Operation Start"), NULL };
  Line *line = g_new0 (Line, 1);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);
  gtk_box_append (GTK_BOX (outer), box);
  line->sku = line_entry (box, _("Component SKU"), _("Component SKU"), 12, TRUE, self);
  line->qty = line_entry (box, _("Qty per unit"), _("Quantity per unit of the product"), 8, FALSE, self);
  gtk_entry_set_input_purpose (line->qty, GTK_INPUT_PURPOSE_NUMBER);
  line->scrap = line_entry (box, _("Scrap %"), _("Scrap allowance in percent"), 6, FALSE, self);
  gtk_entry_set_input_purpose (line->scrap, GTK_INPUT_PURPOSE_NUMBER);
  line->issue = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (issue));
  gtk_drop_down_set_selected (line->issue, backflush ? 0 : 1);
  gtk_widget_set_valign (GTK_WIDGET (line->issue), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->issue),
                               _("Backflushed: issued with each report; at operation start: picked when the operation starts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->issue), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("When the component is issued"), -1);
  g_signal_connect_swapped (line->issue, "notify::selected", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->issue));
  line->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (line->remove, _("Remove Component"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Component"), -1);
  gtk_widget_add_css_class (line->remove, "flat");
  gtk_widget_set_valign (line->remove, GTK_ALIGN_CENTER);
  g_signal_connect (line->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), line->remove);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (outer), label);
  line->error_label = GTK_LABEL (label);

  line->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (line->row), outer);
  gtk_list_box_append (self->list, line->row);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (line->sku), sku != NULL ? sku : "");
  gtk_editable_set_text (GTK_EDITABLE (line->qty), qty != NULL ? qty : "");
  gtk_editable_set_text (GTK_EDITABLE (line->scrap), scrap != NULL ? scrap : "");
  self->filling = FALSE;
  set_line_editable (line, self->editable);
  g_ptr_array_add (self->lines, line);
  return line;
}

static void
add_clicked_cb (PdBomEditor *self)
{
  Line *line = add_line (self, NULL, NULL, NULL, TRUE);

  changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (line->sku));
}

static char *
dup_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

PdBom *
pd_bom_editor_build (PdBomEditor  *self,
                     const char   *product_sku,
                     GError      **error)
{
  g_autoptr(PdBom) bom = pd_bom_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_BOM_EDITOR (self), NULL);

  bom->product_sku = g_strdup (product_sku);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      g_autofree char *sku = dup_text (line->sku);
      g_autofree char *qty = dup_text (line->qty);
      g_autofree char *scrap = dup_text (line->scrap);
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      PdBomLine *bom_line;

      if (sku == NULL && qty == NULL && scrap == NULL)
        {
          set_label_error (line->error_label, &line->error, NULL);
          continue;
        }
      /* The core reads "SKU:QTY:SCRAP" and names what is wrong. */
      text = g_strdup_printf ("%s:%s:%s", sku != NULL ? sku : "", qty != NULL ? qty : "",
                              scrap != NULL ? scrap : "0");
      if ((bom_line = pd_bom_line_parse (text, &local)) == NULL)
        {
          set_label_error (line->error_label, &line->error, local->message);
          if (ok)
            /* TRANSLATORS: a line's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Line %u: %s"), i + 1, local->message);
          ok = FALSE;
          continue;
        }
      set_label_error (line->error_label, &line->error, NULL);
      bom_line->backflush = gtk_drop_down_get_selected (line->issue) == 0;
      g_ptr_array_add (bom->lines, bom_line);
    }

  if (!ok || !pd_bom_validate (bom, error))
    return NULL;
  return g_steal_pointer (&bom);
}

void
pd_bom_editor_set_bom (PdBomEditor *self,
                       const PdBom *bom)
{
  g_return_if_fail (PD_IS_BOM_EDITOR (self));

  while (self->lines->len > 0)
    {
      gtk_list_box_remove (self->list, ((Line *) g_ptr_array_index (self->lines, 0))->row);
      g_ptr_array_remove_index (self->lines, 0);
    }
  for (guint i = 0; bom != NULL && i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *scrap = pd_qty_format (line->scrap_pct);

      add_line (self, line->component_sku, qty, scrap, line->backflush);
    }
  pd_bom_editor_set_error (self, NULL);
  self->dirty = FALSE;
}

void
pd_bom_editor_set_editable (PdBomEditor *self,
                            gboolean     editable)
{
  g_return_if_fail (PD_IS_BOM_EDITOR (self));

  self->editable = editable;
  gtk_widget_set_visible (self->add_button, editable);
  for (guint i = 0; i < self->lines->len; i++)
    set_line_editable (g_ptr_array_index (self->lines, i), editable);
}

void
pd_bom_editor_set_error (PdBomEditor *self,
                         const char  *message)
{
  g_return_if_fail (PD_IS_BOM_EDITOR (self));

  set_label_error (self->error_label, &self->error, message);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
pd_bom_editor_get_error (PdBomEditor *self)
{
  g_return_val_if_fail (PD_IS_BOM_EDITOR (self), NULL);
  return self->error;
}

void
pd_bom_editor_mark_saved (PdBomEditor *self)
{
  g_return_if_fail (PD_IS_BOM_EDITOR (self));
  self->dirty = FALSE;
}

gboolean
pd_bom_editor_get_dirty (PdBomEditor *self)
{
  g_return_val_if_fail (PD_IS_BOM_EDITOR (self), FALSE);
  return self->dirty;
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_bom_editor_finalize (GObject *object)
{
  PdBomEditor *self = PD_BOM_EDITOR (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (pd_bom_editor_parent_class)->finalize (object);
}

static void
pd_bom_editor_class_init (PdBomEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_bom_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_bom_editor_init (PdBomEditor *self)
{
  GtkWidget *content;
  GtkWidget *placeholder;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->editable = TRUE;

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Components"), -1);
  placeholder = gtk_label_new (_("No components yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));

  self->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Component"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a Component"), -1);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self), self->add_button);
}

GtkWidget *
pd_bom_editor_new (void)
{
  return g_object_new (PD_TYPE_BOM_EDITOR, NULL);
}

/* --- For tests -------------------------------------------------------------- */

guint
_pd_bom_editor_add_line (PdBomEditor *self,
                         const char  *sku,
                         const char  *qty,
                         const char  *scrap_pct,
                         gboolean     backflush)
{
  add_line (self, sku, qty, scrap_pct, backflush);
  changed_cb (self);
  return self->lines->len - 1;
}

guint
_pd_bom_editor_get_n_lines (PdBomEditor *self)
{
  return self->lines->len;
}

void
_pd_bom_editor_remove_line (PdBomEditor *self,
                            guint        i)
{
  g_return_if_fail (i < self->lines->len);

  gtk_list_box_remove (self->list, ((Line *) g_ptr_array_index (self->lines, i))->row);
  g_ptr_array_remove_index (self->lines, i);
  changed_cb (self);
}

const char *
_pd_bom_editor_get_line_error (PdBomEditor *self,
                               guint        i)
{
  g_return_val_if_fail (i < self->lines->len, NULL);
  return ((Line *) g_ptr_array_index (self->lines, i))->error;
}
