/* pd-labels-view.c — labels with QR codes: choose, preview, print, PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-labels-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-label-read.h"
#include "wms/pd-labels-view.h"

/* The margin round the page in the preview, in pixels. */
#define PREVIEW_MARGIN 16

/* --- One row of the list: a label and whether it is chosen ---------------- */

#define PD_TYPE_LABEL_ROW (pd_label_row_get_type ())
G_DECLARE_FINAL_TYPE (PdLabelRow, pd_label_row, PD, LABEL_ROW, GObject)

struct _PdLabelRow
{
  GObject   parent_instance;
  PdLabel  *label;
  char     *search_fold;  /* title and lines, case-folded */
  gboolean  chosen;
};

enum { ROW_PROP_0, ROW_PROP_CHOSEN, ROW_N_PROPS };
static GParamSpec *row_properties[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (PdLabelRow, pd_label_row, G_TYPE_OBJECT)

static void
pd_label_row_set_chosen (PdLabelRow *self,
                         gboolean    chosen)
{
  chosen = !!chosen;
  if (self->chosen == chosen)
    return;
  self->chosen = chosen;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_CHOSEN]);
}

static void
pd_label_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdLabelRow *self = PD_LABEL_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_label_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PdLabelRow *self = PD_LABEL_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_CHOSEN:
      pd_label_row_set_chosen (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_label_row_finalize (GObject *object)
{
  PdLabelRow *self = PD_LABEL_ROW (object);

  pd_label_free (self->label);
  g_free (self->search_fold);

  G_OBJECT_CLASS (pd_label_row_parent_class)->finalize (object);
}

static void
pd_label_row_class_init (PdLabelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pd_label_row_get_property;
  object_class->set_property = pd_label_row_set_property;
  object_class->finalize = pd_label_row_finalize;

  row_properties[ROW_PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
pd_label_row_init (PdLabelRow *self)
{
}

static PdLabelRow *
pd_label_row_new (PdLabel *label)
{
  PdLabelRow *self = g_object_new (PD_TYPE_LABEL_ROW, NULL);
  g_autoptr(GString) text = g_string_new (label->title);

  self->label = label;
  g_string_append_printf (text, "\n%s", label->payload);
  for (guint i = 0; i < label->lines->len; i++)
    g_string_append_printf (text, "\n%s", (char *) g_ptr_array_index (label->lines, i));
  self->search_fold = g_utf8_casefold (text->str, -1);
  return self;
}

/* What survives a reload: the kind and the id of the thing labelled. */
static char *
row_key (const PdLabel *label)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, label->kind, label->source_id);
}

/* --- The view -------------------------------------------------------------- */

struct _PdLabelsView
{
  GtkBox              parent_instance;

  PdStore            *store;
  GCancellable       *cancellable;
  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  char               *search_fold;
  GPtrArray          *labels;      /* PdLabel: what is printed, copies included */
  guint               page;
  guint               n_previews;
  guint               n_saving;
  gboolean            loading;
  gboolean            reload;

  GtkDropDown        *kind_dropdown;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkButton          *select_all_button;
  GtkButton          *clear_button;
  GtkLabel           *count_label;
  GtkDropDown        *layout_dropdown;
  GtkSpinButton      *copies_spin;
  GtkButton          *save_button;
  GtkButton          *print_button;
  GtkDrawingArea     *preview_area;
  GtkButton          *previous_button;
  GtkLabel           *page_label;
  GtkButton          *next_button;
};

G_DEFINE_FINAL_TYPE (PdLabelsView, pd_labels_view, GTK_TYPE_BOX)

static void reload (PdLabelsView *self);

static PdLabelLayout
get_layout (PdLabelsView *self)
{
  return gtk_drop_down_get_selected (self->layout_dropdown) == 1 ? PD_LABEL_LAYOUT_SHEET
                                                                  : PD_LABEL_LAYOUT_ROLL;
}

static guint
get_n_pages (PdLabelsView *self)
{
  return pd_label_layout_get_n_pages (get_layout (self), self->labels->len);
}

static void
toast (PdLabelsView *self,
       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* Rebuilds what is printed from the chosen rows, in list order, each
 * label COPIES times one after the other. */
static void
update_labels (PdLabelsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint copies = (guint) gtk_spin_button_get_value_as_int (self->copies_spin);
  guint n_chosen = 0;
  guint n_pages;
  g_autofree char *count = NULL;

  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (!row->chosen)
        continue;
      n_chosen++;
      for (guint c = 0; c < copies; c++)
        g_ptr_array_add (self->labels, pd_label_copy (row->label));
    }

  n_pages = get_n_pages (self);
  if (self->page >= n_pages)
    self->page = n_pages > 0 ? n_pages - 1 : 0;

  count = g_strdup_printf (ngettext ("%u chosen", "%u chosen", n_chosen), n_chosen);
  gtk_label_set_text (self->count_label, count);
  if (n_pages == 0)
    gtk_label_set_text (self->page_label, _("Nothing chosen"));
  else
    {
      /* TRANSLATORS: the page of the label preview, e.g. “Page 1 of 3”. */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);

      gtk_label_set_text (self->page_label, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), n_pages > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), n_pages > 0 && self->n_saving == 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* --- The preview ----------------------------------------------------------- */

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PdLabelsView *self = user_data;
  PdLabelLayout layout = get_layout (self);
  double page_width, page_height, scale, x, y;

  if (self->labels->len == 0)
    return;

  pd_label_layout_get_page_size (layout, &page_width, &page_height);
  scale = MIN ((width - 2.0 * PREVIEW_MARGIN) / page_width,
               (height - 2.0 * PREVIEW_MARGIN) / page_height);
  if (scale <= 0)
    return;
  x = floor ((width - page_width * scale) / 2);
  y = floor ((height - page_height * scale) / 2);

  /* The page, white whatever the style, with a thin edge. */
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, page_width * scale, page_height * scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_scale (cr, scale, scale);

  /* The edges of the labels on a sheet, as on the printed stock. */
  if (pd_label_layout_get_per_page (layout) > 1)
    {
      for (guint i = 0; i < pd_label_layout_get_per_page (layout); i++)
        {
          double cx, cy, cw, ch;

          pd_label_layout_get_cell (layout, i, &cx, &cy, &cw, &ch);
          cairo_rectangle (cr, cx, cy, cw, ch);
        }
      cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
      cairo_set_line_width (cr, 1 / scale);
      cairo_stroke (cr);
    }

  pd_labels_render_page (cr, self->labels, layout, self->page);
  cairo_restore (cr);
  self->n_previews++;
}

