-- Plantdesk schema 8: transfer orders, which move stock between locations.
--
-- stock_orders gains kind 'transfer' and dest_location_id: a transfer takes
-- from location_id's subtree and puts into dest_location_id's. SQLite cannot
-- change a CHECK, so the table is rebuilt (new table, copy, drop, rename,
-- indexes). The migration runs inside a transaction with foreign keys on,
-- where they cannot be turned off, and dropping stock_orders would then
-- delete its lines (ON DELETE CASCADE): so stock_order_lines and
-- stock_order_moves, its children, are rebuilt with it. Each new child
-- refers to the new parent by its temporary name, and renaming a table
-- renames the references to it, so that every foreign key points at the
-- right table at the end. Ids are copied: the ledger's links stay.

CREATE TABLE stock_orders_new (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  ref               TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind              TEXT NOT NULL CHECK (kind IN ('inbound', 'outbound', 'transfer')),
  status            TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'released', 'in-progress', 'done', 'cancelled')),
  location_id       INTEGER REFERENCES locations (id),   -- receive into / issue from / transfer from its subtree; NULL: anywhere
  dest_location_id  INTEGER REFERENCES locations (id),   -- a transfer's destination subtree; NULL for the other kinds
  partner           TEXT,
  notes             TEXT,
  tolerance         INTEGER NOT NULL DEFAULT 0 CHECK (tolerance BETWEEN 0 AND 1000),  -- percent over a line allowed
  closed_short      INTEGER NOT NULL DEFAULT 0 CHECK (closed_short IN (0, 1)),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  -- A transfer has a source and a destination, not the same; the other
  -- kinds have no destination.
  CHECK ((kind = 'transfer') = (dest_location_id IS NOT NULL)),
  CHECK (kind <> 'transfer' OR (location_id IS NOT NULL AND location_id <> dest_location_id))
);

INSERT INTO stock_orders_new (id, uuid, ref, kind, status, location_id, dest_location_id, partner,
                              notes, tolerance, closed_short, created_at, updated_at)
  SELECT id, uuid, ref, kind, status, location_id, NULL, partner,
         notes, tolerance, closed_short, created_at, updated_at
  FROM stock_orders;

CREATE TABLE stock_order_lines_new (
  id        INTEGER PRIMARY KEY,
  order_id  INTEGER NOT NULL REFERENCES stock_orders_new (id) ON DELETE CASCADE,
  line_no   INTEGER NOT NULL,
  item_id   INTEGER NOT NULL REFERENCES items (id),
  lot_code  TEXT,                                   -- NULL: any lot (or none)
  qty       INTEGER NOT NULL CHECK (qty > 0),       -- PdQty
  done_qty  INTEGER NOT NULL DEFAULT 0,             -- PdQty
  short     INTEGER NOT NULL DEFAULT 0 CHECK (short IN (0, 1)),  -- closed before complete
  UNIQUE (order_id, line_no)
);

INSERT INTO stock_order_lines_new (id, order_id, line_no, item_id, lot_code, qty, done_qty, short)
  SELECT id, order_id, line_no, item_id, lot_code, qty, done_qty, short
  FROM stock_order_lines;

CREATE TABLE stock_order_moves_new (
  move_id  INTEGER NOT NULL PRIMARY KEY REFERENCES stock_moves (id),
  line_id  INTEGER NOT NULL REFERENCES stock_order_lines_new (id)
);

INSERT INTO stock_order_moves_new (move_id, line_id)
  SELECT move_id, line_id FROM stock_order_moves;

-- Children first: nothing refers to the old tables when each is dropped.
DROP TABLE stock_order_moves;
DROP TABLE stock_order_lines;
DROP TABLE stock_orders;

ALTER TABLE stock_orders_new RENAME TO stock_orders;
ALTER TABLE stock_order_lines_new RENAME TO stock_order_lines;
ALTER TABLE stock_order_moves_new RENAME TO stock_order_moves;

CREATE INDEX stock_orders_status ON stock_orders (status);
CREATE INDEX stock_order_lines_item ON stock_order_lines (item_id);
CREATE INDEX stock_order_moves_line ON stock_order_moves (line_id);
