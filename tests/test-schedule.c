/* test-schedule.c — the finite-capacity scheduler checked by a validator
 * of its own over many random instances (capacity, precedence and
 * overlap, working time, fixed operations, determinism, priority order,
 * late flags), the incremental reschedule, check_move's refusals and
 * loading a schedule from the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-schedule"

#include "config.h"

#include <string.h>

#include "pd-core.h"
#include "pd-error.h"
#include "pd-schedule.h"
#include "pd-store-mes.h"
#include "pd-store-schedule.h"
#include "pd-store-work-orders.h"
#include "pd-work-calendar.h"
#include "pd-test-utils.h"

#define SEC     G_GINT64_CONSTANT (1000000)
#define MINUTE  (60 * SEC)
#define HOUR    (60 * MINUTE)
#define DAY     (24 * HOUR)
#define HORIZON (365 * DAY)

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * SEC;
}

static PdWorkCalendar *
calendar_from (GTimeZone                 *tz,
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
  cal = pd_work_calendar_new ((PdShift *) (gpointer) shifts->data, shifts->len, exceptions, n_exceptions, tz,
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

/* --- Random instances ------------------------------------------------- */

/* A description of an instance, so that it can be built again in another
 * order of its orders. */
typedef struct
{
  guint         wc;
  gint64        setup_us, unit_us, run_us;
  gboolean      overlap;
  PdSchedState  state;
  gint64        start, end;
} OpSpec;

typedef struct
{
  char    number[16];
  guint   priority;
  gint64  due, created;
  guint   n_ops;
  OpSpec  ops[5];
} OrderSpec;

typedef struct
{
  guint            n_wcs;
  PdWorkCalendar  *cals[6];
  guint            capacity[6];
  const char      *kind[6];
  guint            n_orders;
  OrderSpec        orders[30];
  gint64           now;
} Instance;

static void
instance_clear (Instance *inst)
{
  for (guint i = 0; i < inst->n_wcs; i++)
    pd_work_calendar_unref (inst->cals[i]);
}

static PdWorkCalendar *
random_calendar (GRand *rand)
{
  static const char *const day_two_shifts[] = { "mon-fri:06:00-14:00/10:00-10:15",
                                                "mon-fri:14:00-22:00/18:00-18:30", NULL };
  static const char *const nights[] = { "mon-sat:22:00-06:00/02:00-02:30", NULL };
  static const char *const single[] = { "mon-fri:07:00-15:30/12:00-12:30", NULL };
  static const char *const three[] = { "mon-fri:06:00-14:00", "mon-fri:14:00-22:00",
                                       "mon-fri:22:00-06:00", NULL };
  const char *const *sets[] = { day_two_shifts, nights, single, three };
  const char *const *texts = sets[g_rand_int_range (rand, 0, G_N_ELEMENTS (sets))];
  g_autoptr(GTimeZone) tz = g_rand_boolean (rand) ? g_time_zone_new_utc ()
                                                  : g_time_zone_new_identifier ("Europe/Berlin");
  PdCalendarException ex[3];
  guint n_ex = g_rand_int_range (rand, 0, 4);

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  for (guint i = 0; i < n_ex; i++)
    {
      ex[i].kind = g_rand_boolean (rand) ? PD_EXCEPTION_CLOSED : PD_EXCEPTION_OVERTIME;
      g_date_clear (&ex[i].date, 1);
      g_date_set_dmy (&ex[i].date, g_rand_int_range (rand, 2, 28), 3, 2026);
      ex[i].start_min = g_rand_int_range (rand, 0, 20) * 60;
      ex[i].end_min = ex[i].start_min + g_rand_int_range (rand, 1, 1441 - ex[i].start_min);
      ex[i].reason = NULL;
    }
  return calendar_from (tz, texts, ex, n_ex);
}

/* When a running operation can end: RUN_US of working time from the
 * later of NOW and START, found by walking the calendar in steps of 30 s
 * (every boundary of the test calendars and every run time is a multiple
 * of it), without the calendar's own arithmetic. */
static gint64
projected_end (PdWorkCalendar *cal,
               gint64          now,
               gint64          start,
               gint64          run_us)
{
  gint64 t = start == 0 ? now : MAX (now, start);
  gint64 done = 0;

  g_assert_cmpint (run_us % (30 * SEC), ==, 0);
  g_assert_cmpint (t % (30 * SEC), ==, 0);
  while (done < run_us)
    {
      if (pd_work_calendar_is_working (cal, t))
        done += 30 * SEC;
      t += 30 * SEC;
    }
  return t;
}