static void
previous_clicked_cb (PdLabelsView *self)
{
  if (self->page > 0)
    self->page--;
  update_labels (self);
}

static void
next_clicked_cb (PdLabelsView *self)
{
  if (self->page + 1 < get_n_pages (self))
    self->page++;
  update_labels (self);
}

/* --- The list -------------------------------------------------------------- */

static const char *
kind_label (PdLabelKind kind)
{
  switch (kind)
    {
    case PD_LABEL_LOCATION:
      return _("Location");
    case PD_LABEL_LOT:
      return _("Lot");
    case PD_LABEL_ITEM:
    default:
      return _("Item");
    }
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  gtk_widget_set_margin_start (check, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_start (box, 6);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_list_item_set_child (list_item, check);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PdLabelRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *name = NULL;
  g_autofree char *accessible = NULL;
  GBinding *binding;

  /* TRANSLATORS: the kind of label (Item, Location, Lot) and its title. */
  name = g_strdup_printf (_("%s %s"), kind_label (row->label->kind), row->label->title);
  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle),
                      row->label->lines->len > 0 ? g_ptr_array_index (row->label->lines, 0) : "");
  accessible = g_strdup_printf ("%s, %s", name, gtk_label_get_text (GTK_LABEL (subtitle)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  binding = g_object_bind_property (row, "chosen", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "pd-binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "pd-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "pd-binding", NULL);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  PdLabelsView *self = user_data;
  PdLabelRow *row = item;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  /* 0 is everything; then items, locations and lots as PdLabelKind. */
  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && (guint) row->label->kind != kind - 1)
    return FALSE;
  return self->search_fold == NULL || strstr (row->search_fold, self->search_fold) != NULL;
}

static void
update_list_stack (PdLabelsView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty && !self->loading ? "empty" : "list");
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_all_button), !empty);
}

static void
refilter (PdLabelsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_fold, g_free);
  if (text[0] != '\0')
    self->search_fold = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
}

static void
row_chosen_cb (PdLabelsView *self)
{
  update_labels (self);
}

