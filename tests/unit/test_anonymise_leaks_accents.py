"""Names written with their accents in one place and without them in another.

A reader takes "Zoe" for "Zoë" and "Sian" for "Siân", so the form's names are found in the
text whichever way each is written, in any case. People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise.terms import fold, without_accents
from broker.referral import FamilyMember
from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)


def scrubbed(text: str, **fields: object) -> str:
    return anonymised_background(text, today=TODAY, **fields)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoe is settled.", "[child] is settled."),
        ("ZOE's brother visits.", "[child]'s brother visits."),
        ("The Nunez family moved.", "The [child] family moved."),
        ("Zoe Sian Nunez, aged 12.", "[child], aged 12."),
        ("Her mum Ines Nunez rang.", "Her mum [mother] rang."),
        ("Her mum INES rang.", "Her mum [mother] rang."),
    ],
)
def test_a_name_given_with_accents_is_found_without_them(text: str, expected: str) -> None:
    fields = {
        "child_name": "Zoë Siân Núñez",
        "family_names": [FamilyMember("Inés Núñez", "mother")],
    }
    assert scrubbed(text, **fields) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siân's nan visits.", "[child]'s nan visits."),
        ("ZOË NÚÑEZ, aged 12.", "[child], aged 12."),
        ("Łukasz rang her.", "[father] rang her."),
    ],
)
def test_a_name_given_without_accents_is_found_with_them(text: str, expected: str) -> None:
    fields = {
        "child_name": "Zoe Sian Nunez",
        "family_names": [FamilyMember("Lukasz Nowacki", "father")],
    }
    assert scrubbed(text, **fields) == expected


def test_accents_are_dropped_one_character_for_one() -> None:
    text = "Zoë Siân Núñez, Łukasz Øyen, ﬁnn"
    assert without_accents(text) == "Zoe Sian Nunez, Lukasz Oyen, ﬁnn"
    assert len(without_accents(text)) == len(text)
    assert fold("Núñez") == fold("NUNEZ") == "nunez"



def test_letters_spelt_out_as_a_passport_or_a_court_writes_them_are_the_same_name() -> None:
    out = scrubbed("The court papers say STRAUSS and Jonas Strauss; Soeren Oedegaard signs as "
                   "Soren Odegard; aunt Mueller.", child_name="Jonas Strauß",
                   family_names=[FamilyMember(name="Søren Ødegård", relationship="father"),
                                 FamilyMember(name="Anna Müller", relationship="aunt")])
    assert out == ("The court papers say [child] and [child]; [father] signs as [father]; "
                   "aunt [aunt].")
