/* test-ctl-stock.c — plantdesk-ctl item, location and stock commands, run
 * as scripts and warehouse staff run them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-stock"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_SUPERVISOR AS ("supervisor")
#define AS_OPERATOR AS ("operator")
#define AS_WAREHOUSE AS ("warehouse")

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… as the user in ENV. */
#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

/* The output of a command run with --json as ENV, which must succeed. */
static JsonNode *
ctl_json (Fixture            *f,
          const char * const *env,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, env, args);
}

#define NO_ENV ((const char * const []) { NULL })
#define CTL_JSON(f, ...) ctl_json ((f), AS_ADMIN, (const char * const []) { __VA_ARGS__, NULL })

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_ok (PdCtlRun *run)
{
  pd_ctl_test_assert_ok (run);
}

/* Items SKU-1 (pcs, barcode 4006381333931) and BOLT (kg, lot-tracked, min
 * 5); warehouse WH1 with zone Z1 holding bins A-01 (barcode LOC-A01) and
 * */
static void
add_master_data (Fixture *f)
{
  g_autoptr(PdCtlRun) r1 = NULL;
  g_autoptr(PdCtlRun) r2 = NULL;
  g_autoptr(PdCtlRun) r3 = NULL;
  g_autoptr(PdCtlRun) r4 = NULL;
  g_autoptr(PdCtlRun) r5 = NULL;
  g_autoptr(PdCtlRun) r6 = NULL;

  r1 = CTL (f, AS_SUPERVISOR, "item", "add", "SKU-1", "--name", "Hex nut M8", "--unit", "pcs",
            "--barcode", "4006381333931", "--category", "Fasteners");
  assert_ok (r1);
  r2 = CTL (f, AS_SUPERVISOR, "item", "add", "GREASE", "--name", "Grease", "--unit", "kg",
            "--min", "5", "--max", "100");
  assert_ok (r2);
  r3 = CTL (f, AS_SUPERVISOR, "location", "add", "WH1", "--name", "Main store");
  assert_ok (r3);
  r4 = CTL (f, AS_SUPERVISOR, "location", "add", "Z1", "--parent", "WH1", "--kind", "zone");
  assert_ok (r4);
  r5 = CTL (f, AS_SUPERVISOR, "location", "add", "A-01", "--parent", "Z1", "--barcode", "LOC-A01");
  assert_ok (r5);
  r6 = CTL (f, AS_SUPERVISOR, "location", "add", "A-02", "--parent", "Z1");
  assert_ok (r6);
}

