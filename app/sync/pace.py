"""How much to send per request over a link that may drop at any moment.

A push is one signed body: a link cut in the middle loses all of it. So the batch halves each time a
request is cut on a fresh connection (down to a single change, which fits in any link that carries
anything at all) and grows again while requests get through, the way TCP finds a window. The size
that last worked is kept in the desk's settings, so the next round starts where this one ended.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from app.sync.errors import LinkCut

T = TypeVar("T")
MAX_CUTS = 10  # consecutive cuts before the round gives up and the backoff takes over


class Pace:
    def __init__(self, rows: int, *, low: int = 1, high: int, sleep: Callable[[float], None] = time.sleep) -> None:
        self.low, self.high = low, high
        self.rows = max(low, min(high, rows))
        self.cuts = 0  # consecutive
        self.total_cuts = 0
        self.sleep = sleep

    def success(self) -> None:
        """Grow by a fifth while requests get through."""
        self.cuts = 0
        self.rows = min(self.high, max(self.rows + 1, self.rows * 6 // 5))

    def cut(self, exc: LinkCut) -> None:
        """Halve when the batch did not get through even on a fresh connection; a connection that
        ran out after carrying others says nothing about the batch (every connection of a link that
        drops every few KB ends in a cut, whatever is sent). Re-raise after too many cuts in a row."""
        self.cuts += 1
        self.total_cuts += 1
        if self.cuts > MAX_CUTS:
            raise exc
        if exc.fresh or self.cuts > 1:
            self.rows = max(self.low, self.rows // 2)
        self.sleep(min(1.0, 0.05 * 2 ** (self.cuts - 1)))

    def call(self, request: Callable[[], T]) -> T:
        """A small request (acknowledgements, keys, province data), tried again after a cut."""
        while True:
            try:
                answer = request()
            except LinkCut as exc:
                self.cut(exc)
                continue
            self.cuts = 0
            return answer
