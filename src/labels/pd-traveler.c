/* pd-traveler.c — the work-order traveler: layout, drawing and PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-traveler"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <pango/pangocairo.h>

#include "pd-error.h"
#include "pd-label.h"
#include "pd-labels-private.h"
#include "pd-store-mes.h"
#include "pd-store-work-orders.h"
#include "pd-traveler.h"

/* The page: margins, type sizes and the QR code's box, in points. */
#define MARGIN        PD_LABEL_MM_TO_PT (15.0)
#define TITLE_SIZE    16.0
#define HEADING_SIZE  12.0
#define TEXT_SIZE     9.5
#define SMALL_SIZE    8.0
#define CELL_PAD      3.0
#define QR_BOX_WIDTH  PD_LABEL_MM_TO_PT (75.0)
#define QR_BOX_HEIGHT PD_LABEL_MM_TO_PT (32.0)

/* --- Content --------------------------------------------------------------- */

PdTraveler *
pd_traveler_load (PdStore     *store,
                  const char  *number,
                  GError     **error)
{
  g_autoptr(PdTraveler) traveler = g_new0 (PdTraveler, 1);
  PdWorkOrder *wo;
  gboolean draft;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  traveler->wo = pd_store_find_work_order (store, number, error);
  if (traveler->wo == NULL)
    return NULL;
  wo = traveler->wo;
  /* A draft has frozen nothing yet: it would get the active versions. */
  draft = wo->status == PD_WO_DRAFT;
  if ((draft || wo->bom_version > 0) &&
      !pd_store_get_bom (store, wo->product_id, draft ? 0 : wo->bom_version, &traveler->bom, error))
    return NULL;
  if ((draft || wo->routing_version > 0) &&
      !pd_store_get_routing (store, wo->product_id, draft ? 0 : wo->routing_version,
                             &traveler->routing, error))
    return NULL;
  return g_steal_pointer (&traveler);
}

void
pd_traveler_free (PdTraveler *traveler)
{
  if (traveler == NULL)
    return;
  g_clear_pointer (&traveler->wo, pd_work_order_free);
  g_clear_pointer (&traveler->bom, pd_bom_free);
  g_clear_pointer (&traveler->routing, pd_routing_free);
  g_free (traveler);
}

PdQty
pd_traveler_get_need (const PdTraveler *traveler,
                      const PdBomLine  *line)
{
  __int128 need, den;

  g_return_val_if_fail (traveler != NULL && traveler->wo != NULL, 0);
  g_return_val_if_fail (line != NULL, 0);

  /* As the core counts it: rounded up to the millionth. */
  den = (__int128) PD_QTY_ONE * 100 * PD_QTY_ONE;
  need = ((__int128) line->qty * traveler->wo->qty * (100 * PD_QTY_ONE + line->scrap_pct) + den - 1) / den;
  return need > PD_QTY_MAX ? PD_QTY_MAX : (PdQty) need;
}

/* --- Text ------------------------------------------------------------------ */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      width,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = _pd_labels_new_layout (cr, size, bold);

  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height = 0;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* "90 s", "12.5 min", "2 h": a duration for people. */
static char *
format_duration (gint64 us)
{
  double seconds = us / 1e6;

  if (seconds < 120)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%g s"), seconds);
  if (seconds < 7200)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%g min"), (double) (gint64) (seconds / 60 * 10 + 0.5) / 10);
  /* TRANSLATORS: a duration in hours */
  return g_strdup_printf (_("%g h"), (double) (gint64) (seconds / 3600 * 10 + 0.5) / 10);
}

static char *
format_qty (PdQty       qty,
            const char *unit)
{
  g_autofree char *number = pd_qty_format (qty);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  /* TRANSLATORS: a quantity and its unit, such as “12.5 kg” */
  return g_strdup_printf (_("%s %s"), number, unit);
}

/* --- Flow: laying blocks out on pages --------------------------------------- */

typedef struct
{
  cairo_t          *cr;
  const PdTraveler *traveler;
  double            width;
  double            height;
  double            bottom;
  double            y;
  int               page;
  int               target;
} Flow;

static gboolean
drawing (Flow *flow)
{
  return flow->page == flow->target;
}

