/* pd-alarm-view-utils.h — the reads of the alarm history and performance
 * views: one at a time, gathered after changes of the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*PdAlarmViewReloadFunc) (gpointer view);

/* Kept inside a view (not allocated apart): the read under way and the
 * pending one. A newer read replaces an older one, whose result is then
 * dropped; changes of the store during a read bring one more read after
 * it rather than cancelling it, so that a flood still shows something. */
typedef struct
{
  GtkWidget             *view;         /* not owned: the view holds this */
  PdAlarmViewReloadFunc  reload;
  guint                  delay_ms;     /* after a change, before reading again */
  GCancellable          *cancellable;  /* of the current read */
  guint                  serial;       /* of the current read */
  guint                  n_reads;      /* completed, for the tests */
  guint                  reload_id;
  gboolean               loading;
  gboolean               stale;        /* the store changed during the read */
} PdAlarmViewReads;

void     pd_alarm_view_reads_init    (PdAlarmViewReads      *reads,
                                      GtkWidget             *view,
                                      guint                  delay_ms,
                                      PdAlarmViewReloadFunc  reload);
/* Starts a read, cancelling the one under way: pass reads->cancellable to
 * it and the returned data as its callback's user data. */
gpointer pd_alarm_view_reads_start   (PdAlarmViewReads      *reads);
/* In the read's callback, with its user data: sets *VIEW to the view (a
 * reference the caller owns) and returns FALSE when a newer read (or the
 * view's end) replaced this one and its result is to be dropped. */
gboolean pd_alarm_view_reads_finish  (gpointer               data,
                                      gpointer              *view);
/* For the store's "alarms-changed": a mapped view reads again after the
 * delay, or after the read under way. A hidden one reads when shown. */
void     pd_alarm_view_reads_changed (PdAlarmViewReads      *reads);
/* From the view's dispose: no read is scheduled, none is taken in. */
void     pd_alarm_view_reads_dispose (PdAlarmViewReads      *reads);

G_END_DECLS
