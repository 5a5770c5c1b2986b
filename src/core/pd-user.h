/* pd-user.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_USER (pd_user_get_type ())

G_DECLARE_FINAL_TYPE (PdUser, pd_user, PD, USER, GObject)

/* A snapshot of one user row. Users are changed through PdStore, which
 * returns fresh snapshots; a PdUser itself never changes. */
PdUser     *pd_user_new            (gint64      id,
                                    const char *name,
                                    PdRole      role,
                                    gboolean    disabled,
                                    const char *created_at);
gint64      pd_user_get_id         (PdUser     *self);
const char *pd_user_get_name       (PdUser     *self);
PdRole      pd_user_get_role       (PdUser     *self);
gboolean    pd_user_get_disabled   (PdUser     *self);
const char *pd_user_get_created_at (PdUser     *self);
gboolean    pd_user_can            (PdUser     *self,
                                    PdPermission permission);

G_END_DECLS
