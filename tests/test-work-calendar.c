/* test-work-calendar.c — work calendars: the shift text form, weekly
 * shifts with breaks, night shifts, exceptions, time zones and daylight
 * saving, checked also against a minute-by-minute reference walk
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-work-calendar"

#include "config.h"

#include <string.h>

#include "pd-error.h"
#include "pd-work-calendar.h"
#include "pd-test-utils.h"

#define SEC     G_GINT64_CONSTANT (1000000)
#define MINUTE  (60 * SEC)
#define HOUR    (60 * MINUTE)
#define DAY     (24 * HOUR)
#define WEEK    (7 * DAY)

/* Local wall-clock time in TZ as µs since the epoch. */
static gint64
at (GTimeZone *tz,
    int        year,
    int        month,
    int        day,
    int        hour,
    int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * SEC;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  return at (tz, year, month, day, hour, minute);
}

static PdWorkCalendar *
calendar (GTimeZone                 *tz,
          const char *const         *texts,
          const PdCalendarException *exceptions,
          guint                      n_exceptions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) shifts = g_array_new (FALSE, TRUE, sizeof (PdShift));
  PdWorkCalendar *cal;

  g_array_set_clear_func (shifts, (GDestroyNotify) pd_shift_clear);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      PdShift shift = { 0, };

      g_assert_true (pd_shift_parse (texts[i], &shift, &error));
      g_assert_no_error (error);
      g_array_append_val (shifts, shift);
    }
  cal = pd_work_calendar_new ((PdShift *) shifts->data, shifts->len,
                              exceptions, n_exceptions, tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

static PdCalendarException
exception (PdExceptionKind kind,
           int             year,
           int             month,
           int             day,
           guint           start_min,
           guint           end_min)
{
  PdCalendarException e = { kind, { 0, }, start_min, end_min, NULL };

  g_date_clear (&e.date, 1);
  g_date_set_dmy (&e.date, day, month, year);
  return e;
}

/* --- The text form --------------------------------------------------- */

static void
assert_round_trip (const char *text,
                   const char *canonical)
{
  g_autoptr(GError) error = NULL;
  PdShift shift = { 0, }, again = { 0, };
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;

  g_assert_true (pd_shift_parse (text, &shift, &error));
  g_assert_no_error (error);
  printed = pd_shift_to_string (&shift);
  g_assert_cmpstr (printed, ==, canonical);
  g_assert_true (pd_shift_parse (printed, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.days, ==, shift.days);
  g_assert_cmpuint (again.start_min, ==, shift.start_min);
  g_assert_cmpuint (again.end_min, ==, shift.end_min);
  g_assert_cmpuint (again.breaks ? again.breaks->len : 0, ==,
                    shift.breaks ? shift.breaks->len : 0);
  printed_again = pd_shift_to_string (&again);
  g_assert_cmpstr (printed_again, ==, canonical);
  pd_shift_clear (&shift);
  pd_shift_clear (&again);
  g_assert_null (shift.breaks);
}

static void
test_parse_print (void)
{
  g_autoptr(GError) error = NULL;
  PdShift shift = { 0, };

  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00/10:00-10:15/12:00-12:30",
                                 &shift, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shift.days, ==, PD_DAY_MON | PD_DAY_TUE | PD_DAY_WED
                                    | PD_DAY_THU | PD_DAY_FRI);
  g_assert_cmpuint (shift.start_min, ==, 360);
  g_assert_cmpuint (shift.end_min, ==, 840);
  g_assert_cmpuint (shift.breaks->len, ==, 2);
  g_assert_cmpuint (g_array_index (shift.breaks, PdBreak, 1).start_min, ==, 720);
  g_assert_cmpuint (g_array_index (shift.breaks, PdBreak, 1).end_min, ==, 750);
  pd_shift_clear (&shift);

  g_assert_true (pd_shift_parse ("sat:08:00-12:00", &shift, &error));
  g_assert_cmpuint (shift.days, ==, PD_DAY_SAT);
  g_assert_null (shift.breaks);
  pd_shift_clear (&shift);

  assert_round_trip ("mon-fri:06:00-14:00", "mon-fri:06:00-14:00");
  assert_round_trip ("sat:08:00-12:00", "sat:08:00-12:00");
  assert_round_trip ("mon,wed,fri:22:00-06:00", "mon,wed,fri:22:00-06:00");
  assert_round_trip ("mon-fri:06:00-14:00/10:00-10:15/12:00-12:30",
                     "mon-fri:06:00-14:00/10:00-10:15/12:00-12:30");
  /* Ranges wrap; the canonical form runs Monday first. */
  assert_round_trip ("fri-mon:08:00-16:00", "mon,fri-sun:08:00-16:00");
  assert_round_trip ("sun-sat:00:00-24:00", "mon-sun:00:00-24:00");
  assert_round_trip ("  TUE,Thu:7:05-9:10 ", "tue,thu:07:05-09:10");
  /* A night shift's breaks in shift order: before, then after midnight. */
  assert_round_trip ("mon-thu:22:00-06:00/23:30-23:45/02:00-02:30",
                     "mon-thu:22:00-06:00/23:30-23:45/02:00-02:30");
  /* Start = end: a 24-hour shift to the next day's same time. */
  assert_round_trip ("sun:06:00-06:00/05:00-05:30", "sun:06:00-06:00/05:00-05:30");
}

static void
assert_refused (const char *text,
                const char *named)
{
  g_autoptr(GError) error = NULL;
  PdShift shift = { PD_DAY_SUN, 1, 2, NULL };

  g_assert_false (pd_shift_parse (text, &shift, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_test_message ("%s → %s", text, error->message);
  /* Nothing changes on a refusal; the message names the text and the
   * part that is wrong. */
  g_assert_cmpuint (shift.days, ==, PD_DAY_SUN);
  g_assert_cmpuint (shift.start_min, ==, 1);
  g_assert_null (shift.breaks);
  if (*text != '\0' && !g_ascii_isspace (*text))
    g_assert_nonnull (strstr (error->message, text));
  if (named != NULL)
    g_assert_nonnull (strstr (error->message, named));
}

/* The time of day the work center dialog and plantdesk-ctl read, the
 * same as in a shift. */
static void
test_time_of_day (void)
{
  const struct { const char *text; guint minutes; } good[] = {
    { "00:00", 0 }, { "6:00", 360 }, { "06:05", 365 }, { "23:59", 1439 }, { "24:00", 1440 },
  };
  const char *bad[] = { "", ":", "6", "06:5", "006:00", "24:01", "25:00", "12:60", "+6:00", "-6:00",
                        " 6:00", "6:00 ", "06:00:00", "ab:cd", "6h00" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint minutes = G_MAXUINT;

      g_assert_true (pd_time_of_day_parse (good[i].text, &minutes));
      g_assert_cmpuint (minutes, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint minutes = 7;

      g_assert_false (pd_time_of_day_parse (bad[i], &minutes));
      g_assert_cmpuint (minutes, ==, 7);
    }
}

static void
test_parse_errors (void)
{
  assert_refused ("", NULL);
  assert_refused ("   ", NULL);
  assert_refused ("mon-fri", "colon");
  assert_refused (":06:00-14:00", "colon");
  assert_refused ("xyz:06:00-14:00", "“xyz”");
  assert_refused ("mon-xyz:06:00-14:00", "“mon-xyz”");
  assert_refused ("mon,,fri:06:00-14:00", "“”");
  assert_refused ("monday:06:00-14:00", "“monday”");
  assert_refused ("mon-fri:25:00-14:00", "25:00 is not a time of day");
  assert_refused ("mon-fri:06:60-14:00", "06:60 is not a time of day");
  assert_refused ("mon-fri:06:00-24:01", "24:01 is not a time of day");
  assert_refused ("mon-fri:24:00-06:00", "24:00 is not a time of day");
  assert_refused ("mon-fri:0600-1400", "0600 is not a time of day");
  assert_refused ("mon-fri:6-14", "6 is not a time of day");
  assert_refused ("mon-fri:06:00", "“06:00” is not a range of times");
  assert_refused ("mon-fri:06:00-14:00/10:00", "“10:00” is not a range of times");
  assert_refused ("mon-fri:06:00-14:00/1o:00-10:15", "1o:00 is not a time of day");
  assert_refused ("mon-fri:06:00-14:00/15:00-15:30", "the break 15:00-15:30 is not inside");
  assert_refused ("mon-fri:06:00-14:00/05:30-06:30", "the break 05:30-06:30 is not inside");
  assert_refused ("mon-fri:06:00-14:00/10:15-10:15", "the break 10:15-10:15 ends before");
  assert_refused ("mon-fri:22:00-06:00/23:50-00:10", "the break 23:50-00:10 ends before");
  assert_refused ("mon-fri:22:00-06:00/12:00-12:30", "the break 12:00-12:30 is not inside");
  assert_refused ("mon-fri:06:00-14:00/12:00-12:30/10:00-10:15",
                  "the breaks 12:00-12:30 and 10:00-10:15 overlap");
  assert_refused ("mon-fri:06:00-14:00/10:00-10:30/10:15-10:45",
                  "the breaks 10:00-10:30 and 10:15-10:45 overlap");
  /* After midnight comes after before midnight in a night shift. */
  assert_refused ("mon:22:00-06:00/02:00-02:30/23:00-23:15",
                  "the breaks 02:00-02:30 and 23:00-23:15 overlap");
}

static void
test_calendar_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  PdShift shifts[2] = { 0, };
  PdCalendarException bad;
  PdWorkCalendar *cal;

  /* Overlapping shifts, named both. */
  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00", &shifts[0], NULL));
  g_assert_true (pd_shift_parse ("fri:13:00-21:00", &shifts[1], NULL));
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“mon-fri:06:00-14:00”"));
  g_assert_nonnull (strstr (error->message, "“fri:13:00-21:00”"));
  g_clear_error (&error);
  pd_shift_clear (&shifts[1]);

  /* A Sunday night shift runs into Monday's morning shift. */
  g_assert_true (pd_shift_parse ("sun:22:00-06:30", &shifts[1], NULL));
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“sun:22:00-06:30”"));
  g_clear_error (&error);
  pd_shift_clear (&shifts[1]);

  /* Touching shifts do not overlap. */
  g_assert_true (pd_shift_parse ("sun:22:00-06:00", &shifts[1], NULL));
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  g_assert_no_error (error);
  pd_work_calendar_unref (cal);

  /* Shifts built in code are checked as parsed ones are. */
  shifts[1].start_min = 1440;
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  shifts[1].start_min = 1320;
  shifts[1].days = 0;
  cal = pd_work_calendar_new (shifts, 2, NULL, 0, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* An exception that ends before it starts, named by date and times. */
  bad = exception (PD_EXCEPTION_CLOSED, 2026, 12, 24, 480, 360);
  cal = pd_work_calendar_new (shifts, 1, &bad, 1, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-12-24"));
  g_assert_nonnull (strstr (error->message, "08:00-06:00"));
  g_clear_error (&error);
  bad = exception (PD_EXCEPTION_OVERTIME, 2026, 12, 24, 0, 1441);
  cal = pd_work_calendar_new (shifts, 1, &bad, 1, tz, &error);
  g_assert_null (cal);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  pd_shift_clear (&shifts[0]);
  pd_shift_clear (&shifts[1]);
}

/* --- Working time ---------------------------------------------------- */

static const char *const two_shifts[] = {
  "mon-fri:06:00-14:00/09:00-09:15/12:00-12:30",
  "mon-fri:14:00-22:00/17:00-17:15/19:00-19:30",
  NULL,
};

static void
test_two_shifts_week (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar (tz, two_shifts, NULL, 0);
  gint64 monday = utc (2026, 11, 23, 0, 0);
  g_autoptr(GArray) ivs = NULL;
  gint64 sum = 0;

  g_assert_cmpint (pd_work_calendar_working_time (cal, monday, monday + WEEK), ==,
                   2 * 5 * (8 * HOUR - 45 * MINUTE));
  /* Each day: 06:00–09:00, 09:15–12:00, 12:30–17:00 (the shifts touch
   * at 14:00 and merge), 17:15–19:00, 19:30–22:00. */
  ivs = pd_work_calendar_intervals (cal, monday, monday + WEEK);
  g_assert_cmpuint (ivs->len, ==, 25);
  for (guint i = 0; i < ivs->len; i++)
    {
      PdInterval *iv = &g_array_index (ivs, PdInterval, i);

      g_assert_cmpint (iv->end, >, iv->start);
      if (i > 0)
        g_assert_cmpint (iv->start, >, g_array_index (ivs, PdInterval, i - 1).end);
      sum += iv->end - iv->start;
    }
  g_assert_cmpint (sum, ==, 2 * 5 * (8 * HOUR - 45 * MINUTE));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 2).start, ==, utc (2026, 11, 23, 12, 30));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 2).end, ==, utc (2026, 11, 23, 17, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 24).end, ==, utc (2026, 11, 27, 22, 0));
  g_clear_pointer (&ivs, g_array_unref);

  /* Clipped to the range asked for. */
  ivs = pd_work_calendar_intervals (cal, utc (2026, 11, 24, 10, 0), utc (2026, 11, 24, 13, 0));
  g_assert_cmpuint (ivs->len, ==, 2);
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 11, 24, 10, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 11, 24, 12, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 1).start, ==, utc (2026, 11, 24, 12, 30));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 1).end, ==, utc (2026, 11, 24, 13, 0));
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, monday + DAY, monday);
  g_assert_cmpuint (ivs->len, ==, 0);

  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 6, 0)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 9, 0)));
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 9, 15)));
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 21, 59)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 22, 0)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 10, 0)));
}

