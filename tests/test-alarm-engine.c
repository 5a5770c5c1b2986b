/* test-alarm-engine.c — the alarm engine: limits, delays, quality,
 * latching, shelving, suppression, restarts, floods, and plantdesk-sim
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-alarm-engine"

#include "config.h"

#include <math.h>

#include "pd-acquisition.h"
#include "pd-alarm-engine.h"
#include "pd-engine-private.h"
#include "pd-sim-model.h"
#include "pd-sim-test-utils.h"
#include "pd-store-alarms.h"
#include "pd-store-alarms-private.h"
#include "pd-store-devices.h"
#include "pd-test-utils.h"

typedef struct
{
  char          *dir;
  PdStore       *store;
  PdUser        *admin;
  PdUser        *operator;
  PdDevice      *device;
  PdTag         *tag;
  PdAlarmEngine *engine;
  guint          n_changed;
} Fixture;

/* --- Helpers ----------------------------------------------------------- */

static PdDevice *
add_device (PdStore    *store,
            PdUser     *admin,
            const char *name,
            guint       port)
{
  g_autoptr(PdDevice) template = pd_test_tcp_device_new (0, name, port, 300, 100);
  g_autoptr(GError) error = NULL;
  PdDevice *device = pd_store_add_device (store, admin, template, &error);

  g_assert_no_error (error);
  return device;
}

