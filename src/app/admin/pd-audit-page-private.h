/* pd-audit-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "admin/pd-audit-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
PdAuditModel *_pd_audit_page_get_model         (PdAuditPage *self);
/* The rows the column view shows. */
GListModel   *_pd_audit_page_get_view_model    (PdAuditPage *self);
/* The vertical scrolling of the table. */
GtkAdjustment *_pd_audit_page_get_vadjustment  (PdAuditPage *self);
/* Chooses NAME in a filter drop-down; NULL chooses "all". FALSE when
 * NAME is not offered. */
gboolean      _pd_audit_page_select_user       (PdAuditPage *self,
                                                const char  *name);
gboolean      _pd_audit_page_select_action     (PdAuditPage *self,
                                                const char  *action);
/* "ok", "denied" or NULL. */
gboolean      _pd_audit_page_select_result     (PdAuditPage *self,
                                                const char  *result);
GtkEditable  *_pd_audit_page_get_since_entry   (PdAuditPage *self);
GtkEditable  *_pd_audit_page_get_until_entry   (PdAuditPage *self);
/* TRUE when the "no records" page is shown instead of the table. */
gboolean      _pd_audit_page_get_showing_empty (PdAuditPage *self);

G_END_DECLS
