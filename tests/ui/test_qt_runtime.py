"""The Qt binding the desk runs on must not leak references: a desk stays open all day.

PySide6 6.12.0 drops a reference to None on every void call and aborts the process within hours. On
Python 3.12 and later None and the booleans are immortal, so counting their references proves nothing
there: the version check holds the line on every Python, the counting checks add proof where they can.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
KNOWN_BROKEN = [Version("6.12.0")]
IMMORTAL_NONE = sys.getrefcount(None) > 2**29  # Python 3.12+ (PEP 683)


def _pinned(name: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return next(Requirement(r) for r in project["dependencies"] if Requirement(r).name == name)


def test_the_installed_binding_is_inside_the_checked_range() -> None:
    installed = Version(pyside_version)
    assert installed not in KNOWN_BROKEN, f"PySide6 {installed} leaks a reference to None per call"
    assert installed in _pinned("PySide6-Essentials").specifier, f"PySide6 {installed} is outside pyproject's pin"


def test_the_pin_excludes_every_known_broken_release() -> None:
    spec = _pinned("PySide6-Essentials").specifier
    assert not any(bad in spec for bad in KNOWN_BROKEN)
    assert spec == _pinned("PySide6-Addons").specifier


@pytest.mark.skipif(IMMORTAL_NONE, reason="None is immortal on this Python; the version checks above hold")
def test_void_calls_keep_none_alive(qapp: QApplication) -> None:
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50  # 6.12.0 loses exactly one per call


@pytest.mark.skipif(IMMORTAL_NONE, reason="True is immortal on this Python; the version checks above hold")
def test_signal_emits_keep_booleans_alive(qapp: QApplication) -> None:
    class Source(QObject):
        changed = Signal(bool)

    source = Source()
    received: list[bool] = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(300):
        source.changed.emit(True)
    assert len(received) == 300
    assert sys.getrefcount(True) - before > -30
