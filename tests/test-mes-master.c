/* test-mes-master.c — MES master data in the core: work centers with
 * shifts, bills of materials (versions, cycles) and routings; validation,
 * permissions, audit records and the outbox
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pd-test-utils.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY    (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *operator;
  PdUser  *warehouse;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  PdTestLocations locations;
  gint64 device;

  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");
  f->warehouse = pd_test_login (f->store, "warehouse");

  pd_test_add_warehouses (f->store, f->admin, NULL, &locations);
  device = pd_test_store_add_device (f->store, f->admin, "PLC1");
  pd_test_store_add_tag (f->store, f->admin, device, "good", PD_AREA_HOLDING, 0, PD_TAG_TYPE_UINT16, NULL);
  pd_test_store_add_tag (f->store, f->admin, device, "scrap", PD_AREA_HOLDING, 1, PD_TAG_TYPE_UINT16, NULL);
  pd_test_store_add_tag (f->store, f->admin, device, "running", PD_AREA_COIL, 0, PD_TAG_TYPE_BOOL, NULL);
  for (const char * const *sku = (const char * const []) { "A", "B", "C", "D", "SCREW", NULL }; *sku; sku++)
    pd_test_add_item (f->store, f->admin, *sku, "pcs", NULL, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_clear_object (&f->warehouse);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static gint64
query_int (PdStore    *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (PdStore    *store,
            const char *sql,
            const char *text)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static gint64
item_id (Fixture    *f,
         const char *sku)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_find_item (f->store, sku, &error);

  g_assert_no_error (error);
  return item->id;
}

static void
add_shift (PdWorkCenter *wc,
           const char   *text)
{
  g_autoptr(GError) error = NULL;
  PdShift shift = { 0, };

  g_assert_true (pd_shift_parse (text, &shift, &error));
  g_assert_no_error (error);
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
}

static PdWorkCenter *
make_work_center (const char *code)
{
  PdWorkCenter *wc = pd_work_center_new ();

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Work center %s", code);
  add_shift (wc, "mon-fri:06:00-14:00/10:00-10:30");
  return wc;
}

static void
add_work_center (Fixture    *f,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = make_work_center (code);

  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

/* Refused with PD_ERROR_INVALID (or CODE) and a message holding NEEDLE. */
static void
assert_refused (GError     *error,
                gint        code,
                const char *needle)
{
  g_assert_error (error, PD_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

static gboolean
set_bom (Fixture     *f,
         const char  *product,
         const char  *components,
         GError     **error)
{
  g_autoptr(PdBom) bom = pd_bom_new ();
  g_auto(GStrv) parts = g_strsplit (components, " ", -1);

  bom->product_sku = g_strdup (product);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      PdBomLine *line = pd_bom_line_parse (parts[i], error);

      if (line == NULL)
        return FALSE;
      g_ptr_array_add (bom->lines, line);
    }

  return pd_store_set_bom (f->store, f->supervisor, bom, error);
}

/* --- Work centers ------------------------------------------------------------ */

static void
test_work_center (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = make_work_center ("MILL-1");
  g_autoptr(PdWorkCenter) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdWorkCalendar) calendar = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) monday = g_date_time_new (utc, 2026, 6, 1, 0, 0, 0);
  g_autofree char *shift = NULL;
  PdCalendarException holiday = { PD_EXCEPTION_CLOSED, };
  gint64 t0 = g_date_time_to_unix (monday) * G_USEC_PER_SEC;

  wc->line = g_strdup ("Line 1");
  wc->capacity = 2;
  wc->good_tag = g_strdup ("plc1/GOOD");
  wc->scrap_tag = g_strdup ("PLC1/scrap");
  wc->running_tag = g_strdup ("PLC1/running");
  wc->from_location = g_strdup ("a-01");
  wc->to_location = g_strdup ("B-01");
  add_shift (wc, "sat:08:00-12:00");
  g_date_clear (&holiday.date, 1);
  g_date_set_dmy (&holiday.date, 3, 6, 2026);
  holiday.start_min = 0;
  holiday.end_min = 1440;
  holiday.reason = (char *) "Plant holiday";
  pd_work_center_add_exception (wc, &holiday);

  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wc->id, >, 0);
  g_assert_nonnull (wc->uuid);
  g_assert_cmpint (wc->good_tag_id, >, 0);
  g_assert_cmpint (wc->from_location_id, >, 0);

  read = pd_store_find_work_center (f->store, "mill-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->code, ==, "MILL-1");
  g_assert_cmpstr (read->line, ==, "Line 1");
  g_assert_cmpuint (read->capacity, ==, 2);
  g_assert_cmpstr (read->good_tag, ==, "PLC1/good");
  g_assert_cmpstr (read->running_tag, ==, "PLC1/running");
  g_assert_cmpstr (read->from_location, ==, "A-01");
  g_assert_cmpstr (read->to_location, ==, "B-01");
  g_assert_cmpuint (read->shifts->len, ==, 2);
  shift = pd_shift_to_string (&g_array_index (read->shifts, PdShift, 0));
  g_assert_cmpstr (shift, ==, "mon-fri:06:00-14:00/10:00-10:30");
  g_assert_cmpuint (read->exceptions->len, ==, 1);
  g_assert_cmpstr (g_array_index (read->exceptions, PdCalendarException, 0).reason, ==, "Plant holiday");

  /* The calendar from its rows: Monday 7.5 h, the Wednesday holiday none,
   * the week 4 × 7.5 h + Saturday 4 h. */
  calendar = pd_store_get_work_center_calendar (f->store, read->id, utc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_work_calendar_working_time (calendar, t0, t0 + DAY), ==, 450 * MINUTE);
  g_assert_cmpint (pd_work_calendar_working_time (calendar, t0 + 2 * DAY, t0 + 3 * DAY), ==, 0);
  g_assert_cmpint (pd_work_calendar_working_time (calendar, t0, t0 + 7 * DAY), ==, (4 * 450 + 240) * MINUTE);

  /* An update replaces everything, shifts included. */
  read->capacity = 3;
  g_clear_pointer (&read->scrap_tag, g_free);
  g_array_set_size (read->shifts, 0);
  add_shift (read, "mon-sun:22:00-06:00");
  g_assert_true (pd_store_update_work_center (f->store, f->admin, read, &error));
  g_assert_no_error (error);
  g_clear_pointer (&wc, pd_work_center_free);
  wc = pd_store_get_work_center (f->store, read->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wc->capacity, ==, 3);
  g_assert_null (wc->scrap_tag);
  g_assert_cmpuint (wc->shifts->len, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM work_center_shifts", NULL), ==, 1);

  add_work_center (f, "ASSY");
  list = pd_store_list_work_centers (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PdWorkCenter *) g_ptr_array_index (list, 0))->code, ==, "ASSY");

  g_assert_null (pd_store_find_work_center (f->store, "NOPE", &error));
  assert_refused (error, PD_ERROR_NOT_FOUND, "NOPE");
}

