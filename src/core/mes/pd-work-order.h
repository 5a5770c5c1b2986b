/* pd-work-order.h — work orders, their operations and events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pd-qty.h"

G_BEGIN_DECLS

#define PD_WO_PRIORITY_MIN      1   /* most urgent */
#define PD_WO_PRIORITY_MAX      5
#define PD_WO_PRIORITY_DEFAULT  3
#define PD_WO_REF_MAX           200
/* How far beyond the ordered quantity an operator may report, in percent
 * (PdQty). Beyond it a report needs PD_PERMISSION_MES_PLAN. */
#define PD_WO_REPORT_TOLERANCE_PCT ((PdQty) 0)

/* Stable strings (the status column): "draft", "released", "scheduled",
 * "issued", "in-progress", "paused", "completed", "closed", "cancelled". */
typedef enum
{
  PD_WO_DRAFT,
  PD_WO_RELEASED,
  PD_WO_SCHEDULED,
  PD_WO_ISSUED,
  PD_WO_IN_PROGRESS,
  PD_WO_PAUSED,
  PD_WO_COMPLETED,
  PD_WO_CLOSED,
  PD_WO_CANCELLED,
} PdWoStatus;
#define PD_WO_N_STATUSES (PD_WO_CANCELLED + 1)

/* "pending", "ready", "running", "paused", "done". */
typedef enum
{
  PD_WO_OP_PENDING,
  PD_WO_OP_READY,
  PD_WO_OP_RUNNING,
  PD_WO_OP_PAUSED,
  PD_WO_OP_DONE,
} PdWoOpStatus;
#define PD_WO_OP_N_STATUSES (PD_WO_OP_DONE + 1)

/* "material", "breakdown", "changeover", "quality", "break", "other". */
typedef enum
{
  PD_PAUSE_MATERIAL,
  PD_PAUSE_BREAKDOWN,
  PD_PAUSE_CHANGEOVER,
  PD_PAUSE_QUALITY,
  PD_PAUSE_BREAK,
  PD_PAUSE_OTHER,
} PdPauseReason;
#define PD_N_PAUSE_REASONS (PD_PAUSE_OTHER + 1)

/* "material", "setup", "machine", "operator", "dimension", "surface", "other". */
typedef enum
{
  PD_SCRAP_MATERIAL,
  PD_SCRAP_SETUP,
  PD_SCRAP_MACHINE,
  PD_SCRAP_OPERATOR,
  PD_SCRAP_DIMENSION,
  PD_SCRAP_SURFACE,
  PD_SCRAP_OTHER,
} PdScrapReason;
#define PD_N_SCRAP_REASONS (PD_SCRAP_OTHER + 1)

/* The actions on an order and on an operation; the event kinds. */
typedef enum
{
  PD_WO_ACTION_CREATE,
  PD_WO_ACTION_RELEASE,
  PD_WO_ACTION_SCHEDULE,
  PD_WO_ACTION_ISSUE,
  PD_WO_ACTION_START,
  PD_WO_ACTION_PAUSE,
  PD_WO_ACTION_RESUME,
  PD_WO_ACTION_REPORT,
  PD_WO_ACTION_COMPLETE,
  PD_WO_ACTION_CLOSE,
  PD_WO_ACTION_CANCEL,
} PdWoAction;
#define PD_WO_N_ACTIONS (PD_WO_ACTION_CANCEL + 1)

typedef struct
{
  gint64        id;
  guint         seq;
  gint64        work_center_id;
  char         *work_center_code;
  gint64        setup_us;
  gint64        run_us;          /* per unit */
  gboolean      overlap;
  PdWoOpStatus  status;
  char         *planned_start;   /* ISO 8601 UTC, or NULL */
  char         *planned_end;
  gboolean      locked;
  PdQty         good;
  PdQty         scrap;
} PdWoOperation;

