"""Hub scorecard benchmark on PostgreSQL: the province's year and one commune's year, beside a plain
GROUP BY over the hub's dossiers, measured in the same run and reported as ratios.

    python3 tests/perf/bench_hub_scorecard.py [--communes 100] [--dossiers 10000000] [--rounds 3]
        [--pg postgresql://127.0.0.1:5432/test] [--schema s16hub_bench] [--reuse]

The benchmark's own schema (``s16hub_bench``) gets the hub's tables, and the dossiers are loaded into
them directly with COPY, not through ingest: the materialised ``dossiers`` table and, since the hub's
scorecard reads what the desks sent, each dossier's change and its two events' (received; returned
early, on time or late) in ``changes``. Targets (issue 16): at 100 communes and 10,000,000 dossiers, the
province's year ≤ 500 ms and one commune's ≤ 50 ms. Figures are medians of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.worktime import VN_TZ  # noqa: E402
from app.province.scorecard_source import scorecards  # noqa: E402
from app.scorecard.records import Period  # noqa: E402
from db.hub.store import HubStore  # noqa: E402

YEAR = 2025
PROCEDURES = [(f"1.00{n:04d}", str(d)) for n, d in zip(range(1, 21), (0, 1, 3, 5, 7, 10, 15, 3, 5, 2) * 2, strict=True)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def median(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def load(url: str, schema: str, communes: int, dossiers: int) -> None:
    import psycopg

    base = url.split("?")[0]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    HubStore(url).close()  # the hub's schema, by its own migrations
    rng = random.Random(42)
    start = datetime(YEAR, 1, 1, 8, tzinfo=VN_TZ)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn, psycopg.connect(url, autocommit=True) as log:
        with conn.cursor() as cur:
            for c in range(communes):
                code = f"{87001 + c}"
                cur.execute(
                    "INSERT INTO communes (code, name, province, created_at) VALUES (%s, %s, 'Đồng Tháp', %s)",
                    (code, f"Xã số {c + 1}", _stamp(start)),
                )
                cur.execute(
                    "INSERT INTO desks (desk_id, commune_code, desk_no, public_key, agency_code, enrolled_at) "
                    "VALUES (%s, %s, 1, 'x', %s, %s)",
                    (f"desk-{code}", code, code, _stamp(start)),
                )
        pos = 0
        with conn.cursor() as cur:
            with cur.copy(
                "COPY dossiers (id, commune_code, desk_id, code, procedure_code, legal_time, received_at, "
                "payload_hash, status, outcome) FROM STDIN"
            ) as dossier_copy:
                rows = []
                for n in range(dossiers):
                    code = f"{87001 + n % communes}"
                    procedure, legal = PROCEDURES[n % len(PROCEDURES)]
                    received = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
                    outcome = rng.choices(("early", "on_time", "late"), (5, 4, 1))[0]
                    days = {"early": 0, "on_time": int(legal), "late": int(legal) + 9}[outcome]
                    ended = received + timedelta(days=days, minutes=30)
                    did = str(uuid.UUID(int=rng.getrandbits(128)))
                    dossier_copy.write_row(
                        (
                            did,
                            code,
                            f"desk-{code}",
                            f"{code}-{n:06d}",
                            procedure,
                            legal,
                            _stamp(received),
                            "h",
                            "returned",
                            outcome,
                        )
                    )
                    rows.append((did, code, procedure, legal, received, ended, n))
                    if len(rows) >= 50_000 or n == dossiers - 1:
                        pos = _changes(log, rows, pos)  # a second connection: one COPY at a time each
                        rows = []
    print(f"loaded {dossiers:,} dossiers in {communes} communes in {time.perf_counter() - started:.1f} s")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def _changes(conn: object, rows: list[tuple], pos: int) -> int:
    with (
        conn.cursor() as cur,
        cur.copy(  # type: ignore[attr-defined]
            "COPY changes (change_id, commune_code, desk_id, db_id, seq, entity, entity_id, op, payload, payload_hash, "
            "created_at, stored_at) FROM STDIN"
        ) as copy,
    ):
        for did, code, procedure, legal, received, ended, n in rows:
            desk = f"desk-{code}"
            dossier = {
                "id": did,
                "code": f"{code}-{n:06d}",
                "procedure_code": procedure,
                "procedure_name": procedure,
                "legal_time": legal,
                "channel": "online" if n % 4 == 0 else "direct",
                "received_at": _stamp(received),
                "clerk_id": "clerk",
                "desk_id": desk,
            }
            events = [
                {
                    "id": f"{did}-r",
                    "dossier_id": did,
                    "kind": "received",
                    "at": _stamp(received),
                    "data": {},
                    "clerk_id": "clerk",
                    "desk_id": desk,
                },
                {
                    "id": f"{did}-e",
                    "dossier_id": did,
                    "kind": "returned",
                    "at": _stamp(ended),
                    "data": {},
                    "clerk_id": "clerk",
                    "desk_id": desk,
                },
            ]
            for entity, entity_id, payload in (("dossier", did, dossier), *(("event", e["id"], e) for e in events)):
                pos += 1
                copy.write_row(
                    (
                        f"{desk}:{pos}",
                        code,
                        desk,
                        desk,
                        pos,
                        entity,
                        entity_id,
                        "create",
                        json.dumps(payload),
                        "h",
                        _stamp(received),
                        _stamp(received),
                    )
                )
    return pos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pg", default="postgresql://127.0.0.1:5432/test")
    parser.add_argument("--schema", default="s16hub_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the schema loaded by an earlier run")
    parser.add_argument("--drop", action="store_true", help="drop the schema at the end")
    args = parser.parse_args()
    try:
        import psycopg

        psycopg.connect(args.pg, connect_timeout=3).close()
    except Exception as exc:  # no server here: say so, as the other PostgreSQL benchmarks do
        print(f"PostgreSQL not reachable at {args.pg}: {exc}; hub scorecard benchmark skipped")
        return 0
    url = f"{args.pg}?options=-csearch_path%3D{args.schema}"
    if not args.reuse:
        load(url, args.schema, args.communes, args.dossiers)
    hub = HubStore(url)
    year = Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
    now = datetime(YEAR + 1, 1, 15, tzinfo=VN_TZ)
    try:
        baseline = median(
            lambda: hub.backend.all(
                "SELECT commune_code, outcome, COUNT(*) AS n FROM dossiers WHERE received_at >= ? AND received_at < ? "
                "GROUP BY commune_code, outcome",
                (year.first_moment.isoformat(), (year.last_moment + timedelta(microseconds=1)).isoformat()),
            ),
            args.rounds,
        )
        province = median(lambda: scorecards(hub, year, now), args.rounds)
        whole, cards = scorecards(hub, year, now)
        one = median(lambda: scorecards(hub, year, now, "87001"), args.rounds)
    finally:
        hub.close()
        if args.drop:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {args.schema} CASCADE")
    assert whole is not None
    print(f"hub on PostgreSQL: {args.communes} communes, {whole.counts['received']:,} dossiers received in {YEAR}")
    print(f"plain GROUP BY (baseline)   {ms(baseline)}")
    print(f"province's year (engine)    {ms(province)}  {province / baseline:8.2f}x baseline  (target 500 ms)")
    print(f"one commune's year (engine) {ms(one)}  {one / baseline:8.2f}x baseline  (target 50 ms)")
    print(f"province score {whole.score} / {whole.reachable}; first commune {cards[0].unit.code} {cards[0].score}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
