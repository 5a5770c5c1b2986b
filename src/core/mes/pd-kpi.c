/* pd-kpi.c — production KPIs and OEE from the work-order events
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-kpi.h"
#include "pd-mes-private.h"
#include "pd-work-order.h"

/* One interval of an operation: running (REASON NULL) or paused for
 * REASON. */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *reason;   /* interned */
} Span;

typedef struct
{
  gint64  at;
  PdQty   good;
  PdQty   scrap;
} Report;

/* One operation on one of the report's work centers, and what its
 * events say it did. */
typedef struct
{
  gint64      wo_id;
  guint       seq;
  guint       wc;        /* index into the report's work centers */
  gint64      unit_us;   /* ideal cycle time */
  GArray     *spans;     /* Span */
  GArray     *reports;   /* Report */
  gint64      open_at;   /* start of the open span, or -1 */
  const char *open_reason;
} Op;

typedef struct
{
  gint64  wo_id;
  gint64  completed;
  gint64  due;
} Order;

typedef struct
{
  PdWorkCenter   *wc;
  PdWorkCalendar *calendar;
} Center;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_array_unref (op->spans);
  g_array_unref (op->reports);
  g_free (op);
}

static void
center_clear (gpointer data)
{
  Center *c = data;

  g_clear_pointer (&c->wc, pd_work_center_free);
  g_clear_pointer (&c->calendar, pd_work_calendar_unref);
}

static void
downtime_clear (gpointer data)
{
  PdKpiDowntime *d = data;

  g_free (d->reason);
}

static PdKpiBucket *
bucket_new (const char *work_center,
            gint64      start,
            gint64      end)
{
  PdKpiBucket *b = g_new0 (PdKpiBucket, 1);

  b->work_center = g_strdup (work_center);
  b->start = start;
  b->end = end;
  b->downtime = g_array_new (FALSE, TRUE, sizeof (PdKpiDowntime));
  g_array_set_clear_func (b->downtime, downtime_clear);
  return b;
}

static void
bucket_free (gpointer data)
{
  PdKpiBucket *b = data;

  g_free (b->work_center);
  g_array_unref (b->downtime);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdKpiBucket, bucket_free)

void
pd_kpi_report_free (PdKpiReport *report)
{
  if (report == NULL)
    return;
  g_free (report->work_center);
  g_ptr_array_unref (report->work_centers);
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->totals);
  g_clear_pointer (&report->total, bucket_free);
  g_free (report);
}

static const char * const by_names[] = { "shift", "day", "range" };

const char *
pd_kpi_by_to_string (PdKpiBy by)
{
  g_return_val_if_fail (by <= PD_KPI_BY_RANGE, NULL);
  return by_names[by];
}

gboolean
pd_kpi_by_from_string (const char *str,
                       PdKpiBy    *by)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (by_names); i++)
    if (g_ascii_strcasecmp (str, by_names[i]) == 0)
      {
        *by = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pd_kpi_reason_get_label (const char *reason)
{
  PdPauseReason pause;

  if (g_strcmp0 (reason, PD_KPI_REASON_NO_WORK) == 0)
    /* TRANSLATORS: downtime in which a work center neither ran nor was paused */
    return C_("downtime reason", "Unplanned / no work");
  if (pd_pause_reason_from_string (reason, &pause))
    return pd_pause_reason_get_label (pause);
  return reason;
}

char *
pd_kpi_format_ratio (double ratio)
{
  if (isnan (ratio))
    return g_strdup ("—");
  /* TRANSLATORS: a percentage, e.g. "77.8 %" */
  return g_strdup_printf (_("%.1f %%"), ratio * 100);
}

char *
pd_kpi_format_duration (gint64 us)
{
  gint64 minutes = (ABS (us) + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC);
  const char *sign = us < 0 ? "−" : "";

  if (minutes < 60)
    /* TRANSLATORS: a duration in minutes; %s is a minus sign or nothing */
    return g_strdup_printf (_("%s%" PRId64 " min"), sign, minutes);
  /* TRANSLATORS: a duration in hours and minutes; %s is a minus sign or nothing */
  return g_strdup_printf (_("%s%" PRId64 " h %02" PRId64 " min"), sign, minutes / 60, minutes % 60);
}

/* --- Time ------------------------------------------------------------------ */

static gint64
to_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text != NULL)
    dt = g_date_time_new_from_iso8601 (text, utc);
  return dt != NULL ? to_us (dt) : -1;
}

