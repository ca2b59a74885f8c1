"""The digitised dossier: a file for each document (or why it has none), and the electronic result.

Circular 03/2025 Art. 5: paper documents are scanned at reception, except (a) dossiers filed online,
(b) papers only shown for checking, (c) verification results from agencies in the processing,
(d) confidential papers. Each document therefore records a file or one of those four reasons, and
whether its file was reused from an earlier dossier of the same citizen (Decision 766, 4.3).

The file is written durably (db.blobs) before the record that names it, in that order, so a crash
never leaves a record pointing at a missing or partial file. Records sync as entity ``attachment``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core import history, settings, text
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import InvalidTransition, MotcuaError, NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.files import scans
from app.reception.records import Dossier
from db.attachment_store import AttachmentStore
from db.blobs import BlobDamaged, BlobMissing, BlobStore, folder_for
from db.ids import new_id
from db.store import Store

EXEMPTIONS: dict[str, tuple[str, str]] = {
    "online": ("Hồ sơ nộp trực tuyến", "Filed online"),
    "shown_only": ("Chỉ xuất trình để đối chiếu", "Only shown for checking"),
    "verified_by_agency": ("Kết quả xác minh của cơ quan khác", "Verified by another agency"),
    "confidential": ("Tài liệu mật", "Confidential"),
}
RESULT_STATUSES = frozenset({"done", "returned"})
MAX_NAME = 200


class FileUnreadable(MotcuaError):
    def __init__(self, name: str, damaged: bool) -> None:
        if damaged:
            super().__init__(
                f"Tệp «{name}» đã bị hỏng (không khớp mã băm); hãy quét lại giấy tờ này.",
                f"The file '{name}' is damaged (its hash does not match); scan this document again.",
            )
        else:
            super().__init__(
                f"Không tìm thấy tệp «{name}» trên máy này; nó sẽ có khi đồng bộ xong.",
                f"The file '{name}' is not on this computer; it will be once sync has brought it.",
            )


class NoSuchDocument(ValidationError):
    def __init__(self, number: int, count: int) -> None:
        super().__init__(
            f"Hồ sơ có {count} giấy tờ; không có giấy tờ số {number}.",
            f"The dossier has {count} documents; there is no document {number}.",
            field="document",
        )


@dataclass(frozen=True)
class Attachment:
    id: str
    dossier_id: str
    role: str  # document | result
    document_no: int | None
    sha256: str | None
    size: int
    pages: int
    media_type: str
    name: str
    exemption: str
    reused_from: str
    clerk_id: str
    at: datetime

    @property
    def has_file(self) -> bool:
        return self.sha256 is not None

    def exemption_label(self, lang: str = "vi") -> str:
        vi, en = EXEMPTIONS.get(self.exemption, ("", ""))
        return en if lang == "en" else vi


@dataclass(frozen=True)
class DocumentFiles:
    """One line of the dossier's file list: the document and what it has (None: nothing yet)."""

    number: int
    name: str
    current: Attachment | None


@dataclass(frozen=True)
class ReuseOffer:
    """A file of an earlier dossier of the same citizen that may serve again."""

    attachment: Attachment
    dossier_code: str
    document_name: str
    received_at: str


def _attachment(row: Mapping[str, Any]) -> Attachment:
    return Attachment(
        id=row["id"],
        dossier_id=row["dossier_id"],
        role=row["role"],
        document_no=row["document_no"],
        sha256=row["sha256"],
        size=row["size"],
        pages=row["pages"],
        media_type=row["media_type"],
        name=row["name"],
        exemption=row["exemption"],
        reused_from=row["reused_from"],
        clerk_id=row["clerk_id"],
        at=parse_iso(row["at"]),
    )


