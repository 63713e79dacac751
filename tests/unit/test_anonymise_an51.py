"""Round an51's leaks and over-removals, each with the neighbour that must keep working.
People, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import assert_scrubbed, scrubbed

BROTHER = [FamilyMember("Tyler Gaskell", "brother")]


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # H04: a relative's birth date after the name and a comma, and the name with it
        (
            "Siblings: Tyler, 02.11.2009; Mia, 22/11/2016 (half-sister, lives with her dad).",
            ["02.11.2009", "22/11/2016", "Mia"],
            ["(half-sister, lives with her dad)"],
        ),
        ("Her sister Mia, 22/11/2016, lives with her dad.", ["Mia", "22/11/2016"], ["Her sister"]),
        ("Siblings: Tyler (02.11.2009); Mia (22/11/2016).", ["Mia", "22/11/2016"], []),
        # no relative's word beside it: an event's date, and a letter's town and date, stay
        ("Mum, 03/11/2026: rang to say she was home.", [], ["Mum, 03/11/2026: rang"]),
        ("On Monday, 03/11/2026, she went missing.", [], ["On Monday, 03/11/2026, she"]),
        ("Hexby, 03/11/2026", [], ["Hexby, 03/11/2026"]),
    ],
)
def test_a_relatives_birth_date_after_a_name_and_a_comma(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_scrubbed(text, gone, kept, family_names=BROTHER)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # G03: a published judgment's neutral citation leads to the whole judgment
        (
            "The judgment is published as Re K (A Child) [2026] EWFC 123 (B).",
            ["EWFC 123", "[2026]"],
            ["Re K (A Child) [reference]"],
        ),
        (
            "See [2025] EWCA Civ 412 and [2026] EWHC 1234 (Fam).",
            ["412", "1234"],
            ["See [reference]"],
        ),
        # G02: a police crime system's number after its name
        (
            "The assault is recorded as CRIS 4412345/26; Athena 2611045.",
            ["4412345", "2611045"],
            ["CRIS [reference]"],
        ),
        # F05: an IP address, which a household's broadband answers to
        (
            "The account logged in from 81.2.69.160, the family home's broadband.",
            ["81.2.69.160"],
            ["logged in from [reference]"],
        ),
        # G01: Northern Irish and Irish number plates
        (
            "She got into a black Golf, LXZ 4821, then a Toyota with an Irish plate 191-D-34567.",
            ["LXZ 4821", "191-D-34567"],
            ["a black Golf, [reference],"],
        ),
        # what only looks like them stays: a year, a version, key stages, a helpline, a ratio
        (
            "She got 5 GCSEs in 2024 (KS3, KS4); SEN 2024; call NHS 111; app 1.2.3; 24/7 care.",
            [],
            ["GCSEs in 2024 (KS3, KS4); SEN 2024; call NHS 111; app 1.2.3; 24/7 care."],
        ),
    ],
)
def test_numbers_that_lead_back_to_a_record_or_a_household(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_scrubbed(text, gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # B06: a Vietnamese kin word before a name is a title, and the name after it goes
        ("His uncle, anh Tuấn, runs a nail bar.", ["Tuấn"], ["His uncle, anh [person], runs"]),
        ("Minh lives with chú Hùng and cô Lan.", ["Hùng", "Lan"], ["chú [person] and cô [person]"]),
        # D01: a first name that is also a place, with an age after it, is a person
        ("She was with Jordan (19) at the park.", ["Jordan"], ["with [person] (19)"]),
        ("Uncle Tony's lad, Jordan, is 19.", ["Jordan", "Tony"], ["lad, [person], is 19."]),
        ("Chelsea (15) and India, 14, were with her.", ["Chelsea", "India"], ["were with her"]),
        # a place after a preposition, and a month, with a count after them stay
        (
            "Placements in Kent (3), Essex (2); incidents in May (3).",
            [],
            ["in Kent (3), Essex (2); incidents in May (3)."],
        ),
    ],
)
def test_names_that_are_kin_words_or_places(text: str, gone: list[str], kept: list[str]) -> None:
    assert_scrubbed(text, gone, kept)


@pytest.mark.parametrize(
    ("child", "text", "gone", "kept"),
    [
        # C03: a long first name's end, capitalised, is the child's pet form
        (
            "Alexandra Nowak",
            "Her teacher wrote Xandra on her reports.",
            ["Xandra"],
            ["wrote [child] on"],
        ),
        ("Christina Nowak", "Tina says she has a tin of paint.", ["Tina"], ["a tin of paint"]),
        # an English word that ends the name stays ("than" of Jonathan)
        ("Jonathan Nowak", "Jonathan is better than before.", ["Jonathan"], ["better than before"]),
    ],
)
def test_a_long_first_names_end_is_its_pet_form(
    child: str, text: str, gone: list[str], kept: list[str]
) -> None:
    assert_scrubbed(text, gone, kept, child_name=child)


def test_a_condition_named_after_the_doctors_who_described_it_stays() -> None:
    # L01: a diagnosis a provider needs, though its words are surnames
    out = scrubbed(
        "Diagnosed with Smith-Magenis syndrome; her brother has Williams syndrome "
        "and her cousin has Cornelia de Lange syndrome. Rett Syndrome was ruled "
        "out; Angelman syndrome too."
    )
    for condition in (
        "Smith-Magenis syndrome",
        "Williams syndrome",
        "Cornelia de Lange syndrome",
        "Rett Syndrome",
        "Angelman syndrome",
    ):
        assert condition in out, out


def test_the_childs_surname_outside_the_conditions_name_still_goes() -> None:
    out = scrubbed(
        "Kai Williams has Williams syndrome. Williams is 12. Bell's mum rang.",
        child_name="Kai Williams",
        family_names=[FamilyMember("Amy Bell", "mother")],
    )
    assert out == "[child] has Williams syndrome. [child] is 12. [mother]'s mum rang.", out
