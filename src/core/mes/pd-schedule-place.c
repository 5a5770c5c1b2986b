/* pd-schedule-place.c — finite-capacity forward placement: the full run
 * and the incremental reschedule of one order
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-schedule-private.h"

/* A work center's load as a step function: from T until the next step's
 * T, COUNT operations run there. Steps are sorted by T; the last one has
 * COUNT 0 (every interval adds a step at its end), and before the first
 * the count is 0. */
typedef struct
{
  gint64 t;
  guint  count;
} Step;

/* A work center's working intervals from NOW on, read from its calendar
 * in growing chunks as the placement needs them, with the working time
 * before each: next working instant and end of a duration are then binary
 * searches instead of calendar walks. */
typedef struct
{
  PdWorkCalendar *calendar;
  GArray         *intervals;  /* PdInterval, merged where they touch */
  GArray         *before;     /* gint64: working time before each interval */
  gint64          to;         /* read up to here */
  gint64          chunk;
} Hours;

typedef struct
{
  PdSchedule  *schedule;
  GArray     **load;          /* one GArray of Step per work center */
  Hours       *hours;         /* one per work center */
  gint64       now;
  gint64       limit;         /* now + horizon */
} Placer;

#define HOURS_FIRST_CHUNK (G_GINT64_CONSTANT (1000000) * 3600 * 24 * 8)

static gboolean
hours_extend (Hours  *hours,
              gint64  limit)
{
  g_autoptr(GArray) more = NULL;
  gint64 to;

  if (hours->to >= limit)
    return FALSE;
  to = MIN (limit, hours->to + hours->chunk);
  hours->chunk *= 2;
  more = pd_work_calendar_intervals (hours->calendar, hours->to, to);
  for (guint i = 0; i < more->len; i++)
    {
      PdInterval iv = g_array_index (more, PdInterval, i);
      guint n = hours->intervals->len;

      if (n > 0 && g_array_index (hours->intervals, PdInterval, n - 1).end == iv.start)
        g_array_index (hours->intervals, PdInterval, n - 1).end = iv.end;
      else
        {
          gint64 sum = 0;

          if (n > 0)
            {
              PdInterval *last = &g_array_index (hours->intervals, PdInterval, n - 1);

              sum = g_array_index (hours->before, gint64, n - 1) + (last->end - last->start);
            }
          g_array_append_val (hours->intervals, iv);
          g_array_append_val (hours->before, sum);
        }
    }
  hours->to = to;
  return TRUE;
}

/* The index of the first interval ending after T, or the number of
 * intervals when none does (yet). */
static guint
hours_find (Hours  *hours,
            gint64  t)
{
  guint lo = 0, hi = hours->intervals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (hours->intervals, PdInterval, mid).end > t)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* pd_work_calendar_next_working() up to the placer's limit. */
static gint64
hours_next (Placer *placer,
            guint   wc,
            gint64  t)
{
  Hours *hours = &placer->hours[wc];
  guint i;

  if (t < placer->now)
    return pd_work_calendar_next_working (hours->calendar, t, MAX (placer->limit - t, 0));
  for (;;)
    {
      i = hours_find (hours, t);
      if (i < hours->intervals->len)
        {
          gint64 start = MAX (t, g_array_index (hours->intervals, PdInterval, i).start);

          return start < placer->limit ? start : G_MAXINT64;
        }
      if (!hours_extend (hours, placer->limit))
        return G_MAXINT64;
    }
}

