/* pd-store-wo-material.c — material issue, backflush and finished goods of
 * work orders through the warehouse's ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in pd-store-wo-material.h. Everything here runs inside the
 * work order's write (or reads on the store's connection for display), and
 * posts with _pd_stock_post_in_write() so that the warehouse's checks,
 * on-hand and alarms are the ones every other move goes through.
 */

#define G_LOG_DOMAIN "plantdesk-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-read-conn.h"
#include "pd-store-private.h"
#include "pd-store-wo-material.h"
#include "pd-store-work-orders-private.h"
#include "pd-wms-private.h"

typedef struct
{
  gint64    item_id;
  char     *sku;
  char     *unit;
  gboolean  lot_tracked;
  PdQty     per_unit;
  PdQty     scrap_pct;
  gboolean  backflush;
} Component;

/* What an order needs to move stock: its BOM's components and where they
 * come from and the goods go to. */
typedef struct
{
  gboolean   product_lot_tracked;
  gint64     first_wc_id;
  char      *first_wc_code;
  gint64     from_id;          /* 0: none */
  char      *from_code;
  gint64     last_wc_id;
  char      *last_wc_code;
  gint64     to_id;
  char      *to_code;
  GPtrArray *components;       /* Component */
} Material;

static void
component_free (Component *c)
{
  g_free (c->sku);
  g_free (c->unit);
  g_free (c);
}

static void
material_clear (Material *m)
{
  g_clear_pointer (&m->first_wc_code, g_free);
  g_clear_pointer (&m->from_code, g_free);
  g_clear_pointer (&m->last_wc_code, g_free);
  g_clear_pointer (&m->to_code, g_free);
  g_clear_pointer (&m->components, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Material, material_clear)

void
pd_wo_shortage_free (PdWoShortage *shortage)
{
  if (shortage == NULL)
    return;
  g_free (shortage->sku);
  g_free (shortage->unit);
  g_free (shortage->location);
  g_free (shortage);
}

JsonObject *
pd_wo_shortage_to_json (const PdWoShortage *shortage)
{
  JsonObject *j = json_object_new ();
  g_autofree char *needed = pd_qty_to_string (shortage->needed);
  g_autofree char *on_hand = pd_qty_to_string (shortage->on_hand);
  g_autofree char *missing = pd_qty_to_string (shortage->missing);

  json_object_set_string_member (j, "sku", shortage->sku);
  json_object_set_string_member (j, "unit", shortage->unit);
  json_object_set_string_member (j, "location", shortage->location);
  json_object_set_boolean_member (j, "backflush", shortage->backflush);
  json_object_set_string_member (j, "needed", needed);
  json_object_set_string_member (j, "on_hand", on_hand);
  json_object_set_string_member (j, "missing", missing);
  return j;
}

/* --- Reading what an order needs ------------------------------------------- */

/* PER_UNIT × UNITS × (100 + SCRAP_PCT) / 100, rounded up to the millionth.
 * The products of two PdQty need more than 64 bits. */
static gboolean
compute_need (const Component  *c,
              PdQty             units,
              PdQty            *need,
              GError          **error)
{
  unsigned __int128 n;
  const unsigned __int128 one = PD_QTY_ONE;
  const unsigned __int128 hundred = 100 * PD_QTY_ONE;

  g_assert (c->per_unit > 0 && units >= 0 && c->scrap_pct >= 0);

  n = (unsigned __int128) c->per_unit * (unsigned __int128) units;
  n = (n + one - 1) / one;
  n = n * (hundred + (unsigned __int128) c->scrap_pct);
  n = (n + hundred - 1) / hundred;
  if (n > (unsigned __int128) PD_QTY_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The quantity of component %s needed is out of range."), c->sku);
      return FALSE;
    }
  *need = (PdQty) n;
  return TRUE;
}

static gboolean
read_work_center (sqlite3      *db,
                  gint64        wc_id,
                  gboolean      source,
                  char        **wc_code,
                  gint64       *location_id,
                  char        **location_code,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               source
                               ? "SELECT c.code, l.id, l.code FROM work_centers c "
                                 "LEFT JOIN locations l ON l.id = c.from_location_id WHERE c.id = ?"
                               : "SELECT c.code, l.id, l.code FROM work_centers c "
                                 "LEFT JOIN locations l ON l.id = c.to_location_id WHERE c.id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wc_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *wc_code = pd_read_conn_dup_text (stmt, 0);
      *location_id = sqlite3_column_int64 (stmt, 1);
      *location_code = pd_read_conn_dup_text (stmt, 2);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                   _("No work center with id %" PRId64 "."), wc_id);
      return FALSE;
    }
  return TRUE;
}

