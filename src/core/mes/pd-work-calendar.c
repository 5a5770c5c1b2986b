/* pd-work-calendar.c — a work center's working time: weekly shifts with
 * breaks and dated exceptions
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calendar is a minute mask for each weekday (shifts minus their
 * breaks, night shifts split at midnight) and, for the dates that have
 * exceptions, the exceptions in order. A local day is expanded into
 * instants once (the runs of its minute mask, each end converted from
 * local wall-clock time to an instant) and kept in a small cache, so
 * the queries walk day by day, never minute by minute.
 */

#define G_LOG_DOMAIN "pd-work-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-work-calendar.h"

#define MIN_PER_DAY     1440
#define MASK_WORDS      ((MIN_PER_DAY + 63) / 64)
#define USEC_PER_SEC    G_GINT64_CONSTANT (1000000)
#define SEC_PER_DAY     G_GINT64_CONSTANT (86400)
/* g_date_get_julian() of 1970-01-01. */
#define JULIAN_EPOCH    719163
/* g_date_get_julian() of 9999-12-31, the last day GDate knows. */
#define JULIAN_MAX      3652059
#define CACHE_MAX_DAYS  4096

typedef struct
{
  guint64 bits[MASK_WORDS];
} MinuteMask;

typedef struct
{
  PdExceptionKind kind;
  guint           start_min;
  guint           end_min;
} DayException;

typedef struct
{
  guint       n;
  PdInterval  iv[];
} Day;

struct _PdWorkCalendar
{
  gatomicrefcount  ref_count;
  GTimeZone       *tz;
  MinuteMask       week[7];          /* Monday first */
  GHashTable      *exceptions;       /* julian → GArray of DayException */
  gint64           last_working;     /* when the week has no working time:
                                      * the last julian day with overtime;
                                      * else G_MAXINT64 */
  GMutex           lock;
  GHashTable      *days;             /* julian → Day, under lock */
};

static const char *const day_names[7] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

/* --- Minute masks ---------------------------------------------------- */

static void
mask_set (MinuteMask *mask,
          guint       start,
          guint       end,
          gboolean    value)
{
  for (guint m = start; m < end && m < MIN_PER_DAY; m++)
    {
      if (value)
        mask->bits[m / 64] |= G_GUINT64_CONSTANT (1) << (m % 64);
      else
        mask->bits[m / 64] &= ~(G_GUINT64_CONSTANT (1) << (m % 64));
    }
}

static gboolean
mask_get (const MinuteMask *mask,
          guint             m)
{
  return (mask->bits[m / 64] >> (m % 64)) & 1;
}

/* --- Text form ------------------------------------------------------- */

static char *
format_time (guint min)
{
  return g_strdup_printf ("%02u:%02u", min / 60, min % 60);
}

static char *
format_range (guint start,
              guint end)
{
  return g_strdup_printf ("%02u:%02u-%02u:%02u",
                          start / 60, start % 60, end / 60, end % 60);
}

