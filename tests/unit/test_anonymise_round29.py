"""The outside round 29's findings: numbers after cues it did not know, dates of birth with
no "DOB" before them, names it missed and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

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


# Leaks: names after role words it did not know, and with honorifics


def test_names_after_faith_roles_a_transfers_sender_and_honorifics_go() -> None:
    out = scrubbed("Elder Mensah-Darko and Evangelist Mrs Comfort Asante visit weekly. A "
                   "receipt: sender 'Olumide A.', receiver Blessing Adeyemi. His only friend is "
                   "Tanaka-kun, and Mum's friend Watanabe-san helps.")
    for name in ("Mensah", "Darko", "Comfort", "Asante", "Olumide", "Blessing", "Tanaka",
                 "Watanabe"):
        assert name not in out, (name, out)
    assert "Elder [person]" in out and "[person]-kun" in out, out


def test_role_and_relatives_words_stay_before_the_names() -> None:
    out = scrubbed("Prophetess Adjoa prayed. Detective Superintendent Ruth Hale reviewed it. "
                   "Drs Nikhil and Priya Shah saw him. His paternal uncle, Amu Hossein, lives "
                   "in Birmingham; his aunt Khaleh Zahra is in Tehran. His Obaachan lives in "
                   "Osaka.")
    assert out == ("Prophetess [person] prayed. Detective Superintendent [person] reviewed it. "
                   "Drs [person] and [person] saw him. His paternal uncle, Amu [person], lives "
                   "in Birmingham; his aunt Khaleh [person] is in Tehran. His Obaachan lives in "
                   "Osaka."), out


def test_the_new_role_words_before_no_name_stay() -> None:
    text = ("The elder boys and the Elder Brother. The sender said yes. A receiver "
            "'Sky' box. Japanese-style food; an X-ray.")
    assert scrubbed(text) == text


def test_a_listed_name_that_is_also_a_word_before_a_surname_and_whom_someone_married_go() -> None:
    out = scrubbed("Tommy Roper\t02/11/2015\tfoster carers Gail and Phil Haworth (Orchard "
                   "Fostering)\tfortnightly\nGrandfather Desmond (b. 1951), m. Lorraine 1974, "
                   "sep. 2004.")
    for name in ("Phil", "Haworth", "Lorraine"):
        assert name not in out, (name, out)
    assert "(Orchard Fostering)" in out and "m. [person] 1974, sep. 2004." in out, out


def test_a_word_after_a_list_and_a_month_after_m_stay() -> None:
    text = "She likes cats and Pat Testing is due. It was 5 m. May 2024 was wet."
    assert scrubbed(text) == text


def test_a_schools_saint_shortened_goes() -> None:
    out = scrubbed("She has been at St Wilf's since Year 7. Wilf's have offered a reduced "
                   "timetable; she wears her St Wilf's blazer. Wilf is her uncle.",
                   school="St Wilfrid's Catholic High School")
    assert out == ("She has been at [school] since Year 7. [school] have offered a reduced "
                   "timetable; she wears her [school] blazer. Wilf is her uncle."), out


def test_a_name_in_capitals_with_a_middle_initial_and_an_address_in_quotes_go() -> None:
    out = scrubbed("- a box labelled 'DIAZEPAM 5MG TABLETS - MR CRAIG D FENWICK - 44 HOLME RD' "
                   "from Boots;")
    assert out == "- a box labelled 'DIAZEPAM 5MG TABLETS - MR [person] - [address]' from Boots;"


def test_a_results_sheets_surname_and_first_name_go_everywhere() -> None:
    out = scrubbed("Results:\n1. CRABTREE, Esme (2012) Northby Swim 1:14.62\nEsme is her best "
                   "friend.")
    assert out == "Results:\n1. [person], [person] (2012) Northby Swim 1:14.62\n[person] is her " \
        "best friend.", out


def test_words_in_capitals_and_a_year_after_a_comma_stay() -> None:
    text = "NOTE, Year (2012) was hard. SEE, Progress (2024) report. HOLME RD's shop."
    assert scrubbed(text) == text


# Over-redactions: shows and their characters


def test_a_musical_a_films_character_and_a_singer_stay() -> None:
    text = ("She saw Matilda the Musical with her aunt. She wants to dress as Elsa from Frozen "
            "and sings Taylor Swift songs.")
    assert scrubbed(text) == text


# Leaks: homes by their names where someone lives or lived


def test_a_named_home_someone_lives_or_lived_in_goes() -> None:
    out = scrubbed("After that he went to Larchfield House (Horizon Care), then a solo "
                   "placement at Whinmoor Lodge. A residence condition at Kinloch Cottage. Nan "
                   "lives in sheltered housing at Heatherbank Court (Anchor). Grandad is in "
                   "Meadowcroft Care Home.")
    assert out == ("After that he went to [address] (Horizon Care), then a solo "
                   "placement at [address]. A residence condition at [address]. Nan "
                   "lives in sheltered housing at [address] (Anchor). Grandad is in "
                   "[address]."), out


def test_a_court_of_law_a_town_hall_and_a_house_with_no_home_stay() -> None:
    text = ("He was placed in care and appeared at Leeds Crown Court. He lives near Leeds "
            "and went to Leeds Magistrates Court. He moved to the Town Hall. She lived in a "
            "Care Home. The meeting was held at Civic House.")
    assert scrubbed(text) == text


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "CHI number (", "CHI number ((((", "CHI number (a a a a a a a a a a a a a a a a a a a",
    "barcode A1 A1 A1 A1 ", "barcode A1 is ", "Person Person: ", "Person:", "PPSN PPSN 1",
    "birthday: ", "BDAY:1993-", "BDAY:199304281993042819930428", "Emp No Emp No 1 ",
    "Ab-kun-", "Ab-Ab-chan", "Abababab-", "sender 'Ab A", "sender 'Ab' ", "sender '",
    "at Ab Ab Ab House ", "at Ab Ab Care Home", "placed at Ab at Ab at Ab Court ",
    "lives lives lives at Ab Court ", "to Ab Ab Ab Ab Lodge",
    "m. Ab Ab ", "m. Ab 19", "m. m. m. Ab (20", "Ab and Phil Ab and Phil ", "Ab, Phil, Ab, ",
    "MR AB A AB A AB A ", "MR AB A A A ", "4 AB AB RD'", "4 AB AB RD'A", "AB, Ab (2012",
    "AB, Ab AB, Ab (", "Elsa from Elsa from ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
