/* test-ctl-orders.c — plantdesk-ctl order commands: create, list, show,
 * pick, release, cancel, close; inbound, outbound and transfer orders
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-orders"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-core.h"
#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_OPERATOR AS ("operator")
#define AS_WAREHOUSE AS ("warehouse")

#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

static JsonNode *
ctl_json (Fixture            *f,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, AS_ADMIN, args);
}

#define CTL_JSON(f, ...) ctl_json ((f), (const char * const []) { __VA_ARGS__, NULL })

#define RUN_OK(f, env, ...) G_STMT_START { \
    g_autoptr(PdCtlRun) _run = CTL (f, env, __VA_ARGS__); \
    pd_ctl_test_assert_ok (_run); \
  } G_STMT_END

/* A refusal: status 1, its message on stderr, and nothing changed in the
 * ledger or the orders. */
#define REFUSED(f, env, needle, ...) G_STMT_START { \
    gint64 _moves = pd_ctl_test_count_rows ((f)->dir, "stock_moves"); \
    g_autofree char *_before = order_state (f); \
    g_autoptr(PdCtlRun) _run = CTL (f, env, __VA_ARGS__); \
    g_autofree char *_after = NULL; \
    pd_ctl_test_assert_failed (_run); \
    pd_ctl_test_assert_contains (_run->err, needle); \
    g_assert_cmpint (pd_ctl_test_count_rows ((f)->dir, "stock_moves"), ==, _moves); \
    _after = order_state (f); \
    g_assert_cmpstr (_after, ==, _before); \
  } G_STMT_END

/* Every order and line as JSON text, to compare before and after. */
static char *
order_state (Fixture *f)
{
  g_autoptr(JsonNode) list = CTL_JSON (f, "order", "list");
  JsonArray *array = pd_ctl_test_node_get_array (list);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autoptr(JsonNode) show = CTL_JSON (f, "order", "show", json_object_get_string_member (o, "ref"));
      g_autofree char *text = json_to_string (show, FALSE);

      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/* Items SKU-1 (pcs, barcode 4006381333931), GREASE (kg), BOLT (pcs,
 * lot-tracked); WH1 → Z1 → A-01 (barcode LOC-A01), A-02; WH2 → B-01. */
static void
add_master_data (Fixture *f)
{
  RUN_OK (f, AS_ADMIN, "item", "add", "SKU-1", "--name", "Hex nut M8", "--unit", "pcs",
          "--barcode", "4006381333931");
  RUN_OK (f, AS_ADMIN, "item", "add", "GREASE", "--name", "Grease", "--unit", "kg");
  RUN_OK (f, AS_ADMIN, "item", "add", "BOLT", "--name", "Bolt", "--unit", "pcs", "--lot-tracked");
  RUN_OK (f, AS_ADMIN, "location", "add", "WH1");
  RUN_OK (f, AS_ADMIN, "location", "add", "Z1", "--parent", "WH1", "--kind", "zone");
  RUN_OK (f, AS_ADMIN, "location", "add", "A-01", "--parent", "Z1", "--barcode", "LOC-A01");
  RUN_OK (f, AS_ADMIN, "location", "add", "A-02", "--parent", "Z1");
  RUN_OK (f, AS_ADMIN, "location", "add", "WH2");
  RUN_OK (f, AS_ADMIN, "location", "add", "B-01", "--parent", "WH2");
}

static JsonObject *
line_of (JsonNode *order,
         guint     n)
{
  JsonArray *lines = json_object_get_array_member (pd_ctl_test_node_get_object (order), "lines");

  g_assert_cmpuint (n, <=, json_array_get_length (lines));
  return json_array_get_object_element (lines, n - 1);
}

static void
assert_check_agrees (Fixture *f)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_ADMIN, "stock", "check");

  pd_ctl_test_assert_ok (run);
}

