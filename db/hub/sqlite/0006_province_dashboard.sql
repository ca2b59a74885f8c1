-- Province accounts for the dashboard and the JSON endpoints (argon2 hashes, as the desk's clerks).
CREATE TABLE province_users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);

-- A signed-in page (kind 'session', a cookie with an expiry) or a script's bearer token (kind 'token',
-- kept until revoked). Only the SHA-256 of the secret is kept.
CREATE TABLE province_sessions (
    secret_hash TEXT PRIMARY KEY,
    user_name   TEXT NOT NULL REFERENCES province_users (name),
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    expires_at  TEXT
);
CREATE INDEX province_sessions_user ON province_sessions (user_name);

-- Failed sign-ins, by name and by address, to slow down guessing (seconds since the epoch).
CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL,
    address   TEXT NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX login_failures_at ON login_failures (at);

-- The scorecard's counters (app/province/scorecard_counters.py), kept in the transaction of each push
-- as the desk keeps its own: one summary per dossier, counters by commune and day, by month, and of
-- the days a dossier ran past before it ended. Times in UTC ISO text with microseconds, so they sort.
CREATE TABLE scorecard_dossiers (
    dossier_id     TEXT PRIMARY KEY,
    commune_code   TEXT NOT NULL,
    code           TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    received_day   TEXT NOT NULL,
    channel        TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    clerk_id       TEXT NOT NULL,
    identity       INTEGER,
    end_day        TEXT,
    end_kind       TEXT,
    verdict        TEXT,
    late_days      TEXT NOT NULL DEFAULT '',
    waiting_days   TEXT NOT NULL DEFAULT '',
    last_event_at  TEXT NOT NULL,
    late_from      TEXT,
    waiting        INTEGER NOT NULL DEFAULT 0,
    live           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scorecard_dossiers_running ON scorecard_dossiers (commune_code, received_at) WHERE end_day IS NULL;
CREATE INDEX scorecard_dossiers_late ON scorecard_dossiers (commune_code, verdict, end_day);
CREATE INDEX scorecard_dossiers_verdict ON scorecard_dossiers (verdict, end_day);
CREATE INDEX scorecard_dossiers_past ON scorecard_dossiers (end_day) WHERE late_days != '';

CREATE TABLE scorecard_counts (
    commune_code TEXT NOT NULL,
    day          TEXT NOT NULL,
    dim          TEXT NOT NULL,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (commune_code, day, dim, key, name)
);
CREATE INDEX scorecard_counts_day ON scorecard_counts (day);

CREATE TABLE scorecard_months (
    commune_code TEXT NOT NULL,
    month        TEXT NOT NULL,
    dim          TEXT NOT NULL,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (commune_code, month, dim, key, name)
);
CREATE INDEX scorecard_months_month ON scorecard_months (month);

CREATE TABLE scorecard_running (
    commune_code TEXT NOT NULL,
    day          TEXT NOT NULL,
    dim          TEXT NOT NULL,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (commune_code, day, dim, key, name)
);
CREATE INDEX scorecard_running_day ON scorecard_running (day);

-- Whether the counters are complete (kept since the hub's first dossier, or rebuilt), and by which rules.
CREATE TABLE scorecard_state (
    id      INTEGER PRIMARY KEY,
    version TEXT NOT NULL
);
