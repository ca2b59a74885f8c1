-- What the province counts of each commune's feedback registers and citizen reception (the
-- scorecard engine reads these): kinds, channels, dates, deadlines, statuses, outcomes, flags. No
-- name, address, ID, contact or content is kept here: those stay in the change log as the desks
-- sent them (a denouncer's identity only as ciphertext under the commune key).
-- Records that update keep the version they hold (app.core.history.version): changed_at is the
-- change time in UTC (so it compares as text), changed_by the desk that wrote it, filled how many
-- of its values were set; a newer-or-equal version replaces it, an older one never does.
-- Shipped: never edit; add a new numbered file instead.
CREATE TABLE feedback_entries (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    channel      TEXT NOT NULL,
    dossier_id   TEXT,
    received_at  TEXT NOT NULL,
    rule_from    TEXT NOT NULL,
    accept_due   TEXT,
    forward_due  TEXT NOT NULL,
    resolve_due  TEXT,
    complex      INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL,
    accepted_at  TEXT,
    answered_at  TEXT,
    forwarded_at TEXT,
    closed_at    TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    filled       INTEGER NOT NULL
);
CREATE INDEX feedback_entries_commune ON feedback_entries (commune_code, received_at);

CREATE TABLE reception_entries (
    id            TEXT PRIMARY KEY,
    commune_code  TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    channel       TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    people_count  INTEGER NOT NULL,
    matter_id     TEXT,
    in_competence INTEGER NOT NULL DEFAULT 0,
    outcome       TEXT NOT NULL,
    documents     INTEGER NOT NULL DEFAULT 0, -- how many documents were handed in (form 02/TCD)
    refuse_due    TEXT NOT NULL,
    refused_at    TEXT,
    session_id    TEXT,
    register_kind TEXT,
    register_id   TEXT,
    changed_at    TEXT NOT NULL,
    changed_by    TEXT NOT NULL,
    filled        INTEGER NOT NULL
);
CREATE INDEX reception_entries_commune ON reception_entries (commune_code, received_at);

CREATE TABLE reception_sessions (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    leader_role  TEXT NOT NULL,
    day          TEXT NOT NULL,
    regular      INTEGER NOT NULL,
    mode         TEXT NOT NULL,
    status       TEXT NOT NULL,
    held_at      TEXT,
    concluded_at TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    filled       INTEGER NOT NULL
);
CREATE INDEX reception_sessions_commune ON reception_sessions (commune_code, day);

CREATE TABLE dialogues (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    held_at      TEXT NOT NULL,
    residents    INTEGER NOT NULL,
    issues       INTEGER NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    filled       INTEGER NOT NULL
);
CREATE INDEX dialogues_commune ON dialogues (commune_code, held_at);

CREATE TABLE follow_ups (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    source       TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    days         INTEGER NOT NULL,
    assigned_on  TEXT NOT NULL,
    due          TEXT NOT NULL,
    done_at      TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    filled       INTEGER NOT NULL
);
CREATE INDEX follow_ups_commune ON follow_ups (commune_code, due);

-- A flag is set once and cleared once (the earliest clearing is kept); of two flags in force on one
-- entry for one reason (two desks, offline) the smaller id stays and the other lapses when it was set.
CREATE TABLE entry_flags (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    register     TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    flag         TEXT NOT NULL,
    set_at       TEXT NOT NULL,
    cleared_at   TEXT
);
CREATE INDEX entry_flags_commune ON entry_flags (commune_code, flag, entry_id);
