-- Citizen reception under Law 136/2025 and Decree 154/2026: the reception register in the shape of
-- form 03/TCD (13 columns), leaders' reception sessions and their conclusion notices, dialogue
-- conferences (Law 10/2022 Art. 32), follow-ups of both, flags leaders watch, and public disclosure.
-- The reception entries of the old feedback register (kind 'reception') move here, keeping their id
-- and number. Shipped: never edit; add a new numbered file instead.

-- Form 03/TCD: one row a citizen received. Columns 1-13 of the form are marked.
CREATE TABLE reception_entries (
    rowid           INTEGER PRIMARY KEY,     -- local only
    id              TEXT NOT NULL UNIQUE,    -- UUID, the identity that syncs
    number          TEXT NOT NULL UNIQUE,    -- (1) e.g. "TD-26-1001" (desk digit first)
    received_at     TEXT NOT NULL,           -- (2) ISO 8601 local with offset
    -- (3) name and address, (4) CCCD or passport: in clear except on a denunciation, whose identity
    -- lives only in identity_cipher (AES-GCM under the commune key, never in this file).
    person_name     TEXT,
    person_address  TEXT,
    person_cccd     TEXT,
    identity_cipher TEXT,
    identity_key_id TEXT,
    content         TEXT NOT NULL,           -- (5) summary of the content
    kind            TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'recommendation', 'feedback')), -- (6)
    people_count    INTEGER NOT NULL DEFAULT 1 CHECK (people_count >= 1), -- (7) people with the same content
    matter_id       TEXT,                    -- entries of one matter (several citizens) share it
    resolved_by     TEXT NOT NULL DEFAULT '', -- (8) agency that already resolved it
    in_competence   INTEGER NOT NULL DEFAULT 0 CHECK (in_competence IN (0, 1)), -- (9)
    guidance        TEXT NOT NULL DEFAULT '', -- (10) guidance given ...
    guidance_doc    TEXT NOT NULL DEFAULT '', --      ... and its document number
    accepted_by     TEXT NOT NULL DEFAULT '', -- (11) agency that accepted it ...
    forward_doc     TEXT NOT NULL DEFAULT '', --      ... and the forwarding document number
    follow_up       TEXT NOT NULL DEFAULT '', -- (12) follow-up of the result
    notes           TEXT NOT NULL DEFAULT '', -- (13)
    channel         TEXT NOT NULL DEFAULT 'in_person' CHECK (channel IN ('in_person', 'online')),
    session_id      TEXT,                    -- the leader's session it was received at, if any
    outcome         TEXT NOT NULL DEFAULT 'received'
                    CHECK (outcome IN ('received', 'refused', 'documents', 'opened', 'guided', 'forwarded')),
    refusal_reason  TEXT,                    -- form 01/TCD
    refused_at      TEXT,
    refuse_due      TEXT NOT NULL,           -- YYYY-MM-DD: a refusal is notified within 3 working days
    documents       TEXT NOT NULL DEFAULT '[]', -- form 02/TCD: [{"name", "kind", "pages"}]
    documents_at    TEXT,
    register_kind   TEXT,                    -- the feedback register entry it opened ...
    register_id     TEXT,
    register_number TEXT,
    search_text     TEXT NOT NULL DEFAULT '', -- folded; never holds a denouncer's identity
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    clerk_id        TEXT NOT NULL,
    desk_id         TEXT NOT NULL
);
CREATE INDEX reception_entries_received ON reception_entries (received_at);
CREATE INDEX reception_entries_session ON reception_entries (session_id);

-- The old register's reception entries, in the new shape: the kind of matter was not recorded, so
-- they are entered as feedback and the note says where they came from.
INSERT INTO reception_entries (
    id, number, received_at, person_name, person_address, person_cccd, identity_cipher, identity_key_id,
    content, kind, people_count, resolved_by, in_competence, guidance, accepted_by, follow_up, notes,
    channel, outcome, refuse_due, search_text, created_at, updated_at, clerk_id, desk_id
)
SELECT id, number, received_at, person_name, person_address, NULL, identity_cipher, identity_key_id,
       content, 'feedback', 1, '', 0, COALESCE(answer, ''), COALESCE(forwarded_to, ''),
       CASE status WHEN 'closed' THEN 'Đã kết thúc' WHEN 'answered' THEN 'Đã trả lời'
                   WHEN 'forwarded' THEN 'Đã chuyển' ELSE '' END,
       trim('Chuyển từ sổ tiếp công dân cũ. ' || COALESCE(person_contact, '') || ' ' || category),
       CASE channel WHEN 'online' THEN 'online' ELSE 'in_person' END,
       CASE WHEN forwarded_to IS NOT NULL THEN 'forwarded' WHEN answer IS NOT NULL THEN 'guided'
            ELSE 'received' END,
       forward_due, search_text, created_at, updated_at, clerk_id, desk_id
FROM feedback_entries WHERE kind = 'reception';

