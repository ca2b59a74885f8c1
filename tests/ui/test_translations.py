from __future__ import annotations

import runpy
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"


def _messages(path: Path) -> dict[str, str | None]:
    return {m.findtext("source"): (None if m.find("translation").get("type") in ("unfinished", "obsolete",
                                                                                   "vanished")
                                   else m.findtext("translation"))
            for m in ET.parse(path).iter("message")}


def test_every_english_string_is_translated_and_compiled() -> None:
    messages = _messages(FOLDER / "motcua_en.ts")
    assert [s for s, t in messages.items() if not t] == []
    for name in ("motcua_en.qm", "qtbase_vi.qm"):
        assert (FOLDER / name).stat().st_mtime >= (FOLDER / name.replace(".qm", ".ts")).stat().st_mtime


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_the_ts_file_holds_every_string_of_the_window(tmp_path: Path) -> None:
    sources = runpy.run_path(str(ROOT / "packaging" / "translations.py"))["SOURCES"]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *map(str, sources), "-ts", str(fresh)], check=True, capture_output=True)
    assert set(_messages(fresh)) - set(_messages(FOLDER / "motcua_en.ts")) == set()
