"""Replies as round 34's outside tester wrote them: tracked changes pasted as text, a form's
offer taken back below it, hedged offers, a carer's time away before her start, "the first
Monday in January", and refusals with no refusal word."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)


@pytest.mark.parametrize(("text", "answer"), [
    ("Decision: Offer\nWeekly fee: [DELETED: £5,200] £4,900\nAvailable from: 14/12/2026",
     ("offer", Decimal(4900), _DEC14)),
    ("Decision: Offer\nWeekly fee: £4,900\nAvailable from: [DELETED: 14/12/2026] "
     "[INSERTED: 21/12/2026]", ("offer", Decimal(4900), _DEC21)),
    ("Decision: {Deleted: Interested} {Inserted: Offer}\nWeekly fee: £4,900\nAvailable from: "
     "14/12/2026", ("offer", Decimal(4900), _DEC14)),
])
def test_tracked_changes_pasted_as_text_are_read_as_accepted(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


def test_a_forms_offer_treated_as_a_decline_below_it_is_a_decline() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026\n\n"
                          "Actually - I've just spoken to our RM and she's not comfortable with "
                          "the match, so please treat this as a decline (matching). Sorry for "
                          "the confusion.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee,
            parsed.available_from) == ("decline", "matching", None, None)


def test_an_offer_said_to_be_probable_is_asked() -> None:
    parsed = parsed_reply("We think we could probably offer her a place from the 14th, at "
                          "around £4,900 a week.", on=_DEC2)
    assert parsed.decision is None


def test_a_carers_time_away_is_not_her_start() -> None:
    parsed = parsed_reply("Carer A (Mrs L) is away from 19/12 to 2/1, so she could have her "
                          "from Monday 4th January - £1,125 pw.\n\nWe're offering Carer A.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(1125), date(2027, 1, 4))


@pytest.mark.parametrize(("said", "day"), [
    ("the first Monday in January", date(2027, 1, 4)),
    ("the last Friday in January", date(2027, 1, 29)),
    ("the 2nd Tuesday of December", date(2026, 12, 8)),
    ("the first Tuesday of December", date(2027, 12, 7)),  # this year's is past
])
def test_a_weekday_counted_in_its_month_is_that_day(said: str, day: date) -> None:
    parsed = parsed_reply(f"Decision: Offer\nWeekly fee: £4,800\nAvailable from: {said}",
                          on=_DEC2)
    assert parsed.available_from == day


@pytest.mark.parametrize(("text", "reason"), [
    ("We'll leave this one with you, thanks for thinking of us.", None),
    ("Thanks for sending this through. Good luck finding somewhere for her.", None),
    ("We'd struggle with this one I think.", None),
    ("I don't think we're the home for her this time, but do keep sending us referrals.", None),
    ("Thank you — we'll sit this one out.", None),
    ("It's not one for us, sadly - all our lot are lads under 13.", "matching"),
    ("I'll have to hand this one back to you - we just haven't got the room.", "no-vacancy"),
    ("Hope you find the right place for her soon - we're just not it at the moment, with a full "
     "house.", "no-vacancy"),
    ("Priya has asked me to pass on that unfortunately they're full at present.", "no-vacancy"),
    ("Having looked carefully at the current group, we don't feel we could keep her safe "
     "alongside the young people already living here, so we will have to decline.", "matching"),
])
def test_a_refusal_with_no_refusal_word_is_a_decline(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_good_luck_beside_an_offer_leaves_the_offer() -> None:
    parsed = parsed_reply("Good luck finding somewhere for her - we can offer from 14/12 at "
                          "£4,900 pw if nothing else comes up.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4900))


@pytest.mark.parametrize("unit", ["[deleted: a] ", "{inserted: a} ", "[DELETED: ",
                                  "away from 1 to ", "the first monday in ", "probably ",
                                  "treat this as a decline ", "this is for (1, ",
                                  "our response for 1 and 1 ", "1. 1/1 ", "1) yes "])
def test_text_made_to_slow_the_round_34_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


_OUR_SUBJECT = "RE: Referral REF-2026-000123: residential, age 14, ZZ98 - reply by 4 Dec 2026"


@pytest.mark.parametrize("text", [
    "This is our response for J.M. (the 12-year-old boy you sent through on Monday): we can "
    "offer from 14/12 at £4,800 pw.",
    "Our response for the two boys (T & R, siblings, 8 and 10): interested - please send the "
    "papers.",
    "This is for A.K. (15, male), not the young lady - we can't meet his needs. I'll reply "
    "separately about her.",
])
def test_an_answer_for_another_child_is_not_this_referrals(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2, subject=_OUR_SUBJECT)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)


def test_an_answer_for_this_referrals_child_is_read() -> None:
    parsed = parsed_reply("Our response for the 14-year-old girl: we can offer from 14/12 at "
                          "£4,800 pw.", on=_DEC2, subject=_OUR_SUBJECT)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4800))


@pytest.mark.parametrize(("text", "answer"), [
    ("1. Yes 2. £4,850 3. 14/12 4. Yes, EHCP can be met", ("offer", Decimal(4850), _DEC14)),
    ("1. Yes\n2. £4,900 pw\n3. Monday 21st\n4. Yes – our on-site school can deliver her EHCP",
     ("offer", Decimal(4900), _DEC21)),
    ("1) Yes 2) Yes 3) £4,750 4) 7th Dec", ("offer", Decimal(4750), date(2026, 12, 7))),
])
def test_numbered_short_answers_give_the_day_among_them(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


def test_two_days_among_numbered_answers_give_no_start() -> None:
    parsed = parsed_reply("1. Yes 2. £4,850 3. 14/12 4. 21/12", on=_DEC2)
    assert parsed.available_from is None


@pytest.mark.parametrize(("text", "answer"), [
    ("1. £5,100 2. 14th Dec 3. We could come down to £4,950 but not £4,700",
     ("offer", Decimal(4950), _DEC14)),
    ("We can offer from 14/12 at £5,100 pw; we cannot come down to £4,700.",
     ("offer", Decimal(5100), _DEC14)),
    ("Offer - she could move in any time between 14th and 18th Dec. £4,850pw.",
     ("offer", Decimal(4850), _DEC14)),
])
def test_a_fee_come_down_to_and_a_window_to_move_in(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer
