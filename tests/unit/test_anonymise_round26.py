"""The outside round 26's findings: dates of birth in a life's dates, a JSON record and a
dotted year-first date; reference numbers after cues the searches did not know; addresses,
map references, links, names in quotes and lists, and the over-redactions it found.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import LINEAR, growth, repeated

# Leaks: dates of birth


def test_the_first_of_a_lifes_dates_is_a_birth_date() -> None:
    out = scrubbed("The order of service reads 'In loving memory of Nicola Jane Gaunt, "
                   "21.06.1986 – 09.09.2026'. A tattoo 'Mum - Tracey 14.02.1982 - 09.09.2024'. "
                   "In memory of Lily, 01.02.2019 - 05.03.2022.")
    assert "21.06.1986" not in out and "14.02.1982" not in out and "01.02.2019" not in out, out
    assert "09.09.2026" in out and "05.03.2022" in out, out


@pytest.mark.parametrize("text", [
    "The placement ran 01/02/2020 - 03/04/2021. The order 1.2.2010 to 3.4.2011 ended.",
    "In memory of her gran. Placement 01/02/2020 - 03/04/2021 was fine.",
])
def test_a_shorter_stretch_of_dates_with_no_mourning_stays(text: str) -> None:
    assert scrubbed(text) == text


def test_a_middle_name_and_a_nickname_between_names_go() -> None:
    out = scrubbed("In loving memory of Nicola Jane Gaunt. The plaque 'Nicky \"Nix\" Gaunt - "
                   "forever loved'.", child_name="Harley Gaunt",
                   family_names=[FamilyMember("Nicola Gaunt", "mother")])
    assert "Jane" not in out and "Nix" not in out and "Nicky" not in out, out
    assert "forever loved" in out, out


def test_a_birth_date_in_a_json_record_and_year_first_with_dots_goes() -> None:
    out = scrubbed('{"id": 12, "dob": "2009-07-14T00:00:00Z", "x": 1}\n'
                   "His sister Casey's DOB is 2015.11.21 and Sam b. 2014/03/02.")
    assert out == ('{"id": 12, "dob": "[date of birth]", "x": 1}\n'
                   "His sister [person]'s DOB is [date of birth] and [person] b. "
                   "[date of birth]."), out


def test_a_year_first_date_with_no_birth_cue_stays() -> None:
    text = 'The review on 2015.11.21 went well. {"date": "2009-07-14T00:00:00Z"}'
    assert scrubbed(text) == text


# Leaks: reference numbers behind cues the searches did not know


@pytest.mark.parametrize(("text", "expected"), [
    ("His GWF number GWF066712345. The port reference on his IS96 is DVR/10/26/01877.",
     "His GWF number [reference]. The port reference on his IS96 is [reference]."),
    ("His ARC card number is UKA 123456 78. Her H&C number 320 614 7725, unit no. is J4412093.",
     "His ARC card number is [reference]. Her H&C number [reference], unit no. is [reference]."),
    ("Police incident 0345 of 03/11/2026 and log 1234 of 3rd Nov.",
     "Police incident [reference] of 03/11/2026 and log [reference] of 3rd Nov."),
    ("On EHM 445521, on CareFirst as 1122334 and on ICS as 556677.",
     "On EHM [reference], on CareFirst as [reference] and on ICS as [reference]."),
    ("Her PESEL is 13230304562. His personal number (CNP) is 1870921044521, his card seria RX "
     "nr 447120. Her dowód osobisty ABC 123456.",
     "Her PESEL is [reference]. His personal number (CNP) is [reference], his card seria RX "
     "nr [reference]. Her dowód osobisty [reference]."),
    ("The phone (IMEI 35 209900 176148 1) was seized.", "The phone (IMEI [reference]) was seized."),
    ("Her exam candidate number is 4172. The SIMS admission number is 011845. Service number "
     "30123456. Her medical card number is 60127.",
     "Her exam candidate number is [reference]. The SIMS admission number is [reference]. "
     "Service number [reference]. Her medical card number is [reference]."),
])
def test_a_number_after_any_records_word_goes(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "The number of visits is 1500. The total number was 2300 last year.",
    "She was number 1234 in the queue. A room number 12. The log 2026 entry. Incident at 4pm.",
    "Her phone number is new. Nr Leeds 12 miles. The average number is 1500.",
])
def test_counts_and_words_near_the_new_cues_stay(text: str) -> None:
    assert scrubbed(text) == text


# Every new pattern, on text made to make it backtrack


@pytest.mark.parametrize("unit", [
    "Ab 01.01.2000 - ", "1.1.1990 - 1.1.1991 to ", "in memory of 1-1-2000 – 1-1-", "1/1/19",
    '"dob": "2000-01-01T00:00:00', '"dob" : "', "DOB is 2000.1.1", "b. 2000/1/1T1",
    'Ab "Ab" Ab ', "Ab Jane Ab ", "Ab (Ab) (Ab) ", "Ab number ", "Ab number ab ab ab ab ",
    "a number aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ", "H&C no. is 1", "(CNP) is ", "nr 1 ",
    "IMEI 1 1 1 1 1 1 1 1 1 1 1 1 1 ", "on ICS as ", "log 1 ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, 10_000, repeats=3) < LINEAR
