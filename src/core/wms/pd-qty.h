/* pd-qty.h — exact decimal quantities
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A quantity in millionths of its unit: 0.1 + 0.2 is exactly 0.3. Stored
 * as an INTEGER in SQLite and as a JSON string ("12.5") in payloads and
 * plantdesk-ctl --json, never as a binary floating-point number. */
typedef gint64 PdQty;

#define PD_QTY_DECIMALS  6
#define PD_QTY_ONE       G_GINT64_CONSTANT (1000000)
/* The largest quantity accepted from people: 10^12 units. Sums are
 * overflow-checked (pd_qty_add): on-hand beyond about 9.2 × 10^12 units
 * is refused, never wrapped. */
#define PD_QTY_MAX       (G_GINT64_CONSTANT (1000000000000) * PD_QTY_ONE)

/* Parses "12", "12.5", "-0.25", "1e3" is refused, "12,5" is refused; at
 * most PD_QTY_DECIMALS decimals ("0.0000001" is refused, not rounded);
 * |value| ≤ PD_QTY_MAX. Leading and trailing spaces are allowed. The
 * translated error names the text: "“abc” is not a quantity." */
gboolean   pd_qty_parse          (const char  *text,
                                  PdQty       *qty,
                                  GError     **error);
/* "12.5", "-0.25", "3": the shortest exact form, '.' as separator. */
char      *pd_qty_to_string      (PdQty        qty);
/* For people: the same digits with the locale's decimal separator and
 * grouping is not needed on the shop floor; identical to
 * pd_qty_to_string() except for the separator. */
char      *pd_qty_format         (PdQty        qty);
/* Exact sums; FALSE on overflow (then *RESULT is unchanged). */
gboolean   pd_qty_add            (PdQty        a,
                                  PdQty        b,
                                  PdQty       *result);
gboolean   pd_qty_sub            (PdQty        a,
                                  PdQty        b,
                                  PdQty       *result);

G_END_DECLS
