/* pd-tag-item.h — one row of a device's live tag table
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_TAG_ITEM (pd_tag_item_get_type ())

G_DECLARE_FINAL_TYPE (PdTagItem, pd_tag_item, PD, TAG_ITEM, GObject)

/* A tag with its latest value as texts for the table's cells: "name",
 * "address", "value" (with unit), "quality" (label), "quality-icon",
 * "age", "good" and "value-opacity" (bad and stale values are dimmed as
 * well as labelled). Notified only on change, so that a new value redraws
 * its own cells and nothing else. */
PdTagItem   *pd_tag_item_new         (const PdTag    *tag);
const PdTag *pd_tag_item_get_tag     (PdTagItem      *self);
gint64       pd_tag_item_get_id      (PdTagItem      *self);
/* FALSE until a value arrived. */
gboolean     pd_tag_item_get_sample  (PdTagItem      *self,
                                      PdSample       *sample);
const char  *pd_tag_item_get_value   (PdTagItem      *self);
void         pd_tag_item_set_sample  (PdTagItem      *self,
                                      const PdSample *sample,
                                      gint64          now);
void         pd_tag_item_tick        (PdTagItem      *self,
                                      gint64          now);

G_END_DECLS
