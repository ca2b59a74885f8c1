"""Sync benchmark: bytes on the wire per dossier, a slow rural link, hub ingest on PostgreSQL.

Run: python tests/perf/bench_sync.py [--dossiers 10000] [--desks 100] [--skip-size] [--skip-link]
     [--only-cut] [--skip-ingest]
Figures are printed with their ratio to a baseline measured in the same run (naive JSON batches for
the size, an unthrottled link for the slow link, the SQLite hub for ingest). Loopback only.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import io
import json
import lzma
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
for name, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
    os.environ[name] = str(_tmp / sub)

from app.core import keys  # noqa: E402
from app.core.accounts import InitRequest  # noqa: E402
from app.core.clock import FixedClock  # noqa: E402
from app.core.worktime import VN_TZ  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.reception import catalogue  # noqa: E402
from app.reception.demo import _working_moment  # noqa: E402
from app.reception.demo_people import applicant  # noqa: E402
from app.reception.intake import ReceiveInput  # noqa: E402
from app.sync import codec, protocol, rebuild  # noqa: E402
from app.sync.client import HubClient  # noqa: E402
from db.catalogue_store import CatalogueStore  # noqa: E402
from tests.app.sync.hub import Hub  # noqa: E402
from tests.app.sync.proxy import Proxy  # noqa: E402

NOW = datetime(2026, 2, 12, 17, 0, tzinfo=VN_TZ)
PG = "postgresql://127.0.0.1:5432/test"


def fresh_desk(path: Path, n: int, *, commune: str = "87001", desk_no: int = 1, seed: int = 7) -> Desk:
    """A desk that received ``n`` dossiers over recent working days: each a dossier and its reception event."""
    desk = Desk.open(path, FixedClock(NOW))
    desk.initialise(
        InitRequest(
            commune_code=commune,
            commune_name="Xã Tân Thành",
            province="Đồng Tháp",
            desk_no=desk_no,
            admin_username="admin",
            admin_password="mat-khau-123",
        )
    )
    rng = random.Random(seed)
    service, ident = desk.dossiers, desk.identity
    procedures = catalogue.procedures(CatalogueStore(desk.store))
    clerk = desk.clerk().id
    days = [d for d in (NOW.date() - timedelta(days=i) for i in range(400, 0, -1)) if desk.calendar.is_working_day(d)]
    per_day = max(1, -(-n // len(days)))
    moments = sorted(_working_moment(rng, day) for day in days for _ in range(per_day))[:n]
    desk.store.set_synchronous("OFF")
    service.marks.set_synchronous("OFF")
    with desk.store.transaction():
        for received in moments:
            proc = rng.choice(procedures)
            req = ReceiveInput(
                applicant(rng, ident.commune_name, ident.province, NOW.date()),
                proc,
                proc.documents,
                1,
                rng.choices(["direct", "post", "online"], [85, 5, 10])[0],
                "",
                received,
            )
            row, event = service.build_reception(req, clerk, service.next_code(received), received)
            service.write_reception(row, event)
    desk.store.set_synchronous("FULL")
    service.marks.set_synchronous("FULL")
    return desk


def outbox_changes(desk: Desk) -> list[dict]:
    return rebuild.changes(desk.store, desk.store.outbox(limit=10**7))


def start_hub(db: str, name: str) -> Hub:
    hub = Hub(db, _tmp / f"{name}.log")
    with contextlib.redirect_stdout(io.StringIO()):
        hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    return hub.start()


def bench_size(n: int) -> None:
    desk = fresh_desk(_tmp / "size.sqlite3", n)
    changes = outbox_changes(desk)
    rows = protocol.PUSH_ROWS
    naive = [json.dumps(changes[i : i + rows], ensure_ascii=False).encode() for i in range(0, len(changes), rows)]
    gz = sum(len(gzip.compress(b, 9)) for b in naive) / n
    xz = sum(len(lzma.compress(b, preset=9 | lzma.PRESET_EXTREME)) for b in naive) / n
    body = (
        sum(
            len(codec.encode({"db_id": desk.store.db_id, "first_seq": i + 1}, changes[i : i + rows]))
            for i in range(0, len(changes), rows)
        )
        / n
    )
    hub = start_hub(str(_tmp / "size-hub.sqlite3"), "size")
    try:
        with Proxy(hub.port) as proxy:
            desk.sync.enroll(proxy.url, hub.token("87001", 1))
            before = proxy.bytes_up + proxy.bytes_down
            report = desk.sync.run_once()
            wire = (proxy.bytes_up + proxy.bytes_down - before) / n
            assert report.complete and report.sent == len(changes), report
    finally:
        hub.stop()
        desk.close()
    print(f"bytes per dossier with its reception event ({n} dossiers, batches of {rows} records):")
    print(f"  naive JSON + gzip -9     {gz:6.1f} B   (baseline 1.00)")
    print(f"  naive JSON + xz -9e      {xz:6.1f} B   ({xz / gz:.2f})")
    print(f"  columnar + LZMA body     {body:6.1f} B   ({body / gz:.2f})")
    print(
        f"  on the wire, full sync   {wire:6.1f} B   ({wire / gz:.2f})  target <= 60: "
        f"{'met' if wire <= 60 else 'NOT met'}"
    )


LINKS = (
    # label, bits/s, round trip, (cut each connection after this many bytes, low and high)
    ("loopback, no limit", None, 0.0, None),
    ("64 kbit/s, 300 ms", 64_000, 0.3, None),
    ("64 kbit/s, 300 ms, cut every 2-16 KB", 64_000, 0.3, (2 * 1024, 16 * 1024)),
)


def bench_link(n: int, only_cut: bool = False) -> None:
    """The same dossiers over each link to a fresh hub; ``motcua sync`` is run again while a round
    ends early (as a clerk or the window's timer would), and the hub counts what arrived."""
    desk = fresh_desk(_tmp / "link.sqlite3", n, seed=8)
    timings = {}
    links = [x for x in LINKS if x[3] or not only_cut]
    for i, (label, rate, latency, cut) in enumerate(links):
        copy = _tmp / f"link-{i}.sqlite3"
        desk.store.backup_to(copy)  # the same dossiers each time, to a fresh hub
        hub = start_hub(str(_tmp / f"link-hub-{i}.sqlite3"), f"link-{i}")
        try:
            with Proxy(hub.port, rate_bps=rate, latency=latency) as proxy, Desk.open(copy) as d:
                d.sync.enroll(proxy.url, hub.token("87001", 1))
                proxy.cut_every = cut
                started = time.perf_counter()
                sent, rounds = 0, 0
                while rounds < 50:
                    rounds += 1
                    report = d.sync.run_once()
                    sent += report.sent
                    if report.complete:
                        break
                seconds = time.perf_counter() - started
                store = hub.store()
                try:
                    b = store.backend
                    held = (
                        b.scalar("SELECT COUNT(*) AS n FROM dossiers"),
                        b.scalar("SELECT COUNT(*) AS n FROM changes"),
                        b.scalar("SELECT COUNT(DISTINCT entity_id) AS n FROM changes"),
                    )
                finally:
                    store.close()
                assert report.complete and held == (n, 2 * n, 2 * n) and sent == 2 * n, (report, held, sent)
                timings[label] = (seconds, proxy.bytes_up + proxy.bytes_down, rounds, proxy.cuts)
        finally:
            hub.stop()
    desk.close()
    base = timings.get("loopback, no limit", next(iter(timings.values())))[0]
    print(f"{n} dossiers (with reception events) pushed, then the pull and province checks;")
    print("the hub holds each exactly once after every run:")
    for label, (seconds, wire, rounds, cuts) in timings.items():
        print(
            f"  {label:38s} {seconds:7.1f} s  {wire / 1024:6.0f} KiB {wire / n:5.1f} B/dossier"
            f"  {rounds:2d} round(s) {cuts:4d} cuts"
            f"  ({seconds / base:.1f}x baseline)"
        )
    for label, limit in (("64 kbit/s, 300 ms", 180), ("64 kbit/s, 300 ms, cut every 2-16 KB", 300)):
        if label in timings:
            print(f"  {label}: target <= {limit} s: {'met' if timings[label][0] <= limit else 'NOT met'}")


def _synthetic_batches(template: list[dict], desk_id: str, db_id: str, rows: int) -> list[bytes]:
    """The template desk's changes under fresh ids for another desk, pre-encoded."""
    mapping: dict[str, str] = {}

    def new(i: str) -> str:
        return mapping.setdefault(i, str(uuid.uuid4()))

    out = []
    for c in template:
        p = dict(c["payload"], id=new(c["payload"]["id"]), desk_id=desk_id)
        if "dossier_id" in p:
            p["dossier_id"] = new(p["dossier_id"])
        out.append(dict(c, entity_id=p["id"], payload=p))
    return [codec.encode({"db_id": db_id, "first_seq": i + 1}, out[i : i + rows]) for i in range(0, len(out), rows)]


def bench_ingest(target: str, label: str, desks: int, per_desk: int) -> float:
    template_desk = fresh_desk(_tmp / f"tpl-{label}.sqlite3", per_desk // 2, seed=9)
    template = outbox_changes(template_desk)
    template_desk.close()
    hub = Hub(target, _tmp / f"ingest-{label}.log")
    communes = [f"{88000 + i}" for i in range(-(-desks // 9))]
    with contextlib.redirect_stdout(io.StringIO()):
        for code in communes:
            hub.admin("commune", "add", code, f"Xã {code}")
    hub.start()
    try:
        clients, batches = [], []
        for i in range(desks):
            desk_id, commune, no = str(uuid.uuid4()), communes[i // 9], i % 9 + 1
            public = keys.generate(desk_id)
            token = hub.token(commune, no)
            sig = keys.sign(desk_id, protocol.enrol_message(desk_id, commune, no, public, token))
            client = HubClient(hub.url, desk_id=desk_id, signer=lambda m, d=desk_id: keys.sign(d, m))
            client.enroll(
                {
                    "token": token,
                    "desk_id": desk_id,
                    "commune_code": commune,
                    "desk_no": no,
                    "public_key": public,
                    "signature": base64.b64encode(sig).decode(),
                }
            )
            clients.append(client)
            batches.append(_synthetic_batches(template, desk_id, str(uuid.uuid4()), protocol.PUSH_ROWS))
        total = sum(len(template) for _ in range(desks))
        barrier = threading.Barrier(desks + 1)
        errors: list[BaseException] = []

        def run(client: HubClient, bodies: list[bytes]) -> None:
            barrier.wait()
            try:
                for body in bodies:
                    answer = client.push(body)
                    assert not answer["refused"], answer["refused"][:3]
            except BaseException as exc:  # reported after the run
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(c, b)) for c, b in zip(clients, batches, strict=True)]
        for t in threads:
            t.start()
        barrier.wait()
        started = time.perf_counter()
        for t in threads:
            t.join(600)
        seconds = time.perf_counter() - started
        for c in clients:
            c.close()
        if errors:
            raise errors[0]
        store = hub.store()
        try:
            held = store.count_changes()
        finally:
            store.close()
        assert held == total, (held, total)
    finally:
        hub.stop()
    return total / seconds


def pg_url() -> str | None:
    try:
        import psycopg

        schema = f"motcua_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return f"{PG}?options=-csearch_path%3D{schema}"
    except Exception as exc:  # no PostgreSQL here: say so and skip that part
        print(f"PostgreSQL not available at 127.0.0.1:5432 ({type(exc).__name__}); ingest on PostgreSQL skipped")
        return None


def drop(url: str) -> None:
    import psycopg

    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=10000)
    parser.add_argument("--size-dossiers", type=int, default=4000)
    parser.add_argument("--desks", type=int, default=100)
    parser.add_argument("--per-desk", type=int, default=2000, help="records each desk pushes")
    parser.add_argument("--skip-link", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-size", action="store_true")
    parser.add_argument("--only-cut", action="store_true", help="of the links, run only the one that cuts")
    args = parser.parse_args()
    if not args.skip_size:
        bench_size(args.size_dossiers)
    if not args.skip_link:
        bench_link(args.dossiers, only_cut=args.only_cut)
    if not args.skip_ingest:
        base = bench_ingest(str(_tmp / "ingest.sqlite3"), "sqlite", args.desks, args.per_desk)
        print(f"hub ingest, {args.desks} desks pushing at once, {args.per_desk} records each:")
        print(f"  SQLite hub       {base:8.0f} records/s  (baseline 1.00)")
        url = pg_url()
        if url:
            try:
                rate = bench_ingest(url, "postgres", args.desks, args.per_desk)
            finally:
                drop(url)
            print(
                f"  PostgreSQL hub   {rate:8.0f} records/s  ({rate / base:.2f})  target >= 5000: "
                f"{'met' if rate >= 5000 else 'NOT met'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
