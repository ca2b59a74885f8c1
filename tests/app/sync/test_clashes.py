"""Issue 11, finding 8: clashes are counted as open, listed, and settled by a leader; the settlement syncs.

Refused at one desk and returned at another: the hub must not count it as returned early; ``motcua
sync`` says how many clashes are open; ``motcua clashes`` lists them; a leader settles one and every
desk and the hub end with the same outcome.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main as motcua
from app.core import accounts
from app.core.clock import FixedClock
from app.core.errors import PermissionDenied
from app.sync import clashes
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    return any_hub


def _hub_row(hub: Hub, dossier_id: str) -> dict:
    store = hub.store()
    try:
        row = store.backend.one("SELECT status, outcome, clash FROM dossiers WHERE id = ?", (dossier_id,))
        [stats] = [c for c in store.commune_stats() if c["code"] == "87001"]
    finally:
        store.close()
    return dict(row, stats=stats)


def _clash(tmp_path: Path, clock: FixedClock, hub: Hub):
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    [code] = receive(a1, 1)
    a1.sync.run_once()
    a2.sync.run_once()
    a1.clock.advance(hours=1)
    a2.clock.advance(hours=2)
    a1.dossiers.act(code, "refused", a1.clerk(), reason="Hồ sơ không thuộc thẩm quyền")
    a2.dossiers.act(code, "returned", a2.clerk())  # returned a day early: would count as "early"
    for _ in range(2):
        a1.sync.run_once()
        a2.sync.run_once()
    return a1, a2, code


def test_an_open_clash_is_counted_as_open_not_as_returned_early(
    hub: Hub, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a1, a2, code = _clash(tmp_path, clock, hub)
    dossier = a1.dossiers.get(code)
    row = _hub_row(hub, dossier.id)
    assert (row["status"], row["outcome"], row["clash"]) == ("refused", None, 1)  # the first final event stands
    assert (row["stats"]["early"], row["stats"]["on_time"], row["stats"]["late"], row["stats"]["clashes"]) == (
        0,
        0,
        0,
        1,
    )
    assert a1.dossiers.get(code).status == a2.dossiers.get(code).status == "refused"
    path = str(a1.store.path)
    a1.close()
    assert motcua(["--db", path, "sync"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "1 hồ sơ có kết quả mâu thuẫn cần lãnh đạo xử lý (motcua clashes)"
    assert motcua(["--db", path, "sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["clashes_open"] == 1
    assert motcua(["--db", path, "clashes", "--lang", "en"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{code}\tRefused (desk 1, ") and "Returned (desk 2, " in line
    assert motcua(["--db", path, "clashes", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["code"], sorted(o["kind"] for o in listed["outcomes"])) == (code, ["refused", "returned"])
    a2.close()


def test_a_leader_settles_a_clash_and_the_settlement_syncs(
    hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a1, a2, code = _clash(tmp_path, clock, hub)
    dossier = a2.dossiers.get(code)
    returned = next(e for e in dossier.events if e.kind == "returned")
    clerk = accounts.add_clerk(
        a2.store,
        a2.clerk(),
        username="tiepnhan",
        full_name="Lê Thị Hoa",
        role="clerk",
        password="mật-khẩu-1",
        clock=a2.clock,
    )
    with pytest.raises(PermissionDenied):
        clashes.settle(a2, dossier.id, returned.id, clerk)
    path = str(a2.store.path)
    a2.close()
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    assert motcua(["--db", path, "clashes", "settle", code, "--keep", "returned", "--clerk", "admin"]) == 0
    assert capsys.readouterr().out.strip() == "returned"
    from app.desk import Desk

    a2 = Desk.open(Path(path), FixedClock(a1.clock.now()))
    assert clashes.open_clashes(a2) == [] and a2.sync.status().clashes == 0
    assert a2.sync.run_once().complete
    assert a1.sync.run_once().complete
    assert a1.dossiers.get(code).status == "returned"
    assert clashes.open_clashes(a1) == [] and a1.sync.status().clashes == 0
    row = _hub_row(hub, dossier.id)
    assert (row["status"], row["clash"], row["stats"]["clashes"]) == ("returned", 0, 0)
    assert row["outcome"] in ("early", "on_time")
    a1.close()
    a2.close()
