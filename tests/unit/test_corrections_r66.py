"""Replies of round r66: a follow-up that corrects the start by saying the old day cannot be
kept ("Correction to my earlier reply: we can't start on 14/12 after all, the earliest is 4th
January", r66-09) named two days and so corrected nothing: the offer stayed at the 14th, a day
the home had withdrawn. The day said not to be possible is the old one (rule in
broker/forms/corrections.py). Homes, days and figures are made up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.corrections import corrections
from tests.factories import reply_read_as_mail

_DEC7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "fee", "start"),
    [
        (
            "Correction to my earlier reply: we can't start on 14/12 after all, the earliest "
            "is 4th January. Fee unchanged.",
            None,
            date(2027, 1, 4),
        ),
        (
            "Correction - we cannot start from the 14th, it will be Monday 21st.",
            None,
            date(2026, 12, 21),
        ),
        ("Correction: we're unable to do £4,200, it would be £4,600 pw.", Decimal("4600.00"), None),
        ("Correction: the earliest start is now 4th January, not 14/12.", None, date(2027, 1, 4)),
    ],
)
def test_a_value_said_not_possible_is_the_old_one(
    text: str, fee: Decimal | None, start: date | None
) -> None:
    assert corrections(text, _DEC7) == (fee, start)


def test_the_follow_up_keeps_the_new_start_and_asks_the_decision() -> None:
    read = reply_read_as_mail(
        "Hi,\n\nCorrection to my earlier reply: we can't start on 14/12 after all, the earliest "
        "is 4th January. Fee unchanged.\n\nSam",
        on=_DEC7,
    )
    assert (read.decision, read.available_from, read.weekly_fee) == (None, date(2027, 1, 4), None)


def test_a_correction_naming_two_new_days_still_corrects_nothing() -> None:
    assert corrections("Correction: it could be the 14th or the 21st.", _DEC7) == (None, None)
