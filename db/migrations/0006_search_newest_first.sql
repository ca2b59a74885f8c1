-- The search index stores each dossier under its negated rowid, so the index's natural (ascending)
-- order is newest first: a search reads forward and stops at the limit, which FTS5 does about twice
-- as fast as reading backward with ORDER BY rowid DESC.

CREATE VIRTUAL TABLE dossier_search_v6 USING fts5 (
    text,
    id UNINDEXED,
    code UNINDEXED,
    applicant_name UNINDEXED,
    applicant_cccd UNINDEXED,
    applicant_phone UNINDEXED,
    procedure_code UNINDEXED,
    procedure_name UNINDEXED,
    status UNINDEXED,
    received_at UNINDEXED,
    due_at UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO dossier_search_v6 (rowid, text, id, code, applicant_name, applicant_cccd, applicant_phone,
                               procedure_code, procedure_name, status, received_at, due_at)
SELECT -rowid, text, id, code, applicant_name, applicant_cccd, applicant_phone, procedure_code, procedure_name,
       status, received_at, due_at
FROM dossier_search ORDER BY rowid DESC;
DROP TABLE dossier_search;
ALTER TABLE dossier_search_v6 RENAME TO dossier_search;
INSERT INTO dossier_search (dossier_search) VALUES ('optimize');
