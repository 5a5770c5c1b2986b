/* pd-sections.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sections"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-sections.h"

#include "account/pd-account-page.h"
#include "admin/pd-audit-page.h"
#include "admin/pd-users-page.h"
#include "alarms/pd-alarms-page.h"
#include "devices/pd-devices-page.h"
#include "mes/pd-production-page.h"
#include "overview/pd-overview-page.h"
#include "pd-section-page.h"
#include "wms/pd-warehouse-page.h"

/* In sidebar order. Pages of everyday work come first, administration
 * after them, and the person's own account last. */
static const PdSection sections[] = {
  { "overview", N_("Overview"), "view-grid-symbolic",
    TRUE, PD_PERMISSION_OWN_ACCOUNT, pd_overview_page_get_type },
  { "devices", N_("Devices"), "network-wired-symbolic",
    TRUE, PD_PERMISSION_OWN_ACCOUNT, pd_devices_page_get_type },
  { "alarms", N_("Alarms"), "dialog-warning-symbolic",
    TRUE, PD_PERMISSION_ALARMS_ACK, pd_alarms_page_get_type },
  { "production", N_("Production"), "applications-engineering-symbolic",
    FALSE, PD_PERMISSION_MES_EXECUTE, pd_production_page_get_type },
  { "warehouse", N_("Warehouse"), "package-x-generic-symbolic",
    FALSE, PD_PERMISSION_STOCK_MOVE, pd_warehouse_page_get_type },
  { "users", N_("Users"), "system-users-symbolic",
    FALSE, PD_PERMISSION_USERS_MANAGE, pd_users_page_get_type },
  { "audit", N_("Audit Log"), "document-properties-symbolic",
    FALSE, PD_PERMISSION_AUDIT_VIEW, pd_audit_page_get_type },
  { "account", N_("My Account"), "avatar-default-symbolic",
    TRUE, PD_PERMISSION_OWN_ACCOUNT, pd_account_page_get_type },
};

const PdSection *
pd_sections_get_all (guint *n_sections)
{
  g_return_val_if_fail (n_sections != NULL, NULL);

  *n_sections = G_N_ELEMENTS (sections);

  return sections;
}

const PdSection *
pd_sections_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].id, id))
      return &sections[i];

  return NULL;
}

gboolean
pd_section_is_visible_for (const PdSection *section,
                           PdUser          *user)
{
  g_return_val_if_fail (section != NULL, FALSE);
  g_return_val_if_fail (user == NULL || PD_IS_USER (user), FALSE);

  if (user == NULL || pd_user_get_disabled (user))
    return FALSE;

  return section->any_role || pd_user_can (user, section->permission);
}

const char *
pd_section_get_display_title (const PdSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);

  return _(section->title);
}

GtkWidget *
pd_section_create_widget (const PdSection *section,
                          PdStore         *store,
                          PdUser          *user,
                          PdAcquisition   *acquisition)
{
  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);
  g_return_val_if_fail (acquisition == NULL || PD_IS_ACQUISITION (acquisition), NULL);
  g_return_val_if_fail (g_type_is_a (section->get_type (), PD_TYPE_SECTION_PAGE), NULL);

  return g_object_new (section->get_type (),
                       "store", store,
                       "user", user,
                       "acquisition", acquisition,
                       NULL);
}
