"""Realistic demo data: Vietnamese names, the catalogue's procedures, five years of dates, every status.

Rows are built by the same code as a clerk's reception (``reception_rows``, the code issue of
``DossierService.next_code``, due dates by the calendar) and events by ``derive``; only the batching
differs (a batch's rows generated in a second process and written with one statement per table), so
a million dossiers load in minutes."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import operator
import os
import random
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from app.core import history
from app.core.accounts import InitRequest
from app.core.clock import iso
from app.core.errors import ValidationError
from app.core.records import DeskIdentity
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.desk import Desk
from app.reception import apology, catalogue
from app.reception.demo_people import applicant
from app.reception.intake import ReceiveInput
from app.reception.records import DossierEvent, Procedure
from app.reception.rows import dossier_payload, event_row, row_search_text
from app.reception.rules import derive
from app.reception.service import MAX_PER_DESK_PER_DAY, reception_rows
from app.scorecard import desk_counters
from app.sync.rebuild import digest
from db import bulk
from db.catalogue_store import CatalogueStore
from db.dossier_store import DOSSIER_COLUMNS, EVENT_COLUMNS, DossierStore
from db.ids import new_id
from db.store import outbox_text

BATCH = 5000
SMALL_BATCH = 250  # a small load (the window's demo store) writes smaller batches: its progress moves
DEFER_INDEXES_FROM = 20_000  # dossiers: below this the indexes stay in the page cache anyway
PARALLEL_FROM = 20_000  # dossiers: below this a second process costs more than it brings
WORKERS = 2  # generating processes: generation costs more than writing, and the writer mostly waits
AHEAD = WORKERS + 1  # batches generated ahead of the one being written
CHANNEL_NAMES = ["direct", "post", "online"]
CHANNEL_WEIGHTS = [85, 5, 10]
_DOSSIER_VALUES = operator.itemgetter(*DOSSIER_COLUMNS)  # a row's values in the order insert_dossiers takes
_EVENT_VALUES = operator.itemgetter(*EVENT_COLUMNS)


def _working_moment(rng: random.Random, day: date) -> datetime:
    # A minute of the morning (07:30-11:29) or of the afternoon (13:30-16:59), either as likely.
    if rng.random() < 0.5:
        minutes = 7 * 60 + 30 + int(rng.random() * 240)
    else:
        minutes = 13 * 60 + 30 + int(rng.random() * 210)
    return datetime.combine(day, time(minutes // 60, minutes % 60), VN_TZ)


def _life(
    rng: random.Random, received: datetime, legal: LegalTime, now: datetime, calendar: WorkCalendar
) -> list[tuple[str, datetime, dict]]:
    """A plausible event history after reception, never reaching past ``now``.

    Every step happens while the office is open, and a moved date obeys the apology rule, as a
    real desk's would (the citizen is never asked to come at 02:00 or on a Saturday).
    """
    age = (now - received).days
    due = calendar.due(received, legal)
    steps: list[tuple[str, datetime, dict]] = []
    at = calendar.next_office_time(received + timedelta(minutes=rng.randint(10, 180)))

    def add(kind: str, data: dict | None = None, hours: float = 0) -> bool:
        nonlocal at
        at = calendar.next_office_time(at + timedelta(hours=hours))
        if at >= now:
            return False
        steps.append((kind, at, data or {}))
        return True

    roll = rng.random()
    if roll < 0.03:
        add("refused", {"reason": "Hồ sơ không thuộc thẩm quyền giải quyết của xã."})
        return steps
    if roll < 0.05:
        add("withdrawn", {"reason": "Công dân xin rút hồ sơ."}, hours=rng.uniform(1, 48))
        return steps
    if age < 2 and rng.random() < 0.4:
        return steps  # still waiting at the desk to be forwarded
    if not add("forwarded"):
        return steps
    if rng.random() < 0.08:
        if not add("supplement_requested", {"reason": "Thiếu bản sao giấy tờ tùy thân."}, hours=rng.uniform(2, 30)):
            return steps
        if age < 15 and rng.random() < 0.5:
            return steps  # the citizen has not come back yet
        if rng.random() < 0.15:
            add("stopped", {"reason": "Công dân không bổ sung hồ sơ trong thời hạn."}, hours=rng.uniform(120, 400))
            return steps
        if not add("supplement_received", hours=rng.uniform(20, 100)):
            return steps
        due = calendar.due(at, legal)  # the law's clock restarts with the supplement
    if rng.random() < 0.04 and age > 3:
        # Issued at least a day before the due date, with the desk's proposed working-day date.
        issue = calendar.next_office_time(datetime.combine(due.date() - timedelta(days=2), time(9, 0), VN_TZ))
        if at < issue < now and issue.date() < due.date():
            at = issue
            new_due = apology.default_new_due(due, calendar, at)
            steps.append(
                (
                    "apology_issued",
                    at,
                    {"reason": "Cần xác minh thêm thông tin.", "new_due": iso(new_due), "old_due": iso(due)},
                )
            )
            due = new_due
    span = max((due - at).total_seconds() / 3600, 0.5)
    if not add("done", hours=rng.uniform(0.2, span * 1.1)):
        return steps
    add("returned", hours=rng.uniform(0.5, 72))
    return steps


DEMO_ADMIN, DEMO_PASSWORD = "admin", "motcua-demo"


def demo_commune(password: str = DEMO_PASSWORD, admin_full_name: str = "Nguyễn Thị Quản Trị") -> InitRequest:
    """The demo commune (Xã Tân Thành, Đồng Tháp, desk 1) that `--demo`, screenshots and benchmarks share."""
    return InitRequest(
        commune_code="87001",
        commune_name="Xã Tân Thành",
        province="Đồng Tháp",
        desk_no=1,
        admin_username=DEMO_ADMIN,
        admin_password=password,
        admin_full_name=admin_full_name,
    )


def ensure_initialised(desk: Desk) -> None:
    if not desk.initialised:
        desk.initialise(demo_commune())


@dataclass(frozen=True)
class _Setup:
    """What generating a batch needs: plain values, so a second process can do it (inherited by fork)."""

    procedures: list[Procedure]
    legal: dict[str, LegalTime]  # by procedure code, parsed once
    calendar: WorkCalendar
    desk: DeskIdentity
    clerk_id: str
    now: datetime
    lean: bool  # outbox entries in their pruned form (app.sync.rebuild), not a second copy of each row
    counters: bool  # the scorecard's counters are kept (desk_counters.Batch.on)


@dataclass
class _Rows:
    """One batch, ready for ``executemany``."""

    dossiers: list[tuple[Any, ...]] = field(default_factory=list)  # DOSSIER_COLUMNS order
    texts: list[str] = field(default_factory=list)  # their search texts
    events: list[tuple[Any, ...]] = field(default_factory=list)  # EVENT_COLUMNS order
    outbox: list[tuple[Any, ...]] = field(default_factory=list)  # history.record_many's entries
    summaries: list[dict[str, Any]] = field(default_factory=list)  # the scorecard's, for Batch.take
    moved: Counter[Any] = field(default_factory=Counter)  # and their counters' deltas, summed


_SETUP: _Setup | None = None


def _start_worker(setup: _Setup) -> None:
    global _SETUP
    _SETUP = setup


def _start_process(setup: _Setup) -> None:
    """A generating process (forked for the load, gone after it): no cyclic garbage collection at all,
    and what it inherited is left out of any (a collection would touch, and so copy, every page of it)."""
    gc.freeze()
    gc.disable()
    _start_worker(setup)


def populate(
    desk: Desk,
    count: int,
    *,
    seed: int | None = None,
    years: int = 5,
    progress: Callable[[int, int], None] | None = None,
    lean: bool = True,
) -> int:
    """Add ``count`` dossiers over the last ``years`` years, oldest first; returns how many were added.
    ``progress(done, count)`` is called before the first dossier, after every batch, and at the end.

    ``lean``: the outbox entries are written as pruning leaves them (sequence, key and hash; the payload
    rebuilt from the rows when sent), as a store that has synced holds them; False writes whole payloads
    (to measure pruning itself)."""
    ensure_initialised(desk)
    rng = random.Random(seed)
    now = desk.clock.now()
    service = desk.dossiers
    procedures = catalogue.procedures(CatalogueStore(desk.store))
    days = [
        d
        for d in (now.date() - timedelta(days=i) for i in range(365 * years, 0, -1))
        if desk.calendar.is_working_day(d)
    ]
    if count > len(days) * MAX_PER_DESK_PER_DAY:
        raise ValidationError(
            f"Một quầy cấp tối đa {MAX_PER_DESK_PER_DAY} mã mỗi ngày; {count} hồ sơ không vừa {years} năm.",
            f"A desk issues at most {MAX_PER_DESK_PER_DAY} codes a day; {count} dossiers do not fit {years} years.",
            field="dossiers",
        )
    per_day = [count // len(days)] * len(days)
    for i in rng.sample(range(len(days)), count % len(days)):
        per_day[i] += 1
    # Oldest first, so the local row order (which search results follow) is the order of receipt.
    moments = (
        m for day, n in zip(days, per_day, strict=True) for m in sorted(_working_moment(rng, day) for _ in range(n))
    )
    counted = desk_counters.Batch(desk.store.conn)
    setup = _Setup(
        procedures=procedures,
        legal={p.code: LegalTime.parse(p.legal_time) for p in procedures},
        calendar=service.calendar,
        desk=service.desk,
        clerk_id=desk.clerk().id,
        now=now,
        lean=lean,
        counters=counted.on,
    )
    base_seed = rng.getrandbits(64)
    parallel = count >= PARALLEL_FROM
    issued: dict[str, int] = {}  # the codes issued so far, per day: asked of the store once a day
    marks: deque[dict[str, int]] = deque()  # each batch's highest codes, per day, in the order written

    def jobs() -> Iterator[tuple[int, list[tuple[datetime, str]]]]:
        for no, batch in enumerate(_chunks(moments, BATCH if parallel else SMALL_BATCH)):
            before = dict(issued)
            codes = service.next_codes(batch, issued)
            marks.append({prefix: n for prefix, n in issued.items() if before.get(prefix) != n})
            # A day full from earlier demo runs is skipped; the count says what was added.
            yield base_seed + no, [(m, c) for m, c in zip(batch, codes, strict=True) if c is not None]

    added = 0
    if progress:
        progress(0, count)
    if service.marks is not None:
        service.marks.set_synchronous("OFF")
    dossiers = DossierStore(desk.store)
    try:
        # Per-row durability is not the point of demo data; a load that at least doubles the store builds
        # the big tables' secondary indexes once at the end (sorted) rather than row by row.
        deferred = count >= max(DEFER_INDEXES_FROM, dossiers.count_dossiers())
        with (
            desk.store.bulk_load(),
            bulk.deferred_indexes(desk.store) if deferred else nullcontext(),
            _generator(setup, parallel) as generate,
            _no_collection(),
        ):
            for rows in generate(jobs()):
                with desk.store.transaction():
                    dossiers.insert_dossiers(rows.dossiers, rows.texts)
                    dossiers.insert_events(rows.events)
                    history.record_many(desk.store, rows.outbox)
                    counted.take(rows.summaries, rows.moved)
                    counted.flush()
                    # Before the batch commits: its codes are never issued again.
                    service.raise_marks(marks.popleft())
                added += len(rows.dossiers)
                if progress:
                    progress(added, count)
    finally:
        if service.marks is not None:
            service.marks.set_synchronous("FULL")
    dossiers.optimize()
    if progress:
        progress(added, count)
    return added


Jobs = Iterator[tuple[int, list[tuple[datetime, str]]]]


@contextmanager
def _generator(setup: _Setup, parallel: bool) -> Iterator[Callable[[Jobs], Iterator[_Rows]]]:
    """Batches generated here, or (a big load, on a machine with a second core) in other processes
    while this one writes the batches before, in order."""
    if not parallel or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        _start_worker(setup)
        yield lambda jobs: map(_generate, jobs)
        return
    with ProcessPoolExecutor(
        max_workers=WORKERS,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_process,
        initargs=(setup,),
    ) as pool:

        def generate(jobs: Jobs) -> Iterator[_Rows]:
            ahead: deque[Future[_Rows]] = deque(pool.submit(_generate, j) for j in itertools.islice(jobs, AHEAD))
            while ahead:
                rows = ahead.popleft().result()
                ahead.extend(pool.submit(_generate, j) for j in itertools.islice(jobs, 1))
                yield rows

        yield generate


def _chunks(items: Iterator[datetime], size: int) -> Iterator[list[datetime]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _generate(job: tuple[int, list[tuple[datetime, str]]]) -> _Rows:
    """A batch's rows, built by the reception's own code (``reception_rows``, ``derive``, the counters'
    ``new_dossier``), each row with its outbox entry."""
    setup = _SETUP
    assert setup is not None
    seed, received_codes = job
    rng = random.Random(seed)
    out = _Rows()
    with _no_collection():
        for received, code in received_codes:
            _add_one(setup, out, rng, received, code)
    return out


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a batch makes (and the writer receives) hundreds of thousands
    of objects and no cycle, and each collection would walk them all again (a tenth of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _add_one(setup: _Setup, out: _Rows, rng: random.Random, received: datetime, code: str) -> None:
    proc = rng.choice(setup.procedures)
    req = ReceiveInput(
        applicant=applicant(rng, setup.desk.commune_name, setup.desk.province, setup.now.date()),
        procedure=proc,
        documents=proc.documents,
        sets=1,
        channel=rng.choices(CHANNEL_NAMES, CHANNEL_WEIGHTS)[0],
        notes="",
        received_at=received,
    )
    row, event = reception_rows(req, setup.clerk_id, code, received, setup.calendar, setup.desk)
    legal = setup.legal[proc.code]
    dossier_id, clerk_id, desk_id = row["id"], setup.clerk_id, row["desk_id"]
    later = [
        DossierEvent(new_id(), dossier_id, kind, at, clerk_id, desk_id, data, iso(at))
        for kind, at, data in _life(rng, received, legal, setup.now, setup.calendar)
    ]
    derived = derive(later, received, legal, setup.calendar)
    row["status"] = derived.status
    row["due_at"] = iso(derived.due_at)
    if later:
        row["updated_at"] = later[-1].created_at  # iso(at)
    out.dossiers.append(_DOSSIER_VALUES(row))
    out.texts.append(row_search_text(row))
    changes = [(history.DOSSIER, dossier_id, dossier_payload(row), row["created_at"])]
    for r, data in ((event, {}), *((event_row(e), e.data) for e in later)):
        out.events.append(_EVENT_VALUES(r))
        changes.append((history.EVENT, r["id"], dict(r, data=data), r["created_at"]))  # event_payload(r)
    outbox = out.outbox
    if setup.lean:
        for entity, entity_id, payload, at in changes:
            outbox.append(
                (entity, entity_id, history.CREATE, None, digest(entity.name, entity_id, "create", payload), at)
            )
    else:
        for entity, entity_id, payload, at in changes:
            outbox.append((entity, entity_id, history.CREATE, outbox_text(payload), None, at))
    if setup.counters:
        reception = DossierEvent(
            event["id"], dossier_id, "received", received, clerk_id, desk_id, {}, event["created_at"]
        )
        summary, _ = desk_counters.new_dossier(row, [reception, *later], setup.calendar, out.moved)
        out.summaries.append(summary)
