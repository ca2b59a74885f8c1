"""Public disclosure: what the commune posts, when, and when it may come down (Law 10/2022).

Procedures (with their time limits and fees, from the catalogue) stay up for as long as they apply;
everything else is posted at least 30 days. The board is what is up on a day; the quarterly list is
what was posted in a quarter. Nothing here carries personal data: the hub serves the board to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.citizens import rules
from app.core import history, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity, label
from app.core.worktime import LegalTime
from app.feedback import intake
from app.reception import catalogue
from db.catalogue_store import CatalogueStore
from db.citizen_store import CitizenStore
from db.ids import new_id
from db.store import Store


@dataclass(frozen=True)
class Posting:
    id: str
    kind: str
    title: str
    body: str
    posted_on: date
    until: date | None  # None: permanent
    taken_down_on: date | None

    def up_on(self, day: date) -> bool:
        """On the board that day: posted, and not taken down (an item may stay after its period)."""
        return self.posted_on <= day and (self.taken_down_on is None or day < self.taken_down_on)

    def period_ended(self, day: date) -> bool:
        return self.until is not None and day > self.until


def posting_from_row(row: dict[str, Any]) -> Posting:
    def d(v: str | None) -> date | None:
        return date.fromisoformat(v) if v else None

    return Posting(
        row["id"],
        row["kind"],
        row["title"],
        row["body"],
        date.fromisoformat(row["posted_on"]),
        d(row["until"]),
        d(row["taken_down_on"]),
    )


def procedure_body(proc: Any) -> str:
    """Time limit and fee, as a citizen reads them on the board."""
    limit = LegalTime.parse(proc.legal_time).label("vi")
    fee = proc.fee or "Không thu phí, lệ phí"
    return f"Thời hạn giải quyết: {limit}. Phí, lệ phí: {fee}."


class Disclosure:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self.desk = desk

    def _row(
        self, clerk: Clerk, kind: str, title: str, body: str, posted_on: date, until: date | None, code: str | None
    ) -> dict[str, Any]:
        stamp = iso(self.clock.now())
        return {
            "id": new_id(),
            "kind": kind,
            "title": title,
            "body": body,
            "procedure_code": code,
            "posted_on": posted_on.isoformat(),
            "until": until.isoformat() if until else None,
            "taken_down_on": None,
            "created_at": stamp,
            "updated_at": stamp,
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
        }

    def _write(self, row: dict[str, Any], op: str = history.CREATE) -> Posting:
        if op == history.CREATE:
            history.record(self.store, history.DISCLOSURE, row, write=lambda: self.db.insert("disclosure", row))
        else:
            history.record(self.store, history.DISCLOSURE, row, op=op, at=row["updated_at"])
        return posting_from_row(row)

    def post(
        self,
        clerk: Clerk,
        *,
        title: str,
        body: str = "",
        kind: str = "other",
        posted_on: date | None = None,
        days: int = rules.DISCLOSURE_MIN_DAYS,
    ) -> Posting:
        """Post an item for ``days`` (at least 30)."""
        kind = validation.choice(kind, ("schedule", "other"), field="kind", label_vi="Loại tin", label_en="Kind")
        if days < rules.DISCLOSURE_MIN_DAYS:
            raise ValidationError(
                f"Thông tin phải được niêm yết ít nhất {rules.DISCLOSURE_MIN_DAYS} ngày.",
                f"An item must stay posted at least {rules.DISCLOSURE_MIN_DAYS} days.",
                field="days",
            )
        posted_on = posted_on or self.clock.now().date()
        head = intake.text_field(title, "title", "Tiêu đề", "Title", textcheck.MAX_LEN["disclosure"]["title"], True)
        text_body = intake.text_field(body, "body", "Nội dung", "Content", textcheck.MAX_LEN["disclosure"]["body"])
        with self.store.transaction():
            return self._write(
                self._row(clerk, kind, head, text_body, posted_on, posted_on + timedelta(days=days), None)
            )

    def post_procedures(self, clerk: Clerk, *, posted_on: date | None = None) -> int:
        """Every procedure of the catalogue not yet up, permanently, with its time limit and fee."""
        posted_on = posted_on or self.clock.now().date()
        count = 0
        with self.store.transaction():
            for proc in catalogue.procedures(CatalogueStore(self.store)):
                if self.db.disclosure_for_procedure(proc.code) is None:
                    self._write(
                        self._row(clerk, "procedure", proc.name, procedure_body(proc), posted_on, None, proc.code)
                    )
                    count += 1
        return count

    def publish_schedule(self, clerk: Clerk, sessions: list[dict[str, Any]], *, title: str = "") -> Posting:
        """The reception schedule as an item: day, time, who receives (an official's title and name), where, how."""
        if not sessions:
            raise ValidationError(
                "Chưa có lịch tiếp công dân để công khai.", "There is no schedule to post.", field="sessions"
            )
        lines = []
        for s in sessions:
            day = date.fromisoformat(s["day"])
            how = label(rules.MODES, s["mode"]).lower()
            extra = "" if s["regular"] else " (đột xuất)"
            lines.append(
                f"{day:%d/%m/%Y} {s['starts']}: {label(rules.LEADER_ROLES, s['leader_role'])} {s['leader_name']} "
                f"tiếp công dân {how} tại {s['place'] or 'trụ sở UBND xã'}{extra}."
            )
        first = date.fromisoformat(sessions[0]["day"])
        head = title or f"Lịch tiếp công dân của lãnh đạo từ ngày {first:%d/%m/%Y}"
        return self.post(clerk, title=head, body="\n".join(lines), kind="schedule", posted_on=self.clock.now().date())

    def take_down(self, item_id: str, clerk: Clerk, *, on: date | None = None) -> Posting:
        """A procedure comes down only when it no longer applies; anything else after its period."""
        on = on or self.clock.now().date()
        with self.store.transaction():
            row = self.db.get("disclosure", item_id)
            if row is None:
                raise NotFound("Không tìm thấy tin công khai.", "The posted item was not found.", field="item")
            if row["until"] and on < date.fromisoformat(row["until"]):
                raise ValidationError(
                    f"Chưa hết thời gian niêm yết (đến ngày {date.fromisoformat(row['until']):%d/%m/%Y}).",
                    f"The posting period has not ended (until {row['until']}).",
                    field="until",
                )
            row = dict(row, taken_down_on=on.isoformat(), updated_at=iso(self.clock.now()))
            self.db.update(
                "disclosure", item_id, {"taken_down_on": row["taken_down_on"], "updated_at": row["updated_at"]}
            )
            return self._write(row, history.UPDATE)

    def items(self) -> list[Posting]:
        """Procedures first, then the schedule, then the rest; by date posted within each."""
        order = list(rules.DISCLOSURE_KINDS)
        items = [posting_from_row(r) for r in self.db.disclosures()]
        return sorted(items, key=lambda p: (order.index(p.kind), p.posted_on, p.title))

    def board(self, day: date | None = None) -> list[Posting]:
        day = day or self.clock.now().date()
        return [p for p in self.items() if p.up_on(day)]

    def may_come_down(self, day: date | None = None) -> list[Posting]:
        """Items still up whose posting period has ended: the clerk may take them down."""
        day = day or self.clock.now().date()
        return [p for p in self.board(day) if p.period_ended(day)]

    def quarterly(self, year: int, quarter: int) -> list[Posting]:
        if quarter not in (1, 2, 3, 4):
            raise ValidationError("Quý phải từ 1 đến 4.", "The quarter must be 1 to 4.", field="quarter")
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return [p for p in self.items() if start <= p.posted_on < end]
