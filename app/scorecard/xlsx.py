"""The scorecard as an Excel workbook the province can file (openpyxl).

One sheet per table, each with a title block (unit, period), Vietnamese headers, numbers as numbers
(shares formatted as percentages), dates as dates, a totals row where a table adds up, frozen headers
and an A4 print set-up. What the records cannot decide is written as words, never as 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.scorecard import periodic, periods
from app.scorecard.records import Breakdown, Scorecard
from app.scorecard.report import COUNT_LABELS

NO_DATA = "Chưa có dữ liệu"
EMPTY = "Không phát sinh"
HEADER_ROW = 5
BOLD = Font(name="Times New Roman", bold=True)
PLAIN = Font(name="Times New Roman")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
PERCENT = "0.00%"
POINTS = "0.00"
DATE = "dd/mm/yyyy"

EXTRA_COUNTS = (
    ("resolved", "  trong đó có kết quả"),
    ("waiting_supplement", "  đang chờ bổ sung"),
    ("digitised", "Hồ sơ số hóa"),
    ("electronic_result", "Hồ sơ có kết quả điện tử"),
    ("fee_dossiers", "Hồ sơ có phí, lệ phí"),
    ("paid_online", "  thanh toán trực tuyến"),
    ("paid_transfer", "  chuyển khoản (VietQR)"),
    ("ratings_declined", "Lượt từ chối đánh giá"),
    ("complaints_on_time", "Khiếu nại giải quyết đúng hạn"),
    ("denunciations_on_time", "Tố cáo giải quyết đúng hạn"),
    ("reception", "Lượt tiếp công dân"),
    ("reception_on_time", "  trả lời đúng hạn"),
)


def _title(ws: Worksheet, card: Scorecard, title: str, width: int) -> None:
    ws["A1"] = title.upper()
    ws["A1"].font = Font(name="Times New Roman", bold=True, size=13)
    ws["A2"] = f"Đơn vị: {card.unit.name} (mã {card.unit.agency or card.unit.code})"
    ws["A2"].font = PLAIN
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "Từ ngày", card.period.start, "đến ngày", card.period.end
    for cell in ("A3", "C3"):
        ws[cell].font = PLAIN
    for cell in ("B3", "D3"):
        ws[cell].number_format = DATE
        ws[cell].font = BOLD
        ws[cell].alignment = Alignment(horizontal="left")
    ws["A4"] = "Kỳ báo cáo: " + periods.words(card.period)  # "quý I năm 2026 (từ ngày … đến ngày …)"
    ws["A4"].font = PLAIN
    for row in (1, 2, 4):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None],
    widths: Sequence[int],
    total: Sequence[Any] | None = None,
) -> None:
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body = [*rows, total] if total is not None else list(rows)
    for r, values in enumerate(body, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.font = BOLD if total is not None and r == HEADER_ROW + len(body) else PLAIN
            cell.border = BOX
            fmt = formats[c - 1]
            if fmt and isinstance(value, (int, float, date)) and not isinstance(value, bool):
                cell.number_format = fmt
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(headers) > 5 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _or_words(value: Any, status: str = "ok") -> Any:
    if value is not None:
        return value
    return EMPTY if status == "empty" else NO_DATA


def _indicators(wb: Workbook, card: Scorecard) -> None:
    ws = wb.active
    ws.title = "Chỉ số 766"
    _title(ws, card, "Kết quả bộ chỉ số phục vụ người dân (Quyết định 766/QĐ-TTg)", 8)
    rows = [
        (
            i.id,
            i.name_vi,
            _or_words(i.value, i.status),
            _or_words(i.points, i.status),
            i.max_points,
            _or_words(i.points_lost, i.status),
            i.lost_count,
            ("Giả định điểm. " if i.assumption else "") + i.note,
        )
        for i in card.indicators
    ]
    total = ("", "Tổng điểm (trên số điểm dữ liệu quyết định)", None, card.score, card.reachable, None, None, "")
    _table(
        ws,
        ("Mã", "Chỉ số", "Tỷ lệ", "Điểm", "Điểm tối đa", "Điểm bị mất", "Số hồ sơ mất điểm", "Ghi chú"),
        rows,
        (None, None, PERCENT, POINTS, POINTS, POINTS, "0", None),
        (6, 52, 10, 9, 11, 11, 12, 50),
        total,
    )


def _counts(wb: Workbook, card: Scorecard) -> None:
    ws = wb.create_sheet("Số liệu")
    _title(ws, card, "Số liệu tiếp nhận, giải quyết hồ sơ", 3)
    labels = [(key, vi.strip() if not vi.startswith("  ") else "– " + vi.strip()) for key, vi, _ in COUNT_LABELS]
    labels += [(key, vi.strip() if not vi.startswith("  ") else "– " + vi.strip()) for key, vi in EXTRA_COUNTS]
    rows = [(key, label, _or_words(card.counts.get(key))) for key, label in labels]
    rows += [(f"by_channel.{ch}", f"Tiếp nhận – kênh {ch}", n) for ch, n in card.by_channel.items()]
    _table(ws, ("Mã số liệu", "Số liệu", "Số lượng"), rows, (None, None, "#,##0"), (24, 44, 14))


def _breakdown(wb: Workbook, card: Scorecard, title: str, sheet: str, first: str, rows: Sequence[Breakdown]) -> None:
    ws = wb.create_sheet(sheet)
    _title(ws, card, title, 11)
    fields = ("received", "ended", "early", "on_time", "late", "in_progress", "overdue_now", "ratings", "satisfied")
    month = first == "Tháng"
    data = [
        (
            date.fromisoformat(b.key + "-01") if month else b.key,
            "" if month else b.label,
            *(getattr(b, f) for f in fields),
        )
        for b in rows
    ]
    total = ("", "Tổng cộng", *(sum(getattr(b, f) for b in rows) for f in fields))
    headers = (
        first,
        "Tên",
        "Tiếp nhận",
        "Đã giải quyết",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Đang giải quyết",
        "Đang quá hạn",
        "Lượt đánh giá",
        "Hài lòng",
    )
    formats = ("mm/yyyy" if month else None, None, *["#,##0"] * len(fields))
    _table(ws, headers, data, formats, (12, 6 if month else 40, *[11] * len(fields)), total)


def _lost(wb: Workbook, card: Scorecard) -> None:
    ws = wb.create_sheet("Hồ sơ mất điểm")
    _title(ws, card, "Hồ sơ, phản ánh làm mất điểm", 3)
    rows = [(i.id, i.name_vi, code) for i in card.indicators for code in i.lost]
    _table(ws, ("Chỉ số", "Tên chỉ số", "Mã hồ sơ / số phản ánh"), rows, (None, None, None), (8, 52, 26))


def _communes(wb: Workbook, province: Scorecard, cards: Sequence[Scorecard]) -> None:
    """The province's communes by score: points beside the reachable, points lost per indicator, figures."""
    ws = wb.create_sheet("Các xã", 0)
    ids = [i.id for i in province.indicators]
    _title(ws, province, "Kết quả bộ chỉ số 766 của các xã", 10 + len(ids))

    def row(rank: Any, card: Scorecard) -> tuple[Any, ...]:
        c = card.counts
        lost = [_or_words(i.points_lost, i.status) for i in card.indicators]
        return (
            rank,
            card.unit.code,
            card.unit.name,
            card.score,
            card.reachable,
            *lost,
            c["received"],
            c["ended"],
            (c["early"] or 0) + (c["on_time"] or 0),
            c["late"],
            c["overdue_now"],
            c["ratings"],
            c["satisfied"],
        )

    rows = [row(n, card) for n, card in enumerate(cards, start=1)]
    headers = (
        "Hạng",
        "Mã xã",
        "Tên xã",
        "Điểm",
        "Điểm tối đa đạt được",
        *(f"Điểm mất {i}" for i in ids),
        "Tiếp nhận",
        "Đã giải quyết",
        "Trước hạn, đúng hạn",
        "Quá hạn",
        "Đang quá hạn",
        "Lượt đánh giá",
        "Hài lòng",
    )
    formats = (None, None, None, POINTS, POINTS, *[POINTS] * len(ids), *["#,##0"] * 7)
    widths = (6, 9, 28, 9, 11, *[8] * len(ids), *[11] * 7)
    _table(ws, headers, rows, formats, widths, (*row("", province)[:2], "Toàn tỉnh", *row("", province)[3:]))


