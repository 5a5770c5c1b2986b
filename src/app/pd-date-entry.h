/* pd-date-entry.h — days typed as YYYY-MM-DD in filter entries
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Parses TEXT as a local day "2026-11-24" into *OUT (its midnight). Empty
 * or NULL TEXT is valid and leaves *OUT NULL; FALSE for anything else. */
gboolean  pd_date_entry_parse_day  (const char  *text,
                                    GDateTime  **out);
/* Shows ENTRY with the "error" style while VALID is FALSE. */
void      pd_date_entry_set_valid  (GtkEntry    *entry,
                                    gboolean     valid);

G_END_DECLS
