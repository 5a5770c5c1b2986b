/* pd-setup-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_SETUP_PAGE (pd_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (PdSetupPage, pd_setup_page, PD, SETUP_PAGE, AdwBin)

/* The first start: names the station and creates its administrator, then
 * signs them in and emits "signed-in" (PdUser *user). */
void     pd_setup_page_set_store (PdSetupPage *self,
                                  PdStore     *store);
PdStore *pd_setup_page_get_store (PdSetupPage *self);
void     pd_setup_page_focus     (PdSetupPage *self);

G_END_DECLS
