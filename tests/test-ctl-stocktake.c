/* test-ctl-stocktake.c — plantdesk-ctl stocktake start, count, review, post, cancel, list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-stocktake"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_SUPERVISOR AS ("supervisor")
#define AS_WAREHOUSE AS ("warehouse")

#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })
#define CTL_JSON(f, env, ...) ctl_json ((f), (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

static JsonNode *
ctl_json (Fixture            *f,
          const char * const *env,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, env, args);
}

static void
ok (Fixture            *f,
    const char * const *env,
    const char * const *args)
{
  g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, env, args);

  pd_ctl_test_assert_ok (run);
}

#define OK(f, env, ...) ok ((f), (env), (const char * const []) { __VA_ARGS__, NULL })

/* WH1 → Z1 → A-01 (barcode LOC-A01), A-02; WH2 → B-01. SKU-1 (barcode
 * 4006381333931): 10 at A-01, 4 at A-02, 3 at B-01; BOLT (lots): 2 of L1 at A-02. */
static void
set_up_stock (Fixture *f)
{
  OK (f, AS_SUPERVISOR, "item", "add", "SKU-1", "--name", "Hex nut M8", "--unit", "pcs", "--barcode", "4006381333931");
  OK (f, AS_SUPERVISOR, "item", "add", "BOLT", "--name", "Bolt", "--unit", "pcs", "--lot-tracked");
  OK (f, AS_SUPERVISOR, "location", "add", "WH1");
  OK (f, AS_SUPERVISOR, "location", "add", "Z1", "--parent", "WH1", "--kind", "zone");
  OK (f, AS_SUPERVISOR, "location", "add", "A-01", "--parent", "Z1", "--barcode", "LOC-A01");
  OK (f, AS_SUPERVISOR, "location", "add", "A-02", "--parent", "Z1");
  OK (f, AS_SUPERVISOR, "location", "add", "WH2");
  OK (f, AS_SUPERVISOR, "location", "add", "B-01", "--parent", "WH2");
  OK (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "10", "--to", "A-01");
  OK (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "4", "--to", "A-02");
  OK (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "3", "--to", "B-01");
  OK (f, AS_WAREHOUSE, "stock", "receive", "BOLT", "2", "--to", "A-02", "--lot", "L1");
}

static char *
start (Fixture            *f,
       const char * const *args)
{
  g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, args);
  guint64 id;

  pd_ctl_test_assert_ok (run);
  g_strchomp (run->out);
  g_assert_true (g_ascii_string_to_unsigned (run->out, 10, 1, G_MAXINT64, &id, NULL));
  return g_strdup (run->out);
}

static JsonObject *
find_line (JsonNode   *review,
           const char *sku,
           const char *location)
{
  JsonArray *lines = json_object_get_array_member (pd_ctl_test_node_get_object (review), "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_strcmp0 (json_object_get_string_member (line, "sku"), sku) == 0 &&
          g_strcmp0 (json_object_get_string_member (line, "location"), location) == 0)
        return line;
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
level_qty (Fixture    *f,
           const char *sku,
           const char *location)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, AS_ADMIN, "stock", "level", sku, "--location", location);
  JsonArray *array = pd_ctl_test_node_get_array (node);

  if (json_array_get_length (array) == 0)
    return g_strdup ("0");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "qty"));
}

static void
assert_level (Fixture    *f,
              const char *sku,
              const char *location,
              const char *qty)
{
  g_autofree char *actual = level_qty (f, sku, location);

  g_assert_cmpstr (actual, ==, qty);
}

/* --- Tests -------------------------------------------------------------------- */

/* The whole round: counts by barcode, a receipt during the count that the
 * count includes, a recount, found stock, the review, posting, the check. */
