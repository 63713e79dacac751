"""Tester round an49's leaks: a pupil number grouped with dots or dashes, a court's case number
spaced, a surname in capitals whose "Mc" or "Mac" keeps its small letters, the family's
initials written with full stops (the child's even where, undotted, they spell the sector's
"CP"), and a UK phone number with a dash after "0044". Each case comes with the neighbour
that must keep working. People, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

PRYCE = dict(child_name="Callum Pryce", family_names=[FamilyMember("Donna Pryce", "mother"),
                                                      FamilyMember("Gary Pryce", "father")])
BROOKES = dict(child_name="Kayden Brookes",
               family_names=[FamilyMember("Donna Brookes", "mother")])


@pytest.mark.parametrize("text", [
    "School transfer: his UPN is J205-1234-5678-9 and the CTF has been sent.",
    "UPN: J205.1234.5678.9 (from the CTF).",
    "Pupil record J205-1234-5678-9 transferred.",
    "Pupil record J205.1234.5678.9 transferred.",
])
def test_a_pupil_number_grouped_with_dots_or_dashes_goes(text: str) -> None:
    out = scrubbed(text)
    assert "1234" not in out and "J205" not in out and "[UPN]" in out, out


@pytest.mark.parametrize("text", [
    "Seen on Ward C 03.11.2026 14.30 by the nurse.",
    "Seen on Ward C 03-11-2026 14.30 by the nurse.",
])
def test_a_letter_before_a_date_and_a_time_is_no_pupil_number(text: str) -> None:
    assert "[UPN]" not in scrubbed(text)


@pytest.mark.parametrize("text", [
    "Care proceedings at the Family Court, case no. LS 26 C 00123, IRH in January.",
    "Care proceedings at the Family Court (LS 26 P 00123), IRH in January.",
])
def test_a_family_courts_case_number_spaced_goes(text: str) -> None:
    out = scrubbed(text)
    assert "00123" not in out and "IRH in January" in out and "Family Court" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Risk from Shane McGUINNESS and his associate.", "McGUINNESS"),
    ("Risk from Kyle MacDONALD (22).", "MacDONALD"),
    ("Seen with McGUINNESS at the park.", "McGUINNESS"),
])
def test_a_surname_in_capitals_after_a_small_mc_or_mac_goes(text: str, gone: str) -> None:
    out = scrubbed(text)
    assert gone not in out and "[person]" in out, out


def test_a_brand_with_a_small_mac_stays() -> None:
    text = "He has a MacBook and an iMac for his music."
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("C.P. was seen in a car with older males.", "[child] was seen in a car with older males."),
    ("03/11/2026 C.P. missing overnight.", "03/11/2026 [child] missing overnight."),
    ("Police located C. P.", "Police located [child]."),
    ("Mother (D.P.) declined to sign the S20 consent.",
     "Mother ([mother]) declined to sign the S20 consent."),
    ("Mrs D.P. attended the LAC review.", "Mrs [mother] attended the LAC review."),
    ("Police located C.P. She was calm.", "Police located [child]. She was calm."),
])
def test_the_familys_initials_with_full_stops_go(text: str, expected: str) -> None:
    assert scrubbed(text, **PRYCE) == expected


@pytest.mark.parametrize("text", [
    "CP was seen in a car with older males.",  # README: undotted, the sector's capitals stay
    "The C.P. conference is on Monday.",
    "N.B. he has a CP plan.",
])
def test_the_sectors_capitals_stay_beside_a_child_whose_initials_spell_them(text: str) -> None:
    assert scrubbed(text, **PRYCE) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Police located K. B. at 2am.", "Police located [child] at 2am."),
    ("K.B. was seen in a car.", "[child] was seen in a car."),
    ("Mrs D.B. attended the LAC review.", "Mrs [mother] attended the LAC review."),
])
def test_initials_with_a_space_after_the_full_stop_go(text: str, expected: str) -> None:
    assert scrubbed(text, **BROOKES) == expected


@pytest.mark.parametrize("text", [
    "Boyfriend's number 0044-7700-900-789 found in her phone.",
    "Boyfriend's number +44-7700-900-789 found in her phone.",
])
def test_a_phone_number_with_a_dash_after_the_countrys_code_goes_whole(text: str) -> None:
    out = scrubbed(text)
    assert "789" not in out and "[phone] found" in out, out


@pytest.mark.parametrize(("text", "expected"), [
    ("The family's Staffy, Tyson, was seized by police.",
     "The family's Staffy, [person], was seized by police."),
    ("His Staffie, Rocky, and his Jack Russell are with Nan.",
     "His Staffie, [person], and his Jack Russell are with Nan."),
    ("His dog (Rocky) is old.", "His dog ([person]) is old."),
])
def test_a_pets_name_beside_it_goes_and_its_breed_stays(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "His dog, a terrier, is with Nan.",
    "He has a Jack Russell and a Staffy.",
])
def test_a_breed_is_no_person(text: str) -> None:
    assert scrubbed(text) == text
