/* pd-scan-feedback.h — what scanning screens share: the big green or red
 * answer to each scan, and the queue that takes scans in the order typed
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_SCAN_FEEDBACK (pd_scan_feedback_get_type ())

G_DECLARE_FINAL_TYPE (PdScanFeedback, pd_scan_feedback, PD, SCAN_FEEDBACK, GtkBox)

/* Hidden until the first answer. */
GtkWidget  *pd_scan_feedback_new          (void);
/* Shows MESSAGE in green (OK) or red, with an icon named for screen
 * readers; a refusal also rings the display's bell, for those who look
 * at the goods rather than the screen. */
void        pd_scan_feedback_show         (PdScanFeedback *self,
                                           gboolean        ok,
                                           const char     *message);
void        pd_scan_feedback_hide         (PdScanFeedback *self);
/* The last answer (NULL before the first), and whether it was a success. */
const char *pd_scan_feedback_get_message  (PdScanFeedback *self,
                                           gboolean       *ok);

/* A scanner types a code and Enter faster than anything else: each Enter
 * takes the entry's text and clears it in one go, and the scans are
 * handled one at a time in the order typed, even when a handler runs the
 * main loop (an error bell, a dialog) and another Enter comes meanwhile. */
typedef void (*PdScanFunc) (gpointer    user_data,
                            const char *text);

typedef struct
{
  GQueue      texts;
  gboolean    draining;
  PdScanFunc  func;
  gpointer    user_data;
} PdScanQueue;

void        pd_scan_queue_init            (PdScanQueue    *queue,
                                           PdScanFunc      func,
                                           gpointer        user_data);
/* Takes ENTRY's text, clears it, and handles every scan queued. */
void        pd_scan_queue_take            (PdScanQueue    *queue,
                                           GtkEditable    *entry);
void        pd_scan_queue_clear           (PdScanQueue    *queue);

/* The big value beside a field's TITLE on a scanning screen ("—" until
 * set): what was scanned, ellipsized so that a long item name never makes
 * the page wider than the window. */
GtkLabel   *pd_scan_field_value           (GtkWidget      *title);

G_END_DECLS