def write_province(province: Scorecard, cards: Sequence[Scorecard], path: Path) -> Path:
    """The province's workbook: the communes' table first, then the province's own sheets."""
    return write(province, path, communes=cards)


def _periodic(wb: Workbook, card: Scorecard, ws: Worksheet | None = None) -> None:
    """The periodic report on reception, complaints, denunciations and feedback (app.scorecard.periodic)."""
    ws = ws or wb.create_sheet("Tiếp công dân, KNTC")
    _title(ws, card, "Kết quả tiếp công dân, giải quyết khiếu nại, tố cáo, phản ánh, kiến nghị", 3)
    figures = card.citizens or {}
    rows = [
        (key or None, vi if level < 2 else "– " + vi, None if level == 0 else _or_words(figures.get(key)))
        for key, vi, _, level in periodic.ROWS
    ]
    _table(ws, ("Mã số liệu", "Chỉ tiêu", "Số liệu"), rows, (None, None, "#,##0"), (28, 56, 14))
    for r, (_, _, _, level) in enumerate(periodic.ROWS, start=HEADER_ROW + 1):
        if level == 0:
            ws.cell(r, 2).font = BOLD


def write(card: Scorecard, path: Path, kind: str = "scorecard", communes: Sequence[Scorecard] | None = None) -> Path:
    """The workbook: the scorecard's sheets (and the periodic report's where the card has citizen
    reception), or, for ``kind="periodic"``, the periodic report alone. ``communes``: the province's
    workbook, with the communes' table."""
    wb = Workbook()
    if kind == "periodic":
        wb.active.title = "Tiếp công dân, KNTC"
        _periodic(wb, card, wb.active)
    else:
        _indicators(wb, card)
        if communes is not None:
            _communes(wb, card, communes)
        _counts(wb, card)
        _breakdown(wb, card, "Theo tháng", "Theo tháng", "Tháng", card.by_month)
        _breakdown(wb, card, "Theo thủ tục hành chính", "Theo thủ tục", "Mã thủ tục", card.by_procedure)
        _breakdown(wb, card, "Theo cán bộ tiếp nhận", "Theo cán bộ", "Mã cán bộ", card.by_clerk)
        _lost(wb, card)
        if card.citizens is not None:
            _periodic(wb, card)
    wb.properties.title = f"Bộ chỉ số 766 — {card.unit.name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    path.chmod(0o600)  # files the desk writes are readable by the desk's user only (CLI.md)
    return path
