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
