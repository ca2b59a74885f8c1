"""Languages: Vietnamese by default (the source text), English from motcua_en.qm; Qt's own too.

The choice is remembered in QSettings. Domain labels (statuses, event kinds) come in pairs from
app.core.records, so ``lang()`` tells the widgets which half to show.
"""

from __future__ import annotations

import atexit
import os
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from app.core import paths

if TYPE_CHECKING:
    from datetime import datetime

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SETTINGS_KEY = "ui/language"
STRETCH_ENV = "MOTCUA_STRETCH"  # developer switch: MOTCUA_STRETCH=1 motcua --demo
_state = {"lang": "vi"}
_installed: list[QTranslator] = []


def lang() -> str:
    return _state["lang"]


def saved_language(default: str = "vi") -> str:
    value = QSettings().value(SETTINGS_KEY, default)
    return value if value in LANGUAGES else default


def save_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(code)
    settings = QSettings()
    settings.setValue(SETTINGS_KEY, code)
    settings.sync()


def _load(name: str, folder: str) -> QTranslator | None:
    translator = QTranslator()
    return translator if translator.load(name, folder) else None


_LETTERS = re.compile(r"[aeiouyAEIOUY\u00c0-\u01b0\u1ea0-\u1ef9]")


def stretch(text: str) -> str:
    """The same words, about half as long again and a line taller: vowels doubled, a capital with two
    diacritics in front. Placeholders (%1), mnemonics (&) and rich text are left working."""
    if not text or "<" in text:
        return text
    return "Ẫ" + _LETTERS.sub(lambda m: m.group(0) * 2, text)


class StretchTranslator(QTranslator):
    """Installed last, so asked first: the translation the others give (or the source), stretched.

    Vorta's and Picard's switch: every layout can be checked against longer, taller text than any
    language the window ships, Vietnamese and English alike."""

    def __init__(self, others: list[QTranslator]) -> None:
        super().__init__()
        self.others = others

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        for translator in self.others:
            found = translator.translate(context, source, disambiguation, n)
            if found:
                return stretch(found)
        return stretch(source)

    def isEmpty(self) -> bool:
        return False


def stretching() -> bool:
    return os.environ.get(STRETCH_ENV, "") not in ("", "0")


def install(code: str) -> str:
    """Install the translators for ``code`` on the running application; returns the language in use."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = str(paths.resource("translations"))
    if code == "en":
        found = [_load("motcua_en", ours), _load("qtbase_en", QLibraryInfo.path(QLibraryInfo.TranslationsPath))]
    else:
        # Qt ships no qtbase_vi; ours covers the standard buttons, message boxes and edit menus.
        found = [_load("qtbase_vi", ours)]
    found = [t for t in found if t is not None]
    for translator in found:
        app.installTranslator(translator)
        _installed.append(translator)
    if stretching():
        stretcher = StretchTranslator(list(found))
        app.installTranslator(stretcher)
        _installed.append(stretcher)
        # A Python translator still installed while the application is torn down crashes it.
        atexit.register(lambda: stretcher in _installed and app.removeTranslator(stretcher))
    _state["lang"] = code if code in LANGUAGES else "vi"
    return _state["lang"]


# One way to write a moment across the window: "29/11/2026 13:27" (day first, as Vietnamese papers do).
WHEN = "%d/%m/%Y %H:%M"


def when(moment: datetime) -> str:
    return f"{moment:{WHEN}}"


def number(n: int) -> str:
    """1.500 in Vietnamese, 1,500 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang() == "vi" else text


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