static void
test_work_center_refused (Fixture       *f,
                          gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *value;
    const char *needle;
  } cases[] = {
    { "code", "", "code" },
    { "code", " X", " X" },
    { "capacity", "0", "Capacity 0" },
    { "good", "PLC1/nope", "PLC1/nope" },
    { "good", "nodevice", "nodevice" },
    { "scrap", "PLC2/good", "PLC2/good" },
    { "from", "Z-99", "Z-99" },
    { "to", "Q", "“Q”" },
    { "shift", "mon-fri:12:00-20:00", "MILL-2" },
    { "duplicate", "mill-1", "MILL-1" },
  };

  add_work_center (f, "MILL-1");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdWorkCenter) wc = make_work_center ("MILL-2");
      gint code = PD_ERROR_INVALID;

      if (g_str_equal (cases[i].field, "code") || g_str_equal (cases[i].field, "duplicate"))
        {
          g_free (wc->code);
          wc->code = g_strdup (cases[i].value);
          if (g_str_equal (cases[i].field, "duplicate"))
            code = PD_ERROR_EXISTS;
        }
      else if (g_str_equal (cases[i].field, "capacity"))
        wc->capacity = 0;
      else if (g_str_equal (cases[i].field, "good"))
        wc->good_tag = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "scrap"))
        wc->scrap_tag = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "from"))
        wc->from_location = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "to"))
        wc->to_location = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].field, "shift"))
        add_shift (wc, cases[i].value);   /* overlaps 06:00-14:00 */

      g_test_message ("case %s “%s”", cases[i].field, cases[i].value);
      g_assert_false (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
      assert_refused (error, code, cases[i].needle);
      g_assert_cmpint (wc->id, ==, 0);
    }

  /* Nothing changed. */
  g_assert_cmpint (pd_test_count_rows (f->store, "work_centers"), ==, 1);
  g_assert_cmpint (pd_test_count_rows (f->store, "work_center_shifts"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "workcenter.add"),
                   ==, 1);   /* MILL-1's: a refusal rolls back and leaves no record */
}

