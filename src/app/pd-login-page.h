/* pd-login-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_LOGIN_PAGE (pd_login_page_get_type ())

G_DECLARE_FINAL_TYPE (PdLoginPage, pd_login_page, PD, LOGIN_PAGE, AdwBin)

/* Emits "signed-in" (PdUser *user) once the password has been checked. */
void     pd_login_page_set_store      (PdLoginPage        *self,
                                       PdStore            *store);
PdStore *pd_login_page_get_store      (PdLoginPage        *self);
/* Clears the password and the message; fills in USER_NAME (may be NULL). */
void     pd_login_page_reset          (PdLoginPage        *self,
                                       const char         *user_name);
/* Focuses the first entry left to fill. */
void     pd_login_page_focus          (PdLoginPage        *self);
void     pd_login_page_set_demo_users (PdLoginPage        *self,
                                       const char * const *names,
                                       const char * const *passwords);

G_END_DECLS
