/* pd-form-rows.h — rows of the device and tag forms
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Each adds a row titled TITLE (translated by the caller) to GROUP and
 * gives its control TITLE as accessible name; CHANGED is connected
 * swapped to DATA for every change. */
GtkEditable   *pd_form_add_entry_row  (AdwPreferencesGroup *group,
                                       const char          *title,
                                       GCallback            changed,
                                       gpointer             data);
/* Ranges wider than the valid ones on purpose: the core's validation,
 * not the spin button, says what is wrong with a value. */
GtkSpinButton *pd_form_add_spin_row   (AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char          *subtitle,
                                       double               min,
                                       double               max,
                                       double               step,
                                       guint                digits,
                                       GCallback            changed,
                                       gpointer             data);
GtkSwitch     *pd_form_add_switch_row (AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char          *subtitle,
                                       GCallback            changed,
                                       gpointer             data);
/* ITEMS: NULL-terminated, already translated. */
AdwComboRow   *pd_form_add_combo_row  (AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char * const  *items,
                                       GCallback            changed,
                                       gpointer             data);

G_END_DECLS