static void
test_night_shift (void)
{
  const char *const texts[] = {
    "mon-thu:22:00-06:00/02:00-02:30",
    "sun:23:00-05:00",
    NULL,
  };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar (tz, texts, NULL, 0);
  gint64 monday = utc (2026, 11, 23, 0, 0);
  g_autoptr(GArray) ivs = NULL;

  g_assert_cmpint (pd_work_calendar_working_time (cal, monday, monday + WEEK), ==,
                   4 * (8 * HOUR - 30 * MINUTE) + 6 * HOUR);
  /* The Sunday night shift before this week reaches into Monday. */
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 4, 59)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 23, 5, 0)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 24, 2, 10)));
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 24, 2, 30)));

  ivs = pd_work_calendar_intervals (cal, utc (2026, 11, 23, 12, 0), utc (2026, 11, 24, 12, 0));
  g_assert_cmpuint (ivs->len, ==, 2);
  /* Across midnight in one piece. */
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 11, 23, 22, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 11, 24, 2, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 1).start, ==, utc (2026, 11, 24, 2, 30));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 1).end, ==, utc (2026, 11, 24, 6, 0));

  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 23, 0), 4 * HOUR, WEEK),
                   ==, utc (2026, 11, 24, 3, 30));
}

static void
test_exceptions (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  gint64 monday = utc (2026, 11, 23, 0, 0);
  gint64 day_time = 2 * (8 * HOUR - 45 * MINUTE);
  PdCalendarException exc[4] = {
    /* A holiday on Wednesday, overtime on Saturday morning. */
    exception (PD_EXCEPTION_CLOSED, 2026, 11, 25, 0, 1440),
    exception (PD_EXCEPTION_OVERTIME, 2026, 11, 28, 8 * 60, 12 * 60),
    /* Later wins: closed 10:00–11:00, then open again 10:30–11:00. */
    exception (PD_EXCEPTION_CLOSED, 2026, 11, 28, 10 * 60, 11 * 60),
    exception (PD_EXCEPTION_OVERTIME, 2026, 11, 28, 10 * 60 + 30, 11 * 60),
  };
  PdWorkCalendar *cal;

  cal = calendar (tz, two_shifts, exc, 2);
  g_assert_cmpint (pd_work_calendar_working_time (cal, monday, monday + WEEK), ==,
                   4 * day_time + 4 * HOUR);
  g_assert_cmpint (pd_work_calendar_working_time (cal, utc (2026, 11, 25, 0, 0),
                                                  utc (2026, 11, 26, 0, 0)), ==, 0);
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 25, 7, 0)));
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 8, 0)));
  /* From Tuesday evening: the rest of Tuesday, then Thursday. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 24, 21, 0), 2 * HOUR, WEEK),
                   ==, utc (2026, 11, 26, 7, 0));
  pd_work_calendar_unref (cal);

  cal = calendar (tz, two_shifts, exc, 3);
  g_assert_cmpint (pd_work_calendar_working_time (cal, monday, monday + WEEK), ==,
                   4 * day_time + 3 * HOUR);
  pd_work_calendar_unref (cal);

  cal = calendar (tz, two_shifts, exc, 4);
  g_assert_cmpint (pd_work_calendar_working_time (cal, monday, monday + WEEK), ==,
                   4 * day_time + 3 * HOUR + 30 * MINUTE);
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 10, 15)));
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 10, 45)));
  pd_work_calendar_unref (cal);
}

static void
test_add_working (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar (tz, two_shifts, NULL, 0);

  /* Across the weekend: one hour on Friday, one on Monday. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 27, 21, 0), 2 * HOUR, WEEK),
                   ==, utc (2026, 11, 30, 7, 0));
  /* Across a break. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 8, 30), HOUR, WEEK),
                   ==, utc (2026, 11, 23, 9, 45));
  /* Done at a break's start, not after it. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 8, 0), HOUR, WEEK),
                   ==, utc (2026, 11, 23, 9, 0));
  /* Starting in a break or on a Saturday. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 9, 5), 10 * MINUTE, WEEK),
                   ==, utc (2026, 11, 23, 9, 25));
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 28, 12, 0), SEC, WEEK),
                   ==, utc (2026, 11, 30, 6, 0) + SEC);
  /* Zero: T itself when working, else the next working instant. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 8, 0), 0, WEEK),
                   ==, utc (2026, 11, 23, 8, 0));
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 28, 12, 0), 0, WEEK),
                   ==, utc (2026, 11, 30, 6, 0));
  /* A whole week's work from Monday morning ends Friday night. */
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 0, 0),
                                                 2 * 5 * (8 * HOUR - 45 * MINUTE), 2 * WEEK),
                   ==, utc (2026, 11, 27, 22, 0));
}

static void
test_next_working (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar (tz, two_shifts, NULL, 0);
  gint64 t = utc (2026, 11, 24, 10, 7) + 123;

  g_assert_cmpint (pd_work_calendar_next_working (cal, t, WEEK), ==, t);
  g_assert_cmpint (pd_work_calendar_next_working (cal, utc (2026, 11, 24, 9, 5), WEEK),
                   ==, utc (2026, 11, 24, 9, 15));
  g_assert_cmpint (pd_work_calendar_next_working (cal, utc (2026, 11, 24, 22, 0), WEEK),
                   ==, utc (2026, 11, 25, 6, 0));
  g_assert_cmpint (pd_work_calendar_next_working (cal, utc (2026, 11, 28, 12, 0), WEEK),
                   ==, utc (2026, 11, 30, 6, 0));
}

static void
test_horizon (void)
{
  const char *const none[] = { NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar (tz, two_shifts, NULL, 0);
  g_autoptr(PdWorkCalendar) empty = calendar (tz, none, NULL, 0);
  gint64 saturday = utc (2026, 11, 28, 12, 0);
  gint64 t0;

  /* Monday 06:00 is 42 h after Saturday noon. */
  g_assert_cmpint (pd_work_calendar_next_working (cal, saturday, 24 * HOUR), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_next_working (cal, saturday, 42 * HOUR), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_next_working (cal, saturday, 42 * HOUR + 1), ==,
                   utc (2026, 11, 30, 6, 0));
  g_assert_cmpint (pd_work_calendar_add_working (cal, saturday, HOUR, 43 * HOUR - 1), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_add_working (cal, saturday, HOUR, 43 * HOUR), ==,
                   utc (2026, 11, 30, 7, 0));

  /* No working time at all: found out quickly, also over a long horizon. */
  t0 = g_get_monotonic_time ();
  g_assert_cmpint (pd_work_calendar_next_working (empty, saturday, 366 * DAY), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_add_working (empty, saturday, HOUR, 366 * DAY), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_add_working (empty, saturday, HOUR, G_MAXINT64), ==, G_MAXINT64);
  g_assert_cmpint (pd_work_calendar_working_time (empty, saturday, saturday + 366 * DAY), ==, 0);
  g_test_message ("empty calendar, three queries: %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - t0);
}

/* --- Time zones ------------------------------------------------------ */

static void
test_berlin_dst (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  const char *const early[] = { "sun:00:00-08:00", NULL };
  const char *const skipped[] = { "sun:02:00-03:00", "sun:03:00-04:00", NULL };
  const char *const half[] = { "sun:02:30-06:00", "sat:22:00-02:30", NULL };
  const char *const always[] = { "mon-sun:00:00-24:00", NULL };
  PdWorkCalendar *cal;
  g_autoptr(GArray) ivs = NULL;
  gint64 mar_sun, oct_sun;

  if (tz == NULL)
    {
      g_test_skip ("no tzdata for Europe/Berlin");
      return;
    }
  mar_sun = at (tz, 2026, 3, 29, 0, 0);
  oct_sun = at (tz, 2026, 10, 25, 0, 0);

  /* Spring: the clocks go from 02:00 to 03:00 (01:00 UTC). */
  cal = calendar (tz, early, NULL, 0);
  g_assert_cmpint (pd_work_calendar_working_time (cal, mar_sun, mar_sun + DAY), ==, 7 * HOUR);
  g_assert_cmpint (pd_work_calendar_working_time (cal, mar_sun - WEEK, mar_sun - WEEK + DAY),
                   ==, 8 * HOUR);
  g_assert_cmpint (pd_work_calendar_add_working (cal, mar_sun, 7 * HOUR, DAY), ==,
                   at (tz, 2026, 3, 29, 8, 0));
  g_assert_cmpint (at (tz, 2026, 3, 29, 8, 0), ==, utc (2026, 3, 29, 6, 0));
  g_assert_cmpint (pd_work_calendar_working_time (cal, oct_sun, oct_sun + DAY), ==, 9 * HOUR);
  g_assert_cmpint (pd_work_calendar_add_working (cal, oct_sun, 9 * HOUR, DAY), ==,
                   utc (2026, 10, 25, 7, 0));
  pd_work_calendar_unref (cal);

  /* A boundary the clocks skip is the instant they jump; one they
   * repeat is its first occurrence. */
  cal = calendar (tz, skipped, NULL, 0);
  g_assert_cmpint (pd_work_calendar_working_time (cal, mar_sun, mar_sun + DAY), ==, HOUR);
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, mar_sun, mar_sun + DAY);
  g_assert_cmpuint (ivs->len, ==, 1);
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 3, 29, 1, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 3, 29, 2, 0));
  g_assert_cmpint (pd_work_calendar_working_time (cal, oct_sun, oct_sun + DAY), ==, 3 * HOUR);
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, oct_sun, oct_sun + DAY);
  g_assert_cmpuint (ivs->len, ==, 1);
  /* 02:00 CEST = 00:00 UTC to 04:00 CET = 03:00 UTC. */
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 10, 25, 0, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 10, 25, 3, 0));
  pd_work_calendar_unref (cal);

  cal = calendar (tz, half, NULL, 0);
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, mar_sun - DAY, mar_sun + DAY);
  /* Saturday 22:00 CET to the jump, then on from the jump: one piece. */
  g_assert_cmpuint (ivs->len, ==, 1);
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 3, 28, 21, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 3, 29, 4, 0));
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, oct_sun - DAY, oct_sun + DAY);
  /* Saturday 22:00 CEST to the first 02:30, then from the first 02:30:
   * one piece of 9 h. */
  g_assert_cmpuint (ivs->len, ==, 1);
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).start, ==, utc (2026, 10, 24, 20, 0));
  g_assert_cmpint (g_array_index (ivs, PdInterval, 0).end, ==, utc (2026, 10, 25, 5, 0));
  pd_work_calendar_unref (cal);

  /* Round the clock: the DST weeks are 167 and 169 hours long. */
  cal = calendar (tz, always, NULL, 0);
  g_assert_cmpint (pd_work_calendar_working_time (cal, at (tz, 2026, 3, 23, 0, 0),
                                                  at (tz, 2026, 3, 30, 0, 0)), ==, 167 * HOUR);
  g_assert_cmpint (pd_work_calendar_working_time (cal, at (tz, 2026, 10, 19, 0, 0),
                                                  at (tz, 2026, 10, 26, 0, 0)), ==, 169 * HOUR);
  g_clear_pointer (&ivs, g_array_unref);
  ivs = pd_work_calendar_intervals (cal, at (tz, 2026, 10, 19, 0, 0), at (tz, 2026, 10, 26, 0, 0));
  g_assert_cmpuint (ivs->len, ==, 1);
  pd_work_calendar_unref (cal);

  /* The two-shift week in Berlin is exact in both DST weeks too. */
  cal = calendar (tz, two_shifts, NULL, 0);
  g_assert_cmpint (pd_work_calendar_working_time (cal, at (tz, 2026, 3, 23, 0, 0),
                                                  at (tz, 2026, 3, 30, 0, 0)), ==,
                   2 * 5 * (8 * HOUR - 45 * MINUTE));
  g_assert_cmpint (pd_work_calendar_next_working (cal, at (tz, 2026, 3, 28, 12, 0), WEEK), ==,
                   utc (2026, 3, 30, 4, 0));
  g_assert_cmpint (pd_work_calendar_next_working (cal, at (tz, 2026, 10, 24, 12, 0), WEEK), ==,
                   utc (2026, 10, 26, 5, 0));
  pd_work_calendar_unref (cal);
}

