"""Printing behind a small interface: the window asks for a form, a Printer puts the PDF somewhere.

``FormSource`` is what the printing service (app/printing.py, ``desk.printing``) offers; ``Printer``
is the side effect. Tests and desks without a printer use ``FolderPrinter``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core import paths
from app.core.errors import MotcuaError

if TYPE_CHECKING:
    from app.core.records import Clerk

# The form each lifecycle action prints (CLI.md: motcua print FORM CODE).
FORM_FOR_ACTION = {
    "received": "receipt",
    "forwarded": "tracking",
    "supplement_requested": "supplement",
    "supplement_received": "receipt",
    "refused": "refusal",
    "apology_issued": "apology",
    "done": "tracking",
    "returned": "tracking",
    "withdrawn": "stop",
    "stopped": "stop",
}


class NoPrinter(MotcuaError):
    """No printer is installed: the form was kept as a PDF (``path``), which the clerk may open."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "Máy này chưa cài máy in; phiếu đã được lưu thành tệp PDF.",
            "This computer has no printer; the form was kept as a PDF.",
            field="printer",
        )
        self.path = path


class PrintedForm(Protocol):
    pdf: bytes


class FormSource(Protocol):
    """app.printing.PrintService: renders a form and records that it was printed."""

    def pdf(self, form: str, code: str, *, clerk: Clerk | None = None) -> PrintedForm: ...


class Printer(Protocol):
    def print_pdf(self, pdf: bytes, name: str) -> str:
        """Send the PDF on its way; returns where it went, for the message line."""
        ...


class FolderPrinter:
    """Writes each job to a folder: for tests, for desks without a printer, and for a PDF copy."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.jobs: list[Path] = []

    def print_pdf(self, pdf: bytes, name: str) -> str:
        paths.private_dir(self.folder)
        path = self.folder / f"{len(self.jobs) + 1:03d}-{re.sub(r'[^0-9A-Za-z._-]', '_', name)}.pdf"
        paths.write_private(path, pdf)
        self.jobs.append(path)
        return str(path)


class QtPrinter:
    """The desk's printer through Qt's print dialog (Enter prints): each page of the PDF is drawn at
    300 dpi onto the printer the clerk picks. With no printer installed, the PDF is kept in the data
    folder and the clerk is told where. ``output_file`` prints to a PDF file instead (tests, "print to file").
    """

    DPI = 300

    def __init__(self, parent: object = None, *, ask: bool = True, output_file: str | Path | None = None) -> None:
        self.parent = parent
        self.ask = ask
        self.output_file = output_file

    def print_pdf(self, pdf: bytes, name: str) -> str:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
        from PySide6.QtWidgets import QDialog

        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
            raise MotcuaError(
                "Không đọc được phiếu để in.", "The form could not be read for printing.", field="printer"
            )
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(self.DPI)
        printer.setDocName(name)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(document.pagePointSize(0), QPageSize.Unit.Point),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        if self.output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        elif not QPrinterInfo.availablePrinterNames():
            raise NoPrinter(_keep(pdf, name))
        elif self.ask and QPrintDialog(printer, self.parent).exec() != QDialog.DialogCode.Accepted:
            return ""  # the clerk cancelled
        painter = QPainter()
        if not painter.begin(printer):
            raise MotcuaError("Máy in không nhận lệnh in.", "The printer did not accept the job.", field="printer")
        try:
            for index in range(document.pageCount()):
                if index:
                    printer.newPage()
                target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
                image = document.render(index, QSize(round(target.width()), round(target.height())))
                painter.drawImage(target, image)
        finally:
            painter.end()
        return str(self.output_file) if self.output_file is not None else printer.printerName()


def _keep(pdf: bytes, name: str) -> Path:
    from app.core import paths

    folder = paths.data_dir() / "printed"
    paths.private_dir(folder)
    # One file per print: a reprint of the same form does not overwrite the first.
    stem = re.sub(r"[^0-9A-Za-z._-]", "_", name)
    path = folder / f"{stem}.pdf"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.pdf"
    paths.write_private(path, pdf)
    return path


class Printing:
    """The window's one door to printing: form source + printer, failures as MotcuaError.

    The source is found on first use, so the window starts without importing the PDF machinery.
    """

    def __init__(self, source: FormSource | Callable[[], FormSource | None] | None, printer: Printer) -> None:
        self._source = source
        self.printer = printer

    @property
    def source(self) -> FormSource | None:
        if callable(self._source) and not hasattr(self._source, "pdf"):
            self._source = self._source()
        return self._source  # type: ignore[return-value]

    def print_form(self, form: str, code: str, clerk: Clerk | None = None) -> str:
        if self.source is None:
            raise MotcuaError(
                "Chức năng in chưa sẵn sàng trên máy này.", "Printing is not available here.", field="printer"
            )
        printed = self.source.pdf(form, code, clerk=clerk)
        try:
            return self.printer.print_pdf(printed.pdf, f"{form}-{code}")
        except OSError as exc:
            raise MotcuaError(
                "Không gửi được phiếu tới máy in.", f"The form could not be sent to the printer: {exc}", field="printer"
            ) from exc

    def print_for_action(self, kind: str, code: str, clerk: Clerk | None = None) -> str | None:
        form = FORM_FOR_ACTION.get(kind)
        return self.print_form(form, code, clerk) if form else None
