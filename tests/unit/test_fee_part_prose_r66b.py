"""Replies of round r66: a residential school's fee in prose, "£3,950 per week plus education
at £310 per day", was recorded as a £3,950 fee, the education left out of the comparison,
though the same two on lines of their own ("Residential: £3,950 per week" over "Education:
£310 per day", r66-16) were already read as the fee in parts, the whole weekly fee asked.
A part named before its day rate now reads as a part too: the fee is asked, its parts kept
for the answer; with a total after them the total is the fee, and on a condition ("if she
attends our school") it is an extra as before. The school and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)
_OFFER = "We can offer a 52-week residential place from 04/01/2027. "


@pytest.mark.parametrize(
    "fee",
    [
        "Residential £3,950 per week plus education at £310 per day.",
        "The fee is £3,950 pw plus education at £310 a day (term time, 190 days).",
        "£3,950 pw + education @ £295 per school day.",
        "£3,950 per week plus the education element at £310/day.",
    ],
)
def test_a_part_named_before_its_day_rate_leaves_the_fee_asked(fee: str) -> None:
    read = reply_read_as_mail(_OFFER + fee, on=_DEC7)
    assert (read.decision, read.weekly_fee, read.available_from) == (
        "offer",
        None,
        date(2027, 1, 4),
    )
    assert "weekly_fee" in read.missing
    assert [part.amount for part in read.fee_parts] == [Decimal("3950.00"), None]
    assert "education" in read.fee_parts[1].words


def test_prose_and_part_lines_agree() -> None:
    prose = reply_read_as_mail(
        _OFFER + "Residential £3,950 per week plus education at £310 per day.", on=_DEC7
    )
    lines = reply_read_as_mail(
        _OFFER + "\n\nResidential: £3,950 per week\nEducation: £310 per day", on=_DEC7
    )
    assert (prose.weekly_fee, "weekly_fee" in prose.missing) == (
        lines.weekly_fee,
        "weekly_fee" in lines.missing,
    )


@pytest.mark.parametrize(
    ("fee", "weekly", "extra"),
    [
        (
            "£3,950 per week plus education at £310 per day, so £5,500 pw in total.",
            "5500.00",
            None,
        ),
        (
            "£3,950 per week plus education at £310 per day if she attends our school.",
            "3950.00",
            "if she attends our school",
        ),
    ],
)
def test_a_total_or_a_condition_is_read_as_before(fee: str, weekly: str, extra: str | None) -> None:
    read = reply_read_as_mail(_OFFER + fee, on=_DEC7)
    assert read.weekly_fee == Decimal(weekly)
    if extra is None:
        assert not read.additional_costs
    else:
        assert extra in (read.additional_costs or "")
