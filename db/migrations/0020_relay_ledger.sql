-- Other desks' changes as pulled, with their history and sequence, and the seals (their desk's signature
-- over a range of them) the hub served with them: a hub restored from an older backup may have lost the
-- changes of a desk that no longer syncs, and this desk hands them back, unchanged (app.sync.relay).
-- ``payload`` is NULL where the record this desk applied rebuilds it byte for byte (``digest`` then holds
-- its hash, as in the outbox): only what the tables cannot give back is kept twice.
CREATE TABLE relay_changes (
    db_id      TEXT NOT NULL,
    seq        INTEGER NOT NULL,              -- the writing desk is the seal's (relay_seals.desk_id)
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    op         TEXT NOT NULL,
    payload    TEXT,
    digest     BLOB,
    created_at TEXT NOT NULL,
    PRIMARY KEY (db_id, seq),
    CHECK (payload IS NOT NULL OR digest IS NOT NULL)
) WITHOUT ROWID;

CREATE TABLE relay_seals (
    db_id     TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    desk_id   TEXT NOT NULL,
    signature TEXT NOT NULL,
    missing   TEXT NOT NULL DEFAULT '[]',   -- JSON [[seq, leaf hex], ...]: changes of the range the hub refused
    PRIMARY KEY (db_id, first_seq, last_seq)
) WITHOUT ROWID;
