"""Scans on screen: each document of the dossier with its thumbnail, file or reason for none.

``DossierFilesBox`` sits in the dossier panel and attaches at once; ``ui.pending_files`` sits in the
reception form and keeps what the clerk picked until the dossier is saved, then attaches it. Both take
files from a file picker, by drag and drop, or from the scanner inbox (ui.scanner_inbox offers each new
file for the dossier on screen). Everything is written through app.files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk
from app.desk import Desk
from app.files.service import EXEMPTIONS, ReuseOffer
from app.reception.records import Dossier
from ui import camera, i18n
from ui.errors import CATCHABLE, user_error
from ui.file_views import THUMB, FileFetch, FileViewer, thumbnail
from ui.widgets import MessageLine

SCAN_FILTER = "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)"
SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [
        Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SCAN_SUFFIXES
    ]


class DocumentTable(QTableWidget):
    """One row a document: thumbnail, name, state. Files dropped on a row are for that document."""

    dropped = Signal(int, list)  # row, [Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Trang đầu"), self.tr("Giấy tờ"), self.tr("Tệp / lý do")])
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(THUMB.height() // 2 + 8)
        self.setIconSize(QSize(THUMB.width() // 2, THUMB.height() // 2))
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            event.ignore()
            return
        row = self.rowAt(round(event.position().y()))
        row = row if row >= 0 else max(self.currentRow(), 0)
        event.acceptProposedAction()
        self.dropped.emit(row, paths)

    def set_row(self, row: int, name: str, state: str, icon=None) -> None:
        thumb = QTableWidgetItem()
        if icon is not None:
            thumb.setIcon(icon)
        self.setItem(row, 0, thumb)
        self.setItem(row, 1, QTableWidgetItem(name))
        self.setItem(row, 2, QTableWidgetItem(state))


class ChoiceDialog(QDialog):
    """Pick one line of a list (an exemption, a file to reuse)."""

    def __init__(self, title: str, prompt: str, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.list.addItems(items)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption = QLabel(prompt)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, items: list[str]) -> int | None:
        dialog = cls(title, prompt, items, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.list.currentRow() < 0:
            return None
        return dialog.list.currentRow()


def exemption_labels() -> list[tuple[str, str]]:
    lang = i18n.lang()
    return [(key, vi if lang == "vi" else en) for key, (vi, en) in EXEMPTIONS.items()]


def offer_label(offer: ReuseOffer) -> str:
    return f"{offer.document_name} — {offer.dossier_code} ({offer.attachment.pages} tr.)"


class InboxOffer(QWidget):
    """A new file from the scanner inbox, offered for the selected document: attach or ignore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: #1a5276; font-weight: bold;")
        self.take = QPushButton(self.tr("Đính kèm vào giấy tờ đang chọn"))
        self.skip = QPushButton(self.tr("Bỏ qua"))
        self.skip.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.take)
        row.addWidget(self.skip)
        self.setVisible(False)

    def offer(self, path: Path) -> None:
        self.path = path
        self.text.setText(self.tr("Tệp mới từ máy quét: %1").replace("%1", path.name))
        self.setVisible(True)

    def dismiss(self) -> None:
        self.path = None
        self.setVisible(False)


