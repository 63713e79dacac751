"""Replies as round 46's outside tester wrote them: dictated fees whose words do not read as
one sum, dictated dates, and an answer that the subject line contradicts."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize("text", [
    "We can offer from Monday the fourteenth at four thousand eight fifty a week.",
    "We can offer from 4 January. The fee would be four nine hundred a week.",
])
def test_a_spoken_fee_that_does_not_read_as_one_sum_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer from 14/12 at four thousand nine hundred and fifty pounds a week.", 4950),
    ("We can offer from 14/12 at forty nine hundred pounds a week.", 4900),
    ("We can offer from 14/12 at five and a half thousand a week.", 5500),
    ("We can offer from 14/12 at five thousand one hundred a week.", 5100),
])
def test_a_spoken_fee_that_reads_as_one_sum_is_the_fee(text: str, fee: int) -> None:
    assert parsed_reply(text, on=_DEC2).weekly_fee == fee


@pytest.mark.parametrize("unit", [
    "four thousand nine hundred and ", "nine nine nine hundred ", "forty forty thousand ",
])
def test_text_made_to_slow_the_round_46_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR

