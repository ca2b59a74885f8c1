from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.core.errors import CapacityExceeded, InvalidTransition, NotFound, ValidationError
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.reception.rows import match_expression, row_search_text
from db.dossier_store import DossierStore
from tests.app.sync.old_outbox import as_schema_20
from tests.conftest import dossier_input, make_desk


def _counts(desk: Desk) -> tuple[int, int, int, int]:
    c = desk.store.conn
    # The search index holds postings only (migration 0019): it counts what its terms find, here every
    # code of the test agency.
    indexed = c.execute("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH '87001'").fetchone()[0]
    return (
        *(c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("dossiers", "dossier_events", "outbox")),
        indexed,
    )  # type: ignore[return-value]


def test_receive_writes_dossier_event_outbox_and_search(desk: Desk, admin) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    assert d.code == "87001-260212-1001"
    assert d.status == "received"
    assert d.received_at == datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)
    # 3 working days from Thu 12 Feb 2026: Fri 13, then Tết (16–20 Feb off), Mon 23, Tue 24.
    assert d.due_at == datetime(2026, 2, 24, 9, 0, tzinfo=VN_TZ)
    assert [e.kind for e in d.events] == ["received"]
    assert d.clerk_id == admin.id and d.desk_id == desk.identity.desk_id
    assert _counts(desk) == (1, 1, 2, 1)
    entities = [(r["entity"], r["seq"]) for r in desk.store.outbox()]
    assert entities == [("dossier", 1), ("event", 2)]


def test_codes_increase_per_day_and_restart_next_day(desk: Desk, admin, clock: FixedClock) -> None:
    codes = [desk.dossiers.receive(dossier_input(), admin).code for _ in range(3)]
    assert codes == ["87001-260212-1001", "87001-260212-1002", "87001-260212-1003"]
    clock.advance(days=1)
    assert desk.dossiers.receive(dossier_input(), admin).code == "87001-260213-1001"


def test_codes_unique_across_two_desks_receiving_offline_on_one_day(tmp_path: Path, clock: FixedClock) -> None:
    one = make_desk(tmp_path / "one.sqlite3", clock, desk_no=1)
    two = make_desk(tmp_path / "two.sqlite3", clock, desk_no=2)
    codes = set()
    for _ in range(5):
        codes.add(one.dossiers.receive(dossier_input(), one.clerk()).code)
        codes.add(two.dossiers.receive(dossier_input(), two.clerk()).code)
    assert len(codes) == 10
    assert "87001-260212-1001" in codes and "87001-260212-2001" in codes
    one.close()
    two.close()


def test_numbering_resumes_above_a_floor_learned_elsewhere(desk: Desk, admin) -> None:
    DossierStore(desk.store).raise_code_floor("87001-260212-1", 1041)
    assert desk.dossiers.receive(dossier_input(), admin).code == "87001-260212-1042"


def test_a_desk_issues_at_most_999_codes_a_day(desk: Desk, admin) -> None:
    DossierStore(desk.store).raise_code_floor("87001-260212-1", 1999)
    with pytest.raises(CapacityExceeded):
        desk.dossiers.receive(dossier_input(), admin)


