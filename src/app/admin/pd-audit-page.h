/* pd-audit-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_AUDIT_PAGE (pd_audit_page_get_type ())

/* The "Audit Log" section: the whole log in a lazy column view, with
 * filters by user, action, date range and result. */
G_DECLARE_FINAL_TYPE (PdAuditPage, pd_audit_page, PD, AUDIT_PAGE, PdSectionPage)

G_END_DECLS
