"""Replies of round r66: an offer that describes its own staffing before its only fee ("We
can offer at Elm Court: 1:1 staffing in the day, waking night, £5,600 pw", r66-63) had the
whole sentence recorded as an additional cost and the fee asked, so the approval would show
£5,600 a week on top of a fee not known. The amount is the offer's fee (rule
offer-staffing-not-extra); staffing added with "with", "plus" or a second amount stays as
before. The homes and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "We can offer at Elm Court: 1:1 staffing in the day, waking night, £5,600 pw, from 4/1/27.",
        "We can offer a place at Elm Court (1:1 days, waking nights) at £5,600 pw from 4/1/27.",
        "Offer: 2:1 waking nights, £5,600 per week, start 4/1/27",
    ],
)
def test_the_offers_own_staffing_leaves_its_amount_the_fee(text: str) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from, read.additional_costs) == (
        "offer",
        Decimal("5600.00"),
        date(2027, 1, 4),
        None,
    )


@pytest.mark.parametrize(
    ("text", "fee", "extra"),
    [
        (
            "We can offer from 4/1/27 at £4,900 pw; 2:1 for 4 weeks at £1,150 per week extra.",
            "4900.00",
            "2:1 for 4 weeks at £1,150 per week extra",
        ),
        (
            "We can offer her a place from 4/1/27 with 2:1 at £1,150 per week.",
            None,
            "We can offer her a place from 4/1/27 with 2:1 at £1,150 per week",
        ),
    ],
)
def test_staffing_added_to_the_offer_is_read_as_before(
    text: str, fee: str | None, extra: str
) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.weekly_fee, read.additional_costs) == (Decimal(fee) if fee else None, extra)
