"""SQL for the hub's scorecard counters (app/province/scorecard_counters.py): summaries per dossier,
counters per commune and day / month, the running dossiers. Writes join the push's transaction.

Reads take a commune code, or None for the whole province.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from db.day_ranges import pieces
from db.hub.store import HubStore, _chunks, _marks

SUMMARY_COLUMNS = (
    "dossier_id",
    "commune_code",
    "code",
    "received_at",
    "received_day",
    "channel",
    "procedure_code",
    "clerk_id",
    "identity",
    "end_day",
    "end_kind",
    "verdict",
    "late_days",
    "waiting_days",
    "last_event_at",
    "late_from",
    "waiting",
    "live",
    "digital",
)
CounterKey = tuple[str, str, str, str, str]  # commune, day, dim, key, name


def _scope(commune: str | None, column: str = "commune_code") -> tuple[str, list[Any]]:
    return ("", []) if commune is None else (f" AND {column} = ?", [commune])


class HubScorecardStore:
    def __init__(self, hub: HubStore) -> None:
        self.backend = hub.backend

    # State

    def built(self, version: str) -> bool:
        return self.backend.scalar("SELECT version FROM scorecard_state WHERE id = 1") == version

    def set_built(self, version: str) -> None:
        self.backend.execute(
            "INSERT INTO scorecard_state (id, version) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            (version,),
        )

    def start_if_empty(self, version: str) -> None:
        """A hub with no dossier yet keeps complete counters from its first one on (by these rules,
        whatever rules it started with)."""
        if self.backend.scalar("SELECT version FROM scorecard_state WHERE id = 1") != version and (
            self.backend.one("SELECT 1 AS one FROM dossiers LIMIT 1") is None
        ):
            self.set_built(version)

    def clear(self) -> None:
        for table in ("scorecard_counts", "scorecard_months", "scorecard_running", "scorecard_dossiers"):
            self.backend.execute(f"DELETE FROM {table}")

    # Writing

    def summaries(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            columns = ", ".join(SUMMARY_COLUMNS)
            for row in self.backend.all(
                f"SELECT {columns} FROM scorecard_dossiers WHERE dossier_id IN ({_marks(len(part))})", part
            ):
                found[row["dossier_id"]] = row
        return found

    def put_summaries(self, rows: Sequence[Mapping[str, Any]]) -> None:
        updates = ", ".join(f"{c} = excluded.{c}" for c in SUMMARY_COLUMNS[1:])
        self.backend.many(
            f"INSERT INTO scorecard_dossiers ({', '.join(SUMMARY_COLUMNS)}) VALUES ({_marks(len(SUMMARY_COLUMNS))}) "
            f"ON CONFLICT (dossier_id) DO UPDATE SET {updates}",
            [[r[c] for c in SUMMARY_COLUMNS] for r in rows],
        )

    def add(self, deltas: Mapping[CounterKey, int]) -> None:
        """Move the counters: day and month rows for what adds up, the running table for the rest."""
        days: dict[CounterKey, int] = {}
        months: dict[CounterKey, int] = {}
        running: list[tuple[str, str, str, str, str, int]] = []
        for (commune, day, dim, key, name), n in deltas.items():
            if name.startswith("running"):
                running.append((commune, day, dim, key, name, n))
                continue
            days[(commune, day, dim, key, name)] = days.get((commune, day, dim, key, name), 0) + n
            month = (commune, day[:7], dim, key, name)
            months[month] = months.get(month, 0) + n
        for table, column, rows in (
            ("scorecard_counts", "day", sorted((*k, n) for k, n in days.items())),
            ("scorecard_months", "month", sorted((*k, n) for k, n in months.items())),
            ("scorecard_running", "day", sorted(running)),
        ):
            self.backend.many(
                f"INSERT INTO {table} (commune_code, {column}, dim, key, name, n) VALUES (?, ?, ?, ?, ?, ?) "
                f"ON CONFLICT (commune_code, {column}, dim, key, name) DO UPDATE SET n = {table}.n + excluded.n",
                rows,
            )

    def dossier_payloads(self, ids: Sequence[str]) -> dict[str, str]:
        """The payload each of these dossiers was created with (the change a desk sent)."""
        found: dict[str, str] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            for row in self.backend.all(
                "SELECT entity_id, payload FROM changes WHERE entity = 'dossier' "
                f"AND entity_id IN ({_marks(len(part))}) ORDER BY pos",
                part,
            ):
                found.setdefault(row["entity_id"], row["payload"])
        return found

    def records_about(self, ids: Sequence[str], entities: Sequence[str]) -> list[dict[str, Any]]:
        """The stored changes of these entities about these dossiers (changes.dossier_id), in order."""
        found: list[dict[str, Any]] = []
        for part in _chunks(list(dict.fromkeys(ids))):
            found += self.backend.all(
                "SELECT pos, commune_code, dossier_id, entity, payload FROM changes "
                f"WHERE dossier_id IN ({_marks(len(part))}) AND entity IN ({_marks(len(entities))})",
                [*part, *entities],
            )
        return sorted(found, key=lambda r: r["pos"])

    def dossier_ids_received_between(self, start: str, end: str) -> list[str]:
        """Dossiers received from ``start`` to before ``end`` (UTC ISO, as the summaries keep them)."""
        rows = self.backend.all(
            "SELECT dossier_id FROM scorecard_dossiers WHERE received_at >= ? AND received_at < ? ORDER BY dossier_id",
            (start, end),
        )
        return [r["dossier_id"] for r in rows]

    def all_dossier_ids(self) -> list[str]:
        return [r["id"] for r in self.backend.all("SELECT id FROM dossiers ORDER BY id")]

    def rating_payloads(self) -> list[dict[str, Any]]:
        return self.backend.all(
            "SELECT commune_code, entity, payload FROM changes WHERE entity IN ('rating', 'rating_declined') "
            "ORDER BY pos"
        )

    # Reading a period

    def _sums(self, commune: str | None, first: date, last: date, group: str, where: str = "") -> Iterator[dict]:
        scope, params = _scope(commune)
        for kind, low, high in pieces(first, last):
            table, column = ("scorecard_counts", "day") if kind == "day" else ("scorecard_months", "month")
            key = group.replace("@", column)
            grouped = key.replace(" AS month", "")
            yield from self.backend.all(
                f"SELECT {key}, SUM(n) AS n FROM {table} WHERE {column} >= ? AND {column} <= ?{scope}{where} "
                f"GROUP BY {grouped}",
                [low, high, *params],
            )

    def sums(self, commune: str | None, first: date, last: date) -> list[tuple[str, str, str, int]]:
        """(dim, key, name, total) over the days first..last (included)."""
        total: dict[tuple[str, str, str], int] = {}
        for r in self._sums(commune, first, last, "dim, key, name"):
            total[(r["dim"], r["key"], r["name"])] = total.get((r["dim"], r["key"], r["name"]), 0) + int(r["n"])
        return [(*k, n) for k, n in total.items()]

    def sums_by_commune(self, first: date, last: date) -> dict[str, list[tuple[str, str, str, int]]]:
        """Each commune's unit counters (dim ''), for the province's table of communes."""
        total: dict[tuple[str, str], int] = {}
        for r in self._sums(None, first, last, "commune_code, name", " AND dim = ''"):
            total[(r["commune_code"], r["name"])] = total.get((r["commune_code"], r["name"]), 0) + int(r["n"])
        found: dict[str, list[tuple[str, str, str, int]]] = {}
        for (commune, name), n in total.items():
            found.setdefault(commune, []).append(("", "", name, n))
        return found

    def sums_by_month(self, commune: str | None, first: date, last: date) -> list[tuple[str, str, int]]:
        total: dict[tuple[str, str], int] = {}
        group = "substr(@, 1, 7) AS month, name"
        for r in self._sums(commune, first, last, group, " AND dim = ''"):
            total[(r["month"], r["name"])] = total.get((r["month"], r["name"]), 0) + int(r["n"])
        return [(*k, n) for k, n in total.items()]

    def running_at(self, commune: str | None, day: str) -> list[tuple[str, str, str, str, int]]:
        """(commune, dim, key, name, n) of the dossiers that ran past ``day`` and have ended since."""
        scope, params = _scope(commune)
        rows = self.backend.all(
            f"SELECT commune_code, dim, key, name, SUM(n) AS n FROM scorecard_running WHERE day = ?{scope} "
            "GROUP BY commune_code, dim, key, name",
            [day, *params],
        )
        return [(r["commune_code"], r["dim"], r["key"], r["name"], int(r["n"])) for r in rows]

    def late_codes(self, commune: str | None, first: str, last: str, limit: int) -> list[str]:
        """Late dossiers ended in the period: a commune's by code (as the desk lists them), the province's
        first ``limit`` by end day (its index; the count is the indicator's, whole)."""
        scope, params = _scope(commune)
        order = "code" if commune is not None else "end_day, code"
        rows = self.backend.all(
            f"SELECT code FROM scorecard_dossiers WHERE verdict = 'late' AND end_day >= ? AND end_day <= ?{scope} "
            f"ORDER BY {order} LIMIT ?",
            [first, last, *params, limit],
        )
        return [r["code"] for r in rows]

    def ran_late_past(self, commune: str | None, day: str, after: str, limit: int) -> list[tuple[str, str]]:
        """(code, late days) of the dossiers received by ``day`` that ran late some day and ended after
        it, by code after ``after``, at most ``limit``: picked on the index, and only those read whole."""
        scope, params = _scope(commune)
        rows = self.backend.all(
            "SELECT d.code, d.late_days FROM scorecard_dossiers AS d JOIN (SELECT dossier_id FROM scorecard_dossiers "
            f"WHERE late_days != '' AND end_day > ? AND received_day <= ? AND code > ?{scope} ORDER BY code LIMIT ?) "
            "AS p ON p.dossier_id = d.dossier_id ORDER BY d.code",
            [day, day, after, *params, limit],
        )
        return [(r["code"], r["late_days"]) for r in rows]

    def running(self, commune: str | None, as_of: str) -> list[dict[str, Any]]:
        """The dossiers running at ``as_of`` (UTC) whose state is known from their summary, counted by
        commune, procedure and clerk: how many, how many late by then, how many waiting on the citizen."""
        scope, params = _scope(commune)
        return self.backend.all(
            "SELECT commune_code, procedure_code, clerk_id, COUNT(*) AS n, "
            "SUM(CASE WHEN late_from IS NOT NULL AND late_from < ? THEN 1 ELSE 0 END) AS late, "
            "SUM(waiting) AS waiting FROM scorecard_dossiers "
            f"WHERE end_day IS NULL AND received_at <= ? AND live = 0 AND last_event_at <= ?{scope} "
            "GROUP BY commune_code, procedure_code, clerk_id",
            [as_of, as_of, as_of, *params],
        )

    def running_late_codes(self, commune: str | None, as_of: str, limit: int) -> list[str]:
        scope, params = _scope(commune)
        rows = self.backend.all(
            "SELECT code FROM scorecard_dossiers WHERE end_day IS NULL AND received_at <= ? AND live = 0 "
            f"AND last_event_at <= ? AND late_from IS NOT NULL AND late_from < ?{scope} ORDER BY code LIMIT ?",
            [as_of, as_of, as_of, *params, limit],
        )
        return [r["code"] for r in rows]

    def received_page(
        self, commune: str | None, first: str, last: str, after: tuple[str, str] | None, limit: int
    ) -> list[tuple[str, str, int]]:
        """(received day, code, flags) of the dossiers received from ``first`` to ``last``, in that order,
        after ``after`` (a received day and code), at most ``limit``: a walk along the index."""
        scope, params = _scope(commune)
        start, start_params = (
            ("(received_day, code) > (?, ?)", list(after)) if after else ("received_day >= ?", [first])
        )
        rows = self.backend.all(
            f"SELECT received_day, code, digital FROM scorecard_dossiers WHERE {start} AND received_day <= ?{scope} "
            "ORDER BY received_day, code LIMIT ?",
            [*start_params, last, *params, limit],
        )
        return [(r["received_day"], r["code"], int(r["digital"])) for r in rows]

    def lacking(self, commune: str | None, first: str, last: str, population: int, flag: int, limit: int) -> list[str]:
        """Codes of the dossiers received from ``first`` to ``last`` with every ``population`` flag and
        not ``flag`` (what cost them points), by received day then code, at most ``limit``: for a flag
        few lack (``received_page`` finds the others sooner; the planner cannot tell which is which)."""
        scope, params = _scope(commune)
        rows = self.backend.all(
            "SELECT code FROM scorecard_dossiers WHERE received_day >= ? AND received_day <= ? "
            f"AND (digital & ?) = ? AND (digital & ?) = 0{scope} ORDER BY received_day, code LIMIT ?",
            [first, last, population, population, flag, *params, limit],
        )
        return [r["code"] for r in rows]

    def live(self, commune: str | None, as_of: str) -> list[str]:
        """Running dossiers to judge at report time: their state at ``as_of`` is not their summary's."""
        scope, params = _scope(commune)
        rows = self.backend.all(
            "SELECT dossier_id FROM scorecard_dossiers WHERE end_day IS NULL AND received_at <= ? "
            f"AND (live = 1 OR last_event_at > ?){scope}",
            [as_of, as_of, *params],
        )
        return [r["dossier_id"] for r in rows]