/* The instant of MINUTES after the local midnight of DATE in TZ (1440:
 * the next day's midnight). */
static gint64
local_instant (GTimeZone   *tz,
               const GDate *date,
               guint        minutes)
{
  GDate d = *date;
  g_autoptr(GDateTime) dt = NULL;

  if (minutes >= 1440)
    {
      g_date_add_days (&d, minutes / 1440);
      minutes %= 1440;
    }
  dt = g_date_time_new (tz, g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d),
                        minutes / 60, minutes % 60, 0);
  return dt != NULL ? to_us (dt) : 0;
}

static void
local_date (GTimeZone *tz,
            gint64     t,
            GDate     *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static int
compare_bucket_start (gconstpointer a,
                      gconstpointer b)
{
  const PdKpiBucket *x = *(PdKpiBucket * const *) a;
  const PdKpiBucket *y = *(PdKpiBucket * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* The shift occurrences of WC that meet [FROM, TO), clipped to it, as
 * (start, end) pairs in order. */
static GArray *
shift_occurrences (const PdWorkCenter *wc,
                   GTimeZone          *tz,
                   gint64              from,
                   gint64              to)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PdInterval));
  GDate day, last;

  local_date (tz, from, &day);
  g_date_subtract_days (&day, 1);   /* a night shift of the day before */
  local_date (tz, to, &last);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      guint bit = 1u << (g_date_get_weekday (&day) - 1);

      for (guint i = 0; wc->shifts != NULL && i < wc->shifts->len; i++)
        {
          const PdShift *s = &g_array_index (wc->shifts, PdShift, i);
          PdInterval iv;

          if ((s->days & bit) == 0)
            continue;
          iv.start = local_instant (tz, &day, s->start_min);
          iv.end = local_instant (tz, &day, s->end_min > s->start_min ? s->end_min : s->end_min + 1440);
          iv.start = MAX (iv.start, from);
          iv.end = MIN (iv.end, to);
          if (iv.end > iv.start)
            g_array_append_val (out, iv);
        }
    }
  for (guint i = 1; i < out->len; i++)   /* insertion sort: a handful */
    for (guint j = i; j > 0 && g_array_index (out, PdInterval, j - 1).start > g_array_index (out, PdInterval, j).start; j--)
      {
        PdInterval t = g_array_index (out, PdInterval, j);

        g_array_index (out, PdInterval, j) = g_array_index (out, PdInterval, j - 1);
        g_array_index (out, PdInterval, j - 1) = t;
      }
  return out;
}

static GArray *
bucket_intervals (const PdWorkCenter *wc,
                  PdKpiBy             by,
                  GTimeZone          *tz,
                  gint64              from,
                  gint64              to)
{
  GArray *out;
  GDate day;

  if (by == PD_KPI_BY_SHIFT)
    return shift_occurrences (wc, tz, from, to);

  out = g_array_new (FALSE, FALSE, sizeof (PdInterval));
  if (by == PD_KPI_BY_RANGE)
    {
      PdInterval iv = { from, to };

      g_array_append_val (out, iv);
      return out;
    }
  local_date (tz, from, &day);
  for (gint64 start = from; start < to;)
    {
      PdInterval iv;

      g_date_add_days (&day, 1);
      iv.start = start;
      iv.end = MIN (local_instant (tz, &day, 0), to);
      if (iv.end <= iv.start)   /* a time zone that skips a midnight */
        break;
      g_array_append_val (out, iv);
      start = iv.end;
    }
  return out;
}

/* --- Reading --------------------------------------------------------------- */