/* The qty string of the level of SKU at LOCATION (NULL: not listed). */
static char *
level_qty (Fixture    *f,
           const char *sku,
           const char *location)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "stock", "level");
  JsonArray *array = pd_ctl_test_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "sku"), sku) == 0 &&
          g_strcmp0 (json_object_get_string_member (object, "location"), location) == 0)
        return g_strdup (json_object_get_string_member (object, "qty"));
    }

  return NULL;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, "plantdesk.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* --- Items ------------------------------------------------------------------ */

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) dup = NULL;
  g_autoptr(PdCtlRun) bad_min = NULL;
  g_autoptr(PdCtlRun) comma_max = NULL;
  g_autoptr(PdCtlRun) as_warehouse = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) found = NULL;
  JsonObject *nut, *bolt;
  JsonArray *barcodes;

  add = CTL (f, AS_SUPERVISOR, "item", "add", "SKU-1", "--name", "Hex nut M8", "--unit", "pcs",
             "--barcode", "4006381333931", "--barcode", "NUT-8", "--category", "Fasteners",
             "--min", "10", "--max", "250.5");
  assert_ok (add);
  g_assert_cmpstr (add->out, ==, "Added item SKU-1 “Hex nut M8”.\n");

  g_clear_pointer (&add, pd_ctl_run_free);
  add = CTL (f, AS_ADMIN, "item", "add", "BOLT", "--name", "Bolt M8x40", "--unit", "pcs", "--lot-tracked");
  assert_ok (add);

  all = CTL_JSON (f, "item", "list");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (all)), ==, 2);
  nut = pd_ctl_test_find_object (pd_ctl_test_node_get_array (all), "sku", "SKU-1");
  g_assert_nonnull (nut);
  g_assert_cmpstr (json_object_get_string_member (nut, "name"), ==, "Hex nut M8");
  g_assert_cmpstr (json_object_get_string_member (nut, "unit"), ==, "pcs");
  g_assert_cmpstr (json_object_get_string_member (nut, "category"), ==, "Fasteners");
  g_assert_false (json_object_get_boolean_member (nut, "lot_tracked"));
  /* Quantities are strings holding the exact decimal. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (nut, "min")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (nut, "min"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (nut, "max"), ==, "250.5");
  barcodes = json_object_get_array_member (nut, "barcodes");
  g_assert_cmpuint (json_array_get_length (barcodes), ==, 2);

  bolt = pd_ctl_test_find_object (pd_ctl_test_node_get_array (all), "sku", "BOLT");
  g_assert_nonnull (bolt);
  g_assert_true (json_object_get_boolean_member (bolt, "lot_tracked"));
  g_assert_true (json_object_get_null_member (bolt, "min"));
  g_assert_true (json_object_get_null_member (bolt, "max"));
  g_assert_true (json_object_get_null_member (bolt, "category"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bolt, "barcodes")), ==, 0);

  /* A search matches a barcode too. */
  found = CTL_JSON (f, "item", "list", "--search", "nut-8");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (found)), ==, 1);
  g_assert_nonnull (pd_ctl_test_find_object (pd_ctl_test_node_get_array (found), "sku", "SKU-1"));

  list = CTL (f, AS_OPERATOR, "item", "list");
  assert_ok (list);
  pd_ctl_test_assert_contains (list->out, "SKU");
  pd_ctl_test_assert_contains (list->out, "Hex nut M8");
  pd_ctl_test_assert_contains (list->out, "250.5");

  /* Refusals change nothing. */
  dup = CTL (f, AS_ADMIN, "item", "add", "sku-1", "--name", "Again", "--unit", "pcs");
  pd_ctl_test_assert_failed (dup);

  bad_min = CTL (f, AS_ADMIN, "item", "add", "SKU-2", "--name", "Washer", "--unit", "pcs", "--min", "abc");
  pd_ctl_test_assert_failed (bad_min);
  pd_ctl_test_assert_contains (bad_min->err, "--min");
  pd_ctl_test_assert_contains (bad_min->err, "“abc”");

  comma_max = CTL (f, AS_ADMIN, "item", "add", "SKU-2", "--name", "Washer", "--unit", "pcs", "--max", "1,5");
  pd_ctl_test_assert_failed (comma_max);
  pd_ctl_test_assert_contains (comma_max->err, "--max");
  pd_ctl_test_assert_contains (comma_max->err, "“1,5”");

  /* Warehouse staff move stock but do not define items. */
  as_warehouse = CTL (f, AS_WAREHOUSE, "item", "add", "SKU-3", "--name", "Spring", "--unit", "pcs");
  pd_ctl_test_assert_failed (as_warehouse);

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "items"), ==, 2);
}

static void
test_item_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *good = write_file (f, "items.csv",
                                      "sku,name,unit,category,barcodes,min,max,lot_tracked\n"
                                      "SKU-1,Hex nut M8,pcs,Fasteners,4006381333931|NUT-8,10,250,false\n"
                                      "OIL,\"Oil, hydraulic\",l,,,0.5,,true\n");
  g_autofree char *again = write_file (f, "again.csv",
                                       "sku,name,unit\n"
                                       "SKU-1,Hex nut M8 zinc,pcs\n"
                                       "WASHER,Washer M8,pcs\n");
  g_autofree char *bad = write_file (f, "bad.csv",
                                     "sku,name,unit,min\n"
                                     "NEW-1,Fine,pcs,1\n"
                                     "NEW-2,Bad min,pcs,1,5\n"
                                     "NEW-3,,pcs,\n");
  g_autoptr(PdCtlRun) first = NULL;
  g_autoptr(PdCtlRun) second = NULL;
  g_autoptr(PdCtlRun) refused = NULL;
  g_autoptr(JsonNode) items = NULL;
  JsonObject *oil, *nut;

  first = CTL (f, AS_SUPERVISOR, "item", "import", good);
  assert_ok (first);
  g_assert_cmpstr (first->out, ==, "2 added, 0 updated\n");

  second = CTL (f, AS_SUPERVISOR, "item", "import", again);
  assert_ok (second);
  g_assert_cmpstr (second->out, ==, "1 added, 1 updated\n");

  items = CTL_JSON (f, "item", "list");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (items)), ==, 3);
  oil = pd_ctl_test_find_object (pd_ctl_test_node_get_array (items), "sku", "OIL");
  g_assert_nonnull (oil);
  g_assert_cmpstr (json_object_get_string_member (oil, "name"), ==, "Oil, hydraulic");
  g_assert_cmpstr (json_object_get_string_member (oil, "min"), ==, "0.5");
  g_assert_true (json_object_get_boolean_member (oil, "lot_tracked"));
  nut = pd_ctl_test_find_object (pd_ctl_test_node_get_array (items), "sku", "SKU-1");
  g_assert_cmpstr (json_object_get_string_member (nut, "name"), ==, "Hex nut M8 zinc");

  /* All or nothing: the good first line is not added either, and the
   * error names the bad lines. */
  refused = CTL (f, AS_SUPERVISOR, "item", "import", bad);
  pd_ctl_test_assert_failed (refused);
  pd_ctl_test_assert_contains (refused->err, "Line 3");
  pd_ctl_test_assert_contains (refused->err, "Line 4");
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "items"), ==, 3);
}

