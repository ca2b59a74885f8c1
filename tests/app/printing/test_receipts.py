"""Form 01 read back from the PDF: text via pdftotext, QR via pdftoppm + zbarimg, layout via word boxes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.desk import Desk
from tests.conftest import dossier_input

pytestmark = pytest.mark.tools("pdftotext", "pdftoppm", "zbarimg", "pdfinfo", "pdffonts")

LONG_NAME = (
    "Tôn Nữ Hoàng Thị Nguyễn Phước Bảo Ngọc Quỳnh Trâm Anh Thư Huyền Diệu Khánh Linh Mỹ Duyên "
    "Phương Thảo Uyên Nhi Bích Lê Vy"
)
LONG_ADDRESS = (
    "Số 123/45/6 đường Nguyễn Thị Minh Khai, khu phố Bình Đức, phường Mỹ Phước, "
    "ấp Tân Hòa Đông, xã Tân Thành, tỉnh Đồng Tháp, gần chợ Cao Lãnh cũ, đối diện trường tiểu học "
    "Trần Quốc Toản, hẻm bên cạnh tiệm tạp hóa Bà Tư, cuối hẻm rẽ trái, nhà thứ ba có cổng sắt xanh "
    "lá cây và giàn bông giấy đỏ rực rỡ nè"
)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def words(path: Path) -> list[tuple[int, str, float, float, float, float, float, float]]:
    """(page, word, xmin, ymin, xmax, ymax, page width, page height) from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ElementTree.fromstring(html)
    out = []
    for n, page in enumerate(root.iter("page"), 1):
        pw, ph = float(page.get("width")), float(page.get("height"))
        for w in page.iter("word"):
            out.append(
                (
                    n,
                    w.text or "",
                    float(w.get("xMin")),
                    float(w.get("yMin")),
                    float(w.get("xMax")),
                    float(w.get("yMax")),
                    pw,
                    ph,
                )
            )
    return out


def qr_text(path: Path, tmp_path: Path, page: int = 1) -> str:
    prefix = tmp_path / f"render-{path.stem}"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(path), str(prefix)], check=True
    )
    png = next(tmp_path.glob(f"{prefix.name}-*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], check=True, capture_output=True, text=True).stdout
    return out.strip()


@pytest.fixture
def printed(desk: Desk, admin, tmp_path: Path) -> tuple[Path, str]:
    dossier = desk.dossiers.receive(
        dossier_input(
            documents=[
                {"name": "Tờ khai đăng ký giám hộ", "kind": "original", "count": 1},
                {"name": "Văn bản cử người giám hộ", "kind": "certified_copy", "count": 2},
            ]
        ),
        admin,
    )
    return desk.printing.to_file("receipt", dossier.code, tmp_path / "receipt.pdf", clerk=admin), dossier.code


def test_receipt_fields_read_back_exactly(printed: tuple[Path, str]) -> None:
    path, code = printed
    text = pdftotext(path)
    flat = " ".join(text.split())
    assert code == "87001-260212-1001"
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND XÃ TÂN THÀNH",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {code}",
        "Nguyễn Thị Đào",
        "Địa chỉ: Ấp Tân Hòa, xã Tân Thành, Đồng Tháp",
        "Đăng ký giám hộ",
        "Tờ khai đăng ký giám hộ",
        "Văn bản cử người giám hộ",
        "Bản sao chứng thực",
        "Số lượng hồ sơ: 1 (bộ)",
        "3 ngày làm việc",
        "09 giờ 00 phút, Thứ Năm, ngày 12 tháng 02 năm 2026",
        # Received the Thursday before Tết 2026 (17 Feb): Fri 13, Mon 23, Tue 24 are the three working days.
        "09 giờ 00 phút, Thứ Ba, ngày 24 tháng 02 năm 2026",
        "Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công, UBND xã Tân Thành",
        "Mẫu số 01",
        "Số: 01/GTN-Q1",
        "Tân Thành, ngày 12 tháng 02 năm 2026",
        "Quyển số: 01/2026, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Quản",
        "(Liên 1: Lưu hồ sơ)",
        "(Liên 2: Giao người nộp hồ sơ)",
    ):
        assert expected in flat, expected
    assert "BẢN SAO" not in flat
    assert flat.count(f"Mã hồ sơ: {code}") == 2


def test_receipt_is_two_a5_pages_with_an_embedded_font(printed: tuple[Path, str]) -> None:
    path, _ = printed
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\n", info)
    assert "419.528 x 595.276 pts" in info
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    # Only the embedded serif (Decree 30: Times New Roman or its metric twin), no Helvetica from the preamble.
    assert names and all(re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", n) for n in names)
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:])


