"""The outside round 32's findings: numbered streets in quotes and one-word streets, relatives'
dates of birth with their weekday, surnames left after first names, names in capitals,
numbers, nicknames and the over-redactions.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

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


# Over-redactions


def test_the_young_scot_card_stays() -> None:
    out = scrubbed("His Young Scot card number is 6395 0412 3456 7890. Her friend Scot came.",
                   child_name="Callan McPhee")
    assert "His Young Scot card number is [reference]" in out and "friend [person]" in out

@pytest.mark.parametrize("unit", [
    "'12 Ash Terrace' ", "'1 '2 '3 Ash ", "12 Ash Terrace'' ", "a'1 b'2 Road' ",
    "41 Westgate, ", "41 Westgate 41 ", "1 Ab 2 Abgategate ", "12 Abcdefghijklmnopqrstgat ",
    "born on Friday ", "born on Friday the the ", "birthday is Sunday, Sunday ",
    "number (FAN) (FAN) is ", "number (a) is (b) is 1 ", "number for 3 4 5 6 7 is ",
    "membership membership is ", "reg. reg. 1234 ", "SN SN 8G4QX", "serial serial no 8G4Q ",
    "SN 8G4QX2A8G4QX2", "S/N is S/N: ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
