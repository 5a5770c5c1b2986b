/* main.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pd-core.h"

#include "pd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;

  pd_core_init ();
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);

  app = pd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
