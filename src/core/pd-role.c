/* pd-role.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-role"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-role.h"

static const char * const role_names[PD_N_ROLES] = {
  [PD_ROLE_OPERATOR] = "operator",
  [PD_ROLE_WAREHOUSE] = "warehouse",
  [PD_ROLE_SUPERVISOR] = "supervisor",
  [PD_ROLE_ADMIN] = "admin",
};

/* The permission matrix. A row per permission, a column per role, in the
 * order of PdRole. Bootstrapping is granted to no role: the write path
 * allows it only while there are no users at all. */
static const gboolean matrix[PD_N_PERMISSIONS][PD_N_ROLES] = {
  /*                                  operator warehouse supervisor admin */
  [PD_PERMISSION_BOOTSTRAP]         = { FALSE,   FALSE,    FALSE,     FALSE },
  [PD_PERMISSION_OWN_ACCOUNT]       = { TRUE,    TRUE,     TRUE,      TRUE  },
  [PD_PERMISSION_USERS_MANAGE]      = { FALSE,   FALSE,    FALSE,     TRUE  },
  [PD_PERMISSION_AUDIT_VIEW]        = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_STATION_CONFIGURE] = { FALSE,   FALSE,    FALSE,     TRUE  },
  [PD_PERMISSION_DEVICES_CONFIGURE] = { FALSE,   FALSE,    FALSE,     TRUE  },
  [PD_PERMISSION_DEVICES_MAINTAIN]  = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_TAGS_WRITE]        = { TRUE,    FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_INSPECTIONS_RECORD]= { TRUE,    FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_ALARMS_CONFIGURE]  = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_ALARMS_ACK]        = { TRUE,    TRUE,     TRUE,      TRUE  },
  [PD_PERMISSION_ALARMS_SHELVE]     = { TRUE,    FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_ALARMS_SUPPRESS]   = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_STOCK_MASTER]      = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_STOCK_MOVE]        = { FALSE,   TRUE,     TRUE,      TRUE  },
  [PD_PERMISSION_STOCK_ADJUST]      = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_STOCK_ORDERS]      = { FALSE,   TRUE,     TRUE,      TRUE  },
  [PD_PERMISSION_STOCKTAKE]         = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_MES_MASTER]        = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_MES_PLAN]          = { FALSE,   FALSE,    TRUE,      TRUE  },
  [PD_PERMISSION_MES_EXECUTE]       = { TRUE,    FALSE,    TRUE,      TRUE  },
};

static const char * const permission_names[PD_N_PERMISSIONS] = {
  [PD_PERMISSION_BOOTSTRAP] = "bootstrap",
  [PD_PERMISSION_OWN_ACCOUNT] = "own-account",
  [PD_PERMISSION_USERS_MANAGE] = "users-manage",
  [PD_PERMISSION_AUDIT_VIEW] = "audit-view",
  [PD_PERMISSION_STATION_CONFIGURE] = "station-configure",
  [PD_PERMISSION_DEVICES_CONFIGURE] = "devices-configure",
  [PD_PERMISSION_DEVICES_MAINTAIN] = "devices-maintain",
  [PD_PERMISSION_TAGS_WRITE] = "tags-write",
  [PD_PERMISSION_INSPECTIONS_RECORD] = "inspections-record",
  [PD_PERMISSION_ALARMS_CONFIGURE]   = "alarms-configure",
  [PD_PERMISSION_ALARMS_ACK]         = "alarms-ack",
  [PD_PERMISSION_ALARMS_SHELVE]      = "alarms-shelve",
  [PD_PERMISSION_ALARMS_SUPPRESS]    = "alarms-suppress",
  [PD_PERMISSION_STOCK_MASTER]       = "stock-master",
  [PD_PERMISSION_STOCK_MOVE]         = "stock-move",
  [PD_PERMISSION_STOCK_ADJUST]       = "stock-adjust",
  [PD_PERMISSION_STOCK_ORDERS]       = "stock-orders",
  [PD_PERMISSION_STOCKTAKE]          = "stocktake",
  [PD_PERMISSION_MES_MASTER]         = "mes-master",
  [PD_PERMISSION_MES_PLAN]           = "mes-plan",
  [PD_PERMISSION_MES_EXECUTE]        = "mes-execute",
};

