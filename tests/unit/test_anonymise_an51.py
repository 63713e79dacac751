"""Round an51's leaks and over-removals, each with the neighbour that must keep working.
People, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

BROTHER = [FamilyMember("Tyler Gaskell", "brother")]


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # H04: a relative's birth date after the name and a comma, and the name with it
        (
            "Siblings: Tyler, 02.11.2009; Mia, 22/11/2016 (half-sister, lives with her dad).",
            ["02.11.2009", "22/11/2016", "Mia"],
            ["(half-sister, lives with her dad)"],
        ),
        ("Her sister Mia, 22/11/2016, lives with her dad.", ["Mia", "22/11/2016"], ["Her sister"]),
        ("Siblings: Tyler (02.11.2009); Mia (22/11/2016).", ["Mia", "22/11/2016"], []),
        # no relative's word beside it: an event's date, and a letter's town and date, stay
        ("Mum, 03/11/2026: rang to say she was home.", [], ["Mum, 03/11/2026: rang"]),
        ("On Monday, 03/11/2026, she went missing.", [], ["On Monday, 03/11/2026, she"]),
        ("Hexby, 03/11/2026", [], ["Hexby, 03/11/2026"]),
    ],
)
def test_a_relatives_birth_date_after_a_name_and_a_comma(
    text: str, gone: list[str], kept: list[str]
) -> None:
    out = scrubbed(text, family_names=BROTHER)
    assert not [word for word in gone if word in out], out
    assert all(words in out for words in kept), out
