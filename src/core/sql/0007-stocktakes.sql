-- Plantdesk schema 7: stocktakes, their expected snapshot and their counts.
--
-- A stocktake snapshots the on-hand of its scope when it starts
-- (stocktake_lines.expected_qty) and remembers the newest ledger move then
-- (snapshot_move_id): moves made while people count are the ledger's moves
-- with a larger id, so that they are accounted for and not overwritten.
-- Counts are append-only: a recount adds a row and the last one counts.
-- Each count remembers the newest ledger move when it was taken (move_id):
-- the count saw the moves up to it, and a move after it is left standing
-- when the difference is posted.
-- Quantities are PdQty (millionths of the item's unit).

CREATE TABLE stocktakes (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posted', 'cancelled')),
  location_id       INTEGER REFERENCES locations (id),   -- the subtree counted; NULL: every location
  blind             INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
  snapshot_move_id  INTEGER NOT NULL DEFAULT 0,           -- max (stock_moves.id) at the start; 0: none yet
  started_at        TEXT NOT NULL,
  started_by        TEXT,
  posted_at         TEXT,                                 -- also the time of a cancellation
  posted_by         TEXT
);

-- The items a stocktake is limited to; none: every item.
CREATE TABLE stocktake_items (
  stocktake_id  INTEGER NOT NULL REFERENCES stocktakes (id),
  item_id       INTEGER NOT NULL REFERENCES items (id),
  PRIMARY KEY (stocktake_id, item_id)
) WITHOUT ROWID;

-- What was expected where at the start; a count of stock not in the
-- snapshot (found stock) adds a line expecting 0. lot_id 0: no lot, as in
-- stock_levels.
CREATE TABLE stocktake_lines (
  stocktake_id  INTEGER NOT NULL REFERENCES stocktakes (id),
  item_id       INTEGER NOT NULL REFERENCES items (id),
  location_id   INTEGER NOT NULL REFERENCES locations (id),
  lot_id        INTEGER NOT NULL DEFAULT 0,
  expected_qty  INTEGER NOT NULL,
  PRIMARY KEY (stocktake_id, item_id, location_id, lot_id)
) WITHOUT ROWID;

CREATE TABLE stocktake_counts (
  id            INTEGER PRIMARY KEY,
  stocktake_id  INTEGER NOT NULL REFERENCES stocktakes (id),
  item_id       INTEGER NOT NULL REFERENCES items (id),
  location_id   INTEGER NOT NULL REFERENCES locations (id),
  lot_id        INTEGER NOT NULL DEFAULT 0,
  qty           INTEGER NOT NULL CHECK (qty >= 0),
  move_id       INTEGER NOT NULL DEFAULT 0,              -- max (stock_moves.id) when counted
  user_name     TEXT,
  ts            INTEGER NOT NULL                         -- µs since the epoch
);
CREATE INDEX stocktake_counts_line ON stocktake_counts (stocktake_id, item_id, location_id, lot_id, id);

CREATE TRIGGER stocktake_counts_no_update BEFORE UPDATE ON stocktake_counts
BEGIN
  SELECT RAISE (ABORT, 'stocktake counts are append-only');
END;

CREATE TRIGGER stocktake_counts_no_delete BEFORE DELETE ON stocktake_counts
BEGIN
  SELECT RAISE (ABORT, 'stocktake counts are append-only');
END;
