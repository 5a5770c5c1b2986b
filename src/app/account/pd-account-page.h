/* pd-account-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_ACCOUNT_PAGE (pd_account_page_get_type ())

/* The "My Account" section, for every role: who is signed in, where, and
 * changing one's own password. */
G_DECLARE_FINAL_TYPE (PdAccountPage, pd_account_page, PD, ACCOUNT_PAGE, PdSectionPage)

G_END_DECLS
