/* pd-store-boms.c — bills of materials and routings in plantdesk.db:
 * versions with one active per product, cycles refused
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-boms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-mes-private.h"
#include "pd-store-mes.h"
#include "pd-store-private.h"

/* The id and SKU of the item SKU (any case) or ID; FALSE and an error
 * that names it as a product (IS_PRODUCT) or a component when there is
 * none. */
static gboolean
resolve_item (sqlite3     *db,
              gint64       id,
              const char  *sku,
              gboolean     is_product,
              gint64      *out_id,
              char       **out_sku,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               id != 0 ? "SELECT id, sku FROM items WHERE id = ?"
                                       : "SELECT id, sku FROM items WHERE sku = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, sku != NULL ? sku : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      g_free (*out_sku);
      *out_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      g_autofree char *shown = id != 0 ? g_strdup_printf ("#%" PRId64, id) : g_strdup (sku);

      if (is_product)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown product “%s”."), shown);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown component “%s”."), shown);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

/* The next version of PRODUCT_ID's rows in TABLE ("boms", "routings"),
 * after making the active one inactive. */
static gboolean
next_version (sqlite3     *db,
              const char  *table,
              gint64       product_id,
              guint       *version,
              GError     **error)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT COALESCE (MAX (version), 0) + 1 FROM %s "
                                              "WHERE product_id = ?", table);
  g_autofree char *off_sql = g_strdup_printf ("UPDATE %s SET active = 0 WHERE product_id = ? "
                                              "AND active = 1", table);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db, max_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  stmt = pd_read_conn_prepare (db, off_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);

  return _pd_mes_step_done (stmt, db, error);
}

/* Adds the next version of PRODUCT_ID to TABLE ("boms", "routings") as
 * the active one, created NOW, and sets *VERSION, *UUID (replaced) and
 * *ID to its row's. */
static gboolean
insert_version (sqlite3     *db,
                const char  *table,
                gint64       product_id,
                const char  *now,
                guint       *version,
                char       **uuid,
                gint64      *id,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (uuid, product_id, version, active, created_at) "
                                          "VALUES (?, ?, ?, 1, ?)", table);
  sqlite3_stmt *stmt;

  if (!next_version (db, table, product_id, version, error))
    return FALSE;

  g_free (*uuid);
  *uuid = g_uuid_string_random ();
  stmt = pd_read_conn_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, *uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, product_id);
  sqlite3_bind_int (stmt, 3, *version);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!_pd_mes_step_done (stmt, db, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

/* --- Cycles ------------------------------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *children;  /* components of a product's active BOM */
  gint64        product_id;
  GHashTable   *done;      /* ids explored without reaching the product */
  GPtrArray    *path;      /* SKUs from the product down */
} CycleSearch;

/* TRUE when PRODUCT_ID is reachable from ID (whose SKU is SKU); then
 * SEARCH->path ends in the product. *FAILED on a database error. */
static gboolean
reaches_product (CycleSearch  *search,
                 gint64        id,
                 const char   *sku,
                 GError      **error,
                 gboolean     *failed)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) skus = NULL;
  int rc;

  g_ptr_array_add (search->path, g_strdup (sku));
  if (id == search->product_id)
    return TRUE;
  if (g_hash_table_contains (search->done, &id))
    goto not_found;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  skus = g_ptr_array_new_with_free_func (g_free);
  sqlite3_reset (search->children);
  sqlite3_bind_int64 (search->children, 1, id);
  while ((rc = sqlite3_step (search->children)) == SQLITE_ROW)
    {
      gint64 child = sqlite3_column_int64 (search->children, 0);

      g_array_append_val (ids, child);
      g_ptr_array_add (skus, g_strdup ((const char *) sqlite3_column_text (search->children, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (search->db, rc, error);
      *failed = TRUE;
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (reaches_product (search, g_array_index (ids, gint64, i), g_ptr_array_index (skus, i), error, failed))
        return TRUE;
      if (*failed)
        return FALSE;
    }

  g_hash_table_add (search->done, g_memdup2 (&id, sizeof id));

not_found:
  g_ptr_array_remove_index (search->path, search->path->len - 1);
  return FALSE;
}

/* Refuses BOM (product and components resolved) when a component is the
 * product or contains it through the active BOMs below it. */
static gboolean
check_cycles (sqlite3      *db,
              const PdBom  *bom,
              GError      **error)
{
  CycleSearch search = { db, NULL, bom->product_id, NULL, NULL };
  gboolean failed = FALSE;
  gboolean cycle = FALSE;

  search.children = pd_read_conn_prepare (db,
                                          "SELECT l.component_id, i.sku FROM boms b "
                                          "JOIN bom_lines l ON l.bom_id = b.id JOIN items i ON i.id = l.component_id "
                                          "WHERE b.product_id = ? AND b.active = 1 ORDER BY l.line_no",
                                          error);
  if (search.children == NULL)
    return FALSE;
  search.done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  search.path = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (search.path, g_strdup (bom->product_sku));

  for (guint i = 0; i < bom->lines->len && !cycle && !failed; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);

      cycle = reaches_product (&search, line->component_id, line->component_sku, error, &failed);
    }

  if (cycle)
    {
      g_autoptr(GString) path = g_string_new (NULL);

      for (guint i = 0; i < search.path->len; i++)
        {
          if (i > 0)
            g_string_append (path, " → ");
          g_string_append (path, g_ptr_array_index (search.path, i));
        }
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   /* TRANSLATORS: %s is a product's SKU, then a path of SKUs such as “A → B → A” */
                   _("The bill of materials of “%s” would make a cycle: %s."), bom->product_sku, path->str);
    }

  sqlite3_finalize (search.children);
  g_hash_table_unref (search.done);
  g_ptr_array_unref (search.path);

  return !cycle && !failed;
}

