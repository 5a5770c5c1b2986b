/* pd-tag-alarms-dialog.h — the alarms of one tag, for those who configure
 * alarms but not tags
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "devices/pd-tag-alarm-rows.h"

G_BEGIN_DECLS

#define PD_TYPE_TAG_ALARMS_DIALOG (pd_tag_alarms_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdTagAlarmsDialog, pd_tag_alarms_dialog, PD, TAG_ALARMS_DIALOG, AdwWindow)

/* The limit alarms of a numeric TAG or the digital alarm of a bool one,
 * read from STORE. Editable when USER may configure alarms; Save stays
 * insensitive while the rows break a rule of the core. Emits "saved"
 * (gint64 tag id) and closes after saving. */
PdTagAlarmsDialog *pd_tag_alarms_dialog_new (PdStore        *store,
                                             PdUser         *user,
                                             const PdDevice *device,
                                             const PdTag    *tag);

/* For the GUI tests. */
PdTagAlarmRows *_pd_tag_alarms_dialog_get_rows    (PdTagAlarmsDialog *self);
gboolean        _pd_tag_alarms_dialog_can_save    (PdTagAlarmsDialog *self);
void            _pd_tag_alarms_dialog_save        (PdTagAlarmsDialog *self);
/* The message above the rows (a failed save), or NULL. */
const char     *_pd_tag_alarms_dialog_get_message (PdTagAlarmsDialog *self);

G_END_DECLS
