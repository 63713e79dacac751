"""Replies of round r66: in prose, "We can offer at £4,200 pw (1:1 at £22/hr included)" was
recorded with the additional cost "1:1 at £22/hr included)", though the home says it is in
the fee; on the fee's own line ("Fee: £4,200 pw (1:1 at £22/hr included)") it already
added nothing. An extra's amount followed, with only its own rate between, by "included"
(or "inclusive", "incl.") is now no additional cost in prose either; an extra said to be
charged, or one beside something else that is included, is kept. Figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    "body",
    [
        "We can offer from 04/01/2027 at £4,200 pw (1:1 at £22/hr included).",
        "We can offer from 04/01/2027 at £4,200 pw, 1:1 at £22 per hour included.",
        "We can offer from 04/01/2027 at £4,200 pw (1:1 at £22/hr, included in the fee).",
        "We can offer from 04/01/2027 at £4,200 pw (1:1 at £22ph incl.)",
        "We can offer from 04/01/2027.\nFee: £4,200 pw (1:1 at £22/hr included)",
    ],
)
def test_an_extra_said_to_be_included_is_no_additional_cost(body: str) -> None:
    read = reply_read_as_mail(body, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer",
        Decimal("4200.00"),
        date(2027, 1, 4),
    )
    assert not read.additional_costs


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("We can offer from 04/01/2027 at £4,200 pw, 1:1 at £22/hr extra.", "1:1 at £22/hr"),
        (
            "We can offer from 04/01/2027 at £4,200 pw, with 1:1 at £22/hr for 20 hrs, "
            "education included.",
            "1:1 at £22/hr for 20 hrs",
        ),
    ],
)
def test_an_extra_charged_is_still_kept(body: str, kept: str) -> None:
    read = reply_read_as_mail(body, on=_DEC7)
    assert read.weekly_fee == Decimal("4200.00")
    assert kept in (read.additional_costs or "")
