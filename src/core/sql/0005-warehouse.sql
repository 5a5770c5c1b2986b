-- Plantdesk schema 5: the warehouse. Items and their barcodes, the
-- location tree (warehouse → zone → bin), lots, stock thresholds per item
-- and warehouse, the append-only stock ledger and the on-hand it derives.
--
-- Quantities are exact decimals stored as integers in millionths of the
-- item's unit (PdQty, pd-qty.h): 0.1 + 0.2 is 0.3, never binary floating
-- point. stock_levels is derived: pd_store_check_stock() rebuilds it from
-- stock_moves and compares.

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  sku          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name         TEXT NOT NULL,
  unit         TEXT NOT NULL,
  category     TEXT,
  lot_tracked  INTEGER NOT NULL DEFAULT 0 CHECK (lot_tracked IN (0, 1)),
  min_qty      INTEGER,   -- PdQty: the threshold of every warehouse without its own; NULL: none
  max_qty      INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- Barcodes of items and of locations share one namespace, so that a scan
-- means one thing only.
CREATE TABLE barcodes (
  code         TEXT NOT NULL PRIMARY KEY,
  item_id      INTEGER REFERENCES items (id) ON DELETE CASCADE,
  location_id  INTEGER REFERENCES locations (id) ON DELETE CASCADE,
  CHECK ((item_id IS NULL) != (location_id IS NULL))
);
CREATE INDEX barcodes_item ON barcodes (item_id);

CREATE TABLE locations (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  code            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name            TEXT,
  kind            TEXT NOT NULL CHECK (kind IN ('warehouse', 'zone', 'bin')),
  parent_id       INTEGER REFERENCES locations (id),
  warehouse_id    INTEGER REFERENCES locations (id),  -- the root of its tree; itself for a warehouse
  allow_negative  INTEGER NOT NULL DEFAULT 0 CHECK (allow_negative IN (0, 1)),  -- warehouses only
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX locations_parent ON locations (parent_id);

CREATE TABLE lots (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  item_id     INTEGER NOT NULL REFERENCES items (id),
  code        TEXT NOT NULL,
  expiry      TEXT,           -- YYYY-MM-DD or NULL
  created_at  TEXT NOT NULL,
  UNIQUE (item_id, code)
);

-- A warehouse's own thresholds for an item, over the item's defaults.
CREATE TABLE item_thresholds (
  item_id       INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  warehouse_id  INTEGER NOT NULL REFERENCES locations (id),
  min_qty       INTEGER,      -- PdQty, NULL: none
  max_qty       INTEGER,
  PRIMARY KEY (item_id, warehouse_id)
);

CREATE TABLE stock_moves (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  item_id       INTEGER NOT NULL REFERENCES items (id),
  lot_id        INTEGER REFERENCES lots (id),
  from_location INTEGER REFERENCES locations (id),   -- NULL: from outside (a receipt)
  to_location   INTEGER REFERENCES locations (id),   -- NULL: to outside (an issue)
  qty           INTEGER NOT NULL CHECK (qty > 0),
  reason        TEXT NOT NULL CHECK (reason IN ('receipt', 'issue', 'transfer', 'adjustment', 'reversal')),
  ref           TEXT,
  reverses      INTEGER REFERENCES stock_moves (id),
  user_name     TEXT,
  station_id    TEXT,
  ts            INTEGER NOT NULL,                    -- µs since the epoch
  CHECK (from_location IS NOT NULL OR to_location IS NOT NULL),
  CHECK (from_location IS NULL OR to_location IS NULL OR from_location != to_location)
);
CREATE INDEX stock_moves_item ON stock_moves (item_id, id);
CREATE INDEX stock_moves_ts ON stock_moves (ts);
CREATE UNIQUE INDEX stock_moves_reverses ON stock_moves (reverses) WHERE reverses IS NOT NULL;

CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
BEGIN
  SELECT RAISE (ABORT, 'stock moves are append-only');
END;

CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
BEGIN
  SELECT RAISE (ABORT, 'stock moves are append-only');
END;

-- On-hand per (item, location, lot); lot_id 0 for items without lots so
-- that the key is a plain primary key.
CREATE TABLE stock_levels (
  item_id      INTEGER NOT NULL REFERENCES items (id),
  location_id  INTEGER NOT NULL REFERENCES locations (id),
  lot_id       INTEGER NOT NULL DEFAULT 0,
  qty          INTEGER NOT NULL,
  PRIMARY KEY (item_id, location_id, lot_id)
) WITHOUT ROWID;
CREATE INDEX stock_levels_location ON stock_levels (location_id);
