/* pd-store-work-centers.c — work centers, their shifts and exceptions in
 * plantdesk.db
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-work-centers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pd-error.h"
#include "pd-mes-private.h"
#include "pd-store-mes.h"
#include "pd-store-private.h"

#define WORK_CENTER_COLUMNS \
  "w.id, w.uuid, w.code, w.name, w.line, w.capacity, " \
  "COALESCE (w.good_tag_id, 0), (SELECT d.name || '/' || t.name FROM tags t JOIN devices d ON d.id = t.device_id WHERE t.id = w.good_tag_id), " \
  "COALESCE (w.scrap_tag_id, 0), (SELECT d.name || '/' || t.name FROM tags t JOIN devices d ON d.id = t.device_id WHERE t.id = w.scrap_tag_id), " \
  "COALESCE (w.running_tag_id, 0), (SELECT d.name || '/' || t.name FROM tags t JOIN devices d ON d.id = t.device_id WHERE t.id = w.running_tag_id), " \
  "COALESCE (w.from_location_id, 0), (SELECT code FROM locations WHERE id = w.from_location_id), " \
  "COALESCE (w.to_location_id, 0), (SELECT code FROM locations WHERE id = w.to_location_id), " \
  "w.created_at, w.updated_at, w.kind"

gboolean
_pd_mes_step_done (sqlite3_stmt  *stmt,
                   sqlite3       *db,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static PdWorkCenter *
work_center_from_row (sqlite3_stmt *stmt)
{
  PdWorkCenter *wc = pd_work_center_new ();

  wc->id = sqlite3_column_int64 (stmt, 0);
  wc->uuid = pd_read_conn_dup_text (stmt, 1);
  wc->code = pd_read_conn_dup_text (stmt, 2);
  wc->name = pd_read_conn_dup_text (stmt, 3);
  wc->line = pd_read_conn_dup_text (stmt, 4);
  wc->capacity = sqlite3_column_int (stmt, 5);
  wc->good_tag_id = sqlite3_column_int64 (stmt, 6);
  wc->good_tag = pd_read_conn_dup_text (stmt, 7);
  wc->scrap_tag_id = sqlite3_column_int64 (stmt, 8);
  wc->scrap_tag = pd_read_conn_dup_text (stmt, 9);
  wc->running_tag_id = sqlite3_column_int64 (stmt, 10);
  wc->running_tag = pd_read_conn_dup_text (stmt, 11);
  wc->from_location_id = sqlite3_column_int64 (stmt, 12);
  wc->from_location = pd_read_conn_dup_text (stmt, 13);
  wc->to_location_id = sqlite3_column_int64 (stmt, 14);
  wc->to_location = pd_read_conn_dup_text (stmt, 15);
  wc->created_at = pd_read_conn_dup_text (stmt, 16);
  wc->updated_at = pd_read_conn_dup_text (stmt, 17);
  wc->kind = pd_read_conn_dup_text (stmt, 18);

  return wc;
}

/* "[[600,615],[720,750]]" */
static char *
breaks_to_json (const PdShift *shift)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; shift->breaks != NULL && i < shift->breaks->len; i++)
    {
      const PdBreak *b = &g_array_index (shift->breaks, PdBreak, i);

      g_string_append_printf (text, "%s[%u,%u]", i > 0 ? "," : "", b->start_min, b->end_min);
    }
  g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static GArray *
breaks_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GArray *breaks = NULL;
  JsonNode *root;
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *pair = json_array_get_array_element (array, i);
      PdBreak b;

      if (pair == NULL || json_array_get_length (pair) != 2)
        continue;
      b.start_min = json_array_get_int_element (pair, 0);
      b.end_min = json_array_get_int_element (pair, 1);
      if (breaks == NULL)
        breaks = g_array_new (FALSE, FALSE, sizeof (PdBreak));
      g_array_append_val (breaks, b);
    }

  return breaks;
}