/* pd_work_calendar_add_working() up to the placer's limit. */
static gint64
hours_add (Placer *placer,
           guint   wc,
           gint64  t,
           gint64  duration)
{
  Hours *hours = &placer->hours[wc];
  gint64 s, target, end;
  guint i, lo, hi;

  if (t < placer->now)
    return pd_work_calendar_add_working (hours->calendar, t, duration, MAX (placer->limit - t, 0));
  s = hours_next (placer, wc, t);
  if (s == G_MAXINT64 || duration == 0)
    return s;
  i = hours_find (hours, s);
  target = g_array_index (hours->before, gint64, i) + (s - g_array_index (hours->intervals, PdInterval, i).start)
           + duration;
  for (;;)
    {
      guint n = hours->intervals->len;
      PdInterval *last = &g_array_index (hours->intervals, PdInterval, n - 1);

      if (g_array_index (hours->before, gint64, n - 1) + (last->end - last->start) >= target)
        break;
      if (!hours_extend (hours, placer->limit))
        return G_MAXINT64;
    }
  /* The first interval whose end reaches TARGET of working time. */
  lo = i;
  hi = hours->intervals->len - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      PdInterval *iv = &g_array_index (hours->intervals, PdInterval, mid);

      if (g_array_index (hours->before, gint64, mid) + (iv->end - iv->start) >= target)
        hi = mid;
      else
        lo = mid + 1;
    }
  end = g_array_index (hours->intervals, PdInterval, lo).start + (target - g_array_index (hours->before, gint64, lo));
  return end <= placer->limit ? end : G_MAXINT64;
}

/* The index of the last step at or before T, -1 when none. */
static int
step_at (GArray *steps,
         gint64  t)
{
  int lo = 0, hi = (int) steps->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (g_array_index (steps, Step, mid).t <= t)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

/* The index of a step at exactly T, added when there is none. */
static guint
step_ensure (GArray *steps,
             gint64  t)
{
  int i = step_at (steps, t);
  Step step = { t, 0 };

  if (i >= 0 && g_array_index (steps, Step, i).t == t)
    return i;
  if (i >= 0)
    step.count = g_array_index (steps, Step, i).count;
  g_array_insert_val (steps, i + 1, step);
  return i + 1;
}

/* Drops step K when it says what the step before it says, so that a
 * work center packed with operations back to back is one stretch, not one
 * step per operation (load_blocked then jumps it at once). */
static void
step_coalesce (GArray *steps,
               guint   k)
{
  guint before;

  if (k >= steps->len)
    return;
  before = k > 0 ? g_array_index (steps, Step, k - 1).count : 0;
  if (g_array_index (steps, Step, k).count == before)
    g_array_remove_index (steps, k);
}

static void
load_add (GArray *steps,
          gint64  start,
          gint64  end)
{
  guint a, b;

  if (end <= start)
    return;
  a = step_ensure (steps, start);
  b = step_ensure (steps, end);
  for (guint k = a; k < b; k++)
    g_array_index (steps, Step, k).count++;
  step_coalesce (steps, b);
  step_coalesce (steps, a);
}

/* 0 when the load stays below CAPACITY throughout [START, END); else the
 * first instant after the first full stretch in it where a unit is free
 * again. */
static gint64
load_blocked (GArray *steps,
              guint   capacity,
              gint64  start,
              gint64  end)
{
  int k;

  if (end <= start)
    return 0;
  k = MAX (step_at (steps, start), 0);
  for (; k < (int) steps->len && g_array_index (steps, Step, k).t < end; k++)
    {
      if (g_array_index (steps, Step, k).count >= capacity)
        {
          guint j = k + 1;

          while (j < steps->len && g_array_index (steps, Step, j).count >= capacity)
            j++;
          g_assert (j < steps->len);
          return g_array_index (steps, Step, j).t;
        }
    }
  return 0;
}

/* The first instant ≥ T where a unit is free for at least DURATION µs of
 * wall-clock time: no shorter gap can hold DURATION of working time, so
 * those are skipped without asking the calendar. */
static gint64
load_next_gap (GArray *steps,
               guint   capacity,
               gint64  t,
               gint64  duration)
{
  int k = step_at (steps, t);

  for (;;)
    {
      /* Out of a full stretch first. */
      if (k >= 0 && g_array_index (steps, Step, k).count >= capacity)
        {
          while (k < (int) steps->len && g_array_index (steps, Step, k).count >= capacity)
            k++;
          g_assert (k < (int) steps->len);
          t = MAX (t, g_array_index (steps, Step, k).t);
        }
      /* Then to the next full stretch, if the gap is too short. */
      for (k++; k < (int) steps->len && g_array_index (steps, Step, k).count < capacity; k++)
        ;
      if (k >= (int) steps->len || g_array_index (steps, Step, k).t - t >= duration)
        return t;
      t = g_array_index (steps, Step, k).t;
    }
}

static PdSchedWorkCenter *
op_work_center (PdSchedule      *self,
                const PdSchedOp *op)
{
  return &g_array_index (self->work_centers, PdSchedWorkCenter, op->work_center);
}

/* A running (or paused) operation ends when the rest of its run time,
 * of working time from NOW (or from its start, when that is later), is
 * done, and not before its planned end: its end moves there, its start
 * stays (NOW when it had none). The end is at most the placer's limit. */
static void
project_running (Placer    *placer,
                 PdSchedOp *op)
{
  gint64 from, end;

  if (op->start == 0 && op->end == 0)
    op->start = placer->now;
  from = MAX (placer->now, op->start);
  end = from;
  if (op->run_us > 0)
    {
      end = hours_add (placer, op->work_center, from, op->run_us);
      if (end == G_MAXINT64)
        end = MAX (placer->limit, from);
    }
  op->end = MAX (op->end, end);
}

static void
placer_init (Placer     *placer,
             PdSchedule *self,
             gint64      now,
             gint64      horizon)
{
  placer->schedule = self;
  placer->now = now;
  placer->limit = now + MAX (horizon, 0);
  placer->load = g_new0 (GArray *, self->work_centers->len + 1);
  placer->hours = g_new0 (Hours, self->work_centers->len + 1);
  for (guint i = 0; i < self->work_centers->len; i++)
    {
      Hours *hours = &placer->hours[i];

      placer->load[i] = g_array_sized_new (FALSE, FALSE, sizeof (Step), 64);
      hours->calendar = g_array_index (self->work_centers, PdSchedWorkCenter, i).calendar;
      hours->intervals = g_array_new (FALSE, FALSE, sizeof (PdInterval));
      hours->before = g_array_new (FALSE, FALSE, sizeof (gint64));
      hours->to = now;
      hours->chunk = HOURS_FIRST_CHUNK;
    }

  /* Operations that stay occupy their work centers first; running ones
   * until they can end. */
  for (guint i = 0; i < self->ops->len; i++)
    {
      PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, i);

      if (op->state != PD_SCHED_FREE)
        {
          op->waited_us = 0;
          if (op->state == PD_SCHED_RUNNING)
            project_running (placer, op);
          load_add (placer->load[op->work_center], op->start, op->end);
        }
    }
}

