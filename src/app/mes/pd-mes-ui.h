/* pd-mes-ui.h — small widget helpers the MES views and dialogs share
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps a copy of MESSAGE in *FIELD and shows it in LABEL; NULL hides
 * the label. */
void  pd_mes_set_message (GtkLabel    *label,
                          char       **field,
                          const char  *message);
/* EDITABLE's text without surrounding space, or NULL when that is empty. */
char *pd_mes_dup_text    (GtkEditable *editable);

G_END_DECLS