static void
draw_layout_at (Flow        *flow,
                PangoLayout *layout,
                double       x,
                double       y)
{
  if (!drawing (flow))
    return;
  cairo_move_to (flow->cr, x, y);
  pango_cairo_show_layout (flow->cr, layout);
}

static void
rule (Flow   *flow,
      double  y,
      double  line_width)
{
  if (!drawing (flow))
    return;
  cairo_save (flow->cr);
  cairo_set_line_width (flow->cr, line_width);
  cairo_move_to (flow->cr, MARGIN, y);
  cairo_line_to (flow->cr, flow->width - MARGIN, y);
  cairo_stroke (flow->cr);
  cairo_restore (flow->cr);
}

/* The foot of each page: the order and the page's number. */
static void
page_footer (Flow *flow)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* TRANSLATORS: the foot of a traveler's page: the work order, then the page number */
  text = g_strdup_printf (_("%s · page %d"), flow->traveler->wo->number, flow->page + 1);
  layout = text_layout (flow->cr, text, flow->width - 2 * MARGIN, SMALL_SIZE, FALSE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  draw_layout_at (flow, layout, MARGIN, flow->height - MARGIN + 4);
}

/* Makes room for HEIGHT more points, on a new page if need be. TRUE when
 * a new page was begun. */
static gboolean
need (Flow   *flow,
      double  height)
{
  if (flow->y + height <= flow->bottom || flow->y <= MARGIN + 1)
    return FALSE;
  page_footer (flow);
  flow->page++;
  flow->y = MARGIN;
  return TRUE;
}

static void
paragraph (Flow       *flow,
           const char *text,
           double      size,
           gboolean    bold,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = text_layout (flow->cr, text, flow->width - 2 * MARGIN, size, bold);
  double h = layout_height (layout);

  need (flow, h);
  draw_layout_at (flow, layout, MARGIN, flow->y);
  flow->y += h + space_after;
}

/* --- Tables ---------------------------------------------------------------- */

typedef struct
{
  const char *title;
  double      share;     /* of the width */
  gboolean    numeric;   /* right-aligned */
} Column;

/* The height of a row of CELLS, and its layouts in LAYOUTS. */
static double
row_layouts (Flow         *flow,
             const Column *columns,
             guint         n_columns,
             const char  **cells,
             gboolean      bold,
             PangoLayout **layouts)
{
  double inner = flow->width - 2 * MARGIN;
  double height = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      layouts[i] = text_layout (flow->cr, cells[i], inner * columns[i].share - 2 * CELL_PAD,
                                TEXT_SIZE, bold);
      if (columns[i].numeric)
        pango_layout_set_alignment (layouts[i], PANGO_ALIGN_RIGHT);
      height = MAX (height, layout_height (layouts[i]));
    }
  return height + 2 * CELL_PAD;
}

static void
draw_row (Flow          *flow,
          const Column  *columns,
          guint          n_columns,
          PangoLayout  **layouts,
          double         height,
          gboolean       header)
{
  double x = MARGIN;
  double inner = flow->width - 2 * MARGIN;

  if (header && drawing (flow))
    {
      cairo_save (flow->cr);
      cairo_set_source_rgb (flow->cr, 0.9, 0.9, 0.9);
      cairo_rectangle (flow->cr, MARGIN, flow->y, inner, height);
      cairo_fill (flow->cr);
      cairo_restore (flow->cr);
    }
  for (guint i = 0; i < n_columns; i++)
    {
      draw_layout_at (flow, layouts[i], x + CELL_PAD, flow->y + CELL_PAD);
      x += inner * columns[i].share;
    }
  flow->y += height;
  rule (flow, flow->y, 0.4);
}

static void
free_layouts (PangoLayout **layouts,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&layouts[i]);
}

static void
table_header (Flow         *flow,
              const Column *columns,
              guint         n_columns)
{
  const char *cells[8];
  PangoLayout *layouts[8] = { NULL };
  double height;

  g_assert (n_columns <= G_N_ELEMENTS (cells));
  for (guint i = 0; i < n_columns; i++)
    cells[i] = _(columns[i].title);
  height = row_layouts (flow, columns, n_columns, cells, TRUE, layouts);
  need (flow, height * 2);
  draw_row (flow, columns, n_columns, layouts, height, TRUE);
  free_layouts (layouts, n_columns);
}

