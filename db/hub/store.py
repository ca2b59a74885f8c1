"""Every query the province hub makes. One ``HubStore`` serves all threads (one connection each)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from db.hub.connection import Backend, open_backend

CHUNK = 500


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class HubStore:
    def __init__(self, target: str | Path) -> None:
        self.backend: Backend = open_backend(target)
        self.dialect = self.backend.dialect

    def close(self) -> None:
        self.backend.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.backend.transaction():
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self.backend.reading():
            yield

    def lock_commune(self, code: str) -> None:
        self.backend.lock_commune(code)

    def ping(self) -> bool:
        return self.backend.scalar("SELECT 1 AS one") == 1

    # Communes

    def add_commune(self, code: str, name: str, province: str, now: str) -> None:
        with self.transaction():
            self.backend.execute(
                "INSERT INTO communes (code, name, province, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, province = excluded.province",
                (code, name, province, now),
            )

    def commune(self, code: str) -> dict[str, Any] | None:
        return self.backend.one("SELECT * FROM communes WHERE code = ?", (code,))

    def communes(self) -> list[dict[str, Any]]:
        return self.backend.all("SELECT * FROM communes ORDER BY code")

    # Enrolment tokens

    def add_token(self, token_hash: str, commune: str, desk_no: int | None, now: str, expires: str) -> None:
        with self.transaction():
            self.backend.execute(
                "INSERT INTO tokens (token_hash, commune_code, desk_no, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                (token_hash, commune, desk_no, now, expires),
            )

    def token(self, token_hash: str) -> dict[str, Any] | None:
        return self.backend.one("SELECT * FROM tokens WHERE token_hash = ?", (token_hash,))

    def use_token(self, token_hash: str, desk_id: str, now: str) -> bool:
        """Marks the token used; False if another desk took it first."""
        count = self.backend.execute(
            "UPDATE tokens SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL",
            (now, desk_id, token_hash),
        )
        return count == 1

    # Desks

    def desk(self, desk_id: str) -> dict[str, Any] | None:
        return self.backend.one("SELECT * FROM desks WHERE desk_id = ?", (desk_id,))

    def active_desk(self, commune: str, desk_no: int) -> dict[str, Any] | None:
        return self.backend.one(
            "SELECT * FROM desks WHERE commune_code = ? AND desk_no = ? AND revoked_at IS NULL", (commune, desk_no)
        )

    def add_desk(self, row: Mapping[str, Any]) -> None:
        self.backend.execute(
            "INSERT INTO desks (desk_id, commune_code, desk_no, public_key, agency_code, enrolled_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                row["desk_id"],
                row["commune_code"],
                row["desk_no"],
                row["public_key"],
                row["agency_code"],
                row["enrolled_at"],
            ),
        )

    def revoke_desk(self, commune: str, desk_no: int, now: str) -> int:
        with self.transaction():
            return self.backend.execute(
                "UPDATE desks SET revoked_at = ? WHERE commune_code = ? AND desk_no = ? AND revoked_at IS NULL",
                (now, commune, desk_no),
            )

    def desks(self, commune: str | None = None) -> list[dict[str, Any]]:
        if commune is None:
            return self.backend.all("SELECT * FROM desks ORDER BY commune_code, desk_no, enrolled_at")
        return self.backend.all("SELECT * FROM desks WHERE commune_code = ? ORDER BY desk_no, enrolled_at", (commune,))

    def touch_desk(self, desk_id: str, now: str) -> None:
        self.backend.execute("UPDATE desks SET last_sync = ? WHERE desk_id = ?", (now, desk_id))

    # Replay protection

    def add_nonce(self, desk_id: str, nonce: str, now: int, keep_after: int, *, prune: bool = True) -> bool:
        """Records a request nonce; False if it was seen already (a replay)."""
        with self.transaction():
            if prune:
                self.backend.execute("DELETE FROM nonces WHERE seen_at < ?", (keep_after,))
            count = self.backend.execute(
                "INSERT INTO nonces (desk_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (desk_id, nonce, now),
            )
        return count == 1

    # Acknowledgements

    def acked(self, desk_id: str, db_id: str) -> int:
        value = self.backend.scalar("SELECT acked_seq FROM acks WHERE desk_id = ? AND db_id = ?", (desk_id, db_id))
        return int(value or 0)

    def set_acked(self, desk_id: str, db_id: str, seq: int, now: str) -> None:
        self.backend.execute(
            "INSERT INTO acks (desk_id, db_id, acked_seq, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (desk_id, db_id) DO UPDATE SET acked_seq = excluded.acked_seq, "
            "updated_at = excluded.updated_at",
            (desk_id, db_id, seq, now),
        )

    # Changes

    def existing_changes(self, change_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for part in _chunks(list(change_ids)):
            for row in self.backend.all(
                f"SELECT change_id, payload_hash, desk_id FROM changes WHERE change_id IN ({_marks(len(part))})", part
            ):
                found[row["change_id"]] = row
        return found

    def insert_changes(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.backend.many(
            "INSERT INTO changes (change_id, commune_code, desk_id, db_id, seq, entity, entity_id, op, payload, "
            "payload_hash, created_at, stored_at, dossier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r["change_id"],
                    r["commune_code"],
                    r["desk_id"],
                    r["db_id"],
                    r["seq"],
                    r["entity"],
                    r["entity_id"],
                    r["op"],
                    r["payload"],
                    r["payload_hash"],
                    r["created_at"],
                    r["stored_at"],
                    r.get("dossier_id"),
                )
                for r in rows
            ],
        )

    def changes_after(
        self, commune: str, after: int, have: Sequence[tuple[str, int]], limit: int
    ) -> list[dict[str, Any]]:
        """The commune's changes after ``pos``, except those of the asking desk's histories up to what it holds."""
        skip = "".join(" AND NOT (db_id = ? AND seq <= ?)" for _ in have)
        params: list[Any] = [commune, after]
        for db_id, seq in have:
            params += [db_id, seq]
        return self.backend.all(
            "SELECT pos, desk_id, db_id, seq, entity, entity_id, op, payload, created_at FROM changes "
            f"WHERE commune_code = ? AND pos > ?{skip} ORDER BY pos LIMIT ?",
            [*params, limit],
        )

    def last_position(self, commune: str) -> int:
        return int(self.backend.scalar("SELECT MAX(pos) AS m FROM changes WHERE commune_code = ?", (commune,)) or 0)

    def add_refusals(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.backend.many(
            "INSERT INTO refusals (change_id, desk_id, db_id, seq, code, at) VALUES (?, ?, ?, ?, ?, ?)",
            [(r["change_id"], r["desk_id"], r["db_id"], r["seq"], r["code"], r["at"]) for r in rows],
        )

    def refusals(self, desk_id: str | None = None) -> list[dict[str, Any]]:
        if desk_id is None:
            return self.backend.all("SELECT * FROM refusals ORDER BY id")
        return self.backend.all("SELECT * FROM refusals WHERE desk_id = ? ORDER BY id", (desk_id,))

    def count_changes(self, commune: str | None = None) -> int:
        if commune is None:
            return int(self.backend.scalar("SELECT COUNT(*) AS n FROM changes"))
        return int(self.backend.scalar("SELECT COUNT(*) AS n FROM changes WHERE commune_code = ?", (commune,)))

    # Materialised entities

    def dossier_owners(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            for row in self.backend.all(
                f"SELECT id, commune_code, payload_hash FROM dossiers WHERE id IN ({_marks(len(part))})", part
            ):
                found[row["id"]] = row
        return found

    def entity_owners(self, table: str, ids: Sequence[str]) -> dict[str, str]:
        if table not in ("events", "ratings"):
            raise ValueError(table)
        found: dict[str, str] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            for row in self.backend.all(
                f"SELECT id, commune_code FROM {table} WHERE id IN ({_marks(len(part))})", part
            ):
                found[row["id"]] = row["commune_code"]
        return found

    def entity_communes(self, entity: str, ids: Sequence[str]) -> dict[str, str]:
        """The commune each of these records (of one kind, known only as changes) was pushed by."""
        found: dict[str, str] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            for row in self.backend.all(
                "SELECT DISTINCT entity_id, commune_code FROM changes "
                f"WHERE entity = ? AND entity_id IN ({_marks(len(part))})",
                [entity, *part],
            ):
                found[row["entity_id"]] = row["commune_code"]
        return found

    def insert_dossiers(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.backend.many(
            "INSERT INTO dossiers (id, commune_code, desk_id, code, procedure_code, legal_time, received_at, "
            "payload_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [
                (
                    r["id"],
                    r["commune_code"],
                    r["desk_id"],
                    r["code"],
                    r["procedure_code"],
                    r["legal_time"],
                    r["received_at"],
                    r["payload_hash"],
                )
                for r in rows
            ],
        )

    def insert_events(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.backend.many(
            "INSERT INTO events (id, dossier_id, commune_code, desk_id, kind, at, data) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            [(r["id"], r["dossier_id"], r["commune_code"], r["desk_id"], r["kind"], r["at"], r["data"]) for r in rows],
        )

    def insert_ratings(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.backend.many(
            "INSERT INTO ratings (id, commune_code, desk_id, satisfied, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            [(r["id"], r["commune_code"], r["desk_id"], r["satisfied"], r["at"]) for r in rows],
        )

    def upsert_disclosures(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """A posted item, or its later state (taken down); an older state never overwrites a newer one,
        and an item stays with the commune that posted it."""
        columns = ("id", "commune_code", "desk_id", "kind", "title", "body", "posted_on", "until", "taken_down_on")
        self.backend.many(
            f"INSERT INTO disclosures ({', '.join(columns)}, updated_at) VALUES ({_marks(len(columns) + 1)}) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, until = excluded.until, "
            "taken_down_on = excluded.taken_down_on, updated_at = excluded.updated_at "
            "WHERE disclosures.commune_code = excluded.commune_code AND disclosures.updated_at <= excluded.updated_at",
            [(*(r[c] for c in columns), r["updated_at"]) for r in rows],
        )

    def disclosures(self, commune: str | None) -> list[dict[str, Any]]:
        """A commune's disclosures; None: every commune's, each row with its commune_code."""
        columns = "id, kind, title, body, posted_on, until, taken_down_on"
        if commune is None:
            return self.backend.all(f"SELECT commune_code, {columns} FROM disclosures ORDER BY posted_on, title, id")
        return self.backend.all(
            f"SELECT {columns} FROM disclosures WHERE commune_code = ? ORDER BY posted_on, title",
            (commune,),
        )

    def dossiers_with_events(self, ids: Sequence[str]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
        out = []
        for part in _chunks(list(dict.fromkeys(ids))):
            dossiers = self.backend.all(
                f"SELECT id, legal_time, received_at FROM dossiers WHERE id IN ({_marks(len(part))})", part
            )
            events: dict[str, list[dict[str, Any]]] = {}
            for e in self.backend.all(
                f"SELECT id, dossier_id, kind, at, data, desk_id FROM events WHERE dossier_id IN ({_marks(len(part))})",
                part,
            ):
                events.setdefault(e["dossier_id"], []).append(e)
            out.extend((d, events.get(d["id"], [])) for d in dossiers)
        return out

    def dossier_for_lookup(self, commune: str, code: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """A dossier by commune and code, its first synced payload (procedure name) and its events."""
        row = self.backend.one(
            "SELECT d.id, d.code, d.procedure_code, d.legal_time, d.received_at, d.status,"
            " (SELECT c.payload FROM changes c WHERE c.entity = 'dossier' AND c.entity_id = d.id"
            "  ORDER BY c.pos LIMIT 1) AS payload"
            " FROM dossiers d WHERE d.commune_code = ? AND d.code = ?",
            (commune, code),
        )
        if row is None:
            return None
        events = self.backend.all("SELECT id, kind, at, data, desk_id FROM events WHERE dossier_id = ?", (row["id"],))
        return row, events

    def set_derived(self, rows: Sequence[tuple[str, str | None, int, str]]) -> None:
        """(status, outcome, clash 0/1, id) per dossier."""
        self.backend.many("UPDATE dossiers SET status = ?, outcome = ?, clash = ? WHERE id = ?", rows)

    def add_settlements(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """The latest settlement of a dossier's clash (by time, then id) is the one kept."""
        self.backend.many(
            "INSERT INTO settlements (dossier_id, id, keep_event_id, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET id = excluded.id, keep_event_id = excluded.keep_event_id, "
            "at = excluded.at WHERE excluded.at > settlements.at "
            "OR (excluded.at = settlements.at AND excluded.id > settlements.id)",
            [(r["dossier_id"], r["id"], r["keep_event_id"], r["at"]) for r in rows],
        )

    def settlement_keeps(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """The final event each settled dossier's clash kept; ``ids`` None: every one (settlements are few)."""
        if ids is None:
            return {r["dossier_id"]: r["keep_event_id"] for r in self.backend.all("SELECT * FROM settlements")}
        found: dict[str, str] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            for row in self.backend.all(
                f"SELECT dossier_id, keep_event_id FROM settlements WHERE dossier_id IN ({_marks(len(part))})", part
            ):
                found[row["dossier_id"]] = row["keep_event_id"]
        return found

    # Province-owned data

    def province_data(self) -> dict[str, dict[str, Any]]:
        return {r["kind"]: r for r in self.backend.all("SELECT * FROM province_data")}

    def province_version(self) -> int:
        return int(self.backend.scalar("SELECT MAX(version) AS v FROM province_data") or 0)

    def set_province_data(self, kind: str, content: str, now: str) -> int:
        with self.transaction():
            version = self.province_version() + 1
            self.backend.execute(
                "INSERT INTO province_data (kind, version, content, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET version = excluded.version, content = excluded.content, "
                "updated_at = excluded.updated_at",
                (kind, version, content, now),
            )
        return version

    # Statistics

    def commune_stats(self) -> list[dict[str, Any]]:
        """Per commune: desks, dossiers, outcomes, events, ratings, feedback changes, last sync."""
        rows = {
            r["code"]: dict(
                r,
                desks=0,
                dossiers=0,
                on_time=0,
                early=0,
                late=0,
                clashes=0,
                events=0,
                ratings=0,
                satisfied=0,
                feedback=0,
                last_sync=None,
            )
            for r in self.communes()
        }
        for r in self.backend.all(
            "SELECT commune_code, COUNT(*) AS desks, MAX(last_sync) AS last_sync FROM desks "
            "WHERE revoked_at IS NULL GROUP BY commune_code"
        ):
            if r["commune_code"] in rows:
                rows[r["commune_code"]].update(desks=r["desks"], last_sync=r["last_sync"])
        for r in self.backend.all(
            "SELECT commune_code, outcome, clash, COUNT(*) AS n FROM dossiers GROUP BY commune_code, outcome, clash"
        ):
            if r["commune_code"] in rows:
                row = rows[r["commune_code"]]
                row["dossiers"] += r["n"]
                if r["clash"]:
                    row["clashes"] += r["n"]  # open: counted as such, never as a result
                elif r["outcome"] in ("early", "on_time", "late"):
                    row[r["outcome"]] += r["n"]
        for r in self.backend.all("SELECT commune_code, COUNT(*) AS n FROM events GROUP BY commune_code"):
            if r["commune_code"] in rows:
                rows[r["commune_code"]]["events"] = r["n"]
        for r in self.backend.all(
            "SELECT commune_code, COUNT(*) AS n, SUM(CASE WHEN satisfied = 1 THEN 1 ELSE 0 END) AS s "
            "FROM ratings GROUP BY commune_code"
        ):
            if r["commune_code"] in rows:
                rows[r["commune_code"]].update(ratings=r["n"], satisfied=int(r["s"] or 0))
        for r in self.backend.all(
            "SELECT commune_code, COUNT(*) AS n FROM changes WHERE entity = 'feedback' GROUP BY commune_code"
        ):
            if r["commune_code"] in rows:
                rows[r["commune_code"]]["feedback"] = r["n"]
        return list(rows.values())

    # The scorecard (app.province.scorecard_source)

    def commune_payloads(self, commune: str | None, entities: Sequence[str]) -> list[dict[str, Any]]:
        """Every stored change of these entities, for one commune or all, in the order they were stored."""
        where = f"entity IN ({_marks(len(entities))})"
        params: list[Any] = list(entities)
        if commune is not None:
            where += " AND commune_code = ?"
            params.append(commune)
        return self.backend.all(
            f"SELECT commune_code, desk_id, entity, entity_id, op, payload FROM changes WHERE {where} ORDER BY pos",
            params,
        )
