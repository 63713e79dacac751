"""Replies as round 35's outside tester wrote them, in providers' house styles: a helpdesk's
thread of comments, a provider's own table, an officer writing in a second language, CRM
pastes with Y/N fields and admission dates, and declines whose reason is the council."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)

_TICKET = ("##- Please type your reply above this line -##\n\nYour request (#48213) has been "
           "updated.\n\n----------------------------------------------\n\nJess Varley (Heron "
           "Mill Admissions)\nDec 3, 2026, 09:12 GMT\n\n{newest}\n\n"
           "----------------------------------------------\n\nJess Varley (Heron Mill "
           "Admissions)\nDec 2, 2026, 10:30 GMT\n\n{older}\n\n"
           "----------------------------------------------\nStatus: Solved\n")


def test_a_helpdesk_threads_older_comment_is_history() -> None:
    parsed = reply_read_as_mail(_TICKET.format(
        newest="Closing this one, sorry - our fee for her would be £5,900 pw, which we "
               "understand is well over your budget.",
        older="We're interested - could you send the full papers?"), on=_DEC2)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == (
        "decline", "price", None)


def test_a_helpdesk_threads_newest_comment_is_read() -> None:
    parsed = reply_read_as_mail(_TICKET.format(newest="We can offer from 14/12 at £4,800 pw.",
                                          older="Sorry, no vacancy at the moment."), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4800), _DEC14)


@pytest.mark.parametrize(("text", "answer"), [
    ("Can we meet her needs?: Need more info - see questions below\nCurrent vacancy?: Yes\n"
     "Weekly cost: £4,900", ("interested", Decimal(4900), None)),
    ("Dear Sir/Madam, our home can give placement to the young lady from 14th of December month. "
     "Cost will be 4.850 pounds weekly.", ("offer", Decimal(4850), _DEC14)),
    ("we are not having vacant bed at present time", ("decline", None, None)),
    ("We can consider the young lady. Kindly revert with full papers, thereafter we will confirm "
     "the offer.", ("interested", None, None)),
    ("We are pleased to accept her at Larch Hall – £4,900 pw, admission 14/12/2026.",
     ("offer", Decimal(4900), _DEC14)),
    ("Fine - we can agree £4,750. She can come on the 14th as planned.",
     ("offer", Decimal(4750), _DEC14)),
    ("Regrettably, owing to a change in our group, we must now withdraw that offer.",
     ("withdrawn", None, None)),
    ("Vacancy Y/N: N\nMeet needs Y/N: Y\nFee: -\nDOA: -", ("decline", None, None)),
    ("Vacancy Y/N: Y\nMeet needs Y/N: N (CSE risk)\nFee: -\nDOA: -", ("decline", None, None)),
    ("Decision: Offer\nWeekly fee: £4,850\nDOA: 14/12", ("offer", Decimal(4850), _DEC14)),
    ("Enquiry status: Closed – no carer match", ("decline", None, None)),
    ("Enquiry status: Profile(s) sent", ("interested", None, None)),
    ("Out-of-hours duty here - we can take her tonight as an emergency, £5,600 pw.",
     ("offer", Decimal(5600), _DEC2)),
])
def test_round_35_house_styles_are_read(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


@pytest.mark.parametrize(("text", "reason"), [
    ("my two lads at the mo would run rings round her, it wouldn't be fair on her. Sorry x",
     "matching"),
    ("Decision: decline. Reason: the mix of young people here isn't right for her just now",
     "matching"),
    # an agency with no carer to match her has no vacancy, not a matching concern
    ("Enquiry status: Closed – no carer match", "no-vacancy"),
    ("Sorry - our director has asked us not to accept new Northby placements for now.", None),
    ("We're pausing new referrals from Northby until the new year.", None),
])
def test_round_35_declines_give_their_reason(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_agreeing_to_something_else_is_no_offer() -> None:
    parsed = parsed_reply("We can agree to a visit on 14/12.", on=_DEC2)
    assert parsed.decision is None


@pytest.mark.parametrize("unit", ["----\nA B\nDec 3, 2026, 09:12 GMT\n", "Vacancy Y/N: ",
                                  "we can agree ", "take her ", "admission "])
def test_text_made_to_slow_the_round_35_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_a_pre_admission_visit_is_before_the_move() -> None:
    """Round 24's reply again, after round 35's "admission" cue read the visit's day."""
    parsed = parsed_reply("We can offer - pre-admission visit Thu 10th, move-in Mon 14th. "
                          "£4,950 pw.", on=_DEC2)
    assert parsed.available_from == _DEC14
