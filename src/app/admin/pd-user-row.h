/* pd-user-row.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_USER_ROW (pd_user_row_get_type ())

G_DECLARE_FINAL_TYPE (PdUserRow, pd_user_row, PD, USER_ROW, AdwActionRow)

/* One user in the Users section. Its controls activate the users.*
 * actions of the page; IS_SELF hides what would lock oneself out. */
GtkWidget *pd_user_row_new      (PdUser    *user,
                                 gboolean   is_self);
PdUser    *pd_user_row_get_user (PdUserRow *self);

/* For the GUI tests. */
GtkDropDown *_pd_user_row_get_role_dropdown (PdUserRow *self);

G_END_DECLS
