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
#include "mes/pd-mes-ui.h"
#include "mes/pd-bom-editor.h"

typedef struct
{
  PdLineEditorLine base;
  GtkEntry    *sku;
  GtkEntry    *qty;
  GtkEntry    *scrap;
  GtkDropDown *issue;      /* 0 backflushed, 1 at operation start */
} Line;

struct _PdBomEditor
{
  PdLineEditor parent_instance;
};

G_DEFINE_FINAL_TYPE (PdBomEditor, pd_bom_editor, PD_TYPE_LINE_EDITOR)

static void
set_line_editable (gpointer data,
                   gboolean editable)
{
  Line *line = data;

  gtk_editable_set_editable (GTK_EDITABLE (line->sku), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->qty), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->scrap), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->issue), editable);
}

static Line *
add_line (PdBomEditor *self,
          const char  *sku,
          const char  *qty,
          const char  *scrap,
          gboolean     backflush)
{
  const char *issue[] = { _("Backflushed"), _("At Operation Start"), NULL };
  PdLineEditor *editor = PD_LINE_EDITOR (self);
  Line *line = _pd_line_editor_line_begin (editor, sizeof (Line));
  GtkBox *box = line->base.box;

  line->sku = _pd_line_editor_entry (editor, box, _("Component SKU"), _("Component SKU"), 12, TRUE, sku);
  line->qty = _pd_line_editor_entry (editor, box, _("Qty per unit"), _("Quantity per unit of the product"),
                                     8, FALSE, qty);
  gtk_entry_set_input_purpose (line->qty, GTK_INPUT_PURPOSE_NUMBER);
  line->scrap = _pd_line_editor_entry (editor, box, _("Scrap %"), _("Scrap allowance in percent"), 6, FALSE,
                                       scrap);
  gtk_entry_set_input_purpose (line->scrap, GTK_INPUT_PURPOSE_NUMBER);
  line->issue = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (issue));
  gtk_drop_down_set_selected (line->issue, backflush ? 0 : 1);
  gtk_widget_set_valign (GTK_WIDGET (line->issue), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->issue),
                               _("Backflushed: issued with each report; at operation start: picked when the operation starts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->issue), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("When the component is issued"), -1);
  g_signal_connect_swapped (line->issue, "notify::selected", G_CALLBACK (_pd_line_editor_changed), self);
  gtk_box_append (box, GTK_WIDGET (line->issue));
  _pd_line_editor_line_end (editor, line);
  return line;
}

static GtkWidget *
add_new_line (PdLineEditor *editor)
{
  return GTK_WIDGET (add_line (PD_BOM_EDITOR (editor), NULL, NULL, NULL, TRUE)->sku);
}

PdBom *
pd_bom_editor_build (PdBomEditor  *self,
                     const char   *product_sku,
                     GError      **error)
{
  g_autoptr(PdBom) bom = pd_bom_new ();
  GPtrArray *lines;
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_BOM_EDITOR (self), NULL);

  lines = _pd_line_editor_get_lines (PD_LINE_EDITOR (self));
  bom->product_sku = g_strdup (product_sku);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_autofree char *sku = pd_mes_dup_text (GTK_EDITABLE (line->sku));
      g_autofree char *qty = pd_mes_dup_text (GTK_EDITABLE (line->qty));
      g_autofree char *scrap = pd_mes_dup_text (GTK_EDITABLE (line->scrap));
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      PdBomLine *bom_line;

      if (sku == NULL && qty == NULL && scrap == NULL)
        {
          _pd_line_editor_set_line_error (line, NULL);
          continue;
        }
      /* The core reads "SKU:QTY:SCRAP" and names what is wrong. */
      text = g_strdup_printf ("%s:%s:%s", sku != NULL ? sku : "", qty != NULL ? qty : "",
                              scrap != NULL ? scrap : "0");
      if ((bom_line = pd_bom_line_parse (text, &local)) == NULL)
        {
          _pd_line_editor_set_line_error (line, local->message);
          if (ok)
            /* TRANSLATORS: a line's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Line %u: %s"), i + 1, local->message);
          ok = FALSE;
          continue;
        }
      _pd_line_editor_set_line_error (line, NULL);
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

  _pd_line_editor_clear (PD_LINE_EDITOR (self));
  for (guint i = 0; bom != NULL && i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *scrap = pd_qty_format (line->scrap_pct);

      add_line (self, line->component_sku, qty, scrap, line->backflush);
    }
  _pd_line_editor_loaded (PD_LINE_EDITOR (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_bom_editor_class_init (PdBomEditorClass *klass)
{
  PdLineEditorClass *editor_class = PD_LINE_EDITOR_CLASS (klass);

  editor_class->list_label = N_("Components");
  editor_class->placeholder = N_("No components yet.");
  editor_class->add_label = N_("Add _Component");
  editor_class->add_accessible = N_("Add a Component");
  editor_class->remove_label = N_("Remove Component");
  editor_class->add_new_line = add_new_line;
  editor_class->set_line_editable = set_line_editable;
}

static void
pd_bom_editor_init (PdBomEditor *self)
{
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
  _pd_line_editor_changed (PD_LINE_EDITOR (self));
  return _pd_line_editor_get_n_lines (PD_LINE_EDITOR (self)) - 1;
}
