"""Reception regardless of administrative boundary, and how the applicant's identity was checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.desk import Desk
from app.reception import catalogue
from tests.conftest import dossier_input


def text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_the_catalogue_gives_level_and_deciding_agency(desk: Desk) -> None:
    judicial = desk.dossiers.procedure("TP01")
    assert (judicial.level, judicial.deciding_agency) == ("province", "Sở Tư pháp tỉnh")
    assert desk.dossiers.procedure("CA01").level == "vertical"
    assert desk.dossiers.procedure("HT04").deciding_agency == ""
    assert "level,deciding_agency" in catalogue.to_csv(desk.dossiers.procedures()).splitlines()[0]


def test_a_catalogue_line_above_the_commune_must_name_its_agency(tmp_path: Path) -> None:
    bad = tmp_path / "c.csv"
    bad.write_text("code,name,legal_time,level,deciding_agency\nX1,Thủ tục,3,province,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        catalogue.read_file(bad)
    assert info.value.field == "deciding_agency"
    bad.write_text("code,name,legal_time,level\nX1,Thủ tục,3,district\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="district"):
        catalogue.read_file(bad)


@pytest.mark.tools("pdftotext")
def test_a_province_procedure_is_received_here_and_handed_over(desk: Desk, admin, clock, tmp_path: Path) -> None:
    d = desk.dossiers.receive(dossier_input(procedure="TP01", identity_check="vneid"), admin)
    # The receiving commune owns the record: its code, its desk.
    assert d.code.startswith("87001-260212-1")
    assert (d.procedure_level, d.deciding_agency, d.identity_check) == ("province", "Sở Tư pháp tỉnh", "vneid")
    receipt = text(desk.printing.to_file("receipt", d.code, tmp_path / "01.pdf"))
    assert "Cơ quan giải quyết: Sở Tư pháp tỉnh" in receipt
    clock.advance(minutes=20)
    forwarded = desk.dossiers.act(d.code, "forwarded", admin)
    assert forwarded.events[-1].data == {"to": "Sở Tư pháp tỉnh"}
    sheet = text(desk.printing.to_file("tracking", d.code, tmp_path / "06.pdf"))
    assert "Nhận: Sở Tư pháp tỉnh" in sheet and "(chuyển hồ sơ)" in sheet


@pytest.mark.tools("pdftotext")
def test_a_commune_procedure_of_another_commune(desk: Desk, admin, tmp_path: Path) -> None:
    d = desk.dossiers.receive(
        dossier_input(for_commune={"code": "87002", "name": "Xã Mỹ Hiệp"}, identity_check="population"), admin
    )
    assert (d.for_commune, d.deciding_agency, d.identity_check) == ("87002", "UBND xã Mỹ Hiệp", "population")
    assert "Cơ quan giải quyết: UBND xã Mỹ Hiệp" in text(desk.printing.to_file("receipt", d.code, tmp_path / "r.pdf"))
    own = desk.dossiers.receive(dossier_input(for_commune="87001"), admin)
    assert (own.deciding_agency, own.identity_check) == ("", "")
    assert "Cơ quan giải quyết" not in text(desk.printing.to_file("receipt", own.code, tmp_path / "o.pdf"))


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"identity_check": "cmnd"}, "identity_check"),
        ({"for_commune": "8700"}, "for_commune"),
        ({"procedure": "CA01", "for_commune": "87002"}, "for_commune"),
    ],
)
def test_bad_boundary_or_identity_input_is_refused(desk: Desk, admin, extra, field) -> None:
    with pytest.raises(ValidationError) as info:
        desk.dossiers.receive(dossier_input(**extra), admin)
    assert info.value.field == field
