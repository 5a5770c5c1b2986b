/* pd-kpi.h — production KPIs and OEE (ISO 22400) per work center and
 * per shift, day or range, computed from the work-order events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-qty.h"

G_BEGIN_DECLS

/* How the range is cut into buckets. */
typedef enum
{
  PD_KPI_BY_SHIFT,   /* each occurrence of a shift of the work center's calendar */
  PD_KPI_BY_DAY,     /* local days (00:00–24:00 in the time zone) */
  PD_KPI_BY_RANGE,   /* the whole range as one bucket */
} PdKpiBy;

/* The downtime "reason" of planned production time in which the work
 * center neither ran nor stood paused: unplanned, or no work. */
#define PD_KPI_REASON_NO_WORK "no-work"

/* One downtime reason of a bucket: a pause reason code
 * (pd_pause_reason_to_string) or PD_KPI_REASON_NO_WORK. */
typedef struct
{
  char   *reason;
  gint64  us;            /* machine time, µs */
  double  share;         /* of the bucket's downtime by reason, 0…1 */
  double  cumulative;    /* share of this and every reason before it */
} PdKpiDowntime;

/**
 * PdKpiBucket:
 *
 * The figures of one work center (or every one of the report's work
 * centers together: WORK_CENTER NULL) over [START, END).
 *
 * Definitions (ISO 22400-2):
 * - PPT, planned production time: the working time of the calendar in the
 *   bucket (pd_work_calendar_working_time) × the work center's capacity:
 *   a work center of capacity N offers N machine-hours an hour, so that
 *   run time can be summed over the operations running side by side.
 * - Run time (APT, actual production time): for every operation on the
 *   work center (wo_operations.work_center_id), the time from each start
 *   or resume to the next pause or complete, clipped to the bucket and to
 *   working time (running in a break or off shift is not counted). An
 *   operation still running at the report's end runs until then.
 * - Downtime = PPT − run time. By reason: the paused time (pause → resume
 *   or complete, clipped likewise) per pause reason, plus
 *   PD_KPI_REASON_NO_WORK = PPT − run − paused, at least 0 (it is only
 *   negative when more operations ran or stood paused at once than the
 *   capacity allows; then run and pauses are kept as recorded and "no
 *   work" is 0). Sorted longest first (Pareto), ties by code.
 * - Good, scrap: the reports whose time lies in the bucket; total = good
 *   + scrap; scrap rate = scrap ÷ total.
 * - Ideal time = Σ over reports of the operation's run time per unit
 *   (the routing's ideal cycle time, frozen at release) × (good + scrap).
 * - Availability A = run ÷ PPT; performance P = ideal ÷ run; quality
 *   Q = good ÷ total; OEE = A × P × Q.
 * - On-time rate: of the work orders completed in the bucket (the time of
 *   the last "complete" event of an order now completed or closed), the
 *   share completed at or before their due time. For a work center: the
 *   orders with an operation on it.
 *
 * Edge cases: a ratio whose divisor is 0 is undefined (NAN, shown as
 * "—", null in JSON, an empty CSV field): A without PPT, P without run
 * time, Q and scrap rate without a count, the on-time rate without a
 * completed order. OEE is undefined when A, P or Q is, except that it is
 * 0 when there was PPT but no run time or no count (A = 0 or P = 0:
 * whatever the undefined factor would be, nothing was produced in planned
 * time; ISO 22400's OEE is then 0). Without PPT everything is undefined,
 * even when something was counted (work off the calendar). Nothing is capped:
 * P above 1 means counts were reported faster than the ideal cycle time
 * (a routing whose run time is too long, or counts reported for work done
 * outside the run time), A above 1 more operations running at once than
 * the capacity; both are shown as they are so that the data can be fixed.
 */
typedef struct
{
  char    *work_center;     /* code, or NULL for all together */
  gint64   start;           /* µs since the epoch */
  gint64   end;
  gint64   ppt_us;
  gint64   run_us;
  gint64   downtime_us;
  gint64   ideal_us;
  PdQty    good;
  PdQty    scrap;
  PdQty    total;
  guint    orders_completed;
  guint    orders_on_time;
  double   availability;    /* NAN: undefined */
  double   performance;
  double   quality;
  double   oee;
  double   scrap_rate;
  double   on_time_rate;
  GArray  *downtime;        /* PdKpiDowntime, Pareto order */
} PdKpiBucket;

