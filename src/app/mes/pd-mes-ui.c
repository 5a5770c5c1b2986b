/* pd-mes-ui.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-mes-ui"

#include "config.h"

#include "mes/pd-mes-ui.h"

void
pd_mes_set_message (GtkLabel    *label,
                    char       **field,
                    const char  *message)
{
  g_free (*field);
  *field = g_strdup (message);
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

char *
pd_mes_dup_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}
