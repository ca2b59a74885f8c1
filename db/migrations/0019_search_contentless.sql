-- The search index keeps only the index. Until now it also held a copy of each dossier's result line
-- (ten columns, ~550 B a dossier) and each row's token count (~50 B, used only to rank, which we never
-- do): 740 B a dossier, a quarter of the size a million-dossier store is allowed. Contentless
-- (content = '') with columnsize = 0 keeps the postings alone; a search reads the rowids from the
-- index, stopping at its LIMIT, and the result lines from `dossiers` by rowid (db.dossier_store).
-- The status and due date are then always the dossier's own: nothing to keep in step.
-- Rowids stay negated (newest first, migration 0006); one-letter prefixes stay (migration 0011).
-- Five-letter prefixes too: FTS5 answers a prefix longer than its longest prefix index by merging every
-- matching term's postings into memory first, and "87001" (the commune's code, in every dossier) or
-- "nguye" is most of a million postings: 35-130 ms a keystroke; with them, one posting list. +16 B a dossier.

CREATE VIRTUAL TABLE dossier_search_v19 USING fts5 (
    text,
    content = '',
    columnsize = 0,
    detail = full,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5'
);
INSERT INTO dossier_search_v19 (rowid, text) SELECT rowid, text FROM dossier_search ORDER BY rowid;
DROP TABLE dossier_search;
ALTER TABLE dossier_search_v19 RENAME TO dossier_search;
INSERT INTO dossier_search (dossier_search) VALUES ('optimize');