static void
random_instance (Instance *inst,
                 guint32   seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 cursor[6];

  memset (inst, 0, sizeof *inst);
  inst->now = utc (2026, 3, 2, 5, 0) + g_rand_int_range (rand, 0, 48) * HOUR;
  inst->n_wcs = g_rand_int_range (rand, 1, 7);
  for (guint i = 0; i < inst->n_wcs; i++)
    {
      inst->cals[i] = random_calendar (rand);
      inst->capacity[i] = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 2, 4) : 1;
      inst->kind[i] = i % 2 == 0 ? "press" : "lathe";
      /* Fixed operations are laid one after another on each work center,
       * so that they never exceed its capacity among themselves. */
      cursor[i] = inst->now - 3 * DAY;
    }

  inst->n_orders = g_rand_int_range (rand, 3, 31);
  for (guint o = 0; o < inst->n_orders; o++)
    {
      OrderSpec *spec = &inst->orders[o];

      g_snprintf (spec->number, sizeof spec->number, "WO-%06u", o + 1);
      spec->priority = g_rand_int_range (rand, 1, 6);
      /* Ties in due and creation time are frequent on purpose. */
      spec->due = inst->now + g_rand_int_range (rand, 0, 10) * DAY;
      spec->created = inst->now - g_rand_int_range (rand, 1, 4) * DAY;
      spec->n_ops = g_rand_int_range (rand, 1, 6);
      for (guint k = 0; k < spec->n_ops; k++)
        {
          OpSpec *op = &spec->ops[k];
          PdWorkCalendar *cal;
          gint64 duration;
          guint fixed = g_rand_int_range (rand, 0, 12);

          op->wc = g_rand_int_range (rand, 0, inst->n_wcs);
          op->setup_us = g_rand_int_range (rand, 0, 5) * 15 * MINUTE;
          op->unit_us = g_rand_int_range (rand, 1, 20) * 30 * SEC;
          op->run_us = op->unit_us * g_rand_int_range (rand, 0, 60);
          op->overlap = g_rand_int_range (rand, 0, 3) == 0;
          op->state = PD_SCHED_FREE;
          cal = inst->cals[op->wc];
          duration = op->setup_us + op->run_us;

          if (k == 0 && fixed == 0)
            {
              /* Done, in the past. */
              gint64 s = pd_work_calendar_next_working (cal, cursor[op->wc], 30 * DAY);
              gint64 e = pd_work_calendar_add_working (cal, s, duration, 30 * DAY);

              if (e < inst->now)
                {
                  op->state = PD_SCHED_DONE;
                  op->start = s;
                  op->end = e;
                  cursor[op->wc] = e;
                }
            }
          else if (k == 0 && fixed == 1 && cursor[op->wc] < inst->now)
            {
              /* Running: started before now. */
              gint64 s = pd_work_calendar_next_working (cal, inst->now - 4 * HOUR, 30 * DAY);

              if (s >= cursor[op->wc] && s < inst->now)
                {
                  /* Ahead of its plan, or overrunning it (its planned
                   * end maybe already past). */
                  gint64 planned = g_rand_boolean (rand) ? duration + 4 * HOUR
                                                         : g_rand_int_range (rand, 0, 5) * 15 * MINUTE;

                  op->state = PD_SCHED_RUNNING;
                  op->start = s;
                  op->end = pd_work_calendar_add_working (cal, s, planned, 30 * DAY);
                  cursor[op->wc] = MAX (op->end, projected_end (cal, inst->now, op->start, op->run_us));
                }
            }
          else if (fixed == 2)
            {
              /* Locked somewhere in the next days. */
              gint64 from = MAX (cursor[op->wc], inst->now) + g_rand_int_range (rand, 0, 72) * HOUR;
              gint64 s = pd_work_calendar_next_working (cal, from, 30 * DAY);

              op->state = PD_SCHED_LOCKED;
              op->start = s;
              op->end = pd_work_calendar_add_working (cal, s, duration, 30 * DAY);
              cursor[op->wc] = op->end;
            }
        }
    }
}

static PdSchedule *
instance_build (const Instance *inst,
                const guint    *order_of)
{
  PdSchedule *schedule = pd_schedule_new ();

  for (guint i = 0; i < inst->n_wcs; i++)
    {
      g_autofree char *code = g_strdup_printf ("WC%u", i);

      g_assert_cmpuint (pd_schedule_add_work_center (schedule, 100 + i, code, inst->kind[i], inst->capacity[i],
                                                     inst->cals[i]), ==, i);
    }
  for (guint n = 0; n < inst->n_orders; n++)
    {
      const OrderSpec *spec = &inst->orders[order_of != NULL ? order_of[n] : n];

      pd_schedule_add_order (schedule, 1000 + (spec - inst->orders), spec->number, "P-1", spec->priority,
                             spec->due, spec->created);
      for (guint k = 0; k < spec->n_ops; k++)
        {
          const OpSpec *op = &spec->ops[k];

          pd_schedule_add_operation (schedule, (k + 1) * 10, op->wc, op->setup_us, op->unit_us, op->run_us,
                                     op->overlap, op->state, 0.0, op->start, op->end);
        }
    }
  return schedule;
}

/* --- The validator ---------------------------------------------------- */

/* It does not use the scheduler: capacity by a sweep over start and end
 * events, working time by pd_work_calendar_working_time and
 * pd_work_calendar_is_working only. */

typedef struct
{
  gint64 t;
  int    delta;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a, *eb = b;

  if (ea->t != eb->t)
    return ea->t < eb->t ? -1 : 1;
  return ea->delta - eb->delta;   /* ends (-1) before starts (+1) */
}

static const OpSpec *
find_spec (const Instance *inst,
           const char     *number,
           guint           seq)
{
  for (guint o = 0; o < inst->n_orders; o++)
    if (strcmp (inst->orders[o].number, number) == 0)
      return &inst->orders[o].ops[seq / 10 - 1];
  g_assert_not_reached ();
}

/* Running operations the validator saw overrun their plan, or not. */
static guint n_running_overrun, n_running_ahead;

static void
validate (PdSchedule     *schedule,
          const Instance *inst,
          gint64          now)
{
  guint n_ops = pd_schedule_get_n_operations (schedule);

  /* Capacity. */
  for (guint w = 0; w < pd_schedule_get_n_work_centers (schedule); w++)
    {
      g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
      int load = 0;

      for (guint i = 0; i < n_ops; i++)
        {
          PdSchedOp *op = pd_schedule_get_operation (schedule, i);
          Event s = { op->start, +1 }, e = { op->end, -1 };

          if (op->work_center != w || op->end <= op->start)
            continue;
          g_array_append_val (events, s);
          g_array_append_val (events, e);
        }
      g_array_sort (events, compare_events);
      for (guint i = 0; i < events->len; i++)
        {
          load += g_array_index (events, Event, i).delta;
          g_assert_cmpint (load, <=, (int) pd_schedule_get_work_center (schedule, w)->capacity);
        }
    }

  for (guint i = 0; i < n_ops; i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdSchedOrder *order = pd_schedule_get_order (schedule, op->order);
      const OpSpec *spec = find_spec (inst, order->number, op->seq);
      PdWorkCalendar *cal = pd_schedule_get_work_center (schedule, op->work_center)->calendar;
      gint64 duration = op->setup_us + op->run_us;

      if (op->state == PD_SCHED_RUNNING)
        {
          /* Running ones stay from their start until they can end. */
          g_assert_cmpint (op->start, ==, spec->start == 0 && spec->end == 0 ? now : spec->start);
          g_assert_cmpint (op->end, ==, MAX (spec->end, projected_end (cal, now, op->start, op->run_us)));
          if (op->end > spec->end)
            n_running_overrun++;
          else
            n_running_ahead++;
          continue;
        }
      if (op->state != PD_SCHED_FREE)
        {
          /* Fixed operations stay. */
          g_assert_cmpint (op->start, ==, spec->start);
          g_assert_cmpint (op->end, ==, spec->end);
          continue;
        }

      /* Placed after now, inside working time, for exactly its
       * duration of working time, ending at the earliest such instant. */
      g_assert_cmpint (op->start, >=, now);
      g_assert_cmpint (op->end, >=, op->start);
      g_assert_cmpint (pd_work_calendar_working_time (cal, op->start, op->end), ==, duration);
      if (duration > 0)
        {
          g_assert_true (pd_work_calendar_is_working (cal, op->start));
          g_assert_true (pd_work_calendar_is_working (cal, op->end - 1));
        }

      /* Precedence and overlap. */
      if (i > order->first_op)
        {
          PdSchedOp *prev = op - 1;
          PdWorkCalendar *prev_cal = pd_schedule_get_work_center (schedule, prev->work_center)->calendar;

          if (!prev->overlap)
            g_assert_cmpint (op->start, >=, prev->end);
          else
            {
              g_assert_true (op->start >= prev->end
                             || pd_work_calendar_working_time (prev_cal, prev->start, op->start)
                                >= prev->setup_us + MIN (prev->unit_us, prev->run_us));
              g_assert_cmpint (op->end, >=, prev->end);
              g_assert_cmpint (pd_work_calendar_working_time (cal, prev->end, op->end), >=,
                               MIN (op->unit_us, op->run_us));
            }
        }
    }

  /* Planned ends and late flags. */
  for (guint o = 0; o < pd_schedule_get_n_orders (schedule); o++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, o);
      PdSchedOp *last = pd_schedule_get_operation (schedule, order->first_op + order->n_ops - 1);
      gint64 waited = 0;

      g_assert_cmpint (order->end, ==, last->end);
      g_assert_cmpint (order->late, ==, order->end > order->due);
      for (guint k = order->first_op; k < order->first_op + order->n_ops; k++)
        waited = MAX (waited, pd_schedule_get_operation (schedule, k)->waited_us);
      if (waited == 0)
        g_assert_cmpuint (order->bottleneck, ==, 0);
      else
        g_assert_cmpuint (order->bottleneck, >=, 1);
    }
}

