"""Render the scans and the fee to docs/*.png: the reception form with a fee by pages and scans picked,
and a dossier with its scans (thumbnails, an exemption, a reused paper), its fee and the VietQR.

    xvfb-run -a -s "-screen 0 1280x900x24" python packaging/screenshots_files.py [--out docs]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

from screenshots import demo_session  # noqa: E402  (the shared demo session; "packaging" is a PyPI name)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from app.core import settings
    from tests.app.files.scanpages import a4_page
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.printer import FolderPrinter

    out, work, app, _clock, desk = demo_session("motcua-shots-files-")
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    settings.put(desk.store, "bank.holder", "UBND xã Tân Thành")
    scans = work / "scans"
    scans.mkdir()
    paths = []
    for i in (1, 2, 3):
        paths.append(scans / f"scan-000{i}.jpg")
        paths[-1].write_bytes(a4_page(i, colour=i == 2))

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(out / name))
        print(out / name)

    i18n.install("vi")
    window = MainWindow(desk, printer=FolderPrinter(work / "printed"), demo=True)
    window.resize(1280, 900)
    window.show()
    window.activateWindow()
    settle()
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText("motcua-demo")
    window.lock_page.submit()
    clerk = window.current_clerk()

    form = window.receive
    form.select_procedure("CT01")
    form.cccd.setText("087190004321")
    form.full_name.setText("Nguyễn Thị Đào")
    form.phone.setText("0912345678")
    form.address.setText("Ấp Tân Hòa, xã Tân Thành, Đồng Tháp")
    form.extras.fee_editor.pages.setValue(12)
    form.extras.fee_editor.copies.setValue(2)
    form.documents.selectRow(0)
    form.extras.scans.add(0, paths[:2])
    shot(window, "receive-fee-scans.png")
    dossier = form.save()
    assert dossier is not None
    desk.files.exempt(dossier.code, 2, "shown_only", clerk)

    window.show_section("return")
    window.returns.open_code(dossier.code)
    window.returns.panel.files_box.table.selectRow(0)
    shot(window, "dossier-scans-fee.png")
    window.shutdown()
    window.close()
    QApplication.processEvents()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
