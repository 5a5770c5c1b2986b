/* pd-gui-test-utils.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "pd-test-utils.h"

#include "pd-application.h"
#include "pd-window.h"
#include "pd-window-private.h"

G_BEGIN_DECLS

/* How long a GUI test waits for a condition before failing. Generous:
 * under AddressSanitizer on two cores, password hashing and the first
 * frame take a while. */
#define PD_GUI_TIMEOUT_MS 60000

typedef struct
{
  char          *data_dir;
  PdStore       *store;
  PdApplication *app;
  PdWindow      *window;
} PdGuiFixture;

/* g_test_init() plus the display: call first in main(). */
void          pd_gui_test_init        (int          *argc,
                                       char       ***argv);
/* Registers FUNC at PATH. Each test runs in a subprocess of its own, as
 * GNOME Console's do, so that one GApplication, one set of GSettings and
 * one leak check belong to one test; without a display it is skipped. */
void          pd_gui_test_add         (const char   *path,
                                       GTestFunc     func);

/* A temporary data dir, a registered PdApplication and a shown PdWindow
 * that has opened the store of the data dir in a worker, as the
 * application does; returns once the window is ready, with STORE the
 * window's own store. POPULATED: the station is set up with the users of
 * pd_test_store_new_populated() (admin, supervisor, operator, warehouse;
 * password PD_TEST_PASSWORD); otherwise the store is empty. */
PdGuiFixture *pd_gui_fixture_new      (gboolean      populated);
/* Destroys the window, checks that it and the store are finalized, and
 * removes the data dir. */
void          pd_gui_fixture_free     (PdGuiFixture *fixture);

/* Spins the main loop until WINDOW has its store or shows the error
 * page; fails the test after PD_GUI_TIMEOUT_MS. */
void          pd_gui_wait_ready       (PdWindow     *window);

/* Signs NAME in through the login page and waits for the main view. */
void          pd_gui_sign_in          (PdGuiFixture *fixture,
                                       const char   *name,
                                       const char   *password);
/* Tries to sign in and waits for the answer; returns the message shown
 * (owned by the page) or NULL when the main view was reached. */
const char   *pd_gui_try_sign_in      (PdGuiFixture *fixture,
                                       const char   *name,
                                       const char   *password);
/* The first window of the application of type TYPE, or NULL. */
gpointer      pd_gui_find_window      (PdGuiFixture *fixture,
                                       GType         type);
/* Asserts that the sidebar lists exactly the sections in EXPECTED. */
void          pd_gui_assert_sections  (PdGuiFixture       *fixture,
                                       const char * const *expected);

/* The deadline behind PD_GUI_WAIT_UNTIL. */
typedef struct _PdGuiDeadline PdGuiDeadline;
PdGuiDeadline *pd_gui_deadline_new     (guint          timeout_ms);
/* Runs one main-loop iteration, blocking until something happens or the
 * deadline passes; FALSE once it has passed. */
gboolean       pd_gui_deadline_iterate (PdGuiDeadline *deadline);
void           pd_gui_deadline_free    (PdGuiDeadline *deadline);

/* Spins the main loop until COND holds; fails the test after
 * PD_GUI_TIMEOUT_MS. Never a fixed sleep. */
#define PD_GUI_WAIT_UNTIL(cond)                                             \
  G_STMT_START {                                                            \
    PdGuiDeadline *pd_gui_deadline_ = pd_gui_deadline_new (PD_GUI_TIMEOUT_MS); \
    while (!(cond))                                                         \
      if (!pd_gui_deadline_iterate (pd_gui_deadline_))                      \
        g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
    pd_gui_deadline_free (pd_gui_deadline_);                                \
  } G_STMT_END

/* Runs the main loop until nothing is pending. */
void          pd_gui_flush            (void);

/* Types TEXT into ENTRY and activates it, as a barcode scanner does. */
void          pd_gui_enter            (GtkEntry     *entry,
                                       const char   *text);
/* With PLANTDESK_SCREENSHOT_DIR set, lets transitions end and saves
 * WIDGET as NAME.png there, for people to check the views by eye
 * (LANGUAGE=zh_CN for Chinese); without it, does nothing. */
void          pd_gui_screenshot       (GtkWidget    *widget,
                                       const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdGuiFixture, pd_gui_fixture_free)

G_END_DECLS
