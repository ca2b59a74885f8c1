"""Which forms a dossier's history supports: a notice is printed only for a step on record.

Pure: the dossier's events in, a refusal (one sentence) or the event the letter is about out.
"""

from __future__ import annotations

from app.core.errors import InvalidTransition
from app.reception.records import Dossier, DossierEvent

# The step each notice reports; the receipt and the tracking sheet fit every received dossier.
LETTER_EVENTS: dict[str, tuple[str, ...]] = {
    "supplement": ("supplement_requested",),
    "refusal": ("refused",),
    "apology": ("apology_issued",),
    "stop": ("stopped", "withdrawn"),
}
_NAMES = {
    "supplement": (
        "phiếu yêu cầu bổ sung",
        "a supplement request",
        "chưa được yêu cầu bổ sung",
        "no supplement request",
    ),
    "refusal": ("phiếu từ chối", "a refusal notice", "chưa bị từ chối", "no refusal"),
    "apology": ("văn bản xin lỗi và hẹn lại", "an apology letter", "chưa được hẹn lại", "no apology with a new date"),
    "stop": ("thông báo dừng giải quyết", "a stop notice", "chưa dừng giải quyết hay rút", "no stop or withdrawal"),
}


def letter_event(form: str, dossier: Dossier) -> DossierEvent | None:
    """The latest event the notice reports, or None for forms that report no single step."""
    kinds = LETTER_EVENTS.get(form, ())
    found = [e for e in dossier.events if e.kind in kinds]
    return max(found, key=lambda e: (e.at, e.id)) if found else None


def check_supported(form: str, dossier: Dossier) -> None:
    """Refuse a notice the history does not support (e.g. a refusal for a dossier that was returned)."""
    if form not in LETTER_EVENTS or letter_event(form, dossier) is not None:
        return
    name_vi, name_en, missing_vi, missing_en = _NAMES[form]
    raise InvalidTransition(
        f"Hồ sơ {dossier.code} {missing_vi} nên không in được {name_vi}.",
        f"Dossier {dossier.code} has {missing_en} on record, so {name_en} cannot be printed.",
    )
