/* test-devices.c — devices, tags and inspections in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-devices"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *operator;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_data_dir_new_populated ();
  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

typedef struct
{
  gint64 devices;
  gint64 tags;
  gint64 audit;
  gint64 outbox;
  gint64 inspections;
} Counts;

static Counts
counts (Fixture *f)
{
  Counts c = {
    pd_test_count_rows (f->store, "devices"),
    pd_test_count_rows (f->store, "tags"),
    pd_test_count_rows (f->store, "audit_log"),
    pd_test_count_rows (f->store, "outbox"),
    pd_test_count_rows (f->store, "inspections"),
  };

  return c;
}

static void
assert_counts_equal (Counts a,
                     Counts b)
{
  g_assert_cmpint (a.devices, ==, b.devices);
  g_assert_cmpint (a.tags, ==, b.tags);
  g_assert_cmpint (a.audit, ==, b.audit);
  g_assert_cmpint (a.outbox, ==, b.outbox);
  g_assert_cmpint (a.inspections, ==, b.inspections);
}

static PdDevice *
tcp_device (const char *name)
{
  PdDevice *device = pd_device_new ();

  device->name = g_strdup (name);
  device->host = g_strdup ("127.0.0.1");
  device->port = 1502;
  return device;
}

static PdTag *
holding_tag (const char *name,
             guint       address)
{
  PdTag *tag = pd_tag_new ();

  tag->name = g_strdup (name);
  tag->area = PD_AREA_HOLDING;
  tag->address = address;
  tag->type = PD_TAG_TYPE_UINT16;
  return tag;
}

static PdDevice *
add_device (Fixture    *f,
            const char *name)
{
  g_autoptr(PdDevice) device = tcp_device (name);
  g_autoptr(GError) error = NULL;
  PdDevice *stored = pd_store_add_device (f->store, f->admin, device, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, >, 0);
  return stored;
}

static PdTag *
add_tag (Fixture    *f,
         gint64      device_id,
         const char *name,
         guint       address)
{
  g_autoptr(PdTag) tag = holding_tag (name, address);
  g_autoptr(GError) error = NULL;
  PdTag *stored;

  tag->device_id = device_id;
  stored = pd_store_add_tag (f->store, f->admin, tag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

/* The payload of the newest outbox entry. */
static JsonObject *
last_outbox_payload (Fixture *f,
                     char   **entity,
                     char   **operation)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store),
                                       "SELECT entity, operation, payload FROM outbox ORDER BY station_seq DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *operation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 2), -1, &error);
  sqlite3_finalize (stmt);
  g_assert_no_error (error);

  object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return object;
}

/* The result and detail of the newest audit record. */
static void
last_audit (Fixture  *f,
            char    **action,
            char    **result,
            char    **detail)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store),
                                       "SELECT action, result, detail FROM audit_log ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *action = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *result = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *detail = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
}

/* --- Devices ---------------------------------------------------------------- */

typedef void (*DeviceChange) (PdDevice *device);

#define DEVICE_CHANGE(fname, body) \
  static void fname (PdDevice *d) { body; }

DEVICE_CHANGE (d_empty_name, g_clear_pointer (&d->name, g_free); d->name = g_strdup (""))
DEVICE_CHANGE (d_long_name, g_free (d->name); d->name = g_strnfill (65, 'x'))
DEVICE_CHANGE (d_slash_name, g_free (d->name); d->name = g_strdup ("PLC/1"))
DEVICE_CHANGE (d_newline_name, g_free (d->name); d->name = g_strdup ("PLC\n1"))
DEVICE_CHANGE (d_space_name, g_free (d->name); d->name = g_strdup (" PLC"))
DEVICE_CHANGE (d_no_host, g_clear_pointer (&d->host, g_free))
DEVICE_CHANGE (d_empty_host, g_free (d->host); d->host = g_strdup (""))
DEVICE_CHANGE (d_port_0, d->port = 0)
DEVICE_CHANGE (d_port_65536, d->port = 65536)
DEVICE_CHANGE (d_unit_248, d->unit_id = 248)
DEVICE_CHANGE (d_unit_256, d->unit_id = 256)
DEVICE_CHANGE (d_rtu_no_path, d->transport = PD_TRANSPORT_RTU)
DEVICE_CHANGE (d_rtu_baud, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->baud = 12345)
DEVICE_CHANGE (d_rtu_parity, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->parity = 'X')
DEVICE_CHANGE (d_rtu_data_bits_6, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->data_bits = 6)
DEVICE_CHANGE (d_rtu_data_bits_9, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->data_bits = 9)
DEVICE_CHANGE (d_rtu_stop_bits_0, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->stop_bits = 0)
DEVICE_CHANGE (d_rtu_stop_bits_3, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->stop_bits = 3)
DEVICE_CHANGE (d_rtu_unit_255, d->transport = PD_TRANSPORT_RTU; d->serial_path = g_strdup ("/dev/ttyUSB0"); d->unit_id = 255)
DEVICE_CHANGE (d_timeout_9, d->timeout_ms = 9)
DEVICE_CHANGE (d_timeout_60001, d->timeout_ms = 60001)
DEVICE_CHANGE (d_poll_9, d->poll_ms = 9)
DEVICE_CHANGE (d_poll_hour_plus, d->poll_ms = 3600001)
DEVICE_CHANGE (d_block_0, d->max_block_registers = 0; d->max_gap = 0)
DEVICE_CHANGE (d_block_126, d->max_block_registers = 126)
DEVICE_CHANGE (d_bits_0, d->max_block_bits = 0)
DEVICE_CHANGE (d_bits_2001, d->max_block_bits = 2001)
DEVICE_CHANGE (d_gap_over_block, d->max_block_registers = 10; d->max_gap = 11)
DEVICE_CHANGE (d_transport, d->transport = (PdTransport) 7)
DEVICE_CHANGE (d_lifecycle, d->lifecycle = (PdLifecycle) 9)
DEVICE_CHANGE (d_interval, d->inspection_interval_days = 100000)

