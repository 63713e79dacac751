"""The outside round 33's findings: names in capitals surname first and on a parcel's label,
dates of birth in a list or with Word's fraction slash, numbers typed one to a box, a pet's
microchip, an e-ticket, and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_records_pairs_in_capitals_surname_first_go() -> None:
    out = scrubbed("ARRESTED WITH: MOXON, KAI (17) ; BRIGGS, TYLER-JAY\n"
                   "APPROPRIATE ADULT: SCHOFIELD, DENISE (MGM)\n"
                   "PROPERTY: 1 X IPHONE, £45 CASH, 1 X KEY FOB")
    for leak in ("MOXON", "KAI", "BRIGGS", "TYLER", "SCHOFIELD", "DENISE"):
        assert leak not in out, (leak, out)
    assert "APPROPRIATE ADULT: [person], [person] (MGM)" in out, out
    text = "CONCERNS: CCE, CSE, MAY, JUNE. LEEDS, SARAH. PROPERTY: 1 X IPHONE, £45 CASH."
    assert scrubbed(text) == text


def test_a_labels_sender_by_an_initial_and_a_surname_in_capitals_goes() -> None:
    out = scrubbed("Parcels found in her room:\n"
                   "FROM: R. DUCKWORTH, FLAT 9, ALMA HOUSE, CARBY NB3 4PP\nTo: J SHACKLETON")
    assert "DUCKWORTH" not in out and "SHACKLETON" not in out, out
    text = "TO: A LIST\nFROM: B FLAT\nTo: ALL STAFF"
    assert scrubbed(text) == text


def test_a_date_of_birth_with_fraction_slashes_goes() -> None:
    out = scrubbed("Her Word report: Tia (born 14⁄03⁄2012) is in 9C.")
    assert "2012" not in out and "(born [date of birth])" in out, out


def test_every_date_in_a_list_of_dates_of_birth_used_goes() -> None:
    out = scrubbed("DATES OF BIRTH USED: 11/04/1996, 11/04/1995 and 3 May 1990\n"
                   "Born on 3/4/2011, 5/6/2026 she moved.")
    for leak in ("1996", "1995", "1990", "3/4/2011"):
        assert leak not in out, (leak, out)
    assert "5/6/2026 she moved" in out, out


def test_an_ni_number_one_character_to_a_box_goes() -> None:
    out = scrubbed("Grandad's NI number: Q Q 1 2 3 4 5 6 D.")
    assert "Q Q 1" not in out and "[NI number]" in out, out
    text = "Rooms A B 1 2 3 4 5 6 and a score of 1 2 3."
    assert scrubbed(text) == text


def test_a_microchip_and_an_e_ticket_number_go() -> None:
    out = scrubbed("The dog's microchip is 941000024681357. Booking e-ticket 0712345678901.")
    assert "941000024681357" not in out and "0712345678901" not in out, out
    text = "The microchip is fitted. Her e-ticket came in 2026."
    assert scrubbed(text) == text


def test_a_name_with_a_modifier_letter_apostrophe_goes() -> None:
    out = scrubbed("A pasted form shows Oʼneill (with the modifier apostrophe).",
                   child_name="Kacey O'Neill")
    assert "neill" not in out.casefold(), out



def test_a_date_of_birth_with_the_month_as_an_ordinal_goes() -> None:
    out = scrubbed("His mother wrote 'the 4th of the 3rd, 2011' on the consent; the 4th of the "
                   "3rd, 2026 was a Monday; the 4th of the 3rd floor.",
                   date_of_birth=date(2011, 3, 4))
    assert "2011" not in out and "'the [date of birth]' on the consent" in out, out
    assert "the 4th of the 3rd, 2026 was" in out and "the 4th of the 3rd floor" in out, out


def test_a_name_split_by_a_pdfs_page_furniture_goes_whole() -> None:
    out = scrubbed("Lily has regular contact with her maternal aunt, Charlene\n"
                   "OFFICIAL - SENSITIVE    Page 2 of 6\n"
                   "Boocock, who lives in Carby. The concern is her mother's partner, Mr "
                   "Vincent\n[Page 3]\n"
                   "Atherton, was arrested.")
    for leak in ("Charlene", "Boocock", "Vincent", "Atherton"):
        assert leak not in out, (leak, out)
    assert "OFFICIAL - SENSITIVE    Page 2 of 6\n[person], who lives" in out, out
    assert "\n[Page 3]\n[person], was" in out, out


def test_first_names_with_an_initial_in_a_tab_grid_go() -> None:
    out = scrubbed("The seating plan:\n\nWindow\t\tTeacher's desk\n"
                   "Harvey L\tOllie W\tMaisie K\nIsla-Rose\tFinley Crowther\tEvie P\n\n"
                   "They sit apart.",
                   child_name="Harvey Lister")
    for leak in ("Ollie", "Maisie"):
        assert leak not in out, (leak, out)
    assert "Window\t\tTeacher's desk" in out, out
    out = scrubbed("Harvey L | Ollie W | Maisie K", child_name="Harvey Lister")
    assert "Ollie" not in out and "Maisie" not in out, out
    text = "Grid:\nPlan A\tTeam B\tGroup C\nPlan A | Team B\n"
    assert scrubbed(text) == text


def test_the_hamlet_after_a_farm_and_a_traveller_sites_bay_go() -> None:
    out = scrubbed("Ellis stays weekends at Hollins Farm, Lower Beck, with his mother's "
                   "partner. His grandparents are at Bay 3, Holme Bridge Transit Site, in a "
                   "trailer.")
    for leak in ("Hollins", "Lower Beck", "Bay 3", "Holme"):
        assert leak not in out, (leak, out)
    assert "at [address], with his mother's partner" in out and "at [address], in a" in out
    text = ("She was placed at Meadowcroft Care Home, Leeds, in May. The council transit site "
            "is full. He likes Lower Beck Farm Shop.")
    out = scrubbed(text)
    assert ", Leeds, in May" in out and "The council transit site is full" in out, out


@pytest.mark.parametrize("unit", [
    "AB, CD, ", "MOXON, KAI, MOXON, ", "BRIGGS, TYLER-JAY-", "A, B, C, ",
    "FROM: R. DUCKWORTH\n", "FROM: R R R ", "TO:  A.  AB\nTO: ",
    "Q Q 1 2 3 4 5 6 ", "Q Q 1 2 3 ", "A B 1 2 3 4 5 6 D A ",
    "dates of birth used: 1/2/1990, ", "dates of birth 1/2/1990 and 1/2/1990, and ",
    "dobs , , , 1/2/ ", "microchip is microchip ", "e-ticket e-ticket 1 ",
    "ʼaʼ⁄1⁄ ", "the 4th of the 3rd the 4th of the ", "4th of the 4th of the 3rd, ",
    "Ab\nPage 2 of 6\nPage 2\n", "\n- - - - - Page 1\n", "\n[Page 3] [Page 3]\n",
    "Ab C\tAb C\t", "Harvey L\tOllie W\t", "Ab-Cd E\t\t", "\tA\t", "Ab C | Ab C |", "| | Ab ",
    "at Hollins Farm, Lower Beck, ", "at Ab Farm, Ab Farm, ", "Bay 3, Bay 3, Ab Transit Site ",
    "Ab Cd Ef Gh Transit Transit Site ", "Bay 3 Bay 3 Ab ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
