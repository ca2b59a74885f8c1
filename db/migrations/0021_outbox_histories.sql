-- A leaner outbox (issue 13): every entry repeated its history's 36-character database id, its entity and
-- op names and a 25-character time, and a full index on the entity's id carried the database id again.
-- Now a history is a small number (outbox_histories), an entity and op pair too (outbox_kinds), the time is
-- kept only where it differs from the payload's own ``created_at`` (as stored, or rebuilt: app.sync.rebuild),
-- and only dossier creations are indexed by their id (the report's and scorecard's join). Readers above db/
-- still see database ids, entity and op names, and times.

CREATE TABLE outbox_histories (
    hist  INTEGER PRIMARY KEY,
    db_id TEXT NOT NULL UNIQUE
);
INSERT INTO outbox_histories (db_id)
SELECT o.db_id FROM (SELECT DISTINCT db_id FROM outbox) o
LEFT JOIN database_ids d ON d.db_id = o.db_id ORDER BY d.started_at, o.db_id;

-- 0 and 1 are fixed (the partial index and the triggers below name 0) and take no byte in a record.
CREATE TABLE outbox_kinds (
    kind   INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    op     TEXT NOT NULL,
    UNIQUE (entity, op)
);
INSERT INTO outbox_kinds (kind, entity, op) VALUES (0, 'dossier', 'create'), (1, 'event', 'create');
INSERT INTO outbox_kinds (entity, op) SELECT DISTINCT entity, op FROM outbox WHERE true ON CONFLICT DO NOTHING;

-- No REFERENCES: a foreign key check per append for tables only db.store writes.
CREATE TABLE outbox_lean (
    hist       INTEGER NOT NULL,               -- outbox_histories.hist
    seq        INTEGER NOT NULL,
    kind       INTEGER NOT NULL,               -- outbox_kinds.kind
    entity_id  TEXT NOT NULL,
    payload    TEXT,                           -- NULL once pruned: rebuilt from the tables when needed
    digest     BLOB,                           -- SHA-256 of the change (app.sync.protocol.payload_hash), set when pruned
    patch      TEXT,                           -- what a pruned payload had that its rebuild lacks (older desks' payloads)
    created_at TEXT,                           -- NULL: the payload's own created_at
    PRIMARY KEY (hist, seq),
    CHECK (payload IS NOT NULL OR digest IS NOT NULL)
) WITHOUT ROWID;

-- A time is dropped only where the payload gives it back: held in the entry, or rebuilt unpatched from a
-- dossier's or an event's row (their payloads carry the row's created_at as it is).
INSERT INTO outbox_lean (hist, seq, kind, entity_id, payload, digest, patch, created_at)
SELECT h.hist, o.seq, k.kind, o.entity_id, o.payload, o.digest, o.patch,
       CASE
           WHEN o.payload IS NOT NULL AND json_valid(o.payload) AND json_type(o.payload) = 'object'
                AND json_type(o.payload, '$.created_at') = 'text'
                AND json_extract(o.payload, '$.created_at') = o.created_at THEN NULL
           WHEN o.payload IS NULL AND o.patch IS NULL AND o.entity = 'dossier' AND o.op = 'create'
                AND (SELECT d.created_at FROM dossiers d WHERE d.id = o.entity_id) = o.created_at THEN NULL
           WHEN o.payload IS NULL AND o.patch IS NULL AND o.entity = 'event' AND o.op = 'create'
                AND (SELECT e.created_at FROM dossier_events e WHERE e.id = o.entity_id) = o.created_at THEN NULL
           ELSE o.created_at
       END
FROM outbox o
JOIN outbox_histories h ON h.db_id = o.db_id
JOIN outbox_kinds k ON k.entity = o.entity AND k.op = o.op
ORDER BY h.hist, o.seq;

DROP TRIGGER scorecard_acks_insert;
DROP TRIGGER scorecard_acks_forward;
DROP TRIGGER scorecard_acks_back;
DROP INDEX outbox_entity;
DROP TRIGGER outbox_no_update;
DROP TRIGGER outbox_prune_only;
PRAGMA legacy_alter_table = ON;
DROP TABLE outbox;
ALTER TABLE outbox_lean RENAME TO outbox;
PRAGMA legacy_alter_table = OFF;

-- Dossier creations only: the register's other records are found from the pending tail (db.sync_store).
CREATE INDEX outbox_dossier ON outbox (entity_id) WHERE kind = 0;

-- Append-only, but for pruning: the payload may go once, and only with its hash kept.
CREATE TRIGGER outbox_no_update BEFORE UPDATE OF hist, seq, kind, entity_id, created_at
ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox entries are append-only');
END;
CREATE TRIGGER outbox_prune_only BEFORE UPDATE OF payload, digest, patch ON outbox
WHEN NEW.payload IS NOT NULL OR OLD.payload IS NULL OR NEW.digest IS NULL
BEGIN
    SELECT RAISE(ABORT, 'outbox entries are append-only: a payload is only ever pruned, with its hash kept');
END;
CREATE TRIGGER outbox_histories_no_update BEFORE UPDATE ON outbox_histories
BEGIN
    SELECT RAISE(ABORT, 'outbox histories are append-only');
END;
CREATE TRIGGER outbox_kinds_no_update BEFORE UPDATE ON outbox_kinds
BEGIN
    SELECT RAISE(ABORT, 'outbox kinds are append-only');
END;

-- Indicator 1.4 (as migration 0012), over the new shape: kind 0 is a dossier's creation.
CREATE TRIGGER scorecard_acks_insert AFTER INSERT ON sync_acks
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > 0 AND o.seq <= NEW.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > 0 AND o.seq <= NEW.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER scorecard_acks_forward AFTER UPDATE OF acked_seq ON sync_acks
WHEN NEW.acked_seq > OLD.acked_seq AND EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > OLD.acked_seq AND o.seq <= NEW.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > OLD.acked_seq AND o.seq <= NEW.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER scorecard_acks_back AFTER UPDATE OF acked_seq ON sync_acks
WHEN NEW.acked_seq < OLD.acked_seq AND EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > NEW.acked_seq AND o.seq <= OLD.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.hist = (SELECT hist FROM outbox_histories WHERE db_id = NEW.db_id)
      AND o.seq > NEW.acked_seq AND o.seq <= OLD.acked_seq AND o.kind = 0
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = NEW.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
