/* pd-wms.c — items, locations, lots and stock moves: the plain types
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-wms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-wms-private.h"

/* Units are short: "pcs", "kg", "m", "roll". */
#define UNIT_MAX_CHARS 32

G_DEFINE_BOXED_TYPE (PdItem, pd_item, pd_item_copy, pd_item_free)
G_DEFINE_BOXED_TYPE (PdLocation, pd_location, pd_location_copy, pd_location_free)

/* --- Names ------------------------------------------------------------------ */

static const char * const kind_names[] = { "warehouse", "zone", "bin" };
static const char * const reason_names[] = {
  "receipt", "issue", "transfer", "adjustment", "reversal",
};

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
pd_location_kind_to_string (PdLocationKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
pd_location_kind_from_string (const char     *str,
                              PdLocationKind *kind)
{
  guint value;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), str, &value))
    return FALSE;
  if (kind != NULL)
    *kind = value;
  return TRUE;
}

const char *
pd_location_kind_get_label (PdLocationKind kind)
{
  switch (kind)
    {
    /* TRANSLATORS: a kind of location: the whole building or site */
    case PD_LOCATION_WAREHOUSE: return _("Warehouse");
    /* TRANSLATORS: a kind of location: an area inside a warehouse */
    case PD_LOCATION_ZONE: return _("Zone");
    /* TRANSLATORS: a kind of location: a shelf place that holds stock */
    case PD_LOCATION_BIN: return _("Bin");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pd_move_reason_to_string (PdMoveReason reason)
{
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (reason_names), NULL);

  return reason_names[reason];
}

gboolean
pd_move_reason_from_string (const char   *str,
                            PdMoveReason *reason)
{
  guint value;

  if (!lookup_name (reason_names, G_N_ELEMENTS (reason_names), str, &value))
    return FALSE;
  if (reason != NULL)
    *reason = value;
  return TRUE;
}

const char *
pd_move_reason_get_label (PdMoveReason reason)
{
  switch (reason)
    {
    /* TRANSLATORS: a stock move: goods coming in */
    case PD_MOVE_RECEIPT: return _("Receipt");
    /* TRANSLATORS: a stock move: goods going out */
    case PD_MOVE_ISSUE: return _("Issue");
    /* TRANSLATORS: a stock move between two locations */
    case PD_MOVE_TRANSFER: return _("Transfer");
    /* TRANSLATORS: a stock move: a stocktake correction */
    case PD_MOVE_ADJUSTMENT: return _("Adjustment");
    /* TRANSLATORS: a stock move that undoes an earlier one */
    case PD_MOVE_REVERSAL: return _("Reversal");
    default: g_return_val_if_reached (NULL);
    }
}

/* --- Text checks ------------------------------------------------------------- */

typedef enum
{
  TEXT_OK,
  TEXT_EMPTY,
  TEXT_INVALID,     /* not UTF-8 or a control character */
  TEXT_SPACES,      /* a space at either end */
  TEXT_TOO_LONG,
} TextCheck;

static TextCheck
check_text (const char *text,
            guint       max_chars)
{
  gsize len;

  if (text == NULL || *text == '\0')
    return TEXT_EMPTY;

  if (!g_utf8_validate (text, -1, NULL))
    return TEXT_INVALID;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TEXT_INVALID;

  len = strlen (text);
  if (g_unichar_isspace (g_utf8_get_char (text)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (text + len))))
    return TEXT_SPACES;

  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    return TEXT_TOO_LONG;

  return TEXT_OK;
}

