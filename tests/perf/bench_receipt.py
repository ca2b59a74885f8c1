"""Receipt generation (form 01, both copies, from the store) against a bare reportlab page with the same QR.

Run: python tests/perf/bench_receipt.py [N]. Prints the p50 of each, measured in the same run, and
their ratio (target: at most 1.2). The bare page makes the same QR (same payload, same qrcode call)
and draws it on an otherwise empty A5 page, as vectors like the receipt (the strict baseline) and,
for reference, as qrcode's PIL image with drawImage (the usual way). The receipt reads the dossier,
signs the payload, lays out and writes both copies with the embedded Vietnamese font.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(n: int = 50) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-receipt-"))
    for var, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
        os.environ[var] = str(tmp / sub)
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen.canvas import Canvas

    from app import pdfkit, receipts
    from app.calendar import VN_TZ
    from app.clock import FixedClock
    from app.desk import Desk
    from app.identity import InitRequest

    clock = FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ))
    desk = Desk.open(tmp / "desk.sqlite3", clock)
    desk.initialise(InitRequest(commune_code="87001", commune_name="Xã Tân Thành", province="Đồng Tháp", desk_no=1,
                                admin_username="admin", admin_password="mat-khau-123",
                                admin_full_name="Trần Văn Quản"))
    dossier = desk.dossiers.receive({
        "applicant": {"full_name": "Nguyễn Thị Đào", "cccd": "087186001234", "phone": "0912345678",
                      "address": "Ấp Tân Hòa, xã Tân Thành, Đồng Tháp"},
        "procedure": "HT04", "documents": [{"name": "Tờ khai", "kind": "original", "count": 1},
                                           {"name": "Văn bản cử người giám hộ", "kind": "certified_copy",
                                            "count": 1}],
    }, desk.clerk())
    service = desk.printing
    payload = service.receipt_payload(desk.dossiers.get(dossier.code))

    def bare() -> bytes:
        out = io.BytesIO()
        canv = Canvas(out, pagesize=A5)
        pdfkit.draw_qr(canv, receipts.qr_modules(payload), 100, 300, receipts.QR_SIDE)
        canv.showPage()
        canv.save()
        return out.getvalue()

    def bare_image() -> bytes:
        # The conventional way: qrcode's PIL image placed with drawImage (the receipt itself draws vectors).
        import qrcode
        from qrcode.constants import ERROR_CORRECT_M
        from reportlab.lib.utils import ImageReader

        out = io.BytesIO()
        canv = Canvas(out, pagesize=A5)
        image = qrcode.make(payload, error_correction=ERROR_CORRECT_M).get_image()
        canv.drawImage(ImageReader(image), 100, 300, receipts.QR_SIDE, receipts.QR_SIDE)
        canv.showPage()
        canv.save()
        return out.getvalue()

    def receipt() -> bytes:
        return service.pdf("receipt", dossier.code, record=False).pdf

    receipt()
    bare()  # warm: fonts registered, templates parsed
    bare_image()
    times: dict[str, list[float]] = {"bare": [], "bare_image": [], "receipt": []}
    for _ in range(n):  # interleaved so all see the same machine load
        for name, fn in (("bare", bare), ("bare_image", bare_image), ("receipt", receipt)):
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    bare_p50 = statistics.median(times["bare"]) * 1000
    receipt_p50 = statistics.median(times["receipt"]) * 1000
    print(f"bare page + same QR (vector)     p50 {bare_p50:7.2f} ms  (N={n})")
    print(f"receipt (2 copies, A5)           p50 {receipt_p50:7.2f} ms  (N={n})")
    image_p50 = statistics.median(times["bare_image"]) * 1000
    print(f"bare page + same QR as PIL image p50 {image_p50:7.2f} ms  (N={n})")
    print(f"ratio receipt / bare (vector QR)     {receipt_p50 / bare_p50:.2f}  (target <= 1.20)")
    print(f"ratio receipt / bare (image QR)      {receipt_p50 / image_p50:.2f}")
    desk.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
