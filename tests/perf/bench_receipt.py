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

Instruction counts, which the machine's load does not move: ``python tests/perf/bench_receipt.py --callgrind [N]``
runs each kind alone under ``valgrind --tool=callgrind``, counting only the timed calls (collection toggled on
inside ``functools.reduce``, which nothing else on the path calls), and prints instructions a call and the ratios.
"""

from __future__ import annotations

import functools
import io
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WARM_UP = 10


KINDS = ("bare", "bare_image", "preview", "receipt")


def setup(n: int) -> tuple[Callable[[], None], list[dict[str, Callable[[], bytes]]]]:
    """A desk with ``WARM_UP + n`` fresh dossiers; for each, the four kinds as calls (and the desk's close)."""
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

    calls = [
        {
            "bare": lambda p=payload: bare(p),
            "bare_image": lambda p=payload: bare_image(p),
            "preview": lambda c=code: preview(c),
            "receipt": lambda c=code: receipt(c),
        }
        for code, payload in zip(codes, payloads, strict=True)
    ]
    return desk.close, calls


def main(n: int = 100) -> None:
    close, calls = setup(n)
    shuffle = random.Random(20260212)
    times: dict[str, list[float]] = {name: [] for name in KINDS}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    for i, call in enumerate(calls):
        steps = list(call.items())
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
    close()


def only(kind: str, n: int) -> None:
    """The warm-up, then ``n`` calls of one kind inside ``functools.reduce`` (what callgrind counts)."""
    close, calls = setup(n)
    for call in calls[:WARM_UP]:
        call["preview" if kind == "receipt" else kind]()  # the warm-up leaves the timed receipts originals
    functools.reduce(lambda _, call: call[kind](), calls[WARM_UP:], b"")
    close()
    print(f"{kind}: {n} calls counted")


def callgrind(n: int = 10) -> None:
    counted: dict[str, float] = {}
    for kind in ("bare", "preview", "receipt"):
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--collect-atstart=no",
                    "--toggle-collect=functools_reduce",
                    f"--callgrind-out-file={tmp}/callgrind.out",
                    sys.executable,
                    __file__,
                    "--only",
                    kind,
                    str(n),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
        found = re.search(r"Collected : (\d+)", run.stderr)
        assert found, run.stderr[-2000:]
        counted[kind] = int(found.group(1)) / n
        print(f"{kind:8s} {counted[kind] / 1e6:8.2f} M instructions a call  (callgrind, N={n})")
    print(f"callgrind ratio receipt / bare (vector QR)        {counted['receipt'] / counted['bare']:.2f}")
    print(f"callgrind ratio receipt without log / bare        {counted['preview'] / counted['bare']:.2f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--only"]:
        only(args[1], int(args[2]))
    elif args[:1] == ["--callgrind"]:
        callgrind(int(args[1]) if len(args) > 1 else 10)
    else:
        main(int(args[0]) if args else 100)