/* FIELD is the translated name of the field, e.g. "SKU". */
static gboolean
report_text (TextCheck    check,
             const char  *field,
             const char  *text,
             guint        max_chars,
             GError     **error)
{
  g_autofree char *shown = NULL;

  if (check == TEXT_OK)
    return TRUE;

  shown = text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");

  switch (check)
    {
    case TEXT_EMPTY:
      /* TRANSLATORS: %s is a field such as “SKU” or “Name” */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s must not be empty."), field);
      break;
    case TEXT_INVALID:
      /* TRANSLATORS: the first %s is a field such as “SKU”, the second its value */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” contains a control character or invalid text."), field, shown);
      break;
    case TEXT_SPACES:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” must not begin or end with a space."), field, shown);
      break;
    case TEXT_TOO_LONG:
      /* TRANSLATORS: a field, its value, then the most characters allowed */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is longer than %u characters."), field, shown, max_chars);
      break;
    case TEXT_OK:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
check_field (const char  *text,
             gboolean     required,
             const char  *field,
             guint        max_chars,
             GError     **error)
{
  if (!required && text == NULL)
    return TRUE;

  return report_text (check_text (text, max_chars), field, text, max_chars, error);
}

/* --- PdItem ------------------------------------------------------------------ */

PdItem *
pd_item_new (void)
{
  PdItem *item = g_new0 (PdItem, 1);

  item->barcodes = g_ptr_array_new_with_free_func (g_free);
  return item;
}

PdItem *
pd_item_copy (const PdItem *item)
{
  PdItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_memdup2 (item, sizeof *item);
  copy->uuid = g_strdup (item->uuid);
  copy->sku = g_strdup (item->sku);
  copy->name = g_strdup (item->name);
  copy->unit = g_strdup (item->unit);
  copy->category = g_strdup (item->category);
  copy->barcodes = g_ptr_array_new_with_free_func (g_free);
  if (item->barcodes != NULL)
    for (guint i = 0; i < item->barcodes->len; i++)
      g_ptr_array_add (copy->barcodes, g_strdup (g_ptr_array_index (item->barcodes, i)));

  return copy;
}

void
pd_item_free (PdItem *item)
{
  if (item == NULL)
    return;

  g_free (item->uuid);
  g_free (item->sku);
  g_free (item->name);
  g_free (item->unit);
  g_free (item->category);
  g_clear_pointer (&item->barcodes, g_ptr_array_unref);
  g_free (item);
}

static gboolean
check_threshold (gboolean     has,
                 PdQty        qty,
                 const char  *field,
                 GError     **error)
{
  g_autofree char *shown = NULL;

  if (!has)
    return TRUE;

  if (qty < 0)
    {
      shown = pd_qty_format (qty);
      /* TRANSLATORS: a field (“Minimum” or “Maximum”), then the quantity */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s (%s) must not be negative."), field, shown);
      return FALSE;
    }

  if (qty > PD_QTY_MAX)
    {
      shown = pd_qty_format (qty);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s (%s) is above the largest quantity, 1000000000000."), field, shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_thresholds (gboolean     has_min,
                  PdQty        min_qty,
                  gboolean     has_max,
                  PdQty        max_qty,
                  GError     **error)
{
  if (!check_threshold (has_min, min_qty, _("Minimum"), error) ||
      !check_threshold (has_max, max_qty, _("Maximum"), error))
    return FALSE;

  if (has_min && has_max && min_qty > max_qty)
    {
      g_autofree char *min_text = pd_qty_format (min_qty);
      g_autofree char *max_text = pd_qty_format (max_qty);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Minimum (%s) is above maximum (%s)."), min_text, max_text);
      return FALSE;
    }

  return TRUE;
}

gboolean
pd_item_validate (const PdItem  *item,
                  GError       **error)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (!check_field (item->sku, TRUE, _("SKU"), PD_SKU_MAX_LENGTH, error) ||
      !check_field (item->name, TRUE, _("Name"), PD_ITEM_NAME_MAX, error) ||
      /* TRANSLATORS: the unit of measure of an item, e.g. pcs, kg */
      !check_field (item->unit, TRUE, _("Unit"), UNIT_MAX_CHARS, error) ||
      !check_field (item->category, FALSE, _("Category"), PD_ITEM_NAME_MAX, error))
    return FALSE;

  if (item->barcodes != NULL)
    {
      for (guint i = 0; i < item->barcodes->len; i++)
        {
          const char *code = g_ptr_array_index (item->barcodes, i);

          if (!check_field (code, TRUE, _("Barcode"), PD_CODE_MAX_LENGTH, error))
            return FALSE;

          for (guint j = 0; j < i; j++)
            if (g_str_equal (code, g_ptr_array_index (item->barcodes, j)))
              {
                g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                             _("Barcode “%s” is listed twice."), code);
                return FALSE;
              }
        }
    }

  return check_thresholds (item->has_min, item->min_qty, item->has_max, item->max_qty, error);
}

gboolean
_pd_wms_check_thresholds (gboolean   has_min,
                          PdQty      min_qty,
                          gboolean   has_max,
                          PdQty      max_qty,
                          GError   **error)
{
  return check_thresholds (has_min, min_qty, has_max, max_qty, error);
}

/* --- PdLocation ---------------------------------------------------------------- */

PdLocation *
pd_location_new (PdLocationKind kind)
{
  PdLocation *location = g_new0 (PdLocation, 1);

  location->kind = kind;
  return location;
}

PdLocation *
pd_location_copy (const PdLocation *location)
{
  PdLocation *copy;

  g_return_val_if_fail (location != NULL, NULL);

  copy = g_memdup2 (location, sizeof *location);
  copy->uuid = g_strdup (location->uuid);
  copy->code = g_strdup (location->code);
  copy->name = g_strdup (location->name);
  copy->barcode = g_strdup (location->barcode);

  return copy;
}

void
pd_location_free (PdLocation *location)
{
  if (location == NULL)
    return;

  g_free (location->uuid);
  g_free (location->code);
  g_free (location->name);
  g_free (location->barcode);
  g_free (location);
}

gboolean
pd_location_validate (const PdLocation  *location,
                      GError           **error)
{
  g_return_val_if_fail (location != NULL, FALSE);

  if ((guint) location->kind >= G_N_ELEMENTS (kind_names))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Kind %d is not a kind of location."), (int) location->kind);
      return FALSE;
    }

  /* TRANSLATORS: the short code of a location, e.g. A-01-03 */
  if (!check_field (location->code, TRUE, _("Location code"), PD_CODE_MAX_LENGTH, error) ||
      !check_field (location->name, FALSE, _("Name"), PD_ITEM_NAME_MAX, error) ||
      !check_field (location->barcode, FALSE, _("Barcode"), PD_CODE_MAX_LENGTH, error))
    return FALSE;

  if (location->kind == PD_LOCATION_WAREHOUSE && location->parent_id != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The warehouse “%s” cannot have a parent location."), location->code);
      return FALSE;
    }

  if (location->kind != PD_LOCATION_WAREHOUSE && location->parent_id <= 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   location->kind == PD_LOCATION_ZONE
                   ? _("The zone “%s” needs a parent: a warehouse or a zone.")
                   : _("The bin “%s” needs a parent: a warehouse or a zone."),
                   location->code);
      return FALSE;
    }

  if (location->kind != PD_LOCATION_WAREHOUSE && location->allow_negative)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Only a warehouse may allow negative stock, not “%s”."), location->code);
      return FALSE;
    }

  return TRUE;
}

