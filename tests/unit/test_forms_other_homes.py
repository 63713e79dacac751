"""A reply that answers for several of the provider's homes is read for the home it was
sent to: the other homes' lines give nothing of this home's decision, fee or date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth

ON = date(2026, 12, 2)
HOME = "Elm Court"


@pytest.mark.parametrize("text", [
    "Hi,\n\nElm Court: full.\nRosewood Lodge: can offer from 14/12 at £4,900 pw.\n\nKofi",
    "Elm Court:\nSorry, we're full.\n\nRosewood Lodge:\nWe can offer from 14/12 at £4,900 pw.",
    "The Willows – we could offer from 14/12, £4,900 a week\nElm Court – sorry, no vacancy",
    # each home's name alone on its line, its answer under it; and bulleted lines
    "Hi,\n\nElm Court\nNo vacancy at present, sorry.\n\nRosewood Lodge\nWe can offer from "
    "14/12 at £4,900 pw.\n\nKind Regards\nNeil",
    "Hi,\n\n- Rosewood Lodge: offer from 14/12, £4,900 pw\n- Elm Court: no vacancy\n"
    "- Cedar House: interested, please send papers",
    "1. Rosewood Lodge: offer from 14/12, £4,900 pw\n2. Elm Court: no vacancy",
])
def test_this_homes_decline_is_not_overturned_by_another_homes_offer(text: str) -> None:
    parsed = parsed_reply(text, on=ON, known_service_name=HOME)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")
    assert (parsed.weekly_fee, parsed.available_from) == (None, None)


@pytest.mark.parametrize("text", [
    "Rosewood Lodge: full.\nElm Court: can offer from 14/12 at £4,900 pw.",
    "- Rosewood Lodge: no vacancy\n- Elm Court: offer from 14/12, £4,900 pw\n"
    "- Cedar House: interested, please send papers",
    "Good Morning All\nElm Court\nWe can offer from 14/12 at £4,900 pw.\n\nRosewood Lodge\n"
    "Sorry, we're full.",
    "Elm Court Children's Home: we can offer from 14/12 at £4,900 pw\n"
    "Rosewood Lodge: offer, £5,200pw from 21/12",
])
def test_this_homes_offer_is_read_from_its_own_line(text: str) -> None:
    parsed = parsed_reply(text, on=ON, known_service_name="Elm Court Children's Home")
    assert parsed.decision == "offer"
    assert (parsed.weekly_fee, parsed.available_from) == (Decimal("4900"), date(2026, 12, 14))


@pytest.mark.parametrize("text", [
    "Elm Court: full.\nRosewood Lodge: can offer from 14/12 at £4,900 pw.\n\nKofi",
    "1. Elm Court: full\n2. Rosewood Lodge: can offer from 14/12 at £4,900 pw",
])
def test_two_other_homes_answering_line_by_line_say_nothing_of_this_one(text: str) -> None:
    parsed = parsed_reply(text, on=ON, known_service_name="Cedar House")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)
    assert "decision" in parsed.missing


def test_one_other_name_heading_the_only_answer_may_be_the_providers_own() -> None:
    """"Kestrel Care: we can offer …" on Elm Court's thread may be the provider's company:
    with one such name and no line for this home, the reply is read whole."""
    parsed = parsed_reply("Kestrel Care: we can offer from 14/12 at £4,900 pw.", on=ON,
                          known_service_name=HOME)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal("4900"))


def test_a_headed_note_under_this_homes_line_is_still_this_homes() -> None:
    parsed = parsed_reply("Rosewood Lodge: full.\nElm Court: we can offer from 14/12.\n"
                          "Please Note: the place is £4,900 pw.", on=ON, known_service_name=HOME)
    assert parsed.decision == "offer" and parsed.weekly_fee == Decimal("4900")


@pytest.mark.parametrize("text", [
    "Elm Court: decline, matching",
    "Hi,\nElm Court – Decline – matching.\nThanks",
    # a Word table's rows, one to a home, under a header row
    "Hi,\n\nOur homes' answers:\n\nHome\tAnswer\nCedar House\tNo vacancy\n"
    "Rosewood Lodge\tOffer - 14/12, £4,900 pw\nElm Court\tDecline - matching (current group)\n\n"
    "Marek",
    # rows with pipes, and a third column
    "Cedar House | No vacancy\nElm Court | Decline – matching",
    "| Home | Answer | Reason |\n| Rosewood Lodge | Offer | 14/12 |\n"
    "| Elm Court | Decline | matching |",
    "Rosewood Lodge\tOffer\t14/12 £4,900\nElm Court\tDecline\tmatching",
])
def test_this_homes_own_line_gives_its_decision_and_reason(text: str) -> None:
    parsed = parsed_reply(text, on=ON, known_service_name=HOME)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")
    assert (parsed.weekly_fee, parsed.available_from) == (None, None)


@pytest.mark.parametrize("unit", ["Elm Court: a\nAa Bb: offer\n", "Aa Bb Cc ", "Aa  ",
                                  "- Aa Bb\nno\n", "- Aa Bb Cc ", "1. Aa Bb: no\n",
                                  "Aa Bb\tno\n", "Elm Court\t\t", "| Aa Bb | no | ",
                                  "Elm Court | a\t"])
def test_text_made_to_slow_the_home_headings_is_read_in_linear_time(unit: str) -> None:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    assert growth(make, lambda text: parsed_reply(text, on=ON, known_service_name=HOME),
                  5_000) < LINEAR


# ux47 R2: one sentence for two homes, each its fee, the start shared. Larch House's part was
# lost ("both Larch House and" left of its offer): the decision asked, then the fee and start.
BOTH = ("Hi, both Larch House and Larch Lodge can offer for this young lady.\n"
        "Larch House £5,100 per week, Larch Lodge £5,400 per week. Both available from 14/12.\n"
        "Thanks, Dee (Placements, Larch Care)")


@pytest.mark.parametrize(("home", "fee"), [("Larch House", "5100"), ("Larch Lodge", "5400")])
def test_homes_answering_together_each_keep_their_own_part(home: str, fee: str) -> None:
    parsed = parsed_reply(BOTH, on=ON, known_service_name=home)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(fee), date(2026, 12, 14))


@pytest.mark.parametrize("text", [
    "Larch House and Larch Lodge are both able to offer, Larch House at £5,100 pw and Larch "
    "Lodge at £5,400 pw, from 14/12.",
    "Larch Lodge £5,400 pw; Larch House £5,100 pw. Both can offer from 14/12.",
])
def test_each_homes_clause_is_its_own_in_other_words(text: str) -> None:
    parsed = parsed_reply(text, on=ON, known_service_name="Larch House")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("5100"), date(2026, 12, 14))


def test_a_home_not_among_them_takes_nothing_of_theirs() -> None:
    parsed = parsed_reply(BOTH, on=ON, known_service_name="Larch View")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)


def test_a_names_words_are_remembered_and_a_long_one_is_read_but_not_kept() -> None:
    """Every clause's first words are looked at in every reply: a name's words are folded
    once and remembered; a name longer than any home's is read the same, and not kept."""
    from broker.forms.other_homes import _NAME_KEPT, _words, _words_kept

    assert _words("The Elm Court’s Home") == ("the", "elm", "court's", "home")
    assert _words("Elm Court") is _words("Elm Court")
    long = "Elm " * (_NAME_KEPT // 4 + 1)
    kept = _words_kept.cache_info().currsize
    assert _words(long) == ("elm",) * (_NAME_KEPT // 4 + 1)
    assert _words_kept.cache_info().currsize == kept
