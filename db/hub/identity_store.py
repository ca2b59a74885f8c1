"""The hub's database identity and the high-water mark of what it has stored (app.province.identity)."""

from __future__ import annotations

from db.hub.store import HubStore


class HubIdentityStore:
    def __init__(self, hub: HubStore) -> None:
        self.backend = hub.backend
        self.hub = hub

    def get(self, key: str) -> str | None:
        value = self.backend.scalar("SELECT value FROM hub_meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        with self.hub.transaction():
            self.backend.execute(
                "INSERT INTO hub_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def high_water(self) -> int:
        """The last position of the change log: a restored hub holds fewer than it once did."""
        return int(self.backend.scalar("SELECT MAX(pos) AS m FROM changes") or 0)
