-- Plantdesk schema 4: alarm definitions, the append-only alarm events and
-- the current state of every alarm derived from them.
--
-- One row of alarm_defs is one alarm in the sense of ISA-18.2: a tag with
-- HH, H, L and LL limits has four. A definition is never deleted once it
-- has events, only marked removed, so that the history keeps its names.
-- alarm_state is derived: pd_store_rebuild_alarm_states() folds the events
-- again and must give the same rows.
--
-- Times in this schema are integers, microseconds since the Unix epoch, as
-- in the historian: the performance figures count events per time bucket.

CREATE TABLE alarm_defs (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  condition       TEXT NOT NULL CHECK (condition IN ('hihi', 'hi', 'lo', 'lolo', 'digital', 'comm', 'source')),
  tag_id          INTEGER REFERENCES tags (id) ON DELETE SET NULL,
  device_id       INTEGER REFERENCES devices (id) ON DELETE SET NULL,
  source          TEXT,
  source_name     TEXT,
  limit_value     REAL,
  deadband        REAL NOT NULL DEFAULT 0 CHECK (deadband >= 0),
  on_delay_ms     INTEGER NOT NULL DEFAULT 0 CHECK (on_delay_ms >= 0),
  off_delay_ms    INTEGER NOT NULL DEFAULT 0 CHECK (off_delay_ms >= 0),
  digital_when    INTEGER NOT NULL DEFAULT 1 CHECK (digital_when IN (0, 1)),
  priority        TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
  message         TEXT,
  latching        INTEGER NOT NULL DEFAULT 0 CHECK (latching IN (0, 1)),
  enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  max_shelve_min  INTEGER NOT NULL DEFAULT 480 CHECK (max_shelve_min > 0),
  removed         INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

-- At most one live alarm per tag and condition, per device for 'comm',
-- per source key for 'source'.
CREATE UNIQUE INDEX alarm_defs_tag ON alarm_defs (tag_id, condition)
  WHERE removed = 0 AND tag_id IS NOT NULL;
CREATE UNIQUE INDEX alarm_defs_comm ON alarm_defs (device_id)
  WHERE removed = 0 AND condition = 'comm';
CREATE UNIQUE INDEX alarm_defs_source ON alarm_defs (source)
  WHERE removed = 0 AND source IS NOT NULL;

CREATE TABLE alarm_events (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  alarm_id   INTEGER NOT NULL REFERENCES alarm_defs (id),
  ts         INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('raise', 'clear', 'latch', 'ack', 'shelve', 'unshelve',
                                           'shelve-expired', 'suppress', 'unsuppress')),
  value      REAL,
  user_name  TEXT,
  comment    TEXT,
  until_ts   INTEGER
);

CREATE INDEX alarm_events_alarm ON alarm_events (alarm_id, id);
CREATE INDEX alarm_events_ts ON alarm_events (ts);

CREATE TRIGGER alarm_events_no_update BEFORE UPDATE ON alarm_events
BEGIN
  SELECT RAISE (ABORT, 'alarm events are append-only');
END;

CREATE TRIGGER alarm_events_no_delete BEFORE DELETE ON alarm_events
BEGIN
  SELECT RAISE (ABORT, 'alarm events are append-only');
END;

CREATE TABLE alarm_state (
  alarm_id         INTEGER PRIMARY KEY REFERENCES alarm_defs (id),
  active           INTEGER NOT NULL,
  condition_active INTEGER NOT NULL,
  acknowledged     INTEGER NOT NULL,
  shelved_until    INTEGER NOT NULL DEFAULT 0,
  suppressed       INTEGER NOT NULL DEFAULT 0,
  value            REAL,
  raised_ts        INTEGER NOT NULL DEFAULT 0,
  changed_ts       INTEGER NOT NULL DEFAULT 0,
  last_event_id    INTEGER NOT NULL DEFAULT 0,
  ack_user         TEXT,
  comment          TEXT,
  suppress_reason  TEXT
);

CREATE INDEX alarm_state_last_event ON alarm_state (last_event_id);

-- A removed tag or device takes its alarms out of service; their events
-- stay, and the name they had is kept for the history.
CREATE TRIGGER tags_remove_alarms BEFORE DELETE ON tags
BEGIN
  UPDATE alarm_defs
     SET removed = 1,
         source_name = (SELECT d.name || ' / ' || OLD.name FROM devices d WHERE d.id = OLD.device_id)
   WHERE tag_id = OLD.id AND removed = 0;
END;

CREATE TRIGGER devices_remove_alarms BEFORE DELETE ON devices
BEGIN
  UPDATE alarm_defs
     SET removed = 1, source_name = OLD.name
   WHERE device_id = OLD.id AND condition = 'comm' AND removed = 0;
END;
