"""The outside round 39's findings and the attacker's review 21 (finding 3): family names that
are everyday words in lower-case phrasing, minutes' initials the sector also writes, a chat's
lower-case names, a house's name in an address list, a double first name's initials, and a
language, a currency and a virtue taken for people.

Each case is one the outside testers' referrals leaked or over-redacted, with its neighbours
that must keep working. People and places are made up.
"""

from __future__ import annotations

import pytest

from broker.anonymise import anonymise
from broker.referral import FamilyMember, ReferralForm
from tests.factories import ROUND_DAY, scrubbed

# Leaks

_FROSTS = [FamilyMember("Dawn Frost", "mother"), FamilyMember("Will Frost", "brother"),
           FamilyMember("Grace Frost", "grandmother"), FamilyMember("Summer Frost", "sister"),
           FamilyMember("Ivy Frost", "sister"), FamilyMember("Jack Frost", "brother")]


@pytest.mark.parametrize(("text", "name"), [
    ("Casey was found at dawn's flat on three nights.", "dawn"),
    ("She was in summer's car.", "summer"),
    ("At hope's school she was excluded.", "hope"),
    ("She went to grace's.", "grace"),
    ("She is often out with grace at night.", "grace"),
    ("She stays with summer at weekends.", "summer"),
    ("Police found her with ivy, a girl of 15.", "ivy"),
    ("Contact with summer is supervised.", "summer"),
    ("The girls hope and summer share a room.", "hope"),
    ("The twins will and grace are 9.", "will"),
    ("The boys will and jack were arrested.", "will"),
    ("Staff looked after summer overnight.", "summer"),
])
def test_a_family_name_that_is_a_word_goes_in_lower_case_where_it_stands_as_a_name(
        text: str, name: str) -> None:
    out = scrubbed(text, child_name="Casey Hope Frost", family_names=_FROSTS)
    assert f" {name} " not in f" {out} " and f" {name}'" not in f" {out}", out


@pytest.mark.parametrize("text", [
    "Since summer she has been missing.", "She came home at dawn.",
    "The summer's end was hard; a summer's day.", "There is hope that she settles.",
    "She lives in hope of a return, with hope that it lasts.",
    "In summer she goes camping; during winter she stays in.", "She handled it with dignity.",
    "The girls hope to share a room.", "The twins will be 9.", "She was up at the crack of dawn.",
    "She cried tears of joy.", "The summer holidays start soon.",
])
def test_the_everyday_word_stays_in_its_fixed_phrases(text: str) -> None:
    family = [*_FROSTS, FamilyMember("Joy Frost", "aunt")]
    assert scrubbed(text, child_name="Casey Hope Frost", family_names=family) == text


_MINUTES = ("Extract from strategy meeting minutes:\n"
            "Present: JH (SW), MS (mum), PC Okoro, CAMHS nurse, KS (YP) for part.\n"
            "MS said KS has not slept at home since Sunday. JH (SW) will visit.")


def test_in_minutes_a_family_members_initials_the_sector_also_writes_go() -> None:
    out = scrubbed(_MINUTES, child_name="Keeley Sutcliffe",
                   family_names=[FamilyMember("Mandy Sutcliffe", "mother")])
    assert "MS" not in out and "KS" not in out, out
    assert "[mother] said [child]" in out and "JH (SW)" in out, out


def test_initials_the_sector_writes_stay_where_no_list_says_whose_they_are() -> None:
    text = ("Present: JH (SW), PC Okoro.\nMS was discussed: her mum has MS and is unwell. "
            "KS said she is fine.")
    out = scrubbed(text, child_name="Keeley Sutcliffe",
                   family_names=[FamilyMember("Mandy Sutcliffe", "mother")])
    assert "mum has MS" in out and "KS" not in out, out


_TIMED_CHAT = ("Messages from her phone:\n• Hunter 23:01: come out\n• faith 23:02: cant\n"
               "• Hunter 23:03: grace n joy r here\n• Sky 23:05: babe come thru\n"
               "Grace and Joy are girls of 14 (Grace Pennock, Joy Latimer). Faith has faith in "
               "these friends.")


def test_a_name_given_elsewhere_that_is_a_word_goes_in_a_chats_message() -> None:
    out = scrubbed(_TIMED_CHAT, child_name="Faith Allonby")
    assert "grace" not in out.lower() and "joy" not in out.lower(), out
    assert "[person] n [person] r here" in out and "has faith in these friends" in out, out