def test_received_after_cutoff_rolls_to_next_working_day(desk: Desk, admin, clock: FixedClock) -> None:
    clock.advance(hours=7)
    d = desk.dossiers.receive(dossier_input(procedure="CT03", received_at="2026-02-12T15:20:00+07:00"), admin)
    # Effective receipt Fri 13 Feb 07:30; 2 working days over Tết: Mon 23, Tue 24 → 07:30.
    assert d.due_at == datetime(2026, 2, 24, 7, 30, tzinfo=VN_TZ)
    assert d.code == "87001-260212-1001"  # the code keeps the real day of receipt


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "08718600123", "phone": "0912345678"}}, "cccd"),
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "003186001234", "phone": "0912345678"}}, "cccd"),
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "087299001234", "phone": "0912345678"}}, "cccd"),
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "087186001234", "phone": "0123456789"}}, "phone"),
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "087186001234", "phone": "091234"}}, "phone"),
        ({"applicant": {"full_name": "", "cccd": "087186001234"}}, "full_name"),
        ({"applicant": {"full_name": "Lê Văn A", "cccd": "087186001234", "nickname": "A"}}, "nickname"),
        ({"received_at": "2026-02-30T10:00:00+07:00"}, "received_at"),
        ({"received_at": "2026-03-01T10:00:00+07:00"}, "received_at"),  # in the future
        ({"procedure": "NOPE"}, "procedure"),
        ({"sets": 0}, "sets"),
        ({"channel": "fax"}, "channel"),
        ({"documents": [{"name": "Tờ khai", "kind": "scan", "count": 1}]}, "documents"),
        ({"priority": "high"}, "priority"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(desk: Desk, admin, change, field) -> None:
    before = _counts(desk)
    with pytest.raises((ValidationError, NotFound)) as info:
        desk.dossiers.receive(dossier_input(**change), admin)
    assert info.value.field == field
    assert str(info.value).endswith(".") and len(str(info.value)) < 200
    assert _counts(desk) == before


def test_text_is_stored_as_nfc(desk: Desk, admin) -> None:
    nfd_name = unicodedata.normalize("NFD", "Nguyễn Văn Đào")
    d = desk.dossiers.receive(dossier_input(applicant={"full_name": nfd_name, "cccd": "087186001234"}), admin)
    assert d.applicant.full_name == unicodedata.normalize("NFC", "Nguyễn Văn Đào")
    assert d.applicant.phone is None


def test_documents_default_to_the_procedures_list(desk: Desk, admin) -> None:
    d = desk.dossiers.receive(dossier_input(documents=[]), admin)
    assert [doc.name for doc in d.documents] == ["Tờ khai đăng ký giám hộ", "Văn bản cử người giám hộ"]


@pytest.mark.parametrize(
    "query",
    [
        "nguyen van dao",
        "Nguyễn Văn Đào",
        "NGUYEN VAN DAO",
        "nguy va da",
        "dao",
        "Đào",
        unicodedata.normalize("NFD", "nguyễn văn đào"),
        "0912",
        "087186001234",
        "87001-260212-1001",
    ],
)
def test_search_with_and_without_diacritics(desk: Desk, admin, query: str) -> None:
    target = desk.dossiers.receive(
        dossier_input(applicant={"full_name": "Nguyễn Văn Đào", "cccd": "087186001234", "phone": "0912345678"}), admin
    )
    desk.dossiers.receive(dossier_input(applicant={"full_name": "Trần Thị Hoa", "cccd": "079190004321"}), admin)
    found = [d.code for d in desk.dossiers.search(query)]
    assert found == [target.code]


def test_search_needs_every_word_and_ignores_punctuation(desk: Desk, admin) -> None:
    desk.dossiers.receive(dossier_input(), admin)
    assert desk.dossiers.search("dao hoa") == []
    assert desk.dossiers.search("  ,; ") == []
    assert match_expression('Đào "x" *') == '"dao"* AND "x"*'


def test_lifecycle_status_follows_events(desk: Desk, admin, clock: FixedClock) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    assert desk.dossiers.allowed_actions(d) == [
        "forwarded",
        "supplement_requested",
        "refused",
        "apology_issued",
        "done",
        "returned",
        "withdrawn",
        "stopped",
    ]
    clock.advance(hours=1)
    assert desk.dossiers.act(d.code, "forwarded", admin).status == "processing"
    clock.advance(hours=1)
    d = desk.dossiers.act(d.code, "supplement_requested", admin, reason="Thiếu bản sao CCCD.")
    assert d.status == "waiting_supplement"
    clock.at = datetime(2026, 2, 23, 10, 0, tzinfo=VN_TZ)
    d = desk.dossiers.act(d.code, "supplement_received", admin)
    # The clock restarts: 3 working days from Mon 23 Feb 10:00.
    assert (d.status, d.due_at) == ("processing", datetime(2026, 2, 26, 10, 0, tzinfo=VN_TZ))
    d = desk.dossiers.act(d.code, "done", admin)
    d = desk.dossiers.act(d.code, "returned", admin)
    assert d.status == "returned" and d.is_final
    assert [e.kind for e in d.events] == [
        "received",
        "forwarded",
        "supplement_requested",
        "supplement_received",
        "done",
        "returned",
    ]
    with pytest.raises(InvalidTransition):
        desk.dossiers.act(d.code, "refused", admin, reason="Quá muộn.")


def test_apology_moves_the_date_once_only(desk: Desk, admin) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    new_due = datetime(2026, 2, 27, 10, 0, tzinfo=VN_TZ)
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d.code, "apology_issued", admin, reason="Cần xác minh.")
    assert info.value.field == "new_due"
    d = desk.dossiers.act(d.code, "apology_issued", admin, reason="Cần xác minh.", new_due=new_due)
    assert d.due_at == new_due and d.status == "received"
    assert d.events[-1].data["old_due"] == "2026-02-24T09:00:00+07:00"
    with pytest.raises(InvalidTransition, match="một lần"):
        desk.dossiers.act(
            d.code, "apology_issued", admin, reason="Lần nữa.", new_due=datetime(2026, 3, 5, 10, 0, tzinfo=VN_TZ)
        )


def test_refusal_and_withdrawal_need_a_reason(desk: Desk, admin) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    before = _counts(desk)
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d.code, "refused", admin)
    assert info.value.field == "reason"
    assert _counts(desk) == before
    assert desk.dossiers.act(d.code, "refused", admin, reason="Không thuộc thẩm quyền.").status == "refused"


