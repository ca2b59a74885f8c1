"""Scorecard benchmark: a year's and a month's Decision 766 scorecard from the counters kept with the events,
beside a plain GROUP BY over the dossiers and the engine reading every dossier of the period.

    python3 tests/perf/bench_scorecard.py [--dossiers 1000000] [--store PATH] [--rounds 7]

The store is built once with ``motcua demo`` (counters kept as it goes) and cached in the temporary folder.
Targets (issue 16): at 1,000,000 dossiers, a year ≤ 100 ms and a month ≤ 20 ms where the plain GROUP BY
takes ~364 ms, i.e. ≤ 0.27x and ≤ 0.055x of the baseline measured in the same run (a shared machine's
load moves the milliseconds, much less the ratios). Figures are medians of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.desk import Desk  # noqa: E402
from app.reception import demo  # noqa: E402
from app.scorecard import desk_counters, desk_source  # noqa: E402
from app.scorecard.records import Period  # noqa: E402
from db.scorecard_store import ScorecardStore  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def build(path: Path, count: int) -> None:
    if path.exists():
        with Desk.open(path) as desk:
            have = desk.dossiers.count()
            built = ScorecardStore(desk.store.conn).built(desk_counters.VERSION)
        if have >= count and built:
            print(f"store: {path} ({have:,} dossiers, cached)")
            return
    started = time.perf_counter()
    with Desk.open(path) as desk:
        demo.ensure_initialised(desk)
        missing = count - desk.dossiers.count()
        demo.populate(desk, missing, seed=42)
        if not ScorecardStore(desk.store.conn).built(desk_counters.VERSION):
            with desk.store.transaction():
                desk_source.rebuild_counters(desk)
    print(f"store: {path} built {missing:,} dossiers in {time.perf_counter() - started:.0f} s")


def median_time(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm the page cache and the imports
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--full-rounds", type=int, default=1, help="runs of the read-every-dossier path (0 skips)")
    args = parser.parse_args()
    os.environ.setdefault("MOTCUA_CONFIG_DIR", str(Path(tempfile.gettempdir()) / "motcua-bench-config"))
    store = args.store or Path(tempfile.gettempdir()) / f"motcua-bench-scorecard-{args.dossiers}.sqlite3"
    build(store, args.dossiers)
    with Desk.open(store) as desk:
        today = desk.clock.now().date()
        year = Period(today.replace(year=today.year - 1) + timedelta(days=1), today)
        last_month_end = today.replace(day=1) - timedelta(days=1)
        month = Period(last_month_end.replace(day=1), last_month_end)
        conn = desk.store.conn
        dossiers = desk.dossiers.count()
        counters = conn.execute("SELECT COUNT(*) FROM scorecard_counts").fetchone()[0]
        running = len(ScorecardStore(conn).live_running("9999"))
        print(f"{dossiers:,} dossiers, {counters:,} counter rows, {running:,} dossiers running now")

        def group_by() -> object:
            return conn.execute("SELECT status, channel, COUNT(*) FROM dossiers GROUP BY status, channel").fetchall()

        base = median_time(group_by, args.rounds)
        print(f"plain GROUP BY over the dossiers (baseline)   {ms(base)}")
        for label, period, target in (("year", year, 100 / 364), ("month", month, 20 / 364)):
            fast = median_time(lambda p=period: desk_source.scorecard(desk, p, fast=True), args.rounds)
            print(
                f"scorecard, {label:<5} {period.start}..{period.end} (counters) {ms(fast)}   "
                f"{fast / base:5.3f}x baseline   target ≤ {target:.3f}x "
                f"{'met' if fast <= target * base else 'NOT met'}"
            )
            if args.full_rounds:
                full = median_time(lambda p=period: desk_source.scorecard(desk, p, fast=False), args.full_rounds)
                print(f"scorecard, {label:<5} reading every dossier of the period     {ms(full)}   {full / base:5.2f}x")
        if args.full_rounds:
            check = desk_source.scorecard(desk, year, fast=True).counts
            same = desk_source.scorecard(desk, year, fast=False).counts
            print(f"year's counts equal on both paths: {dict(check) == dict(same)}")
        if date.today() != today:
            print(f"(the desk's clock says {today})")


if __name__ == "__main__":
    main()
