"""Replies as round 32's outside tester wrote them, in every client's shape: a date's year
before the fee, terms still to follow above a signature's banner, a colleague's answer
forwarded under the sender's own signature or Apple Mail's marker, and a match that is not
right."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms import read_message, read_response
from tests.factories import RESPONSE_SPEC, parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("We can offer from 14/12/2026, £4,850 per week.", Decimal(4850), _DEC14),
    ("We can offer from 14 December 2026, £4,850 per week.", Decimal(4850), _DEC14),
    ("Offer: 21/12/2026, £4,900 pw", Decimal(4900), _DEC21),
])
def test_a_dates_year_before_the_fee_is_not_the_fee(text: str, fee: Decimal,
                                                     start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


def test_terms_still_to_follow_are_asked_whatever_a_banner_below_says() -> None:
    parsed = parsed_reply("We can offer her a place. Fee and start date to follow once the "
                          "manager has reviewed.\n\nKieran Doyle\nDeputy Manager\nHollybrook "
                          "Cottage\nWeekly rates from £4,200 | Vacancies from 14/12/2026", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", None, None)
    assert {"weekly_fee", "available_from"} <= set(parsed.missing)


_FORWARDED = """{pointer}

Kind regards,

Abi Okonkwo
Central Referrals Team
Larch Hall | Larch Care Group
T: 01632 960581 | M: 07700 900734

From: Sam Hebden <sam.hebden@larchhall.example>
Sent: 02 December 2026 09:12
To: Abi Okonkwo <abi.okonkwo@larchhall.example>
Subject: RE: Referral REF-2026-000123

Decision: Offer
Weekly fee: £4,650
Available from: 14/12/2026

Sam
"""
_APPLE = """FYI - our manager's reply.

Jess

Begin forwarded message:

From: Owen Price <owen.price@heronmill-care.example>
Subject: Re: Referral REF-2026-000123
Date: 2 December 2026 at 09:40:11 GMT
To: Jess Varley <jess.varley@heronmill-care.example>

We're interested - ask them for the full papers.

Owen
"""


def _read(body: str) -> tuple[str | None, Decimal | None, date | None]:
    raw = ("From: Abi <abi@larchhall.example>\nSubject: FW: RE: Referral\nContent-Type: "
           f"text/plain; charset=utf-8\n\n{body}").encode()
    message = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    parsed = read_response(dict(message.fields), message.body_text, RESPONSE_SPEC,
                           message_date=_DEC2)
    return parsed.decision, parsed.weekly_fee, parsed.available_from


def test_a_visits_date_to_follow_leaves_the_start_alone() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,800 pw, visit date to follow.", on=_DEC2)
    assert (parsed.weekly_fee, parsed.available_from) == (Decimal(4800), _DEC14)


@pytest.mark.parametrize(("body", "read"), [
    (_FORWARDED.format(pointer="Forwarding Sam's reply below as requested."),
     ("offer", Decimal(4650), _DEC14)),
    (_APPLE, ("interested", None, None)),
])
def test_a_colleagues_answer_forwarded_below_the_senders_signature_is_the_answer(
    body: str, read: tuple[str | None, Decimal | None, date | None],
) -> None:
    assert _read(body) == read


@pytest.mark.parametrize("text", [
    "Decline – the match with our current young people isn't right (two older boys).",
    "We'll have to decline this one – the matching with our current group isn't right.",
])
def test_a_match_that_is_not_right_is_a_decline_for_matching(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")


@pytest.mark.parametrize("unit", ["14/12/2026, £", "fee to follow ", "rates from £1 ",
                                  "fyi our manager's reply ", "match isn't right "])
def test_text_made_to_slow_the_round_32_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
