/* pd-mes.h — MES master data: work centers, bills of materials, routings
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pd-qty.h"
#include "pd-work-calendar.h"

G_BEGIN_DECLS

#define PD_WORK_CENTER_CODE_MAX   64
#define PD_WORK_CENTER_NAME_MAX   200
#define PD_WORK_CENTER_CAPACITY_MAX 1000
#define PD_ROUTING_SEQ_MAX        100000
#define PD_ROUTING_TIME_MAX       (G_GINT64_CONSTANT (1000000) * 3600 * 24 * 30)  /* µs: 30 days */
#define PD_SCRAP_PCT_MAX          (100 * PD_QTY_ONE)

/**
 * PdWorkCenter:
 *
 * A work center: where operations run, CAPACITY of them at once, in the
 * working time of its shifts and exceptions. The tags and locations are
 * given by name ("DEVICE/TAG", a location code) and the store fills in
 * their ids; NULL: none.
 */
typedef struct
{
  gint64   id;              /* 0 before it is stored */
  char    *uuid;
  char    *code;            /* unique regardless of case */
  char    *name;
  char    *line;            /* or NULL */
  char    *kind;            /* "press": work centers of one kind can run one
                             * another's operations; NULL: its own kind */
  guint    capacity;        /* ≥ 1 */
  char    *good_tag;        /* "DEVICE/TAG" of the good parts counter, or NULL */
  char    *scrap_tag;
  char    *running_tag;
  gint64   good_tag_id;     /* filled by the store */
  gint64   scrap_tag_id;
  gint64   running_tag_id;
  char    *from_location;   /* location code material comes from, or NULL */
  char    *to_location;     /* location code finished goods go to, or NULL */
  gint64   from_location_id;
  gint64   to_location_id;
  GArray  *shifts;          /* PdShift, owned (their breaks too) */
  GArray  *exceptions;      /* PdCalendarException, owned */
  char    *created_at;
  char    *updated_at;
} PdWorkCenter;

/* One component of a bill of materials. */
typedef struct
{
  gint64    component_id;   /* the store fills it from the SKU */
  char     *component_sku;
  char     *component_name; /* filled on reading, or NULL */
  char     *unit;           /* filled on reading, or NULL */
  PdQty     qty;            /* per unit of the product, > 0 */
  PdQty     scrap_pct;      /* scrap allowance in percent, 0…100 */
  gboolean  backflush;      /* TRUE: issued on each report; FALSE: picked at operation start */
} PdBomLine;

/**
 * PdBom:
 *
 * One version of a product's bill of materials.
 */
typedef struct
{
  gint64     id;
  char      *uuid;
  gint64     product_id;
  char      *product_sku;
  guint      version;       /* 1, 2 … */
  gboolean   active;
  char      *created_at;
  GPtrArray *lines;         /* PdBomLine */
} PdBom;

/* One operation of a routing. */
typedef struct
{
  guint     seq;               /* unique in its routing, ≥ 1 */
  gint64    work_center_id;    /* the store fills it from the code */
  char     *work_center_code;
  gint64    setup_us;          /* setup time, µs */
  gint64    run_us;            /* run time per unit (ideal cycle time), µs */
  char     *instructions;      /* or NULL */
  gboolean  overlap;           /* the next operation may start before this one is done */
} PdRoutingOp;

/**
 * PdRouting:
 *
 * One version of a product's routing: its operations by sequence.
 */
typedef struct
{
  gint64     id;
  char      *uuid;
  gint64     product_id;
  char      *product_sku;
  guint      version;
  gboolean   active;
  char      *created_at;
  GPtrArray *ops;           /* PdRoutingOp, by seq once read */
} PdRouting;

PdWorkCenter *pd_work_center_new        (void);
PdWorkCenter *pd_work_center_copy       (const PdWorkCenter *wc);
void          pd_work_center_free       (PdWorkCenter *wc);
/* Takes a copy of SHIFT (its breaks too). */
void          pd_work_center_add_shift  (PdWorkCenter *wc,
                                         const PdShift *shift);
void          pd_work_center_add_exception (PdWorkCenter *wc,
                                         const PdCalendarException *exception);
/* Code, name, line, capacity, tag names, location codes and the shifts
 * (not overlapping) checked; errors name the field and the value. */
gboolean      pd_work_center_validate   (const PdWorkCenter *wc,
                                         GError      **error);
/* The calendar of WC's shifts and exceptions in TZ (NULL: local). */
PdWorkCalendar *pd_work_center_build_calendar (const PdWorkCenter *wc,
                                         GTimeZone    *tz,
                                         GError      **error);
JsonObject   *pd_work_center_to_json    (const PdWorkCenter *wc);

PdBomLine    *pd_bom_line_new           (const char   *component_sku,
                                         PdQty         qty,
                                         PdQty         scrap_pct,
                                         gboolean      backflush);
void          pd_bom_line_free          (PdBomLine    *line);
PdBom        *pd_bom_new                (void);
void          pd_bom_free               (PdBom        *bom);
/* "SKU:QTY[:SCRAP%]" as plantdesk-ctl reads it, backflushed. */
PdBomLine    *pd_bom_line_parse         (const char   *text,
                                         GError      **error);
/* At least one line; quantities > 0, scrap 0…100, no component twice. */
gboolean      pd_bom_validate           (const PdBom  *bom,
                                         GError      **error);
JsonObject   *pd_bom_to_json            (const PdBom  *bom);

PdRoutingOp  *pd_routing_op_new         (guint         seq,
                                         const char   *work_center_code,
                                         gint64        setup_us,
                                         gint64        run_us);
void          pd_routing_op_free        (PdRoutingOp  *op);
PdRouting    *pd_routing_new            (void);
void          pd_routing_free           (PdRouting    *routing);
/* "SEQ:WORKCENTER:SETUP_MINUTES:RUN_SECONDS_PER_UNIT" (exact decimals). */
PdRoutingOp  *pd_routing_op_parse       (const char   *text,
                                         GError      **error);
/* At least one operation; sequences ≥ 1 and unique; times ≥ 0. */
gboolean      pd_routing_validate       (const PdRouting *routing,
                                         GError      **error);
JsonObject   *pd_routing_to_json        (const PdRouting *routing);

/* µs as an exact decimal of seconds / minutes ("1.5"). */
char         *pd_mes_format_seconds     (gint64        us);
char         *pd_mes_format_minutes     (gint64        us);
/* An ISO 8601 time in local time, "2026-11-24 16:05"; NULL: "—"; one
 * that does not parse as it is. */
char         *pd_mes_format_local_time  (const char   *iso8601);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWorkCenter, pd_work_center_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdBomLine, pd_bom_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdBom, pd_bom_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRoutingOp, pd_routing_op_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRouting, pd_routing_free)

G_END_DECLS
