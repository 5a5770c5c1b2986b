/* pd-schedule.h — finite-capacity forward scheduling of work orders
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "pd-work-calendar.h"

G_BEGIN_DECLS

/* A schedule is an in-memory plan: work centers with their calendars and
 * capacity, and the orders to place with their operations. It is plain
 * data, used by one thread at a time; the Gantt board keeps one as its
 * model, the store builds one to schedule.
 *
 * Times are µs since the Unix epoch (UTC). An operation occupies one unit
 * of its work center's capacity from its start to its end; its duration
 * is setup_us + run_us of working time on the work center's calendar
 * (pd_work_calendar_add_working), so it may span breaks and nights.
 *
 * Scheduling rules (pd_schedule_run):
 * - orders are placed one after another by priority (1 first), then due
 *   time, then creation time, then number: deterministic;
 * - each operation of an order is placed at the earliest instant ≥ NOW
 *   when its predecessor allows it and its work center has a free unit of
 *   capacity for its whole duration (gaps left by earlier placements are
 *   used: an operation may be placed before operations of orders placed
 *   earlier, if it fits there);
 * - precedence: an operation starts at or after its predecessor's end; if
 *   the predecessor has the overlap flag, it may start once the
 *   predecessor has finished its setup and first unit (start_prev +
 *   setup_prev + unit_prev of working time) and it ends no earlier than the
 *   predecessor's end plus its own time for one unit;
 * - operations PD_SCHED_LOCKED, PD_SCHED_RUNNING and PD_SCHED_DONE keep
 *   their start and end and occupy capacity (DONE ones only up to their
 *   end); successors still follow them;
 * - operations in progress stay where they are, but an operation
 *   PD_SCHED_RUNNING (running or paused) keeps its work center until it
 *   can end: its start stays (NOW when it had none) and its end becomes
 *   the later of its planned end and the instant its run_us of working
 *   time is done from the later of NOW and its start (at most NOW +
 *   horizon), so an overrun pushes what follows it on its work center and
 *   in its order;
 * - an order is late when its planned end (its last operation's end) is
 *   after its due time; its bottleneck is the work center where its
 *   operations waited longest for capacity (0 when none waited).
 */

typedef enum
{
  PD_SCHED_FREE,      /* the scheduler places it */
  PD_SCHED_LOCKED,    /* pinned by a person: start, end and work center stay */
  PD_SCHED_RUNNING,   /* started (running or paused): stays */
  PD_SCHED_DONE,      /* finished: stays, only a predecessor for the next */
} PdSchedState;

typedef struct
{
  gint64          id;
  char           *code;
  char           *kind;          /* or NULL */
  guint           capacity;      /* ≥ 1 */
  PdWorkCalendar *calendar;      /* owned (a reference) */
} PdSchedWorkCenter;

typedef struct
{
  guint         order;           /* index of its order in the schedule */
  guint         seq;
  guint         work_center;     /* index of its work center in the schedule */
  gint64        setup_us;
  gint64        unit_us;         /* run time per unit (ideal cycle time) */
  gint64        run_us;          /* run time of what is left: unit_us × remaining quantity */
  gboolean      overlap;         /* the next operation may overlap this one */
  PdSchedState  state;
  double        progress;        /* 0…1, (good + scrap) ÷ ordered, for drawing */
  gint64        start;           /* input for fixed states, output for FREE; 0: not placed */
  gint64        end;
  gint64        waited_us;       /* output: how long capacity made it wait */
} PdSchedOp;

typedef struct
{
  gint64    id;
  char     *number;              /* "WO-000123" */
  char     *product;             /* SKU, for drawing */
  guint     priority;
  gint64    due;
  gint64    created;
  guint     first_op;            /* index of its first operation */
  guint     n_ops;               /* its operations follow by seq */
  gint64    end;                 /* output: planned end, 0 when not placed */
  gboolean  late;                /* output */
  guint     bottleneck;          /* output: work center index + 1, 0: none */
} PdSchedOrder;

typedef struct _PdSchedule PdSchedule;

PdSchedule   *pd_schedule_new                  (void);
void          pd_schedule_free                 (PdSchedule      *self);

