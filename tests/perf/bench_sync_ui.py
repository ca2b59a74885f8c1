"""The register's sync column at 1,000,000 dossiers: what it adds to a page load, as a ratio to the page alone.

    python tests/perf/bench_sync_ui.py [--cache /tmp/motcua-bench] [--store CACHE/bench-1m.sqlite3] [--runs 20]

Uses the store tests/perf/bench_ui.py builds and caches (run that first, with the same ``--cache``). The
column is read lazily, for the rows the view shows (one screen, 30 rows) or at most a loaded page (200 rows);
the baseline is loading the first page of the register without it, in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench_ui import CACHE, env  # noqa: E402  (the benchmark store and its folders)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=CACHE, help="where bench_ui.py keeps the store and folders")
    parser.add_argument("--store", help="default: CACHE/bench-1m.sqlite3")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    store = Path(args.store or args.cache / "bench-1m.sqlite3")
    if not store.exists():
        raise SystemExit(f"{store} is missing: run tests/perf/bench_ui.py once to build it")
    os.environ.update(env(args.cache))

    from PySide6.QtWidgets import QApplication

    from app.desk import Desk
    from app.reception.register import Filters, Register
    from ui.register_model import RegisterModel

    QApplication(sys.argv)
    with Desk.open(store) as desk:
        register = Register(desk.store, desk.clock)
        states = desk.sync.dossier_states_by_rowid
        model = RegisterModel(register, sync_states=states)
        model.reload()  # warm the page cache, as a desk used today would be
        rowids = [model.row_at(r).rowid for r in range(model.rowCount())]
        states(rowids)
        page = median_ms(model.reload, args.runs)
        screen = median_ms(lambda: states(rowids[:30]), args.runs)
        full = median_ms(lambda: states(rowids), args.runs)
        model.set_filters(Filters(text="nguyen"))
        found = [model.row_at(r).rowid for r in range(min(30, model.rowCount()))]
        searched = median_ms(lambda: states(found), args.runs)
        pending = states(rowids[:30])
        print(f"dossiers in the store                 {desk.dossiers.count():,}")
        print(f"first page of the register (200 rows) {page:7.2f} ms   (baseline)")
        print(f"sync column, one screen (30 rows)     {screen:7.2f} ms   ratio {screen / page:.2f}x")
        print(f"sync column, a whole page (200 rows)  {full:7.2f} ms   ratio {full / page:.2f}x")
        print(f"sync column, 30 search results        {searched:7.2f} ms   ratio {searched / page:.2f}x")
        print(f"states on screen                      {sorted({s.state for s in pending.values()})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
