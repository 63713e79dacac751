"""The outside round 35's findings: festivals of faith, a relative's word in another language
between two names, someone's GP, the Home Office's intake unit, a hospital ward by its name,
the Home Office's case ID, a Crown Court's case number, "Mohd" and "Md" for Mohammed, a pet
name a brother messages by, a name's initials beside it, a letter someone goes by, a named
business before a street and a club's ground.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Over-redactions


def test_festivals_of_faith_stay() -> None:
    text = ("On Raksha Bandhan she ties a rakhi. She loves Rosh Hashanah and Hanukkah. From "
            "her stepfamily she loves pierogi, Wigilia on Christmas Eve.")
    assert scrubbed(text) == text


def test_a_relatives_word_between_two_names_stays_and_the_names_go() -> None:
    out = scrubbed("He calls Mrs Kowalczyk Ciocia Gosia.")
    assert out == "He calls Mrs [person] Ciocia [person].", out


def test_someones_gp_keeps_its_words_and_a_practice_goes() -> None:
    out = scrubbed("Tia's GP is Dr Okafor at Larchfield Surgery.")
    assert out == "[child]'s GP is Dr [person] at [address].", out


def test_the_kent_intake_unit_stays() -> None:
    text = "She was processed at the Kent Intake Unit."
    assert scrubbed(text) == text
    assert "Kent" not in scrubbed("Kent Barlow collected her.")


# Leaks


def test_a_hospital_ward_by_its_name_goes_and_a_ward_for_its_patients_stays() -> None:
    out = scrubbed("She is an inpatient on Starfish Ward at the infirmary. He is on Ladybird Ward.")
    assert "Starfish" not in out and "Ladybird" not in out, out
    text = "She was on the Children's Ward, then moved to Maternity Ward."
    assert scrubbed(text) == text


def test_a_home_office_cid_and_a_crown_courts_case_number_go() -> None:
    out = scrubbed("Port ref LHR-26-55812, Home Office CID 11874429. The next hearing is at "
                   "the Crown Court, T20267041, before the judge.")
    assert "11874429" not in out and "T20267041" not in out, out
    text = "The CID officer came in 2026. She was in T2 on 4 May."
    assert scrubbed(text) == text


def test_mohd_and_muhd_are_forms_of_the_childs_name() -> None:
    out = scrubbed("His name is spelt Muhammad by the GP, Mohd on his passport and Muhd at "
                   "college.", child_name="Mohammed Rahim")
    assert "Mohd" not in out and "Muhd" not in out, out
    assert "on his passport" in out, out


def test_a_pet_name_someone_messages_her_by_goes() -> None:
    out = scrubbed("Her brother, in Calais, messages her as 'Yoni'. Yoni is his word for her.")
    assert "Yoni" not in out, out
    text = "He messages her as usual. She texts him as 'a friend'."
    assert scrubbed(text) == text


def test_md_is_a_form_of_the_childs_name() -> None:
    out = scrubbed("His passport says Md. Rahim; school writes Md Rahim.",
                   child_name="Mohammed Rahim")
    assert "Md" not in out, out
    text = "The MD of the firm rang about his MDMA use."
    assert scrubbed(text, child_name="Mohammed Rahim") == text


def test_a_names_initials_beside_it_go_there_and_after() -> None:
    out = scrubbed("His closest friend is AJ (Ashley Jonas, 17). AJ is kind; AJ's mum drives.")
    assert "AJ" not in out and "Ashley" not in out, out
    out = scrubbed("Forms write the surname as Van Der Meulen, Vandermeulen and VDM.",
                   child_name="Lucas van der Meulen")
    assert "VDM" not in out, out


def test_capitals_that_are_no_ones_initials_stay() -> None:
    text = ("Peter Evans loves PE. Lucy Anne Carter is LAC and was seen at A&E. AJ is a "
            "rapper; Ashley Jonas is his teacher.")
    out = scrubbed(text)
    assert "PE." in out and "LAC" in out and "A&E" in out and "AJ is a rapper" in out, out


def test_a_letter_someone_goes_by_goes_there_and_after() -> None:
    out = scrubbed("The man is only known as 'K' or Big K; police think K is Kareem Lindo (24). "
                   "K's car is red. His girlfriend, 'T', is Tanisha Reid (15); T is kind.")
    assert "'K'" not in out and "Big K" not in out and "K is" not in out, out
    assert "K's" not in out, out
    assert "'T'" not in out and "T is kind" not in out, out


def test_single_letters_that_are_no_ones_name_stay() -> None:
    text = ("His girlfriend, 'T', is Tanisha Reid. I got a T-shirt, a T in the quiz, Plan T, "
            "Vitamin T, (T) and J T Smith.")
    out = scrubbed(text)
    assert all(kept in out for kept in ("I got a T-shirt", "a T in", "Plan T", "Vitamin T",
                                        "(T)", " T [person]")), out
    text = "I got a C in maths, Plan B, blood group A and Vitamin D at A&E; he calls it 'K'. K."
    assert scrubbed(text) == text


def test_a_named_business_that_locates_a_street_goes() -> None:
    out = scrubbed("He was found tending a cannabis grow above Lucky Nails on Wharf Lane. He "
                   "was seen outside Tony's Kebabs on Mill Road.")
    assert "Lucky Nails" not in out and "Tony's Kebabs" not in out, out
    assert "a cannabis grow above [address] on [address]" in out, out
    text = "He waits outside school on Fridays and lives above the shop."
    assert scrubbed(text) == text


def test_a_clubs_ground_after_the_club_goes() -> None:
    out = scrubbed("He plays rugby for Dyffryn Dragons at Cae'r Ddôl on Saturdays.")
    assert "Cae'r Ddôl" not in out and "on Saturdays" in out, out
    text = ("She plays for Hexby Town at Weekends, for the Lions at Christmas and trains for "
            "the county at Under 14s.")
    assert scrubbed(text) == text


@pytest.mark.parametrize("unit", [
    "on Starfish Starfish Ward ", "on Ward ", "Tia's GP ", "a's ", "T2026704 ", "T2026",
    "messages her as 'x' ", "CID 1 ", "AJ ", "AJ (Ashley Jonas) ", "Md ",
    "known as 'K' ", "girlfriend, 'K', K ", "Plan K ", "a K ",
    "above Lucky Nails on Wharf Lane ", "above Lucky Lucky ", "plays x for Dyffryn at Cae Cae ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
