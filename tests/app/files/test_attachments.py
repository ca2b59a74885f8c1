"""Attachments: a 3-page scan kept as one PDF by its hash, beside the store, private, checked when read,
carried by backups; Art. 5 exemptions; reuse from the same citizen's earlier dossier; the result."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from app.core.errors import InvalidTransition, ValidationError
from app.desk import Desk
from app.files import scans
from app.files.service import FileUnreadable, NoSuchDocument
from db.blobs import folder_for, sha256_hex
from tests.app.files.scanpages import a4_page, three_pages
from tests.conftest import dossier_input


@pytest.fixture
def dossier(desk: Desk, admin):
    return desk.dossiers.receive(
        dossier_input(
            documents=[
                {"name": "Tờ khai đăng ký giám hộ", "kind": "original", "count": 1},
                {"name": "Văn bản cử người giám hộ", "kind": "original", "count": 1},
                {"name": "CCCD", "kind": "copy", "count": 1},
            ]
        ),
        admin,
    )


def test_three_images_become_one_private_pdf_named_by_its_hash(desk: Desk, admin, dossier, tmp_path: Path) -> None:
    done = desk.files.attach(dossier.code, three_pages(), admin, document_no=1)
    assert done.pages == 3 and done.media_type == "application/pdf" and done.name == "scan-1.jpg"
    path = folder_for(desk.store.path) / done.sha256[:2] / done.sha256[2:]
    data = path.read_bytes()
    assert sha256_hex(data) == done.sha256 and data.startswith(b"%PDF-") and len(data) == done.size
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(folder_for(desk.store.path).stat().st_mode) == 0o700
    out = tmp_path / "doc.pdf"
    out.write_bytes(desk.files.read(done))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+3$", info, re.M)
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in images.splitlines()[2:]]
    assert [r[8] for r in rows] == ["jpeg"] * 3 and all(r[5] == "gray" for r in rows)
    assert all(abs(int(r[12]) - 200) <= 1 for r in rows)  # x-ppi: 200 dpi kept
    [synced] = [json.loads(r["payload"]) for r in desk.store.outbox(limit=1000) if r["entity"] == "attachment"]
    assert synced["sha256"] == done.sha256 and synced["document_no"] == 1


def test_the_same_bytes_are_kept_once_and_a_damaged_file_is_refused(desk: Desk, admin, dossier) -> None:
    first = desk.files.attach(dossier.code, three_pages(), admin, document_no=1)
    again = desk.files.attach(dossier.code, three_pages(), admin, document_no=2)
    assert first.sha256 == again.sha256 and list(desk.files.blobs.names()) == [first.sha256]
    path = desk.files.blobs.path(first.sha256)
    os.chmod(path, 0o600)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    with pytest.raises(FileUnreadable, match="hỏng"):
        desk.files.read(first)
    path.unlink()
    with pytest.raises(FileUnreadable, match="Không tìm thấy"):
        desk.files.read(first)


def test_a_pdf_is_kept_as_it_came_and_oversized_scans_are_refused_in_words(
    desk: Desk, admin, dossier, tmp_path: Path
) -> None:
    pdf = scans.images_to_pdf(three_pages()).data
    kept = desk.files.attach(dossier.code, [(pdf, "hoso.pdf")], admin, document_no=3)
    assert desk.files.read(kept) == pdf and kept.pages == 3
    with pytest.raises(ValidationError, match="một tệp PDF, hoặc một hay nhiều ảnh"):
        desk.files.attach(dossier.code, [(pdf, "a.pdf"), (a4_page(1), "b.jpg")], admin, document_no=3)
    with pytest.raises(ValidationError, match="không phải PDF hay ảnh"):
        desk.files.attach(dossier.code, [(b"hello", "note.txt")], admin, document_no=3)
    with pytest.raises(ValidationError, match="không phải PDF hay ảnh"):
        desk.files.attach(dossier.code, [(pdf[: len(pdf) // 2], "cut.pdf")], admin, document_no=3)
    desk.store.set_meta({"files.max_mb": "1"})
    big = [(a4_page(i, fmt="PNG", colour=True), f"p{i}.png") for i in range(1, 8)]
    with pytest.raises(ValidationError, match=r"quá mức 1 MB"):
        desk.files.attach(dossier.code, big, admin, document_no=3)
    with pytest.raises(NoSuchDocument):
        desk.files.attach(dossier.code, three_pages(), admin, document_no=4)


def test_colour_and_oversized_images_are_scaled_to_a4_at_200_dpi(tmp_path: Path) -> None:
    scan = scans.prepare([(a4_page(1, fmt="PNG", colour=True, dpi=400), "colour.png")])
    out = tmp_path / "c.pdf"
    out.write_bytes(scan.data)
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    row = images.splitlines()[2].split()
    assert (row[3], row[5], row[8]) == ("1654", "rgb", "jpeg") and abs(int(row[4]) - 2339) <= 1


def test_exemptions_and_digitised(desk: Desk, admin, dossier) -> None:
    assert not desk.files.digitised(dossier)
    desk.files.attach(dossier.code, three_pages(), admin, document_no=1)
    desk.files.exempt(dossier.code, 2, "shown_only", admin)
    assert not desk.files.digitised(dossier)
    desk.files.exempt(dossier.code, 3, "verified_by_agency", admin)
    assert desk.files.digitised(dossier)
    lines = desk.files.documents(dossier)
    assert [d.current.exemption_label() for d in lines[1:]] == [
        "Chỉ xuất trình để đối chiếu",
        "Kết quả xác minh của cơ quan khác",
    ]
    with pytest.raises(ValidationError):
        desk.files.exempt(dossier.code, 2, "lost", admin)


def test_reuse_from_an_earlier_dossier_of_the_same_citizen(desk: Desk, admin, dossier) -> None:
    old = desk.files.attach(dossier.code, three_pages(), admin, document_no=3)
    later = desk.dossiers.receive(dossier_input(procedure="CT02", documents=[]), admin)
    other = desk.dossiers.receive(
        dossier_input(applicant={"full_name": "Lê Văn Khác", "cccd": "087190001111", "address": "x"}), admin
    )
    offers = desk.files.reusable(later)
    assert [(o.dossier_code, o.document_name) for o in offers] == [(dossier.code, "CCCD")]
    reused = desk.files.reuse(later.code, 1, offers[0].attachment.id, admin)
    assert reused.sha256 == old.sha256 and reused.reused_from == dossier.id
    assert desk.files.reusable(other) == []
    with pytest.raises(ValidationError, match="cùng số CCCD"):
        desk.files.reuse(other.code, 1, old.id, admin)


def test_the_result_is_attached_once_the_dossier_is_done(desk: Desk, admin, dossier) -> None:
    result = [(a4_page(9), "ketqua.jpg")]
    with pytest.raises(InvalidTransition):
        desk.files.attach(dossier.code, result, admin, result=True)
    desk.dossiers.act(dossier.code, "forwarded", admin)
    desk.dossiers.act(dossier.code, "done", admin)
    kept = desk.files.attach(dossier.code, result, admin, result=True)
    assert desk.files.result(dossier) == kept and kept.role == "result" and kept.document_no is None


def test_backup_carries_the_files(desk: Desk, admin, dossier, tmp_path: Path, capsys) -> None:
    from ui.main import main

    done = desk.files.attach(dossier.code, three_pages(), admin, document_no=1)
    target = tmp_path / "backup" / "copy.sqlite3"
    target.parent.mkdir()
    assert main(["--db", str(desk.store.path), "backup", str(target)]) == 0
    copied = folder_for(target) / done.sha256[:2] / done.sha256[2:]
    assert sha256_hex(copied.read_bytes()) == done.sha256
    restored = Desk.open(target)
    try:
        assert restored.files.read(
            restored.files.documents(restored.dossiers.get(dossier.code))[0].current
        ) == desk.files.read(done)
    finally:
        restored.close()


def test_attach_files_and_exempt_from_the_command_line(desk: Desk, admin, dossier, tmp_path: Path, capsys) -> None:
    from ui.main import main

    pages = []
    for data, name in three_pages():
        pages.append(tmp_path / name)
        pages[-1].write_bytes(data)
    db = str(desk.store.path)
    assert main(["--db", db, "attach", dossier.code, *map(str, pages), "--document", "1"]) == 0
    sha = capsys.readouterr().out.strip()
    assert len(sha) == 64 and desk.files.blobs.check(sha)
    assert main(["--db", db, "exempt", dossier.code, "--document", "2", "--reason", "confidential"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "files", dossier.code, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["documents"][0]["sha256"] == sha and listed["documents"][0]["pages"] == 3
    assert listed["documents"][1]["exemption"] == "confidential" and listed["digitised"] is False
    assert main(["--db", db, "attach", dossier.code, str(pages[0]), "--document", "9"]) == 1
    assert "không có giấy tờ số 9" in capsys.readouterr().err
