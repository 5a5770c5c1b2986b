/* pd-wms-columns.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-wms-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-qty.h"
#include "wms/pd-wms-columns.h"
#include "wms/pd-wms-row.h"

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pd-numeric"));

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), numeric ? 10 : 12);
  /* A code broken over two lines ("BLT-" / "M8X30") reads as two codes: a
   * narrow pane scrolls sideways instead, and what still does not fit ends
   * in "…". */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), numeric ? 6 : 8);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* One line high in a tall (touch) row, or it fills the row with wrapped lines. */
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  PdWmsCellText text = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  PdWmsRow *row = gtk_list_item_get_item (item);
  const char *css_class = NULL;
  g_autofree char *value = text (pd_wms_row_get_data (row), &css_class);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), value);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
}

GtkColumnViewColumn *
pd_wms_add_column (GtkColumnView *view,
                   const char    *title,
                   PdWmsCellText  text,
                   gboolean       expand,
                   gboolean       numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "pd-numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), text);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

char *
pd_wms_format_qty (gint64      qty,
                   const char *unit)
{
  g_autofree char *number = pd_qty_format (qty);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  /* TRANSLATORS: a quantity and its unit, e.g. "12.5 kg" */
  return g_strdup_printf (_("%s %s"), number, unit);
}

typedef struct
{
  GtkWidget     *widget;
  PdWmsSaveFunc  callback;
} SaveData;

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        data->callback (data->widget, file);
    }

  g_object_unref (data->widget);
  g_free (data);
  g_object_unref (dialog);
}

void
pd_wms_choose_csv (GtkWidget     *widget,
                   const char    *title,
                   const char    *suggested_name,
                   PdWmsSaveFunc  callback)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  SaveData *data;

  dialog = gtk_file_chooser_native_new (title,
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  data = g_new0 (SaveData, 1);
  data->widget = g_object_ref (widget);
  data->callback = callback;
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
