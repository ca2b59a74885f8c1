-- Citizen feedback registers (feedback, complaints, denunciations, citizen reception), their
-- immutable status events, satisfaction ratings (immutable, one per dossier) and the audit of
-- every reading of a denouncer's identity. Shipped: never edit; add a new numbered file instead.

CREATE TABLE feedback_entries (
    rowid           INTEGER PRIMARY KEY,     -- local only
    id              TEXT NOT NULL UNIQUE,    -- UUID, the identity that syncs
    number          TEXT NOT NULL UNIQUE,    -- register number, e.g. "TC-26-1001" (desk digit first)
    kind            TEXT NOT NULL CHECK (kind IN ('feedback', 'complaint', 'denunciation', 'reception')),
    channel         TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'mailbox', 'written', 'online',
                                                     'dialogue')),
    -- Who: in clear for every kind but denunciations; a denouncer's identity lives only in
    -- identity_cipher (AES-GCM under the commune key, which is never in this file).
    person_name     TEXT,
    person_address  TEXT,
    person_contact  TEXT,
    identity_cipher TEXT,
    identity_key_id TEXT,
    content         TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    dossier_id      TEXT,
    dossier_code    TEXT,
    received_at     TEXT NOT NULL,           -- ISO 8601 local with offset
    rule_from       TEXT NOT NULL,           -- effective_from of the deadline rule applied
    accept_due      TEXT,                    -- YYYY-MM-DD local
    forward_due     TEXT NOT NULL,
    resolve_due     TEXT,                    -- set at receipt or at acceptance, by the rule
    complex         INTEGER NOT NULL DEFAULT 0,
    assigned_to     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('received', 'accepted', 'processing', 'answered',
                                                    'forwarded', 'closed')),
    accepted_at     TEXT,
    answer          TEXT,
    answered_at     TEXT,
    forwarded_to    TEXT,
    forwarded_at    TEXT,
    closed_at       TEXT,
    search_text     TEXT NOT NULL DEFAULT '', -- folded; never holds a denouncer's identity
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    clerk_id        TEXT NOT NULL,
    desk_id         TEXT NOT NULL
);
CREATE INDEX feedback_entries_kind ON feedback_entries (kind, received_at);
CREATE INDEX feedback_entries_status ON feedback_entries (status);
CREATE INDEX feedback_entries_dossier ON feedback_entries (dossier_id);

CREATE TABLE feedback_events (
    id         TEXT PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES feedback_entries (id),
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'accepted', 'processing', 'answered', 'forwarded',
                                             'closed', 'assigned')),
    at         TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX feedback_events_entry ON feedback_events (entry_id, at);

CREATE TRIGGER feedback_events_no_update BEFORE UPDATE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback events are immutable');
END;
CREATE TRIGGER feedback_events_no_delete BEFORE DELETE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback events are immutable');
END;

CREATE TABLE ratings (
    id             TEXT PRIMARY KEY,
    dossier_id     TEXT UNIQUE,              -- one rating per dossier; NULL for standalone (anonymous)
    dossier_code   TEXT,
    procedure_code TEXT,
    clerk_id       TEXT,                     -- the clerk being rated, if known
    scale          TEXT NOT NULL,            -- "3", "4" or "5": the scale shown
    level          INTEGER NOT NULL,         -- 1 = best
    level_key      TEXT NOT NULL,
    satisfied      INTEGER NOT NULL CHECK (satisfied IN (0, 1)),
    elements       TEXT NOT NULL DEFAULT '{}', -- SIPAS follow-up {"access": 1, ...}
    comment        TEXT NOT NULL DEFAULT '',
    rated_at       TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX ratings_rated ON ratings (rated_at);
CREATE INDEX ratings_desk ON ratings (desk_id, created_at);

CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
BEGIN
    SELECT RAISE(ABORT, 'ratings are immutable');
END;
CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
BEGIN
    SELECT RAISE(ABORT, 'ratings are immutable');
END;

-- Who read (or exported the key that could read) a denouncer's identity, and when.
CREATE TABLE confidential_reads (
    id         TEXT PRIMARY KEY,
    entry_id   TEXT,
    action     TEXT NOT NULL CHECK (action IN ('read', 'key_export', 'key_import')),
    clerk_id   TEXT NOT NULL,
    role       TEXT NOT NULL,
    purpose    TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX confidential_reads_entry ON confidential_reads (entry_id, at);

CREATE TRIGGER confidential_reads_no_update BEFORE UPDATE ON confidential_reads
BEGIN
    SELECT RAISE(ABORT, 'the confidential read log is append-only');
END;
CREATE TRIGGER confidential_reads_no_delete BEFORE DELETE ON confidential_reads
BEGIN
    SELECT RAISE(ABORT, 'the confidential read log is append-only');
END;
