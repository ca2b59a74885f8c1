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
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name TEXT NOT NULL,
    address   TEXT NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX login_failures_at ON login_failures (at);
