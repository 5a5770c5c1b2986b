/* pd-store-stock.c — the stock ledger: posting moves, on-hand, the check
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-stock"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-alarms.h"
#include "pd-store-private.h"
#include "pd-store-wms.h"
#include "pd-wms-private.h"

/* What a batch needs to know of an item, read once per batch. */
typedef struct
{
  gint64    id;
  char     *uuid;
  char     *sku;
  char     *unit;
  gboolean  lot_tracked;
} ItemInfo;

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *code;
  gint64    warehouse_id;
  gboolean  allow_negative;   /* of its warehouse */
} LocationInfo;

typedef struct
{
  gint64 item_id;
  gint64 warehouse_id;
} Touched;

typedef struct
{
  GPtrArray    *moves;      /* PdStockMove, resolved in place */
  GHashTable   *items;      /* gint64 * → ItemInfo */
  GHashTable   *locations;  /* gint64 * → LocationInfo */
  GArray       *touched;    /* Touched, each once */
  GHashTable   *touched_set;
  sqlite3_stmt *level_read;
  sqlite3_stmt *level_add;
  sqlite3_stmt *level_set;
  sqlite3_stmt *move_insert;
} PostJob;

static void
item_info_free (gpointer data)
{
  ItemInfo *info = data;

  g_free (info->uuid);
  g_free (info->sku);
  g_free (info->unit);
  g_free (info);
}

static void
location_info_free (gpointer data)
{
  LocationInfo *info = data;

  g_free (info->uuid);
  g_free (info->code);
  g_free (info);
}

static ItemInfo *
lookup_item (sqlite3     *db,
             PostJob     *job,
             gint64       item_id,
             GError     **error)
{
  ItemInfo *info = g_hash_table_lookup (job->items, &item_id);
  sqlite3_stmt *stmt;
  int rc;

  if (info != NULL)
    return info;

  stmt = _pd_wms_prepare (db, "SELECT uuid, sku, unit, lot_tracked FROM items WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info = g_new0 (ItemInfo, 1);
      info->id = item_id;
      info->uuid = pd_read_conn_dup_text (stmt, 0);
      info->sku = pd_read_conn_dup_text (stmt, 1);
      info->unit = pd_read_conn_dup_text (stmt, 2);
      info->lot_tracked = sqlite3_column_int (stmt, 3) != 0;
      g_hash_table_insert (job->items, &info->id, info);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No item with id %" PRId64 "."), item_id);
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return info;
}

static LocationInfo *
lookup_location (sqlite3     *db,
                 PostJob     *job,
                 gint64       location_id,
                 GError     **error)
{
  LocationInfo *info = g_hash_table_lookup (job->locations, &location_id);
  sqlite3_stmt *stmt;
  int rc;

  if (info != NULL)
    return info;

  stmt = _pd_wms_prepare (db,
                  "SELECT l.uuid, l.code, l.warehouse_id, w.allow_negative "
                  "FROM locations l LEFT JOIN locations w ON w.id = l.warehouse_id WHERE l.id = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, location_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info = g_new0 (LocationInfo, 1);
      info->id = location_id;
      info->uuid = pd_read_conn_dup_text (stmt, 0);
      info->code = pd_read_conn_dup_text (stmt, 1);
      /* A warehouse is its own root; an older row without it is too. */
      info->warehouse_id = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                           ? location_id : sqlite3_column_int64 (stmt, 2);
      info->allow_negative = sqlite3_column_int (stmt, 3) != 0;
      g_hash_table_insert (job->locations, &info->id, info);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("No location with id %" PRId64 "."), location_id);
  else
    pd_store_set_sqlite_error (db, rc, error);
  sqlite3_finalize (stmt);

  return info;
}

/* Resolves the lot of MOVE (a copy we own): an existing lot_id, or the lot
 * called lot_code, made here when a receipt names a new one. */
static gboolean
resolve_lot (sqlite3      *db,
             ItemInfo     *item,
             PdStockMove  *move,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!item->lot_tracked)
    {
      if (move->lot_id != 0 || (move->lot_code != NULL && *move->lot_code != '\0'))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Item %s is not tracked by lot; the move names lot “%s”."),
                       item->sku, move->lot_code != NULL ? move->lot_code : "");
          return FALSE;
        }
      move->lot_id = 0;
      g_clear_pointer (&move->lot_code, g_free);
      return TRUE;
    }

  if (move->lot_id != 0)
    {
      stmt = _pd_wms_prepare (db, "SELECT code FROM lots WHERE id = ? AND item_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, move->lot_id);
      sqlite3_bind_int64 (stmt, 2, item->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_free (move->lot_code);
          move->lot_code = pd_read_conn_dup_text (stmt, 0);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("No lot with id %" PRId64 " of item %s."), move->lot_id, item->sku);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return pd_store_set_sqlite_error (db, rc, error);
      return TRUE;
    }

  if (move->lot_code == NULL || *move->lot_code == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Item %s is tracked by lot: name the lot."), item->sku);
      return FALSE;
    }
  if (g_utf8_strlen (move->lot_code, -1) > PD_CODE_MAX_LENGTH ||
      !g_utf8_validate (move->lot_code, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Lot “%s” is not a valid lot code (1 to %d characters)."),
                   move->lot_code, PD_CODE_MAX_LENGTH);
      return FALSE;
    }

  stmt = _pd_wms_prepare (db, "SELECT id FROM lots WHERE item_id = ? AND code = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  sqlite3_bind_text (stmt, 2, move->lot_code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    move->lot_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (move->reason != PD_MOVE_RECEIPT)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("Item %s has no lot “%s”; only a receipt makes a new lot."),
                   item->sku, move->lot_code);
      return FALSE;
    }

  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *now = _pd_store_now ();

    stmt = _pd_wms_prepare (db,
                    "INSERT INTO lots (uuid, item_id, code, created_at) VALUES (?, ?, ?, ?)",
                    error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, item->id);
    sqlite3_bind_text (stmt, 3, move->lot_code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      return pd_store_set_sqlite_error (db, rc, error);
    move->lot_id = sqlite3_last_insert_rowid (db);
  }

  return TRUE;
}

