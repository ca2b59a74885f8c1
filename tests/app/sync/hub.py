"""The real hub in a subprocess on 127.0.0.1 (uvicorn), for end-to-end and fault tests."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.province import cli as province_cli

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    def __init__(
        self, db: str, log: Path, *, tls: tuple[Path, Path, Path] | None = None, login_delay: float = 0.01
    ) -> None:
        self.db = db
        # A wrong province password waits 1 s in production; the fuzzer sends hundreds (test_accounts
        # checks the real delay on a hub of its own).
        self.login_delay = login_delay
        self.port = free_port()
        self.log = log
        self.tls = tls  # (certificate, key, CA) for HTTPS
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> Hub:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        command = [sys.executable, "-m", "app.province.cli", "--db", self.db, "serve", "--port", str(self.port)]
        command += ["--login-delay", str(self.login_delay)]
        if self.tls:
            command += ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                verify = ssl.create_default_context(cafile=str(self.tls[2])) if self.tls else True
                if httpx.get(self.url + "/health", timeout=1, verify=verify).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("hub did not become ready")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def admin(self, *args: str) -> int:
        return province_cli.main(["--db", self.db, *args])

    def token(self, commune: str, desk: int | None = None) -> str:
        from app.province.auth import issue_token
        from db.hub.store import HubStore

        store = HubStore(self.db)
        try:
            return issue_token(store, commune, desk)
        finally:
            store.close()

    def store(self):  # -> HubStore
        from db.hub.store import HubStore

        return HubStore(self.db)
