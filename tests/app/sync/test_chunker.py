"""The file chunk size settles on a link that cuts every few KB, and stays large on a good one."""

from __future__ import annotations

import random
import statistics

from app.sync.file_sync import MAX_CHUNK, MIN_CHUNK, OVERHEAD, Chunker


def simulate(chunker: Chunker, file_bytes: int, low: int, high: int, seed: int = 14) -> tuple[float, list[int]]:
    """Send ``file_bytes`` over a link that cuts after low..high bytes (headers included); returns the
    bytes that went up per byte of file, and the chunk size before each request."""
    rnd = random.Random(seed)
    left, up, budget, sizes = file_bytes, 0, rnd.randint(low, high), []
    while left > 0:
        size = min(chunker.size, left)
        sizes.append(chunker.size)
        cost = size + OVERHEAD
        if cost > budget:  # cut in the middle: what went up is lost
            up += budget
            chunker.cut(size)
            budget = rnd.randint(low, high)
            continue
        up += cost
        budget -= cost
        left -= size
        chunker.ok(size)
    return up / file_bytes, sizes


def test_the_size_settles_on_a_link_cut_every_2_to_16_kb() -> None:
    ratio, sizes = simulate(Chunker(), 2 * 1024 * 1024, 2048, 16384)
    tail = sizes[len(sizes) // 2 :]
    assert MIN_CHUNK <= min(tail) and max(tail) <= 4 * min(tail)  # no longer swinging from 2 to 64 KB
    assert statistics.pstdev(tail) < 0.25 * statistics.mean(tail)
    assert ratio < 1.6, ratio


def test_a_good_link_keeps_large_chunks_and_a_mended_link_grows_back() -> None:
    chunker = Chunker()
    ratio, sizes = simulate(chunker, 4 * 1024 * 1024, 10**9, 10**9)
    assert sizes[-1] == MAX_CHUNK and ratio < 1.01
    simulate(chunker, 256 * 1024, 2048, 16384)
    assert chunker.size < 8 * 1024
    simulate(chunker, 4 * 1024 * 1024, 10**9, 10**9)
    assert chunker.size > 0.9 * MAX_CHUNK
