"""Everyday pet forms of the child's first name, with no Known as line (round R24: "Charlie"
for Charlotte, "Josie" for Josephine, "Roxy" for Roxanne reached providers): the fuller list
of forms that go with a name (`PET_NAMES`), a listed first name made of the name's first
three letters and a pet ending, the two-letter forms ("Jo", "Ty") written capitalised, and a
form that is also a word ("Rich", "Kit") only where it stands as a name. The people are made
up."""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm

TODAY = date(2026, 12, 7)


def _background(child_name: str, text: str, **fields: object) -> str:
    form = ReferralForm(child_name=child_name, background=text, **fields)  # type: ignore[arg-type]
    return anonymise(form, authority=None, today=TODAY).text["background"] or ""


_SAID = "{0} has been going missing at weekends. {0}'s mum works nights; staff told {0} so."


@pytest.mark.parametrize(("child_name", "pet_form"), [
    ("Charlotte Wainwright", "Charlie"), ("Josephine Ravenscroft", "Josie"),
    ("Roxanne Fairbrother", "Roxy"), ("Georgina Pell", "Georgie"), ("Alexandra Holt", "Lexi"),
    ("Alexandra Holt", "Sasha"), ("Andrew Tisdale", "Andy"), ("Gabriel Munro", "Gabe"),
    ("Tyrone Baptiste", "Ty"), ("Ebony Clarke", "Ebs"), ("Josephine Ravenscroft", "Jo"),
    ("Oliver Dunmore", "Ollie"), ("Patrick Dunmore", "Paddy"), ("Madison Dunmore", "Maddie"),
    ("Richard Okafor", "Rich"), ("Christopher Dunmore", "Kit"),
])
def test_an_everyday_pet_form_of_the_childs_name_goes(child_name: str, pet_form: str) -> None:
    out = _background(child_name, _SAID.format(pet_form))
    assert pet_form not in out.replace("[child]", ""), out
    assert out.count("[child]") == 3, out


@pytest.mark.parametrize(("child_name", "pet_form"), [
    ("Maisy Tolland", "Maisie"), ("Rosalyn Tolland", "Rosie"), ("Lennox Tolland", "Lenny"),
])
def test_a_listed_first_name_of_the_names_first_three_letters_and_a_pet_ending_goes(
        child_name: str, pet_form: str) -> None:
    out = _background(child_name, f"{pet_form} said she was scared.")
    assert out == "[child] said she was scared.", out


@pytest.mark.parametrize("text", [
    "Rich families in the area are not the issue; she is rich in ideas.",
    "Will she settle? He will attend the review.",
    "Kit for PE is provided.",
])
def test_a_pet_form_that_is_a_word_stays_where_it_is_the_word(text: str) -> None:
    for child_name in ("Richard Okafor", "William Okafor", "Christopher Okafor"):
        assert _background(child_name, text) == text


def test_a_short_form_of_two_names_makes_neither_name_the_childs() -> None:
    out = _background("Amelia Hart", "Millicent visited.", known_as="Millie")
    assert out == "[person] visited.", out


def test_a_relatives_own_name_keeps_its_label_beside_the_childs_pet_form() -> None:
    out = _background("Danielle Tolland", "Danny and Dani argue.",
                      family_names=[FamilyMember("Danny Tolland", "brother")])
    assert out == "[brother] and [child] argue.", out
