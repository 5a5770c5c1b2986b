-- Plantdesk schema 3: devices, their tags, inspection plans and the
-- append-only inspection records.
--
-- Ids are stable: a tag keeps its id when it is updated, because the
-- historian keys samples by tag id. uuid columns identify rows across
-- stations for sync.
--
-- A device with inspection records cannot be removed: the records are
-- maintenance evidence a plant must keep, and they are append-only. Such a
-- device is retired instead (its lifecycle state "retired" is final), and
-- the core tells the user so. ON DELETE RESTRICT below backs that rule.

CREATE TABLE devices (
  id                       INTEGER PRIMARY KEY,
  uuid                     TEXT NOT NULL UNIQUE,
  name                     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description              TEXT,
  transport                TEXT NOT NULL CHECK (transport IN ('tcp', 'rtu')),
  host                     TEXT,
  port                     INTEGER NOT NULL,
  serial_path              TEXT,
  baud                     INTEGER NOT NULL,
  parity                   TEXT NOT NULL CHECK (parity IN ('N', 'E', 'O')),
  data_bits                INTEGER NOT NULL,
  stop_bits                INTEGER NOT NULL,
  unit_id                  INTEGER NOT NULL,
  timeout_ms               INTEGER NOT NULL,
  poll_ms                  INTEGER NOT NULL,
  enabled                  INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  max_gap                  INTEGER NOT NULL,
  max_block_registers      INTEGER NOT NULL,
  max_block_bits           INTEGER NOT NULL,
  coalesce_reads           INTEGER NOT NULL CHECK (coalesce_reads IN (0, 1)),
  lifecycle                TEXT NOT NULL CHECK (lifecycle IN ('planned', 'commissioned', 'in-service', 'maintenance', 'retired')),
  inspection_interval_days INTEGER NOT NULL DEFAULT 0,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);

CREATE TABLE tags (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  device_id    INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  name         TEXT NOT NULL COLLATE NOCASE,
  description  TEXT,
  area         TEXT NOT NULL CHECK (area IN ('coil', 'discrete', 'input', 'holding')),
  address      INTEGER NOT NULL CHECK (address BETWEEN 0 AND 65535),
  type         TEXT NOT NULL CHECK (type IN ('bool', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64')),
  byte_order   TEXT NOT NULL CHECK (byte_order IN ('big', 'little')),
  word_order   TEXT NOT NULL CHECK (word_order IN ('big', 'little')),
  scale        REAL NOT NULL,
  value_offset REAL NOT NULL,
  unit         TEXT,
  deadband     REAL NOT NULL,
  poll_ms      INTEGER NOT NULL,
  writable     INTEGER NOT NULL CHECK (writable IN (0, 1)),
  history      INTEGER NOT NULL CHECK (history IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (device_id, name)
);

CREATE INDEX tags_device_area ON tags (device_id, area, address);

-- The checklist of a device's periodic inspection; the interval is
-- devices.inspection_interval_days. set_at (µs since the epoch) is when
-- the plan was set: the first inspection is due from then.
CREATE TABLE inspection_plans (
  device_id INTEGER PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  set_at    INTEGER NOT NULL,
  set_by    TEXT
);

CREATE TABLE inspection_plan_items (
  device_id INTEGER NOT NULL REFERENCES inspection_plans (device_id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  label     TEXT NOT NULL,
  PRIMARY KEY (device_id, position)
);

-- Facts: who inspected which device when, and what they found.
CREATE TABLE inspections (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  device_id    INTEGER NOT NULL REFERENCES devices (id) ON DELETE RESTRICT,
  user_name    TEXT NOT NULL,
  performed_at INTEGER NOT NULL,  -- µs since the epoch
  ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
  notes        TEXT
);

CREATE INDEX inspections_device ON inspections (device_id, performed_at);

CREATE TABLE inspection_items (
  inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE RESTRICT,
  position      INTEGER NOT NULL,
  label         TEXT NOT NULL,
  ok            INTEGER NOT NULL CHECK (ok IN (0, 1)),
  PRIMARY KEY (inspection_id, position)
);

CREATE TRIGGER inspections_no_update BEFORE UPDATE ON inspections
BEGIN
  SELECT RAISE (ABORT, 'inspection records are append-only');
END;

CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
BEGIN
  SELECT RAISE (ABORT, 'inspection records are append-only');
END;

CREATE TRIGGER inspection_items_no_update BEFORE UPDATE ON inspection_items
BEGIN
  SELECT RAISE (ABORT, 'inspection records are append-only');
END;

CREATE TRIGGER inspection_items_no_delete BEFORE DELETE ON inspection_items
BEGIN
  SELECT RAISE (ABORT, 'inspection records are append-only');
END;
