"""The feedback register as a spreadsheet (CSV) and as a printed A4 register (PDF)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from app.core.records import label
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_CHANNELS, FEEDBACK_STATUSES, KINDS

EXPORT_COLUMNS = (
    ("Số", "No."),
    ("Sổ", "Register"),
    ("Ngày nhận", "Received"),
    ("Người gửi", "Person"),
    ("Địa chỉ", "Address"),
    ("Liên hệ", "Contact"),
    ("Hình thức", "Channel"),
    ("Phân loại", "Category"),
    ("Nội dung", "Content"),
    ("Hồ sơ", "Dossier"),
    ("Hạn", "Due"),
    ("Trạng thái", "Status"),
    ("Cán bộ", "Officer"),
    ("Trả lời", "Answer"),
    ("Chuyển đến", "Forwarded to"),
)


def export_header(lang: str = "vi") -> list[str]:
    return [en if lang == "en" else vi for vi, en in EXPORT_COLUMNS]


def export_rows(
    entries: Iterable[FeedbackEntry], officer_names: Mapping[str, str], lang: str = "vi"
) -> list[dict[str, str]]:
    """Rows for a spreadsheet or printout; entries come masked, so identities never leave."""
    names = officer_names
    header = export_header(lang)
    rows = []
    for e in entries:
        due = e.due
        values = [
            e.number,
            label(KINDS, e.kind, lang),
            f"{e.received_at:%d/%m/%Y}",
            e.person_name,
            e.person_address,
            e.person_contact,
            label(FEEDBACK_CHANNELS, e.channel, lang),
            e.category,
            e.content,
            e.dossier_code or "",
            f"{due:%d/%m/%Y}" if due else "",
            label(FEEDBACK_STATUSES, e.status, lang),
            names.get(e.assigned_to or "", ""),
            e.answer,
            e.forwarded_to,
        ]
        rows.append(dict(zip(header, values, strict=True)))
    return rows


def write_csv(path: Path, rows: Sequence[Mapping[str, str]]) -> Path:
    # utf-8-sig: Excel on Vietnamese PCs opens it with the accents intact.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # names and complaints: ours only
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
        if rows:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return Path(path)


def print_register(
    path: Path,
    rows: Sequence[Mapping[str, str]],
    commune_name: str,
    *,
    title_kind: str | None = None,
    lang: str = "vi",
) -> Path:
    """The register as an A4 landscape PDF, from the rows of ``export_rows`` (masked entries)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from app.printing import fonts, wording

    fonts.register_fonts()
    cell = ParagraphStyle("fb-cell", fontName=fonts.FONT, fontSize=7.5, leading=9.5)
    head = ParagraphStyle("fb-head", parent=cell, fontName=fonts.FONT_BOLD)
    title = ParagraphStyle(
        "fb-title", parent=cell, fontName=fonts.FONT_BOLD, fontSize=13, leading=17, alignment=1, spaceAfter=4 * mm
    )
    # The address is left out of the printed register: it does not fit, and the spreadsheet has it.
    columns = [c for c in export_header(lang) if c not in ("Địa chỉ", "Address")]
    widths = [18, 17, 17, 20, 20, 15, 15, 40, 21, 17, 15, 17, 28, 17]  # mm, 277 in all
    data = [[Paragraph(wording.esc(c), head) for c in columns]]
    data += [[Paragraph(wording.esc(r[c]), cell) for c in columns] for r in rows]
    if title_kind:
        register = f"{'Register' if lang == 'en' else 'Sổ'}: {label(KINDS, title_kind, lang)}"
    else:
        register = "Feedback registers" if lang == "en" else "Sổ theo dõi phản ánh, kiến nghị, khiếu nại, tố cáo"
    heading = f"{register.upper()} — {commune_name}"
    table = Table(data, repeatRows=1, colWidths=[w * mm for w in widths])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=register,
    )
    doc.build([Paragraph(wording.esc(heading), title), table])
    return Path(path)