static void
test_shanghai (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  const char *const texts[] = { "mon-fri:08:00-17:00/12:00-13:00", "sat:22:00-02:00", NULL };
  PdWorkCalendar *cal;

  if (tz == NULL)
    {
      g_test_skip ("no tzdata for Asia/Shanghai");
      return;
    }
  cal = calendar (tz, texts, NULL, 0);
  /* Monday 08:00 in Shanghai is Monday 00:00 UTC. */
  g_assert_cmpint (pd_work_calendar_next_working (cal, utc (2026, 11, 22, 18, 0), WEEK), ==,
                   utc (2026, 11, 23, 0, 0));
  g_assert_cmpint (pd_work_calendar_working_time (cal, at (tz, 2026, 11, 23, 0, 0),
                                                  at (tz, 2026, 11, 30, 0, 0)), ==,
                   5 * 8 * HOUR + 4 * HOUR);
  /* The Saturday night shift: 14:00–18:00 UTC. */
  g_assert_true (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 17, 59)));
  g_assert_false (pd_work_calendar_is_working (cal, utc (2026, 11, 28, 18, 0)));
  g_assert_cmpint (pd_work_calendar_add_working (cal, utc (2026, 11, 23, 3, 30), HOUR, WEEK), ==,
                   utc (2026, 11, 23, 5, 30));
  pd_work_calendar_unref (cal);
}

