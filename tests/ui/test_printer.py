"""Printing through Qt: the receipt drawn onto a QPrinter must still scan and verify."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import dossier_input
from ui.printer import QtPrinter

pytestmark = pytest.mark.tools("pdftoppm", "pdfinfo", "zbarimg")


def test_a_receipt_printed_through_qt_scans_and_verifies(qapp, desk, admin, tmp_path: Path) -> None:
    dossier = desk.dossiers.receive(dossier_input(), admin)
    printed = desk.printing.pdf("receipt", dossier.code, clerk=admin)
    out = tmp_path / "printed.pdf"
    assert QtPrinter(ask=False, output_file=out).print_pdf(printed.pdf, "receipt") == str(out)

    source, target = tmp_path / "source.pdf", out
    source.write_bytes(printed.pdf)
    info = {
        p: subprocess.run(["pdfinfo", str(p)], check=True, capture_output=True, text=True).stdout
        for p in (source, target)
    }
    pages = [next(line for line in info[p].splitlines() if line.startswith("Pages:")) for p in (source, target)]
    assert pages[0] == pages[1]
    assert "419.5" in info[target] or "420" in info[target]  # A5 kept: 419.5 x 595.3 pt

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")], check=True
    )
    png = next(tmp_path.glob("p-*.png"))
    payload = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert dossier.code in payload
    assert desk.printing.verify(payload) == "valid"


def test_no_printer_keeps_the_pdf_and_says_where(qapp, monkeypatch, isolated_folders: Path) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    from ui.printer import NoPrinter

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    with pytest.raises(NoPrinter) as info:
        QtPrinter(ask=False).print_pdf(_one_page_pdf(), "receipt-87001-260212-1001")
    kept = isolated_folders / "data" / "printed" / "receipt-87001-260212-1001.pdf"
    assert kept.exists() and info.value.path == kept
    assert str(kept) not in str(info.value)  # the message stays short; the window offers to open the file
    with pytest.raises(NoPrinter) as again:
        QtPrinter(ask=False).print_pdf(_one_page_pdf(), "receipt-87001-260212-1001")
    assert again.value.path.name == "receipt-87001-260212-1001-2.pdf" and kept.exists()  # not overwritten


def _one_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "MotCua")
    page.save()
    return out.getvalue()
