/* pd-login-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-login-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_login_page_get_name_entry     (PdLoginPage *self);
GtkEditable *_pd_login_page_get_password_entry (PdLoginPage *self);
/* Does what Enter in the password entry does. */
void         _pd_login_page_submit             (PdLoginPage *self);
/* The message shown under the entries, or NULL. */
const char  *_pd_login_page_get_message        (PdLoginPage *self);
gboolean     _pd_login_page_get_busy           (PdLoginPage *self);
/* Whether the Sign In button is sensitive. */
gboolean     _pd_login_page_get_can_sign_in    (PdLoginPage *self);
/* Whether the spinner of the Sign In button shows and spins. */
gboolean     _pd_login_page_get_spinning       (PdLoginPage *self);
/* The number of demo users listed. */
guint        _pd_login_page_get_n_demo_users   (PdLoginPage *self);

G_END_DECLS