static gboolean
load_centers (sqlite3     *db,
              const char  *code,
              GTimeZone   *tz,
              GArray      *centers,
              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = pd_read_conn_prepare (db,
                               code != NULL
                               ? "SELECT id FROM work_centers WHERE code = ?1 COLLATE NOCASE"
                               : "SELECT id FROM work_centers ORDER BY code COLLATE NOCASE",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return FALSE;
  if (code != NULL && ids->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No work center “%s”."), code);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      Center c = { NULL, };

      c.wc = _pd_work_center_load (db, g_array_index (ids, gint64, i), error);
      if (c.wc == NULL)
        return FALSE;
      c.calendar = pd_work_center_build_calendar (c.wc, tz, error);
      if (c.calendar == NULL)
        {
          pd_work_center_free (c.wc);
          return FALSE;
        }
      g_array_append_val (centers, c);
    }
  return TRUE;
}

static void
close_span (Op     *op,
            gint64  at)
{
  if (op->open_at >= 0 && at > op->open_at)
    {
      Span s = { op->open_at, at, op->open_reason };

      g_array_append_val (op->spans, s);
    }
  op->open_at = -1;
  op->open_reason = NULL;
}

/* The operations on CENTERS with their running and paused spans and
 * reports, from the events up to END (spans still open end at END). The
 * events are taken in the order of their times, not of their ids: events
 * recorded offline at another station arrive later than newer ones. */
static GPtrArray *
load_operations (sqlite3  *db,
                 GArray   *centers,
                 gint64    end,
                 GError  **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (op_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_wc = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GStringChunk) keys = g_string_chunk_new (1024);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < centers->len; i++)
    {
      Center *c = &g_array_index (centers, Center, i);

      g_hash_table_insert (by_wc, &c->wc->id, GUINT_TO_POINTER (i + 1));
    }

  stmt = pd_read_conn_prepare (db, "SELECT work_order_id, seq, work_center_id, run_us FROM wo_operations", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 wc_id = sqlite3_column_int64 (stmt, 2);
      guint wc = GPOINTER_TO_UINT (g_hash_table_lookup (by_wc, &wc_id));
      g_autofree char *key = NULL;
      Op *op;

      if (wc == 0)
        continue;
      op = g_new0 (Op, 1);
      op->wo_id = sqlite3_column_int64 (stmt, 0);
      op->seq = sqlite3_column_int (stmt, 1);
      op->wc = wc - 1;
      op->unit_us = sqlite3_column_int64 (stmt, 3);
      op->spans = g_array_new (FALSE, FALSE, sizeof (Span));
      op->reports = g_array_new (FALSE, FALSE, sizeof (Report));
      op->open_at = -1;
      g_ptr_array_add (ops, op);
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", op->wo_id, op->seq);
      g_hash_table_insert (by_key, g_string_chunk_insert (keys, key), op);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  stmt = pd_read_conn_prepare (db,
                               "SELECT work_order_id, seq, kind, reason, good, scrap, at FROM wo_events "
                               "WHERE seq IS NOT NULL AND kind IN ('start', 'pause', 'resume', 'report', 'complete') "
                               "ORDER BY at, id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d", (gint64) sqlite3_column_int64 (stmt, 0),
                                              sqlite3_column_int (stmt, 1));
      Op *op = g_hash_table_lookup (by_key, key);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      gint64 at;

      if (op == NULL)
        continue;
      at = parse_time ((const char *) sqlite3_column_text (stmt, 6));
      if (at < 0)
        continue;
      at = MIN (at, end);
      if (strcmp (kind, "report") == 0)
        {
          Report r = { at, sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5) };

          g_array_append_val (op->reports, r);
          continue;
        }
      close_span (op, at);
      if (strcmp (kind, "start") == 0 || strcmp (kind, "resume") == 0)
        op->open_at = at;
      else if (strcmp (kind, "pause") == 0)
        {
          const char *reason = (const char *) sqlite3_column_text (stmt, 3);

          op->open_at = at;
          op->open_reason = g_intern_string (reason != NULL ? reason : "other");
        }
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < ops->len; i++)
    close_span (g_ptr_array_index (ops, i), end);
  return g_steal_pointer (&ops);
}

/* The orders completed (now completed or closed) with their completion
 * time and due time; *ON_WC gets for each order the mask of CENTERS it
 * has an operation on (bit i for center i < 64, else every bit). */
