"""The periodic report on reception, complaints, denunciations and feedback: the engine's own counts,
in the report object, as text, and on paper (pdftotext gives the JSON's numbers)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.core.records import Clerk
from app.desk import Desk
from app.scorecard import periodic, periods
from app.scorecard.records import Period
from app.scorecard.service import ReportService
from tests.app.citizens.test_sync import work_offline
from tests.app.scorecard.test_desk_report import run

Q1 = ("--from", "2026-01-01", "--to", "2026-03-31")


@pytest.fixture
def week(desk: Desk, admin: Clerk, clock: FixedClock) -> dict[str, str]:
    """The citizen reception week of tests/app/citizens, a complaint accepted and answered late, a
    denunciation left open, feedback forwarded."""
    ids = work_offline(desk)
    fb = desk.feedback
    complaint = fb.add({"kind": "complaint", "person": {"name": "Trần Thị Hoa"}, "content": "Chậm cấp sổ"}, admin)
    fb.accept(complaint.id, admin)
    fb.add({"kind": "denunciation", "person": {"name": "Ẩn Danh"}, "content": "Thu tiền sai"}, admin)
    note = fb.add({"kind": "feedback", "person": {"name": "Lê Thị Ý"}, "content": "Đường hỏng"}, admin)
    fb.forward(note.id, admin, "Công ty điện lực")
    clock.advance(days=60)  # past every deadline of the period
    fb.answer(complaint.id, admin, "Đã cấp sổ.")
    desk.citizens.flags.set("feedback", complaint.id, "land", admin)
    return {**ids, "complaint": complaint.id}


def test_the_engine_counts_the_week(desk: Desk, week: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--db", str(desk.store.path), *Q1)
    assert code == 0
    figures = json.loads(out)["citizens"]
    assert all(isinstance(v, int) for v in figures.values())
    assert {k for k, *_ in periodic.ROWS if k} <= set(figures)
    # Three citizens on one matter at the chair's session, and a denouncer at the regular reception.
    assert (figures["reception_entries"], figures["reception_people"], figures["reception_matters"]) == (4, 4, 2)
    assert (figures["leader_entries"], figures["leader_people"], figures["leader_matters"]) == (3, 3, 1)
    assert (figures["regular_entries"], figures["regular_matters"]) == (1, 1)
    assert (figures["sessions_held"], figures["sessions_chair"], figures["conclusion_notices"]) == (1, 1, 1)
    assert (figures["reception_refused"], figures["reception_documents"], figures["reception_opened"]) == (1, 1, 1)
    assert (figures["follow_ups"], figures["follow_ups_overdue"], figures["dialogues"]) == (2, 2, 1)
    # Complaints: the one opened at the reception and the one accepted, answered 60 days on (late).
    assert (figures["complaints_received"], figures["complaints_in_competence"]) == (2, 1)
    # Answered on 13 April, after the period: still open at its end, and overdue by then.
    assert (figures["complaints_resolved"], figures["complaints_open"], figures["complaints_overdue"]) == (0, 2, 2)
    # The denouncer received at the desk stays in the reception register; the register's own is open.
    assert (figures["denunciations_received"], figures["denunciations_open"]) == (1, 1)
    assert (figures["feedback_forwarded"], figures["feedback_resolved"]) == (1, 0)
    assert (figures["flag_land"], figures["mass_delegations"]) == (2, 0)


def test_the_reception_figures_command_is_the_engines_count(desk: Desk, week: dict[str, str]) -> None:
    from app.citizens import figures

    card = ReportService(desk).scorecard(date(2026, 1, 1), date(2026, 3, 31))
    alone = figures.counts(desk.store, date(2026, 1, 1), date(2026, 3, 31), card.as_of.date())
    assert card.citizens is not None
    assert {k: card.citizens[k] for k in alone} == alone


def test_period_names() -> None:
    assert periods.words(periods.named("quarter", 2026, 1)) == "quý I năm 2026 (từ ngày 01/01/2026 đến ngày 31/03/2026)"
    assert periods.words(periods.named("half", 2026, 1)).startswith("6 tháng đầu năm 2026")
    assert periods.words(periods.named("nine_months", 2026)).startswith("9 tháng năm 2026")
    assert periods.words(periods.named("year", 2026)).startswith("năm 2026 (")
    assert periods.words(periods.named("month", 2026, 2)).startswith("tháng 2 năm 2026")
    assert periods.words(Period(date(2026, 2, 3), date(2026, 2, 9))) == "từ ngày 03/02/2026 đến ngày 09/02/2026"


def _figures_in(text: str) -> dict[str, str]:
    """Label -> the number at the end of its line in ``pdftotext -layout``."""
    found = {}
    for line in text.splitlines():
        m = re.match(r"\s*(?:\d+\s+)?(?:– )?(.+?)\s{2,}([\d.]+)\s*$", line)
        if m:
            found.setdefault(m.group(1).strip(), m.group(2))
    return found


@pytest.mark.tools("pdftotext")
def test_the_periodic_paper_says_what_the_json_says(
    desk: Desk, week: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(desk.store.path)
    figures = json.loads(run(capsys, "report", "--db", db, *Q1)[1])["citizens"]
    pdf = tmp_path / "bc.pdf"
    code, out, _ = run(capsys, "report", "--db", db, *Q1, "--kind", "periodic", "--format", "pdf", "--out", str(pdf))
    assert code == 0 and out.strip() == str(pdf) and pdf.stat().st_mode & 0o077 == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO" in text and "quý I năm 2026" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    printed = _figures_in(text)
    seen = {}
    for key, vi, _, level in periodic.ROWS:
        if level and vi in printed and vi not in seen:
            seen[vi] = key
            assert int(printed[vi].replace(".", "")) == figures[key], vi
    assert len(seen) >= 40
    assert "Ẩn Danh" not in text  # a denouncer is never named in figures

    code, out, _ = run(capsys, "report", "--db", db, *Q1, "--kind", "periodic", "--format", "text")
    assert code == 0 and "Số lượt tiếp" in out and "II. KHIẾU NẠI" in out


@pytest.mark.tools("pdftotext")
def test_the_scorecard_paper_says_what_the_json_says_with_vector_charts(
    desk: Desk, busy: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from app.scorecard.pdf import CHANNELS, number, percent

    db = str(desk.store.path)
    period = ("--from", "2026-02-01", "--to", "2026-02-28")
    data = json.loads(run(capsys, "report", "--db", db, *period)[1])
    pdf = tmp_path / "bc766.pdf"
    assert run(capsys, "report", "--db", db, *period, "--format", "pdf", "--out", str(pdf))[0] == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "tháng 2 năm 2026" in flat and f"{number(data['score']['points'])} trên" in flat
    lines = text.splitlines()
    for i in data["indicators"]:
        row = next(line for line in lines if re.match(rf"\s*{re.escape(i['id'])}\s", line))
        if i["value"] is not None:
            assert percent(i["value"]) in row and number(i["points"]) in row, row
        assert number(i["max_points"]) in row
    printed = _figures_in(text)
    assert printed["Tiếp nhận mới"] == str(data["counts"]["received"])
    assert printed["Đã giải quyết"] == str(data["counts"]["ended"])
    assert printed["quá hạn"] == str(data["counts"]["late"])
    for channel, n in data["counts"]["by_channel"].items():
        assert printed[CHANNELS[channel]] == str(n)
    for code in data["indicators"][1]["lost"]["codes"]:
        assert code in flat  # the dossiers that cost points, by their code
    # A4, Liberation Serif embedded, and the charts drawn as vectors: no picture in the file.
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts and "Helvetica" not in fonts
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only
    assert "Biểu đồ 1" in flat
