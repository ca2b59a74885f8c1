"""Starting the window: the Qt application, translations, the store, first run, sign-in."""

from __future__ import annotations

import sys
from pathlib import Path

# sqlite_utils imports numpy, when installed, only to register adapters for numpy values, which the
# desk never stores; skipping it saves 150-300 ms of every start. Set before anything imports db.
sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]

from PySide6.QtCore import QObject, QThread, Signal  # noqa: E402

from app.core import paths  # noqa: E402

ORGANISATION = "MotCua"
APPLICATION = "motcua"
DEMO_DOSSIERS = 3000  # enough to see every status; a bigger store: motcua --db X demo --dossiers N


def make_application(lang: str | None = None):
    """The QApplication with names (for QSettings) and the translators of the chosen language."""
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("MotCua Desk")
    i18n.install(lang or i18n.saved_language())
    return app


def open_desk(db: str | None, demo: bool):
    from app.desk import Desk

    path = paths.demo_db_path() if demo else Path(db) if db else paths.default_db_path()
    desk = Desk.open(path)
    if demo:
        from app.reception import demo as demo_data

        demo_data.ensure_initialised(desk)
        if desk.dossiers.count() == 0:
            demo_data.populate(desk, DEMO_DOSSIERS, seed=1)
    return desk


def start_window(db: str | None = None, demo: bool = False, lang: str | None = None, **options):
    """The application and the window on its sign-in page, shown at once; the store opens in a thread.

    The clerk can type while the domain modules load and the store opens (a demo store may first be
    filled); the sign-in button works from ``window.desk_ready``. A new store asks for its identity
    first; cancelling that quits.
    """
    from PySide6.QtCore import QSettings

    from ui.main_window import DEFAULT_IDLE_MINUTES, MainWindow

    app = make_application(lang)
    # The idle lock is a desk setting (minutes), e.g. [ui] idle_minutes=5 in MotCua/motcua.conf.
    options.setdefault("idle_minutes", float(QSettings().value("ui/idle_minutes", DEFAULT_IDLE_MINUTES)))
    window = MainWindow(None, demo=demo, **options)
    window.show()
    loader = DeskLoader(db, demo, window)
    loader.loaded.connect(lambda desk: _arrived(window, desk))
    loader.failed.connect(window.lock_page.message.error)
    loader.start()
    window.loader = loader
    return app, window


def _arrived(window, desk) -> None:
    if not desk.initialised:
        from ui.first_run import FirstRunDialog

        if FirstRunDialog(desk, window).exec() != FirstRunDialog.DialogCode.Accepted:
            desk.close()
            window.close()
            return
    window.attach(desk)


class DeskLoader(QThread):
    """Imports the domain and opens the store off the GUI thread (its connection is not thread-bound)."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, db: str | None, demo: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.demo = demo

    def run(self) -> None:
        from app.core.errors import MotcuaError

        try:
            self.loaded.emit(open_desk(self.db, self.demo))
        except MotcuaError as exc:
            self.failed.emit(str(exc))


def run_window(db: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    """``lang`` None: the language remembered in QSettings (Vietnamese the first time)."""
    app, window = start_window(db, demo, lang)
    try:
        return app.exec()
    finally:
        window.loader.wait()
        if window.desk is not None:
            window.shutdown()
            window.desk.close()
