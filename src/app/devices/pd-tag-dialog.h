/* pd-tag-dialog.h — add or edit a tag of a device
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_TAG_DIALOG (pd_tag_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdTagDialog, pd_tag_dialog, PD, TAG_DIALOG, AdwWindow)

/* TAG NULL: a new tag of DEVICE. Fields are checked as they are typed
 * with pd_tag_validate(); Save stays insensitive until the tag is valid.
 * Emits "saved" (gint64 tag id) and closes after saving. */
PdTagDialog *pd_tag_dialog_new (PdStore        *store,
                                PdUser         *user,
                                const PdDevice *device,
                                const PdTag    *tag);

G_END_DECLS
