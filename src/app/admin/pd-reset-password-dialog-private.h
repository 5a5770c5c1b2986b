/* pd-reset-password-dialog-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "admin/pd-reset-password-dialog.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable *_pd_reset_password_dialog_get_password_entry (PdResetPasswordDialog *self);
GtkEditable *_pd_reset_password_dialog_get_confirm_entry  (PdResetPasswordDialog *self);

G_END_DECLS
