"""Scans to and from the hub, in resumable chunks, after the records.

Upload: for each file this desk attached that the hub has not taken whole, ask the hub how much it
holds, then send the rest in chunks; each chunk is fsynced at the hub before it is acknowledged, so a
cut loses only the chunk in flight. After a cut the same chunk is sent again at once without asking
where the hub is: a chunk that does not start where the hub's copy ends is not written, and the
answer says where to go on from. The chunk size adapts to the link (``Chunker``): 64 KB on a good
link (the per-request overhead under 1 %), settling near the size that wastes least on a link that
cuts every few KB. A file the hub holds whole is marked and never offered to that hub again.

Download: on demand, when a desk opens a document whose record arrived without its file; the bytes
are checked against the hash before they are kept.
"""

from __future__ import annotations

import hashlib
import math
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
from db.sync_store import SyncStore

MIN_CHUNK = 2 * 1024
MAX_CHUNK = 64 * 1024
OVERHEAD = 600  # bytes a chunk's request costs beyond its body (headers, signature, the answer's ack)
WEIGHT = 0.25  # of the last cut distance in the learned reach
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
    """The chunk size for this link. Every chunk costs a request's headers (about OVERHEAD bytes) and a
    cut loses the chunk in flight (half of one, on average): on a link that cuts every ``reach`` bytes
    the fewest bytes go up with chunks of sqrt(2 x OVERHEAD x reach), so the size follows the reach
    and settles as the reach's average does. ``reach`` is learned as a moving average of the bytes
    carried between cuts; when the link has carried twice its reach without one, the reach grows with
    it. Before any cut the size grows by a fifth a chunk, as the records' batches grow (app.sync.pace).
    The size and the reach are kept in the desk's settings: the next round starts where this one ended."""

    def __init__(self, size: int = MAX_CHUNK, reach: float | None = None) -> None:
        self.size = max(MIN_CHUNK, min(MAX_CHUNK, size))
        self.reach = reach
        self.run = 0  # bytes carried since the last cut

    def best(self) -> int:
        assert self.reach is not None
        return max(MIN_CHUNK, min(MAX_CHUNK, int(math.sqrt(2 * OVERHEAD * self.reach))))

    def cut(self, in_flight: int = 0) -> None:
        carried = self.run + (in_flight + OVERHEAD) / 2
        self.reach = carried if self.reach is None else (1 - WEIGHT) * self.reach + WEIGHT * carried
        self.run = 0
        self.size = self.best()

    def ok(self, sent: int = 0) -> None:
        self.run += sent + OVERHEAD
        if self.reach is None:
            self.size = min(MAX_CHUNK, max(self.size + MIN_CHUNK, self.size * 6 // 5))
            return
        if self.run > 2 * self.reach:
            self.reach = float(self.run)  # the link got better
        self.size = self.best()


class FileSync:
    def __init__(
        self,
        rows: AttachmentStore,
        blobs: BlobStore,
        clock: Clock,
        desk: DeskIdentity,
        hub: str,
        settings: SyncStore | None = None,
    ) -> None:
        self.rows = rows
        self.settings = settings  # where the chunk size learned on this link is kept
        self.blobs = blobs
        self.clock = clock
        self.desk = desk
        self.hub = hub  # the hub's address: what "sent" is remembered against

    def pending(self) -> int:
        return len(self.rows.to_upload(self.hub, self.desk.desk_id))

    def push(self, client: HubClient, chunker: Chunker | None = None) -> FileReport:
        """Send every file the hub lacks; stop at the first file the link will not carry this round."""
        report, chunker = FileReport(), chunker or self.chunker()
        todo = [sha for sha, _size in self.rows.to_upload(self.hub, self.desk.desk_id) if self.blobs.has(sha)]
        try:
            for i, sha in enumerate(todo):
                if not self._send_file(client, sha, chunker, report):
                    report.pending = len(todo) - i
                    break
        finally:
            self.keep(chunker)
        return report

    def chunker(self) -> Chunker:
        """The chunk size and reach this link last settled on (64 KB and unknown on a new desk)."""
        if self.settings is None:
            return Chunker()
        size = self.settings.setting("file_chunk")
        reach = self.settings.setting("file_reach")
        return Chunker(int(size) if size else MAX_CHUNK, float(reach) if reach else None)

    def keep(self, chunker: Chunker) -> None:
        if self.settings is not None:
            values = {"file_chunk": str(chunker.size)}
            if chunker.reach is not None:
                values["file_reach"] = f"{chunker.reach:.0f}"
            self.settings.set_settings(values)

    def _send_file(self, client: HubClient, sha: str, chunker: Chunker, report: FileReport) -> bool:
        data = self.blobs.get(sha)  # checked against its hash: a damaged file is never sent
        failures = 0
        state: dict[str, Any] | None = None
        piece = b""
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
                chunker.ok(len(piece))
                failures = 0
            except HubUnreachable:
                report.cuts += 1
                failures += 1
                chunker.cut(len(piece))
                # ``state`` still says where this desk was: sent again from there, and the hub's answer
                # corrects it if the chunk had landed before the cut.
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
            chunker.ok(len(piece))
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
