/* pd-account-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "account/pd-account-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_account_page_get_current_entry  (PdAccountPage *self);
GtkEditable *_pd_account_page_get_password_entry (PdAccountPage *self);
GtkEditable *_pd_account_page_get_confirm_entry  (PdAccountPage *self);
/* Does what the Change Password button does. */
void         _pd_account_page_submit             (PdAccountPage *self);
/* The message shown under the entries, or NULL. */
const char  *_pd_account_page_get_message        (PdAccountPage *self);
gboolean     _pd_account_page_get_busy           (PdAccountPage *self);

G_END_DECLS
