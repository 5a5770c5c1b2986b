-- Plantdesk schema 6: inbound and outbound stock orders and their lines.
--
-- An order is executed by posting stock moves (ref = the order's ref);
-- stock_order_moves links each move to the line it executed, since
-- stock_moves is append-only and has no such column. done_qty is kept in
-- the same transaction as the move.

CREATE TABLE stock_orders (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  ref          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind         TEXT NOT NULL CHECK (kind IN ('inbound', 'outbound')),
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'released', 'in-progress', 'done', 'cancelled')),
  location_id  INTEGER REFERENCES locations (id),   -- receive into / issue from its subtree; NULL: anywhere
  partner      TEXT,
  notes        TEXT,
  tolerance    INTEGER NOT NULL DEFAULT 0 CHECK (tolerance BETWEEN 0 AND 1000),  -- percent over a line allowed
  closed_short INTEGER NOT NULL DEFAULT 0 CHECK (closed_short IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX stock_orders_status ON stock_orders (status);

CREATE TABLE stock_order_lines (
  id        INTEGER PRIMARY KEY,
  order_id  INTEGER NOT NULL REFERENCES stock_orders (id) ON DELETE CASCADE,
  line_no   INTEGER NOT NULL,
  item_id   INTEGER NOT NULL REFERENCES items (id),
  lot_code  TEXT,                                   -- NULL: any lot (or none)
  qty       INTEGER NOT NULL CHECK (qty > 0),       -- PdQty
  done_qty  INTEGER NOT NULL DEFAULT 0,             -- PdQty
  short     INTEGER NOT NULL DEFAULT 0 CHECK (short IN (0, 1)),  -- closed before complete
  UNIQUE (order_id, line_no)
);
CREATE INDEX stock_order_lines_item ON stock_order_lines (item_id);

CREATE TABLE stock_order_moves (
  move_id  INTEGER NOT NULL PRIMARY KEY REFERENCES stock_moves (id),
  line_id  INTEGER NOT NULL REFERENCES stock_order_lines (id)
);
CREATE INDEX stock_order_moves_line ON stock_order_moves (line_id);
