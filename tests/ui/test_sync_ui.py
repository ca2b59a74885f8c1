"""Sync in the window against the real hub on loopback: schedule and backoff, progress bar, per-record state."""

from __future__ import annotations

import json
import random

from PySide6.QtCore import Qt

from app.desk import Desk
from app.reception.register import Register
from app.sync import codec
from app.sync.service import Backoff
from tests.app.sync import conftest as sync_fixtures
from tests.app.sync.helpers import receive
from tests.app.sync.hub import Hub, free_port
from ui.register_model import RegisterModel
from ui.sync_status import SyncIndicator

# The real hub of tests/sync (pytest names a fixture by the attribute that holds it).
live_hub, hub_db = sync_fixtures.hub, sync_fixtures.hub_db
CONFLICT = "Máy chủ tỉnh đã nhận thay đổi này với nội dung khác; cần người kiểm tra."


def _round(qtbot, indicator: SyncIndicator, start=None) -> tuple:
    with qtbot.waitSignal(indicator.round_done, timeout=30_000) as done:
        assert (start or indicator.start)() is not False
    return tuple(done.args)


def _sync_now(qtbot, window) -> tuple:
    qtbot.waitUntil(lambda: not window.sync.running, timeout=30_000)  # the round started at sign-in
    return _round(qtbot, window.sync)


def test_backoff_while_the_hub_is_unreachable_then_the_interval_after_success(qtbot, desk: Desk, live_hub: Hub) -> None:
    receive(desk, 1)
    desk.sync.sync_store.set_settings({"url": f"http://127.0.0.1:{free_port()}"})  # nothing listens there
    indicator = SyncIndicator(desk, interval_ms=60_000, backoff=Backoff(rng=random.Random(7)))
    twin = Backoff(rng=random.Random(7))
    texts: list[str] = []
    indicator.text_changed.connect(texts.append)

    report, status = _round(qtbot, indicator, indicator.schedule)
    first = int(twin.failure() * 1000)
    assert report.error.startswith("Không kết nối được máy chủ tỉnh")
    assert (status.state, status.pending) == ("offline", 2)
    assert (indicator.next_ms, indicator.timer.isActive(), indicator.timer.interval()) == (first, True, first)
    assert 11_250 <= first <= 18_750
    assert texts[-1] == (
        "Đồng bộ: mất kết nối với tỉnh, 2 bản ghi chờ gửi (lần cuối: chưa lần nào); "
        f"thử lại sau {round(first / 1000)} giây"
    )

    assert indicator.start() is True  # "sync now" does not wait for the timer
    assert indicator.timer.isActive() is False
    assert indicator.start() is False  # never two rounds at once
    with qtbot.waitSignal(indicator.round_done, timeout=30_000):
        pass
    second = int(twin.failure() * 1000)
    assert (indicator.next_ms, indicator.backoff.failures, indicator.timer.interval()) == (second, 2, second)
    assert 22_500 <= second <= 37_500

    desk.sync.enroll(live_hub.url, live_hub.token("87001", 1))  # the hub is back
    report, status = _round(qtbot, indicator)
    assert (report.error, report.sent, status.state, status.pending) == (None, 2, "ok", 0)
    assert (indicator.next_ms, indicator.backoff.failures, indicator.timer.interval()) == (60_000, 0, 60_000)
    assert indicator.timer.isActive()
    assert texts[-1] == "Đồng bộ: đã xong lúc 09:03"
    indicator.stop()
    assert indicator.timer.isActive() is False


def test_a_round_from_the_window_shows_progress_and_each_dossier_goes_from_pending_to_sent(
    qtbot, signed_in, desk: Desk, live_hub: Hub
) -> None:
    desk.sync.enroll(live_hub.url, live_hub.token("87001", 1))
    codes = receive(desk, 3)
    signed_in.show_section("return")
    panel = signed_in.returns.panel
    signed_in.returns.open_code(codes[0])
    assert panel.fields["sync"].text() == "chờ gửi"
    signed_in.dossiers.refresh()
    model = signed_in.dossiers.model
    sync_cell = model.index(0, RegisterModel.COL_SYNC)
    assert model.data(sync_cell) is None  # looked up at the next turn of the event loop, then shown
    qtbot.waitUntil(lambda: model.data(sync_cell) == "chờ gửi")
    assert model.data(sync_cell, RegisterModel.SyncRole) == "pending"

    bar = signed_in.sync.bar
    seen: list[tuple[bool, int, int]] = []
    signed_in.sync.progressed.connect(lambda _d, _t: seen.append((bar.isVisible(), bar.value(), bar.maximum())))
    assert bar.isVisible() is False
    report, status = _sync_now(qtbot, signed_in)
    assert (report.sent, report.pending, status.state) == (6, 0, "ok")
    assert seen[0] == (True, 6, 6)
    assert all(visible for visible, _, _ in seen)
    assert bar.isVisible() is False
    assert signed_in.sync_label.text() == "Đồng bộ: đã xong lúc 09:09"
    assert panel.fields["sync"].text() == "đã gửi"
    qtbot.waitUntil(lambda: [model.data(model.index(r, RegisterModel.COL_SYNC)) for r in range(3)] == ["đã gửi"] * 3)


