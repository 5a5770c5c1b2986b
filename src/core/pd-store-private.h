/* pd-store-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

struct _PdStore
{
  GObject  parent_instance;

  char    *data_dir;
  char    *path;
  sqlite3 *db;
  int      schema_version;
  char    *fault_point;
};

typedef enum
{
  PD_STORE_SIGNAL_USERS_CHANGED,
  PD_STORE_SIGNAL_AUDIT_APPENDED,
  PD_STORE_SIGNAL_STATION_CHANGED,
  PD_STORE_SIGNAL_DEVICES_CHANGED,
  PD_STORE_SIGNAL_INSPECTIONS_CHANGED,
  PD_STORE_SIGNAL_ALARMS_CHANGED,
  PD_STORE_SIGNAL_STOCK_CHANGED,
  PD_STORE_SIGNAL_WORK_ORDERS_CHANGED,
  PD_STORE_SIGNAL_MES_MASTER_CHANGED,
  PD_STORE_N_SIGNALS
} PdStoreSignal;

/* "2026-11-24T04:00:00.123Z": sortable as text. */
char     *_pd_store_format_time     (GDateTime     *time);
char     *_pd_store_now             (void);

gboolean  _pd_store_exec            (PdStore       *self,
                                     const char    *sql,
                                     GError       **error);
gboolean  _pd_store_begin_immediate (PdStore       *self,
                                     GError       **error);
gboolean  _pd_store_commit          (PdStore       *self,
                                     GError       **error);
void      _pd_store_rollback        (PdStore       *self);
void      _pd_store_emit            (PdStore       *self,
                                     PdStoreSignal  signal);

/* Emits SIGNAL once the write that WRITE belongs to has committed (not at
 * all when it rolls back): for facts written inside another area's write. */
void      _pd_write_emit_after_commit (PdWrite      *write,
                                       PdStoreSignal signal);

/* Appends one audit record; inside the caller's transaction. */
gboolean  _pd_store_insert_audit    (PdStore       *self,
                                     const char    *user_name,
                                     const char    *role,
                                     const char    *action,
                                     const char    *entity,
                                     const char    *entity_id,
                                     const char    *result,
                                     const char    *detail,
                                     GError       **error);
/* Appends one audit record in a transaction of its own (sessions, denials). */
gboolean  _pd_store_audit_now       (PdStore       *self,
                                     const char    *user_name,
                                     const char    *role,
                                     const char    *action,
                                     const char    *entity,
                                     const char    *entity_id,
                                     const char    *result,
                                     const char    *detail,
                                     GError       **error);

/* Loads a user by name (case-insensitive). HASH may be NULL. Returns NULL
 * with PD_ERROR_NOT_FOUND when there is no such user. */
PdUser   *_pd_store_load_user       (PdStore       *self,
                                     const char    *name,
                                     char         **hash,
                                     GError       **error);

gboolean  _pd_station_name_check    (const char    *name,
                                     GError       **error);

/* Lets the bootstrap write name the administrator it creates as the actor. */
void      _pd_write_set_audit_user  (PdWrite       *write,
                                     const char    *user_name,
                                     const char    *role);

/* Shared by pd_store_query_audit() and PdAuditModel's worker: appends
 * " WHERE …" (or nothing) with only fixed SQL and ? placeholders, and binds
 * the values from index 1 on. */
void           _pd_audit_filter_append_where (const PdAuditFilter *filter,
                                              GString             *sql);
void           _pd_audit_filter_bind         (const PdAuditFilter *filter,
                                              sqlite3_stmt        *stmt);
PdAuditFilter *_pd_audit_filter_copy         (const PdAuditFilter *filter);
void           _pd_audit_filter_free         (PdAuditFilter       *filter);
PdAuditRecord *_pd_audit_record_from_row     (sqlite3_stmt        *stmt);

#define PD_AUDIT_COLUMNS "id, ts, user_name, role, station, action, entity, entity_id, result, detail"

G_END_DECLS
