"""Numbers, dates and names written with characters that look like plain ones, or grouped
with dots, slashes or brackets.

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


@pytest.mark.parametrize(("written", "expected"), [
    ("Mum on 07700.900.111 or 0113/496 0999.", "Mum on [phone] or [phone]."),
    ("Mum on 0 7700 900 111 most days.", "Mum on [phone] most days."),
    ("Brother NHS 999.123.4004; mum 999/123/4071; gran (999) 123 4217.",
     "Brother NHS [NHS number]; mum [NHS number]; gran [NHS number]."),
    ("Mum's NI QQ.12.34.56.C.", "Mum's NI [NI number]."),
    ("Seen 01.12.2026 at 10.30; scored 4.5 of 5; v1.07700900111.",
     "Seen 01.12.2026 at 10.30; scored 4.5 of 5; v1.07700900111."),
])
def test_numbers_grouped_with_dots_slashes_or_brackets_are_found(written: str,
                                                                 expected: str) -> None:
    out, _ = anonymised_background(written, today=TODAY)
    assert out == expected


def test_numbers_and_dates_wrapped_in_text_direction_marks_are_found() -> None:
    """As a phone copies them out of a chat: each value isolated, left to right."""
    text = ("Mum \u2066077\u2069\u206600 900111\u2069; born \u202a09/05/2011\u202c; "
            "home LS6\u20289QT.")
    out, _ = anonymised_background(text, today=TODAY, date_of_birth=date(2011, 5, 9),
                                   home_postcode="LS6 9QT")
    assert out == "Mum [phone]; born [date of birth]; home LS6."


def test_a_name_given_again_in_its_own_script_is_removed() -> None:
    out, _ = anonymised_background("Fatima (فاطمة حداد) arrived in May; the interpreter wrote "
                                   "فاطمة حداد on the form. Her aunt (Θεία) visits.",
                                   today=TODAY, child_name="Fatima Haddad")
    assert out == ("[child] ([person]) arrived in May; the interpreter wrote [person] on the "
                   "form. Her aunt ([person]) visits.")  # every word in another script goes


@pytest.mark.parametrize(("written", "expected"), [
    ('Her uncle Jordan "JJ" McKenzie drives her.', "Her uncle [person] drives her."),
    ("Her friend Reece (Reecey) Halliday, and Reecey alone.",
     "Her friend [person], and [person] alone."),
    ("Her worker Sam (Uncle) no.", "Her worker [person] (Uncle) no."),
])
def test_a_nickname_inside_a_name_the_text_introduces_goes_with_it(written: str,
                                                                    expected: str) -> None:
    out, _ = anonymised_background(written, today=TODAY)
    assert out == expected


def test_full_width_digits_and_letters_are_the_plain_ones() -> None:
    """As Chinese and Japanese keyboards type them: "０７７００ ９００９８２", "Ｂｒｏｏｋｅ"."""
    full_width = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
    nhs = "999 765 4323"
    text = f"NHS {nhs.translate(full_width)}, phone ０７７００ ９００９８２, Ｂｒｏｏｋｅ."
    out, _ = anonymised_background(text, today=TODAY, child_name="Brooke Vance",
                                   nhs_number=nhs)
    assert out == "NHS [NHS number], phone [phone], [child]."
