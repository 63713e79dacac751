"""Replies as round 40's outside tester wrote them: two fees for a choice the authority makes,
a base fee with hours charged by the hour, a figure marked as rough."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.values import parse_money_weekly
from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize("text", [
    "We'd offer, but the fee depends on whether you want waking nights \u2013 £4,900 pw "
    "without, £5,600 pw with.",
    "We can offer from 14/12: £4,900 pw without waking nights, £5,600 pw with them.",
])
def test_two_fees_for_a_choice_the_authority_makes_are_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


def test_a_base_fee_with_hours_charged_by_the_hour_is_asked() -> None:
    parsed = parsed_reply("We can offer. Our fees are built from staffing: a base of £1,100 pw "
                          "plus 1:1 at £28 per hour for 150 hours a week. She could start on "
                          "the 14th.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


def test_an_hourly_extra_if_needed_leaves_the_fee() -> None:
    parsed = parsed_reply("We can offer from Monday 21st at £4,800 pw, plus 1:1 at £26 an hour "
                          "if needed.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4800)


@pytest.mark.parametrize("text", [
    "Offer \u2013 fee £5k-ish, start 14/12",
    "We can offer from 14/12 at approx. £5,000 a week.",
    "We can offer from 14/12, ballpark £5,000 pw.",
    "We can offer from 14/12 at £4,900 pw or so.",
])
def test_a_figure_marked_as_rough_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize("written", ["about £4,900 pw", "£4,900 pw approx", "£5k ish"])
def test_a_rough_figure_in_a_form_field_is_no_fee(written: str) -> None:
    with pytest.raises(ValueError, match="rough"):
        parse_money_weekly(written)


@pytest.mark.parametrize("unit", [
    "£4 without ", "£4 with ", "£1 per hour 1 ", "1 hours a week £", "about ", "£1 pw ",
    "depends on ", "£1-", " " * 30 + "£1",
])
def test_text_made_to_slow_the_round_40_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