static void
test_inbound (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdCtlRun) create = NULL;
  g_autoptr(PdCtlRun) pick = NULL;
  g_autoptr(PdCtlRun) rest = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) list = NULL;

  add_master_data (f);

  create = CTL (f, AS_WAREHOUSE, "order", "create", "inbound", "PO-1",
                "--line", "SKU-1:10", "--line", "GREASE:2.5", "--location", "WH1",
                "--tolerance", "10", "--partner", "ACME");
  pd_ctl_test_assert_ok (create);
  pd_ctl_test_assert_contains (create->out, "PO-1");

  /* Scanned as the scanner types: the bin's and the item's barcodes. */
  pick = CTL (f, AS_WAREHOUSE, "order", "pick", "PO-1", "4006381333931", "4", "--location", "LOC-A01");
  pd_ctl_test_assert_ok (pick);
  pd_ctl_test_assert_contains (pick->out, "Received 4 pcs of SKU-1 at A-01 for order PO-1");
  pd_ctl_test_assert_contains (pick->out, "6 pcs remain");

  order = CTL_JSON (f, "order", "show", "po-1");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "status"), ==, "in-progress");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "partner"), ==, "ACME");
  g_assert_cmpstr (json_object_get_string_member (line_of (order, 1), "done"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (line_of (order, 1), "remaining"), ==, "6");
  g_assert_cmpstr (json_object_get_string_member (line_of (order, 2), "qty"), ==, "2.5");
  g_clear_pointer (&order, json_node_unref);

  /* Over-receipt beyond 10 %: named and refused, nothing recorded. */
  REFUSED (f, AS_WAREHOUSE, "Over-receipt: 8 pcs of SKU-1 asked; 6 pcs remain on order PO-1 (at most 7 with the tolerance).",
           "order", "pick", "PO-1", "SKU-1", "8", "--location", "A-01");
  /* QTY 0: the rest of the line. */
  rest = CTL (f, AS_WAREHOUSE, "order", "pick", "PO-1", "SKU-1", "0", "--location", "A-02");
  pd_ctl_test_assert_ok (rest);
  pd_ctl_test_assert_contains (rest->out, "Received 6 pcs");
  RUN_OK (f, AS_WAREHOUSE, "order", "pick", "PO-1", "GREASE", "2.5", "--location", "A-02");

  order = CTL_JSON (f, "order", "show", "PO-1");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "status"), ==, "done");

  list = CTL_JSON (f, "order", "list", "--status", "done");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (list)), ==, 1);

  show = CTL (f, AS_ADMIN, "order", "show", "PO-1");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "GREASE");
  pd_ctl_test_assert_contains (show->out, "REMAINING");

  {
    g_autoptr(JsonNode) levels = CTL_JSON (f, "stock", "level", "SKU-1");

    g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (levels)), ==, 2);
  }
  assert_check_agrees (f);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) bad_kind = NULL;
  g_autoptr(PdCtlRun) bad_line = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(PdCtlRun) bad_status = NULL;

  add_master_data (f);
  RUN_OK (f, AS_ADMIN, "order", "create", "inbound", "PO-1", "--line", "SKU-1:5", "--location", "WH1");

  bad_kind = CTL (f, AS_ADMIN, "order", "create", "sideways", "PO-2", "--line", "SKU-1:1");
  pd_ctl_test_assert_usage_error (bad_kind);
  bad_line = CTL (f, AS_ADMIN, "order", "create", "inbound", "PO-2", "--line", "SKU-1:1,5");
  pd_ctl_test_assert_failed (bad_line);
  pd_ctl_test_assert_contains (bad_line->err, "--line “SKU-1:1,5”");
  unknown = CTL (f, AS_ADMIN, "order", "create", "inbound", "PO-2", "--line", "SKU-1:1", "--line", "NOPE:1");
  pd_ctl_test_assert_failed (unknown);
  pd_ctl_test_assert_contains (unknown->err, "Line 2: no item “NOPE”.");
  denied = CTL (f, AS_OPERATOR, "order", "create", "inbound", "PO-2", "--line", "SKU-1:1");
  pd_ctl_test_assert_failed (denied);
  bad_status = CTL (f, AS_ADMIN, "order", "list", "--status", "lost");
  pd_ctl_test_assert_usage_error (bad_status);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_orders"), ==, 1);

  /* Wrong code, not on the order, wrong location, codes swapped, an operator. */
  REFUSED (f, AS_WAREHOUSE, "Unknown code “XYZ”.", "order", "pick", "PO-1", "XYZ", "1", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "GREASE is not on order PO-1.", "order", "pick", "PO-1", "GREASE", "1", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "Order PO-1 receives into WH1; B-01 is not inside it.",
           "order", "pick", "PO-1", "SKU-1", "1", "--location", "B-01");
  REFUSED (f, AS_WAREHOUSE, "is a location, not an item", "order", "pick", "PO-1", "A-02", "1", "--location", "A-01");
  REFUSED (f, AS_OPERATOR, "", "order", "pick", "PO-1", "SKU-1", "1", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "Nothing was executed on order PO-1; cancel it instead.", "order", "close", "PO-1");

  /* Outbound: more than on hand is the ledger's refusal, naming what there is. */
  RUN_OK (f, AS_WAREHOUSE, "order", "pick", "PO-1", "SKU-1", "0", "--location", "A-01");
  RUN_OK (f, AS_WAREHOUSE, "order", "create", "outbound", "SO-1", "--line", "SKU-1:8", "--location", "Z1");
  REFUSED (f, AS_WAREHOUSE, "Only 5 pcs of SKU-1 at A-01; 8 asked.",
           "order", "pick", "SO-1", "SKU-1", "0", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "Over-pick: 9 pcs of SKU-1 asked; 8 pcs remain on order SO-1",
           "order", "pick", "SO-1", "SKU-1", "9", "--location", "A-01");
  assert_check_agrees (f);
}

