"""Realistic demo data: Vietnamese names, the catalogue's procedures, five years of dates, every status.

Rows are built by the same code as a clerk's reception (``DossierService.build_reception`` and
``write_reception``, outbox included) and events by ``derive``; only the batching differs, so a
million dossiers load in minutes.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import date, datetime, time, timedelta

from app.core.accounts import InitRequest
from app.core.clock import iso
from app.core.errors import CapacityExceeded, ValidationError
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.desk import Desk
from app.reception import apology, catalogue
from app.reception.intake import ReceiveInput
from app.reception.records import Applicant, DossierEvent
from app.reception.rules import derive
from app.reception.service import MAX_PER_DESK_PER_DAY, DossierService
from app.scorecard import desk_counters
from db import bulk
from db.catalogue_store import CatalogueStore
from db.dossier_store import DossierStore
from db.ids import new_id

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
    "Trương",
    "Lâm",
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Đình", "Gia"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Hồng", "Bích", "Phương", "Diệu"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Đào",
    "Lộc",
    "Toàn",
    "Hiếu",
    "Nghĩa",
    "Thịnh",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Đào",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
    "Huyền",
    "Uyên",
    "Loan",
    "Tuyết",
    "Ánh",
]
HAMLETS = [
    "Ấp Tân Hòa",
    "Ấp Phú Lợi",
    "Thôn Đông",
    "Thôn Trung Hậu",
    "Ấp Bình Thạnh",
    "Khóm 3",
    "Ấp Mỹ Thuận",
    "Thôn Hạ",
    "Ấp Long Khánh A",
    "Xóm Bến Đò",
]
STREETS = ["đường Nguyễn Huệ", "đường Trần Hưng Đạo", "đường Lê Lợi", "hẻm 12", "đường 30 Tháng 4", ""]
PHONE_PREFIXES = [
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "032",
    "033",
    "035",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "079",
    "081",
    "083",
    "084",
    "085",
    "088",
    "056",
    "058",
]
BIRTH_PROVINCES = ["087", "087", "087", "089", "086", "083", "079", "082", "080", "001", "038", "040"]

BATCH = 5000
DEFER_INDEXES_FROM = 20_000  # dossiers: below this the indexes stay in the page cache anyway
PROGRESS_EVERY = 100  # dossiers between two progress reports
CHANNEL_NAMES = ["direct", "post", "online"]
CHANNEL_WEIGHTS = [85, 5, 10]


def _name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.5
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{rng.choice(FAMILY)} {middle} {given}", female


def _applicant(rng: random.Random, commune_name: str, province: str, today: date) -> Applicant:
    name, female = _name(rng)
    year = rng.randint(max(1940, today.year - 85), today.year - 18)
    century = (year // 100 - 19) * 2 + (1 if female else 0)
    cccd = f"{rng.choice(BIRTH_PROVINCES)}{century}{year % 100:02d}{rng.randint(0, 999999):06d}"
    phone = f"{rng.choice(PHONE_PREFIXES)}{rng.randint(0, 9999999):07d}" if rng.random() < 0.92 else None
    street = rng.choice(STREETS)
    address = ", ".join(
        filter(
            None, (f"Số {rng.randint(1, 250)} {street}" if street else "", rng.choice(HAMLETS), commune_name, province)
        )
    )
    return Applicant(full_name=name, cccd=cccd, phone=phone, address=address, email=None)


def _working_moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.choice([rng.randint(7 * 60 + 30, 11 * 60 + 29), rng.randint(13 * 60 + 30, 16 * 60 + 59)])
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


def populate(
    desk: Desk,
    count: int,
    *,
    seed: int | None = None,
    years: int = 5,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``count`` dossiers over the last ``years`` years, oldest first; returns how many were added.
    ``progress(done, count)`` is called before the first dossier, every PROGRESS_EVERY, and at the end."""
    ensure_initialised(desk)
    rng = random.Random(seed)
    now = desk.clock.now()
    service = desk.dossiers
    procedures = catalogue.procedures(CatalogueStore(desk.store))
    clerk_id = desk.clerk().id
    ident = desk.identity
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
    added = 0
    if progress:
        progress(0, count)
    if service.marks is not None:
        service.marks.set_synchronous("OFF")
    counted = desk_counters.Batch(desk.store.conn)
    try:
        # Per-row durability is not the point of demo data; a load that at least doubles the store builds
        # the big tables' secondary indexes once at the end (sorted) rather than row by row.
        deferred = count >= max(DEFER_INDEXES_FROM, DossierStore(desk.store).count_dossiers())
        with desk.store.bulk_load(), bulk.deferred_indexes(desk.store) if deferred else nullcontext():
            for batch in _chunks(moments, BATCH):
                with desk.store.transaction():
                    issued: dict[str, int] = {}  # the codes this transaction issued, per day
                    for received in batch:
                        try:
                            code = service.next_code(received, issued)
                        except CapacityExceeded:
                            continue  # that day is full from earlier demo runs; the count says what was added
                        proc = rng.choice(procedures)
                        req = ReceiveInput(
                            applicant=_applicant(rng, ident.commune_name, ident.province, now.date()),
                            procedure=proc,
                            documents=proc.documents,
                            sets=1,
                            channel=rng.choices(CHANNEL_NAMES, CHANNEL_WEIGHTS)[0],
                            notes="",
                            received_at=received,
                        )
                        _add_one(service, counted, req, clerk_id, code, received, rng, now)
                        added += 1
                        if progress and added % PROGRESS_EVERY == 0:
                            progress(added, count)
                    counted.flush()
                    service.raise_marks(issued)  # before the batch commits: its codes are never issued again
    finally:
        if service.marks is not None:
            service.marks.set_synchronous("FULL")
    DossierStore(desk.store).optimize()
    if progress:
        progress(added, count)
    return added


def _chunks(items: Iterator[datetime], size: int) -> Iterator[list[datetime]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _add_one(
    service: DossierService,
    counted: desk_counters.Batch,
    req: ReceiveInput,
    clerk_id: str,
    code: str,
    received: datetime,
    rng: random.Random,
    now: datetime,
) -> None:
    row, event = service.build_reception(req, clerk_id, code, received)
    legal = LegalTime.parse(req.procedure.legal_time)
    later = [
        DossierEvent(
            id=new_id(),
            dossier_id=row["id"],
            kind=kind,
            at=at,
            clerk_id=clerk_id,
            desk_id=row["desk_id"],
            data=data,
            created_at=iso(at),
        )
        for kind, at, data in _life(rng, received, legal, now, service.calendar)
    ]
    derived = derive(later, received, legal, service.calendar)
    row["status"] = derived.status
    row["due_at"] = iso(derived.due_at)
    if later:
        row["updated_at"] = iso(later[-1].at)
    service.write_reception(row, event, follow=False)
    for ev in later:
        service.write_event(ev)
    reception = DossierEvent(
        id=event["id"],
        dossier_id=row["id"],
        kind="received",
        at=received,
        clerk_id=clerk_id,
        desk_id=row["desk_id"],
        data={},
        created_at=event["created_at"],
    )
    counted.received(row, [reception, *later], service.calendar)  # once, with the whole history
