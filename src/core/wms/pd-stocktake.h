/* pd-stocktake.h — stocktakes: a counted scope and its lines
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-qty.h"

G_BEGIN_DECLS

/* Stable strings: "open", "posted", "cancelled". */
typedef enum
{
  PD_STOCKTAKE_OPEN,
  PD_STOCKTAKE_POSTED,
  PD_STOCKTAKE_CANCELLED,
} PdStocktakeStatus;

/**
 * PdStocktake:
 *
 * One count of a scope: a location's subtree, a list of items, or both
 * (neither: everything).
 */
typedef struct
{
  gint64             id;
  char              *uuid;
  PdStocktakeStatus  status;
  gint64             location_id;       /* 0: every location */
  char              *location_code;     /* or NULL */
  GArray            *item_ids;          /* gint64; empty: every item */
  gboolean           blind;
  gint64             snapshot_move_id;  /* the newest ledger move at the start */
  char              *started_at;        /* ISO 8601 */
  char              *started_by;
  char              *posted_at;         /* or NULL; also when cancelled */
  char              *posted_by;
  guint              n_lines;
  guint              n_counted;
} PdStocktake;

/**
 * PdStocktakeLine:
 *
 * One (item, location, lot) of a stocktake's review. When the review hides
 * the book quantities (a blind count read by someone without the
 * stocktake permission), has_expected is FALSE and expected, moved and
 * difference are 0.
 */
typedef struct
{
  gint64    item_id;
  gint64    location_id;
  gint64    lot_id;            /* 0: none */
  char     *sku;
  char     *unit;
  char     *location_code;
  char     *lot_code;          /* or NULL */
  gboolean  found;             /* not in the snapshot: counted where none was expected */
  gboolean  has_expected;
  PdQty     expected;          /* on hand at the start */
  PdQty     moved;             /* the ledger's moves since the start, in minus out, up to
                                * the last count (a move after it is not in the count) */
  gboolean  counted;
  PdQty     counted_qty;       /* the last count */
  guint     n_counts;          /* recounts included */
  gboolean  has_difference;    /* counted (or uncounted taken as zero) and not hidden */
  PdQty     difference;        /* counted − (expected + moved); posted as is, so that the
                                * moves after the count stay on the book */
} PdStocktakeLine;

const char *pd_stocktake_status_to_string   (PdStocktakeStatus  status);
gboolean    pd_stocktake_status_from_string (const char        *str,
                                             PdStocktakeStatus *status);
const char *pd_stocktake_status_get_label   (PdStocktakeStatus  status);  /* translated */

void        pd_stocktake_free               (PdStocktake     *stocktake);
void        pd_stocktake_line_free          (PdStocktakeLine *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStocktake, pd_stocktake_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStocktakeLine, pd_stocktake_line_free)

G_END_DECLS
