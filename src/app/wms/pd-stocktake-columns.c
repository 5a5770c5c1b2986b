/* pd-stocktake-columns.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stocktake-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "wms/pd-stocktake-columns.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

static char *
sku_text (gpointer data, const char **css)
{
  return g_strdup (((PdStocktakeLine *) data)->sku);
}

static char *
location_text (gpointer data, const char **css)
{
  return g_strdup (((PdStocktakeLine *) data)->location_code);
}

static char *
lot_text (gpointer data, const char **css)
{
  return g_strdup (((PdStocktakeLine *) data)->lot_code);
}

static char *
expected_text (gpointer data, const char **css)
{
  PdStocktakeLine *line = data;

  if (!line->has_expected)
    return NULL;
  if (line->found)
    /* TRANSLATORS: a stocktake line counted where no stock was expected */
    return g_strdup (_("none (found)"));
  return pd_wms_format_qty (line->expected, line->unit);
}

static char *
moved_text (gpointer data, const char **css)
{
  PdStocktakeLine *line = data;

  if (!line->has_expected || line->moved == 0)
    return NULL;
  /* A move since the start reads with its sign: "+2 pcs", "−3 pcs". */
  if (line->moved > 0)
    {
      g_autofree char *qty = pd_wms_format_qty (line->moved, line->unit);

      return g_strconcat ("+", qty, NULL);
    }
  return pd_wms_format_qty (line->moved, line->unit);
}

static char *
counted_text (gpointer data, const char **css)
{
  PdStocktakeLine *line = data;

  if (!line->counted)
    {
      /* TRANSLATORS: a stocktake line nobody has counted yet */
      return g_strdup (_("not counted"));
    }
  return pd_wms_format_qty (line->counted_qty, line->unit);
}

static char *
n_counts_text (gpointer data, const char **css)
{
  PdStocktakeLine *line = data;

  return line->n_counts > 0 ? g_strdup_printf ("%u", line->n_counts) : NULL;
}

static char *
difference_text (gpointer data, const char **css)
{
  PdStocktakeLine *line = data;
  g_autofree char *qty = NULL;

  if (!line->has_difference)
    return NULL;
  if (line->difference == 0)
    return g_strdup ("0");
  /* Colour only where something is off (high-performance HMI). */
  *css = line->difference < 0 ? "error" : "warning";
  qty = pd_wms_format_qty (line->difference, line->unit);
  return line->difference > 0 ? g_strconcat ("+", qty, NULL) : g_steal_pointer (&qty);
}

GtkColumnViewColumn *
pd_stocktake_add_column (GtkColumnView     *view,
                         PdStocktakeColumn  column)
{
  switch (column)
    {
    case PD_STOCKTAKE_COLUMN_SKU:
      return pd_wms_add_column (view, _("SKU"), sku_text, TRUE, FALSE);
    case PD_STOCKTAKE_COLUMN_LOCATION:
      return pd_wms_add_column (view, _("Location"), location_text, FALSE, FALSE);
    case PD_STOCKTAKE_COLUMN_LOT:
      return pd_wms_add_column (view, _("Lot"), lot_text, FALSE, FALSE);
    case PD_STOCKTAKE_COLUMN_EXPECTED:
      /* TRANSLATORS: column header, the book quantity at the stocktake's start */
      return pd_wms_add_column (view, _("Expected"), expected_text, FALSE, TRUE);
    case PD_STOCKTAKE_COLUMN_MOVED:
      /* TRANSLATORS: column header, the ledger's moves since the stocktake started */
      return pd_wms_add_column (view, _("Moved Since"), moved_text, FALSE, TRUE);
    case PD_STOCKTAKE_COLUMN_COUNTED:
      return pd_wms_add_column (view, _("Counted"), counted_text, FALSE, TRUE);
    case PD_STOCKTAKE_COLUMN_N_COUNTS:
      /* TRANSLATORS: column header, how many times a line was counted */
      return pd_wms_add_column (view, _("Counts"), n_counts_text, FALSE, TRUE);
    case PD_STOCKTAKE_COLUMN_DIFFERENCE:
      return pd_wms_add_column (view, _("Difference"), difference_text, FALSE, TRUE);
    default:
      g_return_val_if_reached (NULL);
    }
}

void
pd_stocktake_set_rows (GListStore *store,
                       GPtrArray  *lines)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (lines->len, g_object_unref);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (rows, pd_wms_row_new (g_ptr_array_index (lines, i), NULL));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows->pdata, rows->len);
}
