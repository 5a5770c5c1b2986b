/* test-alarms.c — alarm definitions, events, states and people's actions in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-alarms"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-store-alarms.h"
#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *operator;
  gint64   device_id;
  gint64   temp_id;     /* a float32 tag, unit °C */
  gint64   fault_id;    /* a bool tag */
  guint    changed;     /* "alarms-changed" emissions */
} Fixture;

static void
alarms_changed_cb (PdStore *store,
                   Fixture *f)
{
  f->changed++;
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");
  g_signal_connect (f->store, "alarms-changed", G_CALLBACK (alarms_changed_cb), f);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  f->store = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = pd_test_data_dir_new_populated ();
  open_store (f);

  f->device_id = pd_test_store_add_device (f->store, f->admin, "Oven 1");
  f->temp_id = pd_test_store_add_tag (f->store, f->admin, f->device_id, "Temp", PD_AREA_HOLDING, 0,
                                      PD_TAG_TYPE_FLOAT32, "°C");
  f->fault_id = pd_test_store_add_tag (f->store, f->admin, f->device_id, "Fault", PD_AREA_COIL, 0,
                                       PD_TAG_TYPE_BOOL, NULL);
  f->changed = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_store (f);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static gint64
count (Fixture    *f,
       const char *table)
{
  return pd_test_count_rows (f->store, table);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static JsonObject *
last_outbox_payload (Fixture *f,
                     char   **entity)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = query_text (f, "SELECT payload FROM outbox ORDER BY id DESC LIMIT 1");

  if (entity != NULL)
    *entity = query_text (f, "SELECT entity FROM outbox ORDER BY id DESC LIMIT 1");
  json_parser_load_from_data (parser, payload, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
last_audit (Fixture  *f,
            char    **action,
            char    **result,
            char    **detail)
{
  *action = query_text (f, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  *result = query_text (f, "SELECT result FROM audit_log ORDER BY id DESC LIMIT 1");
  if (detail != NULL)
    *detail = query_text (f, "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
}

static PdAlarmDef *
limit_def (PdAlarmCondition condition,
           double           limit)
{
  PdAlarmDef *def = pd_alarm_def_new (condition);

  def->limit = limit;
  def->deadband = 1;
  def->priority = PD_ALARM_PRIORITY_HIGH;
  return def;
}

/* Saves the definitions given as (condition, limit) pairs, ending with -1. */
static GPtrArray *
defs_of (PdAlarmCondition first,
         ...)
{
  GPtrArray *defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  va_list args;
  int condition = first;

  va_start (args, first);
  while (condition >= 0)
    {
      double limit = va_arg (args, double);

      g_ptr_array_add (defs, limit_def (condition, limit));
      condition = va_arg (args, int);
    }
  va_end (args);

  return defs;
}

/* Stores H 80 on the temperature tag and returns its id. */
static gint64
define_hi (Fixture  *f,
           gboolean  latching)
{
  g_autoptr(GPtrArray) defs = defs_of (PD_ALARM_CONDITION_HI, 80.0, -1);
  g_autoptr(GError) error = NULL;

  ((PdAlarmDef *) defs->pdata[0])->latching = latching;
  g_assert_true (pd_store_save_tag_alarms (f->store, f->supervisor, f->temp_id, defs, &error));
  g_assert_no_error (error);
  return ((PdAlarmDef *) defs->pdata[0])->id;
}

/* Appends one station event; returns how many were written (0 or 1). */
static guint
append (Fixture          *f,
        gint64            alarm_id,
        PdAlarmEventKind  kind,
        double            value)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  PdAlarmEvent *event = pd_alarm_event_new (alarm_id, kind, g_get_real_time ());

  event->value = value;
  g_ptr_array_add (events, event);
  written = pd_store_append_alarm_events (f->store, events, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  for (guint i = 0; i < written->len; i++)
    {
      PdAlarmEvent *w = written->pdata[i];

      g_assert_cmpint (w->id, >, 0);
      g_assert_nonnull (w->uuid);
      g_assert_cmpint (w->kind, ==, kind);
    }
  return written->len;
}

static PdAlarmState
state_of (Fixture *f,
          gint64   alarm_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdAlarm) alarm = pd_store_get_alarm (f->store, alarm_id, &error);

  g_assert_no_error (error);
  return pd_alarm_status_get_state (&alarm->status, g_get_real_time ());
}

/* --- Definitions ------------------------------------------------------------ */

static void
test_defs_valid (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) defs = defs_of (PD_ALARM_CONDITION_LOLO, 5.0, PD_ALARM_CONDITION_HI, 80.0,
                                       PD_ALARM_CONDITION_HIHI, 95.0, PD_ALARM_CONDITION_LO, 10.0, -1);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) update = defs_of (PD_ALARM_CONDITION_HI, 85.0, -1);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *action = NULL;
  g_autofree char *result = NULL;
  g_autofree char *entity = NULL;
  gint64 outbox = count (f, "outbox");
  gint64 audit = count (f, "audit_log");
  gint64 hi_id;
  JsonArray *alarms;

  g_assert_true (pd_store_save_tag_alarms (f->store, f->supervisor, f->temp_id, defs, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < defs->len; i++)
    {
      g_assert_cmpint (((PdAlarmDef *) defs->pdata[i])->id, >, 0);
      g_assert_nonnull (((PdAlarmDef *) defs->pdata[i])->uuid);
    }
  hi_id = ((PdAlarmDef *) defs->pdata[1])->id;
  g_assert_cmpint (count (f, "alarm_defs"), ==, 4);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  g_assert_cmpint (count (f, "audit_log"), ==, audit + 1);
  g_assert_cmpuint (f->changed, ==, 1);

  last_audit (f, &action, &result, NULL);
  g_assert_cmpstr (action, ==, "alarm.define");
  g_assert_cmpstr (result, ==, "ok");

  payload = last_outbox_payload (f, &entity);
  g_assert_cmpstr (entity, ==, "alarm_def");
  g_assert_nonnull (json_object_get_string_member (payload, "tag_uuid"));
  alarms = json_object_get_array_member (payload, "alarms");
  g_assert_cmpuint (json_array_get_length (alarms), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (alarms, 0), "condition"), ==, "lolo");
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (alarms, 0), "device_uuid"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (alarms, 0), "tag_uuid"), ==,
                   json_object_get_string_member (payload, "tag_uuid"));

  listed = pd_store_list_alarm_defs (f->store, f->temp_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 4);
  /* Condition order: HH, H, L, LL. */
  g_assert_cmpint (((PdAlarmDef *) listed->pdata[0])->condition, ==, PD_ALARM_CONDITION_HIHI);
  g_assert_cmpint (((PdAlarmDef *) listed->pdata[3])->condition, ==, PD_ALARM_CONDITION_LOLO);
  g_assert_cmpstr (((PdAlarmDef *) listed->pdata[0])->source_name, ==, "Oven 1 / Temp");
  g_assert_cmpstr (((PdAlarmDef *) listed->pdata[0])->unit, ==, "°C");
  g_assert_cmpint (((PdAlarmDef *) listed->pdata[0])->device_id, ==, f->device_id);
  message = pd_alarm_def_dup_message (listed->pdata[0]);
  g_assert_cmpstr (message, ==, "High high: 95 °C or above");

  /* An update of H keeps its id and leaves the others. */
  g_assert_true (pd_store_save_tag_alarms (f->store, f->supervisor, f->temp_id, update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (((PdAlarmDef *) update->pdata[0])->id, ==, hi_id);
  g_assert_cmpint (count (f, "alarm_defs"), ==, 4);
  {
    g_autoptr(PdAlarmDef) hi = pd_store_get_alarm_def (f->store, hi_id, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (hi->limit, ==, 85.0);
  }

  /* A digital alarm on the bool tag. */
  {
    g_autoptr(GPtrArray) digital = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
    PdAlarmDef *def = pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL);

    g_ptr_array_add (digital, def);
    g_assert_true (pd_store_save_tag_alarms (f->store, f->admin, f->fault_id, digital, &error));
    g_assert_no_error (error);
    g_clear_pointer (&message, g_free);
    message = pd_alarm_def_dup_message (def);
    g_assert_cmpstr (message, ==, "Alarm: value is on");
  }
}

static void
test_defs_removed_keeps_events (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(PdAlarmDef) removed = NULL;
  gint64 hi_id = define_hi (f, FALSE);
  gint64 outbox;

  g_assert_cmpuint (append (f, hi_id, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  outbox = count (f, "outbox");

  /* An operator may not. */
  g_assert_false (pd_store_remove_alarm_def (f->store, f->operator, hi_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (pd_store_remove_alarm_def (f->store, f->supervisor, hi_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  g_assert_cmpint (count (f, "alarm_events"), ==, 1);

  listed = pd_store_list_alarm_defs (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  removed = pd_store_get_alarm_def (f->store, hi_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (removed->source_name, ==, "Oven 1 / Temp");

  /* Events of a removed alarm are skipped; people cannot act on it. */
  g_assert_cmpuint (append (f, hi_id, PD_ALARM_EVENT_CLEAR, 10), ==, 0);
  g_assert_false (pd_store_acknowledge_alarm (f->store, f->operator, hi_id, NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pd_store_remove_alarm_def (f->store, f->supervisor, hi_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new H gets a new id; the old one's history stays its own. */
  g_assert_cmpint (define_hi (f, FALSE), !=, hi_id);
  g_assert_cmpint (count (f, "alarm_events"), ==, 1);
}

typedef struct
{
  const char *name;
  gint64      tag;        /* 1: temperature, 2: fault, else that id */
  void      (*change) (GPtrArray *defs);
  int         code;
  const char *message;
} Refusal;

static void
r_hh_below_h (GPtrArray *defs)
{
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_HIHI, 50));
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_HI, 80));
}

static void
r_negative_delay (GPtrArray *defs)
{
  PdAlarmDef *def = limit_def (PD_ALARM_CONDITION_HI, 80);

  def->on_delay_ms = (guint) -5;
  g_ptr_array_add (defs, def);
}

static void
r_long_off_delay (GPtrArray *defs)
{
  PdAlarmDef *def = limit_def (PD_ALARM_CONDITION_HI, 80);

  def->off_delay_ms = PD_ALARM_MAX_DELAY_MS + 1;
  g_ptr_array_add (defs, def);
}

static void
r_negative_deadband (GPtrArray *defs)
{
  PdAlarmDef *def = limit_def (PD_ALARM_CONDITION_LO, 10);

  def->deadband = -0.5;
  g_ptr_array_add (defs, def);
}

static void
r_nan_limit (GPtrArray *defs)
{
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_LO, NAN));
}

static void
r_shelve_max (GPtrArray *defs)
{
  PdAlarmDef *def = limit_def (PD_ALARM_CONDITION_HI, 80);

  def->max_shelve_min = 0;
  g_ptr_array_add (defs, def);
}

static void
r_limit (GPtrArray *defs)
{
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_HI, 1));
}

static void
r_digital (GPtrArray *defs)
{
  g_ptr_array_add (defs, pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL));
}

static void
r_twice (GPtrArray *defs)
{
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_HI, 80));
  g_ptr_array_add (defs, limit_def (PD_ALARM_CONDITION_HI, 85));
}

static void
r_comm (GPtrArray *defs)
{
  g_ptr_array_add (defs, pd_alarm_def_new (PD_ALARM_CONDITION_COMM));
}

static const Refusal refusals[] = {
  { "hh-below-h", 1, r_hh_below_h, PD_ERROR_INVALID, "HH (50) must be above H (80)." },
  { "negative-delay", 1, r_negative_delay, PD_ERROR_INVALID, "On-delay must be between 0 and 3600000 ms, not -5." },
  { "long-off-delay", 1, r_long_off_delay, PD_ERROR_INVALID, "Off-delay must be between 0 and 3600000 ms, not 3600001." },
  { "negative-deadband", 1, r_negative_deadband, PD_ERROR_INVALID, "The deadband must be zero or more, not -0.5." },
  { "nan-limit", 1, r_nan_limit, PD_ERROR_INVALID, "The limit must be a number, not nan." },
  { "shelve-max-0", 1, r_shelve_max, PD_ERROR_INVALID, "The longest shelving time must be between 1 and 10080 minutes, not 0." },
  { "limit-on-bool", 2, r_limit, PD_ERROR_INVALID, "The tag “Oven 1 / Fault” is on or off: a High limit needs a tag with a number type." },
  { "digital-on-float", 1, r_digital, PD_ERROR_INVALID, "The tag “Oven 1 / Temp” is of type float32: a digital alarm needs a bool tag." },
  { "unknown-tag", 9999, r_limit, PD_ERROR_NOT_FOUND, "No tag with id 9999." },
  { "twice", 1, r_twice, PD_ERROR_INVALID, "The High alarm is given twice." },
  { "comm-on-tag", 1, r_comm, PD_ERROR_INVALID, "A tag can have limit and digital alarms, not a Communication alarm." },
};

static void
test_defs_refused (Fixture       *f,
                   gconstpointer  data)
{
  const Refusal *r = data;
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;
  gint64 tag = r->tag == 1 ? f->temp_id : r->tag == 2 ? f->fault_id : r->tag;
  gint64 n_defs = count (f, "alarm_defs");
  gint64 audit = count (f, "audit_log");
  gint64 outbox = count (f, "outbox");

  r->change (defs);
  g_assert_false (pd_store_save_tag_alarms (f->store, f->supervisor, tag, defs, &error));
  g_assert_error (error, PD_ERROR, r->code);
  g_assert_cmpstr (error->message, ==, r->message);
  g_assert_cmpint (count (f, "alarm_defs"), ==, n_defs);
  g_assert_cmpint (count (f, "audit_log"), ==, audit);
  g_assert_cmpint (count (f, "outbox"), ==, outbox);
  g_assert_cmpuint (f->changed, ==, 0);
  for (guint i = 0; i < defs->len; i++)
    g_assert_cmpint (((PdAlarmDef *) defs->pdata[i])->id, ==, 0);
}

static void
test_defs_order_with_stored (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) hh = defs_of (PD_ALARM_CONDITION_HIHI, 70.0, -1);
  g_autoptr(GError) error = NULL;

  /* H 80 stored; HH 70 on its own is checked against it. */
  define_hi (f, FALSE);
  g_assert_false (pd_store_save_tag_alarms (f->store, f->supervisor, f->temp_id, hh, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "HH (70) must be above H (80).");
  g_assert_cmpint (count (f, "alarm_defs"), ==, 1);
}

static void
test_defs_permission (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) defs = defs_of (PD_ALARM_CONDITION_HI, 80.0, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL;
  g_autofree char *result = NULL;
  gint64 audit = count (f, "audit_log");
  gint64 outbox = count (f, "outbox");

  g_assert_false (pd_store_save_tag_alarms (f->store, f->operator, f->temp_id, defs, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count (f, "alarm_defs"), ==, 0);
  g_assert_cmpint (count (f, "audit_log"), ==, audit + 1);
  g_assert_cmpint (count (f, "outbox"), ==, outbox);
  last_audit (f, &action, &result, NULL);
  g_assert_cmpstr (action, ==, "alarm.define");
  g_assert_cmpstr (result, ==, "denied");
}

/* --- States ----------------------------------------------------------------- */

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *entity = NULL;
  gint64 id = define_hi (f, FALSE);
  gint64 events, audit, outbox;
  gboolean changed = TRUE;

  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_NORMAL);

  outbox = count (f, "outbox");
  f->changed = 0;
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 91.5), ==, 1);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  g_assert_cmpuint (f->changed, ==, 1);
  payload = last_outbox_payload (f, &entity);
  g_assert_cmpstr (entity, ==, "alarm_event");
  {
    JsonArray *array = json_object_get_array_member (payload, "events");
    JsonObject *event = json_array_get_object_element (array, 0);
    g_autoptr(PdAlarmDef) def = pd_store_get_alarm_def (f->store, id, &error);

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (event, "kind"), ==, "raise");
    g_assert_cmpstr (json_object_get_string_member (event, "alarm_uuid"), ==, def->uuid);
    g_assert_cmpfloat (json_object_get_double_member (event, "value"), ==, 91.5);
  }

  /* A repeated raise (a restart of the engine) writes nothing. */
  events = count (f, "alarm_events");
  outbox = count (f, "outbox");
  f->changed = 0;
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 92), ==, 0);
  g_assert_cmpint (count (f, "alarm_events"), ==, events);
  g_assert_cmpint (count (f, "outbox"), ==, outbox);
  g_assert_cmpuint (f->changed, ==, 0);

  /* The operator acknowledges: audited, one outbox entry. */
  audit = count (f, "audit_log");
  g_assert_true (pd_store_acknowledge_alarm (f->store, f->operator, id, "Checking the burner", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_ACKNOWLEDGED);
  g_assert_cmpint (count (f, "audit_log"), ==, audit + 1);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  {
    g_autofree char *action = NULL;
    g_autofree char *result = NULL;
    g_autofree char *detail = NULL;
    g_autoptr(PdAlarm) alarm = pd_store_get_alarm (f->store, id, &error);

    last_audit (f, &action, &result, &detail);
    g_assert_cmpstr (action, ==, "alarm.ack");
    g_assert_cmpstr (result, ==, "ok");
    g_assert_nonnull (strstr (detail, "Oven 1 / Temp"));
    g_assert_nonnull (strstr (detail, "Checking the burner"));
    g_assert_cmpstr (alarm->status.ack_user, ==, "operator");
    g_assert_cmpstr (alarm->status.comment, ==, "Checking the burner");
    g_assert_cmpfloat (alarm->status.value, ==, 91.5);
  }

  /* A second acknowledgement by another user: TRUE, nothing written. */
  events = count (f, "alarm_events");
  audit = count (f, "audit_log");
  outbox = count (f, "outbox");
  changed = TRUE;
  g_assert_true (pd_store_acknowledge_alarm (f->store, f->supervisor, id, NULL, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpint (count (f, "alarm_events"), ==, events);
  g_assert_cmpint (count (f, "audit_log"), ==, audit);
  g_assert_cmpint (count (f, "outbox"), ==, outbox);

  /* Clear, raise again, return unacknowledged, acknowledge. */
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_CLEAR, 70), ==, 1);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_NORMAL);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_CLEAR, 70), ==, 0);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 81), ==, 1);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_CLEAR, 75), ==, 1);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_RTN_UNACKNOWLEDGED);
  {
    g_autoptr(GPtrArray) active = pd_store_list_alarms (f->store, TRUE, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (active->len, ==, 1);
    g_assert_true (pd_alarm_status_needs_ack (&((PdAlarm *) active->pdata[0])->status, g_get_real_time ()));
  }
  g_assert_true (pd_store_acknowledge_alarm (f->store, f->operator, id, NULL, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_NORMAL);
  {
    g_autoptr(GPtrArray) active = pd_store_list_alarms (f->store, TRUE, 0, &error);
    g_autoptr(GPtrArray) all = pd_store_list_alarms (f->store, FALSE, 0, &error);

    g_assert_cmpuint (active->len, ==, 0);
    g_assert_cmpuint (all->len, ==, 1);
  }

  /* Shelve: limits, then an operator shelves and unshelves. */
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  audit = count (f, "audit_log");
  g_assert_false (pd_store_shelve_alarm (f->store, f->operator, id, 0, NULL, &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Shelving time must be between 1 and 480 minutes, not 0.");
  g_clear_error (&error);
  g_assert_false (pd_store_shelve_alarm (f->store, f->operator, id, 481, NULL, &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "480"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "audit_log"), ==, audit);

  g_assert_true (pd_store_shelve_alarm (f->store, f->operator, id, 30, "Maintenance on the burner", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_SHELVED);
  {
    g_autoptr(PdAlarm) alarm = pd_store_get_alarm (f->store, id, &error);
    gint64 expected = g_get_real_time () + 30 * 60 * G_USEC_PER_SEC;

    g_assert_cmpint (alarm->status.shelved_until, <=, expected);
    g_assert_cmpint (alarm->status.shelved_until, >, expected - 60 * G_USEC_PER_SEC);
    g_assert_false (pd_alarm_status_needs_ack (&alarm->status, g_get_real_time ()));
  }
  g_assert_true (pd_store_unshelve_alarm (f->store, f->operator, id, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  g_assert_true (pd_store_unshelve_alarm (f->store, f->operator, id, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);

  /* Shelving expires by the station's own event. */
  g_assert_true (pd_store_shelve_alarm (f->store, f->operator, id, 1, NULL, &changed, &error));
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_SHELVE_EXPIRED, NAN), ==, 1);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_SHELVE_EXPIRED, NAN), ==, 0);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);

  /* Suppress: a reason is required; an operator may not. */
  audit = count (f, "audit_log");
  g_assert_false (pd_store_suppress_alarm (f->store, f->supervisor, id, "  ", &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_suppress_alarm (f->store, f->supervisor, id, NULL, &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "audit_log"), ==, audit);
  g_assert_false (pd_store_suppress_alarm (f->store, f->operator, id, "Sensor broken", &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "audit_log"), ==, audit + 1);

  g_assert_true (pd_store_suppress_alarm (f->store, f->supervisor, id, "Sensor broken", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_SUPPRESSED);
  {
    g_autoptr(PdAlarm) alarm = pd_store_get_alarm (f->store, id, &error);

    g_assert_cmpstr (alarm->status.suppress_reason, ==, "Sensor broken");
  }
  g_assert_true (pd_store_suppress_alarm (f->store, f->supervisor, id, "Again", &changed, &error));
  g_assert_false (changed);
  g_assert_true (pd_store_unsuppress_alarm (f->store, f->supervisor, id, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);

  /* An unknown alarm. */
  g_assert_false (pd_store_acknowledge_alarm (f->store, f->operator, 42, NULL, &changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No alarm with id 42.");
  g_clear_error (&error);

  /* The fold of what was written agrees with alarm_state. */
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_latching (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = define_hi (f, TRUE);
  gint64 events;
  gboolean changed = FALSE;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_LATCH, 60), ==, 1);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_LATCH, 60), ==, 0);
  {
    g_autoptr(PdAlarm) alarm = pd_store_get_alarm (f->store, id, &error);

    g_assert_true (alarm->status.active);
    g_assert_false (alarm->status.condition_active);
    g_assert_cmpint (pd_alarm_status_get_state (&alarm->status, g_get_real_time ()), ==,
                     PD_ALARM_STATE_UNACKNOWLEDGED);
  }

  events = count (f, "alarm_events");
  g_assert_true (pd_store_acknowledge_alarm (f->store, f->operator, id, "Reset", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (count (f, "alarm_events"), ==, events + 2);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_NORMAL);

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store),
                                       "SELECT kind, user_name FROM alarm_events ORDER BY id DESC LIMIT 2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "clear");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "operator");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ack");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "operator");
  sqlite3_finalize (stmt);

  /* A latched alarm whose condition returns raises again. */
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_LATCH, 60), ==, 1);
  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 95), ==, 1);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 0);
}