static PdTag *
add_tag (PdStore    *store,
         PdUser     *admin,
         gint64      device_id,
         const char *name,
         guint       address,
         PdTagType   type)
{
  g_autoptr(PdTag) template = pd_test_tag_new (0, device_id, name, PD_AREA_HOLDING, address, type,
                                               PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(GError) error = NULL;
  PdTag *tag = pd_store_add_tag (store, admin, template, &error);

  g_assert_no_error (error);
  return tag;
}

/* Saves one HI alarm on TAG_ID; returns its id. */
static gint64
save_hi (PdStore  *store,
         PdUser   *admin,
         gint64    tag_id,
         double    limit,
         double    deadband,
         guint     on_delay_ms,
         guint     off_delay_ms,
         gboolean  latching)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;
  PdAlarmDef *def = pd_alarm_def_new (PD_ALARM_CONDITION_HI);

  def->tag_id = tag_id;
  def->limit = limit;
  def->deadband = deadband;
  def->on_delay_ms = on_delay_ms;
  def->off_delay_ms = off_delay_ms;
  def->latching = latching;
  def->priority = PD_ALARM_PRIORITY_HIGH;
  g_ptr_array_add (defs, def);
  g_assert_true (pd_store_save_tag_alarms (store, admin, tag_id, defs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (def->id, >, 0);
  return def->id;
}

static gint64
count_events (PdStore          *store,
              gint64            alarm_id,
              PdAlarmEventKind  kind)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store),
                                       "SELECT count(*) FROM alarm_events WHERE (?1 = 0 OR alarm_id = ?1) AND kind = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, alarm_id);
  sqlite3_bind_text (stmt, 2, pd_alarm_event_kind_to_string (kind), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The timestamp of the last event of KIND, or 0. */
static gint64
last_event_ts (PdStore          *store,
               gint64            alarm_id,
               PdAlarmEventKind  kind)
{
  sqlite3_stmt *stmt = NULL;
  gint64 ts = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store),
                                       "SELECT ts FROM alarm_events WHERE alarm_id = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, alarm_id);
  sqlite3_bind_text (stmt, 2, pd_alarm_event_kind_to_string (kind), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ts = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ts;
}

static void
feed (PdAlarmEngine *engine,
      gint64         tag_id,
      double         value,
      PdQuality      quality,
      gint64         ts)
{
  PdSample sample = { tag_id, ts != 0 ? ts : g_get_real_time (), value, quality };

  pd_alarm_engine_feed (engine, &sample, 1);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until STORE holds N events of KIND for ALARM_ID, or
 * SECONDS pass. */
static gboolean
wait_events (PdStore          *store,
             gint64            alarm_id,
             PdAlarmEventKind  kind,
             gint64            n,
             double            seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean ok;

  while (!(ok = count_events (store, alarm_id, kind) >= n) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

/* Runs the main loop for MS milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  pd_test_wait_for (&done, ms / 1000.0);
}

static PdAlarm *
wait_alarm (PdAlarmEngine *engine,
            gint64         alarm_id,
            gboolean     (*check) (const PdAlarm *alarm),
            double         seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = g_timeout_add (10, tick_cb, NULL);
  PdAlarm *alarm = NULL;

  for (;;)
    {
      g_clear_pointer (&alarm, pd_alarm_free);
      alarm = pd_alarm_engine_dup_alarm (engine, alarm_id);
      if ((alarm != NULL && check (alarm)) || g_get_monotonic_time () >= deadline)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  return alarm;
}

static gboolean
is_acknowledged (const PdAlarm *alarm)
{
  return alarm->status.acknowledged;
}

static gboolean
is_active (const PdAlarm *alarm)
{
  return alarm->status.active;
}

static gboolean
is_inactive (const PdAlarm *alarm)
{
  return !alarm->status.active;
}

static void
changed_cb (PdAlarmEngine *engine,
            Fixture       *fixture)
{
  fixture->n_changed++;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n_changed;
  GError   *error;
} ActionWait;

static void
action_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ActionWait *wait = user_data;

  wait->ok = pd_alarm_engine_action_finish (PD_ALARM_ENGINE (source), result, &wait->n_changed,
                                            &wait->error);
  wait->done = TRUE;
}

static PdAlarmEngine *
start_engine (const char *dir)
{
  g_autoptr(GError) error = NULL;
  PdAlarmEngine *engine = pd_alarm_engine_new (dir);

  g_assert_true (pd_alarm_engine_start (engine, &error));
  g_assert_no_error (error);
  return engine;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pd_test_data_dir_new ();
  fixture->store = pd_test_store_new_populated (fixture->dir);
  fixture->admin = pd_test_login (fixture->store, "admin");
  fixture->operator = pd_test_login (fixture->store, "operator");
  /* Port 1: never polled here, the values are fed. */
  fixture->device = add_device (fixture->store, fixture->admin, "press", 1);
  fixture->tag = add_tag (fixture->store, fixture->admin, fixture->device->id, "temp",
                          PD_SIM_HR_TEMP_SP, PD_TAG_TYPE_FLOAT32);
}

static void
fixture_start (Fixture *fixture)
{
  fixture->engine = start_engine (fixture->dir);
  g_signal_connect (fixture->engine, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->engine != NULL)
    {
      pd_alarm_engine_stop (fixture->engine);
      g_assert_finalize_object (g_steal_pointer (&fixture->engine));
    }
  g_clear_pointer (&fixture->device, pd_device_free);
  g_clear_pointer (&fixture->tag, pd_tag_free);
  g_clear_object (&fixture->operator);
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->store);
  pd_test_data_dir_free (g_steal_pointer (&fixture->dir));
}

static gint64 comm_alarm_id (PdStore *store,
                             gint64   device_id);

/* --- Tests ------------------------------------------------------------- */

static void
test_deadband (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 1, 0, 0, FALSE);
  g_autoptr(PdAlarm) alarm = NULL;
  PdAlarmSummary summary;
  gint64 t0;

  fixture_start (fixture);

  /* Hovering ±0.1 around the limit raises once. */
  t0 = g_get_real_time ();
  for (int i = 0; i < 20; i++)
    feed (fixture->engine, fixture->tag->id, i % 2 == 0 ? 79.9 : 80.1, PD_QUALITY_GOOD, t0 + i);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);

  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_true (alarm->status.active);
  g_assert_cmpfloat (alarm->status.value, ==, 80.1);
  g_clear_pointer (&alarm, pd_alarm_free);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 1);
  g_assert_cmpuint (summary.active[PD_ALARM_PRIORITY_HIGH], ==, 1);
  g_assert_nonnull (summary.first);
  g_assert_cmpint (summary.first->def->id, ==, id);
  pd_alarm_summary_clear (&summary);

  /* Back past the limit by the deadband: clears. */
  feed (fixture->engine, fixture->tag->id, 79.1, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);
  feed (fixture->engine, fixture->tag->id, 78.9, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 1);

  /* "changed" reaches the main context. */
  alarm = wait_alarm (fixture->engine, id, is_inactive, 5);
  g_assert_false (alarm->status.active);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    guint tick = g_timeout_add (10, tick_cb, NULL);

    while (fixture->n_changed == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
  }
  g_assert_cmpuint (fixture->n_changed, >, 0);
}

