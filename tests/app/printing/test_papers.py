"""Issue 12's papers: the seven forms of Circular 03/2025 in Decree 30/2020's presentation, the 2018 editions for
older dossiers, document numbers per form, year and desk; read back from real PDFs (pdftotext, pdffonts)."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from app.core.clock import FixedClock
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.printing import forms, wording
from app.sync.apply import apply_changes
from tests.app.printing.test_receipts import words
from tests.conftest import dossier_input, make_desk

pytestmark = pytest.mark.tools("pdftotext", "pdffonts")

CIRCULAR_03 = {
    "receipt": ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "GTN"),
    "supplement": ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "PYCBS"),
    "refusal": ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "PTC"),
    "apology": ("Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "XL"),
    "stop": ("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "TB"),
    "tracking": ("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "PKS"),
}


def flat(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def font_names(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:]]


def with_history(desk: Desk, admin, form: str) -> str:
    """A dossier whose history supports ``form``."""
    code = desk.dossiers.receive(dossier_input(), admin).code
    if form == "supplement":
        desk.dossiers.act(code, "supplement_requested", admin, reason="Thiếu giấy khai sinh", data={"documents": ["X"]})
    elif form == "refusal":
        desk.dossiers.act(code, "refused", admin, reason="Không thuộc thẩm quyền của xã")
    elif form == "apology":
        new_due = datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
        desk.dossiers.act(code, "apology_issued", admin, reason="Cần xác minh thêm", new_due=new_due)
    elif form == "stop":
        desk.dossiers.act(code, "withdrawn", admin, reason="Người nộp xin rút hồ sơ")
    elif form == "tracking":
        desk.dossiers.act(code, "forwarded", admin)
    return code


@pytest.mark.parametrize("form", list(CIRCULAR_03))
def test_every_form_has_its_circular_03_number_title_agency_number_and_decree_date(
    desk: Desk, admin, tmp_path: Path, form: str
) -> None:
    code = with_history(desk, admin, form)
    path = desk.printing.to_file(form, code, tmp_path / f"{form}.pdf", clerk=admin)
    text = flat(path)
    form_no, title, symbol = CIRCULAR_03[form]
    assert form_no in text and title in text
    assert "UBND XÃ TÂN THÀNH" in text and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert f"Số: 01/{symbol}-Q1" in text
    assert "Tân Thành, ngày 12 tháng 02 năm 2026" in text
    assert "cơ quan, đơn vị" not in text.lower()
    if form not in ("receipt", "tracking"):
        assert "UBND xã Tân Thành" in text  # the agency's name in the body, not "cơ quan, đơn vị"
    assert "UBND Xã" not in text  # the unit word is lower-case mid-sentence; the letterhead keeps its capitals
    names = font_names(path)
    assert names and all(re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", n) for n in names)


def test_logbook_is_form_07_without_a_number(desk: Desk, admin, tmp_path: Path) -> None:
    desk.dossiers.receive(dossier_input(), admin)
    path = desk.printing.logbook_to_file(date(2026, 2, 1), date(2026, 2, 28), tmp_path / "07.pdf")
    text = flat(path)
    assert "Mẫu số 07" in text and "SỔ THEO DÕI HỒ SƠ" in text and "UBND XÃ TÂN THÀNH" in text
    assert "Tân Thành, ngày 12 tháng 02 năm 2026" in text
    assert "Số:" not in text
    assert all("LiberationSerif" in n for n in font_names(path))


def test_the_logbook_signature_column_is_at_least_25_mm() -> None:
    tpl = wording.template("logbook")
    assert tpl["head"][tpl["sign_column"]] == "Ký nhận"
    widths = forms.logbook_widths(tpl["widths"], 275 * mm, tpl["sign_column"])
    assert widths[tpl["head"].index("Ký nhận")] >= 25 * mm - 0.01
    assert sum(widths) == pytest.approx(275 * mm)
    narrow = forms.logbook_widths([10, 10, 1], 100 * mm, 2)  # a template that asks for less still gets 2.5 cm
    assert narrow[2] == pytest.approx(25 * mm) and sum(narrow) == pytest.approx(100 * mm)


def test_signature_space_is_at_least_25_mm_tall(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    path = desk.printing.to_file("receipt", code, tmp_path / "01.pdf", clerk=admin)
    page1 = [w for w in words(path) if w[0] == 1]
    hint_bottom = max(w[5] for w in page1 if w[1] == "tên)")  # "(Ký và ghi rõ họ tên)"
    name_top = min(w[3] for w in page1 if w[1] == "Quản" and w[3] > hint_bottom)  # the clerk's printed name
    assert (name_top - hint_bottom) / 72 * 25.4 >= 25


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 8, 5), "ngày 05 tháng 8 năm 2026"),
        (date(2026, 2, 12), "ngày 12 tháng 02 năm 2026"),
        (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    ],
)
def test_dates_take_a_leading_zero_only_for_days_below_10_and_months_1_and_2(day: date, expected: str) -> None:
    assert wording.date_words(day) == expected
    assert wording.date_words(datetime(day.year, day.month, day.day, 9, tzinfo=VN_TZ)) == expected
    assert wording.date_words(day, capital=True) == "N" + expected[1:]


def test_tracking_sheet_has_signature_columns_and_a_late_pick_up_is_not_a_late_result(
    desk: Desk, admin, tmp_path: Path, clock: FixedClock
) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    clock.advance(hours=1)
    desk.dossiers.act(code, "forwarded", admin)
    clock.advance(hours=2)
    desk.dossiers.act(code, "done", admin)  # ready on 12 Feb, due 24 Feb
    clock.advance(days=20)
    desk.dossiers.act(code, "returned", admin)  # collected weeks after the due date
    path = desk.printing.to_file("tracking", code, tmp_path / "06.pdf", clerk=admin)
    text = flat(path)
    assert "Người giao (ký)" in text and "Người nhận (ký)" in text
    assert "Trước hạn" in text
    assert "Quá hạn" not in text
    # Each hand-over row leaves room to sign: its time starts at least 15 mm below the previous one's.
    tops = sorted(w[3] for w in words(path) if re.fullmatch(r"\d\d:\d\d", w[1]))[-4:]  # the table's times
    assert all((b - a) / 72 * 25.4 >= 14.99 for a, b in itertools.pairwise(tops))


def test_dossiers_received_before_circular_03_keep_the_2018_forms(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2025, 6, 10, 9, 0, tzinfo=VN_TZ))
    desk = make_desk(tmp_path / "old.sqlite3", clock)
    admin = desk.clerk()
    try:
        old = desk.dossiers.receive(dossier_input(), admin).code
        desk.dossiers.act(old, "withdrawn", admin, reason="Người nộp xin rút hồ sơ")
        clock.at = datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)  # reprinted under Circular 03
        new = desk.dossiers.receive(dossier_input(), admin).code
        receipt_2018 = flat(desk.printing.to_file("receipt", old, tmp_path / "old.pdf"))
        assert "Mẫu số 01" in receipt_2018 and "BỘ PHẬN MỘT CỬA" in receipt_2018
        assert "Tân Thành, ngày 10 tháng 6 năm 2025" in receipt_2018
        stop_2018 = flat(desk.printing.to_file("stop", old, tmp_path / "stop-old.pdf"))
        assert "THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ" in stop_2018 and "Mẫu số" not in stop_2018
        tracking_2018 = flat(desk.printing.to_file("tracking", old, tmp_path / "t-old.pdf"))
        assert "Mẫu số 05" in tracking_2018
        assert "Mẫu số 06" in flat(desk.printing.to_file("tracking", new, tmp_path / "t-new.pdf"))
        assert "Mẫu số 06" in flat(
            desk.printing.logbook_to_file(date(2025, 6, 1), date(2025, 6, 30), tmp_path / "l.pdf")
        )
        assert "TRUNG TÂM PHỤC VỤ" in flat(desk.printing.to_file("receipt", new, tmp_path / "new.pdf"))
    finally:
        desk.close()


def test_every_edition_carries_its_date_and_source_and_names_the_same_fields() -> None:
    folder = Path(wording.__file__).resolve().parents[2] / "resources" / "forms"
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert date.fromisoformat(data["applies_from"]) and data["source"], path.name
        if "replaces" in data:
            older = json.loads((folder / f"{data['replaces']}.json").read_text(encoding="utf-8"))
            assert date.fromisoformat(older["applies_from"]) < date.fromisoformat(data["applies_from"])
            assert set(older) - {"replaces", "recipients"} <= set(data) | {"common"}, path.name
    assert wording.template("apology", on=date(2025, 9, 14))["form_no"] == "Mẫu số 04"
    assert wording.template("apology", on=date(2025, 9, 14))["edition"] == "2018"
    assert wording.template("apology", on=date(2025, 9, 15))["edition"] == "2025"


def test_document_numbers_run_per_form_and_year_reprints_keep_theirs_previews_take_none(
    desk: Desk, admin, tmp_path: Path
) -> None:
    first, second = (desk.dossiers.receive(dossier_input(), admin).code for _ in range(2))
    preview = flat(_pdf(desk.printing.pdf("receipt", first, record=False).pdf, tmp_path / "p.pdf"))
    assert "Số: ……" in preview
    assert "Số: 01/GTN-Q1" in flat(desk.printing.to_file("receipt", first, tmp_path / "a.pdf"))
    assert "Số: 02/GTN-Q1" in flat(desk.printing.to_file("receipt", second, tmp_path / "b.pdf"))
    reprint = flat(desk.printing.to_file("receipt", first, tmp_path / "a2.pdf"))
    assert "Số: 01/GTN-Q1" in reprint and "BẢN SAO" in reprint
    assert "Số: 01/GTN-Q1" in flat(_pdf(desk.printing.pdf("receipt", first, record=False).pdf, tmp_path / "p2.pdf"))
    # Another form kind starts at 01; a second supplement request is a new paper with the next number.
    desk.dossiers.act(first, "supplement_requested", admin, reason="Thiếu tờ khai", data={"documents": ["Tờ khai"]})
    assert "Số: 01/PYCBS-Q1" in flat(desk.printing.to_file("supplement", first, tmp_path / "s1.pdf"))
    desk.dossiers.act(first, "supplement_received", admin)
    desk.dossiers.act(first, "supplement_requested", admin, reason="Thiếu ảnh", data={"documents": ["Ảnh"]})
    assert "Số: 02/PYCBS-Q1" in flat(desk.printing.to_file("supplement", first, tmp_path / "s2.pdf"))
    numbers = [json.loads(r["payload"]) for r in desk.store.outbox() if r["entity"] == "docno"]
    assert [(n["form"], n["year"], n["desk_no"], n["seq"]) for n in numbers] == [
        ("receipt", 2026, 1, 1),
        ("receipt", 2026, 1, 2),
        ("supplement", 2026, 1, 1),
        ("supplement", 2026, 1, 2),
    ]


def test_two_desks_never_share_a_number_and_a_synced_number_is_reprinted_as_issued(
    tmp_path: Path, clock: FixedClock
) -> None:
    a = make_desk(tmp_path / "a.sqlite3", FixedClock(clock.at), desk_no=1)
    b = make_desk(tmp_path / "b.sqlite3", FixedClock(clock.at), desk_no=2)
    try:
        code_a = a.dossiers.receive(dossier_input(), a.clerk()).code
        code_b = b.dossiers.receive(dossier_input(), b.clerk()).code
        assert "Số: 01/GTN-Q1" in flat(a.printing.to_file("receipt", code_a, tmp_path / "a.pdf"))
        assert "Số: 01/GTN-Q2" in flat(b.printing.to_file("receipt", code_b, tmp_path / "b.pdf"))
        pulled = [
            {
                "entity": r["entity"],
                "entity_id": r["entity_id"],
                "op": r["op"],
                "payload": json.loads(r["payload"]),
                "created_at": r["created_at"],
                "desk_id": a.identity.desk_id,
            }
            for r in a.store.outbox()
        ]
        with b.store.transaction():
            applied = apply_changes(b.sync.sync_store, b.dossiers, pulled)
        assert applied.dossiers == 1
        with b.store.transaction():
            apply_changes(b.sync.sync_store, b.dossiers, pulled)  # pulled again: kept once
        rows = b.store.conn.execute("SELECT form, desk_no, seq FROM document_numbers ORDER BY desk_no").fetchall()
        assert [tuple(r) for r in rows] == [("receipt", 1, 1), ("receipt", 2, 1)]
        reprint = flat(b.printing.to_file("receipt", code_a, tmp_path / "a-at-b.pdf"))
        assert "Số: 01/GTN-Q1" in reprint and "BẢN SAO" in reprint
    finally:
        a.close()
        b.close()


def _pdf(data: bytes, path: Path) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.tools("pdftoppm")
def test_the_motto_and_agency_rules_clear_the_letters_above_them(desk: Desk, admin, tmp_path: Path) -> None:
    """Rendered at 300 dpi: under "Độc lập - Tự do - Hạnh phúc" (p, ạ, ậ reach down) and under the agency's
    unit, the rule has white rows between it and the lowest ink of the line above."""
    from PIL import Image

    code = with_history(desk, admin, "apology")
    pdf = desk.printing.to_file("apology", code, tmp_path / "04.pdf")
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "h")])
    image = Image.open(next(tmp_path.glob("h-*.png"))).convert("L")
    width, height = image.size
    pixels = image.load()

    def dark(x: int, y: int) -> bool:
        return pixels[x, y] < 128

    def longest_run(y: int, x0: int, x1: int) -> tuple[int, int]:
        best, start = (0, 0), None
        for x in range(x0, x1 + 1):
            if x < x1 and dark(x, y):
                start = x if start is None else start
            elif start is not None:
                best = max(best, (x - start, start), key=lambda r: r[0])
                start = None
        return best

    for x0, x1 in ((0, int(width * 0.45)), (int(width * 0.45), width - 1)):  # agency side, motto side
        rows = [(y, *longest_run(y, x0, x1)) for y in range(int(height * 0.03), int(height * 0.2))]
        y, length, start = max(rows, key=lambda r: r[1])
        assert length > 100, "no rule found"
        top = y
        while dark(start + length // 2, top - 1):
            top -= 1  # the rule's own thickness
        gap = 0
        while not any(dark(x, top - 1 - gap) for x in range(start, start + length)):
            gap += 1
        assert 2 <= gap < 60, f"rule at y={top} has {gap} white rows above it"


def test_numbers_start_again_at_01_each_year(desk: Desk, admin, tmp_path: Path, clock: FixedClock) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    desk.printing.pdf("receipt", code)
    clock.at = datetime(2027, 1, 5, 9, 0, tzinfo=VN_TZ)
    later = desk.dossiers.receive(dossier_input(), admin).code
    text = flat(desk.printing.to_file("receipt", later, tmp_path / "2027.pdf"))
    assert "Số: 01/GTN-Q1" in text and "Tân Thành, ngày 05 tháng 01 năm 2027" in text
    numbers = [json.loads(r["payload"]) for r in desk.store.outbox() if r["entity"] == "docno"]
    assert [(n["year"], n["seq"]) for n in numbers] == [(2026, 1), (2027, 1)]