/* "HH:MM" with 00 ≤ HH ≤ 24; 24:00 only when ALLOW_24. */
static gboolean
parse_time (const char *s,
            gsize       len,
            gboolean    allow_24,
            guint      *out)
{
  guint h = 0, m = 0;
  gsize colon;

  for (colon = 0; colon < len && s[colon] != ':'; colon++)
    ;
  if (colon == 0 || colon > 2 || len - colon - 1 != 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (i != colon && !g_ascii_isdigit (s[i]))
      return FALSE;
  for (gsize i = 0; i < colon; i++)
    h = h * 10 + (guint) (s[i] - '0');
  m = (guint) (s[colon + 1] - '0') * 10 + (guint) (s[colon + 2] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
    return FALSE;
  *out = h * 60 + m;
  return TRUE;
}

static int
parse_day (const char *s,
           gsize       len)
{
  if (len != 3)
    return -1;
  for (int i = 0; i < 7; i++)
    if (g_ascii_strncasecmp (s, day_names[i], 3) == 0)
      return i;
  return -1;
}

static gboolean
refuse (GError    **error,
        const char *text,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError    **error,
        const char *text,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: the first %s is a shift as typed, e.g.
   * “mon-fri:06:00-14:00”; the second says what is wrong with it */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s”: %s"), text, what);
  return FALSE;
}

/* Position of minute M within a shift that starts at START (a night
 * shift's minutes after midnight come after those before). */
static guint
shift_pos (guint start,
           guint m)
{
  return m >= start ? m - start : m + MIN_PER_DAY - start;
}

static gboolean
shift_is_night (const PdShift *shift)
{
  return shift->end_min <= shift->start_min;
}

/* Checks SHIFT; TEXT names it in errors. */
static gboolean
validate_shift (const PdShift *shift,
                const char    *text,
                GError       **error)
{
  guint prev_end = 0;

  if (shift->days == 0 || (shift->days & ~PD_DAY_ALL) != 0)
    return refuse (error, text, _("a shift needs at least one day of the week."));
  if (shift->start_min >= MIN_PER_DAY)
    {
      g_autofree char *t = format_time (shift->start_min);
      return refuse (error, text, _("a shift cannot start at %s."), t);
    }
  if (shift->end_min > MIN_PER_DAY)
    {
      g_autofree char *t = format_time (shift->end_min);
      return refuse (error, text, _("%s is not a time of day."), t);
    }
  if (shift->breaks == NULL)
    return TRUE;

  for (guint i = 0; i < shift->breaks->len; i++)
    {
      const PdBreak *b = &g_array_index (shift->breaks, PdBreak, i);
      g_autofree char *range = format_range (b->start_min, b->end_min);
      gboolean inside;
      guint pos;

      if (b->end_min <= b->start_min || b->end_min > MIN_PER_DAY)
        return refuse (error, text,
                       _("the break %s ends before it starts (a break across midnight is two breaks)."),
                       range);
      if (!shift_is_night (shift))
        inside = b->start_min >= shift->start_min && b->end_min <= shift->end_min;
      else
        inside = b->start_min >= shift->start_min || b->end_min <= shift->end_min;
      if (!inside)
        return refuse (error, text, _("the break %s is not inside the shift."), range);

      pos = shift_pos (shift->start_min, b->start_min);
      if (i > 0 && pos < prev_end)
        {
          const PdBreak *p = &g_array_index (shift->breaks, PdBreak, i - 1);
          g_autofree char *prange = format_range (p->start_min, p->end_min);

          return refuse (error, text,
                         _("the breaks %s and %s overlap or are out of order."),
                         prange, range);
        }
      prev_end = pos + (b->end_min - b->start_min);
    }
  return TRUE;
}

static gboolean
parse_days (const char *text,
            const char *s,
            gsize       len,
            guint      *days,
            GError    **error)
{
  gsize i = 0;

  *days = 0;
  while (i <= len)
    {
      gsize item_end = i, dash = 0;
      gboolean has_dash = FALSE;
      int first, last;

      while (item_end < len && s[item_end] != ',')
        {
          if (s[item_end] == '-' && !has_dash)
            {
              has_dash = TRUE;
              dash = item_end;
            }
          item_end++;
        }
      if (has_dash)
        {
          first = parse_day (s + i, dash - i);
          last = parse_day (s + dash + 1, item_end - dash - 1);
        }
      else
        first = last = parse_day (s + i, item_end - i);
      if (first < 0 || last < 0)
        {
          g_autofree char *item = g_strndup (s + i, item_end - i);

          return refuse (error, text,
                         _("“%s” is not a day or range of days; use mon, tue, wed, thu, fri, sat and sun."),
                         item);
        }
      for (int d = first;; d = (d + 1) % 7)
        {
          *days |= 1u << d;
          if (d == last)
            break;
        }
      i = item_end + 1;
    }
  return TRUE;
}

static gboolean
parse_range (const char *text,
             const char *s,
             gsize       len,
             gboolean    allow_24_start,
             guint      *start,
             guint      *end,
             GError    **error)
{
  const char *dash = memchr (s, '-', len);
  gsize a_len;

  if (dash == NULL)
    {
      g_autofree char *item = g_strndup (s, len);

      return refuse (error, text,
                     _("“%s” is not a range of times such as 06:00-14:00."), item);
    }
  a_len = (gsize) (dash - s);
  if (!parse_time (s, a_len, allow_24_start, start))
    {
      g_autofree char *item = g_strndup (s, a_len);

      return refuse (error, text, _("%s is not a time of day."), item);
    }
  if (!parse_time (dash + 1, len - a_len - 1, TRUE, end))
    {
      g_autofree char *item = g_strndup (dash + 1, len - a_len - 1);

      return refuse (error, text, _("%s is not a time of day."), item);
    }
  return TRUE;
}

gboolean
pd_time_of_day_parse (const char *text,
                      guint      *minutes)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  return parse_time (text, strlen (text), TRUE, minutes);
}

gboolean
pd_shift_parse (const char  *text,
                PdShift     *shift,
                GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) breaks = NULL;
  PdShift result = { 0, };
  const char *colon;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (shift != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A shift is empty; write it as days and times, such as “mon-fri:06:00-14:00”."));
      return FALSE;
    }
  colon = strchr (copy, ':');
  if (colon == NULL || colon == copy)
    return refuse (error, copy,
                   _("write a shift as days, a colon and times, such as “mon-fri:06:00-14:00”."));
  if (!parse_days (copy, copy, (gsize) (colon - copy), &result.days, error))
    return FALSE;

  parts = g_strsplit (colon + 1, "/", -1);
  if (!parse_range (copy, parts[0], strlen (parts[0]), FALSE,
                    &result.start_min, &result.end_min, error))
    return FALSE;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      PdBreak b;

      if (!parse_range (copy, parts[i], strlen (parts[i]), FALSE,
                        &b.start_min, &b.end_min, error))
        return FALSE;
      if (breaks == NULL)
        breaks = g_array_new (FALSE, FALSE, sizeof (PdBreak));
      g_array_append_val (breaks, b);
    }
  result.breaks = breaks;
  if (!validate_shift (&result, copy, error))
    return FALSE;

  shift->days = result.days;
  shift->start_min = result.start_min;
  shift->end_min = result.end_min;
  shift->breaks = g_steal_pointer (&breaks);
  return TRUE;
}

