"""Receipt generation (form 01, both copies, from the store, print logged) against a bare reportlab page
with the same QR.

Run: python tests/perf/bench_receipt.py [N]. Prints the p50 of each, measured in the same run, and their
ratio (target: at most 1.5, issue 12).

- receipt: ``desk.printing.pdf("receipt", code)`` as the clerk's button calls it, for a dossier just
  received (an original, not a reprint): reads the dossier, signs the payload, makes the QR, lays out
  and writes both copies with the embedded Vietnamese font, and records the print in the print log
  (one durable SQLite commit, synchronous=FULL: the clerk waits for it, so it is timed).
- receipt without the print-log write: the same with ``record=False`` (a preview), to show what the
  commit costs on this disk.
- bare page (the baseline): the same payload through the same ``receipts.qr_modules`` (same content,
  version, error correction and mask search), drawn as vectors with the same ``typeset.draw_qr`` on an
  otherwise empty A5 page.
- bare page with a PIL image (reference only): qrcode's image placed with drawImage, the usual way.

It also prints the same ratio in CPU time of the process, which other work on a shared machine disturbs less
(but which does not see the disk's wait on the commit).

Each iteration runs the four in a shuffled order (the preview before the print of the same dossier) so
all see the same machine load; the first iterations are a warm-up and are not counted.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WARM_UP = 10


def main(n: int = 100) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-receipt-"))
    for var, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
        os.environ[var] = str(tmp / sub)
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from app.core.accounts import InitRequest
    from app.core.clock import FixedClock
    from app.core.worktime import VN_TZ
    from app.desk import Desk
    from app.printing import receipts, typeset

    clock = FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ))
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
    codes = []
    for _ in range(WARM_UP + n):  # one fresh dossier per iteration: each timed print is an original
        codes.append(
            desk.dossiers.receive(
                {
                    "applicant": {
                        "full_name": "Nguyễn Thị Đào",
                        "cccd": "087186001234",
                        "phone": "0912345678",
                        "address": "Ấp Tân Hòa, xã Tân Thành, Đồng Tháp",
                    },
                    "procedure": "HT04",
                    "documents": [
                        {"name": "Tờ khai", "kind": "original", "count": 1},
                        {"name": "Văn bản cử người giám hộ", "kind": "certified_copy", "count": 1},
                    ],
                },
                clerk,
            ).code
        )
    service = desk.printing
    # What the receipt will sign and encode (Ed25519 signatures are deterministic), made before timing.
    payloads = [service.receipt_payload(desk.dossiers.get(code)) for code in codes]

    def bare(payload: str) -> bytes:
        out = io.BytesIO()
        canv = Canvas(out, pagesize=A5)
        typeset.draw_qr(canv, receipts.qr_modules(payload), 100, 300, receipts.QR_SIDE)
        canv.showPage()
        canv.save()
        return out.getvalue()

    def bare_image(payload: str) -> bytes:
        out = io.BytesIO()
        canv = Canvas(out, pagesize=A5)
        image = qrcode.make(payload, error_correction=ERROR_CORRECT_M).get_image()
        canv.drawImage(ImageReader(image), 100, 300, receipts.QR_SIDE, receipts.QR_SIDE)
        canv.showPage()
        canv.save()
        return out.getvalue()

    def receipt(code: str) -> bytes:
        printed = service.pdf("receipt", code)
        assert printed.reprint == 0 and printed.copy_no == 1, "timed prints must be originals"
        return printed.pdf

    def preview(code: str) -> bytes:
        return service.pdf("receipt", code, record=False).pdf

    shuffle = random.Random(20260212)
    times: dict[str, list[float]] = {"bare": [], "bare_image": [], "receipt": [], "preview": []}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    for i, (code, payload) in enumerate(zip(codes, payloads, strict=True)):
        steps: list[tuple[str, Callable[[], bytes]]] = [
            ("bare", lambda p=payload: bare(p)),
            ("bare_image", lambda p=payload: bare_image(p)),
            ("preview", lambda c=code: preview(c)),
            ("receipt", lambda c=code: receipt(c)),
        ]
        shuffle.shuffle(steps)
        names = [name for name, _ in steps]
        a, b = names.index("preview"), names.index("receipt")
        if b < a:  # previewing after the print would show a reprint
            steps[a], steps[b] = steps[b], steps[a]
        for name, fn in steps:
            t, c = time.perf_counter(), time.process_time()
            fn()
            if i >= WARM_UP:
                times[name].append(time.perf_counter() - t)
                cpu[name].append(time.process_time() - c)
    p50 = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"bare page + same QR (vector)            p50 {p50['bare']:7.2f} ms  (N={n})")
    print(f"receipt (2 copies, A5, print logged)    p50 {p50['receipt']:7.2f} ms  (N={n})")
    print(f"receipt without the print-log commit    p50 {p50['preview']:7.2f} ms  (N={n})")
    print(f"reference: bare page + QR as PIL image  p50 {p50['bare_image']:7.2f} ms  (N={n})")
    print(f"ratio receipt / bare (vector QR)            {p50['receipt'] / p50['bare']:.2f}  (target <= 1.50)")
    print(f"ratio receipt without log / bare (vector)   {p50['preview'] / p50['bare']:.2f}")
    print(f"reference ratio receipt / bare (PIL image)  {p50['receipt'] / p50['bare_image']:.2f}")
    # CPU time of this process only: steadier than wall time on a shared machine, but blind to the disk.
    c50 = {name: statistics.median(values) * 1000 for name, values in cpu.items()}
    print(f"CPU p50: bare {c50['bare']:.2f} ms, receipt {c50['receipt']:.2f} ms, without log {c50['preview']:.2f} ms")
    print(f"CPU ratio receipt / bare (vector QR)        {c50['receipt'] / c50['bare']:.2f}")
    desk.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
