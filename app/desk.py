"""The desk: one object that opens the store and hands out the services.

The window and the command line both stand on this, the way Dangerzone's GUI and CLI share a core.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import accounts, local_calendar, paths, textcheck
from app.core.clock import Clock, iso
from app.core.errors import NoSuchClerk
from app.core.records import Clerk, DeskIdentity
from app.core.storage_errors import StoreUnopenable, project_error
from app.core.worktime import Override, WorkCalendar, default_overrides
from app.reception import catalogue
from app.reception.service import DossierService
from db.backup import apply_pending_restore
from db.calendar_store import CalendarStore
from db.catalogue_store import CatalogueStore
from db.code_marks import CodeMarks
from db.connection import upgrades_pending
from db.errors import StoreError
from db.store import Store

if TYPE_CHECKING:  # the services below are imported when first used, to keep start-up short
    from app.backup.service import BackupService
    from app.citizens.service import CitizenReception
    from app.feedback.confidential import KeyService
    from app.feedback.ratings import RatingService
    from app.feedback.service import FeedbackService
    from app.fees.service import FeeService
    from app.files.service import AttachmentService
    from app.printing.service import PrintService
    from app.reception.register import Register
    from app.sync.service import SyncService


class Desk:
    def __init__(self, store: Store, clock: Clock | None = None, marks: CodeMarks | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.marks = marks

    @staticmethod
    def upgrade_pending(path: str | Path) -> bool:
        """Whether opening this store first upgrades it to this program's schema (a big store takes a
        minute or more, once: the window says so rather than seem stuck)."""
        return upgrades_pending(path) > 0

    @classmethod
    def open(cls, path: str | Path, clock: Clock | None = None) -> Desk:
        config = paths.config_dir()
        try:
            if str(path) != ":memory:":
                apply_pending_restore(Path(path))  # a restore an admin staged (app.backup.service)
            store = Store(path, registry=config / "stores.json")
        except StoreError as exc:
            raise project_error(exc) or StoreUnopenable() from exc
        try:
            marks = CodeMarks(config / "codes.sqlite3")
        except sqlite3.Error as exc:
            store.close()
            raise StoreUnopenable() from exc
        return cls(store, clock, marks)

    def close(self) -> None:
        self.store.close()
        if self.marks is not None:
            self.marks.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Identity

    def initialise(self, req: accounts.InitRequest) -> DeskIdentity:
        desk = accounts.initialise(self.store, req, self.clock)
        from app.scorecard import desk_counters

        with self.store.transaction():
            desk_counters.start(self.store.conn)
        catalogue.replace(CatalogueStore(self.store), catalogue.starter(), self.clock)
        now = iso(self.clock.now())
        for override in default_overrides():
            CalendarStore(self.store).set_calendar_override(
                {
                    "day": override.day.isoformat(),
                    "kind": override.kind,
                    "note": override.note,
                    "source": "default",
                    "updated_at": now,
                }
            )
        self.__dict__.pop("identity", None)
        self.store.rotate_open_nonce()  # the restore registry knows this store from its first moment
        if self.marks is not None:  # a new desk: nothing was numbered anywhere before this moment
            self.marks.set_state(desk.desk_id, "ok", self.clock.now().date().isoformat())
        from app.fees import rules as fee_rules

        self.fees.load_rules(fee_rules.starter())
        return desk

    @property
    def initialised(self) -> bool:
        return self.store.get_meta("desk_id") is not None

    @cached_property
    def identity(self) -> DeskIdentity:
        return accounts.identity(self.store)

    def authenticate(self, username: str, password: str) -> Clerk:
        return accounts.authenticate(self.store, username, password)

    def clerk(self, username: str | None = None) -> Clerk:
        """The named clerk, or the first admin (the CLI's default)."""
        if username is None:
            return accounts.first_admin(self.store)
        found = accounts.clerk_by_username(self.store, username)
        if found is None:
            raise NoSuchClerk(username)
        return found

    # Clerks, for the window (which never reaches the store itself)

    def clerks(self) -> list[Clerk]:
        return accounts.clerks(self.store)

    def clerk_by_id(self, clerk_id: str) -> Clerk | None:
        return accounts.clerk_by_id(self.store, clerk_id)

    @property
    def path(self) -> Path | None:
        """The store's file (None in memory); a worker thread opens its own desk on it."""
        return self.store.path

    def open_register(self) -> Register:
        """The register's rows, filters and counts, for one view of it."""
        from app.reception.register import Register

        return Register(self.store, self.clock)

    # Calendar

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar(
            Override(date.fromisoformat(r["day"]), r["kind"], r["note"])
            for r in CalendarStore(self.store).calendar_overrides()
        )

    def set_calendar_override(self, day: date, kind: str, note: str = "", source: str = "local") -> None:
        """A day off or worked: the commune's own ("local") is declared and syncs (app.core.local_calendar)."""
        self.current_calendar()  # the calendar before the change: what moved is judged against it
        if source == "local":
            local_calendar.declare(self.store, self.clock, self.identity.desk_id, day, kind, note)
        else:
            note = textcheck.field_text("calendar_day", "note", note, label_vi="Ghi chú", label_en="The note")
            Override(day, kind, note)  # type: ignore[arg-type]
            CalendarStore(self.store).set_calendar_override(
                {
                    "day": day.isoformat(),
                    "kind": kind,
                    "note": note,
                    "source": source,
                    "updated_at": iso(self.clock.now()),
                }
            )
        self.refresh_calendar()

    def remove_calendar_override(self, day: date) -> None:
        self.current_calendar()
        local_calendar.declare(self.store, self.clock, self.identity.desk_id, day, "removed")
        self.refresh_calendar()

    def current_calendar(self) -> WorkCalendar:
        """The calendar source every service is handed (app.core.worktime.CalendarSource)."""
        return self.calendar

    def refresh_calendar(self) -> None:
        """Overrides changed (here or pulled from the province): the services see the new calendar at
        their next use, since they read it through ``current_calendar``; the scorecard's counters
        re-judge the dossiers whose promised date the change may have moved."""
        old = self.__dict__.pop("calendar", None)
        if old is not None:
            from app.scorecard import desk_counters

            new = self.calendar
            with self.store.transaction():
                for dossier_id in desk_counters.within_reach(
                    self.store.conn, old, new, old.overridden_days() | new.overridden_days()
                ):
                    self.dossiers.refresh_derived(self.dossiers.get_by_id(dossier_id))

    # Services

    @cached_property
    def dossiers(self) -> DossierService:
        ident = self.identity
        if self.marks is not None and self.marks.state(ident.desk_id) is None:
            # No marks for this desk here. If the restore registry vouches for the store (the live file
            # this PC has been writing, e.g. marks new in this version), its own codes are the marks.
            # Otherwise (a new PC, a wiped config folder, perhaps a restored store) days up to today
            # number past a margin until the hub is heard.
            state = "ok" if self.store.continuous else "lost"
            self.marks.set_state(ident.desk_id, state, self.clock.now().date().isoformat())
        service = DossierService(self.store, self.clock, self.current_calendar, ident, self.marks)
        service.on_receive = lambda row, fee, clerk: self.fees.on_received(row, fee, clerk)
        return service

    @cached_property
    def fees(self) -> FeeService:
        from app.fees.service import FeeService

        service = FeeService(self.store, self.clock, self.identity, lambda code: self.dossiers.get(code))
        service.follow = self.dossiers.follow_counters  # the scorecard's counters, in the same transaction
        return service

    @cached_property
    def files(self) -> AttachmentService:
        from app.files.service import AttachmentService

        service = AttachmentService(self.store, self.clock, self.identity, lambda code: self.dossiers.get(code))
        service.fetcher = self._fetch_file  # a record that came without its file: fetched on demand
        service.follow = self.dossiers.follow_counters
        return service

    def _fetch_file(self, sha: str) -> bytes | None:
        if not self.sync.enrolled:
            return None
        with self.sync._client() as client:
            return self.file_sync().fetch(client, sha)

    @cached_property
    def feedback(self) -> FeedbackService:
        from app.feedback.service import FeedbackService

        return FeedbackService(self.store, self.clock, self.current_calendar, self.identity)

    @cached_property
    def citizens(self) -> CitizenReception:
        """Citizen reception: the 03/TCD register, leaders' sessions, dialogues, flags, disclosure."""
        from app.citizens.service import CitizenReception

        return CitizenReception(self.store, self.clock, self.current_calendar, self.identity, self.feedback)

    @cached_property
    def ratings(self) -> RatingService:
        from app.feedback.ratings import RatingService

        return RatingService(self.store, self.clock, self.identity)

    @cached_property
    def confidential(self) -> KeyService:
        from app.feedback.confidential import KeyService

        return KeyService(self.store, self.clock, self.identity)

    @cached_property
    def printing(self) -> PrintService:
        from app.printing.service import PrintService

        return PrintService(self)

    @cached_property
    def sync(self) -> SyncService:
        from app.sync.file_sync import SyncWithFiles

        return SyncWithFiles(self, lambda client: self.file_sync().push(client).pending)

    def file_sync(self):  # -> app.sync.file_sync.FileSync
        """Scans to and from the hub this desk is enrolled with (app.sync.file_sync)."""
        from app.sync.file_sync import FileSync

        sync = self.sync.sync_store
        # What the hub holds is remembered per hub identity: a hub restored from a backup is offered them again.
        hub = (sync.setting("url") or "") + (f"#{sync.setting('hub_id')}" if sync.setting("hub_id") else "")
        return FileSync(self.files.rows, self.files.blobs, self.clock, self.identity, hub, sync)

    @cached_property
    def backups(self) -> BackupService:
        from app.backup.service import BackupService

        return BackupService(self.store, self.clock, self.current_calendar, self.identity)
