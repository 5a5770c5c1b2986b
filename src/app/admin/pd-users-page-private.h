/* pd-users-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "admin/pd-add-user-dialog.h"
#include "admin/pd-reset-password-dialog.h"
#include "admin/pd-users-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
/* The users listed, a GListModel of PdUser. */
GListModel               *_pd_users_page_get_model                 (PdUsersPage *self);
/* The role chooser of the row of user NAME, or NULL. */
GtkDropDown              *_pd_users_page_get_role_dropdown         (PdUsersPage *self,
                                                                    const char  *name);
/* The dialog opened by users.add, or NULL. */
PdAddUserDialog          *_pd_users_page_get_add_dialog            (PdUsersPage *self);
/* The dialog opened by users.reset-password, or NULL. */
PdResetPasswordDialog    *_pd_users_page_get_reset_password_dialog (PdUsersPage *self);

G_END_DECLS
