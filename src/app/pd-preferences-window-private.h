/* pd-preferences-window-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-preferences-window.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_preferences_window_get_station_entry (PdPreferencesWindow *self);
/* Does what the apply button of the station name does. */
void         _pd_preferences_window_apply_station     (PdPreferencesWindow *self);
gboolean     _pd_preferences_window_can_edit_station  (PdPreferencesWindow *self);
GtkSwitch   *_pd_preferences_window_get_scan_sound_switch (PdPreferencesWindow *self);

G_END_DECLS
