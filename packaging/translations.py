"""Rebuild the translations: refresh motcua_en.ts from the ui/ sources, compile every .ts to .qm.

    python packaging/translations.py            # lupdate (keeps existing translations) + lrelease
    python packaging/translations.py --release  # lrelease only (install / CI)
    python packaging/translations.py --out DIR  # the same on copies of the .ts files in DIR (a dry run)

The .qm files are build outputs, committed so a fresh install has them; edit the .ts (Qt Linguist).
qtbase_vi.ts is ours: Qt ships no Vietnamese for its own buttons and menus.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
# The rating screen faces the citizen and shows Vietnamese and English side by side, whatever the clerk
# chose, so it is not translated.
SOURCES = sorted(p for p in (ROOT / "ui").glob("*.py") if p.name not in {"rating_screen.py", "rating_faces.py"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    parser.add_argument("--out", type=Path, help="work on copies of the .ts files in this folder, not the tracked ones")
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
    for ts in sorted(folder.glob("*.ts")):
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