/* Adds a work center (CALENDAR is referenced); returns its index. */
guint         pd_schedule_add_work_center      (PdSchedule      *self,
                                                gint64           id,
                                                const char      *code,
                                                const char      *kind,
                                                guint            capacity,
                                                PdWorkCalendar  *calendar);
/* Adds an order; returns its index. Its operations are added next, in
 * seq order, with pd_schedule_add_operation(). */
guint         pd_schedule_add_order            (PdSchedule      *self,
                                                gint64           id,
                                                const char      *number,
                                                const char      *product,
                                                guint            priority,
                                                gint64           due,
                                                gint64           created);
/* Adds an operation to the order added last; returns its index. */
guint         pd_schedule_add_operation        (PdSchedule      *self,
                                                guint            seq,
                                                guint            work_center,
                                                gint64           setup_us,
                                                gint64           unit_us,
                                                gint64           run_us,
                                                gboolean         overlap,
                                                PdSchedState     state,
                                                double           progress,
                                                gint64           start,
                                                gint64           end);

guint                     pd_schedule_get_n_work_centers (PdSchedule *self);
const PdSchedWorkCenter  *pd_schedule_get_work_center    (PdSchedule *self,
                                                          guint       index);
/* The index of the work center ID, or -1. */
int                       pd_schedule_find_work_center   (PdSchedule *self,
                                                          gint64      id);
guint                     pd_schedule_get_n_orders       (PdSchedule *self);
PdSchedOrder             *pd_schedule_get_order          (PdSchedule *self,
                                                          guint       index);
guint                     pd_schedule_get_n_operations   (PdSchedule *self);
PdSchedOp                *pd_schedule_get_operation      (PdSchedule *self,
                                                          guint       index);

/* Places every PD_SCHED_FREE operation (earlier placements of them are
 * forgotten) after NOW, by the rules above, within HORIZON µs after NOW.
 * Fails (PD_ERROR_INVALID, translated, naming the order and operation)
 * when an operation does not fit within the horizon, e.g. on a work center
 * without working time. */
gboolean      pd_schedule_run                  (PdSchedule      *self,
                                                gint64           now,
                                                gint64           horizon,
                                                GError         **error);

/* After one order (ORDER) changed — added, or its quantity, priority, due
 * time or a lock changed — places again only what it affects: ORDER's
 * free operations and the free operations that then conflict with it,
 * and so on, leaving the others where they are. The result obeys the
 * same rules (capacity, precedence, calendar, fixed operations). */
gboolean      pd_schedule_reschedule_order     (PdSchedule      *self,
                                                guint            order,
                                                gint64           now,
                                                gint64           horizon,
                                                GError         **error);

/* Projects the end of every running (or paused) operation as a run does
 * (its remaining run time of working time from NOW), without placing
 * anything: for the board and the move check, which show and check the
 * schedule as it stands. */
void          pd_schedule_project_running      (PdSchedule      *self,
                                                gint64           now,
                                                gint64           horizon);

/* Whether operation OP may move to start at START on work center
 * WORK_CENTER (an index; the same one, or one of the same kind), every
 * other operation staying where it is: START must be working time of that
 * work center, the operation then ends at *END (its duration of working
 * time later), its predecessor must allow it and its successor must still
 * follow it, and the work center must have a free unit of capacity
 * throughout. Operations RUNNING or DONE cannot move. On refusal: FALSE
 * and a translated message naming the rule and the other operation
 * ("Operation 20 of WO-000004 would start before operation 10 ends at
 * 14:30."). *END is set in both cases when the end can be computed. */
gboolean      pd_schedule_check_move           (PdSchedule      *self,
                                                guint            op,
                                                guint            work_center,
                                                gint64           start,
                                                gint64          *end,
                                                GError         **error);

/* Loads from DB (any connection, read only): every work center with its
 * calendar in TZ (NULL: local), and every work order released, scheduled,
 * issued, in progress or paused with its operations. Operations of
 * released and scheduled orders are FREE unless locked; of issued, in
 * progress and paused orders: running and paused ones RUNNING, done ones
 * DONE, the others LOCKED at their planned times (FREE when they have
 * none). run_us is unit_us × (ordered − good − scrap reported), at least
 * 0. */
PdSchedule   *pd_schedule_load                 (sqlite3         *db,
                                                GTimeZone       *tz,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSchedule, pd_schedule_free)

G_END_DECLS
