"""The outside round 44's leaks: what a history, needs and risks section still gave away.

A street named by a word no list holds beside a landmark ("the shops on Dewhurst Road"),
which says which town as a home's street does; the child's initials heading a chronology's
dated lines ("05/11/2026 KB missing overnight"). Each case comes with the neighbours that must
keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# A landmark's street goes when a word of its own is no word and no listed name


@pytest.mark.parametrize(("text", "street"), [
    ("Tia hangs around outside the shops on Dewhurst Road with older youths.", "Dewhurst"),
    ("She waits at the bus stop on Kirkstall Road after school.", "Kirkstall"),
    ("She was seen near Ashgrove Avenue and opposite Cobden Street.", "Ashgrove"),
    ("She was seen near Ashgrove Avenue and opposite Cobden Street.", "Cobden"),
    ("She catches the bus on Raikes Lane to town.", "Raikes"),
    ("The Dewhurst Road shops are where she goes.", "Dewhurst"),
])
def test_a_landmarks_street_named_by_a_rare_word_goes(text: str, street: str) -> None:
    out = scrubbed(text)
    assert street not in out and "[address]" in out, out


@pytest.mark.parametrize("text", [
    "She waits at the bus stop on Queen's Road after school.",
    "She shops on the High Street and meets friends near Piccadilly Gardens.",
    "The High Street was busy; they met outside the station on Station Road.",
    "They met on the Ring Road. She sat in the park on Sunday.",
])
def test_a_landmarks_street_any_town_has_stays(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize("unit", [
    "shops on Ab Road ", "the Ab Cd Ef Road ", "The Ab The Ab Road ", "near near Ab Street ",
    "\n05/11/2026 TJA ", "\n3 Nov 2026: TA ", "TA seen TA ", "\n1/1 1/1 ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR


# The child's initials go where they stand as a person does, in a chronology too


@pytest.mark.parametrize("text", [
    "05/11/2026 KB missing overnight, returned 09:00.\n06/11/2026 KB seen with an adult male.",
    "12.03.26 – KB at high risk of CSE.\n13.03.26 – strategy meeting held.",
    "3 Nov 2026: KB at high risk of CSE.",
    "KB was found at 2am by police and KB's phone was seized.",
    "Police report that KB absconded again on Friday.",
])
def test_the_childs_initials_as_a_person_go(text: str) -> None:
    out = scrubbed(text, child_name="Kayla Brennan")
    assert "KB" not in out and "[child]" in out, out


@pytest.mark.parametrize(("text", "child"), [
    ("The upload limit is 40 KB; KB files only.", "Kayla Brennan"),
    ("The report (KB) was sent to the panel.", "Kayla Brennan"),
    ("TB was ruled out by the GP.", "Tom Brown"),
    ("12/03/2026 - TB screening done.", "Tom Brown"),
])
def test_two_capitals_that_stand_as_no_person_stay(text: str, child: str) -> None:
    assert scrubbed(text, child_name=child) == text