/* A reversal takes everything but its reference from the move it undoes,
 * read inside the transaction. */
static gboolean
resolve_reversal (sqlite3      *db,
                  PdStockMove  *move,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (move->reverses <= 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A reversal must name the move it reverses."));
      return FALSE;
    }

  stmt = _pd_wms_prepare (db,
                  "SELECT item_id, COALESCE (lot_id, 0), COALESCE (from_location, 0), "
                  "COALESCE (to_location, 0), qty, "
                  "EXISTS (SELECT 1 FROM stock_moves r WHERE r.reverses = m.id) "
                  "FROM stock_moves m WHERE id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->reverses);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean reversed = sqlite3_column_int (stmt, 5) != 0;

      move->item_id = sqlite3_column_int64 (stmt, 0);
      move->lot_id = sqlite3_column_int64 (stmt, 1);
      g_clear_pointer (&move->lot_code, g_free);
      move->to_location = sqlite3_column_int64 (stmt, 2);
      move->from_location = sqlite3_column_int64 (stmt, 3);
      move->qty = sqlite3_column_int64 (stmt, 4);
      sqlite3_finalize (stmt);
      if (reversed)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("Move %" PRId64 " was already reversed."), move->reverses);
          return FALSE;
        }
      return TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No stock move with id %" PRId64 "."), move->reverses);
      return FALSE;
    }

  return pd_store_set_sqlite_error (db, rc, error);
}

static gboolean
check_direction (const PdStockMove  *move,
                 GError            **error)
{
  gboolean from = move->from_location != 0;
  gboolean to = move->to_location != 0;
  gboolean ok;

  switch (move->reason)
    {
    case PD_MOVE_RECEIPT:
      ok = !from && to;
      break;
    case PD_MOVE_ISSUE:
      ok = from && !to;
      break;
    case PD_MOVE_TRANSFER:
      ok = from && to;
      break;
    case PD_MOVE_ADJUSTMENT:
      ok = from != to;
      break;
    case PD_MOVE_REVERSAL:
      ok = from || to;
      break;
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Unknown reason of a stock move (%d)."), (int) move->reason);
      return FALSE;
    }

  if (ok)
    return TRUE;

  switch (move->reason)
    {
    case PD_MOVE_RECEIPT:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A receipt goes into one location and comes from none."));
      break;
    case PD_MOVE_ISSUE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("An issue comes from one location and goes into none."));
      break;
    case PD_MOVE_TRANSFER:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A transfer needs both a source and a destination location."));
      break;
    case PD_MOVE_ADJUSTMENT:
    case PD_MOVE_REVERSAL:
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("An adjustment either adds to one location or takes from one."));
      break;
    }

  return FALSE;
}

static void
touch (PostJob *job,
       gint64   item_id,
       gint64   warehouse_id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                          item_id, warehouse_id);
  Touched t = { item_id, warehouse_id };

  if (g_hash_table_contains (job->touched_set, key))
    return;
  g_hash_table_add (job->touched_set, g_steal_pointer (&key));
  g_array_append_val (job->touched, t);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static gboolean
take_from (sqlite3       *db,
           PostJob       *job,
           ItemInfo      *item,
           LocationInfo  *from,
           PdStockMove   *move,
           GError       **error)
{
  PdQty have = 0;
  PdQty left;
  int rc;

  sqlite3_bind_int64 (job->level_read, 1, item->id);
  sqlite3_bind_int64 (job->level_read, 2, from->id);
  sqlite3_bind_int64 (job->level_read, 3, move->lot_id);
  rc = sqlite3_step (job->level_read);
  if (rc == SQLITE_ROW)
    have = sqlite3_column_int64 (job->level_read, 0);
  sqlite3_reset (job->level_read);
  sqlite3_clear_bindings (job->level_read);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (!pd_qty_sub (have, move->qty, &left))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The stock of %s at %s would be out of range."), item->sku, from->code);
      return FALSE;
    }

  if (left < 0 && !from->allow_negative)
    {
      g_autofree char *have_text = pd_qty_format (have);
      g_autofree char *asked_text = pd_qty_format (move->qty);

      if (move->lot_code != NULL)
        /* TRANSLATORS: "Only 3 pcs of SKU-1 lot L7 at A-01-01; 5 asked." */
        g_set_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT,
                     _("Only %s %s of %s lot %s at %s; %s asked."),
                     have_text, item->unit, item->sku, move->lot_code, from->code, asked_text);
      else
        /* TRANSLATORS: "Only 3 pcs of SKU-1 at A-01-01; 5 asked." */
        g_set_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT,
                     _("Only %s %s of %s at %s; %s asked."),
                     have_text, item->unit, item->sku, from->code, asked_text);
      return FALSE;
    }

  sqlite3_bind_int64 (job->level_set, 1, item->id);
  sqlite3_bind_int64 (job->level_set, 2, from->id);
  sqlite3_bind_int64 (job->level_set, 3, move->lot_id);
  sqlite3_bind_int64 (job->level_set, 4, left);

  return step_done (db, job->level_set, error);
}

