/* pd-store-stocktake.c — stocktakes: snapshot, counts, review, posting
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-stocktake"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-role.h"
#include "pd-store-private.h"
#include "pd-store-stocktake.h"
#include "pd-store-wms.h"
#include "pd-user.h"
#include "pd-wms-private.h"

#define SUBTREE_CTE \
  "WITH RECURSIVE subtree (id) AS (SELECT ?1 UNION ALL " \
  "SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id) "

/* --- The plain types ------------------------------------------------------- */

static const char * const status_strings[] = { "open", "posted", "cancelled" };

const char *
pd_stocktake_status_to_string (PdStocktakeStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_strings), NULL);

  return status_strings[status];
}

gboolean
pd_stocktake_status_from_string (const char        *str,
                                 PdStocktakeStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_strings); i++)
    if (g_strcmp0 (str, status_strings[i]) == 0)
      {
        *status = (PdStocktakeStatus) i;
        return TRUE;
      }

  return FALSE;
}

const char *
pd_stocktake_status_get_label (PdStocktakeStatus status)
{
  switch (status)
    {
    case PD_STOCKTAKE_OPEN:
      /* TRANSLATORS: the state of a stocktake that is being counted. */
      return C_("stocktake", "Open");
    case PD_STOCKTAKE_POSTED:
      /* TRANSLATORS: the state of a stocktake whose differences were booked. */
      return C_("stocktake", "Posted");
    case PD_STOCKTAKE_CANCELLED:
      return C_("stocktake", "Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
pd_stocktake_free (PdStocktake *stocktake)
{
  if (stocktake == NULL)
    return;

  g_free (stocktake->uuid);
  g_free (stocktake->location_code);
  g_clear_pointer (&stocktake->item_ids, g_array_unref);
  g_free (stocktake->started_at);
  g_free (stocktake->started_by);
  g_free (stocktake->posted_at);
  g_free (stocktake->posted_by);
  g_free (stocktake);
}

void
pd_stocktake_line_free (PdStocktakeLine *line)
{
  if (line == NULL)
    return;

  g_free (line->sku);
  g_free (line->unit);
  g_free (line->location_code);
  g_free (line->lot_code);
  g_free (line);
}

/* --- Reading ----------------------------------------------------------------- */

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  return pd_store_set_sqlite_error (db, rc, error);
}

#define STOCKTAKE_COLUMNS \
  "s.id, s.uuid, s.status, s.location_id, l.code, s.blind, s.snapshot_move_id, " \
  "s.started_at, s.started_by, s.posted_at, s.posted_by, " \
  "(SELECT count(*) FROM stocktake_lines x WHERE x.stocktake_id = s.id), " \
  "(SELECT count(*) FROM stocktake_lines x WHERE x.stocktake_id = s.id AND EXISTS " \
  " (SELECT 1 FROM stocktake_counts c WHERE c.stocktake_id = x.stocktake_id AND c.item_id = x.item_id " \
  "  AND c.location_id = x.location_id AND c.lot_id = x.lot_id)) " \
  "FROM stocktakes s LEFT JOIN locations l ON l.id = s.location_id "

static gboolean
load_item_ids (sqlite3      *db,
               PdStocktake  *stocktake,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = _pd_wms_prepare (db, "SELECT item_id FROM stocktake_items WHERE stocktake_id = ? ORDER BY item_id", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stocktake->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (stocktake->item_ids, item_id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static PdStocktake *
stocktake_from_row (sqlite3_stmt *stmt)
{
  PdStocktake *stocktake = g_new0 (PdStocktake, 1);
  PdStocktakeStatus status = PD_STOCKTAKE_OPEN;

  stocktake->id = sqlite3_column_int64 (stmt, 0);
  stocktake->uuid = dup_column_text (stmt, 1);
  pd_stocktake_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &status);
  stocktake->status = status;
  stocktake->location_id = sqlite3_column_int64 (stmt, 3);
  stocktake->location_code = dup_column_text (stmt, 4);
  stocktake->blind = sqlite3_column_int (stmt, 5) != 0;
  stocktake->snapshot_move_id = sqlite3_column_int64 (stmt, 6);
  stocktake->started_at = dup_column_text (stmt, 7);
  stocktake->started_by = dup_column_text (stmt, 8);
  stocktake->posted_at = dup_column_text (stmt, 9);
  stocktake->posted_by = dup_column_text (stmt, 10);
  stocktake->n_lines = sqlite3_column_int (stmt, 11);
  stocktake->n_counted = sqlite3_column_int (stmt, 12);
  stocktake->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return stocktake;
}

static PdStocktake *
load_stocktake (sqlite3  *db,
                gint64    stocktake_id,
                GError  **error)
{
  g_autoptr(PdStocktake) stocktake = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = _pd_wms_prepare (db, "SELECT " STOCKTAKE_COLUMNS "WHERE s.id = ?", error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, stocktake_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stocktake = stocktake_from_row (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  if (stocktake == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No stocktake %" PRId64 "."), stocktake_id);
      return NULL;
    }
  if (!load_item_ids (db, stocktake, error))
    return NULL;

  return g_steal_pointer (&stocktake);
}

static gboolean
check_open (const PdStocktake  *stocktake,
            GError            **error)
{
  if (stocktake->status == PD_STOCKTAKE_OPEN)
    return TRUE;

  if (stocktake->status == PD_STOCKTAKE_POSTED)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Stocktake %" PRId64 " was already posted; it is no longer open."), stocktake->id);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Stocktake %" PRId64 " was cancelled; it is no longer open."), stocktake->id);
  return FALSE;
}

/* The review's lines, inside or outside a write: each line with the
 * ledger's moves since the snapshot and its last count. */
static GPtrArray *
compute_lines (sqlite3            *db,
               const PdStocktake  *stocktake,
               gboolean            uncounted_as_zero,
               gboolean            hide_book,
               GError            **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stocktake_line_free);
  sqlite3_stmt *stmt;
  sqlite3_stmt *moved = NULL;
  int rc;

  if ((moved = _pd_wms_prepare (db,
                                "SELECT "
                                "COALESCE (sum (CASE WHEN to_location = ?2 THEN qty ELSE 0 END), 0), "
                                "COALESCE (sum (CASE WHEN from_location = ?2 THEN qty ELSE 0 END), 0) "
                                "FROM stock_moves WHERE item_id = ?1 AND id > ?4 AND id <= ?5 "
                                "AND (to_location = ?2 OR from_location = ?2) AND COALESCE (lot_id, 0) = ?3",
                                error)) == NULL)
    return NULL;
  if ((stmt = _pd_wms_prepare (db,
                               "SELECT x.item_id, x.location_id, x.lot_id, x.expected_qty, i.sku, i.unit, l.code, lot.code, "
                               "(SELECT c.qty FROM stocktake_counts c WHERE c.stocktake_id = x.stocktake_id "
                               " AND c.item_id = x.item_id AND c.location_id = x.location_id AND c.lot_id = x.lot_id "
                               " ORDER BY c.id DESC LIMIT 1), "
                               "(SELECT count(*) FROM stocktake_counts c WHERE c.stocktake_id = x.stocktake_id "
                               " AND c.item_id = x.item_id AND c.location_id = x.location_id AND c.lot_id = x.lot_id), "
                               "(SELECT c.move_id FROM stocktake_counts c WHERE c.stocktake_id = x.stocktake_id "
                               " AND c.item_id = x.item_id AND c.location_id = x.location_id AND c.lot_id = x.lot_id "
                               " ORDER BY c.id DESC LIMIT 1) "
                               "FROM stocktake_lines x "
                               "JOIN items i ON i.id = x.item_id JOIN locations l ON l.id = x.location_id "
                               "LEFT JOIN lots lot ON lot.id = x.lot_id "
                               "WHERE x.stocktake_id = ? ORDER BY i.sku, l.code, lot.code",
                               error)) == NULL)
    {
      sqlite3_finalize (moved);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, stocktake->id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStocktakeLine *line = g_new0 (PdStocktakeLine, 1);
      PdQty in, out, book;

      g_ptr_array_add (lines, line);
      line->item_id = sqlite3_column_int64 (stmt, 0);
      line->location_id = sqlite3_column_int64 (stmt, 1);
      line->lot_id = sqlite3_column_int64 (stmt, 2);
      line->expected = sqlite3_column_int64 (stmt, 3);
      line->sku = dup_column_text (stmt, 4);
      line->unit = dup_column_text (stmt, 5);
      line->location_code = dup_column_text (stmt, 6);
      line->lot_code = dup_column_text (stmt, 7);
      line->counted = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      line->counted_qty = sqlite3_column_int64 (stmt, 8);
      line->n_counts = sqlite3_column_int (stmt, 9);
      line->has_expected = TRUE;

      sqlite3_reset (moved);
      sqlite3_bind_int64 (moved, 1, line->item_id);
      sqlite3_bind_int64 (moved, 2, line->location_id);
      sqlite3_bind_int64 (moved, 3, line->lot_id);
      sqlite3_bind_int64 (moved, 4, stocktake->snapshot_move_id);
      /* A count saw the moves up to the one it remembers; the moves after
       * it are not in the count and must stand. A line not counted is
       * compared with the book now. */
      sqlite3_bind_int64 (moved, 5, line->counted ? sqlite3_column_int64 (stmt, 10) : G_MAXINT64);
      if ((rc = sqlite3_step (moved)) != SQLITE_ROW)
        break;
      in = sqlite3_column_int64 (moved, 0);
      out = sqlite3_column_int64 (moved, 1);

      if (!pd_qty_sub (in, out, &line->moved) ||
          !pd_qty_add (line->expected, line->moved, &book) ||
          ((line->counted || uncounted_as_zero) &&
           !pd_qty_sub (line->counted ? line->counted_qty : 0, book, &line->difference)))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The quantities of %s at %s are out of range."),
                       line->sku, line->location_code);
          sqlite3_finalize (moved);
          sqlite3_finalize (stmt);
          return NULL;
        }
      line->has_difference = line->counted || uncounted_as_zero;

      if (hide_book)
        {
          line->has_expected = FALSE;
          line->expected = 0;
          line->moved = 0;
          line->has_difference = FALSE;
          line->difference = 0;
        }
    }
  sqlite3_finalize (moved);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&lines);
}

