"""Fees that step down as round 64's outside tester wrote them: the stretch written short ("12
wks"), two stretches in prose or as a bare figure ("£5,200 pw weeks 1–12; £4,600 pw from week
13"; in a reply's Weekly fee line they are the fee and its step: test_fee_field_steps.py), a
slash pair ("£5,200/£4,600 pw (first 12 wks / after)"): which figure to record is asked, never
the first figure taken alone (rounds 48 and 51). A later figure that is no step of the fee leaves
the fee read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.values import parse_money_weekly
from tests.factories import parsed_reply

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize("text", [
    "Offer – £5,200 pw (12 wks) then £4,600, from 14/12/2026.",  # "wks" is a stretch
    # (the same steps as a form's Weekly fee line are read as steps since rule
    # later-fee-named took the fee field's words: tests/unit/test_fee_field_steps.py)
    "We can offer at £5,200/£4,600 pw (first 12 wks / after) from 14/12/2026.",  # slash pair
    "We can offer at £5,200 pw for 3 mths, £4,600 pw thereafter, from 14/12/2026.",
])
def test_a_fee_that_steps_down_is_asked_never_its_first_figure_alone(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", None, date(2026, 12, 14))


@pytest.mark.parametrize("text", [
    "£5,200 pw weeks 1–12; £4,600 pw from week 13",
    "£5,200/£4,600 pw (first 12 wks / after)",
    "£5,200 pw (12 wks) then £4,600",
])
def test_a_stepped_form_fee_is_asked(text: str) -> None:
    with pytest.raises(ValueError, match="changes over the placement"):
        parse_money_weekly(text)


@pytest.mark.parametrize(("text", "weekly"), [
    ("£4,900 pw for the first 12 weeks; £600 pw education from week 3", "4900.00"),  # an extra
    ("£4,600 pw, 52 weeks a year; £4,600 pw from week 1", "4600.00"),  # no stretch of its own
    ("£4,900 pw for 12 weeks/£5,100 with 2:1", "4900.00"),  # no stretch after the slash
    ("£5,000 per week (£4,750 after 5% discount)", "5000.00"),  # "per week" is no stretch
])
def test_a_later_figure_that_is_no_step_of_the_fee_leaves_the_fee(text: str, weekly: str) -> None:
    assert parse_money_weekly(text) == Decimal(weekly)
