"""Forms 02–07 of Circular 03/2025 (and the 2018 editions for older dossiers), read back with pdftotext."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from app.core.errors import MotcuaError, ValidationError
from app.core.worktime import VN_TZ
from app.desk import Desk
from tests.conftest import dossier_input

pytestmark = pytest.mark.tools("pdftotext", "pdfinfo")


def text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_supplement_request_lists_documents_and_reason(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    desk.dossiers.act(
        code,
        "supplement_requested",
        admin,
        reason="Thiếu bản sao giấy khai sinh của người được giám hộ",
        data={"documents": ["Giấy khai sinh của người được giám hộ (bản sao chứng thực)"]},
    )
    flat = text(desk.printing.to_file("supplement", code, tmp_path / "02.pdf"))
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Nguyễn Thị Đào",
        code,
        "Đăng ký giám hộ",
        "Giấy khai sinh của người được giám hộ (bản sao chứng thực)",
        "Lý do: Thiếu bản sao giấy khai sinh của người được giám hộ",
        "Trần Văn Quản",
        "Mẫu số 02",
    ):
        assert expected in flat, expected


def test_refusal_needs_a_reason(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    with pytest.raises(MotcuaError):  # nothing refused on record: no refusal notice
        desk.printing.pdf("refusal", code)
    desk.dossiers.act(code, "refused", admin, reason="Thủ tục không thuộc thẩm quyền của xã")
    flat = text(desk.printing.to_file("refusal", code, tmp_path / "03.pdf"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in flat
    assert "Thủ tục không thuộc thẩm quyền của xã" in flat


def test_apology_shows_old_and_new_date(desk: Desk, admin, tmp_path: Path, clock) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    with pytest.raises(MotcuaError):
        desk.printing.pdf("apology", code)
    new_due = datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
    desk.dossiers.act(code, "apology_issued", admin, reason="Cần xác minh thêm tại nơi cư trú", new_due=new_due)
    flat = text(desk.printing.to_file("apology", code, tmp_path / "04.pdf"))
    assert "Mẫu số 04" in flat and "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in flat
    assert "Kính gửi: Ông/Bà Nguyễn Thị Đào" in flat
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, Thứ Ba, ngày 24 tháng 02 năm 2026" in flat
    assert "thời gian hẹn trả kết quả mới là: 09 giờ 00 phút, Thứ Sáu, ngày 27 tháng 02 năm 2026" in flat
    assert "Cần xác minh thêm tại nơi cư trú" in flat
    # The receipt reprinted after the apology still shows the appointment it gave.
    receipt = text(desk.printing.to_file("receipt", code, tmp_path / "01.pdf"))
    assert "ngày 24 tháng 02 năm 2026" in receipt and "ngày 27 tháng 02" not in receipt


def test_stop_notice_takes_the_withdrawal_reason(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    desk.dossiers.act(code, "withdrawn", admin, reason="Người nộp xin rút hồ sơ")
    flat = text(desk.printing.to_file("stop", code, tmp_path / "stop.pdf"))
    assert "Mẫu số 05" in flat and "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in flat and "Người nộp xin rút hồ sơ" in flat


def test_tracking_sheet_has_one_row_per_hand_over(desk: Desk, admin, tmp_path: Path, clock) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    clock.advance(hours=1)
    desk.dossiers.act(code, "forwarded", admin)
    clock.advance(hours=2)
    desk.dossiers.act(code, "done", admin)
    flat = text(desk.printing.to_file("tracking", code, tmp_path / "05.pdf"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in flat
    assert "09:00" in flat and "10:00" in flat and "12:00" in flat and "12/02/2026" in flat
    assert "Trước hạn" in flat


def test_logbook_lists_the_range_on_a4_landscape(desk: Desk, admin, tmp_path: Path) -> None:
    codes = [desk.dossiers.receive(dossier_input(), admin).code for _ in range(3)]
    path = desk.printing.logbook_to_file(date(2026, 2, 1), date(2026, 2, 12), tmp_path / "06.pdf")
    flat = text(path)
    assert "SỔ THEO DÕI HỒ SƠ" in flat and "Từ ngày 01/02/2026 đến ngày 12/02/2026 — 3 hồ sơ" in flat
    for n, code in enumerate(codes, 1):
        assert code in flat and f"01/2026 · {n}" in flat
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.276 pts" in info
    empty = text(desk.printing.logbook_to_file(date(2026, 3, 1), date(2026, 3, 2), tmp_path / "e.pdf"))
    assert "0 hồ sơ" in empty
    with pytest.raises(ValidationError):
        desk.printing.logbook(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.slow
def test_logbook_header_repeats_on_every_page(desk: Desk, admin, tmp_path: Path) -> None:
    for _ in range(40):
        desk.dossiers.receive(dossier_input(), admin)
    path = desk.printing.logbook_to_file(date(2026, 2, 12), date(2026, 2, 12), tmp_path / "06.pdf")
    pages = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    filled = [p for p in pages if p.strip()]
    assert len(filled) >= 2
    assert all("Mã hồ sơ" in p for p in filled)
