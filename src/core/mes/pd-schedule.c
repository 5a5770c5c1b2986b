/* pd-schedule.c — the in-memory schedule: building it, reading it and
 * checking a move
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-error.h"
#include "pd-schedule-private.h"

/* How far check_move looks for the end of a moved operation. */
#define CHECK_MOVE_HORIZON (G_GINT64_CONSTANT (1000000) * 3600 * 24 * 366)

static void
work_center_clear (gpointer data)
{
  PdSchedWorkCenter *wc = data;

  g_free (wc->code);
  g_free (wc->kind);
  g_clear_pointer (&wc->calendar, pd_work_calendar_unref);
}

static void
order_clear (gpointer data)
{
  PdSchedOrder *order = data;

  g_free (order->number);
  g_free (order->product);
}

PdSchedule *
pd_schedule_new (void)
{
  PdSchedule *self = g_new0 (PdSchedule, 1);

  self->work_centers = g_array_new (FALSE, TRUE, sizeof (PdSchedWorkCenter));
  g_array_set_clear_func (self->work_centers, work_center_clear);
  self->orders = g_array_new (FALSE, TRUE, sizeof (PdSchedOrder));
  g_array_set_clear_func (self->orders, order_clear);
  self->ops = g_array_new (FALSE, TRUE, sizeof (PdSchedOp));
  return self;
}

void
pd_schedule_free (PdSchedule *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->work_centers);
  g_array_unref (self->orders);
  g_array_unref (self->ops);
  g_free (self);
}

guint
pd_schedule_add_work_center (PdSchedule      *self,
                             gint64           id,
                             const char      *code,
                             const char      *kind,
                             guint            capacity,
                             PdWorkCalendar  *calendar)
{
  PdSchedWorkCenter wc = { 0, };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (calendar != NULL, 0);

  wc.id = id;
  wc.code = g_strdup (code);
  wc.kind = kind != NULL && *kind != '\0' ? g_strdup (kind) : NULL;
  wc.capacity = MAX (capacity, 1);
  wc.calendar = pd_work_calendar_ref (calendar);
  g_array_append_val (self->work_centers, wc);
  return self->work_centers->len - 1;
}

guint
pd_schedule_add_order (PdSchedule  *self,
                       gint64       id,
                       const char  *number,
                       const char  *product,
                       guint        priority,
                       gint64       due,
                       gint64       created)
{
  PdSchedOrder order = { 0, };

  g_return_val_if_fail (self != NULL, 0);

  order.id = id;
  order.number = g_strdup (number);
  order.product = g_strdup (product);
  order.priority = priority;
  order.due = due;
  order.created = created;
  order.first_op = self->ops->len;
  g_array_append_val (self->orders, order);
  return self->orders->len - 1;
}

guint
pd_schedule_add_operation (PdSchedule    *self,
                           guint          seq,
                           guint          work_center,
                           gint64         setup_us,
                           gint64         unit_us,
                           gint64         run_us,
                           gboolean       overlap,
                           PdSchedState   state,
                           double         progress,
                           gint64         start,
                           gint64         end)
{
  PdSchedOp op = { 0, };
  PdSchedOrder *order;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->orders->len > 0, 0);
  g_return_val_if_fail (work_center < self->work_centers->len, 0);

  order = &g_array_index (self->orders, PdSchedOrder, self->orders->len - 1);
  op.order = self->orders->len - 1;
  op.seq = seq;
  op.work_center = work_center;
  op.setup_us = MAX (setup_us, 0);
  op.unit_us = MAX (unit_us, 0);
  op.run_us = MAX (run_us, 0);
  op.overlap = overlap;
  op.state = state;
  op.progress = CLAMP (progress, 0.0, 1.0);
  op.start = start;
  op.end = MAX (end, start);
  g_array_append_val (self->ops, op);
  order->n_ops++;
  return self->ops->len - 1;
}

guint
pd_schedule_get_n_work_centers (PdSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->work_centers->len;
}

const PdSchedWorkCenter *
pd_schedule_get_work_center (PdSchedule *self,
                             guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->work_centers->len, NULL);
  return &g_array_index (self->work_centers, PdSchedWorkCenter, index);
}

