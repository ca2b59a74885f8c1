"""The Reports section's period picker: a kind (month, quarter, six or nine months, year, custom), which
one and the year, or two days; and the unit (the whole commune, or this desk only). The arithmetic is
app.scorecard.periods; this only shows it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QSpinBox, QWidget

from app.scorecard import periods
from app.scorecard.periods import Choice
from ui import i18n
from ui.widgets import buddy


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodPicker(QWidget):
    """Emits ``changed`` once per change the leader makes (not for the steps of setting a choice)."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for kind in periods.KINDS:
            self.kind.addItem(periods.KIND_NAMES[kind][i18n.lang() == "en"], kind)
        self.which = QComboBox()
        self.which.setObjectName("periodWhich")
        # "Quý I" and "6 tháng cuối năm" share the box: it follows its longest entry, whichever kind.
        self.which.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year = QSpinBox()
        self.year.setRange(2000, today.year + 1)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.unit = QComboBox()
        self.unit.addItem(self.tr("Toàn xã"), "commune")
        self.unit.addItem(self.tr("Riêng quầy này"), "desk")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy(self.tr("&Kỳ báo cáo:"), self.kind))
        for widget in (self.kind, self.which, self.year):
            layout.addWidget(widget)
        self.from_label, self.to_label = buddy(self.tr("Từ ngà&y"), self.start), buddy(self.tr("đến"), self.end)
        for widget in (self.from_label, self.start, self.to_label, self.end):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(buddy(self.tr("Đơn &vị:"), self.unit))
        layout.addWidget(self.unit)

        self._quiet = False
        self.set_choice(periods.containing("year", today))
        self.kind.currentIndexChanged.connect(lambda *_: self._kind_changed())
        for signal in (
            self.which.currentIndexChanged,
            self.year.valueChanged,
            self.start.dateChanged,
            self.end.dateChanged,
            self.unit.currentIndexChanged,
        ):
            signal.connect(lambda *_: self._emit())

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def choice(self) -> Choice:
        kind = self.kind.currentData()
        if kind == "custom":
            start, end = self.start.date().toPython(), self.end.date().toPython()
            return Choice("custom", start.year, start=start, end=end)
        return Choice(kind, self.year.value(), self.which.currentData() or 1)

    def level(self) -> str:
        return self.unit.currentData()

    def set_choice(self, choice: Choice) -> None:
        """Show a choice; ``changed`` once."""
        self._quiet = True
        try:
            self.kind.setCurrentIndex(self.kind.findData(choice.kind))
            self._fill(choice.kind)
            self.which.setCurrentIndex(max(0, self.which.findData(choice.number)))
            self.year.setValue(choice.year)
            month = periods.containing("custom", self.today)
            self.start.setDate(_qdate(choice.start or month.start or self.today))
            self.end.setDate(_qdate(choice.end or self.today))
        finally:
            self._quiet = False
        self.changed.emit()

    def _fill(self, kind: str) -> None:
        """The second list for a kind; days only for a custom period."""
        self.which.clear()
        for n in periods.numbers(kind):
            self.which.addItem(periods.item_name(kind, n, i18n.lang()), n)
        custom = kind == "custom"
        self.which.setVisible(kind in ("month", "quarter", "half"))
        self.year.setVisible(not custom)
        for widget in (self.from_label, self.start, self.to_label, self.end):
            widget.setVisible(custom)

    def _kind_changed(self) -> None:
        """A new kind starts at the one holding today, in the year shown (the current days for custom)."""
        if self._quiet:
            return
        kind = self.kind.currentData()
        here = periods.containing(kind, self.today)
        if kind == "custom":
            self.set_choice(here)
        else:
            self.set_choice(Choice(kind, self.year.value(), here.number))