/* --- Locations ----------------------------------------------------------------- */

static void
test_locations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(PdCtlRun) bad_kind = NULL;
  g_autoptr(PdCtlRun) no_parent = NULL;
  g_autoptr(PdCtlRun) zone_alone = NULL;
  g_autoptr(PdCtlRun) as_warehouse = NULL;
  JsonArray *array;
  JsonObject *wh, *zone, *bin;
  const char *line_wh, *line_zone, *line_bin;

  add_master_data (f);

  node = CTL_JSON (f, "location", "list");
  array = pd_ctl_test_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);

  wh = pd_ctl_test_find_object (array, "code", "WH1");
  g_assert_cmpstr (json_object_get_string_member (wh, "kind"), ==, "warehouse");
  g_assert_cmpstr (json_object_get_string_member (wh, "name"), ==, "Main store");
  g_assert_true (json_object_get_null_member (wh, "parent"));
  g_assert_cmpstr (json_object_get_string_member (wh, "warehouse"), ==, "WH1");
  g_assert_true (json_object_get_null_member (wh, "barcode"));

  zone = pd_ctl_test_find_object (array, "code", "Z1");
  g_assert_cmpstr (json_object_get_string_member (zone, "kind"), ==, "zone");
  g_assert_cmpstr (json_object_get_string_member (zone, "parent"), ==, "WH1");

  /* With a parent and no --kind: a bin. */
  bin = pd_ctl_test_find_object (array, "code", "A-01");
  g_assert_cmpstr (json_object_get_string_member (bin, "kind"), ==, "bin");
  g_assert_cmpstr (json_object_get_string_member (bin, "parent"), ==, "Z1");
  g_assert_cmpstr (json_object_get_string_member (bin, "warehouse"), ==, "WH1");
  g_assert_cmpstr (json_object_get_string_member (bin, "barcode"), ==, "LOC-A01");

  /* The tree, depth first and indented. */
  list = CTL (f, AS_WAREHOUSE, "location", "list");
  assert_ok (list);
  line_wh = strstr (list->out, "\nWH1 ");
  line_zone = strstr (list->out, "\n  Z1 ");
  line_bin = strstr (list->out, "\n    A-01 ");
  g_assert_nonnull (line_wh);
  g_assert_nonnull (line_zone);
  g_assert_nonnull (line_bin);
  g_assert_true (line_wh < line_zone && line_zone < line_bin);

  bad_kind = CTL (f, AS_ADMIN, "location", "add", "B-01", "--parent", "Z1", "--kind", "shelf");
  pd_ctl_test_assert_failed (bad_kind);
  pd_ctl_test_assert_contains (bad_kind->err, "“shelf”");

  no_parent = CTL (f, AS_ADMIN, "location", "add", "B-01", "--parent", "NOWHERE");
  pd_ctl_test_assert_failed (no_parent);
  pd_ctl_test_assert_contains (no_parent->err, "NOWHERE");

  zone_alone = CTL (f, AS_ADMIN, "location", "add", "Z9", "--kind", "zone");
  pd_ctl_test_assert_failed (zone_alone);

  as_warehouse = CTL (f, AS_WAREHOUSE, "location", "add", "WH2");
  pd_ctl_test_assert_failed (as_warehouse);

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "locations"), ==, 4);
}

/* --- Moves --------------------------------------------------------------------- */

