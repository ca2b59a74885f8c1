"""Finding 6: a link that drops every few KB still delivers every change, exactly once."""

from __future__ import annotations

from pathlib import Path

from app.core.clock import FixedClock
from app.reception.demo import populate
from app.sync.pace import Pace
from tests.app.sync.helpers import enrolled_desk, hub_counts
from tests.app.sync.hub import Hub
from tests.app.sync.proxy import Proxy


def test_a_link_cut_every_few_kb_delivers_every_change_exactly_once(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    populate(desk, 300, seed=6)
    total = desk.store.outbox_count()
    sent, rounds = 0, 0
    with Proxy(hub.port) as proxy:
        desk.sync.sync_store.set_settings({"url": proxy.url})
        proxy.cut_every = (2 * 1024, 8 * 1024)
        while rounds < 3:  # a clerk's `motcua sync` may end early on a bad link and be run again
            rounds += 1
            report = desk.sync.run_once()
            sent += report.sent
            if report.complete:
                break
        assert report.complete, report
        assert proxy.cuts >= 3  # the link really did cut, more than once
    counts = hub_counts(hub)
    assert counts["changes"] == counts["distinct"] == total == sent
    assert counts["dossiers"] == 300
    # The batch size it settled on fits the link (a 300-dossier batch is about 7 KB).
    assert int(desk.sync.sync_store.setting("push_rows")) < 600
    # Another desk of the commune pulls them all through the same link: the pull shrinks too.
    other = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    received = 0
    with Proxy(hub.port) as proxy:
        other.sync.sync_store.set_settings({"url": proxy.url})
        proxy.cut_every = (2 * 1024, 8 * 1024)
        for _ in range(3):
            report = other.sync.run_once()
            received += report.received
            if report.complete:
                break
        assert report.complete and proxy.cuts >= 3, report
    assert received == total and other.dossiers.count() == 300
    desk.close()
    other.close()


def test_the_batch_halves_on_a_cut_down_to_one_and_grows_while_requests_get_through() -> None:
    from app.sync.errors import LinkCut

    waits: list[float] = []
    pace = Pace(500, high=1000, sleep=waits.append)
    sizes = []
    for _ in range(9):
        pace.cut(LinkCut("x", "x"))
        sizes.append(pace.rows)
    assert sizes == [250, 125, 62, 31, 15, 7, 3, 1, 1]
    assert max(waits) <= 1.0
    pace.success()
    pace.success()
    pace.success()
    assert pace.rows == 4 and pace.cuts == 0
    for _ in range(80):
        pace.success()
    assert pace.rows == 1000
    # A connection that ran out after carrying other requests says nothing about the batch's size;
    # a second cut in a row (now on a fresh connection) does.
    pace.cut(LinkCut("x", "x", fresh=False))
    assert pace.rows == 1000
    pace.cut(LinkCut("x", "x", fresh=False))
    assert pace.rows == 500
