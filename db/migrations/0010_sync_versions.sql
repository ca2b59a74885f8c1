-- Which desk wrote the version of a pulled record this desk holds, for the one rule every desk and
-- the hub settle updates by (app.core.history.supersedes): the later change time wins, the writing
-- desk breaks a tie. A row's own desk_id names the desk that created it, not the last writer, so the
-- writer of a version applied from the hub is kept here; a row changed here since (its updated_at
-- moved on) was written by this desk. Shipped: never edit; add a new numbered file instead.
CREATE TABLE sync_versions (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
);

-- Until this version a desk kept these records in its inbox as they came, and of a record changed
-- more than once only the first change (the inbox holds one row per record and kind of change). The
-- hub holds every change: the next pull starts again from the beginning of the commune's history
-- and applies them all; dossiers, events and numbers already here are skipped as on any pull.
DELETE FROM sync_inbox WHERE state = 'stored' AND entity IN ('feedback', 'feedback_event', 'rating',
    'confidential_read', 'reception_entry', 'reception_session', 'dialogue', 'follow_up', 'entry_flag',
    'disclosure');
DELETE FROM meta WHERE key = 'sync_pull_cursor';
