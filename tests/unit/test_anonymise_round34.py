"""The outside round 34's findings: a home on a street without its number, a named refuge, a
mosque by its name, a school shortened to a saint's initial, a chat typed in lower case, a
pasted e-mail's sender, quoted aliases, a payee in quotes and a taxi driver's badge.

Each case is one the outside tester's referrals leaked, with its neighbours that must keep
working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.referral import FamilyMember
from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_a_home_on_a_street_without_its_number_goes() -> None:
    out = scrubbed("His brother's flat on Orchard Walk is where he goes. She is sofa-surfing at "
                   "her cousin's in Eastfield Rise. Dad lives at the caravan park on Shore Road.")
    for leak in ("Orchard", "Eastfield", "Shore"):
        assert leak not in out, (leak, out)
    text = "They met on the Ring Road. She sat in the park on Sunday. Her flat is on the list."
    assert scrubbed(text) == text


def test_a_named_refuge_goes_and_the_word_refuge_stays() -> None:
    assert scrubbed("Mum is in Harbour refuge.") == "Mum is in [address] refuge.", scrubbed(
        "Mum is in Harbour refuge.")
    text = "Mum went to a refuge; the Women's Aid refuge has a space."
    assert scrubbed(text) == text


def test_a_mosque_or_madrasah_by_its_name_goes() -> None:
    out = scrubbed("He goes to the madrasah at Jamia Masjid Ghausia on Tuesdays.")
    assert "Ghausia" not in out and "Jamia" not in out, out
    assert "the madrasah at [address] on Tuesdays" in out, out
    text = "He prays at the mosque. The Mosque was shut. He goes to Madrasa."
    assert scrubbed(text) == text


def test_a_school_shortened_to_a_saints_initial_goes() -> None:
    out = scrubbed("Year 8 now; transferred from St B's in July.")
    assert "St B's" not in out and "from [school] in July" in out, out


def test_a_chat_in_lower_case_loses_its_sender_and_a_friends_house() -> None:
    out = scrubbed('Texts she showed us:\n"jay: where u at"\n"jay: tell nan ur at kezias"\n'
                   "Jay is believed to be Jason Pryce, 21. Kezia Hunt (15) is her friend.")
    for leak in ("jay", "kezia", "Jason"):
        assert leak not in out.casefold(), (leak, out)
    assert "where u at" in out and "tell nan ur at" in out, out
    text = '"note: see file"\nShe wrote "note: ring nan".'
    assert scrubbed(text) == text


def test_a_pasted_emails_sender_goes() -> None:
    out = scrubbed('Pasted from a screenshot: "From: Gaz Pickles <gaz.p@mailbox.example> '
                   'Sent: 18 November".')
    assert "Gaz" not in out and "Pickles" not in out, out
    assert 'From: [person] <' in out, out


def test_a_quoted_alias_after_known_as_or_under_the_name_goes() -> None:
    out = scrubbed("He is known in drill videos as 'Skeng J'. The group's main youngers are "
                   "'Lil Ghost' and 'Bizzle'. He wrote a drill track under the name 'Ezzy Dread'.")
    for leak in ("Skeng", "Ghost", "Bizzle", "Ezzy"):
        assert leak not in out, (leak, out)
    text = "Her dog is called 'Biscuit'. She wrote a song called 'Night Drive'."
    assert scrubbed(text) == text


def test_a_payee_in_quotes_on_a_bank_line_goes() -> None:
    out = scrubbed("Statements show transfers from 'SAVINGS' sort code 40-12-34, account "
                   "12345678, to 'Bailey'.")
    assert "Bailey" not in out, out
    text = "She paid the deposit. Transfers go to 'Savings' each week."
    assert scrubbed(text) == text


def test_a_taxi_drivers_badge_number_goes() -> None:
    out = scrubbed("His taxi (private hire badge 4471) was outside school.")
    assert "4471" not in out, out
    text = "She earned her swimming badge in 2024."
    assert scrubbed(text) == text


# Over-redactions: a name used in a known fixed phrase stays


def test_a_name_in_a_brand_a_show_a_team_or_a_phrase_stays() -> None:
    text = ("She makes Mason jars, bakes with Mason Cash bowls, watches Brooklyn Nine-Nine, "
            "wears a Brooklyn Nets cap, collects Penny Black stamps and Pokémon cards, helps "
            "at Rainbow Guides and goes to Summer camps; Mum has debts with Provident.")
    family = [FamilyMember("Mason Brooklyn", "brother"), FamilyMember("Summer Penny", "sister")]
    assert scrubbed(text, family_names=family) == text
    out = scrubbed("Mason said Brooklyn hit him. Penny and Summer were there; Mason's jars.",
                   family_names=family)
    for leak in ("Mason", "Brooklyn", "Penny", "Summer"):
        assert leak not in out, (leak, out)


def test_an_english_word_of_the_schools_name_alone_stays() -> None:
    out = scrubbed("He helps at the food bank. He went to Hessle Bank and to Hessle.",
                   school="Hessle Bank Academy")
    assert "food bank" in out and "Hessle" not in out, out


def test_a_word_both_the_school_and_the_district_name_is_the_address() -> None:
    out = scrubbed("She was found on the Wexley Road.", school="Wexley St Mary's Primary",
                   home_address="8 Ash Grove, Wexley")
    # the whole street, since round 44: a landmark's street named by a rare word says where
    assert "on the [address]" in out and "[school]" not in out and "Wexley" not in out, out


def test_no_fixed_abode_as_the_home_address_stays_in_the_text() -> None:
    out = scrubbed("She is no fixed abode, sofa-surfing.", home_address="No fixed abode")
    assert out == "She is no fixed abode, sofa-surfing.", out


def test_a_family_surname_said_to_be_no_relation_is_a_person() -> None:
    out = scrubbed("Dr Gaskell (no relation) raised it. Gaskell (her aunt) came too.")
    assert out == "Dr [person] (no relation) raised it. [child] (her aunt) came too.", out


@pytest.mark.parametrize("unit", [
    "flat on Ab Walk flat on ", "cousin's in Ab Cd Ef Rise ", "caravan park on caravan park on ",
    "in Ab refuge in Ab Ab ", "Ab Ab Masjid Ab Ab Masjid ", "Masjid Masjid ", "St B's St B's ",
    '"jay: "jay: ', '"ab: a\n', "From: Ab Cd <a@", "From: From: Ab <<a@ ",
    "known in ab cd as 'A' ", "youngers are 'A' and 'B' and ", "track under the name 'A' ",
    "transfers to transfers , to 'Ab ", "paid paid paid to ", "badge 4471 badge ",
    "Gaskell (no relation (no relation ", "Gaskell ( not  related ) ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