char *
pd_shift_to_string (const PdShift *shift)
{
  GString *s;
  gboolean first = TRUE;
  g_autofree char *range = NULL;

  g_return_val_if_fail (shift != NULL, NULL);

  s = g_string_new (NULL);
  for (int d = 0; d < 7;)
    {
      int e;

      if (!(shift->days & (1u << d)))
        {
          d++;
          continue;
        }
      for (e = d; e + 1 < 7 && (shift->days & (1u << (e + 1))); e++)
        ;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      g_string_append (s, day_names[d]);
      if (e > d)
        g_string_append_printf (s, "-%s", day_names[e]);
      d = e + 1;
    }
  range = format_range (shift->start_min, shift->end_min);
  g_string_append_printf (s, ":%s", range);
  if (shift->breaks != NULL)
    for (guint i = 0; i < shift->breaks->len; i++)
      {
        const PdBreak *b = &g_array_index (shift->breaks, PdBreak, i);
        g_autofree char *br = format_range (b->start_min, b->end_min);

        g_string_append_printf (s, "/%s", br);
      }
  return g_string_free (s, FALSE);
}

void
pd_shift_clear (PdShift *shift)
{
  g_return_if_fail (shift != NULL);

  g_clear_pointer (&shift->breaks, g_array_unref);
  shift->days = 0;
  shift->start_min = 0;
  shift->end_min = 0;
}

