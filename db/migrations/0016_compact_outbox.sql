-- A lean outbox: once the hub has acknowledged a change, its payload may go (the desk rebuilds it from
-- its tables, app.sync.rebuild); the sequence, entity, key and a hash of the payload stay, so what was
-- sent can be proved and re-sent. The change id was never read (keys on the wire are derived from
-- db_id and seq): it and its unique index go.

CREATE TABLE outbox_compact (
    db_id      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    op         TEXT NOT NULL,
    payload    TEXT,                       -- NULL once pruned: rebuilt from the tables when needed
    digest     BLOB,                       -- SHA-256 of the change (app.sync.protocol.payload_hash), set when pruned
    patch      TEXT,                       -- what a pruned payload had that its rebuild lacks (older desks' payloads)
    created_at TEXT NOT NULL,
    PRIMARY KEY (db_id, seq),
    CHECK (payload IS NOT NULL OR digest IS NOT NULL)
) WITHOUT ROWID;

INSERT INTO outbox_compact (db_id, seq, entity, entity_id, op, payload, created_at)
SELECT db_id, seq, entity, entity_id, op, payload, created_at FROM outbox;

DROP INDEX outbox_entity;
DROP TRIGGER outbox_no_update;
PRAGMA legacy_alter_table = ON;
DROP TABLE outbox;
ALTER TABLE outbox_compact RENAME TO outbox;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX outbox_entity ON outbox (entity_id);

-- Append-only, but for pruning: the payload may go once, and only with its hash kept.
CREATE TRIGGER outbox_no_update BEFORE UPDATE OF db_id, seq, entity, entity_id, op, created_at
ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox entries are append-only');
END;
CREATE TRIGGER outbox_prune_only BEFORE UPDATE OF payload, digest, patch ON outbox
WHEN NEW.payload IS NOT NULL OR OLD.payload IS NULL OR NEW.digest IS NULL
BEGIN
    SELECT RAISE(ABORT, 'outbox entries are append-only: a payload is only ever pruned, with its hash kept');
END;
