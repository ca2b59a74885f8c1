from __future__ import annotations

import runpy
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"


def _entries(path: Path) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) for every message of a .ts file."""
    out = []
    for context in ET.parse(path).iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            done = m.find("translation").get("type") not in ("unfinished", "obsolete", "vanished")
            out.append((name, m.findtext("source"), m.findtext("translation") if done else None))
    return out


def _messages(path: Path) -> dict[str, str | None]:
    return {source: translation for _, source, translation in _entries(path)}


def test_every_english_string_is_translated() -> None:
    messages = _messages(FOLDER / "motcua_en.ts")
    assert [s for s, t in messages.items() if not t] == []


@pytest.mark.parametrize("name", ["motcua_en", "qtbase_vi"])
def test_the_compiled_file_holds_what_the_ts_says(qapp, name: str) -> None:
    """A .qm compiled from an older .ts would show untranslated or stale text in the window."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(FOLDER / f"{name}.qm"))
    stale = [
        (context, source)
        for context, source, translation in _entries(FOLDER / f"{name}.ts")
        if translation and "numerus" not in source and translator.translate(context, source) != translation
    ]
    assert stale == []


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_the_ts_file_holds_every_string_of_the_window(tmp_path: Path) -> None:
    sources = runpy.run_path(str(ROOT / "packaging" / "translations.py"))["SOURCES"]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *map(str, sources), "-ts", str(fresh)], check=True, capture_output=True)
    assert set(_messages(fresh)) - set(_messages(FOLDER / "motcua_en.ts")) == set()


def test_translations_from_another_branch_fill_the_unfinished_ones() -> None:
    """``--fill-from``: two branches translated different strings; the merge keeps both, per context,
    and leaves the file exactly as lupdate writes it."""
    import re

    tool = runpy.run_path(str(ROOT / "packaging" / "translations.py"))
    ours = (FOLDER / "motcua_en.ts").read_text(encoding="utf-8")
    unfinished = '<translation type="unfinished"></translation>'
    blank = re.sub(r"<translation>(.*?)</translation>", unfinished, ours, flags=re.S)
    filled, count = tool["fill"](blank, tool["finished"](ours))
    assert filled == ours and count == len(_entries(FOLDER / "motcua_en.ts"))
