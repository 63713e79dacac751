"""Replies of round r66: a home that declines because it cannot work within the council's
budget ("We wouldn't be able to do this within the budget stated – our rate for a 1:1
placement is £6,200 pw", r66-60) was read as no answer at all. It is a decline for price
(phrases in config/forms/response.yaml); the same words said positively are no decline. The
figures are made up."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "We wouldn't be able to do this within the budget stated - our rate for a 1:1 placement "
        "is £6,200 pw.",
        "Unfortunately we can't do it within your budget.",
        "We would not be able to do this within the budget, sorry.",
        "Sadly we're unable to do this within your budget.",
    ],
)
def test_not_within_the_budget_is_a_decline_for_price(text: str) -> None:
    read = reply_read_as_mail(text, on=_DEC7)
    assert (read.decision, read.decline_reason) == ("decline", "price")


def test_within_the_budget_said_positively_is_no_decline() -> None:
    read = reply_read_as_mail(
        "We can offer at £5,400 pw from 4/1/27, within the budget stated.", on=_DEC7
    )
    assert read.decision == "offer"
