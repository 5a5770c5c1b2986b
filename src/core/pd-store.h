/* pd-store.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-types.h"
#include "pd-user.h"

G_BEGIN_DECLS

#define PD_TYPE_STORE (pd_store_get_type ())

G_DECLARE_FINAL_TYPE (PdStore, pd_store, PD, STORE, GObject)

/* Minimum length of a password, in characters. */
#define PD_PASSWORD_MIN_LENGTH 8
/* Wrong passwords in a row after which logins for that user are throttled. */
#define PD_LOGIN_FREE_ATTEMPTS 3

/* --- Opening (pd-store.c) ------------------------------------------------ */

/* The data directory: $PLANTDESK_DATA_DIR, else $XDG_DATA_HOME/plantdesk. */
char       *pd_store_default_data_dir      (void);
/* Opens (creating if needed) DATA_DIR/plantdesk.db: WAL, foreign keys,
 * busy timeout, quick_check, migrations. Refuses a database from a newer
 * version and a corrupt one without changing them. */
PdStore    *pd_store_open                  (const char   *data_dir,
                                            GError      **error);
/* The same, but refuses (PD_ERROR_NOT_INITIALIZED) rather than creating a
 * database where there is none: for tools pointed at a folder that may be
 * mistyped. */
PdStore    *pd_store_open_existing         (const char   *data_dir,
                                            GError      **error);
/* The same in a worker thread, so that the quick_check of a large database
 * never holds up the UI; the store is then used on the calling thread. */