static void
placer_clear (Placer *placer)
{
  for (guint i = 0; i < placer->schedule->work_centers->len; i++)
    {
      g_array_unref (placer->load[i]);
      g_array_unref (placer->hours[i].intervals);
      g_array_unref (placer->hours[i].before);
    }
  g_free (placer->load);
  g_free (placer->hours);
}

/* _pd_schedule_precedence() on the placer's cached working hours. */
static gboolean
precedence (Placer *placer,
            guint   index,
            gint64 *ready,
            gint64 *min_end)
{
  PdSchedule *self = placer->schedule;
  PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, index);
  PdSchedOrder *order = &g_array_index (self->orders, PdSchedOrder, op->order);
  PdSchedOp *prev;
  gint64 t;

  *ready = placer->now;
  *min_end = 0;
  if (index == order->first_op)
    return TRUE;
  prev = op - 1;
  if (prev->start == 0 && prev->end == 0)
    return TRUE;
  if (!prev->overlap)
    {
      *ready = MAX (placer->now, prev->end);
      return TRUE;
    }
  t = hours_add (placer, prev->work_center, prev->start, prev->setup_us + MIN (prev->unit_us, prev->run_us));
  if (t == G_MAXINT64)
    return FALSE;
  *ready = MAX (placer->now, MIN (t, prev->end));
  t = hours_add (placer, op->work_center, prev->end, MIN (op->unit_us, op->run_us));
  if (t == G_MAXINT64)
    return FALSE;
  *min_end = t;
  return TRUE;
}

