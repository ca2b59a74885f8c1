"""Who sees the Reports section and how it is reached: leaders and admins get the tab (Alt+6) and the
Go menu's entry (Ctrl+B); for anyone else both are hidden, the figures cleared, and the tab left if it
is reached anyway. The window calls ``install`` at every sign-in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ui.reports_section import READERS, ReportsSection

if TYPE_CHECKING:
    from app.core.records import Clerk

log = logging.getLogger(__name__)


def install(window, clerk: Clerk) -> ReportsSection | None:
    """The section for leaders and admins (Alt+6, Ctrl+B); hidden and emptied for anyone else."""
    allowed = clerk.can(*READERS)
    section = window.sections.get("reports")
    built = section is None  # a new section computes its first period by itself
    if section is None:
        if not allowed:
            return None
        try:  # the desk keeps receiving and returning even if this section fails
            section = ReportsSection(
                window.desk, open_dossier=window.dossiers.open_code, open_feedback=lambda n: _feedback(window, n)
            )
        except Exception:
            log.exception("the reports section could not be built")
            return None
        window.add_section("reports", section.tab_title, section)
        action = QAction(section.go_caption, window)
        action.setObjectName("reportsAction")
        action.setShortcut(QKeySequence("Ctrl+B"))
        action.triggered.connect(lambda: _go(window))
        window.menuBar().actions()[1].menu().addAction(action)  # the Go menu, after F2–F4
        section.action = action
        window.installEventFilter(section)  # a closing window waits for a running worker
        window.tabs.currentChanged.connect(lambda _i: _guard(window, section))
    window.tabs.setTabVisible(window.tabs.indexOf(section), allowed)
    section.action.setVisible(allowed)
    if not allowed:
        section.clear()
    elif not built:  # a leader signing in sees today's figures, not those of the last sign-in
        section.recompute()
    return section


def _guard(window, section: ReportsSection) -> None:
    """However the tab was reached (a mnemonic, a click), only a leader or admin stays on it."""
    if window.tabs.currentWidget() is section and not (window.clerk is not None and window.clerk.can(*READERS)):
        window.show_section("receive")


def _go(window) -> None:
    if window.clerk is not None and window.clerk.can(*READERS):
        window.show_section("reports").picker.kind.setFocus()


def _feedback(window, number: str) -> object:
    register = window.show_section("feedback")
    # Every entry shown (the register's filters may hide a closed one), then the one asked for selected.
    register.search.clear()
    register.urgent_only.setChecked(False)
    for combo in (register.kind_filter, register.status_filter):
        combo.setCurrentIndex(0)
    register.select_number(number)
    return register