static void
test_on_delay (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 500, 0, FALSE);
  gint64 t0, raised_at, elapsed;

  fixture_start (fixture);

  /* A spike shorter than the delay raises nothing, even after the delay. */
  t0 = g_get_real_time ();
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, t0);
  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, t0 + 200 * 1000);
  run_for (800);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 0);

  /* A longer one raises at the delay, without another sample. */
  t0 = g_get_real_time ();
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, t0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 0);
  g_assert_true (wait_events (fixture->store, id, PD_ALARM_EVENT_RAISE, 1, 10));
  raised_at = g_get_real_time ();
  elapsed = raised_at - t0;
  g_test_message ("raised %" G_GINT64_FORMAT " ms after the first sample", elapsed / 1000);
  g_assert_cmpint (elapsed, >=, 500 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  /* Recorded at the moment the delay ran out. */
  g_assert_cmpint (last_event_ts (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, t0 + 500 * 1000);
}

static void
test_off_delay (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 400, FALSE);
  gint64 t0;

  fixture_start (fixture);

  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);

  /* A dip shorter than the off-delay clears nothing. */
  t0 = g_get_real_time ();
  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, t0);
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, t0 + 100 * 1000);
  run_for (700);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);

  t0 = g_get_real_time ();
  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, t0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);
  g_assert_true (wait_events (fixture->store, id, PD_ALARM_EVENT_CLEAR, 1, 10));
  g_assert_cmpint (last_event_ts (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, t0 + 400 * 1000);
}

static void
test_bad_quality (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(PdTag) slow = add_tag (fixture->store, fixture->admin, fixture->device->id, "slow",
                                   PD_SIM_HR_RECIPE_WEIGHT, PD_TAG_TYPE_FLOAT64);
  gint64 delayed = save_hi (fixture->store, fixture->admin, slow->id, 10, 0, 300, 0, FALSE);

  fixture_start (fixture);

  /* Bad or stale values neither raise … */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_BAD, 0);
  feed (fixture->engine, fixture->tag->id, 95, PD_QUALITY_STALE, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 0);

  /* … nor clear. */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  feed (fixture->engine, fixture->tag->id, 10, PD_QUALITY_BAD, 0);
  feed (fixture->engine, fixture->tag->id, 10, PD_QUALITY_STALE, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);

  /* A bad value cancels a pending on-delay. */
  feed (fixture->engine, slow->id, 20, PD_QUALITY_GOOD, 0);
  feed (fixture->engine, slow->id, 20, PD_QUALITY_BAD, 0);
  run_for (600);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, delayed, PD_ALARM_EVENT_RAISE), ==, 0);
}

static void
test_latching (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, TRUE);
  g_autoptr(PdAlarm) alarm = NULL;
  ActionWait wait = { 0, };

  fixture_start (fixture);

  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_LATCH), ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 0);

  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_true (alarm->status.active);
  g_assert_false (alarm->status.condition_active);
  g_clear_pointer (&alarm, pd_alarm_free);

  /* Acknowledging resets it. */
  pd_alarm_engine_acknowledge_async (fixture->engine, fixture->operator, &id, 1, "seen",
                                     NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_cmpuint (wait.n_changed, ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_ACK), ==, 1);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 1);

  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_false (alarm->status.active);
  g_assert_cmpint (pd_alarm_status_get_state (&alarm->status, g_get_real_time ()), ==, PD_ALARM_STATE_NORMAL);
  g_clear_pointer (&alarm, pd_alarm_free);

  /* And it raises again next time. */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 2);

  /* A second acknowledgement of the same alarm changes nothing. */
  wait = (ActionWait) { 0, };
  pd_alarm_engine_acknowledge_async (fixture->engine, fixture->operator, &id, 1, NULL,
                                     NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_true (wait.ok);
  g_assert_cmpuint (wait.n_changed, ==, 1);
  wait = (ActionWait) { 0, };
  pd_alarm_engine_acknowledge_async (fixture->engine, fixture->operator, &id, 1, NULL,
                                     NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_true (wait.ok);
  g_assert_cmpuint (wait.n_changed, ==, 0);
}

static void
test_shelve_expiry (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(PdAlarm) alarm = NULL;
  g_autoptr(GError) error = NULL;
  PdAlarmSummary summary;
  gboolean changed = FALSE;
  gint64 until;

  /* A "minute" is 300 ms here (_pd_alarm_set_shelve_minute_ms in main). */
  fixture_start (fixture);

  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);

  g_assert_true (pd_store_shelve_alarm (fixture->store, fixture->operator, id, 1, "noisy",
                                        &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  pd_alarm_engine_refresh (fixture->engine);
  pd_alarm_engine_flush (fixture->engine);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  until = alarm->status.shelved_until;
  g_assert_cmpint (until, >, g_get_real_time ());
  g_clear_pointer (&alarm, pd_alarm_free);
  if (until - g_get_real_time () > 10 * G_USEC_PER_SEC)
    {
      g_test_skip ("the store does not scale shelving minutes (_pd_alarm_set_shelve_minute_ms)");
      return;
    }
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.shelved, ==, 1);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 0);
  pd_alarm_summary_clear (&summary);

  g_assert_true (wait_events (fixture->store, id, PD_ALARM_EVENT_SHELVE_EXPIRED, 1, 10));
  pd_alarm_engine_flush (fixture->engine);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_cmpint (alarm->status.shelved_until, ==, 0);
  /* Recorded at the time the shelving ran out. */
  g_assert_cmpint (last_event_ts (fixture->store, id, PD_ALARM_EVENT_SHELVE_EXPIRED), ==, until);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.shelved, ==, 0);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 1);
  pd_alarm_summary_clear (&summary);
  /* Only once. */
  run_for (300);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_SHELVE_EXPIRED), ==, 1);
}

static void
test_suppressed (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(PdUser) supervisor = pd_test_login (fixture->store, "supervisor");
  PdAlarmSummary summary;
  ActionWait wait = { 0, };

  fixture_start (fixture);

  /* An operator may not. */
  pd_alarm_engine_suppress_async (fixture->engine, fixture->operator, id, "sensor out", NULL,
                                  action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&wait.error);

  wait = (ActionWait) { 0, };
  pd_alarm_engine_suppress_async (fixture->engine, supervisor, id, "sensor out", NULL,
                                  action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_changed, ==, 1);

  /* Still recorded, but nobody is asked to acknowledge. */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.suppressed, ==, 1);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 0);
  g_assert_cmpuint (summary.active[PD_ALARM_PRIORITY_HIGH], ==, 0);
  g_assert_null (summary.first);
  pd_alarm_summary_clear (&summary);

  wait = (ActionWait) { 0, };
  pd_alarm_engine_suppress_async (fixture->engine, supervisor, id, NULL, NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.suppressed, ==, 0);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 1);
  pd_alarm_summary_clear (&summary);
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(PdAlarm) alarm = NULL;
  ActionWait wait = { 0, };

  fixture_start (fixture);
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_acknowledge_async (fixture->engine, fixture->operator, &id, 1, "on it",
                                     NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_changed, ==, 1);
  pd_alarm_engine_stop (fixture->engine);
  g_assert_finalize_object (g_steal_pointer (&fixture->engine));

  /* A new engine on the same data: no second raise, the ack is kept. */
  fixture_start (fixture);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_true (alarm->status.active);
  g_assert_true (alarm->status.acknowledged);
  g_assert_cmpstr (alarm->status.ack_user, ==, "operator");
  g_clear_pointer (&alarm, pd_alarm_free);

  feed (fixture->engine, fixture->tag->id, 91, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, id);
  g_assert_true (alarm->status.acknowledged);
  g_clear_pointer (&alarm, pd_alarm_free);

  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_CLEAR), ==, 1);
  g_assert_cmpint (pd_store_rebuild_alarm_states (fixture->store, FALSE, NULL), ==, 0);
}

/* Values fed before the start completes are evaluated afterwards. */
static void
test_early_values (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(GError) error = NULL;
  PdAlarmEngineStats stats;

  fixture->engine = pd_alarm_engine_new (fixture->dir);
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  g_assert_true (pd_alarm_engine_start (fixture->engine, &error));
  g_assert_no_error (error);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 1);
  pd_alarm_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.samples, ==, 1);
  g_assert_cmpuint (stats.dropped, ==, 0);
  g_assert_cmpuint (stats.written, ==, 1);
}

/* Beyond 100,000 values before the start, values are counted as dropped. */
static void
test_early_overflow (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree PdSample *samples = g_new (PdSample, 100001);
  PdAlarmEngineStats stats;

  save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  for (guint i = 0; i < 100001; i++)
    samples[i] = (PdSample) { fixture->tag->id, g_get_real_time (), 10, PD_QUALITY_GOOD };

  fixture->engine = pd_alarm_engine_new (fixture->dir);
  pd_alarm_engine_feed (fixture->engine, samples, 100001);
  g_assert_true (pd_alarm_engine_start (fixture->engine, &error));
  g_assert_no_error (error);
  pd_alarm_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.samples, ==, 100000);
  g_assert_cmpuint (stats.dropped, ==, 1);
}

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ActionWait *wait = user_data;

  wait->ok = pd_alarm_engine_start_finish (PD_ALARM_ENGINE (source), result, &wait->error);
  wait->done = TRUE;
}

/* The asynchronous start, device states fed directly, and people's
 * actions on several alarms. */
static void
test_async_and_actions (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 ids[2];
  g_autoptr(PdTag) other = add_tag (fixture->store, fixture->admin, fixture->device->id, "other",
                                    PD_SIM_HR_RECIPE_WEIGHT, PD_TAG_TYPE_FLOAT64);
  g_autoptr(PdAlarm) alarm = NULL;
  ActionWait wait = { 0, };
  PdAlarmSummary summary;
  gint64 comm;

  ids[0] = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  ids[1] = save_hi (fixture->store, fixture->admin, other->id, 5, 0, 0, 0, FALSE);

  fixture->engine = pd_alarm_engine_new (fixture->dir);
  pd_alarm_engine_start_async (fixture->engine, NULL, started_cb, &wait);
  /* Fed while it starts: kept until it has loaded. */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_feed_device_state (fixture->engine, fixture->device->id, PD_DEVICE_STATE_DEGRADED);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  feed (fixture->engine, other->id, 6, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);

  /* The COMM alarm of a degraded device; unknown changes nothing, online clears. */
  comm = comm_alarm_id (fixture->store, fixture->device->id);
  g_assert_cmpint (count_events (fixture->store, comm, PD_ALARM_EVENT_RAISE), ==, 1);
  pd_alarm_engine_feed_device_state (fixture->engine, fixture->device->id, PD_DEVICE_STATE_UNKNOWN);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, comm, PD_ALARM_EVENT_CLEAR), ==, 0);
  pd_alarm_engine_feed_device_state (fixture->engine, fixture->device->id, PD_DEVICE_STATE_ONLINE);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, comm, PD_ALARM_EVENT_CLEAR), ==, 1);

  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 3);
  pd_alarm_summary_clear (&summary);

  /* Both limit alarms in one acknowledgement. */
  wait = (ActionWait) { 0, };
  pd_alarm_engine_acknowledge_async (fixture->engine, fixture->operator, ids, 2, NULL,
                                     NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_changed, ==, 2);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 1);
  g_assert_cmpuint (summary.active[PD_ALARM_PRIORITY_HIGH], ==, 2);
  pd_alarm_summary_clear (&summary);

  /* Shelved and taken off the shelf through the engine. */
  wait = (ActionWait) { 0, };
  pd_alarm_engine_shelve_async (fixture->engine, fixture->operator, comm, 5, "flaky link",
                                NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_changed, ==, 1);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, comm);
  g_assert_cmpint (alarm->status.shelved_until, >, 0);
  g_clear_pointer (&alarm, pd_alarm_free);
  wait = (ActionWait) { 0, };
  pd_alarm_engine_shelve_async (fixture->engine, fixture->operator, comm, 0, NULL,
                                NULL, action_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_changed, ==, 1);
  alarm = pd_alarm_engine_dup_alarm (fixture->engine, comm);
  g_assert_cmpint (alarm->status.shelved_until, ==, 0);
  g_assert_cmpint (count_events (fixture->store, comm, PD_ALARM_EVENT_UNSHELVE), ==, 1);
}

static void
test_never_started (void)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  PdAlarmEngine *engine = pd_alarm_engine_new (dir);
  PdSample sample = { 1, g_get_real_time (), 1, PD_QUALITY_GOOD };
  PdAlarmSummary summary;

  pd_alarm_engine_feed (engine, &sample, 1);
  pd_alarm_engine_flush (engine);
  pd_alarm_engine_get_summary (engine, &summary);
  g_assert_null (summary.first);
  pd_alarm_engine_stop (engine);
  g_assert_finalize_object (engine);

  /* A folder with no database: refused, not created. */
  engine = pd_alarm_engine_new (dir);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (pd_alarm_engine_start (engine, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED);
  }
  g_assert_finalize_object (engine);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static void
raised_cb (PdAlarmEngine *engine,
           const gint64  *ids,
           guint          n,
           guint         *n_raised)
{
  *n_raised += n;
}

static gboolean
raise_source_func (PdWrite   *write,
                   gpointer   user_data,
                   GError   **error)
{
  return pd_write_set_alarm_source (write, "stock:SKU-9@WH1", "SKU-9 at WH1", PD_ALARM_PRIORITY_HIGH,
                                    "Below minimum stock", TRUE, 2, error);
}

static void
test_flood (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdAlarmSummary summary;
  guint n_raised = 0;
  gint64 start, elapsed;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%u", i);
      g_autoptr(PdTag) tag = add_tag (fixture->store, fixture->admin, fixture->device->id, name,
                                      1000 + i, PD_TAG_TYPE_UINT16);

      save_hi (fixture->store, fixture->admin, tag->id, 100, 0, 0, 0, FALSE);
      g_array_append_val (tags, tag->id);
    }

  fixture_start (fixture);
  g_signal_connect (fixture->engine, "raised", G_CALLBACK (raised_cb), &n_raised);

  /* 1,000 raises within one second, in ten bursts. */
  start = g_get_monotonic_time ();
  for (guint burst = 0; burst < 10; burst++)
    {
      PdSample samples[100];

      for (guint i = 0; i < 100; i++)
        samples[i] = (PdSample) { g_array_index (tags, gint64, burst * 100 + i), g_get_real_time (),
                                  200, PD_QUALITY_GOOD };
      pd_alarm_engine_feed (fixture->engine, samples, 100);
      run_for (90);
    }

  g_assert_true (wait_events (fixture->store, 0, PD_ALARM_EVENT_RAISE, 1000, 30));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("1,000 raises stored %" G_GINT64_FORMAT " ms after the first", elapsed / 1000);
  g_assert_cmpint (count_events (fixture->store, 0, PD_ALARM_EVENT_RAISE), ==, 1000);

  pd_alarm_engine_flush (fixture->engine);
  pd_alarm_engine_get_summary (fixture->engine, &summary);
  g_assert_cmpuint (summary.unacknowledged[PD_ALARM_PRIORITY_HIGH], ==, 1000);
  g_assert_cmpuint (summary.active[PD_ALARM_PRIORITY_HIGH], ==, 1000);
  pd_alarm_summary_clear (&summary);

  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    guint tick = g_timeout_add (10, tick_cb, NULL);

    while (n_raised < 1000 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
  }
  g_assert_cmpuint (n_raised, ==, 1000);
}

/* An acknowledgement made on another connection, as plantdesk-ctl makes
 * it, reaches the snapshot within about a second. */
static void
test_external_ack (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, TRUE);
  g_autoptr(PdAlarm) alarm = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gint64 start;

  fixture_start (fixture);
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  feed (fixture->engine, fixture->tag->id, 70, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_LATCH), ==, 1);

  start = g_get_monotonic_time ();
  g_assert_true (pd_store_acknowledge_alarm (fixture->store, fixture->operator, id, "from ctl",
                                             &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  alarm = wait_alarm (fixture->engine, id, is_acknowledged, 5);
  g_assert_true (alarm->status.acknowledged);
  g_assert_false (alarm->status.active);
  g_test_message ("seen after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_pointer (&alarm, pd_alarm_free);

  /* The evaluator follows: the latched alarm was reset, so a new
   * excursion raises again. */
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, id, PD_ALARM_EVENT_RAISE), ==, 2);
}

/* A SOURCE alarm from code in this process. */
static void
test_source (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) alarms = NULL;
  PdAlarm *found = NULL;

  fixture_start (fixture);
  pd_alarm_engine_set_source (fixture->engine, "stock:SKU-1@WH1", "SKU-1 at WH1",
                              PD_ALARM_PRIORITY_LOW, "Low stock", TRUE, 3);
  pd_alarm_engine_flush (fixture->engine);

  alarms = pd_alarm_engine_dup_alarms (fixture->engine, FALSE);
  for (guint i = 0; i < alarms->len; i++)
    {
      PdAlarm *alarm = g_ptr_array_index (alarms, i);

      if (g_strcmp0 (alarm->def->source, "stock:SKU-1@WH1") == 0)
        found = alarm;
    }
  g_assert_nonnull (found);
  g_assert_true (found->status.active);
  g_assert_cmpint (count_events (fixture->store, found->def->id, PD_ALARM_EVENT_RAISE), ==, 1);

  pd_alarm_engine_set_source (fixture->engine, "stock:SKU-1@WH1", "SKU-1 at WH1",
                              PD_ALARM_PRIORITY_LOW, "Low stock", FALSE, 30);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, found->def->id, PD_ALARM_EVENT_CLEAR), ==, 1);
}

