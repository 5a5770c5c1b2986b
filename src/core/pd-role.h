/* pd-role.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

/* The stable, untranslated name used in the database, on the command line
 * and in JSON: "operator", "warehouse", "supervisor", "admin". */
const char *pd_role_to_string             (PdRole        role);
gboolean    pd_role_from_string           (const char   *str,
                                           PdRole       *role);
/* The translated name shown to people. */
const char *pd_role_get_display_name      (PdRole        role);
gboolean    pd_role_has_permission        (PdRole        role,
                                           PdPermission  permission);
const char *pd_permission_to_string       (PdPermission  permission);
gboolean    pd_permission_from_string     (const char   *str,
                                           PdPermission *permission);
/* A translated noun phrase naming the permission, e.g. "User management". */
const char *pd_permission_get_description (PdPermission  permission);

G_END_DECLS
