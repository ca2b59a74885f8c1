"""Render the main screens to docs/*.png, on a throw-away demo store.

    xvfb-run -a -s "-screen 0 1280x800x24" python packaging/screenshots.py [--out docs]

Needs the xcb libraries Qt uses (Debian: xvfb libxcb-cursor0 libxkbcommon-x11-0 libegl1).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta
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


def rate_returned(desk: Any, clock: Any, since: datetime, count: int = 240) -> None:
    """Counter ratings for dossiers returned since ``since``, each a few minutes after its return (the
    demo data has none), so the Reports section's satisfaction chart has something to show."""
    import random

    from app.reception.register import Filters, Register

    rng = random.Random(5)
    now = clock.at
    rows = Register(desk.store, clock).page(Filters(statuses=("returned",), received_from=since.date()), limit=5000)
    rows = rng.sample(rows, min(count, len(rows)))  # spread over the months, not the latest only
    returns = sorted(
        (max(e.at for e in desk.dossiers.get(row.code).events if e.kind == "returned"), row.code) for row in rows
    )
    last = since
    for returned, code in returns:  # in time order, a minute apart at least (the screen's pause)
        clock.at = last = max(returned + timedelta(minutes=3), last + timedelta(minutes=1))
        desk.ratings.rate(rng.choices((1, 2, 3, 4), (45, 42, 9, 4))[0], dossier=code)
    clock.at = now


def show_reports(window: Any, settle: Any, choice: Any) -> Any:
    """The Reports section on a period, once its worker has answered, with 2.1's lost dossiers listed."""
    import time

    section = window.show_section("reports")
    section.set_choice(choice)
    deadline = time.monotonic() + 60
    while (section.report is None or section.runs) and time.monotonic() < deadline:
        settle()
        time.sleep(0.02)
    ids = [i.id for i in section.report.card.indicators]
    section.indicator_view.selectRow(ids.index("2.1"))
    return section


