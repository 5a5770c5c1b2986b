/* pd-routing-editor.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-routing-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-error.h"
#include "mes/pd-mes-ui.h"
#include "mes/pd-routing-editor.h"

typedef struct
{
  PdLineEditorLine base;
  GtkEntry    *seq;
  GtkDropDown *work_center;
  GStrv        codes;      /* the drop-down's items */
  GtkEntry    *setup;
  GtkEntry    *cycle;
  GtkEntry    *instructions;
  GtkCheckButton *overlap;
} Line;

struct _PdRoutingEditor
{
  PdLineEditor parent_instance;

  GStrv       codes;       /* work centers offered */
};

G_DEFINE_FINAL_TYPE (PdRoutingEditor, pd_routing_editor, PD_TYPE_LINE_EDITOR)

static void
clear_line (gpointer data)
{
  Line *line = data;

  g_strfreev (line->codes);
}

static void
set_line_editable (gpointer data,
                   gboolean editable)
{
  Line *line = data;

  gtk_editable_set_editable (GTK_EDITABLE (line->seq), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->work_center), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->setup), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->cycle), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->instructions), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->overlap), editable);
}

static Line *
add_line (PdRoutingEditor *self,
          const char      *seq,
          const char      *work_center,
          const char      *setup,
          const char      *cycle,
          const char      *instructions,
          gboolean         overlap)
{
  PdLineEditor *editor = PD_LINE_EDITOR (self);
  Line *line = _pd_line_editor_line_begin (editor, sizeof (Line));
  GtkBox *box = line->base.box;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  /* TRANSLATORS: placeholder of an operation's sequence number */
  line->seq = _pd_line_editor_entry (editor, box, _("Seq"), _("Sequence number"), 4, FALSE, seq);
  gtk_entry_set_input_purpose (line->seq, GTK_INPUT_PURPOSE_DIGITS);

  for (guint i = 0; self->codes != NULL && self->codes[i] != NULL; i++)
    {
      g_strv_builder_add (codes, self->codes[i]);
      if (work_center != NULL && g_ascii_strcasecmp (work_center, self->codes[i]) == 0)
        selected = i;
    }
  if (work_center != NULL && selected == GTK_INVALID_LIST_POSITION)
    {
      g_strv_builder_add (codes, work_center);
      selected = self->codes != NULL ? g_strv_length (self->codes) : 0;
    }
  line->codes = g_strv_builder_end (codes);
  line->work_center = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) line->codes));
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (line->work_center, selected);
  gtk_widget_set_valign (GTK_WIDGET (line->work_center), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->work_center), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Work center"), -1);
  g_signal_connect_swapped (line->work_center, "notify::selected", G_CALLBACK (_pd_line_editor_changed), self);
  gtk_box_append (box, GTK_WIDGET (line->work_center));
  line->setup = _pd_line_editor_entry (editor, box, _("Setup min"), _("Setup time in minutes"), 6, FALSE,
                                       setup);
  gtk_entry_set_input_purpose (line->setup, GTK_INPUT_PURPOSE_NUMBER);
  line->cycle = _pd_line_editor_entry (editor, box, _("Cycle s"), _("Cycle time in seconds per unit"), 6,
                                       FALSE, cycle);
  gtk_entry_set_input_purpose (line->cycle, GTK_INPUT_PURPOSE_NUMBER);
  line->instructions = _pd_line_editor_entry (editor, box, _("Instructions (optional)"), _("Instructions"),
                                              14, TRUE, instructions);
  line->overlap = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Overlap")));
  gtk_check_button_set_active (line->overlap, overlap);
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->overlap),
                               _("The next operation may start before this one is done"));
  g_signal_connect_swapped (line->overlap, "toggled", G_CALLBACK (_pd_line_editor_changed), self);
  gtk_box_append (box, GTK_WIDGET (line->overlap));
  _pd_line_editor_line_end (editor, line);
  return line;
}

static GtkWidget *
add_new_line (PdLineEditor *editor)
{
  g_autofree char *seq = g_strdup_printf ("%u", (_pd_line_editor_get_n_lines (editor) + 1) * 10);

  return GTK_WIDGET (add_line (PD_ROUTING_EDITOR (editor), seq, NULL, "0", NULL, NULL, FALSE)->work_center);
}

