/* pd-label.c — labels with a QR code: content, layouts, drawing and PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-label"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "pd-error.h"
#include "pd-label.h"
#include "pd-labels-private.h"

/* The stock, in millimetres. A roll label is the whole page; an A4 sheet
 * holds 3 × 8 labels of 70 × 37 mm, 0.5 mm from its top edge. */
#define ROLL_WIDTH_MM    50.0
#define ROLL_HEIGHT_MM   30.0
#define SHEET_WIDTH_MM   210.0
#define SHEET_HEIGHT_MM  297.0
#define SHEET_COLUMNS    3
#define SHEET_ROWS       8
#define SHEET_CELL_W_MM  70.0
#define SHEET_CELL_H_MM  37.0
#define SHEET_TOP_MM     ((SHEET_HEIGHT_MM - SHEET_ROWS * SHEET_CELL_H_MM) / 2)

/* Inside a label: the margin all round and the gap between the QR code
 * and the text. */
#define PADDING_MM       2.0
#define GAP_MM           1.5
#define QUIET_ZONE       4
/* The QR code takes at most this share of a label's width, the text the
 * rest; text too wide is set down to MIN_TEXT_SCALE of its size. */
#define QR_MAX_WIDTH     0.42
#define MIN_TEXT_SCALE   0.7

/* --- Content --------------------------------------------------------------- */

PdLabel *
pd_label_new (PdLabelKind  kind,
              const char  *payload,
              const char  *title)
{
  PdLabel *label;

  g_return_val_if_fail (payload != NULL, NULL);

  label = g_new0 (PdLabel, 1);
  label->kind = kind;
  label->payload = g_strdup (payload);
  label->title = g_strdup (title != NULL ? title : payload);
  label->lines = g_ptr_array_new_with_free_func (g_free);
  return label;
}

PdLabel *
pd_label_copy (const PdLabel *label)
{
  PdLabel *copy;

  g_return_val_if_fail (label != NULL, NULL);

  copy = pd_label_new (label->kind, label->payload, label->title);
  copy->source_id = label->source_id;
  for (guint i = 0; i < label->lines->len; i++)
    pd_label_add_line (copy, g_ptr_array_index (label->lines, i));
  return copy;
}

void
pd_label_free (PdLabel *label)
{
  if (label == NULL)
    return;

  g_free (label->payload);
  g_free (label->title);
  g_ptr_array_unref (label->lines);
  g_free (label);
}

void
pd_label_add_line (PdLabel    *label,
                   const char *line)
{
  g_return_if_fail (label != NULL);

  if (line != NULL && line[0] != '\0')
    g_ptr_array_add (label->lines, g_strdup (line));
}

PdLabel *
pd_label_new_for_item (const PdItem *item)
{
  PdLabel *label;
  const char *payload = item->sku;

  g_return_val_if_fail (item != NULL && item->sku != NULL, NULL);

  /* The first barcode is the one the supplier printed: a scanner reads
   * the same from our label as from the box. */
  if (item->barcodes != NULL && item->barcodes->len > 0)
    payload = g_ptr_array_index (item->barcodes, 0);

  label = pd_label_new (PD_LABEL_ITEM, payload, item->sku);
  label->source_id = item->id;
  pd_label_add_line (label, item->name);
  if (item->unit != NULL)
    {
      /* TRANSLATORS: on an item's label: the unit it is counted in. */
      g_autofree char *unit = g_strdup_printf (_("Unit: %s"), item->unit);

      pd_label_add_line (label, unit);
    }
  if (g_strcmp0 (payload, item->sku) != 0)
    pd_label_add_line (label, payload);
  return label;
}

PdLabel *
pd_label_new_for_location (const PdLocation *location,
                           const char       *path)
{
  PdLabel *label;
  const char *payload;

  g_return_val_if_fail (location != NULL && location->code != NULL, NULL);

  payload = location->barcode != NULL && location->barcode[0] != '\0' ? location->barcode : location->code;
  label = pd_label_new (PD_LABEL_LOCATION, payload, location->code);
  label->source_id = location->id;
  pd_label_add_line (label, location->name);
  if (path != NULL && g_strcmp0 (path, location->code) != 0)
    pd_label_add_line (label, path);
  if (g_strcmp0 (payload, location->code) != 0)
    pd_label_add_line (label, payload);
  return label;
}

