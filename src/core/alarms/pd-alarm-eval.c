/* pd-alarm-eval.c — the alarm engine's evaluation: limits, deadbands,
 * delays, quality, device states and latching, under the engine's lock
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-engine"

#include "config.h"

#include <math.h>

#include "pd-alarm-engine-private.h"

void
_pd_alarm_evaluator_free (Evaluator *e)
{
  pd_alarm_def_free (e->def);
  g_free (e);
}

static void
queue_event (PdAlarmEngine    *self,
             Evaluator        *e,
             PdAlarmEventKind  kind,
             gint64            ts,
             double            value)
{
  PdAlarmEvent *event = pd_alarm_event_new (e->def->id, kind, ts);

  event->value = value;
  g_ptr_array_add (self->events, event);
  e->n_queued++;
  self->stats.transitions++;
  g_cond_signal (&self->cond);
}

/* The condition of E is now IN for good, at TS. */
static void
transition (PdAlarmEngine *self,
            Evaluator     *e,
            gboolean       in,
            gint64         ts,
            double         value)
{
  e->pending = FALSE;
  g_hash_table_remove (self->pending, e);

  if (in)
    {
      queue_event (self, e, PD_ALARM_EVENT_RAISE, ts, value);
      e->condition_active = TRUE;
      e->active = TRUE;
      e->acknowledged = FALSE;
    }
  else if (e->def->latching && e->active && !e->acknowledged)
    {
      queue_event (self, e, PD_ALARM_EVENT_LATCH, ts, value);
      e->condition_active = FALSE;
    }
  else
    {
      queue_event (self, e, PD_ALARM_EVENT_CLEAR, ts, value);
      e->condition_active = FALSE;
      e->active = FALSE;
    }
}

static void
cancel_pending (PdAlarmEngine *self,
                Evaluator     *e)
{
  if (e->pending)
    {
      e->pending = FALSE;
      g_hash_table_remove (self->pending, e);
    }
}

/* The condition of E, judged from a good value or a device state, is IN at
 * TS. */
static void
evaluate (PdAlarmEngine *self,
          Evaluator     *e,
          gboolean       in,
          gint64         ts,
          double         value)
{
  guint delay;

  e->last_value = value;
  if (in == e->condition_active)
    {
      cancel_pending (self, e);
      return;
    }

  delay = in ? e->def->on_delay_ms : e->def->off_delay_ms;
  if (delay == 0)
    {
      transition (self, e, in, ts, value);
      return;
    }

  if (!e->pending || e->pending_target != in)
    {
      e->pending = TRUE;
      e->pending_target = in;
      e->deadline = ts + (gint64) delay * G_TIME_SPAN_MILLISECOND;
      g_hash_table_add (self->pending, e);
      if (e->deadline < self->wait_until)
        g_cond_signal (&self->cond);
    }

  /* A sample late enough proves the condition held through the delay. */
  if (ts >= e->deadline)
    transition (self, e, in, e->deadline, value);
}

void
_pd_alarm_eval_samples (PdAlarmEngine  *self,
                        const PdSample *samples,
                        guint           n_samples)
{
  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *sample = &samples[i];
      GPtrArray *evaluators = g_hash_table_lookup (self->by_tag, &sample->tag_id);

      self->stats.samples++;
      if (evaluators == NULL)
        continue;

      for (guint j = 0; j < evaluators->len; j++)
        {
          Evaluator *e = g_ptr_array_index (evaluators, j);

          /* Bad or stale: nothing is known about the process. */
          if (sample->quality != PD_QUALITY_GOOD || !isfinite (sample->value))
            {
              cancel_pending (self, e);
              continue;
            }
          evaluate (self, e,
                    pd_alarm_def_test_value (e->def, sample->value, e->condition_active),
                    sample->ts, sample->value);
        }
    }
}

void
_pd_alarm_eval_device (PdAlarmEngine *self,
                       gint64         device_id,
                       PdDeviceState  state,
                       gint64         ts)
{
  Evaluator *e = g_hash_table_lookup (self->by_device, &device_id);

  if (e == NULL || state == PD_DEVICE_STATE_UNKNOWN)
    return;

  evaluate (self, e, state != PD_DEVICE_STATE_ONLINE, ts, (double) state);
}

/* Brings an evaluator in line with what the store holds, unless it has
 * events of its own on the way. Under the lock. */
void
_pd_alarm_eval_sync (PdAlarmEngine       *self,
                     const PdAlarmStatus *status)
{
  Evaluator *e = g_hash_table_lookup (self->by_id, &status->alarm_id);

  if (e == NULL || e->n_queued > 0)
    return;

  if (e->condition_active != status->condition_active)
    cancel_pending (self, e);
  e->condition_active = status->condition_active;
  e->active = status->active;
  e->acknowledged = status->acknowledged;
}

/* Delays that passed, under the lock. Returns the next deadline, or
 * G_MAXINT64. */
gint64
_pd_alarm_eval_fire_deadlines (PdAlarmEngine *self,
                               gint64         now)
{
  g_autoptr(GPtrArray) due = NULL;
  GHashTableIter iter;
  Evaluator *e;
  gint64 next = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    {
      if (e->deadline <= now)
        {
          if (due == NULL)
            due = g_ptr_array_new ();
          g_ptr_array_add (due, e);
        }
      else
        next = MIN (next, e->deadline);
    }

  /* No contrary value came since the delay began, or it would have been
   * cancelled: the condition held throughout. */
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      e = g_ptr_array_index (due, i);
      transition (self, e, e->pending_target, e->deadline, e->last_value);
    }
  return next;
}
