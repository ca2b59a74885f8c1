-- Rules of 2026 (issue 12): the stop-processing event (Circular 03/2025 form 05), how the applicant's
-- identity was checked (Decision 766 indicator 4.5), and reception regardless of administrative
-- boundary (the procedure's level, the agency that decides, the commune a commune-level dossier is for).

-- SQLite cannot alter a CHECK constraint: the events table is rebuilt. Its triggers go with the old
-- table (dropping a table drops its triggers first, so the immutability triggers do not fire).
CREATE TABLE dossier_events_v7 (
    id         TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers (id),
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'forwarded', 'supplement_requested',
                   'supplement_received', 'refused', 'apology_issued', 'done', 'returned', 'withdrawn',
                   'stopped')),
    at         TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO dossier_events_v7 (id, dossier_id, kind, at, data, clerk_id, desk_id, created_at)
SELECT id, dossier_id, kind, at, data, clerk_id, desk_id, created_at FROM dossier_events;
DROP TABLE dossier_events;
ALTER TABLE dossier_events_v7 RENAME TO dossier_events;
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;

-- '' not recorded, 'vneid' checked through the VNeID account, 'population' through the national
-- population database.
ALTER TABLE dossiers ADD COLUMN identity_check TEXT NOT NULL DEFAULT ''
    CHECK (identity_check IN ('', 'vneid', 'population'));
-- 'commune', 'province' (a province department), 'vertical' (e.g. the commune police, tax).
ALTER TABLE dossiers ADD COLUMN procedure_level TEXT NOT NULL DEFAULT 'commune';
-- The agency that decides, when it is not the receiving commune (printed on the receipt).
ALTER TABLE dossiers ADD COLUMN deciding_agency TEXT NOT NULL DEFAULT '';
-- A commune-level procedure of another commune: that commune's code ('' = the receiving commune).
ALTER TABLE dossiers ADD COLUMN for_commune TEXT NOT NULL DEFAULT '';

-- The catalogue: each procedure's level and, above the commune, the agency that decides it.
ALTER TABLE procedures ADD COLUMN level TEXT NOT NULL DEFAULT 'commune';
ALTER TABLE procedures ADD COLUMN deciding_agency TEXT NOT NULL DEFAULT '';