/* --- Building a calendar --------------------------------------------- */

/* The minute masks SHIFT covers, per weekday (Monday first). */
static void
shift_masks (const PdShift *shift,
             MinuteMask     masks[7])
{
  memset (masks, 0, sizeof (MinuteMask) * 7);
  for (int d = 0; d < 7; d++)
    {
      int next = (d + 1) % 7;

      if (!(shift->days & (1u << d)))
        continue;
      if (!shift_is_night (shift))
        mask_set (&masks[d], shift->start_min, shift->end_min, TRUE);
      else
        {
          mask_set (&masks[d], shift->start_min, MIN_PER_DAY, TRUE);
          mask_set (&masks[next], 0, shift->end_min, TRUE);
        }
      if (shift->breaks == NULL)
        continue;
      for (guint i = 0; i < shift->breaks->len; i++)
        {
          const PdBreak *b = &g_array_index (shift->breaks, PdBreak, i);
          int on = (!shift_is_night (shift) || b->start_min >= shift->start_min) ? d : next;

          mask_set (&masks[on], b->start_min, b->end_min, FALSE);
        }
    }
}

/* Whether the shifts' spans (breaks included) meet on some day. */
static gboolean
shifts_overlap (const PdShift *a,
                const PdShift *b)
{
  PdShift a_span = *a, b_span = *b;
  MinuteMask ma[7], mb[7];

  a_span.breaks = NULL;
  b_span.breaks = NULL;
  shift_masks (&a_span, ma);
  shift_masks (&b_span, mb);
  for (int d = 0; d < 7; d++)
    for (int w = 0; w < MASK_WORDS; w++)
      if (ma[d].bits[w] & mb[d].bits[w])
        return TRUE;
  return FALSE;
}

static gboolean
week_is_empty (const MinuteMask week[7])
{
  for (int d = 0; d < 7; d++)
    for (int w = 0; w < MASK_WORDS; w++)
      if (week[d].bits[w] != 0)
        return FALSE;
  return TRUE;
}

static void
day_exceptions_free (gpointer data)
{
  g_array_unref (data);
}

