/* pd-scan-view.h — receive, issue and transfer by barcode scanner
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_SCAN_VIEW (pd_scan_view_get_type ())

G_DECLARE_FINAL_TYPE (PdScanView, pd_scan_view, PD, SCAN_VIEW, GtkBox)

typedef enum
{
  PD_SCAN_MODE_RECEIVE,
  PD_SCAN_MODE_ISSUE,
  PD_SCAN_MODE_TRANSFER,
} PdScanMode;

/* A USB scanner types the code and Enter into the one entry, which keeps
 * the focus: a location code sets the location (from, to, or from then to
 * for a transfer), an item code the item (then the next scan is its lot
 * when it is lot-tracked), and Enter on an empty entry posts the move
 * with the quantity entered (1 unless changed). Each Enter queues the
 * entry's text at once, so no scan is lost however fast they come; the
 * moves are written by a PdStoreWorker in the order confirmed, and each
 * answer comes when its move is written. */
GtkWidget  *pd_scan_view_new               (PdStore    *store,
                                            PdUser     *user);

void        pd_scan_view_set_mode          (PdScanView *self,
                                            PdScanMode  mode);

/* For tests. */
GtkEntry   *_pd_scan_view_get_entry        (PdScanView *self);
GtkEntry   *_pd_scan_view_get_qty_entry    (PdScanView *self);
/* The last answer, and whether it was a success. */
const char *_pd_scan_view_get_message      (PdScanView *self,
                                            gboolean   *ok);
guint       _pd_scan_view_get_n_posted     (PdScanView *self);
/* Confirmed scans the worker has not answered yet. */
guint       _pd_scan_view_get_n_pending    (PdScanView *self);

G_END_DECLS