/* The components of PRODUCT_ID's BOM VERSION (0: none). */
static gboolean
read_components (sqlite3      *db,
                 gint64        product_id,
                 guint         version,
                 GPtrArray    *components,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (version == 0)
    return TRUE;
  stmt = pd_read_conn_prepare (db,
                               "SELECT i.id, i.sku, i.unit, i.lot_tracked, bl.qty, bl.scrap_pct, bl.backflush "
                               "FROM boms b JOIN bom_lines bl ON bl.bom_id = b.id JOIN items i ON i.id = bl.component_id "
                               "WHERE b.product_id = ? AND b.version = ? ORDER BY bl.line_no",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int (stmt, 2, version);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Component *c = g_new0 (Component, 1);

      c->item_id = sqlite3_column_int64 (stmt, 0);
      c->sku = pd_read_conn_dup_text (stmt, 1);
      c->unit = pd_read_conn_dup_text (stmt, 2);
      c->lot_tracked = sqlite3_column_int (stmt, 3) != 0;
      c->per_unit = sqlite3_column_int64 (stmt, 4);
      c->scrap_pct = sqlite3_column_int64 (stmt, 5);
      c->backflush = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (components, c);
    }
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

/* A single integer of a query with one int64 parameter; 0 without a row. */
static gboolean
query_int64 (sqlite3      *db,
             const char   *sql,
             gint64        param,
             gint64       *value,
             GError      **error)
{
  sqlite3_stmt *stmt = pd_read_conn_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, param);
  *value = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  return pd_read_conn_finish_stmt (db, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Fills M for an order of PRODUCT_ID with BOM VERSION whose first and
 * last operations run on FIRST_WC_ID and LAST_WC_ID (0: no operations). */
static gboolean
load_material (sqlite3      *db,
               gint64        product_id,
               guint         version,
               gint64        first_wc_id,
               gint64        last_wc_id,
               Material     *m,
               GError      **error)
{
  gint64 lot_tracked = 0;

  m->components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  if (!read_components (db, product_id, version, m->components, error))
    return FALSE;
  if (!query_int64 (db, "SELECT lot_tracked FROM items WHERE id = ?", product_id, &lot_tracked, error))
    return FALSE;
  m->product_lot_tracked = lot_tracked != 0;
  m->first_wc_id = first_wc_id;
  m->last_wc_id = last_wc_id;
  if (first_wc_id != 0
      && !read_work_center (db, first_wc_id, TRUE, &m->first_wc_code, &m->from_id, &m->from_code, error))
    return FALSE;
  if (last_wc_id != 0
      && !read_work_center (db, last_wc_id, FALSE, &m->last_wc_code, &m->to_id, &m->to_code, error))
    return FALSE;
  return TRUE;
}

static void
first_last (const PdWorkOrder *wo,
            gint64            *first,
            gint64            *last)
{
  *first = *last = 0;
  if (wo->ops->len == 0)
    return;
  *first = ((PdWoOperation *) g_ptr_array_index (wo->ops, 0))->work_center_id;
  *last = ((PdWoOperation *) g_ptr_array_index (wo->ops, wo->ops->len - 1))->work_center_id;
}

/* --- On hand at the source ------------------------------------------------- */

#define SOURCE_SUBTREE \
  "WITH RECURSIVE subtree (id) AS (SELECT ?1 UNION ALL " \
  "SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id) "

/* What can be taken of C at FROM_ID and below: the positive on-hand rows,
 * oldest lot first. Appends moves of QTY (or of what there is) to MOVES
 * when MOVES is given; *AVAILABLE is the sum of the rows. */
static gboolean
take_rows (sqlite3          *db,
           const Component  *c,
           gint64            from_id,
           PdQty             qty,
           const char       *ref,
           GPtrArray        *moves,
           PdQty            *available,
           GError          **error)
{
  sqlite3_stmt *stmt;
  PdQty left = qty;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               SOURCE_SUBTREE
                               "SELECT s.location_id, s.lot_id, s.qty FROM stock_levels s "
                               "JOIN locations l ON l.id = s.location_id "
                               "LEFT JOIN lots lot ON lot.id = s.lot_id "
                               "WHERE s.item_id = ?2 AND s.qty > 0 AND s.location_id IN subtree "
                               "ORDER BY lot.created_at, s.lot_id, l.code",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, c->item_id);
  *available = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdQty have = sqlite3_column_int64 (stmt, 2);

      if (!pd_qty_add (*available, have, available))
        *available = PD_QTY_MAX;
      if (moves != NULL && left > 0)
        {
          PdStockMove *move = pd_stock_move_new ();

          move->item_id = c->item_id;
          move->lot_id = sqlite3_column_int64 (stmt, 1);
          move->from_location = sqlite3_column_int64 (stmt, 0);
          move->qty = MIN (have, left);
          move->reason = PD_MOVE_ISSUE;
          move->ref = g_strdup (ref);
          g_ptr_array_add (moves, move);
          left -= move->qty;
        }
    }
  return pd_read_conn_finish_stmt (db, stmt, rc, error);
}