static GArray *
load_orders (sqlite3    *db,
             GPtrArray  *ops,
             GHashTable *wc_masks,
             GError    **error)
{
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (Order));
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = g_ptr_array_index (ops, i);
      guint64 *mask = g_hash_table_lookup (wc_masks, &op->wo_id);

      if (mask == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = op->wo_id;
          mask = g_new0 (guint64, 1);
          g_hash_table_insert (wc_masks, key, mask);
        }
      *mask |= op->wc < 64 ? G_GUINT64_CONSTANT (1) << op->wc : G_MAXUINT64;
    }

  stmt = pd_read_conn_prepare (db,
                               "SELECT w.id, w.due, max (e.at) FROM work_orders w "
                               "JOIN wo_events e ON e.work_order_id = w.id AND e.kind = 'complete' "
                               "WHERE w.status IN ('completed', 'closed') GROUP BY w.id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Order o;

      o.wo_id = sqlite3_column_int64 (stmt, 0);
      o.due = parse_time ((const char *) sqlite3_column_text (stmt, 1));
      o.completed = parse_time ((const char *) sqlite3_column_text (stmt, 2));
      if (o.due >= 0 && o.completed >= 0)
        g_array_append_val (orders, o);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&orders);
}

/* --- Figures --------------------------------------------------------------- */

static gint64
overlap_us (const GArray *working,
            gint64        start,
            gint64        end)
{
  gint64 sum = 0;

  for (guint i = 0; i < working->len; i++)
    {
      const PdInterval *w = &g_array_index (working, PdInterval, i);
      gint64 s = MAX (w->start, start), e = MIN (w->end, end);

      if (e > s)
        sum += e - s;
    }
  return sum;
}

static void
add_downtime (PdKpiBucket *b,
              const char  *reason,
              gint64       us)
{
  PdKpiDowntime d = { NULL, };

  if (us <= 0)
    return;
  for (guint i = 0; i < b->downtime->len; i++)
    {
      PdKpiDowntime *e = &g_array_index (b->downtime, PdKpiDowntime, i);

      if (strcmp (e->reason, reason) == 0)
        {
          e->us += us;
          return;
        }
    }
  d.reason = g_strdup (reason);
  d.us = us;
  g_array_append_val (b->downtime, d);
}

static int
compare_downtime (gconstpointer a,
                  gconstpointer b)
{
  const PdKpiDowntime *x = a, *y = b;

  if (x->us != y->us)
    return x->us > y->us ? -1 : 1;
  return strcmp (x->reason, y->reason);
}

static double
ratio (double num,
       double den)
{
  return den > 0 ? num / den : NAN;
}

/* Derives the ratios and the Pareto order from the sums of B. */
static void
finish_bucket (PdKpiBucket *b)
{
  double sum = 0, cum = 0;

  b->downtime_us = b->ppt_us - b->run_us;
  b->total = b->good + b->scrap;
  b->availability = ratio (b->run_us, b->ppt_us);
  b->performance = ratio (b->ideal_us, b->run_us);
  b->quality = ratio (b->good, b->total);
  b->scrap_rate = ratio (b->scrap, b->total);
  b->on_time_rate = ratio (b->orders_on_time, b->orders_completed);
  if (b->ppt_us > 0 && (b->run_us == 0 || b->total == 0))
    b->oee = 0;
  else if (isnan (b->availability) || isnan (b->performance) || isnan (b->quality))
    b->oee = NAN;
  else
    b->oee = b->availability * b->performance * b->quality;

  g_array_sort (b->downtime, compare_downtime);
  for (guint i = 0; i < b->downtime->len; i++)
    sum += g_array_index (b->downtime, PdKpiDowntime, i).us;
  for (guint i = 0; i < b->downtime->len; i++)
    {
      PdKpiDowntime *d = &g_array_index (b->downtime, PdKpiDowntime, i);

      cum += d->us;
      d->share = ratio (d->us, sum);
      d->cumulative = ratio (cum, sum);
    }
}

