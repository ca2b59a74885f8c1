"""What a dossier's files and fee give the scorecard (3.3, 3.6, 4.1–4.4): one set of flags per dossier.

The records path (the engine over every dossier) and the counters path (flags kept in each dossier's
summary, app.scorecard.counters) both reach the indicators through ``flags``, so the two cannot
disagree on what "digitised" or "paid online" means. Pure: no Qt, no SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ
from app.scorecard.records import Attachment, DossierFacts, Payment
from app.scorecard.tally import LOST_LIST

# One bit each in a dossier's summary (``digital`` in scorecard_dossiers); counted as "digital:<flag>".
FLAGS = (
    "paper",  # the procedure issues a paper result (4.1's population); unknown counts as paper
    "result",  # an electronic result file is attached (counts.electronic_result)
    "paper_result",  # both (4.1's numerator)
    "digitised",  # every document that is not exempt has a file (counts.digitised)
    "parts",  # 4.2: digitised and, for a paper result, the result file too
    "reused",  # 4.3: a document's file reused from an earlier dossier of the citizen
    "linked",  # 4.4: a file taken from, or the result linked to, the citizen's store on the portal
    "online_counted",  # 3.3: filed online and, for a paper result, the result file attached
    "fee_due",  # 3.6's population: a fee that is not zero
    "paid_online",  # 3.6's numerator: paid on the portal (or the province's gateway)
    "paid_transfer",  # paid by bank transfer (VietQR): non-cash, reported beside 3.6
)
# The population each numerator is a share of, and the indicator whose lost codes it lists.
POPULATION = {"paper_result": "paper", "parts": "", "reused": "", "linked": "", "paid_online": "fee_due"}
LOST_OF = {"4.1": "paper_result", "4.2": "parts", "4.3": "reused", "4.4": "linked", "3.6": "paid_online"}


def bits(flags: Iterable[str]) -> int:
    return sum(1 << FLAGS.index(f) for f in flags)


def names(value: int) -> list[str]:
    return [f for i, f in enumerate(FLAGS) if value >> i & 1]


def fee_due(amount: int | None, recorded: bool) -> bool:
    """A dossier carries a fee when one was assessed that is not zero (None: the province's rate, not
    entered here, is still a fee); no fee recorded means the procedure has none."""
    return recorded and amount != 0


def flags(d: DossierFacts, attachments: Sequence[Attachment], payments: Sequence[Payment]) -> int:
    """The dossier's flags (as bits) from its records in force (latest per document) and payments."""
    paper = d.paper_result is not False
    result = any(a.result and a.has_file for a in attachments)
    documents = {a.document_no: a for a in attachments if not a.result and a.document_no is not None}
    if d.documents is None:  # the document list is not known: any file in a component
        digitised = any(a.has_file for a in documents.values())
    else:  # a record in force (a file, or why there is none) for every document
        digitised = all(n in documents for n in range(1, d.documents + 1))
    due = bool(d.fee_due) and not (payments and all(p.amount == 0 for p in payments))
    checks = {
        "paper": paper,
        "result": result,
        "paper_result": paper and result,
        "digitised": digitised,
        "parts": digitised and (not paper or result),
        "reused": any(a.reused and a.has_file for a in documents.values()),
        "linked": any(a.from_citizen_store for a in attachments),
        "online_counted": d.channel == "online" and (not paper or result),
        "fee_due": due,
        "paid_online": due and any(p.channel == "portal" and p.amount > 0 for p in payments),
        "paid_transfer": due and any(p.channel == "transfer" for p in payments),
    }
    found = [name for name, ok in checks.items() if ok]
    return bits(found)


@dataclass
class DigitalTally:
    """The flags of the dossiers received in a period, summed; ``lost``: codes of those that cost points
    (first by received day, then code; at most LOST_LIST). ``files``/``payments`` False: not recorded."""

    files: bool = True
    payments: bool = True
    received: int = 0
    paper_known: bool = True  # False: some procedure's result kind is not recorded (taken as paper)
    counts: Counter[str] = field(default_factory=Counter)
    lost: dict[str, list[str]] = field(default_factory=dict)


def lost_key(d: DossierFacts) -> tuple[str, str]:
    return (d.received_at.astimezone(VN_TZ).date().isoformat(), d.code)


def tally(
    received: Sequence[DossierFacts],
    attachments: Sequence[Attachment] | None,
    payments: Sequence[Payment] | None,
) -> DigitalTally:
    """The records path: each received dossier's flags, summed."""
    found = DigitalTally(
        files=attachments is not None,
        payments=payments is not None and all(d.fee_due is not None for d in received),
        received=len(received),
        paper_known=all(d.paper_result is not None for d in received),
    )
    files: dict[str, list[Attachment]] = {}
    for a in attachments or ():
        files.setdefault(a.dossier_id, []).append(a)
    paid: dict[str, list[Payment]] = {}
    for p in payments or ():
        paid.setdefault(p.dossier_id, []).append(p)
    lost: dict[str, list[tuple[str, str]]] = {name: [] for name in POPULATION}
    for d in received:
        value = set(names(flags(d, files.get(d.id, ()), paid.get(d.id, ()))))
        found.counts.update(value)
        for name, population in POPULATION.items():
            if (not population or population in value) and name not in value:
                lost[name].append(lost_key(d))
    found.lost = {name: [code for _, code in sorted(keys)[:LOST_LIST]] for name, keys in lost.items()}
    found.lost.update({name: [] for name in FLAGS if name not in found.lost})
    return found


def attachment(row: Mapping[str, Any]) -> Attachment:
    """A record in force as the stores give it (desk row or hub payload)."""
    return Attachment(
        dossier_id=row["dossier_id"],
        result=row["role"] == "result",
        document_no=row.get("document_no"),
        reused=bool(row.get("reused") if "reused" in row else row.get("reused_from")),
        has_file=bool(row.get("has_file") if "has_file" in row else row.get("sha256")),
        exemption=row.get("exemption") or "",
    )


def payment(row: Mapping[str, Any]) -> Payment:
    paid_at: Any = row["paid_at"]
    return Payment(
        dossier_id=row["dossier_id"],
        amount=int(row["amount"]),
        channel=row["channel"],
        paid_at=paid_at if isinstance(paid_at, datetime) else parse_iso(paid_at),
    )


def in_force(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The latest record of each document (and of the result) of each dossier, as app.files reads them."""
    latest: dict[tuple[Any, ...], tuple[tuple[str, str, str], Mapping[str, Any]]] = {}
    for row in rows:
        key = (row["dossier_id"], row["role"], row.get("document_no"))
        order = (row["at"], row.get("created_at", ""), row.get("id", ""))
        if key not in latest or order > latest[key][0]:
            latest[key] = (order, row)
    return [row for _, row in latest.values()]
