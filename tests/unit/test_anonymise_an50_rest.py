"""Tester round an50's smaller findings: a village named after "the village of" goes as a
place, not a person; "Father Unknown" names no one; another child with the brother's first
name and another surname's initial is someone else; a title before a surname with its small
words ("Mr Van Der Merwe"); a bracket between a name's parts stays; and the re-identification
check reads a newspaper by its name and a distinction within a small group. People, places
and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.anonymise.reidentify import reidentification_warnings
from broker.referral import FamilyMember
from tests.factories import scrubbed

OKORO = dict(child_name="Jayden Okoro", family_names=[
    FamilyMember("Kelly Okoro", "mother"), FamilyMember("Tyler Hollin", "brother")])


def _kinds(text: str) -> set[str]:
    return {detail["kind"] for warning in reidentification_warnings({"background": text})
            for detail in warning["details"]}


# A village after "the village of" is a place


@pytest.mark.parametrize(("text", "expected"), [
    ("All from the village of Ruddle Ings.", "All from the village of [address]."),
    ("The family lives in the hamlet of Scarth Nick.",
     "The family lives in the hamlet of [address]."),
    ("They moved to a small village called Scarth Nick.",
     "They moved to a small village called [address]."),
])
def test_a_name_after_the_village_of_goes_as_a_place(text: str, expected: str) -> None:
    assert scrubbed(text, **OKORO) == expected


def test_a_persons_house_after_lives_at_is_still_the_person() -> None:
    assert scrubbed("He lives at Kyle Brown's flat.", **OKORO) == "He lives at [person]'s flat."


@pytest.mark.parametrize(("text", "kinds"), [
    ("One of the only set of triplets in care, all from the village of Ruddle Ings.",
     {"place", "distinction"}),
    ("Has Angelman syndrome; the family lives in the hamlet of Scarth Nick.",
     {"place", "condition"}),
])
def test_a_removed_village_still_counts_as_a_small_place(text: str, kinds: set[str]) -> None:
    assert _kinds(scrubbed(text, **OKORO)) == kinds


# "Unknown" after a relative's label names no one


@pytest.mark.parametrize("text", [
    "Father Unknown n/a", "Uncle Unknown", "Mother Deceased", "Father None", "Father Not known",
    "Father\tUnknown\tn/a",
])
def test_a_placeholder_after_a_relatives_label_names_no_one(text: str) -> None:
    assert scrubbed(text, **OKORO) == text


def test_a_name_after_a_relatives_label_still_goes() -> None:
    assert scrubbed("Father Kieran Dunne n/a", **OKORO) == "Father [person] n/a"


# Another child with the brother's first name


@pytest.mark.parametrize(("text", "expected"), [
    ("He shared with Tyler M (15) and Reece (14).",
     "He shared with [person] (15) and [person] (14)."),
    ("Tyler M. said he was scared.", "[person] said he was scared."),
    ("Tyler H (16) rang.", "[brother] (16) rang."),  # the brother's own initial
    ("Tyler M Hollin rang.", "[brother] rang."),  # a middle initial
    ("Tyler I think is worried.", "[brother] I think is worried."),
])
def test_a_first_name_with_another_surnames_initial_is_someone_else(
        text: str, expected: str) -> None:
    assert scrubbed(text, **OKORO) == expected


# A title before a surname with its small words


VAN_DER_MERWE = dict(child_name="Pieter van der Merwe",
                     family_names=[FamilyMember("Anke van der Merwe", "mother")])


def test_a_title_before_a_particled_surname_is_one_surname() -> None:
    assert scrubbed("She was picked up by Mr Van Der Merwe's friend.", gender="Female",
                    **VAN_DER_MERWE) == "She was picked up by [person]'s friend."
    assert scrubbed("Mrs van der Merwe rang.", gender="Female",
                    **VAN_DER_MERWE) == "[mother] rang."


def test_a_title_before_a_spanish_surname_fits_the_relative_it_fits() -> None:
    form = dict(child_name="Sofia de la Cruz", gender="Female",
                family_names=[FamilyMember("Carlos de la Cruz", "father")])
    assert scrubbed("Mr de la Cruz visits. Mrs de la Cruz does not.", **form) == (
        "[father] visits. [person] does not.")


# A bracket between a name's parts


@pytest.mark.parametrize(("text", "expected"), [
    ("Minh (NGUYEN Van Minh on his BRP) was found.", "[child] ([child] on his BRP) was found."),
    ("Minh [NGUYEN Van Minh] was found.", "[child] [[child]] was found."),
    ("Minh (NGUYEN) was found.", "[child] was found."),  # the bracket closes with the name
])
def test_a_bracket_the_name_does_not_close_stays(text: str, expected: str) -> None:
    assert scrubbed(text, child_name="Nguyễn Văn Minh",
                    family_names=[FamilyMember("Nguyễn Thị Lan", "mother")]) == expected


# The press by name, and a distinction within a small group


@pytest.mark.parametrize(("text", "kinds"), [
    ("Became the youngest person in the county to be convicted of arson; it was reported in "
     "the Northby Echo.", {"press", "distinction"}),
    ("His case was in the Manchester Evening News; he lives in Thornby Parva.",
     {"press", "place"}),
    ("It was featured on BBC Look North. She was the only girl in her year at boxing.",
     {"press", "distinction"}),
])
def test_a_paper_by_its_name_and_a_distinction_are_kinds(text: str, kinds: set[str]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize("text", [
    "His case was in the Manchester Evening News last year after the fire.",  # one kind
    "He was in the Post Office. It was the first time in the school she ran.",
    "She is the oldest in her class and was in the Red Lion car park.",
    "The first exclusion at his school came after the first placement in the area ended.",
])
def test_one_kind_or_none_is_no_warning(text: str) -> None:
    assert reidentification_warnings({"background": text}) == []
