"""The outside round 32's findings: numbered streets in quotes and one-word streets, relatives'
dates of birth with their weekday, surnames left after first names, names in capitals,
numbers, nicknames and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_numbered_street_in_quotes_goes() -> None:
    out = scrubbed("His results came to 'C. Foy, 12 Glenburn Terrace' in Paisley. And "
                   "'12 Glenburn Terrace' too.")
    assert "Glenburn" not in out and ", [address]' in Paisley" in out, out
    text = "Glenburn Terrace's shops shut. The Terrace's end. Ash Road-side verge."
    assert "Glenburn Terrace's shops" in scrubbed(text), scrubbed(text)


def test_a_numbered_street_of_one_word_ending_in_gate_goes_with_its_town() -> None:
    out = scrubbed("Dispensed by the pharmacy at 41 Westgate, Brackby. Her nan lives at "
                   "12 Kirkgate.")
    for leak in ("Westgate", "Brackby", "Kirkgate"):
        assert leak not in out, (leak, out)
    assert "Dispensed by the pharmacy at [address]." in out, out
    text = "The Westgate shops and Kirkgate Market are busy. She scored 2 at Southgate."
    assert scrubbed(text) == text


def test_a_relatives_date_of_birth_with_its_weekday_goes() -> None:
    out = scrubbed("Her brother was born on Friday 9th June 2017. Mum's birthday is Sunday "
                   "the 2nd of October 1988. Dad was born on Monday, 3 May 1985.")
    for leak in ("9th June 2017", "2nd of October 1988", "3 May 1985"):
        assert leak not in out, (leak, out)
    text = "The meeting was on Friday 9th June 2017. Contact is on Sunday the 2nd of October."
    assert scrubbed(text) == text



def test_a_couples_shared_surname_goes_with_the_second_first_name() -> None:
    out = scrubbed("Her last placement was with Jackie and Mal Dunderdale (Brightpath "
                   "Fostering).")
    for name in ("Jackie", "Mal", "Dunderdale"):
        assert name not in out, (name, out)
    assert "(Brightpath Fostering)" in out, out
    text = "Kyle and Social Services met. She went with Sarah and Leeds United fans."
    assert "Social Services met" in scrubbed(text) and "Leeds United" in scrubbed(text)


def test_a_gaelic_surname_with_its_article_goes_whole() -> None:
    out = scrubbed("Her cousin Caoimhe Mac an tSaoir lives in Dundalk. Her grandmother, "
                   "Seonag Nic a' Phearsain, is kind.")
    for name in ("Caoimhe", "tSaoir", "Seonag", "Phearsain"):
        assert name not in out, (name, out)
    assert "lives in Dundalk" in out and "is kind" in out and " an " not in out, out
    text = "The Mac an Daimh pub is an old one."
    assert scrubbed(text) == text


def test_a_first_name_opening_a_quote_before_its_role_goes() -> None:
    out = scrubbed("Who would you like to tell? 'Sarah my social worker and Mrs Hebblethwaite.'")
    assert "Sarah" not in out and "my social worker and Mrs" in out, out
    text = "Friday my social worker came. 'Leeds my home town.'"
    assert scrubbed(text) == text


def test_a_name_between_commas_with_an_age_after_it_goes() -> None:
    out = scrubbed("Another foster child there, Deacon, was 6.")
    assert "Deacon" not in out and "Another foster child there, " in out, out
    text = "In Leeds, Monday, was 6 hours long. The deacon was kind. The total, all, was 6."
    assert scrubbed(text) == text


def test_a_caller_by_a_quoted_nickname_goes() -> None:
    out = scrubbed("Contact ended after Dad took a call from 'Gaz' on speaker.",
                   child_name="Maisie Lumb")
    assert "Gaz" not in out and "took a call from '" in out, out
    text = "A call from 'Home' and a text from 'Mum' came."
    assert scrubbed(text, child_name="Maisie Lumb") == text


def test_club_and_exam_numbers_a_register_entry_and_device_serials_go() -> None:
    out = scrubbed("His FA number (FAN) is 21876543. His Swim England membership is 1209987 "
                   "and his ABRSM candidate number for Grade 3 drums is 118724. BSL interpreter "
                   "(NRCPD reg. 1234567) attended. Her sensor's transmitter SN 8G4QX2; her meter "
                   "is serial 92817364.")
    for leak in ("21876543", "1209987", "118724", "1234567", "8G4QX2", "92817364"):
        assert leak not in out, (leak, out)
    assert "His FA number (FAN) is [reference]" in out and "transmitter SN [reference]" in out
    text = ("The number of visits is 1500. Reg 44 visits. His membership lapsed in 2024. The "
            "serial killer film. He got SN 12 votes. The total for Grade 3 pupils is 1500.")
    assert scrubbed(text) == text


def test_a_name_in_capitals_with_an_unlisted_surname_goes_quoted_or_not() -> None:
    out = scrubbed("His old coat still has 'RILEY BOOCOCK' written inside; his bag says "
                   "RILEY BOOCOCK too.", child_name="Archie Threlfall")
    assert "RILEY" not in out and "BOOCOCK" not in out and "written inside" in out, out
    text = "MAY CAMHS REVIEW. KYLE SEMH NEEDS. The sign says 'GRACE NHS' and 'NIGHT DRIVE'."
    assert scrubbed(text, child_name="Archie Threlfall") == text


def test_an_initial_and_a_surname_alone_in_a_tables_cell_or_before_a_role_goes() -> None:
    out = scrubbed("Medicine\tDose\tGiven by\tWitness\nMelatonin 3mg\t1 tab\tK. Orrell\t"
                   "J. Ssempala\nHer first health visitor stamp 'K. Pennock HV'.")
    for name in ("Orrell", "Ssempala", "Pennock"):
        assert name not in out, (name, out)
    assert "Melatonin 3mg\t1 tab\tK. [person]" in out and "stamp 'K. [person] HV'" in out, out
    text = "Vitamin\tD. Fine\nPlan B. Grade\tC. Orrell is fine\nPart\tC.\tSection\tB."
    assert scrubbed(text) == text


def test_two_nicknames_a_person_is_go() -> None:
    out = scrubbed("On the estate Kieran is Atko or Akko.", child_name="Kieran Lumb")
    assert "Atko" not in out and "Akko" not in out and "On the estate [child] is" in out, out
    text = "Kyle is Catholic or Muslim. Kyle is Polish or Czech. Kyle is Here or There."
    assert scrubbed(text, child_name="Kieran Lumb") == text


# Over-redactions


def test_a_pet_called_by_a_first_name_or_a_title_keeps_it() -> None:
    text = "Ellie also has a pony called Jasper on loan and a cat called Mr Tibbs."
    assert scrubbed(text, child_name="Ellie Lumb") == text.replace("Ellie", "[child]")
    out = scrubbed("Her teacher is called Mr Tibbs. A boy called Jasper came.",
                   child_name="Ellie Lumb")
    assert "Tibbs" not in out and "Jasper" not in out, out


def test_the_young_scot_card_stays() -> None:
    out = scrubbed("His Young Scot card number is 6395 0412 3456 7890. Her friend Scot came.",
                   child_name="Callan McPhee")
    assert "His Young Scot card number is [reference]" in out and "friend [person]" in out


def test_a_kin_word_after_a_relatives_name_stays() -> None:
    out = scrubbed("An aunt, Rukhsana Khala, rang from Bradford. Saoirse calls her Mamó.",
                   child_name="Saoirse Lumb")
    assert "Rukhsana" not in out and "[person] Khala, rang" in out, out
    assert "calls her Mamó." in out, out
    out = scrubbed("Her aunt, Loku Amma, is kind. Her uncle Kyle Ward came.")
    assert "Loku Amma" in out and "Kyle" not in out and "Ward" not in out, out

@pytest.mark.parametrize("unit", [
    "'12 Ash Terrace' ", "'1 '2 '3 Ash ", "12 Ash Terrace'' ", "a'1 b'2 Road' ",
    "41 Westgate, ", "41 Westgate 41 ", "1 Ab 2 Abgategate ", "12 Abcdefghijklmnopqrstgat ",
    "born on Friday ", "born on Friday the the ", "birthday is Sunday, Sunday ",
    "Jackie and Mal and Mal ", "Jo & Al & Bo ", "Ann Mac an Ann Mac an tSaoir ",
    "Ab Nic a' Nic a' ", "Sarah my Sarah my social ", "Ab, our ab ab, ", ", Deacon, , Deacon, ",
    ", Ab, was 6, Ab, was ", "call from 'Gaz call from '", "text from 'Ab' from '",
    "number (FAN) (FAN) is ", "number (a) is (b) is 1 ", "number for 3 4 5 6 7 is ",
    "membership membership is ", "reg. reg. 1234 ", "SN SN 8G4QX", "serial serial no 8G4Q ",
    "SN 8G4QX2A8G4QX2", "S/N is S/N: ",
    "'RILEY BOOCOCK 'RILEY ", "'AB AB' 'AB AB AB AB ", "RILEY BOOCOCK RILEY ",
    "\tK. Orrell\t", "K. Orrell \t \t ", "| K. Orrell | ", "K. Pennock HV HV ",
    "Ab is Cd or Ef is Gh or ", "Kieran is Atko is Atko or ",
    "cat called Mr cat called ", "cat is called Mr Mr ", "pony called Jasper pony called ",
    "aunt, Ab Khala, aunt, Ab Khala Khala ", "Young Scot Young Scot Young ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
