/* pd-gui-wms-test-utils.c — the Warehouse section in GUI tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-gui-wms-test-utils"

#include "config.h"

#include "pd-gui-wms-test-utils.h"

PdWarehousePage *
pd_gui_open_warehouse (PdGuiFixture *fixture,
                       const char   *user,
                       const char   *view)
{
  GtkWidget *page;

  pd_gui_sign_in (fixture, user, PD_TEST_PASSWORD);
  g_assert_true (_pd_window_select_section (fixture->window, "warehouse"));
  page = _pd_window_get_section (fixture->window, "warehouse");
  g_assert_true (PD_IS_WAREHOUSE_PAGE (page));
  if (view != NULL)
    pd_warehouse_page_show_view (PD_WAREHOUSE_PAGE (page), view);
  return PD_WAREHOUSE_PAGE (page);
}