/* --- Bills of materials ------------------------------------------------------- */

static gboolean
write_set_bom (PdWrite   *write,
               gpointer   user_data,
               GError   **error)
{
  PdBom *bom = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!resolve_item (db, bom->product_id, bom->product_sku, TRUE,
                     &bom->product_id, &bom->product_sku, error))
    return FALSE;

  for (guint i = 0; i < bom->lines->len; i++)
    {
      PdBomLine *line = g_ptr_array_index (bom->lines, i);

      if (!resolve_item (db, line->component_id, line->component_sku, FALSE,
                         &line->component_id, &line->component_sku, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (((PdBomLine *) g_ptr_array_index (bom->lines, j))->component_id == line->component_id)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Component “%s” is listed twice."), line->component_sku);
            return FALSE;
          }
    }

  if (!check_cycles (db, bom, error) ||
      !insert_version (db, "boms", bom->product_id, now, &bom->version, &bom->uuid, &bom->id, error))
    return FALSE;
  bom->active = TRUE;
  g_free (bom->created_at);
  bom->created_at = g_strdup (now);

  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO bom_lines (bom_id, line_no, component_id, qty, scrap_pct, backflush) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, bom->id);
      sqlite3_bind_int (stmt, 2, i + 1);
      sqlite3_bind_int64 (stmt, 3, line->component_id);
      sqlite3_bind_int64 (stmt, 4, line->qty);
      sqlite3_bind_int64 (stmt, 5, line->scrap_pct);
      sqlite3_bind_int (stmt, 6, line->backflush ? 1 : 0);
      if (!_pd_mes_step_done (stmt, db, error))
        return FALSE;
    }

  detail = g_strdup_printf ("bom %s v%u, %u components", bom->product_sku, bom->version, bom->lines->len);
  pd_write_set_entity_id (write, bom->uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, pd_bom_to_json (bom));

  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_MES_MASTER_CHANGED);
  return TRUE;
}

static PdBom *
bom_copy (const PdBom *bom)
{
  PdBom *copy = pd_bom_new ();

  copy->product_id = bom->product_id;
  copy->product_sku = g_strdup (bom->product_sku);
  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      PdBomLine *l = pd_bom_line_new (line->component_sku, line->qty, line->scrap_pct, line->backflush);

      l->component_id = line->component_id;
      g_ptr_array_add (copy->lines, l);
    }

  return copy;
}

gboolean
pd_store_set_bom (PdStore  *self,
                  PdUser   *actor,
                  PdBom    *bom,
                  GError  **error)
{
  g_autoptr(PdBom) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (bom != NULL, FALSE);

  if (!pd_bom_validate (bom, error))
    return FALSE;

  copy = bom_copy (bom);
  if (!pd_store_write (self, actor, PD_PERMISSION_MES_MASTER, "bom.set", "bom",
                       write_set_bom, copy, error))
    return FALSE;

  bom->id = copy->id;
  g_free (bom->uuid);
  bom->uuid = g_strdup (copy->uuid);
  bom->product_id = copy->product_id;
  g_free (bom->product_sku);
  bom->product_sku = g_strdup (copy->product_sku);
  bom->version = copy->version;
  bom->active = TRUE;
  g_free (bom->created_at);
  bom->created_at = g_strdup (copy->created_at);
  for (guint i = 0; i < bom->lines->len; i++)
    ((PdBomLine *) g_ptr_array_index (bom->lines, i))->component_id =
      ((PdBomLine *) g_ptr_array_index (copy->lines, i))->component_id;

  return TRUE;
}

