/* pd-error.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_ERROR (pd_error_quark ())

/**
 * PdError:
 *
 * Errors that a user can cause or meet. Each one travels with a translated
 * message meant to be shown as it is.
 */
typedef enum
{
  PD_ERROR_FAILED,
  PD_ERROR_INVALID,            /* bad input: a value out of range, a malformed name */
  PD_ERROR_NOT_FOUND,
  PD_ERROR_EXISTS,
  PD_ERROR_PERMISSION_DENIED,
  PD_ERROR_AUTH_FAILED,        /* unknown user or wrong password */
  PD_ERROR_THROTTLED,          /* too many wrong passwords, wait */
  PD_ERROR_USER_DISABLED,
  PD_ERROR_NOT_INITIALIZED,    /* no users yet: the station must be set up */
  PD_ERROR_DB_NEWER,           /* the database comes from a newer Plantdesk */
  PD_ERROR_DB_CORRUPT,
  PD_ERROR_DB_BUSY,            /* locked by another writer past the timeout */
  PD_ERROR_DB_READONLY,        /* the data directory or file is not writable */
  PD_ERROR_DB,                 /* any other database failure */
  PD_ERROR_INSUFFICIENT,       /* not enough stock on hand */
} PdError;

GQuark pd_error_quark (void);

G_END_DECLS