/* The shortages of the components of M that INCLUDE (NULL: all) for
 * UNITS parts, or for the backflushed ones only. */
typedef enum
{
  ALL_COMPONENTS,
  PICKED_COMPONENTS,
  BACKFLUSHED_COMPONENTS,
} Which;

static gboolean
includes (Which            which,
          const Component *c)
{
  return which == ALL_COMPONENTS || (which == PICKED_COMPONENTS) == !c->backflush;
}

static GPtrArray *
find_shortages (sqlite3         *db,
                const Material  *m,
                Which            which,
                PdQty            units,
                GError         **error)
{
  g_autoptr(GPtrArray) shortages = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_wo_shortage_free);

  for (guint i = 0; i < m->components->len; i++)
    {
      const Component *c = g_ptr_array_index (m->components, i);
      PdQty need, available;

      if (!includes (which, c))
        continue;
      if (!compute_need (c, units, &need, error)
          || !take_rows (db, c, m->from_id, need, NULL, NULL, &available, error))
        return NULL;
      if (available < need)
        {
          PdWoShortage *s = g_new0 (PdWoShortage, 1);

          s->component_id = c->item_id;
          s->sku = g_strdup (c->sku);
          s->unit = g_strdup (c->unit);
          s->location = g_strdup (m->from_code);
          s->backflush = c->backflush;
          s->needed = need;
          s->on_hand = available;
          s->missing = need - available;
          g_ptr_array_add (shortages, s);
        }
    }
  return g_steal_pointer (&shortages);
}

/* HEAD, then one line a missing component. */
static void
set_shortage_error (GError     **error,
                    const char  *head,
                    GPtrArray   *shortages)
{
  g_autoptr(GString) text = g_string_new (head);

  for (guint i = 0; i < shortages->len; i++)
    {
      const PdWoShortage *s = g_ptr_array_index (shortages, i);
      g_autofree char *needed = pd_qty_format (s->needed);
      g_autofree char *on_hand = pd_qty_format (s->on_hand);
      g_autofree char *missing = pd_qty_format (s->missing);

      g_string_append_c (text, '\n');
      /* TRANSLATORS: one missing component: "STEEL: needed 12 kg, on hand 5, missing 7" */
      g_string_append_printf (text, _("%s: needed %s %s, on hand %s, missing %s"),
                              s->sku, needed, s->unit != NULL ? s->unit : "", on_hand, missing);
    }
  g_set_error_literal (error, PD_ERROR, PD_ERROR_INSUFFICIENT, text->str);
}

