/* pd-audit-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_AUDIT_PAGE (pd_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (PdAuditPage, pd_audit_page, PD, AUDIT_PAGE, AdwBin)

/* The "Audit Log" section: the whole log in a lazy column view, with
 * filters by user, action, date range and result. */
PdStore *pd_audit_page_get_store (PdAuditPage *self);
PdUser  *pd_audit_page_get_user  (PdAuditPage *self);

G_END_DECLS
