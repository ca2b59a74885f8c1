"""Desk 2 opens a scan desk 1 attached: the file comes from the real hub in a worker thread, the window
says it is on its way and stays usable, and a hub that cannot give it leaves one line, not a hang."""

from __future__ import annotations

from pathlib import Path

from app.core.clock import FixedClock
from tests.app.files.scanpages import three_pages
from tests.app.sync.conftest import hub, hub_db  # noqa: F401  (fixtures)
from tests.app.sync.helpers import enrolled_desk
from tests.app.sync.hub import Hub
from tests.conftest import dossier_input


def two_desks(tmp_path: Path, clock: FixedClock, hub: Hub):  # noqa: F811
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    dossier = a1.dossiers.receive(dossier_input(), a1.clerk())
    a1.files.attach(dossier.code, three_pages(), a1.clerk(), document_no=1)
    assert a1.sync.run_once().complete and a2.sync.run_once().complete
    return a2, a2.dossiers.get(dossier.code)


def files_box(qtbot, desk, dossier):
    from ui.files_box import DossierFilesBox

    box = DossierFilesBox(desk, desk.clerk)
    qtbot.addWidget(box)
    box.show()
    box.show_dossier(dossier)
    return box


def test_the_viewer_fetches_a_remote_file_in_a_worker(qtbot, hub: Hub, tmp_path: Path, clock: FixedClock) -> None:  # noqa: F811
    desk, dossier = two_desks(tmp_path, clock, hub)
    box = files_box(qtbot, desk, dossier)
    record = desk.files.documents(dossier)[0].current
    assert record is not None and not desk.files.here(record)
    assert box.table.item(0, 0).icon().isNull()  # no thumbnail: the file is not here yet
    with qtbot.waitSignal(box.viewer_opened, timeout=30_000) as opened:
        assert box.view(0) is None  # returns at once: the fetch runs in its thread
        assert box.fetch is not None and not box.buttons["view"].isEnabled()
        assert box.message.text() == "Đang tải tệp từ máy chủ tỉnh…"
        box.table.selectRow(0)  # the window still answers meanwhile
    viewer = opened.args[0]
    assert viewer.pages == 3 and box.fetch is None and box.buttons["view"].isEnabled()
    assert desk.files.here(record) and not box.table.item(0, 0).icon().isNull()
    assert box.message.text() == ""
    viewer.close()
    assert box.view(0) is not None  # now here: opened at once, no worker


def test_a_hub_that_cannot_give_the_file_leaves_an_error_line(
    qtbot,
    hub: Hub,  # noqa: F811
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    desk, dossier = two_desks(tmp_path, clock, hub)
    desk.sync.sync_store.set_settings({"url": "http://127.0.0.1:9"})  # nothing listens there
    box = files_box(qtbot, desk, dossier)
    with qtbot.waitSignal(box.fetch_failed, timeout=60_000):
        box.view(0)
    assert box.message.text().startswith("Không tìm thấy tệp «scan-1.jpg» trên máy này")
    assert box.fetch is None and box.buttons["view"].isEnabled() and not box.viewers
