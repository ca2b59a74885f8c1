"""The receipt's two QR codes read back from a 150-dpi render with zbarimg: the signed one verifies,
the VietQR pays the fee due to the commune's account, and ``verify`` says what a VietQR is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core import settings
from app.desk import Desk
from app.fees import vietqr
from tests.conftest import dossier_input

pytestmark = pytest.mark.tools("pdftoppm", "zbarimg", "pdftotext")


def motcua(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )


def codes_on_page(pdf: Path, tmp_path: Path) -> list[str]:
    prefix = tmp_path / "render"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    png = next(tmp_path.glob("render-*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


@pytest.fixture
def bank(desk: Desk) -> None:
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    settings.put(desk.store, "bank.holder", "UBND XA TAN THANH")


def test_receipt_carries_a_vietqr_for_the_fee_by_pages(desk: Desk, admin, bank, tmp_path: Path) -> None:
    dossier = desk.dossiers.receive(dossier_input(procedure="CT01", documents=[], fee={"pages": 5}), admin)
    pdf = desk.printing.to_file("receipt", dossier.code, tmp_path / "receipt.pdf", clerk=admin)
    found = codes_on_page(pdf, tmp_path)
    payments = [c for c in found if vietqr.looks_like(c)]
    signed = [c for c in found if not vietqr.looks_like(c)]
    assert len(payments) >= 1 and len(signed) >= 1  # two copies on the page may give two of each
    payload = payments[0]
    assert payload == desk.fees.vietqr(dossier)
    top = vietqr.fields(payload)
    assert f"{vietqr.crc16(payload[:-4].encode()):04X}" == payload[-4:] == top["63"]
    assert (top["53"], top["54"], top["58"]) == ("704", "7000", "VN")  # 2 × 2,000 + 3 × 1,000
    assert vietqr.fields(top["62"])["08"] == dossier.code
    assert desk.printing.verify(signed[0]) == "valid"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Mã VietQR nộp lệ phí bằng chuyển khoản: 7.000 đ" in text
    assert "không dùng để tra cứu" in text

    db = str(desk.store.path)
    said = motcua("--db", db, "verify", payload)
    assert said.returncode == 4 and "mã VietQR để nộp lệ phí" in said.stdout and "forged" not in said.stdout
    said_en = motcua("--db", db, "--lang", "en", "verify", payload)
    assert said_en.stdout.startswith("This is the VietQR")


def test_no_vietqr_when_paid_in_cash_free_or_no_account(desk: Desk, admin, tmp_path: Path) -> None:
    free = desk.dossiers.receive(dossier_input(procedure="HT02", documents=[]), admin)
    cash = desk.dossiers.receive(dossier_input(procedure="CT02", documents=[]), admin)
    no_account = desk.printing.to_file("receipt", cash.code, tmp_path / "a.pdf", clerk=admin)
    assert all(not vietqr.looks_like(c) for c in codes_on_page(no_account, tmp_path))
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    assert desk.fees.receipt_vietqr(free) is None
    desk.fees.pay(cash.code, admin, amount=10000, channel="cash", receipt_no="0001")
    assert desk.fees.receipt_vietqr(cash) is None