static void
test_round (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) review = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(PdCtlRun) count = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(PdCtlRun) post = NULL;
  g_autoptr(PdCtlRun) again = NULL;
  g_autoptr(PdCtlRun) check = NULL;
  g_autoptr(PdCtlRun) ledger = NULL;
  g_autofree char *ref = NULL;
  JsonObject *line;

  set_up_stock (f);
  id = start (f, (const char * const []) { "stocktake", "start", "--location", "Z1", NULL });

  /* Five arrive at A-01 while people count; the count of 15 includes them. */
  OK (f, AS_WAREHOUSE, "stock", "receive", "SKU-1", "5", "--to", "A-01");
  count = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "4006381333931", "15", "--location", "LOC-A01");
  pd_ctl_test_assert_ok (count);
  pd_ctl_test_assert_contains (count->out, "SKU-1");
  OK (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "3", "--location", "A-02");
  OK (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "3.5", "--location", "A-02");   /* a recount */
  OK (f, AS_WAREHOUSE, "stocktake", "count", id, "BOLT", "1", "--location", "A-01", "--lot", "L1");  /* found */

  review = CTL_JSON (f, AS_SUPERVISOR, "stocktake", "review", id);
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (review), "status"), ==, "open");
  line = find_line (review, "SKU-1", "A-01");
  g_assert_cmpstr (json_object_get_string_member (line, "expected"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (line, "moved"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (line, "counted_qty"), ==, "15");
  g_assert_cmpstr (json_object_get_string_member (line, "difference"), ==, "0");
  line = find_line (review, "SKU-1", "A-02");
  g_assert_cmpint (json_object_get_int_member (line, "counts"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (line, "difference"), ==, "-0.5");
  line = find_line (review, "BOLT", "A-01");
  g_assert_true (json_object_get_boolean_member (line, "found"));
  g_assert_cmpstr (json_object_get_string_member (line, "lot"), ==, "L1");
  g_assert_cmpstr (json_object_get_string_member (line, "difference"), ==, "1");
  line = find_line (review, "BOLT", "A-02");
  g_assert_false (json_object_get_boolean_member (line, "counted"));
  g_assert_true (json_object_get_null_member (line, "difference"));

  table = CTL (f, AS_SUPERVISOR, "stocktake", "review", id);
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "DIFFERENCE");
  pd_ctl_test_assert_contains (table->out, "-0.5");
  pd_ctl_test_assert_contains (table->out, "not counted");

  post = CTL (f, AS_SUPERVISOR, "stocktake", "post", id);
  pd_ctl_test_assert_ok (post);
  pd_ctl_test_assert_contains (post->out, "2 adjustments");

  assert_level (f, "SKU-1", "A-01", "15");
  assert_level (f, "SKU-1", "A-02", "3.5");
  assert_level (f, "BOLT", "A-02", "2");   /* not counted: left alone */
  assert_level (f, "SKU-1", "B-01", "3");  /* outside the scope */
  check = CTL (f, AS_SUPERVISOR, "stock", "check");
  pd_ctl_test_assert_ok (check);

  ref = g_strdup_printf ("stocktake %s", id);
  ledger = CTL (f, AS_SUPERVISOR, "stock", "ledger", "--limit", "2");
  pd_ctl_test_assert_ok (ledger);
  pd_ctl_test_assert_contains (ledger->out, ref);

  /* Posting twice is refused and moves nothing. */
  again = CTL (f, AS_SUPERVISOR, "stocktake", "post", id);
  pd_ctl_test_assert_failed (again);
  pd_ctl_test_assert_contains (again->err, "posted");
  assert_level (f, "SKU-1", "A-02", "3.5");

  list = CTL_JSON (f, AS_WAREHOUSE, "stocktake", "list");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (list)), ==, 1);
  line = json_array_get_object_element (pd_ctl_test_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (line, "status"), ==, "posted");
  g_assert_cmpstr (json_object_get_string_member (line, "location"), ==, "Z1");
  g_assert_cmpstr (json_object_get_string_member (line, "posted_by"), ==, "supervisor");
}

static void
test_uncounted_as_zero_and_skus (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *cancelled = NULL;
  g_autoptr(JsonNode) review = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autoptr(PdCtlRun) other = NULL;
  g_autoptr(PdCtlRun) text = NULL;

  set_up_stock (f);
  id = start (f, (const char * const []) { "stocktake", "start", "--sku", "SKU-1", NULL });
  review = CTL_JSON (f, AS_SUPERVISOR, "stocktake", "review", id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pd_ctl_test_node_get_object (review), "lines")), ==, 3);

  /* BOLT is not in this stocktake. */
  other = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "BOLT", "1", "--location", "A-02", "--lot", "L1");
  pd_ctl_test_assert_failed (other);
  pd_ctl_test_assert_contains (other->err, "BOLT");

  OK (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "10", "--location", "A-01");
  post = CTL_JSON (f, AS_SUPERVISOR, "stocktake", "post", id, "--uncounted-as-zero");
  g_assert_cmpint (json_object_get_int_member (pd_ctl_test_node_get_object (post), "adjustments"), ==, 2);
  assert_level (f, "SKU-1", "A-01", "10");
  assert_level (f, "SKU-1", "A-02", "0");
  assert_level (f, "SKU-1", "B-01", "0");
  assert_level (f, "BOLT", "A-02", "2");
  OK (f, AS_SUPERVISOR, "stock", "check");

  cancelled = start (f, (const char * const []) { "stocktake", "start", NULL });
  OK (f, AS_WAREHOUSE, "stocktake", "count", cancelled, "BOLT", "0", "--location", "A-02", "--lot", "L1");
  OK (f, AS_SUPERVISOR, "stocktake", "cancel", cancelled);
  text = CTL (f, AS_SUPERVISOR, "stocktake", "post", cancelled, "--uncounted-as-zero");
  pd_ctl_test_assert_failed (text);
  assert_level (f, "BOLT", "A-02", "2");
}

