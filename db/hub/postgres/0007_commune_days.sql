-- A commune's own calendar days (an extra day off, a worked Saturday, or the removal of either), as its
-- desks declared them (entity calendar_day): the latest declaration of a day, by time then id, holds, and
-- the commune's on-time figures are judged with it, as on its desks.
CREATE TABLE commune_days (
    id           TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL,
    day          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
);
CREATE INDEX commune_days_commune ON commune_days (commune_code, day);
-- The dossiers a changed day may move: a commune's, received within reach of the day.
CREATE INDEX dossiers_commune_received ON dossiers (commune_code, received_at);
