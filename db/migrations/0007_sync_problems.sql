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
