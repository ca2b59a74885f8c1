"""The desk's sync bookkeeping: acknowledgements, refusals, pull cursor, clashes, pulled records.

Records pulled from the hub are written here WITHOUT an outbox entry: the hub already has them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from db.dossier_store import EVENT_TABLE, DossierStore
from db.print_store import DOCNO_COLUMNS, PrintStore
from db.store import Store

META_PREFIX = "sync_"
CHUNK = 500


def _marks(n: int) -> str:
    return ",".join("?" * n)


def settlement_keep(conn: Any, dossier_id: str) -> str | None:
    """The final event the latest settlement of this dossier's clash kept, if any."""
    row = conn.execute(
        "SELECT keep_event_id FROM clash_settlements WHERE dossier_id = ? ORDER BY at DESC, id DESC LIMIT 1",
        (dossier_id,),
    ).fetchone()
    return row[0] if row else None


def settlement_keeps(conn: Any) -> dict[str, str]:
    """The kept final event of every settled dossier (a handful: settlements are rare)."""
    rows = conn.execute("SELECT dossier_id, keep_event_id FROM clash_settlements ORDER BY at, id")
    return {r[0]: r[1] for r in rows}


class SyncStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Settings kept in meta: url, ca, hub_desk, pull_cursor, province_version, last_sync, last_error …

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.store.get_meta(META_PREFIX + key, default)

    def set_settings(self, values: Mapping[str, str | None]) -> None:
        with self.store.transaction():
            for key, value in values.items():
                if value is None:
                    self.conn.execute("DELETE FROM meta WHERE key = ?", (META_PREFIX + key,))
                else:
                    self.store.set_meta({META_PREFIX + key: value})

    # Outbox histories and acknowledgements

    def histories(self) -> list[str]:
        """Every database id with outbox entries, oldest history first."""
        return list(self.max_seqs())

    def max_seqs(self) -> dict[str, int]:
        """The highest outbox sequence of each history, oldest history first."""
        rows = self.conn.execute(
            "SELECT h.db_id, (SELECT MAX(o.seq) FROM outbox o WHERE o.hist = h.hist) AS top FROM outbox_histories h "
            "LEFT JOIN database_ids d ON d.db_id = h.db_id WHERE top IS NOT NULL ORDER BY d.started_at, h.db_id"
        )
        return {r[0]: r[1] for r in rows}

    def tails(self) -> list[tuple[int, int]]:
        """(history number, acknowledged sequence) of each history with entries the hub has not acknowledged."""
        rows = self.conn.execute(
            "SELECT h.hist, COALESCE(a.acked_seq, 0) AS acked FROM outbox_histories h "
            "LEFT JOIN sync_acks a ON a.db_id = h.db_id "
            "WHERE (SELECT MAX(o.seq) FROM outbox o WHERE o.hist = h.hist) > COALESCE(a.acked_seq, 0)"
        )
        return [(r[0], r[1]) for r in rows]

    def acked(self, db_id: str) -> int:
        row = self.conn.execute("SELECT acked_seq FROM sync_acks WHERE db_id = ?", (db_id,)).fetchone()
        return row[0] if row else 0

    def set_acked(self, db_id: str, seq: int, now: str) -> None:
        self.conn.execute(
            "INSERT INTO sync_acks (db_id, acked_seq, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (db_id) DO UPDATE SET acked_seq = excluded.acked_seq, updated_at = excluded.updated_at",
            (db_id, seq, now),
        )

    def pending_count(self) -> int:
        # Each history's tail counted by its key: a desk that syncs never reads what the hub holds.
        return self.conn.execute(
            "SELECT COALESCE(SUM((SELECT COUNT(*) FROM outbox o WHERE o.hist = h.hist "
            "AND o.seq > COALESCE(a.acked_seq, 0))), 0) "
            "FROM outbox_histories h LEFT JOIN sync_acks a ON a.db_id = h.db_id"
        ).fetchone()[0]

    def outbox_count(self) -> int:
        return self.store.outbox_count()

    # Refusals

    def add_errors(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Refusals, with the hub's sentence (``message``, ``message_en``) and field when it gave one."""
        self.conn.executemany(
            "INSERT INTO sync_errors (db_id, seq, entity, entity_id, code, at, field, message, message_en) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (db_id, seq) DO UPDATE SET code = excluded.code, at = excluded.at, field = excluded.field, "
            "message = excluded.message, message_en = excluded.message_en",
            [
                (
                    r["db_id"],
                    r["seq"],
                    r["entity"],
                    r["entity_id"],
                    r["code"],
                    r["at"],
                    r.get("field"),
                    r.get("message"),
                    r.get("message_en"),
                )
                for r in rows
            ],
        )

    def errors(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM sync_errors ORDER BY at, db_id, seq")]

    def error_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM sync_errors").fetchone()[0]

    # The register's sync column: no index on every entry's record (db/migrations/0021); a dossier's
    # creation is indexed, anything else is looked for in the tails the hub has not acknowledged.

    def refusals(self, entity_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The hub's refusals of these records' changes (entity_id, code, message, message_en)."""
        out: list[dict[str, Any]] = []
        ids = list(dict.fromkeys(entity_ids))
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            out.extend(
                dict(r)
                for r in self.conn.execute(
                    "SELECT entity_id, code, message, message_en FROM sync_errors "
                    f"WHERE entity_id IN ({_marks(len(part))})",
                    part,
                )
            )
        return out

    def creations(self, dossier_ids: Sequence[str]) -> dict[str, bool]:
        """Whether the hub has acknowledged each of these dossiers' creation here (missing: not created here)."""
        found: dict[str, bool] = {}
        ids = list(dict.fromkeys(dossier_ids))
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            rows = self.conn.execute(
                "SELECT o.entity_id, o.seq <= COALESCE(a.acked_seq, 0) FROM outbox o "
                "JOIN outbox_histories h ON h.hist = o.hist LEFT JOIN sync_acks a ON a.db_id = h.db_id "
                f"WHERE o.entity_id IN ({_marks(len(part))}) AND o.kind = 0",
                part,
            )
            for entity_id, sent in rows:
                found[entity_id] = bool(sent) and found.get(entity_id, True)
        return found

    def unacknowledged(self, entity_ids: Sequence[str]) -> set[str]:
        """Which of these records have a change the hub has not acknowledged: a scan of each history's
        tail by its key (short on a desk that syncs; one that never did finds its dossiers by creation)."""
        ids = list(dict.fromkeys(entity_ids))
        found: set[str] = set()
        if not ids:
            return found
        for hist, acked in self.tails():
            for i in range(0, len(ids), CHUNK):
                part = ids[i : i + CHUNK]
                found.update(
                    r[0]
                    for r in self.conn.execute(
                        "SELECT entity_id FROM outbox WHERE hist = ? AND seq > ? "
                        f"AND entity_id IN ({_marks(len(part))})",
                        (hist, acked, *part),
                    )
                )
        return found

    def event_ids_by_dossier(self, dossier_ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        ids = list(dict.fromkeys(dossier_ids))
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            for r in self.conn.execute(
                f"SELECT id, dossier_id FROM dossier_events WHERE dossier_id IN ({_marks(len(part))})", part
            ):
                found.setdefault(r["dossier_id"], []).append(r["id"])
        return found

    # Applying pulled records (no outbox)

    def _ids_present(self, table: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            found.update(
                r[0] for r in self.conn.execute(f"SELECT id FROM {table} WHERE id IN ({_marks(len(part))})", part)
            )
        return found

    def dossier_ids_present(self, ids: Sequence[str]) -> set[str]:
        return self._ids_present("dossiers", ids)

    def event_ids_present(self, ids: Sequence[str]) -> set[str]:
        return self._ids_present(EVENT_TABLE, ids)  # the lean table's key: no view joins

    def dossier_id_for_code(self, code: str) -> str | None:
        row = self.conn.execute("SELECT id FROM dossiers WHERE code = ?", (code,)).fetchone()
        return row[0] if row else None

    def insert_remote_dossier(self, row: Mapping[str, Any], search_text: str) -> None:
        DossierStore(self.store).insert_dossier(row, search_text)

    def insert_remote_event(self, row: Mapping[str, Any]) -> None:
        DossierStore(self.store).insert_event(row)

    def insert_remote_document_number(self, payload: Mapping[str, Any]) -> bool:
        """A document number another desk issued (db/migrations/0007), so a reprint here shows it too."""
        return PrintStore(self.store).insert_document_number({c: payload[c] for c in DOCNO_COLUMNS})

    def event_kinds(self, dossier_id: str) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT id, kind, at, desk_id FROM dossier_events WHERE dossier_id = ? ORDER BY at, id", (dossier_id,)
            )
        ]

    # Inbox: pulled entities kept as they came, and events waiting for their dossier

    def add_inbox(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.conn.executemany(
            "INSERT INTO sync_inbox (entity, entity_id, op, desk_id, payload, created_at, state, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (
                    r["entity"],
                    r["entity_id"],
                    r["op"],
                    r["desk_id"],
                    json.dumps(r["payload"], ensure_ascii=False),
                    r["created_at"],
                    r["state"],
                    r["received_at"],
                )
                for r in rows
            ],
        )

    def parked(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM sync_inbox WHERE state = 'parked' ORDER BY created_at")
        return [dict(r, payload=json.loads(r["payload"])) for r in rows]

    def unpark(self, entity: str, entity_id: str, op: str) -> None:
        self.conn.execute(
            "DELETE FROM sync_inbox WHERE entity = ? AND entity_id = ? AND op = ? AND state = 'parked'",
            (entity, entity_id, op),
        )

    def inbox(self, entity: str) -> list[dict[str, Any]]:
        """Pulled records of an entity this module does not apply (for the module that owns it)."""
        rows = self.conn.execute(
            "SELECT * FROM sync_inbox WHERE entity = ? AND state = 'stored' ORDER BY created_at", (entity,)
        )
        return [dict(r, payload=json.loads(r["payload"])) for r in rows]

    # Quarantine: pulled records this desk cannot apply, set aside with the reason

    def quarantine(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.conn.executemany(
            "INSERT INTO sync_quarantine (entity, entity_id, op, desk_id, payload, created_at, code, field, message, "
            "message_en, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (
                    r["entity"],
                    r["entity_id"],
                    r["op"],
                    r["desk_id"],
                    json.dumps(r["payload"]),  # ASCII escapes: a lone surrogate is kept, not fatal
                    r["created_at"],
                    r["code"],
                    r.get("field"),
                    r["message"],
                    r["message_en"],
                    r["received_at"],
                )
                for r in rows
            ],
        )

    def quarantined(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM sync_quarantine ORDER BY received_at, entity_id")]

    def quarantine_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM sync_quarantine").fetchone()[0]

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside the pull's transaction: one record's writes undone alone when applying it fails."""
        self.conn.execute("SAVEPOINT apply_one")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO apply_one")
            self.store.forget_outbox_cache()
            self.conn.execute("RELEASE apply_one")
            raise
        self.conn.execute("RELEASE apply_one")

    # Clashes

    def add_clash(self, dossier_id: str, kind: str, detail: Mapping[str, Any], now: str) -> bool:
        cur = self.conn.execute(
            "INSERT INTO sync_clashes (dossier_id, kind, detail, detected_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (dossier_id, kind, json.dumps(detail, ensure_ascii=False), now),
        )
        return cur.rowcount == 1

    def clashes(self, *, open_only: bool = True) -> list[dict[str, Any]]:
        where = "WHERE resolved_at IS NULL" if open_only else ""
        rows = self.conn.execute(f"SELECT * FROM sync_clashes {where} ORDER BY detected_at, dossier_id")
        return [dict(r, detail=json.loads(r["detail"])) for r in rows]

    def resolve_clashes(self, dossier_id: str, clerk_id: str, note: str, now: str) -> None:
        self.conn.execute(
            "UPDATE sync_clashes SET resolved_at = ?, resolved_by = ?, note = ? "
            "WHERE dossier_id = ? AND kind = 'outcome' AND resolved_at IS NULL",
            (now, clerk_id, note, dossier_id),
        )

    # Settlements of clashes (synced as entity "settlement")

    SETTLEMENT_COLUMNS = (
        "id",
        "dossier_id",
        "keep_event_id",
        "keep_kind",
        "note",
        "clerk_id",
        "desk_id",
        "at",
        "created_at",
    )

    def add_settlement(self, row: Mapping[str, Any]) -> None:
        cols = self.SETTLEMENT_COLUMNS
        self.conn.execute(
            f"INSERT INTO clash_settlements ({', '.join(cols)}) VALUES ({_marks(len(cols))}) ON CONFLICT DO NOTHING",
            [row[c] for c in cols],
        )

    def settlement_keep(self, dossier_id: str) -> str | None:
        return settlement_keep(self.conn, dossier_id)

    def settlement_keeps(self) -> dict[str, str]:
        return settlement_keeps(self.conn)

    # Province-owned data

    def replace_province_calendar(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Province days replace the previous province days; a clerk's own local days stay."""
        self.conn.execute("DELETE FROM calendar_overrides WHERE source = 'province'")
        self.conn.executemany(
            "INSERT INTO calendar_overrides (day, kind, note, source, updated_at) VALUES (?, ?, ?, 'province', ?) "
            "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, source = 'province', "
            "updated_at = excluded.updated_at",
            [(r["day"], r["kind"], r.get("note", ""), r["updated_at"]) for r in rows],
        )

    def set_templates(self, templates: Mapping[str, str], version: int, now: str) -> None:
        self.conn.executemany(
            "INSERT INTO province_templates (name, content, version, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET content = excluded.content, version = excluded.version, "
            "updated_at = excluded.updated_at",
            [(name, content, version, now) for name, content in templates.items()],
        )

    def template(self, name: str) -> str | None:
        row = self.conn.execute("SELECT content FROM province_templates WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None
