"""The Reports section's service (app.scorecard.desk_reports) on a real store: the lost records
described, the ones still open first, the worker's own connection, the Excel export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from app.desk import Desk
from app.scorecard import desk_reports
from app.scorecard.records import Period
from app.scorecard.service import ReportService, default_name

FEB = Period(date(2026, 2, 1), date(2026, 2, 28))


def test_the_lost_records_described_open_ones_first(desk: Desk, busy: dict[str, str]) -> None:
    report = desk_reports.build(desk, FEB)
    items = report.lost_items("2.1")
    assert [i.code for i in items] == [busy["running"], busy["late"]]  # both open, both due on the 24th
    running = report.lost[busy["running"]]
    assert running.kind == "dossier" and running.found and running.open
    assert running.name and running.subject and running.status("vi") == "Mới tiếp nhận"
    assert running.status("en") == "Received" and running.due == date(2026, 2, 24)
    desk.dossiers.act(busy["late"], "returned", desk.clerk())
    items = desk_reports.build(desk, FEB).lost_items("2.1")
    assert [(i.code, i.open) for i in items] == [(busy["running"], True), (busy["late"], False)]


def test_a_code_not_on_this_desk_is_listed_as_such(desk: Desk, busy: dict[str, str]) -> None:
    assert desk_reports._dossier(desk, "87001-260212-9999") == desk_reports.LostItem(
        "87001-260212-9999", "dossier", found=False
    )
    assert not desk_reports._feedback(desk, "PA-26-9999").found


def test_the_worker_connection_gives_the_same_card(desk: Desk, busy: dict[str, str]) -> None:
    here = desk_reports.build(desk, FEB)
    there = desk_reports.build_at(desk.store.path, desk.clock, FEB)
    assert there.card == here.card and there.lost == here.lost


def test_the_excel_export(desk: Desk, busy: dict[str, str], tmp_path: Path) -> None:
    card = desk_reports.build(desk, FEB).card
    name = default_name("scorecard", card, "xlsx")
    assert name == "bao-cao-766-2026-02-01-2026-02-28.xlsx"
    path = ReportService(desk).write_xlsx(card, tmp_path / name)
    sheet = load_workbook(path)["Chỉ số 766"]
    assert sheet["A1"].value.startswith("KẾT QUẢ BỘ CHỈ SỐ")
