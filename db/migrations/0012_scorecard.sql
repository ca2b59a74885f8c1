-- The scorecard's counters (app/scorecard/counters.py): one summary per dossier and day counters that
-- the summaries add up to, both written in the transaction of the change that moves them. A store
-- with dossiers from before gets them from ``motcua maintain``; meta 'scorecard_counters' names the
-- version of the counting rules that built them.

CREATE TABLE scorecard_dossiers (
    dossier_id     TEXT PRIMARY KEY,
    code           TEXT NOT NULL,
    received_day   TEXT NOT NULL,            -- YYYY-MM-DD local
    channel        TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    clerk_id       TEXT NOT NULL,
    identity       INTEGER,                  -- 1 VNeID / population data, 0 not, NULL not recorded
    end_day        TEXT,                     -- NULL while running
    end_kind       TEXT,
    verdict        TEXT,                     -- early | on_time | late, once ended
    late_days      TEXT NOT NULL DEFAULT '', -- days it ran late before its end: "d1..d2,d3..d3"
    waiting_days   TEXT NOT NULL DEFAULT ''  -- days it waited for the citizen's supplement before its end
) WITHOUT ROWID;
-- The dossiers that cost a period its points: ended late, by end day.
CREATE INDEX scorecard_dossiers_late ON scorecard_dossiers (end_day, code) WHERE verdict = 'late';
-- ... and those that ran late before they ended, for a period that ended while they ran.
CREATE INDEX scorecard_dossiers_ran_late ON scorecard_dossiers (end_day) WHERE late_days != '';

-- Day counters that add up over a period (received, ended, ratings, not yet on the hub) ...
CREATE TABLE scorecard_counts (
    day  TEXT NOT NULL,                      -- YYYY-MM-DD local
    dim  TEXT NOT NULL,                      -- '' the unit, 'p' per procedure, 'c' per clerk
    key  TEXT NOT NULL,                      -- the procedure code or clerk id ('' for the unit)
    name TEXT NOT NULL,                      -- received:<channel>, ended:<verdict>:<kind>, rating, ...
    n    INTEGER NOT NULL,
    PRIMARY KEY (day, dim, key, name)
) WITHOUT ROWID;
-- ... the same by month, so a year reads twelve months and the odd days at its ends ...
CREATE TABLE scorecard_months (
    month TEXT NOT NULL,                     -- YYYY-MM
    dim   TEXT NOT NULL,
    key   TEXT NOT NULL,
    name  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (month, dim, key, name)
) WITHOUT ROWID;
-- ... and what was running at the end of a day among the dossiers that have ended since (a period
-- ending that day reads its one day).
CREATE TABLE scorecard_running (
    day  TEXT NOT NULL,
    dim  TEXT NOT NULL,
    key  TEXT NOT NULL,
    name TEXT NOT NULL,                      -- running, running_late, running_waiting
    n    INTEGER NOT NULL,
    PRIMARY KEY (day, dim, key, name)
) WITHOUT ROWID;

-- Indicator 1.4: the hub's acknowledgement moves 'unsynced' (dossiers created here that the hub does not
-- hold yet, by received day) in the same transaction, whoever moves it; back too, after a hub restore.
CREATE TRIGGER scorecard_acks_insert AFTER INSERT ON sync_acks
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > 0 AND o.seq <= NEW.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > 0 AND o.seq <= NEW.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER scorecard_acks_forward AFTER UPDATE OF acked_seq ON sync_acks
WHEN NEW.acked_seq > OLD.acked_seq AND EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > OLD.acked_seq AND o.seq <= NEW.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', -COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > OLD.acked_seq AND o.seq <= NEW.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER scorecard_acks_back AFTER UPDATE OF acked_seq ON sync_acks
WHEN NEW.acked_seq < OLD.acked_seq AND EXISTS (SELECT 1 FROM meta WHERE key = 'scorecard_counters')
BEGIN
    INSERT INTO scorecard_counts (day, dim, key, name, n)
    SELECT substr(d.received_at, 1, 10), '', '', 'unsynced', COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > NEW.acked_seq AND o.seq <= OLD.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 10)
    ON CONFLICT (day, dim, key, name) DO UPDATE SET n = n + excluded.n;
    INSERT INTO scorecard_months (month, dim, key, name, n)
    SELECT substr(d.received_at, 1, 7), '', '', 'unsynced', COUNT(*)
    FROM outbox o JOIN dossiers d ON d.id = o.entity_id
    WHERE o.db_id = NEW.db_id AND o.seq > NEW.acked_seq AND o.seq <= OLD.acked_seq AND o.entity = 'dossier' AND o.op = 'create'
      AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = o.db_id AND s.seq = o.seq)
    GROUP BY substr(d.received_at, 1, 7)
    ON CONFLICT (month, dim, key, name) DO UPDATE SET n = n + excluded.n;
END;
