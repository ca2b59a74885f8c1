"""Finding 10: whatever arrives as a dossier, the answer is one short sentence and nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core import validation
from app.core.errors import ValidationError
from app.desk import Desk
from tests.app.cli.test_desk_commands import db, run  # noqa: F401  (db is a fixture)
from tests.conftest import dossier_input


def _applicant(**changes: object) -> dict:
    return dict(dossier_input()["applicant"], **changes)


CASES = {
    "email is a number": (dossier_input(applicant=_applicant(email=5)), "Địa chỉ email phải là văn bản."),
    "email is a list": (dossier_input(applicant=_applicant(email=["a@b.vn"])), "Địa chỉ email phải là văn bản."),
    "lone surrogate in the name": (
        dossier_input(applicant=_applicant(full_name="Nguy\ud800n Văn A")),
        "Dữ liệu gửi vào chứa ký tự Unicode hỏng (nửa cặp thay thế).",
    ),
    "lone surrogate in a key": ({**dossier_input(), "x\udc80": 1}, "nửa cặp thay thế"),
    "year 0001": (
        dossier_input(received_at="0001-01-01T00:00:00+07:00"),
        "Thời điểm tiếp nhận phải trong khoảng năm 2000 đến 2099.",
    ),
    "year 1900 (its code would collide with 2000's)": (
        dossier_input(received_at="1900-02-12T10:00:00+07:00"),
        "Thời điểm tiếp nhận phải trong khoảng năm 2000 đến 2099.",
    ),
    "year 9999": (dossier_input(received_at="9999-12-31T10:00:00+07:00"), "năm 2000 đến 2099"),
    "received_at is a number": (dossier_input(received_at=20260212), "Thời điểm tiếp nhận phải là ngày giờ"),
    "terminal escape in the name": (
        dossier_input(applicant=_applicant(full_name="Nguyễn \x1b[2J\x1b[31mVăn A")),
        "Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+001B); hãy xoá và gõ lại.",
    ),
    "right-to-left override in the name": (
        dossier_input(applicant=_applicant(full_name="Nguyễn \u202eVăn A")),
        "(U+202E)",
    ),
    "zero-width space in the name": (dossier_input(applicant=_applicant(full_name="Nguyễn\u200bVăn A")), "(U+200B)"),
    "bell in a document name": (
        dossier_input(documents=[{"name": "Tờ khai\x07", "kind": "original", "count": 1}]),
        "Tên giấy tờ chứa ký tự ẩn",
    ),
    "address is a number": (dossier_input(applicant=_applicant(address=12)), "Địa chỉ phải là văn bản."),
    "address is an object": (dossier_input(applicant=_applicant(address={"x": 1})), "Địa chỉ phải là văn bản."),
    "notes is a list": (dossier_input(notes=["a", "b"]), "Ghi chú phải là văn bản."),
    "notes is true": (dossier_input(notes=True), "Ghi chú phải là văn bản."),
    "notes of 2,001 characters": (dossier_input(notes="a" * 2001), "Ghi chú không được dài quá 2000 ký tự."),
    "notes of 900 KB": (dossier_input(notes="a" * 900_000), "Ghi chú không được dài quá 2000 ký tự."),
    "address of 301 characters": (
        dossier_input(applicant=_applicant(address="b" * 301)),
        "Địa chỉ không được dài quá 300 ký tự.",
    ),
    "cccd is a list": (dossier_input(applicant=_applicant(cccd=["087186001234"])), "Số CCCD phải là văn bản"),
    "phone is a number": (dossier_input(applicant=_applicant(phone=912345678)), "Số điện thoại phải là văn bản."),
    "nested JSON inside a field": (dossier_input(notes=[[[[[[[[[["x"]]]]]]]]]]), "lồng nhau quá sâu"),
    "terminal escape in the deciding commune's name": (
        dossier_input(for_commune={"code": "87002", "name": "Xã \x1b]0;pwned\x07Mỹ Hiệp"}),
        "Tên xã nơi giải quyết chứa ký tự ẩn hoặc ký tự điều khiển (U+001B)",
    ),
    "the deciding commune's name is a list": (
        dossier_input(for_commune={"code": "87002", "name": ["Xã Mỹ Hiệp"]}),
        "Tên xã nơi giải quyết phải là văn bản.",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_dossier_gets_one_sentence(case: str, db: str, tmp_path: Path, capsys) -> None:  # noqa: F811
    data, expected = CASES[case]
    f = tmp_path / "d.json"
    f.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes carry the lone surrogates
    code, out, err = run(capsys, "--db", db, "receive", "--json", str(f))
    assert (code, out) == (1, "")
    assert expected in err
    _one_short_sentence(err)
    with Desk.open(db) as desk:
        assert desk.dossiers.count() == 0


RAW = {
    "100,000 nested brackets": ("[" * 100_000 + "]" * 100_000, "Dữ liệu JSON lồng nhau quá sâu."),
    "a 5,000-digit number": ('{"sets": 1' + "0" * 5000 + "}", "Dữ liệu không phải JSON UTF-8 hợp lệ."),
    "more than 1 MB": ('{"notes": "' + "a" * (1024 * 1024) + '"}', "Dữ liệu JSON dài quá 1 MB."),
    "not UTF-8": (b"\xff\xfe{}", "Dữ liệu không phải JSON UTF-8 hợp lệ."),
}


@pytest.mark.parametrize("case", list(RAW))
def test_malformed_json_gets_one_sentence(case: str, db: str, tmp_path: Path, capsys) -> None:  # noqa: F811
    raw, expected = RAW[case]
    f = tmp_path / "d.json"
    f.write_bytes(raw if isinstance(raw, bytes) else raw.encode())
    code, out, err = run(capsys, "--db", db, "receive", "--json", str(f))
    assert (code, out, err) == (1, "", expected + "\n")


def test_errors_quote_a_short_excerpt_on_one_line(db: str, tmp_path: Path, capsys) -> None:  # noqa: F811
    f = tmp_path / "d.json"
    f.write_text(json.dumps({**dossier_input(), "x" * 5000 + "\r\nInjected: yes": 1}), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "receive", "--json", str(f))
    assert code == 1 and "Không nhận ra trường dữ liệu “xxxx" in err
    _one_short_sentence(err)
    f.write_text(json.dumps(dossier_input(procedure="HT\r\n" + "9" * 100_000)), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "receive", "--json", str(f))
    assert code == 1 and err.startswith("Không có thủ tục mã «HT??999")
    _one_short_sentence(err)
    f.write_text(json.dumps(dossier_input()), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "receive", "--json", str(f), "--clerk", "a\r\n" * 1000)
    assert code == 1 and err.startswith("Không có cán bộ «a??a??")
    _one_short_sentence(err)


def _one_short_sentence(err: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n") and "\r" not in err
    assert len(err) < 250


def test_excerpt() -> None:
    assert validation.excerpt("a" * 100) == "a" * 40 + "…"
    assert validation.excerpt("dòng 1\r\ndòng 2\x1b[31m") == "dòng 1??dòng 2?[31m"
    assert validation.excerpt("\ud800x") == "?x"
    assert validation.excerpt(10**5000) == "<số rất lớn>"
    assert validation.excerpt(None) == "None" and validation.excerpt({"a": 1}) == "<dict>"


def test_clean_text_keeps_vietnamese_and_folds_whitespace() -> None:
    assert (
        validation.clean_text("  Nguyễn\tThị\nĐào ", field="f", label_vi="tên", label_en="name", max_len=50)
        == "Nguyễn Thị Đào"
    )
    # NFD input (as some keyboards send it) is accepted and stored composed.
    nfd = "Nguye\u0302\u0303n"
    assert validation.clean_text(nfd, field="f", label_vi="tên", label_en="name", max_len=50) == "Nguyễn"
    with pytest.raises(ValidationError):
        validation.clean_text("\ufeffBOM", field="f", label_vi="tên", label_en="name", max_len=50)
    with pytest.raises(ValidationError):
        validation.clean_text("\ue000", field="f", label_vi="tên", label_en="name", max_len=50)  # private use


@pytest.mark.parametrize("when", ["0001-01-01 00:00", "9999-12-31 10:00", "1900-02-12 10:00"])
def test_due_outside_the_years_a_desk_handles(when: str, capsys) -> None:
    code, out, err = run(capsys, "due", "--days", "3", "--received", when)
    assert (code, out) == (1, "")
    assert err == "Thời điểm tiếp nhận phải trong khoảng năm 2000 đến 2099.\n"