static void
test_receive_issue_move (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdCtlRun) receive = NULL;
  g_autoptr(PdCtlRun) by_barcode = NULL;
  g_autoptr(PdCtlRun) issue = NULL;
  g_autoptr(PdCtlRun) over = NULL;
  g_autoptr(PdCtlRun) move = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(JsonNode) levels = NULL;
  g_autoptr(JsonNode) in_z1 = NULL;
  g_autoptr(JsonNode) at_a02 = NULL;
  g_autofree char *a01 = NULL;
  g_autofree char *a02 = NULL;
  JsonArray *array;
  JsonObject *level;
  gint64 moves_before;

  add_master_data (f);

  /* Warehouse staff may receive. */
  receive = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "10", "--to", "A-01", "--ref", "DN-100");
  assert_ok (receive);
  pd_ctl_test_assert_contains (receive->out, "Received 10 pcs of SKU-1 at A-01");

  /* A scan names the item and the location by their barcodes. */
  by_barcode = CTL (f, AS_WAREHOUSE, "stock", "receive", "4006381333931", "2.5", "--to", "LOC-A01");
  assert_ok (by_barcode);

  levels = CTL_JSON (f, "stock", "level");
  array = pd_ctl_test_node_get_array (levels);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  level = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (level, "sku"), ==, "SKU-1");
  g_assert_cmpstr (json_object_get_string_member (level, "location"), ==, "A-01");
  g_assert_true (json_object_get_null_member (level, "lot"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (level, "qty")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (level, "qty"), ==, "12.5");

  issue = CTL (f, AS_WAREHOUSE, "stock", "issue", "SKU-1", "2", "--from", "A-01", "--ref", "WO-7");
  assert_ok (issue);
  pd_ctl_test_assert_contains (issue->out, "Issued 2 pcs of SKU-1 from A-01");

  /* More than is on hand: refused, naming what is there, nothing recorded. */
  moves_before = pd_ctl_test_count_rows (f->dir, "stock_moves");
  over = CTL (f, AS_WAREHOUSE, "stock", "issue", "SKU-1", "11", "--from", "A-01");
  pd_ctl_test_assert_failed (over);
  pd_ctl_test_assert_contains (over->err, "10.5");
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, moves_before);
  a01 = level_qty (f, "SKU-1", "A-01");
  g_assert_cmpstr (a01, ==, "10.5");

  move = CTL (f, AS_WAREHOUSE, "stock", "move", "SKU-1", "4", "--from", "A-01", "--to", "A-02");
  assert_ok (move);
  pd_ctl_test_assert_contains (move->out, "Moved 4 pcs of SKU-1 from A-01 to A-02");
  g_clear_pointer (&a01, g_free);
  a01 = level_qty (f, "SKU-1", "A-01");
  a02 = level_qty (f, "SKU-1", "A-02");
  g_assert_cmpstr (a01, ==, "6.5");
  g_assert_cmpstr (a02, ==, "4");

  /* --location counts its whole subtree; SKU filters. */
  in_z1 = CTL_JSON (f, "stock", "level", "SKU-1", "--location", "Z1");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (in_z1)), ==, 2);
  at_a02 = CTL_JSON (f, "stock", "level", "--location", "A-02");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (at_a02)), ==, 1);

  table = CTL (f, AS_OPERATOR, "stock", "level", "SKU-1");
  assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "A-02");
  pd_ctl_test_assert_contains (table->out, "6.5");
}

static void
test_ledger (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdCtlRun) r1 = NULL;
  g_autoptr(PdCtlRun) r2 = NULL;
  g_autoptr(PdCtlRun) r3 = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) limited = NULL;
  g_autoptr(JsonNode) grease = NULL;
  g_autoptr(GDateTime) ts = NULL;
  JsonArray *array;
  JsonObject *newest, *oldest;

  add_master_data (f);
  r1 = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "10", "--to", "A-01", "--ref", "DN-100");
  assert_ok (r1);
  r2 = CTL (f, AS_WAREHOUSE, "stock", "move", "SKU-1", "3", "--from", "A-01", "--to", "A-02");
  assert_ok (r2);
  r3 = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "20", "--to", "A-02");
  assert_ok (r3);

  all = CTL_JSON (f, "stock", "ledger");
  array = pd_ctl_test_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  /* Newest first. */
  newest = json_array_get_object_element (array, 0);
  oldest = json_array_get_object_element (array, 2);
  g_assert_cmpint (json_object_get_int_member (newest, "id"), >, json_object_get_int_member (oldest, "id"));
  g_assert_cmpstr (json_object_get_string_member (newest, "sku"), ==, "GREASE");

  g_assert_cmpstr (json_object_get_string_member (oldest, "sku"), ==, "SKU-1");
  g_assert_true (json_object_get_null_member (oldest, "lot"));
  g_assert_true (json_object_get_null_member (oldest, "from"));
  g_assert_cmpstr (json_object_get_string_member (oldest, "to"), ==, "A-01");
  g_assert_cmpstr (json_object_get_string_member (oldest, "qty"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (oldest, "reason"), ==, "receipt");
  g_assert_cmpstr (json_object_get_string_member (oldest, "user"), ==, "warehouse");
  g_assert_cmpstr (json_object_get_string_member (oldest, "ref"), ==, "DN-100");
  ts = g_date_time_new_from_iso8601 (json_object_get_string_member (oldest, "ts"), NULL);
  g_assert_nonnull (ts);

  {
    JsonObject *transfer = json_array_get_object_element (array, 1);

    g_assert_cmpstr (json_object_get_string_member (transfer, "reason"), ==, "transfer");
    g_assert_cmpstr (json_object_get_string_member (transfer, "from"), ==, "A-01");
    g_assert_cmpstr (json_object_get_string_member (transfer, "to"), ==, "A-02");
    g_assert_true (json_object_get_null_member (transfer, "ref"));
  }

  limited = CTL_JSON (f, "stock", "ledger", "--limit", "1");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (limited)), ==, 1);

  grease = CTL_JSON (f, "stock", "ledger", "GREASE");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (grease)), ==, 1);

  table = CTL (f, AS_OPERATOR, "stock", "ledger");
  assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "DN-100");
  pd_ctl_test_assert_contains (table->out, "GREASE");
}

