"""A reply to our "please correct" email read knowing which fields were asked
(broker/forms/asked_answers.py), and answers typed under our quoted problems
(broker/forms/quotes.py): outside round R23, I01, I02, I11."""

from __future__ import annotations

import pytest

from broker.forms import read_message
from broker.forms.asked_answers import answers_to_asked
from broker.forms.referral import is_readable
from tests.unit.test_forms_referral_round8 import ON, REFERRAL, _email


def _answers(text: str, *asked: str) -> tuple[dict[str, str], list[str]]:
    found = answers_to_asked(text, asked, REFERRAL,
                             lambda key, value: is_readable(key, value, REFERRAL, ON))
    return found.fields, found.unplaced


@pytest.mark.parametrize("text", [
    "Hi, sorry \u2013 DOB is 04/09/2012 and postcode is SE15 3RT.\n\nThanks\nPriya",
    "d.o.b. 04/09/2012, post code SE15 3RT",
    "Her date of birth should be 04/09/2012; the postcode is SE15 3RT",
    "D.O.B = 04/09/2012 & Postcode - SE15 3RT",
])
def test_answers_in_her_own_words_are_read_for_the_fields_asked(text: str) -> None:
    fields, _ = _answers(text, "date_of_birth", "home_postcode")
    assert fields == {"date_of_birth": "04/09/2012", "home_postcode": "SE15 3RT"}


def test_a_bare_value_answers_the_one_field_that_can_read_it() -> None:
    assert _answers("04/09/2012", "date_of_birth")[0] == {"date_of_birth": "04/09/2012"}
    assert _answers("See below\n\n04/09/2012\n\nSE15 3RT\n\nPriya",
                    "date_of_birth", "home_postcode")[0] == {
        "date_of_birth": "04/09/2012", "home_postcode": "SE15 3RT"}


def test_a_bare_value_that_does_not_read_is_still_the_one_field_asked() -> None:
    assert _answers("31/02/2012", "date_of_birth")[0] == {"date_of_birth": "31/02/2012"}


def test_two_dates_asked_take_bare_dates_in_order_only_when_as_many() -> None:
    fields, unplaced = _answers("04/09/2012\n14/12/2026", "date_of_birth", "needed_from")
    assert fields == {"date_of_birth": "04/09/2012", "needed_from": "14/12/2026"}
    fields, unplaced = _answers("04/09/2012", "date_of_birth", "needed_from")
    assert fields == {} and unplaced == ["04/09/2012"]


def test_a_free_text_field_is_taken_only_after_its_label() -> None:
    assert _answers("See below\n\nThanks\nPriya", "child_name") == ({}, [])
    assert _answers("Name is Chloe Ramsbottom", "child_name")[0] == {
        "child_name": "Chloe Ramsbottom"}


def test_a_label_in_a_remark_with_no_value_after_it_is_no_answer() -> None:
    assert _answers("I don't have the postcode yet, sorry", "home_postcode") == ({}, [])


def test_fields_not_asked_are_never_read() -> None:
    assert _answers("Needed from is 14/12/2026", "date_of_birth")[0] == {}


def test_answers_typed_under_our_quoted_problems_take_their_labels() -> None:
    body = ("See below\n\nOn Mon, 7 Dec 2026 at 09:15, Placement referrals "
            "<referrals@broker.localhost> wrote:\n"
            "> 1. Date of birth: no value was given, and a referral needs one.\n"
            ">    What we need: a UK date such as 14/03/2012.\n\n04/09/2012\n\n"
            "> 2. Home postcode: no value was given, and a referral needs one.\n"
            ">    What we need: a full UK postcode such as SE15 4AB.\n\nSE15 3RT\n\n"
            ">\n> Your referral has been kept as REF-2026-250313.\n")
    read = read_message(_email(body), REFERRAL, new_text_only=True)
    assert read.fields == {"date_of_birth": "04/09/2012", "home_postcode": "SE15 3RT"}


def _found(text: str, *asked: str):  # type: ignore[no-untyped-def]
    return answers_to_asked(text, asked, REFERRAL,
                            lambda key, value: is_readable(key, value, REFERRAL, ON))


@pytest.mark.parametrize(("text", "asked", "expected"), [
    ("Sorry - DOB is 02/11/2012 and it's a foster placement we need.",
     ("date_of_birth", "placement_type"),
     {"date_of_birth": "02/11/2012", "placement_type": "fostering"}),
    ("We are after a therapeutic foster placement for her please.", ("placement_type",),
     {"placement_type": "fostering-specialist"}),
    ("It's residential we need, and it's urgent.", ("placement_type", "urgency"),
     {"placement_type": "residential", "urgency": "urgent"}),
])
def test_a_choice_named_in_a_sentence_answers_the_field_asked(text, asked, expected) -> None:  # type: ignore[no-untyped-def]
    assert _found(text, *asked).fields == expected


@pytest.mark.parametrize(("text", "asked"), [
    ("Not residential - she wants a family, so foster if you can.", ("placement_type",)),
    ("Either residential or fostering would do.", ("placement_type",)),
    ("It's an emergency.", ("urgency", "duration")),  # an urgency's word and a duration's
])
def test_a_choice_named_but_denied_or_doubtful_is_mentioned_not_read(text, asked) -> None:  # type: ignore[no-untyped-def]
    found = _found(text, *asked)
    assert found.fields == {}
    assert set(found.mentioned) == set(asked)


def test_a_field_that_identifies_the_child_is_not_read_from_a_sentence() -> None:
    found = _found("We need female carers only, she is 14.", "gender")
    assert "gender" not in found.fields