/* Whether OP would fit on its work center from START to END with every
 * other operation where it is: the load, counted at START and at every
 * other start inside, stays below the capacity. */
static gboolean
fits_at (PdSchedule *schedule,
         guint       index,
         gint64      start,
         gint64      end)
{
  PdSchedOp *op = pd_schedule_get_operation (schedule, index);
  guint capacity = pd_schedule_get_work_center (schedule, op->work_center)->capacity;
  guint n_ops = pd_schedule_get_n_operations (schedule);

  for (guint a = 0; a <= n_ops; a++)
    {
      gint64 t = start;
      guint load = 0;

      if (a < n_ops)
        {
          PdSchedOp *o = pd_schedule_get_operation (schedule, a);

          if (a == index || o->work_center != op->work_center || o->start <= start || o->start >= end)
            continue;
          t = o->start;
        }
      for (guint b = 0; b < n_ops; b++)
        {
          PdSchedOp *o = pd_schedule_get_operation (schedule, b);

          if (b != index && o->work_center == op->work_center && o->start <= t && t < o->end)
            load++;
        }
      if (load >= capacity)
        return FALSE;
    }
  return TRUE;
}

/* No free operation could have started earlier: at its ready time and at
 * each end of another operation on its work center before its start, it
 * would not fit (the load only grows while the run places orders, so what
 * did not fit then does not fit in the final plan either). Operations
 * after an overlapping one are left out. */
static void
validate_earliest (PdSchedule *schedule,
                   gint64      now,
                   gint64      horizon)
{
  guint n_ops = pd_schedule_get_n_operations (schedule);

  for (guint i = 0; i < n_ops; i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdSchedOrder *order = pd_schedule_get_order (schedule, op->order);
      PdWorkCalendar *cal = pd_schedule_get_work_center (schedule, op->work_center)->calendar;
      gint64 ready = now;
      gint64 duration = op->setup_us + op->run_us;

      if (op->state != PD_SCHED_FREE || duration == 0)
        continue;
      if (i > order->first_op)
        {
          PdSchedOp *prev = op - 1;

          if (prev->overlap)
            continue;
          ready = MAX (now, prev->end);
        }
      for (guint c = 0; c <= n_ops; c++)
        {
          gint64 t = ready, s, e;

          if (c < n_ops)
            {
              PdSchedOp *o = pd_schedule_get_operation (schedule, c);

              if (c == i || o->work_center != op->work_center || o->end <= ready || o->end >= op->start)
                continue;
              t = o->end;
            }
          s = pd_work_calendar_next_working (cal, t, horizon);
          if (s >= op->start)
            continue;
          e = pd_work_calendar_add_working (cal, s, duration, horizon);
          g_assert_false (fits_at (schedule, i, s, e));
        }
    }
}

/* The plan of each operation by order number, for comparing runs. */
static GHashTable *
plan_by_number (PdSchedule *schedule)
{
  GHashTable *plan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdSchedOrder *order = pd_schedule_get_order (schedule, op->order);
      gint64 *times = g_new (gint64, 2);

      times[0] = op->start;
      times[1] = op->end;
      g_hash_table_insert (plan, g_strdup_printf ("%s/%u", order->number, op->seq), times);
    }
  return plan;
}

static void
assert_same_plan (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *other = g_hash_table_lookup (b, key);

      g_assert_nonnull (other);
      g_assert_cmpint (((gint64 *) value)[0], ==, other[0]);
      g_assert_cmpint (((gint64 *) value)[1], ==, other[1]);
    }
}

static void
test_random_instances (void)
{
  guint n = g_test_slow () ? 1000 : 200;

  n_running_overrun = n_running_ahead = 0;

  for (guint seed = 1; seed <= n; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdSchedule) schedule = NULL;
      g_autoptr(PdSchedule) again = NULL;
      g_autoptr(PdSchedule) shuffled = NULL;
      g_autoptr(GHashTable) plan = NULL;
      g_autoptr(GHashTable) plan_again = NULL;
      g_autoptr(GHashTable) plan_shuffled = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7919);
      guint order_of[30];
      Instance inst;

      random_instance (&inst, seed);
      schedule = instance_build (&inst, NULL);
      g_assert_true (pd_schedule_run (schedule, inst.now, HORIZON, &error));
      g_assert_no_error (error);
      validate (schedule, &inst, inst.now);
      validate_earliest (schedule, inst.now, HORIZON);

      /* The same input gives the same plan, in whatever order the orders
       * come. */
      again = instance_build (&inst, NULL);
      g_assert_true (pd_schedule_run (again, inst.now, HORIZON, &error));
      for (guint i = 0; i < inst.n_orders; i++)
        order_of[i] = i;
      for (guint i = inst.n_orders; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i), tmp = order_of[i - 1];

          order_of[i - 1] = order_of[j];
          order_of[j] = tmp;
        }
      shuffled = instance_build (&inst, order_of);
      g_assert_true (pd_schedule_run (shuffled, inst.now, HORIZON, &error));
      plan = plan_by_number (schedule);
      plan_again = plan_by_number (again);
      plan_shuffled = plan_by_number (shuffled);
      assert_same_plan (plan, plan_again);
      assert_same_plan (plan, plan_shuffled);

      /* Running again on the result changes nothing. */
      g_assert_true (pd_schedule_run (schedule, inst.now, HORIZON, &error));
      g_clear_pointer (&plan_again, g_hash_table_unref);
      plan_again = plan_by_number (schedule);
      assert_same_plan (plan, plan_again);

      instance_clear (&inst);
    }
  /* Both kinds of running operations were there. */
  g_test_message ("running operations: %u overrunning, %u ahead of plan", n_running_overrun, n_running_ahead);
  g_assert_cmpuint (n_running_overrun, >, 0);
  g_assert_cmpuint (n_running_ahead, >, 0);
}