/* --- Against a minute-by-minute reference ---------------------------- */

typedef struct
{
  PdShift             shifts[3];
  guint               n_shifts;
  PdCalendarException exc[4];
  guint               n_exc;
} Random;

static gboolean
break_on_day (const PdShift *s,
              int            shift_day,
              int            weekday,
              guint          minute)
{
  if (s->breaks == NULL)
    return FALSE;
  for (guint i = 0; i < s->breaks->len; i++)
    {
      const PdBreak *b = &g_array_index (s->breaks, PdBreak, i);
      gboolean after_midnight = s->end_min <= s->start_min && b->start_min < s->start_min;
      int day = after_midnight ? (shift_day + 1) % 7 : shift_day;

      if (day == weekday && minute >= b->start_min && minute < b->end_min)
        return TRUE;
    }
  return FALSE;
}

/* Whether local MINUTE of local DATE (weekday 0 = Monday) is working
 * time, straight from the definitions. */
static gboolean
ref_minute (const Random *r,
            const GDate  *date,
            guint         minute)
{
  int weekday = g_date_get_weekday (date) - 1;
  gboolean working = FALSE;

  for (guint i = 0; i < r->n_shifts; i++)
    {
      const PdShift *s = &r->shifts[i];
      int yesterday = (weekday + 6) % 7;

      if (s->days & (1u << weekday))
        {
          gboolean in = s->end_min > s->start_min
                        ? minute >= s->start_min && minute < s->end_min
                        : minute >= s->start_min;

          if (in && !break_on_day (s, weekday, weekday, minute))
            working = TRUE;
        }
      if ((s->days & (1u << yesterday)) && s->end_min <= s->start_min
          && minute < s->end_min && !break_on_day (s, yesterday, weekday, minute))
        working = TRUE;
    }
  for (guint i = 0; i < r->n_exc; i++)
    if (g_date_compare (&r->exc[i].date, date) == 0
        && minute >= r->exc[i].start_min && minute < r->exc[i].end_min)
      working = r->exc[i].kind == PD_EXCEPTION_OVERTIME;
  return working;
}

