-- Seals: a desk's signature over a range of its own changes (app.sync.protocol.seal_message), kept and
-- served with pulled changes, so that another desk of the commune can hand a restored hub the changes it
-- lost of a desk that no longer syncs. ``missing`` lists the leaves of the range the change log does not
-- hold (changes the hub refused), as JSON [[seq, leaf hex], ...]: a relaying desk cannot have them.
CREATE TABLE seals (
    db_id        TEXT NOT NULL,
    first_seq    BIGINT NOT NULL,
    last_seq     BIGINT NOT NULL,
    desk_id      TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    signature    TEXT NOT NULL,
    missing      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (db_id, first_seq, last_seq)
);

-- Code floors after a restore: each desk reports, on its first contact with a new hub identity, the
-- highest code of each day it knows (its own and those it pulled); the hub hands a desk its floors only
-- once every active desk of the commune has reported, or an administrator said to go on.
CREATE TABLE floor_reports (
    desk_id     TEXT NOT NULL,
    hub_id      TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (desk_id, hub_id)
);
CREATE TABLE code_floors (
    commune_code TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    code         TEXT NOT NULL,
    PRIMARY KEY (commune_code, prefix)
);
