-- Document numbers (Decree 30/2020: "Số: 05/PYCBS-Q1"), numbered from 01 each year per form kind and per
-- desk: the desk number is part of the printed number, so desks number offline and never collide, as with
-- dossier codes. A document is one (dossier, form, event): a second supplement request is a new paper with a
-- new number; a reprint keeps its number. Synced (entity "docno") so every desk reprints the same number.
-- No foreign key to dossiers: a number issued at another desk may sync in before its dossier.

CREATE TABLE document_numbers (
    id         TEXT PRIMARY KEY,            -- UUID
    dossier_id TEXT NOT NULL,
    form       TEXT NOT NULL,               -- receipt, supplement, refusal, apology, stop, tracking
    event_id   TEXT NOT NULL DEFAULT '',    -- the event the paper records ('' for receipt and tracking sheet)
    year       INTEGER NOT NULL,            -- the year of the date the paper bears
    desk_no    INTEGER NOT NULL CHECK (desk_no BETWEEN 1 AND 9),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    desk_id    TEXT NOT NULL,
    issued_at  TEXT NOT NULL,               -- local ISO 8601 with offset
    UNIQUE (form, year, desk_no, seq),
    UNIQUE (dossier_id, form, event_id)
);