static void
assert_status_equal (const PdAlarmStatus *a,
                     const PdAlarmStatus *b)
{
  g_assert_cmpint (a->alarm_id, ==, b->alarm_id);
  g_assert_cmpint (a->active, ==, b->active);
  g_assert_cmpint (a->condition_active, ==, b->condition_active);
  g_assert_cmpint (a->acknowledged, ==, b->acknowledged);
  g_assert_cmpint (a->shelved_until, ==, b->shelved_until);
  g_assert_cmpint (a->suppressed, ==, b->suppressed);
  g_assert_cmpint (a->raised_ts, ==, b->raised_ts);
  g_assert_cmpint (a->changed_ts, ==, b->changed_ts);
  g_assert_cmpint (a->last_event_id, ==, b->last_event_id);
  g_assert_cmpstr (a->ack_user, ==, b->ack_user);
  g_assert_cmpstr (a->comment, ==, b->comment);
  g_assert_cmpstr (a->suppress_reason, ==, b->suppress_reason);
  g_assert_true ((isnan (a->value) && isnan (b->value)) || a->value == b->value);
}

static void
test_restart_and_rebuild (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) digital = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autofree char *sql = NULL;
  gint64 hi = define_hi (f, FALSE);
  gint64 fault;
  gboolean changed;

  g_ptr_array_add (digital, pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL));
  g_assert_true (pd_store_save_tag_alarms (f->store, f->supervisor, f->fault_id, digital, &error));
  fault = ((PdAlarmDef *) digital->pdata[0])->id;

  g_assert_cmpuint (append (f, hi, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  g_assert_true (pd_store_acknowledge_alarm (f->store, f->operator, hi, "Seen", &changed, &error));
  g_assert_cmpuint (append (f, fault, PD_ALARM_EVENT_RAISE, 1), ==, 1);
  g_assert_true (pd_store_suppress_alarm (f->store, f->supervisor, fault, "Wiring fault", &changed, &error));
  g_assert_no_error (error);

  before = pd_store_list_alarms (f->store, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  close_store (f);
  open_store (f);

  after = pd_store_list_alarms (f->store, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      PdAlarm *a = before->pdata[i];
      PdAlarm *b = after->pdata[i];

      g_assert_cmpint (a->def->id, ==, b->def->id);
      assert_status_equal (&a->status, &b->status);
    }
  /* A repeated raise after the restart changes nothing. */
  g_assert_cmpuint (append (f, hi, PD_ALARM_EVENT_RAISE, 90), ==, 0);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 0);
  g_assert_no_error (error);

  /* Tampering with alarm_state is found, and repaired. */
  sql = g_strdup_printf ("UPDATE alarm_state SET acknowledged = 0 WHERE alarm_id = %" G_GINT64_FORMAT, hi);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (state_of (f, hi), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 1);
  g_assert_cmpint (state_of (f, hi), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  f->changed = 0;
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, TRUE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 0);
  g_assert_cmpint (state_of (f, hi), ==, PD_ALARM_STATE_ACKNOWLEDGED);

  /* A state row that no event explains is found too. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "DELETE FROM alarm_state", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, FALSE, &error), ==, 2);
  g_assert_cmpint (pd_store_rebuild_alarm_states (f->store, TRUE, &error), ==, 2);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pd_store_list_alarms (f->store, FALSE, 0, &error);
  for (guint i = 0; i < before->len; i++)
    assert_status_equal (&((PdAlarm *) before->pdata[i])->status, &((PdAlarm *) after->pdata[i])->status);

  /* States since an event id. */
  {
    g_autoptr(GArray) since = pd_store_list_alarm_states_since (f->store, 0, &error);
    gint64 last;

    g_assert_no_error (error);
    g_assert_cmpuint (since->len, ==, 2);
    last = g_array_index (since, PdAlarmStatus, 1).last_event_id;
    for (guint i = 0; i < since->len; i++)
      pd_alarm_status_clear (&g_array_index (since, PdAlarmStatus, i));
    g_clear_pointer (&since, g_array_unref);
    since = pd_store_list_alarm_states_since (f->store, last, &error);
    g_assert_cmpuint (since->len, ==, 0);
  }
}

/* --- The source API --------------------------------------------------------- */

typedef struct
{
  gboolean active;
  double   value;
  char    *name;
} SourceJob;

static gboolean
write_stock (PdWrite   *write,
             gpointer   user_data,
             GError   **error)
{
  SourceJob *job = user_data;

  pd_write_set_entity_id (write, "SKU-1");
  return pd_write_set_alarm_source (write, "stock:SKU-1@WH1", job->name, PD_ALARM_PRIORITY_MEDIUM,
                                    "Stock below minimum", job->active, job->value, error);
}

static gboolean
set_stock (Fixture    *f,
           gboolean    active,
           double      value,
           const char *name,
           GError    **error)
{
  SourceJob job = { active, value, (char *) name };

  return pd_store_write (f->store, f->supervisor, PD_PERMISSION_ALARMS_CONFIGURE, "test.stock", "stock",
                         write_stock, &job, error);
}

static void
test_source (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  PdAlarm *alarm;
  gint64 id;
  gint64 events;

  g_assert_true (set_stock (f, TRUE, 3, "Stock SKU-1 in WH1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed, ==, 1);

  alarms = pd_store_list_alarms (f->store, TRUE, 0, &error);
  g_assert_cmpuint (alarms->len, ==, 1);
  alarm = alarms->pdata[0];
  id = alarm->def->id;
  g_assert_cmpint (alarm->def->condition, ==, PD_ALARM_CONDITION_SOURCE);
  g_assert_cmpstr (alarm->def->source, ==, "stock:SKU-1@WH1");
  g_assert_cmpstr (alarm->def->source_name, ==, "Stock SKU-1 in WH1");
  g_assert_cmpstr (alarm->def->message, ==, "Stock below minimum");
  g_assert_cmpfloat (alarm->status.value, ==, 3);
  g_assert_cmpint (pd_alarm_status_get_state (&alarm->status, g_get_real_time ()), ==,
                   PD_ALARM_STATE_UNACKNOWLEDGED);

  /* Already active: nothing more. */
  events = count (f, "alarm_events");
  f->changed = 0;
  g_assert_true (set_stock (f, TRUE, 2, "Stock SKU-1 in WH1", &error));
  g_assert_cmpint (count (f, "alarm_events"), ==, events);
  g_assert_cmpuint (f->changed, ==, 0);

  /* A write that fails takes the clear and the renaming with it. */
  pd_store_inject_fault (f->store, "after-outbox");
  g_assert_false (set_stock (f, FALSE, 20, "Stock of SKU-1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  pd_store_inject_fault (f->store, NULL);
  g_assert_cmpint (count (f, "alarm_events"), ==, events);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_UNACKNOWLEDGED);
  g_assert_cmpuint (f->changed, ==, 0);
  {
    g_autoptr(PdAlarmDef) def = pd_store_get_alarm_def (f->store, id, &error);

    g_assert_cmpstr (def->source_name, ==, "Stock SKU-1 in WH1");
  }

  g_assert_true (set_stock (f, FALSE, 20, "Stock of SKU-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "alarm_events"), ==, events + 1);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_RTN_UNACKNOWLEDGED);
  g_assert_cmpuint (f->changed, ==, 1);
  {
    g_autoptr(PdAlarmDef) def = pd_store_get_alarm_def (f->store, id, &error);

    g_assert_cmpstr (def->source_name, ==, "Stock of SKU-1");
  }
  g_assert_cmpint (count (f, "alarm_defs"), ==, 1);

  /* A bad key is refused with the whole write. */
  {
    gint64 n_defs = count (f, "alarm_defs");

    g_assert_false (set_stock (f, TRUE, 1, "", &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpint (count (f, "alarm_defs"), ==, n_defs);
  }
}

/* A formatter as an area registers one: the text from the arguments, or
 * NULL when they lack what it needs. */
static char *
greeting_message_cb (const char *key,
                     JsonObject *args)
{
  const char *who = json_object_get_string_member_with_default (args, "who", NULL);
  const char *level = json_object_get_string_member_with_default (args, "level", NULL);

  g_assert_cmpstr (key, ==, "test.level");
  if (who == NULL || level == NULL)
    return NULL;
  return g_strdup_printf ("%s is at %s", who, level);
}

typedef struct
{
  const char *key;
  const char *args;
  gboolean    active;
} KeyedJob;

static gboolean
write_keyed (PdWrite   *write,
             gpointer   user_data,
             GError   **error)
{
  KeyedJob *job = user_data;

  pd_write_set_entity_id (write, "tank-1");
  return pd_write_set_alarm_source_full (write, "test:tank-1", "Tank 1", PD_ALARM_PRIORITY_HIGH,
                                         "Stored text", job->key, job->args, job->active, 1, error);
}

static gboolean
set_keyed (Fixture     *f,
           const char  *key,
           const char  *args,
           gboolean     active,
           GError     **error)
{
  KeyedJob job = { key, args, active };

  return pd_store_write (f->store, f->supervisor, PD_PERMISSION_ALARMS_CONFIGURE, "test.keyed", "tank",
                         write_keyed, &job, error);
}

static PdAlarmDef *
keyed_def (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alarms = pd_store_list_alarms (f->store, FALSE, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < alarms->len; i++)
    {
      PdAlarm *alarm = alarms->pdata[i];

      if (g_strcmp0 (alarm->def->source, "test:tank-1") == 0)
        return pd_alarm_def_copy (alarm->def);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_source_message_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdAlarmDef) def = NULL;
  g_autoptr(PdAlarmDef) copy = NULL;
  g_autofree char *message = NULL;
  g_autofree char *args = pd_alarm_message_args_new ("who", "Tank 1", "level", "0.3 m³", NULL);
  gint64 n_defs, n_events;

  /* Not registered yet: the stored text. */
  g_assert_true (set_keyed (f, "test.level", args, TRUE, &error));
  g_assert_no_error (error);
  def = keyed_def (f);
  g_assert_cmpstr (def->message_key, ==, "test.level");
  g_assert_cmpstr (def->message_args, ==, args);
  g_assert_cmpstr (def->message, ==, "Stored text");
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Stored text");
  g_clear_pointer (&message, g_free);

  /* Registered: made from the arguments, by every copy. */
  pd_alarm_message_register ("test.level", greeting_message_cb);
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Tank 1 is at 0.3 m³");
  g_clear_pointer (&message, g_free);
  copy = pd_alarm_def_copy (def);
  message = pd_alarm_def_dup_message (copy);
  g_assert_cmpstr (message, ==, "Tank 1 is at 0.3 m³");
  g_clear_pointer (&message, g_free);

  /* New arguments rewrite the definition; clearing keeps them. */
  g_clear_pointer (&args, g_free);
  args = pd_alarm_message_args_new ("who", "Tank 1", "level", "0.25 m³", NULL);
  g_assert_true (set_keyed (f, "test.level", args, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (set_keyed (f, "test.level", args, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&def, pd_alarm_def_free);
  def = keyed_def (f);
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Tank 1 is at 0.25 m³");
  g_clear_pointer (&message, g_free);

  /* Arguments the formatter cannot use, a key nobody knows: the stored
   * text again. */
  g_assert_true (set_keyed (f, "test.level", "{\"who\": \"Tank 1\"}", TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&def, pd_alarm_def_free);
  def = keyed_def (f);
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Stored text");
  g_clear_pointer (&message, g_free);
  g_assert_true (set_keyed (f, "test.from-a-newer-version", args, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&def, pd_alarm_def_free);
  def = keyed_def (f);
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Stored text");
  g_clear_pointer (&message, g_free);

  /* Refused with the whole write: arguments that are not an object, a key
   * without arguments, arguments without a key. */
  n_defs = count (f, "alarm_defs");
  n_events = count (f, "alarm_events");
  g_assert_true (set_keyed (f, NULL, NULL, FALSE, &error));   /* the clear is written */
  g_assert_no_error (error);
  n_events = count (f, "alarm_events");
  g_assert_false (set_keyed (f, "test.level", "[1, 2]", TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "[1, 2]"));
  g_clear_error (&error);
  g_assert_false (set_keyed (f, "test.level", NULL, TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_keyed (f, NULL, args, TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "alarm_defs"), ==, n_defs);
  g_assert_cmpint (count (f, "alarm_events"), ==, n_events);

  /* Without a key (as pd_write_set_alarm_source writes), the stored text. */
  g_clear_pointer (&def, pd_alarm_def_free);
  def = keyed_def (f);
  g_assert_null (def->message_key);
  g_assert_null (def->message_args);
  message = pd_alarm_def_dup_message (def);
  g_assert_cmpstr (message, ==, "Stored text");
}

/* --- Comm alarms, append-only ----------------------------------------------- */

static void
test_ensure_comm (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(PdDevice) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(PdAlarmDef) change = NULL;
  gint64 outbox = count (f, "outbox");
  gint64 audit = count (f, "audit_log");
  gint64 comm_id;

  device->name = g_strdup ("Old press");
  device->host = g_strdup ("127.0.0.1");
  device->port = 1503;
  stored = pd_store_add_device (f->store, f->admin, device, &error);
  g_assert_no_error (error);
  g_assert_true (pd_store_set_device_lifecycle (f->store, f->admin, stored->id, PD_LIFECYCLE_RETIRED, &error));
  g_assert_no_error (error);
  outbox = count (f, "outbox");
  audit = count (f, "audit_log");
  f->changed = 0;

  g_assert_true (pd_store_ensure_comm_alarms (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  g_assert_cmpint (count (f, "audit_log"), ==, audit);
  g_assert_cmpuint (f->changed, ==, 1);

  defs = pd_store_list_alarm_defs (f->store, 0, &error);
  g_assert_cmpuint (defs->len, ==, 1);
  g_assert_cmpint (((PdAlarmDef *) defs->pdata[0])->condition, ==, PD_ALARM_CONDITION_COMM);
  g_assert_cmpint (((PdAlarmDef *) defs->pdata[0])->device_id, ==, f->device_id);
  g_assert_cmpint (((PdAlarmDef *) defs->pdata[0])->priority, ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpstr (((PdAlarmDef *) defs->pdata[0])->source_name, ==, "Oven 1");
  comm_id = ((PdAlarmDef *) defs->pdata[0])->id;

  /* Idempotent: no write at all the second time. */
  g_assert_true (pd_store_ensure_comm_alarms (f->store, &error));
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  g_assert_cmpint (count (f, "alarm_defs"), ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);

  /* A supervisor changes its priority; it keeps its id. */
  change = pd_alarm_def_new (PD_ALARM_CONDITION_COMM);
  change->device_id = f->device_id;
  change->priority = PD_ALARM_PRIORITY_URGENT;
  change->on_delay_ms = 5000;
  g_assert_false (pd_store_save_comm_alarm (f->store, f->operator, change, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (pd_store_save_comm_alarm (f->store, f->supervisor, change, &error));
  g_assert_no_error (error);
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = pd_store_list_alarm_defs (f->store, 0, &error);
  g_assert_cmpuint (defs->len, ==, 1);
  g_assert_cmpint (((PdAlarmDef *) defs->pdata[0])->id, ==, comm_id);
  g_assert_cmpint (((PdAlarmDef *) defs->pdata[0])->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpuint (((PdAlarmDef *) defs->pdata[0])->on_delay_ms, ==, 5000);
  {
    g_autofree char *message = pd_alarm_def_dup_message (defs->pdata[0]);

    g_assert_cmpstr (message, ==, "Device not answering");
  }

  /* Removing the device takes its comm alarm out of service. */
  g_assert_cmpuint (append (f, comm_id, PD_ALARM_EVENT_RAISE, NAN), ==, 1);
  g_assert_true (pd_store_remove_device (f->store, f->admin, f->device_id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = pd_store_list_alarm_defs (f->store, 0, &error);
  g_assert_cmpuint (defs->len, ==, 0);
  {
    g_autoptr(PdAlarmDef) def = pd_store_get_alarm_def (f->store, comm_id, &error);

    g_assert_cmpstr (def->source_name, ==, "Oven 1");
  }
  g_assert_cmpint (count (f, "alarm_events"), ==, 1);
}

static void
test_events_append_only (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = define_hi (f, FALSE);
  char *message = NULL;

  g_assert_cmpuint (append (f, id, PD_ALARM_EVENT_RAISE, 90), ==, 1);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "UPDATE alarm_events SET value = 0", NULL, NULL,
                                 &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "DELETE FROM alarm_events", NULL, NULL, &message),
                   !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (count (f, "alarm_events"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT COUNT(*) FROM alarm_events WHERE value = 90"), ==, 1);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_event_free);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = NULL;
  gint64 id = define_hi (f, FALSE);
  gint64 outbox = count (f, "outbox");
  gint64 ts = g_get_real_time ();

  /* RAISE, RAISE (refused), CLEAR, unknown alarm: two written, one outbox entry. */
  g_ptr_array_add (events, pd_alarm_event_new (id, PD_ALARM_EVENT_RAISE, ts));
  g_ptr_array_add (events, pd_alarm_event_new (id, PD_ALARM_EVENT_RAISE, ts + 1));
  g_ptr_array_add (events, pd_alarm_event_new (id, PD_ALARM_EVENT_CLEAR, ts + 2));
  g_ptr_array_add (events, pd_alarm_event_new (4242, PD_ALARM_EVENT_RAISE, ts + 3));
  written = pd_store_append_alarm_events (f->store, events, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_cmpint (((PdAlarmEvent *) written->pdata[0])->kind, ==, PD_ALARM_EVENT_RAISE);
  g_assert_cmpint (((PdAlarmEvent *) written->pdata[1])->kind, ==, PD_ALARM_EVENT_CLEAR);
  g_assert_cmpint (((PdAlarmEvent *) written->pdata[0])->id, <, ((PdAlarmEvent *) written->pdata[1])->id);
  g_assert_cmpint (count (f, "outbox"), ==, outbox + 1);
  payload = last_outbox_payload (f, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (payload, "events")), ==, 2);
  g_assert_cmpint (state_of (f, id), ==, PD_ALARM_STATE_RTN_UNACKNOWLEDGED);
}

/* --- The pure parts: deadband, names, order ---------------------------------- */

static void
test_test_value (void)
{
  g_autoptr(PdAlarmDef) hi = limit_def (PD_ALARM_CONDITION_HI, 80);
  g_autoptr(PdAlarmDef) lo = limit_def (PD_ALARM_CONDITION_LO, 10);
  g_autoptr(PdAlarmDef) digital = pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL);

  hi->deadband = 2;
  g_assert_false (pd_alarm_def_test_value (hi, 79.9, FALSE));
  g_assert_true (pd_alarm_def_test_value (hi, 80, FALSE));
  /* Active: stays until below limit − deadband. */
  g_assert_true (pd_alarm_def_test_value (hi, 78.5, TRUE));
  g_assert_true (pd_alarm_def_test_value (hi, 78, TRUE));
  g_assert_false (pd_alarm_def_test_value (hi, 77.9, TRUE));
  g_assert_false (pd_alarm_def_test_value (hi, NAN, TRUE));

  lo->deadband = 1;
  g_assert_true (pd_alarm_def_test_value (lo, 10, FALSE));
  g_assert_false (pd_alarm_def_test_value (lo, 10.5, FALSE));
  g_assert_true (pd_alarm_def_test_value (lo, 10.5, TRUE));
  g_assert_false (pd_alarm_def_test_value (lo, 11.1, TRUE));

  g_assert_true (pd_alarm_def_test_value (digital, 1, FALSE));
  g_assert_false (pd_alarm_def_test_value (digital, 0, TRUE));
  digital->digital_when = FALSE;
  g_assert_true (pd_alarm_def_test_value (digital, 0, FALSE));
  g_assert_false (pd_alarm_def_test_value (digital, 1, FALSE));
}

static void
test_names (void)
{
  for (guint i = 0; i < PD_N_ALARM_CONDITIONS; i++)
    {
      PdAlarmCondition c;

      g_assert_true (pd_alarm_condition_from_string (pd_alarm_condition_to_string (i), &c));
      g_assert_cmpuint (c, ==, i);
      g_assert_nonnull (pd_alarm_condition_get_label (i));
    }
  for (guint i = 0; i < PD_N_ALARM_EVENT_KINDS; i++)
    {
      PdAlarmEventKind k;

      g_assert_true (pd_alarm_event_kind_from_string (pd_alarm_event_kind_to_string (i), &k));
      g_assert_cmpuint (k, ==, i);
      g_assert_nonnull (pd_alarm_event_kind_get_label (i));
    }
  for (guint i = 0; i < PD_N_ALARM_PRIORITIES; i++)
    g_assert_nonnull (pd_alarm_priority_get_label (i));
  g_assert_false (pd_alarm_priority_from_string ("critical", NULL));
  g_assert_cmpstr (pd_alarm_condition_get_label (PD_ALARM_CONDITION_LOLO), ==, "Low low");
  g_assert_cmpstr (pd_alarm_state_to_string (PD_ALARM_STATE_RTN_UNACKNOWLEDGED), ==, "rtn-unacknowledged");
}

static void
test_compare (void)
{
  PdAlarm a = { limit_def (PD_ALARM_CONDITION_HI, 1), };
  PdAlarm b = { limit_def (PD_ALARM_CONDITION_HI, 1), };
  gint64 now = g_get_real_time ();

  a.def->id = 1;
  b.def->id = 2;
  pd_alarm_status_init (&a.status, 1);
  pd_alarm_status_init (&b.status, 2);

  /* Needs ack beats priority. */
  a.def->priority = PD_ALARM_PRIORITY_URGENT;
  b.def->priority = PD_ALARM_PRIORITY_LOW;
  b.status.active = TRUE;
  b.status.acknowledged = FALSE;
  b.status.raised_ts = now - 10;
  g_assert_cmpint (pd_alarm_compare (&b, &a, now), <, 0);
  g_assert_cmpint (pd_alarm_compare (&a, &b, now), >, 0);

  /* Then priority, then the newest raise. */
  a.status.active = TRUE;
  a.status.acknowledged = FALSE;
  a.status.raised_ts = now - 20;
  g_assert_cmpint (pd_alarm_compare (&a, &b, now), <, 0);
  a.def->priority = PD_ALARM_PRIORITY_LOW;
  g_assert_cmpint (pd_alarm_compare (&b, &a, now), <, 0);

  /* Shelved needs no ack. */
  b.status.shelved_until = now + G_USEC_PER_SEC;
  g_assert_cmpint (pd_alarm_compare (&a, &b, now), <, 0);
  g_assert_cmpint (pd_alarm_status_get_state (&b.status, now), ==, PD_ALARM_STATE_SHELVED);
  g_assert_cmpint (pd_alarm_status_get_state (&b.status, now + 2 * G_USEC_PER_SEC), ==,
                   PD_ALARM_STATE_UNACKNOWLEDGED);

  pd_alarm_def_free (a.def);
  pd_alarm_def_free (b.def);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/alarms/def/test-value", test_test_value);
  g_test_add_func ("/core/alarms/def/names", test_names);
  g_test_add_func ("/core/alarms/compare", test_compare);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/alarms/defs/valid", test_defs_valid);
  ADD ("/core/alarms/defs/removed-keeps-events", test_defs_removed_keeps_events);
  ADD ("/core/alarms/defs/order-with-stored", test_defs_order_with_stored);
  ADD ("/core/alarms/defs/operator-refused", test_defs_permission);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/alarms/defs/refused/%s", refusals[i].name);

      g_test_add (path, Fixture, &refusals[i], fixture_setup, test_defs_refused, fixture_teardown);
    }
  ADD ("/core/alarms/states/transitions", test_transitions);
  ADD ("/core/alarms/states/latching", test_latching);
  ADD ("/core/alarms/states/restart-and-rebuild", test_restart_and_rebuild);
  ADD ("/core/alarms/events/batch", test_batch);
  ADD ("/core/alarms/events/append-only", test_events_append_only);
  ADD ("/core/alarms/source", test_source);
  ADD ("/core/alarms/source/message-key", test_source_message_key);
  ADD ("/core/alarms/comm/ensure", test_ensure_comm);

  ret = g_test_run ();

  pd_test_populated_template_free ();

  return ret;
}
