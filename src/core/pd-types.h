/* pd-types.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PdStore        PdStore;
typedef struct _PdUser         PdUser;
typedef struct _PdWrite        PdWrite;
typedef struct _PdAuditRecord  PdAuditRecord;
typedef struct _PdAuditModel   PdAuditModel;

/**
 * PdRole:
 *
 * The roles of the people who use a workstation. The order matters: it is
 * the order in which roles are listed to the user, not a hierarchy.
 */
typedef enum
{
  PD_ROLE_OPERATOR,
  PD_ROLE_WAREHOUSE,
  PD_ROLE_SUPERVISOR,
  PD_ROLE_ADMIN,
} PdRole;

#define PD_N_ROLES (PD_ROLE_ADMIN + 1)

/**
 * PdPermission:
 *
 * Everything a user may be allowed to do. Every write in the core names
 * one of these, and the core checks it against the acting user's role.
 * Later areas add their own permissions at the end.
 */
typedef enum
{
  PD_PERMISSION_BOOTSTRAP,          /* create the first administrator: only with no users */
  PD_PERMISSION_OWN_ACCOUNT,        /* change one's own password */
  PD_PERMISSION_USERS_MANAGE,       /* add users, change roles, disable, reset passwords */
  PD_PERMISSION_AUDIT_VIEW,         /* read the audit log */
  PD_PERMISSION_STATION_CONFIGURE,  /* station name and station-wide settings */
  PD_PERMISSION_DEVICES_CONFIGURE,  /* add, edit and remove devices and tags */
  PD_PERMISSION_DEVICES_MAINTAIN,   /* lifecycle states and inspection plans of devices */
  PD_PERMISSION_TAGS_WRITE,         /* write a value to a device's tag */
  PD_PERMISSION_INSPECTIONS_RECORD, /* record a periodic inspection of a device */
  PD_PERMISSION_ALARMS_CONFIGURE,   /* define alarm limits, priorities and delays */
  PD_PERMISSION_ALARMS_ACK,         /* acknowledge alarms */
  PD_PERMISSION_ALARMS_SHELVE,      /* shelve and unshelve alarms for a limited time */
  PD_PERMISSION_ALARMS_SUPPRESS,    /* take alarms out of service and back */
  PD_PERMISSION_STOCK_MASTER,       /* items, locations, stock thresholds and settings */
  PD_PERMISSION_STOCK_MOVE,         /* receive, issue and transfer stock */
  PD_PERMISSION_STOCK_ADJUST,       /* stock adjustments and reversals of moves */
  PD_PERMISSION_STOCK_ORDERS,       /* create, release, cancel and close inbound and outbound orders */
  PD_PERMISSION_STOCKTAKE,          /* start stocktakes and post their differences */
  PD_PERMISSION_MES_MASTER,         /* work centers, bills of materials and routings */
  PD_PERMISSION_MES_PLAN,           /* create, release, schedule, issue, cancel and close work orders; over-reports */
  PD_PERMISSION_MES_EXECUTE,        /* start, pause, resume, report and complete operations */
} PdPermission;

#define PD_N_PERMISSIONS (PD_PERMISSION_MES_EXECUTE + 1)

G_END_DECLS
