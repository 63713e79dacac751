"""Round an52's leaks, each with the neighbour that must keep working.
People, places and numbers are made up (NHS numbers from the 999 range).
"""

from __future__ import annotations

import pytest

from tests.factories import assert_scrubbed


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # R33 C28: an identifier in brackets goes, and its opening bracket stays with the text
        ("NHS no (999-000-1014)", ["1014"], ["NHS no ([NHS number])"]),
        ("NHS no (9990001014).", ["1014"], ["NHS no ([NHS number])."]),
        (
            "NHS number (999 000 1014) is on the health plan.",
            ["1014"],
            ["NHS number ([NHS number]) is"],
        ),
        ("NI number (QQ 12 34 56 C) on file", ["34 56"], ["NI number ([NI number]) on file"]),
        ("case ref (CS-2026-00412)", ["00412"], ["case ref ([reference])"]),
        ("Mum's phone (07700 900123) is off", ["900123"], ["Mum's phone ([phone]) is off"]),
        # a bracket that is the number's own, around its first group, goes with it
        ("NHS no (999) 000 1014", ["1014", "(999)"], ["NHS no [NHS number]"]),
        ("Landline (01632) 960123", ["960123", "(01632)"], ["Landline [phone]"]),
    ],
)
def test_an_identifier_in_brackets_keeps_its_brackets(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_scrubbed(text, gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # an51 F01: the home first, its street after "on" in the same clause
        (
            "Dad lives in the maisonette above the bookies on Tanners Row.",
            ["Tanners"],
            ["the maisonette above the bookies on [address]."],
        ),
        ("Nan is living at the flat over the chippy on Gorse Lane.", ["Gorse"], ["on [address]."]),
        # what is on no street stays, and a street after the clause ends is no home
        ("Dad lives at home on Tuesday.", [], ["Dad lives at home on Tuesday."]),
        ("She lives in the flat and is on the bus.", [], ["and is on the bus."]),
        ("Mum lives in Hexby and works on Tanners Row.", [], ["works on Tanners Row."]),
        ("He lives in his room on Facebook.", [], ["in his room on Facebook."]),
    ],
)
def test_a_homes_street_after_the_home_in_one_clause(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_scrubbed(text, gone, kept)
