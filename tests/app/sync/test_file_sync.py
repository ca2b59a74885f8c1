"""Scans to the hub and back, end to end with the real hub: through a link that cuts every 2-16 KB,
kept once by hash, opened at the other desk of the commune, refused to a desk of another commune."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.sync.errors import HubRefused
from db.blobs import folder_for
from db.hub.files import default_root
from tests.app.files.scanpages import a4_page, three_pages
from tests.app.sync.helpers import enrolled_desk
from tests.app.sync.hub import Hub
from tests.app.sync.proxy import Proxy
from tests.conftest import dossier_input


class Cutter:
    """Re-arms the proxy's cut every 2-16 KB of upload, for as long as it runs."""

    def __init__(self, proxy: Proxy, seed: int = 14) -> None:
        self.proxy, self.rnd, self.stop = proxy, random.Random(seed), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            if self.proxy.cut_after is None:
                self.proxy.cut_after = self.proxy.bytes_up + self.rnd.randint(2_048, 16_384)
            time.sleep(0.001)

    def __enter__(self) -> Cutter:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)
        self.proxy.cut_after = None


def hub_files(hub: Hub) -> list[Path]:
    root = default_root(hub.db)
    return [p for p in root.glob("??/*") if p.is_file()]


def test_a_scan_crosses_a_cutting_link_is_kept_once_and_only_its_commune_reads_it(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    b1 = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    clerk = a1.clerk()
    dossier = a1.dossiers.receive(dossier_input(), clerk)
    scan = a1.files.attach(dossier.code, three_pages(), clerk, document_no=1)
    with Proxy(hub.port) as proxy:
        a1.sync.sync_store.set_settings({"url": proxy.url})
        with Cutter(proxy):
            reports = [a1.sync.run_once() for _ in range(12)]
            while not reports[-1].complete and len(reports) < 40:
                reports.append(a1.sync.run_once())
        assert reports[-1].complete and proxy.cuts >= 20, (proxy.cuts, reports[-1])
        assert a1.file_sync().pending() == 0
    assert [p.stat().st_size for p in hub_files(hub)] == [scan.size]
    a1.sync.sync_store.set_settings({"url": hub.url})

    # The same bytes attached again, at the other desk, are not stored a second time.
    other = a2.dossiers.receive(dossier_input(), a2.clerk())
    assert a2.sync.run_once().complete
    at_a2 = a2.dossiers.get(dossier.code)
    record = a2.files.documents(at_a2)[0].current
    assert not a2.files.blobs.has(scan.sha256)
    assert a2.files.read(record) == a1.files.read(scan)  # fetched on demand, checked by hash
    a2.files.attach(other.code, three_pages(), a2.clerk(), document_no=1)
    assert a2.sync.run_once().complete
    assert len(hub_files(hub)) == 1

    # A desk of another commune gets nothing, whether or not it knows the hash.
    with b1.sync._client() as client, pytest.raises(HubRefused) as refused:
        b1.file_sync().fetch(client, scan.sha256)
    assert refused.value.status == 404
    assert not folder_for(b1.store.path).exists() or not b1.files.blobs.has(scan.sha256)


def test_bytes_on_the_wire_for_a_file_on_an_uncut_link(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    clerk = a1.clerk()
    dossier = a1.dossiers.receive(dossier_input(), clerk)
    assert a1.sync.run_once().complete  # the records first, so the proxy below counts the file alone
    scan = a1.files.attach(dossier.code, [(a4_page(7), "p.jpg")], clerk, document_no=1)
    sent = a1.sync.run_once()  # the attachment record
    assert sent.complete
    scan2 = a1.files.attach(dossier.code, [(a4_page(8), "q.jpg")], clerk, document_no=1)
    assert a1.sync.sync_store.pending_count() == 1
    # Send the record directly, then only the file through the counting proxy.
    a1.sync.push_files = lambda _client: 0
    assert a1.sync.run_once().complete
    with Proxy(hub.port) as proxy:
        a1.sync.sync_store.set_settings({"url": proxy.url})
        with a1.sync._client() as client:
            report = a1.file_sync().push(client)
        assert report.sent == 2 and report.cuts == 0
        ratio = proxy.bytes_up / (scan.size + scan2.size)
    assert ratio <= 1.02, ratio
