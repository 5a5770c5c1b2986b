/* pd-label.h — labels with a QR code: content, layouts, drawing and PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pd-wms.h"

G_BEGIN_DECLS

typedef enum
{
  PD_LABEL_ITEM,
  PD_LABEL_LOCATION,
  PD_LABEL_LOT,
} PdLabelKind;

/* The stock on which labels are printed. Stable strings: "roll", "sheet". */
typedef enum
{
  PD_LABEL_LAYOUT_ROLL,   /* one 50 × 30 mm label a page */
  PD_LABEL_LAYOUT_SHEET,  /* A4, 3 × 8 labels of 70 × 37 mm */
} PdLabelLayout;

#define PD_LABEL_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

/**
 * PdLabel:
 *
 * What one label shows: a QR code holding PAYLOAD, exactly what a scan
 * entry accepts for the thing labelled, then a title and a few lines.
 */
typedef struct
{
  PdLabelKind  kind;
  gint64       source_id;  /* the item's, location's or lot's id, or 0 */
  char        *payload;
  char        *title;
  GPtrArray   *lines;      /* char * */
} PdLabel;

PdLabel    *pd_label_new                    (PdLabelKind      kind,
                                             const char      *payload,
                                             const char      *title);
PdLabel    *pd_label_copy                   (const PdLabel   *label);
void        pd_label_free                   (PdLabel         *label);
void        pd_label_add_line               (PdLabel         *label,
                                             const char      *line);

/* Label content from the core. An item's QR holds its first barcode, else
 * its SKU; a location's its barcode, else its code (PATH: the codes from
 * the warehouse down, e.g. "WH1 › A › A-01", or NULL); a lot's its code,
 * which the scan view takes after the item. */
PdLabel    *pd_label_new_for_item           (const PdItem     *item);
PdLabel    *pd_label_new_for_location       (const PdLocation *location,
                                             const char       *path);
PdLabel    *pd_label_new_for_lot            (const PdLot      *lot,
                                             const PdItem     *item);

const char *pd_label_layout_to_string       (PdLabelLayout    layout);
gboolean    pd_label_layout_from_string     (const char      *str,
                                             PdLabelLayout   *layout);
/* The page in points. */
void        pd_label_layout_get_page_size   (PdLabelLayout    layout,
                                             double          *width,
                                             double          *height);
guint       pd_label_layout_get_per_page    (PdLabelLayout    layout);
guint       pd_label_layout_get_n_pages     (PdLabelLayout    layout,
                                             guint            n_labels);
/* Where label INDEX of a page goes, in points from the page's corner. */
void        pd_label_layout_get_cell        (PdLabelLayout    layout,
                                             guint            index,
                                             double          *x,
                                             double          *y,
                                             double          *width,
                                             double          *height);

/* Draws LABEL into the box (0, 0, WIDTH, HEIGHT) of CR's user space (in
 * points): the QR code on the left (error correction M, a quiet zone of 4
 * modules, each module a filled rectangle), the text on the right with
 * Pango, ellipsized when too long. FALSE when the payload cannot be
 * encoded: the text is drawn all the same. */
gboolean    pd_label_render                 (cairo_t         *cr,
                                             const PdLabel   *label,
                                             double           width,
                                             double           height);
/* Draws page PAGE of LABELS (GPtrArray of PdLabel) laid out by LAYOUT;
 * CR's user space is the page in points. */
gboolean    pd_labels_render_page           (cairo_t         *cr,
                                             GPtrArray       *labels,
                                             PdLabelLayout    layout,
                                             guint            page);
/* Writes LABELS to a PDF at PATH, one page of LAYOUT after the other. */
gboolean    pd_labels_write_pdf             (const char      *path,
                                             GPtrArray       *labels,
                                             PdLabelLayout    layout,
                                             GError         **error);
/* The same in a worker, on a copy of LABELS. */
void        pd_labels_write_pdf_async       (GFile               *file,
                                             GPtrArray           *labels,
                                             PdLabelLayout        layout,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    pd_labels_write_pdf_finish      (GAsyncResult        *result,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdLabel, pd_label_free)

G_END_DECLS
