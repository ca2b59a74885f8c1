"""Hub scorecard benchmark on PostgreSQL: the province's year and one commune's year, beside a plain
GROUP BY over the hub's dossiers, measured in the same run and reported as ratios.

    python3 tests/perf/bench_hub_scorecard.py [--communes 100] [--dossiers 10000000] [--rounds 5]
        [--pg postgresql://127.0.0.1:5432/test] [--schema s16hub_bench] [--reuse | --load-only] [--drop]

The benchmark's own schema (``s16hub_bench``) gets the hub's tables by the hub's migrations, and is
loaded directly with COPY, not through ingest: the materialised ``dossiers`` (what the baseline groups)
and each dossier's scorecard summary (``scorecard_dossiers``, as ingest writes it); the day, month and
running counters are then summed from the summaries in SQL, as ingest would have added them. About
0.3 % of the dossiers are still running (received in the year's last week), with their late-from time;
each carries its scans, results and fee as flags (app.scorecard.digital), in made-up shares, and the
``digital:*`` counters are summed from them.
Targets (issue 16): at 100 communes and 10,000,000 dossiers, the province's year ≤ 500 ms and one
commune's ≤ 50 ms. Figures are medians of ``--rounds`` runs after one warm-up.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.worktime import VN_TZ  # noqa: E402
from app.province import scorecard_counters  # noqa: E402
from app.province.scorecard_counters import utc  # noqa: E402
from app.province.scorecard_source import scorecards  # noqa: E402
from app.scorecard import digital  # noqa: E402
from app.scorecard.records import Period  # noqa: E402
from db.hub.store import HubStore  # noqa: E402

YEAR = 2025
PROCEDURES = [(f"1.00{n:04d}", str(d)) for n, d in zip(range(1, 21), (0, 1, 3, 5, 7, 10, 15, 3, 5, 2) * 2, strict=True)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def median(work: Callable[[], object], rounds: int) -> float:
    work()  # warm-up: connections, caches
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _day(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).date().isoformat()


def _flags(rng: random.Random, online: bool, ended: bool) -> int:
    """Made-up but plausible: most dossiers digitised, results scanned once ended, a third with a fee."""
    found = {"paper"}
    if rng.random() < 0.9:
        found.add("digitised")
    if ended and rng.random() < 0.7:
        found |= {"result", "paper_result"}
    if "digitised" in found and "result" in found:
        found.add("parts")
    if rng.random() < 0.1:
        found.add("reused")
    if rng.random() < 0.05:
        found.add("linked")
    if online and "result" in found:
        found.add("online_counted")
    if rng.random() < 0.3:
        found.add("fee_due")
        paid = rng.random()
        found |= {"paid_online"} if paid < 0.4 else {"paid_transfer"} if paid < 0.6 else set()
    return digital.bits(found)


def _drop_indexes(url: str) -> list[str]:
    """Drop the secondary indexes of the loaded tables; returns the statements that make them again."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename IN ('dossiers', 'scorecard_dossiers') AND indexname NOT LIKE '%pkey'"
        ).fetchall()
        for name, _ in rows:
            conn.execute(f"DROP INDEX {name}")
    return [definition for _, definition in rows]


