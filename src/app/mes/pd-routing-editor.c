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
#include "mes/pd-routing-editor.h"

typedef struct
{
  GtkWidget   *row;
  GtkEntry    *seq;
  GtkDropDown *work_center;
  GStrv        codes;      /* the drop-down's items */
  GtkEntry    *setup;
  GtkEntry    *cycle;
  GtkEntry    *instructions;
  GtkCheckButton *overlap;
  GtkWidget   *remove;
  GtkLabel    *error_label;
  char        *error;
} Line;

struct _PdRoutingEditor
{
  GtkBox      parent_instance;

  GPtrArray  *lines;       /* Line */
  GStrv       codes;       /* work centers offered */
  GtkListBox *list;
  GtkWidget  *add_button;
  GtkLabel   *error_label;
  char       *error;
  gboolean    editable;
  gboolean    dirty;
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (PdRoutingEditor, pd_routing_editor, GTK_TYPE_BOX)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
line_free (gpointer data)
{
  Line *line = data;

  g_strfreev (line->codes);
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
changed_cb (PdRoutingEditor *self)
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
            PdRoutingEditor *self)
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
                   PdRoutingEditor *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (((Line *) g_ptr_array_index (self->lines, i))->remove == GTK_WIDGET (button))
      {
        gtk_list_box_remove (self->list, ((Line *) g_ptr_array_index (self->lines, i))->row);
        g_ptr_array_remove_index (self->lines, i);
        changed_cb (self);
        return;
      }
}

static void
set_line_editable (Line     *line,
                   gboolean  editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (line->seq), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->work_center), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->setup), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->cycle), editable);
  gtk_editable_set_editable (GTK_EDITABLE (line->instructions), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (line->overlap), editable);
  gtk_widget_set_visible (line->remove, editable);
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
  Line *line = g_new0 (Line, 1);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);
  gtk_box_append (GTK_BOX (outer), box);
  /* TRANSLATORS: placeholder of an operation's sequence number */
  line->seq = line_entry (box, _("Seq"), _("Sequence number"), 4, FALSE, self);
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
  g_signal_connect_swapped (line->work_center, "notify::selected", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->work_center));
  line->setup = line_entry (box, _("Setup min"), _("Setup time in minutes"), 6, FALSE, self);
  gtk_entry_set_input_purpose (line->setup, GTK_INPUT_PURPOSE_NUMBER);
  line->cycle = line_entry (box, _("Cycle s"), _("Cycle time in seconds per unit"), 6, FALSE, self);
  gtk_entry_set_input_purpose (line->cycle, GTK_INPUT_PURPOSE_NUMBER);
  line->instructions = line_entry (box, _("Instructions (optional)"), _("Instructions"), 14, TRUE, self);
  line->overlap = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Overlap")));
  gtk_check_button_set_active (line->overlap, overlap);
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->overlap),
                               _("The next operation may start before this one is done"));
  g_signal_connect_swapped (line->overlap, "toggled", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->overlap));
  line->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (line->remove, _("Remove Operation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Operation"), -1);
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
  gtk_editable_set_text (GTK_EDITABLE (line->seq), seq != NULL ? seq : "");
  gtk_editable_set_text (GTK_EDITABLE (line->setup), setup != NULL ? setup : "");
  gtk_editable_set_text (GTK_EDITABLE (line->cycle), cycle != NULL ? cycle : "");
  gtk_editable_set_text (GTK_EDITABLE (line->instructions), instructions != NULL ? instructions : "");
  self->filling = FALSE;
  set_line_editable (line, self->editable);
  g_ptr_array_add (self->lines, line);
  return line;
}

static void
add_clicked_cb (PdRoutingEditor *self)
{
  g_autofree char *seq = g_strdup_printf ("%u", (self->lines->len + 1) * 10);
  Line *line = add_line (self, seq, NULL, "0", NULL, NULL, FALSE);

  changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (line->work_center));
}

static char *
dup_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

