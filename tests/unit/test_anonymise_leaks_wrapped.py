"""Numbers, codes and dates that a mail client hard-wrapped onto the next line.

Plain-text mail is wrapped at 72-76 characters, and the break can fall where a number has a
space: "NB3\\n7QT", "07700\\n900456". Each is still found, as it would be on one line; a blank
line (a paragraph break) still ends it. Phone numbers are from Ofcom's drama ranges, NHS
numbers from the 999 test range; people and places are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


def scrubbed(text: str, **fields: object) -> tuple[str, dict[str, int]]:
    return anonymised_background(text, today=TODAY, **fields)


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("07700\n900456", "[phone]"),
        ("0113\n496 0999", "[phone]"),
        ("0113 496\n  0999", "[phone]"),
        ("+44 7700\n900456", "[phone]"),
        ("999 000\n1111", "[NHS number]"),
        ("999\n000 1111", "[NHS number]"),
        ("QQ 12 34\n56 C", "[NI number]"),
        ("QQ\n123456C", "[NI number]"),
        ("aimee.finch@\nexample.com", "[email]"),
    ],
)
def test_a_number_wrapped_onto_the_next_line_is_still_found(written: str, label: str) -> None:
    out, _ = scrubbed(f"Contact on {written} today.")
    assert out == f"Contact on {label} today."


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("DOB 03/04/\n1988", "DOB [date of birth]"),
        ("DOB\n03/04/1988", "DOB\n[date of birth]"),
        ("born on 3rd April\n1988", "born on [date of birth]"),
        ("born\non 3 Apr 1988", "born\non [date of birth]"),
    ],
)
def test_a_wrapped_date_of_birth_is_still_found(written: str, expected: str) -> None:
    out, counts = scrubbed(f"Her aunt, {written}, visits.")
    assert out == f"Her aunt, {expected}, visits."
    assert counts == {"birth_date": 1}


def test_the_childs_own_wrapped_date_of_birth_is_found() -> None:
    out, counts = scrubbed("Born 09/05/\n2011 in Northby.", date_of_birth=date(2011, 5, 9))
    assert out == "Born [date of birth] in Northby."
    assert counts == {"date_of_birth": 1}


@pytest.mark.parametrize("written", ["NB3\n7QT", "NB3 \n 7QT", "nb3\n7qt", "NB3-7QT"])
def test_the_childs_own_postcode_wrapped_or_hyphenated_is_cut_to_its_area(written: str) -> None:
    out, counts = scrubbed(f"She lived at {written}, then moved.", home_postcode="NB3 7QT")
    assert out == "She lived at NB3, then moved."
    assert counts == {"home_postcode": 1}


@pytest.mark.parametrize(("written", "expected"), [
    ("maps.example/?q=NB3+7QT", "maps.example/?q=NB3"),
    ("maps.example/search/nb3%207qt/", "maps.example/search/NB3/"),
])
def test_the_childs_own_postcode_in_a_web_address_is_cut_to_its_area(
    written: str, expected: str
) -> None:
    out, counts = scrubbed(f"Her mother shared {written} on Facebook.", home_postcode="NB3 7QT")
    assert out == f"Her mother shared {expected} on Facebook."
    assert counts == {"home_postcode": 1}


@pytest.mark.parametrize("written", ["NB9\n4XD", "NB9-4XD"])
def test_another_postcode_wrapped_or_hyphenated_is_cut_to_its_area(written: str) -> None:
    out, counts = scrubbed(f"Her friend lives at {written} now.")
    assert out == "Her friend lives at NB9 now."
    assert counts == {"postcode": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Sessions: 999 000\n\n1111 was the ticket.",
        "Call 07700\n\n900456 is the room.",
        "Group NB9\n\n4XD",
        "Year 10\n2nd term.",
    ],
)
def test_a_paragraph_break_ends_a_number(text: str) -> None:
    assert scrubbed(text)[0] == text


@pytest.mark.parametrize(("text", "expected"), [
    ("She stayed with Sophie Ash-\nworth and her mum. Later Ashworth rang.",
     "She stayed with [person] and her mum. Later [person] rang."),
    ("Her friend Kerry-\nanne Doyle rang.", "Her friend [person] rang."),
    ("Her best friend is Lacey-\nMae Threlfall. KERRY-\nANNE DOYLE (19) drives.",
     "Her best friend is [person]. [person] (19) drives."),
    ("Contact: Leeds-\nBradford Airport. She is Anglo-\nIndian.",
     "Contact: Leeds-\nBradford Airport. She is Anglo-\nIndian."),
    ("The Multi-\nagency panel met. Self-\nharm is a risk; she is well-\nknown. Ash-\n\nworth.",
     "The Multi-\nagency panel met. Self-\nharm is a risk; she is well-\nknown. Ash-\n\nworth."),
])
def test_a_name_broken_by_a_hyphen_at_a_lines_end_goes_whole(text: str, expected: str) -> None:
    assert scrubbed(text)[0] == expected
