/* pd-store-auth-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

typedef struct _PdCryptoJob PdCryptoJob;

/* Runs on the store's thread once the worker is done; writes the result. */
typedef gboolean (*PdCryptoJobComplete) (PdStore      *store,
                                         PdCryptoJob  *job,
                                         GError      **error);

/* The inputs of one password job, copied so that the worker touches
 * nothing shared. Passwords are wiped when the job is freed. */
struct _PdCryptoJob
{
  /* For the worker. */
  char                *verify_hash;
  char                *verify_password;
  char                *new_password;
  gboolean             verified;
  char                *new_hash;

  /* For the completion, on the store's thread. */
  PdCryptoJobComplete  complete;
  char                *name;
  char                *station_name;
  PdRole               role;
  PdUser              *actor;
  PdUser              *user;
};

void     pd_crypto_job_free    (PdCryptoJob         *job);
gboolean pd_crypto_job_run     (PdCryptoJob         *job,
                                GError             **error);
void     pd_crypto_job_start   (PdStore             *store,
                                PdCryptoJob         *job,
                                PdCryptoJobComplete  complete,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data,
                                gpointer             source_tag);
void     pd_crypto_job_done_cb (GObject             *object,
                                GAsyncResult        *result,
                                gpointer             user_data);

/* The two ways every password operation ends, given the JOB its prepare
 * step made (NULL with ERROR set when it refused): at once on this thread,
 * or with the hashing in a worker. Both take ownership of JOB. On success
 * the sync one hands out a reference to the job's user when USER is set. */
gboolean pd_crypto_job_finish_sync (PdStore             *store,
                                    PdCryptoJob         *job,
                                    PdCryptoJobComplete  complete,
                                    PdUser             **user,
                                    GError             **error);
void     pd_crypto_job_dispatch    (PdStore             *store,
                                    PdCryptoJob         *job,
                                    GError              *error,
                                    PdCryptoJobComplete  complete,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data,
                                    gpointer             source_tag);

G_END_DECLS
