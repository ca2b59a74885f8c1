-- The province hub on PostgreSQL: the same tables as the SQLite schema, with identity columns.
CREATE TABLE communes (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    province   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

-- One-time enrolment tokens; only their hash is kept.
CREATE TABLE tokens (
    token_hash   TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL REFERENCES communes (code),
    desk_no      INTEGER,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    used_by      TEXT
);

CREATE TABLE desks (
    desk_id      TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL REFERENCES communes (code),
    desk_no      INTEGER NOT NULL,
    public_key   TEXT NOT NULL,
    agency_code  TEXT NOT NULL DEFAULT '',
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT,
    last_sync    TEXT
);
-- A commune has one active desk of each number: codes stay unique without asking anyone.
CREATE UNIQUE INDEX desks_active_number ON desks (commune_code, desk_no) WHERE revoked_at IS NULL;

-- Request nonces seen inside the signature window: a captured request cannot be replayed.
CREATE TABLE nonces (
    desk_id TEXT NOT NULL,
    nonce   TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (desk_id, nonce)
);
CREATE INDEX nonces_seen ON nonces (seen_at);

-- How far each history of each desk has been taken in.
CREATE TABLE acks (
    desk_id    TEXT NOT NULL,
    db_id      TEXT NOT NULL,
    acked_seq  BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (desk_id, db_id)
);

-- Every change of every entity, stored once; pos orders the pull stream.
CREATE TABLE changes (
    pos          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id    TEXT NOT NULL UNIQUE,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    db_id        TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    op           TEXT NOT NULL,
    payload      TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    stored_at    TEXT NOT NULL
);
CREATE INDEX changes_commune ON changes (commune_code, pos);

-- Changes refused, with the reason reported to the desk.
CREATE TABLE refusals (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id TEXT NOT NULL,
    desk_id   TEXT NOT NULL,
    db_id     TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    code      TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- Known entities, materialised for the statistics and the province view.
CREATE TABLE dossiers (
    id             TEXT PRIMARY KEY,
    commune_code   TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    code           TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    legal_time     TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    payload_hash   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'received',
    outcome        TEXT
);
CREATE INDEX dossiers_commune ON dossiers (commune_code, outcome);

CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    dossier_id   TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX events_dossier ON events (dossier_id);
CREATE INDEX events_commune ON events (commune_code);

CREATE TABLE ratings (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    satisfied    INTEGER,
    at           TEXT NOT NULL
);
CREATE INDEX ratings_commune ON ratings (commune_code);

-- Province-owned data the desks pull: catalogue, calendar, form templates; one version counter.
CREATE TABLE province_data (
    kind       TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    content    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