-- Their handling steps stay readable as the entry's history here.
CREATE TABLE reception_legacy_events (
    id       TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    at       TEXT NOT NULL,
    data     TEXT NOT NULL DEFAULT '{}',
    clerk_id TEXT NOT NULL,
    desk_id  TEXT NOT NULL
);
INSERT INTO reception_legacy_events (id, entry_id, kind, at, data, clerk_id, desk_id)
SELECT e.id, e.entry_id, e.kind, e.at, e.data, e.clerk_id, e.desk_id
FROM feedback_events e JOIN feedback_entries f ON f.id = e.entry_id WHERE f.kind = 'reception';

-- Moving them out of the feedback register lifts its immutability for this one step only.
DROP TRIGGER feedback_events_no_delete;
DELETE FROM feedback_events WHERE entry_id IN (SELECT id FROM feedback_entries WHERE kind = 'reception');
CREATE TRIGGER feedback_events_no_delete BEFORE DELETE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback events are immutable');
END;
DELETE FROM feedback_entries WHERE kind = 'reception';

-- A leader's reception day (the chair's, the Party Secretary's), regular or unscheduled.
CREATE TABLE reception_sessions (
    id                TEXT PRIMARY KEY,
    leader_role       TEXT NOT NULL CHECK (leader_role IN ('chair', 'party_secretary', 'vice_chair')),
    leader_name       TEXT NOT NULL,
    day               TEXT NOT NULL,          -- YYYY-MM-DD
    starts            TEXT NOT NULL DEFAULT '07:30',
    place             TEXT NOT NULL DEFAULT '',
    regular           INTEGER NOT NULL DEFAULT 1 CHECK (regular IN (0, 1)),
    mode              TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'online')),
    status            TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'concluded', 'cancelled')),
    received_by       TEXT NOT NULL DEFAULT '[]', -- JSON: who received with the leader
    raised            TEXT NOT NULL DEFAULT '',   -- what was raised, in the leader's words
    held_at           TEXT,
    conclusion_number TEXT UNIQUE,                -- "Số: 3/TB-UBND"
    conclusion_year   INTEGER,
    conclusion_seq    INTEGER,
    conclusion        TEXT NOT NULL DEFAULT '',
    concluded_at      TEXT,
    signer            TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    clerk_id          TEXT NOT NULL,
    desk_id           TEXT NOT NULL
);
CREATE INDEX reception_sessions_day ON reception_sessions (day);

-- Dialogue conferences: the yearly one and those held where a matter arises.
CREATE TABLE dialogues (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,      -- the minutes' number, "Số: 2/BB-UBND"
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('annual', 'where_arises')),
    subject        TEXT NOT NULL,
    held_at        TEXT NOT NULL,
    place          TEXT NOT NULL,
    chair          TEXT NOT NULL,
    secretary      TEXT NOT NULL DEFAULT '',
    attendees      TEXT NOT NULL DEFAULT '[]', -- JSON: representatives named (officials, the Front)
    residents      INTEGER NOT NULL DEFAULT 0 CHECK (residents >= 0),
    issues         TEXT NOT NULL DEFAULT '[]', -- JSON: [{"raised_by", "issue", "answer"}]
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    clerk_id       TEXT NOT NULL,
    desk_id        TEXT NOT NULL
);

-- What a conclusion or a dialogue leaves someone to do, by a deadline in working days.
CREATE TABLE follow_ups (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL CHECK (source IN ('session', 'dialogue')),
    source_id   TEXT NOT NULL,
    task        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    days        INTEGER NOT NULL CHECK (days >= 1),
    assigned_on TEXT NOT NULL,              -- YYYY-MM-DD
    due         TEXT NOT NULL,              -- YYYY-MM-DD, ``days`` working days after assigned_on
    done_at     TEXT,
    result      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    clerk_id    TEXT NOT NULL,
    desk_id     TEXT NOT NULL
);
CREATE INDEX follow_ups_source ON follow_ups (source, source_id);
CREATE INDEX follow_ups_due ON follow_ups (due);

-- Flags the directives ask leaders to watch, on a feedback-register or reception-register entry.
CREATE TABLE entry_flags (
    id         TEXT PRIMARY KEY,
    register   TEXT NOT NULL CHECK (register IN ('feedback', 'reception')),
    entry_id   TEXT NOT NULL,
    flag       TEXT NOT NULL CHECK (flag IN ('mass', 'multi_level', 'long_running', 'land')),
    note       TEXT NOT NULL DEFAULT '',
    set_at     TEXT NOT NULL,
    cleared_at TEXT,
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL
);
CREATE UNIQUE INDEX entry_flags_one ON entry_flags (entry_id, flag) WHERE cleared_at IS NULL;

-- What the commune posts publicly: no personal data ever goes here.
CREATE TABLE disclosures (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('procedure', 'schedule', 'other')),
    title          TEXT NOT NULL,
    body           TEXT NOT NULL DEFAULT '',
    procedure_code TEXT,
    posted_on      TEXT NOT NULL,           -- YYYY-MM-DD
    until          TEXT,                    -- earliest day it may come down; NULL: permanent
    taken_down_on  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    clerk_id       TEXT NOT NULL,
    desk_id        TEXT NOT NULL
);
CREATE INDEX disclosures_posted ON disclosures (posted_on);