static void
count_orders (PdKpiBucket *b,
              GArray      *orders,
              GHashTable  *wc_masks,
              guint64      mask)
{
  for (guint i = 0; i < orders->len; i++)
    {
      const Order *o = &g_array_index (orders, Order, i);
      const guint64 *m;

      if (o->completed < b->start || o->completed >= b->end)
        continue;
      m = g_hash_table_lookup (wc_masks, &o->wo_id);
      if (m == NULL || (*m & mask) == 0)
        continue;
      b->orders_completed++;
      if (o->completed <= o->due)
        b->orders_on_time++;
    }
}

/* Sums what happened on CENTER (index WC) in B. */
static void
fill_bucket (PdKpiBucket *b,
             Center      *center,
             guint        wc,
             GPtrArray   *ops)
{
  g_autoptr(GArray) working = pd_work_calendar_intervals (center->calendar, b->start, b->end);
  gint64 calendar_us = 0, paused = 0;
  double ideal = 0;

  for (guint i = 0; i < working->len; i++)
    calendar_us += g_array_index (working, PdInterval, i).end - g_array_index (working, PdInterval, i).start;
  b->ppt_us = calendar_us * MAX (center->wc->capacity, 1);

  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = g_ptr_array_index (ops, i);

      if (op->wc != wc)
        continue;
      for (guint k = 0; k < op->spans->len; k++)
        {
          const Span *s = &g_array_index (op->spans, Span, k);
          gint64 us = overlap_us (working, s->start, s->end);

          if (s->reason == NULL)
            b->run_us += us;
          else
            {
              add_downtime (b, s->reason, us);
              paused += us;
            }
        }
      for (guint k = 0; k < op->reports->len; k++)
        {
          const Report *r = &g_array_index (op->reports, Report, k);

          if (r->at < b->start || r->at >= b->end)
            continue;
          b->good += r->good;
          b->scrap += r->scrap;
          ideal += (double) op->unit_us * (double) (r->good + r->scrap) / PD_QTY_ONE;
        }
    }
  b->ideal_us = (gint64) llround (ideal);
  add_downtime (b, PD_KPI_REASON_NO_WORK, b->ppt_us - b->run_us - paused);
}

/* Adds the sums of FROM into INTO. */
static void
merge_bucket (PdKpiBucket       *into,
              const PdKpiBucket *from)
{
  into->ppt_us += from->ppt_us;
  into->run_us += from->run_us;
  into->ideal_us += from->ideal_us;
  into->good += from->good;
  into->scrap += from->scrap;
  for (guint i = 0; i < from->downtime->len; i++)
    {
      const PdKpiDowntime *d = &g_array_index (from->downtime, PdKpiDowntime, i);

      add_downtime (into, d->reason, d->us);
    }
}

