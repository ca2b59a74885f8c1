"""The main window: sign-in / lock page, the sections (Receive, Dossiers, Return, and room for
feedback and ratings), the status bar (clerk, desk, sync), idle lock and scan-to-return."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.idle import ActivityFilter
from ui.printer import FormSource, Printer, Printing, QtPrinter
from ui.widgets import MessageLine, set_enum

# The window shows the sign-in page before the domain (holidays, sqlite-utils, argon2 …) is loaded:
# app/ modules are imported when the desk arrives (MainWindow.attach), typed here only. PySide6's ``Qt``
# namespace too is imported only where it is used after sign-in (see ui.widgets.set_enum).
if TYPE_CHECKING:
    from app.core.records import Clerk
    from app.desk import Desk
    from ui.backup_status import BackupIndicator
    from ui.scanner import Scan, ScanFilter
    from ui.sync_status import SyncIndicator

log = logging.getLogger(__name__)
DEFAULT_IDLE_MINUTES = 10
DEMO_USER, DEMO_PASSWORD = "admin", "motcua-demo"  # app.reception.demo.demo_commune (not imported: start-up)


class LockPage(QWidget):
    """Sign-in at start and after the idle lock; the sections behind it keep what was typed."""

    signed_in = Signal(object)  # Clerk

    def __init__(self, desk: Desk | None, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.title = QLabel(self.tr("Bộ phận Một cửa"))
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        set_enum(self.title, "alignment", "AlignCenter")
        self.subtitle = QLabel(self.tr("Đăng nhập để làm việc"))
        set_enum(self.subtitle, "alignment", "AlignCenter")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.button = QPushButton(self.tr("Đăng &nhập"))
        self.button.clicked.connect(self.submit)
        self.button.setEnabled(False)
        self.message = MessageLine()
        box = QWidget()
        box.setMaximumWidth(420)
        form = QFormLayout(box)
        user_label = QLabel(self.tr("&Tên đăng nhập:"))
        user_label.setBuddy(self.username)
        pass_label = QLabel(self.tr("&Mật khẩu:"))
        pass_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        form.addRow("", self.button)
        form.addRow(self.message)
        if demo:
            hint = QLabel(
                self.tr("Dữ liệu mẫu: tên đăng nhập «%1», mật khẩu «%2».")
                .replace("%1", DEMO_USER)
                .replace("%2", DEMO_PASSWORD)
            )
            hint.setStyleSheet("color: #7f6000;")
            form.addRow(hint)
        centred = QHBoxLayout()  # the form at its own width in the middle (AlignHCenter without Qt's enums)
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(centred)
        layout.addStretch(2)
        self.message.info(self.tr("Đang mở kho dữ liệu…"))
        if desk is not None:
            self.attach(desk)

    def attach(self, desk: Desk) -> None:
        self.desk = desk
        self.title.setText(self.tr("Bộ phận Một cửa — %1").replace("%1", desk.identity.commune_name))
        self.button.setEnabled(True)
        self.message.clear()

    def submit(self) -> Clerk | None:
        if self.desk is None:  # Enter pressed before the store is open: the clerk signs in a moment later
            return None
        try:
            clerk = self.desk.authenticate(self.username.text(), self.password.text())
        except CATCHABLE as caught:
            exc = user_error(caught)
            self.message.show_error(exc)
            self.password.selectAll()
            self.password.setFocus()
            return None
        self.password.clear()
        self.message.clear()
        self.signed_in.emit(clerk)
        return clerk

    def prepare(self, locked: bool) -> None:
        self.subtitle.setText(
            self.tr("Màn hình đã khoá; đăng nhập để tiếp tục") if locked else self.tr("Đăng nhập để làm việc")
        )
        self.password.clear()
        (self.password if self.username.text() else self.username).setFocus()


class MainWindow(QMainWindow):
    desk_ready = Signal()

    def __init__(
        self,
        desk: Desk | None,
        *,
        printer: Printer | None = None,
        form_source: FormSource | None = None,
        demo: bool = False,
        idle_minutes: float = DEFAULT_IDLE_MINUTES,
        rating_after_return: bool = True,
        sync: bool = True,
    ) -> None:
        super().__init__()
        self.sync_enabled = sync
        self.sync: SyncIndicator | None = None
        self.backups: BackupIndicator | None = None  # the status bar's backup line, once signed in
        self.desk = desk
        self.rating_after_return = rating_after_return
        self.rating_screen: QWidget | None = None
        self.clerk: Clerk | None = None
        source = form_source if form_source is not None else lambda: form_source_for(self.desk)
        self.printing = Printing(source, printer or QtPrinter(self))
        # Qt adds the application's name ("MotCua Desk") after the title by itself.
        self.setWindowTitle(self.tr("Bộ phận Một cửa"))

        self.lock_page = LockPage(desk, demo)
        self.lock_page.signed_in.connect(self._signed_in)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.sections: dict[str, QWidget] = {}

        self.stack = QStackedWidget()
        self.stack.addWidget(self.lock_page)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.clerk_label = QLabel()
        self.desk_label = QLabel()
        self.sync_label = QLabel(self.tr("Đồng bộ: chưa cấu hình"))
        self.sync_label.setObjectName("syncState")
        for widget in (self.clerk_label, self.desk_label):
            self.statusBar().addWidget(widget)
        self.statusBar().addPermanentWidget(self.sync_label)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(int(idle_minutes * 60_000))
        self.idle_timer.timeout.connect(self.lock)
        # Watching every event of the application only matters while the idle timer runs (signed in):
        # installed at sign-in, removed at the lock, so the sign-in page's start-up pays no Python call per event.
        self.activity = ActivityFilter(self.idle_timer, self)
        self.scanner: ScanFilter | None = None

        self._build_menus()
        self._restore_focus: QWidget | None = None
        self.resize(1180, 740)
        self.lock(initial=True)
        if desk is not None:
            self.attach(desk)

    def attach(self, desk: Desk) -> None:
        """The store is open: sign-in, the desk's name and scanning start working."""
        from ui.scanner import ScanFilter

        self.desk = desk
        self.lock_page.attach(desk)
        self.setWindowTitle(self.tr("Bộ phận Một cửa — %1").replace("%1", desk.identity.commune_name))
        self.desk_label.setText(
            self.tr("Quầy %1 — %2").replace("%1", str(desk.identity.desk_no)).replace("%2", desk.identity.commune_name)
        )
        self.scanner = ScanFilter(desk, self)
        self.scanner.scanned.connect(self.on_scan)
        QApplication.instance().installEventFilter(self.scanner)
        self.desk_ready.emit()

    # Sections: built at the first sign-in, so the window opens on the sign-in page at once

    def _build_sections(self) -> None:
        if self.sections:
            return
        from ui.dossiers_section import DossiersSection
        from ui.receive_form import ReceiveForm
        from ui.return_section import ReturnSection

        current = self.current_clerk
        self.receive = ReceiveForm(self.desk, current, self.printing)
        self.dossiers = DossiersSection(self.desk, current, self.printing)
        self.returns = ReturnSection(self.desk, current, self.printing)
        self.add_section("receive", self.tr("&1 Tiếp nhận"), self.receive)
        self.add_section("dossiers", self.tr("&2 Hồ sơ"), self.dossiers)
        self.add_section("return", self.tr("&3 Trả kết quả"), self.returns)
        self.receive.received.connect(lambda _code: self.dossiers.refresh())
        self.returns.panel.acted.connect(lambda _c, _k: self.dossiers.refresh())
        self.returns.panel.acted.connect(self._after_action)

    def add_section(self, key: str, title: str, widget: QWidget) -> None:
        """A section in the main tab bar; other issues (feedback, ratings) add theirs here."""
        if key in self.sections:
            raise ValueError(f"section {key!r} exists")
        self.sections[key] = widget
        self.tabs.addTab(widget, title)

    def show_section(self, key: str) -> QWidget:
        widget = self.sections[key]
        self.tabs.setCurrentWidget(widget)
        return widget

    def _action(self, text: str, slot, shortcut: str = "") -> QAction:
        """QAction(parent), then setText and setShortcuts([...]): PySide6 choosing among QAction(text, parent)'s
        and setShortcut's overloads would build QIcon's and the Qt namespace's enums before the sign-in page."""
        action = QAction(self)
        action.setText(text)
        if shortcut:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        for text, slot, shortcut in (
            (self.tr("&Khoá màn hình"), lambda: self.lock(), "Ctrl+L"),
            (self.tr("Đồng &bộ ngay"), lambda: self.sync is not None and self.sync.start(push=True), "Ctrl+Shift+S"),
            (self.tr("&Lỗi đồng bộ…"), lambda: self.clerk is not None and self.show_sync_problems(), ""),
            (self.tr("Màn hình đánh &giá"), lambda: self.clerk is not None and self.open_rating(), "Ctrl+R"),
            (self.tr("&Thoát"), self.close, "Ctrl+Q"),
        ):
            file_menu.addAction(self._action(text, slot, shortcut))
        go = self.menuBar().addMenu(self.tr("Đ&i tới"))
        for key, caption, shortcut in (
            ("receive", self.tr("Tiếp nhận"), "F2"),
            ("dossiers", self.tr("Hồ sơ"), "F3"),
            ("return", self.tr("Trả kết quả"), "F4"),
        ):
            go.addAction(self._action(caption, lambda _=False, k=key: self._go(k), shortcut))
        languages = self.menuBar().addMenu(self.tr("&Ngôn ngữ"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = self._action(name, lambda _=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == i18n.lang())
            group.addAction(action)
            languages.addAction(action)
            self.language_actions[code] = action

    def _go(self, key: str) -> None:
        if self.clerk is None:
            return
        self.show_section(key)
        focus = {
            "receive": self.receive.procedure_filter,
            "dossiers": self.dossiers.search,
            "return": self.returns.code,
        }.get(key)
        if focus is not None:
            focus.setFocus()

    def choose_language(self, code: str) -> None:
        i18n.save_language(code)
        if code != i18n.lang():
            QMessageBox.information(
                self, self.tr("Ngôn ngữ"), self.tr("Ngôn ngữ mới được dùng từ lần mở chương trình sau.")
            )

    # Sign-in and lock

    def current_clerk(self) -> Clerk | None:
        return self.clerk

    def lock(self, initial: bool = False) -> None:
        if not initial and self.clerk is not None:
            self._restore_focus = QApplication.focusWidget()
        self.clerk = None
        self.idle_timer.stop()
        QApplication.instance().removeEventFilter(self.activity)
        if self.sections and self.dossiers.dialog is not None:
            self.dossiers.dialog.close()
        self.clerk_label.setText(self.tr("Chưa đăng nhập"))
        self.stack.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(True)
        self.lock_page.prepare(locked=not initial)

    @property
    def locked(self) -> bool:
        return self.clerk is None

    def _signed_in(self, clerk: Clerk) -> None:
        from app.core.records import ROLES, label
        from ui import report_access
        from ui.backup_status import BackupIndicator

        self.clerk = clerk
        self._build_sections()
        self._start_sync()
        self.backups = self.backups or BackupIndicator.install(self)
        self._feedback_section(clerk)
        self._reception_section(clerk)
        report_access.install(self, clerk)  # leaders and admins only
        self.clerk_label.setText(
            self.tr("Cán bộ: %1 (%2)")
            .replace("%1", clerk.full_name)
            .replace("%2", label(ROLES, clerk.role, i18n.lang()))
        )
        self.stack.setCurrentWidget(self.tabs)
        QApplication.instance().installEventFilter(self.activity)
        self.idle_timer.start()
        target = self._restore_focus if self._restore_focus is not None else self.receive.procedure_filter
        self._restore_focus = None
        target.setFocus()

    # Feedback registers and the rating screen, built on first use

    def _feedback_section(self, clerk: Clerk) -> None:
        if "feedback" in self.sections:
            self.sections["feedback"].clerk = clerk  # the register acts as whoever is signed in now
            return
        from ui.feedback_section import FeedbackRegister

        try:
            section = FeedbackRegister(self.desk, clerk, lang=i18n.lang())
        except Exception:  # the desk keeps receiving and returning even if this section fails
            log.exception("the feedback section could not be built")
            return
        self.add_section("feedback", self.tr("&4 Phản ánh, kiến nghị"), section)

    def _reception_section(self, clerk: Clerk) -> None:
        from ui.reception_section import ReceptionSection

        if "reception" in self.sections:
            return self.sections["reception"].set_clerk(clerk)  # acts as whoever is signed in now
        try:  # the desk keeps receiving and returning even if this section fails
            section = ReceptionSection(self.desk, clerk, lang=i18n.lang(), printing=self.printing)
        except Exception:
            return log.exception("the citizen reception section could not be built")
        self.add_section("reception", self.tr("&5 Tiếp công dân"), section)

    def _after_action(self, code: str, kind: str) -> None:
        if kind == "returned" and self.rating_after_return:
            self.open_rating(code)

    def open_rating(self, code: str | None = None) -> QWidget | None:
        """The citizen's rating screen, for the dossier just returned (or standalone)."""
        from PySide6.QtCore import Qt

        from ui.rating_screen import RatingScreen

        dossier = self.desk.dossiers.get(code) if code else None
        if self.rating_screen is not None:
            self.rating_screen.close()  # one citizen at a time
        screen = RatingScreen(self.desk, dossier, self.clerk)
        screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen.destroyed.connect(lambda: setattr(self, "rating_screen", None) if self.rating_screen is screen else None)
        self.rating_screen = screen
        screen.show_for_citizen()
        return screen

    # Scan to return

    def on_scan(self, scan: Scan) -> None:
        if self.clerk is None:
            return
        self.show_section("return")
        self.returns.open_scan(scan)

    def _start_sync(self) -> None:
        """The sync service (app/sync/service.py), in a thread, once signed in."""
        if self.sync is not None or not self.sync_enabled:
            return
        from ui.sync_status import SyncIndicator

        self.sync = SyncIndicator(self.desk, self)
        self.sync.text_changed.connect(self.sync_label.setText)
        self.sync.round_done.connect(self._after_sync)
        self.statusBar().addPermanentWidget(self.sync.bar)
        self.sync.schedule()

    def _after_sync(self, _report: object, _status: object) -> None:
        """What the clerk sees of each record's sync state follows the round just finished."""
        if not self.sections:
            return
        self.dossiers.model.refresh_sync()
        for panel in (self.returns.panel, self.dossiers.dialog.panel if self.dossiers.dialog else None):
            if panel is not None and panel.dossier is not None:
                panel.show_sync_state()

    def show_sync_problems(self) -> QWidget:
        """Records the hub refused and dossiers that clash, with the reasons in words."""
        from PySide6.QtCore import Qt

        from ui.sync_problems import SyncProblemsDialog

        dialog = SyncProblemsDialog(self.desk, self, clerk=self.clerk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
            if self.scanner is not None:
                app.removeEventFilter(self.scanner)
        self.idle_timer.stop()
        if self.sync is not None:
            self.sync.stop()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


def form_source_for(desk: Desk | None) -> FormSource | None:
    """The printing service (app/printing.py) when it is installed on the desk."""
    return getattr(desk, "printing", None)
