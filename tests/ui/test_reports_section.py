"""The Reports section on the real window over a real store: a commune's February around Tết
(tests/app/scorecard/conftest.py's ``busy``), seen by its leader; a clerk does not see it."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.records import Clerk
from app.desk import Desk
from app.scorecard import periods
from app.scorecard.periods import Choice
from tests.app.scorecard.conftest import busy  # noqa: F401 (the fixture)
from tests.conftest import ADMIN_PASSWORD
from ui.report_models import BreakdownModel, IndicatorModel, LostModel


def sign_in(window, qtbot, username: str):
    window.lock_page.username.setText(username)
    window.lock_page.password.setText(ADMIN_PASSWORD)
    window.lock_page.submit()
    assert window.clerk is not None and window.clerk.username == username
    return window


def computed(section, qtbot, change) -> None:
    """Run ``change`` and wait for the section to show the scorecard it leads to."""
    with qtbot.waitSignal(section.computed, timeout=10_000):
        change()


@pytest.fixture
def reports(window, qtbot, busy, leader: Clerk):  # noqa: F811
    sign_in(window, qtbot, "chutich")
    section = window.sections["reports"]
    qtbot.waitUntil(lambda: section.report is not None, timeout=10_000)
    computed(section, qtbot, lambda: section.set_choice(Choice("month", 2026, 2)))
    return section


def test_a_leader_reaches_the_section_by_keyboard_and_sees_the_score(window, qtbot, reports) -> None:
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is reports
    assert QApplication.focusWidget() is reports.picker.kind
    card = reports.report.card
    assert card.period.start == date(2026, 2, 1) and card.period.end == date(2026, 2, 28)
    assert reports.heading.text().startswith("Tháng 2/2026 — Xã Tân Thành")
    assert reports.score.text() == f"Điểm: {card.score:.2f} / {card.reachable:.2f}".replace(".", ",")
    row = [i.id for i in card.indicators].index("2.1")
    cells = [reports.indicators.index(row, c).data() for c in range(reports.indicators.columnCount())]
    assert cells[IndicatorModel.COL_VALUE] == "60,00 %"  # three of five on time
    assert cells[IndicatorModel.COL_LOST] == "2" and cells[IndicatorModel.COL_STATUS] == "Mất điểm"
    assert reports.charted is None  # drawn when their page is shown
    reports.pages.setCurrentWidget(reports.charts)
    assert reports.charted is reports.report
    months = reports.dossier_chart.sets
    assert [months[k].at(0) for k in ("received", "on_time", "late")] == [5.0, 3.0, 1.0]
    assert reports.satisfaction_chart.points == [(0, 50.0)]  # one of two ratings satisfied
    assert reports.by_procedure.rowCount() == 1
    assert reports.by_procedure.index(0, 0).data() == "HT04"
    assert reports.by_clerk.index(0, BreakdownModel.COL_LABEL).data() == "Trần Văn Quản"


def test_changing_the_period_recomputes(reports, qtbot) -> None:
    picker = reports.picker
    computed(reports, qtbot, lambda: picker.kind.setCurrentIndex(picker.kind.findData("quarter")))
    assert reports.report.card.period.end == date(2026, 3, 31)
    assert reports.heading.text().startswith("Quý I/2026")
    computed(reports, qtbot, lambda: picker.which.setCurrentIndex(picker.which.findData(2)))
    assert reports.report.card.period.start == date(2026, 4, 1)
    assert reports.report.card.counts["received"] == 0
    computed(reports, qtbot, lambda: picker.year.setValue(2025))
    assert reports.report.card.period.start == date(2025, 4, 1)
    computed(reports, qtbot, lambda: picker.kind.setCurrentIndex(picker.kind.findData("half")))
    assert reports.report.card.period == periods.period(Choice("half", 2025, 1))  # the half holding today
    widest = picker.which.fontMetrics().horizontalAdvance("6 tháng cuối năm")
    assert picker.which.sizeHint().width() > widest  # the box follows its entries, not the quarter's
    computed(reports, qtbot, lambda: picker.kind.setCurrentIndex(picker.kind.findData("custom")))
    assert not picker.start.isHidden() and picker.year.isHidden()
    computed(reports, qtbot, lambda: picker.start.setDate(date(2026, 2, 13)))
    card = reports.report.card
    assert (card.period.start, card.counts["received"]) == (date(2026, 2, 13), 0)
    # A custom period that ends before it starts is refused in words, and nothing is computed.
    picker.end.setDate(date(2026, 2, 1))
    assert reports.message.kind == "error" and "phải sau ngày bắt đầu" in reports.message.text()


def test_the_lost_list_opens_the_dossier(window, reports, qtbot, busy) -> None:  # noqa: F811
    row = [i.id for i in reports.report.card.indicators].index("2.1")
    reports.indicator_view.selectRow(row)
    assert reports.lost_title.text().startswith("Chỉ số 2.1: 2 hồ sơ làm mất điểm — 2 hồ sơ chưa xong")
    codes = {reports.lost.index(r, LostModel.COL_CODE).data() for r in range(reports.lost.rowCount())}
    assert codes == {busy["running"], busy["late"]}
    late = next(r for r in range(reports.lost.rowCount()) if reports.lost.item(r).code == busy["late"])
    assert reports.lost.index(late, LostModel.COL_SUBJECT).data()  # the procedure's name
    reports.lost_view.setCurrentIndex(reports.lost.index(late, 0))
    assert reports.open_button.isEnabled()
    qtbot.mouseClick(reports.open_button, Qt.MouseButton.LeftButton)
    dialog = window.dossiers.dialog
    assert dialog is not None and dialog.panel.dossier.code == busy["late"]
    dialog.close()
    # From the keyboard: Enter on a row opens it too.
    running = next(r for r in range(reports.lost.rowCount()) if reports.lost.item(r).code == busy["running"])
    reports.lost_view.setFocus()
    reports.lost_view.setCurrentIndex(reports.lost.index(running, 0))
    qtbot.keyClick(reports.lost_view, Qt.Key.Key_Return)
    assert window.dossiers.dialog.panel.dossier.code == busy["running"]
    window.dossiers.dialog.close()


def test_a_clerk_does_not_see_the_section(window, qtbot, busy, leader: Clerk, clerk: Clerk) -> None:  # noqa: F811
    sign_in(window, qtbot, "chutich")
    section = window.sections["reports"]
    qtbot.waitUntil(lambda: section.report is not None, timeout=10_000)
    window.lock()
    sign_in(window, qtbot, "nhanvien")
    index = window.tabs.indexOf(section)
    assert not window.tabs.isTabVisible(index)
    assert section.report is None and section.indicators.rowCount() == 0  # nothing left on screen
    assert not section.action.isVisible()
    window.show_section("dossiers")
    for keys in ((Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)):
        qtbot.keyClick(window, *keys)
        assert window.tabs.currentWidget() is not section
    window.tabs.setCurrentIndex(index)  # however it is reached
    assert window.tabs.currentWidget() is not section


def test_a_clerk_signed_in_first_never_builds_it(window, qtbot, clerk: Clerk) -> None:
    sign_in(window, qtbot, "nhanvien")
    assert "reports" not in window.sections


def test_the_excel_export_is_a_workbook_with_the_figures(reports, tmp_path: Path) -> None:
    path = reports.export_xlsx(tmp_path / "bao-cao.xlsx")
    assert path is not None and reports.message.kind == "info"
    sheet = load_workbook(path).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0]}
    assert rows["2.1"][2] == pytest.approx(0.6)
    assert sheet["B3"].value.date() == date(2026, 2, 1)


@pytest.mark.tools("pdftotext")
def test_the_pdf_export_is_the_paper_with_the_score(reports, tmp_path: Path) -> None:
    path = reports.export_pdf(tmp_path / "bao-cao.pdf")
    assert path is not None and reports.message.kind == "info"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "KẾT QUẢ BỘ CHỈ SỐ" in text.upper() or "BỘ CHỈ SỐ" in text.upper()
    assert "2.1" in text


def test_models_pass_the_model_tester(reports, qtmodeltester) -> None:
    for model in (reports.indicators, reports.lost, reports.by_procedure, reports.by_clerk):
        qtmodeltester.check(model)


def test_an_in_memory_desk_computes_in_the_window_thread(qtbot, clock) -> None:
    from tests.conftest import make_desk
    from ui.reports_section import ReportsSection

    desk: Desk = make_desk(":memory:", clock)  # type: ignore[arg-type]
    section = ReportsSection(desk, open_dossier=lambda _c: None, open_feedback=lambda _n: None)
    qtbot.addWidget(section)
    assert section.report is not None and section.report.card.counts["received"] == 0


def test_a_feedback_entry_opens_in_its_register(window, reports, desk: Desk) -> None:
    """5.2 and 5.3 list feedback numbers: they open in the feedback register, selected."""
    number = desk.feedback.list()[0].number
    register = reports.open_feedback(number)
    assert window.tabs.currentWidget() is register and register.selected().number == number