int
pd_schedule_find_work_center (PdSchedule *self,
                              gint64      id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->work_centers->len; i++)
    if (g_array_index (self->work_centers, PdSchedWorkCenter, i).id == id)
      return i;
  return -1;
}

guint
pd_schedule_get_n_orders (PdSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->orders->len;
}

PdSchedOrder *
pd_schedule_get_order (PdSchedule *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->orders->len, NULL);
  return &g_array_index (self->orders, PdSchedOrder, index);
}

guint
pd_schedule_get_n_operations (PdSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ops->len;
}

PdSchedOp *
pd_schedule_get_operation (PdSchedule *self,
                           guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->ops->len, NULL);
  return &g_array_index (self->ops, PdSchedOp, index);
}

char *
_pd_schedule_format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static PdWorkCalendar *
op_calendar (PdSchedule      *self,
             const PdSchedOp *op)
{
  return g_array_index (self->work_centers, PdSchedWorkCenter, op->work_center).calendar;
}

gboolean
_pd_schedule_precedence (PdSchedule  *self,
                         guint        index,
                         gint64       now,
                         gint64       limit,
                         gint64      *ready,
                         gint64      *min_end)
{
  PdSchedOp *op = &g_array_index (self->ops, PdSchedOp, index);
  PdSchedOrder *order = &g_array_index (self->orders, PdSchedOrder, op->order);
  PdSchedOp *prev;
  gint64 t;

  *ready = now;
  *min_end = 0;
  if (index == order->first_op)
    return TRUE;
  prev = op - 1;
  if (prev->start == 0 && prev->end == 0)
    return TRUE;
  if (!prev->overlap)
    {
      *ready = MAX (now, prev->end);
      return TRUE;
    }

  /* The predecessor passes parts on once its setup and first unit are
   * done; this operation then ends no earlier than one unit of its own
   * after the predecessor's end. */
  t = pd_work_calendar_add_working (op_calendar (self, prev), prev->start,
                                    prev->setup_us + MIN (prev->unit_us, prev->run_us),
                                    MAX (limit - prev->start, 0));
  if (t == G_MAXINT64)
    return FALSE;
  *ready = MAX (now, MIN (t, prev->end));
  t = pd_work_calendar_add_working (op_calendar (self, op), prev->end, MIN (op->unit_us, op->run_us),
                                    MAX (limit - prev->end, 0));
  if (t == G_MAXINT64)
    return FALSE;
  *min_end = t;
  return TRUE;
}

static const char *
order_number (PdSchedule *self,
              guint       order)
{
  return g_array_index (self->orders, PdSchedOrder, order).number;
}

/* Whether the work center WC has a free unit throughout [START, END)
 * with every operation but SKIP where it is; else the first operation in
 * the way. */
static PdSchedOp *
capacity_conflict (PdSchedule *self,
                   guint       wc,
                   guint       skip,
                   gint64      start,
                   gint64      end)
{
  guint capacity = g_array_index (self->work_centers, PdSchedWorkCenter, wc).capacity;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  if (end <= start)
    return NULL;
  for (guint i = 0; i < self->ops->len; i++)
    {
      PdSchedOp *o = &g_array_index (self->ops, PdSchedOp, i);

      if (i != skip && o->work_center == wc && o->end > o->start && o->start < end && o->end > start)
        g_array_append_val (found, i);
    }
  if (found->len < capacity)
    return NULL;

  /* Sweep the starts inside [START, END): the count is highest at one of
   * them or at START. */
  for (guint a = 0; a <= found->len; a++)
    {
      gint64 t = a == found->len
                 ? start
                 : MAX (start, g_array_index (self->ops, PdSchedOp, g_array_index (found, guint, a)).start);
      guint count = 0;
      PdSchedOp *first = NULL;

      for (guint b = 0; b < found->len; b++)
        {
          PdSchedOp *o = &g_array_index (self->ops, PdSchedOp, g_array_index (found, guint, b));

          if (o->start <= t && t < o->end)
            {
              count++;
              if (first == NULL || o->start < first->start)
                first = o;
            }
        }
      if (count >= capacity)
        return first;
    }
  return NULL;
}

