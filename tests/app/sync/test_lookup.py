"""The receipt QR's public status page on the real hub: signature checked, no personal data."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from app.core.clock import FixedClock
from tests.app.sync.hub import Hub
from tests.conftest import dossier_input, make_desk


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def test_a_phone_opens_the_status_page_from_the_receipt(any_hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = make_desk(tmp_path / "desk.sqlite3", FixedClock(clock.at), agency_code="h15.50.05.13")
    try:
        assert desk.identity.agency_code == "H15.50.05.13"
        before = desk.dossiers.receive(dossier_input(), desk.clerk())
        assert before.code == "H15.50.05.13-260212-1001"
        # Not enrolled: no URL in front; the desk still verifies it.
        bare = desk.printing.receipt_payload(before)
        assert (
            bare.startswith("8-180105100500100005100103-260212-1001-87001-1-") and desk.printing.verify(bare) == "valid"
        )

        desk.sync.enroll(any_hub.url, any_hub.token("87001", 1))
        dossier = desk.dossiers.receive(dossier_input(), desk.clerk())
        payload = desk.printing.receipt_payload(dossier)
        assert payload.startswith(any_hub.url + "/tra-cuu/8-")
        assert desk.printing.verify(payload) == "valid"

        # Signed, but not synced yet: the page says so and shows what the receipt says.
        status, html = fetch(payload)
        assert status == 200 and "Hồ sơ chưa được đồng bộ lên tỉnh." in html and dossier.code in html

        desk.clock.advance(hours=1)
        desk.dossiers.act(dossier.code, "forwarded", desk.clerk())
        assert desk.sync.run_once().complete
        status, html = fetch(payload)
        assert status == 200, html
        for shown in (
            dossier.code,
            "Đăng ký giám hộ",
            "Đang xử lý",
            "Thứ Ba, 09:00 ngày 24/02/2026",
            "width=device-width",
        ):
            assert shown in html, shown
        for private in ("Nguyễn Thị Đào", "087186001234", "0912345678", "Ấp Tân Hòa"):
            assert private not in html
        (tmp_path / "status.html").write_text(html, encoding="utf-8")

        forged = payload.replace("-260212-1002-", "-260212-1001-", 1)
        status, html = fetch(forged)
        assert status == 400 and "chữ ký không khớp" in html and "Đăng ký giám hộ" not in html
        status, _ = fetch(any_hub.url + "/tra-cuu/khong-phai-ma")
        assert status == 404
    finally:
        desk.close()


def test_identity_check_and_deciding_agency_travel_to_the_other_desk(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    from tests.app.sync.helpers import enrolled_desk

    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    try:
        code = a1.dossiers.receive(dossier_input(procedure="TP01", identity_check="population"), a1.clerk()).code
        a1.clock.advance(minutes=30)
        a1.dossiers.act(code, "forwarded", a1.clerk())
        a1.clock.advance(hours=1)
        a1.dossiers.act(code, "stopped", a1.clerk(), reason="Công dân không bổ sung.")
        assert a1.sync.run_once().complete
        assert a2.sync.run_once().complete
        there = a2.dossiers.get(code)
        assert (there.identity_check, there.procedure_level, there.deciding_agency) == (
            "population",
            "province",
            "Sở Tư pháp tỉnh",
        )
        assert there.status == "stopped" and there.events[1].data == {"to": "Sở Tư pháp tỉnh"}
        store = hub.store()
        try:
            outcome = store.backend.scalar("SELECT outcome AS n FROM dossiers WHERE code = ?", (code,))
        finally:
            store.close()
        assert outcome == a1.dossiers.timeliness(a1.dossiers.get(code)).verdict == "early"
    finally:
        a1.close()
        a2.close()
