/* pd-ledger-model.h — the stock ledger as a lazy list, newest first
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_LEDGER_MODEL (pd_ledger_model_get_type ())

G_DECLARE_FINAL_TYPE (PdLedgerModel, pd_ledger_model, PD, LEDGER_MODEL, GObject)

#define PD_LEDGER_PAGE_SIZE 500

/* A GListModel of PdWmsRow (each a PdStockMove) over the ledger in
 * DB_PATH. It holds the pages read so far; asking for an item near the
 * end reads the next page (by keyset: ids below the oldest held) in a
 * worker and appends it, so that scrolling a million moves reads only
 * what is shown. */
PdLedgerModel *pd_ledger_model_new          (const char    *db_path);
/* Reads the moves newer than the newest held and puts them first. */
void           pd_ledger_model_refresh      (PdLedgerModel *self);
/* Whether a read is under way, and whether older moves remain unread. */
gboolean       pd_ledger_model_is_loading   (PdLedgerModel *self);
gboolean       pd_ledger_model_has_more     (PdLedgerModel *self);
/* Reads the next page if none is being read and more remain. */
void           pd_ledger_model_load_more    (PdLedgerModel *self);

G_END_DECLS
