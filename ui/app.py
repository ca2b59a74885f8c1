"""Starting the window: the Qt application, the store, sign-in."""

from __future__ import annotations

import sys
from pathlib import Path

from app import paths


def run_window(db: str | None = None, demo: bool = False, lang: str = "vi") -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from app.desk import Desk

    path = paths.demo_db_path() if demo else Path(db) if db else paths.default_db_path()
    desk = Desk.open(path)
    if demo:
        from app import demo as demo_data

        if not desk.initialised or desk.store.count_dossiers() == 0:
            demo_data.populate(desk, 2000, seed=1)
    qt_app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("MotCua Desk — Bộ phận Một cửa")
    window.setCentralWidget(QLabel(f"{desk.store.count_dossiers()} hồ sơ"))
    window.resize(1100, 700)
    window.show()
    code = qt_app.exec()
    desk.close()
    return code
