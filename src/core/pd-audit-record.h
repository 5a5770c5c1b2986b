/* pd-audit-record.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_AUDIT_RECORD (pd_audit_record_get_type ())

G_DECLARE_FINAL_TYPE (PdAuditRecord, pd_audit_record, PD, AUDIT_RECORD, GObject)

/* One immutable row of the audit log. Properties of the same names
 * (read-only) exist for GtkExpression bindings in column views. */
PdAuditRecord *pd_audit_record_new            (gint64      id,
                                               const char *ts,
                                               const char *user,
                                               const char *role,
                                               const char *station,
                                               const char *action,
                                               const char *entity,
                                               const char *entity_id,
                                               const char *result,
                                               const char *detail);
gint64         pd_audit_record_get_id         (PdAuditRecord *self);
/* ISO 8601 UTC with milliseconds, e.g. "2026-11-24T04:00:00.123Z". */
const char    *pd_audit_record_get_ts         (PdAuditRecord *self);
/* The time in the local time zone, "2026-11-24 12:00:00". */
char          *pd_audit_record_format_local_time (PdAuditRecord *self);
const char    *pd_audit_record_get_user       (PdAuditRecord *self);
const char    *pd_audit_record_get_role       (PdAuditRecord *self);
const char    *pd_audit_record_get_station    (PdAuditRecord *self);
const char    *pd_audit_record_get_action     (PdAuditRecord *self);
const char    *pd_audit_record_get_entity     (PdAuditRecord *self);
const char    *pd_audit_record_get_entity_id  (PdAuditRecord *self);
const char    *pd_audit_record_get_result     (PdAuditRecord *self);
const char    *pd_audit_record_get_detail     (PdAuditRecord *self);

/* What an action name such as "user.add" means, translated, for people;
 * an action this version does not know comes back as it is. */
const char    *pd_audit_action_get_label      (const char    *action);
/* The same for entity names such as "user". */
const char    *pd_audit_entity_get_label      (const char    *entity);

G_END_DECLS
