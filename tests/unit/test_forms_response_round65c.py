"""Replies of round 65 left by its first fixer. A staffing ratio naming the placement offered
("a 2:1 solo provision for Maddie at £9,500 per week") is no extra: the figure is the fee,
never the whole sentence put in the additional costs, and a reason after the start day ("from
21/12/2026, as our group home isn't suitable") leaves the day the start (y02); a fee range is
asked, on the form's line as in prose (e07, e01). The people and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize("text", [
    "We can offer a 2:1 solo provision for Maddie at £9,500 per week from 21/12/2026, as our "
    "group home isn't suitable.",
    "We can offer 2:1 solo care for Maddie at £9,500 per week from 21/12/2026.",
    "We can offer Maddie a 2:1 solo package, £9,500 per week, from 21/12/2026.",
    "Offer: 2:1 solo provision at £9,500 pw from 21/12/2026.",
    "We can offer a sole-occupancy 2:1 package for Maddie at £9,500 per week from 21/12/2026.",
])
def test_a_ratio_naming_the_placement_offered_leaves_its_figure_the_fee(text: str) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer", Decimal("9500.00"), date(2026, 12, 21))
    assert read.additional_costs is None


@pytest.mark.parametrize(("text", "fee", "extra"), [
    ("We can offer from 14/12 at £4,900 pw; 2:1 for the first weeks at £1,150 per week extra.",
     Decimal("4900.00"), "2:1 for the first weeks at £1,150 per week extra"),
    ("We can offer her a place at £4,900 pw plus 2:1 at £1,100 per week from 14/12.", None,
     None),
])
def test_a_ratio_added_to_the_fee_is_still_no_fee(text: str, fee: Decimal | None,
                                                   extra: str | None) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.weekly_fee, read.additional_costs) == (fee, extra)


@pytest.mark.parametrize(("text", "start"), [
    ("We could offer from 14/12, as that is the earliest we can manage.", date(2026, 12, 14)),
    ("Offer at £4,900 pw from 21/12/2026 because our current young person leaves on the 18th.",
     date(2026, 12, 21)),
    ("Offer at £4,900 pw. A start on 14/12 won't be possible.", None),
])
def test_a_reason_after_the_start_day_is_not_the_days(text: str, start: date | None) -> None:
    assert reply_read_as_mail(text, on=_DEC7).available_from == start


@pytest.mark.parametrize("text", [
    "Decision: Offer\nWeekly fee: £4,800 - £5,200 pw (to be confirmed after matching)\n"
    "Available from: 14/12/2026",
    "Decision: Offer\nWeekly fee: £4,800 to £5,200\nAvailable from: 14/12/2026",
    "We can offer from 14/12/2026 at £4,800-£5,200 depending on needs.",
    "We can offer from 14/12/2026 at £4,800 to £5,200 pw.",
])
def test_a_fee_range_is_asked_on_the_form_as_in_prose(text: str) -> None:
    """Round 65 e07: the form's range was recorded at £4,800, so the home ranked at the
    cheapest end, while the same range in prose (e01) was asked."""
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer", None, date(2026, 12, 14))
    assert "weekly_fee" in read.missing


def test_a_fee_revised_down_with_to_is_the_new_fee() -> None:
    read = reply_read_as_mail("We have reduced our fee from £5,200 to £4,900 pw; we can offer "
                              "from 14/12.", on=_DEC7)
    assert read.weekly_fee == Decimal("4900.00")


@pytest.mark.parametrize("text", [
    "Matching meeting held this morning: not a match due to the current group (two older boys "
    "with CSE concerns).",
    "Matching outcome: no.",
    "Hi,\nWe have a vacancy but sadly it's not a match for us.\nJo",
    "Sorry, she's not a suitable match for our home.",
    "We've looked at it and the match isn't right for the current group.",
])
def test_not_a_match_is_a_decline_on_matching(text: str) -> None:
    """Round 65 r01: "not a match due to the current group" was read as no answer at all."""
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.decision, read.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("text", [
    "Matching outcome: no concerns, we can offer £4,900 pw from 14/12.",
    "No match issues here - we can offer £4,900 pw from 14/12.",
])
def test_a_match_without_concerns_still_offers(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC7).decision == "offer"
