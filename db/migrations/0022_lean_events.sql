-- Leaner dossier events (issue 13, store size): ~1,420 B a dossier in the table and its two indexes,
-- mostly the same few values again and again. Each event row kept:
--   * its dossier as the dossier's rowid (a few bytes) instead of its 36-character id, in the row and
--     in the dossier index;
--   * clerk and desk as small numbers into `repeated_ids` (a handful of ids, repeated in every row);
--   * created_at NULL when it equals `at` (nearly always), data NULL when it is '{}';
--   * WITHOUT ROWID keyed by the event id (time-ordered UUIDv7: inserts append), so the id index and the
--     table are one b-tree.
-- `dossier_events` becomes a view presenting exactly the columns, order and values of before: readers
-- (the rebuild of pruned outbox payloads hashes them byte for byte) see no difference. The desk writes
-- the table (db/dossier_store.py); an insert into the view does the same through its trigger. Updates
-- and deletes are refused as before, on the view and on the table.

CREATE TABLE repeated_ids (
    n  INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
);

CREATE TABLE dossier_event_rows (
    id         TEXT NOT NULL PRIMARY KEY,
    dossier    INTEGER NOT NULL REFERENCES dossiers (rowid),
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'forwarded', 'supplement_requested',
                   'supplement_received', 'refused', 'apology_issued', 'done', 'returned', 'withdrawn',
                   'stopped')),
    at         TEXT NOT NULL,
    data       TEXT,                        -- NULL: '{}'
    clerk      INTEGER NOT NULL REFERENCES repeated_ids (n),
    desk       INTEGER NOT NULL REFERENCES repeated_ids (n),
    created_at TEXT                         -- NULL: equal to `at`
) WITHOUT ROWID;

INSERT INTO repeated_ids (id) SELECT clerk_id FROM dossier_events UNION SELECT desk_id FROM dossier_events;
-- LEFT JOINs: an event whose dossier or ids were not found fails the migration (NOT NULL) instead of
-- being left behind.
INSERT INTO dossier_event_rows (id, dossier, kind, at, data, clerk, desk, created_at)
SELECT e.id, d.rowid, e.kind, e.at, NULLIF(e.data, '{}'), c.n, k.n, NULLIF(e.created_at, e.at)
FROM dossier_events e
LEFT JOIN dossiers d ON d.id = e.dossier_id
LEFT JOIN repeated_ids c ON c.id = e.clerk_id
LEFT JOIN repeated_ids k ON k.id = e.desk_id
ORDER BY e.id;

-- Dropping the table drops its index and its triggers first (the immutability triggers do not fire).
DROP TABLE dossier_events;
CREATE INDEX dossier_events_dossier ON dossier_event_rows (dossier, at);
CREATE TRIGGER dossier_event_rows_no_update BEFORE UPDATE ON dossier_event_rows
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
CREATE TRIGGER dossier_event_rows_no_delete BEFORE DELETE ON dossier_event_rows
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;

-- Inner joins on INTEGER PRIMARY KEYs the foreign keys guarantee: SQLite flattens the view into each
-- query (a lookup by event id or by dossier id uses the table's key or the dossier index).
CREATE VIEW dossier_events (id, dossier_id, kind, at, data, clerk_id, desk_id, created_at) AS
SELECT e.id, d.id, e.kind, e.at, COALESCE(e.data, '{}'), c.id, k.id, COALESCE(e.created_at, e.at)
FROM dossier_event_rows e
JOIN dossiers d ON d.rowid = e.dossier
JOIN repeated_ids c ON c.n = e.clerk
JOIN repeated_ids k ON k.n = e.desk;

-- What the table's NOT NULL columns refused before, refused still (NULL would read back as the default).
CREATE TRIGGER dossier_events_insert INSTEAD OF INSERT ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'NOT NULL constraint failed: dossier_events.data') WHERE NEW.data IS NULL;
    SELECT RAISE(ABORT, 'NOT NULL constraint failed: dossier_events.created_at') WHERE NEW.created_at IS NULL;
    INSERT OR IGNORE INTO repeated_ids (id) VALUES (NEW.clerk_id), (NEW.desk_id);
    INSERT INTO dossier_event_rows (id, dossier, kind, at, data, clerk, desk, created_at)
    VALUES (
        NEW.id,
        (SELECT rowid FROM dossiers WHERE id = NEW.dossier_id),
        NEW.kind,
        NEW.at,
        NULLIF(NEW.data, '{}'),
        (SELECT n FROM repeated_ids WHERE id = NEW.clerk_id),
        (SELECT n FROM repeated_ids WHERE id = NEW.desk_id),
        NULLIF(NEW.created_at, NEW.at)
    );
END;
CREATE TRIGGER dossier_events_no_update INSTEAD OF UPDATE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
CREATE TRIGGER dossier_events_no_delete INSTEAD OF DELETE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
