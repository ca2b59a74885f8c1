"""A denouncer's identity: masked on every path for clerks, readable by leaders with an audit line,
never in clear in the database file (WAL included), the outbox or the logs; the commune key moves
between desks only as a passphrase-protected export."""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.core.errors import MotcuaError, PermissionDenied, ValidationError
from app.feedback.confidential import MASK, CommuneKey, Identity, KeyMismatch, KeyMissing
from app.feedback.service import FeedbackService

NAME = "Hoàng Thị Tố Giác"
ADDRESS = "Số 7 đường Rạch Miễu, ấp Bình Hòa"
PHONE = "0987654321"


@pytest.fixture
def denunciation(desk, clerk):
    return desk.feedback.add(
        {
            "kind": "denunciation",
            "channel": "written",
            "category": "Đất đai",
            "person": {"name": NAME, "address": ADDRESS, "contact": PHONE},
            "content": "Tố cáo việc thu tiền trái quy định",
        },
        clerk,
    )


def _variants(value: str) -> list[bytes]:
    forms = {unicodedata.normalize(f, value) for f in ("NFC", "NFD")}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")] + [value.encode("unicode_escape")]


def assert_absent(blob: bytes | str, *values: str) -> None:
    data = blob.encode("utf-8") if isinstance(blob, str) else blob
    for value in values:
        for variant in _variants(value):
            assert variant not in data, f"{value!r} found in clear"


def test_clerk_sees_only_masks(desk, clerk, denunciation):
    for entry in (
        denunciation,
        desk.feedback.get(denunciation.id),
        desk.feedback.by_number(denunciation.number),
        *desk.feedback.list(),
    ):
        assert (entry.person_name, entry.person_address, entry.person_contact) == (MASK, MASK, MASK)
        assert entry.confidential
        assert_absent(repr(entry), NAME, ADDRESS, PHONE)
    with pytest.raises(PermissionDenied):
        desk.feedback.reveal_identity(denunciation.id, clerk, purpose="Xác minh")
    assert desk.feedback.reads() == []


def test_search_does_not_find_a_denouncer_by_name(desk, denunciation):
    assert desk.feedback.list(query="Tố Giác") == []
    assert [e.id for e in desk.feedback.list(query="thu tien")] == [denunciation.id]


def test_exports_are_masked_for_everyone(desk, admin, denunciation, tmp_path):
    entries = desk.feedback.list()
    rows = desk.feedback.export_rows(entries)
    assert rows[0]["Người gửi"] == MASK and rows[0]["Liên hệ"] == MASK
    path = desk.feedback.export_csv(tmp_path / "so.csv", entries)
    assert_absent(path.read_bytes(), NAME, ADDRESS, PHONE)
    assert "Tố cáo việc thu tiền" in path.read_text(encoding="utf-8-sig")


@pytest.mark.tools("pdftotext")
def test_printout_is_masked(desk, admin, denunciation, tmp_path):
    pdf = desk.feedback.print_register(tmp_path / "so.pdf", desk.feedback.list(), title_kind="denunciation")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "***" in out and "TC-26-1001" in out
    assert_absent(out, NAME, ADDRESS, PHONE)
    assert_absent(pdf.read_bytes(), NAME, PHONE)


def test_reading_needs_a_reason(desk, leader, denunciation):
    from app.core.errors import ValidationError

    for blank in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            desk.feedback.reveal_identity(denunciation.id, leader, purpose=blank)
        assert refused.value.field == "purpose"
    assert desk.feedback.reads(denunciation.id) == []


def test_leader_reads_and_the_reading_is_recorded(desk, leader, denunciation, clock):
    clock.advance(minutes=30)
    found = desk.feedback.reveal_identity(denunciation.id, leader, purpose="Xác minh")
    assert found.to_dict() == {"name": NAME, "address": ADDRESS, "contact": PHONE}
    assert_absent(repr(found), NAME)
    [read] = desk.feedback.reads(denunciation.id)
    assert (read["clerk_id"], read["role"], read["at"], read["action"], read["purpose"]) == (
        leader.id,
        "leader",
        "2026-02-12T09:30:00+07:00",
        "read",
        "Xác minh",
    )
    synced = [o for o in desk.store.outbox() if o["entity"] == "confidential_read"]
    assert len(synced) == 1 and json.loads(synced[0]["payload"])["entry_id"] == denunciation.id
    assert_absent(synced[0]["payload"], NAME, ADDRESS, PHONE)


def test_admin_may_read_too(desk, admin, denunciation):
    assert desk.feedback.reveal_identity(denunciation.id, admin, purpose="Xác minh").name == NAME
    assert len(desk.feedback.reads()) == 1