static gint64
tz_offset (GTimeZone *tz,
           gint64     sec)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, sec));
}

/* Whether the minute starting at instant SEC (UTC) is working time. The
 * second pass through a repeated hour counts as its last local minute. */
static gboolean
ref_instant (const Random *r,
             GTimeZone    *tz,
             gint64        sec)
{
  gint64 off = tz_offset (tz, sec);
  gint64 local = sec + off;
  gint64 o_prev = tz_offset (tz, sec - 3 * 3600);
  GDate date;

  if (o_prev > off && tz_offset (tz, local - o_prev) == o_prev && local - o_prev < sec)
    {
      gint64 trans = sec;

      while (tz_offset (tz, trans - 60) == off)
        trans -= 60;
      local = trans + o_prev - 60;
    }
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (local / 86400 + 719163));
  return ref_minute (r, &date, (guint) (local % 86400 / 60));
}

static void
random_shift (GRand   *rand,
              PdShift *s)
{
  guint len, n_breaks, pos;

  s->days = (guint) g_rand_int_range (rand, 1, 128);
  s->start_min = (guint) g_rand_int_range (rand, 0, 48) * 30;
  len = (guint) g_rand_int_range (rand, 1, 24) * 30;
  s->end_min = (s->start_min + len) % 1440;
  if (s->end_min == 0 && g_rand_boolean (rand))
    s->end_min = 1440;
  s->breaks = NULL;
  n_breaks = (guint) g_rand_int_range (rand, 0, 3);
  pos = 15 * (guint) g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < n_breaks; i++)
    {
      PdBreak b;
      guint blen = 15 * (guint) g_rand_int_range (rand, 1, 4);
      guint at_min = (s->start_min + pos) % 1440;

      if (pos + blen > len || at_min + blen > 1440)
        break;
      b.start_min = at_min;
      b.end_min = at_min + blen;
      if (s->breaks == NULL)
        s->breaks = g_array_new (FALSE, FALSE, sizeof (PdBreak));
      g_array_append_val (s->breaks, b);
      pos += blen + 15 * (guint) g_rand_int_range (rand, 0, 12);
    }
}

