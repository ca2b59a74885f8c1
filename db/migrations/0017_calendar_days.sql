-- A commune's own calendar days (an extra day off, a worked Saturday, or the removal of either), as
-- immutable declarations that sync to the hub and the commune's other desks: the latest declaration of
-- a day (by time, then id) gives its local override in calendar_overrides.
CREATE TABLE calendar_days (
    id         TEXT PRIMARY KEY,
    day        TEXT NOT NULL,               -- YYYY-MM-DD local
    kind       TEXT NOT NULL CHECK (kind IN ('off', 'work', 'removed')),
    note       TEXT NOT NULL DEFAULT '',
    desk_id    TEXT NOT NULL,
    at         TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_days_day ON calendar_days (day, at, id);