/* --- Refusals ------------------------------------------------------------------- */

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) comma = NULL;
  g_autoptr(PdCtlRun) word = NULL;
  g_autoptr(PdCtlRun) zero = NULL;
  g_autoptr(PdCtlRun) negative = NULL;
  g_autoptr(PdCtlRun) unknown_sku = NULL;
  g_autoptr(PdCtlRun) unknown_location = NULL;
  g_autoptr(PdCtlRun) location_as_item = NULL;
  g_autoptr(PdCtlRun) operator_receive = NULL;
  g_autoptr(PdCtlRun) operator_move = NULL;
  g_autoptr(PdCtlRun) missing_to = NULL;
  g_autoptr(PdCtlRun) extra = NULL;
  g_autoptr(PdCtlRun) bad_limit = NULL;
  g_autoptr(PdCtlRun) receive = NULL;

  add_master_data (f);
  receive = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "5", "--to", "A-01");
  assert_ok (receive);

  /* Bad values exit 1 naming the value, as the alarm options do. */
  comma = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "1,5", "--to", "A-01");
  pd_ctl_test_assert_failed (comma);
  pd_ctl_test_assert_contains (comma->err, "QTY");
  pd_ctl_test_assert_contains (comma->err, "“1,5”");

  word = CTL (f, AS_WAREHOUSE, "stock", "issue", "SKU-1", "abc", "--from", "A-01");
  pd_ctl_test_assert_failed (word);
  pd_ctl_test_assert_contains (word->err, "“abc”");

  zero = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "0", "--to", "A-01");
  pd_ctl_test_assert_failed (zero);
  pd_ctl_test_assert_contains (zero->err, "“0”");

  negative = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "-2", "--to", "A-01");
  pd_ctl_test_assert_failed (negative);
  pd_ctl_test_assert_contains (negative->err, "“-2”");

  unknown_sku = CTL (f, AS_WAREHOUSE, "stock", "receive", "NOPE", "1", "--to", "A-01");
  pd_ctl_test_assert_failed (unknown_sku);
  pd_ctl_test_assert_contains (unknown_sku->err, "“NOPE”");

  unknown_location = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "1", "--to", "Q-99");
  pd_ctl_test_assert_failed (unknown_location);
  pd_ctl_test_assert_contains (unknown_location->err, "“Q-99”");

  /* A location's code is not an item. */
  location_as_item = CTL (f, AS_WAREHOUSE, "stock", "receive", "A-01", "1", "--to", "A-01");
  pd_ctl_test_assert_failed (location_as_item);
  pd_ctl_test_assert_contains (location_as_item->err, "“A-01”");

  /* Operators read stock but do not move it. */
  operator_receive = CTL (f, AS_OPERATOR, "stock", "receive", "SKU-1", "1", "--to", "A-01");
  pd_ctl_test_assert_failed (operator_receive);
  operator_move = CTL (f, AS_OPERATOR, "stock", "move", "SKU-1", "1", "--from", "A-01", "--to", "A-02");
  pd_ctl_test_assert_failed (operator_move);

  missing_to = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "1");
  pd_ctl_test_assert_usage_error (missing_to);
  pd_ctl_test_assert_contains (missing_to->err, "--to");

  extra = CTL (f, AS_WAREHOUSE, "stock", "level", "SKU-1", "A-01");
  pd_ctl_test_assert_usage_error (extra);

  bad_limit = CTL (f, AS_WAREHOUSE, "stock", "ledger", "--limit", "many");
  pd_ctl_test_assert_usage_error (bad_limit);

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, 1);
  {
    g_autofree char *qty = level_qty (f, "SKU-1", "A-01");

    g_assert_cmpstr (qty, ==, "5");
  }
}