/* A row of CELLS, with EXTRA points of the caller's below it kept on the
 * same page; the header again on a new page. */
static void
table_row (Flow         *flow,
           const Column *columns,
           guint         n_columns,
           const char  **cells,
           double        extra)
{
  PangoLayout *layouts[8] = { NULL };
  double height = row_layouts (flow, columns, n_columns, cells, FALSE, layouts);

  if (need (flow, height + extra))
    table_header (flow, columns, n_columns);
  draw_row (flow, columns, n_columns, layouts, height, FALSE);
  free_layouts (layouts, n_columns);
}

/* --- Sections -------------------------------------------------------------- */

static void
header (Flow *flow)
{
  const PdWorkOrder *wo = flow->traveler->wo;
  g_autoptr(PdLabel) label = pd_label_new (PD_LABEL_ITEM, wo->number, wo->number);
  g_autofree char *qty = pd_qty_format (wo->qty);
  g_autofree char *due = pd_mes_format_local_time (wo->due);
  g_autofree char *product = NULL;
  g_autofree char *priority = NULL;
  double text_width = flow->width - 2 * MARGIN - QR_BOX_WIDTH;
  double y = flow->y;
  struct { const char *name; const char *value; } fields[7];
  guint n_fields = 0;

  if (wo->product_name != NULL && g_strcmp0 (wo->product_name, wo->product_sku) != 0)
    /* TRANSLATORS: a product: its SKU, then its name */
    product = g_strdup_printf (_("%s — %s"), wo->product_sku, wo->product_name);
  else
    product = g_strdup (wo->product_sku);
  /* TRANSLATORS: a work order's priority: 1 most urgent … 5 */
  priority = g_strdup_printf (_("%u (1 most urgent … 5)"), wo->priority);

  fields[n_fields].name = _("Product");
  fields[n_fields++].value = product;
  fields[n_fields].name = _("Quantity");
  fields[n_fields++].value = qty;
  fields[n_fields].name = _("Due");
  fields[n_fields++].value = due;
  fields[n_fields].name = _("Priority");
  fields[n_fields++].value = priority;
  fields[n_fields].name = _("Reference");
  fields[n_fields++].value = wo->ref != NULL ? wo->ref : "—";
  fields[n_fields].name = _("Status");
  fields[n_fields++].value = pd_wo_status_get_label (wo->status);

  /* The QR code in the top right corner, the number beside it. */
  pd_label_add_line (label, product);
  if (drawing (flow))
    {
      cairo_save (flow->cr);
      cairo_translate (flow->cr, flow->width - MARGIN - QR_BOX_WIDTH, y);
      pd_label_render (flow->cr, label, QR_BOX_WIDTH, QR_BOX_HEIGHT);
      cairo_restore (flow->cr);
    }

  {
    g_autoptr(PangoLayout) title = text_layout (flow->cr, _("Work Order Traveler"), text_width,
                                                TITLE_SIZE, TRUE);
    g_autoptr(PangoLayout) number = text_layout (flow->cr, wo->number, text_width, TITLE_SIZE * 1.4, TRUE);

    draw_layout_at (flow, title, MARGIN, y);
    y += layout_height (title) + 2;
    draw_layout_at (flow, number, MARGIN, y);
    y += layout_height (number) + 6;
  }
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(PangoLayout) name = text_layout (flow->cr, fields[i].name, 90, TEXT_SIZE, TRUE);
      g_autoptr(PangoLayout) value = text_layout (flow->cr, fields[i].value, text_width - 95,
                                                  TEXT_SIZE, FALSE);

      draw_layout_at (flow, name, MARGIN, y);
      draw_layout_at (flow, value, MARGIN + 95, y);
      y += MAX (layout_height (name), layout_height (value)) + 2;
    }
  flow->y = MAX (y, flow->y + QR_BOX_HEIGHT) + 8;
  rule (flow, flow->y, 1.0);
  flow->y += 10;
}

