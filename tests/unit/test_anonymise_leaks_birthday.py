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
