/* pd-work-centers-view.h — the work centers: their lines, kinds,
 * capacities, shifts and counter tags, added and edited by supervisors
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "pd-mes.h"
#include "mes/pd-work-center-dialog.h"

G_BEGIN_DECLS

#define PD_TYPE_WORK_CENTERS_VIEW (pd_work_centers_view_get_type ())

G_DECLARE_FINAL_TYPE (PdWorkCentersView, pd_work_centers_view, PD, WORK_CENTERS_VIEW, GtkBox)

/* Reads the work centers in a worker, again after "mes-master-changed"
 * (coalesced, keeping the selection). USER adds and edits them when a
 * role allows it (PD_PERMISSION_MES_MASTER); others only read the list. */
GtkWidget *pd_work_centers_view_new (PdStore *store,
                                     PdUser  *user);

/* For tests. */
gboolean            _pd_work_centers_view_is_busy   (PdWorkCentersView *self);
guint               _pd_work_centers_view_get_n_rows (PdWorkCentersView *self);
const PdWorkCenter *_pd_work_centers_view_get_row   (PdWorkCentersView *self,
                                                     guint              i);
/* The text of row I's column COLUMN (0 code … 6 tags). */
char               *_pd_work_centers_view_get_cell  (PdWorkCentersView *self,
                                                     guint              i,
                                                     guint              column);
gboolean            _pd_work_centers_view_can_edit  (PdWorkCentersView *self);
void                _pd_work_centers_view_select    (PdWorkCentersView *self,
                                                     guint              i);
/* Opens the dialog for row I, or for a new one when I is G_MAXUINT. */
PdWorkCenterDialog *_pd_work_centers_view_open_dialog (PdWorkCentersView *self,
                                                     guint              i);

G_END_DECLS
