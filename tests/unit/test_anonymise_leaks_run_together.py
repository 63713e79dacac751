"""Names run together in web addresses, handles, hashtags and names-and-digits tokens.

A reader knows "BrookeVance2011" or "#justiceforbrookie" for the child at a glance, though no
word boundary falls inside them. Ordinary words holding a name's letters are left alone.
People are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm
from tests.factories import anonymised_background

TODAY = date(2026, 11, 20)
FIELDS = {"child_name": "Brooke Amelia Vance", "known_as": "Brookie",
          "family_names": [FamilyMember("Kyle Marsh", "brother")]}


def scrubbed(text: str) -> str:
    return anonymised_background(text, today=TODAY, **FIELDS)[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Her page is facebook.com/BrookeAmeliaVance now.", "Her page is [child] now."),
    ("See https://example.org/brookevance/photos.", "See [child]."),
    ("Her channel youtube.com/c/BrookeVance2011 has videos.", "Her channel [child] has videos."),
    ("She posted #justiceforbrookie twice.", "She posted [child] twice."),
    ("Her handle is @vance_official.", "Her handle is [child]."),
    ("Her brother is KyleMarsh99 online.", "Her brother is [brother] online."),
])
def test_a_name_run_together_is_removed_whole(text: str, expected: str) -> None:
    assert scrubbed(text) == expected


@pytest.mark.parametrize("text", [
    "She is willing to attend and enjoys the marketplace.",
    "She uses an iPhone and watches #football on www.example.org/sport.",
    "Her CAMHS2026 review is booked for Year10 pupils.",
])
def test_words_and_addresses_without_a_name_are_left(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Attached: vanderberg_notes.docx and the plan.",
     "Attached: [father]_notes.docx and the plan."),
    ("Scan: SMITHJONES2011.pdf and smithjones.", "Scan: [half-brother].pdf and [half-brother]."),
    ("The rosebush and the garden stay.", "The rosebush and the garden stay."),
])
def test_a_persons_name_parts_run_together_as_one_word_are_removed(text: str,
                                                                   expected: str) -> None:
    family = [FamilyMember("Piet van der Berg", "father"),
              FamilyMember("Kyle Smith-Jones", "half-brother")]
    out, _ = anonymised_background(text, today=TODAY, child_name="Brooke Vance",
                                   family_names=family)
    assert out == expected


@pytest.mark.parametrize(("known_as", "text", "gone"), [
    ("Sadie", "Friends call her “Sadie” — or ‘Sadiey’, and she answers to both.", "Sadiey"),
    (None, "Mum calls him Kacperek when he is upset.", "Kacperek"),
    (None, "At his nan's he is Cally.", "Cally"),
])
def test_a_pet_form_in_single_quotes_or_with_a_polish_ending_goes(known_as, text, gone) -> None:
    form = ReferralForm(child_name="Kacper Callum Wojcik", known_as=known_as, background=text)
    assert gone not in anonymise(form, authority=None, today=date(2026, 11, 20)).text[
        "background"]


def test_a_pet_form_with_an_s_and_a_schools_dotted_or_shortened_initials_go() -> None:
    form = ReferralForm(child_name="Brooke Tallant", school="Pellham Vale Academy",
                        family_names=[FamilyMember("Reuben Tallant", "brother")],
                        background="Reubs walks her to P.V. Academy, or PV Acad's bus stop. "
                                   "She brooks no argument at the academy.")
    out = anonymise(form, authority=None, today=date(2026, 11, 20)).text["background"]
    assert "Reubs" not in out and "P.V." not in out and "Acad'" not in out, out
    assert "She brooks no argument at the academy." in out


def test_pet_forms_in_the_languages_referrals_meet_go_and_ordinary_words_stay() -> None:
    form = ReferralForm(child_name="Pablo Kacper Novak",
                        family_names=[FamilyMember("Carmen Novak", "mother"),
                                      FamilyMember("Paolo Novak", "uncle"),
                                      FamilyMember("Lena Novak", "sister")],
                        background="Mum calls him Pablito, Kacperka or Kacperuś; his uncle is "
                                   "Paolino, his sister Lenochka or Lenchen, mum Carmencita. "
                                   "A belly laugh, a patio, a cucina and a bambino stay.")
    out = anonymise(form, authority=None, today=date(2026, 11, 20)).text["background"]
    assert not [word for word in ("Pablito", "Kacperka", "Kacperuś", "Paolino", "Lenochka",
                                  "Lenchen", "Carmencita") if word in out], out
    assert "A belly laugh, a patio, a cucina and a bambino stay." in out
