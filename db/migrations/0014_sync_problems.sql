-- Issue 11: why the hub refused a record, in its words (one sentence naming the field), kept with the
-- refusal and shown on that record; and records pulled from the hub that this desk cannot apply, set
-- aside with the reason (quarantine) instead of stopping every later sync.

ALTER TABLE sync_errors ADD COLUMN field TEXT;
ALTER TABLE sync_errors ADD COLUMN message TEXT;
ALTER TABLE sync_errors ADD COLUMN message_en TEXT;

CREATE TABLE sync_quarantine (
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    payload     TEXT NOT NULL,             -- JSON as it came (ASCII-escaped)
    created_at  TEXT NOT NULL,
    code        TEXT NOT NULL,             -- app.sync.errors.REASONS, e.g. bad_payload
    field       TEXT,
    message     TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, op)
);

-- A leader's settlement of a clash (two desks recorded different final outcomes for one dossier):
-- which final event holds. Immutable and synced (entity "settlement"); the latest one stands.
CREATE TABLE clash_settlements (
    id            TEXT PRIMARY KEY,
    dossier_id    TEXT NOT NULL,
    keep_event_id TEXT NOT NULL,
    keep_kind     TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    clerk_id      TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    at            TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX clash_settlements_dossier ON clash_settlements (dossier_id, at);
