"""The child's initials, as case notes abbreviate a child, from every part of the name; the
sector's abbreviations are left even when a child's initials spell one. People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


def scrubbed(text: str, name: str) -> str:
    return anonymised_background(text, today=TODAY, child_name=name)[0]


@pytest.mark.parametrize("written", ["BOV", "B O-V", "B.O.V.", "BAOV", "B. A. O. V."])
def test_initials_from_a_hyphenated_surname_are_removed(written: str) -> None:
    text = f"Notes refer to her as {written} throughout."
    out = scrubbed(text, "Brooke Amelia O'Neill-Vance").replace("[child].", "[child]")
    assert out == "Notes refer to her as [child] throughout."  # a last initial's stop may stay


def test_a_sector_abbreviation_is_kept_though_the_initials_spell_it() -> None:
    text = "She has SEN support at school."
    assert scrubbed(text, "Sam Ellis Nolan") == text


def test_initials_are_only_capitals_and_never_inside_a_word() -> None:
    text = "Above all she loves the bov-shaped kite (ABOVE average)."
    assert scrubbed(text, "Brooke Orla Vance") == text
