/* pd-tag-dialog-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-tag-alarm-rows.h"
#include "devices/pd-tag-dialog.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable   *_pd_tag_dialog_get_name_entry    (PdTagDialog *self);
GtkSpinButton *_pd_tag_dialog_get_address_spin  (PdTagDialog *self);
void           _pd_tag_dialog_set_area          (PdTagDialog *self,
                                                 PdArea       area);
void           _pd_tag_dialog_set_type          (PdTagDialog *self,
                                                 PdTagType    type);
/* Whether the word order row is shown. */
gboolean       _pd_tag_dialog_shows_word_order  (PdTagDialog *self);
const char    *_pd_tag_dialog_get_message       (PdTagDialog *self);
gboolean       _pd_tag_dialog_can_save          (PdTagDialog *self);
void           _pd_tag_dialog_save              (PdTagDialog *self);
void           _pd_tag_dialog_test_read         (PdTagDialog *self);
const char    *_pd_tag_dialog_get_test_result   (PdTagDialog *self);
PdTagAlarmRows *_pd_tag_dialog_get_alarm_rows   (PdTagDialog *self);

G_END_DECLS