static void
test_close_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PdCtlRun) close = NULL;
  g_autoptr(PdCtlRun) release = NULL;
  g_autoptr(JsonNode) order = NULL;

  add_master_data (f);
  RUN_OK (f, AS_ADMIN, "stock", "receive", "SKU-1", "20", "--to", "A-01");
  RUN_OK (f, AS_ADMIN, "stock", "receive", "BOLT", "3", "--to", "A-01", "--lot", "L7");

  /* A draft: released once, then picked partly, then closed short. */
  RUN_OK (f, AS_WAREHOUSE, "order", "create", "outbound", "SO-1", "--draft",
          "--line", "SKU-1:8", "--line", "BOLT:3:L7", "--line", "SKU-1:1");
  REFUSED (f, AS_WAREHOUSE, "Order SO-1 is a draft; release it first.",
           "order", "pick", "SO-1", "SKU-1", "1", "--location", "A-01");
  release = CTL (f, AS_WAREHOUSE, "order", "release", "SO-1");
  pd_ctl_test_assert_ok (release);
  REFUSED (f, AS_WAREHOUSE, "Order SO-1 is released; only a draft is released.", "order", "release", "SO-1");

  RUN_OK (f, AS_WAREHOUSE, "order", "pick", "SO-1", "SKU-1", "3", "--location", "A-01");
  RUN_OK (f, AS_WAREHOUSE, "order", "pick", "SO-1", "BOLT", "0", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "Order SO-1 is in progress: stock has moved for it. Close it instead.",
           "order", "cancel", "SO-1");

  close = CTL (f, AS_WAREHOUSE, "order", "close", "SO-1");
  pd_ctl_test_assert_ok (close);
  pd_ctl_test_assert_contains (close->out, "Closed order SO-1 short; 2 lines were short:");
  pd_ctl_test_assert_contains (close->out, "line 1: SKU-1, 3 of 8 pcs");
  pd_ctl_test_assert_contains (close->out, "line 3: SKU-1, 0 of 1 pcs");

  order = CTL_JSON (f, "order", "show", "SO-1");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "status"), ==, "done");
  g_assert_true (json_object_get_boolean_member (pd_ctl_test_node_get_object (order), "closed_short"));
  g_assert_true (json_object_get_boolean_member (line_of (order, 1), "short"));
  g_assert_false (json_object_get_boolean_member (line_of (order, 2), "short"));
  REFUSED (f, AS_WAREHOUSE, "Order SO-1 is done already.", "order", "close", "SO-1");
  REFUSED (f, AS_WAREHOUSE, "Order SO-1 is done; only a draft or released order is cancelled.", "order", "cancel", "SO-1");

  /* Cancelled before anything moved; then nothing executes on it. */
  RUN_OK (f, AS_WAREHOUSE, "order", "create", "inbound", "PO-9", "--line", "SKU-1:1");
  RUN_OK (f, AS_WAREHOUSE, "order", "cancel", "PO-9");
  REFUSED (f, AS_WAREHOUSE, "Order PO-9 is cancelled; nothing more is executed on it.",
           "order", "pick", "PO-9", "SKU-1", "1", "--location", "A-01");

  {
    g_autoptr(JsonNode) levels = CTL_JSON (f, "stock", "level", "SKU-1");
    JsonObject *level = json_array_get_object_element (pd_ctl_test_node_get_array (levels), 0);

    g_assert_cmpstr (json_object_get_string_member (level, "qty"), ==, "17");
  }
  assert_check_agrees (f);
}