/* Lines that a count added (expected 0 and no stock at the start) are
 * found stock: the snapshot only holds non-zero levels. */
static void
mark_found (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);

      line->found = line->has_expected && line->expected == 0;
    }
}

PdStocktake *
pd_store_get_stocktake (PdStore  *self,
                        gint64    stocktake_id,
                        GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_stocktake (pd_store_get_db (self), stocktake_id, error);
}

GPtrArray *
pd_store_list_stocktakes (PdStore  *self,
                          GError  **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stocktake_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  if ((stmt = _pd_wms_prepare (db, "SELECT " STOCKTAKE_COLUMNS "ORDER BY s.id DESC", error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, stocktake_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_item_ids (db, g_ptr_array_index (list, i), error))
      return NULL;

  return g_steal_pointer (&list);
}

GPtrArray *
pd_store_review_stocktake (PdStore   *self,
                           PdUser    *actor,
                           gint64     stocktake_id,
                           gboolean   uncounted_as_zero,
                           GError   **error)
{
  sqlite3 *db;
  g_autoptr(PdStocktake) stocktake = NULL;
  GPtrArray *lines;
  gboolean hide_book;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pd_store_get_db (self);
  if ((stocktake = load_stocktake (db, stocktake_id, error)) == NULL)
    return NULL;

  hide_book = stocktake->blind &&
              (actor == NULL || !pd_role_has_permission (pd_user_get_role (actor), PD_PERMISSION_STOCKTAKE));
  /* A hidden line does not say whether it is found stock either: that
   * would tell the counter that nothing was expected there. */
  if ((lines = compute_lines (db, stocktake, uncounted_as_zero, hide_book, error)) != NULL)
    mark_found (lines);

  return lines;
}

/* --- start ------------------------------------------------------------------- */

typedef struct
{
  gint64    location_id;
  GArray   *item_ids;
  gboolean  blind;
  gint64    id;
} StartJob;

/* Two open stocktakes may not count the same stock: posting one would
 * overwrite what the other counted. They overlap when their locations are
 * one subtree (the same, or one above the other; no location is every
 * location) and their items meet (no items is every item). Run inside the
 * start's write, after the new stocktake's items are stored, so that two
 * stations starting at once cannot both pass. *OPEN_ID: the oldest open
 * stocktake overlapping NEW_ID, or 0. */
static gboolean
find_overlapping (sqlite3  *db,
                  gint64    new_id,
                  gint64    location_id,
                  gint64   *open_id,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pd_wms_prepare (db,
                          "WITH RECURSIVE "
                          " above (id) AS (SELECT ?1 UNION "
                          "  SELECT l.parent_id FROM locations l JOIN above ON l.id = above.id "
                          "  WHERE l.parent_id IS NOT NULL), "
                          " below (id) AS (SELECT ?1 UNION "
                          "  SELECT l.id FROM locations l JOIN below ON l.parent_id = below.id) "
                          "SELECT s.id FROM stocktakes s "
                          "WHERE s.status = 'open' AND s.id != ?2 "
                          " AND (?1 = 0 OR s.location_id IS NULL "
                          "      OR s.location_id IN above OR s.location_id IN below) "
                          " AND (NOT EXISTS (SELECT 1 FROM stocktake_items WHERE stocktake_id = ?2) "
                          "      OR NOT EXISTS (SELECT 1 FROM stocktake_items WHERE stocktake_id = s.id) "
                          "      OR EXISTS (SELECT 1 FROM stocktake_items a JOIN stocktake_items b "
                          "                 ON b.item_id = a.item_id AND b.stocktake_id = ?2 "
                          "                 WHERE a.stocktake_id = s.id)) "
                          "ORDER BY s.id LIMIT 1",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location_id);
  sqlite3_bind_int64 (stmt, 2, new_id);
  rc = sqlite3_step (stmt);
  *open_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static gboolean
start_write (PdWrite   *write,
             gpointer   user_data,
             GError   **error)
{
  StartJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(PdLocation) location = NULL;
  JsonObject *payload;
  JsonArray *items;
  sqlite3_stmt *stmt;
  gint64 snapshot = 0;
  guint n_items = job->item_ids != NULL ? job->item_ids->len : 0;

  if (job->location_id != 0 &&
      (location = pd_store_get_location (pd_write_get_store (write), job->location_id, error)) == NULL)
    return FALSE;

  if ((stmt = _pd_wms_prepare (db, "SELECT COALESCE (max (id), 0) FROM stock_moves", error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snapshot = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if ((stmt = _pd_wms_prepare (db, "INSERT INTO stocktakes (uuid, location_id, blind, snapshot_move_id, started_at, started_by) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (job->location_id != 0)
    sqlite3_bind_int64 (stmt, 2, job->location_id);
  sqlite3_bind_int (stmt, 3, job->blind ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, snapshot);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, actor != NULL ? pd_user_get_name (actor) : NULL, -1, SQLITE_TRANSIENT);
  if (!step_done (db, stmt, error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  job->id = sqlite3_last_insert_rowid (db);

  items = json_array_new ();
  if (n_items > 0)
    {
      if ((stmt = _pd_wms_prepare (db, "INSERT OR IGNORE INTO stocktake_items (stocktake_id, item_id) VALUES (?, ?)", error)) == NULL)
        {
          json_array_unref (items);
          return FALSE;
        }
      for (guint i = 0; i < n_items; i++)
        {
          gint64 item_id = g_array_index (job->item_ids, gint64, i);
          g_autoptr(PdItem) item = _pd_item_load (db, item_id, error);

          if (item == NULL)
            {
              sqlite3_finalize (stmt);
              json_array_unref (items);
              return FALSE;
            }
          json_array_add_string_element (items, item->uuid);
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, job->id);
          sqlite3_bind_int64 (stmt, 2, item_id);
          if (!step_done (db, stmt, error))
            {
              sqlite3_finalize (stmt);
              json_array_unref (items);
              return FALSE;
            }
        }
      sqlite3_finalize (stmt);
    }

  {
    gint64 open_id = 0;

    if (!find_overlapping (db, job->id, job->location_id, &open_id, error))
      {
        json_array_unref (items);
        return FALSE;
      }
    if (open_id != 0)
      {
        json_array_unref (items);
        g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                     _("Stocktake %" PRId64 " is still open and counts some of the same stock: "
                       "post or cancel it first, or choose other locations or items."),
                     open_id);
        return FALSE;
      }
  }

  /* The snapshot: every non-zero level in scope, read inside the write
   * so that no move slips between it and snapshot_move_id. */
  g_string_append (sql, SUBTREE_CTE
                   "INSERT INTO stocktake_lines (stocktake_id, item_id, location_id, lot_id, expected_qty) "
                   "SELECT ?2, s.item_id, s.location_id, s.lot_id, s.qty FROM stock_levels s WHERE s.qty != 0");
  if (job->location_id != 0)
    g_string_append (sql, " AND s.location_id IN subtree");
  if (n_items > 0)
    g_string_append (sql, " AND s.item_id IN (SELECT item_id FROM stocktake_items WHERE stocktake_id = ?2)");
  if ((stmt = _pd_wms_prepare (db, sql->str, error)) == NULL)
    {
      json_array_unref (items);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, job->location_id);
  sqlite3_bind_int64 (stmt, 2, job->id);
  if (!step_done (db, stmt, error))
    {
      sqlite3_finalize (stmt);
      json_array_unref (items);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  payload = json_object_new ();
  json_object_set_string_member (payload, "uuid", uuid);
  json_object_set_int_member (payload, "id", job->id);
  if (location != NULL)
    json_object_set_string_member (payload, "location", location->uuid);
  else
    json_object_set_null_member (payload, "location");
  json_object_set_array_member (payload, "items", items);
  json_object_set_boolean_member (payload, "blind", job->blind);
  json_object_set_int_member (payload, "snapshot_move_id", snapshot);
  json_object_set_int_member (payload, "lines", sqlite3_changes (db));
  pd_write_take_payload (write, payload);
  pd_write_set_operation (write, "insert");
  pd_write_set_entity_id (write, uuid);
  detail = g_strdup_printf ("stocktake %" PRId64 " of %s%s", job->id,
                            location != NULL ? location->code : "every location",
                            job->blind ? ", blind" : "");
  pd_write_set_detail (write, detail);

  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
  return TRUE;
}

gint64
pd_store_start_stocktake (PdStore   *self,
                          PdUser    *actor,
                          gint64     location_id,
                          GArray    *item_ids,
                          gboolean   blind,
                          GError   **error)
{
  StartJob job = { location_id, item_ids, blind, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!pd_store_write (self, actor, PD_PERMISSION_STOCKTAKE, "stocktake.start", "stocktake",
                       start_write, &job, error))
    return 0;

  return job.id;
}

/* --- count ------------------------------------------------------------------- */

typedef struct
{
  gint64       stocktake_id;
  gint64       item_id;
  gint64       location_id;
  const char  *lot_code;
  PdQty        qty;
} CountJob;

static gboolean
in_scope (sqlite3            *db,
          const PdStocktake  *stocktake,
          const PdItem       *item,
          const PdLocation   *location,
          GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (stocktake->item_ids->len > 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < stocktake->item_ids->len; i++)
        listed |= g_array_index (stocktake->item_ids, gint64, i) == item->id;
      if (!listed)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Item %s is not counted in stocktake %" PRId64 "."),
                       item->sku, stocktake->id);
          return FALSE;
        }
    }

  if (stocktake->location_id == 0)
    return TRUE;

  if ((stmt = _pd_wms_prepare (db, SUBTREE_CTE "SELECT 1 FROM subtree WHERE id = ?2", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stocktake->location_id);
  sqlite3_bind_int64 (stmt, 2, location->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("Location %s is not in stocktake %" PRId64 ", which counts %s."),
               location->code, stocktake->id, stocktake->location_code);
  return FALSE;
}

static gboolean
resolve_count_lot (sqlite3       *db,
                   const PdItem  *item,
                   const char    *lot_code,
                   gint64        *lot_id,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *lot_id = 0;
  if (!item->lot_tracked)
    {
      if (lot_code != NULL && *lot_code != '\0')
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Item %s has no lots; lot “%s” cannot be counted."), item->sku, lot_code);
          return FALSE;
        }
      return TRUE;
    }
  if (lot_code == NULL || *lot_code == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Item %s is tracked by lot: name the lot counted."), item->sku);
      return FALSE;
    }

  if ((stmt = _pd_wms_prepare (db, "SELECT id FROM lots WHERE item_id = ? AND code = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  sqlite3_bind_text (stmt, 2, lot_code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *lot_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);
  if (*lot_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("Item %s has no lot “%s”."), item->sku, lot_code);
      return FALSE;
    }

  return TRUE;
}

static gboolean
count_write (PdWrite   *write,
             gpointer   user_data,
             GError   **error)
{
  CountJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  PdUser *actor = pd_write_get_actor (write);
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) location = NULL;
  g_autofree char *qty_text = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  sqlite3_stmt *stmt;
  gint64 lot_id;

  if ((stocktake = load_stocktake (db, job->stocktake_id, error)) == NULL ||
      !check_open (stocktake, error) ||
      (item = _pd_item_load (db, job->item_id, error)) == NULL ||
      (location = pd_store_get_location (pd_write_get_store (write), job->location_id, error)) == NULL ||
      !in_scope (db, stocktake, item, location, error) ||
      !resolve_count_lot (db, item, job->lot_code, &lot_id, error))
    return FALSE;

  /* Found stock: a line expecting nothing. */
  if ((stmt = _pd_wms_prepare (db, "INSERT OR IGNORE INTO stocktake_lines (stocktake_id, item_id, location_id, lot_id, expected_qty) "
                                   "VALUES (?, ?, ?, ?, 0)", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stocktake->id);
  sqlite3_bind_int64 (stmt, 2, item->id);
  sqlite3_bind_int64 (stmt, 3, location->id);
  sqlite3_bind_int64 (stmt, 4, lot_id);
  if (!step_done (db, stmt, error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if ((stmt = _pd_wms_prepare (db, "INSERT INTO stocktake_counts (stocktake_id, item_id, location_id, lot_id, qty, user_name, ts, move_id) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE (max (id), 0) FROM stock_moves))", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stocktake->id);
  sqlite3_bind_int64 (stmt, 2, item->id);
  sqlite3_bind_int64 (stmt, 3, location->id);
  sqlite3_bind_int64 (stmt, 4, lot_id);
  sqlite3_bind_int64 (stmt, 5, job->qty);
  sqlite3_bind_text (stmt, 6, actor != NULL ? pd_user_get_name (actor) : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
  if (!step_done (db, stmt, error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  qty_text = pd_qty_to_string (job->qty);
  payload = json_object_new ();
  json_object_set_string_member (payload, "stocktake", stocktake->uuid);
  json_object_set_string_member (payload, "item", item->uuid);
  json_object_set_string_member (payload, "location", location->uuid);
  if (lot_id != 0)
    json_object_set_string_member (payload, "lot", job->lot_code);
  else
    json_object_set_null_member (payload, "lot");
  json_object_set_string_member (payload, "qty", qty_text);
  pd_write_take_payload (write, payload);
  pd_write_set_operation (write, "insert");
  pd_write_set_entity_id (write, stocktake->uuid);
  detail = g_strdup_printf ("stocktake %" PRId64 ": %s %s at %s%s%s", stocktake->id, qty_text, item->sku,
                            location->code, lot_id != 0 ? " lot " : "", lot_id != 0 ? job->lot_code : "");
  pd_write_set_detail (write, detail);

  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
  return TRUE;
}

gboolean
pd_store_count_stocktake (PdStore     *self,
                          PdUser      *actor,
                          gint64       stocktake_id,
                          gint64       item_id,
                          gint64       location_id,
                          const char  *lot_code,
                          PdQty        qty,
                          GError     **error)
{
  CountJob job = { stocktake_id, item_id, location_id, lot_code, qty };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (qty < 0 || qty > PD_QTY_MAX)
    {
      g_autofree char *text = pd_qty_format (qty);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A counted quantity must be 0 or more and at most 10¹²; %s is not."), text);
      return FALSE;
    }

  return pd_store_write (self, actor, PD_PERMISSION_STOCK_MOVE, "stocktake.count", "stocktake",
                         count_write, &job, error);
}

/* --- post and cancel -------------------------------------------------------- */

typedef struct
{
  gint64    stocktake_id;
  gboolean  uncounted_as_zero;
  gboolean  cancel;
  guint     n_adjustments;
} CloseJob;

static gboolean
set_status (sqlite3            *db,
            const PdStocktake  *stocktake,
            PdStocktakeStatus   status,
            PdUser             *actor,
            GError            **error)
{
  g_autofree char *now = _pd_store_now ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if ((stmt = _pd_wms_prepare (db, "UPDATE stocktakes SET status = ?, posted_at = ?, posted_by = ? "
                                   "WHERE id = ? AND status = 'open'", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pd_stocktake_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, actor != NULL ? pd_user_get_name (actor) : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, stocktake->id);
  ok = step_done (db, stmt, error);
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
close_write (PdWrite   *write,
             gpointer   user_data,
             GError   **error)
{
  CloseJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autofree char *ref = NULL;
  g_autofree char *detail = NULL;
  JsonObject *payload;
  JsonArray *array;

  if ((stocktake = load_stocktake (db, job->stocktake_id, error)) == NULL ||
      !check_open (stocktake, error))
    return FALSE;

  payload = json_object_new ();
  json_object_set_string_member (payload, "stocktake", stocktake->uuid);
  json_object_set_int_member (payload, "id", stocktake->id);
  pd_write_take_payload (write, payload);
  pd_write_set_entity_id (write, stocktake->uuid);

  if (job->cancel)
    {
      detail = g_strdup_printf ("stocktake %" PRId64 " cancelled", stocktake->id);
      pd_write_set_detail (write, detail);
      if (!set_status (db, stocktake, PD_STOCKTAKE_CANCELLED, pd_write_get_actor (write), error))
        return FALSE;
      _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
      return TRUE;
    }

  /* The review again, inside the write: a move posted since the review
   * was read is accounted for too. */
  if ((lines = compute_lines (db, stocktake, job->uncounted_as_zero, FALSE, error)) == NULL)
    return FALSE;

  ref = g_strdup_printf ("stocktake %" PRId64, stocktake->id);
  for (guint i = 0; i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);
      PdStockMove *move;

      if (!line->has_difference || line->difference == 0)
        continue;

      move = pd_stock_move_new ();
      move->reason = PD_MOVE_ADJUSTMENT;
      move->item_id = line->item_id;
      move->lot_id = line->lot_id;
      move->ref = g_strdup (ref);
      if (line->difference > 0)
        {
          move->to_location = line->location_id;
          move->qty = line->difference;
        }
      else
        {
          move->from_location = line->location_id;
          move->qty = -line->difference;
        }
      g_ptr_array_add (moves, move);
    }

  array = json_array_new ();
  json_object_set_array_member (payload, "moves", array);
  json_object_set_boolean_member (payload, "uncounted_as_zero", job->uncounted_as_zero);
  if (moves->len > 0 && !_pd_stock_post_in_write (write, moves, array, NULL, error))
    return FALSE;
  if (!set_status (db, stocktake, PD_STOCKTAKE_POSTED, pd_write_get_actor (write), error))
    return FALSE;

  job->n_adjustments = moves->len;
  detail = g_strdup_printf ("stocktake %" PRId64 " posted: %u adjustments", stocktake->id, moves->len);
  pd_write_set_detail (write, detail);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);
  return TRUE;
}

gboolean
pd_store_post_stocktake (PdStore   *self,
                         PdUser    *actor,
                         gint64     stocktake_id,
                         gboolean   uncounted_as_zero,
                         guint     *n_adjustments,
                         GError   **error)
{
  CloseJob job = { stocktake_id, uncounted_as_zero, FALSE, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pd_store_write (self, actor, PD_PERMISSION_STOCKTAKE, "stocktake.post", "stocktake",
                       close_write, &job, error))
    return FALSE;

  if (n_adjustments != NULL)
    *n_adjustments = job.n_adjustments;
  return TRUE;
}

gboolean
pd_store_cancel_stocktake (PdStore   *self,
                           PdUser    *actor,
                           gint64     stocktake_id,
                           GError   **error)
{
  CloseJob job = { stocktake_id, FALSE, TRUE, 0 };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return pd_store_write (self, actor, PD_PERMISSION_STOCKTAKE, "stocktake.cancel", "stocktake",
                         close_write, &job, error);
}
