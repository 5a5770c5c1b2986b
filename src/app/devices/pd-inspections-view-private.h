/* pd-inspections-view-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-inspections-view.h"

G_BEGIN_DECLS

/* For the GUI tests, driving the view's own widgets. */
guint        _pd_inspections_view_get_n_items      (PdInspectionsView *self);
/* Answers checklist item INDEX with OK or Not OK. */
void         _pd_inspections_view_answer_item      (PdInspectionsView *self,
                                                    guint              index,
                                                    gboolean           ok);
void         _pd_inspections_view_set_notes        (PdInspectionsView *self,
                                                    const char        *notes);
/* Clicks Save; the error shown afterwards (or NULL). */
void         _pd_inspections_view_save             (PdInspectionsView *self);
const char  *_pd_inspections_view_get_error        (PdInspectionsView *self);
guint        _pd_inspections_view_get_n_history    (PdInspectionsView *self);
const char  *_pd_inspections_view_get_due_text     (PdInspectionsView *self);
gboolean     _pd_inspections_view_get_overdue      (PdInspectionsView *self);
gboolean     _pd_inspections_view_get_can_record   (PdInspectionsView *self);
gboolean     _pd_inspections_view_get_can_plan     (PdInspectionsView *self);
/* Edits the plan as its widgets would: interval, then the items added
 * one by one, then Save. */
void         _pd_inspections_view_edit_plan        (PdInspectionsView  *self,
                                                    guint               interval_days,
                                                    const char * const *items);

G_END_DECLS
