/* pd-scan-state.h — what the scans so far chose on a scanning screen, and
 * how each scan changes it: the location state machine (receive into,
 * issue from, transfer from then to, count at), the item and its lot, and
 * a number typed after an item as its quantity
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

/* Which locations a screen's scans choose. */
typedef enum
{
  PD_SCAN_RECEIVE,      /* one location, TO: received into */
  PD_SCAN_ISSUE,        /* one location, FROM: issued from */
  PD_SCAN_TRANSFER,     /* FROM, then TO; a third location starts again */
  PD_SCAN_COUNT,        /* one location, TO: the one being counted */
} PdScanDirection;

typedef struct
{
  PdLocation *from;
  PdLocation *to;
  PdItem     *item;
  char       *lot_code;
  /* The next scan is the item's lot: lot codes are printed by suppliers
   * and need not be known to the store yet. */
  gboolean    awaiting_lot;
  /* Counts the scans, so that the answer to a confirmed scan knows
   * whether anything was scanned since. */
  guint       generation;
} PdScanState;

/* What one scan is, read by pd_scan_state_read(). */
typedef enum
{
  PD_SCAN_REFUSED,      /* ERROR is set */
  PD_SCAN_CONFIRM,      /* nothing: Enter on the empty entry confirms */
  PD_SCAN_LOT,          /* the lot awaited, now the state's lot_code */
  PD_SCAN_LOCATION,     /* a location code: *ID is the location */
  PD_SCAN_ITEM,         /* an item code: *ID is the item */
  PD_SCAN_QTY,          /* a number that is no code, typed after an item: its quantity */
} PdScanKind;

void         pd_scan_state_clear           (PdScanState     *state);
void         pd_scan_state_clear_item      (PdScanState     *state);

/* Reads TEXT, one scan: stripped; a lot when one is awaited; else a code
 * the store resolves. With TYPED_QTY, a number that is no code while an
 * item is chosen is its quantity (codes come first), given back in
 * *QTY_TEXT. Every scan but Enter on the empty entry counts a generation. */
PdScanKind   pd_scan_state_read            (PdScanState     *state,
                                            PdStore         *store,
                                            const char      *text,
                                            gboolean         typed_qty,
                                            gint64          *id,
                                            char           **qty_text,
                                            GError         **error);

/* Takes LOCATION (transfer full) as DIRECTION wants it and sets *MESSAGE
 * to the answer; FALSE, with the refusal in *MESSAGE, for a transfer's
 * second location that is its first. PD_SCAN_COUNT also forgets the item. */
gboolean     pd_scan_state_take_location   (PdScanState     *state,
                                            PdScanDirection  direction,
                                            PdLocation      *location,
                                            char           **message);

/* Takes ITEM (transfer full) in place of the item before; with NEEDS_LOT
 * its next scan is its lot, and the answer to say is returned ("…: scan or
 * type its lot."); else NULL, and the screen says what comes next. */
char        *pd_scan_state_take_item       (PdScanState     *state,
                                            PdItem          *item,
                                            gboolean         needs_lot);

/* The lot typed into LOT_ENTRY (Enter on it); empty, the next scan is the
 * lot again. */
void         pd_scan_state_take_lot_entry  (PdScanState     *state,
                                            GtkEditable     *lot_entry);

/* Why the state cannot be confirmed yet (a translated answer), or NULL:
 * the locations DIRECTION needs, an item, its lot. LOT_TEXT is what a lot
 * entry holds, or NULL where the lot comes from scans only. */
char        *pd_scan_state_check           (PdScanState     *state,
                                            PdScanDirection  direction,
                                            const char      *lot_text);

/* Hands the item and lot over to a confirmed scan's job (the locations
 * stay for the next item) and returns the generation that job belongs to. */
guint        pd_scan_state_hand_over       (PdScanState     *state,
                                            PdItem         **item,
                                            char           **lot_code);
/* Gives back what a refused job took, when nothing was scanned since
 * GENERATION, to be put right; TRUE when it did. */
gboolean     pd_scan_state_give_back       (PdScanState     *state,
                                            guint            generation,
                                            PdItem         **item,
                                            char           **lot_code);

/* Shows the state: a location's code ("—" for none) in FROM and TO (each
 * may be NULL), the item's SKU and name in ITEM. */
void         pd_scan_state_show            (PdScanState     *state,
                                            GtkLabel        *from,
                                            GtkLabel        *to,
                                            GtkLabel        *item);
/* Shows LOT_BOX for a lot-tracked item only, with the lot in LOT_ENTRY. */
void         pd_scan_state_show_lot_entry  (PdScanState     *state,
                                            GtkWidget       *lot_box,
                                            GtkEditable     *lot_entry);

/* The quantity typed in TEXT; FALSE with a translated answer naming the
 * field in *MESSAGE when it is no number, or not more than zero (or, with
 * ALLOW_ZERO, less than zero). */
gboolean     pd_scan_parse_qty             (const char      *text,
                                            gboolean         allow_zero,
                                            PdQty           *qty,
                                            char           **message);

/* A move posted by a scan for people, e.g. "Received 5 pcs of SKU-1." */
char        *pd_scan_describe_move         (PdScanDirection  direction,
                                            const char      *qty,
                                            const char      *sku);

G_END_DECLS
