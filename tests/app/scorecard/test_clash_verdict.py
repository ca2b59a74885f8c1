"""A clashed dossier gets the same verdict on the desk and at the hub, before and after a leader settles it.

One rule (``app.reception.rules.counted``): an open clash counts as open (no verdict), a settled one by
the outcome kept. The desk's dossier panel, tracking sheet, counters and report and the hub's stored
outcome and report all apply it.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.desk import Desk
from app.province import cli as province_cli
from app.scorecard import desk_source
from app.scorecard.records import Period
from app.sync import clashes
from tests.app.scorecard.test_desk_hub import PERIOD, essentials, report
from tests.app.sync.conftest import any_hub, hub_target, postgres_url  # noqa: F401  (fixtures)
from tests.app.sync.hub import Hub
from tests.app.sync.test_clashes import _clash, _hub_row
from ui.main import main

OUTCOMES = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def _tracking_marks(desk: Desk, code: str, tmp_path: Path) -> set[str]:
    pdf = tmp_path / f"{code}-tracking.pdf"
    pdf.write_bytes(desk.printing.pdf("tracking", code, record=False).pdf)
    flat = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    return {verdict for verdict, words in OUTCOMES.items() if words in flat}


def _same_everywhere(desk: Desk, hub: Hub, code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str | None:
    """The verdict of ``code`` as the desk shows it, checked against every other place that counts it."""
    dossier = desk.dossiers.get(code)
    judged = desk.dossiers.timeliness(dossier)
    verdict = judged.verdict if judged.ended else None
    assert _hub_row(hub, dossier.id)["outcome"] == verdict
    assert _tracking_marks(desk, code, tmp_path) == ({verdict} if verdict else set())
    period = Period(date(2026, 2, 1), date(2026, 2, 28))
    fast = desk_source.scorecard(desk, period, fast=True)
    slow = desk_source.scorecard(desk, period, fast=False)
    assert fast.counts == slow.counts  # the counters kept with the events follow the same rule
    at_desk = report(capsys, main, "report", "--db", str(desk.store.path), *PERIOD)
    at_hub = report(capsys, province_cli.main, "--db", hub.db, "report", "--commune", "87001", *PERIOD)
    assert essentials(at_hub) == essentials(at_desk)
    return verdict


def test_a_clashed_dossier_has_one_verdict_on_the_desk_and_at_the_hub(
    any_hub: Hub,  # noqa: F811
    tmp_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a1, a2, code = _clash(tmp_path, clock, any_hub)
    for desk in (a1, a2):  # past both desks' outcomes, so "now" sees every event at either desk
        desk.clock.advance(hours=3)
    # Open: no verdict anywhere, and counted as a dossier still running, not as ended.
    for desk in (a1, a2):
        assert _same_everywhere(desk, any_hub, code, tmp_path, capsys) is None
    at_desk = report(capsys, main, "report", "--db", str(a1.store.path), *PERIOD)
    assert (at_desk["counts"]["ended"], at_desk["counts"]["in_progress"]) == (0, 1)

    dossier = a1.dossiers.get(code)
    returned = next(e for e in dossier.events if e.kind == "returned")
    assert clashes.settle(a1, dossier.id, returned.id, a1.clerk()) == "returned"
    for desk in (a1, a2, a1):
        assert desk.sync.run_once().complete
    # Settled: the outcome kept, the same at both desks and at the hub.
    verdicts = {_same_everywhere(desk, any_hub, code, tmp_path, capsys) for desk in (a1, a2)}
    assert verdicts == {"early"}
    at_desk = report(capsys, main, "report", "--db", str(a2.store.path), *PERIOD)
    assert (at_desk["counts"]["ended"], at_desk["counts"]["in_progress"]) == (1, 0)
    a1.close()
    a2.close()
