/* pd-labels-common.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-labels"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-labels-private.h"

PangoLayout *
_pd_labels_new_layout (cairo_t  *cr,
                       double    size,
                       gboolean  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

cairo_surface_t *
_pd_labels_pdf_new (const char *path,
                    double      width,
                    double      height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Plantdesk");
  return surface;
}

gboolean
_pd_labels_pdf_finish (cairo_surface_t  *surface,
                       cairo_t          *cr,
                       const char       *path,
                       GError          **error)
{
  cairo_status_t status;

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      /* TRANSLATORS: a file name, then cairo's reason. */
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED, _("Could not write %s: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char              *path;
  PdLabelsWriteFunc  write;
  gpointer           data;
  GDestroyNotify     data_free;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->write (job->path, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_pd_labels_write_async (GFile               *file,
                        PdLabelsWriteFunc    write,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        const char          *not_local,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteJob *job = g_new0 (WriteJob, 1);

  g_task_set_source_tag (task, source_tag);
  job->path = g_file_get_path (file);
  job->write = write;
  job->data = data;
  job->data_free = data_free;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);

  if (job->path == NULL)
    {
      g_task_return_new_error (task, PD_ERROR, PD_ERROR_INVALID, "%s", not_local);
      return;
    }
  g_task_run_in_thread (task, write_thread);
}
