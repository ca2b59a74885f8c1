"""The hub's database identity: a hub restored from an older backup notices, and says so to desks.

Desks trust the hub's acknowledgements: what it acknowledged they prune and never send again. A hub
restored from a backup has lost what came after the backup, so it takes a new identity, published in
``/health`` and with every acknowledgement; a desk that sees a new identity asks what the hub holds of
each of its histories and sends the rest again, rebuilt from its tables (app.sync.rebuild).

How it notices: a small registry outside the database (beside the hub's files) keeps the identity and
the change log's high-water mark, written after each push that stored something. On start, a database
that holds less than the registry saw, or another identity, was restored (a backup restored with
nothing lost since keeps its identity: there is nothing to ask for). Restart the hub after a restore.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

from db.files import private_dir
from db.hub.files import default_root
from db.hub.identity_store import HubIdentityStore
from db.hub.store import HubStore
from db.ids import new_id

log = logging.getLogger(__name__)
RESTORED = "restored_as"  # hub_meta: the identity taken when the hub found it was restored (app.province.relay)


def registry_path(target: str | Path) -> Path:
    root = default_root(target)
    return root.with_name(root.name + ".identity.json")


def _key(target: str | Path) -> str:
    text = str(target)
    return text.split("@", 1)[-1] if "://" in text else str(Path(text).resolve())  # no password in the file


class Identity:
    def __init__(self, hub: HubStore, target: str | Path, registry: Path | None = None) -> None:
        self.store = HubIdentityStore(hub)
        self.registry = registry or registry_path(target)
        self.key = _key(target)
        self._lock = threading.Lock()
        self._written = -1
        self.db_id = self._check()

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.registry.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # a lost registry costs nothing: the identity in the database stands

    def _write(self, high: int) -> None:
        entries = self._read()
        entries[self.key] = {"db_id": self.db_id, "high_water": high}
        private_dir(self.registry.parent)
        tmp = self.registry.with_name(f"{self.registry.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entries, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.registry)
        self._written = high

    def _check(self) -> str:
        db_id = self.store.get("db_id")
        high = self.store.high_water()
        seen = self._read().get(self.key)
        restored = (
            db_id is not None
            and isinstance(seen, dict)
            and (seen.get("db_id") != db_id or int(str(seen.get("high_water", 0))) > high)
        )
        if db_id is None or restored:
            if restored:
                log.warning("the hub's database was restored from an older copy: desks will send what it lost")
            db_id = new_id()
            self.store.set("db_id", db_id)
            if restored:  # codes' floors are learned from the desks again before any is handed out
                self.store.set(RESTORED, db_id)
        self.db_id = db_id
        try:
            self._write(high)
        except OSError as exc:
            log.warning("could not write the hub's identity registry %s: %s", self.registry, exc)
        return db_id

    def stored(self) -> None:
        """After a push that stored changes: the registry follows the high-water mark. A registry that
        cannot be written costs only the noticing of a later restore, never the push."""
        with self._lock:
            high = self.store.high_water()
            if high > self._written:
                try:
                    self._write(high)
                except OSError as exc:
                    log.warning("could not write the hub's identity registry %s: %s", self.registry, exc)