/* The rank the scheduler places orders in, computed here again. */
static gboolean
ranks_before (PdSchedOrder *a,
              PdSchedOrder *b)
{
  if (a->priority != b->priority)
    return a->priority < b->priority;
  if (a->due != b->due)
    return a->due < b->due;
  if (a->created != b->created)
    return a->created < b->created;
  return strcmp (a->number, b->number) < 0;
}

/* Locks the first free operation of ORDER at a random working time where
 * no other fixed operation is (both in the schedule and in INST). */
static void
lock_somewhere (PdSchedule *schedule,
                Instance   *inst,
                guint       order,
                GRand      *rand)
{
  PdSchedOrder *o = pd_schedule_get_order (schedule, order);

  for (guint i = o->first_op; i < o->first_op + o->n_ops; i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);
      PdWorkCalendar *cal = pd_schedule_get_work_center (schedule, op->work_center)->calendar;
      OpSpec *spec = &inst->orders[order].ops[i - o->first_op];

      if (op->state != PD_SCHED_FREE)
        continue;
      for (guint attempt = 0; attempt < 100; attempt++)
        {
          gint64 t = pd_work_calendar_next_working (cal, inst->now + g_rand_int_range (rand, 0, 96) * HOUR, 30 * DAY);
          gint64 e = pd_work_calendar_add_working (cal, t, op->setup_us + op->run_us, 30 * DAY);
          gboolean clash = FALSE;

          for (guint j = 0; j < pd_schedule_get_n_operations (schedule); j++)
            {
              PdSchedOp *other = pd_schedule_get_operation (schedule, j);

              if (j != i && other->state != PD_SCHED_FREE && other->work_center == op->work_center
                  && other->start < e && t < other->end)
                clash = TRUE;
            }
          if (clash)
            continue;
          op->state = spec->state = PD_SCHED_LOCKED;
          op->start = spec->start = t;
          op->end = spec->end = e;
          return;
        }
      return;
    }
}

static void
test_incremental (void)
{
  guint n = g_test_slow () ? 500 : 100;

  for (guint seed = 1; seed <= n; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdSchedule) schedule = NULL;
      g_autoptr(GHashTable) before = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 31);
      PdSchedOrder *changed;
      guint k, change;
      Instance inst;

      random_instance (&inst, seed);
      schedule = instance_build (&inst, NULL);
      g_assert_true (pd_schedule_run (schedule, inst.now, HORIZON, &error));
      g_assert_no_error (error);
      before = plan_by_number (schedule);

      /* Rescheduling an order that did not change changes nothing. */
      k = g_rand_int_range (rand, 0, inst.n_orders);
      g_assert_true (pd_schedule_reschedule_order (schedule, k, inst.now, HORIZON, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GHashTable) same = plan_by_number (schedule);

        assert_same_plan (before, same);
      }

      /* One order changes: more urgent, more to make, or one of its
       * operations locked by hand somewhere else. */
      changed = pd_schedule_get_order (schedule, k);
      change = g_rand_int_range (rand, 0, 3);
      if (change == 0)
        changed->priority = 1;
      else if (change == 2)
        lock_somewhere (schedule, &inst, k, rand);
      else
        for (guint i = changed->first_op; i < changed->first_op + changed->n_ops; i++)
          {
            PdSchedOp *op = pd_schedule_get_operation (schedule, i);

            if (op->state == PD_SCHED_FREE)
              {
                op->run_us += op->unit_us * 10;
                /* Keep the spec in step, for the validator's lookups
                 * (fixed operations are not touched). */
              }
          }
      g_assert_true (pd_schedule_reschedule_order (schedule, k, inst.now, HORIZON, &error));
      g_assert_no_error (error);
      validate (schedule, &inst, inst.now);

      /* Orders placed before the changed one keep their plan (unless a
       * lock now lies in their way). */
      for (guint o = 0; change != 2 && o < pd_schedule_get_n_orders (schedule); o++)
        {
          PdSchedOrder *order = pd_schedule_get_order (schedule, o);

          if (o == k || !ranks_before (order, changed))
            continue;
          for (guint i = order->first_op; i < order->first_op + order->n_ops; i++)
            {
              PdSchedOp *op = pd_schedule_get_operation (schedule, i);
              g_autofree char *key = g_strdup_printf ("%s/%u", order->number, op->seq);
              gint64 *times = g_hash_table_lookup (before, key);

              g_assert_cmpint (op->start, ==, times[0]);
              g_assert_cmpint (op->end, ==, times[1]);
            }
        }

      instance_clear (&inst);
    }
}

/* One work center always working, one operation per order, all free: the
 * orders run in their rank, without gaps. */