PdKpiReport *
pd_kpi_compute (sqlite3     *db,
                const char  *work_center,
                gint64       from,
                gint64       to,
                PdKpiBy      by,
                GTimeZone   *tz,
                gint64       now,
                GError     **error)
{
  g_autoptr(PdKpiReport) report = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GArray) centers = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GArray) orders = NULL;
  g_autoptr(GHashTable) wc_masks = NULL;
  g_autoptr(GHashTable) totals = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (by <= PD_KPI_BY_RANGE, NULL);

  if (to <= from)
    {
      g_autofree char *f = pd_csv_format_time (from, 3);
      g_autofree char *t = pd_csv_format_time (to, 3);

      /* TRANSLATORS: a KPI range; %s are times */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The end of the range “%s” is not after its start “%s”."), t, f);
      return NULL;
    }
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  centers = g_array_new (FALSE, TRUE, sizeof (Center));
  g_array_set_clear_func (centers, center_clear);
  if (!load_centers (db, work_center, tz, centers, error))
    return NULL;
  ops = load_operations (db, centers, MIN (to, now), error);
  if (ops == NULL)
    return NULL;
  wc_masks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  orders = load_orders (db, ops, wc_masks, error);
  if (orders == NULL)
    return NULL;

  report = g_new0 (PdKpiReport, 1);
  report->by = by;
  report->from = from;
  report->to = to;
  report->work_center = g_strdup (work_center);
  report->work_centers = g_ptr_array_new_with_free_func (g_free);
  report->rows = g_ptr_array_new_with_free_func (bucket_free);
  report->totals = g_ptr_array_new_with_free_func (bucket_free);
  report->total = bucket_new (NULL, from, to);
  totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < centers->len; i++)
    {
      Center *c = &g_array_index (centers, Center, i);
      g_autoptr(GArray) intervals = bucket_intervals (c->wc, by, tz, from, to);
      guint64 mask = i < 64 ? G_GUINT64_CONSTANT (1) << i : G_MAXUINT64;

      g_ptr_array_add (report->work_centers, g_strdup (c->wc->code));
      for (guint k = 0; k < intervals->len; k++)
        {
          const PdInterval *iv = &g_array_index (intervals, PdInterval, k);
          PdKpiBucket *b = bucket_new (c->wc->code, iv->start, iv->end);
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, iv->start, iv->end);
          PdKpiBucket *t;

          fill_bucket (b, c, i, ops);
          count_orders (b, orders, wc_masks, mask);
          t = g_hash_table_lookup (totals, key);
          if (t == NULL)
            {
              t = bucket_new (NULL, iv->start, iv->end);
              g_ptr_array_add (report->totals, t);
              g_hash_table_insert (totals, g_steal_pointer (&key), t);
            }
          merge_bucket (t, b);
          if (by != PD_KPI_BY_SHIFT)
            merge_bucket (report->total, b);
          finish_bucket (b);
          g_ptr_array_add (report->rows, b);
        }
      if (by == PD_KPI_BY_SHIFT)
        {
          /* The shift buckets leave out time between shifts, where
           * overtime may lie: the total is over the whole range. */
          g_autoptr(PdKpiBucket) whole = bucket_new (c->wc->code, from, to);

          fill_bucket (whole, c, i, ops);
          merge_bucket (report->total, whole);
        }
    }

  g_ptr_array_sort (report->totals, compare_bucket_start);
  for (guint i = 0; i < report->totals->len; i++)
    {
      PdKpiBucket *t = g_ptr_array_index (report->totals, i);

      count_orders (t, orders, wc_masks, G_MAXUINT64);
      finish_bucket (t);
    }
  count_orders (report->total, orders, wc_masks, G_MAXUINT64);
  finish_bucket (report->total);
  return g_steal_pointer (&report);
}

/* --- Default range --------------------------------------------------------- */