static gboolean
fail_horizon (PdSchedule  *self,
              PdSchedOp   *op,
              GError     **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("Operation %u of %s does not fit on work center %s within the scheduling horizon."),
               op->seq, g_array_index (self->orders, PdSchedOrder, op->order).number,
               op_work_center (self, op)->code);
  return FALSE;
}

/* Places the free operation INDEX at the earliest instant its predecessor
 * and its work center's free capacity allow, and adds it to the load. */
static gboolean
place_op (Placer  *placer,
          guint    index,
          GError **error)
{
  PdSchedule *self = placer->schedule;
  PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, index);
  PdSchedWorkCenter *wc = op_work_center (self, op);
  GArray *steps = placer->load[op->work_center];
  gint64 duration = op->setup_us + op->run_us;
  gint64 limit = placer->limit;
  gint64 ready, min_end, t, first, end;

  op->start = op->end = 0;
  op->waited_us = 0;
  if (!precedence (placer, index, &ready, &min_end))
    return fail_horizon (self, op, error);

  if (ready >= limit)
    return fail_horizon (self, op, error);
  t = hours_next (placer, op->work_center, ready);
  if (t == G_MAXINT64)
    return fail_horizon (self, op, error);

  if (min_end > 0)
    {
      /* Overlapping its predecessor, it must not end before one unit of
       * its own after the predecessor's end: the earliest start that
       * ends there, by bisection (the end grows with the start). */
      end = hours_add (placer, op->work_center, t, duration);
      if (end == G_MAXINT64)
        return fail_horizon (self, op, error);
      if (end < min_end)
        {
          gint64 lo = t, hi = min_end;

          while (hi - lo > 1)
            {
              gint64 mid = lo + (hi - lo) / 2;
              gint64 e = hours_add (placer, op->work_center, mid, duration);

              if (e != G_MAXINT64 && e >= min_end)
                hi = mid;
              else
                lo = mid;
            }
          t = hours_next (placer, op->work_center, hi);
          if (t == G_MAXINT64)
            return fail_horizon (self, op, error);
        }
    }

  first = t;
  for (;;)
    {
      gint64 free_at;
      gint64 gap = load_next_gap (steps, wc->capacity, t, duration);

      if (gap != t)
        {
          if (gap >= limit)
            return fail_horizon (self, op, error);
          t = hours_next (placer, op->work_center, gap);
          if (t == G_MAXINT64)
            return fail_horizon (self, op, error);
        }
      end = hours_add (placer, op->work_center, t, duration);
      if (end == G_MAXINT64 || end > limit)
        return fail_horizon (self, op, error);
      free_at = load_blocked (steps, wc->capacity, t, end);
      if (free_at == 0)
        break;
      if (free_at >= limit)
        return fail_horizon (self, op, error);
      t = hours_next (placer, op->work_center, free_at);
      if (t == G_MAXINT64)
        return fail_horizon (self, op, error);
    }

  op->start = t;
  op->end = end;
  op->waited_us = t - first;
  load_add (steps, t, end);
  return TRUE;
}

/* Whether the free operation INDEX may stay where it is: after NOW, its
 * predecessor allows it, and its work center has room for it. */
static gboolean
op_still_fits (Placer *placer,
               guint   index)
{
  PdSchedule *self = placer->schedule;
  PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, index);
  gint64 ready, min_end;

  if (op->start == 0 || op->start < placer->now || op->end > placer->limit)
    return FALSE;
  if (!precedence (placer, index, &ready, &min_end))
    return FALSE;
  if (op->start < ready || (min_end != 0 && op->end < min_end))
    return FALSE;
  return load_blocked (placer->load[op->work_center], op_work_center (self, op)->capacity,
                       op->start, op->end) == 0;
}

