"""The province's dashboard: the same figures as ``motcua-province report``, laid out for an officer."""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from app.core.clock import FixedClock
from app.province import cli as province_cli
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub

INJECTED = 'Xã <script>alert("x")</script> & Co'


def _activity(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    b = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    codes = receive(a, 4) + receive(a, 1, channel="online")
    receive(b, 2)
    a.dossiers.act(codes[0], "refused", a.clerk(), reason="Không thuộc thẩm quyền")
    a.ratings.rate(2, dossier=codes[0], elements_given={"officials": 1})
    for desk in (a, b):
        assert desk.sync.run_once().complete
    a.clock.advance(days=20)  # the rest run late
    a.dossiers.act(codes[1], "done", a.clerk())
    assert a.sync.run_once().complete
    a.close()
    b.close()


def test_the_dashboard_shows_the_reports_figures(
    hub: Hub, officer: httpx.Client, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture
) -> None:
    assert hub.admin("commune", "add", "87003", INJECTED, "--province", "Đồng Tháp") == 0
    _activity(hub, tmp_path, clock)
    query = "period=month&year=2026&n=2"
    capsys.readouterr()
    assert province_cli.main(["--db", hub.db, "report", "--from", "2026-02-01", "--to", "2026-02-28"]) == 0
    report = json.loads(capsys.readouterr().out)
    served = officer.get(f"/province/scorecard.json?{query}").json()
    assert [c["score"] for c in served["communes"]] == [c["score"] for c in report["communes"]]
    assert served["province"]["counts"] == report["province"]["counts"]
    one = officer.get(f"/province/scorecard.json?{query}&commune=87001").json()
    assert one["unit"]["commune"] == "87001" and one["counts"] == report["communes"][0]["counts"] | one["counts"]
    assert officer.get(f"/province/scorecard.json?{query}&commune=99999").status_code == 404

    page = officer.get(f"/province?{query}")
    html = page.text
    assert page.status_code == 200 and "Tỉnh Đồng Tháp" in html and "01/02/2026 – 28/02/2026" in html
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    order = [html.index(f"<td>{c['unit']['commune']}</td>") for c in report["communes"]]
    assert order == sorted(order)  # communes by score, as the report sorts them
    first = report["communes"][0]
    points = f"{first['score']['points']:.2f}".rstrip("0").rstrip(".")
    assert f"<b>{points}</b>" in html and "<svg" in html and "Toàn tỉnh" in html and "Quầy 1:" in html
    assert not any(f'{a}="http' in html for a in ("src", "href")) and "<script" not in html  # nothing from elsewhere
    assert f'<td class="n">{report["province"]["counts"]["received"]:,}</td>' in html
    english = officer.get(f"/province?{query}&lang=en").text
    assert "Points lost per indicator" in english and 'lang="en"' in english
    quarter = officer.get("/province?period=quarter&year=2026&n=1").text
    assert "01/01/2026 – 31/03/2026" in quarter
    bad = officer.get("/province?period=custom&from=2026-03-01&to=2026-02-01")
    assert bad.status_code == 400 and "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu." in bad.text
    assert officer.get("/province/scorecard.json?period=month&n=13").status_code == 400

    workbook = officer.get(f"/province/export.xlsx?{query}")
    assert workbook.status_code == 200 and "attachment" in workbook.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(workbook.content))["Các xã"]
    rows = list(sheet.iter_rows(min_row=6, values_only=True))
    assert [r[1] for r in rows[:-1]] == [c["unit"]["commune"] for c in report["communes"]]
    assert [r[3] for r in rows[:-1]] == [c["score"]["points"] for c in report["communes"]]
    assert rows[-1][2] == "Toàn tỉnh" and rows[-1][3] == report["province"]["score"]["points"]
    (tmp_path / "province.html").write_text(html, encoding="utf-8")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
def test_the_dashboard_at_desktop_width(hub: Hub, officer: httpx.Client, tmp_path: Path, clock: FixedClock) -> None:
    _activity(hub, tmp_path, clock)
    # Chromium cannot sign in from the command line: the page a signed-in officer gets is saved and
    # opened from the file (it loads nothing from anywhere, so it renders the same).
    html = tmp_path / "province.html"
    html.write_text(officer.get("/province?period=month&year=2026&n=2").text, encoding="utf-8")
    shot = tmp_path / "province.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1440,1100",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert struct.unpack(">II", shot.read_bytes()[16:24]) == (1440, 1100)
    keep = Path("/tmp/s16hub")
    if keep.is_dir():  # kept to be looked at
        shutil.copy(shot, keep / "province-dashboard.png")
