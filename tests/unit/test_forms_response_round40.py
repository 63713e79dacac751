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


@pytest.mark.parametrize("text", [
    "We're in the middle of a registration variation (going from four beds to three), so we "
    "can't admit at present.",
    "Staffing \u2013 we've lost two seniors and I won't admit until they're replaced. Sorry.",
    "We're changing Registered Manager this month and our RI has paused admissions until the "
    "new RM is in post.",
    "Her profile is too close to a young person we admitted last week \u2013 we don't think "
    "it would be safe.",
])
def test_a_decline_in_the_homes_own_words_is_a_decline(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None,
                                                                           None)


def test_admissions_held_until_the_home_has_met_her_are_no_decline() -> None:
    assert parsed_reply("We can't admit until we've met her.", on=_DEC2).decision != "decline"


@pytest.mark.parametrize(("text", "reason"), [
    ("Can't I'm afraid, we're only approved for under 10s. Steve", "cannot-meet-needs"),
    ("We're a residential special school working 38 weeks \u2013 we can't offer 52-week care, "
     "so we'll have to decline.", "cannot-meet-needs"),
    ("Our insurers won't cover the level of self-harm described, so we have to pass on this "
     "one.", "cannot-meet-needs"),
    ("The bedroom is out of use until mid-January while the fire doors are replaced, so it's "
     "a no for now.", "no-vacancy"),
])
def test_a_decline_in_the_homes_own_words_gives_its_reason(text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_carers_we_can_do_it_with_a_fee_is_an_offer() -> None:
    parsed = parsed_reply("We can do it! Agency says the rate for teenagers is £1,150 a week.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(1150))


def test_we_cant_do_it_is_no_offer() -> None:
    assert parsed_reply("We don't think we can do it, sorry.", on=_DEC2).decision is None


@pytest.mark.parametrize(("text", "day"), [
    ("Yes, she could move in this time next week. £4,850 pw.", date(2026, 12, 9)),
    ("We can offer from the day after Boxing Day at £4,850 pw.", date(2026, 12, 27)),
])
def test_a_start_said_relative_to_a_day_is_read(text: str, day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", day)


@pytest.mark.parametrize("unit", ["this time next ", "the day after ", "we can do ",
                                  "can't admit until ", "only approved for "])
def test_text_made_to_slow_the_round_40_words_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
