/* pd-add-user-dialog.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_ADD_USER_DIALOG (pd_add_user_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdAddUserDialog, pd_add_user_dialog, PD, ADD_USER_DIALOG, AdwWindow)

/* Asks for a name, a role and a first password, adds the user as ACTOR
 * and emits "user-added" (PdUser *user) before closing. Errors stay in
 * the dialog. */
PdAddUserDialog *pd_add_user_dialog_new (PdStore *store,
                                         PdUser  *actor);

G_END_DECLS
