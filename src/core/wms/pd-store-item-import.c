/* pd-store-item-import.c — items from CSV (RFC 4180), all or nothing
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store-item-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-store-private.h"
#include "pd-store-wms.h"
#include "pd-wms-private.h"

typedef enum
{
  COLUMN_SKU,
  COLUMN_NAME,
  COLUMN_UNIT,
  COLUMN_CATEGORY,
  COLUMN_BARCODES,
  COLUMN_MIN,
  COLUMN_MAX,
  COLUMN_LOT_TRACKED,
  N_COLUMNS
} Column;

#define N_REQUIRED_COLUMNS (COLUMN_UNIT + 1)

static const char * const column_names[N_COLUMNS + 1] = {
  "sku", "name", "unit", "category", "barcodes", "min", "max", "lot_tracked", NULL,
};

/* --- Fields ----------------------------------------------------------------- */

/* Fills ITEM's field of COLUMN from FIELD (spaces at the ends dropped);
 * on a bad value returns an explanation without the line number. An
 * empty optional field means none. */
static char *
parse_field (PdItem     *item,
             Column      column,
             const char *field)
{
  g_autofree char *text = g_strstrip (g_strdup (field));
  g_autoptr(GError) error = NULL;

  switch (column)
    {
    case COLUMN_SKU:
      g_free (item->sku);
      item->sku = g_steal_pointer (&text);
      return NULL;

    case COLUMN_NAME:
      g_free (item->name);
      item->name = g_steal_pointer (&text);
      return NULL;

    case COLUMN_UNIT:
      g_free (item->unit);
      item->unit = g_steal_pointer (&text);
      return NULL;

    case COLUMN_CATEGORY:
      g_free (item->category);
      item->category = *text != '\0' ? g_steal_pointer (&text) : NULL;
      return NULL;

    case COLUMN_BARCODES:
      {
        g_auto(GStrv) codes = g_strsplit (text, "|", -1);

        for (guint i = 0; codes[i] != NULL; i++)
          {
            g_strstrip (codes[i]);
            if (*codes[i] != '\0')
              g_ptr_array_add (item->barcodes, g_strdup (codes[i]));
          }
        return NULL;
      }

    case COLUMN_MIN:
    case COLUMN_MAX:
      {
        PdQty qty;

        if (*text == '\0')
          return NULL;
        if (!pd_qty_parse (text, &qty, &error))
          return g_strdup_printf ("%s: %s", column_names[column], error->message);
        if (column == COLUMN_MIN)
          {
            item->has_min = TRUE;
            item->min_qty = qty;
          }
        else
          {
            item->has_max = TRUE;
            item->max_qty = qty;
          }
        return NULL;
      }

    case COLUMN_LOT_TRACKED:
      if (*text == '\0')
        return NULL;
      if (!pd_csv_parse_bool (text, &item->lot_tracked))
        return g_strdup_printf (_("lot_tracked “%s” is not one of true, false, yes, no, 1, 0."), text);
      return NULL;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_header (PdCsvRecord *record,
              int         *map,
              gboolean    *present,    /* N_COLUMNS */
              GError     **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  if (!pd_csv_map_header (record, column_names, N_COLUMNS, map, present, error))
    return FALSE;

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    if (!present[c])
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", column_names[c]);

  if (missing->len > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Line %u: the header lacks the required column(s) %s; sku, name and unit are required."),
                   record->line, missing->str);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  guint   line;
  PdItem *item;
} Row;

static void
row_free (Row *row)
{
  pd_item_free (row->item);
  g_free (row);
}

static void
add_line_error (GPtrArray  *errors,
                guint       line,
                const char *problem)
{
  /* TRANSLATORS: a line number, then what is wrong on that line. */
  g_ptr_array_add (errors, g_strdup_printf (_("Line %u: %s"), line, problem));
}

static gboolean
fail_with_errors (GPtrArray  *errors,
                  GError    **error)
{
  pd_csv_set_errors (errors, error);
  return FALSE;
}

/* The rows of TEXT, each checked by itself and against the others (SKUs
 * and barcodes once in the file); NULL and one error naming every bad
 * line. */
static GPtrArray *
parse_items (const char  *text,
             gsize        length,
             gboolean    *present,   /* N_COLUMNS */
             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) barcodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *map = NULL;
  gboolean have_header = FALSE;
  guint n_header_fields = 0;
  PdCsvReader reader;
  PdCsvRecord record = { 0 };

  if (!pd_csv_reader_init (&reader, text, length, error))
    return NULL;

  while (pd_csv_read_record (&reader, &record))
    {
      g_autoptr(PdItem) item = NULL;
      g_autoptr(GError) invalid = NULL;
      char *problem = NULL;

      if (record.error == NULL && record.blank)
        {
          pd_csv_record_clear (&record);
          continue;
        }

      if (!have_header)
        {
          map = g_new0 (int, record.fields->len);
          if (!parse_header (&record, map, present, error))
            {
              pd_csv_record_clear (&record);
              return NULL;
            }
          n_header_fields = record.fields->len;
          have_header = TRUE;
          pd_csv_record_clear (&record);
          continue;
        }

      if (record.error != NULL)
        {
          g_ptr_array_add (errors, g_steal_pointer (&record.error));
          pd_csv_record_clear (&record);
          continue;
        }

      if (record.fields->len != n_header_fields)
        {
          g_ptr_array_add (errors, pd_csv_field_count_error (&record, n_header_fields));
          pd_csv_record_clear (&record);
          continue;
        }

      item = pd_item_new ();
      for (guint i = 0; i < record.fields->len && problem == NULL; i++)
        problem = parse_field (item, map[i], g_ptr_array_index (record.fields, i));

      if (problem == NULL && !pd_item_validate (item, &invalid))
        problem = g_strdup (invalid->message);

      if (problem == NULL)
        {
          char *key = g_utf8_casefold (item->sku, -1);
          guint first_line = GPOINTER_TO_UINT (g_hash_table_lookup (skus, key));

          if (first_line != 0)
            {
              problem = g_strdup_printf (_("SKU “%s” is already on line %u."), item->sku, first_line);
              g_free (key);
            }
          else
            g_hash_table_insert (skus, key, GUINT_TO_POINTER (record.line));
        }

      for (guint i = 0; problem == NULL && i < item->barcodes->len; i++)
        {
          const char *code = g_ptr_array_index (item->barcodes, i);
          guint first_line = GPOINTER_TO_UINT (g_hash_table_lookup (barcodes, code));

          if (first_line != 0)
            problem = g_strdup_printf (_("Barcode “%s” is already on line %u."), code, first_line);
          else
            g_hash_table_insert (barcodes, g_strdup (code), GUINT_TO_POINTER (record.line));
        }

      if (problem != NULL)
        {
          add_line_error (errors, record.line, problem);
          g_free (problem);
        }
      else
        {
          Row *row = g_new0 (Row, 1);

          row->line = record.line;
          row->item = g_steal_pointer (&item);
          g_ptr_array_add (rows, row);
        }

      pd_csv_record_clear (&record);
    }

  if (!have_header)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The file is empty: it needs a header row naming the columns, at least sku,name,unit."));
      return NULL;
    }

  if (errors->len > 0)
    {
      fail_with_errors (errors, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* --- The write ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray *rows;
  gboolean   present[N_COLUMNS];
  guint      added;
  guint      updated;
} ImportJob;

static gboolean
all_columns (const ImportJob *job)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (!job->present[c])
      return FALSE;

  return TRUE;
}

/* A column the file does not have leaves what is stored as it is (an
 * empty field in a column it has clears it). */
static void
keep_absent (const ImportJob *job,
             PdItem          *item,
             const PdItem    *stored)
{
  if (!job->present[COLUMN_CATEGORY])
    {
      g_free (item->category);
      item->category = g_strdup (stored->category);
    }
  if (!job->present[COLUMN_BARCODES])
    {
      g_ptr_array_set_size (item->barcodes, 0);
      for (guint i = 0; i < stored->barcodes->len; i++)
        g_ptr_array_add (item->barcodes, g_strdup (g_ptr_array_index (stored->barcodes, i)));
    }
  if (!job->present[COLUMN_MIN])
    {
      item->has_min = stored->has_min;
      item->min_qty = stored->min_qty;
    }
  if (!job->present[COLUMN_MAX])
    {
      item->has_max = stored->has_max;
      item->max_qty = stored->max_qty;
    }
  if (!job->present[COLUMN_LOT_TRACKED])
    item->lot_tracked = stored->lot_tracked;
}

static gboolean
is_row_error (const GError *error)
{
  return error->domain == PD_ERROR &&
         (error->code == PD_ERROR_INVALID || error->code == PD_ERROR_EXISTS);
}

static gboolean
write_import_items (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  ImportJob *job = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autoptr(PdItemWriter) writer = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *detail = NULL;
  JsonObject *payload;
  JsonArray *items;

  if ((writer = _pd_item_writer_new (db, error)) == NULL)
    return FALSE;

  /* Rows that are already errors are still checked, so that one message
   * names every bad line; nothing is kept when there is any. */
  for (guint i = 0; i < job->rows->len; i++)
    {
      Row *row = g_ptr_array_index (job->rows, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *stored_sku = NULL;
      g_autofree char *uuid = NULL;
      gboolean was_lot_tracked = FALSE;
      gint64 id;
      gboolean ok;

      id = _pd_item_writer_find_sku (writer, row->item->sku, &stored_sku, &uuid, &was_lot_tracked, error);
      if (id < 0)
        return FALSE;

      if (id == 0)
        {
          ok = _pd_item_writer_insert (writer, row->item, &local);
          job->added++;
        }
      else
        {
          if (!all_columns (job))
            {
              g_autoptr(PdItem) stored = _pd_item_load (db, id, error);

              if (stored == NULL)
                return FALSE;
              keep_absent (job, row->item, stored);
            }
          row->item->id = id;
          g_free (row->item->sku);
          row->item->sku = g_steal_pointer (&stored_sku);
          g_free (row->item->uuid);
          row->item->uuid = g_steal_pointer (&uuid);
          /* A new maximum may now sit below the stored minimum. */
          ok = _pd_wms_check_thresholds (row->item->has_min, row->item->min_qty,
                                         row->item->has_max, row->item->max_qty, &local) &&
               _pd_item_writer_update (writer, row->item, was_lot_tracked, &local);
          job->updated++;
        }

      if (!ok)
        {
          if (!is_row_error (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          add_line_error (errors, row->line, local->message);
        }
    }

  if (errors->len > 0)
    return fail_with_errors (errors, error);

  payload = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; i < job->rows->len; i++)
    {
      Row *row = g_ptr_array_index (job->rows, i);

      json_array_add_object_element (items, _pd_item_to_json (row->item));
    }
  json_object_set_int_member (payload, "added", job->added);
  json_object_set_int_member (payload, "updated", job->updated);
  json_object_set_array_member (payload, "items", items);

  detail = g_strdup_printf ("%u added, %u updated", job->added, job->updated);
  pd_write_set_operation (write, "update");
  pd_write_set_detail (write, detail);
  pd_write_take_payload (write, payload);
  _pd_write_emit_after_commit (write, PD_STORE_SIGNAL_STOCK_CHANGED);

  return TRUE;
}

gboolean
pd_store_import_items (PdStore     *self,
                       PdUser      *actor,
                       const char  *csv,
                       gsize        length,
                       guint       *added,
                       guint       *updated,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  ImportJob job = { NULL };

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL || length == 0, FALSE);

  if (added != NULL)
    *added = 0;
  if (updated != NULL)
    *updated = 0;

  if ((rows = parse_items (csv != NULL ? csv : "", length, job.present, error)) == NULL)
    return FALSE;

  job.rows = rows;
  if (!pd_store_write (self, actor, PD_PERMISSION_STOCK_MASTER, "item.import", "item",
                       write_import_items, &job, error))
    return FALSE;

  if (added != NULL)
    *added = job.added;
  if (updated != NULL)
    *updated = job.updated;

  return TRUE;
}