static const Column bom_columns[] = {
  { N_("Component"), 0.20, FALSE },
  { N_("Name"), 0.30, FALSE },
  { N_("Per Unit"), 0.14, TRUE },
  { N_("Total Need"), 0.16, TRUE },
  { N_("Issue"), 0.20, FALSE },
};

static void
bom_section (Flow *flow)
{
  const PdBom *bom = flow->traveler->bom;
  g_autofree char *heading = NULL;

  if (bom != NULL)
    /* TRANSLATORS: a heading of the traveler, with the BOM's version */
    heading = g_strdup_printf (_("Bill of Materials (version %u)"), bom->version);
  else
    heading = g_strdup (_("Bill of Materials"));
  need (flow, 60);
  paragraph (flow, heading, HEADING_SIZE, TRUE, 4);
  if (bom == NULL || bom->lines->len == 0)
    {
      paragraph (flow, _("The product has no bill of materials."), TEXT_SIZE, FALSE, 12);
      return;
    }

  table_header (flow, bom_columns, G_N_ELEMENTS (bom_columns));
  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      g_autofree char *per = format_qty (line->qty, line->unit);
      g_autofree char *total = format_qty (pd_traveler_get_need (flow->traveler, line), line->unit);
      const char *cells[] = {
        line->component_sku,
        line->component_name != NULL ? line->component_name : "",
        per,
        total,
        /* TRANSLATORS: how a component is issued to a work order */
        line->backflush ? C_("bom issue", "Backflush") : C_("bom issue", "Pick at start"),
      };

      table_row (flow, bom_columns, G_N_ELEMENTS (bom_columns), cells, 0);
    }
  flow->y += 14;
}

static const Column op_columns[] = {
  { N_("Seq"), 0.08, TRUE },
  { N_("Work Center"), 0.22, FALSE },
  { N_("Setup"), 0.13, TRUE },
  { N_("Cycle Time"), 0.13, TRUE },
  { N_("Run Total"), 0.14, TRUE },
  { N_("Planned"), 0.30, FALSE },
};

/* The blank fields an operator fills in for one operation. */
static const char *const sign_fields[] = {
  N_("Operator"), N_("Start"), N_("End"), N_("Good"), N_("Scrap"), N_("Signature"),
};

static double
sign_height (void)
{
  return 2 * (TEXT_SIZE + 14);
}

static void
sign_block (Flow *flow)
{
  double inner = flow->width - 2 * MARGIN;
  double cell = inner / 3;

  for (guint i = 0; i < G_N_ELEMENTS (sign_fields); i++)
    {
      double x = MARGIN + (i % 3) * cell;
      double y = flow->y + (i / 3) * (TEXT_SIZE + 14);
      g_autoptr(PangoLayout) name = text_layout (flow->cr, _(sign_fields[i]), cell - 8, SMALL_SIZE, FALSE);

      draw_layout_at (flow, name, x + CELL_PAD, y + 4);
      if (drawing (flow))
        {
          cairo_save (flow->cr);
          cairo_set_line_width (flow->cr, 0.5);
          cairo_move_to (flow->cr, x + CELL_PAD + 62, y + TEXT_SIZE + 8);
          cairo_line_to (flow->cr, x + cell - 8, y + TEXT_SIZE + 8);
          cairo_stroke (flow->cr);
          cairo_restore (flow->cr);
        }
    }
  flow->y += sign_height () + 6;
  rule (flow, flow->y - 3, 1.0);
}

static const PdWoOperation *
order_operation (const PdWorkOrder *wo,
                 guint              seq)
{
  return wo->ops != NULL ? pd_work_order_get_operation (wo, seq) : NULL;
}

