"""Flags leaders watch (mass, across levels, long-running, land): set on an entry, filtered, counted."""

from __future__ import annotations

from app.citizens import rules
from app.core import history, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound
from app.core.records import Clerk, DeskIdentity
from db.citizen_store import CitizenStore
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store

REGISTERS = {
    "feedback": ("Sổ phản ánh, khiếu nại, tố cáo", "Feedback registers"),
    "reception": ("Sổ tiếp công dân", "Reception register"),
}


class FlagService:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self.desk = desk

    def _exists(self, register: str, entry_id: str) -> bool:
        if register == "reception":
            return self.db.get("reception", entry_id) is not None
        return FeedbackStore(self.store).entry(entry_id) is not None

    def set(self, register: str, entry_id: str, flag: str, clerk: Clerk, *, note: str = "") -> dict:
        """Flag an entry; a flag already in force is left as it is."""
        register = validation.choice(register, REGISTERS, field="register", label_vi="Sổ", label_en="Register")
        flag = validation.choice(flag, rules.FLAGS, field="flag", label_vi="Dấu hiệu", label_en="Flag")
        note = textcheck.field_text("entry_flag", "note", note, label_vi="Ghi chú", label_en="The note")
        if not self._exists(register, entry_id):
            raise NotFound("Không tìm thấy mục trong sổ.", "The register entry was not found.", field="entry")
        with self.store.transaction():
            for row in self.db.flags(entry_id=entry_id, flag=flag):
                return row
            stamp = iso(self.clock.now())
            row = {
                "id": new_id(),
                "register": register,
                "entry_id": entry_id,
                "flag": flag,
                "note": note,
                "set_at": stamp,
                "cleared_at": None,
                "clerk_id": clerk.id,
                "desk_id": self.desk.desk_id,
            }
            history.record(
                self.store, history.ENTRY_FLAG, dict(row, created_at=stamp), write=lambda: self.db.insert("flag", row)
            )
            return row

    def clear(self, entry_id: str, flag: str, clerk: Clerk) -> None:
        with self.store.transaction():
            for row in self.db.flags(entry_id=entry_id, flag=flag):
                stamp = iso(self.clock.now())
                self.db.update("flag", row["id"], {"cleared_at": stamp})
                history.record(
                    self.store,
                    history.ENTRY_FLAG,
                    dict(row, cleared_at=stamp, created_at=row["set_at"]),
                    op=history.UPDATE,
                    at=stamp,
                )

    def of(self, entry_id: str) -> list[str]:
        return [r["flag"] for r in self.db.flags(entry_id=entry_id)]

    def flagged(self, register: str, flag: str) -> list[str]:
        """Ids of the entries of ``register`` carrying ``flag`` now (the filter)."""
        return [r["entry_id"] for r in self.db.flags(flag=flag) if r["register"] == register]

    def counts(self) -> dict[str, int]:
        """Entries carrying each flag now, every flag named (0 when none)."""
        found = self.db.flag_counts()
        return {flag: found.get(flag, 0) for flag in rules.FLAGS}
