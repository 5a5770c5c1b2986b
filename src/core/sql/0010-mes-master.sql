-- Plantdesk schema 10: MES master data. Work centers with their weekly
-- shifts and dated exceptions, bills of materials and routings, both
-- versioned per product with exactly one active version.
--
-- Products and components are the warehouse's items. Quantities per unit
-- and scrap allowances are exact decimals stored as integers in millionths
-- (PdQty, pd-qty.h): a scrap allowance of 2.5 % is 2500000. Times of an
-- operation are whole microseconds (setup and run time per unit, the ideal
-- cycle time), so that "1.5" seconds stays exact. Times of day are minutes
-- since midnight.

CREATE TABLE work_centers (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  code              TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name              TEXT NOT NULL,
  line              TEXT,
  capacity          INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),   -- operations in parallel
  good_tag_id       INTEGER REFERENCES tags (id) ON DELETE SET NULL,    -- counter of good parts
  scrap_tag_id      INTEGER REFERENCES tags (id) ON DELETE SET NULL,    -- counter of scrap parts
  running_tag_id    INTEGER REFERENCES tags (id) ON DELETE SET NULL,    -- running state
  from_location_id  INTEGER REFERENCES locations (id),                  -- material comes from
  to_location_id    INTEGER REFERENCES locations (id),                  -- goods go to
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

-- A weekly shift: on each day of the mask (Monday bit 0) from start_min to
-- end_min, the next day when end_min <= start_min (a night shift). Breaks
-- are a JSON array of [start_min, end_min] pairs inside the shift.
CREATE TABLE work_center_shifts (
  id              INTEGER PRIMARY KEY,
  work_center_id  INTEGER NOT NULL REFERENCES work_centers (id) ON DELETE CASCADE,
  days            INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
  start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  breaks          TEXT NOT NULL DEFAULT '[]' CHECK (json_type (breaks) = 'array')
);
CREATE INDEX work_center_shifts_wc ON work_center_shifts (work_center_id);

-- A holiday or shutdown (closed) or overtime on one local date.
CREATE TABLE work_center_exceptions (
  id              INTEGER PRIMARY KEY,
  work_center_id  INTEGER NOT NULL REFERENCES work_centers (id) ON DELETE CASCADE,
  date            TEXT NOT NULL,                     -- YYYY-MM-DD
  kind            TEXT NOT NULL CHECK (kind IN ('closed', 'overtime')),
  start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
  reason          TEXT,
  CHECK (end_min > start_min)
);
CREATE INDEX work_center_exceptions_wc ON work_center_exceptions (work_center_id, date);

CREATE TABLE boms (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  product_id  INTEGER NOT NULL REFERENCES items (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL,
  UNIQUE (product_id, version)
);
-- Exactly one active version per product.
CREATE UNIQUE INDEX boms_active ON boms (product_id) WHERE active = 1;

CREATE TABLE bom_lines (
  id            INTEGER PRIMARY KEY,
  bom_id        INTEGER NOT NULL REFERENCES boms (id) ON DELETE CASCADE,
  line_no       INTEGER NOT NULL,
  component_id  INTEGER NOT NULL REFERENCES items (id),
  qty           INTEGER NOT NULL CHECK (qty > 0),                          -- PdQty per unit of the product
  scrap_pct     INTEGER NOT NULL DEFAULT 0 CHECK (scrap_pct BETWEEN 0 AND 100000000),  -- PdQty percent
  backflush     INTEGER NOT NULL DEFAULT 1 CHECK (backflush IN (0, 1)),   -- 1: on each report; 0: picked at start
  UNIQUE (bom_id, line_no),
  UNIQUE (bom_id, component_id)
);
CREATE INDEX bom_lines_component ON bom_lines (component_id);

CREATE TABLE routings (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  product_id  INTEGER NOT NULL REFERENCES items (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL,
  UNIQUE (product_id, version)
);
CREATE UNIQUE INDEX routings_active ON routings (product_id) WHERE active = 1;

CREATE TABLE routing_operations (
  id              INTEGER PRIMARY KEY,
  routing_id      INTEGER NOT NULL REFERENCES routings (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq >= 1),
  work_center_id  INTEGER NOT NULL REFERENCES work_centers (id),
  setup_us        INTEGER NOT NULL DEFAULT 0 CHECK (setup_us >= 0),   -- setup time, µs
  run_us          INTEGER NOT NULL CHECK (run_us >= 0),               -- ideal cycle time per unit, µs
  instructions    TEXT,
  overlap         INTEGER NOT NULL DEFAULT 0 CHECK (overlap IN (0, 1)),  -- the next may start before this one is done
  UNIQUE (routing_id, seq)
);
CREATE INDEX routing_operations_wc ON routing_operations (work_center_id);
