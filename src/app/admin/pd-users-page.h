/* pd-users-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_USERS_PAGE (pd_users_page_get_type ())

/* The "Users" section. Actions: users.add, users.set-role (ss),
 * users.set-disabled (sb), users.reset-password (s). */
G_DECLARE_FINAL_TYPE (PdUsersPage, pd_users_page, PD, USERS_PAGE, PdSectionPage)

G_END_DECLS
