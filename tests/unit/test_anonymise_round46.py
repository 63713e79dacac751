"""Round 46's leaks: what round 45's rules for a name that is the word let through.

A name that is no word names no kind ("made Kyle tea"), and one that is a word is the person
after a giving verb or before a pronoun ("shows Amber warning him"); a name with an 's' after
"at" or "to" is someone's house ("at Marks in the early hours"); "the Dr." is a noun; "The
Ashton Road flat" is an address; a kept brand written as a person's name is a person. Each
case comes with the neighbour that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from tests.factories import scrubbed


@pytest.mark.parametrize(("text", "child", "gone"), [
    ("The foster carer made Kyle tea and toast.", "Kyle Renshaw", "Kyle"),
    ("Police have given Jordan warnings about his behaviour.", "Jordan Pell", "Jordan"),
    ("CCTV from the shop shows Amber warning him to stay away.", "Amber Kenning", "Amber"),
    ("Staff bought Jasmine tea for her birthday.", "Jasmine Oduya", "Jasmine"),
    ("She found Mark at Marks in the early hours.", "Mark Ellery", "Marks"),
    ("He goes to Bills on Sundays for dinner.", "Bill Ellery", "Bills"),
    ("He was seen by the Dr. Jordan said afterwards that he was scared.", "Jordan Pell",
     "Jordan"),
])
def test_a_name_given_shown_or_visited_is_the_person(text: str, child: str, gone: str) -> None:
    out = scrubbed(text, child_name=child)
    assert gone not in out and "[child]" in out, out


@pytest.mark.parametrize(("text", "child", "kept"), [
    ("Jasmine eats only Jasmine rice at home.", "Jasmine Oduya", "Jasmine rice"),
    ("Police issued an Amber alert within the hour. Amber was found.", "Amber Kenning",
     "Amber alert"),
    ("Mark was upset. Marks on his arms were seen by the nurse.", "Mark Ellery", "Marks on"),
])
def test_a_name_that_is_the_word_here_still_stays(text: str, child: str, kept: str) -> None:
    out = scrubbed(text, child_name=child)
    assert kept in out, out


def test_a_doctors_title_still_makes_a_person_of_the_childs_name() -> None:
    out = scrubbed("Jordan was reviewed by Dr Jordan at the clinic.", child_name="Jordan Pell")
    assert out.startswith("[child]") and "Dr [person]" in out, out


def test_a_street_before_a_homes_noun_opening_a_sentence_goes() -> None:
    out = scrubbed("The Ashton Road flat where his mother lives has no heating.")
    assert "Ashton" not in out and "flat where his mother lives" in out, out


def test_the_high_street_opening_a_sentence_still_stays() -> None:
    text = "The High Street shops are where he spends his afternoons."
    assert scrubbed(text) == text


def test_a_childs_name_and_a_day_is_the_child_not_the_song() -> None:
    out = scrubbed("I visited Ruby Tuesday after school and she was settled.",
                   child_name="Ruby Cowell")
    assert "Ruby" not in out and "[child] Tuesday" in out, out
    sung = scrubbed("Ruby sang Ruby Tuesday at the talent show.", child_name="Ruby Cowell")
    assert "sang Ruby Tuesday" in sung, sung


@pytest.mark.parametrize("text", [
    "Her boyfriend Jack Daniels, 19, collects her from school.",
    "She has been seen with Jack Daniels (19) in the town centre.",
])
def test_a_brand_written_as_a_persons_name_with_an_age_or_a_relation_goes(text: str) -> None:
    out = scrubbed(text, child_name="Tia Brennan")
    assert "Daniels" not in out, out


def test_the_drink_still_stays() -> None:
    text = "She was found with a bottle of Jack Daniels in her bag."
    assert scrubbed(text, child_name="Tia Brennan") == text