static void
choose_shown (PdLabelsView *self,
              gboolean      chosen)
{
  GListModel *model = chosen ? G_LIST_MODEL (self->filter_model) : G_LIST_MODEL (self->rows);
  guint n = g_list_model_get_n_items (model);

  /* One update for the lot, not one a row. */
  g_signal_handlers_block_by_func (self->rows, row_chosen_cb, self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdLabelRow) row = g_list_model_get_item (model, i);

      g_signal_handlers_block_by_func (row, row_chosen_cb, self);
      pd_label_row_set_chosen (row, chosen);
      g_signal_handlers_unblock_by_func (row, row_chosen_cb, self);
    }
  g_signal_handlers_unblock_by_func (self->rows, row_chosen_cb, self);
  update_labels (self);
}

static void
select_all_clicked_cb (PdLabelsView *self)
{
  choose_shown (self, TRUE);
}

static void
clear_clicked_cb (PdLabelsView *self)
{
  choose_shown (self, FALSE);
}

/* --- Reading --------------------------------------------------------------- */

static void
labels_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PdLabelsView *self = user_data;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) chosen = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  labels = pd_label_read_all_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (labels == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read what to label: %s"), error->message);

      toast (self, message);
    }
  else
    {
      /* What was chosen stays chosen. */
      chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PdLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

          if (row->chosen)
            g_hash_table_add (chosen, row_key (row->label));
        }

      rows = g_ptr_array_new_full (labels->len, g_object_unref);
      for (guint i = 0; i < labels->len; i++)
        {
          PdLabel *label = g_steal_pointer (&labels->pdata[i]);
          g_autofree char *key = row_key (label);
          PdLabelRow *row = pd_label_row_new (label);

          row->chosen = g_hash_table_contains (chosen, key);
          g_signal_connect_swapped (row, "notify::chosen", G_CALLBACK (row_chosen_cb), self);
          g_ptr_array_add (rows, row);
        }
      g_list_store_splice (self->rows, 0, n, rows->pdata, rows->len);
      update_labels (self);
    }

  update_list_stack (self);
  if (self->reload)
    reload (self);
}

static void
reload (PdLabelsView *self)
{
  if (self->loading)
    {
      self->reload = TRUE;
      return;
    }

  self->reload = FALSE;
  self->loading = TRUE;
  pd_label_read_all_async (pd_store_get_path (self->store), self->cancellable, labels_read_cb, self);
}

/* --- Save as PDF ----------------------------------------------------------- */

typedef struct
{
  PdLabelsView *self;  /* a reference */
  GFile        *file;
  guint         n_labels;
} SaveData;

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  PdLabelsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_file_get_basename (data->file);

  self->n_saving--;
  if (self->cancellable == NULL)
    {
      /* The view is gone; the file is written or not, nobody to tell. */
      g_object_unref (data->file);
      g_object_unref (data->self);
      g_free (data);
      return;
    }
  if (!pd_labels_write_pdf_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: a file name, then why. */
          message = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
        }
    }
  else
    {
      /* TRANSLATORS: the number of labels, then a file name. */
      message = g_strdup_printf (ngettext ("Saved %u label to %s", "Saved %u labels to %s", data->n_labels),
                                 data->n_labels, name);
    }

  if (message != NULL)
    toast (self, message);
  update_labels (self);

  g_object_unref (data->file);
  g_object_unref (data->self);
  g_free (data);
}

