-- Sync with the province hub: acknowledgements, refused records, the pull cursor, clashes, and
-- records pulled that this desk does not apply itself (entities other engineers add).

-- Highest outbox sequence of each database history the hub has acknowledged.
CREATE TABLE sync_acks (
    db_id      TEXT PRIMARY KEY,
    acked_seq  INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- Outbox entries the hub refused, with its reason code; not resent blindly.
CREATE TABLE sync_errors (
    db_id      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    code       TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (db_id, seq)
);
CREATE INDEX sync_errors_entity ON sync_errors (entity_id);

-- Two different final outcomes for one dossier (e.g. returned at desk 1, refused at desk 2): a person decides.
CREATE TABLE sync_clashes (
    dossier_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,             -- outcome | code
    detail      TEXT NOT NULL,             -- JSON
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, kind)
);

-- Pulled changes kept as they came: entities this module does not apply, and events whose dossier
-- has not arrived yet (state 'parked', applied when it does).
CREATE TABLE sync_inbox (
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'stored' CHECK (state IN ('stored', 'parked')),
    received_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, op)
);

-- Form templates the province publishes (name -> content).
CREATE TABLE province_templates (
    name       TEXT PRIMARY KEY,
    content    TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- The sync state of one record is read from its outbox entries.
CREATE INDEX outbox_entity ON outbox (entity_id);
