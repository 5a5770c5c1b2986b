-- Plantdesk schema 12: the kind of a work center ("press", "assembly").
-- Work centers of one kind can run one another's operations: a planner may
-- move an operation to another work center of the kind of the one its
-- routing names. NULL: a work center of its own kind.

ALTER TABLE work_centers ADD COLUMN kind TEXT COLLATE NOCASE;
CREATE INDEX work_centers_kind ON work_centers (kind) WHERE kind IS NOT NULL;