PdRouting *
pd_routing_editor_build (PdRoutingEditor  *self,
                         const char       *product_sku,
                         GError          **error)
{
  g_autoptr(PdRouting) routing = pd_routing_new ();
  GPtrArray *lines;
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_ROUTING_EDITOR (self), NULL);

  lines = _pd_line_editor_get_lines (PD_LINE_EDITOR (self));
  routing->product_sku = g_strdup (product_sku);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_autofree char *seq = pd_mes_dup_text (GTK_EDITABLE (line->seq));
      g_autofree char *setup = pd_mes_dup_text (GTK_EDITABLE (line->setup));
      g_autofree char *cycle = pd_mes_dup_text (GTK_EDITABLE (line->cycle));
      guint selected = gtk_drop_down_get_selected (line->work_center);
      const char *code = selected < g_strv_length (line->codes) ? line->codes[selected] : "";
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      PdRoutingOp *op;

      /* The core reads "SEQ:WORKCENTER:SETUP_MINUTES:RUN_SECONDS" and
       * names what is wrong. */
      text = g_strdup_printf ("%s:%s:%s:%s", seq != NULL ? seq : "", code,
                              setup != NULL ? setup : "0", cycle != NULL ? cycle : "");
      if ((op = pd_routing_op_parse (text, &local)) == NULL)
        {
          _pd_line_editor_set_line_error (line, local->message);
          if (ok)
            /* TRANSLATORS: an operation row's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Operation %u: %s"), i + 1, local->message);
          ok = FALSE;
          continue;
        }
      _pd_line_editor_set_line_error (line, NULL);
      op->instructions = pd_mes_dup_text (GTK_EDITABLE (line->instructions));
      op->overlap = gtk_check_button_get_active (line->overlap);
      g_ptr_array_add (routing->ops, op);
    }

  if (!ok || !pd_routing_validate (routing, error))
    return NULL;
  return g_steal_pointer (&routing);
}

void
pd_routing_editor_set_work_centers (PdRoutingEditor    *self,
                                    const char * const *codes)
{
  g_return_if_fail (PD_IS_ROUTING_EDITOR (self));

  g_strfreev (self->codes);
  self->codes = g_strdupv ((char **) codes);
}

void
pd_routing_editor_set_routing (PdRoutingEditor *self,
                               const PdRouting *routing)
{
  g_return_if_fail (PD_IS_ROUTING_EDITOR (self));

  _pd_line_editor_clear (PD_LINE_EDITOR (self));
  for (guint i = 0; routing != NULL && i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *setup = pd_mes_format_minutes (op->setup_us);
      g_autofree char *cycle = pd_mes_format_seconds (op->run_us);

      add_line (self, seq, op->work_center_code, setup, cycle, op->instructions, op->overlap);
    }
  _pd_line_editor_loaded (PD_LINE_EDITOR (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_routing_editor_finalize (GObject *object)
{
  PdRoutingEditor *self = PD_ROUTING_EDITOR (object);

  g_strfreev (self->codes);

  G_OBJECT_CLASS (pd_routing_editor_parent_class)->finalize (object);
}

static void
pd_routing_editor_class_init (PdRoutingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdLineEditorClass *editor_class = PD_LINE_EDITOR_CLASS (klass);

  object_class->finalize = pd_routing_editor_finalize;

  editor_class->list_label = N_("Operations");
  editor_class->placeholder = N_("No operations yet.");
  editor_class->add_label = N_("Add _Operation");
  editor_class->add_accessible = N_("Add an Operation");
  editor_class->remove_label = N_("Remove Operation");
  editor_class->add_new_line = add_new_line;
  editor_class->set_line_editable = set_line_editable;
  editor_class->clear_line = clear_line;
}

static void
pd_routing_editor_init (PdRoutingEditor *self)
{
}

GtkWidget *
pd_routing_editor_new (void)
{
  return g_object_new (PD_TYPE_ROUTING_EDITOR, NULL);
}

/* --- For tests -------------------------------------------------------------- */

guint
_pd_routing_editor_add_op (PdRoutingEditor *self,
                           const char      *seq,
                           const char      *work_center,
                           const char      *setup_min,
                           const char      *cycle_s,
                           const char      *instructions,
                           gboolean         overlap)
{
  add_line (self, seq, work_center, setup_min, cycle_s, instructions, overlap);
  _pd_line_editor_changed (PD_LINE_EDITOR (self));
  return _pd_line_editor_get_n_lines (PD_LINE_EDITOR (self)) - 1;
}
