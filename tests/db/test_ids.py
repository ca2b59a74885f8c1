from __future__ import annotations

import time
import uuid

from db.ids import new_id


def test_ids_are_version_7_uuids_in_time_order() -> None:
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    parsed = uuid.UUID(first)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert str(parsed) == first
    assert first < second  # text order follows time, so indexes grow at their end
    assert abs((uuid.UUID(second).int >> 80) - time.time_ns() // 1_000_000) < 1000


def test_ids_made_in_one_millisecond_are_distinct() -> None:
    ids = [new_id() for _ in range(20000)]
    assert len(set(ids)) == len(ids)