static const struct {
  const char   *what;
  DeviceChange  change;
  const char   *in_message;
} bad_devices[] = {
  { "empty name", d_empty_name, "must not be empty" },
  { "name of 65 characters", d_long_name, "longer than 64" },
  { "name with a slash", d_slash_name, "“/”" },
  { "name with a newline", d_newline_name, "control character" },
  { "name with a leading space", d_space_name, "space" },
  { "no host", d_no_host, "host" },
  { "empty host", d_empty_host, "host" },
  { "port 0", d_port_0, "port 0" },
  { "port 65536", d_port_65536, "port 65536" },
  { "unit 248", d_unit_248, "unit id 248" },
  { "unit 256", d_unit_256, "unit id 256" },
  { "RTU without a serial port", d_rtu_no_path, "serial port" },
  { "RTU baud 12345", d_rtu_baud, "12345" },
  { "RTU parity X", d_rtu_parity, "parity" },
  { "RTU 6 data bits", d_rtu_data_bits_6, "data bits 6" },
  { "RTU 9 data bits", d_rtu_data_bits_9, "data bits 9" },
  { "RTU 0 stop bits", d_rtu_stop_bits_0, "stop bits 0" },
  { "RTU 3 stop bits", d_rtu_stop_bits_3, "stop bits 3" },
  { "RTU unit 255", d_rtu_unit_255, "unit id 255" },
  { "timeout 9 ms", d_timeout_9, "timeout 9 ms" },
  { "timeout 60001 ms", d_timeout_60001, "timeout 60001 ms" },
  { "poll 9 ms", d_poll_9, "poll interval 9 ms" },
  { "poll over an hour", d_poll_hour_plus, "3600001" },
  { "block of 0 registers", d_block_0, "0 registers" },
  { "block of 126 registers", d_block_126, "126 registers" },
  { "block of 0 bits", d_bits_0, "0 bits" },
  { "block of 2001 bits", d_bits_2001, "2001 bits" },
  { "gap over the block", d_gap_over_block, "gap of 11" },
  { "unknown transport", d_transport, "transport" },
  { "unknown lifecycle", d_lifecycle, "lifecycle" },
  { "inspection interval too long", d_interval, "100000 days" },
};

