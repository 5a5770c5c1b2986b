/* pd-reset-password-dialog.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_RESET_PASSWORD_DIALOG (pd_reset_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdResetPasswordDialog, pd_reset_password_dialog, PD, RESET_PASSWORD_DIALOG, AdwMessageDialog)

/* Asks an administrator for a new password for USER_NAME. The response
 * "reset" is enabled only once the password meets the policy and both
 * entries match. */
PdResetPasswordDialog *pd_reset_password_dialog_new          (const char            *user_name);
const char            *pd_reset_password_dialog_get_user_name (PdResetPasswordDialog *self);
const char            *pd_reset_password_dialog_get_password  (PdResetPasswordDialog *self);

G_END_DECLS
