/* pd-devices-format.h — how devices and values read on screen
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* VALUE of TAG with its unit and a precision that suits the tag: whole
 * numbers for unscaled integers, the scale's decimals otherwise; booleans
 * as On / Off. */
char       *pd_format_tag_value        (const PdTag   *tag,
                                        double         value);
/* The same without the unit, as typed back into an entry. */
char       *pd_format_tag_value_plain  (const PdTag   *tag,
                                        double         value);
/* "2 s", "5 min", "3 h", "4 d"; "—" for TS 0. */
char       *pd_format_age              (gint64         now,
                                        gint64         ts);
/* When the periodic inspection is due, relative to NOW (µs since the
 * epoch): "Due today", "Due tomorrow", "Due 1 Dec", or "Overdue" once DUE
 * has passed; NULL for DUE 0 (no plan). VALID_UNTIL, if not NULL, is set
 * to when the text may next change (G_MAXINT64: only with DUE). */
char       *pd_format_inspection_due   (gint64         now,
                                        gint64         due,
                                        gint64        *valid_until);
const char *pd_device_state_get_label  (PdDeviceState  state);
const char *pd_device_state_get_icon   (PdDeviceState  state);
const char *pd_quality_get_label       (PdQuality      quality);
const char *pd_quality_get_icon        (PdQuality      quality);
const char *pd_tag_type_get_label      (PdTagType      type);
/* Parses TEXT as a value for TAG (a number, or on/off/true/false/1/0 for
 * booleans); a translated reason in ERROR. */
gboolean    pd_parse_tag_value         (const PdTag   *tag,
                                        const char    *text,
                                        double        *value,
                                        GError       **error);

G_END_DECLS
