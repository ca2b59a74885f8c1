-- Fees and the digitised dossier (issue 14): the catalogue's structured fee rules (dated, with their
-- source), the fee assessed for each dossier, the payments, and the files attached to its documents.
-- Fees, payments and attachments are immutable records that sync (entities "fee", "payment",
-- "attachment"); the latest fee of a dossier is the one in force. No foreign keys to dossiers: a
-- record made at another desk may sync in before its dossier.

-- A procedure's fee rule in force from ``valid_from`` (local date) to ``valid_to`` (exclusive; NULL:
-- open). ``rule``: JSON, see app/fees/rules.py (none, fixed, per_page with tiers and a cap,
-- waived_in_time). ``source``: the legal text the amounts come from.
CREATE TABLE fee_rules (
    procedure_code TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    rule           TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    origin         TEXT NOT NULL DEFAULT 'default', -- default | province | local
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (procedure_code, valid_from)
);

-- The fee of a dossier as assessed at reception, or changed later by a clerk (with a reason).
CREATE TABLE dossier_fees (
    id         TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL,
    amount     INTEGER CHECK (amount IS NULL OR amount >= 0), -- VND; NULL: the province's rate, not known here
    computed   INTEGER,                     -- what the rule gave (NULL: the rule leaves it open)
    rule       TEXT NOT NULL DEFAULT '{}',  -- the rule applied, as it was that day, with its source
    inputs     TEXT NOT NULL DEFAULT '{}',  -- pages, copies, event date
    reason     TEXT NOT NULL DEFAULT '',    -- required when amount differs from computed
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    at         TEXT NOT NULL,               -- local ISO 8601 with offset
    created_at TEXT NOT NULL
);
CREATE INDEX dossier_fees_dossier ON dossier_fees (dossier_id, at);

CREATE TABLE fee_payments (
    id         TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    channel    TEXT NOT NULL CHECK (channel IN ('cash', 'transfer', 'portal')),
    receipt_no TEXT NOT NULL DEFAULT '',    -- the counter's receipt (biên lai) for cash
    reason     TEXT NOT NULL DEFAULT '',
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    paid_at    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX fee_payments_dossier ON fee_payments (dossier_id, paid_at);

-- What a document of a dossier (``document_no`` counted from 1 as the receipt lists them) or its
-- result (``document_no`` NULL, ``role`` 'result') has: a file (by SHA-256, kept beside the store,
-- app/files/blobs.py) or the reason it has none (Circular 03/2025 Art. 5's exemptions). The latest
-- record for a document wins. ``reused_from``: the earlier dossier of the same citizen it came from.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    dossier_id  TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('document', 'result')),
    document_no INTEGER CHECK ((role = 'document') = (document_no IS NOT NULL)),
    sha256      TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
    size        INTEGER NOT NULL DEFAULT 0,
    pages       INTEGER NOT NULL DEFAULT 0,
    media_type  TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    exemption   TEXT NOT NULL DEFAULT ''
                CHECK (exemption IN ('', 'online', 'shown_only', 'verified_by_agency', 'confidential')),
    reused_from TEXT NOT NULL DEFAULT '',
    clerk_id    TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    at          TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((sha256 IS NULL) = (exemption != ''))
);
CREATE INDEX attachments_dossier ON attachments (dossier_id, role, document_no, at);
CREATE INDEX attachments_sha ON attachments (sha256);

-- Files this desk has sent whole to a hub (by the hub's address): not offered to that hub again.
-- The hub is asked first anyway, so a file it already holds costs one small request.
CREATE TABLE file_uploads (
    hub     TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (hub, sha256)
);
