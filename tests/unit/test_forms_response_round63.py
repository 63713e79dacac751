"""Replies as round 63's outside tester wrote them: fee lines with a 'but', 'however' or
'though' clause (an extra charged separately, an exclusion, an alternative fee, a later
fee), a total of an extra after the fee, and a home full up.

Homes, people and amounts are fictional.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.fee_steps import fee_steps
from tests.factories import reply_read_as_mail
from workflows.signoff import extra_weekly

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize("text", [
    "Full up I'm afraid \u2013 try us again in January.",
    "We're completely full up until February, sorry.",
    "Sorry \u2013 try us again in the new year.",
])
def test_full_up_and_try_us_again_later_are_no_vacancy(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_something_else_full_up_is_still_an_offer() -> None:
    parsed = reply_read_as_mail("Our minibus is full up so no school transport, but we can "
                                "offer at \u00a34,900 pw from 14/12/2026.", on=_DEC7)
    assert parsed.decision == "offer"


def test_a_total_of_an_extra_over_its_weeks_is_never_the_weekly_fee() -> None:
    parsed = reply_read_as_mail(
        "We can offer at \u00a34,900 per week from 14/12/2026 provided that 2:1 staffing at "
        "\u00a31,150 per week is funded for the first 6 weeks (\u00a36,900 in total).", on=_DEC7)
    assert parsed.weekly_fee == Decimal("4900.00")
    assert parsed.additional_costs is not None
    assert parsed.additional_costs.startswith(
        "provided that 2:1 staffing at \u00a31,150 per week")
    assert "1,150" in (parsed.proposal or "")


def test_a_total_of_the_fees_parts_is_still_the_fee() -> None:
    parsed = reply_read_as_mail("We can offer from 14/12/2026: \u00a32,450 pw each "
                                "(\u00a34,900 pw in total) for the two of them.", on=_DEC7)
    assert parsed.weekly_fee == Decimal("4900.00")


@pytest.mark.parametrize(("text", "extra"), [
    ("Offer from 14/12/2026. Fee \u00a34,700 pw, however education is charged separately at "
     "\u00a3350 pw.", "education is charged separately at \u00a3350 pw"),
    ("We can offer from 14/12/2026. Fee \u00a34,700 pw, but education is \u00a3350 pw.",
     "education is \u00a3350 pw"),
    ("We can offer from 14/12/2026 at \u00a34,700 pw, though transport to school would be "
     "\u00a3200 a week.", "transport to school would be \u00a3200 a week"),
])
def test_another_weekly_figure_after_a_turn_from_the_fee_is_an_additional_cost(
        text: str, extra: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.weekly_fee, parsed.additional_costs) == (Decimal("4700.00"), extra)


@pytest.mark.parametrize(("text", "left"), [
    ("Offer \u2013 \u00a34,900 per week all-inclusive but excluding transport to school, from "
     "14/12/2026.", "transport to school: not priced"),
    ("We can offer from 14/12/2026 at \u00a34,900 pw, not including education.",
     "education: not priced"),
])
def test_what_the_fee_leaves_out_is_an_additional_cost_not_priced(text: str, left: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC7)
    assert (parsed.weekly_fee, parsed.additional_costs) == (Decimal("4900.00"), left)
    assert extra_weekly(left) is None


def test_a_cost_left_out_beside_a_priced_one_leaves_the_whole_not_priced() -> None:
    assert extra_weekly("\u00a3350 pw education; transport to school: not priced") is None


def test_an_alternative_fee_on_a_condition_is_kept_in_the_homes_words() -> None:
    parsed = reply_read_as_mail("We can offer at \u00a34,900 a week but \u00a34,600 if she can "
                                "share a bathroom; available from 14/12/2026.", on=_DEC7)
    assert parsed.weekly_fee == Decimal("4900.00")
    assert parsed.proposal == "\u00a34,900 a week but \u00a34,600 if she can share a bathroom"


def test_a_later_fee_after_though_is_the_fee_and_a_step() -> None:
    parsed = reply_read_as_mail("Yes we can offer, \u00a34,850 a week though this rises to "
                                "\u00a35,200 a week from week 13. Start 14/12/2026.", on=_DEC7)
    assert (parsed.weekly_fee, parsed.missing) == (Decimal("4850.00"), ["service_name"])
    steps = fee_steps(Decimal("4850.00"), parsed.additional_costs or "", parsed.proposal or "")
    assert steps.steps == ((13, Decimal("5200")),)
