"""The outside round 38's findings that were left: labels that told a provider the wrong kind
of thing (a tenancy reference as an NI number, a Scottish CHI number as a phone), and a firm
of defence solicitors taken for two people; and round 36's over-removals: pets named like
people and a children's author the child reads.

Each case is one the outside tester's referrals mislabelled or over-redacted, with its
neighbours that must keep working. People, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.forms.family import parse_family
from tests.factories import scrubbed

# Labels


def test_two_letters_and_six_digits_after_ref_are_a_reference_not_an_ni_number() -> None:
    assert scrubbed("He owes rent arrears to Kelsham Homes (tenancy ref KH-778812).") == (
        "He owes rent arrears to Kelsham Homes (tenancy ref [reference]).")


@pytest.mark.parametrize("number", ["QQ123456C", "AB 12 34 56", "KH-778812"])
def test_an_ni_number_without_a_reference_word_before_it_is_still_one(number: str) -> None:
    assert scrubbed(f"Mum's NI number is {number}.") == "Mum's NI number is [NI number]."


@pytest.mark.parametrize(("text", "expected"), [
    ("(CHI 0801140000 on old Scottish records)", "(CHI [NHS number] on old Scottish records)"),
    ("CHI no. 080114 0000.", "CHI no. [NHS number]."),
    ("CHI number (Fife, pre-2024): 1203128865", "CHI number (Fife, pre-2024): [NHS number]"),
])
def test_a_chi_number_is_a_health_number_not_a_phone(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


def test_a_phone_number_after_other_words_is_still_a_phone() -> None:
    assert scrubbed("Call 0801140000 after six.") == "Call [phone] after six."


# A firm of solicitors named for its partners


@pytest.mark.parametrize("text", [
    "Defence solicitors: Harland & Pyke.", "Harland & Pyke Solicitors represent him.",
    "His solicitors are Harland & Pyke LLP.", "Harland & Pyke (solicitors) act for him.",
    "His legal rep is at Harland & Pyke."])
def test_a_firm_of_solicitors_named_for_two_partners_stays(text: str) -> None:
    assert scrubbed(text) == text


def test_a_solicitor_named_beside_the_firm_and_two_people_joined_by_and_still_go() -> None:
    assert scrubbed("His solicitor is Dawn Ellis of Harland & Pyke Solicitors. He was with "
                    "Harland & Pyke at the park.") == (
        "His solicitor is [person] of Harland & Pyke Solicitors. He was with [person] & "
        "[person] at the park.")


def test_two_first_names_after_a_lawyers_word_are_no_firm() -> None:
    out = scrubbed("Her solicitors: Kirsty & Tom were kind.")
    assert "Tom" not in out, out


# Round 36: pets named like people, and an author the child reads


@pytest.mark.parametrize("text", [
    "She is very attached to their dog, a Staffie called Biscuit.",
    "The family dog is a spaniel called Rolo. She wants to visit Rolo.",
    "Her hamster is called Biscuit and her pony is named Jasper."])
def test_a_pet_called_by_a_name_after_its_animal_or_breed_keeps_it(text: str) -> None:
    assert scrubbed(text) == text


def test_a_pets_name_that_is_also_a_family_members_still_goes() -> None:
    out = scrubbed("The family dog is a spaniel called Rolo.",
                   family_names=parse_family("Rolo Gaskell (brother)"))
    assert out == "The family dog is a spaniel called [brother]."


def test_a_person_after_a_breed_that_is_a_surname_still_goes() -> None:
    assert scrubbed("Mr Russell called Dawn Pike.") == "Mr [person] called [person]."


# Decision: an author or a star famous to children, named as what the child likes, stays (a
# provider reads the child better with it); named anywhere else, or when the form gives the
# name to one of the child's people, it goes as any name does.


@pytest.mark.parametrize("text", [
    "She likes the Lake District and reading Jacqueline Wilson.",
    "She reads books by Julia Donaldson and is a big fan of Marcus Rashford."])
def test_a_famous_name_after_an_interest_cue_stays(text: str) -> None:
    assert scrubbed(text) == text


def test_a_famous_name_without_an_interest_cue_or_the_forms_own_goes() -> None:
    assert scrubbed("Her neighbour Jacqueline Wilson visits.") == "Her neighbour [person] visits."
    assert scrubbed("She loves reading Jacqueline Wilson.",
                    family_names=parse_family("Jacqueline Wilson (aunt)")) == (
        "She loves reading [aunt].")