static gboolean
add_to (sqlite3       *db,
        PostJob       *job,
        ItemInfo      *item,
        LocationInfo  *to,
        PdStockMove   *move,
        GError       **error)
{
  sqlite3_bind_int64 (job->level_add, 1, item->id);
  sqlite3_bind_int64 (job->level_add, 2, to->id);
  sqlite3_bind_int64 (job->level_add, 3, move->lot_id);
  sqlite3_bind_int64 (job->level_add, 4, move->qty);

  return step_done (db, job->level_add, error);
}

static gboolean
insert_move (sqlite3      *db,
             PostJob      *job,
             PdStockMove  *move,
             GError      **error)
{
  sqlite3_stmt *stmt = job->move_insert;
  int rc;

  sqlite3_bind_text (stmt, 1, move->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, move->item_id);
  if (move->lot_id != 0)
    sqlite3_bind_int64 (stmt, 3, move->lot_id);
  if (move->from_location != 0)
    sqlite3_bind_int64 (stmt, 4, move->from_location);
  if (move->to_location != 0)
    sqlite3_bind_int64 (stmt, 5, move->to_location);
  sqlite3_bind_int64 (stmt, 6, move->qty);
  sqlite3_bind_text (stmt, 7, pd_move_reason_to_string (move->reason), -1, SQLITE_STATIC);
  if (move->ref != NULL && *move->ref != '\0')
    sqlite3_bind_text (stmt, 8, move->ref, -1, SQLITE_STATIC);
  if (move->reverses != 0)
    sqlite3_bind_int64 (stmt, 9, move->reverses);
  sqlite3_bind_text (stmt, 10, move->user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, move->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, move->ts);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  /* Two reversals of one move in one batch meet the unique index. */
  if (rc == SQLITE_CONSTRAINT && move->reverses != 0 &&
      sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Move %" PRId64 " was already reversed."), move->reverses);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  move->id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* --- Stock alarms ---------------------------------------------------------- */

/* The stock alarms' messages, made in the reader's language from the
 * key and arguments the alarm stores (pd-alarm-message.h). The arguments
 * are strings: the SKU, the warehouse's code, the threshold as an exact
 * decimal and the unit. */
#define STOCK_LOW_KEY  "stock.low"
#define STOCK_HIGH_KEY "stock.high"

static char *
stock_alarm_message_cb (const char *key,
                        JsonObject *args)
{
  const char *limit;
  const char *unit;

  if (!json_object_has_member (args, "unit"))
    return NULL;
  unit = json_object_get_string_member_with_default (args, "unit", NULL);

  if (g_str_equal (key, STOCK_LOW_KEY))
    {
      limit = json_object_get_string_member_with_default (args, "min", NULL);
      if (limit == NULL || unit == NULL)
        return NULL;
      /* TRANSLATORS: a low-stock alarm, e.g. "Below the minimum of 5 pcs" */
      return g_strdup_printf (_("Below the minimum of %s %s"), limit, unit);
    }

  if (g_str_equal (key, STOCK_HIGH_KEY))
    {
      limit = json_object_get_string_member_with_default (args, "max", NULL);
      if (limit == NULL || unit == NULL)
        return NULL;
      /* TRANSLATORS: a high-stock alarm, e.g. "Above the maximum of 10 pcs" */
      return g_strdup_printf (_("Above the maximum of %s %s"), limit, unit);
    }

  return NULL;
}

void
_pd_stock_register_alarm_messages (void)
{
  pd_alarm_message_register (STOCK_LOW_KEY, stock_alarm_message_cb);
  pd_alarm_message_register (STOCK_HIGH_KEY, stock_alarm_message_cb);
}

typedef struct
{
  char *message;
  char *key;
  char *args;
} StockAlarmText;

static void
stock_alarm_text_clear (StockAlarmText *text)
{
  g_clear_pointer (&text->message, g_free);
  g_clear_pointer (&text->key, g_free);
  g_clear_pointer (&text->args, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StockAlarmText, stock_alarm_text_clear)

static gboolean
source_alarm_text (sqlite3         *db,
                   const char      *source,
                   gboolean        *exists,
                   StockAlarmText  *text,
                   GError         **error)
{
  sqlite3_stmt *stmt = _pd_wms_prepare (db,
                                "SELECT message, message_key, message_args FROM alarm_defs "
                                "WHERE source = ? AND removed = 0",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      text->message = pd_read_conn_dup_text (stmt, 0);
      text->key = pd_read_conn_dup_text (stmt, 1);
      text->args = pd_read_conn_dup_text (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

/* The message of one side when the threshold is set: the text in this
 * process's language (the fallback) and the key and arguments readers
 * make it from in theirs. */
static void
stock_alarm_text_init (StockAlarmText *text,
                       const char     *key,
                       const char     *limit_name,
                       const char     *sku,
                       const char     *wh_code,
                       PdQty           limit_qty,
                       const char     *unit)
{
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *limit = pd_qty_format (limit_qty);

  json_object_set_string_member (args, "sku", sku);
  json_object_set_string_member (args, "warehouse", wh_code);
  json_object_set_string_member (args, limit_name, limit);
  json_object_set_string_member (args, "unit", unit);
  json_node_set_object (node, args);

  text->key = g_strdup (key);
  text->args = json_to_string (node, FALSE);
  text->message = stock_alarm_message_cb (key, args);
}

/* Raises or clears one side. A side that is clear and has never been
 * raised writes nothing, so that items without thresholds leave no alarm
 * definitions behind; clearing keeps the definition's message, so that the
 * alarm list still says why it was raised. */
static gboolean
set_stock_alarm (PdWrite               *write,
                 const char            *source,
                 const char            *name,
                 PdAlarmPriority        priority,
                 const StockAlarmText  *active_text,
                 gboolean               active,
                 PdQty                  on_hand,
                 GError               **error)
{
  g_auto(StockAlarmText) stored = { NULL, };
  const StockAlarmText *text = active_text;
  gboolean exists = FALSE;

  if (!active)
    {
      if (!source_alarm_text (pd_write_get_db (write), source, &exists, &stored, error))
        return FALSE;
      if (!exists)
        return TRUE;
      text = &stored;
    }

  return pd_write_set_alarm_source_full (write, source, name, priority,
                                         text->message, text->key, text->args,
                                         active, (double) on_hand / (double) PD_QTY_ONE,
                                         error);
}

static gboolean
update_alarms (PdWrite  *write,
               Touched  *t,
               GError  **error)
{
  sqlite3 *db = pd_write_get_db (write);
  sqlite3_stmt *stmt;
  g_autofree char *item_uuid = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *wh_uuid = NULL;
  g_autofree char *wh_code = NULL;
  g_autofree char *source = NULL;
  g_autofree char *name = NULL;
  g_auto(StockAlarmText) low_text = { NULL, };
  g_auto(StockAlarmText) high_text = { NULL, };
  gboolean has_min, has_max;
  PdQty min_qty, max_qty, on_hand = 0;
  int rc;

  stmt = _pd_wms_prepare (db,
                  "SELECT i.uuid, i.sku, i.unit, w.uuid, w.code, t.item_id IS NOT NULL, "
                  "t.min_qty, t.max_qty, i.min_qty, i.max_qty, "
                  "(SELECT SUM (s.qty) FROM stock_levels s JOIN locations l ON l.id = s.location_id "
                  " WHERE s.item_id = i.id AND l.warehouse_id = w.id) "
                  "FROM items i JOIN locations w "
                  "LEFT JOIN item_thresholds t ON t.item_id = i.id AND t.warehouse_id = w.id "
                  "WHERE i.id = ? AND w.id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t->item_id);
  sqlite3_bind_int64 (stmt, 2, t->warehouse_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      return pd_store_set_sqlite_error (db, rc, error);
    }

  {
    int col = sqlite3_column_int (stmt, 5) ? 6 : 8;

    item_uuid = pd_read_conn_dup_text (stmt, 0);
    sku = pd_read_conn_dup_text (stmt, 1);
    unit = pd_read_conn_dup_text (stmt, 2);
    wh_uuid = pd_read_conn_dup_text (stmt, 3);
    wh_code = pd_read_conn_dup_text (stmt, 4);
    has_min = sqlite3_column_type (stmt, col) != SQLITE_NULL;
    min_qty = sqlite3_column_int64 (stmt, col);
    has_max = sqlite3_column_type (stmt, col + 1) != SQLITE_NULL;
    max_qty = sqlite3_column_int64 (stmt, col + 1);
    /* SUM is exact in integers; NULL (no rows) reads as 0. */
    on_hand = sqlite3_column_int64 (stmt, 10);
  }
  sqlite3_finalize (stmt);

  /* TRANSLATORS: the name of a stock alarm: an item's SKU @ a warehouse's code. */
  name = g_strdup_printf (_("%s @ %s"), sku, wh_code);

  source = g_strdup_printf ("stock:%s@%s:low", item_uuid, wh_uuid);
  /* The message names the threshold, not the quantity on hand (the
   * event's value carries that), so that it stays the same from move to
   * move and the definition is not rewritten each time. */
  if (has_min)
    stock_alarm_text_init (&low_text, STOCK_LOW_KEY, "min", sku, wh_code, min_qty, unit);
  if (!set_stock_alarm (write, source, name, PD_ALARM_PRIORITY_HIGH, &low_text,
                        has_min && on_hand < min_qty, on_hand, error))
    return FALSE;

  g_free (source);
  source = g_strdup_printf ("stock:%s@%s:high", item_uuid, wh_uuid);
  if (has_max)
    stock_alarm_text_init (&high_text, STOCK_HIGH_KEY, "max", sku, wh_code, max_qty, unit);

  return set_stock_alarm (write, source, name, PD_ALARM_PRIORITY_MEDIUM, &high_text,
                          has_max && on_hand > max_qty, on_hand, error);
}

/* --- Posting ------------------------------------------------------------- */

static JsonObject *
move_to_json (const PdStockMove  *move,
              ItemInfo           *item,
              LocationInfo       *from,
              LocationInfo       *to)
{
  JsonObject *o = json_object_new ();
  g_autofree char *qty = pd_qty_to_string (move->qty);

  json_object_set_string_member (o, "uuid", move->uuid);
  json_object_set_string_member (o, "item", item->uuid);
  json_object_set_string_member (o, "sku", item->sku);
  if (move->lot_code != NULL)
    json_object_set_string_member (o, "lot", move->lot_code);
  else
    json_object_set_null_member (o, "lot");
  if (from != NULL)
    {
      json_object_set_string_member (o, "from", from->uuid);
      json_object_set_string_member (o, "from_code", from->code);
    }
  else
    json_object_set_null_member (o, "from");
  if (to != NULL)
    {
      json_object_set_string_member (o, "to", to->uuid);
      json_object_set_string_member (o, "to_code", to->code);
    }
  else
    json_object_set_null_member (o, "to");
  json_object_set_string_member (o, "qty", qty);
  json_object_set_string_member (o, "reason", pd_move_reason_to_string (move->reason));
  if (move->ref != NULL)
    json_object_set_string_member (o, "ref", move->ref);
  else
    json_object_set_null_member (o, "ref");
  json_object_set_int_member (o, "reverses", move->reverses);
  json_object_set_int_member (o, "ts", move->ts);

  return o;
}

static char *
describe_move (const PdStockMove *move,
               ItemInfo          *item,
               LocationInfo      *from,
               LocationInfo      *to)
{
  g_autofree char *qty = pd_qty_to_string (move->qty);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s %s %s %s", pd_move_reason_to_string (move->reason),
                          qty, item->unit, item->sku);
  if (move->lot_code != NULL)
    g_string_append_printf (s, " lot %s", move->lot_code);
  if (from != NULL)
    g_string_append_printf (s, " %s", from->code);
  g_string_append (s, " →");
  if (to != NULL)
    g_string_append_printf (s, " %s", to->code);
  if (move->reverses != 0)
    g_string_append_printf (s, " (reverses %" G_GINT64_FORMAT ")", move->reverses);

  return g_string_free (s, FALSE);
}

static void
post_job_clear (PostJob *job)
{
  g_clear_pointer (&job->items, g_hash_table_unref);
  g_clear_pointer (&job->locations, g_hash_table_unref);
  g_clear_pointer (&job->touched, g_array_unref);
  g_clear_pointer (&job->touched_set, g_hash_table_unref);
  g_clear_pointer (&job->level_read, sqlite3_finalize);
  g_clear_pointer (&job->level_set, sqlite3_finalize);
  g_clear_pointer (&job->level_add, sqlite3_finalize);
  g_clear_pointer (&job->move_insert, sqlite3_finalize);
}

/* The body of every posting: pd_store_post_moves() and the orders
 * (pd-store-orders.c) post through it inside their own write. */
static gboolean
post_moves_in_job (PdWrite    *write,
                   PostJob    *job,
                   JsonArray  *array,
                   char      **detail,
                   GError    **error)
{
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  g_autofree char *station_id = pd_store_dup_station_id (pd_write_get_store (write));
  gint64 ts = g_get_real_time ();

  if ((job->level_read = _pd_wms_prepare (db, "SELECT qty FROM stock_levels WHERE item_id = ? AND location_id = ? AND lot_id = ?", error)) == NULL ||
      (job->level_set = _pd_wms_prepare (db, "INSERT INTO stock_levels (item_id, location_id, lot_id, qty) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT DO UPDATE SET qty = excluded.qty", error)) == NULL ||
      (job->level_add = _pd_wms_prepare (db, "INSERT INTO stock_levels (item_id, location_id, lot_id, qty) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT DO UPDATE SET qty = qty + excluded.qty", error)) == NULL ||
      (job->move_insert = _pd_wms_prepare (db, "INSERT INTO stock_moves (uuid, item_id, lot_id, from_location, to_location, qty, "
                                       "reason, ref, reverses, user_name, station_id, ts) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL)
    return FALSE;

  for (guint i = 0; i < job->moves->len; i++)
    {
      PdStockMove *move = g_ptr_array_index (job->moves, i);
      ItemInfo *item;
      LocationInfo *from = NULL;
      LocationInfo *to = NULL;

      if (move->reverses != 0 && move->reason != PD_MOVE_REVERSAL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Only a reversal may name a move it reverses (move %" PRId64 ")."),
                       move->reverses);
          return FALSE;
        }
      if (move->reason == PD_MOVE_REVERSAL && !resolve_reversal (db, move, error))
        return FALSE;
      if (!check_direction (move, error))
        return FALSE;
      if (move->qty <= 0 || move->qty > PD_QTY_MAX)
        {
          g_autofree char *qty = pd_qty_format (move->qty);
          g_autofree char *max = pd_qty_format (PD_QTY_MAX);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Quantity %s is out of range: it must be more than 0 and at most %s."),
                       qty, max);
          return FALSE;
        }
      if (move->from_location == move->to_location)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("A move must go from one location to another."));
          return FALSE;
        }

      if ((item = lookup_item (db, job, move->item_id, error)) == NULL)
        return FALSE;
      if (move->from_location != 0 &&
          (from = lookup_location (db, job, move->from_location, error)) == NULL)
        return FALSE;
      if (move->to_location != 0 &&
          (to = lookup_location (db, job, move->to_location, error)) == NULL)
        return FALSE;
      if (!resolve_lot (db, item, move, error))
        return FALSE;

      g_free (move->uuid);
      move->uuid = g_uuid_string_random ();
      g_free (move->user_name);
      move->user_name = g_strdup (actor != NULL ? pd_user_get_name (actor) : NULL);
      g_free (move->station_id);
      move->station_id = g_strdup (station_id);
      move->ts = ts;
      g_free (move->sku);
      move->sku = g_strdup (item->sku);
      g_free (move->from_code);
      move->from_code = from != NULL ? g_strdup (from->code) : NULL;
      g_free (move->to_code);
      move->to_code = to != NULL ? g_strdup (to->code) : NULL;

      /* In order, so that later moves of the batch see earlier ones. */
      if (from != NULL && !take_from (db, job, item, from, move, error))
        return FALSE;
      if (to != NULL && !add_to (db, job, item, to, move, error))
        return FALSE;
      if (!insert_move (db, job, move, error))
        return FALSE;

      if (from != NULL)
        touch (job, item->id, from->warehouse_id);
      if (to != NULL)
        touch (job, item->id, to->warehouse_id);

      if (array != NULL)
        json_array_add_object_element (array, move_to_json (move, item, from, to));
      if (detail != NULL && job->moves->len == 1)
        *detail = describe_move (move, item, from, to);
    }

  for (guint i = 0; i < job->touched->len; i++)
    if (!update_alarms (write, &g_array_index (job->touched, Touched, i), error))
      return FALSE;

  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
  return TRUE;
}

gboolean
_pd_stock_post_in_write (PdWrite    *write,
                         GPtrArray  *moves,
                         JsonArray  *json,
                         char      **detail,
                         GError    **error)
{
  PostJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (moves != NULL && moves->len > 0, FALSE);

  job.moves = moves;
  job.items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, item_info_free);
  job.locations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, location_info_free);
  job.touched = g_array_new (FALSE, FALSE, sizeof (Touched));
  job.touched_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = post_moves_in_job (write, &job, json, detail, error);

  post_job_clear (&job);
  return ok;
}

static gboolean
post_moves_write (PdWrite   *write,
                  gpointer   user_data,
                  GError   **error)
{
  GPtrArray *resolved = user_data;
  JsonObject *payload;
  JsonArray *array = json_array_new ();
  g_autofree char *detail = NULL;

  payload = json_object_new ();
  json_object_set_array_member (payload, "moves", array);
  pd_write_take_payload (write, payload);
  pd_write_set_operation (write, "insert");

  if (!_pd_stock_post_in_write (write, resolved, array, &detail, error))
    return FALSE;

  if (resolved->len == 1)
    {
      PdStockMove *move = g_ptr_array_index (resolved, 0);

      pd_write_set_detail (write, detail);
      pd_write_set_entity_id (write, move->uuid);
    }
  else
    {
      g_autofree char *many = g_strdup_printf ("%u moves", resolved->len);

      pd_write_set_detail (write, many);
    }

  return TRUE;
}

gboolean
pd_store_post_moves (PdStore    *self,
                     PdUser     *actor,
                     GPtrArray  *moves,
                     GError    **error)
{
  g_autoptr(GPtrArray) resolved = NULL;
  PdPermission permission = PD_PERMISSION_STOCK_MOVE;
  gboolean ok;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (moves != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (moves->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("There are no stock moves to post."));
      return FALSE;
    }

  /* Copies of what a request may say; the requests learn what they
   * became only once it is committed. */
  resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  for (guint i = 0; i < moves->len; i++)
    {
      const PdStockMove *request = g_ptr_array_index (moves, i);
      PdStockMove *move = pd_stock_move_new ();

      if (request->reason == PD_MOVE_ADJUSTMENT || request->reason == PD_MOVE_REVERSAL)
        permission = PD_PERMISSION_STOCK_ADJUST;

      move->item_id = request->item_id;
      move->lot_id = request->lot_id;
      move->lot_code = g_strdup (request->lot_code);
      move->from_location = request->from_location;
      move->to_location = request->to_location;
      move->qty = request->qty;
      move->reason = request->reason;
      move->ref = g_strdup (request->ref);
      move->reverses = request->reverses;
      g_ptr_array_add (resolved, move);
    }

  ok = pd_store_write (self, actor, permission, "stock.move", "stock_move",
                       post_moves_write, resolved, error);

  if (ok)
    for (guint i = 0; i < moves->len; i++)
      {
        PdStockMove *request = g_ptr_array_index (moves, i);
        PdStockMove *done = g_ptr_array_index (resolved, i);

        request->id = done->id;
        g_free (request->uuid);
        request->uuid = g_strdup (done->uuid);
        g_free (request->user_name);
        request->user_name = g_strdup (done->user_name);
        g_free (request->station_id);
        request->station_id = g_strdup (done->station_id);
        request->ts = done->ts;
      }

  return ok;
}

gboolean
pd_store_reverse_move (PdStore     *self,
                       PdUser      *actor,
                       gint64       move_id,
                       const char  *ref,
                       GError     **error)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  PdStockMove *move = pd_stock_move_new ();

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  /* Everything else is read from the original inside the transaction. */
  move->reason = PD_MOVE_REVERSAL;
  move->reverses = move_id;
  move->ref = g_strdup (ref);
  g_ptr_array_add (moves, move);

  return pd_store_post_moves (self, actor, moves, error);
}

/* --- Reads ----------------------------------------------------------------- */

/* Whether LOCATION_ID exists and is a warehouse, whose subtree is simply
 * every location with its warehouse_id: no recursion needed. */
static gboolean
read_location_kind (sqlite3     *db,
                    gint64       location_id,
                    gboolean    *is_warehouse,
                    GError     **error)
{
  sqlite3_stmt *stmt = _pd_wms_prepare (db, "SELECT kind = 'warehouse' FROM locations WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *is_warehouse = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No location with id %" PRId64 "."), location_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

#define SUBTREE_CTE \
  "WITH RECURSIVE subtree (id) AS (SELECT ?2 UNION ALL " \
  "SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id) "

GPtrArray *
pd_store_list_stock_levels (PdStore  *self,
                            gint64    item_id,
                            gint64    location_id,
                            GError  **error)
{
  sqlite3 *db;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) levels = NULL;
  gboolean is_warehouse = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  if (location_id != 0 && !read_location_kind (db, location_id, &is_warehouse, error))
    return NULL;

  if (location_id != 0 && !is_warehouse)
    g_string_append (sql, SUBTREE_CTE);
  g_string_append (sql,
                   "SELECT s.item_id, s.location_id, s.lot_id, s.qty, i.sku, l.code, lot.code "
                   "FROM stock_levels s JOIN items i ON i.id = s.item_id "
                   "JOIN locations l ON l.id = s.location_id "
                   "LEFT JOIN lots lot ON lot.id = s.lot_id "
                   "WHERE s.qty != 0");
  if (item_id != 0)
    g_string_append (sql, " AND s.item_id = ?1");
  if (location_id != 0)
    g_string_append (sql, is_warehouse ? " AND l.warehouse_id = ?2"
                                       : " AND s.location_id IN subtree");
  g_string_append (sql, " ORDER BY i.sku, l.code, lot.code");

  if ((stmt = _pd_wms_prepare (db, sql->str, error)) == NULL)
    return NULL;
  if (item_id != 0)
    sqlite3_bind_int64 (stmt, 1, item_id);
  if (location_id != 0)
    sqlite3_bind_int64 (stmt, 2, location_id);

  levels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_level_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStockLevel *level = g_new0 (PdStockLevel, 1);

      level->item_id = sqlite3_column_int64 (stmt, 0);
      level->location_id = sqlite3_column_int64 (stmt, 1);
      level->lot_id = sqlite3_column_int64 (stmt, 2);
      level->qty = sqlite3_column_int64 (stmt, 3);
      level->sku = pd_read_conn_dup_text (stmt, 4);
      level->location_code = pd_read_conn_dup_text (stmt, 5);
      level->lot_code = pd_read_conn_dup_text (stmt, 6);
      g_ptr_array_add (levels, level);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&levels);
}

PdQty
pd_store_get_on_hand (PdStore  *self,
                      gint64    item_id,
                      gint64    location_id,
                      GError  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean is_warehouse = FALSE;
  const char *sql;
  PdQty qty = 0;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  db = pd_store_get_db (self);
  if (location_id != 0 && !read_location_kind (db, location_id, &is_warehouse, error))
    return 0;

  /* All three read stock_levels by its key's prefix, never the ledger. */
  if (location_id == 0)
    sql = "SELECT SUM (qty) FROM stock_levels WHERE item_id = ?1";
  else if (is_warehouse)
    sql = "SELECT SUM (s.qty) FROM stock_levels s JOIN locations l ON l.id = s.location_id "
          "WHERE s.item_id = ?1 AND l.warehouse_id = ?2";
  else
    sql = SUBTREE_CTE
          "SELECT SUM (qty) FROM stock_levels WHERE item_id = ?1 AND location_id IN subtree";

  if ((stmt = _pd_wms_prepare (db, sql, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (location_id != 0)
    sqlite3_bind_int64 (stmt, 2, location_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    qty = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return 0;
    }

  return qty;
}

GPtrArray *
pd_store_list_moves (PdStore  *self,
                     gint64    item_id,
                     gint64    before_id,
                     guint     limit,
                     GError  **error)
{
  sqlite3 *db;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) moves = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  g_string_append (sql,
                   "SELECT m.id, m.uuid, m.item_id, COALESCE (m.lot_id, 0), COALESCE (m.from_location, 0), "
                   "COALESCE (m.to_location, 0), m.qty, m.reason, m.ref, COALESCE (m.reverses, 0), "
                   "m.user_name, m.station_id, m.ts, i.sku, lot.code, f.code, t.code "
                   "FROM stock_moves m JOIN items i ON i.id = m.item_id "
                   "LEFT JOIN lots lot ON lot.id = m.lot_id "
                   "LEFT JOIN locations f ON f.id = m.from_location "
                   "LEFT JOIN locations t ON t.id = m.to_location "
                   "WHERE 1");
  /* Fixed fragments only, so that the planner sees the index it may use. */
  if (item_id != 0)
    g_string_append (sql, " AND m.item_id = ?1");
  if (before_id > 0)
    g_string_append (sql, " AND m.id < ?2");
  g_string_append (sql, " ORDER BY m.id DESC LIMIT ?3");

  if ((stmt = _pd_wms_prepare (db, sql->str, error)) == NULL)
    return NULL;
  if (item_id != 0)
    sqlite3_bind_int64 (stmt, 1, item_id);
  if (before_id > 0)
    sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, limit != 0 ? limit : 1000);

  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStockMove *move = pd_stock_move_new ();
      const char *reason = (const char *) sqlite3_column_text (stmt, 7);

      move->id = sqlite3_column_int64 (stmt, 0);
      move->uuid = pd_read_conn_dup_text (stmt, 1);
      move->item_id = sqlite3_column_int64 (stmt, 2);
      move->lot_id = sqlite3_column_int64 (stmt, 3);
      move->from_location = sqlite3_column_int64 (stmt, 4);
      move->to_location = sqlite3_column_int64 (stmt, 5);
      move->qty = sqlite3_column_int64 (stmt, 6);
      if (!pd_move_reason_from_string (reason, &move->reason))
        move->reason = PD_MOVE_ADJUSTMENT;
      move->ref = pd_read_conn_dup_text (stmt, 8);
      move->reverses = sqlite3_column_int64 (stmt, 9);
      move->user_name = pd_read_conn_dup_text (stmt, 10);
      move->station_id = pd_read_conn_dup_text (stmt, 11);
      move->ts = sqlite3_column_int64 (stmt, 12);
      move->sku = pd_read_conn_dup_text (stmt, 13);
      move->lot_code = pd_read_conn_dup_text (stmt, 14);
      move->from_code = pd_read_conn_dup_text (stmt, 15);
      move->to_code = pd_read_conn_dup_text (stmt, 16);
      g_ptr_array_add (moves, move);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&moves);
}

GPtrArray *
pd_store_check_stock (PdStore  *self,
                      GError  **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) lines = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  /* One pass over the ledger and the levels together: a key present on one
   * side only counts as 0 on the other, so a stored row of 0 equals a
   * missing one and both directions of difference show. */
  stmt = _pd_wms_prepare (db,
                  "WITH diff AS ("
                  " SELECT item_id, location_id, lot_id, SUM (ledger) AS ledger, SUM (stored) AS stored FROM ("
                  "  SELECT item_id, to_location AS location_id, COALESCE (lot_id, 0) AS lot_id, qty AS ledger, 0 AS stored"
                  "   FROM stock_moves WHERE to_location IS NOT NULL"
                  "  UNION ALL"
                  "  SELECT item_id, from_location, COALESCE (lot_id, 0), -qty, 0"
                  "   FROM stock_moves WHERE from_location IS NOT NULL"
                  "  UNION ALL"
                  "  SELECT item_id, location_id, lot_id, 0, qty FROM stock_levels)"
                  " GROUP BY item_id, location_id, lot_id HAVING SUM (ledger) != SUM (stored))"
                  "SELECT COALESCE (i.sku, '#' || d.item_id), COALESCE (l.code, '#' || d.location_id), "
                  " CASE WHEN d.lot_id = 0 THEN NULL ELSE COALESCE (lot.code, '#' || d.lot_id) END, "
                  " d.ledger, d.stored "
                  "FROM diff d LEFT JOIN items i ON i.id = d.item_id "
                  "LEFT JOIN locations l ON l.id = d.location_id "
                  "LEFT JOIN lots lot ON lot.id = d.lot_id "
                  "ORDER BY 1, 2, 3",
                  error);
  if (stmt == NULL)
    return NULL;

  lines = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *lot = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *ledger = pd_qty_format (sqlite3_column_int64 (stmt, 3));
      g_autofree char *stored = pd_qty_format (sqlite3_column_int64 (stmt, 4));

      if (lot != NULL)
        /* TRANSLATORS: "SKU-1 at A-01 lot L1: ledger 5, on hand 4" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s at %s lot %s: ledger %s, on hand %s"),
                                                 sku, code, lot, ledger, stored));
      else
        /* TRANSLATORS: "SKU-1 at A-01: ledger 5, on hand 4" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s at %s: ledger %s, on hand %s"),
                                                 sku, code, ledger, stored));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&lines);
}

gboolean
_pd_stock_update_alarms (PdWrite  *write,
                         gint64    item_id,
                         gint64    warehouse_id,
                         GError  **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GArray) warehouses = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (warehouse_id != 0)
    g_array_append_val (warehouses, warehouse_id);
  else
    {
      rc = sqlite3_prepare_v2 (db, "SELECT id FROM locations WHERE kind = 'warehouse' ORDER BY id",
                               -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (warehouses, id);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return pd_store_set_sqlite_error (db, rc, error);
    }

  for (guint i = 0; i < warehouses->len; i++)
    {
      Touched t = { item_id, g_array_index (warehouses, gint64, i) };

      if (!update_alarms (write, &t, error))
        return FALSE;
    }

  return TRUE;
}