static void
test_exact_decimal (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PdCtlRun) r1 = NULL;
  g_autoptr(PdCtlRun) r2 = NULL;
  g_autoptr(PdCtlRun) r3 = NULL;
  g_autofree char *qty = NULL;
  g_autofree char *after = NULL;

  add_master_data (f);
  r1 = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "0.1", "--to", "A-01");
  assert_ok (r1);
  r2 = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "0.2", "--to", "A-01");
  assert_ok (r2);

  qty = level_qty (f, "GREASE", "A-01");
  g_assert_cmpstr (qty, ==, "0.3");

  /* Issuing exactly what is there leaves nothing, not a rounding rest. */
  r3 = CTL (f, AS_WAREHOUSE, "stock", "issue", "GREASE", "0.3", "--from", "A-01");
  assert_ok (r3);
  after = level_qty (f, "GREASE", "A-01");
  g_assert_null (after);
}

/* --- Lots ---------------------------------------------------------------------- */

static void
test_lots (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) receive = NULL;
  g_autoptr(PdCtlRun) no_lot = NULL;
  g_autoptr(PdCtlRun) issue = NULL;
  g_autoptr(JsonNode) levels = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  JsonObject *level, *move;

  add_master_data (f);
  add = CTL (f, AS_SUPERVISOR, "item", "add", "BOLT", "--name", "Bolt M8x40", "--unit", "pcs", "--lot-tracked");
  assert_ok (add);

  /* A receipt makes the lot by its code. */
  receive = CTL (f, AS_WAREHOUSE, "stock", "receive", "BOLT", "100", "--to", "A-01", "--lot", "L-2026-47");
  assert_ok (receive);

  /* Every move of a lot-tracked item names its lot. */
  no_lot = CTL (f, AS_WAREHOUSE, "stock", "issue", "BOLT", "1", "--from", "A-01");
  pd_ctl_test_assert_failed (no_lot);

  issue = CTL (f, AS_WAREHOUSE, "stock", "issue", "BOLT", "40", "--from", "A-01", "--lot", "L-2026-47");
  assert_ok (issue);

  levels = CTL_JSON (f, "stock", "level", "BOLT");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (levels)), ==, 1);
  level = json_array_get_object_element (pd_ctl_test_node_get_array (levels), 0);
  g_assert_cmpstr (json_object_get_string_member (level, "lot"), ==, "L-2026-47");
  g_assert_cmpstr (json_object_get_string_member (level, "qty"), ==, "60");

  ledger = CTL_JSON (f, "stock", "ledger", "BOLT");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (ledger)), ==, 2);
  move = json_array_get_object_element (pd_ctl_test_node_get_array (ledger), 0);
  g_assert_cmpstr (json_object_get_string_member (move, "reason"), ==, "issue");
  g_assert_cmpstr (json_object_get_string_member (move, "lot"), ==, "L-2026-47");
  g_assert_true (json_object_get_null_member (move, "to"));
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, 2);
}

/* --- Reversal ------------------------------------------------------------------- */

static void
test_reverse (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdCtlRun) receive = NULL;
  g_autoptr(PdCtlRun) as_warehouse = NULL;
  g_autoptr(PdCtlRun) reverse = NULL;
  g_autoptr(PdCtlRun) twice = NULL;
  g_autoptr(PdCtlRun) bad_id = NULL;
  g_autoptr(JsonNode) received = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  g_autofree char *id = NULL;
  g_autofree char *qty = NULL;
  JsonObject *reversal;
  gint64 move_id;

  add_master_data (f);
  received = ctl_json (f, AS_WAREHOUSE, (const char * const []) {
                         "stock", "receive", "SKU-1", "7", "--to", "A-01", NULL });
  move_id = json_object_get_int_member (pd_ctl_test_node_get_object (received), "id");
  g_assert_cmpint (move_id, >, 0);
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (received), "qty"), ==, "7");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, move_id);

  as_warehouse = CTL (f, AS_WAREHOUSE, "stock", "reverse", id);
  pd_ctl_test_assert_failed (as_warehouse);

  reverse = CTL (f, AS_SUPERVISOR, "stock", "reverse", id, "--ref", "wrong item");
  assert_ok (reverse);
  pd_ctl_test_assert_contains (reverse->out, id);

  qty = level_qty (f, "SKU-1", "A-01");
  g_assert_null (qty);

  ledger = CTL_JSON (f, "stock", "ledger");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (ledger)), ==, 2);
  reversal = json_array_get_object_element (pd_ctl_test_node_get_array (ledger), 0);
  g_assert_cmpstr (json_object_get_string_member (reversal, "reason"), ==, "reversal");
  g_assert_cmpint (json_object_get_int_member (reversal, "reverses"), ==, move_id);
  g_assert_cmpstr (json_object_get_string_member (reversal, "from"), ==, "A-01");
  g_assert_true (json_object_get_null_member (reversal, "to"));
  g_assert_cmpstr (json_object_get_string_member (reversal, "ref"), ==, "wrong item");
  g_assert_cmpstr (json_object_get_string_member (reversal, "user"), ==, "supervisor");

  twice = CTL (f, AS_SUPERVISOR, "stock", "reverse", id);
  pd_ctl_test_assert_failed (twice);

  bad_id = CTL (f, AS_SUPERVISOR, "stock", "reverse", "first");
  pd_ctl_test_assert_usage_error (bad_id);

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, 2);
}

