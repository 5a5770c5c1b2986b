/* pd-bom-editor.h — the lines of a bill of materials, edited in place
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-mes.h"
#include "mes/pd-line-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_BOM_EDITOR (pd_bom_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdBomEditor, pd_bom_editor, PD, BOM_EDITOR, PdLineEditor)

/* Rows of component SKU, quantity per unit, scrap % and when the
 * component is issued (backflushed on each report or picked at the
 * operation's start). Editable, error and dirty state: PdLineEditor. */
GtkWidget  *pd_bom_editor_new           (void);
/* Shows BOM's lines (NULL: none) and forgets what was typed. */
void        pd_bom_editor_set_bom       (PdBomEditor  *self,
                                         const PdBom  *bom);
/* What is typed as a bill of materials of PRODUCT_SKU (rows left empty
 * skipped), or NULL and ERROR naming the row ("Line 2: …"), the message
 * also under that row. */
PdBom      *pd_bom_editor_build         (PdBomEditor  *self,
                                         const char   *product_sku,
                                         GError      **error);
/* For tests. */
guint       _pd_bom_editor_add_line     (PdBomEditor  *self,
                                         const char   *sku,
                                         const char   *qty,
                                         const char   *scrap_pct,
                                         gboolean      backflush);

G_END_DECLS