gboolean
pd_schedule_check_move (PdSchedule  *self,
                        guint        index,
                        guint        work_center,
                        gint64       start,
                        gint64      *end,
                        GError     **error)
{
  PdSchedOp *op;
  PdSchedOrder *order;
  const PdSchedWorkCenter *own, *target;
  PdSchedOp moved;
  PdSchedOp *other;
  gint64 new_end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->ops->len, FALSE);
  g_return_val_if_fail (work_center < self->work_centers->len, FALSE);

  op = &g_array_index (self->ops, PdSchedOp, index);
  order = &g_array_index (self->orders, PdSchedOrder, op->order);
  own = &g_array_index (self->work_centers, PdSchedWorkCenter, op->work_center);
  target = &g_array_index (self->work_centers, PdSchedWorkCenter, work_center);

  if (op->state == PD_SCHED_RUNNING || op->state == PD_SCHED_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   op->state == PD_SCHED_RUNNING
                   ? _("Operation %u of %s has started and cannot move.")
                   : _("Operation %u of %s is done and cannot move."),
                   op->seq, order->number);
      return FALSE;
    }
  if (work_center != op->work_center
      && (own->kind == NULL || target->kind == NULL || g_ascii_strcasecmp (own->kind, target->kind) != 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of %s cannot move to work center %s: it is not of the same kind as %s."),
                   op->seq, order->number, target->code, own->code);
      return FALSE;
    }
  if (!pd_work_calendar_is_working (target->calendar, start))
    {
      g_autofree char *at = _pd_schedule_format_time (start);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of %s cannot start at %s: that is not working time of work center %s."),
                   op->seq, order->number, at, target->code);
      return FALSE;
    }
  new_end = pd_work_calendar_add_working (target->calendar, start, op->setup_us + op->run_us,
                                          CHECK_MOVE_HORIZON);
  if (new_end == G_MAXINT64)
    {
      g_autofree char *at = _pd_schedule_format_time (start);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation %u of %s cannot start at %s: work center %s has not enough working time "
                     "after it."),
                   op->seq, order->number, at, target->code);
      return FALSE;
    }
  if (end != NULL)
    *end = new_end;

  /* The rules are checked on a copy moved in place, the original
   * restored afterwards. */
  moved = *op;
  op->work_center = work_center;
  op->start = start;
  op->end = new_end;

  if (index != order->first_op)
    {
      PdSchedOp *prev = op - 1;
      gint64 ready, min_end;

      if (prev->end > prev->start
          && _pd_schedule_precedence (self, index, 0, new_end + CHECK_MOVE_HORIZON, &ready, &min_end)
          && (start < ready || (min_end != 0 && new_end < min_end)))
        {
          g_autofree char *at = _pd_schedule_format_time (start < ready ? ready : min_end);

          *op = moved;
          if (start < ready && !prev->overlap)
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Operation %u of %s would start before operation %u ends at %s."),
                         op->seq, order->number, prev->seq, at);
          else if (start < ready)
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Operation %u of %s would start before operation %u has finished its first "
                           "part at %s."),
                         op->seq, order->number, prev->seq, at);
          else
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Operation %u of %s would end before its last part from operation %u, "
                           "not before %s."),
                         op->seq, order->number, prev->seq, at);
          return FALSE;
        }
    }
  if (index + 1 < order->first_op + order->n_ops)
    {
      PdSchedOp *next = op + 1;
      gint64 ready, min_end;

      if (next->end > next->start
          && _pd_schedule_precedence (self, index + 1, 0, next->end + CHECK_MOVE_HORIZON, &ready, &min_end)
          && (next->start < ready || (min_end != 0 && next->end < min_end)))
        {
          g_autofree char *at = _pd_schedule_format_time (next->start);

          *op = moved;
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Operation %u of %s would end after operation %u starts at %s."),
                       op->seq, order->number, next->seq, at);
          return FALSE;
        }
    }

  other = capacity_conflict (self, work_center, index, start, new_end);
  *op = moved;
  if (other != NULL)
    {
      g_autofree char *from = _pd_schedule_format_time (other->start);
      g_autofree char *to = _pd_schedule_format_time (other->end);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   /* TRANSLATORS: work center, then the operation in the way and its times */
                   _("Work center %s has no free capacity then: operation %u of %s is there from %s to %s."),
                   target->code, other->seq, order_number (self, other->order), from, to);
      return FALSE;
    }
  return TRUE;
}
