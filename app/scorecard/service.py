"""The desk's reports, one object for the window's Reports section and the ``motcua report`` command:
the scorecard of a period, its report object, and its papers and workbook, the Decision 766 scorecard
or the periodic report on citizen reception, complaints, denunciations and feedback."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.core.errors import ValidationError
from app.scorecard import desk_source, report
from app.scorecard.records import Period, Scorecard, UnitLevel

if TYPE_CHECKING:
    from app.desk import Desk

Kind = Literal["scorecard", "periodic"]
KINDS: dict[str, tuple[str, str]] = {
    "scorecard": ("Bộ chỉ số 766", "Decision 766 scorecard"),
    "periodic": ("Báo cáo tiếp công dân, khiếu nại, tố cáo", "Citizen reception and complaints report"),
}


def period(start: date, end: date) -> Period:
    """The period of [start, end], refused with one sentence when it ends before it starts."""
    if end < start:
        raise ValidationError(
            "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "The period must end after it starts.", field="to"
        )
    return Period(start, end)


def default_name(kind: Kind, card: Scorecard, suffix: str) -> str:
    stem = "bao-cao-766" if kind == "scorecard" else "bao-cao-tiep-cong-dan"
    return f"{stem}-{card.period.start.isoformat()}-{card.period.end.isoformat()}.{suffix}"


class ReportService:
    """What a leader asks of the records: ``scorecard`` computes, ``to_json`` is the CLI's object,
    ``write_pdf`` and ``write_xlsx`` write the papers the province files."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def scorecard(self, start: date, end: date, unit: UnitLevel = "commune", now: datetime | None = None) -> Scorecard:
        return desk_source.scorecard(self.desk, period(start, end), unit, now)

    def to_json(self, card: Scorecard, lang: str = "vi") -> dict[str, Any]:
        return report.to_json(card, lang)

    def pdf(self, card: Scorecard, kind: Kind = "scorecard") -> bytes:
        """The paper as PDF bytes (A4, Decree 30), dated today."""
        from app.citizens import papers
        from app.scorecard import pdf

        head = papers.letterhead(self.desk.identity)
        render = pdf.periodic_pdf if kind == "periodic" else pdf.scorecard_pdf
        return render(card, head, self.desk.clock.now())

    def write_pdf(self, card: Scorecard, out: str | Path | None = None, kind: Kind = "scorecard") -> Path:
        """The paper written to ``out`` (a default name in the current folder), readable by the desk's user only."""
        from app.printing.service import write_out

        return write_out(out or default_name(kind, card, "pdf"), self.pdf(card, kind))

    def write_xlsx(self, card: Scorecard, out: str | Path | None = None, kind: Kind = "scorecard") -> Path:
        from app.scorecard import xlsx

        return xlsx.write(card, Path(out or default_name(kind, card, "xlsx")), kind)