/* --- Bills of materials ------------------------------------------------------ */

static void
test_bom_versions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdBom) bom = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const PdBomLine *line;
  gint64 a = item_id (f, "A");

  /* None yet. */
  g_assert_true (pd_store_get_bom (f->store, a, 0, &bom, &error));
  g_assert_no_error (error);
  g_assert_null (bom);

  g_assert_true (set_bom (f, "A", "B:2 SCREW:4:2.5", &error));
  g_assert_no_error (error);
  g_assert_true (set_bom (f, "a", "B:3 C:0.125:10%", &error));
  g_assert_no_error (error);

  g_assert_true (pd_store_get_bom (f->store, a, 0, &bom, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bom->version, ==, 2);
  g_assert_true (bom->active);
  g_assert_cmpstr (bom->product_sku, ==, "A");
  g_assert_cmpuint (bom->lines->len, ==, 2);
  line = g_ptr_array_index (bom->lines, 1);
  g_assert_cmpstr (line->component_sku, ==, "C");
  g_assert_cmpstr (line->unit, ==, "pcs");
  pd_test_assert_qty (line->qty, "0.125");
  pd_test_assert_qty (line->scrap_pct, "10");
  g_assert_true (line->backflush);
  g_clear_pointer (&bom, pd_bom_free);

  /* The first version is kept, inactive. */
  g_assert_true (pd_store_get_bom (f->store, a, 1, &bom, &error));
  g_assert_no_error (error);
  g_assert_false (bom->active);
  pd_test_assert_qty (((PdBomLine *) g_ptr_array_index (bom->lines, 1))->scrap_pct, "2.5");

  versions = pd_store_list_bom_versions (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpuint (((PdBom *) g_ptr_array_index (versions, 0))->version, ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM boms WHERE active = 1", NULL), ==, 1);

  /* The partial unique index holds even against a direct write. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (f->store), "UPDATE boms SET active = 1", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
}

static void
test_bom_refused (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    const char *product;
    const char *components;
    const char *needle;
  } cases[] = {
    { "NOPE", "B:1", "Unknown product “NOPE”" },
    { "A", "B:1 X9:2", "Unknown component “X9”" },
    { "A", "B:0", "B" },
    { "A", "B:-1", "-1" },
    { "A", "B:abc", "abc" },
    { "A", "B:1:101", "101" },
    { "A", "B:1 b:2", "listed twice" },
    { "A", "B", "SKU:QTY" },
  };

  g_assert_true (set_bom (f, "A", "B:1", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %s %s", cases[i].product, cases[i].components);
      g_assert_false (set_bom (f, cases[i].product, cases[i].components, &error));
      assert_refused (error, PD_ERROR_INVALID, cases[i].needle);
    }

  g_assert_cmpint (pd_test_count_rows (f->store, "boms"), ==, 1);
  g_assert_cmpint (pd_test_count_rows (f->store, "bom_lines"), ==, 1);
}

static void
test_bom_cycles (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 boms;

  /* Directly. */
  g_assert_false (set_bom (f, "A", "SCREW:1 A:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "A → A");
  g_clear_error (&error);

  /* Through two levels of sub-assemblies: A ← B ← C, then C ← A. */
  g_assert_true (set_bom (f, "A", "B:1 SCREW:2", NULL));
  g_assert_true (set_bom (f, "B", "SCREW:1 C:1", NULL));
  g_assert_true (set_bom (f, "D", "A:1", NULL));
  boms = pd_test_count_rows (f->store, "boms");
  g_assert_false (set_bom (f, "C", "D:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "C → D → A → B → C");
  g_clear_error (&error);
  g_assert_false (set_bom (f, "C", "SCREW:1 A:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "C → A → B → C");
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "boms"), ==, boms);

  /* Only the active versions count: once B no longer holds C, C may hold A. */
  g_assert_true (set_bom (f, "B", "SCREW:1", NULL));
  g_assert_true (set_bom (f, "C", "A:1", &error));
  g_assert_no_error (error);
}

/* --- Routings ---------------------------------------------------------------- */

static gboolean
set_routing (Fixture     *f,
             PdUser      *user,
             const char  *product,
             const char  *ops,
             GError     **error)
{
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_auto(GStrv) parts = g_strsplit (ops, " ", -1);

  routing->product_sku = g_strdup (product);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      PdRoutingOp *op = pd_routing_op_parse (parts[i], error);

      if (op == NULL)
        return FALSE;
      g_ptr_array_add (routing->ops, op);
    }

  return pd_store_set_routing (f->store, user, routing, error);
}

static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = NULL;
  const PdRoutingOp *op;
  gint64 a = item_id (f, "A");

  add_work_center (f, "MILL");
  add_work_center (f, "ASSY");

  g_assert_true (pd_store_get_routing (f->store, a, 0, &routing, &error));
  g_assert_no_error (error);
  g_assert_null (routing);

  g_assert_true (set_routing (f, f->supervisor, "A", "20:assy:5:30 10:MILL:12.5:1.25", &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_get_routing (f->store, a, 0, &routing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (routing->version, ==, 1);
  g_assert_cmpuint (routing->ops->len, ==, 2);
  op = g_ptr_array_index (routing->ops, 0);
  g_assert_cmpuint (op->seq, ==, 10);
  g_assert_cmpstr (op->work_center_code, ==, "MILL");
  g_assert_cmpint (op->setup_us, ==, G_GINT64_CONSTANT (750000000));   /* 12.5 min */
  g_assert_cmpint (op->run_us, ==, 1250000);                           /* 1.25 s */
  op = g_ptr_array_index (routing->ops, 1);
  g_assert_cmpstr (op->work_center_code, ==, "ASSY");
  g_clear_pointer (&routing, pd_routing_free);

  /* Refusals change nothing. */
  g_assert_false (set_routing (f, f->supervisor, "A", "10:MILL:1:1 10:ASSY:1:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "Sequence 10");
  g_clear_error (&error);
  g_assert_false (set_routing (f, f->supervisor, "A", "10:LATHE:1:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "LATHE");
  g_clear_error (&error);
  g_assert_false (set_routing (f, f->supervisor, "NOPE", "10:MILL:1:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "NOPE");
  g_clear_error (&error);
  g_assert_null (pd_routing_op_parse ("0:MILL:1:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "“0”");
  g_clear_error (&error);
  g_assert_null (pd_routing_op_parse ("10:MILL:-1:1", &error));
  assert_refused (error, PD_ERROR_INVALID, "-1");
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "routings"), ==, 1);
  g_assert_cmpint (pd_test_count_rows (f->store, "routing_operations"), ==, 2);

  /* A new version replaces the active one. */
  g_assert_true (set_routing (f, f->admin, "A", "10:MILL:0:2", &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_get_routing (f->store, a, 0, &routing, &error));
  g_assert_cmpuint (routing->version, ==, 2);
  g_assert_cmpuint (routing->ops->len, ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM routings WHERE active = 1", NULL), ==, 1);
}

/* --- Permissions, audit and outbox -------------------------------------------- */

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  PdUser *refused[] = { f->operator, f->warehouse };

  add_work_center (f, "MILL");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdWorkCenter) wc = make_work_center ("NEW");
      g_autoptr(PdWorkCenter) stored = pd_store_find_work_center (f->store, "MILL", NULL);
      g_autoptr(PdBom) bom = pd_bom_new ();

      g_assert_false (pd_store_add_work_center (f->store, refused[i], wc, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "work centers"));
      g_clear_error (&error);

      stored->capacity = 9;
      g_assert_false (pd_store_update_work_center (f->store, refused[i], stored, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);

      bom->product_sku = g_strdup ("A");
      g_ptr_array_add (bom->lines, pd_bom_line_new ("B", PD_QTY_ONE, 0, TRUE));
      g_assert_false (pd_store_set_bom (f->store, refused[i], bom, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);

      g_assert_false (set_routing (f, refused[i], "A", "10:MILL:1:1", &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
    }

  g_assert_cmpint (pd_test_count_rows (f->store, "work_centers"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT capacity FROM work_centers", NULL), ==, 1);
  g_assert_cmpint (pd_test_count_rows (f->store, "boms"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "routings"), ==, 0);
  for (const char * const *action = (const char * const []) { "workcenter.add", "workcenter.update",
                                                              "bom.set", "routing.set", NULL };
       *action; action++)
    g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE result = 'denied' "
                                "AND action = ?", *action), ==, 2);
}

static void
test_audit_outbox (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = make_work_center ("MILL");
  g_autofree char *text = NULL;
  gint64 outbox = pd_test_count_rows (f->store, "outbox");

  wc->good_tag = g_strdup ("PLC1/good");
  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  wc->capacity = 4;
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  g_assert_true (set_bom (f, "A", "B:1.5:3", &error));
  g_assert_no_error (error);
  g_assert_true (set_routing (f, f->supervisor, "A", "10:MILL:1:2", &error));
  g_assert_no_error (error);

  g_assert_cmpint (pd_test_count_rows (f->store, "outbox"), ==, outbox + 4);
  for (const char * const *action = (const char * const []) { "workcenter.add", "workcenter.update",
                                                              "bom.set", "routing.set", NULL };
       *action; action++)
    g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE result = 'ok' "
                                "AND user_name = 'supervisor' AND action = ?", *action), ==, 1);

  text = query_text (f->store, "SELECT entity_id FROM audit_log WHERE action = ?", "workcenter.add");
  g_assert_cmpstr (text, ==, wc->uuid);
  g_clear_pointer (&text, g_free);

  text = query_text (f->store, "SELECT json_extract (payload, '$.good_tag') || ' ' || "
                     "json_extract (payload, '$.shifts[0]') || ' ' || json_extract (payload, '$.capacity') "
                     "FROM outbox WHERE entity = 'work_center' AND operation = ?", "update");
  g_assert_cmpstr (text, ==, "PLC1/good mon-fri:06:00-14:00/10:00-10:30 4");
  g_clear_pointer (&text, g_free);

  /* Exact decimals as strings. */
  text = query_text (f->store, "SELECT json_extract (payload, '$.components[0].qty') || ' ' || "
                     "json_extract (payload, '$.components[0].scrap_pct') || ' ' || "
                     "json_type (payload, '$.components[0].qty') FROM outbox WHERE entity = ?", "bom");
  g_assert_cmpstr (text, ==, "1.5 3 text");
  g_clear_pointer (&text, g_free);

  text = query_text (f->store, "SELECT json_extract (payload, '$.operations[0].workcenter') || ' ' || "
                     "json_extract (payload, '$.operations[0].run_seconds_per_unit') FROM outbox "
                     "WHERE entity = ?", "routing");
  g_assert_cmpstr (text, ==, "MILL 2");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/mes/master/work-center", test_work_center);
  ADD ("/mes/master/work-center-refused", test_work_center_refused);
  ADD ("/mes/master/bom-versions", test_bom_versions);
  ADD ("/mes/master/bom-refused", test_bom_refused);
  ADD ("/mes/master/bom-cycles", test_bom_cycles);
  ADD ("/mes/master/routing", test_routing);
  ADD ("/mes/master/permissions", test_permissions);
  ADD ("/mes/master/audit-outbox", test_audit_outbox);

  ret = g_test_run ();

  pd_test_populated_template_free ();
  return ret;
}