gboolean
pd_kpi_current_shift (sqlite3     *db,
                      gint64       work_center_id,
                      gint64       now,
                      GTimeZone   *tz,
                      gint64      *start,
                      gint64      *end,
                      GError     **error)
{
  g_autoptr(PdWorkCenter) wc = _pd_work_center_load (db, work_center_id, error);
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GArray) occ = NULL;
  if (wc == NULL)
    return FALSE;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  /* Unclipped occurrences around NOW: a shift lasts at most a day. */
  occ = shift_occurrences (wc, tz, now - G_GINT64_CONSTANT (2) * 86400 * G_USEC_PER_SEC,
                           now + G_GINT64_CONSTANT (2) * 86400 * G_USEC_PER_SEC);
  for (guint i = 0; i < occ->len; i++)
    {
      const PdInterval *iv = &g_array_index (occ, PdInterval, i);

      if (iv->start <= now && now < iv->end)
        {
          *start = iv->start;
          *end = iv->end;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pd_kpi_default_range (sqlite3     *db,
                      const char  *work_center,
                      gint64       now,
                      GTimeZone   *tz,
                      gint64      *from,
                      gint64      *to,
                      GError     **error)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate today;

  g_return_val_if_fail (db != NULL, FALSE);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  if (work_center != NULL)
    {
      gint64 id = _pd_work_center_find_id (db, work_center, NULL, error);

      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No work center “%s”."), work_center);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  else
    {
      sqlite3_stmt *stmt = pd_read_conn_prepare (db, "SELECT id FROM work_centers ORDER BY code COLLATE NOCASE", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
        return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 start, end;

      if (pd_kpi_current_shift (db, g_array_index (ids, gint64, i), now, tz, &start, &end, NULL))
        {
          *from = start;
          *to = MAX (now, start + 1);
          return TRUE;
        }
    }
  local_date (tz, now, &today);
  *from = local_instant (tz, &today, 0);
  *to = MAX (now, *from + 1);
  return TRUE;
}

/* --- Output ---------------------------------------------------------------- */

static void
append_ratio (GString  *line,
              double    value,
              gboolean  last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  pd_csv_append_field (line, isnan (value) ? NULL : g_ascii_formatd (buf, sizeof buf, "%.4f", value), last);
}

static void
append_seconds (GString *line,
                gint64   us)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  pd_csv_append_field (line, g_ascii_formatd (buf, sizeof buf, "%.0f", (double) us / G_USEC_PER_SEC), FALSE);
}

static void
append_bucket (GString           *s,
               const PdKpiBucket *b)
{
  g_autofree char *start = pd_csv_format_time (b->start, 3);
  g_autofree char *end = pd_csv_format_time (b->end, 3);
  g_autofree char *good = pd_qty_to_string (b->good);
  g_autofree char *scrap = pd_qty_to_string (b->scrap);
  g_autofree char *total = pd_qty_to_string (b->total);
  g_autofree char *completed = g_strdup_printf ("%u", b->orders_completed);
  g_autofree char *on_time = g_strdup_printf ("%u", b->orders_on_time);
  g_autoptr(GString) reasons = g_string_new (NULL);

  pd_csv_append_field (s, b->work_center, FALSE);
  pd_csv_append_field (s, start, FALSE);
  pd_csv_append_field (s, end, FALSE);
  append_seconds (s, b->ppt_us);
  append_seconds (s, b->run_us);
  append_seconds (s, b->downtime_us);
  pd_csv_append_field (s, good, FALSE);
  pd_csv_append_field (s, scrap, FALSE);
  pd_csv_append_field (s, total, FALSE);
  append_ratio (s, b->scrap_rate, FALSE);
  append_ratio (s, b->availability, FALSE);
  append_ratio (s, b->performance, FALSE);
  append_ratio (s, b->quality, FALSE);
  append_ratio (s, b->oee, FALSE);
  pd_csv_append_field (s, completed, FALSE);
  pd_csv_append_field (s, on_time, FALSE);
  append_ratio (s, b->on_time_rate, FALSE);
  for (guint i = 0; i < b->downtime->len; i++)
    {
      const PdKpiDowntime *d = &g_array_index (b->downtime, PdKpiDowntime, i);

      g_string_append_printf (reasons, "%s%s=%" G_GINT64_FORMAT, i > 0 ? ";" : "", d->reason,
                              d->us / G_USEC_PER_SEC);
    }
  pd_csv_append_field (s, reasons->str, TRUE);
}

char *
pd_kpi_report_to_csv (const PdKpiReport *report)
{
  static const char * const columns[] = {
    "work_center", "start", "end", "ppt_s", "run_s", "downtime_s", "good", "scrap", "total",
    "scrap_rate", "availability", "performance", "quality", "oee", "orders_completed",
    "orders_on_time", "on_time_rate", "downtime_by_reason",
  };
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    pd_csv_append_field (s, columns[i], i + 1 == G_N_ELEMENTS (columns));
  for (guint i = 0; i < report->rows->len; i++)
    append_bucket (s, g_ptr_array_index (report->rows, i));
  if (report->work_centers->len > 1)
    for (guint i = 0; i < report->totals->len; i++)
      append_bucket (s, g_ptr_array_index (report->totals, i));
  return g_string_free (s, FALSE);
}

static void
set_ratio (JsonObject *o,
           const char *name,
           double      value)
{
  if (isnan (value))
    json_object_set_null_member (o, name);
  else
    json_object_set_double_member (o, name, value);
}

static void
set_time (JsonObject *o,
          const char *name,
          gint64      us)
{
  g_autofree char *text = pd_csv_format_time (us, 3);

  json_object_set_string_member (o, name, text);
}

JsonObject *
pd_kpi_bucket_to_json (const PdKpiBucket *b)
{
  JsonObject *o = json_object_new ();
  JsonArray *reasons = json_array_new ();
  g_autofree char *good = pd_qty_to_string (b->good);
  g_autofree char *scrap = pd_qty_to_string (b->scrap);
  g_autofree char *total = pd_qty_to_string (b->total);

  if (b->work_center != NULL)
    json_object_set_string_member (o, "workcenter", b->work_center);
  else
    json_object_set_null_member (o, "workcenter");
  set_time (o, "from", b->start);
  set_time (o, "to", b->end);
  set_ratio (o, "availability", b->availability);
  set_ratio (o, "performance", b->performance);
  set_ratio (o, "quality", b->quality);
  set_ratio (o, "oee", b->oee);
  json_object_set_double_member (o, "planned_production_time_s", (double) b->ppt_us / G_USEC_PER_SEC);
  json_object_set_double_member (o, "run_time_s", (double) b->run_us / G_USEC_PER_SEC);
  json_object_set_double_member (o, "downtime_s", (double) b->downtime_us / G_USEC_PER_SEC);
  json_object_set_double_member (o, "ideal_time_s", (double) b->ideal_us / G_USEC_PER_SEC);
  json_object_set_string_member (o, "good", good);
  json_object_set_string_member (o, "scrap", scrap);
  json_object_set_string_member (o, "total", total);
  set_ratio (o, "scrap_rate", b->scrap_rate);
  json_object_set_int_member (o, "orders_completed", b->orders_completed);
  json_object_set_int_member (o, "orders_on_time", b->orders_on_time);
  set_ratio (o, "on_time_rate", b->on_time_rate);
  for (guint i = 0; i < b->downtime->len; i++)
    {
      const PdKpiDowntime *d = &g_array_index (b->downtime, PdKpiDowntime, i);
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "reason", d->reason);
      json_object_set_double_member (r, "seconds", (double) d->us / G_USEC_PER_SEC);
      set_ratio (r, "share", d->share);
      set_ratio (r, "cumulative", d->cumulative);
      json_array_add_object_element (reasons, r);
    }
  json_object_set_array_member (o, "downtime_by_reason", reasons);
  return o;
}

JsonObject *
pd_kpi_report_to_json (const PdKpiReport *report)
{
  JsonObject *o = json_object_new ();
  JsonArray *rows = json_array_new ();
  JsonArray *totals = json_array_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_object_set_string_member (o, "by", pd_kpi_by_to_string (report->by));
  set_time (o, "from", report->from);
  set_time (o, "to", report->to);
  for (guint i = 0; i < report->rows->len; i++)
    json_array_add_object_element (rows, pd_kpi_bucket_to_json (g_ptr_array_index (report->rows, i)));
  for (guint i = 0; i < report->totals->len; i++)
    json_array_add_object_element (totals, pd_kpi_bucket_to_json (g_ptr_array_index (report->totals, i)));
  json_object_set_array_member (o, "rows", rows);
  json_object_set_array_member (o, "totals", totals);
  json_object_set_object_member (o, "total", pd_kpi_bucket_to_json (report->total));
  return o;
}

/* --- Async ----------------------------------------------------------------- */

typedef struct
{
  char    *work_center;
  gint64   from;
  gint64   to;
  PdKpiBy  by;
  gint64   now;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->work_center);
  g_free (job);
}

static gpointer
compute_in_thread (sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Job *job = data;

  return pd_kpi_compute (db, job->work_center, job->from, job->to, job->by, NULL, job->now, error);
}

void
pd_kpi_compute_async (const char          *db_path,
                      const char          *work_center,
                      gint64               from,
                      gint64               to,
                      PdKpiBy              by,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->work_center = g_strdup (work_center);
  job->from = from;
  job->to = to;
  job->by = by;
  job->now = g_get_real_time ();
  pd_read_conn_run_async (db_path, compute_in_thread, job, job_free, (GDestroyNotify) pd_kpi_report_free,
                          pd_kpi_compute_async, cancellable, callback, user_data);
}

PdKpiReport *
pd_kpi_compute_finish (GAsyncResult  *result,
                       GError       **error)
{
  return pd_read_conn_run_finish (result, pd_kpi_compute_async, error);
}
