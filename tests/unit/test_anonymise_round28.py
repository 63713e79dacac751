"""The outside round 28's findings: references, addresses and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

# Leaks: numbers, references and addresses; over-redactions: a job title, a dash before a phone


def test_numbers_their_own_cue_names_go() -> None:
    out = scrubbed("Her DBS certificate number is 001712345678 (issued 03/03/2024) and "
                   "Pauline's is 001798765432. He is on the update service, certificate "
                   "001755544433. URN: 14NB0098826. eVisa share code W7X 2KP 9QL. Grandad's dog "
                   "tag, 'G. PICKERSGILL 24681357', hangs. A card gives a false date of birth, "
                   "13/07/2008. Booking reference TL7Q9X2KP; booking ref PX5J8KTR.")
    for number in ("001712345678", "001798765432", "001755544433", "14NB0098826", "W7X 2KP 9QL",
                   "24681357", "13/07/2008", "TL7Q9X2KP", "PX5J8KTR"):
        assert number not in out, (number, out)


def test_numbers_near_those_cues_that_are_no_reference_stay() -> None:
    text = ("The date of birth, 13 is her age. Booking reference REQUIRED. The dog tags, 12 in "
            "all. She is 14 and Mum's is 2026. Her certificate in 2025 was late.")
    assert scrubbed(text) == text


def test_a_house_on_a_street_named_by_its_type_and_an_abbreviated_close_go() -> None:
    out = scrubbed("Her dad's at No. 4 the Crescent. She stayed at 7 Ghyll Cl. for a week.")
    assert out == "Her dad's at [address]. She stayed at [address]. for a week.", out


def test_a_virtual_schools_head_keeps_the_title() -> None:
    out = scrubbed("Yvonne Castleton, Head of Northby Virtual School, rang. She goes to Kelsby "
                   "Grange Academy.")
    assert out == "[person], Head of Northby Virtual School, rang. She goes to [school].", out


def test_a_word_before_a_dash_and_a_phone_stays() -> None:
    out = scrubbed("Parental responsibility: Yes – 07700 900 702\nFamily friend – 07700 900 713\n"
                   "Log MFH-1187 and MFH/26/1187.")
    assert out == ("Parental responsibility: Yes - [phone]\nFamily friend - [phone]\n"
                   "Log [reference] and [reference]."), out


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "certificate 1111 ", "share code AB1AB1", "share code is ", "booking ref A1A1A1A1A1A1A1 ",
    "dog tag ", "dog tags 1 1 1 ", "'s is 1 1 1 1 1 1 1 1 1 1 ", "date of birth, ", "No. 1 the ",
    "No 1 the Road No ", "1 Ab Cl ", "Ab - 1111 - 1111 ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
