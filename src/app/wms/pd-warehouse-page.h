/* pd-warehouse-page.h — the Warehouse section: scan, stock levels, ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_WAREHOUSE_PAGE (pd_warehouse_page_get_type ())

G_DECLARE_FINAL_TYPE (PdWarehousePage, pd_warehouse_page, PD, WAREHOUSE_PAGE, PdSectionPage)

/* Shows one of "scan", "levels" or "ledger". */
void pd_warehouse_page_show_view (PdWarehousePage *self,
                                  const char      *name);

G_END_DECLS