PdWorkCalendar *
pd_work_calendar_new (const PdShift              *shifts,
                      guint                       n_shifts,
                      const PdCalendarException  *exceptions,
                      guint                       n_exceptions,
                      GTimeZone                  *tz,
                      GError                    **error)
{
  PdWorkCalendar *self;
  g_autoptr(GHashTable) by_day = NULL;

  g_return_val_if_fail (shifts != NULL || n_shifts == 0, NULL);
  g_return_val_if_fail (exceptions != NULL || n_exceptions == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_shifts; i++)
    {
      g_autofree char *text = pd_shift_to_string (&shifts[i]);

      if (!validate_shift (&shifts[i], text, error))
        return NULL;
      for (guint j = 0; j < i; j++)
        if (shifts_overlap (&shifts[j], &shifts[i]))
          {
            g_autofree char *other = pd_shift_to_string (&shifts[j]);

            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The shifts “%s” and “%s” overlap."), other, text);
            return NULL;
          }
    }

  by_day = g_hash_table_new_full (NULL, NULL, NULL, day_exceptions_free);
  for (guint i = 0; i < n_exceptions; i++)
    {
      const PdCalendarException *e = &exceptions[i];
      DayException de = { e->kind, e->start_min, e->end_min };
      GArray *list;
      guint julian;

      if (!g_date_valid (&e->date))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("An exception to the calendar has no valid date."));
          return NULL;
        }
      if (e->end_min <= e->start_min || e->end_min > MIN_PER_DAY)
        {
          g_autofree char *range = format_range (e->start_min, e->end_min);
          char date[32];

          g_date_strftime (date, sizeof date, "%Y-%m-%d", &e->date);
          /* TRANSLATORS: %s are a date (2026-12-24) and a range of times
           * (08:00-06:00) */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The exception on %s, %s, ends before it starts."),
                       date, range);
          return NULL;
        }
      if (e->kind != PD_EXCEPTION_CLOSED && e->kind != PD_EXCEPTION_OVERTIME)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("An exception to the calendar is neither closed nor overtime."));
          return NULL;
        }
      julian = g_date_get_julian (&e->date);
      list = g_hash_table_lookup (by_day, GUINT_TO_POINTER (julian));
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (DayException));
          g_hash_table_insert (by_day, GUINT_TO_POINTER (julian), list);
        }
      g_array_append_val (list, de);
    }

  self = g_new0 (PdWorkCalendar, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  for (guint i = 0; i < n_shifts; i++)
    {
      MinuteMask m[7];

      shift_masks (&shifts[i], m);
      for (int d = 0; d < 7; d++)
        for (int w = 0; w < MASK_WORDS; w++)
          self->week[d].bits[w] |= m[d].bits[w];
    }
  self->last_working = G_MAXINT64;
  if (week_is_empty (self->week))
    {
      self->last_working = 0;
      for (guint i = 0; i < n_exceptions; i++)
        if (exceptions[i].kind == PD_EXCEPTION_OVERTIME)
          self->last_working = MAX (self->last_working,
                                    (gint64) g_date_get_julian (&exceptions[i].date));
    }
  self->exceptions = g_steal_pointer (&by_day);
  g_mutex_init (&self->lock);
  self->days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

PdWorkCalendar *
pd_work_calendar_ref (PdWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pd_work_calendar_unref (PdWorkCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_time_zone_unref (self->tz);
  g_hash_table_unref (self->exceptions);
  g_hash_table_unref (self->days);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* --- Local time ------------------------------------------------------ */

static gint64
offset_at (GTimeZone *tz,
           gint64     utc_sec)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_sec);

  return g_time_zone_get_offset (tz, interval);
}

/* The instant (s since the epoch) of local wall-clock time LOCAL_SEC
 * (s since 1970-01-01 00:00 local). A time the clocks skip is the instant
 * they jump; a time they repeat is its first occurrence. */
static gint64
local_to_utc (GTimeZone *tz,
              gint64     local_sec)
{
  gint64 o_before = offset_at (tz, local_sec - SEC_PER_DAY);
  gint64 o_after = offset_at (tz, local_sec + SEC_PER_DAY);
  gint64 u_before = local_sec - o_before;
  gint64 u_after = local_sec - o_after;
  gboolean ok_before = offset_at (tz, u_before) == o_before;
  gboolean ok_after = offset_at (tz, u_after) == o_after;
  gint64 lo, hi;

  if (ok_before && ok_after)
    return MIN (u_before, u_after);
  if (ok_before)
    return u_before;
  if (ok_after)
    return u_after;

  /* In a gap: the transition lies in (u_after, u_before]; the first
   * instant whose offset is the later one. */
  lo = MIN (u_before, u_after);
  hi = MAX (u_before, u_after);
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (tz, mid) == o_after)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static gint64
julian_of_instant (GTimeZone *tz,
                   gint64     t)
{
  gint64 sec = t >= 0 ? t / USEC_PER_SEC : -((-t + USEC_PER_SEC - 1) / USEC_PER_SEC);
  gint64 local = sec + offset_at (tz, sec);
  gint64 days = local >= 0 ? local / SEC_PER_DAY : -((-local + SEC_PER_DAY - 1) / SEC_PER_DAY);

  return days + JULIAN_EPOCH;
}

/* --- Days ------------------------------------------------------------ */

static Day *
expand_day (PdWorkCalendar *self,
            gint64          julian)
{
  MinuteMask mask = self->week[(julian - 1) % 7];
  GArray *exc = g_hash_table_lookup (self->exceptions, GUINT_TO_POINTER ((guint) julian));
  gint64 midnight = (julian - JULIAN_EPOCH) * SEC_PER_DAY;
  gint64 u0 = local_to_utc (self->tz, midnight);
  gint64 u1 = local_to_utc (self->tz, midnight + SEC_PER_DAY);
  gboolean plain = u1 - u0 == SEC_PER_DAY
                   && offset_at (self->tz, u0) == offset_at (self->tz, u1 - 1);
  PdInterval runs[MIN_PER_DAY / 2 + 1];
  guint n = 0;
  Day *day;

  if (exc != NULL)
    for (guint i = 0; i < exc->len; i++)
      {
        const DayException *e = &g_array_index (exc, DayException, i);

        mask_set (&mask, e->start_min, e->end_min, e->kind == PD_EXCEPTION_OVERTIME);
      }

  for (guint m = 0; m < MIN_PER_DAY;)
    {
      guint end;
      gint64 s, e;

      if (mask.bits[m / 64] == 0 && m % 64 == 0)
        {
          m += 64;
          continue;
        }
      if (!mask_get (&mask, m))
        {
          m++;
          continue;
        }
      for (end = m + 1; end < MIN_PER_DAY && mask_get (&mask, end); end++)
        ;
      if (plain)
        {
          s = u0 + m * 60;
          e = u0 + end * 60;
        }
      else
        {
          s = local_to_utc (self->tz, midnight + m * 60);
          e = local_to_utc (self->tz, midnight + end * 60);
        }
      if (e > s)
        {
          runs[n].start = s * USEC_PER_SEC;
          runs[n].end = e * USEC_PER_SEC;
          n++;
        }
      m = end;
    }

  day = g_malloc (sizeof (Day) + n * sizeof (PdInterval));
  day->n = n;
  memcpy (day->iv, runs, n * sizeof (PdInterval));
  return day;
}

/* The working intervals of local day JULIAN; valid until the lock is
 * released (the caller holds it). */
static const Day *
get_day (PdWorkCalendar *self,
         gint64          julian)
{
  static const Day empty = { 0, };
  Day *day;

  if (julian < 1 || julian > JULIAN_MAX)
    return &empty;
  day = g_hash_table_lookup (self->days, GUINT_TO_POINTER ((guint) julian));
  if (day != NULL)
    return day;
  if (g_hash_table_size (self->days) >= CACHE_MAX_DAYS)
    g_hash_table_remove_all (self->days);
  day = expand_day (self, julian);
  g_hash_table_insert (self->days, GUINT_TO_POINTER ((guint) julian), day);
  return day;
}

static gint64
sat_add (gint64 a,
         gint64 b)
{
  if (b > 0 && a > G_MAXINT64 - b)
    return G_MAXINT64;
  if (b < 0 && a < G_MININT64 - b)
    return G_MININT64;
  return a + b;
}

/* The first local day worth looking at for instants ≥ T. */
static gint64
first_day (PdWorkCalendar *self,
           gint64          t)
{
  return julian_of_instant (self->tz, t) - 1;
}

/* Whether day JULIAN and all later ones begin at or after LIMIT. */
static gboolean
past (PdWorkCalendar *self,
      gint64          julian,
      gint64          first,
      gint64          t,
      gint64          limit)
{
  /* A local day lasts at least 22 h and no day starts before the first
   * one's start ≥ T − 2 days: a cheap bound without converting. */
  gint64 days_after = julian - first;

  if (julian > JULIAN_MAX || julian > self->last_working)
    return TRUE;
  if (days_after < 4)
    return FALSE;
  return sat_add (t, (days_after - 3) * 22 * 3600 * USEC_PER_SEC) >= limit;
}

GArray *
pd_work_calendar_intervals (PdWorkCalendar *self,
                            gint64          from,
                            gint64          to)
{
  GArray *out;
  gint64 first;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (PdInterval));
  if (to <= from)
    return out;

  first = first_day (self, from);
  g_mutex_lock (&self->lock);
  for (gint64 j = MAX (first, 1); !past (self, j, first, from, to); j++)
    {
      const Day *day = get_day (self, j);

      for (guint i = 0; i < day->n; i++)
        {
          PdInterval iv = day->iv[i];

          if (iv.end <= from || iv.start >= to)
            continue;
          iv.start = MAX (iv.start, from);
          iv.end = MIN (iv.end, to);
          if (out->len > 0
              && g_array_index (out, PdInterval, out->len - 1).end >= iv.start)
            g_array_index (out, PdInterval, out->len - 1).end = iv.end;
          else
            g_array_append_val (out, iv);
        }
    }
  g_mutex_unlock (&self->lock);
  return out;
}

