"""The outside round 40's findings, part A: names in lower case and short forms of names.

A name the referral gives anywhere (in capitals in a pasted police log too) goes in lower case
in the child's words quoted inside a sentence; a pet form of a family member's name goes in
lower case there where the referral writes it capitalised, where it is known to go with the
name ("bella" for Isabella) or where it is a listed first name ("brad" for Bradley); a house
named by its owner and an "s" with no apostrophe ("at nan jeans", "at brooks"); a quoted
nickname right before a full name in brackets; a hyphenated name's initials in brackets
("Kerry-Ann (K-A)"); a quoted name records or people use for someone.

Each case is one the outside testers' referrals leaked, with its neighbours that must keep
working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import scrubbed

_LOG = ("POLICE LOG (pasted):\n04/12/2026 01:14 JA'MYA CAMPBELL-REID LOCATED AT 27 SHAW ROW WITH "
        "TREVELL O'CONNOR (19) AND \"LIL D\" (D'ANDRE CAMPBELL-REID, 16).\n")
_CAMPBELL_REIDS = [FamilyMember("Tanya Campbell", "mother"),
                   FamilyMember("D'Andre Campbell-Reid", "brother")]


@pytest.mark.parametrize("wishes", [
    'Mya wants to go "anywhere trevell cant find me".',
    "Mya wants to go 'anywhere trevell cant find me'.",
    "Mya wants to go “anywhere trevell cant find me”.",
    'She said "trevell will find me wherever i go".',
])
def test_a_name_from_a_police_log_goes_in_lower_case_in_the_childs_quoted_words(
        wishes: str) -> None:
    out = scrubbed(_LOG + wishes, child_name="Ja'Mya Campbell-Reid", known_as="Mya",
                   family_names=_CAMPBELL_REIDS)
    assert "trevell" not in out.casefold(), out


def test_a_quoted_nickname_before_a_full_name_in_brackets_is_that_persons() -> None:
    out = scrubbed(_LOG + 'Mya says "LIL D" looks after her.', child_name="Ja'Mya Campbell-Reid",
                   family_names=_CAMPBELL_REIDS)
    assert "LIL D" not in out and "[brother], 16" in out, out


@pytest.mark.parametrize("text", [
    "She stays with 'Deano' (Dean Platt, 19) at weekends.",
    "She stays with “Deano” (Dean Platt) at weekends.",
])
def test_a_quoted_nickname_before_a_family_members_name(text: str) -> None:
    out = scrubbed(text, family_names=[FamilyMember("Dean Platt", "uncle")])
    assert "Deano" not in out, out


def test_a_quoted_phrase_before_a_bracket_that_names_no_one_stays() -> None:
    text = 'She called it a "safe house" (Leeds, 2025) and went back.'
    assert scrubbed(text, family_names=[FamilyMember("Dean Platt", "uncle")]) == text


_THRELFALLS = [FamilyMember("Kerry-Ann Threlfall", "mother"),
               FamilyMember("Jaxon Pike", "brother"), FamilyMember("Tia-Rose Threlfall", "sister")]


def test_a_hyphenated_names_initials_in_brackets_are_hers() -> None:
    out = scrubbed("Kerry-Ann (K-A) had gone to a party. Later K-A rang the police.",
                   child_name="Lacey-Mae Threlfall", family_names=_THRELFALLS)
    assert "K-A" not in out and out.count("[mother]") == 3, out


def test_hyphenated_capitals_that_are_no_ones_initials_stay() -> None:
    text = "Kerry-Ann has an A-Z of local services and got grades B-C."
    out = scrubbed(text, child_name="Lacey-Mae Threlfall", family_names=_THRELFALLS)
    assert "A-Z" in out and "B-C" in out, out


@pytest.mark.parametrize(("text", "family", "gone", "label"), [
    ('Found alone with Jaxon (Jax, 2). Lace asked "can jax come with me".',
     _THRELFALLS, "jax", "[brother]"),
    ("Ayomide (Ayo, 12) is with an aunt. Seun wants to \"see ayo every sunday\".",
     [FamilyMember("Ayomide Adebayo-Okafor", "sister")], "ayo", "[sister]"),
    ('Luca wants to "live in a house with a dog and see bella".',
     [FamilyMember("Isabella de Souza", "half-sister")], "bella", "[half-sister]"),
    ('Jade wrote in her diary "brad is the only one who gets me".',
     [FamilyMember("Bradley Ackroyd", "brother")], "brad", "[brother]"),
    ("Her message read 'miss bella so much'.",
     [FamilyMember("Isabella de Souza", "half-sister")], "bella", "[half-sister]"),
])
def test_a_family_members_short_form_goes_in_lower_case_in_the_childs_words(
        text: str, family: list[FamilyMember], gone: str, label: str) -> None:
    out = scrubbed(text, family_names=family)
    assert f" {gone} " not in f" {out} " and label in out.split(".")[-2], out


@pytest.mark.parametrize(("text", "family"), [
    ('He said "they rob people round here".', [FamilyMember("Robert Hale", "father")]),
    ('She said "i had to pay the bill".', [FamilyMember("William Hale", "brother")]),
    ('She said "i want my jeans back".', [FamilyMember("Jean Ackroyd", "grandmother")]),
])
def test_a_short_form_that_is_plainly_the_word_stays_in_the_childs_words(
        text: str, family: list[FamilyMember]) -> None:
    assert scrubbed(text, family_names=family) == text


_JEAN = [FamilyMember("Jean Ackroyd", "grandmother")]


@pytest.mark.parametrize("text", [
    'Child\'s wishes: "i dont want to go to a childrens home i want to stay at nan jeans".',
    "She told staff she was going to nan jeans for tea.",
    "She came back from nan jeans at midnight.",
])
def test_a_house_named_by_its_owner_and_an_s_goes(text: str) -> None:
    out = scrubbed(text, family_names=_JEAN)
    assert "jeans" not in out and "[grandmother]" in out, out


def test_a_friends_house_in_a_chat_goes() -> None:
    text = ("Snapchat screenshots:\nHunter 23:01: where r u\nSky 23:02: at brooks\n"
            "Hunter 23:03: come to the park\n\"Hunter\" is Hunter Lockwood (19). Brook Allott "
            "(14) is Sky's friend.")
    out = scrubbed(text, child_name="Skye Dobson", known_as="Sky")
    assert "brooks" not in out, out


def test_a_pet_forms_house_in_the_childs_words_goes() -> None:
    text = 'Jaxon (Jax) is 2. She wrote "im at jaxs dads tonite dont tell mum".'
    out = scrubbed(text, family_names=_THRELFALLS)
    assert "jaxs" not in out, out


@pytest.mark.parametrize(("text", "family"), [
    ("She changed from jeans into a dress for court.", _JEAN),
    ("She wore jeans to the meeting at nan's.", []),
    ('She said "nan bought me new jeans".', []),
    ('She said "nan bought me new jeans".', _JEAN),
])
def test_jeans_stay_where_they_are_clothes_or_no_one_is_called_jean(
        text: str, family: list[FamilyMember]) -> None:
    assert scrubbed(text, family_names=family) == text


@pytest.mark.parametrize("text", [
    'Police systems still hold her as "MENSAH, Kwabena" and some older records use "Kobby".',
    "School systems have her as 'Kobby'.",
    "Her old friends still use “Kobby”.",
])
def test_a_name_records_or_people_use_for_someone_goes(text: str) -> None:
    out = scrubbed(text, child_name="Aaliyah Mensah",
                   family_names=[FamilyMember("Kwame Mensah", "father")])
    assert "Kobby" not in out, out


@pytest.mark.parametrize("text", [
    "Some people use 'banter' as an excuse.",
    'The records use "Unknown" for her father.',
])
def test_a_word_records_or_people_use_stays(text: str) -> None:
    assert scrubbed(text, child_name="Aaliyah Mensah") == text


@pytest.mark.parametrize("text", [
    "She has said she will go if Bradley can visit.",
    "In the summer she was arrested; there is hope she will settle.",
    'She said "i will go if i can see my brother".',
])
def test_everyday_words_stay_beside_these_names(text: str) -> None:
    family = [FamilyMember("Bradley Ackroyd", "brother"), FamilyMember("Jean Ackroyd", "nan")]
    out = scrubbed(text, child_name="Jade Ackroyd", family_names=family)
    assert out == text.replace("Bradley", "[brother]"), out