static void
test_blind (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) hidden = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  JsonObject *line;

  set_up_stock (f);
  id = start (f, (const char * const []) { "stocktake", "start", "--location", "WH1", "--blind", NULL });
  OK (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "9", "--location", "A-01");

  hidden = CTL_JSON (f, AS_WAREHOUSE, "stocktake", "review", id);
  g_assert_true (json_object_get_boolean_member (pd_ctl_test_node_get_object (hidden), "blind"));
  line = find_line (hidden, "SKU-1", "A-01");
  g_assert_true (json_object_get_null_member (line, "expected"));
  g_assert_true (json_object_get_null_member (line, "moved"));
  g_assert_true (json_object_get_null_member (line, "difference"));
  g_assert_cmpstr (json_object_get_string_member (line, "counted_qty"), ==, "9");
  table = CTL (f, AS_WAREHOUSE, "stocktake", "review", id);
  pd_ctl_test_assert_ok (table);
  g_assert_null (strstr (table->out, "10"));

  shown = CTL_JSON (f, AS_SUPERVISOR, "stocktake", "review", id);
  line = find_line (shown, "SKU-1", "A-01");
  g_assert_cmpstr (json_object_get_string_member (line, "expected"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (line, "difference"), ==, "-1");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(PdCtlRun) by_warehouse = NULL;
  g_autoptr(PdCtlRun) post_by_warehouse = NULL;
  g_autoptr(PdCtlRun) bad_qty = NULL;
  g_autoptr(PdCtlRun) negative = NULL;
  g_autoptr(PdCtlRun) bad_id = NULL;
  g_autoptr(PdCtlRun) no_location = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;
  g_autoptr(PdCtlRun) outside = NULL;
  g_autoptr(PdCtlRun) no_lot = NULL;

  set_up_stock (f);
  by_warehouse = CTL (f, AS_WAREHOUSE, "stocktake", "start");
  pd_ctl_test_assert_failed (by_warehouse);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stocktakes"), ==, 0);

  id = start (f, (const char * const []) { "stocktake", "start", "--location", "Z1", NULL });
  bad_qty = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "1,5", "--location", "A-01");
  pd_ctl_test_assert_failed (bad_qty);
  pd_ctl_test_assert_contains (bad_qty->err, "1,5");
  negative = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "-1", "--location", "A-01");
  pd_ctl_test_assert_failed (negative);
  pd_ctl_test_assert_contains (negative->err, "-1");
  bad_id = CTL (f, AS_WAREHOUSE, "stocktake", "count", "x", "SKU-1", "1", "--location", "A-01");
  pd_ctl_test_assert_usage_error (bad_id);
  no_location = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "1");
  pd_ctl_test_assert_usage_error (no_location);
  unknown = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "NOPE", "1", "--location", "A-01");
  pd_ctl_test_assert_failed (unknown);
  pd_ctl_test_assert_contains (unknown->err, "NOPE");
  outside = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "SKU-1", "1", "--location", "B-01");
  pd_ctl_test_assert_failed (outside);
  pd_ctl_test_assert_contains (outside->err, "B-01");
  no_lot = CTL (f, AS_WAREHOUSE, "stocktake", "count", id, "BOLT", "1", "--location", "A-02");
  pd_ctl_test_assert_failed (no_lot);
  pd_ctl_test_assert_contains (no_lot->err, "BOLT");
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stocktake_counts"), ==, 0);

  post_by_warehouse = CTL (f, AS_WAREHOUSE, "stocktake", "post", id);
  pd_ctl_test_assert_failed (post_by_warehouse);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, 4);
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

  ADD ("/ctl/stocktake/round", test_round);
  ADD ("/ctl/stocktake/uncounted-as-zero-skus-cancel", test_uncounted_as_zero_and_skus);
  ADD ("/ctl/stocktake/blind", test_blind);
  ADD ("/ctl/stocktake/refusals", test_refusals);
#undef ADD

  status = g_test_run ();
  pd_ctl_test_clear_template ();

  return status;
}
