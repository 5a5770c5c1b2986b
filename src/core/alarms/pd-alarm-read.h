/* pd-alarm-read.h — alarm history and alarm-performance figures
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-alarm.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* These reads can be large, so besides the forms that use the store's own
 * connection (plantdesk-ctl, tests) each has an _async form that opens a
 * read-only connection of its own to the store's file in a worker thread:
 * the app never reads history on the UI thread. */

/**
 * PdAlarmHistoryFilter:
 *
 * Zero-initialised means: everything, newest first, at most 10,000 rows.
 */
typedef struct
{
  gint64   since;          /* µs, inclusive; 0: no lower bound */
  gint64   until;          /* µs, exclusive; 0: no upper bound */
  gint64   alarm_id;       /* 0: every alarm */
  guint    priorities;     /* bit mask of 1 << PdAlarmPriority; 0: every priority */
  guint    kinds;          /* bit mask of 1 << PdAlarmEventKind; 0: every kind */
  char    *text;           /* case-insensitive substring of source name, message, user or comment; NULL: any */
  guint    limit;          /* 0: 10,000 */
  gboolean oldest_first;
} PdAlarmHistoryFilter;

/* Events matching FILTER, with condition, priority, source_name and
 * message filled from their definitions; a GPtrArray of PdAlarmEvent. */
GPtrArray  *pd_store_list_alarm_events      (PdStore                    *self,
                                             const PdAlarmHistoryFilter *filter,
                                             GError                    **error);
void        pd_alarm_events_read_async      (const char                 *db_path,
                                             const PdAlarmHistoryFilter *filter,
                                             GCancellable               *cancellable,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    user_data);
GPtrArray  *pd_alarm_events_read_finish     (GAsyncResult               *result,
                                             GError                    **error);

/* Writes EVENTS as CSV (RFC 4180, UTF-8, header row, times in local ISO
 * 8601): time, source, condition, priority, event, value, user, comment,
 * message. */
gboolean    pd_alarm_events_write_csv       (GPtrArray                  *events,
                                             GOutputStream              *out,
                                             GCancellable               *cancellable,
                                             GError                    **error);

/* Alarm performance after EEMUA 191 / ISA-18.2 over [SINCE, UNTIL). */
#define PD_ALARM_FLOOD_PER_10_MIN   10   /* more raises than this in 10 minutes is a flood */
#define PD_ALARM_CHATTER_PER_MIN     3   /* this many raises of one alarm within 60 s is chattering */
#define PD_ALARM_STANDING_HOURS     24   /* active longer than this is a standing alarm */

typedef struct
{
  gint64  start;     /* µs: start of the 10-minute bucket */
  guint   raised;    /* RAISE events in it */
} PdAlarmRateBucket;

typedef struct
{
  gint64           alarm_id;
  char            *source_name;
  PdAlarmCondition condition;
  PdAlarmPriority  priority;
  char            *message;
  guint            count;      /* RAISE events in the period (top ten), or raises in its worst minute (chattering) */
  gint64           since;      /* standing: raised_ts; chattering: start of the worst 60 s window */
} PdAlarmRanked;

typedef struct
{
  gint64   since;
  gint64   until;
  guint    total_raised;
  double   average_per_10_min;
  guint    peak_per_10_min;
  guint    flood_buckets;          /* buckets with more than PD_ALARM_FLOOD_PER_10_MIN */
  double   flood_fraction;         /* flood_buckets / buckets, 0 … 1 */
  guint    raised_by_priority[PD_N_ALARM_PRIORITIES];
  GArray  *buckets;                /* PdAlarmRateBucket, every 10-minute bucket of the period, oldest first */
  GPtrArray *top;                  /* PdAlarmRanked: the ten most frequent, most first */
  GPtrArray *chattering;           /* PdAlarmRanked: alarms raised ≥ PD_ALARM_CHATTER_PER_MIN times within 60 s */
  GPtrArray *standing;             /* PdAlarmRanked: active now and raised more than PD_ALARM_STANDING_HOURS ago */
} PdAlarmPerformance;

void                pd_alarm_performance_free    (PdAlarmPerformance *performance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdAlarmPerformance, pd_alarm_performance_free)

/* SINCE and UNTIL in µs; UNTIL 0: now. The period is cut to whole 10-minute
 * buckets aligned to the epoch. Refused (PD_ERROR_INVALID) when SINCE is
 * not before UNTIL or the period is longer than 90 days. */
PdAlarmPerformance *pd_store_get_alarm_performance (PdStore        *self,
                                                    gint64          since,
                                                    gint64          until,
                                                    GError        **error);
void                pd_alarm_performance_read_async (const char    *db_path,
                                                    gint64          since,
                                                    gint64          until,
                                                    GCancellable   *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer        user_data);
PdAlarmPerformance *pd_alarm_performance_read_finish (GAsyncResult  *result,
                                                    GError        **error);

G_END_DECLS
