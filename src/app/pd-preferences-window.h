/* pd-preferences-window.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_PREFERENCES_WINDOW (pd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, PD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* STORE and USER may be NULL (nobody signed in, or no database); the
 * station name is then shown but cannot be changed. */
PdPreferencesWindow *pd_preferences_window_new (PdStore *store,
                                                PdUser  *user);

G_END_DECLS