static guint n_checked, n_refused;
static gint64 minutes_working;

static void
check_random (GRand     *rand,
              GTimeZone *tz,
              gint64     base)
{
  g_autoptr(GError) error = NULL;
  Random r = { 0, };
  PdWorkCalendar *cal;
  gint64 from_min, n_min;
  g_autofree gboolean *ref = NULL;
  g_autoptr(GArray) ivs = NULL;
  gint64 count = 0;
  guint iv_i = 0;

  r.n_shifts = (guint) g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < r.n_shifts; i++)
    random_shift (rand, &r.shifts[i]);
  r.n_exc = (guint) g_rand_int_range (rand, 0, 5);
  for (guint i = 0; i < r.n_exc; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (base / SEC + g_rand_int_range (rand, 0, 9) * 86400);
      guint s = (guint) g_rand_int_range (rand, 0, 47) * 30;

      r.exc[i] = exception (g_rand_boolean (rand) ? PD_EXCEPTION_CLOSED : PD_EXCEPTION_OVERTIME,
                            g_date_time_get_year (dt), g_date_time_get_month (dt),
                            g_date_time_get_day_of_month (dt),
                            s, s + (guint) g_rand_int_range (rand, 1, (1440 - s) / 30 + 1) * 30);
    }

  cal = pd_work_calendar_new (r.shifts, r.n_shifts, r.exc, r.n_exc, tz, &error);
  if (cal == NULL)
    {
      /* Overlapping shifts: refused, say so. */
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      n_refused++;
      goto out;
    }

  from_min = base / MINUTE + g_rand_int_range (rand, 0, 3 * 1440);
  n_min = g_rand_int_range (rand, 1, 6 * 1440);
  /* The reference, a day beyond the range for add_working. */
  ref = g_new (gboolean, n_min + 4 * 1440);
  for (gint64 m = 0; m < n_min + 4 * 1440; m++)
    ref[m] = ref_instant (&r, tz, (from_min + m) * 60);

  /* Intervals: the runs of the reference within the range. */
  ivs = pd_work_calendar_intervals (cal, from_min * MINUTE, (from_min + n_min) * MINUTE);
  for (gint64 m = 0; m < n_min;)
    {
      gint64 end;

      if (!ref[m])
        {
          m++;
          continue;
        }
      for (end = m + 1; end < n_min && ref[end]; end++)
        ;
      g_assert_cmpuint (iv_i, <, ivs->len);
      g_assert_cmpint (g_array_index (ivs, PdInterval, iv_i).start, ==, (from_min + m) * MINUTE);
      g_assert_cmpint (g_array_index (ivs, PdInterval, iv_i).end, ==, (from_min + end) * MINUTE);
      count += end - m;
      iv_i++;
      m = end;
    }
  g_assert_cmpuint (iv_i, ==, ivs->len);
  n_checked++;
  minutes_working += count;
  g_assert_cmpint (pd_work_calendar_working_time (cal, from_min * MINUTE, (from_min + n_min) * MINUTE),
                   ==, count * MINUTE);

  for (int k = 0; k < 20; k++)
    {
      gint64 m0 = g_rand_int_range (rand, 0, (gint32) n_min);
      gint64 want = g_rand_int_range (rand, 0, 2 * 1440);
      gint64 expect_next = G_MAXINT64, expect_done = G_MAXINT64;
      gint64 left = want;
      gint64 horizon = 3 * DAY;

      g_assert_cmpint (pd_work_calendar_is_working (cal, (from_min + m0) * MINUTE + 7 * SEC),
                       ==, ref[m0]);
      for (gint64 m = m0; m < m0 + 3 * 1440; m++)
        if (ref[m])
          {
            expect_next = (from_min + m) * MINUTE;
            break;
          }
      g_assert_cmpint (pd_work_calendar_next_working (cal, (from_min + m0) * MINUTE, horizon),
                       ==, expect_next);
      if (want == 0)
        expect_done = expect_next;
      else
        for (gint64 m = m0; m < m0 + 3 * 1440; m++)
          if (ref[m] && --left == 0)
            {
              expect_done = (from_min + m + 1) * MINUTE;
              break;
            }
      g_assert_cmpint (pd_work_calendar_add_working (cal, (from_min + m0) * MINUTE,
                                                     want * MINUTE, horizon),
                       ==, expect_done);
    }
  pd_work_calendar_unref (cal);