const char *
pd_role_to_string (PdRole role)
{
  g_return_val_if_fail (role < PD_N_ROLES, NULL);

  return role_names[role];
}

gboolean
pd_role_from_string (const char *str,
                     PdRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < PD_N_ROLES; i++)
    {
      if (g_strcmp0 (str, role_names[i]) == 0)
        {
          *role = (PdRole) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
pd_role_get_display_name (PdRole role)
{
  switch (role)
    {
    case PD_ROLE_OPERATOR:
      return _("Operator");
    case PD_ROLE_WAREHOUSE:
      return C_("role", "Warehouse");
    case PD_ROLE_SUPERVISOR:
      return _("Supervisor");
    case PD_ROLE_ADMIN:
      return _("Administrator");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pd_role_has_permission (PdRole       role,
                        PdPermission permission)
{
  g_return_val_if_fail (role < PD_N_ROLES, FALSE);
  g_return_val_if_fail (permission < PD_N_PERMISSIONS, FALSE);

  return matrix[permission][role];
}

const char *
pd_permission_to_string (PdPermission permission)
{
  g_return_val_if_fail (permission < PD_N_PERMISSIONS, NULL);

  return permission_names[permission];
}

gboolean
pd_permission_from_string (const char   *str,
                           PdPermission *permission)
{
  g_return_val_if_fail (permission != NULL, FALSE);

  for (guint i = 0; str != NULL && i < PD_N_PERMISSIONS; i++)
    {
      if (g_strcmp0 (str, permission_names[i]) == 0)
        {
          *permission = (PdPermission) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
pd_permission_get_description (PdPermission permission)
{
  switch (permission)
    {
    case PD_PERMISSION_BOOTSTRAP:
      return _("Station set-up");
    case PD_PERMISSION_OWN_ACCOUNT:
      return _("Own account");
    case PD_PERMISSION_USERS_MANAGE:
      return _("User management");
    case PD_PERMISSION_AUDIT_VIEW:
      return _("Audit log");
    case PD_PERMISSION_STATION_CONFIGURE:
      return _("Station configuration");
    case PD_PERMISSION_DEVICES_CONFIGURE:
      return _("Device and tag configuration");
    case PD_PERMISSION_DEVICES_MAINTAIN:
      return _("Device maintenance and inspection plans");
    case PD_PERMISSION_TAGS_WRITE:
      return _("Writing values to devices");
    case PD_PERMISSION_INSPECTIONS_RECORD:
      return _("Recording inspections");
    case PD_PERMISSION_ALARMS_CONFIGURE:
      return _("Alarm configuration");
    case PD_PERMISSION_ALARMS_ACK:
      return _("Acknowledging alarms");
    case PD_PERMISSION_ALARMS_SHELVE:
      return _("Shelving alarms");
    case PD_PERMISSION_ALARMS_SUPPRESS:
      return _("Suppressing alarms");
    case PD_PERMISSION_STOCK_MASTER:
      return _("Items, locations and stock thresholds");
    case PD_PERMISSION_STOCK_MOVE:
      return _("Receiving, issuing and moving stock");
    case PD_PERMISSION_STOCK_ADJUST:
      return _("Stock adjustments");
    case PD_PERMISSION_STOCK_ORDERS:
      return _("Inbound and outbound orders");
    case PD_PERMISSION_STOCKTAKE:
      return _("Stocktakes");
    case PD_PERMISSION_MES_MASTER:
      return _("Work centers, bills of materials and routings");
    case PD_PERMISSION_MES_PLAN:
      return _("Planning, releasing and closing work orders");
    case PD_PERMISSION_MES_EXECUTE:
      return _("Starting, pausing and reporting operations");
    default:
      g_return_val_if_reached (NULL);
    }
}