static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) create = NULL;
  g_autoptr(PdCtlRun) pick = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(PdCtlRun) close = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) orders = NULL;

  add_master_data (f);
  RUN_OK (f, AS_ADMIN, "stock", "receive", "SKU-1", "10", "--to", "A-01");
  RUN_OK (f, AS_ADMIN, "stock", "receive", "BOLT", "4", "--to", "A-02", "--lot", "L7");

  /* Both ends are needed, and not the same one; --to only on a transfer. */
  {
    g_autoptr(PdCtlRun) no_to = CTL (f, AS_WAREHOUSE, "order", "create", "transfer", "TR-1",
                                     "--line", "SKU-1:1", "--location", "Z1");
    g_autoptr(PdCtlRun) no_from = CTL (f, AS_WAREHOUSE, "order", "create", "transfer", "TR-1",
                                       "--line", "SKU-1:1", "--to", "WH2");
    g_autoptr(PdCtlRun) to_inbound = CTL (f, AS_WAREHOUSE, "order", "create", "inbound", "PO-1",
                                          "--line", "SKU-1:1", "--to", "WH2");
    g_autoptr(PdCtlRun) same = CTL (f, AS_WAREHOUSE, "order", "create", "transfer", "TR-1",
                                    "--line", "SKU-1:1", "--location", "A-01", "--to", "LOC-A01");
    g_autoptr(PdCtlRun) nowhere = CTL (f, AS_WAREHOUSE, "order", "create", "transfer", "TR-1",
                                       "--line", "SKU-1:1", "--location", "A-01", "--to", "NOWHERE");

    pd_ctl_test_assert_usage_error (no_to);
    pd_ctl_test_assert_contains (no_to->err, "A transfer needs --to, where the stock goes.");
    pd_ctl_test_assert_usage_error (no_from);
    pd_ctl_test_assert_contains (no_from->err, "A transfer needs --location, where the stock comes from.");
    pd_ctl_test_assert_usage_error (to_inbound);
    pd_ctl_test_assert_contains (to_inbound->err, "--to is for transfers only");
    pd_ctl_test_assert_failed (same);
    pd_ctl_test_assert_contains (same->err, "--to “LOC-A01” is the location the stock comes from (--location “A-01”)");
    pd_ctl_test_assert_failed (nowhere);
    pd_ctl_test_assert_contains (nowhere->err, "No location has the code or barcode “NOWHERE”.");
    g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_orders"), ==, 0);
  }

  create = CTL (f, AS_WAREHOUSE, "order", "create", "transfer", "TR-1",
                "--line", "SKU-1:8", "--line", "BOLT:4:L7", "--location", "Z1", "--to", "WH2");
  pd_ctl_test_assert_ok (create);
  pd_ctl_test_assert_contains (create->out, "Created transfer order TR-1 with 2 lines (released).");

  /* Wrong ends, a missing --to, more than the line or than on hand: nothing recorded. */
  REFUSED (f, AS_WAREHOUSE, "Order TR-1 is a transfer from Z1 to WH2: give --to, the location the stock goes to.",
           "order", "pick", "TR-1", "SKU-1", "1", "--location", "A-01");
  REFUSED (f, AS_WAREHOUSE, "Order TR-1 takes from Z1; B-01 is not inside it.",
           "order", "pick", "TR-1", "SKU-1", "1", "--location", "B-01", "--to", "B-01");
  REFUSED (f, AS_WAREHOUSE, "Order TR-1 puts into WH2; A-02 is not inside it.",
           "order", "pick", "TR-1", "SKU-1", "1", "--location", "A-01", "--to", "A-02");
  REFUSED (f, AS_WAREHOUSE, "Over-transfer: 9 pcs of SKU-1 asked; 8 pcs remain on order TR-1",
           "order", "pick", "TR-1", "SKU-1", "9", "--location", "A-01", "--to", "B-01");
  REFUSED (f, AS_WAREHOUSE, "Only 0 pcs of SKU-1 at A-02; 2 asked.",
           "order", "pick", "TR-1", "SKU-1", "2", "--location", "A-02", "--to", "B-01");
  REFUSED (f, AS_OPERATOR, "", "order", "pick", "TR-1", "SKU-1", "1", "--location", "A-01", "--to", "B-01");

  /* Part of a line, by barcodes. */
  pick = CTL (f, AS_WAREHOUSE, "order", "pick", "TR-1", "4006381333931", "5", "--location", "LOC-A01", "--to", "B-01");
  pd_ctl_test_assert_ok (pick);
  pd_ctl_test_assert_contains (pick->out, "Moved 5 pcs of SKU-1 from A-01 to B-01 for order TR-1");
  pd_ctl_test_assert_contains (pick->out, "3 pcs remain");

  /* --to on another kind of order is refused. */
  RUN_OK (f, AS_WAREHOUSE, "order", "create", "outbound", "SO-1", "--line", "SKU-1:1");
  REFUSED (f, AS_WAREHOUSE, "--to is for transfers only; order SO-1 is outbound.",
           "order", "pick", "SO-1", "SKU-1", "1", "--location", "A-01", "--to", "B-01");

  /* The JSON says where it goes, and the move. */
  {
    g_autoptr(PdCtlRun) lot_run = NULL;
    g_autoptr(JsonNode) moved = NULL;
    JsonObject *m;
    const char *args[] = { "--json", "order", "pick", "TR-1", "BOLT", "1", "--location", "A-02", "--to", "B-01", NULL };

    lot_run = pd_ctl_test_run (f->dir, AS_WAREHOUSE, args);
    pd_ctl_test_assert_ok (lot_run);
    moved = pd_ctl_test_parse_json (lot_run->out);
    g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (moved), "to"), ==, "WH2");
    m = json_object_get_object_member (pd_ctl_test_node_get_object (moved), "move");
    g_assert_cmpstr (json_object_get_string_member (m, "reason"), ==, "transfer");
    g_assert_cmpstr (json_object_get_string_member (m, "from"), ==, "A-02");
    g_assert_cmpstr (json_object_get_string_member (m, "to"), ==, "B-01");
    g_assert_cmpstr (json_object_get_string_member (m, "lot"), ==, "L7");
  }

  order = CTL_JSON (f, "order", "show", "TR-1");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "kind"), ==, "transfer");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "status"), ==, "in-progress");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "location"), ==, "Z1");
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (order), "to"), ==, "WH2");
  g_assert_cmpstr (json_object_get_string_member (line_of (order, 1), "done"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (line_of (order, 2), "done"), ==, "1");

  orders = CTL_JSON (f, "order", "list");
  {
    JsonArray *array = pd_ctl_test_node_get_array (orders);

    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0), "to"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "to"), ==, "WH2");
  }

  show = CTL (f, AS_ADMIN, "order", "show", "TR-1");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "Order TR-1: transfer, in progress, from Z1 to WH2, tolerance 0 %");
  list = CTL (f, AS_ADMIN, "order", "list");
  pd_ctl_test_assert_ok (list);
  pd_ctl_test_assert_contains (list->out, "TO");
  pd_ctl_test_assert_contains (list->out, "WH2");

  /* Closed short: what was moved stays where it went. */
  close = CTL (f, AS_WAREHOUSE, "order", "close", "TR-1");
  pd_ctl_test_assert_ok (close);
  pd_ctl_test_assert_contains (close->out, "Closed order TR-1 short; 2 lines were short:");
  pd_ctl_test_assert_contains (close->out, "line 1: SKU-1, 5 of 8 pcs");
  pd_ctl_test_assert_contains (close->out, "line 2: BOLT, 1 of 4 pcs");
  REFUSED (f, AS_WAREHOUSE, "Order TR-1 is done; nothing more is executed on it.",
           "order", "pick", "TR-1", "SKU-1", "1", "--location", "A-01", "--to", "B-01");

  {
    g_autoptr(JsonNode) levels = CTL_JSON (f, "stock", "level", "SKU-1", "--location", "B-01");
    JsonObject *level = json_array_get_object_element (pd_ctl_test_node_get_array (levels), 0);

    g_assert_cmpstr (json_object_get_string_member (level, "qty"), ==, "5");
  }
  assert_check_agrees (f);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PdCtlRun) help = CTL (f, AS_ADMIN, "order", "--help");
  g_autoptr(PdCtlRun) pick_help = CTL (f, AS_ADMIN, "order", "pick", "--help");

  pd_ctl_test_assert_ok (help);
  pd_ctl_test_assert_contains (help->out, "create");
  pd_ctl_test_assert_contains (help->out, "close");
  pd_ctl_test_assert_ok (pick_help);
  pd_ctl_test_assert_contains (pick_help->out, "--location");
  pd_ctl_test_assert_contains (pick_help->out, "--to");
  pd_ctl_test_assert_contains (help->out, "transfer");
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

  ADD ("/ctl/orders/inbound", test_inbound);
  ADD ("/ctl/orders/refusals", test_refusals);
  ADD ("/ctl/orders/close-cancel", test_close_cancel);
  ADD ("/ctl/orders/transfer", test_transfer);
  ADD ("/ctl/orders/help", test_help);

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
