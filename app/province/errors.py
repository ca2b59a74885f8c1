"""A refusal the hub answers with: an HTTP status and a reason code the desk turns into words."""

from __future__ import annotations

from app.sync.errors import reason


class HubError(Exception):
    """Refused request; ``code`` is one of app.sync.errors.REASONS."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code

    def body(self) -> dict[str, str]:
        return {"error": self.code, "message": reason(self.code), "message_en": reason(self.code, "en")}
