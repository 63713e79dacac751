"""The outside round 41's over-removals: words a provider needs that were taken for names.

The child's own words in quotes whose closing mark was read as part of the last word, a
nationality or language word in brackets after a parent, a nickname that is an everyday
word, and a school field that says the child has no school. Each case comes with the
neighbours that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.anonymise.descriptions import describes_a_person
from broker.anonymise.terms import a_word_and_no_name
from broker.anonymise.values import identifying_values
from broker.referral import FamilyMember, ReferralForm
from tests.factories import scrubbed

# The closing quote mark of the child's words is no part of a word


@pytest.mark.parametrize("text", [
    "He says 'i just want to live with my nan again' and was missing again on Friday.",
    "He says ‘i just want to live with my nan again’ and was missing again on Friday.",
    "He said 'i miss my mum loads' and 'i am scared of dad too'. He is settled too, again.",
    "She wrote \"i want to see my nan today\" and is settled today.",
    "He said 'i want my nan again'! He cried again at bedtime.",
])
def test_a_word_before_a_closing_quote_after_a_relative_stays(text: str) -> None:
    assert scrubbed(text, child_name="Kyle Dunning") == text


@pytest.mark.parametrize("text, name", [
    ("She said 'i am staying with my boyfriend tunde' last night.", "tunde"),
    ("She said ‘i am staying with my boyfriend tunde’ last night.", "tunde"),
    ("She said 'i was with her ex, okafor' when asked.", "okafor"),
])
def test_a_lower_case_name_before_a_closing_quote_still_goes(text: str, name: str) -> None:
    out = scrubbed(text)
    assert name not in out and "[person]" in out, out


# A bracket that describes a person is no nickname


@pytest.mark.parametrize("bracket", [
    "Polish-speaking, limited English; interpreter needed", "Polish speaking", "Polish-born",
    "Polish heritage", "White Polish", "Polish, Catholic", "Polish-medium educated",
])
def test_a_bracket_describing_a_parent_keeps_its_peoples_word_everywhere(bracket: str) -> None:
    text = (f"Mum Agnieszka ({bracket}) has had police call-outs. Oliwia wants a "
            "Polish-speaking foster family, goes to Polish Saturday school and is fluent in "
            "Polish.")
    out = scrubbed(text, child_name="Oliwia Nowak",
                   family_names=[FamilyMember("Agnieszka Nowak", "mother")])
    assert "Agnieszka" not in out and "Oliwia" not in out, out
    assert ("a Polish-speaking foster family, goes to Polish Saturday school and is fluent in "
            "Polish.") in out, out


@pytest.mark.parametrize("text, kept", [
    ("Her partner Kwame Mensah (Ghanaian-born) hit her. Ghanaian food is cooked at home.",
     "Ghanaian food is cooked at home."),
    ("Dad Imran (British-Pakistani, 40s) works nights. She wants British food.",
     "She wants British food."),
    ("She attends Glan Ffrwd (Welsh-medium) and wants a Welsh-speaking family.",
     "wants a Welsh-speaking family."),
])
def test_a_nationality_compound_after_a_person_is_no_name(text: str, kept: str) -> None:
    out = scrubbed(text, child_name="Oliwia Nowak",
                   family_names=[FamilyMember("Kwame Mensah", "mother's partner")])
    assert kept in out and "Kwame" not in out and "Imran" not in out, out


@pytest.mark.parametrize("text, name", [
    ("Her mum Agnieszka (Aga) rang. Aga said she would come.", "Aga"),
    ("Her cousin Ruth (Ruthie Black) visited.", "Ruthie"),
    ("Her mum Agnieszka (Ola Polish-Kowalska) rang.", "Kowalska"),
    ("Her friend Kacey (Kace) came too.", "Kace"),
])
def test_a_pet_name_in_brackets_still_goes(text: str, name: str) -> None:
    out = scrubbed(text, family_names=[FamilyMember("Agnieszka Nowak", "mother")])
    assert name not in out, out


@pytest.mark.parametrize("text, describes", [
    ("Polish-speaking", True), ("Ghanaian-born", True), ("Welsh-medium", True),
    ("British Pakistani", True), ("Muslim, 40s", True), ("Irish-heritage", True),
    ("Christian Black", False), ("Jain", False), ("Jazz", False), ("Mother", False),
    ("Polish Kacey", False),
])
def test_what_describes_a_person(text: str, describes: bool) -> None:
    assert describes_a_person(text) is describes


# A school field that says the child has no school names none

_OUT_OF_SCHOOL = (
    "Riley has been home educated since Year 7 and is not on roll anywhere. He needs a school "
    "place or tuition. He is not in education, training or employment; the EHE officer has "
    "seen no work and his elective home education is on paper only. He is NEET.")


@pytest.mark.parametrize("school", [
    "None - awaiting place", "Not in education", "Not in education (EHE since Year 7)",
    "Home educated", "Home-schooled", "Elective home education", "EHE", "Not on roll", "NEET",
    "no school place", "Out of education since March", "N/A (home educated)",
    "Awaiting a school place in Hexby", "Child missing education",
])
def test_a_school_field_saying_there_is_none_takes_no_words(school: str) -> None:
    assert scrubbed(_OUT_OF_SCHOOL, child_name="Riley Firth", school=school) == (
        _OUT_OF_SCHOOL.replace("Riley", "[child]"))


@pytest.mark.parametrize("school, text, gone", [
    ("Oakfield Academy", "He was at Oakfield until May.", "Oakfield"),
    ("Home Farm Primary", "He liked Home Farm and its head.", "Home Farm"),
    ("Not on roll (left Oakfield Academy in May)", "He was at Oakfield until May.", "Oakfield"),
    ("Between schools - was St Aidan's", "Before St Aidan's he was happy.", "Aidan"),
])
def test_a_school_field_that_names_a_school_still_removes_it(
        school: str, text: str, gone: str) -> None:
    out = scrubbed(text, child_name="Riley Firth", school=school)
    assert gone not in out and "[school]" in out, out


def test_no_school_is_no_identifying_value() -> None:
    form = ReferralForm(child_name="Riley Firth", school="Not in education (EHE)")
    assert not any("education" in value.casefold() for value in identifying_values(form))


# A nickname that is a word and no one's name is the word in lower case


@pytest.mark.parametrize("known_as, text", [
    ("Peanut", "She has a peanut allergy and carries an EpiPen."),
    ("Peanut", "She is allergic to peanut and tree nuts."),
    ("Peanut", "No peanut butter or peanuts in the house."),
    ("Bear", "Please bear with us on dates; he sleeps with a teddy bear."),
    ("Bear", "He cannot bear loud noise."),
    ("Moose", "He likes the moose at the wildlife park."),
    ("Button", "She pressed the panic button twice."),
])
def test_a_word_nickname_in_lower_case_is_the_word(known_as: str, text: str) -> None:
    assert scrubbed(text, child_name="Maisie Holt", known_as=known_as) == text


@pytest.mark.parametrize("known_as, text", [
    ("Peanut", "Peanut is 13. Her family call her Peanut and Peanut's nan visits."),
    ("Peanut", "She said 'i hate being called peanut at school'."),
    ("Peanut", "Mum calls her peanut when she is upset."),
    ("Peanut", "The family know her as peanut (13) on the estate."),
    ("Bear", "Bear loves water play. Her little brother bear is 4."),
    ("Bear", "Contact with bear is supervised."),
])
def test_a_word_nickname_where_it_stands_as_a_name_goes(known_as: str, text: str) -> None:
    out = scrubbed(text, child_name="Maisie Holt", known_as=known_as)
    assert known_as not in out and f"{known_as.casefold()} " not in out.casefold(), out
    assert f"called {known_as.casefold()}" not in out, out


@pytest.mark.parametrize("known_as, text", [
    ("Sky", "sky is 14 and lives with her nan."),
    ("Hope", "hope is 14 and lives with her nan."),
])
def test_a_name_that_is_a_word_in_lower_case_still_goes(known_as: str, text: str) -> None:
    out = scrubbed(text, child_name="Maisie Holt", known_as=known_as)
    assert known_as.casefold() not in out.casefold(), out


def test_what_is_a_word_and_no_name() -> None:
    assert all(map(a_word_and_no_name, ["Peanut", "Bear", "Moose", "Button"]))
    assert not any(map(a_word_and_no_name, ["Hope", "Sunny", "Sky", "Lexi", "Kyle", "Holt"]))


@pytest.mark.parametrize("text", [
    "Nate likes coding and Rubik's cubes.", "He can do a Rubiks cube in a minute.",
    "Dad brings a Domino's pizza and Kellogg's cereal.",
])
def test_a_brand_or_toy_named_after_someone_stays(text: str) -> None:
    assert scrubbed(text) == text


@pytest.mark.parametrize("text", [
    "She said: peanut / bear - and left.", "She stays with peanut at weekends.",
    "We went to peanut's house.", "peanut went out and peanut hit him.",
    "Mum and peanut likes the park.",
])
def test_a_word_nickname_with_nothing_using_it_as_a_word_goes(text: str) -> None:
    out = scrubbed(text, child_name="Maisie Holt", known_as="Peanut",
                   family_names=[FamilyMember("Bear Holt", "brother")])
    assert "peanut" not in out and "bear" not in out, out
