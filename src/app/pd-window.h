/* pd-window.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

#include "pd-application.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())

G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

/* With STORE NULL the window shows the login page in its opening state
 * (Sign In insensitive) until pd_window_open_store() or
 * pd_window_set_store() brings the store, or pd_window_show_error(). */
PdWindow *pd_window_new            (PdApplication      *application,
                                    PdStore            *store);
/* Opens the store of DATA_DIR in a worker; then the window shows the
 * setup or login page, or the error page when the open failed. */
void      pd_window_open_store     (PdWindow           *self,
                                    const char         *data_dir);
/* Gives the window its store, once; NULL until then. */
void      pd_window_set_store      (PdWindow           *self,
                                    PdStore            *store);
PdStore  *pd_window_get_store      (PdWindow           *self);
/* TRUE (and "ready" notified) once the store has arrived or the error
 * page is shown: before that, nothing that needs the store may run. */
gboolean  pd_window_is_ready       (PdWindow           *self);
/* The signed-in user, or NULL on the login, setup and error pages. */
PdUser   *pd_window_get_user       (PdWindow           *self);
void      pd_window_show_error     (PdWindow           *self,
                                    const GError       *error);
/* Demo mode: NAMES and PASSWORDS are NULL-terminated and of equal length. */
void      pd_window_set_demo_users (PdWindow           *self,
                                    const char * const *names,
                                    const char * const *passwords);
/* Ends the session and asks the same person to sign in again. */
void      pd_window_lock           (PdWindow           *self);
/* Ends the session and lets someone else sign in. */
void      pd_window_switch_user    (PdWindow           *self);
/* Ends the session without changing the page, e.g. when quitting. */
void      pd_window_end_session    (PdWindow           *self);
void      pd_window_add_toast      (PdWindow           *self,
                                    const char         *message);
/* Shows DIALOG over the window. Input in it counts as activity for the
 * automatic lock, and it closes when the session ends. */
void      pd_window_present_dialog (PdWindow           *self,
                                    GtkWindow          *dialog);

G_END_DECLS
