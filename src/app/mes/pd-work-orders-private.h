/* pd-work-orders-private.h — what the GUI tests see of the work order views
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mes/pd-work-order-detail.h"
#include "mes/pd-work-order-dialog.h"
#include "mes/pd-work-orders-view.h"
#include "pd-work-order.h"

G_BEGIN_DECLS

/* The detail. BUTTON: "release", "issue", "cancel", "close", "print",
 * "pdf". */
gboolean      _pd_work_order_detail_is_busy      (PdWorkOrderDetail *self);
GtkWidget    *_pd_work_order_detail_get_button   (PdWorkOrderDetail *self,
                                                  const char        *button);
/* The loaded order's status, or -1. */
int           _pd_work_order_detail_get_status   (PdWorkOrderDetail *self);
const char   *_pd_work_order_detail_get_error    (PdWorkOrderDetail *self);
/* The last confirmation or refusal window, while it is open. */
GtkWidget    *_pd_work_order_detail_get_dialog   (PdWorkOrderDetail *self);
guint         _pd_work_order_detail_get_n_rows   (PdWorkOrderDetail *self,
                                                  const char        *table);
char         *_pd_work_order_detail_dup_cell     (PdWorkOrderDetail *self,
                                                  const char        *table,
                                                  guint              row,
                                                  guint              column);
/* Runs ACTION (release, issue, cancel, close) without asking. */
void          _pd_work_order_detail_run_action   (PdWorkOrderDetail *self,
                                                  PdWoAction         action);
void          _pd_work_order_detail_save_pdf     (PdWorkOrderDetail *self,
                                                  GFile             *file);
/* Prints through GtkPrintOperation, exported to the PDF PATH. */
GtkPrintOperationResult _pd_work_order_detail_print_to (PdWorkOrderDetail *self,
                                                        const char        *path,
                                                        int               *n_pages);

/* The view. */
gboolean      _pd_work_orders_view_is_loading    (PdWorkOrdersView  *self);
guint         _pd_work_orders_view_get_n_shown   (PdWorkOrdersView  *self);
const char   *_pd_work_orders_view_get_number    (PdWorkOrdersView  *self,
                                                  guint              i);
char         *_pd_work_orders_view_dup_cell      (PdWorkOrdersView  *self,
                                                  guint              i,
                                                  guint              column);
void          _pd_work_orders_view_set_search    (PdWorkOrdersView  *self,
                                                  const char        *text);
/* STATUS -1: all. */
void          _pd_work_orders_view_set_status_filter (PdWorkOrdersView *self,
                                                      int               status);
/* 0 due, 1 priority, 2 number, 3 planned end. */
void          _pd_work_orders_view_set_sort      (PdWorkOrdersView  *self,
                                                  guint              sort);
gboolean      _pd_work_orders_view_select        (PdWorkOrdersView  *self,
                                                  const char        *number);
PdWorkOrderDetail *_pd_work_orders_view_get_detail (PdWorkOrdersView *self);
GtkWidget    *_pd_work_orders_view_get_new_button (PdWorkOrdersView *self);
GtkWidget    *_pd_work_orders_view_get_schedule_button (PdWorkOrdersView *self);
/* The New Work Order dialog while it is open. */
PdWorkOrderDialog *_pd_work_orders_view_get_dialog (PdWorkOrdersView *self);
guint         _pd_work_orders_view_get_n_pending (PdWorkOrdersView  *self);

G_END_DECLS