/* --- Check ---------------------------------------------------------------------- */

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdCtlRun) r1 = NULL;
  g_autoptr(PdCtlRun) r2 = NULL;
  g_autoptr(PdCtlRun) agrees = NULL;
  g_autoptr(PdCtlRun) differs = NULL;
  g_autoptr(PdCtlRun) differs_json = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  add_master_data (f);
  r1 = CTL (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "5", "--to", "A-01");
  assert_ok (r1);
  r2 = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "8", "--to", "A-02");
  assert_ok (r2);

  agrees = CTL (f, AS_OPERATOR, "stock", "check");
  assert_ok (agrees);
  g_assert_cmpstr (agrees->out, ==, "Stock agrees with the ledger (2 rows).\n");

  /* Someone edits the on-hand behind the ledger's back. */
  exec_sql (f, "UPDATE stock_levels SET qty = qty - 1000000 "
               "WHERE item_id = (SELECT id FROM items WHERE sku = 'SKU-1')");

  differs = CTL (f, AS_OPERATOR, "stock", "check");
  pd_ctl_test_assert_failed (differs);
  pd_ctl_test_assert_contains (differs->err, "SKU-1");
  g_assert_null (strstr (differs->err, "GREASE"));

  differs_json = pd_ctl_test_run (f->dir, AS_OPERATOR, (const char * const []) { "--json", "stock", "check", NULL });
  pd_ctl_test_assert_status (differs_json, 1);
  node = pd_ctl_test_parse_json (differs_json->out);
  object = pd_ctl_test_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (object, "agrees"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "differences")), ==, 1);
}

/* --- Low-stock alarm -------------------------------------------------------------- */

/* The source alarms of PRIORITY in `alarm list --json` whose condition
 * holds (a cleared alarm stays listed until acknowledged, with "active"
 * false). */
static guint
count_active_source_alarms (Fixture    *f,
                            const char *priority)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "alarm", "list");
  JsonArray *array = pd_ctl_test_node_get_array (node);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "condition"), "source") == 0 &&
          g_strcmp0 (json_object_get_string_member (object, "priority"), priority) == 0 &&
          json_object_get_boolean_member (object, "active"))
        n++;
    }

  return n;
}

static void
test_low_stock_alarm (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PdCtlRun) receive = NULL;
  g_autoptr(PdCtlRun) issue = NULL;
  g_autoptr(PdCtlRun) refill = NULL;
  g_autoptr(JsonNode) node = NULL;

  add_master_data (f);

  /* GREASE has --min 5. */
  receive = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "10", "--to", "A-01");
  assert_ok (receive);
  g_assert_cmpuint (count_active_source_alarms (f, "high"), ==, 0);

  /* Right after the issue that takes the warehouse below its minimum. */
  issue = CTL (f, AS_WAREHOUSE, "stock", "issue", "GREASE", "6", "--from", "A-01");
  assert_ok (issue);
  g_assert_cmpuint (count_active_source_alarms (f, "high"), ==, 1);

  refill = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "2", "--to", "A-02");
  assert_ok (refill);
  g_assert_cmpuint (count_active_source_alarms (f, "high"), ==, 0);
}