def test_qr_decodes_at_150_dpi_and_verifies(printed: tuple[Path, str], desk: Desk, tmp_path: Path) -> None:
    path, code = printed
    payload = qr_text(path, tmp_path)
    assert payload.startswith(f"9-{code}-87001-1-202602240900-")
    assert desk.printing.verify(payload) == "valid"
    assert qr_text(path, tmp_path / "p2" if (tmp_path / "p2").mkdir() is None else tmp_path, page=2) == payload
    digits = list(payload)
    digits[len("9-87001-2602")] = str((int(digits[len("9-87001-2602")]) + 1) % 10)
    assert desk.printing.verify("".join(digits)) == "forged"


def test_reprint_says_it_is_a_copy_and_is_recorded(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    first = desk.printing.pdf("receipt", code, clerk=admin)
    second = desk.printing.pdf("receipt", code, clerk=admin)
    third = desk.printing.to_file("receipt", code, tmp_path / "third.pdf", clerk=admin)
    assert (first.reprint, second.reprint) == (0, 1)
    flat = " ".join(pdftotext(third).split())
    assert flat.count("BẢN SAO (in lại lần 2)") == 2
    log = desk.printing.prints(code)
    assert [(p["copy_no"], p["is_reprint"]) for p in log] == [(1, 0), (2, 1), (3, 1)]
    outbox = [r for r in desk.store.outbox() if r["entity"] == "print"]
    assert [r["entity_id"] for r in outbox] == [p["id"] for p in log]
    preview = desk.printing.pdf("receipt", code, record=False)
    assert preview.reprint == 3 and len(desk.printing.prints(code)) == 3


@pytest.mark.parametrize("page", ["A5", "A4"])
def test_long_name_and_address_stay_inside_the_page(desk: Desk, admin, tmp_path: Path, page: str) -> None:
    assert len(LONG_NAME) == 120 and len(LONG_ADDRESS) == 300
    data = dossier_input(
        applicant={
            "full_name": LONG_NAME,
            "cccd": "087186001234",
            "phone": "0912345678",
            "address": LONG_ADDRESS,
            "email": "mot.dia.chi.thu.rat.dai@example.com.vn",
        }
    )
    code = desk.dossiers.receive(data, admin).code
    path = desk.printing.to_file("receipt", code, tmp_path / "long.pdf", a4=page == "A4")
    boxes = words(path)
    for _, word, x0, y0, x1, y1, pw, ph in boxes:
        assert 0 <= x0 and x1 <= pw - 20 and 0 <= y0 and y1 <= ph, word
    page1 = [b for b in boxes if b[0] == 1]
    text1 = " ".join(b[1] for b in page1)
    for word in (LONG_NAME + " " + LONG_ADDRESS).split():
        assert word in text1, word
    # No two words on the same line overlap.
    for i, a in enumerate(page1):
        for b in page1[i + 1 :]:
            if abs(a[3] - b[3]) < 1:
                assert a[4] <= b[2] + 0.5 or b[4] <= a[2] + 0.5, (a[1], b[1])


def test_a4_option_and_agency_header(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    path = desk.printing.to_file("receipt", code, tmp_path / "a4.pdf", a4=True)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts" in info


def test_logbook_entry_follows_the_desk_book(desk: Desk, admin) -> None:
    codes = [desk.dossiers.receive(dossier_input(), admin).code for _ in range(3)]
    assert [desk.printing.log.entry_number(c, "2026") for c in codes] == [1, 2, 3]


def test_collect_place_and_url_prefix_settings(desk: Desk, admin, tmp_path: Path) -> None:
    desk.printing.set_collect_place("Quầy số 1, nhà văn hóa ấp Tân Hòa")
    desk.printing.set_qr_url_prefix("https://dichvucong.dongthap.gov.vn/tracuu?ma=")
    code = desk.dossiers.receive(dossier_input(), admin).code
    path = desk.printing.to_file("receipt", code, tmp_path / "r.pdf")
    assert "Quầy số 1, nhà văn hóa ấp Tân Hòa" in " ".join(pdftotext(path).split())
    payload = qr_text(path, tmp_path)
    assert payload.startswith("https://dichvucong.dongthap.gov.vn/tracuu?ma=9-")
    assert desk.printing.verify(payload) == "valid"