static void
test_device_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdDevice) existing = add_device (f, "Existing");
  Counts before = counts (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad_devices); i++)
    {
      g_autoptr(PdDevice) device = tcp_device ("PLC-1");
      g_autoptr(PdDevice) changed = NULL;
      g_autoptr(PdDevice) stored = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad_devices[i].what);
      bad_devices[i].change (device);

      g_assert_false (pd_device_validate (device, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      if (strstr (error->message, bad_devices[i].in_message) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad_devices[i].what, error->message,
                 bad_devices[i].in_message);
      g_clear_error (&error);

      stored = pd_store_add_device (f->store, f->admin, device, &error);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_null (stored);
      g_clear_error (&error);

      /* The same change refused as an update of a stored device. */
      changed = pd_device_copy (existing);
      bad_devices[i].change (changed);
      g_assert_false (pd_store_update_device (f->store, f->admin, changed, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

      assert_counts_equal (before, counts (f));
    }
}

static void
test_device_valid_edges (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdDevice) device = tcp_device ("PLC-1");
  g_autoptr(PdDevice) rtu = pd_device_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  g_autofree char *key_c = NULL;
  g_autofree char *v6 = NULL;

  /* Edges that are allowed. */
  device->unit_id = 255;
  device->port = 65535;
  device->timeout_ms = 10;
  device->poll_ms = 3600000;
  device->max_gap = 0;
  device->max_block_registers = 1;
  device->max_block_bits = 1;
  g_assert_true (pd_device_validate (device, &error));
  g_assert_no_error (error);

  rtu->name = g_strdup ("Scale");
  rtu->transport = PD_TRANSPORT_RTU;
  rtu->serial_path = g_strdup ("/dev/ttyUSB0");
  rtu->baud = 19200;
  rtu->parity = 'E';
  rtu->data_bits = 7;
  rtu->stop_bits = 2;
  rtu->unit_id = 247;
  g_assert_true (pd_device_validate (rtu, &error));
  g_assert_no_error (error);

  address = pd_device_dup_address (rtu);
  g_assert_cmpstr (address, ==, "/dev/ttyUSB0 19200 7E2");
  g_clear_pointer (&address, g_free);
  address = pd_device_dup_address (device);
  g_assert_cmpstr (address, ==, "127.0.0.1:65535");
  g_free (device->host);
  device->host = g_strdup ("::1");
  v6 = pd_device_dup_address (device);
  g_assert_cmpstr (v6, ==, "[::1]:65535");

  /* Units on one serial bus share a connection; TCP devices do not. */
  key_a = pd_device_dup_connection_key (rtu);
  rtu->unit_id = 3;
  key_b = pd_device_dup_connection_key (rtu);
  g_assert_cmpstr (key_a, ==, key_b);
  key_c = pd_device_dup_connection_key (device);
  g_assert_cmpstr (key_c, !=, key_a);
}

static void
test_device_crud (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  g_autoptr(PdDevice) other = add_device (f, "Another");
  g_autoptr(PdDevice) clash = tcp_device ("plc-1");
  g_autoptr(PdDevice) found = NULL;
  g_autoptr(PdDevice) changed = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *action = NULL;
  g_autofree char *result = NULL;
  g_autofree char *detail = NULL;
  Counts before;

  devices = pd_store_list_devices (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);
  g_assert_cmpstr (((PdDevice *) devices->pdata[0])->name, ==, "Another");
  g_assert_cmpstr (((PdDevice *) devices->pdata[1])->name, ==, "PLC-1");

  last_audit (f, &action, &result, &detail);
  g_assert_cmpstr (action, ==, "device.add");
  g_assert_cmpstr (result, ==, "ok");
  g_assert_cmpstr (detail, ==, "Another 127.0.0.1:1502");

  payload = last_outbox_payload (f, &entity, &operation);
  g_assert_cmpstr (entity, ==, "device");
  g_assert_cmpstr (operation, ==, "insert");
  g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "Another");
  g_assert_cmpstr (json_object_get_string_member (payload, "host"), ==, "127.0.0.1");
  g_assert_cmpint (json_object_get_int_member (payload, "port"), ==, 1502);
  g_assert_nonnull (json_object_get_string_member (payload, "uuid"));

  /* Names are unique regardless of case. */
  before = counts (f);
  g_assert_null (pd_store_add_device (f->store, f->admin, clash, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "plc-1"));
  g_clear_error (&error);
  assert_counts_equal (before, counts (f));

  found = pd_store_find_device (f->store, "plc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, plc->id);
  g_assert_cmpuint (found->port, ==, 1502);
  g_assert_true (found->coalesce);
  g_assert_cmpint (found->lifecycle, ==, PD_LIFECYCLE_PLANNED);

  g_assert_null (pd_store_find_device (f->store, "Nothing", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pd_store_get_device (f->store, 9999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An update keeps the id; renaming onto another device is refused. */
  changed = pd_device_copy (plc);
  g_free (changed->name);
  changed->name = g_strdup ("Another");
  g_assert_false (pd_store_update_device (f->store, f->admin, changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_clear_error (&error);
  assert_counts_equal (before, counts (f));

  g_free (changed->name);
  changed->name = g_strdup ("PLC-1 renamed");
  changed->poll_ms = 250;
  changed->coalesce = FALSE;
  changed->lifecycle = PD_LIFECYCLE_RETIRED;  /* not an update's business */
  g_assert_true (pd_store_update_device (f->store, f->admin, changed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, pd_device_free);
  found = pd_store_get_device (f->store, plc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, "PLC-1 renamed");
  g_assert_cmpuint (found->poll_ms, ==, 250);
  g_assert_false (found->coalesce);
  g_assert_cmpint (found->lifecycle, ==, PD_LIFECYCLE_PLANNED);

  changed->id = 9999;
  before = counts (f);
  g_assert_false (pd_store_update_device (f->store, f->admin, changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pd_store_remove_device (f->store, f->admin, 9999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  assert_counts_equal (before, counts (f));
}

static void
test_device_permission (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdDevice) device = tcp_device ("PLC-1");
  g_autoptr(PdDevice) stored = NULL;
  g_autoptr(PdDevice) plc = add_device (f, "PLC-2");
  g_autoptr(PdTag) tag = holding_tag ("speed", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL;
  g_autofree char *result = NULL;
  g_autofree char *detail = NULL;
  Counts before = counts (f);

  stored = pd_store_add_device (f->store, f->operator, device, &error);
  g_assert_null (stored);
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* Only the refusal is written, as "denied". */
  g_assert_cmpint (counts (f).audit, ==, before.audit + 1);
  g_assert_cmpint (counts (f).devices, ==, before.devices);
  g_assert_cmpint (counts (f).outbox, ==, before.outbox);
  last_audit (f, &action, &result, &detail);
  g_assert_cmpstr (action, ==, "device.add");
  g_assert_cmpstr (result, ==, "denied");

  /* Supervisors maintain devices but do not configure them. */
  tag->device_id = plc->id;
  g_assert_null (pd_store_add_tag (f->store, f->supervisor, tag, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (pd_store_remove_device (f->store, f->supervisor, plc->id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (pd_store_set_device_lifecycle (f->store, f->supervisor, plc->id,
                                                PD_LIFECYCLE_COMMISSIONED, &error));
  g_assert_no_error (error);

  /* Operators do neither. */
  g_assert_false (pd_store_set_device_lifecycle (f->store, f->operator, plc->id,
                                                 PD_LIFECYCLE_IN_SERVICE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (counts (f).devices, ==, before.devices);
  g_assert_cmpint (counts (f).tags, ==, 0);
}

/* --- Lifecycle ---------------------------------------------------------------- */

static void
test_lifecycle_matrix (Fixture       *f,
                       gconstpointer  data)
{
  /* from (rows) → to (columns): planned, commissioned, in-service,
   * maintenance, retired. */
  static const gboolean allowed[PD_N_LIFECYCLES][PD_N_LIFECYCLES] = {
    { FALSE, TRUE,  FALSE, FALSE, TRUE  },
    { FALSE, FALSE, TRUE,  TRUE,  TRUE  },
    { FALSE, FALSE, FALSE, TRUE,  TRUE  },
    { FALSE, TRUE,  TRUE,  FALSE, TRUE  },
    { FALSE, FALSE, FALSE, FALSE, FALSE },
  };

  for (guint from = 0; from < PD_N_LIFECYCLES; from++)
    for (guint to = 0; to < PD_N_LIFECYCLES; to++)
      {
        g_autoptr(PdDevice) device = tcp_device ("PLC");
        g_autoptr(PdDevice) stored = NULL;
        g_autoptr(PdDevice) after = NULL;
        g_autoptr(GError) error = NULL;
        gboolean ok;
        Counts before;

        g_assert_cmpint (pd_lifecycle_can_change (from, to), ==, allowed[from][to]);

        /* In the store too, from a device put in FROM directly. */
        device->lifecycle = from;
        stored = pd_store_add_device (f->store, f->admin, device, &error);
        g_assert_no_error (error);

        before = counts (f);
        ok = pd_store_set_device_lifecycle (f->store, f->supervisor, stored->id, to, &error);
        g_assert_cmpint (ok, ==, allowed[from][to]);
        if (ok)
          {
            g_assert_no_error (error);
            g_assert_cmpint (counts (f).audit, ==, before.audit + 1);
          }
        else
          {
            g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
            assert_counts_equal (before, counts (f));
          }

        after = pd_store_get_device (f->store, stored->id, NULL);
        g_assert_cmpint (after->lifecycle, ==, ok ? to : from);

        g_assert_true (pd_store_remove_device (f->store, f->admin, stored->id, NULL));
      }

  for (guint i = 0; i < PD_N_LIFECYCLES; i++)
    {
      PdLifecycle back;

      g_assert_true (pd_lifecycle_from_string (pd_lifecycle_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (pd_lifecycle_get_label (i));
    }
  g_assert_cmpstr (pd_lifecycle_get_label (PD_LIFECYCLE_IN_SERVICE), ==, "In service");
  g_assert_false (pd_lifecycle_from_string ("in service", NULL));
}

/* --- Tags ------------------------------------------------------------------------- */

typedef void (*TagChange) (PdTag *tag);

#define TAG_CHANGE(fname, body) \
  static void fname (PdTag *t) { body; }

TAG_CHANGE (t_empty_name, g_free (t->name); t->name = g_strdup (""))
TAG_CHANGE (t_long_name, g_free (t->name); t->name = g_strnfill (65, 'y'))
TAG_CHANGE (t_slash_name, g_free (t->name); t->name = g_strdup ("a/b"))
TAG_CHANGE (t_newline_name, g_free (t->name); t->name = g_strdup ("a\nb"))
TAG_CHANGE (t_address_end, t->type = PD_TAG_TYPE_FLOAT32; t->address = 65535)
TAG_CHANGE (t_address_end64, t->type = PD_TAG_TYPE_FLOAT64; t->address = 65533)
TAG_CHANGE (t_address_over, t->address = 65536)
TAG_CHANGE (t_bool_holding, t->type = PD_TAG_TYPE_BOOL)
TAG_CHANGE (t_int_coil, t->area = PD_AREA_COIL)
TAG_CHANGE (t_int_discrete, t->area = PD_AREA_DISCRETE; t->type = PD_TAG_TYPE_FLOAT32)
TAG_CHANGE (t_word_order_16, t->word_order = PD_ORDER_LITTLE)
TAG_CHANGE (t_word_order_bool, t->area = PD_AREA_COIL; t->type = PD_TAG_TYPE_BOOL; t->word_order = PD_ORDER_LITTLE)
TAG_CHANGE (t_byte_order_bool, t->area = PD_AREA_COIL; t->type = PD_TAG_TYPE_BOOL; t->byte_order = PD_ORDER_LITTLE)
TAG_CHANGE (t_scale_zero, t->scale = 0.0)
TAG_CHANGE (t_scale_nan, t->scale = NAN)
TAG_CHANGE (t_scale_inf, t->scale = INFINITY)
TAG_CHANGE (t_offset_inf, t->offset = -INFINITY)
TAG_CHANGE (t_deadband_negative, t->deadband = -0.5)
TAG_CHANGE (t_deadband_nan, t->deadband = NAN)
TAG_CHANGE (t_poll_9, t->poll_ms = 9)
TAG_CHANGE (t_poll_hour_plus, t->poll_ms = 3600001)
TAG_CHANGE (t_writable_input, t->area = PD_AREA_INPUT; t->writable = TRUE)
TAG_CHANGE (t_writable_discrete, t->area = PD_AREA_DISCRETE; t->type = PD_TAG_TYPE_BOOL; t->writable = TRUE)
TAG_CHANGE (t_unit_newline, t->unit = g_strdup ("m\n"))
TAG_CHANGE (t_unknown_area, t->area = (PdArea) 9)
TAG_CHANGE (t_unknown_type, t->type = (PdTagType) 9)

static const struct {
  const char *what;
  TagChange   change;
  const char *in_message;
} bad_tags[] = {
  { "empty name", t_empty_name, "must not be empty" },
  { "name of 65 characters", t_long_name, "longer than 64" },
  { "name with a slash", t_slash_name, "“/”" },
  { "name with a newline", t_newline_name, "control character" },
  { "float32 at 65535", t_address_end, "65535" },
  { "float64 at 65533", t_address_end64, "65533" },
  { "address 65536", t_address_over, "65536" },
  { "bool in holding", t_bool_holding, "bool" },
  { "int in coil", t_int_coil, "must be bool" },
  { "float in discrete", t_int_discrete, "must be bool" },
  { "word order on a 16-bit type", t_word_order_16, "word order" },
  { "word order on a bool", t_word_order_bool, "word order" },
  { "byte order on a bool", t_byte_order_bool, "byte order" },
  { "scale 0", t_scale_zero, "scale" },
  { "scale NaN", t_scale_nan, "scale" },
  { "scale infinite", t_scale_inf, "scale" },
  { "offset infinite", t_offset_inf, "offset" },
  { "negative deadband", t_deadband_negative, "deadband" },
  { "deadband NaN", t_deadband_nan, "deadband" },
  { "poll 9 ms", t_poll_9, "9 ms" },
  { "poll over an hour", t_poll_hour_plus, "3600001" },
  { "writable input register", t_writable_input, "read-only" },
  { "writable discrete input", t_writable_discrete, "read-only" },
  { "unit with a newline", t_unit_newline, "unit" },
  { "unknown area", t_unknown_area, "area" },
  { "unknown type", t_unknown_type, "type" },
};

static void
test_tag_validation (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  g_autoptr(PdTag) existing = add_tag (f, plc->id, "existing", 100);
  Counts before = counts (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad_tags); i++)
    {
      g_autoptr(PdTag) tag = holding_tag ("speed", 0);
      g_autoptr(PdTag) stored = NULL;
      g_autoptr(PdTag) changed = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad_tags[i].what);
      tag->device_id = plc->id;
      bad_tags[i].change (tag);

      g_assert_false (pd_tag_validate (tag, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      if (strstr (error->message, bad_tags[i].in_message) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad_tags[i].what, error->message,
                 bad_tags[i].in_message);
      g_clear_error (&error);

      stored = pd_store_add_tag (f->store, f->admin, tag, &error);
      g_assert_null (stored);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_clear_error (&error);

      changed = pd_tag_copy (existing);
      bad_tags[i].change (changed);
      g_assert_false (pd_store_update_tag (f->store, f->admin, changed, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

      assert_counts_equal (before, counts (f));
    }
}

static void
test_tag_valid_combinations (Fixture       *f,
                             gconstpointer  data)
{
  /* Every area, type and order: the valid ones pass, and exactly those. */
  for (guint area = 0; area < PD_N_AREAS; area++)
    for (guint type = 0; type < PD_N_TAG_TYPES; type++)
      for (guint bo = 0; bo < 2; bo++)
        for (guint wo = 0; wo < 2; wo++)
          {
            g_autoptr(PdTag) tag = holding_tag ("t", 10);
            gboolean bits = area == PD_AREA_COIL || area == PD_AREA_DISCRETE;
            gboolean is_bool = type == PD_TAG_TYPE_BOOL;
            guint width = pd_tag_type_get_width (type);
            gboolean expected = bits == is_bool &&
                                !(is_bool && bo != PD_ORDER_BIG) &&
                                !(width < 2 && wo != PD_ORDER_BIG);

            tag->area = area;
            tag->type = type;
            tag->byte_order = bo;
            tag->word_order = wo;
            tag->address = 65536 - width;
            g_assert_cmpint (pd_tag_validate (tag, NULL), ==, expected);
          }

  g_assert_cmpuint (pd_tag_type_get_width (PD_TAG_TYPE_FLOAT64), ==, 4);
  g_assert_cmpuint (pd_tag_type_get_width (PD_TAG_TYPE_INT32), ==, 2);
  g_assert_true (pd_area_is_writable (PD_AREA_COIL));
  g_assert_false (pd_area_is_writable (PD_AREA_INPUT));
}

static void
test_tag_crud (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  g_autoptr(PdDevice) other = add_device (f, "PLC-2");
  g_autoptr(PdTag) speed = add_tag (f, plc->id, "speed", 10);
  g_autoptr(PdTag) count = add_tag (f, plc->id, "count", 2);
  g_autoptr(PdTag) other_speed = add_tag (f, other->id, "speed", 10);
  g_autoptr(PdTag) clash = holding_tag ("SPEED", 20);
  g_autoptr(PdTag) changed = NULL;
  g_autoptr(PdTag) found = NULL;
  g_autoptr(PdTag) orphan = holding_tag ("lost", 1);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *operation = NULL;
  Counts before = counts (f);

  tags = pd_store_list_tags (f->store, plc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  /* By area, then address. */
  g_assert_cmpstr (((PdTag *) tags->pdata[0])->name, ==, "count");
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = pd_store_list_tags (f->store, 0, &error);
  g_assert_cmpuint (tags->len, ==, 3);

  clash->device_id = plc->id;
  g_assert_null (pd_store_add_tag (f->store, f->admin, clash, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "PLC-1"));
  g_clear_error (&error);

  orphan->device_id = 9999;
  g_assert_null (pd_store_add_tag (f->store, f->admin, orphan, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_counts_equal (before, counts (f));

  /* An update keeps the tag's id: history is keyed by it. */
  changed = pd_tag_copy (speed);
  changed->type = PD_TAG_TYPE_FLOAT32;
  changed->word_order = PD_ORDER_LITTLE;
  changed->scale = 0.1;
  changed->offset = -40;
  changed->unit = g_strdup ("°C");
  changed->writable = TRUE;
  g_assert_true (pd_store_update_tag (f->store, f->admin, changed, &error));
  g_assert_no_error (error);

  found = pd_store_find_tag (f->store, plc->id, "SPEED", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, speed->id);
  g_assert_cmpint (found->device_id, ==, plc->id);
  g_assert_cmpint (found->type, ==, PD_TAG_TYPE_FLOAT32);
  g_assert_cmpint (found->word_order, ==, PD_ORDER_LITTLE);
  g_assert_cmpfloat (found->scale, ==, 0.1);
  g_assert_cmpfloat (found->offset, ==, -40);
  g_assert_cmpstr (found->unit, ==, "°C");
  g_assert_true (found->writable);

  payload = last_outbox_payload (f, &entity, &operation);
  g_assert_cmpstr (entity, ==, "tag");
  g_assert_cmpstr (operation, ==, "update");
  g_assert_cmpstr (json_object_get_string_member (payload, "type"), ==, "float32");
  g_assert_cmpfloat (json_object_get_double_member (payload, "scale"), ==, 0.1);

  /* Renaming onto a sibling is refused; moving to another device too. */
  g_free (changed->name);
  changed->name = g_strdup ("Count");
  before = counts (f);
  g_assert_false (pd_store_update_tag (f->store, f->admin, changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (changed->name);
  changed->name = g_strdup ("speed");
  changed->device_id = other->id;
  g_assert_false (pd_store_update_tag (f->store, f->admin, changed, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  assert_counts_equal (before, counts (f));

  g_assert_null (pd_store_find_tag (f->store, plc->id, "nothing", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (pd_store_remove_tag (f->store, f->admin, count->id, &error));
  g_assert_no_error (error);
  g_assert_null (pd_store_get_tag (f->store, count->id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing a device removes its tags and only its tags. */
  g_assert_true (pd_store_remove_device (f->store, f->admin, plc->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (f->store, "tags"), ==, 1);
  g_clear_pointer (&found, pd_tag_free);
  found = pd_store_get_tag (f->store, other_speed->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->device_id, ==, other->id);
}

static void
test_tag_import (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  g_autoptr(PdTag) speed = add_tag (f, plc->id, "speed", 10);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(PdTag) found = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 99, updated = 99;
  Counts before;

  g_ptr_array_add (tags, holding_tag ("speed", 11));
  g_ptr_array_add (tags, holding_tag ("temp", 12));
  g_ptr_array_add (tags, holding_tag ("pressure", 13));

  g_assert_true (pd_store_import_tags (f->store, f->admin, plc->id, tags, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (updated, ==, 1);

  found = pd_store_find_tag (f->store, plc->id, "speed", &error);
  g_assert_cmpint (found->id, ==, speed->id);
  g_assert_cmpuint (found->address, ==, 11);

  /* The same list again changes nothing. */
  g_assert_true (pd_store_import_tags (f->store, f->admin, plc->id, tags, &added, &updated, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 0);

  /* One bad tag, or a name twice: nothing is imported. */
  before = counts (f);
  g_ptr_array_add (tags, holding_tag ("new", 14));
  g_ptr_array_add (tags, holding_tag ("bad", 14));
  ((PdTag *) tags->pdata[4])->scale = 0;
  g_assert_false (pd_store_import_tags (f->store, f->admin, plc->id, tags, &added, &updated, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  ((PdTag *) tags->pdata[4])->scale = 1;
  g_free (((PdTag *) tags->pdata[4])->name);
  ((PdTag *) tags->pdata[4])->name = g_strdup ("TEMP");
  g_assert_false (pd_store_import_tags (f->store, f->admin, plc->id, tags, &added, &updated, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (((PdTag *) tags->pdata[4])->name);
  ((PdTag *) tags->pdata[4])->name = g_strdup ("other");
  g_assert_false (pd_store_import_tags (f->store, f->operator, plc->id, tags, &added, &updated, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  before.audit++;  /* the refusal */
  assert_counts_equal (before, counts (f));

  listed = pd_store_list_tags (f->store, plc->id, &error);
  g_assert_cmpuint (listed->len, ==, 3);
}

/* --- Inspections -------------------------------------------------------------- */

static PdInspectionItem *
item_new (const char *label,
          gboolean    ok)
{
  PdInspectionItem *item = g_new0 (PdInspectionItem, 1);

  item->label = g_strdup (label);
  item->ok = ok;
  return item;
}

static void
item_free (PdInspectionItem *item)
{
  g_free (item->label);
  g_free (item);
}

static void
test_inspections (Fixture       *f,
                  gconstpointer  data)
{
  const char * const checklist[] = { "Guard closed", "Oil level", NULL };
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  g_autoptr(PdDevice) after = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(PdInspection) inspection = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) stored_checklist = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *operation = NULL;
  gint64 before_plan, due, due_after;
  Counts before;

  g_assert_cmpint (pd_store_get_inspection_due (f->store, plc->id), ==, 0);

  /* Recording needs a checklist. */
  g_ptr_array_add (items, item_new ("Guard closed", TRUE));
  g_assert_null (pd_store_record_inspection (f->store, f->operator, plc->id, items, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* Plans: supervisors yes, operators no; bad plans refused. */
  before = counts (f);
  g_assert_false (pd_store_set_inspection_plan (f->store, f->operator, plc->id, 30, checklist, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 30,
                                                (const char * const []) { "A", "a", NULL }, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 30,
                                                (const char * const []) { " ", NULL }, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 30,
                                                (const char * const []) { NULL }, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 99999, checklist, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  before.audit++;
  assert_counts_equal (before, counts (f));

  before_plan = g_get_real_time ();
  g_assert_true (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 30, checklist, &error));
  g_assert_no_error (error);
  stored_checklist = pd_store_dup_inspection_checklist (f->store, plc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (stored_checklist, checklist);
  after = pd_store_get_device (f->store, plc->id, NULL);
  g_assert_cmpuint (after->inspection_interval_days, ==, 30);

  /* Due 30 days after the plan was set. */
  due = pd_store_get_inspection_due (f->store, plc->id);
  g_assert_cmpint (due, >=, before_plan + 30 * G_TIME_SPAN_DAY);
  g_assert_cmpint (due, <=, g_get_real_time () + 30 * G_TIME_SPAN_DAY);

  /* Every checklist item answered once, nothing else. */
  before = counts (f);
  g_assert_null (pd_store_record_inspection (f->store, f->operator, plc->id, items, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Oil level"));
  g_clear_error (&error);
  g_ptr_array_add (items, item_new ("Oil level", FALSE));
  g_ptr_array_add (items, item_new ("Paint", TRUE));
  g_assert_null (pd_store_record_inspection (f->store, f->operator, plc->id, items, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Paint"));
  g_clear_error (&error);
  g_ptr_array_remove_index (items, 2);
  g_assert_null (pd_store_record_inspection (f->store, NULL, plc->id, items, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  before.audit++;
  assert_counts_equal (before, counts (f));

  /* Items in any order; stored in the checklist's. */
  g_ptr_array_add (items, g_ptr_array_steal_index (items, 0));
  inspection = pd_store_record_inspection (f->store, f->operator, plc->id, items, "Oil low, topped up", &error);
  g_assert_no_error (error);
  g_assert_nonnull (inspection);
  g_assert_false (inspection->ok);
  g_assert_cmpstr (inspection->user_name, ==, "operator");
  g_assert_cmpuint (inspection->items->len, ==, 2);
  g_assert_cmpstr (((PdInspectionItem *) inspection->items->pdata[0])->label, ==, "Guard closed");

  payload = last_outbox_payload (f, &entity, &operation);
  g_assert_cmpstr (entity, ==, "inspection");
  g_assert_cmpstr (operation, ==, "insert");
  g_assert_cmpstr (json_object_get_string_member (payload, "uuid"), ==, inspection->uuid);
  g_assert_false (json_object_get_boolean_member (payload, "ok"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (payload, "items")), ==, 2);

  due_after = pd_store_get_inspection_due (f->store, plc->id);
  g_assert_cmpint (due_after, ==, inspection->performed_at + 30 * G_TIME_SPAN_DAY);

  list = pd_store_list_inspections (f->store, plc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PdInspection *) list->pdata[0])->notes, ==, "Oil low, topped up");
  g_assert_cmpuint (((PdInspection *) list->pdata[0])->items->len, ==, 2);
  g_assert_false (((PdInspectionItem *) ((PdInspection *) list->pdata[0])->items->pdata[1])->ok);

  /* Records are append-only, even for SQL that bypasses the store. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "UPDATE inspections SET ok = 1",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "DELETE FROM inspections",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "UPDATE inspection_items SET ok = 1",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "DELETE FROM inspection_items",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (pd_test_count_rows (f->store, "inspections"), ==, 1);

  /* A device with records is retired, not removed. */
  before = counts (f);
  g_assert_false (pd_store_remove_device (f->store, f->admin, plc->id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "retire"));
  g_clear_error (&error);
  assert_counts_equal (before, counts (f));

  g_assert_true (pd_store_set_device_lifecycle (f->store, f->supervisor, plc->id,
                                                PD_LIFECYCLE_RETIRED, &error));
  g_assert_cmpint (pd_store_get_inspection_due (f->store, plc->id), ==, 0);
  g_assert_null (pd_store_record_inspection (f->store, f->operator, plc->id, items, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_inspection_overdue (Fixture       *f,
                         gconstpointer  data)
{
  const char * const checklist[] = { "Guard closed", NULL };
  g_autoptr(PdDevice) plc = add_device (f, "PLC-1");
  sqlite3_stmt *stmt = NULL;
  gint64 long_ago = g_get_real_time () - 40 * G_TIME_SPAN_DAY;
  gint64 due;

  g_assert_true (pd_store_set_inspection_plan (f->store, f->supervisor, plc->id, 30, checklist, NULL));

  /* An inspection 40 days ago, as one synced from another station would be. */
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (f->store),
                                       "INSERT INTO inspections (uuid, device_id, user_name, performed_at, ok) "
                                       "VALUES ('u-1', ?, 'operator', ?, 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, plc->id);
  sqlite3_bind_int64 (stmt, 2, long_ago);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The plan is newer than that record: the record still counts, being
   * the last inspection. Overdue by ten days. */
  due = pd_store_get_inspection_due (f->store, plc->id);
  g_assert_cmpint (due, ==, long_ago + 30 * G_TIME_SPAN_DAY);
  g_assert_cmpint (due, <, g_get_real_time ());
}

/* --- Signals -------------------------------------------------------------------- */

static void
count_cb (PdStore *store,
          guint   *count)
{
  (*count)++;
}

static void
test_signals (Fixture       *f,
              gconstpointer  data)
{
  const char * const checklist[] = { "Guard closed", NULL };
  g_autoptr(PdDevice) device = tcp_device ("PLC-1");
  g_autoptr(PdDevice) stored = NULL;
  g_autoptr(PdTag) tag = holding_tag ("speed", 1);
  g_autoptr(PdTag) stored_tag = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(PdInspection) inspection = NULL;
  guint devices_changed = 0;
  guint inspections_changed = 0;

  g_signal_connect (f->store, "devices-changed", G_CALLBACK (count_cb), &devices_changed);
  g_signal_connect (f->store, "inspections-changed", G_CALLBACK (count_cb), &inspections_changed);

  stored = pd_store_add_device (f->store, f->admin, device, NULL);
  g_assert_cmpuint (devices_changed, ==, 1);

  /* A refusal changes nothing and says nothing changed. */
  g_assert_null (pd_store_add_device (f->store, f->admin, device, NULL));
  g_assert_null (pd_store_add_device (f->store, f->operator, device, NULL));
  g_assert_cmpuint (devices_changed, ==, 1);

  tag->device_id = stored->id;
  stored_tag = pd_store_add_tag (f->store, f->admin, tag, NULL);
  g_assert_cmpuint (devices_changed, ==, 2);
  stored_tag->address = 2;
  g_assert_true (pd_store_update_tag (f->store, f->admin, stored_tag, NULL));
  g_assert_cmpuint (devices_changed, ==, 3);
  g_assert_true (pd_store_set_device_lifecycle (f->store, f->admin, stored->id,
                                                PD_LIFECYCLE_COMMISSIONED, NULL));
  g_assert_cmpuint (devices_changed, ==, 4);

  g_assert_true (pd_store_set_inspection_plan (f->store, f->admin, stored->id, 7, checklist, NULL));
  g_assert_cmpuint (inspections_changed, ==, 1);
  g_ptr_array_add (items, item_new ("Guard closed", TRUE));
  inspection = pd_store_record_inspection (f->store, f->operator, stored->id, items, NULL, NULL);
  g_assert_nonnull (inspection);
  g_assert_true (inspection->ok);
  g_assert_cmpuint (inspections_changed, ==, 2);

  g_assert_true (pd_store_remove_tag (f->store, f->admin, stored_tag->id, NULL));
  g_assert_cmpuint (devices_changed, ==, 6);

  g_signal_handlers_disconnect_by_func (f->store, count_cb, &devices_changed);
  g_signal_handlers_disconnect_by_func (f->store, count_cb, &inspections_changed);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/devices/device-validation", test_device_validation);
  ADD ("/core/devices/device-valid-edges", test_device_valid_edges);
  ADD ("/core/devices/device-crud", test_device_crud);
  ADD ("/core/devices/permission", test_device_permission);
  ADD ("/core/devices/lifecycle-matrix", test_lifecycle_matrix);
  ADD ("/core/devices/tag-validation", test_tag_validation);
  ADD ("/core/devices/tag-valid-combinations", test_tag_valid_combinations);
  ADD ("/core/devices/tag-crud", test_tag_crud);
  ADD ("/core/devices/tag-import", test_tag_import);
  ADD ("/core/devices/inspections", test_inspections);
  ADD ("/core/devices/inspection-overdue", test_inspection_overdue);
  ADD ("/core/devices/signals", test_signals);

  status = g_test_run ();
  pd_test_populated_template_free ();

  return status;
}
