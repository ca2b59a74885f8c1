"""A loopback TCP proxy that can throttle (bits/s), delay (round-trip latency) and cut connections.

Used by the fault tests and the benchmark. It counts the bytes that cross it both ways.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time


class Proxy:
    def __init__(self, target_port: int, *, rate_bps: float | None = None, latency: float = 0.0) -> None:
        self.target_port = target_port
        self.rate_bps = rate_bps
        self.latency = latency  # round trip, split evenly between the two directions
        self.cut_after: int | None = None  # close the connection once this many bytes went up in all
        # (low, high): cut every connection after a random number of bytes (both ways) in that range,
        # as a 2G cell that drops every few seconds does.
        self.cut_every: tuple[int, int] | None = None
        self.rng = random.Random(11)
        self.refuse = False  # act as if the link were down
        self.bytes_up = 0
        self.bytes_down = 0
        self.cuts = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: asyncio.AbstractServer | None = None

    def start(self) -> Proxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> Proxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def serve() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self.port = self._server.sockets[0].getsockname()[1]
            self._ready.set()

        self._loop.run_until_complete(serve())
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.refuse:
            writer.close()
            return
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        done = asyncio.Event()
        budget = [self.rng.randint(*self.cut_every)] if self.cut_every else None
        tasks = [
            asyncio.create_task(self._pipe(reader, up_w, True, done, budget)),
            asyncio.create_task(self._pipe(up_r, writer, False, done, budget)),
        ]
        await done.wait()
        for t in tasks:
            t.cancel()
        for w in (writer, up_w):
            w.close()

    async def _pipe(
        self,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        up: bool,
        done: asyncio.Event,
        budget: list[int] | None = None,
    ) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        free_at = time.monotonic()

        async def deliver() -> None:
            while True:
                at, data = await queue.get()
                if not data:
                    break
                delay = at - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                dst.write(data)
                await dst.drain()
            done.set()

        sender = asyncio.create_task(deliver())
        try:
            while True:
                data = await src.read(1024)
                if not data:
                    break
                if up:
                    self.bytes_up += len(data)
                    if self.cut_after is not None and self.bytes_up >= self.cut_after:
                        self.cut_after = None
                        self.cuts += 1
                        break
                else:
                    self.bytes_down += len(data)
                if budget is not None:
                    budget[0] -= len(data)
                    if budget[0] < 0:
                        if budget[0] + len(data) >= 0:  # count each connection's cut once
                            self.cuts += 1
                        break
                now = time.monotonic()
                if self.rate_bps:
                    free_at = max(free_at, now) + len(data) * 8 / self.rate_bps
                else:
                    free_at = now
                await queue.put((free_at + self.latency / 2, data))
                if self.rate_bps:
                    # Back-pressure: do not read far ahead of what the link has carried.
                    await asyncio.sleep(max(0.0, free_at - time.monotonic() - 0.5))
        except (ConnectionError, OSError):
            pass
        finally:
            await queue.put((time.monotonic(), b""))
            try:
                await asyncio.wait_for(sender, 30)
            except (TimeoutError, ConnectionError, OSError, asyncio.CancelledError):
                pass
            done.set()
