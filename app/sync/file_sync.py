"""Scans to and from the hub, in resumable chunks, after the records.

Upload: for each file this desk attached that the hub has not taken whole, ask the hub how much it
holds, then send the rest in chunks; each chunk is fsynced at the hub before it is acknowledged, so a
cut loses only the chunk in flight and the next attempt resumes at the hub's offset. The chunk size
adapts to the link: it starts at 64 KB (where the per-request overhead is under 1 %), halves after a
cut (down to 2 KB, so a link that cuts every few KB still moves) and grows by 2 KB after each chunk
that got through. A file the hub holds whole is marked and never offered to that hub again.

Download: on demand, when a desk opens a document whose record arrived without its file; the bytes
are checked against the hash before they are kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from app.core.clock import Clock, iso
from app.core.records import DeskIdentity
from app.sync.client import HubClient
from app.sync.errors import HubRefused, HubUnreachable
from app.sync.service import Progress, SyncHost, SyncReport, SyncService
from db.attachment_store import AttachmentStore
from db.blobs import BlobStore, sha256_hex

MIN_CHUNK = 2 * 1024
MAX_CHUNK = 64 * 1024
MAX_FAILURES = 24  # cuts in a row on one round before giving up until the next round
OCTETS = "application/octet-stream"


def file_state(client: HubClient, sha: str) -> dict[str, Any]:
    return client._send("GET", f"/v1/files/{sha}/upload").json()


def send_chunk(client: HubClient, sha: str, offset: int, size: int, data: bytes) -> dict[str, Any]:
    params = {"offset": offset, "size": size}
    return client._send("PUT", f"/v1/files/{sha}/upload", params=params, body=data, content_type=OCTETS).json()


def fetch_chunk(client: HubClient, sha: str, offset: int, limit: int) -> tuple[bytes, int]:
    response = client._send("GET", f"/v1/files/{sha}", params={"offset": offset, "limit": limit})
    return response.content, int(response.headers.get("x-motcua-size", "0"))


@dataclass
class FileReport:
    sent: int = 0  # files the hub now holds whole
    bytes_sent: int = 0
    pending: int = 0  # files still to send (the link failed)
    cuts: int = 0


class Chunker:
    """The chunk size for this link, as TCP sizes its window: halves after a cut, grows by 2 KB after
    each chunk that got through, so on a link that cuts every few KB it settles just under the cut
    distance instead of overshooting it again and again."""

    def __init__(self, size: int = MAX_CHUNK) -> None:
        self.size = size

    def cut(self) -> None:
        self.size = max(MIN_CHUNK, self.size // 2)

    def ok(self) -> None:
        self.size = min(MAX_CHUNK, self.size + MIN_CHUNK)


class FileSync:
    def __init__(self, rows: AttachmentStore, blobs: BlobStore, clock: Clock, desk: DeskIdentity, hub: str) -> None:
        self.rows = rows
        self.blobs = blobs
        self.clock = clock
        self.desk = desk
        self.hub = hub  # the hub's address: what "sent" is remembered against

    def pending(self) -> int:
        return len(self.rows.to_upload(self.hub, self.desk.desk_id))

    def push(self, client: HubClient, chunker: Chunker | None = None) -> FileReport:
        """Send every file the hub lacks; stop at the first file the link will not carry this round."""
        report, chunker = FileReport(), chunker or Chunker()
        todo = [sha for sha, _size in self.rows.to_upload(self.hub, self.desk.desk_id) if self.blobs.has(sha)]
        for i, sha in enumerate(todo):
            if not self._send_file(client, sha, chunker, report):
                report.pending = len(todo) - i
                break
        return report

    def _send_file(self, client: HubClient, sha: str, chunker: Chunker, report: FileReport) -> bool:
        data = self.blobs.get(sha)  # checked against its hash: a damaged file is never sent
        failures = 0
        state: dict[str, Any] | None = None
        while True:
            try:
                if state is None:
                    state = file_state(client, sha)
                if state.get("complete"):
                    self.rows.mark_uploaded(self.hub, sha, iso(self.clock.now()))
                    report.sent += 1
                    return True
                offset = int(state["offset"])
                piece = data[offset : offset + chunker.size]
                state = send_chunk(client, sha, offset, len(data), piece)
                report.bytes_sent += len(piece)
                chunker.ok()
                failures = 0
            except HubUnreachable:
                report.cuts += 1
                failures += 1
                chunker.cut()
                state = None  # ask where the hub is: the chunk may or may not have landed
                if failures >= MAX_FAILURES:
                    return False

    def fetch(self, client: HubClient, sha: str, chunker: Chunker | None = None) -> bytes:
        """The file from the hub, resumably; kept here once its bytes hash to its name."""
        chunker = chunker or Chunker()
        parts: list[bytes] = []
        got, size, failures = 0, None, 0
        while size is None or got < size:
            try:
                piece, size = fetch_chunk(client, sha, got, chunker.size)
            except HubUnreachable:
                failures += 1
                chunker.cut()
                if failures >= MAX_FAILURES:
                    raise
                continue
            if not piece and got < size:
                raise HubRefused("bad_payload", 422)
            parts.append(piece)
            got += len(piece)
            chunker.ok()
            failures = 0
        data = b"".join(parts)
        if hashlib.sha256(data).hexdigest() != sha:
            raise HubRefused("bad_payload", 422)
        self.blobs.put(data)
        return data


def fetcher(file_sync: Callable[[], FileSync], client: Callable[[], HubClient]) -> Callable[[str], bytes]:
    """What AttachmentService calls for a file it does not have: fetch it from the hub."""

    def fetch(sha: str) -> bytes:
        with client() as hub:
            data = file_sync().fetch(hub, sha)
        assert sha256_hex(data) == sha
        return data

    return fetch


class SyncWithFiles(SyncService):
    """The sync round with the scans after the records (after the province data, the round's last
    step), so a slow file never holds up the figures; the round is complete only when they are sent."""

    def __init__(self, desk: SyncHost, push_files: Callable[[HubClient], int], **options: Any) -> None:
        super().__init__(desk, **options)
        self.push_files = push_files  # sends what the hub lacks; returns how many files are left
        self.files_pending = 0

    def _province(self, client: HubClient) -> None:
        super()._province(client)
        self.files_pending = self.push_files(client)

    def run_once(self, progress: Progress | None = None) -> SyncReport:
        self.files_pending = 0
        report = super().run_once(progress)
        if not self.files_pending:
            return report
        return replace(report, pending=report.pending + self.files_pending, complete=False)
