"""The outside round 24's findings: a police log in capitals, a child's own words in lower
case, handles named by an account, nicknames and name shapes the searches missed, and the
businesses, brands, organisations and relatives' words taken for people.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm
from tests.factories import anonymised_background
from tests.growth import LINEAR, growth

TODAY = date(2026, 11, 20)


def scrubbed(text: str, **fields: object) -> str:
    fields.setdefault("child_name", "Tia Gaskell")
    return anonymised_background(text, today=TODAY, **fields)[0]


# Leaks


def test_an_address_in_capitals_goes() -> None:
    out = scrubbed("22:05 CHILD TAKEN TO GRANDMOTHER'S AT 27 SHAW ROW, WRAGBY\nLIVES AT 14 "
                   "CRANBROOK ROAD.")
    assert out == ("22:05 CHILD TAKEN TO GRANDMOTHER'S AT [address], WRAGBY\nLIVES AT "
                   "[address]."), out


@pytest.mark.parametrize("text", [
    "HE SCORED 2 GOALS ON THE PARK.", "SEEN AT 21:14 BY 2 OFFICERS IN THE STREET.",
])
def test_capitals_with_a_number_and_a_street_word_in_a_sentence_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_handles_named_by_an_account_go() -> None:
    out = scrubbed(
        "Bio: '🔒 priv: kenzzz.priv'. She has a second 'finsta' account, k3nz.alt, where she "
        "posts. An adult using the account dan.the.man.88 comments. Messages from an account "
        "called realkingzbg.")
    assert out == (
        "Bio: '🔒 priv: [handle]'. She has a second 'finsta' account, [handle], where she "
        "posts. An adult using the account [handle] comments. Messages from an account called "
        "[handle]."), out


@pytest.mark.parametrize("text", [
    "She called back.he said no. The account holder called 999. She called Mum at 5pm.",
    "She has a bank account, called it savings. Her priv account is private.",
])
def test_words_after_an_account_or_called_stay(text: str) -> None:
    assert scrubbed(text) == text


def test_a_named_block_of_flats_goes() -> None:
    out = scrubbed("We think it is Steven Laycock, 47, of Mill Race Flats. Council Flats are "
                   "noisy. The Flats are old.")
    assert out == "We think it is [person], 47, of [address]. Council Flats are noisy. The "\
        "Flats are old.", out


def test_a_date_of_birth_with_its_year_in_words_goes() -> None:
    out = scrubbed("Tia was born on the fourth of March, twenty eleven, at home. Her brother "
                   "was born on the twenty-second of October two thousand and eight.",
                   date_of_birth=date(2011, 3, 4))
    assert out == ("[child] was born on the [date of birth], at home. Her brother was born on "
                   "the [date of birth]."), out


def test_a_year_in_words_after_another_date_stays() -> None:
    text = "The twenty-second of October was the date; twenty eleven was a hard year."
    assert scrubbed(text, date_of_birth=date(2011, 3, 4)) == text


# Over-redactions


@pytest.mark.parametrize("unit", [
    "1 AB AB AB ", "1 AB ON THE ROAD ", "account a.a ", "priv: 1", "called ab.ab ",
    "Ab Ab Ab Flats ", "the fourth of March, twenty ", "twenty-two thousand and ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    def work(text: str) -> object:
        form = ReferralForm(child_name="Thomas Jenson Ackerley", background=text, known_as="Bean",
                            date_of_birth=date(2011, 3, 4), school="Brightwater Academy",
                            family_names=[FamilyMember("Rebecca Ackerley", "mother"),
                                          FamilyMember("Gary Wilkins", "mother's partner")])
        return anonymise(form, authority=None, today=TODAY)

    assert growth(make, work, 10_000, repeats=3) < LINEAR