static gboolean
load_calendar_rows (sqlite3       *db,
                    PdWorkCenter  *wc,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db,
                               "SELECT days, start_min, end_min, breaks FROM work_center_shifts "
                               "WHERE work_center_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wc->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdShift shift = { 0, };

      shift.days = sqlite3_column_int (stmt, 0);
      shift.start_min = sqlite3_column_int (stmt, 1);
      shift.end_min = sqlite3_column_int (stmt, 2);
      shift.breaks = breaks_from_json ((const char *) sqlite3_column_text (stmt, 3));
      g_array_append_val (wc->shifts, shift);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  stmt = pd_read_conn_prepare (db,
                               "SELECT date, kind, start_min, end_min, reason FROM work_center_exceptions "
                               "WHERE work_center_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wc->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdCalendarException e = { 0, };
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      unsigned y = 0, m = 0, d = 0;

      g_date_clear (&e.date, 1);
      if (date != NULL && sscanf (date, "%4u-%2u-%2u", &y, &m, &d) == 3 &&
          g_date_valid_dmy (d, m, y))
        g_date_set_dmy (&e.date, d, m, y);
      e.kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "closed") == 0
               ? PD_EXCEPTION_CLOSED : PD_EXCEPTION_OVERTIME;
      e.start_min = sqlite3_column_int (stmt, 2);
      e.end_min = sqlite3_column_int (stmt, 3);
      e.reason = pd_read_conn_dup_text (stmt, 4);
      g_array_append_val (wc->exceptions, e);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

PdWorkCenter *
_pd_work_center_load (sqlite3  *db,
                      gint64    work_center_id,
                      GError  **error)
{
  g_autoptr(PdWorkCenter) wc = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT " WORK_CENTER_COLUMNS " FROM work_centers w WHERE w.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, work_center_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    wc = work_center_from_row (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no work center with the id %" PRId64 "."), work_center_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  if (!load_calendar_rows (db, wc, error))
    return NULL;

  return g_steal_pointer (&wc);
}

gint64
_pd_work_center_find_id (sqlite3     *db,
                         const char  *code,
                         char       **stored_code,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = pd_read_conn_prepare (db, "SELECT id, code FROM work_centers WHERE code = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code != NULL ? code : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (stored_code != NULL)
        *stored_code = pd_read_conn_dup_text (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return -1;
    }

  return id;
}

/* --- Resolving names ------------------------------------------------------- */

/* The tag "DEVICE/TAG" (FIELD its translated field name), or 0 for NULL. */
static gboolean
resolve_tag (sqlite3     *db,
             const char  *path,
             const char  *field,
             gint64      *tag_id,
             GError     **error)
{
  g_autofree char *device = NULL;
  const char *slash;
  sqlite3_stmt *stmt;
  int rc;

  *tag_id = 0;
  if (path == NULL)
    return TRUE;

  slash = strchr (path, '/');
  g_return_val_if_fail (slash != NULL, FALSE);
  device = g_strndup (path, slash - path);

  stmt = pd_read_conn_prepare (db,
                               "SELECT t.id FROM tags t JOIN devices d ON d.id = t.device_id "
                               "WHERE d.name = ? AND t.name = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, slash + 1, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      /* TRANSLATORS: a field such as “Good count tag”, then DEVICE/TAG */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: there is no tag “%s”."), field, path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static gboolean
resolve_location (sqlite3     *db,
                  const char  *code,
                  const char  *field,
                  gint64      *location_id,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *location_id = 0;
  if (code == NULL)
    return TRUE;

  stmt = pd_read_conn_prepare (db, "SELECT id FROM locations WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *location_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      /* TRANSLATORS: a field such as “Source location”, then a location code */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: there is no location “%s”."), field, code);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return pd_store_set_sqlite_error (db, rc, error);

  return TRUE;
}

static gboolean
resolve_references (sqlite3       *db,
                    PdWorkCenter  *wc,
                    GError       **error)
{
  return resolve_tag (db, wc->good_tag, _("Good count tag"), &wc->good_tag_id, error) &&
         resolve_tag (db, wc->scrap_tag, _("Scrap count tag"), &wc->scrap_tag_id, error) &&
         resolve_tag (db, wc->running_tag, _("Running tag"), &wc->running_tag_id, error) &&
         resolve_location (db, wc->from_location, _("Source location"), &wc->from_location_id, error) &&
         resolve_location (db, wc->to_location, _("Target location"), &wc->to_location_id, error);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           column,
                 gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Replaces the shifts and exceptions of WC->id by WC's. */
static gboolean
write_calendar_rows (sqlite3            *db,
                     const PdWorkCenter *wc,
                     GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = pd_read_conn_prepare (db, "DELETE FROM work_center_shifts WHERE work_center_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wc->id);
  if (!_pd_mes_step_done (stmt, db, error))
    return FALSE;

  stmt = pd_read_conn_prepare (db, "DELETE FROM work_center_exceptions WHERE work_center_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wc->id);
  if (!_pd_mes_step_done (stmt, db, error))
    return FALSE;

  for (guint i = 0; i < wc->shifts->len; i++)
    {
      const PdShift *shift = &g_array_index (wc->shifts, PdShift, i);
      g_autofree char *breaks = breaks_to_json (shift);

      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO work_center_shifts (work_center_id, days, start_min, end_min, breaks) "
                                   "VALUES (?, ?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, wc->id);
      sqlite3_bind_int (stmt, 2, shift->days);
      sqlite3_bind_int (stmt, 3, shift->start_min);
      sqlite3_bind_int (stmt, 4, shift->end_min);
      sqlite3_bind_text (stmt, 5, breaks, -1, SQLITE_TRANSIENT);
      if (!_pd_mes_step_done (stmt, db, error))
        return FALSE;
    }

  for (guint i = 0; i < wc->exceptions->len; i++)
    {
      const PdCalendarException *e = &g_array_index (wc->exceptions, PdCalendarException, i);
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &e->date);
      stmt = pd_read_conn_prepare (db,
                                   "INSERT INTO work_center_exceptions (work_center_id, date, kind, start_min, "
                                   "end_min, reason) VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, wc->id);
      sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, e->kind == PD_EXCEPTION_CLOSED ? "closed" : "overtime", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, e->start_min);
      sqlite3_bind_int (stmt, 5, e->end_min);
      bind_text_or_null (stmt, 6, e->reason);
      if (!_pd_mes_step_done (stmt, db, error))
        return FALSE;
    }

  return TRUE;
}

static void
describe_write (PdWrite            *write,
                const PdWorkCenter *wc,
                const char         *operation)
{
  g_autofree char *detail = g_strdup_printf ("work center %s", wc->code);

  pd_write_set_entity_id (write, wc->uuid);
  pd_write_set_operation (write, operation);
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, pd_work_center_to_json (wc));
}

/* --- Adding and updating ---------------------------------------------------- */

static gboolean
write_add_work_center (PdWrite   *write,
                       gpointer   user_data,
                       GError   **error)
{
  PdWorkCenter *wc = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *now = _pd_store_now ();
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;
  gint64 existing;

  existing = _pd_work_center_find_id (db, wc->code, &stored, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Work center code “%s” is already used by the work center “%s”."), wc->code, stored);
      return FALSE;
    }

  if (!resolve_references (db, wc, error))
    return FALSE;

  g_free (wc->uuid);
  wc->uuid = g_uuid_string_random ();

  stmt = pd_read_conn_prepare (db,
                               "INSERT INTO work_centers (uuid, code, name, line, capacity, good_tag_id, scrap_tag_id, "
                               "running_tag_id, from_location_id, to_location_id, created_at, updated_at, kind) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, wc->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, wc->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, wc->name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, wc->line);
  sqlite3_bind_int (stmt, 5, wc->capacity);
  bind_id_or_null (stmt, 6, wc->good_tag_id);
  bind_id_or_null (stmt, 7, wc->scrap_tag_id);
  bind_id_or_null (stmt, 8, wc->running_tag_id);
  bind_id_or_null (stmt, 9, wc->from_location_id);
  bind_id_or_null (stmt, 10, wc->to_location_id);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 13, wc->kind);
  if (!_pd_mes_step_done (stmt, db, error))
    return FALSE;

  wc->id = sqlite3_last_insert_rowid (db);
  g_free (wc->created_at);
  wc->created_at = g_strdup (now);
  g_free (wc->updated_at);
  wc->updated_at = g_strdup (now);

  if (!write_calendar_rows (db, wc, error))
    return FALSE;

  describe_write (write, wc, "insert");
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_MES_MASTER_CHANGED);
  return TRUE;
}

gboolean
pd_store_add_work_center (PdStore       *self,
                          PdUser        *actor,
                          PdWorkCenter  *wc,
                          GError       **error)
{
  g_autoptr(PdWorkCenter) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (wc != NULL, FALSE);

  if (!pd_work_center_validate (wc, error))
    return FALSE;

  copy = pd_work_center_copy (wc);
  copy->id = 0;
  if (!pd_store_write (self, actor, PD_PERMISSION_MES_MASTER, "workcenter.add", "work_center",
                       write_add_work_center, copy, error))
    return FALSE;

  wc->id = copy->id;
  g_free (wc->uuid);
  wc->uuid = g_strdup (copy->uuid);
  wc->good_tag_id = copy->good_tag_id;
  wc->scrap_tag_id = copy->scrap_tag_id;
  wc->running_tag_id = copy->running_tag_id;
  wc->from_location_id = copy->from_location_id;
  wc->to_location_id = copy->to_location_id;

  return TRUE;
}

static gboolean
write_update_work_center (PdWrite   *write,
                          gpointer   user_data,
                          GError   **error)
{
  PdWorkCenter *wc = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdWorkCenter) stored = NULL;
  g_autofree char *now = _pd_store_now ();
  g_autofree char *other_code = NULL;
  sqlite3_stmt *stmt;
  gint64 other;

  if ((stored = _pd_work_center_load (db, wc->id, error)) == NULL)
    return FALSE;

  other = _pd_work_center_find_id (db, wc->code, &other_code, error);
  if (other < 0)
    return FALSE;
  if (other > 0 && other != wc->id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                   _("Work center code “%s” is already used by the work center “%s”."), wc->code, other_code);
      return FALSE;
    }

  if (!resolve_references (db, wc, error))
    return FALSE;

  g_free (wc->uuid);
  wc->uuid = g_strdup (stored->uuid);

  stmt = pd_read_conn_prepare (db,
                               "UPDATE work_centers SET code = ?, name = ?, line = ?, capacity = ?, good_tag_id = ?, "
                               "scrap_tag_id = ?, running_tag_id = ?, from_location_id = ?, to_location_id = ?, "
                               "updated_at = ?, kind = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, wc->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, wc->name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, wc->line);
  sqlite3_bind_int (stmt, 4, wc->capacity);
  bind_id_or_null (stmt, 5, wc->good_tag_id);
  bind_id_or_null (stmt, 6, wc->scrap_tag_id);
  bind_id_or_null (stmt, 7, wc->running_tag_id);
  bind_id_or_null (stmt, 8, wc->from_location_id);
  bind_id_or_null (stmt, 9, wc->to_location_id);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 11, wc->kind);
  sqlite3_bind_int64 (stmt, 12, wc->id);
  if (!_pd_mes_step_done (stmt, db, error))
    return FALSE;

  if (!write_calendar_rows (db, wc, error))
    return FALSE;

  describe_write (write, wc, "update");
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_MES_MASTER_CHANGED);
  return TRUE;
}

