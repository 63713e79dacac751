"""Tester round an50's findings: a name declined in Polish ("Łukaszem", "Kasią"), a surname in
capitals after a title and an initial ("MR D KAVANAGH"), a title before a surname the child
shares with a relative ("Mrs Hartley Brown" is the mother, never the child), and an eponymous
syndrome at a sentence's start ("Has Prader-Willi syndrome") read as a rare condition. Each
case comes with the neighbour that must keep working. People, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.anonymise.inflected_names import polish_forms
from broker.anonymise.reidentify import reidentification_warnings
from broker.referral import FamilyMember
from tests.factories import scrubbed

WISNIEWSKI = dict(child_name="Łukasz Wiśniewski", family_names=[
    FamilyMember("Agnieszka Wiśniewska", "mother"), FamilyMember("Katarzyna Wiśniewska", "sister")])


# A name declined in Polish


@pytest.mark.parametrize(("text", "expected"), [
    ('Mum wrote: "Tęsknię za Łukaszem" and "nie ma Łukasza w domu".',
     'Mum wrote: "Tęsknię za [child]" and "nie ma [child] w domu".'),
    ("Dzwoniłam do Łukaszu i dałam Łukaszowi list.", "Dzwoniłam do [child] i dałam [child] list."),
    ("Mum wrote Tesknie za Lukaszem.", "Mum wrote Tesknie za [child]."),  # no Polish letters
    ('He said "chcę mieszkać z Kasią" and "kocham Kasię".',
     'He said "chcę mieszkać z [sister]" and "kocham [sister]".'),
    ("Nie ma Katarzyny; list do Agnieszki.", "Nie ma [sister]; list do [mother]."),
    ("Rozmowa z panią Wiśniewską.", "Rozmowa z panią [mother]."),
])
def test_a_name_declined_in_polish_goes_as_its_person(text: str, expected: str) -> None:
    assert scrubbed(text, **WISNIEWSKI) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She joined the Brownie pack.", "She joined the Brownie pack."),  # Brown's "-ie": a word
    ("His friend Paula came round.", "His friend [person] came round."),  # Paul's "-a": a name
])
def test_a_declined_form_that_is_a_word_or_another_name_is_not_the_childs(
        text: str, expected: str) -> None:
    assert scrubbed(text, child_name="Paul Brown") == expected


def test_the_polish_cases_of_common_names() -> None:
    assert {"łukasza", "łukaszowi", "łukaszem", "łukaszu"} <= polish_forms("Łukasz")
    assert {"kacpra", "kacprem", "kacprze"} <= polish_forms("Kacper")
    assert {"markiem", "marku"} <= polish_forms("Marek")
    assert {"kasi", "kasię", "kasią", "kasiu"} <= polish_forms("Kasia")
    assert {"katarzyny", "katarzynie", "katarzynę", "katarzyną", "katarzyno"} <= polish_forms(
        "Katarzyna")
    assert {"agnieszki", "agnieszce"} <= polish_forms("Agnieszka")
    assert {"piotrze", "michale", "robercie"} <= polish_forms("Piotr") | polish_forms(
        "Michał") | polish_forms("Robert")


def test_a_declined_form_written_with_its_polish_letters_is_the_persons() -> None:
    # "Kasie" is a listed first name of its own; "Kasię" is only Kasia's
    assert scrubbed("Kasię widziałam wczoraj.", **WISNIEWSKI) == "[sister] widziałam wczoraj."


# A surname in capitals after a title and an initial


@pytest.mark.parametrize("text", [
    "Tutor: MR D. KAVANAGH", "TUTOR: MR D KAVANAGH", "Seen by MISS A. KAVANAGH.",
    "TUTOR: DR D KAVANAGH", "MRS J.KAVANAGH rang", "Tutor: Mr D. Kavanagh",
])
def test_a_surname_in_capitals_after_a_title_and_an_initial_goes(text: str) -> None:
    out = scrubbed(text)
    assert "KAVANAGH" not in out and "Kavanagh" not in out and "[person]" in out, out


@pytest.mark.parametrize("text", ["DR A AND E said he was fine.", "MR A LOT of noise."])
def test_a_title_and_a_letter_before_a_common_word_names_no_one(text: str) -> None:
    assert scrubbed(text) == text


# A title before a surname the child shares names an adult


def test_a_title_before_the_whole_surname_the_mother_has_is_the_mother() -> None:
    out = scrubbed("Mrs Hartley Brown drinks heavily and leaves the children alone.",
                   child_name="Ellie-Mae Hartley-Brown", gender="Female",
                   family_names=[FamilyMember("Dawn Hartley-Brown", "mother")])
    assert out == "[mother] drinks heavily and leaves the children alone.", out


def test_mrs_before_a_surname_two_relatives_share_is_a_person_never_the_child() -> None:
    family = [FamilyMember("Dawn Hollin", "mother"), FamilyMember("Rita Hollin", "nan")]
    assert scrubbed("Mrs Hollin rang.", child_name="Casey Hollin", family_names=family) == (
        "[person] rang.")


def test_mrs_before_the_childs_surname_no_woman_of_the_family_has_is_a_person() -> None:
    out = scrubbed("Mrs King drinks.", child_name="Tia King", gender="Female",
                   family_names=[FamilyMember("Dean King", "father")])
    assert out == "[person] drinks.", out


def test_the_childs_whole_surname_no_relative_has_stays_the_child() -> None:
    family = [FamilyMember("Craig Quinn", "father"), FamilyMember("Donna Hartley", "mother")]
    out = scrubbed("Ms Hartley-Quinn is at school.", child_name="Amelia Hartley-Quinn",
                   family_names=family)
    assert out == "[child] is at school.", out


# An eponymous syndrome at a sentence's start


@pytest.mark.parametrize(("text", "condition", "place"), [
    ("Has Prader-Willi syndrome; lives in Kettlesing Bottom.", "Prader-Willi syndrome",
     "Kettlesing Bottom"),
    ("Has Angelman syndrome; the family lives in the hamlet of Scarth Nick.",
     "Angelman syndrome", "Scarth Nick"),
    ("Diagnosed With Angelman syndrome, lives in Kettlesing Bottom.", "Angelman syndrome",
     "Kettlesing Bottom"),
])
def test_an_eponymous_syndrome_after_a_sentences_first_word_is_a_rare_condition(
        text: str, condition: str, place: str) -> None:
    [warning] = reidentification_warnings({"background": text})
    assert {d["found"] for d in warning["details"]} == {condition, place}


def test_a_common_syndrome_at_a_sentences_start_is_no_rare_condition() -> None:
    assert reidentification_warnings(
        {"background": "Has Down syndrome; lives in Kettlesing Bottom."}) == []
