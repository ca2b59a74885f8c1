from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.core.errors import NotFound, ValidationError
from app.desk import Desk
from app.reception import catalogue
from db.catalogue_store import CatalogueStore


def test_starter_catalogue_is_loaded_at_init(desk: Desk) -> None:
    procs = {p.code: p for p in catalogue.procedures(CatalogueStore(desk.store))}
    assert {"HT01", "HT02", "HT03", "CT01", "CT02", "CT03"} <= set(procs)
    assert procs["CT03"].legal_time == "2" and procs["HT01"].legal_time == "0"
    assert all(p.example for p in procs.values())  # the shipped codes are examples, marked as such
    assert procs["HT02"].documents[1].kind == "copy" and procs["HT02"].documents[1].count == 2


def test_csv_import_replaces_the_active_list(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "cat.csv"
    path.write_text(
        "code,name,field,legal_time,fee,documents\n"
        "1.001193,Đăng ký khai sinh,Hộ tịch,0,,Tờ khai|original|1; Giấy chứng sinh\n"
        "2.000635,Chứng thực hợp đồng,Chứng thực,half,50.000 đ,\n",
        encoding="utf-8",
    )
    assert catalogue.import_file(CatalogueStore(desk.store), path, desk.clock) == 2
    procs = catalogue.procedures(CatalogueStore(desk.store))
    assert [p.code for p in procs] == ["1.001193", "2.000635"]
    assert procs[0].documents[1].name == "Giấy chứng sinh" and procs[0].documents[1].kind == "original"
    assert procs[1].legal_time == "half"
    with pytest.raises(NotFound):
        catalogue.get(CatalogueStore(desk.store), "HT01")


def test_xlsx_import(desk: Desk, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "name", "field", "legal_time", "fee", "documents", "example"])
    sheet.append(["X1", "Cấp bản sao trích lục", "Hộ tịch", 3, "8.000 đ", "Tờ khai|original|1", 0])
    sheet.append([None, None, None, None, None, None, None])
    path = tmp_path / "cat.xlsx"
    book.save(path)
    assert catalogue.import_file(CatalogueStore(desk.store), path, desk.clock) == 1
    proc = catalogue.get(CatalogueStore(desk.store), "X1")
    assert (proc.name, proc.legal_time, proc.example) == ("Cấp bản sao trích lục", "3", False)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("code,name\nA,B\n", "file"),
        ("code,name,legal_time\nA,B,soon\n", "legal_time"),
        ("code,name,legal_time\nA,,3\n", "name"),
        ("code,name,legal_time\nA,B,3\nA,C,2\n", "code"),
        ("code,name,legal_time,documents\nA,B,3,Tờ khai|scan|1\n", "documents"),
    ],
)
def test_bad_catalogue_files_are_refused_and_nothing_changes(desk: Desk, tmp_path: Path, content, field) -> None:
    before = catalogue.procedures(CatalogueStore(desk.store))
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        catalogue.import_file(CatalogueStore(desk.store), path, desk.clock)
    assert info.value.field == field
    assert catalogue.procedures(CatalogueStore(desk.store)) == before


def test_csv_round_trip(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text(catalogue.to_csv(catalogue.procedures(CatalogueStore(desk.store))), encoding="utf-8")
    assert catalogue.read_file(path) == catalogue.procedures(CatalogueStore(desk.store))


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("khai sinh", ["HT01", "HT09"]),
        ("chung thuc", ["CT01", "CT02", "CT03"]),
        ("CT02", ["CT02"]),
        ("kết hôn", ["HT02"]),
        ("", None),
    ],
)
def test_picker_filter_is_accent_insensitive(desk: Desk, query, codes) -> None:
    procs = catalogue.procedures(CatalogueStore(desk.store))
    found = [p.code for p in catalogue.filter_procedures(procs, query)]
    assert found == (codes if codes is not None else [p.code for p in procs])