def test_a_name_given_elsewhere_stays_a_word_in_a_chat_where_it_is_plainly_the_word() -> None:
    text = ("Tyler 21:01: u ok\nMia 21:02: i hope so x\nTyler 21:03: come out\n"
            "Her friend Hope Barraclough (15) was with her.")
    out = scrubbed(text)
    assert "i hope so x" in out and "Barraclough" not in out, out


_LOWER_CHAT = ("Her texts to Dev (pasted by Dev):\nrubes: dont tell dad im at jades\n"
               "rubes: jade says tommo will drive us back\ndev: ur 15 ruby come home\n"
               "She goes missing with Jade Tinsley. She wears a ruby necklace.")


def test_a_lower_case_chat_without_quotes_gives_up_its_names() -> None:
    out = scrubbed(_LOWER_CHAT, child_name="Ruby Chakraborty", known_as="Rubes",
                   family_names=[FamilyMember("Dev Chakraborty", "brother")])
    for leak in ("ruby come", "tommo", "jades", "jade says", "Tinsley"):
        assert leak not in out, out
    assert "a ruby necklace" in out and "dont tell dad" in out, out


def test_a_house_name_and_a_street_named_for_someone_go_as_an_address() -> None:
    text = ("When missing she goes to:\n- her aunt, who lives at 22 Pinfold Lane, Westmarrow\n"
            "- The Old Forge, Milner's Row, Castlebeck (adult male, unknown)\nShe came home.")
    out = scrubbed(text, child_name="Lacey-Mae Oddie")
    assert "Old Forge" not in out and "Milner" not in out and "[person]" not in out, out
    assert "(adult male, unknown)" in out, out


def test_a_double_first_names_initials_go_where_they_stand_as_the_child() -> None:
    text = "SR wants to stay with Autumn. SR's mum agrees. Postcode ZZ99 2SR."
    out = scrubbed(text, child_name="Summer-Rose Kettlewell", known_as="Summer")
    assert "SR wants" not in out and "SR's" not in out, out
    assert scrubbed("PE lessons help.", child_name="Paige-Elise Kettlewell") == "PE lessons help."
    assert scrubbed("TJ said hello.", child_name="Tyler-James Hargreaves") == (
        "[child] said hello.")


# Over-removal


@pytest.mark.parametrize("text", [
    "Interpreter needed for mum (Polish).", "He wants Polish-speaking carers.",
    "Interpreter needed for dad (Tigrinya).", "Mum (Nigerian) and dad (Ghanaian) separated.",
])
def test_a_language_or_a_nationality_in_brackets_is_no_ones_name(text: str) -> None:
    form = ReferralForm(child_name="Kacper Wisniewski", language="Polish",
                        ethnicity="White Other - Polish", background=text,
                        family_names=[FamilyMember("Agnieszka Wisniewska", "mother")])
    result = anonymise(form, authority=None, today=ROUND_DAY)
    assert result.text["background"] == text
    assert result.profile["language"] == "Polish"
    assert result.profile["ethnicity"] == "White Other - Polish"


def test_a_name_in_brackets_after_a_relation_still_goes() -> None:
    out = scrubbed("Interpreter needed for mum (Agnieszka).", child_name="Kacper Wisniewski")
    assert "Agnieszka" not in out, out


@pytest.mark.parametrize(("text", "family", "expected"), [
    ("Pocket money is paid in pounds sterling and in sterling.", "Sterling Fairclough", None),
    ("She made a sterling effort at college.", "Sterling Fairclough", None),
    ("Joy brings joy to everyone.", "Joy Adebayo", "[aunt] brings joy to everyone."),
    ("Keeping faith with her is important; she has faith in these friends.", "Faith Oddie",
     None),
])
def test_the_word_stays_beside_a_person_of_its_name(text: str, family: str,
                                                    expected: str | None) -> None:
    out = scrubbed(text, family_names=[FamilyMember(family, "aunt")])
    assert out == (expected or text)


def test_a_tutoring_business_named_like_a_person_stays() -> None:
    out = scrubbed("She is tutored by Mrs Pennington from Kip McGrath on Saturdays.")
    assert "Kip McGrath" in out and "Pennington" not in out, out
