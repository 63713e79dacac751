"""Pet forms after round an43: the old forms that share no letters with the name ("Jack" for
John, "Polly" and "Molly" for Mary, "Sally" and "Sal" for Sarah, "Kit" and "Kitty" for
Catherine, "Dot" and "Dolly" for Dorothy, "Bill" for William) go; a form that is a word goes
before an aside that says it is what the child is called ("Ned, as his grandad calls him,");
and a pet form stays a thing's where the words beside it make it one ("a Teddy bear", "the
local Bobby", "PE Kit", "Kit is provided by the club"). The people are made up."""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import ReferralForm

TODAY = date(2026, 12, 7)


def _background(child_name: str, text: str) -> str:
    form = ReferralForm(child_name=child_name, background=text)
    return anonymise(form, authority=None, today=TODAY).text["background"] or ""


@pytest.mark.parametrize(("child_name", "pet_form"), [
    ("John Pickering", "Jack"), ("John Pickering", "Johnny"), ("Mary Rudd", "Polly"),
    ("Mary Rudd", "Molly"), ("Sarah Gilbey", "Sally"), ("Catherine Moss", "Kitty"),
    ("Dorothy Keel", "Dolly"), ("William Sykes", "Bill"), ("Alexandra Pell", "Sandy"),
])
def test_an_old_pet_form_of_another_spelling_goes(child_name: str, pet_form: str) -> None:
    out = _background(child_name, f"{pet_form}'s mum works nights; staff told {pet_form} so.")
    assert out == "[child]'s mum works nights; staff told [child] so.", out


@pytest.mark.parametrize(("child_name", "pet_form", "rest"), [
    ("Edward Pask", "Ned", ", as his grandad calls him, stays with grandad at weekends."),
    ("Henry Oakes", "Hal", " (his dad's name for him) likes trains."),
    ("Catherine Moss", "Kit", " (her own choice of name) is questioning her gender."),
    ("Dorothy Keel", "Dot", ", as she is called, has a stammer."),
])
def test_a_word_form_goes_before_an_aside_that_says_it_is_her_name(
        child_name: str, pet_form: str, rest: str) -> None:
    out = _background(child_name, pet_form + rest)
    assert out == "[child]" + rest, out


@pytest.mark.parametrize(("child_name", "text"), [
    ("Edward Blakey", "He sleeps with a Teddy bear his late grandad gave him."),
    ("Robert Hines", "He is well known to the local Bobby."),
    ("Maxine Orr", "She wears a long Maxi dress to school."),
    ("Terence Batty", "He was given a Terry's Chocolate Orange by staff."),
    ("Christopher Lyle", "Kit is provided by the club; boots are not. Kit was lost at the home."),
    ("Christopher Dane", "He refuses to change into PE Kit. His School Kit is often missing."),
])
def test_a_pet_form_stays_where_the_words_beside_it_make_it_a_things(
        child_name: str, text: str) -> None:
    assert _background(child_name, text) == text


@pytest.mark.parametrize("text", [
    "Kit has been missing since Friday.", "Yesterday Kit went missing.", "Thanks Kit.",
    "Kit was found by police at 2am.",
])
def test_a_word_form_still_goes_where_it_stands_as_a_name(text: str) -> None:
    out = _background("Christopher Lyle", text)
    assert "Kit" not in out and "[child]" in out, out


@pytest.mark.parametrize(("child_name", "text"), [
    ("Tobias Fenn", "He went to the Toby Carvery for Sunday lunch."),
    ("Patrick Doyle", "He was found at Paddy Power with an adult."),
    ("Terence Batty", "Terry's Chocolate Orange is his favourite."),
])
def test_a_brand_that_holds_a_pet_form_stays_whole(child_name: str, text: str) -> None:
    assert _background(child_name, text) == text
