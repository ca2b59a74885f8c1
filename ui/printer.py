"""Printing behind a small interface: the window asks for a form, a Printer puts the PDF somewhere.

``FormSource`` is what the printing service (app/printing.py, ``desk.printing``) offers; ``Printer``
is the side effect. Tests and desks without a printer use ``FolderPrinter``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.errors import MotcuaError

if TYPE_CHECKING:
    from app.models import Clerk

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
}


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
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.jobs) + 1:03d}-{re.sub(r'[^0-9A-Za-z._-]', '_', name)}.pdf"
        path.write_bytes(pdf)
        self.jobs.append(path)
        return str(path)


class SystemPrinter:
    """The default printer of the machine: the shell's print verb on Windows, CUPS ``lp`` elsewhere."""

    def print_pdf(self, pdf: bytes, name: str) -> str:
        handle, path = tempfile.mkstemp(prefix=f"motcua-{name}-", suffix=".pdf")
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
        if sys.platform == "win32":
            os.startfile(path, "print")  # type: ignore[attr-defined]
            return path
        lp = shutil.which("lp")
        if lp is None:
            raise MotcuaError("Máy này chưa cài máy in; bản PDF đã được lưu lại.",
                              "This computer has no printer; the PDF was saved.", field="printer")
        subprocess.run([lp, path], check=True, capture_output=True, timeout=30)
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
            raise MotcuaError("Chức năng in chưa sẵn sàng trên máy này.", "Printing is not available here.",
                              field="printer")
        printed = self.source.pdf(form, code, clerk=clerk)
        try:
            return self.printer.print_pdf(printed.pdf, f"{form}-{code}")
        except (OSError, subprocess.SubprocessError) as exc:
            raise MotcuaError("Không gửi được phiếu tới máy in.", f"The form could not be sent to the printer: {exc}",
                              field="printer") from exc

    def print_for_action(self, kind: str, code: str, clerk: Clerk | None = None) -> str | None:
        form = FORM_FOR_ACTION.get(kind)
        return self.print_form(form, code, clerk) if form else None
