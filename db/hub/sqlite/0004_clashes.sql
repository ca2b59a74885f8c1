-- Issue 11: clashes. A dossier whose desks recorded different final outcomes is flagged (clash = 1)
-- and counted as an open clash, not as a result, until a leader's settlement says which holds.
ALTER TABLE dossiers ADD COLUMN clash INTEGER NOT NULL DEFAULT 0;

-- The latest settlement of each dossier's clash: the final event it kept.
CREATE TABLE settlements (
    dossier_id    TEXT PRIMARY KEY,
    id            TEXT NOT NULL,
    keep_event_id TEXT NOT NULL,
    at            TEXT NOT NULL
);

-- References from a change to the record it is about (a feedback event to its entry) are looked up by id.
CREATE INDEX changes_entity ON changes (entity, entity_id);
