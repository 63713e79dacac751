"""Replies of round r66: "We can do this within the budget stated, from 4/1/27 at £5,400 pw"
read no decision ("do this" was no offer's words) and, once read as an offer, no fee (the
word "budget" before the amount made it the council's figure). "We can do this/that/it",
perhaps within the budget, then its terms, is now an offer as "we can do 14/12 at …" was,
and an amount after words saying the fee fits the budget is the home's fee; the budget's
own figure ("within your budget of £5,000") is still no fee, and terms on a condition or
a refusal are read as before. Figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("body", "fee", "start"),
    [
        (
            "We can do this within the budget stated, from 4/1/27 at £5,400 pw.",
            "5400.00",
            date(2027, 1, 4),
        ),
        ("Yes, we can do this – from 4/1/27 at £5,400 pw.", "5400.00", date(2027, 1, 4)),
        ("We could do it from 14/12 at £4,850 per week.", "4850.00", date(2026, 12, 14)),
        ("We can offer within budget at £4,800 pw from 14/12.", "4800.00", date(2026, 12, 14)),
    ],
)
def test_doing_this_with_terms_is_an_offer(body: str, fee: str, start: date) -> None:
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer",
        Decimal(fee),
        start,
    )


@pytest.mark.parametrize(
    ("body", "decision", "fee"),
    [
        ("We can offer from 14/12, within your budget of £5,000 pw.", "offer", None),
        ("We could do that on 14/12 if the panel agrees, at £4,800 pw.", None, None),
        ("We can do this within the budget stated.", None, None),
        ("We can't do this within the budget stated, our fee is £5,400 pw.", "decline", None),
    ],
)
def test_the_budgets_figure_a_condition_or_a_refusal_is_no_offers_fee(
    body: str, decision: str | None, fee: str | None
) -> None:
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.weekly_fee) == (decision, fee)
