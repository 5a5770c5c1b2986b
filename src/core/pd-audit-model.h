/* pd-audit-model.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_AUDIT_MODEL (pd_audit_model_get_type ())

G_DECLARE_FINAL_TYPE (PdAuditModel, pd_audit_model, PD, AUDIT_MODEL, GObject)

/* A lazy GListModel of PdAuditRecord, newest first, read on behalf of
 * ACTOR. The matching row ids are found in a worker thread with its own
 * connection; rows are then read in pages as the view asks for them.
 * Property "loading" is TRUE while a reload runs; "n-items" follows the
 * list. New records appended to the store show up at the top.
 *
 * Every reload checks that ACTOR may read the audit log (a role may have
 * changed meanwhile); when not, the refusal is audited, the list stays
 * empty and "error" holds the translated reason. */
PdAuditModel *pd_audit_model_new         (PdStore             *store,
                                          PdUser              *actor);
const char   *pd_audit_model_get_error   (PdAuditModel        *self);
/* Copies FILTER and reloads in the background. */
void          pd_audit_model_set_filter  (PdAuditModel        *self,
                                          const PdAuditFilter *filter);
void          pd_audit_model_reload      (PdAuditModel        *self);
gboolean      pd_audit_model_get_loading (PdAuditModel        *self);

G_END_DECLS
