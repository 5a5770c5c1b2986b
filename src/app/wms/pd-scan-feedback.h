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
 * at the goods rather than the screen, unless the "scan-sound" setting
 * is off. */
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

/* The widgets a scanning screen built in code is made of. */

/* The big entry a scanner types into; the caller connects "activate". */
GtkEntry   *pd_scan_entry_new             (const char     *placeholder);
/* A field's title, right-aligned and dim, left of its value. */
GtkWidget  *pd_scan_field_title           (const char     *text);
/* The grid of fields, a title and a value a row. */
GtkWidget  *pd_scan_grid_new              (void);
/* A field in ROW of GRID: TITLE left of CHILD; returns the title. */
GtkWidget  *pd_scan_grid_add              (GtkGrid        *grid,
                                           int             row,
                                           const char     *title,
                                           GtkWidget      *child);
/* A scanned value (pd_scan_field_value) in ROW, its title in *TITLE_OUT
 * when that is not NULL. */
GtkLabel   *pd_scan_grid_add_value        (GtkGrid        *grid,
                                           int             row,
                                           const char     *title,
                                           GtkWidget     **title_out);
/* The lot entry in ROW, inside *LOT_BOX, the title shown with the box;
 * the caller connects "activate". */
GtkEntry   *pd_scan_grid_add_lot          (GtkGrid        *grid,
                                           int             row,
                                           GtkWidget     **lot_box);
/* The quantity entry in ROW ("1" to start), TITLE also its accessible
 * name; the caller connects "activate". */
GtkEntry   *pd_scan_grid_add_qty          (GtkGrid        *grid,
                                           int             row,
                                           const char     *title);
/* Appends to CONTENT a HEADING and the list of what this session did,
 * hidden behind *PLACEHOLDER_OUT (saying PLACEHOLDER) until its first row. */
GtkListBox *pd_scan_session_list_new      (GtkBox         *content,
                                           const char     *heading,
                                           const char     *placeholder,
                                           GtkWidget     **placeholder_out);
/* Puts ROW first in LIST and shows the list instead of PLACEHOLDER. */
void        pd_scan_session_list_prepend  (GtkListBox     *list,
                                           GtkWidget      *placeholder,
                                           GtkWidget      *row);

/* For a screen's map: focus ENTRY now, and again once the click that
 * showed the screen is over (a sidebar row takes the focus when its click
 * is released, after the page was switched), for the scanner types into
 * the entry. */
void        pd_scan_focus_on_map          (GtkWidget      *entry);

G_END_DECLS
