-- The hub's database identity (as a desk has one): renewed when the hub finds it was restored from an
-- older backup, so that desks re-send what it lost. Published in /health and with acknowledgements.
CREATE TABLE hub_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
