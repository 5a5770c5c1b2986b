/* pd-tag-alarm-rows.h — the alarm rows of one tag, in the tag dialog and
 * the supervisors' alarms dialog
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "pd-store-alarms.h"

G_BEGIN_DECLS

#define PD_TYPE_TAG_ALARM_ROWS (pd_tag_alarm_rows_get_type ())

G_DECLARE_FINAL_TYPE (PdTagAlarmRows, pd_tag_alarm_rows, PD, TAG_ALARM_ROWS, GObject)

/* Adds to GROUP the rows of a numeric tag's limit alarms (HH, H, L, LL,
 * each ticked on or off with its limit and priority) and of a bool tag's
 * digital alarm, and the rows both share (deadband, delays, latching).
 * Emits "changed" on every change a person makes. The owner keeps the
 * object as long as GROUP. */
PdTagAlarmRows *pd_tag_alarm_rows_new          (AdwPreferencesGroup *group);
/* Shows the digital alarm (a bool tag) or the limits. */
void            pd_tag_alarm_rows_set_digital  (PdTagAlarmRows      *self,
                                                gboolean             digital);
/* Fills the rows from the tag's live definitions (PdAlarmDef), which
 * are what saving replaces or removes. */
void            pd_tag_alarm_rows_load         (PdTagAlarmRows      *self,
                                                GPtrArray           *defs);
/* Reads the definitions of a tag from STORE and loads them; a tag not
 * stored yet (id 0) has none. */
gboolean        pd_tag_alarm_rows_load_from_store (PdTagAlarmRows   *self,
                                                PdStore             *store,
                                                gint64               tag_id,
                                                GError             **error);
void            pd_tag_alarm_rows_set_editable (PdTagAlarmRows      *self,
                                                gboolean             editable);
/* Checks the rows with the core's rules for TAG (its id may still be 0),
 * marks a row whose limit is out of order with the reason, and shows any
 * other reason below the rows. */
gboolean        pd_tag_alarm_rows_check        (PdTagAlarmRows      *self,
                                                const PdTag         *tag,
                                                GError             **error);
/* Whether saving would change anything. */
gboolean        pd_tag_alarm_rows_get_dirty    (PdTagAlarmRows      *self);
/* Removes the loaded definitions no longer ticked, then saves the ticked
 * ones with pd_store_save_tag_alarms(): two writes at most. TAG must be
 * stored. Nothing is written when nothing changed. */
gboolean        pd_tag_alarm_rows_save         (PdTagAlarmRows      *self,
                                                PdStore             *store,
                                                PdUser              *user,
                                                const PdTag         *tag,
                                                GError             **error);

/* For the GUI tests. */
void            _pd_tag_alarm_rows_set_limit   (PdTagAlarmRows      *self,
                                                PdAlarmCondition     condition,
                                                gboolean             enabled,
                                                double               limit);
/* The reason shown on a limit's row, or NULL. */
const char     *_pd_tag_alarm_rows_get_row_error (PdTagAlarmRows    *self,
                                                PdAlarmCondition     condition);
PdAlarmPriority _pd_tag_alarm_rows_get_priority (PdTagAlarmRows     *self,
                                                PdAlarmCondition     condition);
void            _pd_tag_alarm_rows_set_digital_alarm (PdTagAlarmRows *self,
                                                gboolean             enabled,
                                                gboolean             when,
                                                const char          *message);
gboolean        _pd_tag_alarm_rows_is_editable (PdTagAlarmRows      *self);

G_END_DECLS
