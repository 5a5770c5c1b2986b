/* pd-accessibility.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* libadwaita 1.2 leaves the show-password button inside AdwPasswordEntryRow
 * without a name; screen readers then announce an unnamed button. This
 * names that button in every password row below ROOT. */
void pd_accessibility_name_password_toggles (GtkWidget *root);

G_END_DECLS
