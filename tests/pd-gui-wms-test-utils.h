/* pd-gui-wms-test-utils.h — the Warehouse section in GUI tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-gui-test-utils.h"
#include "wms/pd-warehouse-page-private.h"

G_BEGIN_DECLS

/* Signs USER in (password PD_TEST_PASSWORD), selects the Warehouse
 * section and shows its VIEW (NULL: the one it opens with). */
PdWarehousePage *pd_gui_open_warehouse (PdGuiFixture *fixture,
                                        const char   *user,
                                        const char   *view);

G_END_DECLS
