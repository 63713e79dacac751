"""Round 46's over-removals and leaks still open: professional clubs, text speak, a local
place named again, and the child's initials beside the sector's capitals.

A league club or ground is no one's home ("supports Brentford FC", "goes to Goodison Park");
"ty" in a child's text is thank you; a park or club whose rare word went with its kind goes
where that word stands alone ("at Fenwick"). Each case comes with the neighbour that must
keep working. People and places are made up, but for the professional clubs.
"""

from __future__ import annotations

import pytest

from broker.anonymise import anonymise
from broker.referral import ReferralForm
from tests.factories import ROUND_DAY, scrubbed

# A professional club or its ground stays, however rare its word


@pytest.mark.parametrize("text", [
    "She supports Brentford FC and watched them play at home with her dad.",
    "Her brother plays for Tranmere Rovers Under 18s.",
    "She has a season ticket and goes to Goodison Park with her uncle.",
    "They went to Selhurst Park and then Fratton Park.",
    "She is a fan of Thornfield FC and never misses a match.",
])
def test_a_professional_club_or_ground_stays(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize(("text", "own"), [
    ("Tia plays for Thornfield FC on Saturdays.", "Thornfield"),  # a club she plays for
    ("Tia was found in Goodison Recreation Ground at 23:00.", "Goodison"),  # no ground
    ("Tia drinks in Brentwick Park most nights.", "Brentwick"),
])
def test_a_local_club_or_park_still_goes(text: str, own: str) -> None:
    out = scrubbed(text)
    assert own not in out and "[address]" in out, out


# A local place's rare word, once gone with its kind, goes where it stands alone


@pytest.mark.parametrize(("text", "own"), [
    ("Tia plays for Fenwick Rovers Under 14s. The Fenwick coach has noticed cuts on her arms, "
     "and at Fenwick she has good friends.", "Fenwick"),
    ("Tia was found drinking in Brackley Park on 3 November. Brackley is where the older group "
     "gathers most nights.", "Brackley"),
    ("Tia trains with Kirkgate ABC. Kirkgate's coach drives her home.", "Kirkgate"),
])
def test_a_local_places_word_goes_again_alone(text: str, own: str) -> None:
    out = scrubbed(text)
    assert own not in out and out.count("[address]") == text.count(own), out


def test_a_local_places_word_goes_again_in_another_field() -> None:
    result = anonymise(ReferralForm(child_name="Tia Gaskell",
                                    background="Tia plays for Fenwick Rovers Under 14s.",
                                    strengths="She is happiest at Fenwick with her team."),
                       authority=None, today=ROUND_DAY)
    assert result.text["strengths"] == "She is happiest at [address] with her team."


def test_a_word_of_a_place_any_town_has_is_not_searched_again() -> None:
    text = "Tia was found in Victoria Park. Victoria is her best friend's mum."
    assert "Victoria is" in scrubbed(text)


# 'ty' in a child's text is thank you; as a person it still goes


def test_ty_for_thank_you_stays_beside_a_tyler() -> None:
    text = 'He texted: "ty for sorting my phone x". He wants to stay at his school.'
    assert scrubbed(text, child_name="Tyler Hart") == text


@pytest.mark.parametrize(("text", "child", "form"), [
    ('Tyler messaged: "ty is never going back there".', "Tyler Hart", "ty"),
    ('He wrote "me and ty are fine" on his hand.', "Tyler Hart", "ty"),
    ('Josephine wrote "jo wants to go home" on her hand.', "Josephine Platt", "jo"),
])
def test_two_letters_standing_as_a_person_still_go(text: str, child: str, form: str) -> None:
    out = scrubbed(text, child_name=child)
    assert f" {form} " not in out and f'"{form} ' not in out, out


# The child's initials where they stand as a person; the sector's capitals for a service stay


@pytest.mark.parametrize(("text", "child", "kept"), [
    ("05/11/2026 LD missing overnight, found at 07:30.\nShe has a mild LD and the LD nurse "
     "visits monthly.", "Lily Dawson", ["a mild LD", "the LD nurse"]),
    ("12/10/2026 DA missing from school.\n14/10/2026 Police DA notification received.\n"
     "DA services are working with mum.", "Demi Allen", ["DA notification", "DA services"]),
])
def test_the_sectors_capitals_for_a_service_stay_beside_the_childs_initials(
        text: str, child: str, kept: list[str]) -> None:
    out = scrubbed(text, child_name=child)
    assert all(words in out for words in kept) and "[child] missing" in out, out


@pytest.mark.parametrize("text", [
    "Police located KB at 02:10 on 6 November. KB assaulted a member of staff.",
    "KB smashed a window at the home.",
    "Tues 5th Nov – KB at McDonald's with two older males.\nWed 6th Nov – KB at the bus "
    "station until 23:00.",
])
def test_the_childs_initials_as_object_or_after_a_weekday_go(text: str) -> None:
    out = scrubbed(text, child_name="Kayla Brennan")
    assert "KB" not in out and "[child]" in out, out


def test_two_capitals_of_no_one_stay_before_a_past_tense() -> None:
    text = "DA related concerns were raised. KB visited."  # no one here is a D. A.
    assert scrubbed(text, child_name="Tia Gaskell") == text
