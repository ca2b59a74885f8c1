"""Queries for attachments: the file (by hash) or the exemption of each document of a dossier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.store import Store

COLUMNS = (
    "id",
    "dossier_id",
    "role",
    "document_no",
    "sha256",
    "size",
    "pages",
    "media_type",
    "name",
    "exemption",
    "reused_from",
    "clerk_id",
    "desk_id",
    "at",
    "created_at",
)


class AttachmentStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    def insert(self, row: Mapping[str, Any]) -> None:
        """Call inside a transaction, with the outbox entry; a record pulled twice is kept once."""
        self.conn.execute(
            f"INSERT OR IGNORE INTO attachments ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            [row[c] for c in COLUMNS],
        )

    def of_dossier(self, dossier_id: str) -> list[dict[str, Any]]:
        """Every record of the dossier, oldest first (the latest per document is in force)."""
        rows = self.conn.execute(
            "SELECT * FROM attachments WHERE dossier_id = ? ORDER BY at, created_at, id", (dossier_id,)
        )
        return [dict(r) for r in rows]

    def files_of_citizen(self, cccd: str, except_dossier: str) -> list[dict[str, Any]]:
        """Files attached to the documents of the citizen's earlier dossiers, newest first, with the
        dossier's code and document list (to name what each file is)."""
        rows = self.conn.execute(
            "SELECT a.*, d.code AS dossier_code, d.documents AS dossier_documents, d.received_at AS dossier_received "
            "FROM attachments a JOIN dossiers d ON d.id = a.dossier_id "
            "WHERE d.applicant_cccd = ? AND d.id != ? AND a.sha256 IS NOT NULL AND a.role = 'document' "
            "ORDER BY d.received_at DESC, a.at DESC",
            (cccd, except_dossier),
        )
        return [dict(r) for r in rows]

    def dossier_row(self, dossier_id: str) -> dict[str, Any] | None:
        return self.store.one("SELECT id, code, applicant_cccd FROM dossiers WHERE id = ?", (dossier_id,))

    def to_upload(self, hub: str, desk_id: str) -> list[tuple[str, int]]:
        """(hash, size) of the files this desk attached that the hub has not taken whole yet, oldest first."""
        rows = self.conn.execute(
            "SELECT sha256, MAX(size) AS size, MIN(created_at) AS first FROM attachments "
            "WHERE sha256 IS NOT NULL AND desk_id = ? AND reused_from = '' "
            "AND sha256 NOT IN (SELECT sha256 FROM file_uploads WHERE hub = ?) GROUP BY sha256 ORDER BY first",
            (desk_id, hub),
        )
        return [(r["sha256"], r["size"]) for r in rows]

    def mark_uploaded(self, hub: str, sha: str, now: str) -> None:
        with self.store.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO file_uploads (hub, sha256, done_at) VALUES (?, ?, ?)", (hub, sha, now)
            )

    def all_hashes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT sha256 FROM attachments WHERE sha256 IS NOT NULL")]

    def by_id(self, attachment_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
        return dict(row) if row else None
