/* pd-window-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alarms/pd-alarm-banner.h"
#include "pd-login-page.h"
#include "pd-setup-page.h"
#include "pd-window.h"

G_BEGIN_DECLS

/* What the GUI tests look at and drive, without walking the widget tree. */

/* "error", "setup", "login" or "main". */
const char  *_pd_window_get_page_name       (PdWindow   *self);
const char  *_pd_window_get_error_message   (PdWindow   *self);
PdLoginPage *_pd_window_get_login_page      (PdWindow   *self);
PdSetupPage *_pd_window_get_setup_page      (PdWindow   *self);
/* The ids of the sections in the sidebar, in order. */
GStrv        _pd_window_dup_section_ids     (PdWindow   *self);
/* The id of the section shown, or NULL. */
const char  *_pd_window_get_section_id      (PdWindow   *self);
/* Selects the sidebar row of section ID; FALSE when it is not listed. */
gboolean     _pd_window_select_section      (PdWindow   *self,
                                             const char *id);
GtkWidget   *_pd_window_get_section         (PdWindow   *self,
                                             const char *id);
/* The page of section ID if it has been built, without building it. */
GtkWidget   *_pd_window_peek_section        (PdWindow   *self,
                                             const char *id);
/* The station's acquisition, from the first sign-in on; else NULL. */
PdAcquisition *_pd_window_get_acquisition   (PdWindow   *self);
/* The header texts of the main view: station name, and user with role. */
const char  *_pd_window_get_header_title    (PdWindow   *self);
const char  *_pd_window_get_header_subtitle (PdWindow   *self);
/* The text of the last toast shown, or NULL. */
const char  *_pd_window_get_last_toast      (PdWindow   *self);
/* Overrides auto-lock-minutes with a period in milliseconds (0: setting). */
void         _pd_window_set_auto_lock_msec  (PdWindow   *self,
                                             guint       msec);
/* The station's alarm engine, from the first sign-in on; else NULL. */
PdAlarmEngine *_pd_window_get_alarm_engine  (PdWindow   *self);
PdAlarmBanner *_pd_window_get_alarm_banner  (PdWindow   *self);
/* Desktop notifications sent for alarms, and the id of the last one. */
guint        _pd_window_get_n_notifications (PdWindow   *self);
const char  *_pd_window_get_last_notification_id (PdWindow *self);

G_END_DECLS
