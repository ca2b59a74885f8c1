-- The scorecard's counters carry each dossier's scans, results and fee as the desk's do (its flags,
-- app.scorecard.digital), counted on its received day, so a province's year no longer reads every
-- attachment, fee and payment a desk sent. Counters kept before this are not read (their version moves
-- on) until `motcua-province rebuild-counters`.
ALTER TABLE scorecard_dossiers ADD COLUMN digital INTEGER NOT NULL DEFAULT 0;
-- The dossiers of a period that lack a flag, by received day then code (the codes that lost points).
CREATE INDEX scorecard_dossiers_received ON scorecard_dossiers (received_day, code, digital);
CREATE INDEX scorecard_dossiers_commune_received ON scorecard_dossiers (commune_code, received_day, code, digital);

-- Which dossier an attachment, fee or payment is about: the counters read one dossier's records.
ALTER TABLE changes ADD COLUMN dossier_id TEXT;
UPDATE changes SET dossier_id = payload::jsonb ->> 'dossier_id' WHERE entity IN ('attachment', 'fee', 'payment');
CREATE INDEX changes_dossier ON changes (dossier_id, pos) WHERE dossier_id IS NOT NULL;

-- The reads of a period cover themselves (index-only scans): at ten million dossiers a heap page per
-- running, late or straddling dossier read costs more than the rest of the report.
DROP INDEX scorecard_dossiers_running;
CREATE INDEX scorecard_dossiers_running ON scorecard_dossiers
    (commune_code, received_at, live, last_event_at, late_from, waiting, procedure_code, clerk_id, code, dossier_id)
    WHERE end_day IS NULL;
DROP INDEX scorecard_dossiers_late;
CREATE INDEX scorecard_dossiers_late ON scorecard_dossiers (commune_code, verdict, end_day, code);
DROP INDEX scorecard_dossiers_verdict;
CREATE INDEX scorecard_dossiers_verdict ON scorecard_dossiers (verdict, end_day, code);
DROP INDEX scorecard_dossiers_past;
CREATE INDEX scorecard_dossiers_past ON scorecard_dossiers (end_day, received_day, code, commune_code, dossier_id)
    WHERE late_days != '';
