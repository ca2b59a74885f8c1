"""The one transaction helper of the desk's store and the hub's backends.

A connection has at most one transaction; a ``transaction()`` inside another joins it, and only the
outermost one begins, commits or rolls back. What beginning means (``BEGIN IMMEDIATE`` on SQLite,
``BEGIN`` plus a writer lock on the hub) is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Nesting:
    """How deep the current transaction of one connection is (0: none)."""

    depth: int = 0


@contextmanager
def nested(
    nesting: Nesting, begin: Callable[[], None], commit: Callable[[], None], rollback: Callable[[], None]
) -> Iterator[None]:
    """Run the body in the connection's transaction: its own if none is open, else the open one.

    An exception in the outermost body rolls back everything, the joined bodies' work included.
    """
    if nesting.depth:
        nesting.depth += 1
        try:
            yield
        finally:
            nesting.depth -= 1
        return
    begin()
    nesting.depth = 1
    try:
        yield
    except BaseException:
        nesting.depth = 0
        rollback()
        raise
    else:
        nesting.depth = 0
        commit()
