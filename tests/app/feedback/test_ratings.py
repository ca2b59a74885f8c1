"""Ratings: immutable, one per dossier, a cooldown, the configured scale, figures per period/procedure/clerk."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from app.core import accounts
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.feedback.ratings import AlreadyRated, RatingService, RatingTooSoon, elements, period_key, scales


@pytest.fixture
def returned(desk, admin, sample_input):
    dossier = desk.dossiers.receive(sample_input, admin)
    return desk.dossiers.act(dossier.code, "returned", admin)


def test_scales_from_config():
    all_scales = scales()
    assert sorted(all_scales) == ["3", "4", "5"]
    four = [(lv.vi, lv.satisfied) for lv in all_scales["4"].levels]
    assert four == [("Rất hài lòng", True), ("Hài lòng", True), ("Chưa hài lòng", False), ("Không hài lòng", False)]
    assert [lv.vi for lv in all_scales["3"].levels] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    assert all_scales["5"].levels[2].vi == "Bình thường"
    assert [e.key for e in elements()] == ["access", "procedure", "officials", "result", "feedback"]


def test_rate_a_returned_dossier(desk, admin, returned):
    rating = desk.ratings.rate(
        2, dossier=returned.code, elements_given={"officials": 1, "result": 2}, comment="Cán bộ nhiệt tình"
    )
    assert (rating.level_key, rating.satisfied, rating.dossier_id, rating.procedure_code) == (
        "satisfied",
        True,
        returned.id,
        "HT04",
    )
    assert rating.clerk_id == admin.id and rating.elements == {"officials": 1, "result": 2}
    assert desk.ratings.for_dossier(returned.id) == rating
    [out] = [o for o in desk.store.outbox() if o["entity"] == "rating"]
    assert json.loads(out["payload"])["elements"] == {"officials": 1, "result": 2}


def test_one_rating_per_dossier(desk, returned, clock):
    desk.ratings.rate(1, dossier=returned.code)
    clock.advance(minutes=1)
    with pytest.raises(AlreadyRated):
        desk.ratings.rate(4, dossier=returned.id)
    assert not desk.ratings.can_rate(returned.id)


def test_database_refuses_a_second_rating_update_and_delete(desk, returned):
    rating = desk.ratings.rate(1, dossier=returned.code)
    conn = desk.store.conn
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE ratings SET level = 4 WHERE id = ?", (rating.id,))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM ratings WHERE id = ?", (rating.id,))
    row = dict(desk.ratings.db.rating(rating.id), id="another")
    with pytest.raises(sqlite3.IntegrityError):
        desk.ratings.db.insert_rating(row)
    assert desk.ratings.get(rating.id).level == 1


def test_no_update_or_delete_api():
    assert not [n for n in dir(RatingService) if n.startswith(("update", "delete", "edit", "remove", "change"))]


def test_cooldown_also_for_anonymous_ratings(desk, clock):
    desk.ratings.rate(1)
    with pytest.raises(RatingTooSoon):
        desk.ratings.rate(1)
    clock.advance(seconds=3)
    assert desk.ratings.cooldown_remaining() == 2.0
    with pytest.raises(RatingTooSoon):
        desk.ratings.rate(3)
    clock.advance(seconds=2)
    assert desk.ratings.rate(3).level_key == "not_yet_satisfied"
    desk.store.set_meta({"rating_cooldown_seconds": "0"})
    assert desk.ratings.rate(4).satisfied is False


def test_validation(desk):
    with pytest.raises(ValidationError):
        desk.ratings.rate(5)
    with pytest.raises(ValidationError):
        desk.ratings.rate(0)
    with pytest.raises(ValidationError):
        desk.ratings.rate(1, elements_given={"coffee": 1})
    with pytest.raises(NotFound):
        desk.ratings.rate(1, dossier="87001-260212-9999")


def test_scale_is_chosen_by_config_and_old_ratings_keep_their_meaning(desk, admin, clock):
    desk.ratings.rate(3)  # "Chưa hài lòng" on the four-level scale
    clerk = accounts.add_clerk(
        desk.store, admin, username="nv", full_name="Lý Văn Nhận", role="clerk", password="mat-khau-123", clock=clock
    )
    with pytest.raises(PermissionDenied):
        desk.ratings.set_scale("3", clerk)
    assert desk.ratings.set_scale("3", admin).id == "3"
    clock.advance(minutes=1)
    rating = desk.ratings.rate(3)
    assert (rating.scale, rating.level_key, rating.satisfied) == ("3", "dissatisfied", False)
    with pytest.raises(ValidationError):
        desk.ratings.rate(4)
    counts = desk.ratings.overall(date(2026, 2, 1), date(2026, 2, 28)).counts
    assert counts == {"not_yet_satisfied": 1, "dissatisfied": 1}


def test_figures_per_period_procedure_and_clerk(desk, admin, clock, sample_input):
    other = accounts.add_clerk(
        desk.store, admin, username="nv", full_name="Lý Văn Nhận", role="clerk", password="mat-khau-123", clock=clock
    )
    levels = [(1, admin, "HT04"), (2, admin, "HT04"), (4, other, "HT04"), (1, other, "HT01"), (3, other, "HT01")]
    for level, clerk, procedure in levels:
        dossier = desk.dossiers.receive(dict(sample_input, procedure=procedure), clerk)
        desk.dossiers.act(dossier.code, "returned", clerk)
        desk.ratings.rate(level, dossier=dossier.code)
        clock.advance(seconds=10)
    clock.advance(days=30)
    desk.ratings.rate(2)  # March, anonymous

    by_month = desk.ratings.figures(date(2026, 1, 1), date(2026, 12, 31), by="month")
    assert [(f.key, f.total, f.satisfied) for f in by_month] == [("2026-02", 5, 3), ("2026-03", 1, 1)]
    assert by_month[0].share_satisfied == pytest.approx(0.6)
    by_quarter = desk.ratings.figures(date(2026, 1, 1), date(2026, 12, 31), by="quarter")
    assert [(f.key, f.total, f.satisfied) for f in by_quarter] == [("2026-Q1", 6, 4)]
    by_procedure = {
        f.key: (f.total, f.satisfied) for f in desk.ratings.figures(date(2026, 2, 1), date(2026, 3, 31), by="procedure")
    }
    assert by_procedure == {"": (1, 1), "HT01": (2, 1), "HT04": (3, 2)}
    by_clerk = {
        f.label: (f.total, f.satisfied, f.counts)
        for f in desk.ratings.figures(date(2026, 2, 1), date(2026, 2, 28), by="clerk")
    }
    assert by_clerk == {
        "Trần Văn Quản": (2, 2, {"very_satisfied": 1, "satisfied": 1}),
        "Lý Văn Nhận": (3, 1, {"dissatisfied": 1, "very_satisfied": 1, "not_yet_satisfied": 1}),
    }
    assert desk.ratings.figures(date(2026, 4, 1), date(2026, 4, 30)) == []


def test_element_figures(desk, clock):
    desk.ratings.rate(1, elements_given={"access": 1, "officials": 3})
    clock.advance(seconds=6)
    desk.ratings.rate(2, elements_given={"access": 4})
    figures = {f.key: (f.total, f.satisfied) for f in desk.ratings.element_figures(date(2026, 2, 1), date(2026, 2, 28))}
    assert figures == {"access": (2, 1), "procedure": (0, 0), "officials": (1, 0), "result": (0, 0), "feedback": (0, 0)}


def test_period_keys():
    assert [period_key(date(2025, 12, 31), p) for p in ("month", "quarter", "year")] == ["2025-12", "2025-Q4", "2025"]


def test_declines_feed_the_response_rate_and_the_command(desk, admin, clock, sample_input, capsys):
    from app import cli

    def main(argv: list[str]) -> int:
        return cli.run(cli.build_parser(argv).parse_args(argv))

    codes = []
    for _ in range(3):
        dossier = desk.dossiers.receive(sample_input, admin)
        codes.append(desk.dossiers.act(dossier.code, "returned", admin).code)
    desk.ratings.rate(1, dossier=codes[0])
    assert desk.ratings.decline(codes[1], how="timeout") is True
    assert desk.ratings.decline(codes[1]) is False  # once per dossier
    assert desk.ratings.decline(codes[0]) is False  # a rated dossier was not declined
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        desk.store.conn.execute("DELETE FROM rating_declines")
    day = clock.now().date()
    response = desk.ratings.response(day, day)
    assert (response.rated, response.declined, response.rate) == (1, 1, 0.5)
    desk.store.conn.commit()
    period = ["--from", day.isoformat(), "--to", day.isoformat()]
    assert main(["--db", str(desk.store.path), "ratings", "figures", *period, "--response", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"rated": 1, "declined": 1, "offered": 2, "response_rate": 0.5}
    assert main(["--db", str(desk.store.path), "ratings", "figures", *period]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "phản hồi\t2\t1\t50.0%"