class AttachmentService:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity, dossier: Callable[[str], Dossier]) -> None:
        if store.path is None:
            raise ValueError("attachments need a store on disk (their files live beside it)")
        self.store = store
        self.rows = AttachmentStore(store)
        self.blobs = BlobStore(folder_for(store.path))
        self.clock = clock
        self.desk = desk
        self._dossier = dossier
        # sha → bytes from the hub, or None when there is no hub (set by the Desk; app.sync.file_sync).
        self.fetcher: Callable[[str], bytes | None] | None = None
        # The scorecard's counters follow the dossier, in the record's transaction (set by the Desk).
        self.follow: Callable[[str], None] | None = None

    @property
    def max_mb(self) -> int:
        value = settings.get(self.store, "files.max_mb")
        return int(value) if value else scans.DEFAULT_MAX_MB

    # Writing

    def _check_target(self, dossier: Dossier, document_no: int | None, result: bool) -> None:
        if result:
            if dossier.status not in RESULT_STATUSES:
                raise InvalidTransition(
                    "Chỉ đính kèm bản điện tử của kết quả khi hồ sơ đã có kết quả.",
                    "The electronic result is attached only once the dossier has its result.",
                )
            return
        count = len(dossier.documents)
        if document_no is None or not 1 <= document_no <= count:
            raise NoSuchDocument(document_no or 0, count)

    def _record(
        self, dossier: Dossier, clerk: Clerk, *, document_no: int | None, result: bool, **values: Any
    ) -> Attachment:
        now = self.clock.now()
        row = {
            "id": new_id(),
            "dossier_id": dossier.id,
            "role": "result" if result else "document",
            "document_no": None if result else document_no,
            "sha256": None,
            "size": 0,
            "pages": 0,
            "media_type": "",
            "name": "",
            "exemption": "",
            "reused_from": "",
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
            "at": iso(now),
            "created_at": iso(now),
            **values,
        }
        with self.store.transaction():
            history.record(self.store, history.ATTACHMENT, row, write=lambda: self.rows.insert(row))
            if self.follow is not None:
                self.follow(dossier.id)
        return _attachment(row)

    def attach(
        self,
        code: str,
        files: Sequence[tuple[bytes, str]],
        clerk: Clerk,
        *,
        document_no: int | None = None,
        result: bool = False,
    ) -> Attachment:
        """Keep the scan of one document (or the result): the file first, durably, then its record."""
        dossier = self._dossier(code)
        self._check_target(dossier, document_no, result)
        scan = scans.prepare(files, self.max_mb)
        sha = self.blobs.put(scan.data)  # durable (fsynced, renamed, folder fsynced) before the record
        name = text.nfc(Path(files[0][1]).name)[:MAX_NAME] if files[0][1] else ""
        return self._record(
            dossier,
            clerk,
            document_no=document_no,
            result=result,
            sha256=sha,
            size=len(scan.data),
            pages=scan.pages,
            media_type=scan.media_type,
            name=name,
        )

    def attach_paths(
        self,
        code: str,
        paths: Sequence[str | Path],
        clerk: Clerk,
        *,
        document_no: int | None = None,
        result: bool = False,
    ) -> Attachment:
        files = []
        for path in paths:
            try:
                files.append((Path(path).read_bytes(), Path(path).name))
            except OSError:
                raise ValidationError(
                    f"Không đọc được tệp {path}.", f"Cannot read the file {path}.", field="file"
                ) from None
        return self.attach(code, files, clerk, document_no=document_no, result=result)

    def exempt(self, code: str, document_no: int, reason: str, clerk: Clerk) -> Attachment:
        """Record why a document has no file (one of Art. 5's four exemptions)."""
        if reason not in EXEMPTIONS:
            raise ValidationError(
                f"Lý do không số hóa phải là một trong: {', '.join(EXEMPTIONS)}.",
                f"The reason for no file must be one of: {', '.join(EXEMPTIONS)}.",
                field="exemption",
            )
        dossier = self._dossier(code)
        self._check_target(dossier, document_no, False)
        return self._record(dossier, clerk, document_no=document_no, result=False, exemption=reason)

    def reuse(self, code: str, document_no: int, attachment_id: str, clerk: Clerk) -> Attachment:
        """Use a file of an earlier dossier of the same citizen for this document (no new scan)."""
        dossier = self._dossier(code)
        self._check_target(dossier, document_no, False)
        source = self.rows.by_id(attachment_id)
        if source is None or source["sha256"] is None:
            raise NotFound("Không tìm thấy tệp để dùng lại.", "The file to reuse was not found.", field="attachment")
        earlier = self.rows.dossier_row(source["dossier_id"])
        if earlier is None or not dossier.applicant.cccd or earlier["applicant_cccd"] != dossier.applicant.cccd:
            raise ValidationError(
                "Chỉ dùng lại được giấy tờ của chính công dân này (cùng số CCCD).",
                "Only papers of the same citizen (same CCCD) can be reused.",
                field="attachment",
            )
        self._read_checked(source["sha256"], source["name"])  # never point at a file that is not here and whole
        return self._record(
            dossier,
            clerk,
            document_no=document_no,
            result=False,
            sha256=source["sha256"],
            size=source["size"],
            pages=source["pages"],
            media_type=source["media_type"],
            name=source["name"],
            reused_from=source["dossier_id"],
        )

    # Reading

    def records(self, dossier: Dossier) -> list[Attachment]:
        return [_attachment(r) for r in self.rows.of_dossier(dossier.id)]

    def documents(self, dossier: Dossier) -> list[DocumentFiles]:
        """Each document with its latest record (the receipt's order, counted from 1)."""
        latest: dict[int, Attachment] = {}
        for item in self.records(dossier):
            if item.role == "document" and item.document_no is not None:
                latest[item.document_no] = item
        return [DocumentFiles(i, doc.name, latest.get(i)) for i, doc in enumerate(dossier.documents, 1)]

    def result(self, dossier: Dossier) -> Attachment | None:
        found = [a for a in self.records(dossier) if a.role == "result"]
        return found[-1] if found else None

    def digitised(self, dossier: Dossier) -> bool:
        """Every document that is not exempt has a file (CLI.md's ``counts.digitised``)."""
        return all(d.current is not None for d in self.documents(dossier))

    def reusable(self, dossier: Dossier) -> list[ReuseOffer]:
        """Files of the citizen's earlier dossiers (known by CCCD), newest first, one per file."""
        if not dossier.applicant.cccd:
            return []
        return self.reusable_by_cccd(dossier.applicant.cccd, dossier.id)

    def reusable_by_cccd(self, cccd: str, except_dossier: str = "") -> list[ReuseOffer]:
        """The same, at reception: offered as soon as the CCCD is typed, before the dossier exists."""
        import json

        offers, seen = [], set()
        for row in self.rows.files_of_citizen(cccd, except_dossier):
            if row["sha256"] in seen:
                continue
            seen.add(row["sha256"])
            docs = json.loads(row["dossier_documents"] or "[]")
            no = row["document_no"]
            name = docs[no - 1]["name"] if no and 0 < no <= len(docs) else row["name"]
            offers.append(ReuseOffer(_attachment(row), row["dossier_code"], name, row["dossier_received"]))
        return offers

    def _read_checked(self, sha: str, name: str, *, fetch: bool = True) -> bytes:
        try:
            return self.blobs.get(sha)
        except BlobMissing:
            fetched = self._fetch(sha) if fetch else None
            if fetched is None:
                raise FileUnreadable(name or sha[:12], damaged=False) from None
            return fetched
        except BlobDamaged:
            raise FileUnreadable(name or sha[:12], damaged=True) from None

    def _fetch(self, sha: str) -> bytes | None:
        """Bring a file whose record came from another desk; None if the hub cannot give it now."""
        if self.fetcher is None:
            return None
        try:
            return self.fetcher(sha)
        except MotcuaError:
            return None

    def here(self, attachment: Attachment) -> bool:
        """The file is on this computer (else reading it fetches it from the hub: a slow link's time)."""
        return attachment.sha256 is not None and self.blobs.has(attachment.sha256)

    def read(self, attachment: Attachment, *, fetch: bool = True) -> bytes:
        """The file's bytes, checked against their hash; one that synced without its file is fetched
        from the hub unless ``fetch`` is False (a thumbnail must not wait for a slow link)."""
        if attachment.sha256 is None:
            raise NotFound("Giấy tờ này không có tệp.", "This document has no file.", field="attachment")
        return self._read_checked(attachment.sha256, attachment.name, fetch=fetch)

    def hashes(self) -> list[str]:
        """Every file a record names (what a backup must carry)."""
        return self.rows.all_hashes()

    def backup_files(self, target_store: str | Path) -> int:
        """Copy every named file beside a backup of the store, so the backup restores whole."""
        present = [sha for sha in self.hashes() if self.blobs.has(sha)]
        return self.blobs.copy_to(folder_for(target_store), present)
