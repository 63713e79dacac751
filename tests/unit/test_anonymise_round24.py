"""The outside round 24's findings: a police log in capitals, a child's own words in lower
case, handles named by an account, nicknames and name shapes the searches missed, and the
businesses, brands, organisations and relatives' words taken for people.

Each case is one the outside tester's referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up; NHS numbers are from the 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from broker.referral import FamilyMember
from tests.factories import anonymised_beside_a_family, scrubbed
from tests.growth import ANONYMISED_SIZE, LINEAR, growth, repeated

# Leaks


def test_officers_in_a_police_log_in_capitals_go() -> None:
    out = scrubbed("21:19 RESOURCED PC 4471 HAIGH, PC 2290 OKAFOR\n21:31 AT SCENE.")
    assert out == "21:19 RESOURCED PC 4471 [person], PC 2290 [person]\n21:31 AT SCENE.", out


@pytest.mark.parametrize("text", [
    "21:31 AT SCENE. PC 4471 AT SCENE WITH DOG UNIT.",
    "She broke her PC WORLD laptop.",
])
def test_a_word_after_an_officers_title_in_capitals_stays(text: str) -> None:
    assert scrubbed(text) == text


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


def test_names_in_a_childs_words_in_lower_case_go() -> None:
    out = scrubbed(
        "Tia wrote: 'me and kacey and tay-tay went to the rec then marcus and his mate smudge "
        "took us to shannons. shannons mum wasnt in. deano gave us vodka and i dont remember "
        "after that'\n\nKacey Holroyd (14) has also been missing. Marcus is believed to be "
        "Marcus Devlin (21).")
    assert out == (
        "[child] wrote: 'me and [person] and [person] went to the rec then [person] and his "
        "mate [person] took us to [person]. [person] mum wasnt in. [person] gave us vodka and "
        "i dont remember after that'\n\n[person] (14) has also been missing. [person] is "
        "believed to be [person] (21)."), out


def test_a_pet_form_and_relatives_names_in_lower_case_go() -> None:
    out = scrubbed(
        "'i dont want to live with shaz anymore. her and gaz argue every nite. nanna jean says "
        "i can stop at hers. my mate lexi said her mum would have me.'",
        family_names=[FamilyMember("Sharon Gaskell", "mother"),
                      FamilyMember("Gary Wilkins", "mother's partner")])
    assert out == (
        "'i dont want to live with [mother] anymore. her and [person] argue every nite. nanna "
        "[person] says i can stop at hers. my mate [person] said her mum would have me.'"), out


@pytest.mark.parametrize("text", [
    # words, not names, in a child's words
    "'me and mum went to the rec and i had chips. my mate said it was fine'",
    "'i went to asda with my nan and bruv gave us a lift'",
    # no child's words: ordinary prose, where a lower-case word after "and" is a word
    "Tia and Jake went to the rec, where she and mark the time. The form gave us the date.",
])
def test_words_in_lower_case_that_are_no_names_stay(text: str) -> None:
    out = scrubbed(text.replace("Jake", "Jake Ruddock"))
    assert out == text.replace("Tia", "[child]").replace("Jake", "[person]"), out


def test_a_name_given_elsewhere_stays_a_word_in_prose_not_in_lower_case() -> None:
    out = scrubbed("Her friend Will Dacre visits. she said i will go. Marcus Devlin (21) "
                   "drives a mark 2 car.")
    assert "i will go" in out and "mark 2" in out, out


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


def test_a_nickname_said_to_be_a_person_goes() -> None:
    out = scrubbed("Contacts: '💰Dolla💰' (none). Dolla is believed to be Dominic Lassiter (25).")
    assert out == "Contacts: '💰[person]💰' (none). [person] is believed to be [person] (25).", out


def test_a_quoted_name_after_meet_goes() -> None:
    out = scrubbed("They went to Victoria Park to meet 'Smithy'. Later she met 'the lads'.")
    assert out == "They went to Victoria Park to meet '[person]'. Later she met 'the lads'.", out


def test_a_nickname_and_surname_after_a_role_go() -> None:
    out = scrubbed("He boxes with coach 'Tank' Wainwright. Tank is strict.")
    assert out == "He boxes with coach '[person]' [person]. [person] is strict.", out


def test_a_last_one_word_item_among_first_names_goes() -> None:
    out = scrubbed("The team sheet lists him with Kobe, Ashton, Lennon and Rio.")
    assert out == "The team sheet lists him with [person], [person], [person] and [person].", out


def test_a_list_of_places_or_with_one_name_stays() -> None:
    text = "She has lived in Leeds, Bradford, Halifax and Rio, and played with Kobe and Rio."
    assert scrubbed(text) == text.replace("Kobe", "[person]")


def test_the_childs_initials_he_is_called_by_go() -> None:
    out = scrubbed("He goes by TJ or Teej at home. TJ is happy.",
                   child_name="Thomas Jenson Ackerley")
    assert out == "He goes by [child] or [person] at home. [child] is happy.", out


def test_initials_no_one_is_called_by_stay() -> None:
    text = "He saw the TJ Hughes store and the TA office."
    assert scrubbed(text, child_name="Thomas Jenson Ackerley") == text


def test_a_pet_form_the_family_call_someone_goes() -> None:
    out = scrubbed("Renátka, as the family call the mother, speaks Slovak. Leeds, as the "
                   "locals call it, is big.")
    assert out == ("[person], as the family call the mother, speaks Slovak. Leeds, as the "
                   "locals call it, is big."), out


def test_a_title_an_initial_and_a_double_barrelled_surname_go() -> None:
    out = scrubbed("Contact: Mrs A. Pemberton-Clarke, Head of Year 9. Ms B Lund said so.")
    assert out == "Contact: Mrs [person], Head of Year 9. Ms [person] said so.", out


def test_a_cantonese_name_with_a_hyphenated_given_name_goes() -> None:
    out = scrubbed("He lives with his grandmother, Mrs LAU Kam-fung, above the takeaway.")
    assert out == "He lives with his grandmother, Mrs [person], above the takeaway.", out


def test_a_named_block_of_flats_goes() -> None:
    out = scrubbed("We think it is Steven Laycock, 47, of Mill Race Flats. Council Flats are "
                   "noisy. The Flats are old.")
    assert out == "We think it is [person], 47, of [address]. Council Flats are noisy. The "\
        "Flats are old.", out


def test_a_buildings_name_before_a_numbered_street_goes() -> None:
    out = scrubbed("Northby CAMHS | Larkspur House | 4 Tenter Lane | Northby\nThe Court House, 2 "
                   "hearings. Family Court, 2 Days.")
    assert out == ("Northby CAMHS | [address] | [address] | Northby\nThe Court House, 2 "
                   "hearings. Family Court, 2 Days."), out


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


def test_an_organisation_in_brackets_after_a_name_is_no_alias() -> None:
    out = scrubbed("Foster carers Sandra and Mick Oldroyd (Brightpath Fostering) since March. "
                   "Donna Ackroyd (Orchard Fostering) before. Kayla Reid (Yasmin Okonkwo) too.")
    assert out == ("Foster carers [person] and [person] (Brightpath Fostering) since March. "
                   "[person] (Orchard Fostering) before. [person] ([person]) too."), out


def test_car_makes_and_businesses_stay() -> None:
    out = scrubbed(
        "Seen getting into a grey Audi A3, reg nb19xdp, and a white Mercedes registration "
        "WU68OTA. He used Streamline Taxis. They ate at Anatolia Kebab House. He plays for "
        "Oakby Harriers U15s. The twins love Paw Patrol.")
    assert out == (
        "Seen getting into a grey Audi A3, reg [reference], and a white Mercedes registration "
        "[reference]. He used Streamline Taxis. They ate at Anatolia Kebab House. He plays "
        "for [address] U15s. The twins love Paw Patrol."), out  # a grassroots club's name
    # by a rare word says which town (round 45): it goes as a place, never as a person


def test_a_person_named_like_a_car_or_beside_a_business_still_goes() -> None:
    out = scrubbed("Mercedes Lopez (19) drives. Her friend Mercedes said so. Marek Zielinski "
                   "runs the shop.")
    assert out == "[person] (19) drives. Her friend [person] said so. [person] runs the shop.", out


def test_relatives_words_are_no_names() -> None:
    out = scrubbed("She calls her mother Mummyji. He lives with Ah Ma (maternal grandmother).")
    assert out == "She calls her mother Mummyji. He lives with Ah Ma (maternal grandmother).", out


def test_a_rebbetzins_title_stays_before_her_name() -> None:
    out = scrubbed("His mother Rebbetzin Chaya Mushka (Mushky) wants him home.",
                   family_names=[FamilyMember("Chaya Mushka Friedman", "mother")])
    assert out == "His mother Rebbetzin [mother] ([mother]) wants him home.", out


def test_a_plural_that_is_a_word_is_not_a_name_that_is_one() -> None:
    out = scrubbed("Bean is frightened of the dark. She eats baked beans. Bean's room; bean.",
                   known_as="Bean", child_name="Evangeline Hobbs")
    assert out == ("[child] is frightened of the dark. She eats baked beans. [child]'s room; "
                   "[child]."), out


@pytest.mark.parametrize("unit", [
    "PC 1 AB ", "1 AB AB AB ", "1 AB ON THE ROAD ", "a i i a ", "'a me and ab and ", "ab gave ",
    "to abs ", "nanna ab ", "account a.a ", "priv: 1", "called ab.ab ", "Ab is believed to ",
    "Ab, as the a a ", "meet 'Ab' ", "coach 'Ab' Ab ", "Ab, Ab, Ab and ", "by TJ or ",
    "Mrs A. A. ", "Mrs AB Ab-ab ", "Ab Ab Ab Flats ", "the fourth of March, twenty ",
    "twenty-two thousand and ", "(Ab Fostering) ", "white Mercedes ", "reg ab1 and a ",
    "Ab Taxis Ab ", "Mummyji Ah Ma ", "beans bean ", "Ab Ab House | 1 Ab ", "Ab House, 1 ",
    "Rebbetzin Ab ",
])
def test_text_made_to_slow_these_searches_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), anonymised_beside_a_family, ANONYMISED_SIZE, repeats=3) < LINEAR
