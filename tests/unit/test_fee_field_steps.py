"""A later fee written in the reply's "Weekly fee" line is counted or flagged, as one in its
other words is (rule later-fee-named: the field's words name the fee by being the fee
field): never cut to its first figure, never asked when it reads (ux50c 1a.1-1a.4).

Homes and amounts are fictional; expected figures are worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.fee_steps import fee_field_words, stepped_fee
from tests.factories import reply_read_as_mail
from workflows.year_cost import first_year_price, year_of

_DEC7 = date(2026, 12, 7)


def _offer(fee_line: str):  # type: ignore[no-untyped-def]
    return reply_read_as_mail(f"Decision: Offer\nWeekly fee: {fee_line}\nAdditional costs: "
                              "none\nAvailable from: 09/12/2026", on=_DEC7)


def _year(parsed) -> Decimal | None:  # type: ignore[no-untyped-def]
    return first_year_price({"weekly_fee": str(parsed.weekly_fee), "additional_costs": "none",
                             "proposal": parsed.proposal or ""})


@pytest.mark.parametrize(("line", "fee", "year"), [
    # 8 × £4,300 + 44 × £5,100 = £34,400 + £224,400 = £258,800
    ("£4,300 a week for weeks 1-8, then £5,100 from week 9", Decimal(4300), Decimal(258800)),
    # 12 × £5,600 + 40 × £4,800 = £67,200 + £192,000 = £259,200
    ("£5,600 per week for the first 12 weeks, then £4,800 per week", Decimal(5600),
     Decimal(259200)),
    # 12 × £4,500 + 40 × £4,700 = £54,000 + £188,000 = £242,000
    ("Weeks 1-12: £4,500. Weeks 13-52: £4,700.", Decimal(4500), Decimal(242000)),
])
def test_a_stepped_fee_line_is_the_fee_and_its_later_fee(line: str, fee: Decimal,
                                                         year: Decimal) -> None:
    parsed = _offer(line)
    assert parsed.weekly_fee == fee
    assert "weekly_fee" not in parsed.unreadable and "weekly_fee" not in parsed.missing
    assert f"Weekly fee: {line}" in (parsed.proposal or "")
    assert _year(parsed) == year


def test_an_introductory_rate_then_a_later_fee_is_flagged_not_priced() -> None:
    line = ("£4,200 introductory rate, then our standard fee of £5,400 once she has settled")
    parsed = _offer(line)
    assert parsed.weekly_fee == Decimal(4200)
    assert f"Weekly fee: {line}" in (parsed.proposal or "")
    year = year_of(Decimal(4200), "none", parsed.proposal or "")
    assert year.first_year is None and year.steps.unread  # never 52 × £4,200 = £218,400
    assert _year(parsed) is None  # ranked after the priced options


@pytest.mark.parametrize("line", ["£4,900 per week", "£4,900 pw all inclusive",
                                  "£650 per day"])
def test_a_plain_fee_line_keeps_no_words(line: str) -> None:
    parsed = _offer(line)
    assert parsed.weekly_fee is not None
    assert "Weekly fee" not in (parsed.proposal or "")


@pytest.mark.parametrize("line", [
    "£650 per day for weeks 1-8, then £5,100 from week 9",  # a day's first figure
    "£4,300 a week for weeks 1-8, then £5,100 from week 9, £300 deposit",  # a figure unread
    "£4,300 then more later",
])
def test_a_stepped_line_not_wholly_read_is_asked(line: str) -> None:
    assert stepped_fee(line) is None


def test_the_fee_field_words_name_the_fee() -> None:
    # "£5,100 from week 9" alone names nothing: the field it is written in names the fee
    assert fee_field_words("£4,300, £5,100 from week 9", Decimal(4300)) == (
        "Weekly fee: £4,300, £5,100 from week 9")
    assert fee_field_words("£4,300 a week", Decimal(4300)) == ""