/* --- In the work order's write --------------------------------------------- */

static gboolean
post (PdWrite      *write,
      GPtrArray    *moves,
      JsonObject   *payload,
      GError      **error)
{
  JsonArray *array;

  if (moves->len == 0)
    return TRUE;
  if (json_object_has_member (payload, "moves"))
    array = json_object_get_array_member (payload, "moves");
  else
    {
      array = json_array_new ();
      json_object_set_array_member (payload, "moves", array);
    }
  return _pd_stock_post_in_write (write, moves, array, NULL, error);
}

/* Issues the need of the components WHICH for UNITS parts, or refuses with
 * HEAD and the list of what is short. */
static gboolean
issue (PdWrite          *write,
       const Material   *m,
       Which             which,
       PdQty             units,
       const char       *number,
       const char       *head,
       GPtrArray        *moves,
       GError          **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(GPtrArray) shortages = NULL;

  shortages = find_shortages (db, m, which, units, error);
  if (shortages == NULL)
    return FALSE;
  if (shortages->len > 0)
    {
      set_shortage_error (error, head, shortages);
      return FALSE;
    }
  for (guint i = 0; i < m->components->len; i++)
    {
      const Component *c = g_ptr_array_index (m->components, i);
      PdQty need, available;

      if (!includes (which, c))
        continue;
      if (!compute_need (c, units, &need, error))
        return FALSE;
      if (need > 0 && !take_rows (db, c, m->from_id, need, number, moves, &available, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_components (const Material *m,
                Which           which)
{
  for (guint i = 0; i < m->components->len; i++)
    if (includes (which, g_ptr_array_index (m->components, i)))
      return TRUE;
  return FALSE;
}

/* Refuses when components of M are to be taken but its first work center
 * has no source location; RELEASE: for a release. */
static gboolean
check_source (const Material  *m,
              const char      *number,
              gboolean         release,
              GError         **error)
{
  const char *wc = m->first_wc_code != NULL ? m->first_wc_code : "—";

  if (m->components->len == 0 || m->from_id != 0)
    return TRUE;
  if (release)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Work order %s cannot be released: work center %s, where its first operation runs, "
                   "has no source location for the material of its bill of materials."),
                 number, wc);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Work order %s: work center %s, where its first operation runs, has no source location "
                   "for the material of its bill of materials."),
                 number, wc);
  return FALSE;
}

static gboolean
check_target (const Material  *m,
              const char      *number,
              gboolean         release,
              GError         **error)
{
  const char *wc = m->last_wc_code != NULL ? m->last_wc_code : "—";

  if (m->to_id != 0)
    return TRUE;
  if (release)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Work order %s cannot be released: work center %s, where its last operation runs, "
                   "has no target location for the finished goods."),
                 number, wc);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("Work order %s: work center %s, where its last operation runs, has no target location "
                   "for the finished goods."),
                 number, wc);
  return FALSE;
}

