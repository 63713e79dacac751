"""The outside round 45's leaks and over-removals: local places and pet forms.

A park, a rec or playing fields, or a grassroots club a child plays for or trains with, named
by a word no list holds ("Brackley Park", "Fenwick Rovers Under 14s", "Kirkgate ABC"), says
which town as a street does. Each case comes with the neighbours that must keep working.
People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# A park or a grassroots club named by a rare word goes; what it is stays


@pytest.mark.parametrize(("text", "own", "kind"), [
    ("Tia was found drinking in Brackley Park with older males.", "Brackley", "Park"),
    ("Tia was seen in Thrushcombe Park at 22:15.", "Thrushcombe", "Park"),
    ("Tia spends most evenings on Sowerby rec with older youths.", "Sowerby", "rec"),
    ("Tia was found on the Bellcroft playing fields after school.", "Bellcroft", "playing fields"),
    ("Tia went to Ashworth Recreation Ground with friends.", "Ashworth", "Recreation Ground"),
    ("Her brother plays for Fenwick Rovers Under 14s on Sundays.", "Fenwick", "Under 14s"),
    ("Her brother plays for Fenwick Rovers Under 14s on Sundays.", "Rovers", "Under 14s"),
    ("Her brother trains with Kirkgate ABC three evenings a week.", "Kirkgate", "ABC"),
    ("Her brother plays for Ellesby JFC and Tia watches.", "Ellesby", "JFC"),
    ("Tia plays for Hartsby Hornets U14s girls' team.", "Hartsby", "U14s"),
    ("Tia goes to Ravensworth Boxing Club on Mondays.", "Ravensworth", "Boxing Club"),
])
def test_a_park_or_a_local_club_named_by_a_rare_word_goes(text: str, own: str, kind: str) -> None:
    out = scrubbed(text)
    assert own not in out and f"] {kind}" in out, out  # "[address] Park" ("[person] U14s")


@pytest.mark.parametrize("text", [
    "She likes feeding the ducks in Victoria Park with her nan.",
    "They met in Peel Park and then Hyde Park.",
    "She supports Leeds United and watches every match on TV.",
    "She plays for Leeds United Under 18s and supports Burnley FC.",
    "She went to the park and then the rec. Her brother boxes at the ABC.",
    "She plays for the Hornets U12s on Saturdays.",
])
def test_a_park_or_a_club_any_town_has_stays(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize("unit", ["Ab Cd Ef Park ", "Ab Ab U14s ", "in Ab rec ", "Ab Ab Ab Ab FC "])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR


# A known pet form goes: one that is a name in its own right, one of two letters in lower case


@pytest.mark.parametrize(("text", "child", "form"), [
    ("Alexandra is 15. Ali, as she prefers, is non-verbal when anxious.", "Alexandra Pell", "Ali"),
    ("Staff call her Allie. Allie's mum visits on Fridays.", "Alexandra Pell", "Allie"),
    ('Josephine is 11. She wrote "jo wants to go home" on her hand.', "Josephine Platt", "jo"),
    ('Tyrone messaged: "ty is never going back there".', "Tyrone Blake", "ty"),
])
def test_a_known_pet_form_goes(text: str, child: str, form: str) -> None:
    out = scrubbed(text, child_name=child)
    assert form not in out.replace("[child]", ""), out


@pytest.mark.parametrize("text", [
    'She wrote "jo wants to go home" on her hand.',  # no Jo among the names
    'She wrote "ty for the lift" to her friend.',
])
def test_two_letters_in_lower_case_of_no_ones_name_stay(text: str) -> None:
    assert scrubbed(text, child_name="Kayla Brennan") == text


# A relative's name that is also a word stays where it is the word; a doctor is a person


@pytest.mark.parametrize(("text", "child", "kept", "gone"), [
    ("Jasmine eats only Jasmine rice at home. Jasmine has a restricted diet.", "Jasmine Oduya",
     "Jasmine rice", "Jasmine has"),
    ("Olive oil is all she will eat on pasta. Olive visits every week.", "Olive Brennan",
     "Olive oil", "Olive visits"),
    ("Amber went missing. Police issued an Amber alert within the hour.", "Amber Kenning",
     "Amber alert", "Amber went"),
    ("Rosalyn was seen by the GP. Rosy cheeks and a rash were noted.", "Rosalyn Dunmore",
     "Rosy cheeks", "Rosalyn was"),
    ("Mark was caught shoplifting. Marks on his arms were seen by the nurse.", "Mark Ellery",
     "Marks on his arms", "Mark was"),
    ("Ruby sang Ruby Tuesday at the talent show. Ruby's confidence has grown.", "Ruby Cowell",
     "Ruby Tuesday", "Ruby's"),
    ("Jack was found with a bottle of Jack Daniel's. Jack is 15.", "Jack Renshaw",
     "Jack Daniel's", "Jack is"),
])
def test_a_name_that_is_the_word_here_stays(text: str, child: str, kept: str, gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert kept in out and gone not in out, out


@pytest.mark.parametrize(("text", "child"), [
    ("Kaylas phone was seized. Kaylas mum was told.", "Kayla Brennan"),
    ("Marks phone was seized by police.", "Mark Ellery"),
    ("The Kings are well known locally.", "Tyrone King"),
])
def test_a_name_with_an_s_that_is_no_plural_here_goes(text: str, child: str) -> None:
    out = scrubbed(text, child_name=child)
    assert child.split()[0] not in out.replace("[child]", "") and (
        child.split()[-1] not in out.replace("[child]", "")), out


def test_a_doctor_who_shares_the_childs_name_is_a_person() -> None:
    out = scrubbed("Jordan has ADHD and is reviewed by Dr Jordan, consultant paediatrician. "
                   "Jordan takes Elvanse.", child_name="Jordan Pike")
    assert out == ("[child] has ADHD and is reviewed by Dr [person], consultant paediatrician. "
                   "[child] takes Elvanse."), out
