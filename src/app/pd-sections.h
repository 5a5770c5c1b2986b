/* pd-sections.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

/* One entry of the sidebar. Each area adds its sections to the table in
 * pd-sections.c; the window lists those the signed-in role may see. The
 * widget type derives from PdSectionPage, which holds the construct-only
 * "store" (PdStore), "user" (PdUser, the signed-in user) and
 * "acquisition" (PdAcquisition, may be NULL). */
typedef struct
{
  const char   *id;          /* stable, stored in the "sidebar-page" setting */
  const char   *title;       /* untranslated, marked with N_() */
  const char   *icon_name;
  gboolean      any_role;    /* every signed-in user sees it */
  PdPermission  permission;  /* otherwise the role needs this */
  GType       (*get_type) (void);
} PdSection;

const PdSection *pd_sections_get_all          (guint           *n_sections);
const PdSection *pd_sections_lookup           (const char      *id);
gboolean         pd_section_is_visible_for    (const PdSection *section,
                                               PdUser          *user);
const char      *pd_section_get_display_title (const PdSection *section);
GtkWidget       *pd_section_create_widget     (const PdSection *section,
                                               PdStore         *store,
                                               PdUser          *user,
                                               PdAcquisition   *acquisition);

G_END_DECLS
