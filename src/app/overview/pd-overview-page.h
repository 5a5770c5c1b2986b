/* pd-overview-page.h — the Overview section: the line at a glance
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_OVERVIEW_PAGE (pd_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (PdOverviewPage, pd_overview_page, PD, OVERVIEW_PAGE, PdSectionPage)

G_END_DECLS