gint64
pd_work_calendar_working_time (PdWorkCalendar *self,
                               gint64          from,
                               gint64          to)
{
  gint64 total = 0;
  gint64 first;

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from)
    return 0;
  first = first_day (self, from);
  g_mutex_lock (&self->lock);
  for (gint64 j = MAX (first, 1); !past (self, j, first, from, to); j++)
    {
      const Day *day = get_day (self, j);

      for (guint i = 0; i < day->n; i++)
        {
          gint64 s = MAX (day->iv[i].start, from);
          gint64 e = MIN (day->iv[i].end, to);

          if (e > s)
            total += e - s;
        }
    }
  g_mutex_unlock (&self->lock);
  return total;
}

gint64
pd_work_calendar_next_working (PdWorkCalendar *self,
                               gint64          t,
                               gint64          horizon)
{
  gint64 limit, first;
  gint64 found = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);
  g_return_val_if_fail (horizon >= 0, G_MAXINT64);

  limit = sat_add (t, horizon);
  first = first_day (self, t);
  g_mutex_lock (&self->lock);
  for (gint64 j = MAX (first, 1); found == G_MAXINT64 && !past (self, j, first, t, limit); j++)
    {
      const Day *day = get_day (self, j);

      for (guint i = 0; i < day->n; i++)
        if (day->iv[i].end > t)
          {
            found = MAX (day->iv[i].start, t);
            break;
          }
    }
  g_mutex_unlock (&self->lock);
  return found < limit ? found : G_MAXINT64;
}

