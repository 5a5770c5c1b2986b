/* pd-tag-csv.h — tag lists as CSV with the optional alarm columns
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store-devices.h"

G_BEGIN_DECLS

/* The optional alarm columns of a tag CSV, after the tag's own:
 *
 *   alarm_hihi, alarm_hi, alarm_lo, alarm_lolo   the limits; empty: none
 *   alarm_priority      empty: HH urgent, H high, L high, LL urgent; one
 *                       priority for every limit; or four separated by
 *                       "/" for HH/H/L/LL ("urgent/high//")
 *   alarm_deadband, alarm_on_delay_ms, alarm_off_delay_ms
 *                       shared by the limits of the tag; empty: 0
 *
 * Bool tags have no limits (their digital alarms are set in the tag
 * dialog or with plantdesk-ctl). */

/* As pd_tags_parse_csv(); when the header names any alarm column, *ALARMS
 * is a GPtrArray beside the tags, each entry a GPtrArray of the line's
 * PdAlarmDef (HIHI … LOLO; tag_id and device_id 0; empty: no limits), and
 * each line's limits are checked like the store does (order, deadband,
 * delays): "Line 4: HH (50) must be above H (80)." Otherwise *ALARMS is
 * NULL. */
GPtrArray *pd_tags_parse_csv_with_alarms   (const char  *text,
                                            gssize       length,
                                            GPtrArray  **alarms,
                                            GError     **error);
/* As pd_tags_to_csv(), with the alarm columns when any of DEFS (PdAlarmDef
 * as pd_store_list_alarm_defs() returns them) is a limit of one of TAGS. */
char      *pd_tags_to_csv_with_alarms      (GPtrArray   *tags,
                                            GPtrArray   *defs);
/* pd_store_import_tags(), then, when ALARMS is not NULL, the limits of
 * each tag as the file states them: added, changed, or removed where the
 * file has none. An actor who may not configure alarms is refused before
 * anything is written. The alarms are written after the tags, a write per
 * tag whose alarms change. */
gboolean   pd_store_import_tags_with_alarms (PdStore    *self,
                                            PdUser      *actor,
                                            gint64       device_id,
                                            GPtrArray   *tags,
                                            GPtrArray   *alarms,
                                            guint       *n_added,
                                            guint       *n_updated,
                                            GError     **error);

G_END_DECLS
