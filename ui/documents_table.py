"""The receive form's document checklist: the procedure's documents, each ticked, with kind and count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QSpinBox, QTableWidget, QTableWidgetItem

from app.core.records import label
from app.reception.records import DOCUMENT_KINDS, Procedure
from ui import i18n
from ui.widgets import EmptyHint


class DocumentsTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels([self.tr("Giấy tờ đã nhận"), self.tr("Loại"), self.tr("Số lượng")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.hint = EmptyHint(self, self.tr("Chọn thủ tục ở bên trái: danh sách giấy tờ cần nộp sẽ hiện ở đây."))

    def fill(self, proc: Procedure) -> None:
        """Every document the procedure asks for, ticked as received, with its usual kind and count."""
        self.setRowCount(len(proc.documents))
        for row, doc in enumerate(proc.documents):
            name = QTableWidgetItem(doc.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Checked)
            self.setItem(row, 0, name)
            kind = QComboBox()
            for key in DOCUMENT_KINDS:
                kind.addItem(label(DOCUMENT_KINDS, key, i18n.lang()), key)
            kind.setCurrentIndex(list(DOCUMENT_KINDS).index(doc.kind))
            self.setCellWidget(row, 1, kind)
            count = QSpinBox()
            count.setRange(1, 99)
            count.setValue(doc.count)
            self.setCellWidget(row, 2, count)

    def rows(self) -> list[dict[str, Any]]:
        """The ticked documents, as app.reception's input takes them."""
        found = []
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            found.append(
                {
                    "name": item.text(),
                    "kind": self.cellWidget(row, 1).currentData(),
                    "count": self.cellWidget(row, 2).value(),
                }
            )
        return found
