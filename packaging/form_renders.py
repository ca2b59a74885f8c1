"""Every printable form of a demo desk as PDF and as a 100-dpi PNG, to look at as the civil servant who signs
them would, and the README's pictures of the receipt and the apology letter.

Run: python packaging/form_renders.py OUT_DIR [--docs]   (needs pdftoppm; --docs also refreshes
docs/receipt.png (the citizen's copy), docs/apology.png and docs/reception-register-03tcd.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(out: Path, docs: bool) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="motcua-forms-"))
    for var, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
        os.environ[var] = str(tmp / sub)
    from app.core.accounts import InitRequest
    from app.core.clock import FixedClock
    from app.core.worktime import VN_TZ
    from app.desk import Desk

    clock = FixedClock(datetime(2026, 8, 5, 9, 0, tzinfo=VN_TZ))  # Wednesday 5 August 2026
    desk = Desk.open(tmp / "desk.sqlite3", clock)
    desk.initialise(
        InitRequest(
            commune_code="87001",
            commune_name="Xã Tân Thành",
            province="Đồng Tháp",
            desk_no=1,
            admin_username="admin",
            admin_password="mat-khau-123",
            admin_full_name="Trần Văn Quản",
        )
    )
    clerk = desk.clerk()

    def receive() -> str:
        return desk.dossiers.receive(
            {
                "applicant": {
                    "full_name": "Nguyễn Thị Đào",
                    "cccd": "087186001234",
                    "phone": "0912345678",
                    "address": "Ấp Tân Hòa, xã Tân Thành, tỉnh Đồng Tháp",
                },
                "procedure": "HT04",
                "documents": [
                    {"name": "Tờ khai đăng ký giám hộ", "kind": "original", "count": 1},
                    {"name": "Văn bản cử người giám hộ", "kind": "certified_copy", "count": 1},
                ],
            },
            clerk,
        ).code

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    main_code = receive()
    files["01-receipt"] = desk.printing.to_file("receipt", main_code, out / "01-receipt.pdf", clerk=clerk)
    clock.advance(hours=1)
    desk.dossiers.act(main_code, "forwarded", clerk)
    supplement = receive()
    desk.dossiers.act(
        supplement,
        "supplement_requested",
        clerk,
        reason="Thiếu bản sao giấy khai sinh của người được giám hộ",
        data={"documents": ["Giấy khai sinh của người được giám hộ (bản sao chứng thực)"]},
    )
    files["02-supplement"] = desk.printing.to_file("supplement", supplement, out / "02-supplement.pdf", clerk=clerk)
    refused = receive()
    desk.dossiers.act(refused, "refused", clerk, reason="Thủ tục không thuộc thẩm quyền giải quyết của xã")
    files["03-refusal"] = desk.printing.to_file("refusal", refused, out / "03-refusal.pdf", clerk=clerk)
    clock.advance(days=1)
    new_due = datetime(2026, 8, 14, 9, 0, tzinfo=VN_TZ)
    desk.dossiers.act(
        main_code,
        "apology_issued",
        clerk,
        reason="Cần xác minh thêm tại nơi cư trú của người được giám hộ",
        new_due=new_due,
    )
    files["04-apology"] = desk.printing.to_file("apology", main_code, out / "04-apology.pdf", clerk=clerk)
    withdrawn = receive()
    desk.dossiers.act(withdrawn, "withdrawn", clerk, reason="Người nộp có đơn xin rút hồ sơ")
    files["05-stop"] = desk.printing.to_file("stop", withdrawn, out / "05-stop.pdf", clerk=clerk)
    clock.advance(hours=2)
    desk.dossiers.act(main_code, "done", clerk)
    clock.advance(days=6)
    desk.dossiers.act(main_code, "returned", clerk)
    files["06-tracking"] = desk.printing.to_file("tracking", main_code, out / "06-tracking.pdf", clerk=clerk)
    files["07-logbook"] = desk.printing.logbook_to_file(date(2026, 8, 1), date(2026, 8, 31), out / "07-logbook.pdf")
    # Citizen reception's papers, from a month of the leaders' sessions, a dialogue and the board.
    from app.citizens import demo

    made, c, today = demo.populate(desk, clerk), desk.citizens, clock.now().date()
    month = (today.replace(day=1), today + timedelta(days=20))
    files["08-register-03tcd"] = c.print_register(out / "08-register-03tcd.pdf", today - timedelta(days=30), today)
    files["09-schedule"] = c.print_schedule(out / "09-schedule.pdf", *month)
    files["10-conclusion"] = c.print_conclusion(made["session"]["id"], out / "10-conclusion.pdf")
    files["11-minutes"] = c.print_minutes(made["dialogue"]["id"], out / "11-minutes.pdf")
    files["12-board"] = c.print_board(out / "12-board.pdf")
    desk.close()
    for name, pdf in files.items():
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(out / name)], check=True)
        print(pdf)
    if docs:
        shutil.copyfile(out / "01-receipt-2.png", ROOT / "docs" / "receipt.png")  # the citizen's copy
        shutil.copyfile(out / "04-apology-1.png", ROOT / "docs" / "apology.png")
        shutil.copyfile(out / "08-register-03tcd-1.png", ROOT / "docs" / "reception-register-03tcd.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--docs" in sys.argv[2:])