def test_a_seen_cccd_fills_the_applicant(desk: Desk, admin) -> None:
    desk.dossiers.receive(dossier_input(), admin)
    found = desk.dossiers.applicant_for_cccd("087186001234")
    assert found is not None and found.full_name == "Nguyễn Thị Đào" and found.phone == "0912345678"
    assert desk.dossiers.applicant_for_cccd("079190004321") is None


def test_search_results_follow_status_and_due_changes(desk: Desk, admin, clock: FixedClock) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    new_due = datetime(2026, 2, 27, 10, 0, tzinfo=VN_TZ)
    desk.dossiers.act(d.code, "apology_issued", admin, reason="Cần xác minh.", new_due=new_due)
    desk.dossiers.act(d.code, "done", admin)
    [found] = desk.dossiers.search("nguyen thi dao")
    assert (found.status, found.due_at) == ("done", "2026-02-27T10:00:00+07:00")
    assert (found.code, found.applicant_name, found.procedure_name) == (d.code, "Nguyễn Thị Đào", "Đăng ký giám hộ")


def test_a_one_letter_word_is_answered_by_the_index(desk: Desk, admin) -> None:
    """ "bui quoc t": the index holds one-letter prefixes (migration 0011), so the last word costs one
    posting list, not a merge of every word starting with that letter; the rows are those expected."""
    sql = desk.store.one("SELECT sql FROM sqlite_master WHERE name = 'dossier_search'")["sql"]
    assert "prefix = '1 2 3 4 5'" in sql
    for name in ("Bùi Quốc Toàn", "Bùi Quốc Hùng", "Bùi Thị Tuyết"):
        desk.dossiers.receive(dossier_input(applicant={**dossier_input()["applicant"], "full_name": name}), admin)
    assert [s.applicant_name for s in desk.dossiers.search("bui quoc t")] == ["Bùi Quốc Toàn"]
    assert {s.applicant_name for s in desk.dossiers.search("bui t")} == {"Bùi Quốc Toàn", "Bùi Thị Tuyết"}


def test_the_search_index_keeps_postings_only(desk: Desk, admin) -> None:
    """Migration 0019: no copy of the result lines nor of the token counts; the lines come from dossiers."""
    tables = {r[0] for r in desk.store.conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'dossier_search%'")}
    assert tables == {"dossier_search", "dossier_search_data", "dossier_search_idx", "dossier_search_config"}
    d = desk.dossiers.receive(dossier_input(), admin)
    desk.dossiers.act(d.code, "done", admin)
    [found] = desk.dossiers.search("87001 nguyen dao")
    assert (found.code, found.status) == (d.code, "done")


def test_an_older_store_keeps_finding_its_dossiers(tmp_path, clock: FixedClock) -> None:
    """A store whose index still holds the result lines (0011-0018) is moved to postings only, every
    dossier still found, newest first."""
    path = tmp_path / "old.sqlite3"
    desk = make_desk(path, clock)
    admin = desk.clerk()
    names = ("Nguyễn Văn Đào", "Bùi Quốc Toàn", "Nguyễn Thị Đào")
    codes = [
        desk.dossiers.receive(dossier_input(applicant={**dossier_input()["applicant"], "full_name": n}), admin).code
        for n in names
    ]
    conn = desk.store.conn
    texts = conn.execute("SELECT rowid, code, applicant_name, applicant_cccd, applicant_phone FROM dossiers").fetchall()
    as_schema_20(desk, tmp_path)  # the outbox and events as later migrations (0021, 0022) found them
    with desk.store.transaction():  # the index as migration 0011 left it, text and result lines both
        conn.execute("DROP TABLE dossier_search")
        conn.execute(
            "CREATE VIRTUAL TABLE dossier_search USING fts5 (text, id UNINDEXED, code UNINDEXED, "
            "applicant_name UNINDEXED, applicant_cccd UNINDEXED, applicant_phone UNINDEXED, procedure_code UNINDEXED, "
            "procedure_name UNINDEXED, status UNINDEXED, received_at UNINDEXED, due_at UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4')"
        )
        for r in texts:  # sqlite3.Row: the mapping row_search_text reads
            conn.execute(
                "INSERT INTO dossier_search (rowid, text, code) VALUES (?, ?, ?)", (-r[0], row_search_text(r), r[1])
            )
        for table in ("relay_changes", "relay_seals"):  # what later migrations (0020) made, gone with them
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 18")
    desk.close()
    desk = Desk.open(path, clock)
    try:
        assert desk.store.one("SELECT 1 AS x FROM sqlite_master WHERE name = 'dossier_search_content'") is None
        assert [s.code for s in desk.dossiers.search("nguyen dao")] == [codes[2], codes[0]]
        assert [s.applicant_name for s in desk.dossiers.search("bui quoc t")] == ["Bùi Quốc Toàn"]
    finally:
        desk.close()
