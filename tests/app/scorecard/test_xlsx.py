"""The Excel report: opened by a real spreadsheet program, it gives the numbers ``report --format json`` gives."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app.desk import Desk
from app.scorecard.periodic import ROWS
from tests.app.scorecard.test_desk_report import run

PERIOD = ("--from", "2026-02-01", "--to", "2026-02-28")
# LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1, … and the last token -1 writes
# every sheet to its own file (name-Sheet.csv).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"


def number(text: str) -> float | str:
    text = text.strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return text


def convert(xlsx: Path, outdir: Path) -> dict[str, list[list[str]]]:
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(outdir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {}
    for path in outdir.glob(f"{xlsx.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            sheets[path.stem[len(xlsx.stem) + 1 :]] = list(csv.reader(f))
    return sheets


@pytest.mark.tools("libreoffice")
def test_the_workbook_read_by_libreoffice_gives_the_json_numbers(
    desk: Desk, busy: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(desk.store.path)
    code, out, _ = run(capsys, "report", "--db", db, *PERIOD)
    assert code == 0
    report = json.loads(out)
    xlsx = tmp_path / "bao-cao.xlsx"
    code, out, _ = run(capsys, "report", "--db", db, *PERIOD, "--format", "xlsx", "--out", str(xlsx))
    assert code == 0 and out.strip() == str(xlsx)
    assert xlsx.stat().st_mode & 0o077 == 0  # the desk user's only
    sheets = convert(xlsx, tmp_path)
    assert set(sheets) == {
        "Chỉ số 766",
        "Số liệu",
        "Theo tháng",
        "Theo thủ tục",
        "Theo cán bộ",
        "Hồ sơ mất điểm",
        "Tiếp công dân, KNTC",
    }
    periodic = {r[0]: r for r in sheets["Tiếp công dân, KNTC"][5:] if r[0]}
    assert set(periodic) == {key for key, *_ in ROWS if key}
    assert {k: int(number(r[2])) for k, r in periodic.items()} == {k: report["citizens"][k] for k in periodic}
    assert sheets["Tiếp công dân, KNTC"][4][:3] == ["Mã số liệu", "Chỉ tiêu", "Số liệu"]

    table = sheets["Chỉ số 766"]
    assert "Xã Tân Thành" in table[1][0] and table[4][:4] == ["Mã", "Chỉ số", "Tỷ lệ", "Điểm"]
    rows = {r[0]: r for r in table[5:] if r[0]}
    for indicator in report["indicators"]:
        row = rows[indicator["id"]]
        if indicator["value"] is None:
            assert row[2] in ("Chưa có dữ liệu", "Không phát sinh") and row[3] == row[2]
        else:
            assert number(row[2]) == pytest.approx(indicator["value"], abs=1e-6)
            assert number(row[3]) == pytest.approx(indicator["points"], abs=1e-6)
        assert number(row[4]) == indicator["max_points"] and number(row[6]) == indicator["lost"]["count"]
    total = table[-1]
    assert number(total[3]) == pytest.approx(report["score"]["points"])
    assert number(total[4]) == pytest.approx(report["score"]["reachable"])

    counts = {r[0]: r[2] for r in sheets["Số liệu"][5:]}
    for key, value in report["counts"].items():
        if key == "by_channel":
            for channel, n in value.items():
                assert number(counts[f"by_channel.{channel}"]) == n
        elif key in counts:
            assert counts[key] == "Chưa có dữ liệu" if value is None else number(counts[key]) == value, key
    assert {"received", "ended", "early", "on_time", "late", "overdue_now", "digitised"} <= set(counts)

    months = sheets["Theo tháng"]
    assert months[-1][1] == "Tổng cộng" and number(months[-1][2]) == report["counts"]["received"]
    lost = {r[2] for r in sheets["Hồ sơ mất điểm"][5:]}
    assert set(report["indicators"][1]["lost"]["codes"]) <= lost


def test_the_workbook_layout(desk: Desk, busy: dict[str, str], capsys, tmp_path: Path) -> None:
    xlsx = tmp_path / "r.xlsx"
    run(capsys, "report", "--db", str(desk.store.path), *PERIOD, "--format", "xlsx", "--out", str(xlsx))
    wb = openpyxl.load_workbook(xlsx)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A6" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.print_title_rows == "$5:$5" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert isinstance(ws["B3"].value, datetime) and ws["B3"].number_format == "dd/mm/yyyy"
    ws = wb["Chỉ số 766"]
    on_time = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "2.1")
    assert isinstance(on_time[2].value, float) and on_time[2].number_format == "0.00%"
    months = wb["Theo tháng"]
    assert isinstance(months["A6"].value, datetime) and months["A6"].number_format == "mm/yyyy"
    assert isinstance(wb["Số liệu"]["C6"].value, int)
    assert wb["Chỉ số 766"]["A4"].value.startswith("Kỳ báo cáo: tháng 2 năm 2026 (từ ngày 01/02/2026")

    alone = tmp_path / "tcd.xlsx"
    args = ("--format", "xlsx", "--kind", "periodic", "--out", str(alone))
    assert run(capsys, "report", "--db", str(desk.store.path), *PERIOD, *args)[0] == 0
    wb = openpyxl.load_workbook(alone)
    assert wb.sheetnames == ["Tiếp công dân, KNTC"]
    ws = wb.active
    assert ws.freeze_panes == "A6" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    figures = {r[0].value: r[2].value for r in ws.iter_rows(min_row=6) if r[0].value}
    assert figures["complaints_received"] == 1 and all(isinstance(v, int) for v in figures.values())
