/* pd-test-utils.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-test-utils"

#include "config.h"

#include <glib/gstdio.h>

#include "pd-test-utils.h"

char *
pd_test_data_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plantdesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
pd_test_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_unlink (dir);
      return;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        pd_test_rm_rf (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

void
pd_test_data_dir_free (char *dir)
{
  if (dir == NULL)
    return;

  pd_test_rm_rf (dir);
  g_free (dir);
}

PdStore *
pd_test_store_new_populated (const char *dir)
{
  static const struct { const char *name; PdRole role; } users[] = {
    { "supervisor", PD_ROLE_SUPERVISOR },
    { "operator", PD_ROLE_OPERATOR },
    { "warehouse", PD_ROLE_WAREHOUSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;

  pd_core_init ();

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);

  pd_store_init_station (store, "Test station", "admin", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  admin = pd_store_find_user (store, "admin", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(PdUser) user = pd_store_add_user (store, admin, users[i].name, users[i].role,
                                                  PD_TEST_PASSWORD, &error);
      g_assert_no_error (error);
      g_assert_nonnull (user);
    }

  return g_steal_pointer (&store);
}

static char *populated_template;

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *name)
{
  g_autofree char *from = g_build_filename (from_dir, name, NULL);
  g_autofree char *to = g_build_filename (to_dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

char *
pd_test_data_dir_new_populated (void)
{
  char *dir;

  if (populated_template == NULL)
    {
      g_autoptr(PdStore) store = NULL;

      populated_template = pd_test_data_dir_new ();
      store = pd_test_store_new_populated (populated_template);
      /* Everything into the main file, so that copying it is enough. */
      g_assert_cmpint (sqlite3_exec (pd_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
    }

  dir = pd_test_data_dir_new ();
  copy_file (populated_template, dir, "plantdesk.db");
  return dir;
}

