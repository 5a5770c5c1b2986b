/* pd-work-calendar.h — a work center's working time: weekly shifts with
 * breaks and dated exceptions
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days of the week as a mask, Monday first (GDateWeekday 1 = bit 0). */
#define PD_DAY_MON  (1u << 0)
#define PD_DAY_TUE  (1u << 1)
#define PD_DAY_WED  (1u << 2)
#define PD_DAY_THU  (1u << 3)
#define PD_DAY_FRI  (1u << 4)
#define PD_DAY_SAT  (1u << 5)
#define PD_DAY_SUN  (1u << 6)
#define PD_DAY_ALL  0x7fu

/* A time of day as minutes since midnight, 0…1440. */

typedef struct
{
  guint  start_min;
  guint  end_min;      /* > start_min; a break lies inside its shift */
} PdBreak;

/**
 * PdShift:
 *
 * A weekly shift: on each day of DAYS it starts at START_MIN; it ends at
 * END_MIN the same day, or — when END_MIN ≤ START_MIN — the next day
 * (a night shift "mon-fri:22:00-06:00" runs from Monday 22:00 to Tuesday
 * 06:00, and so on). BREAKS are minutes of the day inside the shift (for
 * a night shift, a break at 02:00 is the one after midnight).
 */
typedef struct
{
  guint   days;        /* PD_DAY_* mask, not 0 */
  guint   start_min;
  guint   end_min;
  GArray *breaks;      /* PdBreak, sorted, not overlapping; may be NULL */
} PdShift;

/* A dated exception, in local dates and times: a holiday or shutdown
 * (not working from START to END, whatever the shifts say) or overtime
 * (working from START to END, whatever the shifts say). A whole day is
 * 00:00–24:00. Later exceptions win over earlier ones where they meet. */
typedef enum
{
  PD_EXCEPTION_CLOSED,
  PD_EXCEPTION_OVERTIME,
} PdExceptionKind;

typedef struct
{
  PdExceptionKind  kind;
  GDate            date;
  guint            start_min;
  guint            end_min;     /* > start_min, ≤ 1440 */
  char            *reason;      /* or NULL */
} PdCalendarException;

/* A half-open interval of working time [start, end), in µs since the
 * Unix epoch (UTC). */
typedef struct
{
  gint64 start;
  gint64 end;
} PdInterval;

typedef struct _PdWorkCalendar PdWorkCalendar;

/* Parses "mon-fri:06:00-14:00", "sat:08:00-12:00", "mon,wed,fri:22:00-06:00"
 * and, with breaks, "mon-fri:06:00-14:00/10:00-10:15/12:00-12:30" into SHIFT
 * (its breaks array new, or NULL). Day names are English three-letter
 * abbreviations, ranges wrap ("fri-mon"). Errors name the text and what is
 * wrong ("“mon-fri:25:00-14:00”: 25:00 is not a time of day."), translated. */
gboolean        pd_shift_parse                   (const char          *text,
                                                  PdShift             *shift,
                                                  GError             **error);
/* "HH:MM" (24:00 too) as minutes of the day; FALSE for anything else. */
gboolean        pd_time_of_day_parse             (const char          *text,
                                                  guint               *minutes);
/* The canonical text of SHIFT, as pd_shift_parse() reads it back. */
char           *pd_shift_to_string               (const PdShift       *shift);
void            pd_shift_clear                   (PdShift             *shift);

/* A calendar of SHIFTS (PdShift, copied) and EXCEPTIONS
 * (PdCalendarException, copied; may be NULL) in time zone TZ (NULL: the
 * local time zone). Shifts may not overlap one another on the same day
 * (checked: FALSE and ERROR naming both). */
PdWorkCalendar *pd_work_calendar_new             (const PdShift       *shifts,
                                                  guint                n_shifts,
                                                  const PdCalendarException *exceptions,
                                                  guint                n_exceptions,
                                                  GTimeZone           *tz,
                                                  GError             **error);
PdWorkCalendar *pd_work_calendar_ref             (PdWorkCalendar      *self);
void            pd_work_calendar_unref           (PdWorkCalendar      *self);

/* The working intervals that meet [FROM, TO), clipped to it, in order,
 * merged where they touch (PdInterval). Local days with a daylight-saving
 * change are as long as the clock says (a shift 00:00–08:00 on the night
 * the clocks go forward lasts 7 hours). */
/* Shift, break and exception boundaries are local wall-clock times of
 * their day, turned into instants in the calendar's time zone. A boundary
 * the clocks skip (02:30 on the night they go forward) is the instant they
 * jump (so a shift 02:00–03:00 that night lasts nothing, one 02:30–06:00
 * lasts from 03:00 new time); a boundary the clocks repeat (02:30 on the
 * night they go back) is its first occurrence (so a shift 02:00–03:00 that
 * night lasts two hours, and one 00:00–02:30 ends the first time the
 * clock shows 02:30). A whole day's end (24:00) is the next day's 00:00. */
GArray         *pd_work_calendar_intervals       (PdWorkCalendar      *self,
                                                  gint64               from,
                                                  gint64               to);
/* Working time in [FROM, TO) in µs: the planned production time. */
gint64          pd_work_calendar_working_time    (PdWorkCalendar      *self,
                                                  gint64               from,
                                                  gint64               to);
/* The first working instant ≥ T, or G_MAXINT64 when there is none within
 * HORIZON µs. */
gint64          pd_work_calendar_next_working    (PdWorkCalendar      *self,
                                                  gint64               t,
                                                  gint64               horizon);
/* The instant at which DURATION µs of working time starting at T are done
 * (T itself when DURATION is 0 and T is working time), or G_MAXINT64 when
 * that lies beyond HORIZON µs after T. */
/* (The earliest such instant: it never lands on the start of the next
 * working interval but on the end of the one that completes it. When
 * DURATION is 0 and T is not working time, it is
 * pd_work_calendar_next_working (T, HORIZON). The first working instant
 * for next_working lies in [T, T + HORIZON).) */
gint64          pd_work_calendar_add_working     (PdWorkCalendar      *self,
                                                  gint64               t,
                                                  gint64               duration,
                                                  gint64               horizon);
/* Whether T is working time. */
gboolean        pd_work_calendar_is_working      (PdWorkCalendar      *self,
                                                  gint64               t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWorkCalendar, pd_work_calendar_unref)

G_END_DECLS