gint64
pd_work_calendar_add_working (PdWorkCalendar *self,
                              gint64          t,
                              gint64          duration,
                              gint64          horizon)
{
  gint64 limit, first;
  gint64 left = duration;
  gint64 done = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);
  g_return_val_if_fail (duration >= 0, G_MAXINT64);
  g_return_val_if_fail (horizon >= 0, G_MAXINT64);

  if (duration == 0)
    return pd_work_calendar_next_working (self, t, horizon);

  limit = sat_add (t, horizon);
  first = first_day (self, t);
  g_mutex_lock (&self->lock);
  for (gint64 j = MAX (first, 1); done == G_MAXINT64 && !past (self, j, first, t, limit); j++)
    {
      const Day *day = get_day (self, j);

      for (guint i = 0; i < day->n; i++)
        {
          gint64 s = MAX (day->iv[i].start, t);
          gint64 e = day->iv[i].end;

          if (e <= s)
            continue;
          if (e - s >= left)
            {
              done = s + left;
              break;
            }
          left -= e - s;
        }
    }
  g_mutex_unlock (&self->lock);
  return done <= limit ? done : G_MAXINT64;
}

gboolean
pd_work_calendar_is_working (PdWorkCalendar *self,
                             gint64          t)
{
  gint64 j;
  gboolean working = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  j = julian_of_instant (self->tz, t);
  g_mutex_lock (&self->lock);
  for (gint64 k = j - 1; k <= j + 1 && !working; k++)
    {
      const Day *day = get_day (self, k);

      for (guint i = 0; i < day->n; i++)
        if (day->iv[i].start <= t && t < day->iv[i].end)
          {
            working = TRUE;
            break;
          }
    }
  g_mutex_unlock (&self->lock);
  return working;
}
