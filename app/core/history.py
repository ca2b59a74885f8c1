"""How a desk writes history: the kinds of record that sync, one way to write one, one transition table.

Every record that syncs is written together with its outbox entry in one transaction, so a crash
leaves both or neither (the outbox is what the hub receives). ``record`` is that one way; the store's
``append_outbox`` is not called anywhere else in ``app/``.

``ENTITIES`` names each kind of record once, as it travels on the wire. The outbox writers, the
desk's apply (app.sync.apply) and the hub's ingest (app.province.ingest) all take the names from here;
a name, once shipped, never changes (other desks and the hub's stored changes carry it).

No database import: the hub uses the registry and the transition tables too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from app.core.clock import parse_iso
from app.core.errors import InvalidTransition
from app.core.records import label

CREATE = "create"
UPDATE = "update"


@dataclass(frozen=True)
class Entity:
    """One kind of record that syncs.

    ``desk_applies``: a desk that pulls it writes it into its own tables (others are kept in the
    desk's sync inbox for the module that owns them). ``hub_keeps``: the hub checks its payload at
    the door and keeps a table of it (others are stored in the hub's change log only).
    """

    name: str
    description: str
    desk_applies: bool = False
    hub_keeps: bool = False


DOSSIER = Entity("dossier", "a dossier received at the desk", desk_applies=True, hub_keeps=True)
EVENT = Entity("event", "a step in a dossier's lifecycle", desk_applies=True, hub_keeps=True)
FEEDBACK = Entity(
    "feedback",
    "an entry of a feedback, complaint, denunciation or reception register",
    desk_applies=True,
    hub_keeps=True,
)
FEEDBACK_EVENT = Entity("feedback_event", "a step in a register entry's handling", desk_applies=True)
RATING = Entity("rating", "a citizen's satisfaction rating", desk_applies=True, hub_keeps=True)
# Kept in the hub's change log and the other desks' inboxes: each desk reports its own response rate.
RATING_DECLINED = Entity("rating_declined", "a citizen who left the rating screen without a face (response rate)")
CONFIDENTIAL_READ = Entity(
    "confidential_read", "a line of the log of who read a denouncer's identity", desk_applies=True
)
PRINT = Entity("print", "a printed form (receipt, refusal, apology …)")
RECEPTION_ENTRY = Entity(
    "reception_entry", "a row of the citizen reception register (form 03/TCD)", desk_applies=True, hub_keeps=True
)
RECEPTION_SESSION = Entity(
    "reception_session",
    "a leader's citizen reception day and its conclusion notice",
    desk_applies=True,
    hub_keeps=True,
)
DIALOGUE = Entity("dialogue", "a dialogue conference with residents and its minutes", desk_applies=True, hub_keeps=True)
FOLLOW_UP = Entity(
    "follow_up",
    "a task a conclusion or a dialogue left to an owner, with its deadline",
    desk_applies=True,
    hub_keeps=True,
)
ENTRY_FLAG = Entity(
    "entry_flag",
    "a flag leaders watch on a register entry (mass, multi-level, long, land)",
    desk_applies=True,
    hub_keeps=True,
)
DISCLOSURE = Entity(
    "disclosure",
    "an item the commune posts publicly (procedures, schedule, notices)",
    desk_applies=True,
    hub_keeps=True,
)
DOCNO = Entity("docno", "a printed paper's document number (Số: 05/PYCBS-Q1)", desk_applies=True)
# A number's "dossier_id" names its paper's record: a dossier, except for citizen reception's papers, which name
# their register's row (form -> that row's entity); the hub checks that record is of the desk's commune.
DOCNO_SUBJECTS = {"tcd01": RECEPTION_ENTRY.name, "conclusion": RECEPTION_SESSION.name, "minutes": DIALOGUE.name}
SETTLEMENT = Entity(
    "settlement", "a leader's decision which of a dossier's clashing outcomes holds", desk_applies=True, hub_keeps=True
)
FEE = Entity("fee", "a dossier's fee as assessed, or changed with a reason", desk_applies=True)
PAYMENT = Entity("payment", "a fee paid: cash with its receipt number, transfer, or the portal", desk_applies=True)
CALENDAR_DAY = Entity(
    "calendar_day",
    "a commune's own calendar day (an extra day off, a worked Saturday) or its removal",
    desk_applies=True,
    hub_keeps=True,
)
ATTACHMENT = Entity(
    "attachment", "a document's scan (by SHA-256) or why it has none; the electronic result", desk_applies=True
)

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        DOSSIER,
        EVENT,
        FEEDBACK,
        FEEDBACK_EVENT,
        RATING,
        RATING_DECLINED,
        CONFIDENTIAL_READ,
        PRINT,
        DOCNO,
        RECEPTION_ENTRY,
        RECEPTION_SESSION,
        DIALOGUE,
        FOLLOW_UP,
        ENTRY_FLAG,
        DISCLOSURE,
        SETTLEMENT,
        FEE,
        PAYMENT,
        ATTACHMENT,
        CALENDAR_DAY,
    )
}


_EMPTY = (None, "", "[]", "{}", 0, False)


def filled(snapshot: Mapping[str, Any]) -> int:
    """How many of a record's values are set: a lifecycle fills its columns in as it goes (held,
    concluded, answered, done, taken down …), so of two snapshots one desk wrote in the same second,
    the later is the fuller one."""
    return sum(
        1 for k, v in snapshot.items() if k != "search_text" and not any(v == e and type(v) is type(e) for e in _EMPTY)
    )


def version(snapshot: Mapping[str, Any], writer: str) -> tuple[datetime, str, int]:
    """The key records that update are settled by, the same at every desk and at the hub.

    The later change time wins (compared as instants); the writing desk's id breaks a tie between
    desks; between two snapshots one desk wrote in the same second the fuller one wins, and if they
    are as full, the one later in that desk's history, which is the order the hub stores and every
    desk pulls them (so a newer-or-equal version replaces the one held).
    """
    at = parse_iso(str(snapshot["updated_at"]))
    if at.tzinfo is None:
        raise ValueError("change times carry their offset")
    return at.astimezone(UTC), writer, filled(snapshot)


def supersedes(new: tuple[datetime, str, int], held: tuple[datetime, str, int]) -> bool:
    """Whether the snapshot of version ``new`` replaces the one held (see ``version``)."""
    return new >= held


class Outbox(Protocol):
    """What ``record`` needs of a store (db.store.Store is one)."""

    def transaction(self) -> AbstractContextManager[Any]: ...

    def append_outbox(
        self, entity: str, entity_id: str, op: str, payload: Mapping[str, Any], created_at: str
    ) -> int: ...


def record(
    store: Outbox,
    entity: Entity,
    payload: Mapping[str, Any],
    *,
    write: Callable[[], object] | None = None,
    op: str = CREATE,
    at: str | None = None,
) -> int:
    """Write a record (``write``, the record's own rows) and its outbox entry in one transaction.

    Joins the caller's transaction if there is one; without ``write`` the caller has written the rows
    in that transaction already. ``payload`` is what syncs and carries the record's ``id``; ``at`` is
    when the change was made (the payload's ``created_at`` unless given). Returns the outbox sequence.
    """
    if ENTITIES.get(entity.name) is not entity:
        raise ValueError(f"{entity.name!r} is not a registered sync entity")
    with store.transaction():
        if write is not None:
            write()
        return store.append_outbox(entity.name, payload["id"], op, payload, at or payload["created_at"])


class ManyOutbox(Protocol):
    """What ``record_many`` needs of a store (db.store.Store is one)."""

    def append_outbox_many(self, entries: Sequence[tuple[str, str, str, str | None, bytes | None, str]]) -> None: ...


def record_many(store: ManyOutbox, entries: Sequence[tuple[Entity, str, str, str | None, bytes | None, str]]) -> None:
    """A bulk load's outbox entries, for records it has written in its open transaction: (entity,
    entity_id, op, payload as stored text, digest, created_at). A payload the desk rebuilds from its
    tables may be given in its lean form (None, with its digest: app.sync.rebuild); such an entry is the
    record's creation at the record's own ``created_at``, which its rebuild gives back (not stored)."""
    # Each distinct object checked once (by identity: a batch holds a few, hashing each entry's costs).
    for e in {id(entry[0]): entry[0] for entry in entries}.values():
        if ENTITIES.get(e.name) != e:  # equal, not the same object: built in another process
            raise ValueError(f"{e.name!r} is not a registered sync entity")
    store.append_outbox_many([(e.name, *rest) for e, *rest in entries])


@dataclass(frozen=True)
class Transitions:
    """A lifecycle: which statuses each action may start from, and the status it leaves behind.

    ``subject`` names the record in a sentence (Vietnamese, English), e.g. ("Hồ sơ", "The dossier").
    """

    allowed_from: Mapping[str, frozenset[str]]
    status_after: Mapping[str, str]
    statuses: dict[str, tuple[str, str]]
    actions: dict[str, tuple[str, str]]
    subject: tuple[str, str]

    def allowed(self, status: str) -> list[str]:
        return [action for action, starts in self.allowed_from.items() if status in starts]

    def may(self, status: str, action: str) -> bool:
        return status in self.allowed_from.get(action, frozenset())

    def check(self, status: str, action: str) -> None:
        """Raise the one sentence a clerk reads when an action does not fit the record's status."""
        if self.may(status, action):
            return
        vi, en = self.subject
        raise InvalidTransition(
            f"{vi} đang ở trạng thái «{label(self.statuses, status)}», không thể «{label(self.actions, action)}».",
            f"{en} is '{label(self.statuses, status, 'en')}'; it cannot be '{label(self.actions, action, 'en')}'.",
        )

    def after(self, status: str, action: str) -> str:
        """The status once ``action`` is recorded (actions that do not move it leave it)."""
        return self.status_after.get(action, status)