typedef struct
{
  gint64      id;
  char       *uuid;
  char       *number;           /* "WO-000123" */
  gint64      product_id;
  char       *product_sku;
  char       *product_name;     /* filled on reading */
  PdQty       qty;              /* > 0 */
  char       *due;              /* ISO 8601 UTC */
  guint       priority;         /* 1 (most urgent) … 5 */
  char       *ref;              /* or NULL */
  PdWoStatus  status;
  guint       routing_version;  /* 0 before release */
  guint       bom_version;      /* 0 before release or without a BOM */
  char       *planned_start;
  char       *planned_end;
  char       *created_at;
  char       *updated_at;
  GPtrArray  *ops;              /* PdWoOperation by seq */
} PdWorkOrder;

typedef struct
{
  gint64         id;
  char          *uuid;
  PdWoAction     kind;
  guint          seq;           /* 0 for the order */
  char          *reason;        /* pause or scrap reason code, or NULL */
  PdQty          good;
  PdQty          scrap;
  char          *source;        /* "manual", "machine" or NULL */
  char          *user;          /* username, or NULL */
  char          *at;
  char          *payload;       /* JSON text */
} PdWoEvent;

const char   *pd_wo_status_to_string     (PdWoStatus     status);
gboolean      pd_wo_status_from_string   (const char    *str,
                                          PdWoStatus    *status);
const char   *pd_wo_status_get_label     (PdWoStatus     status);

const char   *pd_wo_op_status_to_string  (PdWoOpStatus   status);
gboolean      pd_wo_op_status_from_string (const char   *str,
                                          PdWoOpStatus  *status);
const char   *pd_wo_op_status_get_label  (PdWoOpStatus   status);

const char   *pd_pause_reason_to_string  (PdPauseReason  reason);
gboolean      pd_pause_reason_from_string (const char   *str,
                                          PdPauseReason *reason);
const char   *pd_pause_reason_get_label  (PdPauseReason  reason);

const char   *pd_scrap_reason_to_string  (PdScrapReason  reason);
gboolean      pd_scrap_reason_from_string (const char   *str,
                                          PdScrapReason *reason);
const char   *pd_scrap_reason_get_label  (PdScrapReason  reason);

/* "create", "release", … the event kinds. */
const char   *pd_wo_action_to_string     (PdWoAction     action);
gboolean      pd_wo_action_from_string   (const char    *str,
                                          PdWoAction    *action);
const char   *pd_wo_action_get_label     (PdWoAction     action);

/* N as a work order number: 123 → "WO-000123". */
char         *pd_work_order_format_number (gint64        n);
/* Late: due already, or planned to end after its due time, and not done
 * (completed, closed or cancelled). */
gboolean      pd_work_order_is_late      (const PdWorkOrder *wo);

PdWorkOrder  *pd_work_order_new          (void);
void          pd_work_order_free         (PdWorkOrder   *wo);
PdWoOperation *pd_wo_operation_new       (void);
void          pd_wo_operation_free       (PdWoOperation *op);
PdWoOperation *pd_work_order_get_operation (const PdWorkOrder *wo,
                                          guint          seq);
void          pd_wo_event_free           (PdWoEvent     *event);
/* Good and scrap of the last operation (the order's output). */
PdQty         pd_work_order_get_good     (const PdWorkOrder *wo);
PdQty         pd_work_order_get_scrap    (const PdWorkOrder *wo);
/* Objects with "wo", "uuid", "product", "qty", "status", "due", "priority",
 * "ref", "routing_version", "bom_version", "planned_start",
 * "planned_end", "good", "scrap", "created_at", "updated_at" and, when
 * WITH_OPS, "operations" (seq, work_center, setup_us, run_us, overlap,
 * status, planned_start, planned_end, locked, good, scrap). */
JsonObject   *pd_work_order_to_json      (const PdWorkOrder *wo,
                                          gboolean       with_ops);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWorkOrder, pd_work_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWoOperation, pd_wo_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWoEvent, pd_wo_event_free)

G_END_DECLS
