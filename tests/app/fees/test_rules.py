"""Fee rules: the examples of DOMAIN.md computed from the starter rules, dated rules, bad rules refused."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import ValidationError
from app.fees import rules
from app.fees.rules import FeeInputs


def starter_rule(code: str) -> rules.FeeRule:
    found = rules.rule_on(rules.starter(), code, date(2026, 2, 12))
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("pages", "copies", "amount"),
    [
        (1, 1, 2000),
        (2, 1, 4000),
        (3, 1, 5000),
        (10, 2, 2 * 12000),
        (198, 1, 200000),
        (300, 1, 200000),
        (300, 3, 600000),
    ],
)
def test_certified_copy_by_pages_with_the_cap(pages: int, copies: int, amount: int) -> None:
    quote = rules.compute(starter_rule("CT01"), FeeInputs(pages=pages, copies=copies), date(2026, 2, 12))
    assert quote.amount == amount
    assert ("tối đa" in quote.why_vi) == (pages * 1000 + 2000 >= 200000)


def test_fixed_fees_and_free_procedures() -> None:
    day = date(2026, 2, 12)
    assert rules.compute(starter_rule("CT02"), FeeInputs(), day).amount == 10000
    assert rules.compute(starter_rule("CT03"), FeeInputs(), day).amount == 50000
    assert rules.compute(starter_rule("HT02"), FeeInputs(), day).amount == 0
    assert rules.compute(starter_rule("HT05"), FeeInputs(), day).amount is None  # the province's rate


def test_birth_registered_in_time_is_free_and_late_is_the_provinces_rate() -> None:
    rule = starter_rule("HT01")
    received = date(2026, 2, 12)
    in_time = rules.compute(rule, FeeInputs(event_date=date(2025, 12, 14)), received)  # 60 days
    assert in_time.amount == 0 and "Đúng hạn (60/60" in in_time.why_vi
    late = rules.compute(rule, FeeInputs(event_date=date(2025, 12, 13)), received)  # 61 days
    assert late.amount is None and "Quá hạn (61 ngày" in late.why_vi
    with_rate = rules.parse_rule("HT01", "2026-01-01", None, {**rule.to_json(), "late_amount": 8000}, "tỉnh")
    assert rules.compute(with_rate, FeeInputs(event_date=date(2025, 1, 1)), received).amount == 8000
    with pytest.raises(ValidationError):
        rules.compute(rule, FeeInputs(event_date=date(2026, 3, 1)), received)


def test_rules_are_dated_and_carry_their_source() -> None:
    old = rules.parse_rule("CT02", "2017-01-01", "2026-07-01", {"kind": "fixed", "amount": 10000}, "TT 226/2016")
    new = rules.parse_rule("CT02", "2026-07-01", None, {"kind": "fixed", "amount": 15000}, "TT mới")
    assert rules.rule_on([old, new], "CT02", date(2026, 6, 30)) is old
    assert rules.rule_on([old, new], "CT02", date(2026, 7, 1)) is new
    assert rules.rule_on([old, new], "CT03", date(2026, 7, 1)) is None
    assert all(r.source for r in rules.starter())
    assert "200.000 đ/bản" in starter_rule("CT01").describe()


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "sometimes"},
        {"kind": "fixed", "amount": -5},
        {"kind": "fixed", "amount": "10000"},
        {"kind": "per_page", "tiers": [{"from_page": 2, "amount": 1000}]},
        {"kind": "per_page", "tiers": [{"from_page": 1, "amount": 2000}, {"from_page": 1, "amount": 1000}]},
        {"kind": "waived_in_time", "period_days": 0},
        {"kind": "fixed", "amount": 1, "unit": "kg"},
    ],
)
def test_bad_rules_are_refused_in_one_sentence(body: dict) -> None:
    with pytest.raises(ValidationError, match="Quy tắc lệ phí của thủ tục X1"):
        rules.parse_rule("X1", "2026-01-01", None, body, "")
