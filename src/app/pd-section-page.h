/* pd-section-page.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_SECTION_PAGE (pd_section_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdSectionPage, pd_section_page, PD, SECTION_PAGE, AdwBin)

/* The page of one sidebar section (see pd-sections.h). It holds the
 * construct-only "store" (PdStore), "user" (PdUser, the signed-in user)
 * and "acquisition" (PdAcquisition, the station's running acquisition, or
 * NULL when there is none), all set by whoever creates the page;
 * subclasses read them from their constructed() on, after chaining up. */
struct _PdSectionPageClass
{
  AdwBinClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

PdStore       *pd_section_page_get_store       (PdSectionPage *self);
PdUser        *pd_section_page_get_user        (PdSectionPage *self);
PdAcquisition *pd_section_page_get_acquisition (PdSectionPage *self);

G_END_DECLS
