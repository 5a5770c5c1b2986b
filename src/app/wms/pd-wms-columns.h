/* pd-wms-columns.h — text columns for the warehouse's long lists
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The text of one cell of a PdWmsRow's DATA, newly allocated (or NULL);
 * *CSS_CLASS may be set to "error" or "warning" for an abnormal value. */
typedef char *(*PdWmsCellText) (gpointer     data,
                                const char **css_class);

/* Appends a column of GtkInscription cells made in code (a list of a
 * hundred thousand rows builds only the cells shown). */
GtkColumnViewColumn *pd_wms_add_column (GtkColumnView *view,
                                        const char    *title,
                                        PdWmsCellText  text,
                                        gboolean       expand,
                                        gboolean       numeric);

/* "12.5 kg": a quantity and its unit for people. */
char                *pd_wms_format_qty (gint64         qty,
                                        const char    *unit);

/* Opens a save dialog for a CSV file named SUGGESTED_NAME and calls
 * CALLBACK with the chosen file (not called when cancelled). */
typedef void (*PdWmsSaveFunc) (GtkWidget *widget,
                               GFile     *file);
void                 pd_wms_choose_csv (GtkWidget     *widget,
                                        const char    *title,
                                        const char    *suggested_name,
                                        PdWmsSaveFunc  callback);

G_END_DECLS
