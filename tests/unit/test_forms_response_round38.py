"""Replies as round 38's outside tester wrote them, under the service's later emails: a fee
held to in a negotiation, a figure taken back within its field, an arrival hour before the
day, a placement accepted, an offer withdrawn."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)


@pytest.mark.parametrize(("text", "answer"), [
    ("Our final figure is £4,900.", ("offer", Decimal(4900))),
    ("We can't go lower than £5,000, sorry.", ("offer", Decimal(5000))),
    ("For 4600 we cannot. Lowest for us is 4750 per week, this is final.",
     ("offer", Decimal(4750))),
    ("We'll go with £4,800 then - weekly fee £4,800", ("offer", Decimal(4800))),
    ("We accept the proposed fee of 4 600 pounds weekly.", ("offer", Decimal(4600))),
    # a "No" to the council's proposed fee, holding to the home's own, is no decline
    ("No - we'll have to stay at 4,900. If that doesn't work for Northby we understand.",
     ("offer", None)),
])
def test_a_fee_held_to_in_a_negotiation_is_the_homes_offer(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == answer


def test_staying_with_something_other_than_a_figure_offers_nothing() -> None:
    parsed = parsed_reply("We'll stay with the family's wishes on this.", on=_DEC2)
    assert parsed.decision is None


def test_a_figure_taken_back_within_its_field_is_not_the_fee() -> None:
    parsed = parsed_reply("Weekly fee: £4,250 - sorry, ignore that, I copied your example. "
                          "It's £4,450.", on=_DEC2)
    assert parsed.weekly_fee == Decimal(4450)


@pytest.mark.parametrize(("text", "start"), [
    ("Offer confirmed: £4,900 pw, she can arrive any time after 2pm on Monday 4 January",
     date(2027, 1, 4)),
    ("We can offer at £4,900 pw - she can arrive from 4pm on the 14th.", _DEC14),
])
def test_an_arrival_hour_before_the_day_gives_the_day(text: str, start: date) -> None:
    assert parsed_reply(text, on=_DEC2).available_from == start


@pytest.mark.parametrize(("text", "decision"), [
    ("Yes we accept! Start 2/1 please", "offer"),
    ("Sorry, we can't do it for that. We'll withdraw.", "withdrawn"),
])
def test_a_placement_accepted_or_withdrawn(text: str, decision: str) -> None:
    assert parsed_reply(text, on=_DEC2).decision == decision


@pytest.mark.parametrize("unit", ["stay at 4,900 ", "ignore that 1 ", "any time after 2pm on "])
def test_text_made_to_slow_the_round_38_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
