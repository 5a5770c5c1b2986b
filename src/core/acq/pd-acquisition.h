/* pd-acquisition.h — the station's acquisition: store, engine, historian
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-alarm-engine.h"
#include "pd-engine.h"
#include "pd-historian.h"
#include "pd-machine-counts.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_ACQUISITION (pd_acquisition_get_type ())

G_DECLARE_FINAL_TYPE (PdAcquisition, pd_acquisition, PD, ACQUISITION, GObject)

/* Used on the store's thread. Reads devices and tags from STORE and polls
 * them with an engine; keeps tags with history on in HISTORIAN (may be
 * NULL); follows the store's "devices-changed". Keeps the latest value of
 * every tag and the status of every device for the UI, updated at most ten
 * times a second.
 *
 * Signals (on the store's thread):
 *   "values-changed" (gpointer tag_ids, guint n)  const gint64 *, the tags
 *                                                 whose value changed
 *   "device-changed" (gint64 device_id)           a device's state changed
 */
PdAcquisition  *pd_acquisition_new               (PdStore        *store,
                                                  PdHistorian    *historian);
void            pd_acquisition_start             (PdAcquisition  *self);
void            pd_acquisition_stop              (PdAcquisition  *self);
PdStore        *pd_acquisition_get_store         (PdAcquisition  *self);
PdEngine       *pd_acquisition_get_engine        (PdAcquisition  *self);
PdHistorian    *pd_acquisition_get_historian     (PdAcquisition  *self);
/* Gives an acquisition made without a historian its historian, once it
 * is open (pd_historian_open_async); values from then on are recorded. */
void            pd_acquisition_set_historian     (PdAcquisition  *self,
                                                  PdHistorian    *historian);
/* Attaches ALARMS (started or starting) to the acquisition's engine, and
 * has it reload on the store's "alarms-changed" and "devices-changed"; NULL
 * detaches the one set before. */
void            pd_acquisition_set_alarm_engine  (PdAcquisition  *self,
                                                  PdAlarmEngine  *alarms);
PdAlarmEngine  *pd_acquisition_get_alarm_engine  (PdAcquisition  *self);
/* Attaches COUNTS (started) to the acquisition's engine, and has it reload
 * on the store's "mes-master-changed" and "devices-changed"; NULL detaches
 * the one set before. */
void            pd_acquisition_set_machine_counts (PdAcquisition  *self,
                                                  PdMachineCounts *counts);
PdMachineCounts *pd_acquisition_get_machine_counts (PdAcquisition *self);
/* The latest value of TAG_ID; FALSE when none was read yet. */
gboolean        pd_acquisition_lookup_value      (PdAcquisition  *self,
                                                  gint64          tag_id,
                                                  PdSample       *sample);
/* NULL for a device that is not polled. */
PdDeviceStatus *pd_acquisition_dup_status        (PdAcquisition  *self,
                                                  gint64          device_id);

/* Checks that the tag is writable and ACTOR holds PD_PERMISSION_TAGS_WRITE
 * (a refusal is audited), writes through the engine, and audits the
 * outcome ("tag.write") through the store's write path. */
void            pd_acquisition_write_value_async (PdAcquisition  *self,
                                                  PdUser         *actor,
                                                  gint64          tag_id,
                                                  double          value,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        pd_acquisition_write_value_finish (PdAcquisition *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS
