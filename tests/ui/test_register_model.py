from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.reception.register import Filters, Register
from tests.conftest import dossier_input
from ui.register_model import RegisterModel


def _fill(desk, admin, n: int) -> list[str]:
    names = ["Nguyễn Thị Đào", "Trần Văn Bình", "Lê Thị Hoa", "Đặng Quốc Đạt"]
    codes = []
    for i in range(n):
        data = dossier_input()
        data["applicant"] = dict(data["applicant"], full_name=names[i % len(names)])
        codes.append(desk.dossiers.receive(data, admin).code)
    return codes


def test_model_passes_modeltester_and_pages_lazily(desk, admin, qtmodeltester) -> None:
    codes = _fill(desk, admin, 7)
    model = RegisterModel(Register(desk.store, desk.clock), page_size=3)
    assert model.rowCount() == 3
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 7
    assert [model.data(model.index(r, RegisterModel.COL_CODE)) for r in range(7)] == codes[::-1]
    qtmodeltester.check(model)


def test_model_search_and_roles(desk, admin, qtmodeltester) -> None:
    _fill(desk, admin, 8)
    model = RegisterModel(Register(desk.store, desk.clock))
    model.set_filters(Filters(text="dat dang"))
    assert model.rowCount() == 2
    assert model.count().value == 2
    first = model.index(0, RegisterModel.COL_APPLICANT)
    assert model.data(first) == "Đặng Quốc Đạt"
    assert model.data(model.index(0, RegisterModel.COL_STATUS)) == "Mới tiếp nhận"
    assert model.data(first, RegisterModel.CodeRole) == "87001-260212-1008"
    assert model.data(first, RegisterModel.UrgencyRole) == ""
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"
    qtmodeltester.check(model)


def test_overdue_rows_are_red(desk, admin, clock, qtmodeltester) -> None:
    desk.dossiers.receive(dossier_input(received_at="2026-02-09T08:00:00+07:00"), admin)
    model = RegisterModel(Register(desk.store, desk.clock))
    index = model.index(0, 0)
    assert model.data(index, RegisterModel.UrgencyRole) == "overdue"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() == "#f8c9c4"
    qtmodeltester.check(model)
