-- Desk identity, clerks, catalogue, calendar overrides, dossiers with immutable events, outbox, search.
-- Shipped: never edit; add a new numbered file instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every database id this file has had; a copy or restore starts a new one so histories never repeat.
CREATE TABLE database_ids (
    db_id      TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    reason     TEXT NOT NULL
);

CREATE TABLE clerks (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'admin')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT,
    desk_id       TEXT NOT NULL
);

CREATE TABLE procedures (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    field       TEXT NOT NULL DEFAULT '',
    legal_time  TEXT NOT NULL,              -- "3" working days, "0" same day, "half"
    fee         TEXT NOT NULL DEFAULT '',
    documents   TEXT NOT NULL DEFAULT '[]', -- JSON [{"name","kind","count"}]
    example     INTEGER NOT NULL DEFAULT 0, -- 1: an example code, to be replaced by the province's
    active      INTEGER NOT NULL DEFAULT 1,
    search_text TEXT NOT NULL DEFAULT '',   -- folded code + name + field
    updated_at  TEXT NOT NULL
);

CREATE TABLE calendar_overrides (
    day        TEXT PRIMARY KEY,            -- YYYY-MM-DD local
    kind       TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    note       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT 'local', -- local | province | default
    updated_at TEXT NOT NULL
);

-- Public keys of desks whose receipts this desk can verify (its own, and those the hub publishes).
CREATE TABLE desk_keys (
    desk_id      TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_no      INTEGER NOT NULL,
    public_key   TEXT NOT NULL,             -- raw Ed25519 public key, hex
    revoked      INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

CREATE TABLE dossiers (
    rowid             INTEGER PRIMARY KEY,  -- local only: the search index points here
    id                TEXT NOT NULL UNIQUE, -- UUID, the identity that syncs
    code              TEXT NOT NULL UNIQUE,
    procedure_code    TEXT NOT NULL,
    procedure_name    TEXT NOT NULL,
    legal_time        TEXT NOT NULL,
    applicant_name    TEXT NOT NULL,
    applicant_cccd    TEXT,
    applicant_phone   TEXT,
    applicant_address TEXT NOT NULL DEFAULT '',
    applicant_email   TEXT,
    documents         TEXT NOT NULL DEFAULT '[]',
    sets              INTEGER NOT NULL DEFAULT 1,
    channel           TEXT NOT NULL CHECK (channel IN ('direct', 'post', 'online')),
    notes             TEXT NOT NULL DEFAULT '',
    received_at       TEXT NOT NULL,        -- ISO 8601 local with offset
    due_at            TEXT NOT NULL,        -- derived from events and the calendar, kept for queries
    status            TEXT NOT NULL,        -- derived from events, kept for queries
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    clerk_id          TEXT NOT NULL,
    desk_id           TEXT NOT NULL
);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_due ON dossiers (due_at);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_cccd ON dossiers (applicant_cccd);
CREATE INDEX dossiers_procedure ON dossiers (procedure_code, received_at);

CREATE TABLE dossier_events (
    id         TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers (id),
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'forwarded', 'supplement_requested',
                   'supplement_received', 'refused', 'apology_issued', 'done', 'returned', 'withdrawn')),
    at         TEXT NOT NULL,               -- when the clerk acted (local, with offset)
    data       TEXT NOT NULL DEFAULT '{}',
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);

CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;

-- Every change that syncs, written in the same transaction as the change itself.
CREATE TABLE outbox (
    db_id      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    change_id  TEXT NOT NULL UNIQUE,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    op         TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (db_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER outbox_no_update BEFORE UPDATE OF db_id, seq, change_id, entity, entity_id, op, payload
ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox entries are append-only');
END;

-- Which desk issued which dossier-code numbers is derivable from codes; this records the floor
-- learned from elsewhere (e.g. the hub after a restore) so numbering resumes above it.
CREATE TABLE code_floors (
    prefix TEXT PRIMARY KEY,                -- "<agency>-<YYMMDD>-<desk>"
    floor  INTEGER NOT NULL
);

CREATE VIRTUAL TABLE dossier_search USING fts5 (
    text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
