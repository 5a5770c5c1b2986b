-- Plantdesk schema 2: filters of the audit log stay fast on large logs, and
-- wrong passwords are counted per name so that guessing is throttled
-- across every program that opens this database.

CREATE INDEX audit_log_user ON audit_log (user_name, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_ts ON audit_log (ts);

CREATE TABLE login_failures (
  user_name    TEXT PRIMARY KEY COLLATE NOCASE,
  failures     INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,   -- Unix time, microseconds
  locked_until INTEGER NOT NULL    -- Unix time, microseconds
);
