"""Rebuild the translations: refresh motcua_en.ts from the ui/ sources, compile every .ts to .qm.

    python packaging/translations.py            # lupdate (keeps existing translations) + lrelease
    python packaging/translations.py --release  # lrelease only (install / CI)
    python packaging/translations.py --out DIR  # the same on copies of the .ts files in DIR (a dry run)
    python packaging/translations.py --fill-from OTHER.ts  # after lupdate, take the translations another
                                                # branch made for strings still unfinished here (a merge)

The .qm files are build outputs, committed so a fresh install has them; edit the .ts (Qt Linguist).
qtbase_vi.ts is ours: Qt ships no Vietnamese for its own buttons and menus.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
# The rating screen faces the citizen and shows Vietnamese and English side by side, whatever the clerk
# chose, so it is not translated.
SOURCES = sorted(p for p in (ROOT / "ui").glob("*.py") if p.name not in {"rating_screen.py", "rating_faces.py"})


_CONTEXT = re.compile(r"(<context>\s*<name>(.*?)</name>)(.*?)(</context>)", re.S)
_MESSAGE = re.compile(r"<message[^>]*>.*?</message>", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
_DONE = re.compile(r"<translation>(.*?)</translation>", re.S)
_UNFINISHED = re.compile(r'<translation type="unfinished">.*?</translation>', re.S)


def finished(ts: str) -> dict[tuple[str, str], str]:
    """(context, source) → translation, as written in the file (escaped), for every finished message."""
    found = {}
    for context in _CONTEXT.finditer(ts):
        for block in _MESSAGE.findall(context.group(3)):
            source, done = _SOURCE.search(block), _DONE.search(block)
            if source and done and done.group(1):
                found[(context.group(2), source.group(1))] = done.group(1)
    return found


def fill(ts: str, known: dict[tuple[str, str], str]) -> tuple[str, int]:
    """The .ts text with each unfinished message that ``known`` translates (same context and source) made
    finished. Text is edited in place, not re-serialised, so the file stays as lupdate writes it."""
    count = 0

    def in_context(context: re.Match[str]) -> str:
        def one(match: re.Match[str]) -> str:
            nonlocal count
            block = match.group(0)
            source = _SOURCE.search(block)
            key = (context.group(2), source.group(1) if source else "")
            if not _UNFINISHED.search(block) or key not in known:
                return block
            count += 1
            return _UNFINISHED.sub(lambda _m: f"<translation>{known[key]}</translation>", block)

        return context.group(1) + _MESSAGE.sub(one, context.group(3)) + context.group(4)

    return _CONTEXT.sub(in_context, ts), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    parser.add_argument("--out", type=Path, help="work on copies of the .ts files in this folder, not the tracked ones")
    parser.add_argument("--fill-from", type=Path, help="a .ts whose finished translations fill the unfinished ones")
    args = parser.parse_args()
    folder = FOLDER
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for ts in FOLDER.glob("*.ts"):
            shutil.copy(ts, args.out / ts.name)
        folder = args.out
    if not args.release:
        subprocess.run(
            [
                "pyside6-lupdate",
                *map(str, SOURCES),
                "-source-language",
                "vi",
                "-target-language",
                "en",
                "-no-obsolete",  # a string gone from the window goes from the file too
                "-ts",
                str(folder / "motcua_en.ts"),
            ],
            check=True,
        )
    if args.fill_from:
        target = folder / "motcua_en.ts"
        text, filled = fill(target.read_text(encoding="utf-8"), finished(args.fill_from.read_text(encoding="utf-8")))
        target.write_text(text, encoding="utf-8")
        print(f"{filled} translations taken from {args.fill_from}")
    for ts in sorted(folder.glob("*.ts")):
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
