/* pd-alarm-view-utils.c — the reads of the alarm history and performance
 * views: one at a time, gathered after changes of the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-view-utils"

#include "config.h"

#include <string.h>

#include "alarms/pd-alarm-view-utils.h"

typedef struct
{
  GtkWidget        *view;    /* owned */
  PdAlarmViewReads *reads;   /* inside VIEW */
  guint             serial;
} ReadData;

void
pd_alarm_view_reads_init (PdAlarmViewReads      *reads,
                          GtkWidget             *view,
                          guint                  delay_ms,
                          PdAlarmViewReloadFunc  reload)
{
  memset (reads, 0, sizeof *reads);
  reads->view = view;
  reads->delay_ms = delay_ms;
  reads->reload = reload;
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  PdAlarmViewReads *reads = user_data;

  reads->reload_id = 0;
  reads->reload (reads->view);

  return G_SOURCE_REMOVE;
}

static void
schedule (PdAlarmViewReads *reads)
{
  reads->reload_id = g_timeout_add (reads->delay_ms, reload_timeout_cb, reads);
}

gpointer
pd_alarm_view_reads_start (PdAlarmViewReads *reads)
{
  ReadData *data;

  g_cancellable_cancel (reads->cancellable);
  g_clear_object (&reads->cancellable);
  reads->cancellable = g_cancellable_new ();
  reads->serial++;
  reads->loading = TRUE;
  reads->stale = FALSE;

  data = g_new0 (ReadData, 1);
  data->view = g_object_ref (reads->view);
  data->reads = reads;
  data->serial = reads->serial;

  return data;
}

gboolean
pd_alarm_view_reads_finish (gpointer  user_data,
                            gpointer *view)
{
  ReadData *data = user_data;
  PdAlarmViewReads *reads = data->reads;
  guint serial = data->serial;

  *view = data->view;
  g_free (data);

  /* A newer read (or the view's end) replaced this one. */
  if (serial != reads->serial)
    return FALSE;

  reads->loading = FALSE;
  reads->n_reads++;

  if (reads->stale && reads->reload_id == 0)
    schedule (reads);
  reads->stale = FALSE;

  return TRUE;
}

void
pd_alarm_view_reads_changed (PdAlarmViewReads *reads)
{
  /* A hidden view reads again when it is shown. */
  if (!gtk_widget_get_mapped (reads->view) || reads->reload_id != 0)
    return;

  /* During a flood a read may take longer than the changes take to come:
   * cancelling it for each would never show anything. Let it finish and
   * read again after it. */
  if (reads->loading)
    {
      reads->stale = TRUE;
      return;
    }

  schedule (reads);
}

void
pd_alarm_view_reads_dispose (PdAlarmViewReads *reads)
{
  /* A read still under way finds a newer serial and leaves the view. */
  reads->serial++;
  g_cancellable_cancel (reads->cancellable);
  g_clear_object (&reads->cancellable);
  g_clear_handle_id (&reads->reload_id, g_source_remove);
}
