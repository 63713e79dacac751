"""Numbers, dates and names written with characters that look like plain ones.

Outlook's plain-text part carries a no-break space wherever its HTML had `&nbsp;`, Word puts an
en dash between the parts of a number, and text copied from a PDF keeps its ligatures
("Griﬃn"). A reader sees "07700 900111", "LS6–9QT" and "Griffin"; so must the anonymiser.
People and numbers are made up (NHS numbers from the 999 range).
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.items import text_lines
from broker.referral import FamilyMember
from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)
SPACES = ["\u00a0", "\u2002", "\u2007", "\u2009", "\u202f", "\u3000"]
DASHES = ["\u2010", "\u2011", "\u2013", "\u2212"]


@pytest.mark.parametrize("gap", SPACES + DASHES)
def test_numbers_with_a_look_alike_space_or_dash_are_found(gap: str) -> None:
    text = (f"Mum 07700{gap}900111; other NHS 999{gap}000{gap}1006; home LS6{gap}9QT; "
            f"friend at LS1{gap}4AP.")
    out, _ = anonymised_background(text, today=TODAY, home_postcode="LS6 9QT")
    assert out == "Mum [phone]; other NHS [NHS number]; home LS6; friend at LS1."


@pytest.mark.parametrize("gap", ["\u00a0", "\u2013"])
def test_the_date_of_birth_with_a_look_alike_space_or_dash_is_found(gap: str) -> None:
    text = f"Born 9{gap}May{gap}2011; DOB 09{gap}05{gap}2011."
    out, counts = anonymised_background(text, today=TODAY, date_of_birth=date(2011, 5, 9))
    assert out == "Born [date of birth]; DOB [date of birth]."
    assert counts == {"date_of_birth": 2}


def test_names_written_with_ligatures_are_found() -> None:
    family = [FamilyMember("Tiffany Griffin", "aunt"), FamilyMember("Raffaele Fifield", "cousin")]
    out, _ = anonymised_background("Her aunt Tiﬀany Griﬃn visits; so does Raﬀaele Fiﬁeld.",
                                   today=TODAY, family_names=family)
    assert out == "Her aunt [aunt] visits; so does [cousin]."


def test_the_plain_text_reader_reads_look_alikes_as_plain_characters() -> None:
    assert text_lines("Date of birth:\u00a009\u201305\u20132011\nSchool: Griﬃn\u2009Academy") == [
        "Date of birth: 09-05-2011", "School: Griffin Academy"]
