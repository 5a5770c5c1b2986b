/* pd-work-center-dialog.h — a work center with its shifts, exceptions,
 * counter tags and locations, added or edited
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "pd-store-worker.h"

G_BEGIN_DECLS

#define PD_TYPE_WORK_CENTER_DIALOG (pd_work_center_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdWorkCenterDialog, pd_work_center_dialog, PD, WORK_CENTER_DIALOG, AdwWindow)

/* Every field of a work center: code (fixed once stored), name, line,
 * kind, capacity, shifts as rows of days, start, end and breaks (each
 * parsed by pd_shift_parse() as it is typed, its message under the row),
 * dated exceptions, the counter tags chosen from the devices' tags, the
 * locations from the warehouse, and the next 7 days' working time. WC
 * NULL: a new one. "Save" writes through WORKER; a refusal shows the
 * core's message in the dialog and keeps everything typed; success closes
 * it. */
PdWorkCenterDialog *pd_work_center_dialog_new (GtkWindow          *parent,
                                               PdStoreWorker      *worker,
                                               PdUser             *user,
                                               const PdWorkCenter *wc);

/* For tests. Fields: "code", "name", "line", "kind", "capacity";
 * choices: "good-tag", "scrap-tag", "running-tag", "from-location",
 * "to-location" (NULL: none; FALSE when not offered). */
void        _pd_work_center_dialog_set_field     (PdWorkCenterDialog *self,
                                                  const char         *name,
                                                  const char         *text);
gboolean    _pd_work_center_dialog_choose        (PdWorkCenterDialog *self,
                                                  const char         *name,
                                                  const char         *value);
/* The values offered for NAME (without "none"), once read. */
GStrv       _pd_work_center_dialog_get_choices   (PdWorkCenterDialog *self,
                                                  const char         *name);
/* A shift row; DAYS as pd_shift_parse() reads them ("mon-fri"), BREAKS
 * "10:00-10:15 12:00-12:30" or NULL. Returns its index. */
guint       _pd_work_center_dialog_add_shift     (PdWorkCenterDialog *self,
                                                  const char         *days,
                                                  const char         *start,
                                                  const char         *end,
                                                  const char         *breaks);
void        _pd_work_center_dialog_remove_shift  (PdWorkCenterDialog *self,
                                                  guint               i);
guint       _pd_work_center_dialog_get_n_shifts  (PdWorkCenterDialog *self);
/* The message under shift row I, or NULL. */
const char *_pd_work_center_dialog_get_shift_error (PdWorkCenterDialog *self,
                                                  guint               i);
guint       _pd_work_center_dialog_add_exception (PdWorkCenterDialog *self,
                                                  const char         *date,
                                                  gboolean            closed,
                                                  const char         *from,
                                                  const char         *to,
                                                  const char         *reason);
void        _pd_work_center_dialog_set_exception_date (PdWorkCenterDialog *self,
                                                  guint               i,
                                                  const char         *date);
const char *_pd_work_center_dialog_get_exception_error (PdWorkCenterDialog *self,
                                                  guint               i);
/* The working time of the 7 days of the preview, in µs, or -1 when the
 * shifts do not make a calendar. */
gint64      _pd_work_center_dialog_get_preview_us (PdWorkCenterDialog *self);
const char *_pd_work_center_dialog_get_preview_text (PdWorkCenterDialog *self);
void        _pd_work_center_dialog_save          (PdWorkCenterDialog *self);
const char *_pd_work_center_dialog_get_error     (PdWorkCenterDialog *self);
gboolean    _pd_work_center_dialog_is_busy       (PdWorkCenterDialog *self);
/* Whether the tags and locations to choose from have been read. */
gboolean    _pd_work_center_dialog_is_loaded     (PdWorkCenterDialog *self);

G_END_DECLS