static gboolean
load_bom_lines (sqlite3  *db,
                PdBom    *bom,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT l.component_id, i.sku, i.name, i.unit, l.qty, l.scrap_pct, l.backflush "
                               "FROM bom_lines l JOIN items i ON i.id = l.component_id "
                               "WHERE l.bom_id = ? ORDER BY l.line_no",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bom->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdBomLine *line = pd_bom_line_new ((const char *) sqlite3_column_text (stmt, 1),
                                         sqlite3_column_int64 (stmt, 4),
                                         sqlite3_column_int64 (stmt, 5),
                                         sqlite3_column_int (stmt, 6) != 0);

      line->component_id = sqlite3_column_int64 (stmt, 0);
      line->component_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      line->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (bom->lines, line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

#define BOM_COLUMNS "b.id, b.uuid, b.product_id, i.sku, b.version, b.active, b.created_at"

static PdBom *
bom_from_row (sqlite3_stmt *stmt)
{
  PdBom *bom = pd_bom_new ();

  bom->id = sqlite3_column_int64 (stmt, 0);
  bom->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  bom->product_id = sqlite3_column_int64 (stmt, 2);
  bom->product_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  bom->version = sqlite3_column_int (stmt, 4);
  bom->active = sqlite3_column_int (stmt, 5) != 0;
  bom->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));

  return bom;
}

/* Rows of the SELECT in STMT as PdBom with lines. */
static GPtrArray *
read_boms (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_bom_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, bom_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    if (!load_bom_lines (db, g_ptr_array_index (list, i), error))
      return NULL;

  return g_steal_pointer (&list);
}

gboolean
pd_store_get_bom (PdStore  *self,
                  gint64    product_id,
                  guint     version,
                  PdBom   **bom,
                  GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (bom != NULL, FALSE);

  *bom = NULL;
  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db,
                               version == 0
                               ? "SELECT " BOM_COLUMNS " FROM boms b JOIN items i ON i.id = b.product_id "
                            "WHERE b.product_id = ? AND b.active = 1"
                               : "SELECT " BOM_COLUMNS " FROM boms b JOIN items i ON i.id = b.product_id "
                            "WHERE b.product_id = ? AND b.version = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (version != 0)
    sqlite3_bind_int (stmt, 2, version);

  if ((list = read_boms (db, stmt, error)) == NULL)
    return FALSE;
  if (list->len > 0)
    *bom = g_ptr_array_steal_index (list, 0);

  return TRUE;
}

GPtrArray *
pd_store_list_bom_versions (PdStore  *self,
                            gint64    product_id,
                            GError  **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db,
                               "SELECT " BOM_COLUMNS " FROM boms b JOIN items i ON i.id = b.product_id "
                               "WHERE b.product_id = ? ORDER BY b.version DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);

  return read_boms (db, stmt, error);
}

/* --- Routings ------------------------------------------------------------------ */

static gboolean
write_set_routing (PdWrite   *write,
                   gpointer   user_data,
                   GError   **error)
{
  PdRouting *routing = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!resolve_item (db, routing->product_id, routing->product_sku, TRUE,
                     &routing->product_id, &routing->product_sku, error))
    return FALSE;

  for (guint i = 0; i < routing->ops->len; i++)
    {
      PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      g_autofree char *code = NULL;
      gint64 id;

      if (op->work_center_id != 0)
        continue;
      id = _pd_work_center_find_id (db, op->work_center_code, &code, error);
      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Unknown work center “%s” in operation %u."), op->work_center_code, op->seq);
          return FALSE;
        }
      op->work_center_id = id;
      g_free (op->work_center_code);
      op->work_center_code = g_steal_pointer (&code);
    }

  if (!insert_version (db, "routings", routing->product_id, now, &routing->version,
                       &routing->uuid, &routing->id, error))
    return FALSE;
  routing->active = TRUE;
  g_free (routing->created_at);
  routing->created_at = g_strdup (now);

  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO routing_operations (routing_id, seq, work_center_id, setup_us, run_us, "
                                   "instructions, overlap) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, routing->id);
      sqlite3_bind_int (stmt, 2, op->seq);
      sqlite3_bind_int64 (stmt, 3, op->work_center_id);
      sqlite3_bind_int64 (stmt, 4, op->setup_us);
      sqlite3_bind_int64 (stmt, 5, op->run_us);
      if (op->instructions != NULL)
        sqlite3_bind_text (stmt, 6, op->instructions, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, op->overlap ? 1 : 0);
      if (!_pd_mes_step_done (stmt, db, error))
        return FALSE;
    }

  detail = g_strdup_printf ("routing %s v%u, %u operations",
                            routing->product_sku, routing->version, routing->ops->len);
  pd_write_set_entity_id (write, routing->uuid);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, pd_routing_to_json (routing));

  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_MES_MASTER_CHANGED);
  return TRUE;
}