PdRouting *
pd_routing_editor_build (PdRoutingEditor  *self,
                         const char       *product_sku,
                         GError          **error)
{
  g_autoptr(PdRouting) routing = pd_routing_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_ROUTING_EDITOR (self), NULL);

  routing->product_sku = g_strdup (product_sku);
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      g_autofree char *seq = dup_text (line->seq);
      g_autofree char *setup = dup_text (line->setup);
      g_autofree char *cycle = dup_text (line->cycle);
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
          set_label_error (line->error_label, &line->error, local->message);
          if (ok)
            /* TRANSLATORS: an operation row's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Operation %u: %s"), i + 1, local->message);
          ok = FALSE;
          continue;
        }
      set_label_error (line->error_label, &line->error, NULL);
      op->instructions = dup_text (line->instructions);
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

  while (self->lines->len > 0)
    {
      gtk_list_box_remove (self->list, ((Line *) g_ptr_array_index (self->lines, 0))->row);
      g_ptr_array_remove_index (self->lines, 0);
    }
  for (guint i = 0; routing != NULL && i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *setup = pd_mes_format_minutes (op->setup_us);
      g_autofree char *cycle = pd_mes_format_seconds (op->run_us);

      add_line (self, seq, op->work_center_code, setup, cycle, op->instructions, op->overlap);
    }
  pd_routing_editor_set_error (self, NULL);
  self->dirty = FALSE;
}

void
pd_routing_editor_set_editable (PdRoutingEditor *self,
                            gboolean     editable)
{
  g_return_if_fail (PD_IS_ROUTING_EDITOR (self));

  self->editable = editable;
  gtk_widget_set_visible (self->add_button, editable);
  for (guint i = 0; i < self->lines->len; i++)
    set_line_editable (g_ptr_array_index (self->lines, i), editable);
}

void
pd_routing_editor_set_error (PdRoutingEditor *self,
                         const char  *message)
{
  g_return_if_fail (PD_IS_ROUTING_EDITOR (self));

  set_label_error (self->error_label, &self->error, message);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
pd_routing_editor_get_error (PdRoutingEditor *self)
{
  g_return_val_if_fail (PD_IS_ROUTING_EDITOR (self), NULL);
  return self->error;
}

void
pd_routing_editor_mark_saved (PdRoutingEditor *self)
{
  g_return_if_fail (PD_IS_ROUTING_EDITOR (self));
  self->dirty = FALSE;
}

gboolean
pd_routing_editor_get_dirty (PdRoutingEditor *self)
{
  g_return_val_if_fail (PD_IS_ROUTING_EDITOR (self), FALSE);
  return self->dirty;
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_routing_editor_finalize (GObject *object)
{
  PdRoutingEditor *self = PD_ROUTING_EDITOR (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_strfreev (self->codes);
  g_free (self->error);

  G_OBJECT_CLASS (pd_routing_editor_parent_class)->finalize (object);
}

static void
pd_routing_editor_class_init (PdRoutingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_routing_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_routing_editor_init (PdRoutingEditor *self)
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
                                  _("Operations"), -1);
  placeholder = gtk_label_new (_("No operations yet."));
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
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Operation"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add an Operation"), -1);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self), self->add_button);
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
  changed_cb (self);
  return self->lines->len - 1;
}

void
_pd_routing_editor_remove_op (PdRoutingEditor *self,
                              guint            i)
{
  g_return_if_fail (i < self->lines->len);

  gtk_list_box_remove (self->list, ((Line *) g_ptr_array_index (self->lines, i))->row);
  g_ptr_array_remove_index (self->lines, i);
  changed_cb (self);
}

guint
_pd_routing_editor_get_n_ops (PdRoutingEditor *self)
{
  return self->lines->len;
}

const char *
_pd_routing_editor_get_op_error (PdRoutingEditor *self,
                                 guint            i)
{
  g_return_val_if_fail (i < self->lines->len, NULL);
  return ((Line *) g_ptr_array_index (self->lines, i))->error;
}
