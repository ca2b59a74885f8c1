"""Scan to return reads receipts of both code forms: digits and a QCVN 102 electronic ID."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import dossier_input, make_desk
from ui.scanner import CODE, read_scan


def test_scan_reads_an_electronic_id_receipt_and_a_bare_code(tmp_path: Path, clock) -> None:
    desk = make_desk(tmp_path / "d.sqlite3", clock, agency_code="H15.50.05.13")
    try:
        dossier = desk.dossiers.receive(dossier_input(), desk.clerk())
        desk.printing.set_qr_url_prefix("https://dichvucong.dongthap.gov.vn/tra-cuu/")
        payload = desk.printing.receipt_payload(dossier)
        # Unikey (Telex) mangles the URL's letters; the digits after it are read as they were.
        typed = payload.replace("dichvucong", "dichvucông") + "\r"
        scan = read_scan(desk, typed)
        assert scan is not None and (scan.code, scan.verdict) == ("H15.50.05.13-260212-1001", "valid")
        plain = read_scan(desk, "H15.50.05.13-260212-1001\r")
        assert plain is not None and (plain.code, plain.verdict) == ("H15.50.05.13-260212-1001", "plain")
        assert CODE.search("87001-260212-1001").group(1) == "87001-260212-1001"
    finally:
        desk.close()