static gint
compare_seq (gconstpointer a,
             gconstpointer b)
{
  const PdRoutingOp *x = *(PdRoutingOp * const *) a;
  const PdRoutingOp *y = *(PdRoutingOp * const *) b;

  return (x->seq > y->seq) - (x->seq < y->seq);
}

gboolean
pd_store_set_routing (PdStore    *self,
                      PdUser     *actor,
                      PdRouting  *routing,
                      GError    **error)
{
  g_autoptr(PdRouting) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (routing != NULL, FALSE);

  if (!pd_routing_validate (routing, error))
    return FALSE;

  copy = pd_routing_new ();
  copy->product_id = routing->product_id;
  copy->product_sku = g_strdup (routing->product_sku);
  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      PdRoutingOp *o = pd_routing_op_new (op->seq, op->work_center_code, op->setup_us, op->run_us);

      o->work_center_id = op->work_center_id;
      o->instructions = g_strdup (op->instructions);
      o->overlap = op->overlap;
      g_ptr_array_add (copy->ops, o);
    }
  g_ptr_array_sort (copy->ops, compare_seq);

  if (!pd_store_write (self, actor, PD_PERMISSION_MES_MASTER, "routing.set", "routing",
                       write_set_routing, copy, error))
    return FALSE;

  routing->id = copy->id;
  g_free (routing->uuid);
  routing->uuid = g_strdup (copy->uuid);
  routing->product_id = copy->product_id;
  g_free (routing->product_sku);
  routing->product_sku = g_strdup (copy->product_sku);
  routing->version = copy->version;
  routing->active = TRUE;
  g_free (routing->created_at);
  routing->created_at = g_strdup (copy->created_at);

  return TRUE;
}

gboolean
pd_store_get_routing (PdStore     *self,
                      gint64       product_id,
                      guint        version,
                      PdRouting  **routing,
                      GError     **error)
{
  g_autoptr(PdRouting) result = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (routing != NULL, FALSE);

  *routing = NULL;
  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db,
                               version == 0
                               ? "SELECT r.id, r.uuid, r.product_id, i.sku, r.version, r.active, r.created_at "
                            "FROM routings r JOIN items i ON i.id = r.product_id "
                            "WHERE r.product_id = ? AND r.active = 1"
                               : "SELECT r.id, r.uuid, r.product_id, i.sku, r.version, r.active, r.created_at "
                            "FROM routings r JOIN items i ON i.id = r.product_id "
                            "WHERE r.product_id = ? AND r.version = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (version != 0)
    sqlite3_bind_int (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      result = pd_routing_new ();
      result->id = sqlite3_column_int64 (stmt, 0);
      result->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      result->product_id = sqlite3_column_int64 (stmt, 2);
      result->product_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      result->version = sqlite3_column_int (stmt, 4);
      result->active = sqlite3_column_int (stmt, 5) != 0;
      result->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  stmt = pd_read_conn_prepare (db,
                               "SELECT o.seq, o.work_center_id, w.code, o.setup_us, o.run_us, o.instructions, o.overlap "
                               "FROM routing_operations o JOIN work_centers w ON w.id = o.work_center_id "
                               "WHERE o.routing_id = ? ORDER BY o.seq",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, result->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdRoutingOp *op = pd_routing_op_new (sqlite3_column_int (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           sqlite3_column_int64 (stmt, 3),
                                           sqlite3_column_int64 (stmt, 4));

      op->work_center_id = sqlite3_column_int64 (stmt, 1);
      op->instructions = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      op->overlap = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (result->ops, op);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  *routing = g_steal_pointer (&result);
  return TRUE;
}
