"""The child's birthday in another year, where the text says it is a birthday: with the age,
the day and month give the date of birth away. The same day in an event's date is kept.
People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


def scrubbed(text: str) -> str:
    return anonymised_background(text, today=TODAY, child_name="Ada Quill",
                                 date_of_birth=date(2011, 5, 9))[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Her 15th birthday was on 09/05/2026.", "Her 15th birthday was on [date of birth]."),
    ("She turns 16 on 9th May 2027.", "She turns 16 on [date of birth]."),
    ("Her birthday is on 9.5.26, a Saturday.", "Her birthday is on [date of birth], a Saturday."),
])
def test_a_birthday_in_another_year_is_removed(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", ["We met on 09/05/2026 at school.",
                                  "Her birthday party is on 10/05/2026."])
def test_other_dates_are_kept(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("She was born on the ninth of May 2011 at Northby General.",
     "She was born on the [date of birth] at Northby General."),
    ("She turned 15 on the ninth of May and went missing that night.",
     "She turned 15 on the [date of birth] and went missing that night."),
    ("Her birthday is May the ninth.", "Her birthday is [date of birth]."),
])
def test_a_date_of_birth_with_its_day_in_words_is_removed(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize(("text", "gone"), [
    ("He was born on Christmas Day 2010 and hates his birthday.", "Christmas Day"),
    ("His birthday is on Christmas Day so he wants to be settled by then.", "Christmas Day"),
    ("He was born on the twenty-fifth of December 2010.", "twenty-fifth"),
])
def test_a_birthday_on_a_named_day_is_removed(text: str, gone: str) -> None:
    out = anonymised_background(text, today=TODAY, child_name="Reuben Holt",
                                date_of_birth=date(2010, 12, 25))[0]
    assert gone not in out and "[date of birth]" in out, out


def test_a_named_day_that_is_not_the_birthday_is_kept() -> None:
    text = "He wants to be settled by Christmas Day and see his nan on Boxing Day."
    out = anonymised_background(text, today=TODAY, child_name="Reuben Holt",
                                date_of_birth=date(2010, 12, 25))[0]
    assert out == text
