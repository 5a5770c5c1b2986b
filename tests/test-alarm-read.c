/* test-alarm-read.c — the alarm history, its CSV export and the
 * alarm-performance figures, on a real store in a temporary directory
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-alarm-read"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-alarm-read.h"
#include "pd-alarm-read-private.h"
#include "pd-store-alarms.h"
#include "pd-test-utils.h"

#define SEC G_GINT64_CONSTANT (1000000)
/* 2025-11-24T16:00:00Z, on a 10-minute boundary. */
#define T0  (G_GINT64_CONSTANT (1764000000) * SEC)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  gint64   device_id;
  gint64   temp_id;
  gint64   pressure_id;
  /* Alarms of the history fixture. */
  gint64   temp_hi;
  gint64   comm;
  gint64   stock;
  gint64   pressure_lo;
  gint64   ev[8];
} Fixture;

static void
exec (Fixture    *f,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (pd_store_get_db (f->store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Fixtures go in with plain SQL: the times of the events are the point of
 * these tests, and the write path stamps its own. */
static gint64
insert_def (Fixture    *f,
            const char *condition,
            gint64      tag_id,
            gint64      device_id,
            const char *source,
            const char *source_name,
            const char *priority,
            const char *message,
            double      limit)
{
  sqlite3 *db = pd_store_get_db (f->store);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO alarm_defs (uuid, condition, tag_id, device_id, source,"
                                       " source_name, priority, message, limit_value, created_at, updated_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-11-24T00:00:00Z',"
                                       " '2025-11-24T00:00:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, condition, -1, SQLITE_STATIC);
  if (tag_id != 0)
    sqlite3_bind_int64 (stmt, 3, tag_id);
  if (device_id != 0)
    sqlite3_bind_int64 (stmt, 4, device_id);
  sqlite3_bind_text (stmt, 5, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, priority, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, message, -1, SQLITE_STATIC);
  if (!isnan (limit))
    sqlite3_bind_double (stmt, 9, limit);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return sqlite3_last_insert_rowid (db);
}

static gint64
insert_event (Fixture    *f,
              gint64      alarm_id,
              gint64      ts,
              const char *kind,
              double      value,
              const char *user_name,
              const char *comment,
              gint64      until)
{
  sqlite3 *db = pd_store_get_db (f->store);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO alarm_events (uuid, alarm_id, ts, kind, value, user_name,"
                                       " comment, until_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, alarm_id);
  sqlite3_bind_int64 (stmt, 3, ts);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  if (!isnan (value))
    sqlite3_bind_double (stmt, 5, value);
  sqlite3_bind_text (stmt, 6, user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, comment, -1, SQLITE_STATIC);
  if (until != 0)
    sqlite3_bind_int64 (stmt, 8, until);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return sqlite3_last_insert_rowid (db);
}

static void
insert_state (Fixture *f,
              gint64   alarm_id,
              gboolean active,
              gint64   raised_ts)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO alarm_state (alarm_id, active, condition_active,"
                                          " acknowledged, raised_ts, changed_ts)"
                                          " VALUES (%" G_GINT64_FORMAT ", %d, %d, 0, %" G_GINT64_FORMAT
                                          ", %" G_GINT64_FORMAT ")",
                                          alarm_id, active, active, raised_ts, raised_ts);
  exec (f, sql);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_data_dir_new_populated ();
  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->admin = pd_test_login (f->store, "admin");

  f->device_id = pd_test_store_add_device (f->store, f->admin, "Press 1");
  f->temp_id = pd_test_store_add_tag (f->store, f->admin, f->device_id, "Temp", PD_AREA_HOLDING, 0,
                                      PD_TAG_TYPE_UINT16, "°C");
  f->pressure_id = pd_test_store_add_tag (f->store, f->admin, f->device_id, "Pressure", PD_AREA_HOLDING, 1,
                                          PD_TAG_TYPE_UINT16, "bar");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* Four alarms of different kinds and seven events over seven seconds. */
static void
history_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup (f, data);

  f->temp_hi = insert_def (f, "hi", f->temp_id, f->device_id, NULL, NULL, "high", NULL, 80);
  f->comm = insert_def (f, "comm", 0, f->device_id, NULL, NULL, "urgent", NULL, NAN);
  f->stock = insert_def (f, "source", 0, 0, "stock:SKU-1", "Low stock, SKU-1", "low",
                         "库存不足，请补货", NAN);
  f->pressure_lo = insert_def (f, "lo", f->pressure_id, f->device_id, NULL, NULL, "medium",
                               "Pressure low, \"check\" the valve", 2);

  f->ev[1] = insert_event (f, f->temp_hi, T0 + 1 * SEC, "raise", 85.5, NULL, NULL, 0);
  f->ev[2] = insert_event (f, f->temp_hi, T0 + 2 * SEC, "ack", NAN, "operator", "checked, ok", 0);
  f->ev[3] = insert_event (f, f->comm, T0 + 3 * SEC, "raise", NAN, NULL, NULL, 0);
  f->ev[4] = insert_event (f, f->stock, T0 + 4 * SEC, "raise", 3, NULL, NULL, 0);
  f->ev[5] = insert_event (f, f->pressure_lo, T0 + 5 * SEC + 250000, "raise", 1.5, NULL, NULL, 0);
  f->ev[6] = insert_event (f, f->temp_hi, T0 + 6 * SEC, "clear", 70, NULL, NULL, 0);
  f->ev[7] = insert_event (f, f->pressure_lo, T0 + 7 * SEC, "shelve", NAN, "supervisor",
                           "line 2\nstopped for 50% of the shift", T0 + 3600 * SEC);
}

static GPtrArray *
list (Fixture                    *f,
      const PdAlarmHistoryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = pd_store_list_alarm_events (f->store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

/* Asserts that EVENTS are exactly the fixture's events numbered in IDS
 * (0-terminated), in that order. */
static void
assert_events (Fixture   *f,
               GPtrArray *events,
               ...)
{
  va_list args;
  guint i = 0;
  int n;

  va_start (args, events);
  while ((n = va_arg (args, int)) != 0)
    {
      const PdAlarmEvent *event;

      g_assert_cmpuint (i, <, events->len);
      event = g_ptr_array_index (events, i);
      g_assert_cmpint (event->id, ==, f->ev[n]);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (events->len, ==, i);
}

static char *
default_message (PdAlarmCondition condition,
                 double           limit,
                 const char      *unit)
{
  g_autoptr(PdAlarmDef) def = pd_alarm_def_new (condition);

  def->limit = limit;
  def->unit = g_strdup (unit);
  return pd_alarm_def_dup_message (def);
}

static void
test_history_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) events = list (f, NULL);
  g_autofree char *hi_message = default_message (PD_ALARM_CONDITION_HI, 80, "°C");
  g_autofree char *comm_message = default_message (PD_ALARM_CONDITION_COMM, NAN, NULL);
  const PdAlarmEvent *e;

  /* Everything, newest first. */
  assert_events (f, events, 7, 6, 5, 4, 3, 2, 1, 0);

  e = g_ptr_array_index (events, 6);
  g_assert_cmpint (e->alarm_id, ==, f->temp_hi);
  g_assert_cmpint (e->ts, ==, T0 + SEC);
  g_assert_cmpint (e->kind, ==, PD_ALARM_EVENT_RAISE);
  g_assert_cmpfloat (e->value, ==, 85.5);
  g_assert_cmpint (e->condition, ==, PD_ALARM_CONDITION_HI);
  g_assert_cmpint (e->priority, ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpstr (e->source_name, ==, "Press 1 / Temp");
  g_assert_cmpstr (e->message, ==, hi_message);
  g_assert_nonnull (e->uuid);
  g_assert_null (e->user_name);

  e = g_ptr_array_index (events, 5);
  g_assert_cmpint (e->kind, ==, PD_ALARM_EVENT_ACK);
  g_assert_true (isnan (e->value));
  g_assert_cmpstr (e->user_name, ==, "operator");
  g_assert_cmpstr (e->comment, ==, "checked, ok");

  e = g_ptr_array_index (events, 4);
  g_assert_cmpint (e->condition, ==, PD_ALARM_CONDITION_COMM);
  g_assert_cmpint (e->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpstr (e->source_name, ==, "Press 1");
  g_assert_cmpstr (e->message, ==, comm_message);

  e = g_ptr_array_index (events, 3);
  g_assert_cmpint (e->condition, ==, PD_ALARM_CONDITION_SOURCE);
  g_assert_cmpstr (e->source_name, ==, "Low stock, SKU-1");
  g_assert_cmpstr (e->message, ==, "库存不足，请补货");

  e = g_ptr_array_index (events, 0);
  g_assert_cmpint (e->kind, ==, PD_ALARM_EVENT_SHELVE);
  g_assert_cmpint (e->until, ==, T0 + 3600 * SEC);
  g_assert_cmpstr (e->source_name, ==, "Press 1 / Pressure");
  g_assert_cmpstr (e->message, ==, "Pressure low, \"check\" the valve");
}

static void
test_history_names_follow_renames (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  PdAlarmHistoryFilter filter = { 0 };

  /* A renamed device renames its alarms' sources in the history… */
  exec (f, "UPDATE devices SET name = 'Press 2'");
  /* …and a removed tag keeps the name it had. */
  g_assert_true (pd_store_remove_tag (f->store, f->admin, f->pressure_id, &error));
  g_assert_no_error (error);
  exec (f, "UPDATE devices SET name = 'Press 3'");

  filter.oldest_first = TRUE;
  events = list (f, &filter);
  assert_events (f, events, 1, 2, 3, 4, 5, 6, 7, 0);
  g_assert_cmpstr (((PdAlarmEvent *) events->pdata[0])->source_name, ==, "Press 3 / Temp");
  g_assert_cmpstr (((PdAlarmEvent *) events->pdata[2])->source_name, ==, "Press 3");
  g_assert_cmpstr (((PdAlarmEvent *) events->pdata[4])->source_name, ==, "Press 2 / Pressure");
  g_assert_cmpstr (((PdAlarmEvent *) events->pdata[6])->source_name, ==, "Press 2 / Pressure");
}

static void
test_history_filters (Fixture       *f,
                      gconstpointer  data)
{
  PdAlarmHistoryFilter filter = { 0 };
  GPtrArray *events;

  filter.oldest_first = TRUE;
  events = list (f, &filter);
  assert_events (f, events, 1, 2, 3, 4, 5, 6, 7, 0);
  g_ptr_array_unref (events);

  /* [since, until) */
  filter = (PdAlarmHistoryFilter) { .since = T0 + 2 * SEC, .until = T0 + 5 * SEC };
  events = list (f, &filter);
  assert_events (f, events, 4, 3, 2, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) { .since = T0 + 5 * SEC };
  events = list (f, &filter);
  assert_events (f, events, 7, 6, 5, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) { .alarm_id = f->temp_hi, .oldest_first = TRUE };
  events = list (f, &filter);
  assert_events (f, events, 1, 2, 6, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) {
    .priorities = 1 << PD_ALARM_PRIORITY_URGENT | 1 << PD_ALARM_PRIORITY_LOW,
  };
  events = list (f, &filter);
  assert_events (f, events, 4, 3, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) {
    .kinds = 1 << PD_ALARM_EVENT_ACK | 1 << PD_ALARM_EVENT_SHELVE,
  };
  events = list (f, &filter);
  assert_events (f, events, 7, 2, 0);
  g_ptr_array_unref (events);

  /* Filters combine. */
  filter = (PdAlarmHistoryFilter) {
    .kinds = 1 << PD_ALARM_EVENT_RAISE,
    .priorities = 1 << PD_ALARM_PRIORITY_HIGH | 1 << PD_ALARM_PRIORITY_MEDIUM,
    .until = T0 + 5 * SEC,
  };
  events = list (f, &filter);
  assert_events (f, events, 1, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) { .limit = 2 };
  events = list (f, &filter);
  assert_events (f, events, 7, 6, 0);
  g_ptr_array_unref (events);

  filter = (PdAlarmHistoryFilter) { .limit = 2, .oldest_first = TRUE };
  events = list (f, &filter);
  assert_events (f, events, 1, 2, 0);
  g_ptr_array_unref (events);
}

static void
assert_text (Fixture    *f,
             const char *text,
             ...)
{
  PdAlarmHistoryFilter filter = { 0 };
  g_autoptr(GPtrArray) events = NULL;
  va_list args;
  guint i = 0;
  int n;

  filter.text = (char *) text;
  filter.oldest_first = TRUE;
  events = list (f, &filter);

  va_start (args, text);
  while ((n = va_arg (args, int)) != 0)
    {
      g_assert_cmpuint (i, <, events->len);
      g_assert_cmpint (((PdAlarmEvent *) events->pdata[i])->id, ==, f->ev[n]);
      i++;
    }
  va_end (args);
  if (events->len != i)
    g_error ("text “%s”: %u events, expected %u", text, events->len, i);
}

static void
test_history_text (Fixture       *f,
                   gconstpointer  data)
{
  /* The source name, case-insensitive. */
  assert_text (f, "press 1 / TEMP", 1, 2, 6, 0);
  assert_text (f, "Press 1", 1, 2, 3, 5, 6, 7, 0);
  /* The stored message, in Chinese too. */
  assert_text (f, "库存", 4, 0);
  assert_text (f, "\"check\"", 5, 7, 0);
  /* User and comment. */
  assert_text (f, "SUPERVISOR", 7, 0);
  assert_text (f, "checked", 2, 0);
  assert_text (f, "line 2\nstopped", 7, 0);
  /* LIKE's wildcards are plain characters. */
  assert_text (f, "50%", 7, 0);
  assert_text (f, "%", 7, 0);
  assert_text (f, "_", 0);
  assert_text (f, "check_d", 0);
  assert_text (f, "nothing like this", 0);
  /* The translated default message of a definition without its own,
   * whatever its case. */
  {
    g_autofree char *comm = default_message (PD_ALARM_CONDITION_COMM, NAN, NULL);
    g_autofree char *upper = g_utf8_strup (comm, -1);
    g_autofree char *hi = default_message (PD_ALARM_CONDITION_HI, 80, "°C");

    assert_text (f, upper, 3, 0);
    assert_text (f, hi, 1, 2, 6, 0);
  }
  assert_text (f, "PRESSURE LOW", 5, 7, 0);
  /* Empty text is no filter. */
  assert_text (f, "", 1, 2, 3, 4, 5, 6, 7, 0);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
assert_same_events (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const PdAlarmEvent *x = a->pdata[i];
      const PdAlarmEvent *y = b->pdata[i];

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpint (x->alarm_id, ==, y->alarm_id);
      g_assert_cmpint (x->ts, ==, y->ts);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_true ((isnan (x->value) && isnan (y->value)) || x->value == y->value);
      g_assert_cmpstr (x->user_name, ==, y->user_name);
      g_assert_cmpstr (x->comment, ==, y->comment);
      g_assert_cmpint (x->until, ==, y->until);
      g_assert_cmpint (x->condition, ==, y->condition);
      g_assert_cmpint (x->priority, ==, y->priority);
      g_assert_cmpstr (x->source_name, ==, y->source_name);
      g_assert_cmpstr (x->message, ==, y->message);
    }
}

static void
test_history_async (Fixture       *f,
                    gconstpointer  data)
{
  PdAlarmHistoryFilter filter = { .text = (char *) "press", .kinds = 1 << PD_ALARM_EVENT_RAISE };
  g_autoptr(GPtrArray) sync_events = list (f, &filter);
  g_autoptr(GPtrArray) async_events = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup ("press");

  g_assert_cmpuint (sync_events->len, ==, 3);

  /* The filter is copied: the caller's string may go at once. */
  filter.text = text;
  pd_alarm_events_read_async (pd_store_get_path (f->store), &filter, NULL, read_cb, &result);
  text[0] = 'X';
  async_events = pd_alarm_events_read_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  assert_same_events (sync_events, async_events);

  /* A file that is not there: an error, not a crash. */
  {
    g_autoptr(GAsyncResult) missing = NULL;
    g_autofree char *path = g_build_filename (f->dir, "no-such.db", NULL);
    g_autoptr(GError) missing_error = NULL;

    pd_alarm_events_read_async (path, NULL, NULL, read_cb, &missing);
    g_assert_null (pd_alarm_events_read_finish (wait_result (&missing), &missing_error));
    g_assert_error (missing_error, PD_ERROR, missing_error->code);
  }
}

static char *
write_csv (GPtrArray *events)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_alarm_events_write_csv (events, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  PdAlarmHistoryFilter filter = { .oldest_first = TRUE };
  g_autoptr(GPtrArray) events = list (f, &filter);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *hi = default_message (PD_ALARM_CONDITION_HI, 80, "°C");
  g_autofree char *comm = default_message (PD_ALARM_CONDITION_COMM, NAN, NULL);
  g_autofree char *csv = write_csv (events);
  g_autofree char *empty = write_csv (none);
  g_autofree char *expected = NULL;

  /* TZ is CST-8 (see main): local time is UTC+08:00. */
  expected = g_strconcat (
    "time,source,condition,priority,event,value,user,comment,message\r\n",
    "2025-11-25T00:00:01.000+08:00,Press 1 / Temp,hi,high,raise,85.5,,,", hi, "\r\n",
    "2025-11-25T00:00:02.000+08:00,Press 1 / Temp,hi,high,ack,,operator,\"checked, ok\",", hi, "\r\n",
    "2025-11-25T00:00:03.000+08:00,Press 1,comm,urgent,raise,,,,", comm, "\r\n",
    "2025-11-25T00:00:04.000+08:00,\"Low stock, SKU-1\",source,low,raise,3,,,库存不足，请补货\r\n",
    "2025-11-25T00:00:05.250+08:00,Press 1 / Pressure,lo,medium,raise,1.5,,,"
    "\"Pressure low, \"\"check\"\" the valve\"\r\n",
    "2025-11-25T00:00:06.000+08:00,Press 1 / Temp,hi,high,clear,70,,,", hi, "\r\n",
    "2025-11-25T00:00:07.000+08:00,Press 1 / Pressure,lo,medium,shelve,,supervisor,"
    "\"line 2\nstopped for 50% of the shift\",\"Pressure low, \"\"check\"\" the valve\"\r\n",
    NULL);

  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_cmpstr (csv, ==, expected);
  g_assert_cmpstr (empty, ==, "time,source,condition,priority,event,value,user,comment,message\r\n");
}

/* --- Performance ----------------------------------------------------------- */

typedef struct
{
  gint64 src[13];
} Sources;

/* Twelve source alarms raised 25 times in the first 10-minute bucket of
 * [T0, T0 + 2 h), none of them within 60 s of its own last raise; the HI
 * alarm raised 4 times in 50 s in the fourth bucket; one alarm standing. */
static void
performance_setup (Fixture       *f,
                   gconstpointer  data)
{
  static const guint counts[13] = { 0, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1 };
  Sources *s;

  history_setup (f, data);
  s = g_new0 (Sources, 1);
  g_object_set_data_full (G_OBJECT (f->store), "sources", s, g_free);

  /* The history fixture's events fall in the first bucket too, apart from
   * its three raises; take them out of the way by reading another day. */
  for (guint k = 1; k <= 12; k++)
    {
      g_autofree char *key = g_strdup_printf ("src:%u", k);
      g_autofree char *name = g_strdup_printf ("Source %u", k);

      s->src[k] = insert_def (f, "source", 0, 0, key, name, "low", NULL, NAN);
      for (guint j = 0; j < counts[k]; j++)
        insert_event (f, s->src[k], T0 + 86400 * SEC + (k + j * 61) * SEC, "raise", NAN, NULL, NULL, 0);
    }
  /* Outside the period: not counted. */
  insert_event (f, s->src[1], T0 + 86400 * SEC - 1, "raise", NAN, NULL, NULL, 0);
  insert_event (f, s->src[1], T0 + 86400 * SEC + 7200 * SEC, "raise", NAN, NULL, NULL, 0);

  /* Chattering: 4 raises in 50 s, with clears between that do not count. */
  for (guint j = 0; j < 4; j++)
    {
      static const int offsets[] = { 0, 15, 35, 50 };
      gint64 ts = T0 + 86400 * SEC + (1800 + offsets[j]) * SEC;

      insert_event (f, f->temp_hi, ts, "raise", 90, NULL, NULL, 0);
      insert_event (f, f->temp_hi, ts + 5 * SEC, "clear", 70, NULL, NULL, 0);
    }
}

static void
assert_performance (Fixture                  *f,
                    const PdAlarmPerformance *perf)
{
  Sources *s = g_object_get_data (G_OBJECT (f->store), "sources");
  gint64 day = T0 + 86400 * SEC;
  gint64 top[10] = { s->src[1], f->temp_hi, s->src[2], s->src[4], s->src[3],
                     s->src[6], s->src[5], s->src[12], s->src[11], s->src[10] };
  guint top_counts[10] = { 5, 4, 4, 3, 3, 2, 2, 1, 1, 1 };
  const PdAlarmRanked *r;

  g_assert_cmpint (perf->since, ==, day);
  g_assert_cmpint (perf->until, ==, day + 7200 * SEC);
  g_assert_cmpuint (perf->buckets->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      const PdAlarmRateBucket *b = &g_array_index (perf->buckets, PdAlarmRateBucket, i);

      g_assert_cmpint (b->start, ==, day + i * 600 * SEC);
      g_assert_cmpuint (b->raised, ==, i == 0 ? 25 : i == 3 ? 4 : 0);
    }
  g_assert_cmpuint (perf->total_raised, ==, 29);
  g_assert_cmpfloat_with_epsilon (perf->average_per_10_min, 29.0 / 12, 1e-9);
  g_assert_cmpuint (perf->peak_per_10_min, ==, 25);
  g_assert_cmpuint (perf->flood_buckets, ==, 1);
  g_assert_cmpfloat_with_epsilon (perf->flood_fraction, 1.0 / 12, 1e-9);
  g_assert_cmpuint (perf->raised_by_priority[PD_ALARM_PRIORITY_LOW], ==, 25);
  g_assert_cmpuint (perf->raised_by_priority[PD_ALARM_PRIORITY_HIGH], ==, 4);
  g_assert_cmpuint (perf->raised_by_priority[PD_ALARM_PRIORITY_URGENT], ==, 0);
  g_assert_cmpuint (perf->raised_by_priority[PD_ALARM_PRIORITY_MEDIUM], ==, 0);

  /* Most first; ties: the newest last raise first. */
  g_assert_cmpuint (perf->top->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      r = g_ptr_array_index (perf->top, i);
      g_assert_cmpint (r->alarm_id, ==, top[i]);
      g_assert_cmpuint (r->count, ==, top_counts[i]);
    }
  r = g_ptr_array_index (perf->top, 0);
  g_assert_cmpstr (r->source_name, ==, "Source 1");
  g_assert_cmpint (r->condition, ==, PD_ALARM_CONDITION_SOURCE);
  g_assert_cmpint (r->priority, ==, PD_ALARM_PRIORITY_LOW);
  g_assert_cmpstr (r->message, ==, "Source 1");
  r = g_ptr_array_index (perf->top, 1);
  g_assert_cmpstr (r->source_name, ==, "Press 1 / Temp");

  g_assert_cmpuint (perf->chattering->len, ==, 1);
  r = g_ptr_array_index (perf->chattering, 0);
  g_assert_cmpint (r->alarm_id, ==, f->temp_hi);
  g_assert_cmpuint (r->count, ==, 4);
  g_assert_cmpint (r->since, ==, day + 1800 * SEC);
  g_assert_cmpstr (r->source_name, ==, "Press 1 / Temp");
  g_assert_cmpint (r->condition, ==, PD_ALARM_CONDITION_HI);

  /* The comm alarm raised 30 h before the end; the low stock one 40 h
   * before, but its definition is removed; the LO one only 1 h. */
  g_assert_cmpuint (perf->standing->len, ==, 1);
  r = g_ptr_array_index (perf->standing, 0);
  g_assert_cmpint (r->alarm_id, ==, f->comm);
  g_assert_cmpint (r->since, ==, day + 7200 * SEC - 30 * 3600 * SEC);
  g_assert_cmpstr (r->source_name, ==, "Press 1");
}

static void
add_states (Fixture *f)
{
  gint64 end = T0 + 86400 * SEC + 7200 * SEC;

  insert_state (f, f->comm, TRUE, end - 30 * 3600 * SEC);
  insert_state (f, f->stock, TRUE, end - 40 * 3600 * SEC);
  insert_state (f, f->pressure_lo, TRUE, end - 3600 * SEC);
  insert_state (f, f->temp_hi, FALSE, end - 100 * 3600 * SEC);
  exec (f, "UPDATE alarm_defs SET removed = 1 WHERE source = 'stock:SKU-1'");
}

static void
test_performance (Fixture       *f,
                  gconstpointer  data)
{
  gint64 day = T0 + 86400 * SEC;
  g_autoptr(PdAlarmPerformance) perf = NULL;
  g_autoptr(PdAlarmPerformance) unaligned = NULL;
  g_autoptr(GError) error = NULL;

  add_states (f);

  perf = pd_store_get_alarm_performance (f->store, day, day + 7200 * SEC, &error);
  g_assert_no_error (error);
  assert_performance (f, perf);

  /* Cut to whole buckets covering the period; standing is judged at the
   * UNTIL asked for (30 h before it, not 29 h 59 min 30 s). */
  unaligned = pd_store_get_alarm_performance (f->store, day + 30 * SEC, day + 7200 * SEC - 30 * SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (unaligned->since, ==, day);
  g_assert_cmpint (unaligned->until, ==, day + 7200 * SEC);
  g_assert_cmpuint (unaligned->total_raised, ==, 29);
  g_assert_cmpuint (unaligned->standing->len, ==, 1);
}

static void
test_performance_async (Fixture       *f,
                        gconstpointer  data)
{
  gint64 day = T0 + 86400 * SEC;
  g_autoptr(PdAlarmPerformance) perf = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;

  add_states (f);

  pd_alarm_performance_read_async (pd_store_get_path (f->store), day, day + 7200 * SEC,
                                   NULL, read_cb, &result);
  perf = pd_alarm_performance_read_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  assert_performance (f, perf);

  pd_alarm_performance_read_async (pd_store_get_path (f->store), day, day, NULL, read_cb, &refused);
  g_assert_null (pd_alarm_performance_read_finish (wait_result (&refused), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_performance_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdAlarmPerformance) perf = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing yet: zeros, every bucket, no lists. */
  perf = pd_store_get_alarm_performance (f->store, T0, T0 + 3600 * SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (perf->buckets->len, ==, 6);
  g_assert_cmpuint (perf->total_raised, ==, 0);
  g_assert_cmpfloat (perf->average_per_10_min, ==, 0);
  g_assert_cmpuint (perf->peak_per_10_min, ==, 0);
  g_assert_cmpuint (perf->top->len, ==, 0);
  g_assert_cmpuint (perf->chattering->len, ==, 0);
  g_assert_cmpuint (perf->standing->len, ==, 0);
}

static void
test_performance_invalid (Fixture       *f,
                          gconstpointer  data)
{
  gint64 day = 86400 * SEC;
  PdAlarmPerformance *perf;
  g_autoptr(GError) error = NULL;

  perf = pd_store_get_alarm_performance (f->store, T0, T0, &error);
  g_assert_null (perf);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "period"));
  g_clear_error (&error);

  g_assert_null (pd_store_get_alarm_performance (f->store, T0 + SEC, T0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (pd_store_get_alarm_performance (f->store, T0, T0 + 90 * day + 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "90"));
  g_clear_error (&error);

  /* Until 0 is now: a period starting tomorrow is refused. */
  g_assert_null (pd_store_get_alarm_performance (f->store, g_get_real_time () + day, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* Exactly 90 days is allowed. */
  perf = pd_store_get_alarm_performance (f->store, T0, T0 + 90 * day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (perf->buckets->len, ==, 90 * 144);
  pd_alarm_performance_free (perf);
}

/* Through the alarm store's own write path rather than plain SQL: the
 * definitions the tag dialog saves, the events the engine appends and the
 * states they fold into. */
static void
test_through_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(PdAlarmDef) stored = NULL;
  g_autoptr(PdAlarmPerformance) perf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PdAlarmDef *hi = pd_alarm_def_new (PD_ALARM_CONDITION_HI);
  PdAlarmDef *hihi = pd_alarm_def_new (PD_ALARM_CONDITION_HIHI);
  PdAlarmEvent *e;
  gint64 end = T0 + 30 * 3600 * SEC;

  hi->tag_id = hihi->tag_id = f->temp_id;
  hi->device_id = hihi->device_id = f->device_id;
  hi->limit = 80;
  hi->priority = PD_ALARM_PRIORITY_HIGH;
  hihi->limit = 95;
  hihi->priority = PD_ALARM_PRIORITY_URGENT;
  g_ptr_array_add (defs, hi);
  g_ptr_array_add (defs, hihi);
  g_assert_true (pd_store_save_tag_alarms (f->store, f->admin, f->temp_id, defs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hi->id, >, 0);
  g_assert_cmpint (hihi->id, >, 0);

  e = pd_alarm_event_new (hi->id, PD_ALARM_EVENT_RAISE, T0 + 1 * SEC);
  e->value = 85;
  g_ptr_array_add (in, e);
  e = pd_alarm_event_new (hihi->id, PD_ALARM_EVENT_RAISE, T0 + 2 * SEC);
  e->value = 96;
  g_ptr_array_add (in, e);
  e = pd_alarm_event_new (hi->id, PD_ALARM_EVENT_CLEAR, T0 + 3 * SEC);
  e->value = 70;
  g_ptr_array_add (in, e);
  written = pd_store_append_alarm_events (f->store, in, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 3);

  events = list (f, NULL);
  g_assert_cmpuint (events->len, ==, 3);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpint (e->id, ==, ((PdAlarmEvent *) written->pdata[2])->id);
  g_assert_cmpstr (e->uuid, ==, ((PdAlarmEvent *) written->pdata[2])->uuid);
  g_assert_cmpint (e->kind, ==, PD_ALARM_EVENT_CLEAR);
  g_assert_cmpfloat (e->value, ==, 70);
  e = g_ptr_array_index (events, 1);
  g_assert_cmpint (e->alarm_id, ==, hihi->id);
  g_assert_cmpint (e->condition, ==, PD_ALARM_CONDITION_HIHI);
  g_assert_cmpint (e->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpstr (e->source_name, ==, "Press 1 / Temp");
  /* The same message the alarm store gives its definition. */
  stored = pd_store_get_alarm_def (f->store, hihi->id, &error);
  g_assert_no_error (error);
  message = pd_alarm_def_dup_message (stored);
  g_assert_cmpstr (e->message, ==, message);

  /* The HIHI alarm is still active 30 h later: standing; HI cleared. */
  perf = pd_store_get_alarm_performance (f->store, end - 3600 * SEC, end, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (perf->total_raised, ==, 0);
  g_assert_cmpuint (perf->standing->len, ==, 1);
  g_assert_cmpint (((PdAlarmRanked *) perf->standing->pdata[0])->alarm_id, ==, hihi->id);
  g_assert_cmpint (((PdAlarmRanked *) perf->standing->pdata[0])->since, ==, T0 + 2 * SEC);
  g_assert_cmpstr (((PdAlarmRanked *) perf->standing->pdata[0])->message, ==, message);
}

/* The workers' connections stop a long statement once the read is
 * cancelled, rather than finishing work nobody waits for. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *count_sql = "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
                          " SELECT count (*) FROM n";
  sqlite3 *db;

  db = _pd_alarm_read_open (pd_store_get_path (f->store), cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, count_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (sqlite3_exec (db, count_sql, NULL, NULL, NULL), ==, SQLITE_INTERRUPT);
  /* Read-only. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM alarm_state", NULL, NULL, NULL), ==, SQLITE_READONLY);
  sqlite3_close (db);

  pd_alarm_events_read_async (pd_store_get_path (f->store), NULL, cancellable, read_cb, &result);
  events = pd_alarm_events_read_finish (wait_result (&result), &error);
  g_assert_null (events);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Times in the CSV are local: a fixed zone without daylight saving. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alarms/read/history/fields", Fixture, NULL, history_setup, test_history_fields, fixture_teardown);
  g_test_add ("/alarms/read/history/renames", Fixture, NULL, history_setup, test_history_names_follow_renames, fixture_teardown);
  g_test_add ("/alarms/read/history/filters", Fixture, NULL, history_setup, test_history_filters, fixture_teardown);
  g_test_add ("/alarms/read/history/text", Fixture, NULL, history_setup, test_history_text, fixture_teardown);
  g_test_add ("/alarms/read/history/async", Fixture, NULL, history_setup, test_history_async, fixture_teardown);
  g_test_add ("/alarms/read/history/cancel", Fixture, NULL, history_setup, test_cancel, fixture_teardown);
  g_test_add ("/alarms/read/csv", Fixture, NULL, history_setup, test_csv, fixture_teardown);
  g_test_add ("/alarms/read/performance/figures", Fixture, NULL, performance_setup, test_performance, fixture_teardown);
  g_test_add ("/alarms/read/performance/async", Fixture, NULL, performance_setup, test_performance_async, fixture_teardown);
  g_test_add ("/alarms/read/performance/empty", Fixture, NULL, fixture_setup, test_performance_empty, fixture_teardown);
  g_test_add ("/alarms/read/through-store", Fixture, NULL, fixture_setup, test_through_store, fixture_teardown);
  g_test_add ("/alarms/read/performance/invalid", Fixture, NULL, fixture_setup, test_performance_invalid, fixture_teardown);

  ret = g_test_run ();

  pd_test_populated_template_free ();

  return ret;
}