static gboolean
material_release (PdWrite            *write,
                  const PdWorkOrder  *wo,
                  JsonObject         *payload,
                  GError            **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_auto(Material) m = { 0 };
  g_autoptr(GPtrArray) shortages = NULL;
  JsonArray *ops = json_object_get_array_member (payload, "operations");
  guint n_ops = ops != NULL ? json_array_get_length (ops) : 0;
  guint version = json_object_get_int_member_with_default (payload, "bom_version", 0);
  gint64 first = 0, last = 0;

  if (n_ops > 0)
    {
      first = json_object_get_int_member (json_array_get_object_element (ops, 0), "work_center_id");
      last = json_object_get_int_member (json_array_get_object_element (ops, n_ops - 1), "work_center_id");
    }
  if (!load_material (db, wo->product_id, version, first, last, &m, error))
    return FALSE;
  if (m.components->len == 0)
    return TRUE;
  if (!check_source (&m, wo->number, TRUE, error) || !check_target (&m, wo->number, TRUE, error))
    return FALSE;

  shortages = find_shortages (db, &m, ALL_COMPONENTS, wo->qty, error);
  if (shortages == NULL)
    return FALSE;
  if (shortages->len > 0)
    {
      g_autofree char *head = g_strdup_printf (_("Work order %s cannot be released: not enough material at %s."),
                                               wo->number, m.from_code);

      set_shortage_error (error, head, shortages);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pd_wo_material_in_write (PdWrite            *write,
                          const PdWorkOrder  *wo,
                          PdWoAction          action,
                          guint               seq,
                          PdQty               good,
                          PdQty               scrap,
                          JsonObject         *payload,
                          GError            **error)
{
  sqlite3 *db = pd_write_get_db (write);
  g_auto(Material) m = { 0 };
  g_autoptr(GPtrArray) moves = NULL;
  const PdWoOperation *first_op, *last_op;
  gint64 first, last;

  if (action == PD_WO_ACTION_RELEASE)
    return material_release (write, wo, payload, error);
  if ((action != PD_WO_ACTION_START && action != PD_WO_ACTION_REPORT) || wo->ops->len == 0)
    return TRUE;

  first_op = g_ptr_array_index (wo->ops, 0);
  last_op = g_ptr_array_index (wo->ops, wo->ops->len - 1);
  if (seq != first_op->seq && seq != last_op->seq)
    return TRUE;

  first_last (wo, &first, &last);
  if (!load_material (db, wo->product_id, wo->bom_version, first, last, &m, error))
    return FALSE;
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);

  if (action == PD_WO_ACTION_START && seq == first_op->seq && has_components (&m, PICKED_COMPONENTS))
    {
      g_autofree char *head = NULL;

      if (!check_source (&m, wo->number, FALSE, error))
        return FALSE;
      head = g_strdup_printf (_("Operation %u of work order %s cannot start: not enough material at %s."),
                              seq, wo->number, m.from_code);
      if (!issue (write, &m, PICKED_COMPONENTS, wo->qty, wo->number, head, moves, error))
        return FALSE;
    }

  if (action == PD_WO_ACTION_REPORT && seq == first_op->seq && has_components (&m, BACKFLUSHED_COMPONENTS))
    {
      g_autofree char *head = NULL;
      PdQty units;

      if (!check_source (&m, wo->number, FALSE, error))
        return FALSE;
      if (!pd_qty_add (good, scrap, &units))
        units = PD_QTY_MAX;
      head = g_strdup_printf (_("Operation %u of work order %s cannot report: not enough material at %s "
                                "to backflush."),
                              seq, wo->number, m.from_code);
      if (!issue (write, &m, BACKFLUSHED_COMPONENTS, units, wo->number, head, moves, error))
        return FALSE;
    }

  if (action == PD_WO_ACTION_REPORT && seq == last_op->seq && good > 0)
    {
      PdStockMove *move;

      /* Without a BOM an order may make goods no location keeps. */
      if (m.to_id == 0 && m.components->len == 0)
        return post (write, moves, payload, error);
      if (!check_target (&m, wo->number, FALSE, error))
        return FALSE;

      move = pd_stock_move_new ();
      move->item_id = wo->product_id;
      move->lot_code = m.product_lot_tracked ? g_strdup (wo->number) : NULL;
      move->to_location = m.to_id;
      move->qty = good;
      move->reason = PD_MOVE_RECEIPT;
      move->ref = g_strdup (wo->number);
      g_ptr_array_add (moves, move);
    }

  return post (write, moves, payload, error);
}

/* --- Reading for display ----------------------------------------------------- */

gboolean
pd_store_list_work_order_shortages (PdStore     *self,
                                    const char  *number,
                                    GPtrArray  **shortages,
                                    GError     **error)
{
  sqlite3 *db;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_auto(Material) m = { 0 };
  gint64 first = 0, last = 0;
  guint version;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (shortages != NULL, FALSE);

  *shortages = NULL;
  db = pd_store_get_db (self);
  wo = _pd_work_order_load (db, 0, number, error);
  if (wo == NULL)
    return FALSE;

  version = wo->bom_version;
  if (wo->status == PD_WO_DRAFT)
    {
      gint64 active = 0;

      /* What a release would freeze now. */
      if (!query_int64 (db, "SELECT version FROM boms WHERE product_id = ? AND active = 1",
                        wo->product_id, &active, error)
          || !query_int64 (db,
                           "SELECT o.work_center_id FROM routings r JOIN routing_operations o ON o.routing_id = r.id "
                           "WHERE r.product_id = ? AND r.active = 1 ORDER BY o.seq LIMIT 1",
                           wo->product_id, &first, error)
          || !query_int64 (db,
                           "SELECT o.work_center_id FROM routings r JOIN routing_operations o ON o.routing_id = r.id "
                           "WHERE r.product_id = ? AND r.active = 1 ORDER BY o.seq DESC LIMIT 1",
                           wo->product_id, &last, error))
        return FALSE;
      version = (guint) active;
    }
  else
    first_last (wo, &first, &last);

  if (!load_material (db, wo->product_id, version, first, last, &m, error)
      || !check_source (&m, wo->number, FALSE, error))
    return FALSE;
  *shortages = find_shortages (db, &m, ALL_COMPONENTS, wo->qty, error);
  return *shortages != NULL;
}

GPtrArray *
pd_store_list_work_order_moves (PdStore     *self,
                                const char  *number,
                                GError     **error)
{
  sqlite3 *db;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  db = pd_store_get_db (self);
  wo = _pd_work_order_load (db, 0, number, error);
  if (wo == NULL)
    return NULL;

  /* By item, so that the ledger's item index finds them. */
  stmt = pd_read_conn_prepare (db,
                               "SELECT m.id, m.uuid, m.item_id, COALESCE (m.lot_id, 0), COALESCE (m.from_location, 0), "
                               "COALESCE (m.to_location, 0), m.qty, m.reason, m.ref, m.user_name, m.station_id, m.ts, "
                               "i.sku, lot.code, f.code, t.code "
                               "FROM stock_moves m JOIN items i ON i.id = m.item_id "
                               "LEFT JOIN lots lot ON lot.id = m.lot_id "
                               "LEFT JOIN locations f ON f.id = m.from_location "
                               "LEFT JOIN locations t ON t.id = m.to_location "
                               "WHERE m.ref = ?1 AND m.item_id IN (SELECT ?2 UNION SELECT bl.component_id "
                               "FROM boms b JOIN bom_lines bl ON bl.bom_id = b.id WHERE b.product_id = ?2) "
                               "ORDER BY m.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, wo->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, wo->product_id);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdStockMove *move = pd_stock_move_new ();

      move->id = sqlite3_column_int64 (stmt, 0);
      move->uuid = pd_read_conn_dup_text (stmt, 1);
      move->item_id = sqlite3_column_int64 (stmt, 2);
      move->lot_id = sqlite3_column_int64 (stmt, 3);
      move->from_location = sqlite3_column_int64 (stmt, 4);
      move->to_location = sqlite3_column_int64 (stmt, 5);
      move->qty = sqlite3_column_int64 (stmt, 6);
      if (!pd_move_reason_from_string ((const char *) sqlite3_column_text (stmt, 7), &move->reason))
        move->reason = PD_MOVE_ADJUSTMENT;
      move->ref = pd_read_conn_dup_text (stmt, 8);
      move->user_name = pd_read_conn_dup_text (stmt, 9);
      move->station_id = pd_read_conn_dup_text (stmt, 10);
      move->ts = sqlite3_column_int64 (stmt, 11);
      move->sku = pd_read_conn_dup_text (stmt, 12);
      move->lot_code = pd_read_conn_dup_text (stmt, 13);
      move->from_code = pd_read_conn_dup_text (stmt, 14);
      move->to_code = pd_read_conn_dup_text (stmt, 15);
      g_ptr_array_add (moves, move);
    }
  if (!pd_read_conn_finish_stmt (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&moves);
}
