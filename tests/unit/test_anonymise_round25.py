"""The outside round 25's findings: a named refuge or approved premises before its address,
reference numbers after cues the searches did not know, birth dates in a pasted table, streets
abroad with their numbers and postal codes, and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_named_refuge_or_approved_premises_before_its_address_goes() -> None:
    out = scrubbed("She fled to Rosewood House refuge, 61 Elmfield Road, Ashby Moor. He was "
                   "released to Weston House Approved Premises, 3 Bolton Road, Northby.")
    assert out == ("She fled to [address] refuge, [address]. He was released to [address] "
                   "Approved Premises, [address]."), out


def test_a_court_house_with_a_count_after_it_stays() -> None:
    text = "The Court House unit, 2 hearings. Family Court, 2 Days."
    assert scrubbed(text) == text


def test_prison_dbs_and_practice_numbers_go() -> None:
    out = scrubbed("His prison number was A4417CZ; prisoner number A5521DK. DBS (certificate "
                   "number 001733456920). Practice code: Y03317.")
    assert out == ("His prison number was [reference]; prisoner number [reference]. DBS "
                   "(certificate number [reference]). Practice code: [reference]."), out


@pytest.mark.parametrize("text", [
    "The practice code of conduct. His prison sentence was 4 years.",
    "Her DBS check was done. The certificate number 12 is missing.",
])
def test_words_near_the_new_reference_cues_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_birth_dates_in_a_pasted_table_go_and_its_heading_stays() -> None:
    out = scrubbed("Household members from the export:\n"
                   "Surname,Forename,Date of birth,Relationship\n"
                   "PEARCY,Wayne,03/06/1986,Mother's partner\n"
                   "MCGRATH,Shannon,21/12/2007,Half-sister\n\n"
                   "On 12/03/2020 they moved.")
    assert out == ("Household members from the export:\n"
                   "Surname,Forename,Date of birth,Relationship\n"
                   "[person],[person],[date of birth],Mother's partner\n"
                   "[person],[person],[date of birth],Half-sister\n\n"
                   "On 12/03/2020 they moved."), out


def test_dates_in_a_table_with_no_birth_date_column_stay() -> None:
    text = "Meeting date,Outcome,Notes\n12/03/2020,closed,fine"
    assert scrubbed(text) == text


def test_streets_abroad_go_with_their_numbers_and_postal_codes() -> None:
    out = scrubbed("He lives at Gedimino pr. 28-5, 01103 Vilnius. She lives at Odos Lykavittou "
                   "14, 1065 Nicosia, Cyprus. He stays at Rruga e Durrësit 42, Tiranë.")
    assert out == ("He lives at [address] Vilnius. She lives at [address] Nicosia, Cyprus. He "
                   "stays at [address], Tiranë."), out


def test_a_phone_number_dialled_abroad_from_a_landline_goes_whole() -> None:
    out = scrubbed("Dad's landline is 00353 21 487 6612, his mobile +353 87 615 2240.")
    assert out == "Dad's landline is [phone], his mobile [phone].", out


def test_what_a_child_says_she_and_her_friends_are_called_goes() -> None:
    out = scrubbed('"All about me. My name is Tia but everyone calls me KC or Kace. My best '
                   'friends are Aleesha and Mollie-Mae. I live with my annoying brother TJ."')
    assert out == ('"All about me. My name is [child] but everyone calls me [person] or '
                   '[person]. My best friends are [person] and [person]. I live with my '
                   'annoying brother [person]."'), out


@pytest.mark.parametrize("text", [
    "She calls me Mum or Babe. He called me Stupid. Her friends are Polish and Romanian.",
    "My friends are great. His dad GP said so. She saw the TJ Hughes store.",
])
def test_words_after_calls_me_or_friends_are_that_are_no_names_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_word_no_list_knows_among_first_names_goes() -> None:
    out = scrubbed("Callum came in with Kai, Tamsin and a lad he called Reuben. Kai left.",
                   child_name="Callum Barraclough")
    assert out == ("[child] came in with [person], [person] and a lad he called [person]. "
                   "[person] left."), out


def test_a_word_no_list_knows_in_a_tables_column_beside_a_name_stays() -> None:
    out = scrubbed("Who\tWhen\tSupervised by\nMother\tTuesdays\tShelley (contact worker)\n"
                   "Father\tSaturdays\tUnsupervised\n")
    assert "\tUnsupervised" in out and "Shelley" not in out, out


def test_a_list_of_places_beside_a_name_stays() -> None:
    text = "She has lived in Leeds, Bradford, Halifax and Rio, and played with Kobe and Rio."
    assert scrubbed(text) == text.replace("Kobe", "[person]")


def test_a_speaker_in_a_meeting_transcript_goes_whole() -> None:
    out = scrubbed("Hollie Ackroyd   0:03\nOK, thanks.\n\nBryony Kitchen (Ashby Moor Academy)   "
                   "1:42\nShe has not been in.\n\nMeeting Room   12:30\nLunch Break 1:00")
    assert out == ("[person]   0:03\nOK, thanks.\n\n[person] ([school])   1:42\nShe has not "
                   "been in.\n\nMeeting Room   12:30\nLunch Break 1:00"), out


def test_a_quoted_nickname_in_a_list_of_people_goes() -> None:
    out = scrubbed("The video names two rivals, 'Risky' and Kieron Dunsmore. She likes "
                   "'Frozen' and Kieron Dunsmore.")
    assert out == ("The video names two rivals, '[person]' and [person]. She likes 'Frozen' "
                   "and [person]."), out


def test_a_first_name_that_is_an_abbreviated_relative_goes() -> None:
    out = scrubbed("She lives with her husband Dil Bahadur Thapa. Her DIL Sarah Jones visits.")
    assert out == "She lives with her husband [person]. Her DIL [person] visits.", out


def test_a_named_alternative_provision_goes() -> None:
    out = scrubbed("He attends Horizons Alternative Provision on Wednesdays. He needs "
                   "Alternative Provision; the Alternative Provision is good.")
    assert out == ("He attends [school] on Wednesdays. He needs Alternative Provision; the "
                   "Alternative Provision is good."), out


def test_a_named_dentist_before_its_address_goes() -> None:
    out = scrubbed("- Dentist: Bright Smile Dental, 7 Kirkgate Road; last seen 10/2026. Community "
                   "Dental, 3 visits.")
    assert out == "- Dentist: [address], [address]; last seen 10/2026. Community Dental, 3 "\
        "visits.", out


# Over-redactions


def test_laws_and_protocols_named_after_people_stay() -> None:
    text = ("Philomena Protocol profile (held by police). Sarah's Law disclosure. Under "
            "Clare's Law she was told.")
    assert scrubbed(text) == text


def test_a_name_before_a_word_like_act_in_lower_case_still_goes() -> None:
    out = scrubbed("They made Kai act out. Kai Moss's Act. Tom Law visited.")
    assert out == "They made [person] act out. [person]'s Act. [person] visited.", out


def test_a_doctors_specialty_in_brackets_stays() -> None:
    out = scrubbed("Dr Priyanka Venkataraman (Paediatric Neurology) saw her, and Dr Amy Holt "
                   "(Psychiatry).")
    assert out == "Dr [person] (Paediatric Neurology) saw her, and Dr [person] (Psychiatry).", out


def test_relatives_words_and_a_bank_stay() -> None:
    text = "She told her teacher that Appa hit Amma. She banks with Barclays."
    assert scrubbed(text) == text


def test_a_relatives_word_before_a_name_still_takes_it() -> None:
    out = scrubbed("She lives with her Amma Kalaivani Sivapalan.")
    assert out == "She lives with her Amma [person].", out


def test_a_pet_or_a_server_called_something_stays() -> None:
    text = "My dog is called Rolo. She is in a server called 'Night Crew'."
    assert scrubbed(text) == text


def test_a_person_called_something_still_goes() -> None:
    out = scrubbed("A man called Smiley. A lad he called Reuben. The dog walker called Darnell.")
    assert out == "A man called [person]. A lad he called [person]. The dog walker called "\
        "[person].", out


def test_a_word_on_the_next_line_is_no_part_of_a_name_that_only_looked_wrapped() -> None:
    out = scrubbed("Accompanied by: Aunt, Michaela Greenwood\nRegistered GP: Dr H. Rawnsley")
    assert out == "Accompanied by: Aunt, [person]\nRegistered GP: Dr [person]", out


def test_letters_after_a_doctors_name_stay() -> None:
    out = scrubbed("Dr Oliver Stansfield MRCGP\nGP Partner. She saw Dr Tom Reid FRCPCH.")
    assert out == "Dr [person] MRCGP\nGP Partner. She saw Dr [person] FRCPCH.", out


@pytest.mark.parametrize("unit", [
    "Ab House refuge , 1 ", "Ab Ab House Approved Premises, 1 Ab ", "prison number was 1",
    "practice code ", "Surname,Date of birth,", "1,1,1\n", "Ab pr. 1-1, 1 ", "Odos Ab e Ab 1",
    "00353 1 ", "001 ", "calls me AB or Ab, ", "calls me Ab, Ab, ", "friends are Ab and ",
    "brother AB ", "Ab, Ab, ", "Ab Ab (Ab)   1:11\n", "Ab Ab 1:1 ", "'Ab' and 'Ab' and ",
    "husband Dil Ab ", "Ab Alternative Provision ", "Ab's Law ", "Ab Ab Protocol ",
    "Ab Ab (Ab Neurology) ", "dog is called Ab ", "server called 'Ab' ",
    "Ab Dental, 1 Ab ", "Aunt, Ab Ab\nAb ", "Dr Ab Ab MRCGP ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
