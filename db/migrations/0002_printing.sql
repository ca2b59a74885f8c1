-- Every form printed for a dossier; a receipt printed again is a reprint and says so on the paper.
-- Synced (entity "print") so any desk of the commune numbers the next reprint right.
-- No foreign key to dossiers: a print made at another desk may sync in before its dossier.

CREATE TABLE print_log (
    id         TEXT PRIMARY KEY,            -- UUID
    dossier_id TEXT NOT NULL,
    form       TEXT NOT NULL CHECK (form IN ('receipt', 'supplement', 'refusal', 'apology', 'tracking', 'stop')),
    copy_no    INTEGER NOT NULL,            -- 1: first print of this form; n: its (n-1)-th reprint
    is_reprint INTEGER NOT NULL CHECK (is_reprint IN (0, 1)),
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    printed_at TEXT NOT NULL,               -- local ISO 8601 with offset
    created_at TEXT NOT NULL
);
CREATE INDEX print_log_dossier ON print_log (dossier_id, form, printed_at);
