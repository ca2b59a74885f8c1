"""The desk's sync: push the outbox, pull the commune, apply province data. Qt-free.

``SyncService.run_once`` does one full round and never raises for a network problem: the report says
what happened, and ``status()`` what the status bar shows. A GUI worker thread opens its own desk
(own SQLite connection) and calls these; ``Backoff`` spaces the rounds while the hub is unreachable.
"""

from __future__ import annotations

import base64
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app.core import keys
from app.core.clock import Clock, iso
from app.core.errors import MotcuaError
from app.core.records import DeskIdentity
from app.core.worktime import Override
from app.reception import catalogue
from app.reception.records import Document, Procedure
from app.reception.service import DossierService
from app.sync import codec, protocol, rebuild, relay, restored
from app.sync.apply import apply_changes
from app.sync.client import HubClient, check_url
from app.sync.errors import HubRefused, HubUnreachable, LinkCut, NotEnrolled, SyncError, reason, refusals
from app.sync.pace import Pace
from app.sync.record_states import RecordState, dossier_states, record_states
from db.account_store import AccountStore
from db.catalogue_store import CatalogueStore
from db.dossier_store import DossierStore
from db.store import Store
from db.sync_store import SyncStore

Progress = Callable[[int, int], None]
MAX_ROUNDS = 10000  # bounds every loop: 10 million records a round at most


@dataclass(frozen=True)
class SyncReport:
    sent: int = 0
    received: int = 0
    refused: int = 0
    clashes: int = 0
    pending: int = 0
    complete: bool = False
    relayed: int = 0  # other desks' changes a restored hub had lost, handed back by this desk
    error: str | None = None
    error_en: str | None = None


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    errors: int
    clashes: int
    last_sync: str | None
    last_error: str | None
    state: str  # not_enrolled | never | ok | pending | offline | error


class Backoff:
    """Seconds to wait after ``failures`` failed rounds: doubling from 15 s to 15 min, with jitter."""

    def __init__(self, first: float = 15.0, cap: float = 900.0, rng: random.Random | None = None) -> None:
        self.first, self.cap, self.rng = first, cap, rng or random.Random()
        self.failures = 0

    def success(self) -> None:
        self.failures = 0

    def failure(self) -> float:
        self.failures += 1
        return self.delay()

    def delay(self) -> float:
        if self.failures == 0:
            return self.first
        base = min(self.cap, self.first * 2 ** (self.failures - 1))
        return base * (0.75 + 0.5 * self.rng.random())


class SyncHost(Protocol):
    """What a sync round needs of the desk (``app.desk.Desk`` is one). The sync service depends on this,
    not on the desk, which hands the service out: no import cycle."""

    store: Store
    clock: Clock

    @property
    def identity(self) -> DeskIdentity: ...
    @property
    def dossiers(self) -> DossierService: ...
    def refresh_calendar(self) -> None:
        """Calendar overrides came from the province: the services read the new calendar from now on."""