/* An acknowledgement written by another connection between two of the
 * engine's own writes is not skipped: the engine's own events do not move
 * its cursor over the other connection's. */
static void
test_interleaved_ack (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 hi = save_hi (fixture->store, fixture->admin, fixture->tag->id, 80, 0, 0, 0, FALSE);
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(PdAlarm) alarm = NULL;
  g_autoptr(GError) error = NULL;
  PdAlarmDef *hihi = pd_alarm_def_new (PD_ALARM_CONDITION_HIHI);
  gboolean changed = FALSE;

  hihi->tag_id = fixture->tag->id;
  hihi->limit = 95;
  hihi->priority = PD_ALARM_PRIORITY_URGENT;
  g_ptr_array_add (defs, hihi);
  g_assert_true (pd_store_save_tag_alarms (fixture->store, fixture->admin, fixture->tag->id, defs, &error));
  g_assert_no_error (error);

  fixture_start (fixture);
  feed (fixture->engine, fixture->tag->id, 90, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);

  /* The other connection's event, then at once one of the engine's. */
  g_assert_true (pd_store_acknowledge_alarm (fixture->store, fixture->operator, hi, "elsewhere",
                                             &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  feed (fixture->engine, fixture->tag->id, 96, PD_QUALITY_GOOD, 0);
  pd_alarm_engine_flush (fixture->engine);
  g_assert_cmpint (count_events (fixture->store, hihi->id, PD_ALARM_EVENT_RAISE), ==, 1);

  alarm = wait_alarm (fixture->engine, hi, is_acknowledged, 5);
  g_assert_true (alarm->status.acknowledged);
  g_assert_cmpstr (alarm->status.ack_user, ==, pd_user_get_name (fixture->operator));
}

/* "raised" announces alarms raised by the source API and by other
 * connections too, once each, so that they get their notification. */
static void
test_raised_from_elsewhere (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n_raised = 0;
  gint64 deadline;
  guint tick;

  fixture_start (fixture);
  g_signal_connect (fixture->engine, "raised", G_CALLBACK (raised_cb), &n_raised);

  pd_alarm_engine_set_source (fixture->engine, "sync:platform", "Platform link",
                              PD_ALARM_PRIORITY_HIGH, "Cannot reach the platform", TRUE, NAN);
  pd_alarm_engine_flush (fixture->engine);

  /* As a warehouse move in plantdesk-ctl would, on another connection. */
  g_assert_true (pd_store_write_system (fixture->store, "test.source", "alarm",
                                        raise_source_func, NULL, NULL));

  tick = g_timeout_add (10, tick_cb, NULL);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (n_raised < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* Nothing is announced twice. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC + 200 * 1000;
  pd_alarm_engine_refresh (fixture->engine);
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpuint (n_raised, ==, 2);
}

/* --- With plantdesk-sim --------------------------------------------------- */

static PdSim *
start_sim (void)
{
  g_autoptr(GError) error = NULL;
  PdSim *sim = pd_sim_start (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sim);
  return sim;
}

static void
sim_command (PdSim      *sim,
             const char *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_sim_command (sim, command, &error));
  g_assert_no_error (error);
}

static gint64
comm_alarm_id (PdStore *store,
               gint64   device_id)
{
  g_autoptr(GPtrArray) defs = pd_store_list_alarm_defs (store, 0, NULL);

  g_assert_nonnull (defs);
  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (def->condition == PD_ALARM_CONDITION_COMM && def->device_id == device_id)
        return def->id;
    }
  g_assert_not_reached ();
}

static void
test_sim (void)
{
  g_autoptr(PdSim) sim = start_sim ();
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autoptr(PdStore) store = pd_test_store_new_populated (dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdDevice) device = add_device (store, admin, "line", pd_sim_get_port (sim, 0));
  g_autoptr(PdTag) speed = add_tag (store, admin, device->id, "speed_sp", PD_SIM_HR_SPEED_SP,
                                    PD_TAG_TYPE_UINT16);
  g_autoptr(PdAcquisition) acquisition = NULL;
  g_autoptr(PdAlarmEngine) engine = NULL;
  g_autoptr(PdAlarm) alarm = NULL;
  gint64 hi, comm;

  hi = save_hi (store, admin, speed->id, 1000, 10, 0, 0, FALSE);

  engine = start_engine (dir);
  comm = comm_alarm_id (store, device->id);
  acquisition = pd_acquisition_new (store, NULL);
  pd_engine_set_backoff (pd_acquisition_get_engine (acquisition), 100, 200);
  pd_acquisition_set_alarm_engine (acquisition, engine);
  g_assert_true (pd_acquisition_get_alarm_engine (acquisition) == engine);
  pd_acquisition_start (acquisition);

  /* A real value crosses the limit and returns. */
  sim_command (sim, "set holding 0 1500");
  g_assert_true (wait_events (store, hi, PD_ALARM_EVENT_RAISE, 1, 15));
  alarm = wait_alarm (engine, hi, is_active, 5);
  g_assert_cmpfloat (alarm->status.value, ==, 1500);
  g_clear_pointer (&alarm, pd_alarm_free);
  sim_command (sim, "set holding 0 500");
  g_assert_true (wait_events (store, hi, PD_ALARM_EVENT_CLEAR, 1, 15));

  /* The device stops answering: the COMM alarm; it answers again: cleared. */
  g_assert_cmpint (count_events (store, comm, PD_ALARM_EVENT_RAISE), ==, 0);
  sim_command (sim, "freeze");
  g_assert_true (wait_events (store, comm, PD_ALARM_EVENT_RAISE, 1, 15));
  alarm = wait_alarm (engine, comm, is_active, 5);
  g_assert_true (alarm->status.active);
  g_clear_pointer (&alarm, pd_alarm_free);
  /* Its values were bad meanwhile: the limit alarm stayed as it was. */
  g_assert_cmpint (count_events (store, hi, PD_ALARM_EVENT_RAISE), ==, 1);

  sim_command (sim, "thaw");
  sim_command (sim, "drop");
  g_assert_true (wait_events (store, comm, PD_ALARM_EVENT_CLEAR, 1, 15));

  /* A definition added while running is picked up. */
  {
    g_autoptr(PdTag) trim = add_tag (store, admin, device->id, "trim", PD_SIM_HR_TEMP_TRIM,
                                     PD_TAG_TYPE_INT16);
    gint64 trim_hi = save_hi (store, admin, trim->id, 100, 0, 0, 0, FALSE);

    sim_command (sim, "set holding 16 500");
    g_assert_true (wait_events (store, trim_hi, PD_ALARM_EVENT_RAISE, 1, 15));
  }

  pd_acquisition_stop (acquisition);
  pd_acquisition_set_alarm_engine (acquisition, NULL);
  pd_alarm_engine_stop (engine);
  g_assert_finalize_object (g_steal_pointer (&acquisition));
  g_assert_finalize_object (g_steal_pointer (&engine));
  g_clear_object (&admin);
  g_clear_object (&store);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A shelving "minute" of 300 ms, so that expiry is seen within a test. */
  _pd_alarm_set_shelve_minute_ms (300);

#define ADD(path, func) \
  g_test_add ("/core/alarms/engine/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("deadband", test_deadband);
  ADD ("on-delay", test_on_delay);
  ADD ("off-delay", test_off_delay);
  ADD ("bad-quality", test_bad_quality);
  ADD ("latching", test_latching);
  ADD ("shelve-expiry", test_shelve_expiry);
  ADD ("suppressed", test_suppressed);
  ADD ("restart", test_restart);
  ADD ("early-values", test_early_values);
  ADD ("early-overflow", test_early_overflow);
  ADD ("async-and-actions", test_async_and_actions);
  ADD ("flood", test_flood);
  ADD ("external-ack", test_external_ack);
  ADD ("source", test_source);
  ADD ("interleaved-ack", test_interleaved_ack);
  ADD ("raised-from-elsewhere", test_raised_from_elsewhere);
  g_test_add_func ("/core/alarms/engine/never-started", test_never_started);
  g_test_add_func ("/core/alarms/engine/sim", test_sim);

#undef ADD

  return g_test_run ();
}
