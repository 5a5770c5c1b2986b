/* pd-add-user-dialog-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "admin/pd-add-user-dialog.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_add_user_dialog_get_name_entry     (PdAddUserDialog *self);
GtkEditable *_pd_add_user_dialog_get_password_entry (PdAddUserDialog *self);
GtkEditable *_pd_add_user_dialog_get_confirm_entry  (PdAddUserDialog *self);
void         _pd_add_user_dialog_set_role           (PdAddUserDialog *self,
                                                     PdRole           role);
/* Does what the Add button does. */
void         _pd_add_user_dialog_submit             (PdAddUserDialog *self);
/* The message shown in the dialog, or NULL. */
const char  *_pd_add_user_dialog_get_message        (PdAddUserDialog *self);

G_END_DECLS
