/* pd-traveler.h — the work-order traveler: the paper that goes with an order
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pd-mes.h"
#include "pd-store.h"
#include "pd-work-order.h"

G_BEGIN_DECLS

/**
 * PdTraveler:
 *
 * What a traveler shows: the order (number as text and as a QR code,
 * product, quantity, due, priority, reference), the lines of its bill of
 * materials with what the order needs of each, and the operations of its
 * routing with blank fields to sign. A released order shows the versions
 * it froze; a draft the active ones.
 */
typedef struct
{
  PdWorkOrder *wo;
  PdBom       *bom;       /* or NULL: the product has none */
  PdRouting   *routing;   /* or NULL */
} PdTraveler;

/* Reads the traveler of the order NUMBER on STORE's connection (call it
 * where that connection lives: a PdStoreWorker job in the app). */
PdTraveler *pd_traveler_load            (PdStore          *store,
                                         const char       *number,
                                         GError          **error);
void        pd_traveler_free            (PdTraveler       *traveler);

/* What the order needs of LINE: per unit × the order's quantity, plus the
 * line's scrap allowance. */
PdQty       pd_traveler_get_need        (const PdTraveler *traveler,
                                         const PdBomLine  *line);

/* Lays the traveler out on pages of WIDTH × HEIGHT points and draws page
 * PAGE (from 0) into CR, whose user space is that page; PAGE -1 draws
 * nothing. Returns the number of pages. Text is laid out with Pango
 * (Chinese and other scripts through fontconfig's fallbacks). */
guint       pd_traveler_render          (cairo_t          *cr,
                                         const PdTraveler *traveler,
                                         double            width,
                                         double            height,
                                         int               page);
/* Writes the traveler on A4 pages to a PDF at PATH. */
gboolean    pd_traveler_write_pdf       (const char       *path,
                                         const PdTraveler *traveler,
                                         guint            *n_pages,
                                         GError          **error);
/* The same in a worker; takes TRAVELER. */
void        pd_traveler_write_pdf_async (GFile               *file,
                                         PdTraveler          *traveler,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    pd_traveler_write_pdf_finish (GAsyncResult       *result,
                                         GError             **error);

#define PD_TRAVELER_A4_WIDTH  595.2756
#define PD_TRAVELER_A4_HEIGHT 841.8898

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTraveler, pd_traveler_free)

G_END_DECLS
