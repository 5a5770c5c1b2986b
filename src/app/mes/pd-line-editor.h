/* pd-line-editor.h — rows of a master data record (BOM lines, routing
 * operations) edited in place: the base of PdBomEditor and PdRoutingEditor
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_LINE_EDITOR (pd_line_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdLineEditor, pd_line_editor, PD, LINE_EDITOR, GtkBox)

/* The head of a subclass's row struct (its first member). The subclass
 * puts its controls into BOX; the base adds the remove button, the
 * row's error label and the list row. */
typedef struct
{
  GtkWidget   *row;
  GtkBox      *box;
  GtkWidget   *remove;
  GtkLabel    *error_label;
  char        *error;
  void       (*clear) (gpointer line);
} PdLineEditorLine;

struct _PdLineEditorClass
{
  GtkBoxClass parent_class;

  /* Untranslated (N_()) texts: the list's accessible name, its
   * placeholder, the add button's label and accessible name, the remove
   * button's. */
  const char *list_label;
  const char *placeholder;
  const char *add_label;
  const char *add_accessible;
  const char *remove_label;

  /* Adds an empty row for the add button; returns the control to focus. */
  GtkWidget *(*add_new_line)      (PdLineEditor *self);
  void       (*set_line_editable) (gpointer      line,
                                   gboolean      editable);
  /* Frees what the subclass's row holds (not the row itself); may be NULL. */
  void       (*clear_line)        (gpointer      line);
};

/* Every line editor emits "changed" when something is typed. */
void        pd_line_editor_set_editable (PdLineEditor *self,
                                         gboolean      editable);
/* A message under the lines (the core's refusal), or NULL. */
void        pd_line_editor_set_error    (PdLineEditor *self,
                                         const char   *message);
const char *pd_line_editor_get_error    (PdLineEditor *self);
/* What is shown was stored: no longer "dirty". */
void        pd_line_editor_mark_saved   (PdLineEditor *self);
gboolean    pd_line_editor_get_dirty    (PdLineEditor *self);

/* For subclasses. */
gpointer    _pd_line_editor_line_begin  (PdLineEditor *self,
                                         gsize         line_size);
void        _pd_line_editor_line_end    (PdLineEditor *self,
                                         gpointer      line);
GtkEntry   *_pd_line_editor_entry       (PdLineEditor *self,
                                         GtkBox       *box,
                                         const char   *placeholder,
                                         const char   *label,
                                         int           width,
                                         gboolean      expand,
                                         const char   *text);
void        _pd_line_editor_changed     (PdLineEditor *self);
/* The rows, in order (PdLineEditorLine heads of the subclass's rows). */
GPtrArray  *_pd_line_editor_get_lines   (PdLineEditor *self);
/* Removes every row (before a record is shown). */
void        _pd_line_editor_clear       (PdLineEditor *self);
/* The record's rows are shown: no error, nothing typed. */
void        _pd_line_editor_loaded      (PdLineEditor *self);
void        _pd_line_editor_set_line_error (gpointer     line,
                                         const char   *message);

/* For tests. */
guint       _pd_line_editor_get_n_lines (PdLineEditor *self);
void        _pd_line_editor_remove_line (PdLineEditor *self,
                                         guint         i);
const char *_pd_line_editor_get_line_error (PdLineEditor *self,
                                         guint         i);

G_END_DECLS
