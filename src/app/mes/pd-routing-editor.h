/* pd-routing-editor.h — the operations of a routing, edited in place
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

#define PD_TYPE_ROUTING_EDITOR (pd_routing_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdRoutingEditor, pd_routing_editor, PD, ROUTING_EDITOR, PdLineEditor)

/* Rows of sequence, work center (chosen), setup minutes, cycle seconds
 * per unit, instructions and whether the next operation may overlap.
 * Editable, error and dirty state: PdLineEditor. */
GtkWidget  *pd_routing_editor_new            (void);
/* The work center codes offered by rows added from now on. */
void        pd_routing_editor_set_work_centers (PdRoutingEditor   *self,
                                              const char * const *codes);
/* Shows ROUTING's operations (NULL: none) and forgets what was typed. */
void        pd_routing_editor_set_routing    (PdRoutingEditor *self,
                                              const PdRouting *routing);
/* What is typed as a routing of PRODUCT_SKU, or NULL and ERROR naming the
 * row ("Operation 2: …"), the message also under that row. */
PdRouting  *pd_routing_editor_build          (PdRoutingEditor *self,
                                              const char      *product_sku,
                                              GError         **error);

/* For tests. */
guint       _pd_routing_editor_add_op        (PdRoutingEditor *self,
                                              const char      *seq,
                                              const char      *work_center,
                                              const char      *setup_min,
                                              const char      *cycle_s,
                                              const char      *instructions,
                                              gboolean         overlap);

G_END_DECLS
