"""``motcua print`` and ``motcua verify`` through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.desk import Desk
from tests.conftest import dossier_input

pytestmark = pytest.mark.tools("pdftoppm", "zbarimg")


def motcua(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )


def test_print_receipt_and_verify(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    db = str(desk.store.path)
    out = tmp_path / "r.pdf"
    done = motcua("print", "receipt", code, "--out", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out) and out.read_bytes().startswith(b"%PDF")
    png = tmp_path / "r"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(out), str(png)], check=True)
    payload = subprocess.run(
        ["zbarimg", "-q", "--raw", str(next(tmp_path.glob("r-*.png")))], check=True, capture_output=True, text=True
    ).stdout.strip()
    ok = motcua("--db", db, "verify", payload)
    assert (ok.returncode, ok.stdout.strip()) == (0, "valid")
    forged = payload.replace(code, code[:-1] + str((int(code[-1]) + 1) % 10), 1)
    bad = motcua("--db", db, "verify", forged)
    assert (bad.returncode, bad.stdout.strip()) == (1, "forged")
    unknown = motcua("--db", db, "verify", payload.replace("-87001-1-", "-87002-1-", 1))
    assert (unknown.returncode, unknown.stdout.strip()) == (3, "unknown")


def test_print_errors_and_logbook(desk: Desk, admin, tmp_path: Path) -> None:
    db = str(desk.store.path)
    desk.dossiers.receive(dossier_input(), admin)
    missing = motcua("print", "receipt", "87001-260212-1999", "--out", str(tmp_path / "x.pdf"), "--db", db)
    assert missing.returncode == 1 and "Không tìm thấy hồ sơ mã 87001-260212-1999." in missing.stderr
    assert motcua("print", "receipt", "--out", str(tmp_path / "x.pdf"), "--db", db).returncode == 2
    book = tmp_path / "06.pdf"
    done = motcua("print", "logbook", "--from", "2026-02-01", "--to", "2026-02-28", "--out", str(book), "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(book) and book.exists()


def test_receipt_qr_with_an_electronic_id_verifies_with_and_without_a_url(tmp_path: Path, clock) -> None:
    """QCVN 102 agency code: zbarimg reads the 150-dpi receipt and ``motcua verify`` says valid."""
    from tests.conftest import make_desk

    desk = make_desk(tmp_path / "h15.sqlite3", clock, agency_code="H15.50.05.13")
    try:
        code = desk.dossiers.receive(dossier_input(), desk.clerk()).code
        assert code == "H15.50.05.13-260212-1001"
        db = str(desk.store.path)
        for name, prefix in (("bare", ""), ("url", "https://dichvucong.dongthap.gov.vn/tra-cuu/")):
            desk.printing.set_qr_url_prefix(prefix)
            out = tmp_path / f"{name}.pdf"
            assert motcua("print", "receipt", code, "--out", str(out), "--db", db).returncode == 0
            png = tmp_path / name
            subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(out), str(png)], check=True)
            payload = subprocess.run(
                ["zbarimg", "-q", "--raw", str(next(tmp_path.glob(f"{name}-*.png")))],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            assert payload.startswith(prefix + "8-180105100500100005100103-260212-1001-87001-1-")
            ok = motcua("--db", db, "verify", payload)
            assert (ok.returncode, ok.stdout.strip()) == (0, "valid")
    finally:
        desk.close()
