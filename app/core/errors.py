"""Errors a clerk can see. Each carries one Vietnamese sentence and its English translation.

The UI and the CLI show ``str(error)`` (Vietnamese) or ``error.message("en")``; they format nothing.
"""

from __future__ import annotations

from app.core.text import excerpt


class MotcuaError(Exception):
    """Something the user must be told about, in one sentence."""

    exit_code = 1

    def __init__(self, vi: str, en: str | None = None, *, field: str | None = None) -> None:
        super().__init__(vi)
        self.vi = vi
        self.en = en or vi
        self.field = field

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi

    def __str__(self) -> str:
        return self.vi


class ValidationError(MotcuaError):
    """A field of the input is wrong; ``field`` names it."""


class NotFound(MotcuaError):
    """The record asked for does not exist."""


class NotInitialised(MotcuaError):
    """The store has no desk identity yet (``motcua init`` was not run)."""


class AlreadyInitialised(MotcuaError):
    """``motcua init`` on a store that already has a desk identity."""


class PermissionDenied(MotcuaError):
    """The signed-in clerk's role does not allow this."""


class AuthenticationFailed(MotcuaError):
    """Wrong user name or password."""


class InvalidTransition(MotcuaError):
    """The dossier's status does not allow this action."""


class NoSuchClerk(NotFound):
    """A user name or id that no clerk of this desk has."""

    def __init__(self, name: str, field: str = "clerk") -> None:
        shown = excerpt(name)
        super().__init__(f"Không có cán bộ «{shown}».", f"There is no clerk '{shown}'.", field=field)


class BadCommuneCode(ValidationError):
    def __init__(self) -> None:
        super().__init__("Mã xã phải gồm đúng 5 chữ số.", "The commune code must be exactly 5 digits.", field="commune")


class BadDeskNumber(ValidationError):
    def __init__(self) -> None:
        super().__init__("Số quầy phải từ 1 đến 9.", "The desk number must be from 1 to 9.", field="desk")


class NoProcedureChosen(ValidationError):
    def __init__(self) -> None:
        super().__init__("Chưa chọn thủ tục hành chính.", "No procedure was chosen.", field="procedure")


class CapacityExceeded(MotcuaError):
    """A per-day or per-desk limit was reached (e.g. 999 dossiers per desk per day)."""


class KeyMissing(MotcuaError):
    """A key file (the desk's signing key, the commune's confidentiality key) is missing or damaged."""