out:
  for (guint i = 0; i < r.n_shifts; i++)
    pd_shift_clear (&r.shifts[i]);
}

static void
test_reference (void)
{
  const char *zones[] = { "UTC", "+05:30", "Europe/Berlin", "Asia/Shanghai", "America/New_York" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 bases[] = {
    utc (2026, 3, 26, 0, 0),   /* Europe's spring change on the 29th */
    utc (2026, 10, 22, 0, 0),  /* and the autumn one on the 25th */
    utc (2026, 3, 6, 0, 0),    /* America's on the 8th */
    utc (2026, 10, 29, 0, 0),  /* and on 1 November */
    utc (2026, 6, 10, 0, 0),
  };
  guint n = g_test_slow () ? 400 : 60;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);

      if (tz == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        check_random (rand, tz, bases[i % G_N_ELEMENTS (bases)]);
    }
  g_test_message ("%u random calendars checked (%" G_GINT64_FORMAT
                  " working minutes), %u refused for overlapping shifts",
                  n_checked, minutes_working, n_refused);
  g_assert_cmpuint (n_checked, >, n_refused);
}

/* --- Threads --------------------------------------------------------- */

typedef struct
{
  PdWorkCalendar *cal;
  const gint64   *starts;
  const gint64   *expected;
  guint           n;
} ThreadCheck;

static gpointer
thread_check (gpointer data)
{
  ThreadCheck *c = data;

  for (guint i = 0; i < c->n; i++)
    g_assert_cmpint (pd_work_calendar_add_working (c->cal, c->starts[i], 5 * HOUR, 30 * DAY),
                     ==, c->expected[i]);
  return NULL;
}

/* One calendar shared by threads, its day cache filled and emptied under
 * them (the starts span more days than the cache keeps). */
static void
test_threads (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PdWorkCalendar) cal = NULL;
  g_autoptr(PdWorkCalendar) fresh = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n = 4000;
  g_autofree gint64 *starts = g_new (gint64, n);
  g_autofree gint64 *expected = g_new (gint64, n);
  GThread *threads[4];
  ThreadCheck check;

  if (tz == NULL)
    {
      g_test_skip ("no tzdata for Europe/Berlin");
      return;
    }
  cal = calendar (tz, two_shifts, NULL, 0);
  fresh = calendar (tz, two_shifts, NULL, 0);
  for (guint i = 0; i < n; i++)
    {
      starts[i] = utc (2020, 1, 1, 0, 0) + (gint64) (g_rand_double (rand) * 20 * 365 * DAY);
      expected[i] = pd_work_calendar_add_working (fresh, starts[i], 5 * HOUR, 30 * DAY);
      g_assert_cmpint (expected[i], <, starts[i] + 4 * DAY);
    }
  check = (ThreadCheck) { cal, starts, expected, n };
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("calendar", thread_check, &check);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mes/calendar/parse-print", test_parse_print);
  g_test_add_func ("/mes/calendar/parse-errors", test_parse_errors);
  g_test_add_func ("/mes/calendar/time-of-day", test_time_of_day);
  g_test_add_func ("/mes/calendar/calendar-errors", test_calendar_errors);
  g_test_add_func ("/mes/calendar/two-shifts-week", test_two_shifts_week);
  g_test_add_func ("/mes/calendar/night-shift", test_night_shift);
  g_test_add_func ("/mes/calendar/exceptions", test_exceptions);
  g_test_add_func ("/mes/calendar/add-working", test_add_working);
  g_test_add_func ("/mes/calendar/next-working", test_next_working);
  g_test_add_func ("/mes/calendar/horizon", test_horizon);
  g_test_add_func ("/mes/calendar/berlin-dst", test_berlin_dst);
  g_test_add_func ("/mes/calendar/shanghai", test_shanghai);
  g_test_add_func ("/mes/calendar/reference", test_reference);
  g_test_add_func ("/mes/calendar/threads", test_threads);

  return g_test_run ();
}