class DossierFilesBox(QGroupBox):
    """The dossier panel's scans: attach, say why none, reuse, view; the electronic result."""

    changed = Signal()
    viewer_opened = Signal(object)  # FileViewer
    fetch_failed = Signal()

    def __init__(self, desk: Desk, clerk: Callable[[], Clerk | None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hồ sơ điện tử (bản quét)"), parent)
        self.fetch: FileFetch | None = None  # a file on its way from the hub
        self.desk = desk
        self.current_clerk = clerk
        self.dossier: Dossier | None = None
        self.viewers: list[FileViewer] = []
        self.table = DocumentTable()
        self.table.dropped.connect(self.attach_paths)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.view(row))
        self.inbox = InboxOffer()
        self.inbox.take.clicked.connect(self._take_offer)
        self.result_line = QLabel()
        self.result_line.setObjectName("resultLine")
        self.message = MessageLine()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, caption, slot in (
            ("attach", self.tr("Đính kèm tệp…"), self.pick_files),
            ("exempt", self.tr("Không số hóa…"), self.exempt),
            ("reuse", self.tr("Dùng lại…"), self.reuse),
            ("camera", self.tr("Chụp ảnh…"), self.capture),
            ("view", self.tr("Xem"), lambda: self.view(self.table.currentRow())),
            ("result", self.tr("Kết quả điện tử…"), self.attach_result),
        ):
            button = QPushButton(caption)
            button.setObjectName(f"files_{key}")
            button.clicked.connect(lambda _=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        # Looking for a camera loads Qt Multimedia (~0.4 s): once the window is up, not before.
        self.has_camera: bool | None = None
        QTimer.singleShot(0, self._find_camera)
        layout = QVBoxLayout(self)
        layout.addWidget(self.inbox)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.result_line)
        layout.addWidget(self.message)
        self.show_dossier(None)

    def show_dossier(self, dossier: Dossier | None, *, keep_message: bool = False) -> None:
        self.dossier = dossier
        if not keep_message:
            self.message.clear()
        lang = i18n.lang()
        for button in self.buttons.values():
            button.setEnabled(dossier is not None)
        if dossier is None:
            self.table.setRowCount(0)
            self.result_line.clear()
            return
        docs = self.desk.files.documents(dossier)
        self.table.setRowCount(len(docs))
        for i, doc in enumerate(docs):
            item, icon = doc.current, None
            if item is None:
                state = self.tr("chưa có")
            elif item.has_file:
                state = self.tr("%1 trang").replace("%1", str(item.pages))
                if item.reused_from:
                    state += " " + self.tr("(dùng lại)")
                try:
                    icon = thumbnail(self.desk.files.read(item, fetch=False))  # the viewer fetches
                except CATCHABLE as caught:
                    state = user_error(caught).message(i18n.lang())
            else:
                state = item.exemption_label(lang)
            self.table.set_row(i, f"{doc.number}. {doc.name}", state, icon)
        if self.table.currentRow() < 0 and docs:
            self.table.selectRow(0)
        result = self.desk.files.result(dossier)
        self.result_line.setText(
            self.tr("Kết quả điện tử: %1 trang").replace("%1", str(result.pages)) if result else ""
        )
        self.buttons["result"].setEnabled(dossier.status in ("done", "returned"))
        self.buttons["camera"].setEnabled(bool(self.has_camera))
        self.buttons["reuse"].setEnabled(bool(dossier.applicant.cccd))

    def _document_no(self) -> int | None:
        row = self.table.currentRow()
        return row + 1 if row >= 0 else None

    def _run(self, action: Callable[[Clerk], object], done: str) -> bool:
        clerk = self.current_clerk()
        if self.dossier is None or clerk is None:
            return False
        try:
            action(clerk)
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return False
        row = self.table.currentRow()
        self.show_dossier(self.dossier)
        if row >= 0:
            self.table.selectRow(row)
        self.message.info(done)
        self.changed.emit()
        return True

    def attach_paths(self, row: int, paths: list[Path]) -> bool:
        """Files for document ``row + 1`` (a drop, the picker, the scanner inbox): one PDF of them."""
        if self.dossier is None or not paths:
            return False
        self.table.selectRow(row)
        code = self.dossier.code
        done = (
            self.tr("Đã đính kèm %1 tệp vào giấy tờ số %2.").replace("%1", str(len(paths))).replace("%2", str(row + 1))
        )
        return self._run(lambda clerk: self.desk.files.attach_paths(code, paths, clerk, document_no=row + 1), done)

    def pick_files(self) -> bool:
        if self._document_no() is None:
            return False
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp quét"), "", SCAN_FILTER)
        return self.attach_paths(self.table.currentRow(), [Path(n) for n in names])

    def _find_camera(self) -> None:
        self.has_camera = camera.available()
        button = self.buttons["camera"]
        button.setEnabled(self.has_camera and self.dossier is not None)
        button.setToolTip("" if self.has_camera else self.tr("Không tìm thấy máy ảnh trên máy tính này."))

    def capture(self) -> bool:
        """Pages photographed for the selected document: stored as a scan of them would be."""
        number = self._document_no()
        if self.dossier is None or number is None or not self.has_camera:
            return False
        pages = camera.CameraDialog.ask(self)
        if not pages:
            return False
        code = self.dossier.code
        done = self.tr("Đã đính kèm %1 trang chụp vào giấy tờ số %2.")
        done = done.replace("%1", str(len(pages))).replace("%2", str(number))
        return self._run(lambda clerk: self.desk.files.attach(code, pages, clerk, document_no=number), done)

    def exempt(self) -> bool:
        number = self._document_no()
        if self.dossier is None or number is None:
            return False
        choices = exemption_labels()
        picked = ChoiceDialog.ask(
            self, self.tr("Không số hóa"), self.tr("Vì sao giấy tờ này không có bản quét?"), [c[1] for c in choices]
        )
        if picked is None:
            return False
        code, reason = self.dossier.code, choices[picked][0]
        return self._run(lambda clerk: self.desk.files.exempt(code, number, reason, clerk), choices[picked][1])

    def reuse(self) -> bool:
        number = self._document_no()
        if self.dossier is None or number is None:
            return False
        offers = self.desk.files.reusable(self.dossier)
        if not offers:
            self.message.info(self.tr("Công dân này chưa có giấy tờ đã số hóa ở hồ sơ trước."))
            return False
        picked = ChoiceDialog.ask(
            self,
            self.tr("Dùng lại giấy tờ đã số hóa"),
            self.tr("Chọn tệp của hồ sơ trước:"),
            [offer_label(o) for o in offers],
        )
        if picked is None:
            return False
        code, source = self.dossier.code, offers[picked].attachment.id
        return self._run(lambda clerk: self.desk.files.reuse(code, number, source, clerk), self.tr("Đã dùng lại tệp."))

    def attach_result(self) -> bool:
        if self.dossier is None:
            return False
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn bản điện tử của kết quả"), "", SCAN_FILTER)
        if not names:
            return False
        code, paths = self.dossier.code, [Path(n) for n in names]
        return self._run(
            lambda clerk: self.desk.files.attach_paths(code, paths, clerk, result=True),
            self.tr("Đã đính kèm bản điện tử của kết quả."),
        )

    def view(self, row: int) -> FileViewer | None:
        """The viewer for document ``row + 1``. A file not on this computer is fetched from the hub in a
        worker (the window stays usable, the line says so); the viewer opens when it has come
        (``viewer_opened``) and None is returned meanwhile."""
        if self.dossier is None or row < 0 or self.fetch is not None:
            return None
        docs = self.desk.files.documents(self.dossier)
        current = docs[row].current if row < len(docs) else None
        if current is None or not current.has_file:
            return None
        title = f"{self.dossier.code} — {docs[row].name}"
        if not self.desk.files.here(current) and self.desk.sync.enrolled and self.desk.store.path is not None:
            self._fetch(current, title)
            return None
        try:
            data = self.desk.files.read(current, fetch=False)
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return None
        return self._open(title, data)

    def _open(self, title: str, data: bytes) -> FileViewer:
        viewer = FileViewer.show_file(self, title, data)
        self.viewers.append(viewer)
        self.viewer_opened.emit(viewer)
        return viewer

    def _fetch(self, attachment, title: str) -> None:
        assert self.desk.store.path is not None
        self.fetch = FileFetch(Path(self.desk.store.path), self.desk.clock, attachment, self)
        self.fetch.reported.connect(lambda data, error: self._fetched(title, data, error))
        self.buttons["view"].setEnabled(False)
        self.message.info(self.tr("Đang tải tệp từ máy chủ tỉnh…"))
        self.fetch.start()

    def _fetched(self, title: str, data: bytes | None, error: BaseException | None) -> None:
        if self.fetch is not None:
            self.fetch.wait()
        self.fetch = None
        self.buttons["view"].setEnabled(self.dossier is not None)
        if data is None:
            self.message.show_error(error or RuntimeError())
            self.fetch_failed.emit()
            return
        self.message.clear()
        if self.dossier is not None:
            self.show_dossier(self.dossier, keep_message=True)  # the thumbnail, now the file is here
        self._open(title, data)

    def offer(self, path: Path) -> None:
        """A new file in the scanner inbox: offered for the selected document of this dossier."""
        if self.dossier is not None:
            self.inbox.offer(path)

    def _take_offer(self) -> None:
        path = self.inbox.path
        self.inbox.dismiss()
        if path is not None:
            self.attach_paths(max(self.table.currentRow(), 0), [path])