static void
test_priority_order (void)
{
  static const char *const always[] = { "mon-sun:00:00-00:00", NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar_from (tz, always, NULL, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(PdSchedule) schedule = pd_schedule_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now = utc (2026, 3, 2, 0, 0);
  gint64 t = now;

  pd_schedule_add_work_center (schedule, 1, "ONLY", NULL, 1, cal);
  for (guint o = 0; o < 60; o++)
    {
      g_autofree char *number = g_strdup_printf ("WO-%06u", 60 - o);

      pd_schedule_add_order (schedule, o + 1, number, "P", g_rand_int_range (rand, 1, 6),
                             now + g_rand_int_range (rand, 0, 5) * DAY, now - DAY);
      pd_schedule_add_operation (schedule, 10, 0, 5 * MINUTE, MINUTE, g_rand_int_range (rand, 1, 30) * MINUTE,
                                 FALSE, PD_SCHED_FREE, 0.0, 0, 0);
      g_array_append_val (sorted, o);
    }
  g_assert_true (pd_schedule_run (schedule, now, HORIZON, &error));
  g_assert_no_error (error);

  /* Sort the orders by rank (insertion sort, by the rule above). */
  for (guint i = 1; i < sorted->len; i++)
    for (guint j = i; j > 0; j--)
      {
        guint a = g_array_index (sorted, guint, j - 1), b = g_array_index (sorted, guint, j);

        if (!ranks_before (pd_schedule_get_order (schedule, b), pd_schedule_get_order (schedule, a)))
          break;
        g_array_index (sorted, guint, j - 1) = b;
        g_array_index (sorted, guint, j) = a;
      }
  for (guint i = 0; i < sorted->len; i++)
    {
      PdSchedOrder *order = pd_schedule_get_order (schedule, g_array_index (sorted, guint, i));
      PdSchedOp *op = pd_schedule_get_operation (schedule, order->first_op);

      g_assert_cmpint (op->start, ==, t);
      t = op->end;
      g_assert_cmpint (order->late, ==, order->end > order->due);
    }
}

/* --- check_move ------------------------------------------------------- */

static void
test_check_move (void)
{
  static const char *const day[] = { "mon-fri:06:00-14:00", NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar_from (tz, day, NULL, 0);
  g_autoptr(PdSchedule) schedule = pd_schedule_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = utc (2026, 3, 2, 6, 0);   /* a Monday */
  guint a, b, c;
  guint o1_10, o1_20, o2_10, o3_10;
  gint64 end = 0;

  a = pd_schedule_add_work_center (schedule, 1, "PRESS-1", "press", 1, cal);
  b = pd_schedule_add_work_center (schedule, 2, "PRESS-2", "press", 1, cal);
  c = pd_schedule_add_work_center (schedule, 3, "LATHE-1", "lathe", 1, cal);
  pd_schedule_add_order (schedule, 1, "WO-000001", "P", 1, now + DAY, now);
  o1_10 = pd_schedule_add_operation (schedule, 10, a, 0, MINUTE, 2 * HOUR, FALSE, PD_SCHED_FREE, 0, 0, 0);
  o1_20 = pd_schedule_add_operation (schedule, 20, c, 0, MINUTE, 1 * HOUR, FALSE, PD_SCHED_FREE, 0, 0, 0);
  pd_schedule_add_order (schedule, 2, "WO-000002", "P", 2, now + DAY, now);
  o2_10 = pd_schedule_add_operation (schedule, 10, a, 0, MINUTE, 2 * HOUR, FALSE, PD_SCHED_FREE, 0, 0, 0);
  pd_schedule_add_order (schedule, 3, "WO-000003", "P", 3, now + DAY, now);
  o3_10 = pd_schedule_add_operation (schedule, 10, b, 0, MINUTE, HOUR, FALSE, PD_SCHED_RUNNING, 0.5,
                                     now - HOUR, now + HOUR);
  g_assert_true (pd_schedule_run (schedule, now, HORIZON, &error));
  g_assert_no_error (error);

  /* 1/10 06:00–08:00 on A, 1/20 08:00–09:00 on C, 2/10 08:00–10:00 on A. */
  g_assert_cmpint (pd_schedule_get_operation (schedule, o1_10)->start, ==, now);
  g_assert_cmpint (pd_schedule_get_operation (schedule, o1_20)->start, ==, now + 2 * HOUR);
  g_assert_cmpint (pd_schedule_get_operation (schedule, o2_10)->start, ==, now + 2 * HOUR);
  g_assert_cmpint (pd_schedule_get_order (schedule, 1)->bottleneck, ==, a + 1);
  g_assert_cmpint (pd_schedule_get_operation (schedule, o2_10)->waited_us, ==, 2 * HOUR);

  /* Precedence: 1/20 before 1/10 ends. */
  g_assert_false (pd_schedule_check_move (schedule, o1_20, c, now + HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WO-000001"));
  g_assert_cmpint (end, ==, now + 2 * HOUR);
  g_clear_error (&error);

  /* The successor must still follow: 1/10 later than 1/20's start. */
  g_assert_false (pd_schedule_check_move (schedule, o1_10, b, now + 3 * HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* Capacity: 2/10 onto 1/10's time on A. */
  g_assert_false (pd_schedule_check_move (schedule, o2_10, a, now + HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PRESS-1"));
  g_assert_nonnull (strstr (error->message, "WO-000001"));
  g_clear_error (&error);

  /* Capacity: onto B while 3/10 runs there. */
  g_assert_false (pd_schedule_check_move (schedule, o2_10, b, now, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WO-000003"));
  g_clear_error (&error);

  /* Not working time: 03:00, and Saturday. */
  g_assert_false (pd_schedule_check_move (schedule, o2_10, a, now - 3 * HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PRESS-1"));
  g_clear_error (&error);
  g_assert_false (pd_schedule_check_move (schedule, o2_10, a, now + 5 * DAY + 2 * HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* Another kind of work center. */
  g_assert_false (pd_schedule_check_move (schedule, o2_10, c, now + 4 * HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "LATHE-1"));
  g_clear_error (&error);

  /* Running operations stay. */
  g_assert_false (pd_schedule_check_move (schedule, o3_10, b, now + 4 * HOUR, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* Accepted: 2/10 on B after 3/10, spanning the night: 13:00–14:00 and
   * Tuesday 06:00–07:00. Nothing moved by the check. */
  end = 0;
  g_assert_true (pd_schedule_check_move (schedule, o2_10, b, now + 7 * HOUR, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (end, ==, now + DAY + HOUR);
  g_assert_cmpint (pd_schedule_get_operation (schedule, o2_10)->work_center, ==, a);
  g_assert_cmpint (pd_schedule_get_operation (schedule, o2_10)->start, ==, now + 2 * HOUR);

  /* Accepted: 1/20 later on its own work center. */
  g_assert_true (pd_schedule_check_move (schedule, o1_20, c, now + 4 * HOUR, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (end, ==, now + 5 * HOUR);
}

/* An operation overlapping its successor: the successor starts after the
 * first unit and ends one unit after it. */
static void
test_overlap (void)
{
  static const char *const always[] = { "mon-sun:00:00-00:00", NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar_from (tz, always, NULL, 0);
  g_autoptr(PdSchedule) schedule = pd_schedule_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = utc (2026, 3, 2, 0, 0);
  gint64 end = 0;
  guint a, b, first, second;

  a = pd_schedule_add_work_center (schedule, 1, "A", NULL, 1, cal);
  b = pd_schedule_add_work_center (schedule, 2, "B", NULL, 1, cal);
  pd_schedule_add_order (schedule, 1, "WO-000001", "P", 3, now + DAY, now);
  first = pd_schedule_add_operation (schedule, 10, a, 10 * MINUTE, MINUTE, 60 * MINUTE, TRUE,
                                     PD_SCHED_FREE, 0, 0, 0);
  second = pd_schedule_add_operation (schedule, 20, b, 0, 30 * SEC, 30 * MINUTE, FALSE,
                                      PD_SCHED_FREE, 0, 0, 0);
  g_assert_true (pd_schedule_run (schedule, now, HORIZON, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_schedule_get_operation (schedule, first)->end, ==, now + 70 * MINUTE);
  /* Short: it ends 30 s after the first's end, so starts at 40:30. */
  g_assert_cmpint (pd_schedule_get_operation (schedule, second)->end, ==, now + 70 * MINUTE + 30 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, second)->start, ==, now + 40 * MINUTE + 30 * SEC);

  /* Moving it before the first unit is done is refused. */
  g_assert_false (pd_schedule_check_move (schedule, second, b, now + 5 * MINUTE, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  /* At 11:00 it would end at 41:00, before the first's end: refused. */
  g_assert_false (pd_schedule_check_move (schedule, second, b, now + 11 * MINUTE, &end, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pd_schedule_check_move (schedule, second, b, now + 50 * MINUTE, &end, &error));
  g_assert_no_error (error);
}

/* A running operation that overruns its plan keeps its work center until
 * its remaining run time is done; one ahead of its plan keeps its planned
 * end; one without planned times runs from now. */
static void
test_running_overrun (void)
{
  static const char *const shifts[] = { "mon-fri:06:00-14:00", "mon-fri:14:00-22:00/16:15-16:30", NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(PdWorkCalendar) cal = calendar_from (tz, shifts, NULL, 0);
  g_autoptr(PdSchedule) schedule = pd_schedule_new ();
  g_autoptr(GError) error = NULL;
  gint64 day = utc (2026, 3, 2, 0, 0);   /* a Monday */
  gint64 now = day + 16 * HOUR;
  guint a, b, c, d, o1, o2, o3, o4;
  guint late_10, late_20, other_10, ahead_10, after_10, unplanned_10;
  PdSchedOp *op;

  a = pd_schedule_add_work_center (schedule, 1, "A", NULL, 1, cal);
  b = pd_schedule_add_work_center (schedule, 2, "B", NULL, 1, cal);
  c = pd_schedule_add_work_center (schedule, 3, "C", NULL, 1, cal);
  d = pd_schedule_add_work_center (schedule, 4, "D", NULL, 1, cal);

  /* Planned 15:24–15:55, at 16:00 it has 391 of 500 parts of 5 s to
   * make: 32 min 35 s of working time, over the 16:15–16:30 break. */
  o1 = pd_schedule_add_order (schedule, 1, "WO-000001", "P", 3, day + 17 * HOUR, day);
  late_10 = pd_schedule_add_operation (schedule, 10, a, 10 * MINUTE, 5 * SEC, 391 * 5 * SEC, FALSE,
                                       PD_SCHED_RUNNING, 0.2, day + 15 * HOUR + 24 * MINUTE,
                                       day + 15 * HOUR + 55 * MINUTE);
  late_20 = pd_schedule_add_operation (schedule, 20, b, 0, MINUTE, 15 * MINUTE, FALSE, PD_SCHED_FREE, 0, 0, 0);
  /* Another order, more urgent, wants A. */
  o2 = pd_schedule_add_order (schedule, 2, "WO-000002", "P", 1, day + 18 * HOUR, day);
  other_10 = pd_schedule_add_operation (schedule, 10, a, 0, MINUTE, 20 * MINUTE, FALSE, PD_SCHED_FREE, 0, 0, 0);
  /* Ahead of plan: planned 15:00–18:00, 10 minutes left. */
  o3 = pd_schedule_add_order (schedule, 3, "WO-000003", "P", 3, day + 19 * HOUR, day);
  ahead_10 = pd_schedule_add_operation (schedule, 10, c, 0, MINUTE, 10 * MINUTE, FALSE, PD_SCHED_RUNNING, 0.9,
                                        day + 15 * HOUR, day + 18 * HOUR);
  o4 = pd_schedule_add_order (schedule, 4, "WO-000004", "P", 1, day + 19 * HOUR, day);
  after_10 = pd_schedule_add_operation (schedule, 10, c, 0, MINUTE, 5 * MINUTE, FALSE, PD_SCHED_FREE, 0, 0, 0);
  /* Started without a plan: it runs from now for its 30 minutes. */
  pd_schedule_add_order (schedule, 5, "WO-000005", "P", 3, day + 19 * HOUR, day);
  unplanned_10 = pd_schedule_add_operation (schedule, 10, d, 0, MINUTE, 30 * MINUTE, FALSE, PD_SCHED_RUNNING,
                                            0.0, 0, 0);

  /* Projected alone (the board, the move check), nothing is placed. */
  pd_schedule_project_running (schedule, now, HORIZON);
  op = pd_schedule_get_operation (schedule, late_10);
  g_assert_cmpint (op->start, ==, day + 15 * HOUR + 24 * MINUTE);
  g_assert_cmpint (op->end, ==, day + 16 * HOUR + 47 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, ahead_10)->end, ==, day + 18 * HOUR);
  g_assert_cmpint (pd_schedule_get_operation (schedule, other_10)->start, ==, 0);

  g_assert_true (pd_schedule_run (schedule, now, HORIZON, &error));
  g_assert_no_error (error);

  op = pd_schedule_get_operation (schedule, late_10);
  g_assert_cmpint (op->start, ==, day + 15 * HOUR + 24 * MINUTE);
  g_assert_cmpint (op->end, ==, day + 16 * HOUR + 47 * MINUTE + 35 * SEC);
  /* The free operation of the other order waits for it, and so does its
   * own successor; the order is late. */
  op = pd_schedule_get_operation (schedule, other_10);
  g_assert_cmpint (op->start, ==, day + 16 * HOUR + 47 * MINUTE + 35 * SEC);
  g_assert_cmpint (op->end, ==, day + 17 * HOUR + 7 * MINUTE + 35 * SEC);
  op = pd_schedule_get_operation (schedule, late_20);
  g_assert_cmpint (op->start, ==, day + 16 * HOUR + 47 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_order (schedule, o1)->end, ==, day + 17 * HOUR + 2 * MINUTE + 35 * SEC);
  g_assert_true (pd_schedule_get_order (schedule, o1)->late);
  g_assert_false (pd_schedule_get_order (schedule, o2)->late);

  /* Ahead of plan: the planned end stays, and holds C until then. */
  op = pd_schedule_get_operation (schedule, ahead_10);
  g_assert_cmpint (op->start, ==, day + 15 * HOUR);
  g_assert_cmpint (op->end, ==, day + 18 * HOUR);
  g_assert_cmpint (pd_schedule_get_order (schedule, o3)->end, ==, day + 18 * HOUR);
  g_assert_cmpint (pd_schedule_get_operation (schedule, after_10)->start, ==, day + 18 * HOUR);
  g_assert_cmpint (pd_schedule_get_order (schedule, o4)->end, ==, day + 18 * HOUR + 5 * MINUTE);

  /* No plan: from now, over the break. */
  op = pd_schedule_get_operation (schedule, unplanned_10);
  g_assert_cmpint (op->start, ==, now);
  g_assert_cmpint (op->end, ==, day + 16 * HOUR + 45 * MINUTE);

  /* Rescheduling at the same instant changes nothing. */
  g_assert_true (pd_schedule_reschedule_order (schedule, o2, now, HORIZON, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_schedule_get_operation (schedule, late_10)->end, ==, day + 16 * HOUR + 47 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, other_10)->start, ==,
                   day + 16 * HOUR + 47 * MINUTE + 35 * SEC);

  /* Half an hour later with nothing more made: its end moves on by the
   * same working time from 16:30, and the incremental reschedule of the
   * other order pushes both the other order's operation and its own
   * successor (not part of the rescheduled order) behind it. */
  g_assert_true (pd_schedule_reschedule_order (schedule, o2, now + 30 * MINUTE, HORIZON, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_schedule_get_operation (schedule, late_10)->start, ==, day + 15 * HOUR + 24 * MINUTE);
  g_assert_cmpint (pd_schedule_get_operation (schedule, late_10)->end, ==, day + 17 * HOUR + 2 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, other_10)->start, ==,
                   day + 17 * HOUR + 2 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, late_20)->start, ==,
                   day + 17 * HOUR + 2 * MINUTE + 35 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, unplanned_10)->start, ==, now);
  g_assert_cmpint (pd_schedule_get_operation (schedule, unplanned_10)->end, ==, day + 17 * HOUR);
}

/* A work center without working time: the run fails naming the order. */
static void
test_no_working_time (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  PdCalendarException closed[1];
  static const char *const day[] = { "mon:06:00-07:00", NULL };
  g_autoptr(PdWorkCalendar) cal = NULL;
  g_autoptr(PdSchedule) schedule = pd_schedule_new ();
  gint64 now = utc (2026, 3, 2, 0, 0);

  closed[0].kind = PD_EXCEPTION_CLOSED;
  g_date_clear (&closed[0].date, 1);
  g_date_set_dmy (&closed[0].date, 2, 3, 2026);
  closed[0].start_min = 0;
  closed[0].end_min = 1440;
  closed[0].reason = NULL;
  cal = calendar_from (tz, day, closed, 1);
  pd_schedule_add_work_center (schedule, 1, "A", NULL, 1, cal);
  pd_schedule_add_order (schedule, 1, "WO-000007", "P", 3, now + DAY, now);
  pd_schedule_add_operation (schedule, 10, 0, 0, MINUTE, 2 * HOUR, FALSE, PD_SCHED_FREE, 0, 0, 0);
  /* An hour a week: two hours do not fit within six days. */
  g_assert_false (pd_schedule_run (schedule, now, 6 * DAY, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WO-000007"));
  g_clear_error (&error);
  /* Within three weeks it fits: the 9th and the 16th. */
  g_assert_true (pd_schedule_run (schedule, now, 21 * DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_schedule_get_operation (schedule, 0)->end, ==, utc (2026, 3, 16, 7, 0));
}

/* --- In the store ------------------------------------------------------ */

static void
store_work_center (PdStore    *store,
                   PdUser     *user,
                   const char *code,
                   const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup (code);
  wc->kind = g_strdup (kind);
  g_assert_true (pd_shift_parse ("mon-sun:00:00-00:00", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (store, user, wc, &error));
  g_assert_no_error (error);
}

static char *
store_order (PdStore    *store,
             PdUser     *user,
             const char *qty,
             guint       priority)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();

  wo->product_sku = g_strdup ("P");
  wo->qty = pd_test_qty (qty);
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  wo->priority = priority;
  g_assert_true (pd_store_create_work_order (store, user, wo, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_release_work_order (store, user, wo->number, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&wo->number);
}

static int
find_op (PdSchedule *schedule,
         const char *number,
         guint       seq)
{
  for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
    {
      PdSchedOp *op = pd_schedule_get_operation (schedule, i);

      if (op->seq == seq && g_strcmp0 (pd_schedule_get_order (schedule, op->order)->number, number) == 0)
        return i;
    }
  return -1;
}

static char *
store_state (PdStore *store)
{
  sqlite3 *db = pd_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT o.work_order_id, o.seq, o.work_center_id, ifnull (o.planned_start, '-'), "
                                       "ifnull (o.planned_end, '-'), o.locked, (SELECT count (*) FROM wo_events) "
                                       "FROM wo_operations o ORDER BY 1, 2", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (s, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PdStore) store = pd_test_store_open_populated (&dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdUser) supervisor = pd_test_login (store, "supervisor");
  g_autoptr(PdUser) operator = pd_test_login (store, "operator");
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(PdSchedule) loaded = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PdRoutingOp *rop;
  PdSchedOp *op;
  gint64 start;
  int i;

  pd_test_add_item (store, admin, "P", "pcs", NULL, FALSE);
  store_work_center (store, supervisor, "CELL-1", "cell");
  store_work_center (store, supervisor, "CELL-2", "cell");
  store_work_center (store, supervisor, "PACK", NULL);
  routing->product_sku = g_strdup ("P");
  rop = pd_routing_op_new (10, "CELL-1", 10 * MINUTE, 30 * SEC);
  g_ptr_array_add (routing->ops, rop);
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "PACK", 0, 45 * SEC));
  g_assert_true (pd_store_set_routing (store, supervisor, routing, &error));
  g_assert_no_error (error);

  a = store_order (store, supervisor, "10", 3);
  b = store_order (store, supervisor, "20", 3);
  c = store_order (store, supervisor, "5", 1);

  /* Operators do not plan. */
  g_assert_false (pd_store_schedule_all (store, operator, NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (pd_store_schedule_all (store, supervisor, NULL, &schedule, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_schedule_get_n_orders (schedule), ==, 3);
  g_assert_cmpint (pd_test_count_rows (store, "wo_events"), ==, 3 * 2 + 3);
  for (const char * const *n = (const char * const []) { a, b, c, NULL }; *n; n++)
    {
      g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (store, *n, &error);

      g_assert_no_error (error);
      g_assert_cmpint (wo->status, ==, PD_WO_SCHEDULED);
      g_assert_nonnull (((PdWoOperation *) g_ptr_array_index (wo->ops, 1))->planned_end);
    }
  /* C is the most urgent: first on CELL-1, 10 min + 5 × 30 s. */
  op = pd_schedule_get_operation (schedule, find_op (schedule, c, 10));
  g_assert_cmpint (op->end - op->start, ==, 10 * MINUTE + 150 * SEC);
  g_assert_cmpint (pd_schedule_get_operation (schedule, find_op (schedule, a, 10))->start, >=, op->end);

  /* C in production: 10 running with 2 reported, 20 locked at its plan. */
  g_assert_true (pd_store_issue_work_order (store, supervisor, c, &error));
  g_assert_true (pd_store_start_operation (store, operator, c, 10, &error));
  g_assert_true (pd_store_report_operation (store, operator, c, 10, 2 * PD_QTY_ONE, 0, PD_SCRAP_OTHER, NULL,
                                            &error));
  g_assert_no_error (error);
  loaded = pd_schedule_load (pd_store_get_db (store), NULL, &error);
  g_assert_no_error (error);
  op = pd_schedule_get_operation (loaded, find_op (loaded, c, 10));
  g_assert_cmpint (op->state, ==, PD_SCHED_RUNNING);
  g_assert_cmpint (op->run_us, ==, 3 * 30 * SEC);
  g_assert_cmpfloat_with_epsilon (op->progress, 0.4, 1e-9);
  op = pd_schedule_get_operation (loaded, find_op (loaded, c, 20));
  g_assert_cmpint (op->state, ==, PD_SCHED_LOCKED);
  g_assert_cmpint (op->start, ==, pd_schedule_get_operation (schedule, find_op (schedule, c, 20))->start);
  g_assert_cmpint (op->run_us, ==, 5 * 45 * SEC);
  op = pd_schedule_get_operation (loaded, find_op (loaded, a, 10));
  g_assert_cmpint (op->state, ==, PD_SCHED_FREE);
  g_assert_cmpstr (pd_schedule_get_work_center (loaded, op->work_center)->kind, ==, "cell");

  /* Refused moves change nothing: onto C's running operation, to a
   * work center of another kind, an order in production. */
  before = store_state (store);
  start = pd_schedule_get_operation (loaded, find_op (loaded, c, 10))->start;
  g_assert_false (pd_store_move_operation (store, supervisor, a, 10, NULL, start, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, c));
  g_clear_error (&error);
  g_assert_false (pd_store_move_operation (store, supervisor, a, 10, "PACK", start + DAY, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_move_operation (store, supervisor, a, 10, "NOWHERE", start + DAY, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pd_store_move_operation (store, operator, a, 10, NULL, start + DAY, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  after = store_state (store);
  g_assert_cmpstr (before, ==, after);

  /* Accepted: A/10 onto CELL-2, a cell too, still ending before A/20
   * starts; locked there. */
  start = pd_schedule_get_operation (loaded, find_op (loaded, a, 20))->end + MINUTE;
  start -= start % MINUTE;
  g_assert_true (pd_store_move_operation (store, supervisor, a, 10, "CELL-2", start - HOUR, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, pd_schedule_free);
  loaded = pd_schedule_load (pd_store_get_db (store), NULL, &error);
  i = find_op (loaded, a, 10);
  op = pd_schedule_get_operation (loaded, i);
  g_assert_cmpint (op->state, ==, PD_SCHED_LOCKED);
  g_assert_cmpstr (pd_schedule_get_work_center (loaded, op->work_center)->code, ==, "CELL-2");
  g_assert_cmpint (op->start, ==, start - HOUR);
  /* The next scheduling keeps it. */
  g_clear_pointer (&schedule, pd_schedule_free);
  g_assert_true (pd_store_schedule_all (store, supervisor, NULL, &schedule, &error));
  g_assert_no_error (error);
  op = pd_schedule_get_operation (schedule, find_op (schedule, a, 10));
  g_assert_cmpint (op->start, ==, start - HOUR);
  g_assert_cmpint (pd_schedule_get_operation (schedule, find_op (schedule, a, 20))->start, >=, op->end);

  /* Unlock: free again, then nothing to unlock. */
  g_assert_true (pd_store_unlock_operation (store, supervisor, a, 10, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, pd_schedule_free);
  loaded = pd_schedule_load (pd_store_get_db (store), NULL, &error);
  g_assert_cmpint (pd_schedule_get_operation (loaded, find_op (loaded, a, 10))->state, ==, PD_SCHED_FREE);
  g_assert_false (pd_store_unlock_operation (store, supervisor, a, 10, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&admin);
  g_clear_object (&supervisor);
  g_clear_object (&operator);
  g_assert_finalize_object (g_steal_pointer (&store));
  pd_test_data_dir_free (g_steal_pointer (&dir));
  pd_test_populated_template_free ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

  g_test_add_func ("/schedule/random-instances", test_random_instances);
  g_test_add_func ("/schedule/incremental", test_incremental);
  g_test_add_func ("/schedule/priority-order", test_priority_order);
  g_test_add_func ("/schedule/check-move", test_check_move);
  g_test_add_func ("/schedule/overlap", test_overlap);
  g_test_add_func ("/schedule/running-overrun", test_running_overrun);
  g_test_add_func ("/schedule/no-working-time", test_no_working_time);
  g_test_add_func ("/schedule/store", test_store);

  return g_test_run ();
}
