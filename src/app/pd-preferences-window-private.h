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
/* The terminal's work center: "Choose at the terminal", then the work
 * centers by code, once read. */
AdwComboRow *_pd_preferences_window_get_terminal_row (PdPreferencesWindow *self);
gboolean     _pd_preferences_window_is_terminal_loaded (PdPreferencesWindow *self);

G_END_DECLS
