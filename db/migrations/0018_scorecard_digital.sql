-- The scorecard reads the digitised dossier and its fee (app/scorecard/digital.py): each dossier's
-- summary keeps its flags as bits (paper result, electronic result, digitised, reused, fee due, paid
-- online, paid by transfer ...), counted by received day as "digital:<flag>". The counting rules'
-- version moves to 2, so counters built before are rebuilt (``motcua maintain``) before they are read.
ALTER TABLE scorecard_dossiers ADD COLUMN digital INTEGER NOT NULL DEFAULT 0;
-- The dossiers of a period that cost 3.6 and 4.1-4.4 their points, first days first, without the table.
CREATE INDEX scorecard_dossiers_received ON scorecard_dossiers (received_day, code, digital);