def test_a_record_the_hub_refused_shows_its_reason_in_the_panel_the_register_and_the_dialog(
    qtbot, signed_in, desk: Desk, live_hub: Hub
) -> None:
    desk.sync.enroll(live_hub.url, live_hub.token("87001", 1))
    [code] = receive(desk, 1)
    row = desk.store.outbox()[0]
    forged = {
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "op": "create",
        "payload": dict(json.loads(row["payload"]), notes="nội dung khác"),
        "created_at": row["created_at"],
    }
    with desk.sync._client() as client:  # other content under this desk's first change reached the hub first
        client.push(codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, [forged]))
    signed_in.show_section("return")
    panel = signed_in.returns.panel
    signed_in.returns.open_code(code)
    assert panel.fields["sync"].text() == "chờ gửi"

    report, status = _sync_now(qtbot, signed_in)
    assert (report.sent, report.refused, status.state, status.errors) == (1, 1, "error", 1)
    assert panel.fields["sync"].text() == f"lỗi — {CONFLICT}"
    assert signed_in.sync_label.text() == "Đồng bộ: lần cuối lúc 09:03, 0 bản ghi chờ gửi, 1 lỗi (Tệp → Lỗi đồng bộ…)"
    signed_in.show_section("dossiers")
    model = signed_in.dossiers.model
    cell = model.index(0, RegisterModel.COL_SYNC)
    qtbot.waitUntil(lambda: model.data(cell) == "lỗi")
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == CONFLICT

    dialog = signed_in.show_sync_problems()
    qtbot.addWidget(dialog)
    assert dialog.errors.rowCount() == 1
    assert [dialog.errors.item(0, c).text() for c in (0, 2)] == [f"Hồ sơ {code}", CONFLICT]
    assert dialog.clashes.rowCount() == 0
    assert dialog.summary.text().startswith("1 bản ghi bị từ chối, 0 hồ sơ cần kiểm tra.")
    dialog.close()


def test_the_sync_column_reads_only_the_rows_asked_for_and_passes_the_modeltester(
    qtbot, desk: Desk, qtmodeltester
) -> None:
    receive(desk, 3)
    desk.sync.sync_store.set_settings({"url": "http://127.0.0.1:9/"})  # enrolled, the hub not asked yet
    asked: list[list[int]] = []

    def states(rowids: list[int]) -> dict:
        asked.append(sorted(rowids))
        return desk.sync.dossier_states_by_rowid(rowids)

    model = RegisterModel(Register(desk.store, desk.clock), sync_states=states)
    assert model.headerData(RegisterModel.COL_SYNC, Qt.Orientation.Horizontal) == "Đồng bộ"
    first = model.index(0, RegisterModel.COL_SYNC)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.data(first) is None
    assert [i.row() for i in changed.args[:2]] == [0, 0]
    assert (asked, model.data(first), model.data(first, Qt.ItemDataRole.ToolTipRole)) == (
        [[model.row_at(0).rowid]],
        "chờ gửi",
        None,
    )
    qtmodeltester.check(model)
    model.refresh_sync()
    qtbot.waitUntil(lambda: [model.data(model.index(r, RegisterModel.COL_SYNC)) for r in range(3)] == ["chờ gửi"] * 3)


def test_a_leader_settles_a_clash_from_the_sync_problems_dialog(
    qtbot, signed_in, desk: Desk, live_hub: Hub, tmp_path, monkeypatch
) -> None:
    """Issue 11, finding 8: refused here, returned at desk 2; the admin keeps "returned" in the window."""
    from tests.app.sync.helpers import enrolled_desk
    from ui.sync_problems import SettleDialog

    desk.sync.enroll(live_hub.url, live_hub.token("87001", 1))
    [code] = receive(desk, 1)
    other = enrolled_desk(tmp_path, desk.clock, live_hub, desk_no=2)
    desk.sync.run_once()
    other.sync.run_once()
    desk.dossiers.act(code, "refused", desk.clerk(), reason="Không thuộc thẩm quyền")
    other.clock.advance(hours=1)
    other.dossiers.act(code, "returned", other.clerk())
    for _ in range(2):
        desk.sync.run_once()
        other.sync.run_once()
    dialog = signed_in.show_sync_problems()
    qtbot.addWidget(dialog)
    assert dialog.clashes.rowCount() == 1 and dialog.settle_button.isVisible()
    returned = next(e for e in desk.dossiers.get(code).events if e.kind == "returned")
    asked = []
    monkeypatch.setattr(
        SettleDialog, "ask", classmethod(lambda cls, parent, clash: asked.append(clash) or (returned.id, "Đã trả thật"))
    )
    dialog.clashes.selectRow(0)
    dialog.settle_button.click()
    assert [c.code for c in asked] == [code]
    assert desk.dossiers.get(code).status == "returned"
    assert dialog.clashes.rowCount() == 0
    assert desk.sync.run_once().complete and other.sync.run_once().complete
    assert other.dossiers.get(code).status == "returned"
    dialog.close()
    other.close()


def test_the_settle_dialog_offers_each_outcome(qtbot) -> None:
    from app.sync.clashes import Clash
    from ui.sync_problems import SettleDialog

    clash = Clash(
        "d",
        "87001-260212-1001",
        "2026-02-12T10:00:00+07:00",
        (
            {"id": "a", "kind": "refused", "at": "2026-02-12T10:00:00+07:00", "desk_id": "x"},
            {"id": "b", "kind": "returned", "at": "2026-02-12T11:00:00+07:00", "desk_id": "y"},
        ),
    )
    dialog = SettleDialog(clash)
    qtbot.addWidget(dialog)
    assert [b.text()[:8] for b in dialog.choices.buttons()] == ["Từ chối ", "Đã trả k"]
    dialog.choices.button(1).setChecked(True)
    assert dialog.ids[dialog.choices.checkedId()] == "b"