PdLabel *
pd_label_new_for_lot (const PdLot  *lot,
                      const PdItem *item)
{
  PdLabel *label;
  g_autofree char *title = NULL;

  g_return_val_if_fail (lot != NULL && lot->code != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  /* TRANSLATORS: the title of a lot's label: its code. */
  title = g_strdup_printf (_("Lot %s"), lot->code);
  label = pd_label_new (PD_LABEL_LOT, lot->code, title);
  label->source_id = lot->id;
  pd_label_add_line (label, item->sku);
  pd_label_add_line (label, item->name);
  if (lot->expiry != NULL)
    {
      /* TRANSLATORS: on a lot's label: its expiry date, YYYY-MM-DD. */
      g_autofree char *expiry = g_strdup_printf (_("Expires %s"), lot->expiry);

      pd_label_add_line (label, expiry);
    }
  return label;
}

/* --- Layouts --------------------------------------------------------------- */

const char *
pd_label_layout_to_string (PdLabelLayout layout)
{
  return layout == PD_LABEL_LAYOUT_SHEET ? "sheet" : "roll";
}

gboolean
pd_label_layout_from_string (const char    *str,
                             PdLabelLayout *layout)
{
  if (g_strcmp0 (str, "roll") == 0)
    *layout = PD_LABEL_LAYOUT_ROLL;
  else if (g_strcmp0 (str, "sheet") == 0)
    *layout = PD_LABEL_LAYOUT_SHEET;
  else
    return FALSE;
  return TRUE;
}

void
pd_label_layout_get_page_size (PdLabelLayout  layout,
                               double        *width,
                               double        *height)
{
  if (layout == PD_LABEL_LAYOUT_SHEET)
    {
      *width = PD_LABEL_MM_TO_PT (SHEET_WIDTH_MM);
      *height = PD_LABEL_MM_TO_PT (SHEET_HEIGHT_MM);
    }
  else
    {
      *width = PD_LABEL_MM_TO_PT (ROLL_WIDTH_MM);
      *height = PD_LABEL_MM_TO_PT (ROLL_HEIGHT_MM);
    }
}

guint
pd_label_layout_get_per_page (PdLabelLayout layout)
{
  return layout == PD_LABEL_LAYOUT_SHEET ? SHEET_COLUMNS * SHEET_ROWS : 1;
}

guint
pd_label_layout_get_n_pages (PdLabelLayout layout,
                             guint         n_labels)
{
  guint per_page = pd_label_layout_get_per_page (layout);

  return (n_labels + per_page - 1) / per_page;
}

void
pd_label_layout_get_cell (PdLabelLayout  layout,
                          guint          index,
                          double        *x,
                          double        *y,
                          double        *width,
                          double        *height)
{
  if (layout == PD_LABEL_LAYOUT_SHEET)
    {
      guint column = index % SHEET_COLUMNS;
      guint row = (index / SHEET_COLUMNS) % SHEET_ROWS;

      *x = PD_LABEL_MM_TO_PT (column * SHEET_CELL_W_MM);
      *y = PD_LABEL_MM_TO_PT (SHEET_TOP_MM + row * SHEET_CELL_H_MM);
      *width = PD_LABEL_MM_TO_PT (SHEET_CELL_W_MM);
      *height = PD_LABEL_MM_TO_PT (SHEET_CELL_H_MM);
    }
  else
    {
      *x = 0;
      *y = 0;
      pd_label_layout_get_page_size (layout, width, height);
    }
}

/* --- Drawing --------------------------------------------------------------- */

/* The modules of CODE, one rectangle for each run of dark modules in a
 * row so that neighbours leave no hairline between them. */
static void
draw_qr (cairo_t      *cr,
         const QRcode *code,
         double        x,
         double        y,
         double        side)
{
  int n = code->width + 2 * QUIET_ZONE;
  double module = side / n;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, side, side);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    {
      const unsigned char *data = code->data + row * code->width;
      int column = 0;

      while (column < code->width)
        {
          int start;

          if ((data[column] & 1) == 0)
            {
              column++;
              continue;
            }
          start = column;
          while (column < code->width && (data[column] & 1) != 0)
            column++;
          cairo_rectangle (cr,
                           x + (start + QUIET_ZONE) * module,
                           y + (row + QUIET_ZONE) * module,
                           (column - start) * module,
                           module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static PangoLayout *
new_text_layout (cairo_t    *cr,
                 double      width,
                 double      size,
                 gboolean    bold)
{
  PangoLayout *layout = _pd_labels_new_layout (cr, size, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* Draws TEXT on one line at (X, *Y) and moves *Y below it; FALSE when it
 * would go below BOTTOM and nothing was drawn. */
static gboolean
draw_line (cairo_t    *cr,
           const char *text,
           double      x,
           double     *y,
           double      width,
           double      bottom,
           double      size,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = new_text_layout (cr, width, size, bold);
  int text_width, text_height;

  /* A code a little too long for the label is set smaller rather than
   * cut: people read it when the scanner fails. Down to a point, then
   * the end gives way. */
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &text_width, NULL);
  if (text_width > width * PANGO_SCALE)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_layout_get_font_description (layout));
      double smaller = MAX (size * MIN_TEXT_SCALE, size * width * PANGO_SCALE / text_width);

      pango_font_description_set_absolute_size (font, smaller * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_get_size (layout, NULL, &text_height);
  if (*y + (double) text_height / PANGO_SCALE > bottom + 0.01)
    return FALSE;

  cairo_move_to (cr, x, *y);
  pango_cairo_show_layout (cr, layout);
  *y += (double) text_height / PANGO_SCALE;
  return TRUE;
}

gboolean
pd_label_render (cairo_t       *cr,
                 const PdLabel *label,
                 double         width,
                 double         height)
{
  QRcode *code;
  double padding = PD_LABEL_MM_TO_PT (PADDING_MM);
  double gap = PD_LABEL_MM_TO_PT (GAP_MM);
  double side, text_x, text_width, y, bottom;
  double title_size, line_size;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  /* The code takes the label's height, the text what is left beside it,
   * but never less than QR_MAX_WIDTH of the width. */
  side = MIN (height - 2 * padding, width * QR_MAX_WIDTH);
  side = MAX (side, 0);
  code = QRcode_encodeString (label->payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code != NULL)
    draw_qr (cr, code, padding, (height - side) / 2, side);

  /* The quiet zone is white space already: the text may start close. */
  text_x = padding + side + gap - (code != NULL ? side / (code->width + 2 * QUIET_ZONE) * (QUIET_ZONE - 1) : 0);
  text_width = width - text_x - padding;
  title_size = height * 0.14;
  line_size = height * 0.10;
  y = padding;
  bottom = height - padding;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (draw_line (cr, label->title, text_x, &y, text_width, bottom, title_size, TRUE))
    {
      y += line_size * 0.25;
      for (guint i = 0; i < label->lines->len; i++)
        if (!draw_line (cr, g_ptr_array_index (label->lines, i), text_x, &y, text_width,
                        bottom, line_size, FALSE))
          break;
    }

  cairo_restore (cr);

  if (code == NULL)
    return FALSE;
  QRcode_free (code);
  return TRUE;
}

gboolean
pd_labels_render_page (cairo_t       *cr,
                       GPtrArray     *labels,
                       PdLabelLayout  layout,
                       guint          page)
{
  guint per_page = pd_label_layout_get_per_page (layout);
  gboolean ok = TRUE;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);

  for (guint i = 0; i < per_page && page * per_page + i < labels->len; i++)
    {
      const PdLabel *label = g_ptr_array_index (labels, page * per_page + i);
      double x, y, w, h;

      pd_label_layout_get_cell (layout, i, &x, &y, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      ok &= pd_label_render (cr, label, w, h);
      cairo_restore (cr);
    }

  return ok;
}

/* --- PDF ------------------------------------------------------------------- */

gboolean
pd_labels_write_pdf (const char     *path,
                     GPtrArray      *labels,
                     PdLabelLayout   layout,
                     GError        **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (labels->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("There are no labels to write."));
      return FALSE;
    }

  /* Refuse a payload that no QR code can hold before writing anything. */
  for (guint i = 0; i < labels->len; i++)
    {
      const PdLabel *label = g_ptr_array_index (labels, i);
      QRcode *code = QRcode_encodeString (label->payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

      if (code == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” cannot be put in a QR code."), label->payload);
          return FALSE;
        }
      QRcode_free (code);
    }

  pd_label_layout_get_page_size (layout, &width, &height);
  n_pages = pd_label_layout_get_n_pages (layout, labels->len);
  surface = _pd_labels_pdf_new (path, width, height);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      pd_labels_render_page (cr, labels, layout, page);
      cairo_show_page (cr);
    }
  return _pd_labels_pdf_finish (surface, cr, path, error);
}

typedef struct
{
  GPtrArray     *labels;
  PdLabelLayout  layout;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_ptr_array_unref (job->labels);
  g_free (job);
}

static gboolean
write_job (const char  *path,
           gpointer     data,
           GError     **error)
{
  WriteJob *job = data;

  return pd_labels_write_pdf (path, job->labels, job->layout, error);
}

void
pd_labels_write_pdf_async (GFile               *file,
                           GPtrArray           *labels,
                           PdLabelLayout        layout,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (labels != NULL);

  job = g_new0 (WriteJob, 1);
  job->labels = g_ptr_array_new_full (labels->len, (GDestroyNotify) pd_label_free);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (job->labels, pd_label_copy (g_ptr_array_index (labels, i)));
  job->layout = layout;
  _pd_labels_write_async (file, write_job, job, (GDestroyNotify) write_job_free,
                          _("Labels can only be saved to a local file."), pd_labels_write_pdf_async,
                          cancellable, callback, user_data);
}

gboolean
pd_labels_write_pdf_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
