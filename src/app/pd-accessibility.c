/* pd-accessibility.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-accessibility"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-accessibility.h"

static void
name_toggles_below (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* The row's only visible button is the one that reveals the text
       * (its hidden Apply button is never shown in a password row). */
      if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show or Hide the Password"),
                                        -1);
      else
        name_toggles_below (child);
    }
}

void
pd_accessibility_name_password_toggles (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    {
      name_toggles_below (root);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pd_accessibility_name_password_toggles (child);
}
