/* pd-date-entry.c — days typed as YYYY-MM-DD in filter entries
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "pd-date-entry.h"

gboolean
pd_date_entry_parse_day (const char  *text,
                         GDateTime  **out)
{
  int year, month, day;
  char extra;

  *out = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  *out = g_date_time_new_local (year, month, day, 0, 0, 0);

  return *out != NULL;
}

void
pd_date_entry_set_valid (GtkEntry *entry,
                         gboolean  valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}