gboolean
pd_store_update_work_center (PdStore             *self,
                             PdUser              *actor,
                             const PdWorkCenter  *wc,
                             GError             **error)
{
  g_autoptr(PdWorkCenter) copy = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (wc != NULL, FALSE);

  if (!pd_work_center_validate (wc, error))
    return FALSE;

  copy = pd_work_center_copy (wc);
  return pd_store_write (self, actor, PD_PERMISSION_MES_MASTER, "workcenter.update", "work_center",
                         write_update_work_center, copy, error);
}

/* --- Reading ----------------------------------------------------------------- */

PdWorkCenter *
pd_store_get_work_center (PdStore  *self,
                          gint64    work_center_id,
                          GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return _pd_work_center_load (pd_store_get_db (self), work_center_id, error);
}

PdWorkCenter *
pd_store_find_work_center (PdStore     *self,
                           const char  *code,
                           GError     **error)
{
  gint64 id;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  id = _pd_work_center_find_id (pd_store_get_db (self), code, NULL, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No work center “%s”."), code != NULL ? code : "");
      return NULL;
    }

  return _pd_work_center_load (pd_store_get_db (self), id, error);
}

GPtrArray *
pd_store_list_work_centers (PdStore  *self,
                            GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_work_center_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  db = pd_store_get_db (self);
  stmt = pd_read_conn_prepare (db, "SELECT " WORK_CENTER_COLUMNS " FROM work_centers w ORDER BY w.code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, work_center_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    if (!load_calendar_rows (db, g_ptr_array_index (list, i), error))
      return NULL;

  return g_steal_pointer (&list);
}

PdWorkCalendar *
pd_store_get_work_center_calendar (PdStore    *self,
                                   gint64      work_center_id,
                                   GTimeZone  *tz,
                                   GError    **error)
{
  g_autoptr(PdWorkCenter) wc = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  if ((wc = pd_store_get_work_center (self, work_center_id, error)) == NULL)
    return NULL;

  return pd_work_center_build_calendar (wc, tz, error);
}
