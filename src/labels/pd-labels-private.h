/* pd-labels-private.h — what the labels and the traveler share: Pango
 * layouts that break alike everywhere, writing a PDF, in a thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A layout of Sans at SIZE points (bold or not) with metrics that do not
 * depend on the device, so that the preview, the PDF and the printer
 * break and ellipsize the same text alike. */
PangoLayout     *_pd_labels_new_layout   (cairo_t     *cr,
                                          double       size,
                                          gboolean     bold);

/* A PDF surface of WIDTH × HEIGHT points at PATH, made by Plantdesk. */
cairo_surface_t *_pd_labels_pdf_new      (const char  *path,
                                          double       width,
                                          double       height);
/* Destroys CR, finishes and destroys SURFACE; FALSE and ERROR ("Could not
 * write PATH: …") when cairo could not write it. */
gboolean         _pd_labels_pdf_finish   (cairo_surface_t *surface,
                                          cairo_t     *cr,
                                          const char  *path,
                                          GError     **error);

/* Writes DATA to a PDF at a path. */
typedef gboolean (*PdLabelsWriteFunc)    (const char  *path,
                                          gpointer     data,
                                          GError     **error);

/* Runs WRITE (FILE's path, DATA) in a thread; DATA is freed with
 * DATA_FREE. A FILE without a local path: NOT_LOCAL as a PD_ERROR_INVALID.
 * The result is a boolean of a GTask with SOURCE_TAG. */
void             _pd_labels_write_async  (GFile               *file,
                                          PdLabelsWriteFunc    write,
                                          gpointer             data,
                                          GDestroyNotify       data_free,
                                          const char          *not_local,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

G_END_DECLS
