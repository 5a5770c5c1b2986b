/* pd-labels-view.h — labels with QR codes: choose, preview, print, PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "pd-label.h"

G_BEGIN_DECLS

#define PD_TYPE_LABELS_VIEW (pd_labels_view_get_type ())

G_DECLARE_FINAL_TYPE (PdLabelsView, pd_labels_view, PD, LABELS_VIEW, GtkBox)

/* Reads what can be labelled in a worker now and at every "stock-changed". */
GtkWidget *pd_labels_view_new                (PdStore *store);

/* For tests. */
gboolean   _pd_labels_view_is_loading        (PdLabelsView  *self);
guint      _pd_labels_view_get_n_shown       (PdLabelsView  *self);
void       _pd_labels_view_set_search        (PdLabelsView  *self,
                                              const char    *text);
/* Chooses (or not) the label of KIND whose title is TITLE; FALSE when
 * there is none. */
gboolean   _pd_labels_view_choose            (PdLabelsView  *self,
                                              PdLabelKind    kind,
                                              const char    *title,
                                              gboolean       chosen);
void       _pd_labels_view_set_layout        (PdLabelsView  *self,
                                              PdLabelLayout  layout);
void       _pd_labels_view_set_copies        (PdLabelsView  *self,
                                              guint          copies);
/* The labels to print, copies included. */
GPtrArray *_pd_labels_view_get_labels        (PdLabelsView  *self);
guint      _pd_labels_view_get_n_pages       (PdLabelsView  *self);
/* How many times the preview has drawn labels. */
guint      _pd_labels_view_get_n_previews    (PdLabelsView  *self);
GtkWidget *_pd_labels_view_get_preview       (PdLabelsView  *self);
/* What “Save as PDF…” does once a file is chosen. */
void       _pd_labels_view_save_pdf          (PdLabelsView  *self,
                                              GFile         *file);
gboolean   _pd_labels_view_is_saving         (PdLabelsView  *self);
/* The print operation that “Print…” runs. */
GtkPrintOperation *_pd_labels_view_new_print_operation (PdLabelsView *self);

G_END_DECLS
