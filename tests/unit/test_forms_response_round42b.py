"""Replies as round 42's outside tester wrote them, and shapes found by hand beside them: an
opening "Offer." its next sentence refuses, an offer held until the home has met her ("but
could offer … if that goes well"), a welcome on the council's condition ("if so, she's
welcome from the 9th") and a start said as the weekend with its day in brackets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms.quotes import _A_DAY_PREFERRED
from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


def test_an_opening_offer_its_next_sentence_refuses_is_asked() -> None:
    parsed = parsed_reply("Offer. Sorry, we can't offer.", on=_DEC2)
    assert parsed.decision is None
    assert "decision" in parsed.missing


def test_an_opening_decline_and_a_refusal_stay_a_decline() -> None:
    parsed = parsed_reply("Decline. Sorry, we can't offer.", on=_DEC2)
    assert parsed.decision == "decline"


def test_a_yes_the_next_sentence_refuses_is_no_offer() -> None:
    parsed = parsed_reply("Yes. No bed I'm afraid.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_an_offer_held_until_the_home_has_met_her_is_interest() -> None:
    parsed = parsed_reply("We can't offer until we've met her, but could offer £4,900 pw from "
                          "14/12 if that goes well", on=_DEC2)
    assert parsed.decision == "interested"


def test_an_offer_if_the_visit_goes_well_is_interest() -> None:
    parsed = parsed_reply("We could offer her a place from 14/12 at £4,900 pw if the visit "
                          "goes well.", on=_DEC2)
    assert parsed.decision == "interested"


def test_a_welcome_on_the_councils_condition_is_an_offer() -> None:
    parsed = parsed_reply("We can only offer if Northby can provide transport to her school "
                          "\u2013 if so, she's welcome from the 9th, £1,180 pw.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(1180), date(2026, 12, 9))


def test_the_weekend_with_its_day_in_brackets_is_the_start() -> None:
    parsed = parsed_reply("We could take her from the weekend (Sat 5th) \u2013 £4,980 pw.",
                          on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 5))


def test_the_weekend_alone_is_asked() -> None:
    parsed = parsed_reply("We could take her from the weekend \u2013 £4,980 pw.", on=_DEC2)
    assert parsed.available_from is None


@pytest.mark.parametrize("unit", [
    "if that goes well ", "can't offer until we've ", "could offer if it ",
    "the weekend (Sat ", "the weekend ( ", "(Sat 5th) ", "offer. ", "she's welcome from ",
])
def test_text_made_to_slow_the_round_42b_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


_QUOTED_REFERRAL = ("\n\nOn Tue, 1 Dec 2026 at 10:02, Northby Council Placements "
                    "<r+ab12cd@broker.example> wrote:\n\n> RESPONSE FORM\n"
                    "> Decision: (offer / interested / decline)\n\nOffer\n\n> Weekly fee:\n"
                    "> Available from:\n>\n> REFERRAL REF-2026-000123\n> Age: 14\n"
                    "> Needed from: 07/12/2026\n\n{under}\n\n> Weekly budget: £5,000\n\n"
                    "we're £4,990\n\n> Expected duration: 6-12 months\n")


def test_a_day_typed_under_the_quoted_needed_from_is_the_start() -> None:
    parsed = reply_read_as_mail("Replies below.\n\nGemma" + _QUOTED_REFERRAL.format(
        under="the 8th is better for us"), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4990), date(2026, 12, 8))


def test_a_day_refused_under_the_quoted_needed_from_is_no_start() -> None:
    parsed = reply_read_as_mail("Replies below.\n\nGemma" + _QUOTED_REFERRAL.format(
        under="the 8th is too soon"), on=_DEC2)
    assert parsed.available_from is None


def test_a_day_under_the_quoted_needed_from_without_answers_inline_is_no_start() -> None:
    parsed = reply_read_as_mail("Thanks.\n\nGemma" + _QUOTED_REFERRAL.format(
        under="the 8th"), on=_DEC2)
    assert parsed.available_from is None


@pytest.mark.parametrize("unit", ["the 8th ", " - ", "8/12 is ", "Mon 8 ", "\t", "the 8th is "])
def test_a_day_under_needed_from_made_to_slow_its_rule_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), _A_DAY_PREFERRED.fullmatch, 5_000, repeats=3) < LINEAR
    assert growth(repeated(unit), lambda text: reply_read_as_mail(
        "Replies below." + _QUOTED_REFERRAL.format(under=text), on=_DEC2), 2_000,
                  repeats=3) < LINEAR
