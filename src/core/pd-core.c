/* pd-core.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "pd-core.h"
#include "pd-wms-private.h"

static const char *
find_locale_dir (void)
{
  const char *env = g_getenv ("PLANTDESK_LOCALEDIR");
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return env;

  /* Run from the build tree, the catalogues are only in its po/ folder. */
  installed = g_build_filename (LOCALEDIR, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (installed, G_FILE_TEST_EXISTS) &&
      g_file_test (PD_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return PD_BUILD_LOCALEDIR;

  return LOCALEDIR;
}

void
pd_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");

      bindtextdomain (GETTEXT_PACKAGE, find_locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      /* Source alarms' messages are made in the reader's language by the
       * area that raised them; the alarm code knows none of them. */
      _pd_stock_register_alarm_messages ();

      g_once_init_leave (&initialized, 1);
    }
}
