"""The outside round 29's findings: numbers after cues it did not know, dates of birth with
no "DOB" before them, names it missed and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

# Leaks: numbers after cues it did not know


def test_numbers_after_new_cues_go() -> None:
    out = scrubbed("IDs - Person: 3381902 | Legacy CareFirst No: CF-0087713\n"
                   "CHI number (Fife, pre-2024): 1203128865\n"
                   "She runs most Saturdays (parkrun barcode A4471093) with a neighbour. "
                   "Mum's PPSN is 8471923WA. Employee: T Hardy   Emp No 004471   Tax code 1257L\n"
                   "A receipt: MTCN 447-100-9231, £250.")
    for number in ("3381902", "1203128865", "A4471093", "8471923WA", "004471", "447-100-9231"):
        assert number not in out, (number, out)
    assert "Tax code 1257L" in out and "£250" in out, out


def test_a_value_before_is_after_its_cue_goes() -> None:
    assert scrubbed("His barcode A4471093 is on his keyring.") == (
        "His barcode [reference] is on his keyring.")


def test_numbers_near_the_new_cues_that_are_no_reference_stay() -> None:
    text = ("The person in charge (2024) was kind. A person: he said 12 things. The staff "
            "number 40 in all. The barcode is on the box. The case (see above): it was 2025.")
    assert scrubbed(text) == text


# Leaks: dates of birth with no "DOB" before them


def test_a_relatives_birthday_with_its_year_and_a_contact_cards_bday_go() -> None:
    out = scrubbed("- Mum's birthday: 14/03/1990 (she likes a card)\n"
                   "- Kyle's birthday: 19th July 2008\nBEGIN:VCARD\nBDAY:1993-04-28\nEND:VCARD\n"
                   "BDAY:19930428")
    for date in ("14/03/1990", "19th July 2008", "1993-04-28", "19930428"):
        assert date not in out, (date, out)


def test_a_birthday_partys_date_and_a_birthday_month_stay() -> None:
    text = "Her birthday party on 14th March 2026 went well. Her birthday is in March."
    assert scrubbed(text) == text


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "CHI number (", "CHI number ((((", "CHI number (a a a a a a a a a a a a a a a a a a a",
    "barcode A1 A1 A1 A1 ", "barcode A1 is ", "Person Person: ", "Person:", "PPSN PPSN 1",
    "birthday: ", "BDAY:1993-", "BDAY:199304281993042819930428", "Emp No Emp No 1 ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
