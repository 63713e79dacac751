"""Replies as round 28's outside tester wrote them: two referrals told apart by their
reference's last digits, another of the provider's homes named in prose, guessed fees, jokes
and rhetorical questions, and reasons given in passing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)
_OURS = "REF-2026-000123"


def test_two_referrals_told_apart_by_their_last_digits_are_each_read_for_their_own() -> None:
    parsed = parsed_reply("Thanks for both referrals.\n1. The 14-year-old girl (ref ending 123) – "
                          "interested, please send the full papers.\n2. The 9-year-old boy (ref "
                          "ending 140) – offer from 14/12 at £4,700 pw.", on=_DEC2,
                          reference=_OURS)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "interested", None, None)


@pytest.mark.parametrize(("text", "home"), [
    ("We can't place her at Larch Hall, but we could offer at our Elm Court home from 14/12, "
     "£4,900 pw.", "Larch Hall"),
    ("Cedar House can't take her (all boys at the moment). Hollybrook might have space from the "
     "14th – is she OK with a 45-minute drive?", "Hollybrook Cottage"),
])
def test_what_another_of_the_providers_homes_says_is_not_this_homes_answer(
    text: str, home: str,
) -> None:
    parsed = parsed_reply(text, on=_DEC2, known_service_name=home)
    assert parsed.decision in (None, "decline", "interested")
    assert (parsed.weekly_fee, parsed.decline_reason) == (None, None)


def test_a_fee_just_shy_of_a_round_sum_is_asked() -> None:
    parsed = parsed_reply("We can offer from the 14th – fee would be just shy of five grand a "
                          "week.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("We'd love to, but we're fuller than a Christmas turkey 🦃", "decline", "no-vacancy"),
    ("Ha – if only! Every bed's spoken for until the spring.", "decline", "no-vacancy"),
    ("Not a chance at that budget, sorry – our rate's £6,200.", "decline", "price"),
    ("We (Juniper Lodge and Heron Mill, both ours) have discussed – neither home can meet her "
     "needs around CSE.", "decline", "cannot-meet-needs"),
    ("Decline – the location doesn't work for family time.", "decline", "location"),
    ("Sorry, we can't take her (all boys at the moment).", "decline", "matching"),
    ("We'll decline on matching grounds; our current group is three older boys.", "decline",
     "matching"),
    ("Diolch – we'd like to see the full papers please.", "interested", None),
])
def test_answers_said_in_jest_or_in_passing(text: str, decision: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize("text", [
    "Is the Pope Catholic? Yes! We'll take her – £4,850 a week, from Monday 14th.",
    "Our RM would have my head if I said no to this one – offer from the 14th at £4,850.",
    "We can offer from Dec. 14, 2026 at £4,850 per week.",
])
def test_offers_wrapped_in_a_joke_or_an_american_date(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4850), _DEC14)


@pytest.mark.parametrize("unit", ["(ref ending 11) ", "Ab Cd can't take her ",
                                  "we could offer at our Ab ", "shy of five ", "Dec. 1 ",
                                  "fuller than "])
def test_text_made_to_slow_the_round_28_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2, reference=_OURS),
                  5_000, repeats=3) < LINEAR