void
_pd_labels_view_save_pdf (PdLabelsView *self,
                          GFile        *file)
{
  SaveData *data;

  g_return_if_fail (PD_IS_LABELS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->labels->len == 0)
    return;

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->n_labels = self->labels->len;
  self->n_saving++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  pd_labels_write_pdf_async (file, self->labels, get_layout (self), self->cancellable,
                             save_done_cb, data);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  PdLabelsView *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        _pd_labels_view_save_pdf (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_clicked_cb (PdLabelsView *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Save Labels as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* TRANSLATORS: the file name suggested for saved labels. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("labels.pdf"));
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- Print ----------------------------------------------------------------- */

typedef struct
{
  GPtrArray     *labels;
  PdLabelLayout  layout;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_ptr_array_unref (job->labels);
  g_free (job);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  PrintJob *job = user_data;

  pd_labels_render_page (gtk_print_context_get_cairo_context (context), job->labels, job->layout, page);
}

GtkPrintOperation *
_pd_labels_view_new_print_operation (PdLabelsView *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintJob *job;

  g_return_val_if_fail (PD_IS_LABELS_VIEW (self), NULL);

  job = g_new0 (PrintJob, 1);
  job->layout = get_layout (self);
  job->labels = g_ptr_array_new_full (self->labels->len, (GDestroyNotify) pd_label_free);
  for (guint i = 0; i < self->labels->len; i++)
    g_ptr_array_add (job->labels, pd_label_copy (g_ptr_array_index (self->labels, i)));

  if (job->layout == PD_LABEL_LAYOUT_SHEET)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else
    {
      double width, height;

      pd_label_layout_get_page_size (job->layout, &width, &height);
      paper = gtk_paper_size_new_custom ("plantdesk-label-50x30", _("Label 50 × 30 mm"),
                                         width, height, GTK_UNIT_POINTS);
    }
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (page_setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (page_setup, 0, GTK_UNIT_POINTS);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Plantdesk labels"));
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  /* The labels are laid out from the paper's corner, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, pd_label_layout_get_n_pages (job->layout, job->labels->len));
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job,
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);
  return operation;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  PdLabelsView *self = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("Could not print: %s"), error != NULL ? error->message : "");
      toast (self, message);
    }
}

static void
print_clicked_cb (PdLabelsView *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  if (self->labels->len == 0)
    return;

  operation = _pd_labels_view_new_print_operation (self);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  /* The operation keeps itself alive while it runs asynchronously. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      toast (self, message);
    }
}

/* --- GObject --------------------------------------------------------------- */

static void
pd_labels_view_dispose (GObject *object)
{
  PdLabelsView *self = PD_LABELS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_LABELS_VIEW);

  G_OBJECT_CLASS (pd_labels_view_parent_class)->dispose (object);
}

static void
pd_labels_view_finalize (GObject *object)
{
  PdLabelsView *self = PD_LABELS_VIEW (object);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_signal_handlers_disconnect_by_data (row, self);
    }
  g_free (self->search_fold);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pd_labels_view_parent_class)->finalize (object);
}

static void
pd_labels_view_class_init (PdLabelsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_labels_view_dispose;
  object_class->finalize = pd_labels_view_finalize;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/wms/pd-labels-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, print_button);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, preview_area);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, page_label);
  gtk_widget_class_bind_template_child (widget_class, PdLabelsView, next_button);
}

static void
pd_labels_view_init (PdLabelsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  self->rows = g_list_store_new (PD_TYPE_LABEL_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                  GTK_FILTER (self->filter));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);

  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self->preview_area), 240, 160);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->layout_dropdown, "notify::selected", G_CALLBACK (update_labels), self);
  g_signal_connect_swapped (self->copies_spin, "value-changed", G_CALLBACK (update_labels), self);
  g_signal_connect_swapped (self->select_all_button, "clicked", G_CALLBACK (select_all_clicked_cb), self);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_clicked_cb), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_clicked_cb), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked_cb), self);

  update_labels (self);
}

GtkWidget *
pd_labels_view_new (PdStore *store)
{
  PdLabelsView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_LABELS_VIEW, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "stock-changed", G_CALLBACK (reload), self);
  reload (self);
  return GTK_WIDGET (self);
}

/* --- For tests ------------------------------------------------------------- */

gboolean
_pd_labels_view_is_loading (PdLabelsView *self)
{
  return self->loading;
}

guint
_pd_labels_view_get_n_shown (PdLabelsView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

void
_pd_labels_view_set_search (PdLabelsView *self,
                            const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  refilter (self);
}

gboolean
_pd_labels_view_choose (PdLabelsView *self,
                        PdLabelKind   kind,
                        const char   *title,
                        gboolean      chosen)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row->label->kind == kind && g_strcmp0 (row->label->title, title) == 0)
        {
          pd_label_row_set_chosen (row, chosen);
          return TRUE;
        }
    }
  return FALSE;
}

void
_pd_labels_view_set_layout (PdLabelsView  *self,
                            PdLabelLayout  layout)
{
  gtk_drop_down_set_selected (self->layout_dropdown, layout == PD_LABEL_LAYOUT_SHEET ? 1 : 0);
}

void
_pd_labels_view_set_copies (PdLabelsView *self,
                            guint         copies)
{
  gtk_spin_button_set_value (self->copies_spin, copies);
}

GPtrArray *
_pd_labels_view_get_labels (PdLabelsView *self)
{
  return self->labels;
}

guint
_pd_labels_view_get_n_pages (PdLabelsView *self)
{
  return get_n_pages (self);
}

guint
_pd_labels_view_get_n_previews (PdLabelsView *self)
{
  return self->n_previews;
}

GtkWidget *
_pd_labels_view_get_preview (PdLabelsView *self)
{
  return GTK_WIDGET (self->preview_area);
}

gboolean
_pd_labels_view_is_saving (PdLabelsView *self)
{
  return self->n_saving > 0;
}
