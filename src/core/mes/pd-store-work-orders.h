/* pd-store-work-orders.h — work orders in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"
#include "pd-work-order.h"

G_BEGIN_DECLS

/* Every change appends one row to wo_events through pd_store_write() and
 * derives the order's state in the same transaction; the store emits
 * "work-orders-changed" after the commit (master data writes emit
 * "mes-master-changed"). Planning actions
 * (create, release, schedule, issue, cancel, close, reports beyond the
 * ordered quantity) need PD_PERMISSION_MES_PLAN; execution (start, pause,
 * resume, report, complete) PD_PERMISSION_MES_EXECUTE. Audit actions:
 * "wo.create", "wo.release", … "wo.cancel" (pd_wo_action_to_string); the
 * outbox payload is the event as JSON with the order's number and uuid.
 *
 * A refused action (an invalid transition, bad input) fails with
 * PD_ERROR_INVALID (PD_ERROR_NOT_FOUND for an unknown order or product,
 * PD_ERROR_PERMISSION_DENIED for a report beyond the ordered quantity by
 * someone without PD_PERMISSION_MES_PLAN) and a translated message naming
 * the order, the operation and its state; nothing changes. */

/* The planned times of one operation (what the scheduler sets). */
typedef struct
{
  guint        seq;
  const char  *planned_start;   /* ISO 8601 */
  const char  *planned_end;     /* ISO 8601, not before the start */
  gboolean     locked;          /* pinned by a person */
  const char  *work_center_code; /* NULL: where it is; else another work
                                  * center of the same kind (PdWorkCenter.kind) */
} PdWoOpPlan;

/* Creates WO (product_sku, qty, due, priority, ref) as a draft. Sets its
 * id, uuid, number, product_id, due (normalized to UTC), status and times.
 * A due time in the past is accepted; then *WARNING (if given) is set to a
 * translated warning, else NULL. */
gboolean      pd_store_create_work_order   (PdStore       *self,
                                            PdUser        *actor,
                                            PdWorkOrder   *wo,
                                            char         **warning,
                                            GError       **error);
/* draft → released: copies the active routing's operations, freezes the
 * routing's and the BOM's versions. Refused without a routing. */
gboolean      pd_store_release_work_order  (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            GError       **error);
/* released|scheduled → scheduled: sets the planned times of the
 * operations in PLANS (the others keep theirs); the order's planned
 * start and end span its operations'. */
gboolean      pd_store_schedule_work_order (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            const PdWoOpPlan *plans,
                                            guint          n_plans,
                                            GError       **error);
/* scheduled → issued: the first operation becomes ready. */
gboolean      pd_store_issue_work_order    (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            GError       **error);
/* draft|released|scheduled|issued → cancelled (not once work started). */
gboolean      pd_store_cancel_work_order   (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            GError       **error);
/* completed → closed. */
gboolean      pd_store_close_work_order    (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            GError       **error);

/* Operation SEQ: ready → running. An operation is ready once the order is
 * issued and the previous operation is done, or has reported good parts
 * when its overlap flag is set. The order goes in progress. */
gboolean      pd_store_start_operation     (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            GError       **error);
/* running → paused with REASON. */
gboolean      pd_store_pause_operation     (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            PdPauseReason  reason,
                                            GError       **error);
/* paused → running. */
gboolean      pd_store_resume_operation    (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            GError       **error);
/* Reports GOOD and SCRAP (≥ 0, one > 0; scrap needs SCRAP_REASON) on a
 * running operation. SOURCE is "manual" or "machine" (NULL: manual).
 * Good parts beyond the ordered quantity plus PD_WO_REPORT_TOLERANCE_PCT
 * (scrap does not count towards the order) need
 * PD_PERMISSION_MES_PLAN. While the previous operation is not done (an
 * overlap), an operation reports at most the good parts it passed on.
 * ACTOR is NULL only for SOURCE "machine": the station's counters report
 * as a system write (pd_store_write_system: no person, no audit record;
 * the event has no user). */
gboolean      pd_store_report_operation    (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            PdQty          good,
                                            PdQty          scrap,
                                            PdScrapReason  scrap_reason,
                                            const char    *source,
                                            GError       **error);
/* running|paused → done; the next operation may become ready; completing
 * the last one completes the order. */
gboolean      pd_store_complete_operation  (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            GError       **error);

/* Generic form of the above for tables and scripts: ACTION on the order
 * NUMBER (SEQ ignored) or on its operation SEQ. Schedule plans nothing
 * (the order becomes scheduled), pause gives the reason "other", report
 * reports one good part by hand; CREATE is refused. */
gboolean      pd_store_work_order_action   (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            PdWoAction     action,
                                            guint          seq,
                                            GError       **error);

/* Throws away the derived state (work_orders' status, versions and planned
 * times, wo_operations) and derives it again from wo_events. A system
 * write (no person, no audit record). */
gboolean      pd_store_rebuild_work_orders (PdStore       *self,
                                            GError       **error);

/* --- Reading (pd-store-work-orders-read.c) -------------------------------- */

/* By number (any case) with its operations, or NULL and
 * PD_ERROR_NOT_FOUND "No work order “X”." */
PdWorkOrder  *pd_store_find_work_order     (PdStore       *self,
                                            const char    *number,
                                            GError       **error);
/* Every work order with its operations, by due time then number. */
GPtrArray    *pd_store_list_work_orders    (PdStore       *self,
                                            GError       **error);
/* The events of NUMBER, oldest first. GPtrArray of PdWoEvent. */
GPtrArray    *pd_store_list_work_order_events (PdStore    *self,
                                            const char    *number,
                                            GError       **error);

G_END_DECLS
