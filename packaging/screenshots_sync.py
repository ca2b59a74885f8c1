"""Screenshots of sync in the window: the progress bar during a real round, a refused record, the problems dialog.

    xvfb-run -a -s "-screen 0 1280x800x24" python packaging/screenshots_sync.py [--out docs]

A throw-away demo desk and a real hub on 127.0.0.1 (the test suite's tests/app/sync/hub.py); one record is
made to clash on the hub first, so the round ends with a refusal the clerk can read.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget
    from screenshots import demo_session  # beside this script

    from app.reception.register import Filters, Register
    from app.sync import codec, rebuild
    from tests.app.sync.hub import Hub
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.printer import FolderPrinter

    out, work, app, clock, desk = demo_session("motcua-sync-shots-")
    hub = Hub(str(work / "hub.sqlite3"), work / "hub.log")
    hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    hub.start()
    try:
        desk.sync.enroll(hub.url, hub.token("87001", 1))
        # Other content under this change reaches the hub first (the demo's outbox is lean: rebuilt).
        first = rebuild.changes(desk.store, desk.store.outbox(limit=1))[0]
        forged = dict(first, payload=dict(first["payload"], notes="nội dung khác"))
        with desk.sync._client() as client:
            client.push(codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, [forged]))
        refused_code = desk.dossiers.get_by_id(first["entity_id"]).code

        def shot(widget: QWidget, name: str) -> None:
            for _ in range(5):
                app.processEvents()
            widget.grab().save(str(out / name))
            print(out / name)

        i18n.install("vi")
        window = MainWindow(desk, printer=FolderPrinter(work / "printed"), demo=True, sync=False)
        window.resize(1280, 780)
        window.show()
        window.lock_page.username.setText("admin")
        window.lock_page.password.setText("motcua-demo")
        window.lock_page.submit()
        window.show_section("return")
        window.returns.open_code(Register(desk.store, clock).page(Filters(statuses=("done",)), None, 1)[0].code)
        window.sync_enabled = True
        window._start_sync()
        taken: list[bool] = []

        def during(done: int, total: int) -> None:
            if not taken and done < total:
                taken.append(True)
                window.grab().save(str(out / "sync-progress.png"))
                print(out / "sync-progress.png")

        window.sync.progressed.connect(during)
        loop = QEventLoop()  # not a processEvents() loop: PySide6 6.12 drops a reference to None on each call
        window.sync.round_done.connect(loop.quit)
        if window.sync.running:
            loop.exec()
        window.returns.open_code(refused_code)
        shot(window, "sync-error.png")
        window.show_section("dossiers")
        shot(window, "sync-register.png")
        dialog = window.show_sync_problems()
        shot(dialog, "sync-problems.png")
        dialog.close()
        window.shutdown()
        window.close()
        QApplication.processEvents()
    finally:
        hub.stop()
        desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