/* --- PdLot, PdStockMove, PdStockLevel --------------------------------------- */

PdLot *
pd_lot_copy (const PdLot *lot)
{
  PdLot *copy;

  g_return_val_if_fail (lot != NULL, NULL);

  copy = g_memdup2 (lot, sizeof *lot);
  copy->uuid = g_strdup (lot->uuid);
  copy->code = g_strdup (lot->code);
  copy->expiry = g_strdup (lot->expiry);

  return copy;
}

void
pd_lot_free (PdLot *lot)
{
  if (lot == NULL)
    return;

  g_free (lot->uuid);
  g_free (lot->code);
  g_free (lot->expiry);
  g_free (lot);
}

PdStockMove *
pd_stock_move_new (void)
{
  return g_new0 (PdStockMove, 1);
}

PdStockMove *
pd_stock_move_copy (const PdStockMove *move)
{
  PdStockMove *copy;

  g_return_val_if_fail (move != NULL, NULL);

  copy = g_memdup2 (move, sizeof *move);
  copy->uuid = g_strdup (move->uuid);
  copy->ref = g_strdup (move->ref);
  copy->user_name = g_strdup (move->user_name);
  copy->station_id = g_strdup (move->station_id);
  copy->sku = g_strdup (move->sku);
  copy->lot_code = g_strdup (move->lot_code);
  copy->from_code = g_strdup (move->from_code);
  copy->to_code = g_strdup (move->to_code);

  return copy;
}

void
pd_stock_move_free (PdStockMove *move)
{
  if (move == NULL)
    return;

  g_free (move->uuid);
  g_free (move->ref);
  g_free (move->user_name);
  g_free (move->station_id);
  g_free (move->sku);
  g_free (move->lot_code);
  g_free (move->from_code);
  g_free (move->to_code);
  g_free (move);
}

void
pd_stock_level_free (PdStockLevel *level)
{
  if (level == NULL)
    return;

  g_free (level->sku);
  g_free (level->location_code);
  g_free (level->lot_code);
  g_free (level);
}
