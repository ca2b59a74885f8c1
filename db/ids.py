"""Record identifiers: UUIDv7 (RFC 9562), time-ordered so new keys land at the end of their indexes.

Random UUID4 keys scatter every insert across the whole B-tree; at millions of dossiers, events and
outbox entries that costs a page read per insert. A v7 id is still unique without coordination
(74 random bits per millisecond), which is what desks working offline need.
"""

from __future__ import annotations

import os
import time


def new_id() -> str:
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")  # 80 random bits, 74 used
    value = (ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (rand >> 62 & 0xFFF) << 64 | 0b10 << 62 | rand & (2**62 - 1)
    # The canonical 8-4-4-4-12 form, as str(uuid.UUID(int=value)) writes it, without building a UUID.
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
