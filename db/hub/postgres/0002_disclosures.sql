-- What each commune posts publicly (procedures with time limits and fees, the reception schedule,
-- other items), kept to serve the commune's public board. No personal data is ever posted.
CREATE TABLE disclosures (
    id            TEXT PRIMARY KEY,
    commune_code  TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    posted_on     TEXT NOT NULL,
    until         TEXT,
    taken_down_on TEXT,
    updated_at    TEXT NOT NULL
);
CREATE INDEX disclosures_commune ON disclosures (commune_code, posted_on);
