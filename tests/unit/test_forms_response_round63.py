"""Replies as round 63's outside tester wrote them: fee lines with a 'but', 'however' or
'though' clause (an extra charged separately, an exclusion, an alternative fee, a later
fee), a total of an extra after the fee, and a home full up.

Homes, people and amounts are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import reply_read_as_mail

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
