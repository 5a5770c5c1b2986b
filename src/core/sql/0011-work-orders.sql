-- Plantdesk schema 11: work orders and their operations.
--
-- wo_events is the record: append-only (triggers refuse UPDATE and
-- DELETE). The state of work_orders (status, frozen versions, planned
-- times, updated_at) and the rows of wo_operations are derived from the
-- events in the same transaction that appends them, like alarm_state and
-- stock_levels, and can be rebuilt from the events alone
-- (pd_store_rebuild_work_orders). Quantities are PdQty (millionths); times
-- ISO 8601 UTC; durations whole microseconds.

CREATE TABLE wo_numbers (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  last  INTEGER NOT NULL
);
INSERT INTO wo_numbers (id, last) VALUES (1, 0);

CREATE TABLE work_orders (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE,
  number           TEXT NOT NULL UNIQUE COLLATE NOCASE,        -- "WO-000123"
  product_id       INTEGER NOT NULL REFERENCES items (id),
  qty              INTEGER NOT NULL CHECK (qty > 0),           -- PdQty
  due              TEXT NOT NULL,                              -- ISO 8601 UTC
  priority         INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),  -- 1 most urgent
  ref              TEXT,
  -- derived from wo_events:
  status           TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'released', 'scheduled', 'issued', 'in-progress',
                                     'paused', 'completed', 'closed', 'cancelled')),
  routing_version  INTEGER,                                    -- frozen at release
  bom_version      INTEGER,                                    -- frozen at release, NULL without a BOM
  planned_start    TEXT,
  planned_end      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX work_orders_status ON work_orders (status, due);
CREATE INDEX work_orders_product ON work_orders (product_id);

-- Derived: copied from the routing at release (the payload of the
-- release event), planned by the schedule event, moved by the operation
-- events.
CREATE TABLE wo_operations (
  id              INTEGER PRIMARY KEY,
  work_order_id   INTEGER NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq >= 1),
  work_center_id  INTEGER NOT NULL REFERENCES work_centers (id),
  setup_us        INTEGER NOT NULL DEFAULT 0 CHECK (setup_us >= 0),
  run_us          INTEGER NOT NULL CHECK (run_us >= 0),          -- per unit
  overlap         INTEGER NOT NULL DEFAULT 0 CHECK (overlap IN (0, 1)),
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'ready', 'running', 'paused', 'done')),
  planned_start   TEXT,
  planned_end     TEXT,
  locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  good            INTEGER NOT NULL DEFAULT 0 CHECK (good >= 0),   -- PdQty
  scrap           INTEGER NOT NULL DEFAULT 0 CHECK (scrap >= 0),  -- PdQty
  UNIQUE (work_order_id, seq)
);
CREATE INDEX wo_operations_wc ON wo_operations (work_center_id, status);

CREATE TABLE wo_events (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  work_order_id  INTEGER NOT NULL REFERENCES work_orders (id),
  seq            INTEGER,                  -- the operation, NULL for the order
  kind           TEXT NOT NULL
                 CHECK (kind IN ('create', 'release', 'schedule', 'issue', 'start', 'pause',
                                 'resume', 'report', 'complete', 'close', 'cancel')),
  reason         TEXT,                     -- pause reason or scrap reason code
  good           INTEGER NOT NULL DEFAULT 0 CHECK (good >= 0),    -- PdQty, report
  scrap          INTEGER NOT NULL DEFAULT 0 CHECK (scrap >= 0),   -- PdQty, report
  source         TEXT CHECK (source IS NULL OR source IN ('manual', 'machine')),
  user_id        INTEGER REFERENCES users (id),
  at             TEXT NOT NULL,
  payload        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (payload))
);
CREATE INDEX wo_events_order ON wo_events (work_order_id, id);

CREATE TRIGGER wo_events_no_update BEFORE UPDATE ON wo_events
BEGIN
  SELECT RAISE (ABORT, 'wo_events is append-only');
END;

CREATE TRIGGER wo_events_no_delete BEFORE DELETE ON wo_events
BEGIN
  SELECT RAISE (ABORT, 'wo_events is append-only');
END;