/* --- Reorder suggestions ----------------------------------------------------------- */

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdCtlRun) wh2 = NULL;
  g_autoptr(PdCtlRun) b01 = NULL;
  g_autoptr(PdCtlRun) receive = NULL;
  g_autoptr(PdCtlRun) po = NULL;
  g_autoptr(PdCtlRun) text = NULL;
  g_autoptr(PdCtlRun) csv = NULL;
  g_autoptr(PdCtlRun) zone = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;
  g_autoptr(PdCtlRun) both = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) only_wh2 = NULL;
  JsonArray *array;
  JsonObject *row;

  add_master_data (f);
  wh2 = CTL (f, AS_SUPERVISOR, "location", "add", "WH2");
  assert_ok (wh2);
  b01 = CTL (f, AS_SUPERVISOR, "location", "add", "B-01", "--parent", "WH2");
  assert_ok (b01);

  /* GREASE: min 5, max 100 (kg). 1.5 on hand and 2.25 on a draft order
   * into WH1: 1.5 + 2.25 is below 5: 100 − 3.75 is 96.25, exactly. */
  receive = CTL (f, AS_WAREHOUSE, "stock", "receive", "GREASE", "1.5", "--to", "A-01");
  assert_ok (receive);
  po = CTL (f, AS_SUPERVISOR, "order", "create", "inbound", "PO-7", "--line", "GREASE:2.25",
            "--location", "WH1", "--draft");
  assert_ok (po);

  node = CTL_JSON (f, "stock", "reorder");
  array = pd_ctl_test_node_get_array (node);
  /* SKU-1 has no thresholds; WH2 does not keep GREASE. */
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  row = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "sku"), ==, "GREASE");
  g_assert_cmpstr (json_object_get_string_member (row, "warehouse"), ==, "WH1");
  g_assert_cmpstr (json_object_get_string_member (row, "on_hand"), ==, "1.5");
  g_assert_cmpstr (json_object_get_string_member (row, "on_order"), ==, "2.25");
  g_assert_cmpstr (json_object_get_string_member (row, "on_order_unplaced"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (row, "min"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (row, "max"), ==, "100");
  g_assert_cmpstr (json_object_get_string_member (row, "suggested"), ==, "96.25");
  g_assert_cmpstr (json_object_get_string_member (row, "unit"), ==, "kg");

  only_wh2 = CTL_JSON (f, "stock", "reorder", "--warehouse", "WH2");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (only_wh2)), ==, 0);

  text = CTL (f, AS_WAREHOUSE, "stock", "reorder");
  assert_ok (text);
  pd_ctl_test_assert_contains (text->out, "GREASE");
  pd_ctl_test_assert_contains (text->out, "96.25");
  pd_ctl_test_assert_contains (text->out, "SUGGESTED");

  csv = CTL (f, AS_WAREHOUSE, "stock", "reorder", "--csv", "--warehouse", "WH1");
  assert_ok (csv);
  g_assert_cmpstr (csv->out, ==,
                   "sku,name,warehouse,on_hand,on_order,on_order_unplaced,min,max,suggested,unit\r\n"
                   "GREASE,Grease,WH1,1.5,2.25,0,5,100,96.25,kg\r\n");

  /* Bad input: a clear message naming the value, and nothing else. */
  zone = CTL (f, AS_WAREHOUSE, "stock", "reorder", "--warehouse", "Z1");
  pd_ctl_test_assert_failed (zone);
  pd_ctl_test_assert_contains (zone->err, "“Z1”");
  pd_ctl_test_assert_contains (zone->err, "not a warehouse");
  unknown = CTL (f, AS_WAREHOUSE, "stock", "reorder", "--warehouse", "NOPE");
  pd_ctl_test_assert_failed (unknown);
  pd_ctl_test_assert_contains (unknown->err, "“NOPE”");
  both = CTL (f, AS_WAREHOUSE, "--json", "stock", "reorder", "--csv");
  pd_ctl_test_assert_usage_error (both);
}

/* --- Help ------------------------------------------------------------------------- */

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PdCtlRun) level = NULL;
  g_autoptr(PdCtlRun) group = NULL;

  level = CTL (f, NO_ENV, "stock", "level", "--help");
  assert_ok (level);
  pd_ctl_test_assert_contains (level->out, "stock level [SKU]");
  pd_ctl_test_assert_contains (level->out, "--location");

  group = CTL (f, NO_ENV, "help", "stock");
  assert_ok (group);
  pd_ctl_test_assert_contains (group->out, "stock receive SKU QTY --to LOCATION");
  pd_ctl_test_assert_contains (group->out, "stock check");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pd_ctl_test_fixture_set_up_populated, func, pd_ctl_test_fixture_tear_down)

  ADD ("/ctl/stock/items", test_items);
  ADD ("/ctl/stock/item-import", test_item_import);
  ADD ("/ctl/stock/locations", test_locations);
  ADD ("/ctl/stock/receive-issue-move", test_receive_issue_move);
  ADD ("/ctl/stock/ledger", test_ledger);
  ADD ("/ctl/stock/refusals", test_refusals);
  ADD ("/ctl/stock/exact-decimal", test_exact_decimal);
  ADD ("/ctl/stock/lots", test_lots);
  ADD ("/ctl/stock/reverse", test_reverse);
  ADD ("/ctl/stock/check", test_check);
  ADD ("/ctl/stock/low-stock-alarm", test_low_stock_alarm);
  ADD ("/ctl/stock/reorder", test_reorder);
  ADD ("/ctl/stock/help", test_help);

  status = g_test_run ();
  pd_ctl_test_clear_template ();

  return status;
}