def load(url: str, schema: str, communes: int, dossiers: int) -> None:
    import psycopg

    base = url.split("?")[0]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    hub = HubStore(url)  # the hub's schema, by its own migrations
    hub.close()
    indexes = _drop_indexes(url)  # built again once the rows are in: much faster than row by row
    rng = random.Random(42)
    start = datetime(YEAR, 1, 1, 8, tzinfo=VN_TZ)
    last_week = start + timedelta(days=358)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn, psycopg.connect(url, autocommit=True) as other:
        conn.execute("INSERT INTO scorecard_state (id, version) VALUES (1, %s)", (scorecard_counters.VERSION,))
        for c in range(communes):
            code = f"{87001 + c}"
            conn.execute(
                "INSERT INTO communes (code, name, province, created_at) VALUES (%s, %s, 'Đồng Tháp', %s)",
                (code, f"Xã số {c + 1}", _stamp(start)),
            )
            conn.execute(
                "INSERT INTO desks (desk_id, commune_code, desk_no, public_key, agency_code, enrolled_at) "
                "VALUES (%s, %s, 1, 'x', %s, %s)",
                (f"desk-{code}", code, code, _stamp(start)),
            )
        with (
            conn.cursor().copy(
                "COPY dossiers (id, commune_code, desk_id, code, procedure_code, legal_time, received_at, "
                "payload_hash, status, outcome) FROM STDIN"
            ) as plain,
            other.cursor().copy(
                "COPY scorecard_dossiers (dossier_id, commune_code, code, received_at, received_day, channel, "
                "procedure_code, clerk_id, identity, end_day, end_kind, verdict, late_days, waiting_days, "
                "last_event_at, late_from, waiting, live, digital) FROM STDIN"
            ) as summary,
        ):
            for n in range(dossiers):
                code = f"{87001 + n % communes}"
                procedure, legal = PROCEDURES[n % len(PROCEDURES)]
                received = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
                did = f"{n:012d}"
                number = f"{code}-{n:08d}"
                clerk = f"clerk-{code}-{n % 4}"
                channel = "online" if n % 4 == 0 else "direct"
                due = received + timedelta(days=int(legal) + 1)
                if received > last_week and rng.random() < 0.1:  # still running
                    plain.write_row(
                        (did, code, f"desk-{code}", number, procedure, legal, _stamp(received), "h", "processing", None)
                    )
                    summary.write_row(
                        (
                            did,
                            code,
                            number,
                            utc(received),
                            _day(received),
                            channel,
                            procedure,
                            clerk,
                            1,
                            None,
                            None,
                            None,
                            "",
                            "",
                            utc(received),
                            utc(due),
                            0,
                            0,
                            _flags(rng, channel == "online", False),
                        )
                    )
                    continue
                verdict = rng.choices(("early", "on_time", "late"), (5, 4, 1))[0]
                days = {"early": 0, "on_time": int(legal), "late": int(legal) + 9}[verdict]
                ended = received + timedelta(days=days, minutes=30)
                late_days = (
                    f"{_day(due + timedelta(days=1))}..{_day(ended - timedelta(days=1))}"
                    if days > 1 and verdict == "late"
                    else ""
                )
                plain.write_row(
                    (did, code, f"desk-{code}", number, procedure, legal, _stamp(received), "h", "returned", verdict)
                )
                summary.write_row(
                    (
                        did,
                        code,
                        number,
                        utc(received),
                        _day(received),
                        channel,
                        procedure,
                        clerk,
                        1,
                        _day(ended),
                        "returned",
                        verdict,
                        late_days,
                        "",
                        utc(ended),
                        None,
                        0,
                        0,
                        _flags(rng, channel == "online", True),
                    )
                )
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in indexes:
            conn.execute(statement)
    print(f"loaded {dossiers:,} dossiers in {communes} communes in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for dim, key in (("''", "''"), ("'p'", "procedure_code"), ("'c'", "clerk_id")):
            conn.execute(
                "INSERT INTO scorecard_counts (commune_code, day, dim, key, name, n) "
                f"SELECT commune_code, received_day, {dim}, {key}, 'received:' || channel, COUNT(*) "
                "FROM scorecard_dossiers GROUP BY 1, 2, 3, 4, 5"
            )
            conn.execute(
                "INSERT INTO scorecard_counts (commune_code, day, dim, key, name, n) "
                f"SELECT commune_code, end_day, {dim}, {key}, 'ended:' || verdict || ':' || end_kind, COUNT(*) "
                "FROM scorecard_dossiers WHERE end_day IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
            )
            conn.execute(  # the days each ended dossier ran before its end (as counters.deltas adds them)
                "INSERT INTO scorecard_running (commune_code, day, dim, key, name, n) "
                f"SELECT commune_code, d::date::text, {dim}, {key}, 'running', COUNT(*) FROM scorecard_dossiers, "
                "generate_series(received_day::date, end_day::date - 1, interval '1 day') d "
                "WHERE end_day IS NOT NULL AND end_day > received_day GROUP BY 1, 2, 3, 4, 5"
            )
            conn.execute(
                "INSERT INTO scorecard_running (commune_code, day, dim, key, name, n) "
                f"SELECT commune_code, d::date::text, {dim}, {key}, 'running_late', COUNT(*) FROM scorecard_dossiers, "
                "generate_series(split_part(late_days, '..', 1)::date, split_part(late_days, '..', 2)::date, "
                "interval '1 day') d WHERE late_days != '' GROUP BY 1, 2, 3, 4, 5"
            )
        conn.execute(
            "INSERT INTO scorecard_counts (commune_code, day, dim, key, name, n) "
            "SELECT commune_code, received_day, '', '', 'identity_checked', COUNT(*) FROM scorecard_dossiers "
            "GROUP BY 1, 2"
        )
        flags = ", ".join(f"({1 << i}, 'digital:{name}')" for i, name in enumerate(digital.FLAGS))
        conn.execute(  # each flag on the dossier's received day (as counters.deltas adds them)
            "INSERT INTO scorecard_counts (commune_code, day, dim, key, name, n) "
            "SELECT commune_code, received_day, '', '', f.name, COUNT(*) FROM scorecard_dossiers "
            f"JOIN (VALUES {flags}) AS f (bit, name) ON digital & f.bit != 0 GROUP BY 1, 2, 5"
        )
        for name, share in (("rating", 5), ("rating_satisfied", 6), ("rating_dossier", 5)):
            conn.execute(  # one in five dossiers rated at its end, most of them satisfied
                "INSERT INTO scorecard_counts (commune_code, day, dim, key, name, n) "
                f"SELECT commune_code, end_day, '', '', '{name}', COUNT(*) FROM scorecard_dossiers "
                f"WHERE end_day IS NOT NULL AND dossier_id::bigint % {share} = 0 GROUP BY 1, 2"
            )
        conn.execute(
            "INSERT INTO scorecard_months (commune_code, month, dim, key, name, n) "
            "SELECT commune_code, substr(day, 1, 7), dim, key, name, SUM(n) FROM scorecard_counts "
            "GROUP BY 1, 2, 3, 4, 5"
        )
        for table in ("dossiers", "scorecard_dossiers", "scorecard_counts", "scorecard_months", "scorecard_running"):
            conn.execute(f"VACUUM (ANALYZE) {table}")  # as autovacuum would after a load; this schema only
    print(f"counters summed from the summaries in {time.perf_counter() - started:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg", default="postgresql://127.0.0.1:5432/test")
    parser.add_argument("--schema", default="s16hub_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the schema loaded by an earlier run")
    parser.add_argument("--drop", action="store_true", help="drop the schema at the end")
    parser.add_argument("--load-only", action="store_true", help="load the schema and stop (measure with --reuse)")
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
    if args.load_only:
        return 0
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
    assert whole is not None and scorecard_counters.built(HubStore(url)) if not args.drop else whole is not None
    print(f"hub on PostgreSQL: {args.communes} communes, {whole.counts['received']:,} dossiers received in {YEAR}")
    print(f"plain GROUP BY (baseline)   {ms(baseline)}")
    print(f"province's year (engine)    {ms(province)}  {province / baseline:8.2f}x baseline  (target 500 ms)")
    print(f"one commune's year (engine) {ms(one)}  {one / baseline:8.2f}x baseline  (target 50 ms)")
    print(f"province score {whole.score} / {whole.reachable}; first commune {cards[0].unit.code} {cards[0].score}")
    print(f"digitised {whole.counts['digitised']:,}, paid online {whole.counts['paid_online']:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
