/* pd-bom-editor.h — the lines of a bill of materials, edited in place
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-mes.h"

G_BEGIN_DECLS

#define PD_TYPE_BOM_EDITOR (pd_bom_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdBomEditor, pd_bom_editor, PD, BOM_EDITOR, GtkBox)

/* Rows of component SKU, quantity per unit, scrap % and when the
 * component is issued (backflushed on each report or picked at the
 * operation's start). Emits "changed" when something is typed. */
GtkWidget  *pd_bom_editor_new           (void);
/* Shows BOM's lines (NULL: none) and forgets what was typed. */
void        pd_bom_editor_set_bom       (PdBomEditor  *self,
                                         const PdBom  *bom);
void        pd_bom_editor_set_editable  (PdBomEditor  *self,
                                         gboolean      editable);
/* What is typed as a bill of materials of PRODUCT_SKU (rows left empty
 * skipped), or NULL and ERROR naming the row ("Line 2: …"), the message
 * also under that row. */
PdBom      *pd_bom_editor_build         (PdBomEditor  *self,
                                         const char   *product_sku,
                                         GError      **error);
/* A message under the lines (the core's refusal), or NULL. */
void        pd_bom_editor_set_error     (PdBomEditor  *self,
                                         const char   *message);
const char *pd_bom_editor_get_error     (PdBomEditor  *self);
/* What is shown was stored: no longer "dirty". */
void        pd_bom_editor_mark_saved   (PdBomEditor *self);
gboolean    pd_bom_editor_get_dirty     (PdBomEditor  *self);

/* For tests. */
guint       _pd_bom_editor_add_line     (PdBomEditor  *self,
                                         const char   *sku,
                                         const char   *qty,
                                         const char   *scrap_pct,
                                         gboolean      backflush);
guint       _pd_bom_editor_get_n_lines  (PdBomEditor  *self);
void        _pd_bom_editor_remove_line  (PdBomEditor  *self,
                                         guint         i);
const char *_pd_bom_editor_get_line_error (PdBomEditor *self,
                                         guint         i);

G_END_DECLS
