"""The scorecard tests' shared store: a commune's February around Tết."""

from __future__ import annotations

import pytest

from app.core.clock import FixedClock
from app.core.records import Clerk
from app.desk import Desk
from tests.conftest import dossier_input


def receive(desk: Desk, clerk: Clerk, **extra: object) -> str:
    return desk.dossiers.receive(dossier_input(**extra), clerk).code


@pytest.fixture
def busy(desk: Desk, admin: Clerk, clock: FixedClock) -> dict[str, str]:
    """Thu 12 Feb 2026 09:00: four HT04 dossiers (3 working days over Tết: promised Tue 24 Feb 09:00)."""
    codes = {name: receive(desk, admin) for name in ("early", "refused", "running", "late")}
    codes["online"] = receive(desk, admin, channel="online")
    desk.dossiers.act(codes["refused"], "refused", admin, reason="Không thuộc thẩm quyền")
    clock.advance(days=1)  # Fri 13 Feb
    desk.dossiers.act(codes["early"], "done", admin)
    desk.dossiers.act(codes["online"], "done", admin)
    desk.ratings.rate(1, dossier=codes["early"], elements_given={"officials": 1, "result": 3})
    clock.advance(days=12)  # Wed 25 Feb: after the promise
    desk.dossiers.act(codes["late"], "done", admin)
    clock.advance(seconds=10)
    desk.ratings.rate(4, dossier=codes["late"])
    entry = desk.feedback.add(
        {
            "kind": "complaint",
            "person": {"name": "Lê Văn Khiếu", "address": "Ấp 1", "contact": "0912345678"},
            "content": "Giải quyết chậm",
            "dossier": codes["late"],
        },
        admin,
    )
    desk.feedback.add(
        {"kind": "feedback", "person": {"name": "Lê Thị Ý"}, "content": "Niêm yết chưa rõ"},
        admin,
    )
    desk.feedback.accept(entry.id, admin)
    return codes
