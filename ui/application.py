"""Starting the window: the Qt application, translations, the store, first run, sign-in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

# sqlite_utils imports numpy, when installed, only to register adapters for numpy values, which the
# desk never stores; skipping it saves 150-300 ms of every start. Set before anything imports db.
sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer, Signal  # noqa: E402

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


def open_desk(db: str | None, demo: bool, progress=None, upgrading=None):
    """``progress(done, total)``: the first demo start fills the store, which takes seconds; ``upgrading()``:
    the store is first upgraded to this version's schema (once; a minute at a million dossiers)."""
    from app.desk import Desk

    path = store_path(db, demo)
    if upgrading is not None and Desk.upgrade_pending(path):
        upgrading()
    desk = Desk.open(path)
    if demo:
        from app.reception import demo as demo_data

        try:
            demo_data.ensure_initialised(desk)
            if desk.dossiers.count() == 0:
                demo_data.populate(desk, DEMO_DOSSIERS, seed=1, progress=progress)
        except BaseException:  # a full disk while filling: the store is shown as failed, not left open
            desk.close()
            raise
    return desk


def start_window(db: str | None = None, demo: bool = False, lang: str | None = None, **options):
    """The application and the window on its sign-in page, shown at once; the store opens in a thread.

    The clerk can type while the domain modules load and the store opens (a demo store may first be
    filled); the sign-in button works from ``window.desk_ready``. A new store asks for its identity
    first; cancelling that quits.
    """
    from PySide6.QtCore import QSettings

    from ui.errors import install_hooks
    from ui.main_window import DEFAULT_IDLE_MINUTES, MainWindow

    app = make_application(lang)
    install_hooks(app)
    # The idle lock is a desk setting (minutes), e.g. [ui] idle_minutes=5 in MotCua/motcua.conf.
    options.setdefault("idle_minutes", float(QSettings().value("ui/idle_minutes", DEFAULT_IDLE_MINUTES)))
    window = MainWindow(None, demo=demo, **options)
    window.desk_ready.connect(lambda: _desk_menus(window))
    window.show()
    window.first_paint = FirstPaint(window)
    load(window, db, demo)
    return app, window


def _desk_menus(window) -> None:
    """What needs the open store: imported then, not before the sign-in page shows (start-up)."""
    from ui import bank_dialog, scanner_inbox

    scanner_inbox.install(window)  # new scans offered
    bank_dialog.install(window)  # the commune's account for VietQR


def store_path(db: str | None, demo: bool) -> Path:
    return paths.demo_db_path() if demo else Path(db) if db else paths.default_db_path()


def load(window, db: str | None, demo: bool) -> DeskLoader:
    """Open the store in a thread; the sign-in page shows the desk, or why it did not open."""
    loader = DeskLoader(db, demo, window)
    loader.progressed.connect(lambda done, total: _filling(window, done, total))
    loader.upgrading.connect(lambda: _upgrading(window))
    loader.loaded.connect(lambda desk: (_filled(window), _arrived(window, desk)))
    loader.failed.connect(lambda error: (_filled(window), _failed(window, error, store_path(db, demo))))
    window.loader = loader
    # Started once the sign-in page is painted: the domain's imports in the thread would otherwise hold the
    # GIL that Qt's first paint of the window needs (Python widgets), and the page would show later.
    first_paint = getattr(window, "first_paint", None)
    if first_paint is None:
        QTimer.singleShot(0, loader, loader.start)
    else:
        first_paint.then(loader.start)
    return loader


def _filling(window, done: int, total: int) -> None:
    """The first --demo start builds its data: a progress dialog, not seconds of nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = getattr(window, "demo_progress", None)
    if dialog is None:
        label = QCoreApplication.translate("LockPage", "Đang tạo dữ liệu mẫu (%1 hồ sơ)…").replace("%1", str(total))
        dialog = QProgressDialog(label, "", 0, total, window)
        dialog.setObjectName("demoProgress")
        dialog.setWindowTitle(QCoreApplication.translate("LockPage", "Dữ liệu mẫu"))
        dialog.setCancelButton(None)  # the store is half built until it ends: nothing to cancel into
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        window.demo_progress = dialog
    dialog.setValue(done)
    dialog.show()


def _filled(window) -> None:
    dialog = getattr(window, "demo_progress", None)
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
        window.demo_progress = None


def _upgrading(window) -> None:
    window.lock_page.message.info(QCoreApplication.translate("LockPage", "Đang nâng cấp kho dữ liệu…"))


def _failed(window, error, path: Path) -> None:
    """The store will not open: say why and offer the ways out, never "Đang mở kho dữ liệu…" for ever."""
    from ui.store_failure import StoreFailure

    page = window.lock_page
    if getattr(page, "failure", None) is not None:
        page.failure.deleteLater()
    page.message.clear()
    page.failure = StoreFailure(error, path, page)
    page.layout().insertWidget(page.layout().count() - 1, page.failure)
    page.failure.chosen.connect(lambda picked: _retry(window, picked))
    page.failure.quit.connect(window.close)


def _retry(window, picked: str) -> None:
    window.loader.wait()
    page = window.lock_page
    page.failure.hide()
    page.message.info(QCoreApplication.translate("LockPage", "Đang mở kho dữ liệu…"))
    load(window, picked, False)


def _arrived(window, desk) -> None:
    failure = getattr(window.lock_page, "failure", None)
    if failure is not None:
        failure.hide()
    if not desk.initialised:
        from ui.first_run import FirstRunDialog

        if FirstRunDialog(desk, window).exec() != FirstRunDialog.DialogCode.Accepted:
            desk.close()
            window.close()
            return
    window.attach(desk)


class FirstPaint(QObject):
    """Runs what waits for the window's first paint. The zero-timers of the event loop's first turn run
    before Qt paints a window just shown; a window that is never painted (minimised) runs them anyway after
    ``FALLBACK_MS``."""

    FALLBACK_MS = 500

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self.done = False
        self.waiting: list[Callable[[], object]] = []
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._painted)

    def then(self, run: Callable[[], object]) -> None:
        if self.done:
            QTimer.singleShot(0, self, run)
        else:
            self.waiting.append(run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._painted)  # once this paint is on screen
        return False

    def _painted(self) -> None:
        if self.done:
            return
        self.done = True
        self.parent().removeEventFilter(self)
        waiting, self.waiting = self.waiting, []
        for run in waiting:
            run()


class DeskLoader(QThread):
    """Imports the domain and opens the store off the GUI thread (its connection is not thread-bound)."""

    loaded = Signal(object)
    failed = Signal(object)  # the MotcuaError to show
    progressed = Signal(int, int)  # demo data being built: done, total
    upgrading = Signal()  # the store is being upgraded to this version's schema first

    def __init__(self, db: str | None, demo: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.demo = demo

    def run(self) -> None:
        try:
            self.loaded.emit(open_desk(self.db, self.demo, self.progressed.emit, self.upgrading.emit))
        except BaseException as exc:  # whatever happens, the page must not wait for ever
            from app.core.storage_errors import StoreUnexpected, project_error

            found = project_error(exc)
            if found is None:
                sys.excepthook(type(exc), exc, exc.__traceback__)  # logged and shown with its details
                found = StoreUnexpected()
            self.failed.emit(found)


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