class SyncService:
    def __init__(
        self,
        desk: SyncHost,
        *,
        client_factory: Callable[..., HubClient] | None = None,
        now: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.desk = desk
        self.sleep = sleep
        self.store = desk.store
        self.sync_store = SyncStore(desk.store)
        self.client_factory = client_factory or HubClient
        self.now = now

    # Enrolment

    def enroll(self, url: str, token: str, *, ca_file: str | None = None) -> str:
        url = check_url(url)
        ident = self.desk.identity
        message = protocol.enrol_message(ident.desk_id, ident.commune_code, ident.desk_no, ident.public_key, token)
        data = {
            "token": token.strip(),
            "desk_id": ident.desk_id,
            "commune_code": ident.commune_code,
            "desk_no": ident.desk_no,
            "public_key": ident.public_key,
            "agency_code": ident.agency_code,
            "signature": base64.b64encode(keys.sign(ident.desk_id, message)).decode(),
        }
        with self.client_factory(url, ca_file=ca_file, now=self.now) as client:
            answer = client.enroll(data)
        self.sync_store.set_settings({"url": url, "ca": ca_file, "hub_desk": str(answer["desk_id"])})
        return str(answer["desk_id"])

    @property
    def enrolled(self) -> bool:
        return bool(self.sync_store.setting("url"))

    def _client(self) -> HubClient:
        url = self.sync_store.setting("url")
        if not url:
            raise NotEnrolled(
                "Quầy chưa đăng ký với máy chủ tỉnh; hãy chạy «motcua enroll».",
                "The desk is not enrolled with the hub; run 'motcua enroll'.",
            )
        desk_id = self.desk.identity.desk_id
        return self.client_factory(
            url,
            desk_id=desk_id,
            signer=lambda m: keys.sign(desk_id, m),
            ca_file=self.sync_store.setting("ca"),
            now=self.now,
        )

    # One round

    def run_once(self, progress: Progress | None = None) -> SyncReport:
        """Push everything pending, pull everything new, apply province data. Never blocks on a prompt."""
        counts = {"sent": 0, "received": 0, "refused": 0, "clashes": 0, "relayed": 0}
        try:
            with self._client() as client:
                met = restored.meet(client, self.store, self.sync_store, iso(self.desk.clock.now()))
                relay.first_contact(client, self.sync_store, self.desk.dossiers, met, self.sleep)
                self._push(client, counts, self.sync_store.pending_count(), progress)
                counts["relayed"] = relay.if_due(client, self.sync_store, self.sleep)
                self._pull(client, counts, progress)
                self._heard_the_hub(client)
                self._province(client)
        except (SyncError, MotcuaError) as exc:
            kind = "offline" if isinstance(exc, HubUnreachable) else "error"
            self.sync_store.set_settings(
                {
                    "last_error": exc.message("vi"),
                    "last_error_en": exc.message("en"),
                    "last_error_kind": kind,
                    "last_attempt": iso(self.desk.clock.now()),
                }
            )
            return SyncReport(
                **counts,
                pending=self.sync_store.pending_count(),
                complete=False,
                error=exc.message("vi"),
                error_en=exc.message("en"),
            )
        rebuild.prune(self.store, self.sync_store.histories())  # what the hub now holds need not be kept twice
        pending = self.sync_store.pending_count()
        now = iso(self.desk.clock.now())
        self.sync_store.set_settings(
            {"last_sync": now, "last_error": None, "last_error_en": None, "last_error_kind": None, "last_attempt": now}
        )
        return SyncReport(**counts, pending=pending, complete=pending == 0)

    def _push(self, client: HubClient, counts: dict[str, int], total: int, progress: Progress | None) -> None:
        """Each history from its acknowledgement on, in batches the link can carry.

        ``sent`` counts what the hub stored for the first time: a restored store whose acknowledgements
        lag behind resends what the hub holds (which also proves it is the same content), and those
        duplicates are not counted. A batch whose answer the link lost was stored all the same; its
        records come back as duplicates and are counted once, as sent in this round."""
        done = 0
        pace = self._pace("push_rows", protocol.PUSH_ROWS)
        for db_id in self.sync_store.histories():
            acked = self.sync_store.acked(db_id)
            lost: set[int] = set()  # sequences of this round's requests whose answer never came
            stalled = 0
            for _ in range(MAX_ROUNDS):
                rows = self.store.outbox(db_id=db_id, after_seq=acked, limit=pace.rows)
                if not rows:
                    break
                rows = _contiguous(rows)
                changes, first = rebuild.changes(self.store, rows), rows[0]["seq"]
                # The seal lets another desk hand these back to a hub that lost them (app.sync.relay).
                sealed = relay.seal(self.desk.identity.desk_id, db_id, first, changes)
                body = codec.encode({"db_id": db_id, "first_seq": first, "seal": sealed}, changes)
                try:
                    answer = client.push(body)
                except LinkCut as exc:
                    lost.update(r["seq"] for r in rows)
                    pace.cut(exc)  # lost whole: the next try starts from the same acknowledgement
                    continue
                pace.success()
                hub_acked = int(answer["acked_seq"])
                now = iso(self.desk.clock.now())
                refused = refusals(answer, {r["seq"]: r for r in rows}, db_id, now)
                with self.store.transaction():
                    self.sync_store.add_errors(refused)
                    # The hub may be behind us (restored from a backup): resume from what it holds.
                    self.sync_store.set_acked(db_id, hub_acked, now)
                retried = sum(1 for r in rows if r["seq"] in lost)
                # Beyond this batch: stored by an earlier request of this round whose answer was lost.
                beyond = sum(1 for q in lost if rows[-1]["seq"] < q <= hub_acked)
                counts["sent"] += int(answer.get("stored", 0)) + min(int(answer.get("duplicates", 0)), retried) + beyond
                counts["refused"] += len(refused)
                done += max(0, hub_acked - acked)
                if progress:
                    progress(min(done, total), max(total, done))
                stalled = stalled + 1 if hub_acked <= acked else 0
                if stalled >= 3:
                    raise HubRefused("bad_batch")
                acked = hub_acked
        self.sync_store.set_settings({"push_rows": str(pace.rows)})

    def _pace(self, key: str, high: int) -> Pace:
        # A desk that has not met a bad link yet starts at full size: best compression on a good one.
        rows = int(self.sync_store.setting(key, str(high)) or high)
        return Pace(rows, high=high, sleep=self.sleep)

    def _pull(self, client: HubClient, counts: dict[str, int], progress: Progress | None) -> None:
        cursor = int(self.sync_store.setting("pull_cursor", "0") or 0)
        db_id = self.store.db_id or ""
        # Older histories of this file (before a copy or restore) come back only beyond what it holds.
        have = dict(list(self.sync_store.max_seqs().items())[-protocol.MAX_HISTORIES + 1 :])
        have.pop(db_id, None)
        start = cursor
        pace = self._pace("pull_rows", protocol.PULL_ROWS)
        for _ in range(MAX_ROUNDS):
            try:
                header, changes = client.pull(cursor, db_id, limit=pace.rows, have=have)
            except LinkCut as exc:
                pace.cut(exc)
                continue
            pace.success()
            nxt = header.get("next")
            if not isinstance(nxt, int) or nxt < cursor:
                raise HubRefused("bad_batch")
            self.desk.dossiers.calendar  # noqa: B018  (read before a pulled calendar day changes it)
            with self.store.transaction():
                applied = apply_changes(self.sync_store, self.desk.dossiers, changes)
                relay.keep(self.store, self.desk.identity.desk_id, header, changes)
                self.sync_store.set_settings({"pull_cursor": str(nxt)})
            if applied.calendar:
                self.desk.refresh_calendar()
            counts["received"] += applied.total
            counts["clashes"] += len(applied.clashes)
            cursor = nxt
            end = header.get("end")
            if progress and isinstance(end, int) and end > start:  # the last page: read to the end, never "0/N"
                progress((cursor if header.get("more") else end) - start, end - start)
            if not header.get("more"):
                break
        self.sync_store.set_settings({"pull_rows": str(pace.rows)})

    def _heard_the_hub(self, client: HubClient) -> None:
        """A complete pull and the hub's floors (every code its desks reported) end the margin kept for a PC
        that lost its marks; a restored hub still learning them from the commune's desks keeps it."""
        marks, desk_id = self.desk.dossiers.marks, self.desk.identity.desk_id
        if marks is not None and marks.lost_since(desk_id) is not None:
            if relay.learn_floors(client, self.desk.dossiers, self.sleep) is False:
                return
            marks.set_state(desk_id, "ok", self.desk.clock.now().date().isoformat())

    def _province(self, client: HubClient) -> None:
        version = int(self.sync_store.setting("province_version", "0") or 0)
        pace = Pace(1, high=1, sleep=self.sleep)
        data = pace.call(lambda: client.province_data(version))
        if data.get("changed"):
            self._apply_province(data)
        if isinstance(data.get("communes"), list):
            communes = [
                {"code": str(c["code"]), "name": str(c.get("name", ""))}
                for c in data["communes"]
                if isinstance(c, dict) and "code" in c
            ]
            self.sync_store.set_settings({"communes": json.dumps(communes, ensure_ascii=False)})
        ident = self.desk.identity
        now = iso(self.desk.clock.now())
        for d in pace.call(lambda: client.desk_keys(ident.commune_code)).get("desks", []):
            if d.get("desk_id") != ident.desk_id:
                AccountStore(self.store).upsert_desk_key(
                    {
                        "desk_id": d["desk_id"],
                        "commune_code": ident.commune_code,
                        "desk_no": d["desk_no"],
                        "public_key": d["public_key"],
                        "revoked": int(bool(d.get("revoked"))),
                        "updated_at": now,
                    }
                )

    def _apply_province(self, data: dict[str, Any]) -> None:
        now = iso(self.desk.clock.now())
        procedures = None
        if data.get("catalogue"):
            procedures = [
                Procedure(
                    code=p["code"],
                    name=p["name"],
                    legal_time=p["legal_time"],
                    field=p.get("field", ""),
                    fee=p.get("fee", ""),
                    documents=tuple(Document(d["name"], d["kind"], int(d["count"])) for d in p.get("documents", [])),
                    example=bool(p.get("example")),
                    level=p.get("level") or "commune",
                    deciding_agency=p.get("deciding_agency") or "",
                )
                for p in data["catalogue"]
            ]
        calendar = None
        if data.get("calendar") is not None:
            calendar = [
                {
                    "day": Override(date.fromisoformat(o["day"]), o["kind"], o.get("note", "")).day.isoformat(),
                    "kind": o["kind"],
                    "note": o.get("note", ""),
                    "updated_at": now,
                }
                for o in data["calendar"]
            ]
        with self.store.transaction():
            if procedures is not None:
                catalogue.replace(CatalogueStore(self.store), procedures, self.desk.clock)
            if calendar is not None:
                self.sync_store.replace_province_calendar(calendar)
            if isinstance(data.get("templates"), dict):
                self.sync_store.set_templates(data["templates"], int(data["version"]), now)
            self.sync_store.set_settings({"province_version": str(int(data["version"]))})
        self.desk.refresh_calendar()

    # What the clerk sees

    def known_communes(self) -> list[tuple[str, str]]:
        """The province's communes (code, name) as the hub last sent them, for reception across boundaries."""
        try:
            return [(c["code"], c["name"]) for c in json.loads(self.sync_store.setting("communes") or "[]")]
        except (ValueError, KeyError, TypeError):
            return []

    def status(self) -> SyncStatus:
        pending = self.sync_store.pending_count()
        errors = self.sync_store.error_count() + self.sync_store.quarantine_count()
        clashes = len(self.sync_store.clashes())
        last_sync = self.sync_store.setting("last_sync")
        last_error = self.sync_store.setting("last_error")
        if not self.enrolled:
            state = "not_enrolled"
        elif last_error:
            state = self.sync_store.setting("last_error_kind") or "error"
        elif errors or clashes:
            state = "error"
        elif last_sync is None:
            state = "never"
        else:
            state = "pending" if pending else "ok"
        return SyncStatus(
            pending=pending, errors=errors, clashes=clashes, last_sync=last_sync, last_error=last_error, state=state
        )

    def record_states(self, entity_ids: list[str]) -> dict[str, RecordState]:
        """pending / sent / error per record; a record that came from the hub counts as sent."""
        return record_states(self.sync_store, entity_ids)

    def dossier_states(self, dossier_ids: list[str]) -> dict[str, RecordState]:
        """A dossier's state folds in its events: error beats pending beats sent."""
        return dossier_states(self.sync_store, dossier_ids)

    def dossier_states_by_rowid(self, rowids: list[int]) -> dict[int, RecordState]:
        """The same for register rows, which know the local rowid and not the dossier's id."""
        ids = {r["rowid"]: r["id"] for r in DossierStore(self.store).dossiers_by_rowids(rowids)}
        states = self.dossier_states(list(ids.values()))
        return {rowid: states[i] for rowid, i in ids.items()}

    def errors(self) -> list[dict[str, Any]]:
        """Records the hub refused, with its reason (the hub's own sentence when it gave one)."""
        return [
            dict(e, reason=e["message"] or reason(e["code"]), reason_en=e["message_en"] or reason(e["code"], "en"))
            for e in self.sync_store.errors()
        ]

    def quarantined(self) -> list[dict[str, Any]]:
        """Records pulled from the hub that this desk set aside, with the reason."""
        return [dict(q, reason=q["message"], reason_en=q["message_en"]) for q in self.sync_store.quarantined()]

    def clashes(self) -> list[dict[str, Any]]:
        return self.sync_store.clashes()


def _contiguous(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The run of rows without a gap in sequence: the hub acknowledges up to the first gap."""
    for i in range(1, len(rows)):
        if rows[i]["seq"] != rows[0]["seq"] + i:
            return rows[:i]
    return rows


__all__ = ["Backoff", "HubUnreachable", "RecordState", "SyncReport", "SyncService", "SyncStatus"]