@pytest.mark.tools("sqlite3")
def test_nothing_in_clear_in_the_file_the_wal_or_a_dump(desk, leader, denunciation, tmp_path):
    desk.feedback.reveal_identity(denunciation.id, leader, purpose="Xác minh")
    path = desk.store.path
    wal = Path(str(path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the test looks at a live WAL, not an empty one
    for file in (path, wal):
        assert_absent(file.read_bytes(), NAME, ADDRESS, PHONE)
    dump = subprocess.run(["sqlite3", str(path), ".dump"], capture_output=True, check=True).stdout
    assert b"identity_cipher" in dump and b"Rach Mieu" not in dump
    assert_absent(dump, NAME, ADDRESS, PHONE)
    for outbox in desk.store.outbox():
        assert_absent(outbox["payload"], NAME, ADDRESS, PHONE)
    # A copy of the file, read elsewhere without the key folder, holds only ciphertext.
    copy = tmp_path / "copy.sqlite3"
    desk.store.backup_to(copy)
    assert_absent(copy.read_bytes(), NAME, ADDRESS, PHONE)


def test_logs_hold_no_identity(desk, admin, clerk, leader, caplog):
    caplog.set_level(logging.DEBUG)
    entry = desk.feedback.add(
        {"kind": "denunciation", "person": {"name": NAME, "address": ADDRESS, "contact": PHONE}, "content": "Nội dung"},
        clerk,
    )
    desk.feedback.reveal_identity(entry.id, leader, purpose="Xác minh")
    desk.feedback.answer(entry.id, leader, "Đã chuyển xác minh")
    with pytest.raises(PermissionDenied):
        desk.feedback.reveal_identity(entry.id, clerk, purpose="Xác minh")
    assert caplog.records  # the flow does log; it just never logs the identity
    assert_absent(caplog.text, NAME, ADDRESS, PHONE)


def test_key_file_is_private_and_outside_the_database(desk, denunciation):
    key = CommuneKey("87001")
    assert key.path.parent == Path(os.environ["MOTCUA_KEY_DIR"])
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    key_id, raw = key.load()
    assert raw not in desk.store.path.read_bytes()
    assert desk.feedback.db.key_ids_in_use() == [key_id]


def test_missing_key_is_a_clear_error_not_a_crash(desk, admin, leader, denunciation):
    CommuneKey("87001").path.unlink()
    with pytest.raises(KeyMissing) as e:
        desk.feedback.reveal_identity(denunciation.id, leader, purpose="Xác minh")
    assert "khóa bảo mật" in str(e.value) and isinstance(e.value, MotcuaError)
    assert desk.feedback.reads() == []  # nothing was read
    # A new key is not invented while the store holds identities under the old one.
    with pytest.raises(KeyMissing):
        desk.feedback.add({"kind": "denunciation", "person": {"name": NAME}, "content": "Lần hai"}, admin)
    # Entries without an identity still go in.
    assert desk.feedback.add({"kind": "denunciation", "content": "Nặc danh"}, admin).person_name == ""


def test_ciphertext_cannot_be_moved_to_another_entry(desk, admin, leader, denunciation):
    other = desk.feedback.add({"kind": "denunciation", "person": {"name": "Người khác"}, "content": "x"}, admin)
    cipher = desk.feedback.db.entry(denunciation.id)["identity_cipher"]
    with pytest.raises(KeyMismatch):
        desk.feedback.key.decrypt(cipher, other.id)


def test_key_export_import_between_desks_of_a_commune(desk, admin, leader, clerk, denunciation, tmp_path):
    exported = desk.confidential.export_key(leader, "cụm mật khẩu dài", tmp_path / "khoa.json")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    blob = exported.read_bytes()
    assert CommuneKey("87001").load()[1] not in blob
    with pytest.raises(PermissionDenied):
        desk.confidential.export_key(clerk, "cụm mật khẩu dài", tmp_path / "x.json")
    with pytest.raises(ValidationError):
        desk.confidential.export_key(leader, "ngắn", tmp_path / "x.json")

    other_dir = tmp_path / "desk2-keys"
    other_key = CommuneKey("87001", other_dir)
    with pytest.raises(ValidationError):
        other_key.import_(blob, "sai mật khẩu rồi")
    assert not other_key.exists()
    with pytest.raises(KeyMismatch):
        CommuneKey("87002", other_dir).import_(blob, "cụm mật khẩu dài")
    assert other_key.import_(blob, "cụm mật khẩu dài") == CommuneKey("87001").load()[0]
    assert other_key.import_(blob, "cụm mật khẩu dài")  # the same key again is fine

    # The second desk reads the synced ciphertext with the imported key.
    cipher = desk.feedback.db.entry(denunciation.id)["identity_cipher"]
    assert other_key.decrypt(cipher, denunciation.id).name == NAME

    actions = [r["action"] for r in desk.feedback.reads()]
    assert actions == ["key_export"]


def test_import_refuses_to_overwrite_a_different_key(desk, leader, denunciation, tmp_path):
    elsewhere = CommuneKey("87001", tmp_path / "elsewhere")
    elsewhere.ensure([])
    blob = elsewhere.export("cụm mật khẩu dài")
    with pytest.raises(KeyMismatch):
        desk.confidential.import_key(leader, blob, "cụm mật khẩu dài")
    with pytest.raises(ValidationError):
        desk.confidential.import_key(leader, b"not json", "cụm mật khẩu dài")


def test_a_new_desk_imports_then_reads(desk, leader, denunciation, tmp_path):
    blob = CommuneKey("87001").export("cụm mật khẩu dài")
    shutil.rmtree(CommuneKey("87001").path.parent)
    assert desk.confidential.status()["usable"] is False
    desk.confidential.import_key(leader, blob, "cụm mật khẩu dài")
    assert desk.confidential.status()["usable"] is True
    assert desk.feedback.reveal_identity(denunciation.id, leader, purpose="Xác minh").contact == PHONE
    assert [r["action"] for r in desk.feedback.reads()] == ["key_import", "read"]


def test_identity_repr_is_masked():
    assert NAME not in repr(Identity(NAME, ADDRESS, PHONE))


def test_other_registers_keep_names_in_clear(desk, admin):
    entry = desk.feedback.add({"kind": "complaint", "person": {"name": "Phạm Văn Khiếu"}, "content": "x"}, admin)
    assert entry.person_name == "Phạm Văn Khiếu" and not entry.confidential


def test_service_with_its_own_key_folder(desk, admin, tmp_path):
    service = FeedbackService(
        desk.store, desk.clock, desk.current_calendar, desk.identity, key=CommuneKey("87001", tmp_path / "k")
    )
    service.add({"kind": "denunciation", "person": {"name": NAME}, "content": "x"}, admin)
    assert (tmp_path / "k" / "commune-87001.key").exists()


def test_cli_key_export_import(desk, denunciation, tmp_path, capsys, monkeypatch):
    import io

    from app.cli import main
    from tests.conftest import ADMIN_PASSWORD

    db = str(desk.store.path)
    out = tmp_path / "khoa.json"
    # Whoever is at the keyboard gets nothing: a leader or admin and their password are required.
    monkeypatch.setattr("sys.stdin", io.StringIO("cụm mật khẩu dài\n"))
    assert main(["--db", db, "key", "export", str(out), "--passphrase-stdin"]) == 1
    assert "cần --clerk" in capsys.readouterr().err and not out.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("sai-mat-khau\ncụm mật khẩu dài\n"))
    assert main(["--db", db, "key", "export", str(out), "--clerk", "admin"]) == 1
    assert "Sai tên đăng nhập hoặc mật khẩu." in capsys.readouterr().err and not out.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\ncụm mật khẩu dài\n"))
    assert main(["--db", db, "key", "export", str(out), "--clerk", "admin", "--passphrase-stdin"]) == 0
    assert out.exists()
    CommuneKey("87001").path.unlink()
    assert main(["--db", db, "key", "status"]) == 3
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\nsai cụm mật khẩu\n"))
    assert main(["--db", db, "key", "import", str(out), "--clerk", "admin"]) == 1
    assert "Cụm mật khẩu không đúng" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\ncụm mật khẩu dài\n"))
    assert main(["--db", db, "key", "import", str(out), "--clerk", "admin"]) == 0
    assert main(["--db", db, "key", "status"]) == 0
    assert NAME not in capsys.readouterr().out


def test_cli_reveal_needs_a_leader_and_their_password(desk, denunciation, leader, clerk, capsys, monkeypatch):
    import io

    from app.cli import main
    from tests.conftest import ADMIN_PASSWORD

    db = str(desk.store.path)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\n"))
    assert main(["--db", db, "feedback", "reveal", denunciation.number]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\n"))
    assert main(["--db", db, "feedback", "reveal", denunciation.number, "--clerk", "nhanvien"]) == 1
    assert "Chỉ lãnh đạo hoặc quản trị viên" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\n"))
    assert main(["--db", db, "feedback", "reveal", denunciation.number, "--clerk", "chutich"]) == 1
    assert "Cần ghi lý do" in capsys.readouterr().err  # a reading says why (issue 15)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\n"))
    command = ["--db", db, "feedback", "reveal", denunciation.number, "--clerk", "chutich", "--purpose", "Xác minh"]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert NAME in out
    assert [(r["action"], r["purpose"]) for r in desk.feedback.reads()] == [("read", "Xác minh")]


def test_a_denunciations_dossier_is_sealed_with_the_identity(desk, admin, leader):
    from tests.conftest import dossier_input

    code = desk.dossiers.receive(dossier_input(), admin).code
    entry = desk.feedback.add(
        {"kind": "denunciation", "person": {"name": NAME}, "content": "Cán bộ đòi tiền", "dossier": code}, admin
    )
    assert (entry.dossier_id, entry.dossier_code) == (None, "***")
    assert desk.feedback.list(query=code) == []  # the code does not find it either
    row = desk.store.conn.execute("SELECT * FROM feedback_entries WHERE id = ?", (entry.id,)).fetchone()
    assert code not in json.dumps(dict(row), ensure_ascii=False)
    [change] = [r for r in desk.store.outbox() if r["entity"] == "feedback"]
    assert code not in change["payload"] and json.loads(change["payload"])["dossier_code"] is None
    dossier = desk.dossiers.get(code)
    identity = desk.feedback.reveal_identity(entry.id, leader, purpose="Xác minh")
    assert (identity.dossier_code, identity.dossier_id) == (code, dossier.id)
    # Other registers keep the link in clear.
    other = desk.feedback.add({"kind": "feedback", "content": "Chậm trả", "dossier": code}, admin)
    assert other.dossier_code == code
