/* pd-setup-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-setup-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_setup_page_get_station_entry  (PdSetupPage *self);
GtkEditable *_pd_setup_page_get_name_entry     (PdSetupPage *self);
GtkEditable *_pd_setup_page_get_password_entry (PdSetupPage *self);
GtkEditable *_pd_setup_page_get_confirm_entry  (PdSetupPage *self);
/* Does what the Create button does. */
void         _pd_setup_page_submit             (PdSetupPage *self);
/* The message shown under the entries, or NULL. */
const char  *_pd_setup_page_get_message        (PdSetupPage *self);

G_END_DECLS
