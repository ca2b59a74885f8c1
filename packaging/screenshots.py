"""Render the main screens to docs/*.png, on a throw-away demo store.

    xvfb-run -a -s "-screen 0 1280x800x24" python packaging/screenshots.py [--out docs]

Needs the xcb libraries Qt uses (Debian: xvfb libxcb-cursor0 libxkbcommon-x11-0 libegl1).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def demo_session(prefix: str) -> tuple[Path, Path, Any, Any, Any]:
    """What every screenshot script starts from: the output folder (``--out``), a work folder the desk's
    folders are isolated in, the Qt application, a clock fixed on Wednesday 11 March 2026, 09:40, and a
    desk with a year of demo dossiers (``--dossiers``)."""
    parser = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--dossiers", type=int, default=1500)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=prefix))
    for name in ("DATA", "CONFIG", "KEY"):
        os.environ[f"MOTCUA_{name}_DIR"] = str(work / name.lower())
    os.environ["XDG_CONFIG_HOME"] = str(work / "xdg")

    from app.core.clock import FixedClock
    from app.core.worktime import VN_TZ
    from app.desk import Desk
    from app.reception import demo
    from ui.application import make_application

    app = make_application("vi")
    clock = FixedClock(datetime(2026, 3, 11, 9, 40, tzinfo=VN_TZ))
    desk = Desk.open(work / "demo.sqlite3", clock)
    demo.populate(desk, args.dossiers, seed=3, years=1)
    return out, work, app, clock, desk


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.main_window import MainWindow
    from ui.printer import FolderPrinter

    out, work, app, _clock, desk = demo_session("motcua-shots-")
    printer = FolderPrinter(work / "printed")

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(window: MainWindow, name: str) -> None:
        settle()
        window.grab().save(str(out / name))
        print(out / name)

    def build(lang: str) -> MainWindow:
        i18n.install(lang)
        window = MainWindow(desk, printer=printer, demo=True)
        window.resize(1280, 780)
        window.show()
        window.activateWindow()
        settle()
        return window

    window = build("vi")
    window.lock_page.username.setText("admin")
    shot(window, "signin.png")
    window.lock_page.password.setText("motcua-demo")
    window.lock_page.submit()

    form = window.receive
    form.procedure_filter.setText("khai sinh")
    form._filter_procedures("khai sinh")
    shot(window, "receive-picker.png")
    form._pick_current()
    form.cccd.setText("087190004321")
    form.full_name.setText("Nguyễn Thị Đào")
    form.phone.setText("0912345678")
    form.address.setText("Ấp Tân Hòa, xã Tân Thành, Đồng Tháp")
    form.documents.item(1, 0).setCheckState(Qt.CheckState.Unchecked) if form.documents.rowCount() > 1 else None
    shot(window, "receive.png")
    form.phone.setText("0123")
    form.save()
    shot(window, "receive-error.png")

    window.show_section("dossiers")
    window.dossiers.deadline.setCurrentIndex(0)
    shot(window, "register.png")
    window.dossiers.search.setText("nguyen thi ha")
    window.dossiers.apply_filters()
    shot(window, "register-search.png")

    from app.reception.register import Filters, Register

    code = Register(desk.store, desk.clock).page(Filters(statuses=("done",)), limit=1)[0].code
    window.show_section("return")
    window.returns.open_code(code)
    shot(window, "return.png")
    window.shutdown()
    window.close()

    window = build("en")
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText("motcua-demo")
    window.lock_page.submit()
    window.show_section("dossiers")
    shot(window, "register-en.png")
    window.shutdown()
    window.close()
    QApplication.processEvents()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
