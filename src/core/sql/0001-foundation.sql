-- Plantdesk schema 1: station identity, users, the audit log and the outbox.
-- Applied in one transaction by pd-store.c, which also records it.

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- One row: who this workstation is. outbox_seq numbers the outbox entries
-- of this station without gaps, so the platform can tell one is missing.
CREATE TABLE station (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  station_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  outbox_seq INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('operator', 'warehouse', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- Who did what, when, where, and whether it was allowed. Append-only.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  ts        TEXT NOT NULL,
  user_name TEXT,
  role      TEXT,
  station   TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  result    TEXT NOT NULL CHECK (result IN ('ok', 'denied')),
  detail    TEXT
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

-- What the sync client will push, in station_seq order.
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  station_seq INTEGER NOT NULL UNIQUE,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  operation   TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  payload     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);

CREATE INDEX outbox_unsent ON outbox (station_seq) WHERE sent_at IS NULL;
