"""Replies as round 46's outside tester wrote them: dictated fees whose words do not read as
one sum, dictated dates, and an answer that the subject line contradicts."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.response import read_response
from tests.factories import RESPONSE_SPEC, parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize("text", [
    "We can offer from Monday the fourteenth at four thousand eight fifty a week.",
    "We can offer from 4 January. The fee would be four nine hundred a week.",
])
def test_a_spoken_fee_that_does_not_read_as_one_sum_is_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer from 14/12 at four thousand nine hundred and fifty pounds a week.", 4950),
    ("We can offer from 14/12 at forty nine hundred pounds a week.", 4900),
    ("We can offer from 14/12 at five and a half thousand a week.", 5500),
    ("We can offer from 14/12 at five thousand one hundred a week.", 5100),
])
def test_a_spoken_fee_that_reads_as_one_sum_is_the_fee(text: str, fee: int) -> None:
    assert parsed_reply(text, on=_DEC2).weekly_fee == fee


@pytest.mark.parametrize("unit", [
    "four thousand nine hundred and ", "nine nine nine hundred ", "forty forty thousand ",
    "from weeks from ", "two weeks   from 1 ", "per a weeks from 1 ", "to weeks from Monday ",
    "frees up on 9/12. move-in   would be move in date will be ",
    "we think that we think we   ", "i reckon i believe that ",
])
def test_text_made_to_slow_the_round_46_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "start"), [
    ("We can offer two weeks from Monday at £4,850 pw.", date(2026, 12, 21)),
    ("We can offer three weeks from Monday at £4,850 pw.", date(2026, 12, 28)),
    ("We can offer at £9,700 per 2 weeks from Monday 7th.", date(2026, 12, 7)),
    ("We can offer at £4,850 per week from 2026-12-14.", date(2026, 12, 14)),
])
def test_weeks_counted_from_a_day_are_added_to_it(text: str, start: date) -> None:
    assert parsed_reply(text, on=_DEC2).available_from == start


def test_weeks_from_a_day_with_no_count_leave_the_day_asked() -> None:
    parsed = parsed_reply("We could take her to weeks from Monday at £4,850 pw.", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", None)
    assert "available_from" in parsed.missing


def test_an_on_call_no_for_tonight_with_the_day_teams_offer_is_an_offer() -> None:
    parsed = parsed_reply("Hi, on-call here. Can't offer tonight, but the day team can from "
                          "Monday 7th at £4,900 pw \u2013 I've confirmed with the RM.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4900, date(2026, 12, 7))


def test_an_offer_in_the_body_outweighs_a_decline_in_the_subject() -> None:
    parsed = read_response(
        {}, "Having spoken to the RM, we can actually offer from 14/12 at £4,850 pw.",
        RESPONSE_SPEC, message_date=_DEC2,
        subject="DECLINE - RE: Referral REF-2026-000123: residential, age 14")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4850, date(2026, 12, 14))


def test_a_move_in_named_after_the_day_the_bed_frees_up_is_the_start() -> None:
    parsed = parsed_reply("Our bed frees up on 9/12 when the current young person moves on "
                          "(8/12). We'd need a deep clean, so realistically move-in would be "
                          "Friday 11/12. Offer at £4,850.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4850, date(2026, 12, 11))


def test_the_day_a_bed_frees_up_is_the_start_when_no_move_in_follows() -> None:
    parsed = parsed_reply("Our bed frees up on 9/12. We can offer at £4,850 pw.", on=_DEC2)
    assert parsed.available_from == date(2026, 12, 9)


def test_an_offer_only_thought_possible_is_no_offer() -> None:
    parsed = parsed_reply("Subject to the full papers we think we could offer. We can't give a "
                          "fee until we've seen the risk assessment.", on=_DEC2)
    assert parsed.decision != "offer"


@pytest.mark.parametrize("text", [
    "Sorry we have know vacancies at the moment.",
    "Our only bed is going to a 13-year-old from another area on Monday, so sorry, it's a no.",
])
def test_no_vacancy_dictated_or_given_to_another_child_is_the_reason(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("text", ["We can offer nothing, sorry.",
                                  "Sorry, we can offer nothing for her at present."])
def test_an_offer_of_nothing_is_never_an_offer(text: str) -> None:
    """'We can offer nothing' was read as an offer: a refusal must never pass for one."""
    assert parsed_reply(text, on=date(2026, 12, 2)).decision != "offer"
