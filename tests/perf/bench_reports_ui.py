"""The Reports section stays responsive: the longest the window's event loop waits while a year's
scorecard is computed in the section's worker thread, beside the time the same computation would
freeze the window for if it ran in the window's thread (the baseline, measured in the same run).

    python3 tests/perf/bench_reports_ui.py [--dossiers 1000000] [--store PATH] [--rounds 5]

The store is bench_scorecard.py's (built once with the demo data and cached in the temporary folder).
A 5 ms timer ticks in the window's thread throughout; the figure is the widest gap between two ticks
from the request to the scorecard on screen (the charts and tables drawn included). Target: the
window never waits more than ~100 ms, whatever the store's size.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.perf.bench_scorecard import build, median_time, ms  # noqa: E402


def measure(app, section, choice, rounds: int) -> tuple[float, float]:
    """Medians of (the widest gap between two ticks of a 5 ms timer, the time to the answer on screen)."""
    from PySide6.QtCore import QEventLoop, QTimer

    gaps, answers = [], []
    for _ in range(rounds):
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda t=ticks: t.append(time.perf_counter()))
        loop = QEventLoop()
        section.computed.connect(loop.quit)
        timer.start()
        start = time.perf_counter()
        ticks.append(start)
        section.set_choice(choice)
        loop.exec()
        app.processEvents()  # what the answer queued (painting) is part of the wait
        end = time.perf_counter()
        timer.stop()
        section.computed.disconnect(loop.quit)
        ticks.append(end)
        gaps.append(max(b - a for a, b in itertools.pairwise(ticks)))
        answers.append(end - start)
    return statistics.median(gaps), statistics.median(answers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("MOTCUA_CONFIG_DIR", str(Path(tempfile.gettempdir()) / "motcua-bench-config"))
    store = args.store or Path(tempfile.gettempdir()) / f"motcua-bench-scorecard-{args.dossiers}.sqlite3"
    build(store, args.dossiers)

    from PySide6.QtWidgets import QApplication

    from app.desk import Desk
    from app.scorecard import desk_reports
    from app.scorecard.periods import Choice
    from ui import i18n
    from ui.reports_section import ReportsSection

    app = QApplication.instance() or QApplication([])
    i18n.install("vi")
    with Desk.open(store) as desk:
        today = desk.clock.now().date()
        year = Choice("custom", today.year, start=today.replace(year=today.year - 1), end=today)
        print(f"{desk.dossiers.count():,} dossiers; a year: {year.period.start}..{year.period.end}")
        base = median_time(lambda: desk_reports.build(desk, year.period), args.rounds)
        print(f"a year computed in the window's thread (baseline: the freeze)  {ms(base)}")

        section = ReportsSection(desk, open_dossier=lambda _c: None, open_feedback=lambda _n: None)
        section.resize(1280, 700)
        section.show()
        section.wait()
        app.processEvents()
        for page in (0, 1):  # the scorecard's table, then the charts (drawn only when on screen)
            section.pages.setCurrentIndex(page)
            section.wait()
            app.processEvents()
            gap, answer = measure(app, section, year, args.rounds)
            name = section.pages.tabText(page).replace("&", "")
            print(f"{name}: a year through the section's worker, on screen after {ms(answer)}")
            print(
                f"{name}: longest wait of the window's event loop meanwhile {ms(gap)}   "
                f"{gap / base:5.2f}x baseline   target ≤ 100 ms {'met' if gap <= 0.1 else 'NOT met'}"
            )
        section.wait()
        section.close()


if __name__ == "__main__":
    main()
