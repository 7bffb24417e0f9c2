-- The catalog's change history (issue 22). Every `catalog:publish` appends
-- one change set (when, which operator, why) and its field-level changes
-- (record, field, before, after); `catalog:history` prints them and
-- GET /v1/clinics/:id/history serves a clinic's. Append-only: the triggers
-- refuse any update or delete, so a change cannot be rewritten after the fact.
CREATE TABLE catalog_change_sets (
  id TEXT PRIMARY KEY,
  published_at TEXT NOT NULL,
  operator TEXT NOT NULL,
  reason TEXT,
  -- Where it was published: "local" or the environment's name.
  target TEXT NOT NULL
);
CREATE INDEX catalog_change_sets_published ON catalog_change_sets (published_at);

CREATE TABLE catalog_changes (
  change_set TEXT NOT NULL REFERENCES catalog_change_sets (id),
  seq INTEGER NOT NULL,
  -- clinic, package, partner, operator or rate.
  record TEXT NOT NULL,
  record_id TEXT NOT NULL,
  -- The clinic a clinic or package record belongs to; null for the others.
  clinic_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'changed')),
  -- The changed field's dotted path; null when a whole record is added or removed.
  field TEXT,
  -- JSON; null where there was (or is) nothing.
  before TEXT,
  after TEXT,
  PRIMARY KEY (change_set, seq)
);
CREATE INDEX catalog_changes_clinic ON catalog_changes (clinic_id, change_set);

CREATE TRIGGER catalog_change_sets_no_update BEFORE UPDATE ON catalog_change_sets
BEGIN SELECT RAISE(ABORT, 'the catalog history is append-only'); END;
CREATE TRIGGER catalog_change_sets_no_delete BEFORE DELETE ON catalog_change_sets
BEGIN SELECT RAISE(ABORT, 'the catalog history is append-only'); END;
CREATE TRIGGER catalog_changes_no_update BEFORE UPDATE ON catalog_changes
BEGIN SELECT RAISE(ABORT, 'the catalog history is append-only'); END;
CREATE TRIGGER catalog_changes_no_delete BEFORE DELETE ON catalog_changes
BEGIN SELECT RAISE(ABORT, 'the catalog history is append-only'); END;
