"""Replies of round r66: a residential school's fee given on two named lines, "Residential:
£3,950 per week" over "Education: £310 per day" (r66-16), was recorded as £3,950 a week, the
education left out of the comparison. Lines each naming a part of the fee with its amount, and
no total, are the fee in parts: the whole weekly fee is asked (rule fee-part-lines), as the
dot-leader price list is. The school and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)
_OFFER = "We can offer a 52-week residential place from 04/01/2027.\n\n"


@pytest.mark.parametrize(
    "lines",
    [
        "Residential: £3,950 per week (52 weeks)\nEducation: £310 per day (term time, 190 days)",
        "Residential fee: £3,950 pw\nEducation: £1,450 pw",
        "- Placement fee: £4,200 per week\n- Therapy: £350 per week",
        "Care - £4,200 pw\nEducation - £295 pd",
    ],
)
def test_a_fee_on_named_part_lines_is_asked(lines: str) -> None:
    read = reply_read_as_mail(_OFFER + lines, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer",
        None,
        date(2027, 1, 4),
    )
    assert "weekly_fee" in read.missing


@pytest.mark.parametrize(
    ("lines", "fee"),
    [
        ("Care: £4,200 pw\nEducation: £650 pw\nTotal: £4,850 pw", "4850.00"),  # its total
        ("Residential: £3,950 per week (education included)", "3950.00"),  # one line
        ("Fee: £4,950 per week\nEducation: included", "4950.00"),
    ],
)
def test_a_fee_with_its_total_or_on_one_line_is_read(lines: str, fee: str) -> None:
    assert reply_read_as_mail(_OFFER + lines, on=_DEC7).weekly_fee == Decimal(fee)