PdStore *
pd_test_store_open_populated (char **dir)
{
  g_autoptr(GError) error = NULL;
  PdStore *store;

  *dir = pd_test_data_dir_new_populated ();
  store = pd_store_open (*dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

void
pd_test_populated_template_free (void)
{
  g_clear_pointer (&populated_template, pd_test_data_dir_free);
}

PdUser *
pd_test_login (PdStore    *store,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  PdUser *user = pd_store_find_user (store, name, &error);

  g_assert_no_error (error);
  return user;
}

gint64
pd_test_count_rows (PdStore    *store,
                    const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
pd_test_wait_for (gboolean *flag,
                  double    seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), deadline_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return *flag;
}

PdDevice *
pd_test_tcp_device_new (gint64      id,
                        const char *name,
                        guint       port,
                        guint       timeout_ms,
                        guint       poll_ms)
{
  PdDevice *device = pd_device_new ();

  device->id = id;
  g_free (device->name);
  device->name = g_strdup (name);
  g_free (device->host);
  device->host = g_strdup ("127.0.0.1");
  device->port = port;
  device->unit_id = 1;
  device->timeout_ms = timeout_ms;
  device->poll_ms = poll_ms;
  device->enabled = TRUE;
  device->lifecycle = PD_LIFECYCLE_IN_SERVICE;
  return device;
}

PdTag *
pd_test_tag_new (gint64      id,
                 gint64      device_id,
                 const char *name,
                 PdArea      area,
                 guint       address,
                 PdTagType   type,
                 PdOrder     byte_order,
                 PdOrder     word_order)
{
  PdTag *tag = pd_tag_new ();

  tag->id = id;
  tag->device_id = device_id;
  g_free (tag->name);
  tag->name = g_strdup (name);
  tag->area = area;
  tag->address = address;
  tag->type = type;
  tag->byte_order = byte_order;
  tag->word_order = word_order;
  tag->writable = pd_area_is_writable (area);
  return tag;
}

gint64
pd_test_store_add_device (PdStore    *store,
                          PdUser     *user,
                          const char *name)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(PdDevice) stored = NULL;
  g_autoptr(GError) error = NULL;

  device->name = g_strdup (name);
  device->host = g_strdup ("127.0.0.1");
  device->port = 1502;
  stored = pd_store_add_device (store, user, device, &error);
  g_assert_no_error (error);
  return stored->id;
}

gint64
pd_test_store_add_tag (PdStore    *store,
                       PdUser     *user,
                       gint64      device_id,
                       const char *name,
                       PdArea      area,
                       guint       address,
                       PdTagType   type,
                       const char *unit)
{
  g_autoptr(PdTag) tag = pd_tag_new ();
  g_autoptr(PdTag) stored = NULL;
  g_autoptr(GError) error = NULL;

  tag->device_id = device_id;
  tag->name = g_strdup (name);
  tag->unit = g_strdup (unit);
  tag->area = area;
  tag->address = address;
  tag->type = type;
  stored = pd_store_add_tag (store, user, tag, &error);
  g_assert_no_error (error);
  return stored->id;
}

/* --- The warehouse ------------------------------------------------------- */

gint64
pd_test_add_location (PdStore        *store,
                      PdUser         *user,
                      PdLocationKind  kind,
                      const char     *code,
                      const char     *barcode,
                      gint64          parent_id)
{
  g_autoptr(PdLocation) location = pd_location_new (kind);
  g_autoptr(GError) error = NULL;

  location->code = g_strdup (code);
  location->barcode = g_strdup (barcode);
  location->parent_id = parent_id;
  pd_store_add_location (store, user, location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (location->id, >, 0);

  return location->id;
}

gint64
pd_test_add_item (PdStore    *store,
                  PdUser     *user,
                  const char *sku,
                  const char *unit,
                  const char *barcode,
                  gboolean    lot_tracked)
{
  g_autoptr(PdItem) item = pd_item_new ();
  g_autoptr(GError) error = NULL;

  item->sku = g_strdup (sku);
  item->name = g_strdup_printf ("Item %s", sku);
  item->unit = g_strdup (unit);
  item->lot_tracked = lot_tracked;
  if (barcode != NULL)
    g_ptr_array_add (item->barcodes, g_strdup (barcode));
  pd_store_add_item (store, user, item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->id, >, 0);

  return item->id;
}

void
pd_test_add_warehouses (PdStore         *store,
                        PdUser          *user,
                        const char      *a01_barcode,
                        PdTestLocations *locations)
{
  locations->wh1 = pd_test_add_location (store, user, PD_LOCATION_WAREHOUSE, "WH1", NULL, 0);
  locations->z1 = pd_test_add_location (store, user, PD_LOCATION_ZONE, "Z1", NULL, locations->wh1);
  locations->a01 = pd_test_add_location (store, user, PD_LOCATION_BIN, "A-01", a01_barcode, locations->z1);
  locations->a02 = pd_test_add_location (store, user, PD_LOCATION_BIN, "A-02", NULL, locations->z1);
  locations->wh2 = pd_test_add_location (store, user, PD_LOCATION_WAREHOUSE, "WH2", NULL, 0);
  locations->b01 = pd_test_add_location (store, user, PD_LOCATION_BIN, "B-01", NULL, locations->wh2);
}

gint64
pd_test_add_part (PdStore    *store,
                  PdUser     *user,
                  const char *sku,
                  const char *barcode,
                  gboolean    has_min,
                  PdQty       min_qty,
                  gboolean    has_max,
                  PdQty       max_qty)
{
  g_autoptr(PdItem) item = pd_item_new ();
  g_autoptr(GError) error = NULL;

  item->sku = g_strdup (sku);
  item->name = g_strdup_printf ("Part %s", sku);
  item->unit = g_strdup ("pcs");
  if (barcode != NULL)
    g_ptr_array_add (item->barcodes, g_strdup (barcode));
  item->has_min = has_min;
  item->min_qty = min_qty;
  item->has_max = has_max;
  item->max_qty = max_qty;
  g_assert_true (pd_store_add_item (store, user, item, &error));
  g_assert_no_error (error);

  return item->id;
}

PdQty
pd_test_qty (const char *text)
{
  g_autoptr(GError) error = NULL;
  PdQty value = 0;

  g_assert_true (pd_qty_parse (text, &value, &error));
  g_assert_no_error (error);

  return value;
}

void
pd_test_assert_qty (PdQty       value,
                    const char *expected)
{
  g_autofree char *text = pd_qty_to_string (value);

  g_assert_cmpstr (text, ==, expected);
}

void
pd_test_set_item_thresholds (PdStore    *store,
                             PdUser     *user,
                             gint64      item_id,
                             const char *min,
                             const char *max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_get_item (store, item_id, &error);

  g_assert_no_error (error);
  item->has_min = min != NULL;
  item->min_qty = min != NULL ? pd_test_qty (min) : 0;
  item->has_max = max != NULL;
  item->max_qty = max != NULL ? pd_test_qty (max) : 0;
  g_assert_true (pd_store_update_item (store, user, item, &error));
  g_assert_no_error (error);
}

void
pd_test_post_move (PdStore      *store,
                   PdUser       *user,
                   gint64        item_id,
                   const char   *lot,
                   gint64        from,
                   gint64        to,
                   PdQty         qty,
                   PdMoveReason  reason)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GError) error = NULL;
  PdStockMove *move = pd_stock_move_new ();

  move->item_id = item_id;
  move->lot_code = g_strdup (lot);
  move->from_location = from;
  move->to_location = to;
  move->qty = qty;
  move->reason = reason;
  g_ptr_array_add (moves, move);
  g_assert_true (pd_store_post_moves (store, user, moves, &error));
  g_assert_no_error (error);
}

PdStockOrder *
pd_test_order_new (PdOrderKind         kind,
                   const char         *ref,
                   gint64              location_id,
                   gint64              dest_id,
                   guint               tolerance,
                   const char * const *lines)
{
  PdStockOrder *order = pd_stock_order_new (kind);

  order->ref = g_strdup (ref);
  order->location_id = location_id;
  order->dest_location_id = dest_id;
  order->tolerance = tolerance;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], ":", 3);
      PdQty qty = 0;

      g_assert_true (pd_qty_parse (parts[1], &qty, NULL));
      pd_stock_order_add_line (order, parts[0], parts[2], qty);
    }

  return order;
}

gint64
pd_test_query_int (PdStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

void
pd_test_assert_stock_agrees (PdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = pd_store_check_stock (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);
  if (lines->len > 0)
    g_error ("check: %s", (const char *) g_ptr_array_index (lines, 0));
}