static void
routing_section (Flow *flow)
{
  const PdTraveler *traveler = flow->traveler;
  const PdRouting *routing = traveler->routing;
  g_autofree char *heading = NULL;
  double inner = flow->width - 2 * MARGIN;

  if (routing != NULL)
    /* TRANSLATORS: a heading of the traveler, with the routing's version */
    heading = g_strdup_printf (_("Routing (version %u)"), routing->version);
  else
    heading = g_strdup (_("Routing"));
  need (flow, 80);
  paragraph (flow, heading, HEADING_SIZE, TRUE, 4);
  if (routing == NULL || routing->ops->len == 0)
    {
      paragraph (flow, _("The product has no routing."), TEXT_SIZE, FALSE, 12);
      return;
    }

  table_header (flow, op_columns, G_N_ELEMENTS (op_columns));
  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      const PdWoOperation *planned = order_operation (traveler->wo, op->seq);
      const char *center = planned != NULL && planned->work_center_code != NULL
                           ? planned->work_center_code : op->work_center_code;
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *setup = format_duration (op->setup_us);
      g_autofree char *cycle = format_duration (op->run_us);
      g_autofree char *run = format_duration ((gint64) ((__int128) op->run_us * traveler->wo->qty / PD_QTY_ONE));
      g_autofree char *plan = NULL;
      g_autoptr(PangoLayout) instructions = NULL;
      double instructions_height = 0;
      const char *cells[6];

      if (planned != NULL && planned->planned_start != NULL)
        {
          g_autofree char *start = pd_mes_format_local_time (planned->planned_start);
          g_autofree char *end = pd_mes_format_local_time (planned->planned_end);

          /* TRANSLATORS: an operation's planned start and end */
          plan = g_strdup_printf (_("%s – %s"), start, end);
        }
      cells[0] = seq;
      cells[1] = center;
      cells[2] = setup;
      cells[3] = cycle;
      cells[4] = run;
      cells[5] = plan != NULL ? plan : "—";

      if (op->instructions != NULL && op->instructions[0] != '\0')
        {
          instructions = text_layout (flow->cr, op->instructions, inner - 2 * CELL_PAD - 20, TEXT_SIZE, FALSE);
          instructions_height = layout_height (instructions) + 2 * CELL_PAD;
        }
      /* An operation, its instructions and its fields stay on one page. */
      table_row (flow, op_columns, G_N_ELEMENTS (op_columns), cells,
                 MIN (instructions_height, 200) + sign_height () + 6);
      if (instructions != NULL)
        {
          need (flow, instructions_height);
          draw_layout_at (flow, instructions, MARGIN + CELL_PAD + 20, flow->y + CELL_PAD);
          flow->y += instructions_height;
        }
      need (flow, sign_height ());
      sign_block (flow);
    }
}

guint
pd_traveler_render (cairo_t          *cr,
                    const PdTraveler *traveler,
                    double            width,
                    double            height,
                    int               page)
{
  Flow flow = { 0 };

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (traveler != NULL && traveler->wo != NULL, 0);

  flow.cr = cr;
  flow.traveler = traveler;
  flow.width = width;
  flow.height = height;
  flow.bottom = height - MARGIN;
  flow.y = MARGIN;
  flow.target = page;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  header (&flow);
  bom_section (&flow);
  routing_section (&flow);
  page_footer (&flow);
  cairo_restore (cr);
  return flow.page + 1;
}

/* --- PDF ------------------------------------------------------------------- */

gboolean
pd_traveler_write_pdf (const char        *path,
                       const PdTraveler  *traveler,
                       guint             *n_pages,
                       GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (traveler != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = _pd_labels_pdf_new (path, PD_TRAVELER_A4_WIDTH, PD_TRAVELER_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, traveler->wo->number);
  cr = cairo_create (surface);
  n = pd_traveler_render (cr, traveler, PD_TRAVELER_A4_WIDTH, PD_TRAVELER_A4_HEIGHT, -1);
  for (guint page = 0; page < n; page++)
    {
      pd_traveler_render (cr, traveler, PD_TRAVELER_A4_WIDTH, PD_TRAVELER_A4_HEIGHT, page);
      cairo_show_page (cr);
    }
  if (!_pd_labels_pdf_finish (surface, cr, path, error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = n;
  return TRUE;
}

static gboolean
write_job (const char  *path,
           gpointer     data,
           GError     **error)
{
  return pd_traveler_write_pdf (path, data, NULL, error);
}

void
pd_traveler_write_pdf_async (GFile               *file,
                             PdTraveler          *traveler,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (traveler != NULL);

  _pd_labels_write_async (file, write_job, traveler, (GDestroyNotify) pd_traveler_free,
                          _("A traveler can only be saved to a local file."), pd_traveler_write_pdf_async,
                          cancellable, callback, user_data);
}

gboolean
pd_traveler_write_pdf_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
