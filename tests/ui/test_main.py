from __future__ import annotations

from ui.main import main, window_args


def test_no_subcommand_means_the_window() -> None:
    args = window_args(["--db", "x.sqlite3", "--lang", "en"])
    assert (args.db, args.lang, args.demo) == ("x.sqlite3", "en", False)
    assert window_args(["--demo"]).demo is True
    assert window_args([]).db is None


def test_a_subcommand_or_help_goes_to_the_cli(capsys) -> None:
    assert window_args(["search", "dao"]) is None
    assert window_args(["--db", "x", "search", "dao"]) is None
    assert window_args(["--help"]) is None
    assert window_args(["--lang", "fr"]) is None
    assert main(["due", "--days", "3", "--received", "2025-04-22 10:00"]) == 0
    assert capsys.readouterr().out.strip() == "2025-04-25T10:00:00+07:00"


def test_start_window_opens_the_store_in_the_background(desk, qapp, qtbot) -> None:
    from PySide6.QtCore import QSettings

    from ui.application import APPLICATION, ORGANISATION, start_window

    QSettings(ORGANISATION, APPLICATION).setValue("ui/idle_minutes", 0.5)
    _app, window = start_window(str(desk.store.path), sync=False)
    try:
        assert window.isVisible() and window.locked
        assert window.idle_timer.interval() == 30_000
        qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
        assert window.lock_page.title.text() == "Bộ phận Một cửa — Xã Tân Thành"
        assert window.lock_page.button.isEnabled()
        assert window.desk_label.text() == "Quầy 1 — Xã Tân Thành"
    finally:
        window.loader.wait()
        window.shutdown()
        window.close()
        if window.desk is not None:
            window.desk.close()


def test_a_windowed_build_without_streams_still_reports(monkeypatch, capsys) -> None:
    import sys

    import ui.main

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert ui.main.main(["due", "--days", "3", "--received", "2025-04-22 10:00"]) == 0
    assert sys.stdout is not None and sys.stderr is not None