static int
compare_orders (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PdSchedule *self = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const PdSchedOrder *oa = &g_array_index (self->orders, PdSchedOrder, ia);
  const PdSchedOrder *ob = &g_array_index (self->orders, PdSchedOrder, ib);
  int c;

  if (oa->priority != ob->priority)
    return oa->priority < ob->priority ? -1 : 1;
  if (oa->due != ob->due)
    return oa->due < ob->due ? -1 : 1;
  if (oa->created != ob->created)
    return oa->created < ob->created ? -1 : 1;
  c = g_strcmp0 (oa->number, ob->number);
  if (c != 0)
    return c;
  if (oa->id != ob->id)
    return oa->id < ob->id ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static guint *
rank_orders (PdSchedule *self)
{
  guint *rank = g_new (guint, self->orders->len + 1);

  for (guint i = 0; i < self->orders->len; i++)
    rank[i] = i;
  g_qsort_with_data (rank, self->orders->len, sizeof (guint), compare_orders, self);
  return rank;
}

/* Each order's planned end, late flag and bottleneck. */
static void
finish_orders (PdSchedule *self)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      PdSchedOrder *order = &g_array_index (self->orders, PdSchedOrder, i);
      gint64 waited = 0;

      order->end = 0;
      order->late = FALSE;
      order->bottleneck = 0;
      if (order->n_ops == 0)
        continue;
      for (guint k = order->first_op; k < order->first_op + order->n_ops; k++)
        {
          PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, k);

          if (op->state == PD_SCHED_FREE && op->waited_us > waited)
            {
              waited = op->waited_us;
              order->bottleneck = op->work_center + 1;
            }
        }
      order->end = g_array_index (self->ops, PdSchedOp, order->first_op + order->n_ops - 1).end;
      order->late = order->end != 0 && order->due != 0 && order->end > order->due;
    }
}

/* Places the free operations of each order by rank. With ONLY_ORDER
 * (≥ 0) the others' operations stay where they are when they still fit,
 * and from the first that does not, the rest of that order is placed
 * again. */
static gboolean
place_all (PdSchedule  *self,
           int          only_order,
           gint64       now,
           gint64       horizon,
           GError     **error)
{
  g_autofree guint *rank = NULL;
  Placer placer;
  gboolean ok = TRUE;

  if (only_order < 0)
    for (guint i = 0; i < self->ops->len; i++)
      {
        PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, i);

        if (op->state == PD_SCHED_FREE)
          op->start = op->end = op->waited_us = 0;
      }

  rank = rank_orders (self);
  placer_init (&placer, self, now, horizon);
  for (guint r = 0; ok && r < self->orders->len; r++)
    {
      PdSchedOrder *order = &g_array_index (self->orders, PdSchedOrder, rank[r]);
      guint end = order->first_op + order->n_ops;
      guint from = end;

      if (only_order < 0 || (guint) only_order == rank[r])
        from = order->first_op;
      else
        for (guint k = order->first_op; k < end; k++)
          {
            PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, k);

            if (op->state != PD_SCHED_FREE)
              continue;
            if (!op_still_fits (&placer, k))
              {
                from = k;
                break;
              }
            load_add (placer.load[op->work_center], op->start, op->end);
          }

      for (guint k = from; ok && k < end; k++)
        if (g_array_index (self->ops, PdSchedOp, k).state == PD_SCHED_FREE)
          ok = place_op (&placer, k, error);
    }
  placer_clear (&placer);
  finish_orders (self);
  return ok;
}

gboolean
pd_schedule_run (PdSchedule  *self,
                 gint64       now,
                 gint64       horizon,
                 GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return place_all (self, -1, now, horizon, error);
}

void
pd_schedule_project_running (PdSchedule  *self,
                             gint64       now,
                             gint64       horizon)
{
  Placer placer;

  g_return_if_fail (self != NULL);

  /* Setting the placer up projects them, as a run does first. */
  placer_init (&placer, self, now, horizon);
  placer_clear (&placer);
}

gboolean
pd_schedule_reschedule_order (PdSchedule  *self,
                              guint        order,
                              gint64       now,
                              gint64       horizon,
                              GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (order < self->orders->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return place_all (self, order, now, horizon, error);
}
