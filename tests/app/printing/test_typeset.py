"""The layout engine's shortcuts give the same text as the long way (read back with pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from app.printing import formparts, typeset, wording

pytestmark = pytest.mark.tools("pdftotext")


def text_of(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def page(lines: list[str]) -> bytes:
    def layout(sheet: typeset.Sheet) -> None:
        for line in lines:
            sheet.text(line)

    return formparts.single("A5", "test", "Thử", 9.0, layout)


def test_fields_escape_once_and_fill_the_same() -> None:
    values = {"name": "Lê <b>Thị</b> & Cô", "n": 3}
    prepared = wording.fields(values)
    assert wording.fields(prepared) is prepared
    line = "Tên: <b>{name}</b> ({n})"
    expected = "Tên: <b>Lê &lt;b&gt;Thị&lt;/b&gt; &amp; Cô</b> (3)"
    assert wording.fill(line, prepared) == wording.fill(line, values) == expected


def test_characters_read_back_in_any_order(tmp_path: Path) -> None:
    # ß, ñ, Ω are not Vietnamese: each document assigns every glyph its code in the order it meets it.
    first = text_of(page(["Đào ß ñ Ω", "Nguyễn Thị Đào"]), tmp_path, "first")
    second = text_of(page(["Ω ñ Đào", "Đào ß ñ Ω", "Nguyễn Thị Đào"]), tmp_path, "second")
    assert "Đào ß ñ Ω" in first and "Nguyễn Thị Đào" in first
    assert "Ω ñ Đào" in second and "Đào ß ñ Ω" in second and "Nguyễn Thị Đào" in second


def test_styled_pieces_on_one_line_read_back(tmp_path: Path) -> None:
    text = text_of(page(["Trước <i>nghiêng</i> <u>gạch dưới</u> <b>đậm</b> sau"]), tmp_path, "styled")
    assert "Trước nghiêng gạch dưới đậm sau" in text


def test_justified_paragraphs_end_every_wrapped_line_at_the_right_margin(tmp_path: Path) -> None:
    from tests.app.printing.test_receipts import words

    paragraph = "Sự chậm trễ này đã gây phiền hà cho ông/bà. <b>Chúng tôi</b> thành thật xin lỗi " * 4

    def layout(sheet: typeset.Sheet) -> None:
        sheet.text(paragraph, align="justify")
        sheet.text(paragraph)  # left-aligned: ragged

    path = tmp_path / "justified.pdf"
    path.write_bytes(formparts.single("A5", "test", "Thử", 9.0, layout))
    rows: list[tuple[float, list[float]]] = []  # (top, right ends of its words); bold sits a little higher
    for _, _, _, y0, x1, _, _, _ in sorted(words(path), key=lambda w: w[3]):
        if rows and y0 - rows[-1][0] < 4:
            rows[-1][1].append(x1)
        else:
            rows.append((y0, [x1]))
    ends = [max(xs) for _, xs in rows]
    half = len(ends) // 2
    justified, ragged = ends[: half - 1], ends[half:-1]  # each paragraph without its last line
    right = typeset.MARGIN + typeset.PAGE_SIZES["A5"][0] - 2 * typeset.MARGIN
    assert len(justified) >= 2 and all(abs(end - right) < 0.6 for end in justified), (justified, right)
    assert any(right - end > 3 for end in ragged), ragged


def test_the_agency_reads_lower_case_mid_sentence() -> None:
    assert wording.in_running_text("UBND Xã Tân Thành") == "UBND xã Tân Thành"
    assert wording.in_running_text("Sở Tư pháp Tỉnh Đồng Tháp") == "Sở Tư pháp tỉnh Đồng Tháp"
    assert wording.in_running_text("UBND Thành phố Hồ Chí Minh") == "UBND thành phố Hồ Chí Minh"
    # A name's own first word keeps its capital (it may open a sentence); a place named Thành is not a unit.
    assert wording.in_running_text("Xã Tân Thành") == "Xã Tân Thành"
    assert wording.in_running_text("UBND Phường Thành Công") == "UBND phường Thành Công"


def test_justified_lines_keep_every_space_between_styles(tmp_path: Path) -> None:
    # Runs of bold and italic inside justified lines, spaces inside and outside the tags: each line is drawn
    # run by run with its real spaces widened (word spacing), so every word reads back on its own.
    words = (
        "1. Nguyễn Văn An, Lê Thị Bình (3 người cùng nội dung) — Khiếu nại: Khiếu nại việc thu hồi đất làm "
        "đường liên ấp, chưa được bồi thường phần cây trồng; Tố cáo: cán bộ địa chính nhận tiền"
    ).split()
    markup = " ".join(
        f"<b>{w}</b>" if i % 7 == 3 else f"<i>{w} </i>" if i % 11 == 5 else w for i, w in enumerate(words * 3)
    )

    def layout(sheet: typeset.Sheet) -> None:
        sheet.text(markup, align="justify")

    pdf = formparts.single("A5", "justify", "Thử", 9.5, layout)
    assert text_of(pdf, tmp_path, "justify").split() == words * 3
    # And the widened spaces do reach the right margin: every line but the last ends there.
    (tmp_path / "bbox.pdf").write_bytes(pdf)
    bbox = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "bbox.pdf"), "-"], capture_output=True, text=True)
    lines: list[tuple[float, float]] = []  # (top of the line's first word, right end); fonts differ in height
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"', bbox.stdout):
        top, end = float(m.group(1)), float(m.group(2))
        if lines and abs(top - lines[-1][0]) < 4:
            lines[-1] = (lines[-1][0], max(lines[-1][1], end))
        else:
            lines.append((top, end))
    right = typeset.PAGE_SIZES["A5"][0] - typeset.MARGIN
    ends = [end for _, end in lines]
    assert len(ends) > 3 and all(abs(end - right) < 1.0 for end in ends[:-1]), (right, ends)
