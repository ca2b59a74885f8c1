"""At reception: scans picked for the documents ticked in the form, attached once the dossier is saved;
the citizen's papers digitised in earlier dossiers offered for reuse as soon as the CCCD is typed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk
from app.desk import Desk
from app.files.service import ReuseOffer
from app.reception.records import Dossier, Procedure
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.fee_widgets import FeeEditor
from ui.files_box import SCAN_FILTER, ChoiceDialog, InboxOffer, dropped_paths, offer_label

CCCD = re.compile(r"[0-9]{12}")


class PendingFilesBox(QGroupBox):
    """At reception: files picked for the documents ticked in the form, attached once it is saved."""

    def __init__(
        self, desk: Desk, current_row: Callable[[], int], names: Callable[[], list[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Bản quét (đính kèm khi lưu)"), parent)
        self.desk = desk
        self.current_row = current_row  # the selected row of the form's document table
        self.names = names  # the names of the form's document rows
        self.pending: dict[int, list[Path]] = {}
        self.reused: dict[int, ReuseOffer] = {}
        self.offers: list[ReuseOffer] = []
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.setAcceptDrops(True)
        self.setAcceptDrops(True)
        self.inbox = InboxOffer()
        self.inbox.take.clicked.connect(self._take_offer)
        self.reuse_line = QLabel()
        self.reuse_line.setWordWrap(True)
        self.reuse_line.setObjectName("reuseOffer")
        self.pick = QPushButton(self.tr("Đính kèm tệp cho giấy tờ đang chọn…"))
        self.pick.clicked.connect(self.pick_files)
        self.reuse_button = QPushButton(self.tr("Dùng lại…"))
        self.reuse_button.clicked.connect(self.choose_reuse)
        self.reuse_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pick)
        buttons.addWidget(self.reuse_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.inbox)
        layout.addWidget(self.list)
        layout.addWidget(self.reuse_line)
        layout.addLayout(buttons)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add(max(self.current_row(), 0), paths)

    def add(self, row: int, paths: list[Path]) -> None:
        self.pending.setdefault(row, []).extend(paths)
        self.reused.pop(row, None)
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        names = self.names()
        for row in sorted(set(self.pending) | set(self.reused)):
            name = names[row] if row < len(names) else str(row + 1)
            if row in self.reused:
                text = f"{name}: " + self.tr("dùng lại từ %1").replace("%1", self.reused[row].dossier_code)
            else:
                text = f"{name}: " + ", ".join(p.name for p in self.pending[row])
            self.list.addItem(QListWidgetItem(text))

    def pick_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp quét"), "", SCAN_FILTER)
        if names:
            self.add(max(self.current_row(), 0), [Path(n) for n in names])

    def set_citizen(self, cccd: str) -> None:
        """Offer the citizen's papers digitised in earlier dossiers (Decision 766, 4.3)."""
        self.offers = self.desk.files.reusable_by_cccd(cccd) if cccd else []
        self.reuse_button.setVisible(bool(self.offers))
        self.reuse_line.setText(
            self.tr("Công dân này có %1 giấy tờ đã số hóa ở hồ sơ trước: có thể dùng lại.").replace(
                "%1", str(len(self.offers))
            )
            if self.offers
            else ""
        )

    def choose_reuse(self) -> None:
        if not self.offers:
            return
        picked = ChoiceDialog.ask(
            self,
            self.tr("Dùng lại giấy tờ đã số hóa"),
            self.tr("Chọn tệp của hồ sơ trước:"),
            [offer_label(o) for o in self.offers],
        )
        if picked is not None:
            row = max(self.current_row(), 0)
            self.pending.pop(row, None)
            self.reused[row] = self.offers[picked]
            self._refresh()

    def offer(self, path: Path) -> None:
        self.inbox.offer(path)

    def _take_offer(self) -> None:
        path = self.inbox.path
        self.inbox.dismiss()
        if path is not None:
            self.add(max(self.current_row(), 0), [path])

    def attach_to(self, dossier: Dossier, clerk: Clerk, ticked_rows: list[int]) -> tuple[int, list[str]]:
        """After saving: each pending file to its document (numbered as the receipt lists the ticked
        rows); an online dossier's other documents are recorded as filed online. Returns (attached,
        sentences of what failed)."""
        done, failed = 0, []
        for number, row in enumerate(ticked_rows, 1):
            try:
                if row in self.reused:
                    self.desk.files.reuse(dossier.code, number, self.reused[row].attachment.id, clerk)
                    done += 1
                elif row in self.pending:
                    self.desk.files.attach_paths(dossier.code, self.pending[row], clerk, document_no=number)
                    done += 1
                elif dossier.channel == "online":
                    self.desk.files.exempt(dossier.code, number, "online", clerk)
            except CATCHABLE as caught:
                failed.append(user_error(caught).message(i18n.lang()))
        self.clear()
        return done, failed

    def clear(self) -> None:
        self.pending.clear()
        self.reused.clear()
        self.offers = []
        self.reuse_button.setVisible(False)
        self.reuse_line.clear()
        self.inbox.dismiss()
        self.list.clear()


class ReceptionExtras:
    """What issue 14 adds to the reception form, behind one object so the form stays short: the fee
    editor and the pending scans beside the document checklist, fed by the form's own widgets."""

    def __init__(self, desk: Desk, documents: QTableWidget, cccd: QLineEdit, fields: dict[str, QWidget]) -> None:
        self.documents = documents
        self.fee_editor = FeeEditor(desk)
        self.scans = PendingFilesBox(desk, documents.currentRow, self.names)
        fields["reason"] = self.fee_editor.reason  # a changed fee without a reason marks this field
        cccd.textChanged.connect(lambda value: self.scans.set_citizen(value) if CCCD.fullmatch(value) else None)

    def column(self, docs: QWidget) -> QVBoxLayout:
        """The form's right column: the checklist, the fee, the scans."""
        right = QVBoxLayout()
        right.addWidget(docs, 1)
        right.addWidget(self.fee_editor)
        right.addWidget(self.scans)
        return right

    def names(self) -> list[str]:
        return [self.documents.item(r, 0).text() for r in range(self.documents.rowCount())]

    def ticked(self) -> list[int]:
        rows = range(self.documents.rowCount())
        return [r for r in rows if self.documents.item(r, 0).checkState() == Qt.CheckState.Checked]

    def pick(self, proc: Procedure | None) -> None:
        self.fee_editor.set_procedure(proc)

    def fee_input(self) -> dict[str, Any] | None:
        return self.fee_editor.fee_input()

    def after_save(self, dossier: Dossier, clerk: Clerk) -> str:
        """Attach what was picked, numbered as the receipt lists the ticked documents; what to add to the
        form's message (how many, and any file refused)."""
        attached, failed = self.scans.attach_to(dossier, clerk, self.ticked())
        said = " " + self.scans.tr("Đã đính kèm %1 bản quét.").replace("%1", str(attached)) if attached else ""
        return said + "".join(f" {sentence}" for sentence in failed)

    def clear(self) -> None:
        self.fee_editor.set_procedure(None)
        self.scans.clear()
