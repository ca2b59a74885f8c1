-- A citizen who closes the rating screen, or lets it time out, without choosing a face: recorded
-- once per dossier so the response rate (rated / offered) can be reported. Immutable like ratings;
-- a later rating of the same dossier still counts (the citizen came back to it).
CREATE TABLE rating_declines (
    id             TEXT PRIMARY KEY,
    dossier_id     TEXT NOT NULL UNIQUE,
    dossier_code   TEXT NOT NULL,
    procedure_code TEXT,
    clerk_id       TEXT,
    how            TEXT NOT NULL CHECK (how IN ('closed', 'timeout')),
    declined_at    TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX rating_declines_at ON rating_declines (declined_at);

CREATE TRIGGER rating_declines_no_update BEFORE UPDATE ON rating_declines
BEGIN
    SELECT RAISE(ABORT, 'declined ratings are immutable');
END;
CREATE TRIGGER rating_declines_no_delete BEFORE DELETE ON rating_declines
BEGIN
    SELECT RAISE(ABORT, 'declined ratings are immutable');
END;