def reception_shots(window: Any, shot: Any, lang: str) -> None:
    """The leaders' tab: the register, a concluded session with a late follow-up, a dialogue, the board."""
    from ui.reception_dialogs import ConclusionDialog

    section = window.show_section("reception")
    shot(window, "reception-register.png", lang)
    sessions = section.show_page("sessions")
    for row in range(sessions.model.rowCount()):
        if sessions.model.item(row)["status"] == "concluded":
            sessions.table.selectRow(row)
    shot(window, "reception-session.png", lang)
    dialog = ConclusionDialog("Đỗ Văn Lãnh")
    dialog.conclusion.setPlainText("Giao Địa chính kiểm đếm lại cây trồng; Văn phòng trả lời bằng văn bản.")
    dialog.follow_ups.fill([["Kiểm đếm lại cây trồng", "Công chức Địa chính", "5"], ["Trả lời", "Văn phòng", "10"]])
    dialog.show()
    shot(dialog, "reception-conclusion.png", lang)
    dialog.close()
    dialogues = section.show_page("dialogues")
    dialogues.table.selectRow(0)
    shot(window, "reception-dialogue.png", lang)
    board = section.show_page("disclosure")
    board.table.scrollToBottom()  # the item whose period ended, amber, at the end
    shot(window, "reception-disclosure.png", lang)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication, QWidget

    from app.citizens import demo as citizens_demo
    from app.reception.register import Filters, Register
    from ui import i18n
    from ui.first_run import FirstRunDialog
    from ui.main_window import MainWindow
    from ui.printer import FolderPrinter, QtPrinter
    from ui.prompts import ConfirmDialog, RevealDialog

    out, work, app, _clock, desk = demo_session("motcua-shots-")
    printer = FolderPrinter(work / "printed")

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget: QWidget, name: str, lang: str) -> None:
        settle()
        target = out / (name if lang == "vi" else name.replace(".png", "-en.png"))
        widget.grab().save(str(target))
        print(target)

    def build(lang: str) -> MainWindow:
        i18n.install(lang)
        window = MainWindow(desk, printer=printer, demo=True, rating_after_return=False, sync=False)
        window.resize(1280, 780)
        window.show()
        window.activateWindow()
        settle()
        return window

    from app.scorecard.periods import Choice

    rate_returned(desk, _clock, datetime(2025, 7, 1, tzinfo=_clock.at.tzinfo))
    register = Register(desk.store, desk.clock)
    ready = register.page(Filters(statuses=("done",)), limit=1)[0].code
    for lang in ("vi", "en"):
        window = build(lang)
        window.lock_page.username.setText("admin")
        shot(window, "signin.png", lang)
        window.lock_page.password.setText("motcua-demo")
        window.lock_page.submit()

        form = window.receive
        shot(window, "receive-empty.png", lang)
        form.procedure_filter.setText("khai sinh")
        form._filter_procedures("khai sinh")
        shot(window, "receive-picker.png", lang)
        form._pick_current()
        form.cccd.setText("087190004321")
        form.full_name.setText("Nguyễn Thị Đào")
        form.phone.setText("0912345678")
        form.address.setText("Ấp Tân Hòa, xã Tân Thành, Đồng Tháp")
        form.documents.item(1, 0).setCheckState(Qt.CheckState.Unchecked) if form.documents.rowCount() > 1 else None
        shot(window, "receive.png", lang)
        form.phone.setText("0123")
        form.save()
        shot(window, "receive-error.png", lang)
        # No printer installed (as on a build machine): the PDF is kept, the line offers to open it.
        form.phone.setText("0912345678")
        if not QPrinterInfo.availablePrinterNames():
            window.printing.printer = QtPrinter(window, ask=False)
            form.save()
            shot(window, "receive-no-printer.png", lang)
            window.printing.printer = printer
        else:
            form.save()

        window.show_section("dossiers")
        window.dossiers.deadline.setCurrentIndex(0)
        shot(window, "register.png", lang)
        window.dossiers.search.setText("nguyen thi ha")
        window.dossiers.apply_filters()
        shot(window, "register-search.png", lang)
        window.dossiers.search.setText("khong ai ten nay")
        window.dossiers.apply_filters()
        shot(window, "register-empty.png", lang)
        window.dossiers.search.clear()
        window.dossiers.apply_filters()

        window.show_section("return")
        window.returns.open_code(ready)
        shot(window, "return.png", lang)
        panel = window.returns.panel
        dossier = panel.dossier
        who = panel.tr("hồ sơ %1 của %2").replace("%1", dossier.code).replace("%2", dossier.applicant.full_name)
        question = ConfirmDialog(
            panel.tr("Trả kết quả"), panel.tr("Trả kết quả %1?").replace("%1", who), panel.tr("Trả kết quả"), safe=True
        )
        question.show()
        shot(question, "confirm-return.png", lang)
        question.close()

        window.show_section("feedback")
        shot(window, "feedback-section.png", lang)
        # The quarter running (open dossiers that cost points come first, in red); the last half-year's charts.
        show_reports(window, settle, Choice("quarter", 2026, 1))
        shot(window, "reports.png", lang)
        reports = show_reports(window, settle, Choice("half", 2025, 2))
        reports.pages.setCurrentIndex(1)
        shot(window, "reports-charts.png", lang)
        reports.pages.setCurrentIndex(0)
        reveal = RevealDialog("TC-26-1001")
        reveal.show()
        shot(reveal, "reveal.png", lang)
        reveal.close()
        problems = window.show_sync_problems()
        shot(problems, "sync-problems-unlinked.png", lang)
        problems.close()

        if lang == "vi":  # once: both languages show the same month of citizen reception
            citizens_demo.populate(desk, window.clerk)
        reception_shots(window, shot, lang)

        rating = window.open_rating(ready)
        rating.resize(1100, 700)
        shot(rating, "rating-one-monitor.png", lang)
        rating.close()

        window.shutdown()
        window.close()
        QApplication.processEvents()

    from app.desk import Desk

    for lang in ("vi", "en"):
        i18n.install(lang)
        with Desk.open(work / f"new-{lang}.sqlite3", desk.clock) as fresh:
            first = FirstRunDialog(fresh)
            first.commune_name.setText("Phường Nguyễn Thái Bình")
            first.province.setText("Thành phố Hồ Chí Minh")
            first.full_name.setText("Nguyễn Thị Phương Thảo")
            first.show()
            shot(first, "first-run.png", lang)
            first.close()
    QApplication.processEvents()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
