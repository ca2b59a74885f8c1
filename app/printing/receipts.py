"""Form 01: the receipt and appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), two copies.

The citizen's only proof that the commune took the dossier and when the result is due, so it carries
a QR signed by the desk (app.printing.qr) and a reprint says plainly that it is a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm

from app.printing import formparts, typeset, wording
from app.printing.formparts import Letterhead, Paper, letterhead_values
from app.printing.typeset import Sheet, block
from app.printing.wording import esc, fields, fill, template
from app.reception.records import Document

MAX_QR_VERSION = 10
QR_SIDE = 30 * mm

# Decree 118/2025: the commune centre receives for other communes and for higher agencies, and says who decides.
DECIDING_LINE = "Cơ quan giải quyết: <b>{deciding_agency}</b> (hồ sơ được chuyển đến cơ quan này)"


@dataclass(frozen=True)
class ReceiptData:
    head: Letterhead
    code: str
    applicant: str
    address: str
    phone: str
    email: str
    procedure: str
    documents: tuple[Document, ...]
    sets: int
    legal_time: str
    received_at: datetime
    due_at: datetime
    volume: str
    entry: int
    clerk: str
    qr_payload: str
    reprint: int = 0  # 0: the original; n: the n-th reprint
    number: int | None = None  # the document number (Paper.seq); None: left blank (a preview)
    desk_no: int = 0  # the desk that issued the number
    deciding_agency: str = ""  # reception regardless of boundary: the agency that decides, if not this one

    def paper(self) -> Paper:
        """The receipt on the edition of form 01 in force the day the dossier was received."""
        return Paper(template("receipt", on=self.received_at), self.received_at, self.number, self.desk_no)


def with_deciding_agency(tpl: dict, deciding_agency: str) -> list[str]:
    """The receipt's lines, with the deciding agency under the procedure when another agency decides."""
    lines = list(tpl["lines"])
    if deciding_agency:
        at = next((i + 1 for i, line in enumerate(lines) if "{procedure}" in line), len(lines))
        lines.insert(at, tpl.get("deciding_line", DECIDING_LINE))
    return lines


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR matrix (no quiet zone) at error correction M, version 10 at most."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(payload, optimize=20)
    qr.make(fit=True)
    if qr.version > MAX_QR_VERSION:
        raise ValueError(f"QR payload too long: version {qr.version} > {MAX_QR_VERSION}")
    return qr.modules


def document_rows(documents: tuple[Document, ...], head: list[str], kinds: dict[str, str]) -> list[list[str]]:
    rows = [[esc(h) for h in head]]
    for i, doc in enumerate(documents, 1):
        rows.append([str(i), esc(doc.name), esc(kinds.get(doc.kind, doc.kind)), str(doc.count)])
    return rows


def layout(sheet: Sheet, data: ReceiptData, paper: Paper, qr: list[list[bool]]) -> None:
    """One copy's content; the copy label goes in the slot "copy", filled per copy."""
    tpl = paper.form
    values = fields(
        {  # escaped once for every line below
            **letterhead_values(data.head, paper.common),
            "code": data.code,
            "applicant": data.applicant,
            "address": data.address,
            "phone": data.phone,
            "email": data.email,
            "procedure": data.procedure,
            "sets": data.sets,
            "legal_time": data.legal_time,
            "received_at": wording.time_words(data.received_at),
            "due_at": wording.time_words(data.due_at),
            "volume": data.volume,
            "entry": data.entry,
            "clerk": data.clerk,
            "deciding_agency": data.deciding_agency,
        }
    )
    size = sheet.size
    formparts.header(sheet, data.head, paper)
    formparts.title(sheet, tpl["title"])
    # The code and copy label on the left, the QR on the right.
    left_w = sheet.width - QR_SIDE - 2 * mm
    code = block(fill(tpl["code_line"], values), left_w, size + 2.5, align="center")
    note = block(esc(tpl["qr_note"]), QR_SIDE + 2 * mm, size - 2, align="center")
    sheet.room(QR_SIDE + note.height)
    top = sheet.y
    mid = top - QR_SIDE / 2
    code.draw(sheet.pen, sheet.left, mid + code.height)
    sheet.slots["copy"] = typeset.Slot(len(sheet.forms) - 1, sheet.left, mid - 2, left_w)
    typeset.draw_qr(sheet.canv, qr, sheet.left + left_w + 2 * mm, top - QR_SIDE, QR_SIDE)
    note.draw(sheet.pen, sheet.left + left_w, top - QR_SIDE)
    sheet.space(QR_SIDE + note.height + size * 0.3)
    formparts.lines(sheet, with_deciding_agency(tpl, data.deciding_agency), values)
    w = sheet.width
    rows = document_rows(data.documents, tpl["documents_head"], paper.common["document_kinds"])
    sheet.table(rows, [7 * mm, w - 52 * mm, 32 * mm, 13 * mm])
    sheet.space(size * 0.3)
    formparts.lines(sheet, tpl["after_documents"], values)
    formparts.signatures(sheet, tpl["signatures"], values)


def render(data: ReceiptData, page: str = "A5") -> bytes:
    """Both copies (file, citizen): laid out once, placed twice with their own copy label.

    A copy that would spill onto a second page is laid out again in smaller type first."""
    paper = data.paper()
    tpl, common = paper.form, paper.common
    qr = qr_modules(data.qr_payload)
    # The receipt is the densest form: half a point under the letters' size, so a usual one fits first time.
    base = formparts.base_size(page) - 0.5
    for size in (base, base - 0.75, base - 1.5):
        canv, out = formparts.new_canvas(page, f"{tpl['title']} {data.code}")
        sheet = Sheet(canv, page, size, "receipt")
        layout(sheet, data, paper, qr)
        forms = sheet.finish()
        if len(forms) == 1:
            break
    slot = sheet.slots["copy"]
    for label in (common["copy_file"], common["copy_citizen"]):
        mark = block(f"({esc(label)})", slot.width, sheet.size - 1, align="center", italic=True)

        def copy_label(i: int, mark: typeset.Block = mark) -> None:
            if i == slot.page:
                mark.draw(canv, slot.x, slot.top)

        formparts.emit(canv, out, forms, page, reprint=data.reprint, on_page=copy_label)
    return formparts.finish(canv, out)


__all__ = ["ReceiptData", "qr_modules", "render"]