typedef struct
{
  PdKpiBy     by;
  gint64      from;
  gint64      to;
  char       *work_center;  /* the filter, or NULL: every work center */
  GPtrArray  *work_centers; /* codes (char *) of the report, by code */
  GPtrArray  *rows;         /* PdKpiBucket per work center and bucket, by
                             * work center then start */
  GPtrArray  *totals;       /* PdKpiBucket (WORK_CENTER NULL) per bucket
                             * interval over every work center, by start */
  PdKpiBucket *total;       /* the whole range over every work center */
} PdKpiReport;

const char  *pd_kpi_by_to_string        (PdKpiBy        by);
gboolean     pd_kpi_by_from_string      (const char    *str,
                                         PdKpiBy       *by);

/* The translated label of a downtime reason code (a pause reason or
 * PD_KPI_REASON_NO_WORK). */
const char  *pd_kpi_reason_get_label    (const char    *reason);

/* RATIO as a percentage with one decimal ("77.8 %"), or "—" when it is
 * undefined (NAN). */
char        *pd_kpi_format_ratio        (double         ratio);
/* A duration as hours and minutes ("7 h 30 min", "45 min"), translated. */
char        *pd_kpi_format_duration     (gint64         us);

/* Computes the KPIs on DB (any connection; it only reads) of the work
 * center WORK_CENTER (any case; NULL: every work center) over [FROM, TO)
 * cut BY, with the calendars and days in TZ (NULL: local). Operations
 * still running or paused are counted until NOW (or TO if earlier).
 * PD_ERROR_NOT_FOUND for an unknown work center, PD_ERROR_INVALID when
 * TO is not after FROM. */
PdKpiReport *pd_kpi_compute             (sqlite3       *db,
                                         const char    *work_center,
                                         gint64         from,
                                         gint64         to,
                                         PdKpiBy        by,
                                         GTimeZone     *tz,
                                         gint64         now,
                                         GError       **error);
void         pd_kpi_report_free         (PdKpiReport   *report);

/* The default range at NOW of WORK_CENTER (NULL: of the first work
 * center that is in a shift at NOW): the current shift so far, from its
 * start to NOW, when one is on; else today so far (local midnight to
 * NOW). Sets *FROM and *TO. */
gboolean     pd_kpi_default_range       (sqlite3       *db,
                                         const char    *work_center,
                                         gint64         now,
                                         GTimeZone     *tz,
                                         gint64        *from,
                                         gint64        *to,
                                         GError       **error);

/* The current shift of WORK_CENTER_ID at NOW: [*START, *END) of the shift
 * occurrence that contains NOW; FALSE when none does. */
gboolean     pd_kpi_current_shift       (sqlite3       *db,
                                         gint64         work_center_id,
                                         gint64         now,
                                         GTimeZone     *tz,
                                         gint64        *start,
                                         gint64        *end,
                                         GError       **error);

/* The rows as CSV, a header line first: work_center (empty for the
 * totals), start, end (local ISO 8601), ppt_s, run_s, downtime_s, good,
 * scrap, total, scrap_rate, availability, performance, quality, oee,
 * orders_completed, orders_on_time, on_time_rate, downtime_by_reason
 * ("reason=seconds;…" in Pareto order); undefined ratios empty. The
 * totals follow the rows when the report covers more than one work
 * center. */
char        *pd_kpi_report_to_csv       (const PdKpiReport *report);

JsonObject  *pd_kpi_bucket_to_json      (const PdKpiBucket *bucket);
JsonObject  *pd_kpi_report_to_json      (const PdKpiReport *report);

/* pd_kpi_compute() in a worker thread on a connection of its own to
 * DB_PATH, at the time of the call. */
void         pd_kpi_compute_async       (const char          *db_path,
                                         const char          *work_center,
                                         gint64               from,
                                         gint64               to,
                                         PdKpiBy              by,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
PdKpiReport *pd_kpi_compute_finish      (GAsyncResult        *result,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdKpiReport, pd_kpi_report_free)

G_END_DECLS