void        pd_store_open_async            (const char          *data_dir,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PdStore    *pd_store_open_finish           (GAsyncResult        *result,
                                            GError             **error);
/* For tests of migrations: apply at most MAX_VERSION migrations (-1: all). */
PdStore    *pd_store_open_at_version       (const char   *data_dir,
                                            int           max_version,
                                            GError      **error);
/* The number of migrations this build ships, i.e. the newest schema. */
int         pd_store_get_latest_version    (void);
int         pd_store_get_schema_version    (PdStore      *self);
const char *pd_store_get_data_dir          (PdStore      *self);
const char *pd_store_get_path              (PdStore      *self);
/* The connection, for code in the core on the thread that opened the store. */
sqlite3    *pd_store_get_db                (PdStore      *self);
/* Milliseconds a writer waits for another writer's lock (default 5000). */
void        pd_store_set_busy_timeout      (PdStore      *self,
                                            int           msec);

/* Station identity, set by pd_store_init_station(). */
gboolean    pd_store_is_initialized        (PdStore      *self);
char       *pd_store_dup_station_name      (PdStore      *self);
char       *pd_store_dup_station_id        (PdStore      *self);
gboolean    pd_store_set_station_name      (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            GError      **error);

/* --- The one write path (pd-store-write.c) -------------------------------- */

/* Called inside the write transaction to write the facts. It uses
 * pd_write_get_db() and describes what it did with pd_write_set_*();
 * returning FALSE rolls everything back. */
typedef gboolean (*PdWriteFunc) (PdWrite   *write,
                                 gpointer   user_data,
                                 GError   **error);

/* In one BEGIN IMMEDIATE transaction: checks that ACTOR's role grants
 * PERMISSION, calls FUNC to write the facts, writes the audit record and
 * the outbox entry. On refusal only an audit record with result "denied"
 * is written. ACTION is a stable name such as "user.add"; ENTITY the kind
 * of thing written, such as "user". ACTOR is NULL only for
 * PD_PERMISSION_BOOTSTRAP. */
gboolean    pd_store_write                 (PdStore      *self,
                                            PdUser       *actor,
                                            PdPermission  permission,
                                            const char   *action,
                                            const char   *entity,
                                            PdWriteFunc   func,
                                            gpointer      user_data,
                                            GError      **error);

/* A write the station makes by itself, with no person acting: alarm
 * engine events, comm alarm definitions. The same transaction as
 * pd_store_write() with the facts and the outbox entry, but no permission
 * check and no audit record: the facts are their own record. Only the core
 * calls it, never for something a person asked for. */
gboolean    pd_store_write_system          (PdStore      *self,
                                            const char   *action,
                                            const char   *entity,
                                            PdWriteFunc   func,
                                            gpointer      user_data,
                                            GError      **error);

/* For reads that need a permission: returns TRUE when ACTOR (re-read from
 * the database, so a role changed meanwhile counts) holds PERMISSION;
 * otherwise writes an audit record "denied" for ACTION and fails with
 * PD_ERROR_PERMISSION_DENIED. */
gboolean    pd_store_check_permission      (PdStore      *self,
                                            PdUser       *actor,
                                            PdPermission  permission,
                                            const char   *action,
                                            GError      **error);

sqlite3    *pd_write_get_db                (PdWrite      *write);
PdStore    *pd_write_get_store             (PdWrite      *write);
PdUser     *pd_write_get_actor             (PdWrite      *write);
void        pd_write_set_entity_id         (PdWrite      *write,
                                            const char   *entity_id);
/* "insert", "update" or "delete" (default "update"). */
void        pd_write_set_operation         (PdWrite      *write,
                                            const char   *operation);
/* The outbox payload; takes ownership. Default: an empty object. */
void        pd_write_take_payload          (PdWrite      *write,
                                            JsonObject   *payload);
/* A short human-readable detail for the audit log (not translated). */
void        pd_write_set_detail            (PdWrite      *write,
                                            const char   *detail);
/* Reports a failed SQLite call as a PdError. Returns FALSE. */
gboolean    pd_store_set_sqlite_error      (sqlite3      *db,
                                            int           rc,
                                            GError      **error);

/* Test hook: make the next writes fail at POINT ("after-facts",
 * "after-audit", "after-outbox") to prove that nothing is left behind.
 * NULL clears it. */
void        pd_store_inject_fault          (PdStore      *self,
                                            const char   *point);

/* --- Users and authentication (pd-store-users.c, pd-store-auth.c) -------- */

/* Hashes with argon2id (crypto_pwhash_ALG_ARGON2ID13, at least the
 * interactive limits). Blocks for tens of milliseconds: never call it on
 * the UI thread; the _async functions below run it in a worker. */
char       *pd_password_hash               (const char   *password,
                                            GError      **error);
gboolean    pd_password_verify             (const char   *hash,
                                            const char   *password);
gboolean    pd_password_check_policy       (const char   *password,
                                            GError      **error);
gboolean    pd_user_name_check             (const char   *name,
                                            GError      **error);

/* Creates the station and its first administrator; refused once users exist. */
gboolean    pd_store_init_station          (PdStore      *self,
                                            const char   *station_name,
                                            const char   *admin_name,
                                            const char   *password,
                                            GError      **error);
void        pd_store_init_station_async    (PdStore      *self,
                                            const char   *station_name,
                                            const char   *admin_name,
                                            const char   *password,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer      user_data);
gboolean    pd_store_init_station_finish   (PdStore      *self,
                                            GAsyncResult *result,
                                            GError      **error);

/* Checks the password (throttled after repeated failures; audited). */
PdUser     *pd_store_login                 (PdStore      *self,
                                            const char   *name,
                                            const char   *password,
                                            GError      **error);
void        pd_store_login_async           (PdStore      *self,
                                            const char   *name,
                                            const char   *password,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer      user_data);
PdUser     *pd_store_login_finish          (PdStore      *self,
                                            GAsyncResult *result,
                                            GError      **error);
/* Seconds before NAME may try again, 0 when not throttled. */
int         pd_store_get_login_delay       (PdStore      *self,
                                            const char   *name);
/* Audits the end of a session (lock, switch user, quit). */
void        pd_store_logout                (PdStore      *self,
                                            PdUser       *user);

/* Users ordered by name; a GPtrArray of PdUser. */
GPtrArray  *pd_store_list_users            (PdStore      *self,
                                            GError      **error);
PdUser     *pd_store_find_user             (PdStore      *self,
                                            const char   *name,
                                            GError      **error);
PdUser     *pd_store_add_user              (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            PdRole        role,
                                            const char   *password,
                                            GError      **error);
void        pd_store_add_user_async        (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            PdRole        role,
                                            const char   *password,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer      user_data);
PdUser     *pd_store_add_user_finish       (PdStore      *self,
                                            GAsyncResult *result,
                                            GError      **error);
gboolean    pd_store_set_user_role         (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            PdRole        role,
                                            GError      **error);
gboolean    pd_store_set_user_disabled     (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            gboolean      disabled,
                                            GError      **error);
/* An administrator resets anyone's password; anyone changes their own
 * (then CURRENT_PASSWORD is required; NULL otherwise). */
gboolean    pd_store_set_password          (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            const char   *current_password,
                                            const char   *new_password,
                                            GError      **error);
void        pd_store_set_password_async    (PdStore      *self,
                                            PdUser       *actor,
                                            const char   *name,
                                            const char   *current_password,
                                            const char   *new_password,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer      user_data);
gboolean    pd_store_set_password_finish   (PdStore      *self,
                                            GAsyncResult *result,
                                            GError      **error);

/* Emitted signals on PdStore (main context of the opening thread):
 *   "users-changed" ()          after any write that changes users
 *   "audit-appended" ()         after any audit record is written
 *   "station-changed" ()        after the station name changes
 *   "devices-changed" ()        after devices or tags change (pd-store-devices.h)
 *   "inspections-changed" ()    after inspection plans or records change
 */

/* --- Audit (pd-store-audit.c) ------------------------------------------- */

typedef struct
{
  const char *user;     /* exact user name, or NULL */
  const char *action;   /* exact action, or prefix ending in '.', or NULL */
  GDateTime  *since;    /* inclusive, or NULL */
  GDateTime  *until;    /* exclusive, or NULL */
  const char *result;   /* "ok", "denied" or NULL */
} PdAuditFilter;

/* Newest first; LIMIT <= 0 means no limit. A GPtrArray of PdAuditRecord.
 * ACTOR needs PD_PERMISSION_AUDIT_VIEW; a refusal is audited. */
GPtrArray  *pd_store_query_audit           (PdStore             *self,
                                            PdUser              *actor,
                                            const PdAuditFilter *filter,
                                            int                  limit,
                                            GError             **error);
/* Distinct action names present in the log, sorted. */
GStrv       pd_store_list_audit_actions    (PdStore      *self,
                                            GError      **error);

G_END_DECLS
